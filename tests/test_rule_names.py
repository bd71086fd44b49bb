"""Every quote names the rule that found it and the rule that found its speaker; rules switch off by name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy

from quotes import rules
from quotes.pipeline import load

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf8")


def readme_rules(column: str) -> list[str]:
    section = README.split("### Rules", 1)[1].split("## ", 1)[0]
    table = section.split(f"| `{column}` |", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.M)


@pytest.mark.parametrize(("column", "declared"), [("rule", rules.CONTENT_RULES), ("speaker_rule", rules.SPEAKER_RULES)])
def test_readme_lists_every_rule_in_order(column, declared):
    assert readme_rules(column) == list(declared)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will appeal," Maria Lopez said.', [("We will appeal,", "trailing_said", "subject")]),
        ('Maria Lopez said: "We will appeal the ruling."', [("We will appeal the ruling.", "leading_said", "subject")]),
        pytest.param(
            '"Nobody asked us what we wanted here." \u2014 Maria Lopez\n',
            [("Nobody asked us what we wanted here.", "dash_name", "dash_name")],
            id="dash-name",
        ),
        (
            'Lopez: "We will appeal the ruling today."\n',
            [("We will appeal the ruling today.", "colon_line", "colon_name")],
        ),
        (
            'Maria Lopez arrived. "We will appeal," she said.',
            [("We will appeal,", "trailing_said", "pronoun")],
        ),
        (
            '"We will appeal the ruling, whatever it costs us," she said.',
            [("We will appeal the ruling, whatever it costs us,", "trailing_said", "unresolved_pronoun")],
        ),
        (
            "According to Maria Lopez, the union will appeal the ruling.",
            [("the union will appeal the ruling", "according_to", "according_to")],
        ),
        (
            'Maria Lopez, the union lawyer, arrived. "We will appeal," Lopez said.',
            [("We will appeal,", "trailing_said", "alias")],
        ),
        (
            '"This is the end of an era for all of us here."',
            [("This is the end of an era for all of us here.", "no_cue", None)],
        ),
        ("Lopez's claims of fraud angered the court.", [("fraud", "cue_noun_phrase", "possessor")]),
    ],
)
def test_each_quote_names_its_rule_and_speaker_rule(text, expected):
    assert [(q.text, q.rule, q.speaker_rule) for q in load()(text)._.quotes] == expected


def test_the_mentions_and_quotes_tables_carry_the_rules():
    import quotes

    tables = quotes.extract_tables(['"We will appeal," Maria Lopez said.'])
    assert tables.mentions[["rule", "speaker_rule"]].values.tolist() == [["trailing_said", "subject"]]
    assert tables.quotes[["rule", "speaker_rule"]].values.tolist() == [["trailing_said", "subject"]]


def _with_disabled(*names: str):
    """A quotes component set up through its factory config, run on the bundled pipeline's parse."""
    blank = spacy.blank("en")
    component = blank.add_pipe("quotes", config={"disabled_rules": list(names)})
    assert blank.get_pipe_config("quotes")["disabled_rules"] == list(names)  # recorded in config.cfg
    return lambda text: component(load()(text))


@pytest.mark.parametrize(
    ("text", "disabled", "expected"),
    [
        # another rule takes over: the parse links the cue to the quote
        ('"We will appeal," Maria Lopez said.', "trailing_said", [("We will appeal,", "governing_cue", "subject")]),
        ('"This is the end of an era for all of us here."', "no_cue", []),
        (
            'Maria Lopez arrived. "We will appeal," she said.',
            "pronoun",
            [("We will appeal,", "trailing_said", "unresolved_pronoun")],
        ),
        ("According to Maria Lopez, the union will appeal the ruling.", "according_to", []),
        ("The mayor repeated his claims of fraud in the count.", "cue_noun_phrase", []),
    ],
)
def test_a_rule_switched_off_by_name_does_not_fire(text, disabled, expected):
    doc = _with_disabled(disabled)(text)
    assert [(q.text, q.rule, q.speaker_rule) for q in doc._.quotes] == expected


def test_an_unknown_rule_name_is_refused_with_the_list_of_rules():
    with pytest.raises(ValueError, match="unknown rule.*'trailing_sayd'.*trailing_said"):
        _with_disabled("trailing_sayd")


def test_an_undeclared_rule_cannot_fire():
    with pytest.raises(KeyError, match="not declared"):
        rules.on("my_new_rule")
