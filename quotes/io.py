"""Reading articles (txt, folders, jsonl, csv, Parquet, stdin) and writing tables. No spaCy here.

``read_inputs`` never raises for a bad input: it yields an ``InputProblem`` naming the input and the reason,
and goes on with the others, so one broken file in a thousand does not stop a run.

``write_tables`` replaces the tables of an output folder as a pair: each run writes its tables into a fresh
folder ``OUT/.quotes-runs/<run>/``, then switches the one link ``OUT/.quotes-runs/current`` to it with a
single rename; ``OUT/quotes.<format>`` and ``OUT/mentions.<format>`` are links through ``current``, so they
change together, at one instant, or not at all. ``output_lock`` keeps a second run out of a folder in use.
"""

from __future__ import annotations

import csv
import fcntl
import glob
import io
import json
import os
import secrets
import shutil
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, get_args

import pandas as pd

from .records import Article

Format = Literal["csv", "parquet", "jsonl"]
FORMATS: tuple[str, ...] = get_args(Format)
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
PARQUET_SUFFIXES = (".parquet",)
TABLE_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES + PARQUET_SUFFIXES  # files of many articles with id and text
STDIN = "-"
STDIN_ID = "stdin"

# bytes that hardly ever occur in text, besides NUL (which alone makes a file binary): C0 controls other
# than tab, newlines, form feed, backspace and escape (ANSI colours), and DEL
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\b\x1b") + b"\x7f"
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
MAX_CONTROL_SHARE = 0.05  # more than this share of control bytes and a file is binary, not text
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class InputProblem:
    """Something wrong with one input (a file, a line of a jsonl file, a row of a csv file).

    ``fatal`` problems mean the input was skipped; the others are warnings (the input was read anyway).
    """

    source: str
    reason: str
    fatal: bool

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class FilePart:
    """A stretch of one jsonl or Parquet file, read as its own input (see ``split_file``).

    jsonl: the bytes ``start`` to ``stop`` (whole lines), the first of them line ``first_line`` of the file.
    Parquet: the row groups ``start`` to ``stop`` (exclusive), the first of their rows row ``first_row``.
    The articles and problems of a file's parts, in order, are those of the whole file.
    """

    path: str
    start: int
    stop: int
    first: int  # the number (from 1) of the part's first line or row in the whole file


def read_inputs(paths: Iterable[str | Path], stdin: BinaryIO | None = None) -> Iterator[Article | InputProblem]:
    """Read articles from files, folders and standard input, in the order given.

    Args:
        paths: ``.txt`` files (one article each, ``doc_id`` = the file stem), glob patterns of files
            (``'feeds/*.jsonl'``, matches in sorted order, when no file has that very name), folders (every
            ``.txt`` file below them, recursively, in sorted order; hidden files and folders are left out), ``.jsonl``
            files (one JSON object per line with ``id`` and ``text``), ``.csv`` and ``.parquet`` files (columns
            ``id`` and ``text``), or ``-`` for standard input (one article, ``doc_id`` ``stdin``).
        stdin: where ``-`` reads from; the process's standard input by default.

    Yields:
        Each ``Article`` as it is read, and an ``InputProblem`` for each bad input, line or row. A ``doc_id``
        already used by an earlier article gets a suffix (``name~2``, ``name~3``) and a warning.
    """
    taken: set[str] = set()
    for item in read_sources(paths, stdin):
        if isinstance(item, InputProblem):
            yield item
            continue
        source, article = item
        doc_id, problem = free_id(source, article.doc_id, taken)
        if problem:
            yield problem
        yield Article(doc_id, article.text)


def read_sources(
    paths: Iterable[str | Path | FilePart], stdin: BinaryIO | None = None
) -> Iterator[tuple[str, Article] | InputProblem]:
    """``read_inputs`` before ids taken twice are renamed: each article with the input it came from.

    For readers that split the inputs among processes and rename taken ids afterwards, in input order; they
    may also give the parts of a file from ``split_file``.
    """
    for path in paths:
        yield from (_read_part(path) if isinstance(path, FilePart) else _read_one(path, stdin))


def matching_files(pattern: str) -> list[Path]:
    """The files a glob pattern matches, in sorted order (``**`` reaches into subfolders)."""
    return sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())


def split_file(path: Path, part_bytes: int) -> list[FilePart] | None:
    """A big jsonl or Parquet file as parts of about ``part_bytes`` each, or None when it stays whole.

    A jsonl file is cut after a line break, and only when all of it is UTF-8 text that ``read_inputs`` would
    read without a warning (no byte order mark, no NUL, few control bytes): its parts then decode exactly as the
    whole does. A Parquet file is cut between row groups. Small files, csv files (a quoted field may hold line
    breaks) and unreadable files stay whole, so that their reader reports any problem as usual.
    """
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size <= part_bytes:
            return None
        if suffix in JSONL_SUFFIXES:
            return _split_jsonl(path, part_bytes)
        if suffix in PARQUET_SUFFIXES:
            return _split_parquet(path, part_bytes)
    except OSError:
        return None
    return None


