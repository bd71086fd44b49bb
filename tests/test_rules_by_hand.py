"""The rules on Docs built by hand (words, heads, labels, tags): what each rule does, whatever the parser.

These cases give the parse explicitly, in Universal Dependencies as the bundled pipeline writes it, so that
retraining the pipeline cannot change them; ``test_find.py`` and ``test_speakers.py`` test the same behaviour
end to end through the real pipeline.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from quotes.component import QuoteFinder

NLP = spacy.blank("en")


def parsed(rows: str) -> Doc:
    """A Doc from one line per token: ``word head dep pos [nospace]`` with ``head`` the 0-based index."""
    words, heads, deps, pos, spaces = [], [], [], [], []
    for line in rows.strip().splitlines():
        word, head, dep, tag, *glue = line.split()
        words.append(word)
        heads.append(int(head))
        deps.append(dep)
        pos.append(tag)
        spaces.append(not glue)
    return Doc(NLP.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)


def found(doc: Doc, **config) -> list[tuple[str, str, str | None, str | None, str | None]]:
    doc = QuoteFinder(NLP, "quotes", **config)(doc)
    return [(q.kind, q.text, q.rule, q.speaker_rule, q.speaker) for q in doc._.quotes]


# '"We will appeal," Lopez said.'
TRAILING = """
" 3 punct PUNCT nospace
We 3 nsubj PRON
will 3 aux AUX
appeal 7 ccomp VERB nospace
, 3 punct PUNCT nospace
" 3 punct PUNCT
Lopez 7 nsubj PROPN
said 7 ROOT VERB nospace
. 7 punct PUNCT
"""
# '"We will appeal," said Lopez.' with the subject misparsed as an object
INVERTED = """
" 3 punct PUNCT nospace
We 3 nsubj PRON
will 3 aux AUX
appeal 6 ccomp VERB nospace
, 3 punct PUNCT nospace
" 3 punct PUNCT
said 6 ROOT VERB
Lopez 6 obj PROPN nospace
. 6 punct PUNCT
"""
# 'According to Lopez, the union will appeal the ruling.'
ACCORDING = """
According 2 case VERB
to 0 fixed ADP
Lopez 7 obl PROPN nospace
, 2 punct PUNCT
the 5 det DET
union 7 nsubj NOUN
will 7 aux AUX
appeal 7 ROOT VERB
the 9 det DET
ruling 7 obj NOUN nospace
. 7 punct PUNCT
"""
# 'Maria Lopez said the union would appeal.'
REPORTED = """
Maria 2 compound PROPN
Lopez 2 nsubj PROPN
said 2 ROOT VERB
the 4 det DET
union 6 nsubj NOUN
would 6 aux AUX
appeal 2 ccomp VERB nospace
. 2 punct PUNCT
"""
# 'Maria Lopez arrived. "We will appeal," she said.'
PRONOUN = """
Maria 1 compound PROPN
Lopez 2 nsubj PROPN
arrived 2 ROOT VERB nospace
. 2 punct PUNCT
" 7 punct PUNCT nospace
We 7 nsubj PRON
will 7 aux AUX
appeal 11 ccomp VERB nospace
, 7 punct PUNCT nospace
" 7 punct PUNCT
she 11 nsubj PRON
said 11 ROOT VERB nospace
. 11 punct PUNCT
"""


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(TRAILING, [("direct", "We will appeal,", "trailing_said", "subject", "Lopez")], id="trailing"),
        pytest.param(INVERTED, [("direct", "We will appeal,", "trailing_said", "inverted", "Lopez")], id="inverted"),
        pytest.param(
            ACCORDING,
            [("indirect", "the union will appeal the ruling", "according_to", "according_to", "Lopez")],
            id="according-to",
        ),
        pytest.param(
            REPORTED,
            [("indirect", "the union would appeal", "reported_clause", "subject", "Maria Lopez")],
            id="reported-clause",
        ),
        pytest.param(PRONOUN, [("direct", "We will appeal,", "trailing_said", "pronoun", "Maria Lopez")], id="pronoun"),
    ],
)
def test_each_rule_on_a_hand_built_parse(rows, expected):
    assert found(parsed(rows)) == expected


@pytest.mark.parametrize(
    ("rows", "disabled", "expected"),
    [
        # the parse links the cue to the quote: the parse-linked rule takes over
        pytest.param(
            TRAILING, "trailing_said", [("direct", "We will appeal,", "governing_cue", "subject", "Lopez")], id="cue"
        ),
        # no other rule finds this speaker: the quote stays, with nobody
        pytest.param(INVERTED, "inverted", [("direct", "We will appeal,", "trailing_said", None, None)], id="speaker"),
        pytest.param(
            PRONOUN,
            "pronoun",
            [("direct", "We will appeal,", "trailing_said", "unresolved_pronoun", None)],
            id="pronoun",
        ),
        pytest.param(ACCORDING, "according_to", [], id="according-to"),
    ],
)
def test_a_disabled_rule_on_a_hand_built_parse(rows, disabled, expected):
    assert found(parsed(rows), disabled_rules=[disabled]) == expected


# 'Ana Diaz, founder of Harbor Trust policy group, said, "We will appeal."' with 'group' misparsed as a second
# appositive of the name: the appositive nearest the name is the role
TWO_APPOSITIVES = """
Ana 10 nsubj PROPN
Diaz 0 flat PROPN nospace
, 3 punct PUNCT
founder 1 appos NOUN
of 6 case ADP
Harbor 6 compound PROPN
Trust 3 nmod PROPN
policy 8 compound NOUN
group 0 appos NOUN nospace
, 10 punct PUNCT
said 10 ROOT VERB nospace
, 10 punct PUNCT
" 15 punct PUNCT nospace
We 15 nsubj PRON
will 15 aux AUX
appeal 10 ccomp VERB nospace
. 15 punct PUNCT nospace
" 15 punct PUNCT
"""


def test_the_appositive_nearest_the_name_is_the_role():
    doc = parsed(TWO_APPOSITIVES)
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 5, 7, "ORG")]
    doc = QuoteFinder(NLP, "quotes")(doc)
    assert [(q.text, q.speaker, q.role, q.org) for q in doc._.quotes] == [
        ("We will appeal.", "Ana Diaz", "founder", "Harbor Trust")
    ]


# 'The union called for a freeze on closures.' with "called" tagged as a past participle, as taggers do
PARTICIPLE_TAG = """
The 1 det DET
union 2 nsubj NOUN
called 2 ROOT VERB
for 5 case ADP
a 5 det DET
freeze 2 obl NOUN
on 7 case ADP
closures 5 nmod NOUN nospace
. 2 punct PUNCT
"""


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        # a verb with a subject of its own is finite, whatever its morphology says
        ("nsubj", [("indirect", "a freeze on closures", "reported_object", "subject", "union")]),
        # with no subject it is a participle modifying a noun ("the goods called for by the buyers")
        ("dep", []),
    ],
)
def test_a_cue_with_its_own_subject_is_finite_whatever_its_tag(subject, expected):
    doc = parsed(PARTICIPLE_TAG.replace("union 2 nsubj", f"union 2 {subject}"))
    doc[2].set_morph("Tense=Past|VerbForm=Part")
    assert found(doc) == expected


# 'She said she took the job, prosecuting cases for the state.' with the participle hung on "said"
RUN_ON = """
She 1 nsubj PRON
said 1 ROOT VERB
she 3 nsubj PRON
took 1 ccomp VERB
the 5 det DET
job 3 obj NOUN nospace
, 7 punct PUNCT
prosecuting 1 conj VERB
cases 7 obj NOUN
for 11 case ADP
the 11 det DET
state 7 obl NOUN nospace
. 1 punct PUNCT
"""

# 'She said she took the job, and the board agreed.' with the second clause hung on "said"
OWN_CLAUSE = """
She 1 nsubj PRON
said 1 ROOT VERB
she 3 nsubj PRON
took 1 ccomp VERB
the 5 det DET
job 3 obj NOUN nospace
, 10 punct PUNCT
and 10 cc CCONJ
the 9 det DET
board 10 nsubj NOUN
agreed 1 conj VERB nospace
. 1 punct PUNCT
"""


@pytest.mark.parametrize(
    ("rows", "content"),
    [
        # the rest of the reported clause, hung on the cue by the parse, belongs to it
        pytest.param(RUN_ON, "she took the job, prosecuting cases for the state", id="run-on"),
        # a conjunct with a subject of its own is a clause of its own
        pytest.param(OWN_CLAUSE, "she took the job", id="own-clause"),
    ],
)
def test_a_reported_clause_runs_on_over_what_the_parse_hung_on_its_cue(rows, content):
    assert [(q[0], q[1]) for q in found(parsed(rows))] == [("indirect", content)]


def _quote_then(rows: str, cue: int) -> str:
    """'"We will appeal," ' followed by ``rows`` (word head dep pos), the quote's verb hung on token ``cue``."""
    head = f"""
" 3 punct PUNCT nospace
We 3 nsubj PRON
will 3 aux AUX
appeal {cue} ccomp VERB nospace
, 3 punct PUNCT nospace
" 3 punct PUNCT
"""
    return head.rstrip() + rows


