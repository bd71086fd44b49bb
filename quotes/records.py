"""Frozen records that cross stage boundaries: articles in, quote mentions out.

Nothing here knows spaCy: from canonicalisation on, the stages see only these records and DataFrames.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

KINDS = ("direct", "mixed", "indirect")
SPEAKER_TYPES = ("person", "organisation", "group", "unknown")
ZONES = ("body", "furniture")
Engine = Literal["default", "dask"]  # where extraction runs: this process, or Dask tasks (quotes.distributed)


@dataclass(frozen=True)
class Article:
    """One input text. ``doc_id`` names it in every table (the file stem for text files)."""

    doc_id: str
    text: str


@dataclass(frozen=True)
class Mention:
    """One occurrence of a quote in one article: a row of the mentions table.

    Character offsets index ``Article.text`` exactly as given. ``speaker`` is the name the speaker
    mention resolves to within its article (a pronoun's antecedent, an alias's full name); canonical
    names across articles are set later, on the table.
    """

    doc_id: str
    kind: str
    quote: str
    start_char: int
    end_char: int
    cue: str | None
    speaker_mention: str | None
    speaker_start_char: int | None
    speaker_end_char: int | None
    speaker: str | None
    speaker_role: str | None
    speaker_org: str | None
    speaker_type: str
    confidence: float
    zone: str
    # the speaker's own words inside the marks (a mixed quote's fragments joined by " … ") and their span
    quoted: str | None = None
    quoted_start_char: int | None = None
    quoted_end_char: int | None = None
    rule: str | None = None
    speaker_rule: str | None = None
