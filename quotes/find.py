"""Doc -> quote candidates with their cues: direct, mixed (partial) and reported speech, and "according to".

A candidate knows where its content is (exact character offsets), its kind and the cue token that
introduces it, when there is one. Who said it is the next stage's business (``attribute.py``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import lemminflect
from spacy.tokens import Doc, Span, Token

from . import rules, schemes
from .lexicon import lexicon
from .marks import Quoted, find_quoted

# a quoted fragment with fewer words than this and no cue is a scare quote or a title, not a quote
MIN_FLOATING_WORDS = 4
# reported speech shorter than this many words is too thin to be a claim ("he said so")
MIN_REPORTED_WORDS = 3
MAX_NESTING_DEPTH = 6  # steps up from a cue to the complement that would hold it
FIRST_OR_SECOND_PERSON = {"i", "we", "you", "me", "us"}
# tokens that may stand between a quote and its cue in "<quote>, <cue clause>" without breaking adjacency
LINKING_PUNCT = {",", ":", "—", "–", "-", ";"}


# a verb of saying further up the tree than this from a quote's root is not what the quote reports; the bound
# keeps the climb constant-time on degenerate parses (a page of bare quotation marks parsed as one chain)
MAX_CUE_CLIMB = 12

CACHE_KEYS = ("quotes.text", "quotes.marks", "quotes.index")


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token again at each access."""
    if CACHE_KEYS[0] not in doc.user_data:
        doc.user_data[CACHE_KEYS[0]] = doc.text
    return doc.user_data[CACHE_KEYS[0]]


def quoted_pairs(doc: Doc) -> list[Quoted]:
    """The document's quotation-mark pairs, found once per document."""
    if CACHE_KEYS[1] not in doc.user_data:
        doc.user_data[CACHE_KEYS[1]] = find_quoted(text_of(doc))
    return doc.user_data[CACHE_KEYS[1]]


def forget(doc: Doc) -> None:
    """Drop the per-document caches (they must not travel with the Doc)."""
    for key in CACHE_KEYS:
        doc.user_data.pop(key, None)


class DocIndex:
    """Lookups built once per Doc, so that no rule rescans the document (or all its marks) for each quote.

    spaCy finds ``token.sent`` by walking to the sentence's edges and builds ``doc.ents`` from every token,
    at each access: on a page of quotes parsed as one sentence both make a per-quote rule quadratic.
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        self.sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        self.ents = list(doc.ents)
        self.ent_starts = [e.start for e in self.ents]
        self.ent_start_chars = [e.start_char for e in self.ents]
        pairs = quoted_pairs(doc)
        self.mark_opens = [q.open_char for q in pairs]
        self.cues: dict[int, bool] = {}
        self._cue_positions: list[int] | None = None
        self._children: list[list[int]] | None = None
        self._paratactic_cues: dict[int, list[int]] | None = None
        self._outside_cues: list[int] | None = None

    def sentence(self, i: int) -> Span:
        """The sentence of token ``i``."""
        n = bisect_right(self.sent_starts, i) - 1
        end = self.sent_starts[n + 1] if n + 1 < len(self.sent_starts) else len(self.doc)
        return self.doc[self.sent_starts[n] : end]

    def entity(self, i: int) -> Span | None:
        """The named entity token ``i`` is part of."""
        n = bisect_right(self.ent_starts, i) - 1
        return self.ents[n] if n >= 0 and i < self.ents[n].end else None

    def entities_from(self, start_char: int, end_char: int) -> list[Span]:
        """The entities that start in ``[start_char, end_char)``, in order."""
        lo = bisect_left(self.ent_start_chars, start_char)
        hi = bisect_left(self.ent_start_chars, end_char)
        return self.ents[lo:hi]

    def children(self, i: int) -> list[Token]:
        """``doc[i].children``: spaCy walks the token's whole subtree to find them, at each access."""
        if self._children is None:
            self._children = [[] for _ in range(len(self.doc))]
            for token in self.doc:
                if token.head.i != token.i:
                    self._children[token.head.i].append(token.i)
        return [self.doc[j] for j in self._children[i]]

    def paratactic_cues(self, i: int) -> list[Token]:
        """The verbs of saying hung on token ``i`` as parataxis, in order (a root can have thousands of children)."""
        if self._paratactic_cues is None:
            self._paratactic_cues = {}
            for token in self.doc:
                if token.head.i != token.i and schemes.is_parataxis(token) and is_cue(token):
                    self._paratactic_cues.setdefault(token.head.i, []).append(token.i)
        return [self.doc[j] for j in self._paratactic_cues.get(i, ())]

    def cue_positions(self) -> list[int]:
        """The indexes of the document's verbs of saying, in order."""
        if self._cue_positions is None:
            self._cue_positions = [t.i for t in self.doc if is_cue(t)]
        return self._cue_positions

    def outside_cues(self) -> list[int]:
        """The indexes of the verbs of saying that stand outside every pair of quotation marks."""
        if self._outside_cues is None:
            self._outside_cues = [i for i in self.cue_positions() if self.pair_at(self.doc[i].idx) is None]
        return self._outside_cues

    def pair_at(self, char: int) -> Quoted | None:
        """The quotation-mark pair whose marks or content hold offset ``char`` (pairs never overlap)."""
        n = bisect_right(self.mark_opens, char) - 1
        if n < 0:
            return None
        pair = quoted_pairs(self.doc)[n]
        return pair if char <= pair.close_char else None


def doc_index(doc: Doc) -> DocIndex:
    """The Doc's ``DocIndex``, built at the first use."""
    index = doc.user_data.get(CACHE_KEYS[2])
    if index is None:
        index = doc.user_data[CACHE_KEYS[2]] = DocIndex(doc)
    return index


def sentence_of(token: Token) -> Span:
    """``token.sent``, from the per-Doc index."""
    return doc_index(token.doc).sentence(token.i)


def children_of(token: Token) -> list[Token]:
    """``token.children``, from the per-Doc index."""
    return doc_index(token.doc).children(token.i)


def root_of(span: Span) -> Token:
    """``span.root`` without its cost on deep trees: spaCy measures every token's path to the sentence root,
    which is as long as the sentence when a page of quotes parses as one chain."""
    heads = [t for t in span if t.head == t or not span.start <= t.head.i < span.end]
    return heads[0] if len(heads) == 1 else span.root


def in_quoted_content(token: Token) -> bool:
    """The token starts inside the content of a quotation-mark pair (marks excluded)."""
    pair = doc_index(token.doc).pair_at(token.idx)
    return pair is not None and pair.start <= token.idx < pair.end


@dataclass
class Candidate:
    """A quote found in a Doc, before attribution."""

    start: int  # content offsets into doc.text, marks excluded
    end: int
    kind: str  # direct | mixed | indirect
    content: Span  # the tokens of the content
    cue: Token | None = None
    marks: list[Quoted] = field(default_factory=list)
    cue_is_according: bool = False
    cue_is_loose: bool = False  # the cue shares the sentence but the parse does not link it to the quote
    rule: str = ""  # the rule that found it (``rules.CONTENT_RULES``); set with its cue for quoted candidates

    def text(self, doc: Doc) -> str:
        """The content without its enclosing marks, paragraphs of a running quote joined by a space.

        A mixed quote's content is the writer's statement with the quoted words (and their marks) inside.
        """
        if not self.marks or self.kind == "mixed":
            return text_of(doc)[self.start : self.end]
        return self.quoted_text(doc)

    def quoted_text(self, doc: Doc) -> str:
        """The words inside the marks only; the fragments of a mixed quote joined by " … "."""
        parts = []
        for mark in self.marks:
            body = text_of(doc)[mark.start : mark.end]
            # a quote running over paragraphs repeats its opening mark at each paragraph start
            lines = [line.strip().lstrip("\"“„«‘'`") for line in body.split("\n") if line.strip()]
            parts.append(" ".join(lines))
        return (" … " if self.kind == "mixed" else " ").join(parts)