# the speaker hung on the quote, "Tuesday" taken for the subject of "said"
AGE = """
Maria 3 obj PROPN
Lopez 6 flat PROPN nospace
, 9 punct PUNCT
34 6 nmod NUM nospace
, 3 punct PUNCT
said 11 ROOT VERB
Tuesday 11 nsubj PROPN nospace
. 11 punct PUNCT
"""
PARTY_TAG = """
Maria 3 obj PROPN
Lopez 6 flat PROPN nospace
, 9 punct PUNCT
D 6 list PROPN nospace
- 11 punct PUNCT nospace
Ore. 9 flat PROPN nospace
, 3 punct PUNCT
said 13 ROOT VERB
Tuesday 13 nsubj PROPN nospace
. 13 punct PUNCT
"""
BRACKETS = """
Maria 3 obj PROPN
Lopez 6 flat PROPN
( 9 punct PUNCT nospace
D-Ore. 6 appos PROPN nospace
) 9 punct PUNCT
said 11 ROOT VERB
Tuesday 11 nsubj PROPN nospace
. 11 punct PUNCT
"""
LONG_APPOSITIVE = """
Ana 3 obj PROPN
Ruiz 6 flat PROPN nospace
, 11 punct PUNCT
the 11 det DET
secretary 11 compound NOUN
general 6 appos NOUN
of 16 case ADP
the 16 det DET
Pacific 16 compound PROPN
Islands 16 compound PROPN
Forum 11 nmod PROPN nospace
, 3 punct PUNCT
vowed 18 ROOT VERB
Tuesday 18 nsubj PROPN nospace
. 18 punct PUNCT
"""
NAME_BETWEEN = """
the 7 det DET
chief 3 obj NOUN nospace
, 9 punct PUNCT
Ana 7 appos PROPN
Ruiz 9 flat PROPN nospace
, 3 punct PUNCT
said 12 ROOT VERB
Tuesday 12 nsubj PROPN nospace
. 12 punct PUNCT
"""


