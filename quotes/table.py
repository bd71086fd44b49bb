"""Mention records -> DataFrames with one declared schema per table.

The schemas below are the contract of the product, declared once: each column's pandas dtype, meaning and the
values it may hold. The README's column tables are tested against them, every table the API returns is
checked against them (``Schema.validate``), and users can check their own copies the same way. An empty
result is an empty table with these columns and dtypes, never ``None``. Adding a column is one line here
(and its row in the README, which the tests hold to this).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import astuple, dataclass, fields

import pandas as pd

from .records import KINDS, SPEAKER_TYPES, ZONES, Mention


class SchemaError(ValueError):
    """A table does not follow its schema; the message names every column that does not, and why."""


@dataclass(frozen=True)
class Column:
    """One column: its pandas dtype, what it means, and the values it may hold besides missing ones."""

    dtype: str  # string, Int64 or float64
    meaning: str
    allowed: tuple[str, ...] = ()  # the only values it may hold; () for any
    required: bool = False  # never missing
    minimum: float | None = None
    maximum: float | None = None


class Schema(Mapping[str, Column]):
    """The columns of one table, in order: ``schema["kind"].allowed``, ``list(schema)``, ``schema.validate``."""

    def __init__(self, name: str, columns: dict[str, Column]) -> None:
        self.name = name
        self._columns = dict(columns)

    def __getitem__(self, column: str) -> Column:
        return self._columns[column]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __repr__(self) -> str:
        return f"Schema({self.name!r}, {list(self)})"

    def validate(self, frame: pd.DataFrame, *, cast: bool = False) -> pd.DataFrame:
        """Return ``frame`` if it has exactly these columns, in order, with their dtypes and allowed values.

        Args:
            frame: the table to check.
            cast: first cast each column to its dtype (for a copy read back from CSV); the cast copy is returned.

        Raises:
            SchemaError: naming every column that is missing, extra, out of order, of another dtype, missing
                values it requires or holding values it does not allow (a few of them shown).
        """
        problems = []
        if list(frame.columns) != list(self):
            missing = [c for c in self if c not in frame.columns]
            extra = [c for c in frame.columns if c not in self]
            problems.append(
                f"columns should be {list(self)}"
                + (f"; missing {missing}" if missing else "")
                + (f"; unexpected {extra}" if extra else "")
            )
        if cast:
            try:
                frame = frame.astype({c: self[c].dtype for c in frame.columns if c in self})
            except (TypeError, ValueError) as error:
                raise SchemaError(f"{self.name} table: cannot cast to the schema's dtypes: {error}") from error
        for name, column in self.items():
            if name in frame.columns:
                problems += [f"{name!r} {problem}" for problem in _problems(frame[name], column)]
        if problems:
            hint = (
                " (validate(frame, cast=True) casts a copy read from a file)"
                if not cast and any(" has dtype " in p for p in problems)
                else ""
            )
            raise SchemaError(f"{self.name} table does not follow its schema: " + "; ".join(problems) + hint)
        return frame


def _problems(values: pd.Series, column: Column) -> Iterator[str]:
    if str(values.dtype) != column.dtype:
        yield f"has dtype {values.dtype}, expected {column.dtype}"
        return
    missing = values.isna()
    if column.required and missing.any():
        yield f"is missing in {int(missing.sum())} row(s), from row {int(missing.to_numpy().argmax())}"
    present = values[~missing]
    bad = []
    if column.allowed:
        bad += present[~present.isin(column.allowed)].tolist()
    if column.minimum is not None:
        bad += present[present < column.minimum].tolist()
    if column.maximum is not None:
        bad += present[present > column.maximum].tolist()
    if bad:
        allowed = f"one of {list(column.allowed)}" if column.allowed else f"in [{column.minimum}, {column.maximum}]"
        yield f"should be {allowed}; found {sorted(set(bad), key=str)[:5]!r} in {len(bad)} row(s)"


MENTIONS_SCHEMA = Schema(
    "mentions",
    {
        "doc_id": Column(
            "string", "the article the mention is in (file stem, or the id field of jsonl/csv input)", required=True
        ),
        "quote_id": Column(
            "string", "id of the merged quote this mention belongs to (a row of the quotes table)", required=True
        ),
        "kind": Column(
            "string",
            "direct (all inside quotation marks), mixed (reported, with quoted fragments), indirect",
            allowed=KINDS,
            required=True,
        ),
        "quote": Column(
            "string", "the quoted or reported content, without its enclosing quotation marks", required=True
        ),
        "start_char": Column(
            "Int64", "offset of the content's first character in the article text", required=True, minimum=0
        ),
        "end_char": Column("Int64", "offset just past the content's last character", required=True, minimum=0),
        "quoted": Column(
            "string",
            "the speaker's own words: what stands inside the marks (a mixed quote's fragments joined by ' … '); "
            "empty for indirect speech",
        ),
        "quoted_start_char": Column(
            "Int64", "offset of the first quoted word (first fragment) in the article text", minimum=0
        ),
        "quoted_end_char": Column("Int64", "offset just past the last quoted word (last fragment)", minimum=0),
        "cue": Column("string", "the verb of saying, 'according to', or the dash or colon that attributes the quote"),
        "speaker_mention": Column("string", "the speaker as written at this quote ('she', 'Diya', 'critics')"),
        "speaker_start_char": Column("Int64", "offset of the speaker mention; empty when there is none", minimum=0),
        "speaker_end_char": Column("Int64", "offset just past the speaker mention", minimum=0),
        "speaker": Column(
            "string",
            "canonical speaker name, one per person across all articles; empty for an unresolved pronoun (it stays "
            "in `speaker_mention`)",
        ),
        "speaker_role": Column("string", "what the speaker is ('founder', 'Secretary General')"),
        "speaker_org": Column("string", "the speaker's organisation or country ('Tech Global Institute', 'UN')"),
        "speaker_type": Column(
            "string", "person, organisation, group or unknown", allowed=SPEAKER_TYPES, required=True
        ),
        "confidence": Column(
            "float64",
            "the measured precision of its rule and speaker rule on news (resources/confidence.csv)",
            required=True,
            minimum=0.0,
            maximum=1.0,
        ),
        "zone": Column(
            "string",
            "body, or furniture for page boilerplate (headline lists, comment prompts)",
            allowed=ZONES,
            required=True,
        ),
        "rule": Column(
            "string", "the rule that found the quote (see [Rules](#rules)), e.g. trailing_said, according_to"
        ),
        "speaker_rule": Column(
            "string", "the rule that found the speaker (see [Rules](#rules)), e.g. subject, pronoun; empty if none"
        ),
    },
)

QUOTES_SCHEMA = Schema(
    "quotes",
    {
        "quote_id": Column("string", "stable id from the canonical speaker and the normalised text", required=True),
        "speaker": Column("string", "canonical speaker name; empty when the text names nobody (an unresolved pronoun)"),
        "speaker_role": Column("string", "the speaker's role, the same on every quote of that speaker"),
        "speaker_org": Column("string", "the speaker's organisation, the same on every quote of that speaker"),
        "speaker_type": Column(
            "string", "person, organisation, group or unknown", allowed=SPEAKER_TYPES, required=True
        ),
        "kind": Column("string", "the kind of the most complete variant", allowed=KINDS, required=True),
        "cue": Column("string", "the cue of the most complete variant"),
        "rule": Column("string", "the rule that found the most complete variant"),
        "speaker_rule": Column("string", "the rule that found the speaker of the most complete variant"),
        "quote": Column("string", "the most complete variant: the speaker's own longest wording", required=True),
        "n_mentions": Column("Int64", "how many mentions were merged into this quote", required=True, minimum=1),
        "n_docs": Column("Int64", "how many distinct articles carried it", required=True, minimum=1),
        "doc_ids": Column("string", "the articles that carried it, '|'-separated, sorted", required=True),
        "variants": Column("string", "each distinct wording, '|'-separated, most frequent first", required=True),
        "first_doc": Column("string", "the first article (in input order) that carried it", required=True),
        "confidence": Column("float64", "the mean confidence of its mentions", required=True, minimum=0.0, maximum=1.0),
    },
)

MENTION_FIELDS = [f.name for f in fields(Mention)]


def empty_frame(schema: Schema) -> pd.DataFrame:
    """An empty table with the schema's columns and dtypes."""
    return pd.DataFrame({name: pd.Series(dtype=column.dtype) for name, column in schema.items()})


def conform(frame: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """Return ``frame`` with exactly the schema's columns, in order, cast to its dtypes.

    Missing columns are added empty; extra columns are dropped.
    """
    out = pd.DataFrame(index=frame.index)
    for name, column in schema.items():
        dtype = column.dtype
        out[name] = frame[name].astype(dtype) if name in frame else pd.Series(index=frame.index, dtype=dtype)
    return out.reset_index(drop=True)


def mentions_frame(mentions: Iterable[Mention]) -> pd.DataFrame:
    """Mention records -> the mentions table (``quote_id`` still empty; merging fills it)."""
    rows = [astuple(m) for m in mentions]
    if not rows:
        return empty_frame(MENTIONS_SCHEMA)
    return conform(pd.DataFrame(rows, columns=MENTION_FIELDS), MENTIONS_SCHEMA)
