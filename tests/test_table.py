"""The two tables have one documented schema: the README documents it, and every result follows it."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import quotes
import quotes.api
from quotes.records import KINDS, SPEAKER_TYPES, ZONES, Mention
from quotes.table import MENTIONS_SCHEMA, QUOTES_SCHEMA, SchemaError, conform, empty_frame, mentions_frame

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf8")


def readme_rows(heading: str) -> list[tuple[str, str, str]]:
    """(column, dtype, meaning) of each row of the README's column table under ``heading``."""
    section = README.split(heading, 1)[1].split("###", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \| (\S+) \| (.*?) \|$", section, flags=re.M)


TABLES = [
    pytest.param("### quotes: one row per distinct quote", QUOTES_SCHEMA, id="quotes"),
    pytest.param("### mentions: one row per occurrence", MENTIONS_SCHEMA, id="mentions"),
]


@pytest.mark.parametrize(("heading", "schema"), TABLES)
def test_readme_documents_every_column_its_dtype_and_meaning_in_order(heading, schema):
    assert readme_rows(heading) == [(name, col.dtype, col.meaning) for name, col in schema.items()]


@pytest.mark.parametrize(("heading", "schema"), TABLES)
def test_readme_names_every_allowed_value(heading, schema):
    meanings = {name: meaning for name, _, meaning in readme_rows(heading)}
    for name, column in schema.items():
        if name != "kind" or schema is MENTIONS_SCHEMA:  # the quotes table's kind refers to the mentions'
            assert all(re.search(rf"\b{value}\b", meanings[name]) for value in column.allowed), name


def test_allowed_values_are_those_of_the_records():
    for schema in (MENTIONS_SCHEMA, QUOTES_SCHEMA):
        assert (schema["kind"].allowed, schema["speaker_type"].allowed) == (KINDS, SPEAKER_TYPES)
    assert MENTIONS_SCHEMA["zone"].allowed == ZONES


@pytest.mark.parametrize("schema", [MENTIONS_SCHEMA, QUOTES_SCHEMA])
def test_empty_result_is_an_empty_table_with_the_schema(schema):
    frame = empty_frame(schema)
    assert len(frame) == 0
    assert {c: str(t) for c, t in frame.dtypes.items()} == {c: col.dtype for c, col in schema.items()}


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
    assert {c: str(t) for c, t in frame.dtypes.items()} == {c: col.dtype for c, col in MENTIONS_SCHEMA.items()}
    row = frame.iloc[0]
    assert (row["quote"], row["start_char"], row["confidence"]) == ("We will appeal", 1, 0.4)
    assert row[["cue", "speaker", "speaker_start_char", "quote_id"]].isna().all()


def test_no_mentions_give_an_empty_mentions_table():
    frame = mentions_frame([])
    assert list(frame.columns) == list(MENTIONS_SCHEMA) and len(frame) == 0


def one_mention(**changes) -> pd.DataFrame:
    """A valid one-row mentions table, with ``changes`` written into it."""
    row = {
        "doc_id": "a",
        "quote_id": "q1",
        "kind": "direct",
        "quote": "We will appeal",
        "start_char": 1,
        "end_char": 15,
        "speaker": "Maria Lopez",
        "speaker_type": "person",
        "confidence": 0.9,
        "zone": "body",
    }
    return conform_row(row | changes)


def conform_row(row: dict) -> pd.DataFrame:
    return conform(pd.DataFrame([row]), MENTIONS_SCHEMA)


def test_a_table_that_follows_the_schema_validates_as_itself():
    frame = one_mention()
    assert MENTIONS_SCHEMA.validate(frame) is frame
    for schema in (MENTIONS_SCHEMA, QUOTES_SCHEMA):
        schema.validate(empty_frame(schema))


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        pytest.param(one_mention(kind="quoted"), "'kind' should be one of ['direct', 'mixed', 'indirect']", id="kind"),
        pytest.param(one_mention(zone="sidebar"), "'zone' should be one of ['body', 'furniture']", id="zone"),
        pytest.param(one_mention(speaker_type="robot"), "'speaker_type' should be one of", id="speaker_type"),
        pytest.param(one_mention(confidence=1.5), "'confidence' should be in [0.0, 1.0]; found [1.5]", id="range"),
        pytest.param(one_mention(start_char=-1), "'start_char' should be in [0, None]", id="offset"),
        pytest.param(one_mention(doc_id=None), "'doc_id' is missing in 1 row(s)", id="required"),
        pytest.param(
            one_mention().astype({"end_char": "int64"}), "'end_char' has dtype int64, expected Int64", id="dtype"
        ),
        pytest.param(one_mention().drop(columns="zone"), "missing ['zone']", id="missing_column"),
        pytest.param(one_mention().assign(extra=1), "unexpected ['extra']", id="extra_column"),
        pytest.param(one_mention()[list(MENTIONS_SCHEMA)[::-1]], "columns should be ['doc_id',", id="order"),
    ],
)
def test_validate_names_what_breaks_the_schema(frame, message):
    with pytest.raises(SchemaError) as raised:
        MENTIONS_SCHEMA.validate(frame)
    assert message in str(raised.value) and str(raised.value).startswith("mentions table")


def test_a_copy_read_back_from_csv_validates_once_cast(tmp_path):
    path = tmp_path / "mentions.csv"
    one_mention().to_csv(path, index=False)
    copy = pd.read_csv(path)
    with pytest.raises(SchemaError, match="cast=True"):
        quotes.MENTIONS_SCHEMA.validate(copy)
    assert quotes.MENTIONS_SCHEMA.validate(copy, cast=True).equals(one_mention())


@pytest.mark.parametrize("table", [0, 1], ids=["mentions", "quotes"])
def test_every_table_the_api_returns_is_checked(monkeypatch, table):
    merge = quotes.api.merge

    def merge_with_a_bad_kind(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        tables = list(merge(frame))
        frame = tables[table]
        tables[table] = frame.assign(kind=pd.Series("quoted", index=frame.index, dtype="string"))
        return tables[0], tables[1]

    monkeypatch.setattr(quotes.api, "merge", merge_with_a_bad_kind)
    mention = Mention("a", "direct", "We will appeal", 1, 15, "said", *[None] * 6, "unknown", 0.5, "body")
    with pytest.raises(quotes.SchemaError, match="'kind' should be one of"):
        quotes.build_tables([mention])


def test_the_api_tables_follow_the_schema():
    mention = Mention("a", "direct", "We will appeal", 1, 15, "said", *[None] * 6, "unknown", 0.5, "body")
    tables = quotes.build_tables([mention])
    assert MENTIONS_SCHEMA.validate(tables.mentions) is tables.mentions
    assert QUOTES_SCHEMA.validate(tables.quotes) is tables.quotes
