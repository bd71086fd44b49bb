"""The ``quotes`` command: articles in, the quotes and mentions tables out.

Thin on purpose: the commands call ``quotes.io`` and ``quotes.api`` and handle only presentation and exit
codes. Exit status: 0 all went well; 1 some inputs were skipped or the extractor failed on some articles
(each is named; the tables are still written for the rest), no input yielded an article (nothing is
written) or the tables could not be written; 2 usage error (bad option, a pipeline that cannot be loaded,
an output folder that cannot be used or that another run holds); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from .io import LOCK, Format, InputProblem, OutputBusy, output_lock, read_inputs, remove_leftovers, write_tables
from .records import Article, Engine, Mention

if TYPE_CHECKING:
    from spacy.language import Language

    from .api import Failure, Tables

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

EXAMPLES = """\
Examples:

\b
  quotes extract articles/ -o out/                        every .txt below articles/, recursively
  quotes extract a.txt b.txt feed.jsonl -o out/ -f parquet
  cat story.txt | quotes extract - -o out/                one article from standard input
  quotes extract feed.csv -o out/ --model en_core_web_sm  any installed spaCy pipeline with a parser
  quotes extract articles/ -o out/ --all-zones            keep quotes found in page furniture too
  quotes extract articles/ -o out/ --html                 also out/report.html, a page to read them (see: quotes report)
  quotes extract 'crawl/*.jsonl' -o out/ --engine dask    Dask worker processes (quotes[dask]), same tables

Exit status: 0 all went well; 1 some inputs were skipped or failed (the tables are written for the rest), no
input yielded an article (nothing written) or the tables could not be written; 2 usage error (bad option, a
pipeline that cannot be loaded, an output folder that cannot be used or that another run holds); 130
interrupted (Ctrl-C). Both tables are replaced together or not at all.
"""

REPORT_EXAMPLES = """\
Examples:

\b
  quotes report articles/ -o report.html             one page to read the quotes of every article
  quotes report feed.jsonl -o out/feed.html --title "Cybercrime treaty coverage"
  quotes extract articles/ -o out/ --html            the tables and out/report.html in one run

Exit status: as for extract.
"""

app = typer.Typer(
    epilog=EXAMPLES,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    # an article's full text in a local variable would bury the traceback of a real bug
    pretty_exceptions_show_locals=False,
)


def _version(value: bool) -> None:
    if value:
        try:
            version = metadata.version("quotes")
        except metadata.PackageNotFoundError:  # run from a source tree that was never installed
            version = "unknown (not installed)"
        typer.echo(f"quotes {version}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Who said what: quotes, their speakers and how far each quote travelled across news articles."""


# the options extract and report share
Inputs = Annotated[
    list[str],
    typer.Argument(
        metavar="INPUT",
        help=".txt files, folders (every .txt inside, recursively), .jsonl, .csv or .parquet files with 'id' "
        "and 'text' fields, quoted glob patterns of those files, or - for standard input.",
        show_default=False,
    ),
]
Model = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help="An installed spaCy pipeline, or a pipeline folder; it needs a parser. [default: bundled]",
        show_default=False,
    ),
]
NProcess = Annotated[int, typer.Option(min=1, help="Processes parsing in parallel.")]
BatchSize = Annotated[int, typer.Option(min=1, help="Articles per batch sent to spaCy.")]
AllZones = Annotated[
    bool,
    typer.Option("--all-zones", help="Keep quotes found in page furniture (lists of headlines, ...)."),
]
REPORT_NAME = "report.html"


