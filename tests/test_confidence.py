"""Confidence is a measurement: the precision of each rule pair, kept as data and looked up for every quote."""

from __future__ import annotations

import pytest

from quotes import confidence as conf
from quotes import rules
from quotes.pipeline import load


def test_the_table_is_built_from_outcomes_with_shrinkage_toward_the_rule():
    outcomes = [("trailing_said", "subject", True)] * 9 + [("trailing_said", "subject", False)]
    outcomes += [("no_cue", None, False)] * 10
    table = {(r["rule"], r["speaker_rule"]): (r["rows"], r["right"], r["confidence"]) for r in conf.build(outcomes)}
    assert table[("*", "*")] == (20, 9, 0.45)
    # rule: (9 + 5 * 0.45) / (10 + 5); pair: (9 + 5 * rule) / (10 + 5)
    assert table[("trailing_said", "*")] == (10, 9, 0.75)
    assert table[("trailing_said", "subject")] == (10, 9, 0.85)
    assert table[("no_cue", "")] == (10, 0, round(5 * (5 * 0.45 / 15) / 15, 3))
    assert table[("*", "")] == (10, 0, 0.15)


def test_an_unseen_pair_takes_its_speaker_rule_then_its_rule_then_the_overall_value():
    assert conf.lookup_order("colon_line", "pronoun") == (
        ("colon_line", "pronoun"),
        ("*", "pronoun"),
        ("colon_line", "*"),
        ("*", "*"),
    )
    values = conf.table()
    assert conf.confidence("no_such_rule", "no_such_speaker_rule") == values[("*", "*")]


def test_the_shipped_table_has_every_rule_measured_or_a_fallback():
    values = conf.table()
    assert ("*", "*") in values
    for rule in rules.CONTENT_RULES:
        for speaker_rule in [*rules.SPEAKER_RULES, None]:
            assert 0.0 <= conf.confidence(rule, speaker_rule) <= 1.0


@pytest.mark.parametrize(
    "text",
    ['"We will appeal," Maria Lopez said.', "According to Maria Lopez, the union will appeal the ruling."],
)
def test_each_quote_carries_the_measured_precision_of_its_rule_pair(text):
    [quote] = load()(text)._.quotes
    assert quote.confidence == conf.confidence(quote.rule, quote.speaker_rule)