def _split_jsonl(path: Path, part_bytes: int) -> list[FilePart] | None:
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    parts: list[FilePart] = []
    start, start_line = 0, 1  # where the part being cut starts, and its line number
    size, line, controls, blank = 0, 1, 0, True  # bytes before the block, the line number at `offset`
    with path.open("rb") as stream:
        if stream.read(3).startswith((*_UTF16_BOMS, codecs.BOM_UTF8)):
            return None
        stream.seek(0)
        while block := stream.read(1 << 20):
            if b"\0" in block:
                return None
            try:
                decoder.decode(block)
            except UnicodeDecodeError:
                return None
            controls += len(block) - len(block.translate(None, _CONTROL_BYTES))
            blank = blank and block.isspace()
            offset = 0  # a part ends at the first line break after part_bytes
            while size + len(block) - start > part_bytes:
                cut = block.find(b"\n", max(offset, start + part_bytes - size))
                if cut < 0:
                    break
                line += block.count(b"\n", offset, cut + 1)
                parts.append(FilePart(str(path), start, size + cut + 1, start_line))
                start, start_line, offset = size + cut + 1, line, cut + 1
            line += block.count(b"\n", offset)
            size += len(block)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    if blank or controls > size * MAX_CONTROL_SHARE:
        return None
    if start < size:
        parts.append(FilePart(str(path), start, size, start_line))
    return parts if len(parts) > 1 else None


def _split_parquet(path: Path, part_bytes: int) -> list[FilePart] | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except (OSError, pa.ArrowException):
        return None
    parts: list[FilePart] = []
    start, first, row, held = 0, 1, 1, 0
    for group in range(meta.num_row_groups):
        held += meta.row_group(group).total_byte_size
        row += meta.row_group(group).num_rows
        if held >= part_bytes:
            parts.append(FilePart(str(path), start, group + 1, first))
            start, first, held = group + 1, row, 0
    if start < meta.num_row_groups:
        parts.append(FilePart(str(path), start, meta.num_row_groups, first))
    return parts if len(parts) > 1 else None


def free_id(source: str, doc_id: str, taken: set[str]) -> tuple[str, InputProblem | None]:
    """``doc_id``, or ``doc_id~2``, ``~3``, ... when ``taken`` holds it (with a warning); added to ``taken``."""
    free, n = doc_id, 1
    while free in taken:
        n += 1
        free = f"{doc_id}~{n}"
    taken.add(free)
    if free == doc_id:
        return free, None
    return free, InputProblem(source, f"doc_id {doc_id!r} is taken by an earlier article; this one is {free!r}", False)


# the readers below yield (source, Article) so that read_inputs can name the input in its warnings
_Read = Iterator[tuple[str, Article] | InputProblem]


def _read_one(path: str | Path, stdin: BinaryIO | None) -> _Read:
    if str(path) == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield from _text_article("<stdin>", STDIN_ID, stream.read())
        return
    path = Path(path)
    if path.is_dir():
        files = folder_files(path)
        if not files:
            yield InputProblem(str(path), "folder has no .txt files", True)
        for file in files:
            yield from _read_file(file)
    elif not path.exists() and glob.has_magic(str(path)):
        files = matching_files(str(path))
        if not files:
            yield InputProblem(str(path), "no file matches this pattern", True)
        for file in files:
            yield from _read_one(file, stdin)
    elif not path.exists():
        yield InputProblem(str(path), "no such file or folder", True)
    elif path.suffix.lower() not in TEXT_SUFFIXES + TABLE_SUFFIXES:
        yield InputProblem(
            str(path),
            f"unsupported file type {path.suffix or '(none)'!r}: use .txt, .jsonl, .csv, .parquet or a folder",
            True,
        )
    else:
        yield from _read_file(path)


def folder_files(folder: Path) -> list[Path]:
    """The ``.txt`` files below ``folder``, recursively, sorted; hidden files and folders left out."""
    return sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file() and not _hidden(p, folder)
    )


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(path: Path) -> _Read:
    if path.suffix.lower() in PARQUET_SUFFIXES:
        yield from _parquet_articles(path)
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield InputProblem(str(path), f"cannot read: {err.strerror or err}", True)
        return
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield from _text_article(str(path), path.stem, data)
        return
    text = yield from _decode(str(path), data)
    if text is None:
        return
    yield from (_jsonl_articles if suffix in JSONL_SUFFIXES else _csv_articles)(str(path), text)


def _text_article(source: str, doc_id: str, data: bytes) -> _Read:
    text = yield from _decode(source, data)
    if text is not None:
        yield source, Article(doc_id, text)


