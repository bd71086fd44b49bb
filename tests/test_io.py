"""Reading every input kind, reporting bad inputs without stopping, and writing tables atomically."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pandas as pd
import pytest

from quotes.io import FORMATS, InputProblem, read_inputs, read_sources, split_file, write_table
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


def _jsonl_lines(n: int) -> list[str]:
    """jsonl lines of every kind a reader meets: articles with multi-byte and raw line-separator characters,
    blank lines, CRLF endings, a broken line, a non-object, a record without text."""
    kinds = [
        lambda i: json.dumps({"id": f"a{i}", "text": f"Señora Müller said “{i}” — done."}, ensure_ascii=False),
        lambda i: json.dumps({"id": f"b{i}", "text": f"Line\u2028separator {i}"}, ensure_ascii=False) + "\r",
        lambda i: "",
        lambda i: "not json",
        lambda i: "[1, 2]",
        lambda i: json.dumps({"id": f"c{i}"}),
        lambda i: json.dumps({"id": f"d{i}", "text": SAID.strip() * (i % 3 + 1)}),
    ]
    return [kinds[i % len(kinds)](i) for i in range(n)]


def _read_all(items) -> list[tuple]:
    return [
        (it.source, it.reason, it.fatal) if isinstance(it, InputProblem) else (it[0], it[1].doc_id, it[1].text)
        for it in read_sources(items)
    ]


@pytest.mark.parametrize("part_bytes", [1, 97, 1000, 4096])
@pytest.mark.parametrize("final_newline", [True, False])
def test_a_big_jsonl_file_read_in_parts_gives_what_the_whole_file_gives(tmp_path, part_bytes, final_newline):
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(_jsonl_lines(200)) + ("\n" if final_newline else ""), encoding="utf8")
    parts = split_file(path, part_bytes)
    assert parts is not None and len(parts) > 1
    assert parts[0].start == 0 and parts[-1].stop == path.stat().st_size
    assert all(a.stop == b.start for a, b in zip(parts[:-1], parts[1:], strict=True))  # contiguous, nothing read twice
    assert _read_all(parts) == _read_all([path])


@pytest.mark.parametrize("rows_per_group", [1, 7, 50])
def test_a_big_parquet_file_read_in_parts_gives_what_the_whole_file_gives(tmp_path, rows_per_group):
    path = tmp_path / "crawl.parquet"
    texts = [SAID * (i % 4 + 1) if i % 9 else "  " for i in range(120)]  # every 9th row has an empty text
    pd.DataFrame({"id": [f"r{i}" for i in range(120)], "text": texts}).to_parquet(path, row_group_size=rows_per_group)
    parts = split_file(path, 1)
    assert parts is not None and len(parts) == -(-120 // rows_per_group) > 1
    whole = _read_all([path])
    assert (f"{path}:row 10", "empty 'text'", True) in whole
    assert _read_all(parts) == whole


@pytest.mark.parametrize(
    "name, data",
    [
        pytest.param("small.jsonl", b'{"id": "a", "text": "A."}\n', id="smaller-than-a-part"),
        pytest.param("cp1252.jsonl", b'{"id": "a", "text": "Caf\xe9"}\n' * 50, id="not-utf8-read-whole-as-cp1252"),
        pytest.param("bom.jsonl", b'\xef\xbb\xbf{"id": "a", "text": "A."}\n' * 50, id="utf8-byte-order-mark"),
        pytest.param("nul.jsonl", b'{"id": "a", "text": "A."}\n\0' * 50, id="binary"),
        pytest.param("rows.csv", b"id,text\n" + b'a,"two\nlines"\n' * 50, id="csv-fields-hold-line-breaks"),
    ],
)
def test_files_that_a_part_could_read_differently_stay_whole(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    assert split_file(path, 64) is None