@pytest.mark.parametrize(
    ("rows", "cue", "speaker"),
    [
        pytest.param(AGE, 11, "Maria Lopez", id="age"),  # an age between commas: the name before it
        pytest.param(PARTY_TAG, 13, "Maria Lopez", id="party-tag"),  # a party tag: the name before it
        pytest.param(BRACKETS, 11, "Maria Lopez", id="brackets"),
        pytest.param(
            LONG_APPOSITIVE, 18, "Ana Ruiz", id="long"
        ),  # a role of nine words between the commas  # a party tag in brackets: the name before
        pytest.param(NAME_BETWEEN, 12, "Ana Ruiz", id="name"),  # a name between the commas is the speaker
    ],
)
def test_the_word_before_a_cue_that_lost_its_subject_skips_an_appositive(rows, cue, speaker):
    found_ = found(parsed(_quote_then(rows, cue)))
    assert [(rule, speaker_rule, who) for _, _, rule, speaker_rule, who in found_] == [
        ("trailing_said", "word_before", speaker)
    ]


# 'Protesters marching through the streets chanted: "No curfew!"' with the subject of "chanted" lost
MODIFIED_SUBJECT = """
Protesters 5 dep NOUN
marching 0 acl VERB
through 4 case ADP
the 4 det DET
streets 1 obl NOUN
chanted 5 ROOT VERB nospace
: 5 punct PUNCT
" 9 punct PUNCT nospace
No 9 det DET
curfew 5 ccomp NOUN nospace
! 9 punct PUNCT nospace
" 9 punct PUNCT
"""


