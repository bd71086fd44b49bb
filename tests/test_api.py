"""The Python API: texts in, the two tables out, with offsets into the texts exactly as given."""

from __future__ import annotations

import pytest

import quotes
from quotes import api

STORY = (
    'The council approved the budget on Monday. "This is a fair deal for every district," said Mayor Ellen '
    "Park.\nCritics say the plan will cut services too deeply. "
    '"Libraries will close," warned Tom Baker of the Readers Union.'
)


@pytest.fixture(scope="module")
def tables():
    return quotes.extract_tables([quotes.Article("story", STORY), quotes.Article("copy", STORY.upper().lower())])


def test_tables_follow_their_schemas(tables):
    assert list(tables.mentions.columns) == list(quotes.MENTIONS_SCHEMA)
    assert list(tables.quotes.columns) == list(quotes.QUOTES_SCHEMA)


def test_every_mention_points_at_its_quote_in_the_text(tables):
    story = tables.mentions[tables.mentions.doc_id == "story"]
    assert len(story) >= 3
    for row in story.itertuples():
        assert STORY[row.start_char : row.end_char].split()[0] == row.quote.split()[0]
        if row.speaker_mention is not None and row.speaker_start_char is not None:
            assert STORY[row.speaker_start_char : row.speaker_end_char] == row.speaker_mention


def test_every_mention_belongs_to_a_quote_row(tables):
    assert set(tables.mentions.quote_id) <= set(tables.quotes.quote_id)


def test_plain_strings_are_named_by_position():
    mentions = quotes.extract(['"We will appeal," she said.', "Nothing to see here."])
    assert set(mentions.doc_id) == {"doc0"}


def test_no_quotes_give_empty_tables_with_the_schema():
    tables = quotes.extract_tables(["The weather was mild all week."])
    assert tables.mentions.empty and list(tables.mentions.columns) == list(quotes.MENTIONS_SCHEMA)
    assert tables.quotes.empty and list(tables.quotes.columns) == list(quotes.QUOTES_SCHEMA)


def test_long_text_is_cut_into_pieces_and_offsets_stay_on_the_whole_text(monkeypatch):
    monkeypatch.setattr(api, "MAX_PIECE_CHARS", 200)
    paragraph = 'The vote was close. "We will appeal the result," said Maria Lopez.\n'
    text = paragraph * 12
    mentions = quotes.extract([text])
    assert len(mentions) == 12
    for row in mentions.itertuples():
        assert text[row.start_char : row.end_char] == "We will appeal the result,"


@pytest.mark.parametrize("limit", [50, 200, 1000])
def test_pieces_cover_the_text_exactly(limit):
    text = ("One sentence here. " * 30 + "\n") * 5 + "x" * 700
    pieces = list(api.pieces(text, limit))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= limit for _, p in pieces)
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
