"""Reading every input kind, reporting bad inputs without stopping, and writing tables atomically."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pandas as pd
import pytest

from quotes.io import FORMATS, InputProblem, read_inputs, write_table
from quotes.records import Article

SAID = '"We will open the new bridge in June," Mayor Lena Ortiz said on Tuesday.\n'
WARNED = "Engineers warned that the river was rising faster than expected.\n"


def read(tmp_path: Path, monkeypatch, files: dict[str, bytes], args: list[str], stdin: bytes = b""):
    """Write ``files`` under tmp_path, read ``args`` from there, and split the results."""
    monkeypatch.chdir(tmp_path)
    for name, data in files.items():
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_bytes(data)
    items = list(read_inputs(args, stdin=io.BytesIO(stdin)))
    articles = [(a.doc_id, a.text) for a in items if isinstance(a, Article)]
    problems = [(p.source, p.reason, p.fatal) for p in items if isinstance(p, InputProblem)]
    return articles, problems


@pytest.mark.parametrize(
    "files, args, expected",
    [
        pytest.param({"bridge.txt": SAID.encode()}, ["bridge.txt"], [("bridge", SAID)], id="txt-stem-is-doc-id"),
        pytest.param({"BRIDGE.TXT": SAID.encode()}, ["BRIDGE.TXT"], [("BRIDGE", SAID)], id="txt-suffix-any-case"),
        pytest.param(
            {
                "in/b.txt": b"second",
                "in/a.txt": b"first",
                "in/sub/c.txt": b"third",
                "in/notes.md": b"not read",
                "in/.cache/d.txt": b"hidden",
            },
            ["in"],
            [("a", "first"), ("b", "second"), ("c", "third")],
            id="folder-recursive-sorted-txt-only-no-hidden",
        ),
        pytest.param(
            {"feed.jsonl": b'{"id": "n1", "text": "one"}\n\n{"id": 7, "text": "two\\u2028lines", "extra": 1}\n'},
            ["feed.jsonl"],
            [("n1", "one"), ("7", "two\u2028lines")],
            id="jsonl-id-field-blank-lines-ignored",
        ),
        pytest.param(
            {"feed.csv": '\ufeffid,text,outlet\nc1,"Line one\nline two, with ""marks""",AFP\nc2,short,\n'.encode()},
            ["feed.csv"],
            [("c1", 'Line one\nline two, with "marks"'), ("c2", "short")],
            id="csv-bom-header-multiline-field",
        ),
        pytest.param({}, ["-"], [("stdin", SAID)], id="stdin"),
        pytest.param({"bom.txt": b"\xef\xbb\xbf" + SAID.encode()}, ["bom.txt"], [("bom", SAID)], id="utf8-bom-dropped"),
        pytest.param(
            {"crlf.txt": b"Line one.\r\nLine two.\r\n"},
            ["crlf.txt"],
            [("crlf", "Line one.\r\nLine two.\r\n")],
            id="crlf-kept-so-offsets-match-the-file",
        ),
        pytest.param(
            {"a.txt": b"A", "b.jsonl": b'{"id": "j", "text": "J"}\n', "c.txt": b"C"},
            ["c.txt", "b.jsonl", "a.txt"],
            [("c", "C"), ("j", "J"), ("a", "A")],
            id="inputs-in-the-order-given",
        ),
    ],
)
def test_read_inputs_reads_each_input_kind(tmp_path, monkeypatch, files, args, expected):
    articles, problems = read(tmp_path, monkeypatch, files, args, stdin=SAID.encode())
    assert articles == expected
    assert problems == []


