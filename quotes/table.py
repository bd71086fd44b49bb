"""Mention records -> DataFrames with one documented schema per table.

The schemas below are the contract of the product: the README documents them, tests check them, and an
empty result is an empty table with these columns and dtypes, never ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, fields

import pandas as pd

from .records import Mention

# column -> (pandas dtype, meaning)
MENTIONS_SCHEMA: dict[str, tuple[str, str]] = {
    "doc_id": ("string", "the article the mention is in (file stem, or the id field of jsonl/csv input)"),
    "quote_id": ("string", "id of the merged quote this mention belongs to (a row of the quotes table)"),
    "kind": (
        "string",
        "direct (all inside quotation marks), mixed (reported, with quoted fragments), indirect",
    ),
    "quote": ("string", "the quoted or reported content, without its enclosing quotation marks"),
    "start_char": ("Int64", "offset of the content's first character in the article text"),
    "end_char": ("Int64", "offset just past the content's last character"),
    "quoted": (
        "string",
        "the speaker's own words: what stands inside the marks (a mixed quote's fragments joined by ' … '); "
        "empty for indirect speech",
    ),
    "quoted_start_char": ("Int64", "offset of the first quoted word (first fragment) in the article text"),
    "quoted_end_char": ("Int64", "offset just past the last quoted word (last fragment)"),
    "cue": ("string", "the verb of saying, 'according to', or the dash or colon that attributes the quote"),
    "speaker_mention": ("string", "the speaker as written at this quote ('she', 'Diya', 'critics')"),
    "speaker_start_char": ("Int64", "offset of the speaker mention; empty when there is none"),
    "speaker_end_char": ("Int64", "offset just past the speaker mention"),
    "speaker": ("string", "canonical speaker name, one per person across all articles"),
    "speaker_role": ("string", "what the speaker is ('founder', 'Secretary General')"),
    "speaker_org": ("string", "the speaker's organisation or country ('Tech Global Institute', 'UN')"),
    "speaker_type": ("string", "person, organisation, group or unknown"),
    "confidence": ("float64", "the measured precision of its rule and speaker rule on news (resources/confidence.csv)"),
    "zone": ("string", "body, or furniture for page boilerplate (headline lists, comment prompts)"),
    "rule": ("string", "the rule that found the quote (README: Rules), e.g. trailing_said, according_to"),
    "speaker_rule": ("string", "the rule that found the speaker (README: Rules), e.g. subject, pronoun; empty if none"),
}

QUOTES_SCHEMA: dict[str, tuple[str, str]] = {
    "quote_id": ("string", "stable id from the canonical speaker and the normalised text"),
    "speaker": ("string", "canonical speaker name"),
    "speaker_role": ("string", "the speaker's role, the same on every quote of that speaker"),
    "speaker_org": ("string", "the speaker's organisation, the same on every quote of that speaker"),
    "speaker_type": ("string", "person, organisation, group or unknown"),
    "kind": ("string", "the kind of the most complete variant"),
    "cue": ("string", "the cue of the most complete variant"),
    "rule": ("string", "the rule that found the most complete variant"),
    "speaker_rule": ("string", "the rule that found the speaker of the most complete variant"),
    "quote": ("string", "the most complete variant: the speaker's own longest wording"),
    "n_mentions": ("Int64", "how many mentions were merged into this quote"),
    "n_docs": ("Int64", "how many distinct articles carried it"),
    "doc_ids": ("string", "the articles that carried it, '|'-separated, sorted"),
    "variants": ("string", "each distinct wording, '|'-separated, most frequent first"),
    "first_doc": ("string", "the first article (in input order) that carried it"),
    "confidence": ("float64", "the mean confidence of its mentions"),
}

MENTION_FIELDS = [f.name for f in fields(Mention)]


def empty_frame(schema: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """An empty table with the schema's columns and dtypes."""
    return pd.DataFrame({col: pd.Series(dtype=dtype) for col, (dtype, _) in schema.items()})


def conform(frame: pd.DataFrame, schema: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Return ``frame`` with exactly the schema's columns, in order, cast to its dtypes.

    Missing columns are added empty; extra columns are dropped.
    """
    out = pd.DataFrame(index=frame.index)
    for col, (dtype, _) in schema.items():
        out[col] = frame[col].astype(dtype) if col in frame else pd.Series(index=frame.index, dtype=dtype)
    return out.reset_index(drop=True)


def mentions_frame(mentions: Iterable[Mention]) -> pd.DataFrame:
    """Mention records -> the mentions table (``quote_id`` still empty; merging fills it)."""
    rows = [astuple(m) for m in mentions]
    if not rows:
        return empty_frame(MENTIONS_SCHEMA)
    return conform(pd.DataFrame(rows, columns=MENTION_FIELDS), MENTIONS_SCHEMA)