def test_the_word_before_a_cue_in_a_modifier_gives_the_noun_it_modifies():
    assert [(rule, who) for _, _, _, rule, who in found(parsed(MODIFIED_SUBJECT))] == [("word_before", "protesters")]


def test_a_stray_space_token_before_the_cue_is_no_speaker():
    # '"We checked it," PolitiFact\xa0says.' with the no-break space taken for the subject of "says"
    words = ['"', "We", "checked", "it", ",", '"', "PolitiFact", "\xa0", "says", "."]
    spaces = [False, True, True, False, False, True, False, False, False, False]
    heads = [2, 2, 8, 2, 2, 2, 7, 8, 8, 8]
    deps = ["punct", "nsubj", "ccomp", "obj", "punct", "punct", "compound", "nsubj", "ROOT", "punct"]
    pos = ["PUNCT", "PRON", "VERB", "PRON", "PUNCT", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"]
    doc = Doc(NLP.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)
    assert [(rule, who) for _, _, _, rule, who in found(doc)] == [("word_before", "PolitiFact")]


def test_a_relative_pronoun_the_parse_did_not_make_the_subject_is_the_speaker():
    # 'The camp admitted 29 others who\xa0specified "Christian".' with the no-break space taken for the subject
    words = ["The", "camp", "admitted", "29", "others", "who", "\xa0", "specified", '"', "Christian", '"', "."]
    spaces = [True, True, True, True, True, False, False, True, False, False, False, False]
    heads = [1, 2, 2, 4, 2, 6, 7, 4, 9, 7, 9, 2]
    deps = ["det", "nsubj", "ROOT", "nummod", "obj", "nsubj", "nsubj", "acl", "punct", "xcomp", "punct", "punct"]
    pos = ["DET", "NOUN", "VERB", "NUM", "NOUN", "PRON", "SPACE", "VERB", "PUNCT", "PROPN", "PUNCT", "PUNCT"]
    doc = QuoteFinder(NLP, "quotes")(Doc(NLP.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos))
    assert [(q.speaker_mention.text, q.speaker_rule, q.speaker) for q in doc._.quotes] == [
        ("who", "relative", "29 others")
    ]


# 'Officials have said officers stopped the car near the bridge.' with the clause's subject taken for the object
SAID_OBJECT = """
Officials 2 nsubj NOUN
have 2 aux AUX
said 2 ROOT VERB
officers 2 obj NOUN
stopped 3 acl VERB
the 6 det DET
car 4 obj NOUN
near 9 case ADP
the 9 det DET
bridge 4 obl NOUN nospace
. 2 punct PUNCT
"""


def test_a_finite_verb_after_the_object_of_said_starts_the_reported_clause():
    assert [(q[0], q[1], q[2]) for q in found(parsed(SAID_OBJECT))] == [
        ("indirect", "officers stopped the car near the bridge", "reported_clause")
    ]


# 'But Lopez claims that the vote was rigged.' with "claims" tagged as a noun that has a subject
NOUN_WITH_SUBJECT = """
But 2 cc CCONJ
Lopez 2 nsubj PROPN
claims 2 ROOT NOUN
that 7 mark SCONJ
the 5 det DET
vote 7 nsubj:pass NOUN
was 7 aux:pass AUX
rigged 2 ccomp VERB nospace
. 2 punct PUNCT
"""
# 'Lopez said, stressing that the plan would fail.' with the subject of "said" lost in the parse
LOST_SUBJECT_OF_JOINED = """
Lopez 1 dep PROPN
said 1 ROOT VERB nospace
, 3 punct PUNCT
stressing 1 advcl VERB
that 8 mark SCONJ
the 6 det DET
plan 8 nsubj NOUN
would 8 aux AUX
fail 3 ccomp VERB nospace
. 1 punct PUNCT
"""


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # one report, by the subject: a verb the tagger took for a noun is no noun of saying
        pytest.param(
            NOUN_WITH_SUBJECT, [("indirect", "the vote was rigged", "reported_clause", "subject", "Lopez")], id="noun"
        ),
        # a participle joins a verb of saying whose subject the parse lost: the word before that verb
        pytest.param(
            LOST_SUBJECT_OF_JOINED,
            [("indirect", "the plan would fail", "reported_clause", "joined_subject", "Lopez")],
            id="joined",
        ),
    ],
)
def test_speakers_the_parse_lost_are_read_from_the_words(rows, expected):
    assert found(parsed(rows)) == expected


