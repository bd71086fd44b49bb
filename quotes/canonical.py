"""Canonical speakers: one name per person or institution across all articles.

The stage after attribution. Each article names its speakers in its own way ("UN chief António Guterres",
"Mr Guterres", "Guterres"); this module gives every speaker one canonical name across the whole mentions table
(``MENTIONS_SCHEMA``) and carries the most informative role and organisation to all of a person's mentions.
Plain pandas and Python, no spaCy.

Every decision is made once per distinct speaker string, or per distinct (article, name) pair for the names
that need their article to be told apart, and then mapped back onto the rows: the cost grows with the number
of distinct speakers, not with the number of mentions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from .lexicon import lexicon
from .names import ANY_PRONOUNS, PARTICLES, SUFFIXES, without_quantity
from .text import fold

# the columns this stage rewrites
SPEAKER_COLUMNS = ("speaker", "speaker_role", "speaker_org", "speaker_type")
PERSON_TYPES = ("person", "unknown")
GROUP_TYPES = ("organisation", "group")

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# endings that turn a place into its adjective: Vietnam-ese, Chin(a)-ese, Indonesia-n, Iraq-i, Canad(a)-ian
DEMONYM_ENDINGS = ("ese", "ian", "ean", "ish", "an", "ic", "n", "i")

# on folded text, so curly quotation marks are already '"'
_EDGE_PUNCT = ".,;:!?\"'()[]{}"


def token_key(token: str) -> str:
    """A word's matching form: folded, no edge punctuation or inner dots ("U.S." -> "us", "Sen." -> "sen")."""
    return fold(token).strip(_EDGE_PUNCT).replace(".", "")


def is_pronoun(speaker: str) -> bool:
    """Whether ``speaker`` is a bare pronoun ("she", "They"); "US" the country is not "us"."""
    text = speaker.strip()
    written_as_word = text.islower() or text[:1].isupper() and (len(text) == 1 or text[1:].islower())
    return written_as_word and text.lower() in ANY_PRONOUNS


# --- titles ----------------------------------------------------------------------------------------------


@cache
def _titles() -> dict[str, tuple[tuple[tuple[str, ...], bool], ...]]:
    """Titles and honorifics as word-key tuples, indexed by first word, longest first, flagged honorific."""
    entries = {tuple(token_key(w) for w in entry.split()): False for entry in lexicon("titles")}
    entries |= {tuple(token_key(w) for w in entry.split()): True for entry in lexicon("honorifics")}
    index: dict[str, list[tuple[tuple[str, ...], bool]]] = defaultdict(list)
    for words, honorific in entries.items():
        index[words[0]].append((words, honorific))
    return {first: tuple(sorted(found, key=lambda e: (-len(e[0]), e))) for first, found in index.items()}


def _title_at(keys: list[str], i: int) -> tuple[int, bool]:
    """(length, is_honorific) of the longest title starting at word ``i``; (0, False) when there is none."""
    for words, honorific in _titles().get(keys[i], ()):
        if tuple(keys[i : i + len(words)]) == words:
            return len(words), honorific
    return 0, False


def _starts_name(tokens: list[str], keys: list[str], i: int) -> bool:
    """Whether a name can start at word ``i``: a capital (or "de Gaulle"'s particle) and not just "Jr."."""
    if i >= len(tokens) or all(not k or k in SUFFIXES for k in keys[i:]):
        return False
    return tokens[i][:1].isupper() or keys[i] in PARTICLES and i + 1 < len(tokens)


# --- people ----------------------------------------------------------------------------------------------

Key = tuple[str, ...]


@dataclass(frozen=True)
class Name:
    """A person's name as one article writes it, split from the titles written before it."""

    form: str  # the name as written, without titles: "António Guterres"
    key: Key  # its folded words: ("antonio", "guterres")
    title: str | None  # the titles as written, without honorifics: "UN chief"; None when none or only "Mr"

    @property
    def informativeness(self) -> tuple[int, int]:
        """(full words, words): "Sabhanaz Rashid Diya" > "Sabhanaz R. Diya" > "Sabhanaz Diya"."""
        return sum(len(k) > 1 and k not in SUFFIXES for k in self.key), len(self.key)


