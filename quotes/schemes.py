"""The one place that knows label schemes.

The bundled pipeline speaks Universal Dependencies (``obj``, ``obl``, ``nmod:poss``, ``flat``) and
PERSON/ORG/LOC entities; spaCy's published English pipelines speak ClearNLP (``dobj``, ``prep``/``pobj``,
``poss``, ``agent``) and OntoNotes entities (PERSON, ORG, GPE, NORP). Every later stage asks these functions
for grammatical roles and entity kinds and never compares raw labels itself.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

SUBJECT = {"nsubj", "csubj"}
PASSIVE_SUBJECT = {"nsubjpass", "nsubj:pass", "csubjpass", "csubj:pass"}
OBJECT = {"obj", "dobj"}
CLAUSAL_COMPLEMENT = {"ccomp", "xcomp"}
# "We will appeal, she said": UD makes "said" a parataxis of "appeal"; ClearNLP makes "appeal" a ccomp of "said"
PARATAXIS = {"parataxis"}
APPOSITIVE = {"appos"}
POSSESSOR = {"nmod:poss", "poss"}
NAME_PARTS = {"compound", "flat", "flat:name", "nn"}
RELATIVE = {"relcl", "acl:relcl"}
AUXILIARY = {"aux", "aux:pass", "auxpass"}

PERSON_LABELS = {"PERSON", "PER"}
ORG_LABELS = {"ORG", "NORP"}
PLACE_LABELS = {"LOC", "GPE", "FAC"}


def dep(token: Token) -> str:
    """The token's relation with UD subtypes beyond the ones we name folded away (``obl:tmod`` -> ``obl``)."""
    label = token.dep_
    return label if label in PASSIVE_SUBJECT or label in POSSESSOR or label == "flat:name" else label.split(":")[0]


def is_root(token: Token) -> bool:
    return token.dep_ == "ROOT" or token.head == token


def is_subject(token: Token) -> bool:
    """Active subject (``nsubj``), the speaker slot of a verb of saying."""
    return token.dep_ in SUBJECT


def is_passive_subject(token: Token) -> bool:
    return token.dep_ in PASSIVE_SUBJECT


def is_object(token: Token) -> bool:
    return token.dep_ in OBJECT


def is_clausal_complement(token: Token) -> bool:
    """``ccomp``/``xcomp``: the content clause of "said (that) ..."."""
    return token.dep_ in CLAUSAL_COMPLEMENT


def is_parataxis(token: Token) -> bool:
    return token.dep_ in PARATAXIS


def is_appositive(token: Token) -> bool:
    return token.dep_ in APPOSITIVE


def is_possessor(token: Token) -> bool:
    return token.dep_ in POSSESSOR


def is_name_part(token: Token) -> bool:
    """A word joined to a name's head: ``flat``/``compound`` (UD) or ``compound`` (ClearNLP)."""
    return dep(token) in NAME_PARTS


def is_conjunct(token: Token) -> bool:
    return token.dep_ == "conj"


def is_adverbial_clause(token: Token) -> bool:
    return token.dep_ == "advcl"


def is_open_complement(token: Token) -> bool:
    """``xcomp``: "declined to say", "called it reckless"."""
    return dep(token) == "xcomp"


def is_complement_clause(token: Token) -> bool:
    """``ccomp``: the clause of "said (that) ..."."""
    return dep(token) == "ccomp"


def is_noun_clause(token: Token) -> bool:
    """A clause on a noun: "the claim that ..." (``acl`` in UD, ``ccomp``/``acl`` in ClearNLP)."""
    return dep(token) in {"acl", "ccomp"}


def is_modifier_word(token: Token) -> bool:
    """A compound or adjective before a noun: "chief" in "chief executive"."""
    return dep(token) in {"compound", "amod"}


def is_oblique(token: Token) -> bool:
    """A nominal under a verb or noun with its preposition (UD ``obl``/``nmod``): "called for a vote"."""
    return dep(token) in {"obl", "nmod"}


