"""Attribution rules on parses written by hand: the rule's logic, whatever a retrained parser would say.

Each case gives the sentence and, for every token the tokenizer makes of it, (part of speech, relation,
index of its head). The Doc goes through the ``quotes`` component of a blank English pipeline.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

import quotes  # noqa: F401  (registers the components)

NLP = spacy.blank("en")
FINDER = NLP.add_pipe("quotes")

Parse = list[tuple[str, str, int]]


def parsed(text: str, parse: Parse, ents: list[tuple[int, int, str]] = ()) -> Doc:
    """The Doc of ``text`` with the hand-written parse (one (pos, dep, head) per token)."""
    tokens = NLP.make_doc(text)
    assert len(tokens) == len(parse), [t.text for t in tokens]
    doc = Doc(
        NLP.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        pos=[p for p, _, _ in parse],
        deps=[d for _, d, _ in parse],
        heads=[h for _, _, h in parse],
    )
    for start, end, label in ents:
        doc.ents = [*doc.ents, doc.char_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), label=label)]
    return doc


def found(text: str, parse: Parse, ents: list[tuple[int, int, str]] = ()) -> list[tuple]:
    doc = FINDER(parsed(text, parse, ents))
    return [
        (q.kind, q.text, q.quoted, q.speaker_mention.text if q.speaker_mention is not None else None)
        for q in doc._.quotes
    ]


# --- a mixed quote is the statement its cue governs -------------------------------------------------------

CALLED = (
    'The minister called the plan "reckless".',
    #  The          minister          called        the            plan          "          reckless
    [("DET", "det", 1), ("NOUN", "nsubj", 2), ("VERB", "ROOT", 2), ("DET", "det", 4), ("NOUN", "obj", 2),
     ("PUNCT", "punct", 6), ("ADJ", "xcomp", 2), ("PUNCT", "punct", 6), ("PUNCT", "punct", 2)],
)  # fmt: skip
SAID = (
    'She said the vote was "rigged".',
    #  She                said             the              vote             was
    [("PRON", "nsubj", 1), ("VERB", "ROOT", 1), ("DET", "det", 3), ("NOUN", "nsubj", 6), ("AUX", "cop", 6),
     ("PUNCT", "punct", 6), ("ADJ", "ccomp", 1), ("PUNCT", "punct", 6), ("PUNCT", "punct", 1)],
)  # fmt: skip
TWO_CLAUSES = (
    'She said the plan was "reckless" and that the vote was "a farce".',
    [("PRON", "nsubj", 1), ("VERB", "ROOT", 1), ("DET", "det", 3), ("NOUN", "nsubj", 6), ("AUX", "cop", 6),
     ("PUNCT", "punct", 6), ("ADJ", "ccomp", 1), ("PUNCT", "punct", 6),  # She said the plan was "reckless"
     ("CCONJ", "cc", 15), ("SCONJ", "mark", 15), ("DET", "det", 11), ("NOUN", "nsubj", 15), ("AUX", "cop", 15),
     ("PUNCT", "punct", 15), ("DET", "det", 15), ("NOUN", "conj", 6), ("PUNCT", "punct", 15),  # and that ...
     ("PUNCT", "punct", 1)],
)  # fmt: skip
PARATAXIS = (
    'The plan is "a disaster for families", the mayor said.',
    #  The             plan              is                "                   a
    [("DET", "det", 1), ("NOUN", "nsubj", 5), ("AUX", "cop", 5), ("PUNCT", "punct", 5), ("DET", "det", 5),
     ("NOUN", "ROOT", 5), ("ADP", "case", 7), ("NOUN", "nmod", 5), ("PUNCT", "punct", 5),  # disaster for families"
     ("PUNCT", "punct", 12), ("DET", "det", 11), ("NOUN", "nsubj", 12), ("VERB", "parataxis", 5),
     ("PUNCT", "punct", 5)],
)  # fmt: skip
FRAGMENTS = (
    'The senator called it "reckless" and "doomed".',
    [("DET", "det", 1), ("NOUN", "nsubj", 2), ("VERB", "ROOT", 2), ("PRON", "obj", 2), ("PUNCT", "punct", 5),
     ("ADJ", "xcomp", 2), ("PUNCT", "punct", 5), ("CCONJ", "cc", 9), ("PUNCT", "punct", 9), ("ADJ", "conj", 5),
     ("PUNCT", "punct", 9), ("PUNCT", "punct", 2)],
)  # fmt: skip


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (CALLED, [("mixed", 'the plan "reckless"', "reckless", "The minister")]),
        (SAID, [("mixed", 'the vote was "rigged"', "rigged", "She")]),
        (
            TWO_CLAUSES,
            [
                ("mixed", 'the plan was "reckless"', "reckless", "She"),
                ("mixed", 'the vote was "a farce"', "a farce", "She"),
            ],
        ),
        (PARATAXIS, [("mixed", 'The plan is "a disaster for families"', "a disaster for families", "the mayor")]),
        (FRAGMENTS, [("mixed", 'it "reckless" and "doomed"', "reckless … doomed", "The senator")]),
    ],
)
def test_mixed_quote_is_the_statement_its_cue_governs(case, expected):
    assert found(*case) == expected


def test_mixed_quote_keeps_the_offsets_of_its_quoted_words():
    text, parse = TWO_CLAUSES
    doc = FINDER(parsed(text, parse))
    for q in doc._.quotes:
        assert text[q.start_char : q.end_char] == q.text
        assert text[q.quoted_start_char : q.quoted_end_char] == q.quoted


def test_quoted_words_with_no_cue_are_not_a_quote():
    text = 'The "reform" passed easily.'
    parse = [("DET", "det", 2), ("PUNCT", "punct", 2), ("NOUN", "nsubj", 4), ("PUNCT", "punct", 2),
             ("VERB", "ROOT", 4), ("ADV", "advmod", 4), ("PUNCT", "punct", 4)]  # fmt: skip
    assert found(text, parse) == []


NESTED_REPORT = (
    'Trump said Clinton called the deal "the gold standard".',
    #  Trump                said              Clinton               called
    [("PROPN", "nsubj", 1), ("VERB", "ROOT", 1), ("PROPN", "nsubj", 3), ("VERB", "ccomp", 1),
     ("DET", "det", 5), ("NOUN", "obj", 3), ("PUNCT", "punct", 9), ("DET", "det", 9), ("NOUN", "compound", 9),
     ("NOUN", "xcomp", 3), ("PUNCT", "punct", 9), ("PUNCT", "punct", 1)],
)  # fmt: skip


def test_quote_nested_in_another_report_belongs_to_the_outer_attribution():
    assert found(*NESTED_REPORT) == [
        ("mixed", 'Clinton called the deal "the gold standard"', "the gold standard", "Trump")
    ]


# --- reported speech ----------------------------------------------------------------------------------------

BELIEVES = (
    "Lopez said she believes the plan will fail.",
    [("PROPN", "nsubj", 1), ("VERB", "ROOT", 1), ("PRON", "nsubj", 3), ("VERB", "ccomp", 1), ("DET", "det", 5),
     ("NOUN", "nsubj", 7), ("AUX", "aux", 7), ("VERB", "ccomp", 3), ("PUNCT", "punct", 1)],
)  # fmt: skip
DENIED = (
    "The ministry denied the reports of abuse.",
    [("DET", "det", 1), ("NOUN", "nsubj", 2), ("VERB", "ROOT", 2), ("DET", "det", 4), ("NOUN", "obj", 2),
     ("ADP", "case", 6), ("NOUN", "nmod", 4), ("PUNCT", "punct", 2)],
)  # fmt: skip
OFFERS = (
    "The bank offers banking services to farmers.",
    [("DET", "det", 1), ("NOUN", "nsubj", 2), ("VERB", "ROOT", 2), ("NOUN", "compound", 4), ("NOUN", "obj", 2),
     ("ADP", "case", 6), ("NOUN", "obl", 2), ("PUNCT", "punct", 2)],
)  # fmt: skip
UNVEILED = (
    "The mayor unveiled a new plan for the harbour.",
    [("DET", "det", 1), ("NOUN", "nsubj", 2), ("VERB", "ROOT", 2), ("DET", "det", 5), ("ADJ", "amod", 5),
     ("NOUN", "obj", 2), ("ADP", "case", 8), ("DET", "det", 8), ("NOUN", "nmod", 5), ("PUNCT", "punct", 2)],
)  # fmt: skip


TWO_SUBJECTS = (
    "Smith said the union expected cuts to end.",
    #  Smith               said                the               union                expected
    [("PROPN", "nsubj", 1), ("VERB", "ROOT", 1), ("DET", "det", 3), ("NOUN", "nsubj", 1), ("VERB", "amod", 5),
     ("NOUN", "nmod", 3), ("PART", "mark", 7), ("VERB", "acl", 5), ("PUNCT", "punct", 1)],
)  # fmt: skip
SECOND_SUBJECT_LATER = (
    "Smith said yesterday the union expected cuts.",
    #  Smith               said                yesterday          the               union
    [("PROPN", "nsubj", 1), ("VERB", "ROOT", 1), ("NOUN", "obl", 1), ("DET", "det", 4), ("NOUN", "nsubj", 1),
     ("VERB", "amod", 6), ("NOUN", "nmod", 4), ("PUNCT", "punct", 1)],
)  # fmt: skip
NAME_HEADED_CLAUSE = (
    "The center said that most refugees are Muslims.",
    #  The               center               said                that               most
    [("DET", "det", 1), ("NOUN", "nsubj", 2), ("VERB", "ROOT", 2), ("SCONJ", "mark", 7), ("ADJ", "amod", 5),
     ("NOUN", "nsubj", 7), ("AUX", "cop", 7), ("PROPN", "ccomp", 2), ("PUNCT", "punct", 2)],
)  # fmt: skip
SENTENCE_BEFORE = (
    "The vote was close. Lopez said that the count was over.",
    #  The               vote                 was                close               .
    [("DET", "det", 1), ("NOUN", "nsubj", 3), ("AUX", "cop", 3), ("ADJ", "ccomp", 6), ("PUNCT", "punct", 3),
     ("PROPN", "nsubj", 6), ("VERB", "ROOT", 6), ("SCONJ", "mark", 10), ("DET", "det", 9), ("NOUN", "nsubj", 11),
     ("AUX", "cop", 11), ("ADJ", "ccomp", 6), ("PUNCT", "punct", 6)],
)  # fmt: skip


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        # a second subject right after the cue is the misparsed subject of the reported clause
        (TWO_SUBJECTS, [("indirect", "the union expected cuts to end", None, "Smith")]),
        (SECOND_SUBJECT_LATER, []),
        # a complement headed by a name is a clause when it has a subject ("are Muslims")
        (NAME_HEADED_CLAUSE, [("indirect", "most refugees are Muslims", None, "The center")]),
        # a sentence before the cue that the parse hung on it is not what the cue reports
        (SENTENCE_BEFORE, [("indirect", "the count was over", None, "Lopez")]),
        # a report nested in another is one statement, the outer speaker's
        (BELIEVES, [("indirect", "she believes the plan will fail", None, "Lopez")]),
        # the object of a verb of saying whose object is what was said
        (DENIED, [("indirect", "the reports of abuse", None, "The ministry")]),
        # the object of a verb whose object is a thing: nothing was said
        (OFFERS, []),
        (UNVEILED, []),
    ],
)
def test_reported_speech(case, expected):
    assert found(*case) == expected


# --- speakers -----------------------------------------------------------------------------------------------

TIME_SUBJECT = (
    'Friday said the talks had "failed".',
    [("PROPN", "nsubj", 1), ("VERB", "ROOT", 1), ("DET", "det", 3), ("NOUN", "nsubj", 6), ("AUX", "aux", 6),
     ("PUNCT", "punct", 6), ("VERB", "ccomp", 1), ("PUNCT", "punct", 6), ("PUNCT", "punct", 1)],
)  # fmt: skip


def test_a_time_is_never_a_speaker():
    assert found(*TIME_SUBJECT) == [("mixed", 'the talks had "failed"', "failed", None)]


ADDING = (
    'Lopez spoke, adding that the costs had "doubled".',
    [("PROPN", "nsubj", 1), ("VERB", "ROOT", 1), ("PUNCT", "punct", 3), ("VERB", "parataxis", 1),
     ("SCONJ", "mark", 9), ("DET", "det", 6), ("NOUN", "nsubj", 9), ("AUX", "aux", 9), ("PUNCT", "punct", 9),
     ("VERB", "ccomp", 3), ("PUNCT", "punct", 9), ("PUNCT", "punct", 1)],
)  # fmt: skip


def test_a_participle_with_no_subject_takes_the_subject_of_the_main_clause():
    assert found(*ADDING) == [("mixed", 'the costs had "doubled"', "doubled", "Lopez")]


def _met_then_said(first: str, pronoun: str) -> Doc:
    """'<first> Kowalski met Tom Baker. <pronoun> said the deal was "fair".' with both people recognised."""
    text = f'{first} Kowalski met Tom Baker. {pronoun} said the deal was "fair".'
    parse = [("PROPN", "nsubj", 2), ("PROPN", "flat", 0), ("VERB", "ROOT", 2), ("PROPN", "obj", 2),
             ("PROPN", "flat", 3), ("PUNCT", "punct", 2),
             ("PRON", "nsubj", 7), ("VERB", "ROOT", 7), ("DET", "det", 9), ("NOUN", "nsubj", 12), ("AUX", "cop", 12),
             ("PUNCT", "punct", 12), ("ADJ", "ccomp", 7), ("PUNCT", "punct", 12), ("PUNCT", "punct", 7)]  # fmt: skip
    return FINDER(parsed(text, parse, ents=[(0, 2, "PERSON"), (3, 5, "PERSON")]))


@pytest.mark.parametrize(
    ("first", "pronoun", "speaker"),
    [
        # the subject of the last sentences is the salient referent, not the last name seen
        ("Anna", "She", "Anna Kowalski"),
        # a gender the article showed ("Ms") rules a person out
        ("Ms", "He", "Tom Baker"),
    ],
)
def test_pronoun_speaker_prefers_the_last_subject_that_agrees(first, pronoun, speaker):
    assert [q.speaker for q in _met_then_said(first, pronoun)._.quotes] == [speaker]


HEADLINE = (
    'Christie Calls Clinton "A Disgrace" Over Comments',
    # the tagger takes a Title-Case headline for one long name
    [("PROPN", "nsubj", 5), ("PROPN", "flat", 0), ("PROPN", "flat", 0), ("PUNCT", "punct", 5),
     ("DET", "det", 5), ("PROPN", "ROOT", 5), ("PUNCT", "punct", 5), ("ADP", "case", 8), ("PROPN", "nmod", 5)],
)  # fmt: skip
NOT_A_HEADLINE = (
    'Mr Holmes Calls was "a disgrace", the paper wrote.',
    [("PROPN", "compound", 2), ("PROPN", "flat", 0), ("PROPN", "nsubj", 6), ("AUX", "cop", 6),
     ("PUNCT", "punct", 6), ("DET", "det", 6), ("NOUN", "ROOT", 6), ("PUNCT", "punct", 6), ("PUNCT", "punct", 11),
     ("DET", "det", 10), ("NOUN", "nsubj", 11), ("VERB", "parataxis", 6), ("PUNCT", "punct", 6)],
)  # fmt: skip


def test_title_case_headline_verb_of_saying_is_a_cue_and_ends_the_name():
    doc = FINDER(parsed(*HEADLINE))
    assert [(q.kind, q.quoted, q.speaker_mention.text) for q in doc._.quotes] == [("mixed", "A Disgrace", "Christie")]


def test_a_capitalised_word_outside_a_title_case_line_is_no_cue():
    assert [q[3] for q in found(*NOT_A_HEADLINE)] == ["the paper"]


SHOW = (
    'The senator on "Face the Nation" said the plan would fail.',
    [("DET", "det", 1), ("NOUN", "nsubj", 8), ("ADP", "case", 4), ("PUNCT", "punct", 4), ("PROPN", "nmod", 1),
     ("DET", "det", 6), ("PROPN", "flat", 4), ("PUNCT", "punct", 4), ("VERB", "ROOT", 8), ("DET", "det", 10),
     ("NOUN", "nsubj", 12), ("AUX", "aux", 12), ("VERB", "ccomp", 8), ("PUNCT", "punct", 8)],
)  # fmt: skip


def test_a_title_no_verb_of_saying_governs_is_not_a_quote():
    # the show's name is not the senator's words; what the senator said is still reported
    assert found(*SHOW) == [("indirect", "the plan would fail", None, "The senator")]