@app.command(epilog=EXAMPLES, no_args_is_help=True)
def extract(
    inputs: Inputs,
    out: Annotated[
        Path,
        typer.Option("--out", "-o", file_okay=False, writable=True, help="Folder for the tables; created if missing."),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Table file format.")] = "csv",
    model: Model = None,
    n_process: NProcess = 1,
    batch_size: BatchSize = 16,
    all_zones: AllZones = False,
    html: Annotated[
        bool, typer.Option("--html", help=f"Also write the HTML report (see 'quotes report') to OUT/{REPORT_NAME}.")
    ] = False,
    engine: Annotated[
        Engine,
        typer.Option(help="default: this process (--n-process); dask: Dask tasks, same tables (quotes[dask])."),
    ] = "default",
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="dask: worker processes of the local cluster. [default: one per core]"),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="dask: a running scheduler's address (tcp://host:8786) instead of a local cluster."),
    ] = None,
    dataset: Annotated[
        bool,
        typer.Option(
            "--dataset",
            help="dask, with -f parquet: write OUT/quotes.parquet/ and OUT/mentions.parquet/ as folders of "
            "Parquet files, written by the workers.",
        ),
    ] = False,
    scratch: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            file_okay=False,
            writable=True,
            help="dask: where the tasks keep their intermediate tables (a folder made and removed in it), on a "
            "disk that every worker and this process reach. [default: OUT with a local cluster; the workers' "
            "memory with --scheduler]",
        ),
    ] = None,
) -> None:
    """Extract quotes and speakers from articles into OUT/quotes.<format> and OUT/mentions.<format>.

    quotes has one row per distinct quote, with the number of articles that carried it; mentions has one
    row per occurrence, with its article and character offsets. Bad inputs are reported and skipped.
    """
    if engine == "dask":
        if html:
            _error("--html is for the default engine: the dask engine does not bring the texts back")
            raise typer.Exit(EXIT_USAGE)
        _extract_dask(inputs, out, fmt, model, batch_size, all_zones, workers, scheduler, dataset, scratch, n_process)
    elif workers or scheduler or dataset or scratch:
        _error("--workers, --scheduler, --dataset and --scratch are options of --engine dask")
        raise typer.Exit(EXIT_USAGE)
    with _interruptible():
        nlp = _load(model)
        with _output_folder(out):
            run = _extract(nlp, inputs, n_process, batch_size, all_zones, keep_texts=html)
            _unless_nothing_read(run, out)
            tables = {"quotes": run.tables.quotes, "mentions": run.tables.mentions}
            try:
                paths = write_tables(tables, out, fmt)
            except OSError as err:
                _error(f"cannot write the tables in {str(out)!r}: {err.strerror or err}; nothing was replaced")
                raise typer.Exit(EXIT_FAILURES) from None
            written = [paths["quotes"], paths["mentions"]]
            if html:
                written.append(_write_report(run, out / REPORT_NAME, "Quotes report"))
            _finish(run, written)


@app.command(epilog=REPORT_EXAMPLES, no_args_is_help=True)
def report(
    inputs: Inputs,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            dir_okay=False,
            writable=True,
            help="The HTML file to write; its folder is created if needed.",
        ),
    ] = Path(REPORT_NAME),
    title: Annotated[str, typer.Option(help="The page title.")] = "Quotes report",
    model: Model = None,
    n_process: NProcess = 1,
    batch_size: BatchSize = 16,
    all_zones: AllZones = False,
) -> None:
    """Extract quotes from articles and write one HTML page to read them: OUT (report.html by default).

    The page is self-contained and works offline (open it by double-click): a summary and charts, the
    quotes table with search, filters and sorting, each quote with its variants and the articles that
    carried them, each speaker with their quotes, and each article with its quotes highlighted.
    """
    with _interruptible():
        nlp = _load(model)
        _usable_folder(out.parent)
        run = _extract(nlp, inputs, n_process, batch_size, all_zones, keep_texts=True)
        _unless_nothing_read(run, out.parent)
        _finish(run, [_write_report(run, out, title)])


class _Run(NamedTuple):
    """What one extraction run found: the tables, the texts (when kept), the skipped and failed inputs, counts."""

    tables: Tables
    texts: dict[str, str]
    skipped: list[InputProblem]
    failed: list[Failure]
    n_articles: int
    started: float


@contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C ends the command with one line and exit status 130 (the writers leave nothing half-made)."""
    try:
        yield
    except KeyboardInterrupt:
        typer.echo("interrupted: nothing written", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _load(model: str | None) -> Language:
    """The pipeline, or exit 2 with one line whatever went wrong loading it."""
    # imported here, not at the top, so that --help and --version answer without loading spaCy
    from .pipeline import load

    try:
        return load(model)
    except Exception as err:  # ModelNotFound, or a damaged folder spaCy fails on in any of its ways
        _error(_first_line(err))
        raise typer.Exit(EXIT_USAGE) from None


def _first_line(err: BaseException) -> str:
    """An exception's message on one line: spaCy's config errors run over many."""
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    return lines[0] if lines else type(err).__name__


def _usable_folder(folder: Path) -> bool:
    """Create ``folder`` if missing (exit 2 when it cannot be used); True when this call created it."""
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    except OSError as err:
        _error(f"cannot use output folder {str(folder)!r}: {err.strerror or err}")
        raise typer.Exit(EXIT_USAGE) from None
    return created


@contextmanager
def _output_folder(out: Path) -> Iterator[None]:
    """Hold the output folder for this run: locked against other runs (exit 2 when one holds it), cleared of
    what killed runs left, and removed again at the end if this run made it and wrote nothing."""
    created = _usable_folder(out)
    try:
        with output_lock(out):
            remove_leftovers(out)
            yield
    except OutputBusy as err:
        _error(str(err))
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        if created and all(p.name == LOCK for p in out.iterdir()):
            shutil.rmtree(out, ignore_errors=True)


def _unless_nothing_read(run: _Run, out: Path) -> None:
    """Exit 1, writing nothing, when no input gave an article: never replace earlier results by empty ones."""
    if run.n_articles == 0:
        _error(f"no article could be read from the inputs: nothing written in {str(out)!r}")
        raise typer.Exit(EXIT_FAILURES)


def _extract(
    nlp: Language, inputs: list[str], n_process: int, batch_size: int, all_zones: bool, *, keep_texts: bool
) -> _Run:
    """Read the inputs and build the tables."""
    from .api import BODY, build_tables, iter_mentions

    started = time.perf_counter()
    skipped: list[InputProblem] = []
    failed: list[Failure] = []
    found: list[Mention] = []
    texts: dict[str, str] = {}
    n_articles = n_said = 0
    with _stderr_status() as (say, show):
        articles = _report_problems(read_inputs(inputs), skipped, say)
        per_article = iter_mentions(
            articles,
            nlp=nlp,
            n_process=n_process,
            batch_size=batch_size,
            failures=failed,
            zones=None if all_zones else BODY,
        )
        for article, mentions in per_article:
            n_articles += 1
            for failure in failed[n_said:]:
                say(f"failed {failure.doc_id}: {failure.reason}")
            n_said = len(failed)
            if keep_texts:
                texts[article.doc_id] = article.text
            found += mentions
            show(f"{_count(n_articles, 'article')}, {_count(len(found), 'quote mention')}")
    return _Run(build_tables(found), texts, skipped, failed, n_articles, started)


def _extract_dask(
    inputs: list[str],
    out: Path,
    fmt: Format,
    model: str | None,
    batch_size: int,
    all_zones: bool,
    workers: int | None,
    scheduler: str | None,
    dataset: bool,
    scratch: Path | None,
    n_process: int,
) -> None:
    """``extract --engine dask``: the same tables from Dask tasks (``quotes.distributed``); writes and exits."""
    from .distributed import DaskMissing, require_dask

    started = time.perf_counter()
    try:
        require_dask()
    except DaskMissing as err:
        _error(str(err))
        raise typer.Exit(EXIT_USAGE) from None
    usage = [
        (dataset and fmt != "parquet", "--dataset writes Parquet datasets: use it with --format parquet"),
        (n_process > 1, "--n-process is for the default engine; with --engine dask, use --workers"),
        ("-" in inputs, "--engine dask reads files on the workers: standard input (-) is for the default engine"),
    ]
    for wrong, message in usage:
        if wrong:
            _error(message)
            raise typer.Exit(EXIT_USAGE)
    from . import distributed
    from .api import Tables
    from .pipeline import ModelNotFound

    paths = {name: out / f"{name}.{fmt}" for name in ("quotes", "mentions")}
    with (
        _interruptible(),
        _output_folder(out),
        distributed.connect(workers=workers, scheduler=scheduler) as client,
        distributed.scratch_folder(scratch or (None if scheduler else out)) as folder,
    ):
        try:
            distributed.warm(client, model)
        except ModelNotFound as err:
            _error(str(err))
            raise typer.Exit(EXIT_USAGE) from None
        zones = None if all_zones else ("body",)
        graph = distributed.file_graph(
            distributed.plan(inputs), model=model, batch_size=batch_size, zones=zones, scratch=folder
        )
        found, pieces, n_articles, problems = graph
        try:
            if dataset:
                speakers, n_articles, (problems, failed) = distributed.write_datasets(
                    client, found, pieces, paths, [n_articles, problems]
                )
                tables = Tables(speakers.iloc[:0], speakers)  # what the summary counts: quotes and speakers
            else:
                found, pieces, n_articles, (problems, failed) = client.compute(
                    [found, pieces, n_articles, problems], sync=True
                )
                tables = distributed.tables_of(found, pieces)
                _unless_nothing_read(_Run(tables, {}, [], failed, n_articles, started), out)
                paths = write_tables({"quotes": tables.quotes, "mentions": tables.mentions}, out, fmt)
        except OSError as err:
            _error(f"cannot write the tables in {str(out)!r}: {err.strerror or err}")
            raise typer.Exit(EXIT_FAILURES) from None
    skipped = [problem for problem in problems if problem.fatal]
    for problem in problems:
        typer.echo(f"skipped {problem}" if problem.fatal else f"warning: {problem}", err=True)
    for failure in failed:
        typer.echo(f"failed {failure.doc_id}: {failure.reason}", err=True)
    _finish(_Run(tables, {}, skipped, failed, n_articles, started), [paths["quotes"], paths["mentions"]])


def _write(path: Path, write: Callable[[Path], object]) -> None:
    try:
        write(path)
    except OSError as err:
        _error(f"cannot write {str(path)!r}: {err.strerror or err}")
        raise typer.Exit(EXIT_FAILURES) from None


def _write_report(run: _Run, path: Path, title: str) -> Path:
    from .report import write_report

    _write(path, lambda path: write_report(run.tables.quotes, run.tables.mentions, run.texts, path, title=title))
    return path


def _finish(run: _Run, written: list[Path]) -> None:
    """Print the summary line and exit: 1 when inputs were skipped or failed, else 0."""
    counts = _count(run.n_articles, "article"), _count(len(run.tables.quotes), "quote")
    speakers = _count(run.tables.quotes["speaker"].nunique(), "speaker")
    summary = (
        f"{', '.join(counts)}, {speakers} in {time.perf_counter() - run.started:.1f} s"
        f" -> {', '.join(map(str, written))}"
    )
    if run.skipped:
        summary += f" ({_count(len(run.skipped), 'input')} skipped)"
    if run.failed:
        summary += (
            f" (extraction failed on {_count(len(run.failed), 'article')}: {', '.join(f.doc_id for f in run.failed)})"
        )
    typer.echo(summary, err=True)
    raise typer.Exit(EXIT_FAILURES if run.skipped or run.failed else EXIT_OK)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _error(message: str) -> None:
    typer.echo(f"error: {message}", err=True)


def _report_problems(
    items: Iterable[Article | InputProblem], skipped: list[InputProblem], say: Callable[[str], None]
) -> Iterator[Article]:
    """Pass the articles on; ``say`` each problem as it comes, and keep the fatal ones in ``skipped``."""
    for item in items:
        if isinstance(item, Article):
            yield item
        elif item.fatal:
            skipped.append(item)
            say(f"skipped {item}")
        else:
            say(f"warning: {item}")


@contextmanager
def _stderr_status() -> Iterator[tuple[Callable[[str], None], Callable[[str], None]]]:
    """Yield ``(say, show)``: print a message line on stderr, and update a status line below the messages.

    The status line is live only when stderr is a terminal: logs, pipes and tests get the messages alone.
    """
    if not sys.stderr.isatty():
        yield (lambda line: typer.echo(line, err=True)), (lambda status: None)
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading articles", total=None)
        yield (
            lambda line: bar.console.print(line, markup=False, highlight=False, soft_wrap=True),
            lambda status: bar.update(task, description=status),
        )
