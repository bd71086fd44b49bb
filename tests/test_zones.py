"""Page furniture: quotes on lines that are not the article (headline lists, comment prompts) are marked."""

from __future__ import annotations

import pytest

from quotes.pipeline import load

HEADLINES = (
    "Minister says rival 'lied' about the budget\n-\nStorm closes ports along the coast\n-\n"
    "Coach calls defeat 'painful' after final\n-\nMarkets slide as oil prices climb\n"
)
BODY = '"We will rebuild the harbour," the mayor said on Sunday.\n'


def zones(text: str) -> list[tuple[str, str]]:
    """(quoted words, zone) of each quote: a mixed quote by its words inside the marks."""
    return [(q.quoted if q.kind == "mixed" else q.text, q.zone) for q in load()(text)._.quotes]


def test_quotes_in_a_list_of_other_headlines_are_furniture_and_the_article_is_body():
    found = zones(HEADLINES + BODY)
    assert ("We will rebuild the harbour,", "body") in found
    assert {zone for text, zone in found if text in {"lied", "painful"}} == {"furniture"}


@pytest.mark.parametrize(
    "line, quote",
    [
        ('Also Read: Mayor says port "will reopen soon"', "will reopen soon"),
        ('Related: "A new era", says minister', "A new era"),
        ('Comments: "This was a fair and careful piece of reporting," a reader wrote', None),
    ],
)
def test_boilerplate_lines_are_furniture_on_their_own(line, quote):
    quote = quote or line.split('"')[1]
    assert zones(BODY + line + "\n") == [("We will rebuild the harbour,", "body"), (quote, "furniture")]


def test_a_short_quoted_headline_above_the_article_is_not_a_list():
    found = zones("Mayor vows to 'rebuild' harbour\n" + BODY)
    assert found == [("rebuild", "body"), ("We will rebuild the harbour,", "body")]


@pytest.mark.parametrize(
    ("zones", "expected"),
    [
        pytest.param(("body",), [("We will rebuild the harbour,", "body")], id="default-body"),
        pytest.param(
            None,
            [("lied", "furniture"), ("painful", "furniture"), ("We will rebuild the harbour,", "body")],
            id="none-keeps-all",
        ),
        pytest.param(("furniture",), [("lied", "furniture"), ("painful", "furniture")], id="furniture-only"),
    ],
)
def test_the_api_keeps_the_zones_asked_for_and_the_body_by_default(zones, expected):
    import quotes

    kwargs = {} if zones == ("body",) else {"zones": zones}
    mentions = quotes.extract([HEADLINES + BODY], **kwargs)
    rows = zip(mentions["kind"], mentions["quote"], mentions["quoted"], strict=True)
    words = [quote if kind != "mixed" else quoted for kind, quote, quoted in rows]
    assert list(zip(words, mentions["zone"], strict=True)) == expected
