"""The Python API: texts in, the two tables out, with offsets into the texts exactly as given."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

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
    assert list(zip(story.kind, story.quote, story.speaker, strict=True)) == [
        ("direct", "This is a fair deal for every district,", "Ellen Park"),
        ("indirect", "the plan will cut services too deeply", "critics"),
        ("direct", "Libraries will close,", "Tom Baker"),
    ]
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


def test_a_single_string_is_one_article():
    text = '"We will appeal," said Maria Lopez. "The ruling is wrong," Lopez added.'
    assert_frame_equal(quotes.extract(text), quotes.extract([text]))
    assert set(quotes.extract(text).doc_id) == {"doc0"}


@pytest.mark.parametrize(
    "articles, message",
    [
        pytest.param(b'"We will appeal," she said.', "not bytes", id="bytes"),
        pytest.param(['"We will appeal," she said.', 42], "article 1 is a int", id="not-a-string"),
    ],
)
def test_what_is_not_text_is_a_type_error(articles, message):
    with pytest.raises(TypeError, match=message):
        quotes.extract_tables(articles)


def test_batches_are_bounded_by_characters_and_by_count():
    texts = [("x" * n, i) for i, n in enumerate([30, 30, 50, 200, 10, 10, 10, 10])]
    batches = list(api.batches(texts, max_chars=100, max_items=3))
    assert [[i for _, i in b] for b in batches] == [[0, 1], [2], [3], [4, 5, 6], [7]]
    assert all(sum(len(t) for t, _ in b) <= 100 or len(b) == 1 for b in batches)


def test_long_article_goes_to_spacy_in_batches_of_bounded_size(monkeypatch, nlp):
    sizes: list[int] = []
    real_pipe = nlp.pipe

    def recording_pipe(items, **kwargs):
        if kwargs.get("as_tuples"):  # spaCy's pipe calls itself again with the bare texts
            items = list(items)
            sizes.append(sum(len(text) for text, _ in items))
        return real_pipe(items, **kwargs)

    monkeypatch.setattr(api, "MAX_PIECE_CHARS", 300)
    monkeypatch.setattr(nlp, "pipe", recording_pipe)
    paragraph = 'The vote was close. "We will appeal the result," said Maria Lopez.\n'
    mentions = quotes.extract([paragraph * 20, paragraph], nlp=nlp, batch_chars=600)
    assert len(mentions) == 21
    assert len(sizes) > 2 and max(sizes) <= 600


def test_the_readme_python_section_runs_as_written(capsys):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf8")
    section = readme.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    [block] = re.findall(r"```python\n(.*?)```", section, re.S)
    exec(compile(block, "README.md", "exec"), {})
    assert "Lopez" in capsys.readouterr().out


SAID = "We will appeal the decision of the supreme court tomorrow"


@pytest.mark.parametrize(
    ("second", "speaker", "speaker_rule"),
    [
        # nobody named, or a pronoun nothing in the article resolves: the other article's speaker
        (f'Workers gathered at the gate on Monday.\n\n"{SAID}," she said.', "Maria Lopez", "other_article"),
        (f'Workers gathered at the gate on Monday.\n\n"{SAID}."', "Maria Lopez", "other_article"),
        # an article that names its own speaker keeps it
        (f'"{SAID}," said Tom Brandt, the mayor.', "Tom Brandt", "subject"),
    ],
)
def test_a_quote_takes_the_speaker_another_article_gives_it(second, speaker, speaker_rule):
    first = quotes.Article("a1", f'"{SAID}," said Maria Lopez, the union\'s lawyer.')
    tables = quotes.extract_tables([first, quotes.Article("a2", second)])
    row = tables.mentions[tables.mentions["doc_id"] == "a2"].iloc[0]
    assert (row["speaker"], row["speaker_rule"]) == (speaker, speaker_rule)


def test_one_group_in_several_articles_is_one_canonical_speaker_in_both_tables():
    tables = quotes.extract_tables(
        [
            quotes.Article("a", "Rights groups said the new law would silence dissent in the country."),
            quotes.Article(
                "b", "More than a dozen rights groups said the new law would silence dissent in the country."
            ),
        ]
    )
    assert tables.mentions["speaker"].tolist() == ["rights groups", "rights groups"]
    assert tables.mentions["speaker_mention"].tolist() == ["Rights groups", "More than a dozen rights groups"]
    assert tables.quotes["speaker"].tolist() == ["rights groups"]
