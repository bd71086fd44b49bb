"""The named rules: every quote records the rule that found it (``rule``) and the one that found its speaker
(``speaker_rule``), so each rule can be measured (``resources/confidence.csv``) and switched off by name.

A rule is a branch of ``find.py``, ``attribute.py`` or ``speakers.py`` that asks ``on(name)`` before it
fires and passes its name on with what it found. A new rule adds one line to the tables below (the README
lists them; a test checks the two agree). Names are short and stable: they are the keys of the confidence
table and of the ``disabled_rules`` setting of the component.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# how the quote (its content and cue) was found
CONTENT_RULES: dict[str, str] = {
    "trailing_said": "a cue right after the closing mark: '\"...,\" she said', '\"...\" Lopez told Reuters'",
    "leading_said": "a cue before the opening mark, in the same sentence: 'Lopez said: \"...\"'",
    "colon_intro": "a cue in the sentence that ends with the colon before the quote: 'said in a statement: \"...\"'",
    "governing_cue": "a verb of saying that governs the quote in the parse: 'described it as an \"important step\"'",
    "dash_name": "a dash and a name ending the line after the quote: '\"...\" — Maria Lopez'",
    "colon_line": "a line of a name and a colon before the quote: 'Lopez: \"...\"' (interviews, transcripts)",
    "sentence_cue": "a partial quote in a sentence whose verb of saying the parse does not link to it",
    "continuation": "a quote with no cue standing alone right after an attributed one: the same speaker goes on",
    "no_cue": "a quote of four words or more with no cue and no attributed quote before it",
    "reported_clause": "the clause a verb of saying governs: 'Lopez said (that) the union would appeal'",
    "reported_object": "the object, infinitive or topic of a verb of saying: 'denied the claim', 'called for a vote'",
    "trailing_attribution": "a sentence ending in an attribution clause: 'The union will appeal, Lopez said.'",
    "medial_attribution": "an attribution inside its sentence: 'The union, Lopez said, will appeal', 'As X noted'",
    "cue_noun": "the 'that' clause of a noun of saying: 'his warning that prices would rise'",
    "cue_noun_phrase": "the topic or infinitive of a noun of saying: 'claims of fraud', 'a promise to cut taxes'",
    "according_to": "the rest of a sentence with 'according to X' (X is the speaker)",
}

# how the speaker mention was found
SPEAKER_RULES: dict[str, str] = {
    "subject": "the subject of the cue",
    "appositive": "a name in apposition the parser made a second subject: 'The chairman, Gregor Baumann, said'",
    "joined_subject": "the subject of the verb the cue joins: 'Lopez denied it but said ...', 'declined to say'",
    "relative": "the noun a relative clause on the cue describes: 'Lopez, who said ...'",
    "passive_agent": "the agent of a passive cue: 'the plan was criticised by the union'",
    "modified_noun": "the noun a participle cue describes: 'a letter signed by ...', 'officials speaking on ...'",
    "word_before": "the name or noun right before a cue whose parse lost its subject",
    "main_clause_subject": "the main clause's subject, for a participle cue with none: 'Speaking today, Lopez ...'",
    "inverted": "the noun phrase right after the cue in '\"...,\" said Anna Kowalski'",
    "according_to": "the object of 'according to'",
    "dash_name": "the name after the dash: '\"...\" — Maria Lopez'",
    "colon_name": "the name before the colon: 'Lopez: \"...\"'",
    "possessor": "the possessor of a noun of saying: 'the minister's warning that ...'",
    "by_phrase": "the 'by' or 'from' phrase of a noun of saying: 'a warning from the union that ...'",
    "clause_subject": "the subject of a clause above a pronoun speaker that agrees: 'Ban condemned what he called'",
    "continuation": "the speaker of the quote it continues",
    "pronoun": "a pronoun resolved to the latest earlier person, group or organisation that agrees with it",
    "unresolved_pronoun": "a pronoun with no antecedent in the article: it stays the pronoun",
    "alias": "a shorter form of a name given in full earlier in the article: 'Lopez' for 'Maria Lopez'",
    "other_article": "the speaker another article gives the same quote (merged variants); no mention in this one",
}

ALL = CONTENT_RULES.keys() | SPEAKER_RULES.keys()

_DISABLED: ContextVar[frozenset[str]] = ContextVar("quotes_disabled_rules", default=frozenset())


def check(names: Iterable[str]) -> frozenset[str]:
    """``names`` as a set, after making sure each is a rule.

    Raises:
        ValueError: a name is not one of ``CONTENT_RULES`` or ``SPEAKER_RULES``.
    """
    names = frozenset(names)
    unknown = sorted(names - ALL)
    if unknown:
        raise ValueError(f"unknown rule(s) {', '.join(map(repr, unknown))}: the rules are {', '.join(sorted(ALL))}")
    return names


def on(name: str) -> bool:
    """Whether rule ``name`` may fire (it is not among the disabled rules of the current call)."""
    if name not in ALL:
        raise KeyError(f"rule {name!r} is not declared: add it to quotes/rules.py (and the README's list)")
    return name not in _DISABLED.get()


@contextmanager
def disabled(names: Iterable[str]) -> Iterator[None]:
    """Switch the named rules off for the code run inside the ``with`` block (this thread or task only)."""
    token = _DISABLED.set(check(names))
    try:
        yield
    finally:
        _DISABLED.reset(token)
