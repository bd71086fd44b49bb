"""One text folding (quotes.text.fold) for names and quote wordings, and both stages agreeing on it."""

from __future__ import annotations

import pytest

from quotes.canonical import token_key
from quotes.merge import normalise
from quotes.text import fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("António Guterres", "antonio guterres", id="latin_acute"),
        pytest.param("Luiz Inácio Lula da Silva", "luiz inacio lula da silva", id="latin_acute_in_the_middle"),
        pytest.param("Đặng Thị Ngọc Thịnh", "dang thi ngoc thinh", id="vietnamese_d_stroke_and_tones"),
        pytest.param("Søren Kierkegaard", "soren kierkegaard", id="o_stroke"),
        pytest.param("ØRSTED", "orsted", id="capital_o_stroke"),
        pytest.param("Straße", "strasse", id="sharp_s"),
        pytest.param("Lech Wałęsa", "lech walesa", id="l_stroke_and_ogonek"),
        pytest.param("Æsir Œuvre", "aesir oeuvre", id="ligatures"),
        pytest.param("Recep Tayyip Erdoğan", "recep tayyip erdogan", id="g_breve"),
        pytest.param("İstanbul", "istanbul", id="dotted_capital_i"),
        pytest.param("Владимир Путин", "vladimir putin", id="cyrillic_transliterated"),
        pytest.param("“It’s ‘fine’,” she said", "\"it's 'fine',\" she said", id="typographic_quotes_to_ascii"),
        pytest.param("«Non» et ‹oui›", "\"non\" et 'oui'", id="guillemets_are_quotation_marks"),
        pytest.param("a\u00a0b\u202fc", "a b c", id="no_break_spaces_are_spaces"),
        pytest.param("zero\u200bwidth\ufeff", "zerowidth", id="zero_width_spaces_go"),
        pytest.param("appeal—and win – now", "appeal-and win - now", id="dashes_to_hyphens"),
        pytest.param("plain ASCII", "plain ascii", id="ascii_only_lower_cased"),
        pytest.param("", "", id="empty"),
    ],
)
def test_fold_makes_spellings_of_one_thing_equal(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_output_is_ascii_for_latin_and_cyrillic() -> None:
    assert fold("Đorđe Søren Straße Ærø Путин “x”").isascii()


def test_fold_never_folds_a_word_of_letters_to_nothing() -> None:
    # anyascii has no ASCII for a lone Arabic alef: the letter stays rather than the word vanishing
    assert fold("\u0627") == "\u0627"
    assert fold("\u200b") == ""  # but a run without letters may vanish


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Søren Kierkegaard", "Soren Kierkegaard"),
        ("Đặng Thị Ngọc Thịnh", "Dang Thi Ngoc Thinh"),
        ("Weißmann", "Weissmann"),
        ("Lech Wałęsa", "Lech Walesa"),
        ("O’Brien", "O'Brien"),
    ],
)
def test_names_and_quotes_fold_the_same_letters(one: str, other: str) -> None:
    # one folding for both stages: what makes two names one speaker makes two wordings one quote
    assert [token_key(w) for w in one.split()] == [token_key(w) for w in other.split()]
    assert normalise(f"{one} said it") == normalise(f"{other} said it")