def parse_name(speaker: str) -> Name:
    """Split a person speaker into titles and name: "UN chief Antonio Guterres" -> "UN chief" + the name.

    Titles (titles_en.txt, honorifics_en.txt) and lower-case descriptors ("former", "activist") are removed
    from the front as long as a capitalised name is left after them, so "Julie Bishop" keeps "Bishop" and
    "President" alone stays "President". Particles ("von der", "bin") stay part of the name.
    """
    tokens = speaker.split()
    keys = [token_key(t) for t in tokens]
    cut, i = 0, 0
    honorific: set[int] = set()
    while i < len(tokens):
        length, is_honorific = _title_at(keys, i)
        if length:
            if is_honorific:
                honorific.update(range(i, i + length))
            i += length
        elif tokens[i].isalpha() and tokens[i].islower() and keys[i] not in PARTICLES:
            i += 1  # a descriptor: "former", "activist", "the"
        else:
            i += 1
            continue  # a name word, or a qualifier like "US" in "US President": not a place to cut
        if _starts_name(tokens, keys, i):
            cut = i
    prefix = [t for j, t in enumerate(tokens[:cut]) if j not in honorific]
    while prefix and token_key(prefix[0]) in DETERMINERS:
        prefix = prefix[1:]  # "the President X": the role is "President"
    title = " ".join(prefix).strip(" ,;:") or None
    return Name(" ".join(tokens[cut:]).strip(" ,;:"), tuple(k for k in keys[cut:] if k), title)


def _core(key: Key) -> Key:
    """The key without generational suffixes: ("martin", "luther", "king", "jr") -> (..., "king")."""
    end = len(key)
    while end > 1 and key[end - 1] in SUFFIXES:
        end -= 1
    return key[:end]


def surname(key: Key) -> str:
    """The last name word of ``key``, the one a bare surname is matched on."""
    return _core(key)[-1]


def is_bare(key: Key) -> bool:
    """Whether ``key`` is a surname alone: "Guterres", "von der Leyen", "King Jr."."""
    return all(word in PARTICLES for word in _core(key)[:-1])


def _abbreviates(short: str, full: str) -> bool:
    """``short`` is ``full`` or its initial ("r" for "rashid")."""
    return short == full or len(short) == 1 and full.startswith(short)


def _shortens(short: Key, full: Key) -> bool:
    """Whether ``short`` is a less complete way of writing the multi-word name ``full``.

    First and last words must agree (the first may be an initial); a first+last form may leave out middle
    names ("Sabhanaz Diya" ~ "Sabhanaz Rashid Diya"), a longer form may only abbreviate them
    ("George W. Bush" is not "George H. W. Bush"). A missing suffix matches any ("Ken Griffey" ~ "... Jr.").
    """
    cs, cf = _core(short), _core(full)
    if short == full or len(cs) < 2 or len(cf) < len(cs) or short[len(cs) :] not in ((), full[len(cf) :]):
        return False
    if cs[-1] != cf[-1] or not _abbreviates(cs[0], cf[0]):
        return False
    return len(cs) == 2 or len(cs) == len(cf) and all(map(_abbreviates, cs[1:-1], cf[1:-1]))