def _decode(source: str, data: bytes) -> Generator[InputProblem, None, str | None]:
    """Bytes -> text, yielding the problems found; returns None when the input is unusable."""
    warning: str | None
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            yield InputProblem(source, "binary, not text (broken UTF-16)", True)
            return None
        warning = "read as UTF-16 (it starts with a UTF-16 byte order mark)"
    elif b"\0" in data:
        yield InputProblem(source, "binary, not text (contains NUL bytes)", True)
        return None
    elif len(data.translate(None, _NOT_CONTROL)) > len(data) * MAX_CONTROL_SHARE:
        yield InputProblem(source, "binary, not text (too many control characters)", True)
        return None
    else:
        text, warning = _decode_text(data)
    if not text or text.isspace():
        yield InputProblem(source, "empty", True)
        return None
    if warning:
        yield InputProblem(source, warning, False)
    return text


def _decode_text(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (with or without a byte order mark), else cp1252, else latin-1 (which decodes any bytes)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        where = f"invalid byte at offset {err.start}"
    try:
        return data.decode("cp1252"), f"not UTF-8 ({where}); read as cp1252"
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        return data.decode("latin-1"), f"not UTF-8 ({where}); read as latin-1"


def _read_part(part: FilePart) -> _Read:
    path = Path(part.path)
    if path.suffix.lower() in PARQUET_SUFFIXES:
        yield from _parquet_articles(path, range(part.start, part.stop), part.first)
        return
    try:
        with path.open("rb") as stream:
            stream.seek(part.start)
            data = stream.read(part.stop - part.start)
        text = data.decode("utf-8")  # split_file checked the whole file
    except OSError as err:
        yield InputProblem(part.path, f"cannot read: {err.strerror or err}", True)
        return
    except UnicodeDecodeError:
        yield InputProblem(part.path, f"changed while it was read (bytes {part.start}-{part.stop})", True)
        return
    yield from _jsonl_articles(part.path, text, part.first)


def _jsonl_articles(source: str, text: str, first_line: int = 1) -> _Read:
    # split on "\n" only: str.splitlines would also cut at U+2028 and U+0085, which JSON strings may hold raw
    for number, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputProblem(where, f"not valid JSON ({err.msg} at column {err.colno})", True)
            continue
        if not isinstance(record, dict):
            yield InputProblem(where, f"not a JSON object but {type(record).__name__}", True)
            continue
        yield _record_article(where, record)


def _csv_articles(source: str, text: str) -> _Read:
    # the csv module refuses fields over 128 KiB by default; an article may be longer than that
    if csv.field_size_limit() < len(text):
        csv.field_size_limit(len(text))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = [c.strip() for c in reader.fieldnames or []]
        missing = [c for c in ("id", "text") if c not in columns]
        if missing:
            yield InputProblem(
                source,
                f"no {' or '.join(map(repr, missing))} column (columns: {', '.join(columns) or 'none'})",
                True,
            )
            return
        reader.fieldnames = columns
        for row in reader:
            yield _record_article(f"{source}:{reader.line_num}", row)
    except csv.Error as err:
        yield InputProblem(f"{source}:{reader.line_num}", f"broken CSV ({err}); the rest of the file is skipped", True)


def _parquet_articles(path: Path, row_groups: range | None = None, first_row: int = 1) -> _Read:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as err:
        yield InputProblem(str(path), f"cannot read as Parquet ({err})", True)
        return
    columns = parquet.schema_arrow.names
    missing = [c for c in ("id", "text") if c not in columns]
    if missing:
        yield InputProblem(
            str(path), f"no {' or '.join(map(repr, missing))} column (columns: {', '.join(columns) or 'none'})", True
        )
        return
    row = first_row - 1
    groups = None if row_groups is None else list(row_groups)
    try:  # a row group at a time: a big file never sits in memory whole
        for batch in parquet.iter_batches(row_groups=groups, columns=["id", "text"]):
            for record in batch.to_pylist():
                row += 1
                yield _record_article(f"{path}:row {row}", record)
    except (OSError, pa.ArrowException) as err:
        yield InputProblem(f"{path}:row {row + 1}", f"broken Parquet ({err}); the rest of the file is skipped", True)


def _record_article(where: str, record: dict) -> tuple[str, Article] | InputProblem:
    """A jsonl object or csv row -> (where, Article), or the problem with it."""
    doc_id, text = record.get("id"), record.get("text")
    if doc_id is None or doc_id == "":
        return InputProblem(where, "no 'id'", True)
    if not isinstance(text, str):
        return InputProblem(
            where, "no 'text'" if text is None else f"'text' is not a string but {type(text).__name__}", True
        )
    if not text.strip():
        return InputProblem(where, "empty 'text'", True)
    return where, Article(str(doc_id), text)


def write_table(frame: pd.DataFrame, path: Path, fmt: Format) -> None:
    """Write ``frame`` to ``path`` as csv, parquet or jsonl, atomically (see ``write_atomically``).

    Raises:
        ValueError: ``fmt`` is not one of ``FORMATS``.
        OSError: the folder cannot be written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "csv":
        write_atomically(path, lambda tmp: frame.to_csv(tmp, index=False))
    elif fmt == "parquet":
        write_atomically(path, lambda tmp: frame.to_parquet(tmp, index=False))
    else:
        write_atomically(path, lambda tmp: frame.to_json(tmp, orient="records", lines=True, force_ascii=False))


def write_text(text: str, path: Path) -> None:
    """Write ``text`` to ``path`` as UTF-8, atomically (see ``write_atomically``)."""
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then move it over ``path`` once complete.

    An error or Ctrl-C midway leaves any earlier ``path`` untouched; the temporary file is removed.

    Raises:
        OSError: the folder cannot be written.
    """
    path = Path(path)
    # a name of our own rather than tempfile's, so the file gets the usual permissions (tempfile's are 0600)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        write(tmp)
        with open(tmp, "rb+") as done:  # on disk before it gets the real name, even if the machine stops
            os.fsync(done.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


RUNS = ".quotes-runs"  # the fresh folders the runs write into, inside the output folder
CURRENT = "current"  # the link, inside RUNS, to the folder of the tables in use
LOCK = ".quotes.lock"


class OutputBusy(OSError):
    """Another run holds the output folder."""


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold ``out`` for one run: an exclusive lock on ``out/.quotes.lock``, released when the run ends
    however it ends (the kernel drops it with the process).

    Raises:
        OutputBusy: another process holds it.
    """
    fd = os.open(Path(out) / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise OutputBusy(
                f"{out} is in use by another quotes extract{who}: wait for it or use another folder"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)


def remove_leftovers(out: Path) -> list[Path]:
    """Remove what killed runs left in ``out``: run folders ``current`` does not point to, half-made links,
    the temporary files of the single-file writer and the dask engine's temporary folders (datasets being
    written, scratch). Call it holding ``output_lock``; returns what went."""
    out = Path(out)
    runs = out / RUNS
    removed: list[Path] = []
    keep = os.readlink(runs / CURRENT) if (runs / CURRENT).is_symlink() else None
    for path in sorted(runs.iterdir()) if runs.is_dir() else []:
        if path.name not in {CURRENT, keep}:
            removed.append(_remove(path))
    for path in out.glob(".*.tmp"):  # write_table's temporary files, the dask engine's folders (datasets, scratch)
        removed.append(_remove(path))
    return removed


def _remove(path: Path) -> Path:
    """Remove a file, a link or a whole folder; return its path."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    return path


def write_tables(tables: Mapping[str, pd.DataFrame], out: Path, fmt: Format) -> dict[str, Path]:
    """Write ``tables`` (name -> frame) into ``out`` as ``<name>.<fmt>``, all replaced together.

    The frames go into a fresh run folder; one rename of the ``current`` link then switches every table at
    once. An error or a kill before that rename leaves the earlier tables as they were (the next run
    removes the unfinished folder); the earlier run's folder is removed after it. Call it holding
    ``output_lock``.

    Returns:
        The path of each table, ``out/<name>.<fmt>``.

    Raises:
        ValueError: ``fmt`` is not one of ``FORMATS``.
        OSError: the folder cannot be written (nothing was replaced).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}: use one of {', '.join(FORMATS)}")
    out = Path(out)
    runs = out / RUNS
    runs.mkdir(exist_ok=True)
    run = runs / f"run-{secrets.token_hex(6)}"
    run.mkdir()
    try:
        for name, frame in tables.items():
            write_table(frame, run / f"{name}.{fmt}", fmt)
        _fsync_dir(run)
        earlier = os.readlink(runs / CURRENT) if (runs / CURRENT).is_symlink() else None
        _link(run.name, runs / CURRENT)  # the switch: from here on every table is the new one
    except BaseException:
        shutil.rmtree(run, ignore_errors=True)
        raise
    paths = {name: out / f"{name}.{fmt}" for name in tables}
    for path in paths.values():
        _link(f"{RUNS}/{CURRENT}/{path.name}", path)  # the same target at every run: made once
    if earlier is not None and earlier != run.name:
        shutil.rmtree(runs / earlier, ignore_errors=True)
    for other in FORMATS:  # links of another format now lead nowhere
        for name in tables:
            link = out / f"{name}.{other}"
            if other != fmt and link.is_symlink() and not link.exists():
                link.unlink()
    return paths


def _link(target: str, path: Path) -> None:
    """Point the symbolic link ``path`` at ``target``, atomically (whatever ``path`` was before)."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    os.symlink(target, tmp)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
