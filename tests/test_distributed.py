"""The dask engine gives the default engine's tables, row for row, and says clearly when dask is missing."""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import quotes
from quotes import distributed
from quotes.api import Failure, build_tables, iter_mentions
from quotes.cli import EXIT_FAILURES, EXIT_OK, EXIT_USAGE, app
from quotes.io import LOCK, FilePart
from quotes.records import Article

dask = pytest.importorskip("dask")  # the [dask] extra; .ci/run installs it
dd = pytest.importorskip("dask.dataframe")

# our own sentences, mixed into the seed paragraphs: one person under several names, a quote retold with and
# without its speaker, a negated rewrite, a group speaker, and an 'according to'
OWN = [
    '"The harbour will reopen in May," said Harbour Master Ingrid Solberg.',
    'Solberg said the repairs were "on schedule and on budget".',
    'Ms Solberg told reporters: "The harbour will reopen in May, and the fish market with it."',
    '"The harbour will reopen in May."',
    '"We were never consulted about the closure of the harbour," a fisherman said.',
    '"We will not accept further delays to the harbour works," said Councillor Tomás Ferreira.',
    '"We will accept further delays to the harbour works," Ferreira said.',
    "According to the port authority, the repairs will cost four million euros.",
    '"Nobody asked the people who work here what they needed," the fishermen\'s union said in a statement.',
    '"On schedule and on budget," she added.',
]


def corpus(seed_dir, n: int, seed: int) -> list[Article]:
    """``n`` short articles: two seed paragraphs and one of our sentences each, ids renamed."""
    paragraphs = [
        line.strip()
        for path in sorted(seed_dir.glob("*.txt"))
        for line in path.read_text(encoding="utf8").splitlines()
        if len(line.strip()) > 40
    ]
    rng = random.Random(seed)
    return [Article(f"a{seed}_{i:03d}", "\n".join([*rng.sample(paragraphs, 2), rng.choice(OWN)])) for i in range(n)]


@pytest.fixture(scope="module")
def client():
    """A local cluster of two worker processes, each with the pipeline loaded once."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", memory_limit=0
        ) as cluster,
        Client(cluster) as client,
    ):
        distributed.warm(client)
        yield client


@pytest.fixture(scope="module")
def articles(seed_dir) -> list[Article]:
    seeds = [Article(p.stem, p.read_text(encoding="utf8")) for p in sorted(seed_dir.glob("*.txt"))]
    return seeds + corpus(seed_dir, 240, seed=1)


@pytest.fixture(scope="module")
def found(articles, nlp) -> list[list]:
    """Each article's mention records, from the default engine."""
    return [mentions for _, mentions in iter_mentions(articles, nlp=nlp)]


def test_dask_engine_gives_the_default_tables_row_for_row(articles, nlp, client):
    expected = quotes.extract_tables(articles, nlp=nlp)
    got = distributed.article_tables(articles, client=client, partition_size=20)
    assert len(got.mentions) > 500 and got.quotes["n_docs"].max() > 20  # quotes that travel across partitions
    pd.testing.assert_frame_equal(got.mentions, expected.mentions)
    pd.testing.assert_frame_equal(got.quotes, expected.quotes)


def untouched(folder: Path) -> Path:
    """``folder`` with its modification time set far in the past: any file made or removed in it moves it."""
    os.utime(folder, (1, 1))
    return folder


def used(folder: Path) -> bool:
    """Whether something was made or removed in a folder given by ``untouched`` (and nothing is left)."""
    return folder.stat().st_mtime > 1 and not list(folder.iterdir())


@pytest.mark.parametrize("on_disk", [False, True])
def test_extract_tables_takes_the_dask_engine_and_a_client(seed_dir, nlp, client, tmp_path, on_disk):
    texts = [p.read_text(encoding="utf8") for p in sorted(seed_dir.glob("*.txt"))]
    expected = quotes.extract_tables(texts, nlp=nlp)
    untouched(tmp_path)
    got = quotes.extract_tables(texts, engine="dask", client=client, scratch=tmp_path if on_disk else None)
    pd.testing.assert_frame_equal(got.mentions, expected.mentions)
    pd.testing.assert_frame_equal(got.quotes, expected.quotes)
    assert used(tmp_path) == on_disk  # the scratch folder was made there, and went with the call