@lru_cache(maxsize=1 << 16)  # bounded: over a crawl, the words asked about (names, typos) have no end
def base_forms(word: str) -> frozenset[str]:
    """The lemmas ``word`` may have as an English verb, for when the lemmatizer gets one wrong.

    From lemminflect's lexicon of English verbs ("said" -> say, "noted" -> note, never "not"; "lay" -> lay and
    lie), with its out-of-vocabulary rules for words it does not list ("texted" -> text), and ``word`` itself.
    """
    word = word.lower()
    lemmas = lemminflect.getAllLemmas(word, upos="VERB") or lemminflect.getAllLemmasOOV(word, upos="VERB")
    return frozenset({word, *lemmas.get("VERB", ())})


def is_cue(token: Token) -> bool:
    """A verb of saying or reporting, by lemma (see ``resources/cues_en.txt``); worked out once per token."""
    known = doc_index(token.doc).cues
    if token.i not in known:
        known[token.i] = _is_cue(token)
    return known[token.i]


def _is_cue(token: Token) -> bool:
    cues = lexicon("cues")
    lemma = token.lemma_.lower()
    if lemma not in cues and lemma != "put" and base_forms(token.text).isdisjoint(cues):
        return False  # not a word of saying (most tokens): the checks of its context below are dearer
    if token.ent_type_ and schemes.entity_kind(token.ent_type_) == "person":
        return False  # "Hope Hicks", "Will Smith": a name, not a verb
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if (
        token.text[:1].isupper()
        and nxt is not None
        and nxt.pos_ == "PROPN"
        and schemes.entity_kind(nxt.ent_type_ or "") == "person"
        and not any(schemes.is_subject(c) for c in children_of(token))
    ):
        return False  # the recogniser took only the surname: "Hope Hicks, a spokeswoman, did not ..."
    acts_as_verb = any(schemes.is_subject(c) for c in children_of(token))  # a verb the tagger took for a noun
    if token.pos_ not in {"VERB", "AUX"} and not schemes.has_verb_tag(token) and not acts_as_verb:
        return is_headline_cue(token)
    prev = token.doc[token.i - 1] if token.i else None
    if (prev is not None and prev.text == "-" and token.i >= 2 and token.doc[token.i - 2].lower_ == "so") or (
        schemes.is_adjectival_modifier(token) and prev is not None and prev.pos_ in {"DET", "ADV"}
    ):
        return False  # "the so-called reform", "a widely quoted remark": modifiers, not acts of saying
    if lemma == "put" and any(c.lower_ == "it" and schemes.is_object(c) for c in children_of(token)):
        return True  # "as Lopez put it, ...", '"...," as she puts it': the idiom of saying
    return lemma in cues or not base_forms(token.text).isdisjoint(cues)


# a line with at least this many words, this share of them capitalised, is written in Title Case (a headline)
MIN_TITLE_CASE_WORDS = 4
TITLE_CASE_SHARE = 0.7
# the inflected forms a headline writes its verb of saying in ("Clinton Says ...", "Christie Calls ...")
HEADLINE_FORMS = ("s", "es")


def is_headline_cue(token: Token) -> bool:
    """'Christie Calls Clinton "A Disgrace"': in a Title-Case headline the tagger takes the capitalised verb
    of saying for part of a name. Read the words: a capitalised present-tense form of a cue verb ('Says',
    'Calls', 'Slams') inside a Title-Case sentence, with a name before it."""
    text = token.text
    if not (text[:1].isupper() and text[1:].islower()) or token.i == 0 or not text.lower().endswith(HEADLINE_FORMS):
        return False
    if token.doc[token.i - 1].pos_ != "PROPN" or base_forms(text).isdisjoint(lexicon("cues")):
        return False
    words = [t.text for t in token.sent if t.is_alpha]
    if len(words) < MIN_TITLE_CASE_WORDS:
        return False
    return sum(1 for w in words if w[:1].isupper()) >= TITLE_CASE_SHARE * len(words)


TITLE_FUNCTION_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by", "from"}


def is_title_of_work(span: Span) -> bool:
    """'on CBS's "Face the Nation,"', 'his book "Make Your Kid a Millionaire"': words in Title Case inside a
    sentence that is not (a headline writes every quote in Title Case) name a show, a book or a bill."""
    words = [t for t in span if t.is_alpha]
    if len(words) < 2 or any(t.lower_ not in TITLE_FUNCTION_WORDS and not t.text[:1].isupper() for t in words):
        return False
    if not words[-1].text[:1].isupper():
        return False
    around = [t for t in span.sent if t.is_alpha and not (span.start <= t.i < span.end)]
    return bool(around) and sum(1 for t in around if t.text[:1].isupper()) < TITLE_CASE_SHARE * len(around)


def is_cognition(token: Token) -> bool:
    thinking = lexicon("cognition")
    return token.lemma_.lower() in thinking or not base_forms(token.text).isdisjoint(thinking)


