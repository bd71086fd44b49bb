"""The `quotes` command end to end: every input kind, bad inputs, exit codes, formats, determinism."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotes import api, cli, io, pipeline
from quotes.cli import app
from quotes.io import FORMATS
from quotes.table import MENTIONS_SCHEMA, QUOTES_SCHEMA

BRIDGE = (
    '"We will open the new bridge in June," Mayor Lena Ortiz said on Tuesday.\n'
    "Engineers warned that the river was rising faster than expected.\n"
)
HARBOUR = (
    "The harbour master, Tomas Keller, said the storm had passed. "
    '"The boats can go out again tomorrow," he told reporters.\n'
)
# two lines of page furniture (a "read more" list) above the story
WITH_FURNITURE = (
    'Also read: "We are ready," says coach before the final\n'
    'Read more: Minister says "taxes will fall"\n'
    '"The school reopens on Monday," principal Ana Silva said.\n'
)
QUOTES_OF = {
    BRIDGE: ["We will open the new bridge in June,", "the river was rising faster than expected"],
    HARBOUR: ["the storm had passed", "The boats can go out again tomorrow,"],
}
READERS = {
    "csv": lambda path: pd.read_csv(path, keep_default_na=False, dtype=str),
    "parquet": pd.read_parquet,
    "jsonl": lambda path: pd.read_json(path, lines=True, dtype=False),
}


@pytest.fixture(autouse=True)
def _pipeline_loaded_once(nlp):
    """Every test reuses the session's pipeline (the CLI gets it from load's cache)."""


def run(*args, stdin: str | bytes | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], input=stdin)


def write(tmp_path: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())


def tables(out: Path, fmt: str = "csv") -> tuple[pd.DataFrame, pd.DataFrame]:
    return READERS[fmt](out / f"mentions.{fmt}"), READERS[fmt](out / f"quotes.{fmt}")


def assert_no_traceback(result) -> None:
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert "Traceback" not in result.output


def test_help_shows_commands_and_examples():
    result = run("--help")
    assert result.exit_code == 0
    assert "extract" in result.output
    assert "quotes extract articles/ -o out/" in result.output


def test_extract_help_lists_every_option():
    result = run("extract", "--help")
    assert result.exit_code == 0
    for option in ("--out", "--format", "--model", "--n-process", "--batch-size", "--all-zones", "Examples"):
        assert option in result.output


def test_version_prints_the_package_name():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("quotes ")


@pytest.mark.parametrize(
    "files, args, doc_ids",
    [
        pytest.param({"bridge.txt": BRIDGE}, ["bridge.txt"], {"bridge"}, id="txt"),
        pytest.param(
            {"in/bridge.txt": BRIDGE, "in/more/harbour.txt": HARBOUR},
            ["in"],
            {"bridge", "harbour"},
            id="folder",
        ),
        pytest.param(
            {
                "feed.jsonl": pd.DataFrame({"id": ["j1", "j2"], "text": [BRIDGE, HARBOUR]}).to_json(
                    orient="records", lines=True
                )
            },
            ["feed.jsonl"],
            {"j1", "j2"},
            id="jsonl",
        ),
        pytest.param(
            {"feed.csv": pd.DataFrame({"id": ["c1", "c2"], "text": [BRIDGE, HARBOUR]}).to_csv(index=False)},
            ["feed.csv"],
            {"c1", "c2"},
            id="csv",
        ),
        pytest.param({}, ["-"], {"stdin"}, id="stdin"),
    ],
)
def test_extract_reads_each_input_kind(tmp_path, monkeypatch, files, args, doc_ids):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, files)
    result = run("extract", *args, "-o", "out", stdin=BRIDGE)
    assert result.exit_code == 0, result.output
    mentions, quotes = tables(tmp_path / "out")
    assert set(mentions["doc_id"]) == doc_ids
    # each article gives its direct quote and its reported speech, whatever the input kind
    texts = {"bridge": BRIDGE, "harbour": HARBOUR, "j1": BRIDGE, "j2": HARBOUR, "c1": BRIDGE, "c2": HARBOUR}
    expected = sorted(q for doc_id in doc_ids for q in QUOTES_OF[texts.get(doc_id, BRIDGE)])
    assert sorted(mentions["quote"]) == expected
    assert result.stdout == ""  # messages go to stderr: stdout stays clean for pipes


def test_extract_summary_line_counts_articles_quotes_and_speakers(tmp_path):
    write(tmp_path, {"bridge.txt": BRIDGE, "harbour.txt": HARBOUR})
    result = run("extract", tmp_path / "bridge.txt", tmp_path / "harbour.txt", "-o", tmp_path / "out")
    _, quotes = tables(tmp_path / "out")
    n_speakers = quotes["speaker"].replace("", None).nunique()
    [summary] = result.stderr.splitlines()
    assert summary.startswith(f"2 articles, {len(quotes)} quotes, {n_speakers} speakers in ")


@pytest.mark.parametrize(
    "files, args, exit_code, message",
    [
        pytest.param({"e.txt": ""}, ["e.txt"], 1, "skipped e.txt: empty", id="empty-file"),
        pytest.param(
            {"img.txt": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"},
            ["img.txt"],
            1,
            "skipped img.txt: binary, not text (contains NUL bytes)",
            id="binary-file",
        ),
        pytest.param({}, ["gone.txt"], 1, "skipped gone.txt: no such file or folder", id="missing-path"),
        pytest.param(
            {"notes.md": "text"},
            ["notes.md"],
            1,
            "skipped notes.md: unsupported file type '.md': use .txt, .jsonl, .csv, .parquet or a folder",
            id="unsupported-extension",
        ),
        pytest.param(
            {"feed.jsonl": '{"id": "j1", "text": "x"\n'},
            ["feed.jsonl"],
            1,
            "skipped feed.jsonl:1: not valid JSON (Expecting ',' delimiter at column 25)",
            id="jsonl-broken-line",
        ),
        pytest.param(
            {"feed.jsonl": '{"text": "no id here"}\n'},
            ["feed.jsonl"],
            1,
            "skipped feed.jsonl:1: no 'id'",
            id="jsonl-no-id",
        ),
        pytest.param(
            {"feed.csv": "id,text\nc1,\n"},
            ["feed.csv"],
            1,
            "skipped feed.csv:2: empty 'text'",
            id="csv-empty-text",
        ),
        pytest.param(
            {"old.txt": b"Caf\xe9 owners said \x93no\x94 to the plan."},
            ["old.txt"],
            0,
            "warning: old.txt: not UTF-8 (invalid byte at offset 3); read as cp1252",
            id="cp1252-warns-only",
        ),
        pytest.param(
            {"a/bridge.txt": HARBOUR},
            ["a"],
            0,
            "warning: a/bridge.txt: doc_id 'bridge' is taken by an earlier article; this one is 'bridge~2'",
            id="duplicate-stem-warns-only",
        ),
    ],
)
def test_extract_reports_bad_input_in_one_line_and_writes_the_rest(
    tmp_path, monkeypatch, files, args, exit_code, message
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"bridge.txt": BRIDGE, **files})
    result = run("extract", "bridge.txt", *args, "-o", "out")
    assert result.exit_code == exit_code, result.output
    assert message in result.stderr.splitlines()
    assert_no_traceback(result)
    mentions, _ = tables(tmp_path / "out")
    assert "bridge" in set(mentions["doc_id"])


def test_an_article_the_extractor_fails_on_is_named_and_the_others_are_written(tmp_path, break_extraction):
    break_extraction("harbour")
    write(tmp_path, {"bridge.txt": BRIDGE, "harbour.txt": HARBOUR})
    result = run("extract", tmp_path / "bridge.txt", tmp_path / "harbour.txt", "-o", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "failed harbour: RuntimeError: attribution broke"
    assert lines[-1].endswith("(extraction failed on 1 article: harbour)")
    assert_no_traceback(result)
    mentions, _ = tables(tmp_path / "out")
    assert set(mentions["doc_id"]) == {"bridge"}


@pytest.mark.parametrize("earlier", [False, True], ids=["fresh-folder", "earlier-tables"])
def test_extract_with_no_article_writes_nothing_and_exits_1(tmp_path, earlier):
    write(tmp_path, {"e.txt": "", "bridge.txt": BRIDGE})
    out = tmp_path / "out"
    if earlier:
        assert run("extract", tmp_path / "bridge.txt", "-o", out).exit_code == 0
    before = snapshot(out)
    result = run("extract", tmp_path / "e.txt", tmp_path / "dta", "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("error: no article could be read from the inputs: nothing written")
    assert_no_traceback(result)
    assert snapshot(out) == before  # the earlier tables untouched; no folder made when there was none


def snapshot(out: Path) -> dict[str, bytes] | None:
    """The tables a reader of ``out`` sees, or None when there is no folder."""
    if not out.exists():
        return None
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name.endswith((".csv", ".parquet", ".jsonl"))}


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(["extract", "-o", "out"], "Missing argument", id="no-inputs"),
        pytest.param(["extract", "bridge.txt"], "Missing option '--out'", id="no-outdir"),
        pytest.param(["extract", "bridge.txt", "-o", "out", "-f", "xlsx"], "Invalid value for '--format'", id="format"),
        pytest.param(["extract", "bridge.txt", "-o", "out", "--n-process", "0"], "--n-process", id="n-process-0"),
        pytest.param(["extract", "bridge.txt", "-o", "out", "--batch-size", "-1"], "--batch-size", id="batch-size"),
        pytest.param(["extract", "bridge.txt", "-o", "bridge.txt"], "is a file", id="outdir-is-a-file"),
        pytest.param(["frobnicate"], "No such command", id="unknown-command"),
    ],
)
def test_usage_errors_exit_2_without_writing(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"bridge.txt": BRIDGE})
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert_no_traceback(result)
    assert not (tmp_path / "out").exists()


def test_unknown_model_gives_one_line_error_and_exit_2(tmp_path):
    write(tmp_path, {"bridge.txt": BRIDGE})
    result = run("extract", tmp_path / "bridge.txt", "-o", tmp_path / "out", "--model", "xx_no_such_pipeline")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: spaCy pipeline 'xx_no_such_pipeline' is not installed")
    assert_no_traceback(result)
    assert not (tmp_path / "out").exists()


def test_outdir_that_cannot_be_created_exits_2_with_message(tmp_path):
    write(tmp_path, {"bridge.txt": BRIDGE})
    result = run("extract", tmp_path / "bridge.txt", "-o", tmp_path / "bridge.txt" / "out")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: cannot use output folder '{tmp_path / 'bridge.txt' / 'out'}': ")
    assert_no_traceback(result)


@pytest.mark.parametrize(
    "fault, exit_code, message",
    [
        pytest.param(OSError(28, "No space left on device"), 1, "error: cannot write the tables in", id="disk-full"),
        pytest.param(KeyboardInterrupt(), 130, "interrupted: nothing written", id="ctrl-c"),
    ],
)
def test_a_fault_in_the_second_table_write_keeps_the_earlier_pair(tmp_path, monkeypatch, fault, exit_code, message):
    write(tmp_path, {"bridge.txt": BRIDGE, "harbour.txt": HARBOUR})
    out = tmp_path / "out"
    assert run("extract", tmp_path / "bridge.txt", "-o", out).exit_code == 0
    before = snapshot(out)
    real_write, writes = io.write_table, []

    def second_write_fails(frame, path, fmt):
        writes.append(path)
        if len(writes) == 2:
            Path(path).write_text("half a tab")
            raise fault
        real_write(frame, path, fmt)

    monkeypatch.setattr(io, "write_table", second_write_fails)
    result = run("extract", tmp_path / "bridge.txt", tmp_path / "harbour.txt", "-o", out)
    assert result.exit_code == exit_code
    assert result.stderr.splitlines()[-1].startswith(message)
    assert_no_traceback(result)
    assert len(writes) == 2 and snapshot(out) == before
    assert sorted(p.name for p in (out / io.RUNS).iterdir()) == sorted(
        [io.CURRENT, os.readlink(out / io.RUNS / io.CURRENT)]
    )


def test_a_later_run_replaces_both_tables(tmp_path):
    write(tmp_path, {"bridge.txt": BRIDGE, "harbour.txt": HARBOUR})
    out = tmp_path / "out"
    assert run("extract", tmp_path / "bridge.txt", "-o", out).exit_code == 0
    assert run("extract", tmp_path / "harbour.txt", "-o", out).exit_code == 0
    mentions, quotes = tables(out)
    assert set(mentions["doc_id"]) == {"harbour"} and set(quotes["first_doc"]) == {"harbour"}
    assert len(list((out / io.RUNS).iterdir())) == 2  # current and its one run folder: the earlier one went


def test_leftovers_of_a_killed_run_are_removed_by_the_next(tmp_path):
    write(tmp_path, {"bridge.txt": BRIDGE})
    out = tmp_path / "out"
    assert run("extract", tmp_path / "bridge.txt", "-o", out).exit_code == 0
    dead = out / io.RUNS / "run-killed"
    dead.mkdir()
    (dead / "quotes.csv").write_text("half a tab")
    (out / ".quotes.csv.1234abcd.tmp").write_text("half a tab")
    (out / ".quotes-scratch.5678efgh.tmp").mkdir()  # the dask engine's scratch folder
    (out / ".quotes-scratch.5678efgh.tmp" / "0123.arrow").write_text("half a frame")
    (out / io.RUNS / ".current.1234abcd.tmp").symlink_to("run-killed")
    assert run("extract", tmp_path / "bridge.txt", "-o", out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([io.LOCK, io.RUNS, "mentions.csv", "quotes.csv"])
    assert len(list((out / io.RUNS).iterdir())) == 2


HOLD_LOCK = """
import sys, time
from pathlib import Path
from quotes.io import output_lock
with output_lock(Path(sys.argv[1])):
    print("holding", flush=True)
    time.sleep(60)
