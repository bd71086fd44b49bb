"""The ``quotes`` command: articles in, the quotes and mentions tables out.

Thin on purpose: the commands call ``quotes.io`` and ``quotes.api`` and handle only presentation and exit
codes. Exit status: 0 all went well; 1 some inputs were skipped or the extractor failed on some articles
(each is named; the tables are still written for the rest) or the tables could not be written; 2 usage error
(bad option, no inputs, unknown model, an output folder that cannot be created).
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Annotated

import typer

from .io import Format, InputProblem, read_inputs, write_table
from .records import Article, Mention

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2

EXAMPLES = """\
Examples:

\b
  quotes extract articles/ -o out/                        every .txt below articles/, recursively
  quotes extract a.txt b.txt feed.jsonl -o out/ -f parquet
  cat story.txt | quotes extract - -o out/                one article from standard input
  quotes extract feed.csv -o out/ --model en_core_web_sm  any installed spaCy pipeline with a parser
  quotes extract articles/ -o out/ --all-zones            keep quotes found in page furniture too

Exit status: 0 all went well; 1 some inputs were skipped or failed (the tables are written for the rest) or
the tables could not be written; 2 usage error (bad option, no inputs, unknown model, unusable output folder).
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


@app.command(epilog=EXAMPLES, no_args_is_help=True)
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help=".txt files, folders (every .txt inside, recursively), .jsonl or .csv files with 'id' and "
            "'text' fields, or - for standard input.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", file_okay=False, writable=True, help="Folder for the tables; created if missing."),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Table file format.")] = "csv",
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            "-m",
            help="An installed spaCy pipeline, or a pipeline folder; it needs a parser. [default: bundled]",
            show_default=False,
        ),
    ] = None,
    n_process: Annotated[int, typer.Option(min=1, help="Processes parsing in parallel.")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per batch sent to spaCy.")] = 16,
    all_zones: Annotated[
        bool,
        typer.Option("--all-zones", help="Keep quotes found in page furniture (lists of headlines, ...)."),
    ] = False,
) -> None:
    """Extract quotes and speakers from articles into OUT/quotes.<format> and OUT/mentions.<format>.

    quotes has one row per distinct quote, with the number of articles that carried it; mentions has one
    row per occurrence, with its article and character offsets. Bad inputs are reported and skipped.
    """
    # imported here, not at the top, so that --help and --version answer without loading spaCy
    from .api import Failure, build_tables, iter_mentions
    from .pipeline import ModelNotFound, load

    started = time.perf_counter()
    try:
        nlp = load(model)
    except ModelNotFound as err:
        _error(str(err))
        raise typer.Exit(EXIT_USAGE) from None
    try:
        out.mkdir(parents=True, exist_ok=True)
        if not os.access(out, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    except OSError as err:
        _error(f"cannot use output folder {str(out)!r}: {err.strerror or err}")
        raise typer.Exit(EXIT_USAGE) from None

    skipped: list[InputProblem] = []
    failed: list[Failure] = []
    found: list[Mention] = []
    n_articles = n_said = 0
    with _stderr_status() as (say, show):
        articles = _report_problems(read_inputs(inputs), skipped, say)
        per_article = iter_mentions(articles, nlp=nlp, n_process=n_process, batch_size=batch_size, failures=failed)
        for _, mentions in per_article:
            n_articles += 1
            for failure in failed[n_said:]:
                say(f"failed {failure.doc_id}: {failure.reason}")
            n_said = len(failed)
            found += mentions if all_zones else [m for m in mentions if m.zone == "body"]
            show(f"{_count(n_articles, 'article')}, {_count(len(found), 'quote mention')}")
    tables = build_tables(found)

    paths = {name: out / f"{name}.{fmt}" for name in ("quotes", "mentions")}
    for name, path in paths.items():
        try:
            write_table(getattr(tables, name), path, fmt)
        except OSError as err:
            _error(f"cannot write {str(path)!r}: {err.strerror or err}")
            raise typer.Exit(EXIT_FAILURES) from None

    counts = _count(n_articles, "article"), _count(len(tables.quotes), "quote")
    speakers = _count(tables.quotes["speaker"].nunique(), "speaker")
    summary = (
        f"{', '.join(counts)}, {speakers} in {time.perf_counter() - started:.1f} s"
        f" -> {paths['quotes']}, {paths['mentions']}"
    )
    if skipped:
        summary += f" ({_count(len(skipped), 'input')} skipped)"
    if failed:
        summary += f" (extraction failed on {_count(len(failed), 'article')}: {', '.join(f.doc_id for f in failed)})"
    typer.echo(summary, err=True)
    raise typer.Exit(EXIT_FAILURES if skipped or failed else EXIT_OK)


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