def is_adjectival_modifier(token: Token) -> bool:
    return token.dep_ == "amod"


def is_coordinator(token: Token) -> bool:
    """``cc``: "and", "but", "or" joining conjuncts."""
    return token.dep_ == "cc"


def is_function_word(token: Token) -> bool:
    """Punctuation, a coordinator or a case marker: words a noun phrase's label leaves out."""
    return dep(token) in {"punct", "cc", "case"}


def is_case_marker(token: Token) -> bool:
    """The preposition of a nominal: ``case`` (UD) or ``prep`` (ClearNLP)."""
    return token.dep_ in {"case", "prep"}


def is_clearnlp_preposition(token: Token, word: str) -> bool:
    """A ``prep`` child spelled ``word`` (ClearNLP hangs "of X" on the head through the preposition)."""
    return token.dep_ == "prep" and token.lower_ == word


def is_passive_auxiliary(token: Token) -> bool:
    return token.dep_ in {"aux:pass", "auxpass"}


# Penn Treebank tags: both the bundled pipeline (trained on EWT's XPOS) and spaCy's pipelines write them
def has_verb_tag(token: Token) -> bool:
    return token.tag_.startswith("VB")


def is_possessive_marker(token: Token) -> bool:
    """The "'s" of "the union's lawyer"."""
    return token.tag_ == "POS"


def is_plural_noun(token: Token) -> bool:
    return "Plur" in token.morph.get("Number", []) or token.tag_ == "NNS"


def is_plural(token: Token) -> bool:
    return "Plur" in token.morph.get("Number", [])


def is_past_participle(token: Token) -> bool:
    return token.tag_ == "VBN" or ("Part" in token.morph.get("VerbForm", []) and "Past" in token.morph.get("Tense", []))


def is_person_label(label: str) -> bool:
    return label in PERSON_LABELS


def is_relative_clause(token: Token) -> bool:
    return token.dep_ in RELATIVE


def is_clause_modifier(token: Token) -> bool:
    return dep(token) in {"acl", "relcl"} or token.dep_ == "acl:relcl"


def is_marker(token: Token) -> bool:
    return token.dep_ == "mark"


def is_auxiliary(token: Token) -> bool:
    return token.dep_ in AUXILIARY


def nominal_dependent(token: Token, preposition: str) -> Token | None:
    """The noun introduced by ``preposition`` under ``token``: "head of X", "said by X", "according to X".

    UD hangs the noun on the head (``obl``/``nmod``) with the preposition as its ``case``; ClearNLP hangs the
    preposition on the head (``prep``) with the noun as its ``pobj``.
    """
    words = preposition.split()
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == words[0]:  # ClearNLP
            node = child
            for word in words[1:]:
                node = next((c for c in node.children if c.lower_ == word), node)
            pobj = next((c for c in node.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if child.dep_ == "agent" and words == ["by"]:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if dep(child) in {"obl", "nmod"}:  # UD
            case = [c for c in child.children if c.dep_ == "case" and c.i < child.i]
            if case and case[0].lower_ == words[0]:
                return child
    return None


def according_to_object(token: Token) -> Token | None:
    """If ``token`` is the "according" of "according to X", return X (both schemes)."""
    if token.lower_ != "according":
        return None
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    # UD: X -case-> according, to -fixed-> according; ClearNLP: according -prep-> to -pobj-> X
    if token.head != token and token.dep_ == "case":
        return token.head
    for child in list(token.children) + list(nxt.children):
        if child.dep_ == "pobj":
            return child
    head = token.head
    if head != token and head.i > token.i and head.pos_ in {"PROPN", "NOUN", "PRON"}:
        return head
    return None


def entity_kind(label: str) -> str | None:
    """Entity label of either scheme -> ``person``, ``organisation``, ``place`` or None."""
    if label in PERSON_LABELS:
        return "person"
    if label in ORG_LABELS:
        return "organisation"
    if label in PLACE_LABELS:
        return "place"
    return None


def span_kind(span: Span) -> str | None:
    return entity_kind(span.label_)