def token_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering doc.text[start:end], or None when only whitespace lies there."""
    return doc.char_span(start, end, alignment_mode="expand")


def content_tokens(doc: Doc, quoted: Quoted) -> Span | None:
    span = token_span(doc, quoted.start, quoted.end)
    if span is None:
        return None
    # drop mark tokens the expansion may have caught at either edge
    words = [t for t in span if not (t.is_quote and t.idx < quoted.start or t.idx >= quoted.end)]
    return doc[words[0].i : words[-1].i + 1] if words else None


def _word_count(span: Span) -> int:
    return sum(1 for t in span if not (t.is_punct or t.is_space))


def _before(doc: Doc, quoted: Quoted) -> Token | None:
    """The nearest non-space token before the opening mark."""
    i = doc.char_span(quoted.open_char, quoted.open_char + 1, alignment_mode="expand")
    j = i.start - 1 if i is not None else -1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return doc[j] if j >= 0 else None


def _after(doc: Doc, quoted: Quoted) -> Token | None:
    """The nearest non-space token after the closing mark."""
    if not quoted.balanced:
        return None
    i = doc.char_span(quoted.close_char, quoted.close_char + 1, alignment_mode="expand")
    j = i.end if i is not None else len(doc)
    while j < len(doc) and doc[j].is_space:
        j += 1
    return doc[j] if j < len(doc) else None


def _starts_clause(doc: Doc, quoted: Quoted) -> bool:
    """The quote opens a sentence or follows a cue or linking punctuation ('she said: "...'): direct."""
    before = _before(doc, quoted)
    if before is None or before.is_sent_end or "\n" in text_of(doc)[before.idx + len(before) : quoted.open_char]:
        return True
    return (
        before.text in LINKING_PUNCT
        or before.is_quote
        or before.is_bracket
        or is_cue(before)
        or (before.text in {".", "!", "?", "…"})
    )


def _ends_clause(doc: Doc, quoted: Quoted) -> bool:
    """The quote is followed by the end of the sentence, linking punctuation or the attribution."""
    after = _after(doc, quoted)
    if after is None or "\n" in text_of(doc)[quoted.close_char : after.idx] or after.is_sent_start:
        return True
    if after.is_punct and after.text not in {"(", "["}:
        return True
    if text_of(doc)[quoted.start : quoted.end].rstrip()[-1:] in {".", "!", "?", "…"}:
        return True  # the quote ends its sentence inside the marks
    if after.lower_ in SUBORDINATORS and text_of(doc)[quoted.start : quoted.end].rstrip()[-1:] == ",":
        return True  # '"We will never close it," when the council asked': a whole clause, then the writer's
    return _trailing_cue(doc, quoted) is not None


def quoted_candidates(doc: Doc) -> Iterator[Candidate]:
    """Direct and mixed candidates from quotation-mark pairs, in text order."""
    for quoted in quoted_pairs(doc):
        span = content_tokens(doc, quoted)
        if span is None or _word_count(span) == 0:
            continue
        full_clause = _starts_clause(doc, quoted) and _ends_clause(doc, quoted)
        yield Candidate(quoted.start, quoted.end, "direct" if full_clause else "mixed", span, marks=[quoted])


def governing_cue(span: Span) -> Token | None:
    """The verb of saying whose complement holds ``span`` (a partial quote inside the writer's sentence).

    Climbs from the span's root through its ancestors; a cue reached through its subject does not count
    ('"Weak" safeguards were criticised' is not a quote by whoever criticised). A cue attached to an
    ancestor as parataxis ("..., a 'rights-respecting' way, Ashton-Hart said") counts too.
    """
    node = root_of(span)
    previous = None
    for _ in range(MAX_CUE_CLIMB):
        outside = not span.start <= node.i < span.end
        if outside and is_cue(node) and not (previous is not None and schemes.is_subject(previous)):
            return node
        for child in doc_index(node.doc).paratactic_cues(node.i):
            if child != previous and not span.start <= child.i < span.end:
                return child
        if node.head == node:  # the sentence's root
            break
        previous, node = node, node.head
    return None


COMPLEMENTISERS = {"that", "whether", "if"}
CONJUNCTIONS = {"and", "but", "or"}


def statement_of(candidate: Candidate, cue: Token) -> Span:
    """The statement a cue governs around a partial quote, the quoted words inside it.

    'Trump said the election was "rigged"' -> 'the election was "rigged"': the cue's complement on the
    path up from the quote; with the object when that complement is a predicate or phrase of it ('called
    the plan "reckless"', 'described X as "Y"', 'urged X to "Y"'). A cue hung on the statement as
    parataxis ('..., a "rights-respecting" way, Ashton-Hart said') takes the clause without the
    attribution. A cue the parse does not link keeps the quoted words alone. Linear in the depth of the
    tree: no scan of the sentence.
    """
    span = candidate.content
    doc = span.doc
    node, child = span.root, None
    for _ in range(len(span.sent) + 1):
        if node.head == cue and node != cue:
            child = node
            break
        if node.head == node:
            break
        node = node.head
    if child is not None:
        # coordinated clauses are statements of their own: 'said X was "A", but that Y was "B"'
        clause = next((n for n in (span.root, *span.root.ancestors) if n == child or _is_own_clause(n)), child)
        start, end = clause.left_edge.i, clause.right_edge.i + 1
        for other in clause.children:
            if _is_own_clause(other) and other.i >= span.end:
                end = min(end, other.left_edge.i)
        predicate = not (schemes.is_conjunct(child) or schemes.dep(child) in {"ccomp", "csubj", "parataxis"})
        if clause == child and predicate and child.i > cue.i:
            objects = [c for c in cue.children if schemes.is_object(c) and cue.i < c.i < child.i]
            if objects:
                start = min(start, objects[0].left_edge.i)
    else:
        holder = next((a for a in (span.root, *span.root.ancestors) if cue in a.children), None)
        if holder is None or not schemes.is_parataxis(cue):
            return span
        start, end = holder.left_edge.i, holder.right_edge.i + 1
        if cue.left_edge.i > span.end:
            end = cue.left_edge.i
        elif cue.right_edge.i < span.start:
            start = cue.right_edge.i + 1
    start, end = min(start, span.start), max(end, span.end)
    words = [t for t in doc[start:end] if not t.is_space]
    leading = COMPLEMENTISERS | CONJUNCTIONS
    while words and (words[0].lower_ in leading or words[0].is_punct) and words[0].i < span.start:
        words = words[1:]  # "said that ...", "but that ...": the complementiser is not part of what was said
    words = _trim_punct(words)
    while words and words[-1].lower_ in CONJUNCTIONS and words[-1].i >= span.end:
        words = _trim_punct(words[:-1])  # the conjunction before a clause of its own
    return doc[words[0].i : words[-1].i + 1] if words else span


def _is_own_clause(token: Token) -> bool:
    """A conjunct that is a clause of its own: it has its own subject or its own "that"."""
    return schemes.is_conjunct(token) and any(
        schemes.is_subject(c) or (schemes.is_marker(c) and c.lower_ in COMPLEMENTISERS) for c in token.children
    )


def as_statement(candidate: Candidate, cue: Token) -> None:
    """Widen a mixed candidate to the statement its cue governs (``statement_of``), marks kept whole."""
    statement = statement_of(candidate, cue)
    start, end = statement[0].idx, _end_char(statement)
    first, last = candidate.marks[0], candidate.marks[-1]
    if start >= first.start and end <= last.end:
        return  # the statement is the quoted words themselves
    if first.start <= start <= first.end:
        start = first.open_char  # the statement opens with the quote: its opening mark goes with it
    if last.start <= end <= last.end and last.balanced:
        end = last.close_char + 1
    candidate.start, candidate.end = min(start, candidate.start), max(end, candidate.end)
    content = candidate.content
    candidate.content = content.doc[min(statement.start, content.start) : max(statement.end, content.end)]


def sentence_cue(span: Span) -> Token | None:
    """A weaker link for a partial quote the parse does not connect to a cue: "according to" in its
    sentence, else the nearest verb of saying in its sentence that stands outside any quotation marks."""
    sent = sentence_of(span[0])
    for according, _ in according_to(sent):
        return according
    cues = doc_index(span.doc).outside_cues()
    # the nearest cue on each side of the quote, within the sentence
    left = bisect_left(cues, span.start) - 1
    right = bisect_left(cues, span.end)
    nearest = [span.doc[cues[left]]] if left >= 0 and cues[left] >= sent.start else []
    if right < len(cues) and cues[right] < sent.end:
        nearest.append(span.doc[cues[right]])
    return min(nearest, key=lambda t: abs(t.i - root_of(span).i), default=None)


# words that open a subordinate clause after a quote; "as" is not one of them ('"...," as Lopez put it')
SUBORDINATORS = {"when", "while", "because", "after", "before", "if", "although", "though", "since", "until", "unless"}
# the speaker phrase between a closing mark and its cue: 'Sen. Claire McCaskill (D-Mo.), a member of the panel, said'
MAX_TRAILING_WORDS = 10
MAX_TRAILING_TOKENS = 24


def _trailing_cue(doc: Doc, quoted: Quoted) -> Token | None:
    """The cue of an attribution right after the closing mark: '"...," she said' / '"...," said Lopez' /
    '"..." Lopez told Reuters'. The words decide, not the parser's sentence split, which often falls
    inside the attribution."""
    after = _after(doc, quoted)
    if after is None or "\n" in text_of(doc)[quoted.close_char : after.idx]:
        return None
    i = after.i + (1 if after.is_punct else 0)
    words, depth = 0, 0
    # a quote that ends its sentence inside the marks ('...States.'' Facing the prospect, many ...') is
    # followed by a short attribution or by the next sentence: a comma after it starts a new sentence
    ends_sentence = text_of(doc)[quoted.start : quoted.end].rstrip()[-1:] in {".", "!", "?"}
    if i < len(doc) and doc[i].lower_ in SUBORDINATORS:
        return None  # '"That makes me smart," when Clinton blasted him': a clause of time, not an attribution
    for token in doc[i : min(i + MAX_TRAILING_TOKENS, len(doc))]:
        if (
            token.is_quote
            or token.text in {".", "!", "?"}
            or "\n" in token.text
            or (ends_sentence and token.text == ",")
        ):
            break
        if is_cue(token):
            return token
        depth += token.text in {"(", "["}
        depth -= depth > 0 and token.text in {")", "]"}
        # a party tag or a role in brackets does not lengthen the speaker phrase: "Sen. Lee (R-Utah) said"
        words += not depth and not token.is_punct
        if words > MAX_TRAILING_WORDS:
            break
    return None


def adjacent_cue(doc: Doc, candidate: Candidate) -> tuple[Token, str] | None:
    """The cue of a direct quote and the rule that found it: in the attribution clause after it, before it,
    or linked in the parse."""
    quoted = candidate.marks[-1]
    first = candidate.marks[0]
    cue = _trailing_cue(doc, quoted) if rules.on("trailing_said") else None
    if cue is not None:
        return cue, "trailing_said"
    # leading: 'Lopez said: "..."' / 'Lopez said, "..."' / 'Lopez said "..."'
    before = _before(doc, first)
    if (
        rules.on("leading_said")
        and before is not None
        and "\n" not in text_of(doc)[before.idx : first.open_char]
        and before.text not in {".", "!", "?", "…"}  # a new sentence opens with the quote: no leading cue
    ):
        i = before.i - (1 if before.text in LINKING_PUNCT else 0)
        # the sentence of the words before the mark: parsers often start a new sentence at the mark itself
        sent_start = sentence_of(doc[i]).start
        for token in reversed(doc[max(sent_start, i - 8) : i + 1]):
            if token.is_quote or "\n" in token.text:
                break
            if is_cue(token) or schemes.according_to_object(token) is not None:
                return token, "leading_said"  # 'Lopez said: "..."', 'According to Lopez, "..."'
    if rules.on("colon_intro") and before is not None and before.text == ":":
        # 'The minister said in a statement issued late on Tuesday:' ending the sentence or the paragraph before
        cues = doc_index(doc).cue_positions()
        last = bisect_left(cues, before.i) - 1  # the last cue before the colon, in its sentence
        if last >= 0 and cues[last] >= sentence_of(before).start:
            return doc[cues[last]], "colon_intro"
    # linked in the parse: the cue governs the quote, or hangs on it as parataxis
    cue = governing_cue(candidate.content) if rules.on("governing_cue") else None
    if cue is not None:
        return cue, "governing_cue"
    return _punctuation_attribution(doc, first, quoted)


DASHES = {"—", "―", "–", "-", "--"}
CLOSING_MARKS = set("\"”’'»")


def is_dash(token: Token) -> bool:
    """A dash, or a closing mark the tokenizer glued to the dash right after it ('...”― Pamela Padilla')."""
    text = token.text
    return text in DASHES or (len(text) > 1 and text[-1] in DASHES and all(c in CLOSING_MARKS for c in text[:-1]))


def _punctuation_attribution(doc: Doc, first: Quoted, last: Quoted) -> tuple[Token, str] | None:
    """A dash or colon that attributes on its own: '"..." — Maria Lopez' ending its line, or a line
    'Lopez: "..."' (interviews, transcripts). Returns the punctuation token (the name is next to it) and
    the rule."""
    after = _after(doc, last)
    if last.balanced:  # the closing mark and the dash in one token: the dash is that token
        glued = doc.char_span(last.close_char, last.close_char + 1, alignment_mode="expand")
        after = glued[0] if glued is not None and len(glued[0].text) > 1 and is_dash(glued[0]) else after
    if (
        rules.on("dash_name")
        and after is not None
        and is_dash(after)
        and after.i + 1 < len(doc)
        and doc[after.i + 1].pos_ == "PROPN"
    ):
        end = after.i + 1
        while end < len(doc) and (doc[end].pos_ == "PROPN" or doc[end].text == "-") and "\n" not in doc[end].text:
            end += 1
        if end == len(doc) or "\n" in doc[end].text or doc[end].is_space or doc[end].text in {",", "."}:
            return after, "dash_name"
    before = _before(doc, first)
    if (
        rules.on("colon_line")
        and before is not None
        and before.text == ":"
        and before.i > 0
        and doc[before.i - 1].pos_ == "PROPN"
    ):
        start = before.i - 1
        while start > 0 and doc[start - 1].pos_ == "PROPN":
            start -= 1
        if start == 0 or "\n" in doc[start - 1].text or doc[start - 1].is_space:
            return before, "colon_line"  # the name is the whole line before the colon
    return None


def according_to(sentence: Span) -> Iterator[tuple[Token, Token]]:
    """(according, X) pairs of "according to X" in a sentence."""
    for token in sentence:
        if token.lower_ == "according":
            source = schemes.according_to_object(token)
            if source is not None:
                yield token, source


def reported_candidates(doc: Doc, taken: list[tuple[int, int]]) -> Iterator[Candidate]:
    """Reported speech with no marks: 'Lopez said (that) ...', '..., Lopez said', 'according to Lopez, ...'.

    Args:
        taken: character ranges already covered by quotes; reported content overlapping them is skipped
            (the quoted part is the quote).
    """
    taken = sorted(taken)
    for sent in doc.sents:
        reports: list[Candidate] = []  # this sentence's reports so far
        for token in sent:
            has_subject = any(schemes.is_subject(c) for c in children_of(token))
            if not is_cue(token) or (token.pos_ != "VERB" and not has_subject):
                continue
            found = reported_content(token)
            if found is None:
                continue
            content, rule = found
            if is_cognition(token) and _has_first_person_subject(token):
                continue
            if _nested_attribution(token):
                continue  # 'Lopez said she believes the plan will fail': one statement, Lopez's
            yield from _unless_nested(
                Candidate(content[0].idx, _end_char(content), "indirect", content, cue=token, rule=rule), reports, taken
            )
        for token in sent:
            # a noun of saying, or one the tagger took for a verb where it stands as a noun ('a Times report that')
            # (not one with a subject of its own: a verb the tagger took for a noun, reported as a verb above)
            nominal = (token.pos_ == "NOUN" or schemes.dep(token) in {"obl", "obj", "nmod", "nsubj", "compound"}) and (
                not _has_subject(token)
            )
            if rules.on("cue_noun") and nominal and token.lemma_.lower() in lexicon("cue_nouns"):
                clause = _noun_content(token)
                if clause is not None:
                    candidate = Candidate(
                        clause[0].idx, _end_char(clause), "indirect", clause, cue=token, rule="cue_noun"
                    )
                    yield from _unless_nested(candidate, reports, taken)
                    continue
                phrase = _noun_phrase_content(token) if rules.on("cue_noun_phrase") else None
                # inside another report it is part of what that one said ('say the president's claims about X
                # are unfounded'), as attribution corpora mark it
                if phrase is not None and not any(r.start <= token.idx < r.end for r in reports):
                    candidate = Candidate(
                        phrase[0].idx, _end_char(phrase), "indirect", phrase, cue=token, rule="cue_noun_phrase"
                    )
                    yield from _unless_nested(candidate, reports, taken)
        for according, source in according_to(sent) if rules.on("according_to") else ():
            phrase_end = max(t.i for t in source.subtree) + 1
            phrase_start = min(according.i, min(t.i for t in source.subtree))
            rest = [t for t in sent if not (phrase_start <= t.i < phrase_end) and not t.is_space]
            words = _trim_punct(rest)
            # "X, according to Y, will Z" splits the content around the attribution: it spans both parts
            if len(words) >= MIN_REPORTED_WORDS:
                span = doc[words[0].i : words[-1].i + 1]
                candidate = Candidate(
                    span[0].idx, _end_char(span), "indirect", span, cue=according, rule="according_to"
                )
                candidate.cue_is_according = True
                yield from _unless_taken(candidate, taken)


def _unless_nested(candidate: Candidate, reports: list[Candidate], taken: list[tuple[int, int]]) -> Iterator[Candidate]:
    """``candidate`` unless it is a thought inside one of ``reports`` (found before in its sentence: 'told the
    crowd that she believes ...' is one statement, the outer one, as attribution corpora mark it) or it
    overlaps ``taken``; what it yields is added to ``reports``."""
    cue = candidate.cue
    if cue is not None and is_cognition(cue) and any(r.start <= cue.idx < r.end and r.cue != cue for r in reports):
        return
    for found in _unless_taken(candidate, taken):
        reports.append(found)
        yield found


def _nested_attribution(cue: Token) -> bool:
    """The cue stands inside the clause another verb of saying reports ('Lopez said she believes ...')."""
    return _outer_cue(cue) is not None


def _outer_cue(cue: Token) -> Token | None:
    """The verb of saying whose reported clause holds ``cue``, if any."""
    if cue.lower_.endswith("ing"):
        return None  # '..., adding that ...' is a second statement, whatever the parse hung it on
    node = cue
    for _ in range(MAX_NESTING_DEPTH):
        if node.head == node:
            return None
        if schemes.dep(node) in {"ccomp", "parataxis"} or schemes.is_relative_clause(node):
            # only a clausal complement nests ('said she believes'); a relative clause or a cue hung on its
            # content ('..., she said') does not
            outer = node.head
            return outer if schemes.dep(node) == "ccomp" and is_cue(outer) and outer.pos_ == "VERB" else None
        node = node.head
    return None


def outermost_cue(cue: Token) -> Token:
    """The outermost attribution around a cue: 'Trump said Clinton once called the deal "the gold standard"'
    is Trump's statement (the convention of attribution corpora such as PolNeAR: one attribution, the outer
    one, holds a nested report)."""
    for _ in range(MAX_NESTING_DEPTH):
        outer = _outer_cue(cue) or _cue_around_naming(cue)
        if outer is None:
            break
        cue = outer
    return cue


def names_something(cue: Token) -> bool:
    """The cue only names a thing: 'what it calls', 'what he described as' ("what" its object, or the head
    the parse hangs it on as a relative clause)."""
    if cue.head.lower_ == "what" and cue.head.i < cue.i and schemes.is_clause_modifier(cue):
        return True
    return any(c.lower_ == "what" and c.i < cue.i and schemes.is_object(c) for c in children_of(cue))


def _cue_around_naming(cue: Token) -> Token | None:
    """'It denounced what it calls "the biggest attack"', 'urged Americans to see what he called "..."': a
    cue that only names something ("what X calls") inside another report is part of that report, whose
    verb of saying is the one up the tree (reached through no subject)."""
    if not names_something(cue):
        return None
    node, previous = cue.head, cue
    for _ in range(MAX_NESTING_DEPTH):
        if schemes.is_subject(previous) or node == previous:
            return None
        if is_cue(node) and node.pos_ == "VERB":
            return node
        node, previous = node.head, node
    return None


def reported_content(cue: Token) -> tuple[Span, str] | None:
    """The clause a cue reports and the rule that found it: its clausal complement, its object, or the
    clause it ends as an attribution."""
    doc = cue.doc
    content = _medial_attribution_content(cue) if rules.on("medial_attribution") else None
    if content is not None:
        return content, "medial_attribution"
    for child in cue.children if rules.on("reported_clause") else ():
        if schemes.is_complement_clause(child):
            words = [t for t in child.subtree if not t.is_space]
            if words and words[-1].i < cue.i and any(t.text in SENTENCE_END for t in doc[words[-1].i : cue.i]):
                continue  # a sentence before the cue the parse hung on it: not what the cue reports
            # "said that ...": the complementiser is not part of what was said
            while (
                words
                and words[0].lower_ in {"that", "whether", "if"}
                and (words[0].head == child or schemes.is_marker(words[0]) or words[0].i == cue.i + 1)
            ):
                words = words[1:]
            if words and child.i > cue.i:
                words = _run_on(cue, words)
            words = _trim_punct(_before_participle_cue(words))
            # what was said is a clause: a complement headed by a name is a misparse ('said Maria Lopez, ...')
            if len(words) >= MIN_REPORTED_WORDS and (child.pos_ != "PROPN" or _has_subject(child)):
                return doc[words[0].i : words[-1].i + 1], "reported_clause"
        clause = _clause_after_second_subject(cue) or _clause_after_addressee(cue)
        if clause is not None:
            return clause, "reported_clause"
    if rules.on("reported_object"):
        content = _object_and_phrase(cue) or _passive_report(cue)
        if content is None and base_forms(cue.lemma_).isdisjoint(CLAUSE_ONLY_CUES):
            content = _object_content(cue) if base_forms(cue.text).isdisjoint(CLAUSE_ONLY_CUES) else None
        if content is not None:
            return content, "reported_object"
    content = _trailing_attribution_content(cue) if rules.on("trailing_attribution") else None
    return (content, "trailing_attribution") if content is not None else None


# relations by which a parse hangs the rest of a reported clause on its cue: 'said she took the job, prosecuting
# cases ...' (conj), 'said they hoped the move will spur ...' (a second ccomp)
RUN_ON_RELATIONS = {"conj", "ccomp", "advcl", "xcomp"}


def _run_on(cue: Token, words: list[Token]) -> list[Token]:
    """The reported clause with the rest of it that the parse hung on the cue, up to the end of the sentence, a
    quotation, another verb of saying or a clause of its own ('..., and the board agreed')."""
    doc = cue.doc
    end = words[-1].i
    for other in children_of(cue):
        if other.i <= end:
            continue
        if other.is_punct or other.is_space:
            if other.text in SENTENCE_END or other.is_quote or "\n" in other.text:
                break
            continue
        if (
            schemes.dep(other) not in RUN_ON_RELATIONS
            or other.pos_ not in {"VERB", "AUX", "ADJ"}
            or is_cue(other)
            or _has_subject(other)
            or any(schemes.is_coordinator(c) for c in children_of(other))
            or any(
                t.is_quote or "\n" in t.text or t.text in SENTENCE_END for t in doc[end + 1 : other.right_edge.i + 1]
            )
        ):
            break
        end = other.right_edge.i
    return [t for t in doc[words[0].i : end + 1] if not t.is_space] if end > words[-1].i else words


def _before_participle_cue(words: list[Token]) -> list[Token]:
    """'said the plan would fail, adding that ...', '..., citing a report': the participle of saying after a
    comma starts a second statement (found on its own), not a part of the first."""
    for k, token in enumerate(words[1:], 1):
        if words[k - 1].text == "," and token.lower_.endswith("ing") and is_cue(token):
            return words[: k - 1]
    return words


SPEAKER_PHRASE_POS = {"DET", "PRON", "ADJ", "NOUN", "PROPN", "NUM", "PART"}
MAX_SPEAKER_PHRASE = 8  # words between the comma and the cue: "its chief executive Harriet Lowe"
MAX_ATTRIBUTION_TAIL = 8  # words after the cue: "on Tuesday in a statement to parliament"
SENTENCE_END = {".", "!", "?", "…"}


def _has_subject(token: Token) -> bool:
    return any(schemes.is_subject(c) or schemes.is_passive_subject(c) for c in token.children)


def _clause_after_second_subject(cue: Token) -> Span | None:
    """'Smith said the union expected production to improve' parsed with two subjects of 'said': read the
    words, the clause runs from the second subject's phrase, right after the cue, to the end of the sentence."""
    doc = cue.doc
    subjects = [c for c in cue.children if schemes.is_subject(c) and not c.is_space]
    after = [c for c in subjects if c.i > cue.i]
    if not after or len(after) == len(subjects) or after[0].left_edge.i != cue.i + 1:
        # 'Authorities have said officers encountered Scott ...' parsed with "officers" as the object of a
        # verb whose object is never what was said: a finite verb right after it starts the clause
        obj = next((c for c in cue.children if schemes.is_object(c) and c.left_edge.i == cue.i + 1), None)
        said_only = not (base_forms(cue.lemma_) | base_forms(cue.text)).isdisjoint({"say", "add", "write"})
        if obj is None or not said_only or obj.i + 1 >= len(doc) or obj.pos_ not in {"NOUN", "PROPN", "PRON"}:
            return None
        nxt = doc[obj.i + 1]
        if nxt.pos_ not in {"VERB", "AUX"} or nxt.lower_.endswith("ing"):
            return None
        after = [obj]
    sent = sentence_of(cue)
    words = [t for t in doc[after[0].left_edge.i : sent.end] if not t.is_space]
    stop = next((k for k, t in enumerate(words) if t.is_quote or "\n" in t.text), len(words))
    if after[0] not in subjects and stop < len(words) and words[stop].is_quote:
        return None  # read from an object: a quotation inside leaves too little certain (a partial quote)
    words = _trim_punct(words[:stop])
    if len(words) >= MIN_REPORTED_WORDS and any(t.pos_ in {"VERB", "AUX"} for t in words):
        return doc[words[0].i : words[-1].i + 1]
    return None


def _trailing_attribution_content(cue: Token) -> Span | None:
    """'The union will appeal, Lopez said.': everything before the comma that opens a sentence-final
    attribution clause.

    Read from the words, not the parse: parsers hang such a cue on its content in many ways (parataxis in
    UD, ccomp the other way round, a conjunct when they err) and often end the sentence inside it.
    """
    doc = cue.doc
    if not any(schemes.is_subject(c) for c in cue.children):
        return None  # "He left the room, saying nothing": no attribution clause without its own subject
    # after the cue, only a few words and no verb up to the end of the sentence
    end = cue.i + 1
    while end < len(doc) and doc[end].text not in SENTENCE_END and "\n" not in doc[end].text:
        if doc[end].pos_ in {"VERB", "AUX"} or end - cue.i > MAX_ATTRIBUTION_TAIL or doc[end].is_quote:
            return None
        end += 1
    # before the cue, a short speaker phrase and the comma that opens the attribution
    comma = cue.i - 1
    while comma >= 0 and (doc[comma].pos_ in SPEAKER_PHRASE_POS or doc[comma].text in {"-", "'s", "’s"}):
        if cue.i - comma > MAX_SPEAKER_PHRASE:
            return None
        comma -= 1
    if comma < 1 or comma == cue.i - 1 or doc[comma].text not in {",", "—", "–"}:
        return None
    start = comma
    while start > 0 and doc[start - 1].text not in SENTENCE_END and "\n" not in doc[start - 1].text:
        if doc[start - 1].is_quote:
            return None  # a quotation before the attribution is a direct quote, found elsewhere
        start -= 1
    words = _trim_punct([t for t in doc[start:comma] if not t.is_space])
    if len(words) >= MIN_REPORTED_WORDS and any(t.pos_ in {"VERB", "AUX"} for t in words):
        return doc[words[0].i : words[-1].i + 1]
    return None


# words that may stand in the speaker phrase of an attribution clause: "Mr. Obama often says", "she also noted"
MEDIAL_SPEAKER_POS = SPEAKER_PHRASE_POS | {"ADV", "AUX"}


def _medial_attribution_content(cue: Token) -> Span | None:
    """'The museum, Mr. Bush said, celebrated his heroes.', 'As the minister noted, prices have risen.': an
    attribution clause set off by commas inside the sentence it reports. The content is the sentence around
    it (one stretch of text, so it holds the attribution words too); after an opening 'as' clause, the rest.

    Read from the words, as for trailing attributions: parsers hang such a clause on its sentence in many ways.
    """
    doc = cue.doc
    subjects = [c for c in cue.children if schemes.is_subject(c)]
    if not subjects or subjects[0].i > cue.i:
        return None
    sent = sentence_of(cue)
    # before the cue: the speaker phrase (its subject inside it), after 'as' or the comma that opens it
    left = cue.i - 1
    while left >= sent.start and (doc[left].pos_ in MEDIAL_SPEAKER_POS or doc[left].text in {"-", "'s", "’s"}):
        if cue.i - left > MAX_SPEAKER_PHRASE or doc[left].lower_ == "as":
            break
        left -= 1
    opener = doc[left] if left >= sent.start else None
    if opener is None or opener.text not in {",", "as", "As"} or left == cue.i - 1 or subjects[0].i <= left:
        return None
    # after the cue: a short tail with no verb ("on Friday", "in a statement", "me"), up to a comma
    right = cue.i + 1
    while right < sent.end and doc[right].text != ",":
        if doc[right].pos_ in {"VERB", "AUX"} or doc[right].is_quote or right - cue.i > MAX_ATTRIBUTION_TAIL:
            return None
        if doc[right].text in SENTENCE_END or "\n" in doc[right].text:
            return None
        right += 1
    if right >= sent.end:
        return None
    before = [t for t in doc[sent.start : left] if not (t.is_punct or t.is_space)]
    if before:
        start = before[0].i  # 'Prices, as X noted, rose', 'If, as I said, ...': the whole sentence
    elif opener.lower_ == "as":
        start = right + 1  # 'As X noted, prices rose': what follows the clause
    else:
        return None
    words = [t for t in doc[start : sent.end] if not t.is_space]
    stop = next((k for k, t in enumerate(words) if t.is_quote or "\n" in t.text), len(words))
    if stop < len(words) or any(t.is_quote for t in doc[sent.start : start]):
        return None  # quotation marks in the sentence: a quote, found elsewhere
    words = _trim_punct(words)
    after = [t for t in words if t.i > right]
    if len(after) >= MIN_REPORTED_WORDS and any(t.pos_ in {"VERB", "AUX"} for t in after) and _is_run(words):
        return doc[words[0].i : words[-1].i + 1]
    return None


def _noun_content(noun: Token) -> Span | None:
    """The clause a noun of saying reports: "his warning that prices would rise" -> "prices would rise"."""
    doc = noun.doc
    for child in noun.children:
        if not schemes.is_noun_clause(child) or child.i < noun.i:
            continue
        words = [t for t in child.subtree if not t.is_space]
        if not words or words[0].lower_ != "that" or words[0].i != noun.i + 1:
            continue  # only "that" clauses: "the claim that ..." (not "the claim he made")
        if not any((schemes.is_subject(c) or schemes.is_passive_subject(c)) and c != words[0] for c in child.children):
            continue  # "a charge that might have stung": "that" is the subject of a relative clause
        if _lacks_its_object(child):
            continue  # "the claim that he made": "that" is the object of a relative clause
        words = _trim_punct(words[1:])
        if len(words) >= MIN_REPORTED_WORDS and words[-1].i - words[0].i + 1 == len(words):
            return doc[words[0].i : words[-1].i + 1]
    return _that_clause_after(noun)


# what a noun of saying reports besides a "that" clause: the phrase after one of these prepositions ("claims of
# fraud", "his comments on the ruling"), or an infinitive ("a promise to cut taxes"); by lemma of the noun
NOUN_TOPICS: dict[str, frozenset[str]] = {
    "of": frozenset({"claim", "allegation", "accusation", "charge", "warning", "promise", "denial"}),
    "about": frozenset({"claim", "allegation", "comment", "remark", "warning", "complaint", "statement"}),
    "on": frozenset({"comment", "remark", "statement"}),
    "over": frozenset({"comment", "remark", "claim", "allegation"}),
}
INFINITIVE_NOUNS = frozenset({"promise", "pledge", "vow", "threat"})
# where a statement was made, not what about: "comments on its website", "remarks on television"
MEDIA_NOUNS = frozenset({"website", "site", "page", "blog", "television", "tv", "radio", "air", "show", "channel"})


def _noun_phrase_content(noun: Token) -> Span | None:
    """What a noun of saying reports when it governs no clause: the phrase after its preposition ("claims of
    fraud", "her comments on immigration", "remarks about the judge") or its infinitive ("his promise to cut
    taxes"). Only with a speaker, the noun's possessor or its "by"/"from" phrase: a noun of saying with none
    names a topic ("allegations of fraud" in a headline, "the threat of war"), not an attribution. Never a
    time, an amount or a medium ("a statement on Tuesday", "claims of $500", "comments on its website") and
    never a noun that only modifies another ("the comments section", "a claims process")."""
    if schemes.is_modifier_word(noun):
        return None
    said_by = any(schemes.is_possessor(c) for c in children_of(noun)) or any(
        schemes.nominal_dependent(noun, p) is not None for p in ("by", "from")
    )
    if not said_by:
        return None
    lemma = noun.lemma_.lower()
    for preposition, nouns in NOUN_TOPICS.items():
        if lemma not in nouns:
            continue
        topic = schemes.nominal_dependent(noun, preposition)
        if topic is None or topic.i < noun.i:
            continue
        words = [t for t in topic.subtree if not t.is_space and not (schemes.is_case_marker(t) and t.head == topic)]
        if (
            topic.lower_ in lexicon("time_words")
            or any(t.like_num or t.text in "$€£%" for t in words)
            or (topic.ent_type_ and schemes.entity_kind(topic.ent_type_) == "place")
            or topic.pos_ not in {"NOUN", "PROPN"}
            or topic.lemma_.lower() in MEDIA_NOUNS
        ):
            continue
        words = _trim_punct(words)
        if words and _is_run(words):
            return noun.doc[words[0].i : words[-1].i + 1]
    if lemma in INFINITIVE_NOUNS:
        for child in children_of(noun):
            if child.i > noun.i and child.pos_ == "VERB" and any(c.lower_ == "to" for c in child.children):
                words = _trim_punct([t for t in child.subtree if not t.is_space])
                if len(words) >= MIN_REPORTED_WORDS and _is_run(words):
                    return noun.doc[words[0].i : words[-1].i + 1]
    return None


def _that_clause_after(token: Token) -> Span | None:
    """'a report that the firm had lied', 'told the crowd that prices would fall': the "that" clause right
    after ``token``, read from the words wherever the parse hung it (on the verb, on a noun, or elsewhere).
    The "that" must be a complementiser ('a charge that might stick' is a relative clause: "that" is its
    subject; 'the claim that he made' has no object: "that" is it)."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "that" or not schemes.is_marker(doc[token.i + 1]):
        return None
    that = doc[token.i + 1]
    clause = that.head
    if clause.i <= that.i or clause.left_edge.i != that.i or not _has_subject(clause) or _lacks_its_object(clause):
        return None
    words = [t for t in doc[that.i + 1 : clause.right_edge.i + 1] if not t.is_space]
    stop = next((k for k, t in enumerate(words) if t.text in SENTENCE_END or "\n" in t.text), len(words))
    words = _trim_punct(_before_participle_cue(words[:stop]))
    if len(words) >= MIN_REPORTED_WORDS and _is_run(words) and any(t.pos_ in {"VERB", "AUX"} for t in words):
        return doc[words[0].i : words[-1].i + 1]
    return None


# verbs that take an object: with none, the "that" before them is a relative pronoun standing for it ("the claim
# that he made", "the statement that she issued"), not the complementiser of a reported clause
TRANSITIVE_VERBS = {
    "make", "give", "issue", "repeat", "publish", "deliver", "release", "send", "post", "file", "raise", "hear",
    "read", "see", "do", "have", "get", "reject", "deny", "dismiss", "receive", "write", "offer", "withdraw",
    "retract", "accept", "support", "dispute", "echo", "cite", "quote", "tweet", "share", "like", "hold", "put",
}  # fmt: skip


def _lacks_its_object(clause: Token) -> bool:
    """A transitive verb with no object or complement: the clause is relative, its "that" the missing object."""
    if base_forms(clause.lemma_).isdisjoint(TRANSITIVE_VERBS):
        return False
    if any(schemes.is_passive_subject(c) or schemes.is_passive_auxiliary(c) for c in clause.children):
        return False  # "statements that his assets are held in trusts": a passive has no object
    doc = clause.doc
    if clause.i + 1 < len(doc) and doc[clause.i + 1].pos_ == "AUX":
        return True  # "the claim that he made was false": the verb right after is the sentence's, whatever the parse
    return not any(schemes.dep(c) in OBJECT_LABELS or schemes.dep(c) in {"ccomp", "xcomp"} for c in clause.children)


# verbs that report what was said to someone, with that person as object: 'told the crowd that ...'
TELLING_CUES = {"tell", "warn", "assure", "reassure", "inform", "notify", "promise", "advise", "caution", "brief"}


def _clause_after_addressee(cue: Token) -> Span | None:
    """'He told a meeting of island leaders that few people understood ...': the "that" clause after the
    addressee, which parsers often hang on the addressee as a relative clause."""
    forms = base_forms(cue.lemma_) | base_forms(cue.text)
    if forms.isdisjoint(TELLING_CUES):
        return None
    doc = cue.doc
    addressee = next((c for c in children_of(cue) if c.i > cue.i and schemes.dep(c) in OBJECT_LABELS), None)
    if addressee is None:
        return None
    for token in doc[addressee.i : min(addressee.right_edge.i + 1, len(doc))]:
        if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "that" and token.pos_ in {"NOUN", "PROPN", "PRON"}:
            return _that_clause_after(token)
    return None


# verbs of saying whose object is not what was said ("said a word", "told reporters", "added a line")
# and verbs whose object is a thing, not a statement ("offered help", "unveiled a plan", "spoke for an hour",
# "expected a rise", "answered questions", "asserted his rights")
CLAUSE_ONLY_CUES = {
    "say", "tell", "add", "ask", "write", "think", "believe", "feel", "know", "read", "continue",
    "offer", "unveil", "order", "encourage", "document", "assume", "agree", "answer", "expect", "hope",
    "speak", "assert", "cite", "mention", "discuss", "endorse", "fear", "doubt", "suppose", "presume",
    "guess", "reckon", "anticipate", "sing", "message", "email", "broadcast", "detail", "outline", "highlight",
    "specify", "recite", "rule", "instruct", "command", "forbid", "prohibit", "decree", "quote", "recognize",
    "recognise", "submit", "compare", "liken", "publicize", "publicise", "imply", "indicate", "brief", "inform",
    "notify", "relate", "repeat", "echo", "mock", "laugh", "certify", "guarantee", "swear",
    # a noun object of these is kept, counselled, cut off or answered, never said: "maintains a program",
    # "advises the president", "interrupted a discussion"
    "maintain", "advise", "counsel", "interrupt", "respond", "reply", "gasp",
}  # fmt: skip
# "called for X", "complained about X", "warned of X", "spoke out against X": the phrase is the content
TOPIC_PREPOSITIONS = {"for", "about", "of", "against", "on", "over"}


def _says_nothing(cue: Token) -> bool:
    """A passive or a bare participle: "thousands of scammers estimated to be involved" reports nobody's words."""
    # the auxiliary of a coordinated verb stands on the first conjunct: "has criticised X and called for Y"
    finite = cue.head if schemes.is_conjunct(cue) and cue.head.pos_ in {"VERB", "AUX"} else cue
    # a subject of its own makes the verb finite whatever the tagger's morphology says ("the NAACP called for
    # a moratorium" tagged as a participle; "the repeal Trump has called for" parsed as a relative clause)
    own_subject = any(schemes.is_subject(c) for c in cue.children)
    if any(schemes.is_passive_subject(c) or schemes.is_passive_auxiliary(c) for c in cue.children) or (
        not own_subject
        and (
            # a past participle modifying a noun is passive ("a letter signed by ..."); a present one is not
            # ("a letter urging them to reconsider", "a statement announcing the pick")
            (schemes.is_clause_modifier(cue) and not cue.lower_.endswith("ing"))
            or (
                schemes.is_past_participle(cue)
                and not any(schemes.is_auxiliary(c) for c in (*cue.children, *finite.children))
                and not (finite is not cue and not schemes.is_past_participle(finite))
            )
        )
    ):
        return True
    return False


# verbs that report a request or a warning made to someone: the person and what they were asked, together
# ("urged voters to stay home", "told his staff to check the files", "called on the board to resign")
DIRECTIVE_CUES = {
    "urge", "warn", "ask", "tell", "encourage", "advise", "implore", "beg", "entreat", "instruct", "order",
    "command", "caution", "call", "forbid",
}  # fmt: skip
# the phrase that says what someone is charged with or praised for: "accused him of lying", "blamed the
# workers for the losses", "warned voters against complacency"
CHARGE_PREPOSITIONS = {"of", "for", "against"}
OBJECT_LABELS = {"obj", "dobj", "iobj", "dative"}


def _object_and_phrase(cue: Token) -> Span | None:
    """An object with the infinitive or charge that goes with it: "urged voters to stay home", "accused
    him of lying", "criticised the plan for its cost". The parse may hang the phrase on the verb, on the
    object or elsewhere: the words decide (the phrase starts right after the object), the parse only bounds it."""
    doc = cue.doc
    if _says_nothing(cue):
        return None
    forms = base_forms(cue.lemma_) | base_forms(cue.text)
    directive = not forms.isdisjoint(DIRECTIVE_CUES)
    charge = forms.isdisjoint(CLAUSE_ONLY_CUES)
    children = [c for c in cue.children if c.i > cue.i and not c.is_space]
    obj = next((c for c in children if schemes.dep(c) in OBJECT_LABELS), None)
    if obj is None and "call" in forms:  # "called on the board to resign"
        obj = next((c for c in children if schemes.is_oblique(c) and c.left_edge.lower_ == "on"), None)
    if obj is None or obj.left_edge.i <= cue.i:
        return None
    start = obj.left_edge.i + (1 if obj.left_edge.lower_ == "on" else 0)
    end = None
    # "to" inside the object's phrase (parsed as a clause on the object) or right after it
    for t in doc[obj.i + 1 : min(obj.right_edge.i + 2, len(doc))]:
        word = t.lower_
        head = t.head
        if head.i <= t.i or not _descends_from(head, cue):
            continue
        if word == "to" and directive and head.pos_ in {"VERB", "AUX"}:
            end = head.right_edge.i
        elif word in CHARGE_PREPOSITIONS and charge and t.i == obj.right_edge.i + 1:
            end = head.right_edge.i
        if end is not None:
            break
    if end is None:
        return None
    words = _trim_punct([t for t in doc[start : end + 1] if not t.is_space])
    if any(t.lower_ in lexicon("time_words") for t in doc[obj.right_edge.i + 1 : end + 1]):
        return None  # "told the crowd on Monday", "praised the team for the first time": when, not what
    if len(words) >= MIN_REPORTED_WORDS and _is_run(words):
        return doc[words[0].i : words[-1].i + 1]
    return None


# verbs of charge and praise that report in the passive, with what someone is charged with: "was accused of
# lying", "has been criticized for its delays", "has been called a charlatan by fellow doctors"
PASSIVE_REPORTS = {
    "accuse", "blame", "criticize", "criticise", "call", "praise", "condemn", "describe", "label", "brand",
    "dub", "hail", "fault", "slam", "denounce",
}  # fmt: skip


def _passive_report(cue: Token) -> Span | None:
    """The clause of a passive verb of charge or praise, from its subject to the end of what it is charged
    with (the agent's 'by' phrase left out): 'The mayor was accused of misleading the council'."""
    forms = base_forms(cue.lemma_) | base_forms(cue.text)
    if forms.isdisjoint(PASSIVE_REPORTS):
        return None
    # "who's called for tax hikes" is active (the parse took "'s" for "is"): "called" reports in the passive
    # only with what someone is called ("was called a charlatan", "called a liar")
    prepositions = {"as"} if "call" in forms else {"of", "for", "as"}
    children = children_of(cue)
    subject = next((c for c in children if schemes.is_passive_subject(c) and c.i < cue.i), None)
    if subject is None or in_quoted_content(subject):
        return None
    # what the charge or the description is: an "of"/"for"/"as" phrase, or what it is called
    charges = [
        c
        for c in children
        if c.i > cue.i
        and (
            (schemes.is_open_complement(c) and c.left_edge.lower_ != "to")  # "called a liar", not "to wear"
            or (c.left_edge.lower_ in prepositions and (schemes.is_oblique(c) or schemes.is_adverbial_clause(c)))
        )
    ]
    if not charges:
        return None
    end = max(c.right_edge.i for c in charges)
    doc = cue.doc
    words = _trim_punct([t for t in doc[subject.left_edge.i : end + 1] if not t.is_space])
    while words and words[0].lower_ in CONJUNCTIONS:
        words = words[1:]
    if len(words) >= MIN_REPORTED_WORDS and _is_run(words) and not any(t.is_quote for t in words):
        return doc[words[0].i : words[-1].i + 1]
    return None


def _descends_from(token: Token, ancestor: Token) -> bool:
    """``ancestor`` is on the path from ``token`` up to its sentence's root (within a few steps)."""
    node = token
    for _ in range(MAX_NESTING_DEPTH):
        if node == ancestor:
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def _object_content(cue: Token) -> Span | None:
    """What a verb like "deny", "vow" or "call for" reports: its object, its infinitive or its "for" phrase."""
    doc = cue.doc
    if _says_nothing(cue):
        return None  # "thousands of scammers estimated to be involved": passive, nobody says anything
    for child in cue.children:
        infinitive = schemes.is_open_complement(child) and any(
            c.lower_ == "to" and c.i < child.i for c in child.children
        )
        topic = schemes.is_oblique(child) and any(
            c.lower_ in TOPIC_PREPOSITIONS and c.i < child.i for c in child.children
        )
        # "called for cutting the rate", "warned against raising it": a gerund the parse made a clause
        gerund = (
            schemes.is_adverbial_clause(child)
            and child.lower_.endswith("ing")
            and child.left_edge.i == cue.i + 1
            and cue.nbor(1).lower_ in TOPIC_PREPOSITIONS
        )
        target = schemes.is_object(child) or infinitive or topic or gerund
        if not target or child.i < cue.i:
            continue
        words = _trim_punct([t for t in child.subtree if not t.is_space])
        if schemes.is_object(child):
            # "called the charges baseless", "described the plan as reckless": the object and what it is called
            predicate = next((c for c in cue.children if c.i > child.i and _is_secondary_predicate(c)), None)
            if predicate is not None:
                words = _trim_punct([t for t in doc[child.left_edge.i : predicate.right_edge.i + 1] if not t.is_space])
        if topic and any(t.lower_ in lexicon("time_words") for t in words):
            continue  # "announced on the first day of the summit": when, not what
        if words and words[0].lower_ in TOPIC_PREPOSITIONS:
            words = words[1:]
        # the phrase is one run of words (a stray space token inside it does not break it)
        if len(words) >= MIN_REPORTED_WORDS and _is_run(words):
            return doc[words[0].i : words[-1].i + 1]
    return None


def _is_secondary_predicate(token: Token) -> bool:
    """What an object is called: 'called it [a mistake]', 'described it [as reckless]'."""
    if token.left_edge.lower_ == "to":
        return False  # "called the meeting to order", "called them to the stage": not a description
    return schemes.is_open_complement(token) or (
        schemes.is_oblique(token) and any(c.lower_ == "as" and c.i < token.i for c in token.children)
    )


def _is_run(words: list[Token]) -> bool:
    """The words are one stretch of the text (a stray space token inside does not break it)."""
    inside = {t.i for t in words}
    return all(i in inside or words[0].doc[i].is_space for i in range(words[0].i, words[-1].i + 1))


def _has_first_person_subject(cue: Token) -> bool:
    return any(schemes.is_subject(c) and c.lower_ in FIRST_OR_SECOND_PERSON for c in cue.children)


def _trim_punct(words: list[Token]) -> list[Token]:
    while words and (words[0].is_punct or words[0].is_space):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].is_space) and words[-1].text not in {")", "%"}:
        words = words[:-1]
    return words


def _end_char(span: Span) -> int:
    return span[-1].idx + len(span[-1].text)


def _unless_taken(candidate: Candidate, taken: list[tuple[int, int]]) -> Iterator[Candidate]:
    """``candidate`` unless it overlaps a range of ``taken`` (sorted, disjoint: the top-level mark pairs)."""
    k = bisect_right(taken, (candidate.start, float("inf")))
    if k > 0 and taken[k - 1][1] > candidate.start:
        return  # the last range starting at or before the candidate runs into it
    if k < len(taken) and taken[k][0] < candidate.end:
        return  # the next range starts inside it
    yield candidate