@pytest.mark.parametrize(
    "files, args, expected_problems, expected_ids",
    [
        pytest.param({"e.txt": b""}, ["e.txt"], [("e.txt", "empty", True)], [], id="empty-file"),
        pytest.param({"e.txt": b" \n\t\r\n"}, ["e.txt"], [("e.txt", "empty", True)], [], id="whitespace-only-file"),
        pytest.param({"e.txt": b"\xef\xbb\xbf"}, ["e.txt"], [("e.txt", "empty", True)], [], id="bom-only-file"),
        pytest.param(
            {"img.txt": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "ok.txt": b"fine"},
            ["img.txt", "ok.txt"],
            [("img.txt", "binary, not text (contains NUL bytes)", True)],
            ["ok"],
            id="binary-with-nul-bytes",
        ),
        pytest.param(
            {"noise.txt": bytes(range(1, 32)) * 50 + b"some words"},
            ["noise.txt"],
            [("noise.txt", "binary, not text (too many control characters)", True)],
            [],
            id="binary-mostly-control-bytes",
        ),
        pytest.param({}, ["gone.txt"], [("gone.txt", "no such file or folder", True)], [], id="missing-path"),
        pytest.param(
            {"story.md": b"text"},
            ["story.md"],
            [("story.md", "unsupported file type '.md': use .txt, .jsonl, .csv, .parquet or a folder", True)],
            [],
            id="unsupported-extension",
        ),
        pytest.param(
            {"in/readme.md": b"x"},
            ["in"],
            [("in", "folder has no .txt files", True)],
            [],
            id="folder-without-txt",
        ),
        pytest.param(
            {"feed.jsonl": b'{"id": "1", "text": "one"}\n{"id": "2", "text": \n{"id": "3", "text": "three"}\n'},
            ["feed.jsonl"],
            [("feed.jsonl:2", "not valid JSON (Expecting value at column 21)", True)],
            ["1", "3"],
            id="jsonl-broken-line-others-kept",
        ),
        pytest.param(
            {
                "feed.jsonl": b'{"text": "no id"}\n{"id": "2"}\n["a", "list"]\n{"id": "4", "text": 4}\n'
                b'{"id": "5", "text": "  "}\n{"id": "6", "text": "six"}\n'
            },
            ["feed.jsonl"],
            [
                ("feed.jsonl:1", "no 'id'", True),
                ("feed.jsonl:2", "no 'text'", True),
                ("feed.jsonl:3", "not a JSON object but list", True),
                ("feed.jsonl:4", "'text' is not a string but int", True),
                ("feed.jsonl:5", "empty 'text'", True),
            ],
            ["6"],
            id="jsonl-rows-missing-fields",
        ),
        pytest.param(
            {"feed.csv": b"id,text\n,no id\nr2,\nr3,three\nr4\n"},
            ["feed.csv"],
            [
                ("feed.csv:2", "no 'id'", True),
                ("feed.csv:3", "empty 'text'", True),
                ("feed.csv:5", "no 'text'", True),
            ],
            ["r3"],
            id="csv-rows-missing-fields",
        ),
        pytest.param(
            {"feed.csv": b"name,body\na,b\n"},
            ["feed.csv"],
            [("feed.csv", "no 'id' or 'text' column (columns: name, body)", True)],
            [],
            id="csv-without-id-and-text-columns",
        ),
        pytest.param(
            {"a/story.txt": b"one", "b/story.txt": b"two", "c/story.txt": b"three"},
            ["a", "b", "c"],
            [
                (
                    "b/story.txt",
                    "doc_id 'story' is taken by an earlier article; this one is 'story~2'",
                    False,
                ),
                (
                    "c/story.txt",
                    "doc_id 'story' is taken by an earlier article; this one is 'story~3'",
                    False,
                ),
            ],
            ["story", "story~2", "story~3"],
            id="duplicate-stems-get-numbered",
        ),
        pytest.param(
            {"x.jsonl": b'{"id": "x", "text": "jsonl"}\n', "x.txt": b"txt"},
            ["x.jsonl", "x.txt"],
            [("x.txt", "doc_id 'x' is taken by an earlier article; this one is 'x~2'", False)],
            ["x", "x~2"],
            id="duplicate-ids-across-kinds",
        ),
    ],
)
def test_read_inputs_reports_bad_inputs_and_keeps_going(
    tmp_path, monkeypatch, files, args, expected_problems, expected_ids
):
    articles, problems = read(tmp_path, monkeypatch, files, args)
    assert problems == expected_problems
    assert [doc_id for doc_id, _ in articles] == expected_ids


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        pytest.param(
            b"Caf\xe9 owners said \x93no\x94.",
            "Café owners said “no”.",
            "cp1252",
            id="cp1252",
        ),
        pytest.param(b"Caf\xe9 \x81", "Café \x81", "latin-1", id="latin-1-when-not-cp1252"),
        pytest.param("\ufeffZo\u00eb said hi.".encode("utf-16-le"), "Zoë said hi.", "UTF-16", id="utf-16-with-bom"),
    ],
)
def test_read_inputs_decodes_non_utf8_with_a_warning(tmp_path, monkeypatch, data, text, encoding):
    articles, problems = read(tmp_path, monkeypatch, {"old.txt": data}, ["old.txt"])
    assert articles == [("old", text)]
    [(source, reason, fatal)] = problems
    assert (source, fatal) == ("old.txt", False)
    assert f"read as {encoding}" in reason