@dataclass
class NameClusters:
    """Which name key belongs to which person across the corpus.

    ``cluster`` maps each key to the key of the person it names (itself when it is the most complete form,
    or when it is ambiguous); ``ambiguous`` maps a key that fits several people to their keys.
    """

    cluster: dict[Key, Key]
    ambiguous: dict[Key, frozenset[Key]]

    @classmethod
    def resolve(cls, keys: Iterable[Key]) -> NameClusters:
        """Join shorter forms to the one longer name they fit; keep apart what fits several."""
        by_surname: dict[str, list[Key]] = defaultdict(list)
        for key in set(keys):
            by_surname[surname(key)].append(key)
        cluster: dict[Key, Key] = {}
        ambiguous: dict[Key, frozenset[Key]] = {}
        for group in by_surname.values():
            full = [k for k in group if not is_bare(k)]
            longer = {k: [f for f in full if _shortens(k, f)] for k in full}
            # the most complete forms: nothing longer fits them. Containment is transitive, so everything
            # that fits a key includes every most complete form that fits it.
            complete = {k for k in full if not longer[k]}
            for key in full:
                targets = frozenset(longer[key]) & complete or {key}
                cluster[key] = next(iter(targets)) if len(targets) == 1 else key
                if len(targets) > 1:
                    ambiguous[key] = frozenset(targets)
            # a bare surname joins the one person with that last name ("von der Leyen": those last words)
            for key in group:
                if is_bare(key):
                    n = len(_core(key))
                    people = frozenset(cluster[k] for k in full if _core(k)[-n:] == _core(key))
                    cluster[key] = next(iter(people)) if len(people) == 1 else key
                    if len(people) > 1:
                        ambiguous[key] = people
        return cls(cluster, ambiguous)


# --- groups and institutions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """A group or institution speaker: "the government of Vietnam" -> head "government", place "vietnam"."""

    display: str  # as written, without a leading determiner: "government of Vietnam"
    head: Key  # what it is: ("government",)
    # whose it is, from "X's ..." or "... of X" (a lower-case head: "Bank of America" is a name, not split);
    # () for plain phrases until the places the corpus names are known
    place: Key
    lower_tail: tuple[bool, ...]  # per word: whether everything from there on is written in lower case


def parse_phrase(speaker: str) -> Phrase:
    """Split "Vietnam's government" / "the government of Vietnam" into head and place; tidy the display."""
    tokens = [t for t in speaker.split() if token_key(t)] or speaker.split()  # drop stray quotation marks
    while len(tokens) > 1 and token_key(tokens[0]) in DETERMINERS:
        tokens = tokens[1:]  # "the critics" -> "critics"
    tokens = without_quantity(" ".join(tokens)).split() or tokens  # "more than a dozen rights groups"
    keys = [token_key(t) for t in tokens]
    lower_tail = tuple(" ".join(tokens[i:]).islower() for i in range(len(tokens)))
    display = " ".join(tokens)
    for j, token in enumerate(tokens[:-1]):
        written = fold(token).rstrip(_EDGE_PUNCT.replace("'", ""))
        if written.endswith(("'s", "s'")):  # "Vietnam's government", "the states' governors"
            owner = [*keys[:j], written[:-2] if written.endswith("'s") else keys[j]]
            return Phrase(display, _words(keys[j + 1 :]), _words(_undetermined(owner)), lower_tail)
    j = keys.index("of", 1) if "of" in keys[1:-1] else 0
    if j and " ".join(tokens[:j]).islower():  # "the government of Vietnam", but not "Bank of America"
        return Phrase(display, _words(keys[:j]), _words(_undetermined(keys[j + 1 :])), lower_tail)
    return Phrase(display, _words(keys), (), lower_tail)


def _words(keys: Iterable[str]) -> Key:
    return tuple(k for k in keys if k)


def _undetermined(keys: list[str]) -> list[str]:
    return keys[1:] if len(keys) > 1 and keys[0] in DETERMINERS else keys


def _places_of(word: str) -> Iterator[str]:
    """Places ``word`` may be the adjective of: "vietnamese" -> "vietnam", "chinese" -> "china"."""
    if len(word) > 3:
        yield word + "y"  # German -> Germany
    for ending in DEMONYM_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            yield stem
            yield from (stem + vowel for vowel in "aeiouy")


def group_key(phrase: Phrase, places: set[Key]) -> tuple[Key, Key]:
    """(head, place) under which variants of one institution meet.

    A plain phrase whose first words name a place the corpus writes as an owner elsewhere joins it:
    "Vietnamese government" (an adjective of the place) or "Vietnam government" (the place itself, when
    the rest is lower case, so "California University" does not become "University of California").
    """
    head = phrase.head
    if phrase.place or len(head) < 2:
        return head, phrase.place
    for n in range(min(3, len(head) - 1), 0, -1):
        if head[:n] in places and phrase.lower_tail[n]:
            return head[n:], head[:n]
        owners = [(*head[: n - 1], p) for p in _places_of(head[n - 1])]
        found = sorted((o for o in owners if o in places), key=lambda o: (-len(" ".join(o)), o))
        if found:  # the longest: "Nigerian" is Nigeria's before it is Niger's
            return head[n:], found[0]
    return head, ()