def test_with_a_scratch_folder_the_tasks_keep_their_frames_in_files(seed_dir, nlp, client, tmp_path):
    """What Dask holds between the stages is file names: a worker's memory does not grow with its share of the
    corpus (benchmarks/dask.md)."""
    seeds = [Article(p.stem, p.read_text(encoding="utf8")) for p in sorted(seed_dir.glob("*.txt"))]
    expected = quotes.extract_tables(seeds, nlp=nlp)
    found, pieces, _, _ = distributed.file_graph(distributed.plan([str(seed_dir)]), scratch=str(tmp_path))
    found, pieces = client.compute([found, pieces], sync=True)
    handles = [*found, *pieces]
    assert handles and all(isinstance(h, distributed.Spilled) and Path(h.path).parent == tmp_path for h in handles)
    stages = {p.name for p in tmp_path.iterdir()}
    assert len(stages) > len(handles)  # each stage wrote its own files, not only the last
    tables = distributed.tables_of(found, pieces)
    pd.testing.assert_frame_equal(tables.mentions, expected.mentions)
    pd.testing.assert_frame_equal(tables.quotes, expected.quotes)


def test_the_dask_engine_takes_a_model_name_not_a_loaded_pipeline(nlp, tmp_path):
    with pytest.raises(ValueError, match="model="):
        quotes.extract_tables(["text"], nlp=nlp, engine="dask")
    with pytest.raises(ValueError, match="scratch= is for the dask engine"):
        quotes.extract_tables(["text"], nlp=nlp, scratch=tmp_path)


@pytest.mark.parametrize("on_disk", [False, True])
def test_an_article_the_extractor_fails_on_is_reported_and_the_others_kept(tmp_path, break_extraction, on_disk):
    """Run in this process (dask's synchronous scheduler), so that the extractor can be broken for one text."""
    break_extraction("harbour")
    lines = [json.dumps({"id": i, "text": t}) for i, t in [("port", OWN[7]), ("harbour", OWN[0]), ("union", OWN[8])]]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf8")
    (tmp_path / "scratch").mkdir()
    scratch = str(untouched(tmp_path / "scratch")) if on_disk else None
    graph = distributed.file_graph(distributed.plan([str(tmp_path / "in.jsonl")]), scratch=scratch)
    found, pieces, n_articles, (problems, failed) = dask.compute(*graph, scheduler="sync")
    assert n_articles == 3 and problems == []
    assert failed == [Failure("harbour", "RuntimeError: attribution broke")]
    assert set(distributed.tables_of(found, pieces).mentions["doc_id"]) == {"port", "union"}


def test_tables_of_a_dask_dataframe_of_articles(articles, nlp, client):
    some = articles[:40]
    frame = dd.from_pandas(
        pd.DataFrame({"id": [a.doc_id for a in some], "text": [a.text for a in some]}), npartitions=4
    )
    result = distributed.tables(frame)
    assert isinstance(result.mentions, dd.DataFrame) and isinstance(result.quotes, dd.DataFrame)
    got_mentions, got_quotes = client.compute([result.mentions, result.quotes], sync=True)
    expected = quotes.extract_tables(some, nlp=nlp)
    pd.testing.assert_frame_equal(got_mentions.reset_index(drop=True), expected.mentions)
    pd.testing.assert_frame_equal(got_quotes.reset_index(drop=True), expected.quotes)


@pytest.mark.parametrize("n_partitions", [1, 4, 12])
@pytest.mark.parametrize("unknown_share", [0.0, 0.4])
def test_canonical_speakers_and_merging_by_groups_match_the_whole_table(found, n_partitions, unknown_share):
    """The global steps alone (no pipeline): mentions cut into partitions, speakers partly removed."""
    rng = random.Random(n_partitions)
    records = [m for mentions in found for m in mentions]
    records = [m if rng.random() >= unknown_share else m.__class__(**{**vars(m), "speaker": None}) for m in records]
    expected = build_tables(records)
    frame = quotes.table.mentions_frame(records)
    bounds = sorted(rng.sample(range(1, len(frame)), n_partitions - 1))
    pieces = [frame.iloc[lo:hi] for lo, hi in zip([0, *bounds], [*bounds, len(frame)], strict=True)]
    with dask.config.set(scheduler="sync"):
        result = distributed.build_tables(_from_pieces(pieces))
        got_mentions, got_quotes = dask.compute(result.mentions, result.quotes)
    pd.testing.assert_frame_equal(got_mentions.reset_index(drop=True), expected.mentions)
    pd.testing.assert_frame_equal(got_quotes.reset_index(drop=True), expected.quotes)


@pytest.mark.parametrize("n_buckets", [2, 8])
def test_mentions_with_no_speaker_are_merged_in_several_buckets(found, n_buckets):
    """The mentions with no speaker do not all go to one merge task: they are split by family of forms."""
    records = [m.__class__(**{**vars(m), "speaker": None}) for mentions in found for m in mentions]
    frame = quotes.table.mentions_frame(records)
    sizes = distributed.bucket_sizes(frame, n_buckets)
    assert sum(sizes) == len(frame) > 500
    assert max(sizes) < 0.75 * len(frame)
    assert sum(size > 0 for size in sizes) >= min(n_buckets, 3)


