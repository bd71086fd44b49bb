"""Canonical speakers: one name, role and organisation per speaker across articles."""

from __future__ import annotations

import pandas as pd
import pytest

from quotes.canonical import canonicalize
from quotes.records import Mention
from quotes.table import MENTIONS_SCHEMA, mentions_frame

# (article, speaker as that article resolved it)
Row = tuple[str, str | None]


def mention(
    doc_id: str,
    speaker: str | None,
    speaker_type: str = "person",
    role: str | None = None,
    org: str | None = None,
    n: int = 0,
) -> Mention:
    """A mention whose only interesting fields are the speaker's; ``n`` tells rows apart."""
    return Mention(
        doc_id=doc_id,
        kind="direct",
        quote=f"quote {n}",
        start_char=n,
        end_char=n + 1,
        cue="said",
        speaker_mention=speaker,
        speaker_start_char=None,
        speaker_end_char=None,
        speaker=speaker,
        speaker_role=role,
        speaker_org=org,
        speaker_type=speaker_type,
        confidence=0.9,
        zone="body",
    )


def plain(values: pd.Series) -> list[str | None]:
    return [None if pd.isna(v) else v for v in values]


def canonical_names(rows: list[Row], speaker_type: str = "person") -> list[str | None]:
    frame = mentions_frame(mention(doc, speaker, speaker_type, n=i) for i, (doc, speaker) in enumerate(rows))
    return plain(canonicalize(frame)["speaker"])


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [("a", "António Guterres"), ("b", "Antonio Guterres"), ("c", "Antonio Guterres")],
            ["Antonio Guterres"] * 3,
            id="accents_folded_most_written_spelling_wins",
        ),
        pytest.param(
            [("a", "António Guterres"), ("b", "António Guterres"), ("c", "Antonio Guterres")],
            ["António Guterres"] * 3,
            id="accented_spelling_wins_when_written_more",
        ),
        pytest.param(
            [("a", "Đặng Thị Ngọc Thịnh"), ("b", "Dang Thi Ngoc Thinh"), ("c", "Dang Thi Ngoc Thinh")],
            ["Dang Thi Ngoc Thinh"] * 3,
            id="vietnamese_tones_and_d_stroke_folded",
        ),
        pytest.param(
            [
                ("a", "Søren Brandt"),
                ("b", "Søren Brandt"),
                ("c", "Soren Brandt"),
                ("d", "Lech Walesa"),
                ("e", "Lech Walesa"),
                ("f", "Lech Wałęsa"),
                ("f", "Wałęsa"),
            ],
            ["Søren Brandt"] * 3 + ["Lech Walesa"] * 4,
            id="o_stroke_and_l_stroke_folded",
        ),
        pytest.param(
            [("a", "Ana Weißmann"), ("b", "Ana Weissmann"), ("c", "Ana Weissmann")],
            ["Ana Weissmann"] * 3,
            id="sharp_s_folded",
        ),
        pytest.param(
            [("a", "ANTONIO GUTERRES"), ("b", "ANTONIO GUTERRES"), ("c", "Antonio Guterres")],
            ["Antonio Guterres"] * 3,
            id="headline_capitals_lose_to_written_case",
        ),
        pytest.param(
            [
                ("a", "Antonio Guterres"),
                ("b", "UN chief Antonio Guterres"),
                ("c", "Secretary-General Guterres"),
                ("d", "Mr Guterres"),
                ("e", "Mr. Guterres"),
                ("f", "UN Secretary General António Guterres"),
            ],
            ["Antonio Guterres"] * 6,
            id="titles_and_honorifics_folded",
        ),
        pytest.param(
            [("a", "Maria Lopez"), ("b", "Ms. Lopez"), ("c", "Deborah Brown"), ("d", "Dr Brown")],
            ["Maria Lopez", "Maria Lopez", "Deborah Brown", "Deborah Brown"],
            id="honorific_before_surname_folded",
        ),
        pytest.param(
            [("a", "President Luong Cuong"), ("b", "Vietnamese President Luong Cuong"), ("c", "Cuong")],
            ["Luong Cuong"] * 3,
            id="title_with_country_qualifier_folded",
        ),
        pytest.param(
            [("a", "Sen. Mitch McConnell"), ("b", "former president Joe Biden"), ("c", "Joe Biden")],
            ["Mitch McConnell", "Joe Biden", "Joe Biden"],
            id="abbreviated_and_lower_case_titles_folded",
        ),
        pytest.param(
            [("a", "Julie Bishop"), ("b", "Foreign Minister Julie Bishop"), ("c", "President")],
            ["Julie Bishop", "Julie Bishop", "President"],
            id="title_word_at_end_of_name_or_alone_is_kept",
        ),
        pytest.param(
            [("a", "Ursula von der Leyen"), ("b", "President von der Leyen"), ("c", "Charles de Gaulle")],
            ["Ursula von der Leyen", "Ursula von der Leyen", "Charles de Gaulle"],
            id="name_particles_kept_and_particle_surname_joins",
        ),
        pytest.param(
            [("a", "Martin Luther King Jr."), ("b", "Dr King")],
            ["Martin Luther King Jr.", "Martin Luther King Jr."],
            id="surname_before_generational_suffix_joins",
        ),
        pytest.param(
            [("a", "Diya"), ("b", "Diya"), ("c", "Sabhanaz Diya"), ("d", "Sabhanaz Rashid Diya")],
            ["Sabhanaz Rashid Diya"] * 4,
            id="most_complete_form_wins_over_more_frequent",
        ),
        pytest.param(
            [("a", "Sabhanaz Rashid Diya"), ("b", "Diya")],
            ["Sabhanaz Rashid Diya"] * 2,
            id="unambiguous_surname_joins_full_name",
        ),
        pytest.param(
            [("a", "Sabhanaz Rashid Diya"), ("b", "Sabhanaz Diya"), ("c", "Sabhanaz R. Diya")],
            ["Sabhanaz Rashid Diya"] * 3,
            id="first_last_and_initial_forms_join_middle_name_form",
        ),
        pytest.param(
            [("a", "Deborah Brown"), ("b", "Gordon Brown")],
            ["Deborah Brown", "Gordon Brown"],
            id="two_browns_stay_apart",
        ),
        pytest.param(
            [("a", "Deborah Brown"), ("b", "Gordon Brown"), ("c", "Brown"), ("d", "Dr Brown")],
            ["Deborah Brown", "Gordon Brown", "Brown", "Brown"],
            id="ambiguous_bare_surname_stays_itself",
        ),
        pytest.param(
            [
                ("a", "Deborah Brown"),
                ("a", "Brown"),
                ("b", "Gordon Brown"),
                ("b", "Mr Brown"),
                ("c", "Brown"),
            ],
            ["Deborah Brown", "Deborah Brown", "Gordon Brown", "Gordon Brown", "Brown"],
            id="ambiguous_surname_joins_the_full_name_of_its_own_article",
        ),
        pytest.param(
            [("a", "George W. Bush"), ("b", "George H. W. Bush"), ("c", "George Bush"), ("c", "Bush")],
            ["George W. Bush", "George H. W. Bush", "George Bush", "George Bush"],
            id="different_middle_initials_stay_apart",
        ),
        pytest.param(
            [("a", "George W. Bush"), ("b", "George H. W. Bush"), ("b", "George Bush")],
            ["George W. Bush", "George H. W. Bush", "George H. W. Bush"],
            id="ambiguous_first_last_joins_the_full_name_of_its_own_article",
        ),
        pytest.param(
            [("a", "Antonio Guterres"), ("b", "Antonio"), ("c", "Antonio Banderas")],
            ["Antonio Guterres", "Antonio", "Antonio Banderas"],
            id="shared_first_name_never_joins",
        ),
    ],
)
def test_canonicalize_person_names(rows: list[Row], expected: list[str]) -> None:
    assert canonical_names(rows) == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [
                ("a", "Vietnam's government"),
                ("b", "the government of Vietnam"),
                ("c", "Vietnamese government"),
                ("d", "The Vietnamese Government"),
                ("e", "Vietnam's government"),
            ],
            ["Vietnam's government"] * 5,
            id="variants_of_one_government_merged",
        ),
        pytest.param(
            [("a", "the critics"), ("b", "critics"), ("c", "Critics")],
            ["critics"] * 3,
            id="leading_determiner_stripped_and_case_folded",
        ),
        pytest.param(
            [("a", "China's government"), ("b", "China's government"), ("c", "Chinese government")],
            ["China's government"] * 3,
            id="adjective_of_a_place_with_dropped_vowel_merged",
        ),
        pytest.param(
            [("a", "Niger's government"), ("b", "Nigeria's government"), ("c", "Nigerian government")],
            ["Niger's government", "Nigerian government", "Nigerian government"],
            id="adjective_goes_to_the_longest_place_it_fits",
        ),
        pytest.param(
            [("a", "Vietnam's government"), ("b", "China's government"), ("c", "Vietnam's army")],
            ["Vietnam's government", "China's government", "Vietnam's army"],
            id="different_institutions_not_merged",
        ),
        pytest.param(
            [("a", "Austria's government"), ("b", "Australian government")],
            ["Austria's government", "Australian government"],
            id="similar_place_names_not_merged",
        ),
        pytest.param(
            [("a", "Bank of America"), ("b", "America's government"), ("c", "American bank")],
            ["Bank of America", "America's government", "American bank"],
            id="proper_name_with_of_not_split",
        ),
        pytest.param(
            [
                ("a", "rights groups"),
                ("b", "more than a dozen rights groups"),
                ("c", "Dozens of rights groups"),
                ("d", "at least 12 rights groups"),
            ],
            ["rights groups"] * 4,
            id="the_count_before_a_group_is_dropped",
        ),
        pytest.param(
            [("a", "63 percent"), ("b", "19 percent"), ("c", "Five Star Movement"), ("d", "eight of 10 voters")],
            ["63 percent", "19 percent", "Five Star Movement", "eight of 10 voters"],
            id="shares_names_and_counts_of_a_count_are_kept",
        ),
        pytest.param(
            [("a", "US"), ("b", "U.S."), ("c", "the US")],
            ["US"] * 3,
            id="country_called_us_is_not_a_pronoun_and_its_dots_fold",
        ),
    ],
)
@pytest.mark.parametrize("speaker_type", ["organisation", "group"])
def test_canonicalize_groups_and_institutions(rows: list[Row], expected: list[str], speaker_type: str) -> None:
    assert canonical_names(rows, speaker_type) == expected


