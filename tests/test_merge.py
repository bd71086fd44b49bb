"""Merging quote variants: which mentions become one quote, the quotes table, and stable ids."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from quotes.merge import merge, normalise, quote_id
from quotes.records import Mention
from quotes.table import MENTIONS_SCHEMA, QUOTES_SCHEMA, mentions_frame

LOPEZ = "Maria Lopez"
OKAFOR = "Chidi Okafor"


def mention(
    quote: str,
    speaker: str | None = LOPEZ,
    doc_id: str = "a1",
    role: str | None = None,
    org: str | None = None,
    kind: str = "direct",
    cue: str | None = "said",
) -> Mention:
    return Mention(
        doc_id=doc_id,
        kind=kind,
        quote=quote,
        start_char=0,
        end_char=len(quote),
        cue=cue,
        speaker_mention=speaker,
        speaker_start_char=None,
        speaker_end_char=None,
        speaker=speaker,
        speaker_role=role,
        speaker_org=org,
        speaker_type="person" if speaker else "unknown",
        confidence=0.9,
        zone="body",
    )


def merged(*mentions: Mention) -> tuple[pd.DataFrame, pd.DataFrame]:
    return merge(mentions_frame(mentions))


def ids(*mentions: Mention) -> list[str]:
    return merged(*mentions)[0]["quote_id"].tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“It’s only the beginning,” she said.", "its only the beginning she said"),
        ("It's only the beginning", "its only the beginning"),
        ("We will appeal—and we will win", "we will appeal and we will win"),
        ("We will appeal -- and we will win", "we will appeal and we will win"),
        ("The café in Montréal", "the cafe in montreal"),
        ("Søren and Đặng in Straße", "soren and dang in strasse"),
        ("«Non», dit‑il", "non dit il"),
        ("narrow\u202fno-break\u200bzero width", "narrow no breakzero width"),
        ("  We  will\nappeal\u00a0now ", "we will appeal now"),
        ("We lost 77,000 jobs", "we lost 77000 jobs"),
        ("a self-\nevident truth", "a selfevident truth"),
        ("the 2019-\n2020 budget", "the 2019 2020 budget"),
        ("50% of $5 + tax <now>", "50 of $5 + tax <now>"),
        ("", ""),
    ],
)
def test_normalise_folds_marks_case_accents_and_spacing(text: str, expected: str) -> None:
    assert normalise(text) == expected


MUST_MERGE = [
    # (why, first wording, second wording)
    ("curly vs straight apostrophe", "It’s only the beginning of our fight", "It's only the beginning of our fight"),
    ("curly vs straight inner quotes", "He called the ruling “a disgrace”", 'He called the ruling "a disgrace"'),
    ("dropped comma", "We will appeal, and we will win", "We will appeal and we will win"),
    ("case", "We will appeal the decision", "we will appeal the decision"),
    ("accents", "The café in Montréal stays closed", "The cafe in Montreal stays closed"),
    ("dash styles", "We will appeal—and we will win", "We will appeal - and we will win"),
    ("spacing and line breaks", "We will  appeal\nthe decision", "We will appeal the decision"),
    ("trailing punctuation", "We will appeal the decision.", "We will appeal the decision..."),
    ("thousands separator", "We lost 77,000 jobs this year", "We lost 77000 jobs this year"),
    ("fragment inside the full sentence", "It was only the beginning", "only the beginning"),
    ("partial quote in the middle", "The ruling ignores the evidence and the law", "ignores the evidence"),
    (
        "rewrite with hedges and synonyms",
        "I think everybody's kind of grappling with it",
        "I believe that everybody is sort of grappling with it",
    ),
    ("contraction spelled out", "We don't accept the ruling of the court", "We do not accept the ruling of the court"),
    (
        "one word swapped in a long quote",
        "The new budget protects hospitals, schools and pensions for every family",
        "The new budget safeguards hospitals, schools and pensions for every family",
    ),
]


@pytest.mark.parametrize(("why", "first", "second"), MUST_MERGE, ids=[case[0] for case in MUST_MERGE])
def test_variants_by_one_speaker_merge(why: str, first: str, second: str) -> None:
    a, b = ids(mention(first, doc_id="a1"), mention(second, doc_id="a2"))
    assert a == b, why


MUST_NOT_MERGE = [
    # (why, first mention, second mention)
    (
        "the same words by different speakers",
        mention("We will appeal the decision", LOPEZ),
        mention("We will appeal the decision", OKAFOR),
    ),
    (
        "two different things one person said",
        mention("an important milestone"),
        mention("only the beginning"),
    ),
    ("a negation", mention("We will win this case in court"), mention("We will not win this case in court")),
    ("a fragment with one content word", mention("It was the beginning of a new era"), mention("was the beginning")),
    (
        "two quotes sharing a few words",
        mention("We will fight for higher wages in every factory"),
        mention("We will fight for cleaner air in every city"),
    ),
    (
        "an unknown speaker's weak match",
        mention("It was only the beginning"),
        mention("only the beginning", speaker=None),
    ),
    (
        "an unknown speaker's loose rewrite",
        mention("We will appeal the decision of the supreme court tomorrow"),
        mention("We will appeal the decision of the supreme court today", speaker=None),
    ),
]


@pytest.mark.parametrize(("why", "first", "second"), MUST_NOT_MERGE, ids=[case[0] for case in MUST_NOT_MERGE])
def test_different_quotes_stay_apart(why: str, first: Mention, second: Mention) -> None:
    a, b = ids(first, second)
    assert a != b, why


@pytest.mark.parametrize(
    ("known", "unknown"),
    [
        ("We will appeal the decision of the court", "We will appeal the decision of the court."),
        ("We will appeal the decision of the supreme court tomorrow", "appeal the decision of the supreme court"),
        ("appeal the decision of the supreme court", "We will appeal the decision of the supreme court tomorrow"),
    ],
    ids=["exact", "long fragment", "containing a long fragment"],
)
def test_unknown_speaker_joins_a_close_match_and_takes_its_speaker(known: str, unknown: str) -> None:
    mentions, quotes = merged(mention(known, doc_id="a1"), mention(unknown, speaker=None, doc_id="a2"))
    assert mentions["quote_id"].nunique() == 1
    assert quotes["speaker"].tolist() == [LOPEZ]
    assert quotes["speaker_type"].tolist() == ["person"]
    assert quotes["quote"].tolist() == [known]  # the speaker's own wording stands for the quote


def test_unknown_speakers_weak_match_keeps_its_own_row_without_speaker() -> None:
    _, quotes = merged(mention("It was only the beginning"), mention("only the beginning", speaker=None))
    assert len(quotes) == 2
    unknown = quotes[quotes["speaker"].isna()]
    assert unknown["quote"].tolist() == ["only the beginning"]
    assert unknown["speaker_type"].tolist() == ["unknown"]


def test_unknown_speaker_matching_two_speakers_equally_joins_neither() -> None:
    said = "We will appeal the decision of the court"
    a, b, c = ids(mention(said, LOPEZ), mention(said, OKAFOR), mention(said, speaker=None))
    assert len({a, b, c}) == 3


def test_unknown_speaker_prefers_a_known_speakers_quote_to_an_unknown_ones() -> None:
    known = mention("We shall appeal this decision by the supreme court at once")
    longer_unknown = mention("Tomorrow we appeal the decision of the supreme court, then we see what happens", None)
    # a close rewrite of the first (Jaccard 0.8) and a fragment of the second
    fragment = mention("appeal the decision of the supreme court", None)
    a, b, c = ids(known, longer_unknown, fragment)
    assert c == a != b


def test_unknown_speakers_merge_among_themselves() -> None:
    a, b = ids(mention("It’s a disgrace for the whole city", None), mention("it's a disgrace for the whole city", None))
    assert a == b


def test_fragment_in_two_quotes_joins_one_and_does_not_glue_them() -> None:
    campaign = mention("It was only the beginning of the campaign for justice", doc_id="a1")
    strike = mention("This strike is only the beginning of our fight for higher wages", doc_id="a2")
    fragment = mention("only the beginning of", doc_id="a3")
    a, c, b = ids(campaign, strike, fragment)
    assert a != c
    assert b in (a, c)


def test_fragment_joins_the_container_quoted_most_often() -> None:
    popular = [
        mention("This strike is only the beginning of our fight for higher wages", doc_id=f"p{i}") for i in range(3)
    ]
    rare = mention("It was only the beginning of the long campaign for justice and equality", doc_id="r1")
    fragment = mention("only the beginning of", doc_id="f1")
    result = ids(*popular, rare, fragment)
    assert result[-1] == result[0] != result[3]


def test_chain_of_fragments_ends_in_the_full_quote() -> None:
    a, b, c = ids(
        mention("The ruling ignores the evidence and the law of this land"),
        mention("ignores the evidence and the law"),
        mention("the evidence and the law"),
    )
    assert a == b == c


def test_quotes_table_describes_each_quote() -> None:
    _, quotes = merged(
        mention("only the beginning", doc_id="b", role="minister", org="Ministry of Labour", cue="called it"),
        mention("It was only the beginning", doc_id="a", role="", kind="direct", cue="said"),
        mention("It was only the beginning", doc_id="c", role="minister"),
        mention("It was only the beginning.", doc_id="c", role="spokesperson", kind="mixed", cue="added"),
        mention("an important milestone", doc_id="d", role="spokesperson"),
    )
    first = quotes.iloc[0]
    assert first["quote"] == "It was only the beginning."  # the longest wording of the longest variant
    assert (first["kind"], first["cue"]) == ("mixed", "added")  # those of the mention that wording came from
    assert first["n_mentions"] == 4
    assert first["n_docs"] == 3
    assert first["doc_ids"] == "a|b|c"
    assert first["variants"] == "It was only the beginning|only the beginning|It was only the beginning."
    assert first["first_doc"] == "b"
    assert first["speaker_role"] == "minister"
    assert first["speaker_org"] == "Ministry of Labour"
    assert first["quote_id"] == quote_id(LOPEZ, "it was only the beginning")


def test_of_equally_long_variants_the_most_quoted_represents_the_quote() -> None:
    _, quotes = merged(
        mention("We cannot accept this ruling today", doc_id="a1"),
        mention("We can't accept this ruling today", doc_id="a2"),
        mention("We can’t accept this ruling today", doc_id="a3"),
        mention("accept this ruling", doc_id="a4"),
    )
    assert quotes["quote"].tolist() == ["We can't accept this ruling today"]
    assert quotes["variants"].tolist() == [
        "We cannot accept this ruling today|We can't accept this ruling today|We can’t accept this ruling today"
        "|accept this ruling"
    ]


def test_mentions_keep_their_order_and_wording_and_all_get_an_id() -> None:
    wordings = ["“It’s only the beginning”", "an important milestone", "it's only the beginning"]
    mentions, quotes = merged(*(mention(w, doc_id=f"a{i}") for i, w in enumerate(wordings)))
    assert mentions["quote"].tolist() == wordings
    assert mentions["doc_id"].tolist() == ["a0", "a1", "a2"]
    assert mentions["quote_id"].notna().all()
    assert set(mentions["quote_id"]) == set(quotes["quote_id"])
    assert all(re.fullmatch(r"q_[0-9a-f]{16}", i) for i in mentions["quote_id"])


def test_quotes_are_ordered_by_docs_then_mentions_then_first_appearance() -> None:
    _, quotes = merged(
        mention("first seen, one article", doc_id="a1"),
        mention("two mentions in one article", doc_id="a2"),
        mention("two mentions in one article", doc_id="a2"),
        mention("seen in two articles", doc_id="a3"),
        mention("seen in two articles", doc_id="a4"),
        mention("last seen, one article", doc_id="a5"),
    )
    assert quotes["quote"].tolist() == [
        "seen in two articles",
        "two mentions in one article",
        "first seen, one article",
        "last seen, one article",
    ]


SAMPLE = [
    mention("It was only the beginning", doc_id="a1"),
    mention("“only the beginning”", doc_id="a2"),
    mention("an important milestone", doc_id="a2", role="minister"),
    mention("I think everybody's kind of grappling with it", OKAFOR, doc_id="a3"),
    mention("I believe that everybody is sort of grappling with it", OKAFOR, doc_id="a4"),
    mention("We will appeal the decision of the court", None, doc_id="a5"),
    mention("We will appeal the decision of the court.", OKAFOR, doc_id="a6"),
    mention("It was only the beginning", OKAFOR, doc_id="a7"),
]


def test_same_input_gives_the_same_tables() -> None:
    first, second = merged(*SAMPLE), merged(*SAMPLE)
    pd.testing.assert_frame_equal(first[0], second[0])
    pd.testing.assert_frame_equal(first[1], second[1])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_ids_do_not_depend_on_input_order(seed: int) -> None:
    frame = mentions_frame(SAMPLE)
    shuffled = frame.sample(frac=1, random_state=seed).reset_index(drop=True)
    key = ["doc_id", "quote", "speaker"]
    before = merge(frame)[0].set_index(key)["quote_id"]
    after = merge(shuffled)[0].set_index(key)["quote_id"]
    pd.testing.assert_series_equal(before.sort_index(), after.sort_index())


def test_tables_follow_their_schemas() -> None:
    mentions, quotes = merged(*SAMPLE)
    assert list(quotes.columns) == list(QUOTES_SCHEMA)
    assert {c: str(t) for c, t in quotes.dtypes.items()} == {c: col.dtype for c, col in QUOTES_SCHEMA.items()}
    assert list(mentions.columns) == list(MENTIONS_SCHEMA)
    assert {c: str(t) for c, t in mentions.dtypes.items()} == {c: col.dtype for c, col in MENTIONS_SCHEMA.items()}


def test_empty_mentions_give_empty_tables_with_the_schemas() -> None:
    mentions, quotes = merge(mentions_frame([]))
    assert mentions.empty and quotes.empty
    assert list(quotes.columns) == list(QUOTES_SCHEMA)
    assert {c: str(t) for c, t in quotes.dtypes.items()} == {c: col.dtype for c, col in QUOTES_SCHEMA.items()}
    assert list(mentions.columns) == list(MENTIONS_SCHEMA)


def test_mentions_without_words_each_speaker_keeps_one_quote() -> None:
    mentions, quotes = merged(mention("..."), mention("—"), mention("...", OKAFOR), mention("", None))
    assert mentions["quote_id"].nunique() == 3
    assert len(quotes) == 3


def test_a_quote_id_is_the_same_in_every_release():
    """The stable-id promise, pinned: ids are keys users store, so this literal must never change."""
    import quotes

    tables = quotes.build_tables([mention("We will appeal the ruling,", doc_id="a1")])
    assert tables.quotes["quote_id"].tolist() == ["q_4ff37fb925238e54"]
    assert tables.mentions["quote_id"].tolist() == ["q_4ff37fb925238e54"]


def test_the_quotes_table_carries_the_rules_and_mean_confidence_of_its_mentions():
    a = mention("We will appeal the ruling,", doc_id="a1")
    b = mention("We will appeal the ruling,", doc_id="a2")
    frame = mentions_frame([a, b])
    frame["confidence"] = [0.9, 0.5]
    frame["rule"] = ["trailing_said", "trailing_said"]
    frame["speaker_rule"] = ["subject", "alias"]
    _, quotes_table = merge(frame)
    row = quotes_table.iloc[0]
    assert (row["n_mentions"], row["confidence"], row["rule"]) == (2, pytest.approx(0.7), "trailing_said")
    assert row["speaker_rule"] == "subject"  # of the representative: the longest wording, first seen


# --- speakers across articles ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("known_doc", "unknown_doc", "takes"),
    [
        ("a1", "a2", True),  # another article names the speaker of the same quote
        ("a1", "a1", False),  # the same article: its own attribution decided, nobody else's
    ],
)
def test_a_quote_with_no_speaker_takes_the_speaker_another_article_gives_it(known_doc, unknown_doc, takes):
    said = "We will appeal the decision of the supreme court tomorrow"
    mentions, _ = merged(
        mention(said, doc_id=known_doc, role="lawyer", org="the union"), mention(said, speaker=None, doc_id=unknown_doc)
    )
    row = mentions.iloc[1]
    if takes:
        assert (row["speaker"], row["speaker_role"], row["speaker_org"]) == (LOPEZ, "lawyer", "the union")
        assert (row["speaker_type"], row["speaker_rule"]) == ("person", "other_article")
        assert pd.isna(row["speaker_mention"])  # its own article names nobody
    else:
        assert pd.isna(row["speaker"]) and pd.isna(row["speaker_rule"])


@pytest.mark.parametrize(
    "second",
    [
        mention("only the beginning", speaker=None, doc_id="a2"),  # too weak a match to join
        mention("We will appeal the decision of the court", OKAFOR, doc_id="a2"),  # a speaker of its own
    ],
)
def test_a_quote_that_does_not_join_or_has_its_own_speaker_keeps_it(second):
    mentions, _ = merged(mention("It was only the beginning", doc_id="a1"), second)
    assert mentions["speaker"].iloc[1] == second.speaker or (
        second.speaker is None and pd.isna(mentions["speaker"].iloc[1])
    )
    assert "other_article" not in mentions["speaker_rule"].dropna().tolist()