def _from_pieces(pieces: list[pd.DataFrame]):
    return dd.from_delayed([dask.delayed(p) for p in pieces], meta=pieces[0].iloc[:0], verify_meta=False)


# --- the command --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, seed_dir) -> list[str]:
    """Seed folder, two jsonl files and a Parquet file, with ids taken twice across the files."""
    folder = tmp_path_factory.mktemp("inputs")
    first, second = corpus(seed_dir, 12, seed=2), corpus(seed_dir, 12, seed=3)
    second[0] = Article(first[0].doc_id, second[0].text)  # an id the first file took
    second[1] = Article("000_218c9ea5dd1bb58c", second[1].text)  # an id a seed file took
    for name, part in (("first.jsonl", first), ("second.jsonl", second)):
        lines = [json.dumps({"id": a.doc_id, "text": a.text}) for a in part]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf8")
    third = corpus(seed_dir, 6, seed=4)
    pd.DataFrame({"id": [a.doc_id for a in third], "text": [a.text for a in third]}).to_parquet(folder / "c.parquet")
    return [str(seed_dir), str(folder / "first.jsonl"), str(folder / "second.jsonl"), str(folder / "c.parquet")]


@pytest.mark.parametrize(("fmt", "scratch"), [("csv", False), ("parquet", False), ("csv", True)])
def test_command_with_the_dask_engine_writes_the_default_files(inputs, client, tmp_path, fmt, scratch):
    runner = CliRunner()
    default = runner.invoke(app, ["extract", *inputs, "-o", str(tmp_path / "default"), "-f", fmt])
    (tmp_path / "scratch").mkdir()
    untouched(tmp_path / "scratch")
    on_dask = runner.invoke(
        app,
        ["extract", *inputs, "-o", str(tmp_path / "dask"), "-f", fmt, "--engine", "dask"]
        + ["--scheduler", client.scheduler.address]
        + (["--scratch", str(tmp_path / "scratch")] if scratch else []),
    )
    assert default.exit_code == on_dask.exit_code == EXIT_OK, on_dask.output
    assert used(tmp_path / "scratch") == scratch
    assert "'000_218c9ea5dd1bb58c' is taken by an earlier article" in on_dask.output
    for name in ("quotes", "mentions"):
        assert (tmp_path / "dask" / f"{name}.{fmt}").read_bytes() == (
            tmp_path / "default" / f"{name}.{fmt}"
        ).read_bytes()


def test_command_writes_parquet_datasets_with_the_default_rows(inputs, client, tmp_path):
    runner = CliRunner()
    runner.invoke(app, ["extract", *inputs, "-o", str(tmp_path / "default"), "-f", "parquet"])
    (tmp_path / "scratch").mkdir()
    for scratch in ([], ["--scratch", str(tmp_path / "scratch")]):  # the second run replaces the first datasets whole
        untouched(tmp_path / "scratch")
        result = runner.invoke(
            app,
            ["extract", *inputs, "-o", str(tmp_path / "dask"), "-f", "parquet", "--dataset", "--engine", "dask"]
            + ["--scheduler", client.scheduler.address, *scratch],
        )
        assert result.exit_code == EXIT_OK, result.output
        assert used(tmp_path / "scratch") == bool(scratch)
    for name in ("quotes", "mentions"):
        folder = tmp_path / "dask" / f"{name}.parquet"
        files = sorted(folder.glob("part.*.parquet"))
        assert folder.is_dir() and len(files) > 1
        got = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
        pd.testing.assert_frame_equal(got, pd.read_parquet(tmp_path / "default" / f"{name}.parquet"))
    leftovers = [p for p in (tmp_path / "dask").iterdir() if p.name.startswith(".") and p.name != LOCK]
    assert not leftovers  # no temporary folder left


