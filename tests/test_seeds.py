"""The sample articles: five outlets' versions of one story, merged into one row per thing said."""

from __future__ import annotations

from pathlib import Path

import pytest

import quotes

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture(scope="module")
def tables():
    articles = [quotes.Article(p.stem, p.read_text(encoding="utf8")) for p in sorted(DATA.glob("*.txt"))]
    return quotes.extract_tables(articles)


def row_with(tables, words: str, speaker: str | None = None):
    rows = tables.quotes[tables.quotes.quote.str.contains(words, regex=False)]
    if speaker is not None:
        rows = rows[rows.speaker == speaker]
    assert len(rows) == 1, f"{len(rows)} rows quote {words!r}"
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("words", "speaker", "outlets"),
    [
        ("rubber-stamping a very problematic practice", "Sabhanaz Rashid Diya", 4),
        ("driving force behind this treaty", "Deborah Brown", 2),
        ("only the beginning", "Antonio Guterres", 3),
    ],
)
def test_a_quote_printed_by_several_outlets_is_one_row_counting_them(tables, words, speaker, outlets):
    row = row_with(tables, words, speaker)
    assert row.n_docs == outlets
    assert len(row.doc_ids.split("|")) == outlets


def test_two_things_one_person_said_stay_two_rows(tables):
    milestone = row_with(tables, "important milestone", "Antonio Guterres")
    beginning = row_with(tables, "only the beginning", "Antonio Guterres")
    assert milestone.quote_id != beginning.quote_id


def test_every_mention_of_a_merged_quote_points_at_its_own_text(tables):
    texts = {p.stem: p.read_text(encoding="utf8") for p in DATA.glob("*.txt")}
    for row in tables.mentions.itertuples():
        piece = texts[row.doc_id][row.start_char : row.end_char]
        assert piece.split()[:1] == row.quote.split()[:1]
