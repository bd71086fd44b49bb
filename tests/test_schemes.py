"""The label-scheme module answers the same grammatical roles on Universal Dependencies and ClearNLP parses."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from quotes import schemes

VOCAB = spacy.blank("en").vocab

# "According to Lopez , the union 's lawyer said that the plan failed ."
WORDS = [
    "According",
    "to",
    "Lopez",
    ",",
    "the",
    "union",
    "'s",
    "lawyer",
    "said",
    "that",
    "the",
    "plan",
    "failed",
    ".",
]
PARSES = {
    "ud": {
        "heads": [2, 0, 8, 8, 5, 7, 5, 8, 8, 12, 11, 12, 8, 8],
        "deps": [
            "case",
            "fixed",
            "obl",
            "punct",
            "det",
            "nmod:poss",
            "case",
            "nsubj",
            "ROOT",
            "mark",
            "det",
            "nsubj",
            "ccomp",
            "punct",
        ],
    },
    "clearnlp": {
        "heads": [8, 0, 1, 8, 5, 7, 5, 8, 8, 12, 11, 12, 8, 8],
        "deps": [
            "prep",
            "prep",
            "pobj",
            "punct",
            "det",
            "poss",
            "case",
            "nsubj",
            "ROOT",
            "mark",
            "det",
            "nsubj",
            "ccomp",
            "punct",
        ],
    },
}

# "Deborah Brown of Human Rights Watch , a researcher , spoke ."
NAME_WORDS = ["Deborah", "Brown", "of", "Watch", ",", "a", "researcher", ",", "spoke", "."]
NAME_PARSES = {
    "ud": {
        "heads": [8, 0, 3, 0, 6, 6, 0, 6, 8, 8],
        "deps": ["nsubj", "flat", "case", "nmod", "punct", "det", "appos", "punct", "ROOT", "punct"],
    },
    "clearnlp": {
        "heads": [1, 8, 1, 2, 6, 6, 1, 6, 8, 8],
        "deps": ["compound", "nsubj", "prep", "pobj", "punct", "det", "appos", "punct", "ROOT", "punct"],
    },
}


def build(words: list[str], parse: dict[str, list]) -> Doc:
    return Doc(VOCAB, words=words, heads=parse["heads"], deps=parse["deps"])


@pytest.mark.parametrize("scheme", ["ud", "clearnlp"])
def test_roles_of_an_attribution_sentence(scheme):
    doc = build(WORDS, PARSES[scheme])
    said = doc[8]
    assert [t.text for t in said.children if schemes.is_subject(t)] == ["lawyer"]
    assert [t.text for t in said.children if schemes.is_clausal_complement(t)] == ["failed"]
    assert schemes.is_possessor(doc[5])
    assert schemes.according_to_object(doc[0]).text == "Lopez"
    assert schemes.is_root(said)


@pytest.mark.parametrize("scheme", ["ud", "clearnlp"])
def test_roles_around_a_name(scheme):
    doc = build(NAME_WORDS, NAME_PARSES[scheme])
    name_head = next(t for t in doc if schemes.is_subject(t))
    assert schemes.nominal_dependent(name_head, "of").text == "Watch"
    assert [t.text for t in name_head.children if schemes.is_appositive(t)] == ["researcher"]


@pytest.mark.parametrize("scheme", ["ud", "clearnlp"])
def test_words_that_are_not_roles_answer_no(scheme):
    doc = build(WORDS, PARSES[scheme])
    assert schemes.according_to_object(doc[8]) is None
    assert not schemes.is_appositive(doc[7])
    assert schemes.nominal_dependent(doc[8], "of") is None


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("PERSON", "person"),
        ("PER", "person"),
        ("ORG", "organisation"),
        ("NORP", "organisation"),
        ("GPE", "place"),
        ("LOC", "place"),
        ("FAC", "place"),
        ("DATE", None),
        ("MISC", None),
        ("", None),
    ],
)
def test_entity_labels_of_both_schemes_map_to_kinds(label, kind):
    assert schemes.entity_kind(label) == kind


def test_entity_kind_of_a_span():
    doc = Doc(VOCAB, words=["Antonio", "Guterres", "spoke"])
    assert schemes.span_kind(Span(doc, 0, 2, label="PERSON")) == "person"
