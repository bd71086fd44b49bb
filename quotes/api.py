"""The extraction entry points: articles -> mention records -> the two tables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from typing import NamedTuple

import pandas as pd
from spacy.language import Language

from .canonical import canonicalize
from .component import QuoteFinder, failure_of, mentions_of
from .merge import merge
from .pipeline import load
from .records import Article, Mention
from .table import mentions_frame

# spaCy's parser needs about 1 GB per 100,000 words; longer texts are cut into pieces of at most this many
# characters, at a line break where possible, and their offsets put back on the whole text.
MAX_PIECE_CHARS = 100_000


class Tables(NamedTuple):
    """The two result tables: one row per occurrence, one row per merged quote."""

    mentions: pd.DataFrame
    quotes: pd.DataFrame


def as_articles(texts_or_articles: Iterable[str | Article]) -> Iterator[Article]:
    """Wrap plain strings as Articles named by their position (``doc0``, ``doc1``, ...)."""
    for i, item in enumerate(texts_or_articles):
        yield item if isinstance(item, Article) else Article(doc_id=f"doc{i}", text=str(item))


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


def iter_mentions(
    articles: Iterable[Article],
    *,
    nlp: Language,
    n_process: int = 1,
    batch_size: int = 16,
    failures: list[Failure] | None = None,
) -> Iterator[tuple[Article, list[Mention]]]:
    """Stream articles through ``nlp`` and yield each article with its mention records, in input order.

    Args:
        failures: when given, an article the quotes component fails on is appended here (and yielded with
            no mentions) and the run goes on; when None, the error is raised.
    """
    component_cfg = None
    if failures is not None:
        names = [name for name, pipe in nlp.pipeline if isinstance(pipe, QuoteFinder)]
        component_cfg = {name: {"on_error": "record"} for name in names}

    def items() -> Iterator[tuple[str, tuple[Article, int, bool]]]:
        for article in articles:
            parts = list(pieces(article.text))
            for n, (offset, piece) in enumerate(parts):
                yield piece, (article, offset, n == len(parts) - 1)

    found: list[Mention] = []
    failed: str | None = None
    docs = nlp.pipe(items(), as_tuples=True, n_process=n_process, batch_size=batch_size, component_cfg=component_cfg)
    for doc, (article, offset, last) in docs:
        found += mentions_of(doc, article.doc_id, offset)
        failed = failed or failure_of(doc)
        if last:
            if failed is not None and failures is not None:
                failures.append(Failure(article.doc_id, failed))
                found = []  # a partly read article would be less than the article: none of it
            yield article, found
            found, failed = [], None


def build_tables(mentions: Iterable[Mention]) -> Tables:
    """Mention records -> canonical speakers -> merged quotes: the mentions and quotes tables."""
    frame = canonicalize(mentions_frame(mentions))
    return Tables(*merge(frame))


def extract_tables(
    texts_or_articles: Iterable[str | Article],
    *,
    model: str | None = None,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 16,
) -> Tables:
    """Extract quotes from articles and return both tables.

    Args:
        texts_or_articles: strings (named ``doc0``, ``doc1``, ...) or ``Article`` records.
        model: a spaCy pipeline name or path; None uses the bundled English pipeline.
        nlp: an already loaded pipeline from ``quotes.load`` (overrides ``model``).
        n_process, batch_size: passed to ``nlp.pipe``.
    """
    nlp = nlp or load(model)
    per_article = iter_mentions(as_articles(texts_or_articles), nlp=nlp, n_process=n_process, batch_size=batch_size)
    return build_tables(chain.from_iterable(found for _, found in per_article))


def extract(
    texts_or_articles: Iterable[str | Article],
    *,
    model: str | None = None,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 16,
) -> pd.DataFrame:
    """Extract quotes from articles and return the mentions table (one row per occurrence)."""
    return extract_tables(texts_or_articles, model=model, nlp=nlp, n_process=n_process, batch_size=batch_size).mentions