"""


def test_a_second_run_into_a_folder_in_use_fails_at_once(tmp_path):
    write(tmp_path, {"bridge.txt": BRIDGE})
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(Path(cli.__file__).parents[1])}
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(out)], stdout=subprocess.PIPE, text=True, env=env
    ) as holder:
        try:
            assert holder.stdout.readline().strip() == "holding"
            result = run("extract", tmp_path / "bridge.txt", "-o", out)
        finally:
            holder.kill()
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {out} is in use by another quotes extract (pid {holder.pid}): wait for it or use another folder"
    ]
    assert not (out / "quotes.csv").exists()
    assert run("extract", tmp_path / "bridge.txt", "-o", out).exit_code == 0  # the lock went with its process


def test_ctrl_c_while_reading_prints_one_line_and_exits_130(tmp_path, monkeypatch):
    write(tmp_path, {"bridge.txt": BRIDGE})

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "iter_mentions", interrupted)
    result = run("extract", tmp_path / "bridge.txt", "-o", tmp_path / "out")
    assert result.exit_code == 130
    assert result.stderr.splitlines() == ["interrupted: nothing written"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "files",
    [
        pytest.param({}, id="empty-folder"),
        pytest.param({"config.cfg": "[nlp\nlang = "}, id="broken-config"),
        pytest.param({"config.cfg": '[nlp]\nlang = "xx_none"\npipeline = []\n'}, id="unknown-language"),
        pytest.param({"config.cfg": "copy", "meta.json": "copy"}, id="no-weights"),
        pytest.param({"meta.json": "{not json"}, id="broken-meta"),
    ],
)
def test_a_pipeline_that_cannot_be_loaded_is_one_line_and_exit_2(tmp_path, files):
    model = tmp_path / "model"
    model.mkdir()
    for name, content in files.items():
        source = Path(pipeline.BUNDLED) / name
        (model / name).write_text(source.read_text() if content == "copy" else content)
    write(tmp_path, {"bridge.txt": BRIDGE})
    result = run("extract", tmp_path / "bridge.txt", "-o", tmp_path / "out", "--model", model)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ")
    assert_no_traceback(result)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_writes_both_tables_with_the_schema_columns(tmp_path, fmt):
    write(tmp_path, {"bridge.txt": BRIDGE, "harbour.txt": HARBOUR})
    result = run("extract", tmp_path / "bridge.txt", tmp_path / "harbour.txt", "-o", tmp_path / "out", "-f", fmt)
    assert result.exit_code == 0, result.output
    visible = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert visible == [f"mentions.{fmt}", f"quotes.{fmt}"]
    mentions, quotes = tables(tmp_path / "out", fmt)
    assert list(mentions.columns) == list(MENTIONS_SCHEMA)
    assert list(quotes.columns) == list(QUOTES_SCHEMA)
    assert set(mentions["doc_id"]) == {"bridge", "harbour"}
    assert set(mentions["quote_id"]) == set(quotes["quote_id"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_runs_write_identical_files(tmp_path, fmt):
    write(tmp_path, {"bridge.txt": BRIDGE, "harbour.txt": HARBOUR, "school.txt": WITH_FURNITURE})
    for out in ("run1", "run2"):
        assert run("extract", tmp_path, "-o", tmp_path / out, "-f", fmt).exit_code == 0
    for name in (f"quotes.{fmt}", f"mentions.{fmt}"):
        assert (tmp_path / "run1" / name).read_bytes() == (tmp_path / "run2" / name).read_bytes()


@pytest.mark.parametrize(
    "flags, zones",
    [
        pytest.param([], {"body"}, id="default-body-only"),
        pytest.param(["--all-zones"], {"body", "furniture"}, id="all"),
    ],
)
def test_page_furniture_is_dropped_unless_all_zones(tmp_path, flags, zones):
    write(tmp_path, {"school.txt": WITH_FURNITURE})
    result = run("extract", tmp_path / "school.txt", "-o", tmp_path / "out", *flags)
    assert result.exit_code == 0, result.output
    mentions, _ = tables(tmp_path / "out")
    assert set(mentions["zone"]) == zones
    assert "The school reopens on Monday," in set(mentions["quote"])


@pytest.fixture(scope="module")
def seed_runs(seed_dir, tmp_path_factory, nlp):
    """Two runs of `quotes extract data -o OUT` on the sample articles."""
    outs = [tmp_path_factory.mktemp("seed") / "out" for _ in range(2)]
    return outs, [run("extract", seed_dir, "-o", out) for out in outs]


def test_seed_articles_give_a_quote_carried_by_several_outlets(seed_runs, seed_dir):
    (out, _), (result, _) = seed_runs
    assert result.exit_code == 0, result.output
    mentions, quotes = tables(out)
    assert set(mentions["doc_id"]) <= {p.stem for p in seed_dir.glob("*.txt")}
    assert quotes["n_docs"].astype(int).max() >= 2


def test_seed_articles_give_identical_tables_on_two_runs(seed_runs):
    outs, results = seed_runs
    assert [r.exit_code for r in results] == [0, 0]
    for name in ("quotes.csv", "mentions.csv"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes()


def test_n_process_2_gives_the_same_tables_as_one_process(tmp_path):
    write(tmp_path, {"bridge.txt": BRIDGE, "harbour.txt": HARBOUR})
    for n, out in (("1", "one"), ("2", "two")):
        result = run("extract", tmp_path, "-o", tmp_path / out, "--n-process", n)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code == 0, result.output
    assert sorted(tables(tmp_path / "two")[0]["quote"]) == sorted(QUOTES_OF[BRIDGE] + QUOTES_OF[HARBOUR])
    for name in ("quotes.csv", "mentions.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


JSON_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=40), st.lists(st.integers(), max_size=2)
)
JSONL_LINES = st.lists(
    st.one_of(
        st.dictionaries(st.sampled_from(["id", "text", "title"]), JSON_VALUES, max_size=3).map(json.dumps),
        JSON_VALUES.map(json.dumps),
        st.text(max_size=40),  # a line that is not JSON
    ),
    max_size=4,
)
CSV_TABLES = st.tuples(
    st.lists(st.sampled_from(["id", "text", "title", ""]), min_size=0, max_size=3),
    st.lists(st.lists(st.text(max_size=40), max_size=4), max_size=3),
)


def csv_text(table: tuple[list[str], list[list[str]]]) -> str:
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table[0])
    writer.writerows(table[1])
    return buffer.getvalue()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.tuples(st.sampled_from([".txt", ".jsonl", ".csv"]), st.binary(max_size=120)),
        st.tuples(st.just(".jsonl"), JSONL_LINES.map(lambda lines: "\n".join(lines).encode())),
        st.tuples(st.just(".csv"), CSV_TABLES.map(lambda table: csv_text(table).encode())),
    )
)
def test_any_input_file_ends_in_exit_0_1_or_2_without_a_traceback(suffix_and_data):
    suffix, data = suffix_and_data
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        result = run("extract", path, "-o", Path(tmp) / "out")
        assert result.exit_code in {0, 1, 2}, result.output
        assert_no_traceback(result)
        written = (Path(tmp) / "out" / "quotes.csv").exists() and (Path(tmp) / "out" / "mentions.csv").exists()
        assert written == ("nothing written" not in result.output)