# (article, speaker, role, organisation) in; (role, organisation) out
RoleRow = tuple[str, str, str | None, str | None]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [("a", "Sabhanaz Rashid Diya", "founder", "Tech Global Institute"), ("b", "Diya", None, None)],
            [("founder", "Tech Global Institute")] * 2,
            id="role_and_org_carried_to_all_mentions",
        ),
        pytest.param(
            [
                ("a", "Diya", "founder", "Tech Global Institute"),
                ("b", "Diya", "founder", None),
                ("c", "Diya", "executive director", "TGI"),
            ],
            [("founder", "Tech Global Institute")] * 3,
            id="most_frequent_role_and_org_kept",
        ),
        pytest.param(
            [
                ("a", "Antonio Guterres", "chief", "UN"),
                ("b", "Guterres", "UN Secretary-General", "United Nations"),
            ],
            [("UN Secretary-General", "United Nations")] * 2,
            id="equally_frequent_longer_role_and_org_kept",
        ),
        pytest.param(
            [("a", "Secretary-General Guterres", None, None)],
            [("Secretary-General", None)],
            id="title_fills_missing_role",
        ),
        pytest.param(
            [("a", "UN chief Antonio Guterres", None, None), ("b", "Guterres", None, "UN")],
            [("UN chief", "UN")] * 2,
            id="title_role_carried_to_all_mentions",
        ),
        pytest.param(
            [
                ("a", "Antonio Guterres", "head of the United Nations", None),
                ("b", "Secretary-General Guterres", None, None),
            ],
            [("head of the United Nations", None)] * 2,
            id="stated_role_beats_title",
        ),
        pytest.param(
            [("a", "Mr Guterres", None, None)],
            [(None, None)],
            id="honorific_is_not_a_role",
        ),
        pytest.param(
            [
                ("a", "Deborah Brown", "researcher", "Human Rights Watch"),
                ("b", "Gordon Brown", "former prime minister", None),
                ("c", "Dr Brown", "economist", None),
                ("d", "Brown", None, "LSE"),
            ],
            [
                ("researcher", "Human Rights Watch"),
                ("former prime minister", None),
                ("economist", None),
                (None, "LSE"),
            ],
            id="ambiguous_surname_keeps_its_own_role_and_org",
        ),
    ],
)
def test_canonicalize_roles_and_organisations(rows: list[RoleRow], expected: list[tuple]) -> None:
    frame = mentions_frame(mention(doc, s, "person", role, org, n=i) for i, (doc, s, role, org) in enumerate(rows))
    out = canonicalize(frame)
    assert list(zip(plain(out["speaker_role"]), plain(out["speaker_org"]), strict=True)) == expected