def test_problem_reads_as_one_line_naming_input_and_reason():
    assert str(InputProblem("feed.jsonl:3", "no 'id'", True)) == "feed.jsonl:3: no 'id'"


LONG = "word " * 2_000_000  # 10 MB on one line
LONG_FILES = {
    "long.txt": lambda: LONG.encode(),
    "long.jsonl": lambda: json.dumps({"id": "long", "text": LONG}).encode() + b"\n",
    "long.csv": lambda: f'id,text\nlong,"{LONG}"\n'.encode(),
}


@pytest.mark.parametrize("name", LONG_FILES)
def test_read_inputs_reads_a_10mb_single_line_whole_and_fast(tmp_path, monkeypatch, name):
    files = {name: LONG_FILES[name]()}
    started = time.perf_counter()
    articles, problems = read(tmp_path, monkeypatch, files, [name])
    # linear reading takes well under a second; anything quadratic in 10 MB would take hours
    assert time.perf_counter() - started < 10
    assert problems == []
    assert [(doc_id, len(text)) for doc_id, text in articles] == [("long", 10_000_000)]


FRAME = pd.DataFrame(
    {
        "doc_id": pd.array(["a", "b"], dtype="string"),
        "quote": pd.array(['She said "no",\nthen left.', pd.NA], dtype="string"),
        "start_char": pd.array([3, pd.NA], dtype="Int64"),
        "confidence": [0.5, 1.0],
    }
)
READERS = {
    "csv": lambda path: pd.read_csv(path, dtype={"doc_id": "string", "quote": "string", "start_char": "Int64"}),
    "parquet": pd.read_parquet,
    "jsonl": lambda path: pd.read_json(
        path, lines=True, dtype={"doc_id": "string", "quote": "string", "start_char": "Int64"}
    ),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_table_round_trips_each_format(tmp_path, fmt):
    path = tmp_path / f"table.{fmt}"
    write_table(FRAME, path, fmt)
    back = READERS[fmt](path)
    assert list(back.columns) == list(FRAME.columns)
    assert back["quote"].iloc[0] == FRAME["quote"].iloc[0]
    assert back["quote"].isna().iloc[1] and back["start_char"].isna().iloc[1]
    assert back["confidence"].tolist() == [0.5, 1.0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


WRITERS = {"csv": "to_csv", "parquet": "to_parquet", "jsonl": "to_json"}


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()], ids=["error", "ctrl-c"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_write_table_failing_midway_leaves_old_table_and_no_temp_file(tmp_path, monkeypatch, fmt, error):
    path = tmp_path / f"table.{fmt}"
    path.write_text("the old table")

    def half_write(frame, target, *args, **kwargs):
        Path(target).write_text("half a tab")
        raise error

    monkeypatch.setattr(pd.DataFrame, WRITERS[fmt], half_write)
    with pytest.raises(type(error)):
        write_table(FRAME, path, fmt)
    assert path.read_text() == "the old table"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_write_table_rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="unknown table format 'xlsx'"):
        write_table(FRAME, tmp_path / "t.xlsx", "xlsx")