# 'Lopez worked there during her time, which ended in 2015, and said she regretted nothing.' with "said"
# hung on the relative clause about the time
CONJUNCT_ON_RELATIVE = """
Lopez 1 nsubj PROPN
worked 1 ROOT VERB
during 4 case ADP
her 4 nmod:poss PRON
time 1 obl NOUN nospace
, 7 punct PUNCT
which 7 nsubj PRON
ended 4 acl:relcl VERB
in 9 case ADP
2015 7 obl NUM nospace
, 12 punct PUNCT
and 12 cc CCONJ
said 7 conj VERB
she 14 nsubj PRON
regretted 12 ccomp VERB
nothing 14 obj PRON nospace
. 1 punct PUNCT
"""


def test_a_conjunct_of_saying_on_a_relative_clause_about_a_time_goes_on_with_the_main_clause():
    assert [(q[0], q[1], q[3], q[4]) for q in found(parsed(CONJUNCT_ON_RELATIVE))] == [
        ("indirect", "she regretted nothing", "joined_subject", "Lopez")
    ]


# '"Rates will rise," the paper wrote Tuesday. "Prices will follow," it added.' with the first "wrote" hung
# as a parataxis on "Tuesday", which the parse made the root
PARATACTIC_SAYING_THEN_IT = """
" 3 punct PUNCT nospace
Rates 3 nsubj NOUN
will 3 aux AUX
rise 8 ccomp VERB nospace
, 3 punct PUNCT nospace
" 3 punct PUNCT
the 7 det DET
paper 8 nsubj NOUN
wrote 9 parataxis VERB
Tuesday 9 ROOT PROPN nospace
. 9 punct PUNCT
" 14 punct PUNCT nospace
Prices 14 nsubj NOUN
will 14 aux AUX
follow 18 ccomp VERB nospace
, 14 punct PUNCT nospace
" 14 punct PUNCT
it 18 nsubj PRON
added 18 ROOT VERB nospace
. 18 punct PUNCT
"""


def test_it_takes_the_organisation_that_spoke_whatever_clause_the_parse_hung_its_verb_on():
    doc = parsed(PARATACTIC_SAYING_THEN_IT)
    for token in doc:
        token.lemma_ = token.lower_  # "paper" is known by its lemma
    assert [(q[3], q[4]) for q in found(doc)] == [("subject", "paper"), ("pronoun", "paper")]