# --- the table ---------------------------------------------------------------------------------------------


def canonicalize(mentions: pd.DataFrame, counts: np.ndarray | None = None) -> pd.DataFrame:
    """Give each speaker one canonical name across all articles and carry the most informative role and
    organisation to all of that speaker's mentions. Returns a new frame, same rows/order/columns.

    People (``speaker_type`` person, or unknown with a name) are matched on their names with accents, titles
    and honorifics folded away; the canonical name is the most complete form, then the most often written.
    A bare surname or a first+last form joins the one fuller name it fits in the corpus, or else the one its
    own article names. Each person's most frequent role and organisation (ties: the longer) go on all their
    mentions; a title written before the name ("Secretary-General Guterres") is the role when none is known.
    Groups and organisations lose a leading determiner, and variants of one institution ("Vietnam's
    government", "the government of Vietnam", "Vietnamese government") share one name. Missing speakers and
    an unresolved pronoun is no name: its speaker is emptied and its speaker_type is unknown (the pronoun stays
    in speaker_mention).

    Args:
        mentions: a mentions table (``MENTIONS_SCHEMA``); only the speaker columns and ``doc_id`` are read.
        counts: how many mentions each row stands for, when ``mentions`` holds each distinct (``doc_id``,
            speaker columns) row once (what a distributed run sends here); None: one each. Every decision
            depends only on those columns and how often each row occurs, so the result is the same.

    Returns:
        A copy with ``speaker``, ``speaker_role``, ``speaker_org`` and ``speaker_type`` rewritten.
    """
    out = mentions.copy()
    if out.empty:
        return out
    # every rule runs once per distinct speaker string; rows only index into the results by code
    code, names = pd.factorize(out["speaker"])  # a missing speaker gets code -1 ...
    names = list(names)
    kind = out["speaker_type"].fillna("unknown").to_numpy(dtype=object)
    pronoun = np.array([is_pronoun(s) for s in names] + [False])[code]  # ... which reads this last entry
    blank = np.array([not s.strip() for s in names] + [True])[code]
    person = ~blank & ~pronoun & pd.Series(kind).isin(PERSON_TYPES).to_numpy()
    group = ~blank & ~pronoun & pd.Series(kind).isin(GROUP_TYPES).to_numpy()

    columns = {col: out[col].to_numpy(dtype=object, na_value=None) for col in SPEAKER_COLUMNS}
    columns["speaker"][pronoun] = None
    columns["speaker_type"][pronoun] = "unknown"
    weight = np.ones(len(out), dtype=np.int64) if counts is None else np.asarray(counts, dtype=np.int64)
    if person.any():
        doc = pd.factorize(out["doc_id"])[0]
        _canonical_people(columns, np.flatnonzero(person), code, names, doc, weight)
    if group.any():
        _canonical_groups(columns, np.flatnonzero(group), code, names, weight)
    for col, values in columns.items():
        out[col] = pd.array(values, dtype=out[col].dtype)
    return out


