"""Speaker mentions -> who, within one article: pronouns resolved, aliases joined, roles and organisations.

Works on one parsed Doc. People are clustered by name (a later "Lopez" or "Ms Lopez" is the earlier "Maria
Lopez"); every mention of a person contributes the role and organisation the text gives around it
(appositive, title before the name, "of" phrase, possessive); pronoun speakers take the most salient earlier
referent that agrees in number and in the gender the article itself showed for that person.
Canonical names across articles are made later, on plain records (``canonical.py``).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from . import rules, schemes
from .attribute import Attributed, counted_group, mention_span, relative_antecedent
from .find import doc_index, in_quoted_content, is_cue, sentence_of
from .lexicon import lexicon
from .names import (
    HONORIFIC_GENDER,
    ORGANISATIONAL,
    PERSONAL,
    PLURAL,
    SPEAKER_PRONOUNS,
    is_party_tag,
    most_informative,
    without_quantity,
)

DETERMINERS = {"the", "a", "an", "these", "those", "this", "that", "its", "their", "some", "many", "several"}
MAX_TITLE_WORDS = 6  # "Deputy Foreign Minister", "UN Secretary General", "its chief executive"
TITLE_POS = {"DET", "PRON", "ADJ", "NOUN", "PROPN", "PART"}
SALIENT_SENTENCES = 6  # a subject this many sentences back or nearer is still what a pronoun refers to


@dataclass
class Person:
    """One person named in the article: the fullest name seen, and what the text says they are."""

    name: str
    surname: str
    first: int  # token index of the first mention
    last: int  # token index of the latest mention
    gender: str | None = None
    by_surname: bool = False  # the article calls them by the surname alone ("Cruz said")
    roles: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)

    @property
    def role(self) -> str | None:
        return most_informative(self.roles)

    @property
    def org(self) -> str | None:
        return most_informative(self.orgs)


@dataclass(frozen=True)
class Speaker:
    """Who a quote's speaker mention refers to within its article."""

    name: str | None
    type: str  # person | organisation | group | unknown
    role: str | None
    org: str | None
    rule: str | None = None  # the speaker rule when resolution decided it (pronoun, alias), else None


@cache
def _title_words() -> tuple[frozenset[str], frozenset[str]]:
    """(whole entries, words of multi-word entries) of the title and honorific lexicons."""
    entries = lexicon("titles") | lexicon("honorifics")
    words = frozenset(
        word
        for entry in entries
        if " " in entry or "-" in entry
        for word in entry.replace("-", " ").split()
        if word not in {"of", "the", "for", "and", "de", "in", "on", "to"}  # "secretary of state": not "of"
    )
    return entries, words


def is_title(token: Token) -> bool:
    """A title or honorific, or a word of one, written before a name ('Secretary', 'General', 'Ms', 'Dr.').

    An acronym counts only as a whole entry ('PM', 'CEO'): 'UN' in 'UN chief' is an organisation.
    """
    entries, words = _title_words()
    word = token.lower_.rstrip(".")
    return word in entries or (word in words and not token.text.isupper())


def _titled(mention: Span) -> bool:
    """A title stands in or right before the mention ('President Luong Cuong', 'Secretary-General Guterres')."""
    doc = mention.doc
    name = name_part(mention)
    if name.root.pos_ != "PROPN" or not any(_is_name_token(t) for t in name):
        return False  # "the government of Vietnam" is headed by a common noun: no person
    before = doc[name.start - 1] if name.start > 0 else None
    return before is not None and _ends_title(before)


def _is_honorific(token: Token) -> bool:
    return token.lower_.rstrip(".") in lexicon("honorifics")


def _ends_title(token: Token) -> bool:
    """A whole title, or the last word of one ('General' of 'Secretary General'), right before a name."""
    entries, _ = _title_words()
    word = token.lower_.rstrip(".")
    return word in entries or any(entry.endswith(" " + word) or entry.endswith("-" + word) for entry in entries)


def _is_name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and not is_title(token)


