"""The extraction entry points: articles -> mention records -> the two tables."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import pandas as pd
from spacy.language import Language

from .canonical import canonicalize
from .component import QuoteFinder, failure_of, mentions_of
from .merge import merge
from .pipeline import load
from .records import Article, Engine, Mention
from .table import MENTIONS_SCHEMA, QUOTES_SCHEMA, mentions_frame

# the zones kept by default: the article itself, not its page furniture (headline lists, comment prompts)
BODY: tuple[str, ...] = ("body",)
if TYPE_CHECKING:
    from pathlib import Path

    from distributed import Client

# spaCy's parser needs about 1 GB per 100,000 words; longer texts are cut into pieces of at most this many
# characters, at a line break where possible, and their offsets put back on the whole text.
MAX_PIECE_CHARS = 100_000
# texts go to spaCy in batches of at most this many characters (and ``batch_size`` texts): memory follows the
# characters in a batch, not the number of documents (spaCy's own ``batch_size`` counts documents)
BATCH_CHARS = 100_000


T = TypeVar("T")


class Tables(NamedTuple):
    """The two result tables: one row per occurrence, one row per merged quote."""

    mentions: pd.DataFrame
    quotes: pd.DataFrame


def as_articles(texts_or_articles: str | Article | Iterable[str | Article]) -> Iterator[Article]:
    """Wrap plain strings as Articles named by their position (``doc0``, ``doc1``, ...).

    A single string or Article is one article (not a sequence of one-character articles).

    Raises:
        TypeError: an item is neither a string nor an Article (bytes included: decode them first).
    """
    if isinstance(texts_or_articles, (bytes, bytearray)):
        raise TypeError("quotes takes text, not bytes: decode it first (data.decode('utf-8'))")
    if isinstance(texts_or_articles, (str, Article)):
        texts_or_articles = [texts_or_articles]
    return _wrapped(texts_or_articles)


def _wrapped(texts_or_articles: Iterable[str | Article]) -> Iterator[Article]:
    for i, item in enumerate(texts_or_articles):
        if isinstance(item, Article):
            yield item
        elif isinstance(item, str):
            yield Article(doc_id=f"doc{i}", text=item)
        else:
            raise TypeError(f"article {i} is a {type(item).__name__}, not a str or quotes.Article")


def pieces(text: str, limit: int = MAX_PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into (offset, piece) of at most ``limit`` characters, preferring line breaks."""
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start + limit // 2, start + limit)
        if cut < 0:
            cut = text.rfind(". ", start + limit // 2, start + limit) + 1
        if cut <= start:
            cut = text.rfind(" ", start + limit // 2, start + limit)
        if cut <= start:
            cut = start + limit
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


class Failure(NamedTuple):
    """An article the extractor failed on, and the one-line reason."""

    doc_id: str
    reason: str


def batches(items: Iterable[tuple[str, T]], max_chars: int, max_items: int) -> Iterator[list[tuple[str, T]]]:
    """Group (text, context) pairs into lists of at most ``max_items`` pairs and ``max_chars`` characters
    (a longer text goes alone)."""
    batch: list[tuple[str, T]] = []
    chars = 0
    for item in items:
        if batch and (len(batch) >= max_items or chars + len(item[0]) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[0])
    if batch:
        yield batch


def iter_mentions(
    articles: Iterable[Article],
    *,
    nlp: Language,
    n_process: int = 1,
    batch_size: int = 16,
    batch_chars: int = BATCH_CHARS,
    failures: list[Failure] | None = None,
    zones: Collection[str] | None = BODY,
) -> Iterator[tuple[Article, list[Mention]]]:
    """Stream articles through ``nlp`` and yield each article with its mention records, in input order.

    Texts longer than ``MAX_PIECE_CHARS`` are parsed in pieces; a batch holds at most ``batch_size`` pieces
    and ``batch_chars`` characters, so memory is bounded whatever the articles' lengths.

    Args:
        zones: keep the mentions in these zones (``records.ZONES``); None keeps every zone.
        failures: when given, an article the quotes component fails on is appended here (and yielded with
            no mentions) and the run goes on; when None, the error is raised.
    """
    component_cfg = None
    if failures is not None:
        names = [name for name, pipe in nlp.pipeline if isinstance(pipe, QuoteFinder)]
        component_cfg = {name: {"on_error": "record"} for name in names}

    def items() -> Iterator[tuple[str, tuple[Article, int, bool]]]:
        for article in articles:
            parts = list(pieces(article.text, MAX_PIECE_CHARS))  # read at call time: tests and users may set it
            for n, (offset, piece) in enumerate(parts):
                yield piece, (article, offset, n == len(parts) - 1)

    docs: Iterator
    if n_process == 1:
        docs = (
            doc
            for batch in batches(items(), batch_chars, batch_size)
            for doc in nlp.pipe(batch, as_tuples=True, batch_size=len(batch), component_cfg=component_cfg)
        )
    else:  # one pipe for the worker processes: as many pieces per batch as the character budget allows
        per_batch = max(1, min(batch_size, batch_chars // MAX_PIECE_CHARS))
        docs = nlp.pipe(items(), as_tuples=True, n_process=n_process, batch_size=per_batch, component_cfg=component_cfg)
    found: list[Mention] = []
    failed: str | None = None
    for doc, (article, offset, last) in docs:
        found += [m for m in mentions_of(doc, article.doc_id, offset) if zones is None or m.zone in zones]
        failed = failed or failure_of(doc)
        if last:
            if failed is not None and failures is not None:
                failures.append(Failure(article.doc_id, failed))
                found = []  # a partly read article would be less than the article: none of it
            yield article, found
            found, failed = [], None


def build_tables(mentions: Iterable[Mention]) -> Tables:
    """Mention records -> canonical speakers -> merged quotes: the mentions and quotes tables.

    Raises:
        SchemaError: a table does not follow its schema (a bug: every table returned is checked).
    """
    mentions, quotes = merge(canonicalize(mentions_frame(mentions)))
    return Tables(MENTIONS_SCHEMA.validate(mentions), QUOTES_SCHEMA.validate(quotes))


def extract_tables(
    texts_or_articles: str | Article | Iterable[str | Article],
    *,
    model: str | None = None,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    batch_chars: int = BATCH_CHARS,
    zones: Collection[str] | None = BODY,
    engine: Engine = "default",
    client: Client | None = None,
    scratch: str | Path | None = None,
) -> Tables:
    """Extract quotes from articles and return both tables.

    Args:
        texts_or_articles: strings (named ``doc0``, ``doc1``, ...) or ``Article`` records; a single string
            or Article is one article.
        model: a spaCy pipeline name or path; None uses the bundled English pipeline.
        nlp: an already loaded pipeline from ``quotes.load`` (overrides ``model``; default engine only).
        n_process: processes parsing in parallel (``nlp.pipe``).
        batch_size, batch_chars: at most this many texts and characters per batch sent to spaCy.
        zones: keep the quotes found in these zones; the default is the article body, None keeps page
            furniture too.
        engine: ``"default"`` runs in this process; ``"dask"`` runs Dask tasks on ``client``'s cluster (None:
            a local cluster for the call), each worker loading ``model`` once, with the same result
            (``quotes.distributed``; needs ``pip install 'quotes[dask]'``).
        client: a ``distributed.Client``, for the dask engine.
        scratch: for the dask engine, a folder on a disk that the workers and this process share, where the
            tasks keep their intermediate tables (in a folder made and removed there) instead of in the
            workers' memory.

    Raises:
        TypeError: an item is neither a string nor an Article.
    """
    if engine == "dask":
        if nlp is not None:
            raise ValueError("the dask engine loads the pipeline on each worker: pass model=, not nlp=")
        from .distributed import article_tables  # dask is imported only when its engine is asked for

        return article_tables(
            as_articles(texts_or_articles),
            client=client,
            model=model,
            batch_size=batch_size,
            zones=zones,
            scratch=scratch,
        )
    if engine != "default":
        raise ValueError(f"unknown engine {engine!r}: use 'default' or 'dask'")
    if scratch is not None:
        raise ValueError("scratch= is for the dask engine (engine='dask'); the default engine keeps nothing on disk")
    articles = as_articles(texts_or_articles)
    nlp = nlp or load(model)
    per_article = iter_mentions(
        articles, nlp=nlp, n_process=n_process, batch_size=batch_size, batch_chars=batch_chars, zones=zones
    )
    return build_tables(chain.from_iterable(found for _, found in per_article))


def extract(
    texts_or_articles: str | Article | Iterable[str | Article],
    *,
    model: str | None = None,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    batch_chars: int = BATCH_CHARS,
    zones: Collection[str] | None = BODY,
) -> pd.DataFrame:
    """Extract quotes from articles and return the mentions table (one row per occurrence); the arguments
    are those of ``extract_tables``."""
    return extract_tables(
        texts_or_articles,
        model=model,
        nlp=nlp,
        n_process=n_process,
        batch_size=batch_size,
        batch_chars=batch_chars,
        zones=zones,
    ).mentions