def test_plan_lists_globs_and_cuts_big_jsonl_and_parquet_files(tmp_path, seed_dir):
    lines = [json.dumps({"id": f"x{i}", "text": f"Line {i}."}) for i in range(100)]
    for name in ("b.jsonl", "a.jsonl"):
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf8")
    small = tmp_path / "small.jsonl"
    small.write_text(lines[0] + "\n", encoding="utf8")
    frame = pd.DataFrame(
        {"id": [f"r{i}" for i in range(60)], "text": [f"Some text of row {i}. " * 3 for i in range(60)]}
    )
    frame.to_parquet(tmp_path / "c.parquet", row_group_size=20)
    parts = distributed.plan(
        [str(seed_dir), str(tmp_path / "[ab].jsonl"), str(small), str(tmp_path / "c.parquet")], part_bytes=500
    )
    assert parts[0] == [str(p) for p in sorted(seed_dir.glob("*.txt"))]  # text files together
    pieces = [p for part in parts[1:] for p in part]
    assert all(len(part) == 1 for part in parts[1:])  # each piece of a table file is a partition
    by_file = [str(p.path) if isinstance(p, FilePart) else p for p in pieces]
    assert by_file == sorted(
        by_file, key=lambda f: ["a.jsonl", "b.jsonl", "small.jsonl", "c.parquet"].index(Path(f).name)
    )
    assert by_file.count(str(tmp_path / "a.jsonl")) > 2 and str(small) in pieces  # a small file stays whole
    assert [(p.start, p.stop) for p in pieces if isinstance(p, FilePart) and p.path.endswith(".parquet")] == [
        (0, 1),
        (1, 2),
        (2, 3),
    ]


def test_command_on_a_glob_and_a_cut_jsonl_file_gives_the_default_files(inputs, client, tmp_path, monkeypatch):
    big = tmp_path / "big.jsonl"
    big.write_text("".join(Path(p).read_text(encoding="utf8") for p in inputs[1:3]) + "not json\n", encoding="utf8")
    monkeypatch.setattr(distributed, "PART_BYTES", 2000)  # about three articles a part
    assert len(distributed.plan([str(big)])) > 4
    args = [str(Path(inputs[1]).parent / "*.jsonl"), str(big), "-o"]
    default = CliRunner().invoke(app, ["extract", *args, str(tmp_path / "default")])
    on_dask = CliRunner().invoke(
        app, ["extract", *args, str(tmp_path / "dask"), "--engine", "dask", "--scheduler", client.scheduler.address]
    )
    assert default.exit_code == on_dask.exit_code == EXIT_FAILURES, on_dask.output
    assert f"{big}:25: not valid JSON" in on_dask.output
    assert sorted(default.output.splitlines()[:-1]) == sorted(on_dask.output.splitlines()[:-1])
    for name in ("quotes", "mentions"):
        assert (tmp_path / "dask" / f"{name}.csv").read_bytes() == (tmp_path / "default" / f"{name}.csv").read_bytes()


def test_command_reports_bad_inputs_and_goes_on(inputs, client, tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": "A line."}\nnot json\n', encoding="utf8")
    result = CliRunner().invoke(
        app,
        ["extract", inputs[1], str(broken), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out")]
        + ["--engine", "dask", "--scheduler", client.scheduler.address],
    )
    assert result.exit_code == EXIT_FAILURES
    assert f"skipped {broken}:2: not valid JSON" in result.output
    assert "missing.txt: no such file or folder" in result.output
    assert "13 articles" in result.output and (tmp_path / "out" / "mentions.csv").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--workers", "2"], "options of --engine dask"),
        (["--scratch", "."], "options of --engine dask"),
        (["--engine", "dask", "--scratch", "no-such-folder"], "'no-such-folder' does not exist"),
        (["--engine", "dask", "--dataset"], "use it with --format parquet"),
        (["--engine", "dask", "--n-process", "2"], "use --workers"),
    ],
)
def test_command_refuses_options_that_do_not_go_together(seed_dir, tmp_path, options, message):
    result = CliRunner().invoke(app, ["extract", str(seed_dir), "-o", str(tmp_path), *options])
    assert result.exit_code == EXIT_USAGE
    assert message in result.output


def test_without_dask_the_engine_fails_in_one_line(seed_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an environment without the extra gives
    result = CliRunner().invoke(app, ["extract", str(seed_dir), "-o", str(tmp_path), "--engine", "dask"])
    assert result.exit_code == EXIT_USAGE
    lines = result.output.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith("error: the dask engine needs dask and distributed: pip install")
    with pytest.raises(distributed.DaskMissing, match=r"quotes\[dask\]"):
        quotes.extract_tables(["text"], engine="dask")


def test_the_local_cluster_runs_its_workers_without_dasks_statistical_profiler():
    """The profiler keeps the last thousand seconds of samples of spaCy's deep stacks: with it, a worker's
    memory grows with the length of the run (benchmarks/dask.md)."""
    with distributed.connect(workers=1) as local:
        callbacks = local.run(lambda dask_worker: sorted(dask_worker.periodic_callbacks))
    (names,) = callbacks.values()
    assert "heartbeat" in names and not [name for name in names if name.startswith("profile")]
