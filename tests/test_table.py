"""The two tables have one documented schema: the README documents it, and every result follows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quotes.records import Mention
from quotes.table import MENTIONS_SCHEMA, QUOTES_SCHEMA, empty_frame, mentions_frame

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf8")


def readme_columns(heading: str) -> list[str]:
    section = README.split(heading, 1)[1].split("###", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)


@pytest.mark.parametrize(
    ("heading", "schema"),
    [
        ("### quotes: one row per distinct quote", QUOTES_SCHEMA),
        ("### mentions: one row per occurrence", MENTIONS_SCHEMA),
    ],
)
def test_readme_documents_every_column_in_order(heading, schema):
    assert readme_columns(heading) == list(schema)


@pytest.mark.parametrize("schema", [MENTIONS_SCHEMA, QUOTES_SCHEMA])
def test_empty_result_is_an_empty_table_with_the_schema(schema):
    frame = empty_frame(schema)
    assert len(frame) == 0
    assert {c: str(t) for c, t in frame.dtypes.items()} == {c: d for c, (d, _) in schema.items()}


def test_mentions_frame_follows_the_schema_and_keeps_missing_values_missing():
    mention = Mention(
        doc_id="a",
        kind="direct",
        quote="We will appeal",
        start_char=1,
        end_char=15,
        cue=None,
        speaker_mention=None,
        speaker_start_char=None,
        speaker_end_char=None,
        speaker=None,
        speaker_role=None,
        speaker_org=None,
        speaker_type="unknown",
        confidence=0.4,
        zone="body",
    )
    frame = mentions_frame([mention])
    assert list(frame.columns) == list(MENTIONS_SCHEMA)
    assert {c: str(t) for c, t in frame.dtypes.items()} == {c: d for c, (d, _) in MENTIONS_SCHEMA.items()}
    row = frame.iloc[0]
    assert (row["quote"], row["start_char"], row["confidence"]) == ("We will appeal", 1, 0.4)
    assert row[["cue", "speaker", "speaker_start_char", "quote_id"]].isna().all()


def test_no_mentions_give_an_empty_mentions_table():
    frame = mentions_frame([])
    assert list(frame.columns) == list(MENTIONS_SCHEMA) and len(frame) == 0