def _canonical_people(
    columns: dict[str, np.ndarray],
    rows: np.ndarray,
    code: np.ndarray,
    names: list[str],
    doc: np.ndarray,
    weight: np.ndarray,
) -> None:
    """Rewrite the speaker columns at the person ``rows`` in place.

    Args:
        columns: the speaker columns as object arrays over all mentions.
        rows: positions of the person mentions.
        code: per mention, the position of its speaker in ``names``.
        names: the distinct speaker strings.
        doc: per mention, a code for its article.
        weight: per row, how many mentions it stands for.
    """
    parsed = {c: parse_name(names[c]) for c in np.unique(code[rows])}
    keys = sorted({name.key for name in parsed.values() if name.key})
    key_id = {k: i for i, k in enumerate(keys)}
    name_key = np.full(len(names), -1)
    for c, name in parsed.items():
        name_key[c] = key_id.get(name.key, -1)
    rows = rows[name_key[code[rows]] >= 0]  # nothing left but punctuation: leave it as written
    if not len(rows):
        return
    key = name_key[code[rows]]
    weight = weight[rows]

    people = NameClusters.resolve(keys)
    person = np.array([key_id[people.cluster[k]] for k in keys])[key]
    doubtful = np.array([k in people.ambiguous for k in keys])
    if doubtful[key].any():
        person = _settle_in_articles(people, keys, doc[rows], key, person)

    # the canonical name: the most complete form, not in capitals, the most often written, then alphabetical
    form = _count(pd.DataFrame({"person": person, "name": code[rows]}), weight)
    form["form"] = [parsed[c].form for c in form["name"]]
    form["full"], form["words"] = zip(*(parsed[c].informativeness for c in form["name"]), strict=True)
    form["shouting"] = form["form"].str.isupper()  # "ANTONIO GUTERRES" from a headline
    form = form.groupby(["person", "form"], as_index=False).agg(
        n=("n", "sum"), full=("full", "first"), words=("words", "first"), shouting=("shouting", "first")
    )
    form = form.sort_values(["full", "words", "shouting", "n", "form"], ascending=[0, 0, 1, 0, 1])
    display = _lookup(form.drop_duplicates("person"), "person", "form", len(keys))
    columns["speaker"][rows] = display[person]

    # an ambiguous name that no article settled is not one person: it keeps its own role and organisation
    one = ~doubtful[person]
    title = np.array([parsed[c].title if c in parsed else None for c in range(len(names))], dtype=object)
    title = title[code[rows]]
    own_role = _collapsed(columns["speaker_role"][rows])
    role = np.where(pd.notna(own_role), own_role, title)
    best_role = _most_informative(person[one], own_role[one], len(keys), weight[one])
    best_title = _most_informative(person[one], title[one], len(keys), weight[one])
    role[one] = np.where(pd.notna(best_role[person[one]]), best_role[person[one]], best_title[person[one]])
    columns["speaker_role"][rows] = role
    best_org = _most_informative(person[one], columns["speaker_org"][rows][one], len(keys), weight[one])
    columns["speaker_org"][rows[one]] = best_org[person[one]]

    # a name the earlier stages left untyped is a person when it turned out to be one
    typed = np.zeros(len(keys), dtype=bool)
    typed[person[one & (columns["speaker_type"][rows] == "person")]] = True
    columns["speaker_type"][rows[one & typed[person]]] = "person"


def _settle_in_articles(
    people: NameClusters, keys: list[Key], doc: np.ndarray, key: np.ndarray, person: np.ndarray
) -> np.ndarray:
    """``person`` with each ambiguous name given the one fitting person its own article names, if any.

    Args:
        people: the corpus-wide resolution of ``keys``.
        keys: the distinct name keys; ``key`` and ``person`` index into them.
        doc, key, person: per person mention, its article code, name key and corpus-wide person.
    """
    surnames = pd.factorize(pd.Series([surname(k) for k in keys]))[0]
    info = pd.DataFrame(
        {
            "key": range(len(keys)),
            "surname": surnames,
            "full": [not is_bare(k) for k in keys],
            "doubtful": [k in people.ambiguous for k in keys],
        }
    )
    key_id = {k: i for i, k in enumerate(keys)}
    fits = pd.DataFrame(
        [(key_id[k], key_id[p]) for k, targets in people.ambiguous.items() for p in targets],
        columns=["key", "person"],
    )
    names = pd.DataFrame({"doc": doc, "key": key, "person": person}).drop_duplicates().merge(info, on="key")
    # only the names that share an article and a surname with an ambiguous one matter
    names = names.merge(names.loc[names["doubtful"], ["doc", "surname"]].drop_duplicates())
    # full names first: an ambiguous one takes the one person it fits among the article's other full names
    named = names.loc[names["full"] & ~names["doubtful"], ["doc", "surname", "person"]]
    full = names.loc[names["full"] & names["doubtful"], ["doc", "surname", "key"]]
    settled_full = _the_one(full.merge(named).merge(fits))
    # then a bare surname takes the one person the article's full names come to, settled or not
    named = names.loc[names["full"], ["doc", "surname", "key", "person"]]
    named = named.merge(settled_full[["doc", "key", "person"]], on=["doc", "key"], how="left", suffixes=("_", ""))
    named["person"] = named["person"].fillna(named["person_"]).astype(int)
    bare = names.loc[~names["full"] & names["doubtful"], ["doc", "surname", "key"]]
    settled_bare = _the_one(bare.merge(named[["doc", "surname", "person"]]).merge(fits))
    settled = pd.concat([settled_full, settled_bare])[["doc", "key", "person"]]
    if settled.empty:
        return person
    found = pd.DataFrame({"doc": doc, "key": key}).merge(settled, how="left")["person"]
    return np.where(found.notna(), found.fillna(-1).astype(int), person)