def test_canonicalize_leaves_missing_speakers_alone_and_empties_pronouns() -> None:
    frame = mentions_frame(
        [
            mention("a", None, "unknown", n=0),
            mention("a", "he", "unknown", n=1),
            mention("b", "She", "person", n=2),
            mention("b", "they", "group", n=3),
            mention("c", "Antonio Guterres", "person", n=4),
        ]
    )
    out = canonicalize(frame)
    assert plain(out["speaker"]) == [None, None, None, None, "Antonio Guterres"]
    assert plain(out["speaker_type"]) == ["unknown", "unknown", "unknown", "unknown", "person"]


def test_canonicalize_types_an_untyped_name_that_joins_a_person() -> None:
    frame = mentions_frame([mention("a", "Luong Cuong", "person"), mention("b", "Cuong", "unknown", n=1)])
    assert plain(canonicalize(frame)["speaker_type"]) == ["person", "person"]


def corpus() -> pd.DataFrame:
    rows = [
        ("a", "UN chief António Guterres", "person", None, "UN"),
        ("a", "Deborah Brown", "person", "researcher", None),
        ("a", "Brown", "person", None, None),
        ("b", "Gordon Brown", "person", None, None),
        ("b", "Mr Brown", "person", "former prime minister", None),
        ("c", "Brown", "person", None, None),
        ("c", "Guterres", "person", "Secretary-General", None),
        ("c", "Vietnamese government", "organisation", None, None),
        ("d", "the government of Vietnam", "organisation", None, None),
        ("d", "she", "unknown", None, None),
        ("d", None, "unknown", None, None),
    ]
    return mentions_frame(mention(d, s, t, r, o, n=i) for i, (d, s, t, r, o) in enumerate(rows))


def test_canonicalize_is_independent_of_row_order() -> None:
    frame = corpus()
    expected = canonicalize(frame)
    for seed in range(5):
        order = frame.sample(frac=1, random_state=seed).index
        shuffled = canonicalize(frame.loc[order].reset_index(drop=True))
        pd.testing.assert_frame_equal(shuffled.set_index(order).sort_index(), expected)


def test_canonicalize_keeps_rows_columns_and_dtypes_and_leaves_input_alone() -> None:
    frame = corpus()
    before = frame.copy()
    out = canonicalize(frame)
    assert list(out.columns) == list(MENTIONS_SCHEMA)
    assert out.dtypes.to_dict() == frame.dtypes.to_dict()
    assert out["start_char"].tolist() == frame["start_char"].tolist()
    pd.testing.assert_frame_equal(frame, before)


def test_canonicalize_empty_table_is_empty_table() -> None:
    out = canonicalize(mentions_frame([]))
    assert out.empty
    assert list(out.columns) == list(MENTIONS_SCHEMA)