def name_part(span: Span) -> Span:
    """The name inside a mention: titles and organisations before it dropped ('UN chief Antonio Guterres')."""
    start = span.start
    end = span.end
    for i in range(span.end - 1, span.start - 1, -1):
        if not _is_name_token(span.doc[i]) and span.doc[i].text != "-":
            start = i + 1
            break
    else:
        start = span.start
    return span.doc[start:end] if start < end else span


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _tidy(span_tokens: list[Token]) -> str | None:
    """A noun phrase as a label: determiners, possessive markers and edge punctuation dropped."""
    words = [t for t in span_tokens if not t.is_space]
    while words and (words[0].lower_ in DETERMINERS or words[0].is_punct or schemes.is_possessive_marker(words[0])):
        words = words[1:]
    while words and (words[-1].is_punct or schemes.is_possessive_marker(words[-1]) or words[-1].lower_ in {"'s", "’s"}):
        words = words[:-1]
    return _text(words) or None


class People:
    """The people of one article, with aliases joined and roles gathered from every mention."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.people: list[Person] = []
        self._by_token: dict[int, Person] = {}
        # token index of each name standing as a subject outside quotation marks -> its person: the salient
        # referents a later "he" or "she" most likely means
        self._subjects: dict[int, Person] = {}
        self._starts = [t.idx for t in doc]  # token start characters, for bisecting character ranges
        self._sentence = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            for t in sent:
                self._sentence[t.i] = n
        self._tokens_of: dict[int, list[int]] = {}  # id(person) -> the token indexes of their mentions, sorted
        for ent in doc.ents:
            if schemes.entity_kind(ent.label_) == "person":
                self.add(mention_span(ent.root))
        # names the recogniser missed: two or more capitalised proper nouns standing as a subject, an
        # appositive or an object ("the opposition leader Rafael Duarte"), never after a preposition of place;
        # or a person already named whom the recogniser tagged as something else the next time
        for token in doc:
            if token.pos_ != "PROPN" or not (
                schemes.is_subject(token) or schemes.is_appositive(token) or schemes.is_object(token)
            ):
                continue
            mention = mention_span(token)
            if token.ent_type_ and (schemes.entity_kind(token.ent_type_) == "person" or not self.knows(mention)):
                continue
            if mention.start > 0 and doc[mention.start - 1].lower_ in {"in", "at", "from", "to", "near"}:
                continue
            if _the_name(mention):
                continue  # "The New Yorker put it": a name with "the" is a paper or a body, not a person
            if sum(1 for t in mention if _is_name_token(t)) >= 2 and not any(
                t.lemma_.lower() in lexicon("groups") or t.lower_ in lexicon("groups") for t in mention
            ):
                self.add(mention)

    def add(self, mention: Span) -> Person | None:
        """Record a person mention (a name) and what its context says; return its Person."""
        name = name_part(mention)
        if (
            not any(_is_name_token(t) for t in name)
            or any(t.lower_ in lexicon("time_words") for t in name)
            or is_party_tag(name.text)  # "Sen. Lee (R-Utah)": the tag is no one
        ):
            return None
        if name.start in self._by_token:
            return self._by_token[name.start]
        text = name.text
        surname = name[-1].text if name[-1].text != "-" else name.text.split()[-1]
        before = self.doc[name.start - 1] if name.start > 0 else None
        honorific = HONORIFIC_GENDER.get(before.lower_.rstrip(".")) if before is not None else None
        # the gender the name itself shows keeps apart people who share a surname ("Michelle Obama", "Mr. Obama")
        shown = honorific or (first_name_gender(name[0].text) if len(name) > 1 else None)
        person = self._match(text, surname, shown)
        if person is None:
            person = Person(text, surname, name.start, name.start)
            self.people.append(person)
        elif len(text.split()) > len(person.name.split()):
            person.by_surname = person.by_surname and person.surname == surname  # "Heidi" was a first name
            person.name, person.surname = text, surname
        person.last = max(person.last, name.start)
        if len(name) == 1 and name.text == person.surname:
            person.by_surname = True
        if person.gender is None:
            person.gender = honorific  # "Ms Benali" is a woman
        if person.gender is None and (len(name) > 1 or person.name == text):
            # "Cheryl Mills" is a woman, and so is a "Melanie" the article names by her first name only
            person.gender = first_name_gender(name[0].text)
        for i in range(name.start, name.end):
            earlier = self._by_token.get(i)
            if earlier is not person:
                if earlier is not None:
                    self._tokens_of[id(earlier)].remove(i)
                self._by_token[i] = person
                insort(self._tokens_of.setdefault(id(person), []), i)
        # a subject, or the name of one ("his former student Kim Ji-woo took over")
        subject = any(schemes.is_subject(t) for t in name) or (
            schemes.is_appositive(name.root) and schemes.is_subject(name.root.head)
        )
        if subject and not in_quoted_content(name[0]) and _main_clause_or_speaker(name.root):
            self._subjects[name.start] = person
        role, org = role_and_org(name)
        if role:
            person.roles.append(role)
        if org:
            person.orgs.append(org)
        return person

    def _match(self, text: str, surname: str, gender: str | None = None) -> Person | None:
        """The person already named whom the name ``text`` means, if any.

        A surname is the person of that surname named last, but one of several who share it is the one the
        article already calls by the surname alone ('Ted Cruz ... Cruz ... his wife, Heidi Cruz ... Cruz' is
        Ted) and never one of the other gender (``gender``: an honorific's, 'Mrs. Clinton'). A first name
        alone is the one person of that first name ('Hillary' after 'Hillary Clinton'), and a full name
        takes in the person first named by its first name alone ('Heidi', then 'Heidi Cruz').
        """
        words = text.split()
        for person in self.people:
            if person.name == text:
                return person
        same = [
            person
            for person in self.people
            if person.surname.lower() == surname.lower()
            and (len(words) == 1 or len(person.name.split()) == 1 or words[0] == person.name.split()[0])
            and (gender is None or person.gender in (None, gender))
        ]
        if len(words) == 1 and any(p.by_surname for p in same):
            same = [p for p in same if p.by_surname]
        if same:
            return same[-1]
        if len(words) == 1:
            if gender is not None or any(p.surname.lower() == surname.lower() for p in self.people):
                return None  # a surname ("Mr. Obama", or "Obama" when only Michelle Obama was named): someone new
            named = [p for p in self.people if text in p.name.split()[:-1]]
            return named[0] if len(named) == 1 else None
        if first_name_gender(words[0]) is None:
            return None  # "Obama Sees" in a headline after "Mr. Obama": not a full name of his
        alone = [p for p in self.people if p.name == words[0] and p.surname == words[0]]
        return alone[-1] if alone else None

    def knows(self, mention: Span) -> bool:
        """The mention's surname is that of a person already named in the article."""
        surname = name_part(mention)[-1].lower_
        return any(p.surname.lower() == surname for p in self.people)

    def before(
        self, i: int, gender: str | None, said: tuple[int, int] = (0, 0), reported: bool = False
    ) -> Person | None:
        """The person a "he" or "she" at token ``i`` means: of the people named before it whose known gender
        agrees, the last one named as a subject in the last few sentences (the salient referent: 'Lopez
        met the mayor. She said ...' is Lopez), else the most recently mentioned one. In reported speech
        (``reported``) never someone the pronoun's own clause names other than as a possessor (``said``, the
        characters of its content: 'He said Obama hopes ...' is not Obama)."""
        candidates = [
            p
            for p in self.people
            if (gender is None or p.gender in (None, gender))
            and self._last_before(p, i, said) >= 0
            and not (reported and self._named_in(p, said))
        ]
        if not candidates:
            return None
        window = self._sentence[i] - SALIENT_SENTENCES
        salient = [
            (j, p) for j, p in self._subjects.items() if j < i and self._sentence[j] >= window and p in candidates
        ]
        if salient:
            return max(salient, key=lambda jp: jp[0])[1]
        # else the person named last, unless only as someone spoken to ('In an interview with Jake Tapper, the
        # senator conceded. "...," he said' is not Tapper)
        spoken_to = [p for p in candidates if _is_addressee(self.doc[self._last_before(p, i, said)])]
        candidates = [p for p in candidates if p not in spoken_to]
        if not candidates:
            return None
        return max(candidates, key=lambda p: self._last_before(p, i, said))

    def _named_in(self, person: Person, chars: tuple[int, int]) -> bool:
        """A mention of ``person`` other than a possessive ("Trump's microphone") lies inside ``chars``."""
        k = bisect_left(self._starts, chars[0])  # the first token at or after the start
        end = bisect_left(self._starts, chars[1])
        return any(self._by_token.get(j) is person and not _is_possessive_name(self.doc[j]) for j in range(k, end))

    def _last_before(self, person: Person, i: int, said: tuple[int, int] = (0, 0)) -> int:
        """The last token of a mention of ``person`` before token ``i`` and outside the characters ``said`` (the
        quote the pronoun speaks: '"Nobody sings for Maria," he said' is not Maria); -1 when none."""
        tokens = self._tokens_of.get(id(person), [])
        for k in range(bisect_left(tokens, i) - 1, -1, -1):
            if not said[0] <= self.doc[tokens[k]].idx < said[1]:
                return tokens[k]
        return -1


def _is_possessive_name(token: Token) -> bool:
    """A word of a name written as a possessive ("Trump's", "Mr. Trump's assets")."""
    end = token
    while end.i + 1 < len(token.doc) and schemes.is_name_part(token.doc[end.i + 1]):
        end = token.doc[end.i + 1]
    nxt = token.doc[end.i + 1] if end.i + 1 < len(token.doc) else None
    return schemes.is_possessor(end) or (nxt is not None and schemes.is_possessive_marker(nxt))


CONVERSATION_NOUNS = {"interview", "conversation", "call", "meeting", "exchange"}
ADDRESSING_VERBS = {"tell", "assure", "inform", "remind", "brief", "notify", "warn"}  # whose object is spoken to


def _is_addressee(token: Token) -> bool:
    """A name standing as the one spoken to: the object of a verb of telling ('told Jake Tapper'; not 'asked':
    the one asked is who answers next; not 'described': what is talked about), or after "to"/"with" on a
    verb of saying or a noun of conversation ('speaking to Jake Tapper', 'in an interview with Jake Tapper')."""
    word = token
    for _ in range(MAX_TITLE_WORDS):  # the head of the name the token is a word of ("Jake Tapper")
        if word.head == word or word.head.pos_ != "PROPN" or abs(word.head.i - word.i) > 1:
            break
        word = word.head
    head = word.head
    if schemes.is_object(word):
        return head.lemma_.lower() in ADDRESSING_VERBS
    marker = next((c.lower_ for c in word.children if schemes.is_case_marker(c)), None)
    return marker in {"to", "with"} and (is_cue(head) or head.lemma_.lower() in CONVERSATION_NOUNS)


def _main_clause_or_speaker(subject: Token) -> bool:
    """The subject of a main clause or of a verb of saying: a salient referent. The subject of a clause
    someone reports ('Clyburn said Trump was a fraud. He said ...') is what was said about, not who speaks."""
    verb = subject.head if not schemes.is_appositive(subject) else subject.head.head
    return schemes.is_root(verb) or (schemes.is_conjunct(verb) and schemes.is_root(verb.head)) or is_cue(verb)


def first_name_gender(word: str) -> str | None:
    """ "f" or "m" for a common English given name (``resources/female_names_en.txt``, ``male_names_en.txt``)."""
    word = word.lower()
    if word in lexicon("female_names"):
        return "f"
    return "m" if word in lexicon("male_names") else None


def role_and_org(name: Span) -> tuple[str | None, str | None]:
    """Role and organisation from the words around a person's name.

    Catches: an appositive after the name ("Maria Lopez, the union's lawyer"); a name in apposition to a
    role ("the head of the Accord, Nick Ashton-Hart"); a title before the name ("UN Secretary General
    Antonio Guterres", "Vietnam's President Luong Cuong", "its head Nick Ashton-Hart"); an "of" phrase
    on the name ("Deborah Brown of Human Rights Watch").
    """
    doc = name.doc
    head = name.root
    role: str | None = None
    org: str | None = None
    # title before the name, inside the same noun phrase
    # the run of nominal words right before the name: "UN Secretary General", "Vietnam's President", "its head"
    # (read from the words: parsers often split such a run from the name)
    pre: list[Token] = []
    for t in reversed(doc[max(0, name.start - MAX_TITLE_WORDS) : name.start]):
        if t.text not in {"-", "'s", "’s"} and (t.is_space or t.is_punct or t.pos_ not in TITLE_POS):
            break
        pre.insert(0, t)
    if pre:
        role, org = _split_title(pre)
    # in text order, so the appositive nearest the name wins over one the parser hung further out
    for child in sorted((c for t in name for c in t.children), key=lambda c: c.i):
        if _appositive_like(child) and child.i > name.end - 1 and not _is_name_token(child):
            a_role, a_org = _role_phrase(child)
            role, org = role or a_role, org or a_org
        elif schemes.nominal_dependent(head, "of") == child and child.i > head.i:
            org = org or _org_name(child)
    if role is None:
        role, org = _comma_role(name, role, org)
    # the name is itself the appositive of a role noun: "the head of the Accord, Nick Ashton-Hart"
    if schemes.is_appositive(head) and head.head.i < head.i:
        anchor = head.head
        while anchor.pos_ == "PROPN" and anchor.head != anchor:  # parsed onto the end of the "of" phrase
            anchor = anchor.head
        if anchor.pos_ == "NOUN":
            a_role, a_org = _role_phrase(anchor)
            role, org = role or a_role, org or a_org
    return role, org


def _comma_role(name: Span, role: str | None, org: str | None) -> tuple[str | None, str | None]:
    """'Name, founder of X' read from the words when the parse hung the role noun elsewhere."""
    doc = name.doc
    i = name.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return role, org
    i += 1
    while i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    if i < len(doc) and doc[i].pos_ == "NOUN":
        noun = doc[i]
        # "the bank's chief economist": from the possessor or modifier up to the phrase's head noun
        while (
            noun.head.i > noun.i
            and noun.head.pos_ in {"NOUN", "ADJ"}
            and (schemes.is_possessor(noun) or noun.head.i - noun.i <= 2)
        ):
            noun = noun.head
        a_role, a_org = _role_phrase(noun)
        return role or a_role, org or a_org
    return role, org


def _appositive_like(token: Token) -> bool:
    """An appositive, or a noun a parser took for a conjunct: ', founder of ...' with no 'and' or 'or'."""
    if schemes.is_appositive(token):
        return True
    doc = token.doc
    return (
        schemes.is_conjunct(token)
        and token.pos_ == "NOUN"
        and token.i > 0
        and doc[token.left_edge.i - 1].text == ","
        and not any(schemes.is_coordinator(c) for c in token.children)
    )


def _split_title(pre: list[Token]) -> tuple[str | None, str | None]:
    """'UN Secretary General' -> (Secretary General, UN); "Vietnam's President" -> (President, Vietnam)."""
    org_tokens: list[Token] = []
    role_tokens: list[Token] = []
    possessor_org: str | None = None  # "its head X": the organisation "its" refers to
    for t in pre:
        if t.lower_ in {"its", "their"}:
            possessor_org = _antecedent_org(t)
            continue
        if t.lower_ in {"'s", "’s"} or schemes.is_possessive_marker(t) or t.lower_ in DETERMINERS or _is_honorific(t):
            continue  # "Dr.", "Mr" are forms of address, not roles
        if (
            not role_tokens
            and not is_title(t)
            and (
                schemes.is_possessor(t)
                or t.pos_ == "PROPN"
                or (t.pos_ == "ADJ" and t.text[:1].isupper())  # "Vietnamese President": the nationality
                or (t.ent_type_ and schemes.entity_kind(t.ent_type_) in {"organisation", "place"})
            )
        ):
            org_tokens.append(t)
        elif t.pos_ in {"NOUN", "PROPN", "ADJ"}:
            role_tokens.append(t)
    return (_text(role_tokens) or None), (_text(org_tokens) or possessor_org)


def _role_phrase(noun: Token) -> tuple[str | None, str | None]:
    """An appositive noun phrase -> (role, organisation): 'founder of the Tech Global Institute think tank'."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None, None
    mods = [c for c in noun.children if c.i < noun.i and schemes.is_modifier_word(c) and c.pos_ != "PROPN"]
    role = _text(sorted(mods + [noun], key=lambda t: t.i))
    org = None
    of = schemes.nominal_dependent(noun, "of") or schemes.nominal_dependent(noun, "at")
    if of is not None:
        org = _org_name(of)
    poss = next((c for c in noun.children if schemes.is_possessor(c)), None)
    if org is None and poss is not None:
        org = _antecedent_org(poss) if poss.lower_ in {"its", "their"} else _tidy(list(poss.subtree))
    propn_mods = [c for c in noun.children if c.i < noun.i and c.pos_ == "PROPN"]
    if org is None and propn_mods:
        org = _text(propn_mods)
    return role, org


def _org_name(token: Token) -> str | None:
    """The organisation in an "of" phrase: its named entity if it has one, else the tidy noun phrase."""
    doc = token.doc
    sub = list(token.subtree)
    for ent in doc_index(doc).entities_from(sub[0].idx, sub[-1].idx + 1):
        # the recogniser's name, when it is the phrase's own head ("the Tech Global Institute think tank")
        kind = schemes.entity_kind(ent.label_)
        if (
            ent.start >= sub[0].i
            and ent.end <= sub[-1].i + 1
            and kind in {"organisation", "place"}
            and (ent.start <= token.i < ent.end or all(t.pos_ == "NOUN" for t in doc[ent.end : token.i + 1]))
        ):
            return ent.text
    appositive = {t.i for a in sub if schemes.is_appositive(a) for t in a.subtree}
    words = [t for t in sub if not (schemes.is_case_marker(t) and t.i == sub[0].i) and t.i not in appositive]
    # a name the parse cut short: "of Human Rights | Watch" keeps its capitalised words
    while words and words[-1].i + 1 < len(doc) and doc[words[-1].i + 1].pos_ == "PROPN":
        words.append(doc[words[-1].i + 1])
    return _tidy(words)


def _antecedent_org(pronoun: Token) -> str | None:
    """What "its"/"their" refers to: the nearest organisation named earlier in the article."""
    doc = pronoun.doc
    for token in reversed(doc[: pronoun.i]):
        if token.ent_type_ and schemes.entity_kind(token.ent_type_) == "organisation":
            ent = doc_index(doc).entity(token.i)
            return ent.text if ent is not None else None
        # an organisation the recogniser missed, named as a subject: "The Global Trade Council will ..."
        if schemes.is_subject(token) and token.pos_ in {"PROPN", "NOUN"}:
            mention = mention_span(token)
            if speaker_type(mention) == "organisation":
                return _tidy(list(mention))
    return None


def _fuller_description(mention: Span) -> str | None:
    """'The ministry' after "Indonesia's education ministry": the fuller earlier phrase with the same head noun."""
    head = mention.root
    if head.pos_ != "NOUN" or len([t for t in mention if t.lower_ not in DETERMINERS]) > 1:
        return None
    for token in reversed(mention.doc[: mention.start]):
        if token.pos_ == "NOUN" and token.lemma_.lower() == head.lemma_.lower():
            earlier = mention_span(token)
            words = [t for t in earlier if t.lower_ not in DETERMINERS]
            return _tidy(list(earlier)) if len(words) > 1 else None
    return None


def _common_noun_label(mention: Span, name: str) -> str:
    """A description as a label: without the count before a group ("More than a dozen rights groups" ->
    "rights groups") and without the capital a sentence start gave a common noun ("Critics said" ->
    "critics"); a proper noun, an acronym or an adjective keeps its capital ("Republicans", "NATO officials",
    "Vietnamese authorities")."""
    label = without_quantity(name)
    words = label.split()
    first = next((t for t in mention if words and t.lower_ == words[0].lower()), None)
    if (
        first is None
        or first.pos_ != "NOUN"  # an adjective may be a nationality's: "Vietnamese authorities"
        or first.ent_type_
        or not words[0][:1].isupper()
        or words[0].isupper()
        or words[0].endswith(".")  # "Rep.", "Gov.": an abbreviation keeps its capital
        or (len(words) > 1 and words[1].istitle())  # "Central European leaders": part of a name
    ):
        return label
    sentence = sentence_of(first)
    if all(t.is_punct or t.is_space for t in sentence[: first.i - sentence.start]):
        return label[:1].lower() + label[1:]  # only a sentence start gave it its capital
    return label


def _the_name(mention: Span) -> bool:
    """A name of two words or more written with "the" ("The New Yorker", "the Global Fund"): people's names
    take no article ("the Republican" alone may be a person)."""
    doc = mention.doc
    first = mention[0] if mention[0].lower_ == "the" else (doc[mention.start - 1] if mention.start else None)
    named = sum(1 for t in mention if t.text[:1].isupper() and t.lower_ != "the")
    return first is not None and first.lower_ == "the" and mention.root.pos_ == "PROPN" and named >= 2


def speaker_type(mention: Span) -> str:
    """person, organisation, group or unknown, from the mention's entity label and head noun."""
    head = counted_group(mention.root) or mention.root
    if head.ent_type_:
        kind = schemes.entity_kind(head.ent_type_)
        if kind == "person":
            return "person"
        if kind in {"organisation", "place"}:
            return "organisation"
    if head.pos_ == "PROPN":
        if head.lower_ in lexicon("groups") or _the_name(mention):
            return "organisation"  # "Human Rights Watch", "the Global Trade Council", "The New Yorker"
        return "person" if sum(1 for t in mention if _is_name_token(t)) >= 2 else "unknown"
    if head.lemma_.lower() in lexicon("groups") and not schemes.is_plural(head):
        return "organisation"
    if head.pos_ == "NOUN" and is_title(head) and not schemes.is_plural(head):
        return "person"  # "the minister", "a spokeswoman": a person the article does not name
    if head.pos_ == "NOUN" and schemes.is_plural_noun(head):
        return "group"
    if head.pos_ == "NOUN" and head.lemma_.lower() in lexicon("groups"):
        return "organisation"
    return "unknown"


class Resolver:
    """Resolves the speaker mentions of one article's quotes, in text order."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.people = People(doc)

    def resolve(self, item: Attributed) -> Speaker:
        mention = item.speaker
        if mention is None:
            return Speaker(None, "unknown", None, None)
        if len(mention) == 1 and mention.text.lower() in SPEAKER_PRONOUNS:
            if not rules.on("pronoun"):
                return Speaker(None, "unknown", None, None, "unresolved_pronoun")
            # in reported speech the pronoun's own clause never names it ('He said Obama hopes ...'); a quote
            # may ('"... something new like Trump?" he said': politicians name themselves)
            reported = item.candidate.kind == "indirect"
            return self._pronoun(mention[0], (item.candidate.start, item.candidate.end), reported)
        antecedent = relative_antecedent(mention[0]) if len(mention) == 1 else None
        if antecedent is not None:  # "Lopez, who said ...": the mention is "who", the speaker is Lopez
            named = self._named(mention_span(antecedent))
            return Speaker(named.name, named.type, named.role, named.org, "relative")
        return self._named(mention)

    def _named(self, mention: Span) -> Speaker:
        kind = speaker_type(mention)
        head = mention.root
        if head.pos_ == "NOUN" and any(schemes.is_possessor(c) and c.pos_ == "PROPN" for c in head.children):
            # "Pagliano's lawyer", "Scott's family": someone of the person's, not the person
            return Speaker(_tidy(list(mention)) or mention.text, kind, None, None)
        # a name with a title, or a surname the article already gave a person, is a person whatever the
        # recogniser said ("Vietnam's President Luong Cuong" tagged ORG, a later "Ashton-Hart" tagged ORG)
        titled_or_known = _titled(mention) or self.people.knows(mention)
        if any(_is_name_token(t) for t in mention) and (kind in {"person", "unknown"} or titled_or_known):
            person = self.people.add(mention)
            if person is not None and (kind == "person" or titled_or_known or len(person.name.split()) >= 2):
                return Speaker(person.name, "person", person.role, person.org)
        name = _fuller_description(mention) or _tidy(list(mention)) or mention.text
        return Speaker(_common_noun_label(mention, name), kind, None, None)

    def _pronoun(self, token: Token, said: tuple[int, int], reported: bool) -> Speaker:
        word = token.lower_
        if word in PERSONAL:
            person = self.people.before(token.i, PERSONAL[word], said, reported)
            if person is not None:
                person.gender = person.gender or PERSONAL[word]
                return Speaker(person.name, "person", person.role, person.org, rule="pronoun")
        elif word in PLURAL or word in ORGANISATIONAL:
            wanted = {"group", "organisation"} if word in PLURAL else {"organisation"}
            antecedent = self._collective_before(token.i, wanted, plural=word in PLURAL)
            if antecedent is not None:
                return antecedent
        # a pronoun is nobody's name: it stays in the speaker mention, the speaker is left empty
        return Speaker(None, "unknown", None, None, "unresolved_pronoun")

    def _collective_before(self, i: int, wanted: set[str], plural: bool) -> Speaker | None:
        """The nearest earlier group or organisation that was the subject of a main clause or of a verb of
        saying ('"...," the paper wrote. "...," it added')."""
        for sent_tok in reversed(self.doc[:i]):
            if not schemes.is_subject(sent_tok) or not _main_clause_or_speaker(sent_tok):
                continue  # the subject of an embedded clause ("warned that fares would rise") is not salient
            # words inside quotation marks are the speaker's, not the writer's: no antecedents there
            if sent_tok.lower_ in SPEAKER_PRONOUNS or in_quoted_content(sent_tok):
                continue
            mention = mention_span(sent_tok)
            kind = speaker_type(mention)
            if kind not in wanted:
                continue
            is_plural = schemes.is_plural(sent_tok) or kind == "organisation"
            if plural and not is_plural:
                continue
            return Speaker(
                _fuller_description(mention) or _tidy(list(mention)) or mention.text, kind, None, None, "pronoun"
            )
        return None

    def finish(self, speaker: Speaker, mention: Span | None) -> Speaker:
        """Refresh a person's role/organisation with everything the article said of them; a name written
        shorter than the person's fullest name is an alias."""
        if speaker.type != "person" or speaker.name is None:
            return speaker
        for person in self.people.people:
            if person.name == speaker.name:
                rule, name = speaker.rule, person.name
                if rule is None and mention is not None and name_part(mention).text != person.name:
                    rule, name = ("alias", name) if rules.on("alias") else (None, name_part(mention).text)
                return Speaker(name, "person", person.role, person.org, rule)
        return speaker


def resolve_speakers(doc: Doc, attributed: list[Attributed]) -> list[Speaker]:
    """The resolved speaker of each attributed quote, in the same order."""
    resolver = Resolver(doc)
    first_pass = [resolver.resolve(item) for item in attributed]
    return [resolver.finish(s, item.speaker) for s, item in zip(first_pass, attributed, strict=True)]