def _the_one(candidates: pd.DataFrame) -> pd.DataFrame:
    """The (doc, key) rows of ``candidates`` that have exactly one distinct person."""
    candidates = candidates.drop_duplicates(["doc", "key", "person"])
    return candidates[candidates.groupby(["doc", "key"])["person"].transform("size") == 1]


def _collapsed(values: np.ndarray) -> np.ndarray:
    """``values`` with whitespace collapsed, and None for missing or blank ones (worked out per distinct)."""
    code, distinct = pd.factorize(pd.Series(values, dtype=object))
    tidy = [" ".join(v.split()) or None if isinstance(v, str) else None for v in distinct]
    return np.array([*tidy, None], dtype=object)[code]  # code -1 (missing) reads the last entry


def _lookup(frame: pd.DataFrame, owner: str, value: str, size: int) -> np.ndarray:
    """``frame``'s ``value`` column as an array indexed by its integer ``owner`` column; None elsewhere."""
    table = np.full(size, None, dtype=object)
    table[frame[owner].to_numpy(dtype=int)] = frame[value].to_numpy(dtype=object)
    return table


def _count(frame: pd.DataFrame, weight: np.ndarray) -> pd.DataFrame:
    """Each distinct row of ``frame`` (rows with a missing value left out) and its total ``weight`` as ``n``."""
    keys = list(frame.columns)
    return frame.assign(n=weight).dropna().groupby(keys, as_index=False, sort=False)["n"].sum()


def _most_informative(owner: np.ndarray, value: np.ndarray, size: int, weight: np.ndarray) -> np.ndarray:
    """Per owner id, ``names.most_informative`` of its non-empty values, vectorised: the most frequent; ties go
    to the longer, then alphabetically (the order of ``names.informativeness``)."""
    counts = _count(pd.DataFrame({"owner": owner, "value": _collapsed(value)}), weight)
    counts["length"] = counts["value"].str.len()
    counts = counts.sort_values(["n", "length", "value"], ascending=[False, False, True])
    return _lookup(counts.drop_duplicates("owner"), "owner", "value", size)


def _canonical_groups(
    columns: dict[str, np.ndarray], rows: np.ndarray, code: np.ndarray, names: list[str], weight: np.ndarray
) -> None:
    """Rewrite ``speaker`` at the group ``rows``: each institution's most often written variant."""
    parsed = {c: parse_phrase(names[c]) for c in np.unique(code[rows])}
    places = {p.place for p in parsed.values() if p.place}
    keys = sorted({group_key(p, places) for p in parsed.values()})
    key_id = {k: i for i, k in enumerate(keys)}
    name_key = np.full(len(names), -1)
    for c, phrase in parsed.items():
        name_key[c] = key_id[group_key(phrase, places)]
    key = name_key[code[rows]]
    form = _count(pd.DataFrame({"key": key, "name": code[rows]}), weight[rows])
    form["form"] = [parsed[c].display for c in form["name"]]
    form = form.groupby(["key", "form"], as_index=False)["n"].sum()
    form["length"] = form["form"].str.len()
    form = form.sort_values(["n", "length", "form"], ascending=[False, True, True])
    columns["speaker"][rows] = _lookup(form.drop_duplicates("key"), "key", "form", len(keys))[key]
