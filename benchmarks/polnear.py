"""Score quote detection and attribution against PolNeAR (political news attribution relations), with
textacy's ``direct_quotations`` as a baseline on the same parses.

The corpus is read at run time from the shared corpora (``--corpus``); its texts belong to their publishers
and nothing of them is written to the report: only counts.

Gold. One annotation file per article: when several annotators did an article (``NAME_xxxx.ann``), the
file whose name sorts first. Every ``E`` line with a Content is one attribution; ``Content2`` fragments join
the Content; ``Discuss``/``Discard`` remarks are skipped; a Source that is a lone verb of saying with a Cue
that holds none is an annotator's slip and the two are swapped. Each attribution falls in one class:

  - quoted: the Content (or the character just before or after it) holds a double quotation mark
    (" “ ” „ « » ...) or a pair of single marks that open before a word and close after one (‘...’, '...',
    and so the doubled apostrophes some papers write for double marks), so the apostrophes of "Clinton’s"
    or "candidates’" never count. Quoted attributions are direct when
    nothing but punctuation lies outside the marks inside the Content, mixed otherwise. Their gold span
    is the quoted part: the text inside the marks (an unclosed mark runs to the Content's edge).
  - speech: no quotation marks, and a word of the Cue is a verb of saying: its lemma is in
    ``lexicon("cues")`` minus ``lexicon("cognition")``, or the Cue is "according to". Cue words are
    lemmatised by the small rules of ``lemma_candidates`` (irregular past forms, -s/-es/-ies, -ed/-ied,
    -ing, doubled consonants), not by the pipeline, so the gold classes do not move with the model.
  - other: the rest (thoughts, intentions, knowledge, cues that are nouns or phrases such as "has learned"
    or "in a statement"); only the precision of reported speech looks at them.

Spans and overlap. A gold span is a list of character intervals (the quoted parts, or the Content fragments
for reported speech); a predicted span is one interval ``[start_char, end_char)`` (for our split quotes, from
the first content start to the last content end, so the words between the parts count against it). The
overlap of a pair is the number of characters they share. Quotes are paired one to one, greedily by
overlap (largest first), among pairs sharing at least one character. At threshold t:

  - a gold quote is found when its partner covers at least t of it: overlap / len(gold) >= t (recall);
  - a predicted quote is correct when at least t of it lies in its partner: overlap / len(pred) >= t
    (precision).

Reported speech is not paired one to one, because PolNeAR nests attributions (the content of one often
holds another): recall counts the speech attributions that some ``indirect`` quote of ours covers at 30%
(overlap / len(gold)); precision counts our ``indirect`` quotes with 30% of their characters inside some gold
Content of any class. A thought attributed by the annotators ("X believes that ...") is an attribution, so
an indirect quote found there is not a false positive.

Speakers, on quoted attributions found at 30% that have a Source:

  - mention: our speaker mention (textacy: its speaker tokens) shares a character with the Source;
  - name: when the Source is not a pronoun, our resolved speaker shares a word with it; when it is a
    pronoun, our resolved speaker shares a word with some non-pronoun Source of the same article (the
    pronoun was resolved to one of the article's annotated speakers). Words: lower-cased alphabetic words
    of two letters or more that are neither spaCy stop words nor pronouns. textacy does not resolve: its
    speaker text is used as the name.

Errors. Each missed or wrong quote is counted under one category (the first rule that fits, see the dicts
``QUOTED_MISS`` and following); the rules look inside the extractor (``quotes.marks``, ``quotes.find``) to
name the stage that lost it, so they may need updating when those change. textacy raises on a document with
an odd number of quotation marks: such a document counts as no predictions, and the report says how many.

Usage:
  python benchmarks/polnear.py [--corpus ../shared/corpora/polnear-dev] [--model NAME]
                               [--out benchmarks/polnear.md] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from _report import commit  # benchmarks run as scripts: their folder is on sys.path
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

ROOT = Path(__file__).parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))

from quotes.find import base_forms  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpora" / "polnear-dev"
THRESHOLDS = (0.3, 0.8)
SPEAKER_THRESHOLD = 0.3

Interval = tuple[int, int]

# marks that open or close a quote wherever they stand
DOUBLE_OPEN = set("“„«‹〝‟")
DOUBLE_CLOSE = set("”»›〞")
DOUBLE_EITHER = set('"＂')
DOUBLES = DOUBLE_OPEN | DOUBLE_CLOSE | DOUBLE_EITHER
# single marks are also apostrophes: they count only as a pair around words
SINGLE_OPEN = set("‘‚")
SINGLE_CLOSE = set("’")
SINGLE_EITHER = set("'")
SINGLES = SINGLE_OPEN | SINGLE_CLOSE | SINGLE_EITHER
MARKS = DOUBLES | SINGLES
# punctuation that may stand between a content's end and the closing mark the annotator left out
TRAILING = set(".,;:!?…—-")



# ---------------------------------------------------------------------------------------------- gold


@dataclass
class Attribution:
    """One gold attribution: character intervals of its Content, Source and Cue, and its class."""

    content: list[Interval]
    source: list[Interval]
    cue: list[Interval]
    cue_text: str
    source_text: str
    kind: str = "other"  # quoted | speech | other
    quoted_kind: str | None = None  # direct | mixed, for quoted
    quoted: list[Interval] = field(default_factory=list)  # the text inside the marks, for quoted
    closed: bool = True  # every mark of the quoted part found its partner inside the Content


def annotation_files(corpus: Path) -> dict[str, Path]:
    """Article name -> its annotation file; with several annotators, the file whose name sorts first."""
    chosen: dict[str, Path] = {}
    for path in sorted((corpus / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", path.stem)
        chosen.setdefault(name, path)
    return chosen


def read_ann(path: Path, text: str) -> list[Attribution]:
    """The attributions of one brat file, with their offsets checked against the article's text."""
    spans: dict[str, tuple[str, list[Interval]]] = {}
    events: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf8").splitlines():
        if line.startswith("T"):
            tid, middle, surface = line.split("\t", 2)
            label, offsets = middle.split(" ", 1)
            frags = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
            if " ".join(text[a:b] for a, b in frags) != surface:
                raise ValueError(
                    f"{path.name}: {tid} offsets do not match the text; is the text the same edition?"
                )
            spans[tid] = (label, frags)
        elif line.startswith("E"):
            roles: dict[str, list[str]] = {}
            for arg in line.split("\t", 1)[1].split():
                role, tid = arg.split(":")
                # Content2 is a second fragment of the content
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(tid)
            events.append(roles)
        # Discuss/Discard remarks are T lines referenced by no E line; other line types do not occur
    out = []
    for roles in events:
        if "Content" not in roles:
            continue  # an event left unfinished by its annotator

        def frags(role: str, roles: dict[str, list[str]] = roles) -> list[Interval]:
            return sorted(f for tid in roles.get(role, []) for f in spans[tid][1])

        source, cue = frags("Source"), frags("Cue")
        out.append(
            Attribution(
                content=frags("Content"),
                source=source,
                cue=cue,
                cue_text=" ".join(text[a:b] for a, b in cue),
                source_text=" ".join(text[a:b] for a, b in source),
            )
        )
    return out


def _has_double(text: str, frags: list[Interval]) -> bool:
    return any(text[i] in DOUBLES for a, b in frags for i in range(max(0, a - 1), min(len(text), b + 1)))


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def quoted_parts(text: str, frags: list[Interval]) -> tuple[list[Interval], bool]:
    """The intervals inside quotation marks in the content ``frags``, and whether every mark was closed.

    Each fragment is widened to take in a mark just before it and a mark just after it (past trailing
    punctuation), as annotators sometimes leave the marks out. A double mark with no partner runs to the
    fragment's edge (a quote running over paragraphs opens each and closes only the last); a single mark
    counts only when it pairs, so that apostrophes do not.
    """
    parts: list[Interval] = []
    closed = True
    for a, b in frags:
        if a > 0 and text[a - 1] in MARKS:
            a -= 1
        end = b
        while end < len(text) and text[end] in TRAILING:
            end += 1
        if end < len(text) and text[end] in MARKS:
            b = end + 1
        open_at: int | None = None  # content start after an opening mark
        open_double = False
        for i in range(a, b):
            ch = text[i]
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if ch in DOUBLES:
                # a straight mark opens unless a quote is open or it stands before a space or punctuation
                opening = ch in DOUBLE_OPEN or (
                    ch in DOUBLE_EITHER and open_at is None and not (after.isspace() or after in TRAILING)
                )
                if open_at is not None and not opening:
                    parts.append((open_at, i))
                    open_at = None
                elif opening:
                    if open_at is not None:  # a new opening mark: the previous one was never closed
                        parts.append((open_at, i))
                        closed = False
                    open_at, open_double = i + 1, True
                else:  # a closing mark with no opening: the quote began before the fragment
                    parts.append((a, i))
                    closed = False
            elif (
                ch in SINGLES
                and open_at is None
                and not _is_word(before)
                and (_is_word(after) or after in DOUBLES)
            ):
                if ch in SINGLE_OPEN or ch in SINGLE_EITHER:
                    open_at, open_double = i + 1, False
            elif (
                ch in SINGLES
                and open_at is not None
                and not open_double
                and not _is_word(after)
                and not before.isspace()
            ):
                if ch in SINGLE_CLOSE or ch in SINGLE_EITHER:
                    parts.append((open_at, i))
                    open_at = None
        if open_at is not None and open_double:
            parts.append((open_at, b))
            closed = False
    # trim whitespace at the edges of each part
    trimmed = []
    for a, b in parts:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed, closed


def speech_lemmas() -> frozenset[str]:
    from quotes.lexicon import lexicon

    return lexicon("cues") - lexicon("cognition")


def classify(att: Attribution, text: str, speech: frozenset[str]) -> None:
    """Set the class of ``att`` (quoted / speech / other) and, when quoted, its quoted part."""
    parts, closed = quoted_parts(text, att.content)
    if parts and (_has_double(text, att.content) or closed):
        att.kind, att.quoted, att.closed = "quoted", parts, closed
        outside = "".join(
            text[i] for a, b in att.content for i in range(a, b) if not any(pa <= i < pb for pa, pb in parts)
        )
        att.quoted_kind = "mixed" if any(_is_word(ch) for ch in outside) else "direct"
        return
    words = re.findall(r"[A-Za-z]+", att.cue_text)
    lowered = [w.lower() for w in words]
    if "according" in lowered or any(base_forms(w) & speech for w in words):
        att.kind = "speech"


def fix_swapped(att: Attribution, speech: frozenset[str]) -> None:
    """Swap Source and Cue when an annotator labelled them the wrong way round (Source "said", Cue a name)."""
    source_words, cue_words = (
        re.findall(r"[A-Za-z]+", att.source_text),
        re.findall(r"[A-Za-z]+", att.cue_text),
    )
    if (
        len(source_words) == 1
        and base_forms(source_words[0]) & speech
        and not any(base_forms(w) & speech for w in cue_words)
    ):
        att.source, att.cue = att.cue, att.source
        att.source_text, att.cue_text = att.cue_text, att.source_text


def read_gold(corpus: Path, limit: int | None) -> list[tuple[str, str, list[Attribution]]]:
    """(article name, text, classified attributions), articles sorted by name."""
    speech = speech_lemmas()
    articles = []
    for name, path in sorted(annotation_files(corpus).items())[:limit]:
        text = (corpus / "text" / f"{name}.txt").read_text(encoding="utf8")
        atts = read_ann(path, text)
        for att in atts:
            fix_swapped(att, speech)
            classify(att, text, speech)
        articles.append((name, text, atts))
    return articles


# ---------------------------------------------------------------------------------------- predictions


@dataclass
class Predicted:
    """One predicted quote: its content interval, kind, speaker mention interval and resolved name."""

    start: int
    end: int
    kind: str  # direct | mixed | indirect | textacy
    speaker_span: Interval | None = None
    speaker: str | None = None
    cue: str | None = None  # the cue's lemma
    zone: str = "body"
    cue_span: Interval | None = None

    @property
    def interval(self) -> Interval:
        return (self.start, self.end)


def ours(doc: Doc) -> list[Predicted]:
    out = []
    for q in doc._.quotes:
        mention = q.speaker_mention
        out.append(
            Predicted(
                q.start_char,
                q.end_char,
                q.kind,
                (mention.start_char, mention.end_char) if mention is not None else None,
                q.speaker,
                q.cue[0].lemma_.lower() if q.cue is not None else None,
                q.zone,
                (q.cue.start_char, q.cue.end_char) if q.cue is not None else None,
            )
        )
    return out


def textacy_quotes(doc: Doc) -> list[Predicted]:
    """textacy's direct quotations, content without its marks; raises as textacy does."""
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        content = triple.content
        inner = [t for t in content if not t.is_quote] or list(content)
        words = triple.speaker
        out.append(
            Predicted(
                inner[0].idx,
                inner[-1].idx + len(inner[-1]),
                "textacy",
                (words[0].idx, words[-1].idx + len(words[-1])) if words else None,
                " ".join(t.text for t in words) or None,
                triple.cue[0].lemma_.lower() if triple.cue else None,
            )
        )
    return out


# -------------------------------------------------------------------------------------------- scoring


def overlap(frags: Sequence[Interval], interval: Interval) -> int:
    a, b = interval
    return sum(max(0, min(b, y) - max(a, x)) for x, y in frags)


def length(frags: Sequence[Interval]) -> int:
    return sum(b - a for a, b in frags)


def pair(golds: Sequence[list[Interval]], preds: Sequence[Predicted]) -> dict[int, tuple[int, int]]:
    """Gold index -> (pred index, overlap): one to one, greedily by overlap, largest first."""
    cands = sorted(
        ((overlap(g, p.interval), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    out: dict[int, tuple[int, int]] = {}
    used: set[int] = set()
    for ov, gi, pi in cands:
        if ov == 0:
            break
        if gi not in out and pi not in used:
            out[gi] = (pi, ov)
            used.add(pi)
    return out


def words_of(text: str | None) -> set[str]:
    from quotes.lexicon import lexicon

    if not text:
        return set()
    found = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]", text)}
    return found - STOP_WORDS - lexicon("pronouns")


def is_pronoun(text: str) -> bool:
    from quotes.lexicon import lexicon

    return text.strip().lower() in lexicon("pronouns")


def is_name(text: str | None) -> bool:
    """Capitalised and not a pronoun: what a resolved speaker should look like."""
    return bool(text) and text[0].isupper() and not is_pronoun(text) and bool(words_of(text))


@dataclass
class Tally:
    """Counts for one row of the quoted-content table."""

    gold: int = 0
    pred: int = 0
    found: Counter = field(default_factory=Counter)  # threshold -> gold covered
    correct: Counter = field(default_factory=Counter)  # threshold -> predictions inside
    inside_any: Counter = field(default_factory=Counter)  # threshold -> predictions inside some gold quote
    with_source: int = 0  # found at SPEAKER_THRESHOLD, gold has a Source
    mention_ok: int = 0
    name_ok: int = 0

    def prf(self, t: float) -> tuple[float, float, float]:
        p = self.correct[t] / self.pred if self.pred else 0.0
        r = self.found[t] / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_quoted(
    tally: Tally,
    golds: list[Attribution],
    preds: list[Predicted],
    article_names: set[str],
    whole: bool = False,
) -> dict[int, tuple[int, int]]:
    """Add one article to ``tally``; returns the pairing (gold index -> (pred index, overlap)).

    The gold spans are the quoted parts, or with ``whole`` the Content as annotated.
    """
    spans = [g.content if whole else g.quoted for g in golds]
    pairs = pair(spans, preds)
    tally.gold += len(golds)
    tally.pred += len(preds)
    for p in preds:
        for t in THRESHOLDS:
            tally.inside_any[t] += any(overlap(s, p.interval) / (p.end - p.start) >= t for s in spans)
    for gi, (pi, ov) in pairs.items():
        for t in THRESHOLDS:
            tally.found[t] += ov / length(spans[gi]) >= t
            tally.correct[t] += ov / (preds[pi].end - preds[pi].start) >= t
        g, p = golds[gi], preds[pi]
        if ov / length(spans[gi]) >= SPEAKER_THRESHOLD and g.source:
            tally.with_source += 1
            tally.mention_ok += p.speaker_span is not None and overlap(g.source, p.speaker_span) > 0
            tally.name_ok += name_agrees(g, p.speaker, article_names)
    return pairs


def name_agrees(gold: Attribution, speaker: str | None, article_names: set[str]) -> bool:
    """Our name shares a word with the Source, or for a pronoun Source with a named Source of the article."""
    if is_pronoun(gold.source_text):
        return is_name(speaker) and bool(words_of(speaker) & article_names)
    return bool(words_of(speaker) & words_of(gold.source_text))


# --------------------------------------------------------------------------------------------- errors
# Each quote is counted once, under the first rule that fits, in the order of the dicts below. The rules
# look inside the extractor (quotes.marks, quotes.find) to say at which stage a quote was lost.

QUOTED_MISS = {
    "boundary": "paired with one of our quotes that covers under 30% of it (content boundary off)",
    "taken": "overlapped only by one of our quotes already paired with another gold quote (two joined)",
    "marks_doubled": "doubled apostrophes ('' ... '') used as double marks: not paired by quotes.marks",
    "marks_single": "single quotation marks not paired by quotes.marks",
    "marks_double": "double quotation marks not paired by quotes.marks (or nested in another pair)",
    "as_indirect": "found as an indirect quote instead of a quote",
    "mixed_other_sentence": "taken as mixed, dropped for want of a cue: the gold cue is in another sentence",
    "mixed_according": "taken as mixed, dropped for want of a cue: the gold cue is 'according to'",
    "mixed_punct": "taken as mixed, dropped for want of a cue: the gold cue is a colon or dash",
    "mixed_not_lexicon": "taken as mixed, dropped for want of a cue: the gold cue is not in the cue lexicon",
    "mixed_not_linked": "taken as mixed, dropped for want of a cue: a verb of saying in the same sentence, "
    "not reached through the parse",
    "direct_no_cue": "taken as direct, dropped: no cue and under 4 words",
    "dropped": "marks paired but the candidate dropped for another reason",
}
QUOTED_FP = {
    "too_long": "paired, but under 30% of it lies in the gold quote (runs past it)",
    "joins": "paired, and overlaps two or more gold quotes (split quotes joined that gold keeps apart)",
    "piece_direct": "a further part of a gold direct quote already paired with another of our quotes, in "
    "the same paragraph: the parts of a quote interrupted by its attribution clause not joined",
    "piece_paragraphs": "a further part of a gold direct quote already paired with another of our quotes, "
    "in another paragraph: a quote running over paragraphs not joined",
    "piece_mixed": "a further fragment of a gold mixed attribution with several quoted fragments "
    "(granularity: gold has one attribution, we have one quote per fragment)",
    "furniture": "in page furniture (headline-like line), not annotated",
    "other_class": "overlaps a gold attribution that is not classed quoted",
    "in_source_cue": "inside a gold Source or Cue span (a title or name in quotation marks)",
    "short": "fewer than 4 words inside the marks, not annotated (scare quote, title, nickname)",
    "unannotated": "4 words or more, not annotated as an attribution by the chosen annotator",
}
SPEAKER_ERRORS = {
    "no_cue_adjacent": "no cue found and no speaker, although the gold cue is a verb of saying in the same "
    "paragraph (cue search or sentence split failed)",
    "inherited_adjacent": "no cue found, speaker carried over from the quote before, although the gold cue "
    "is a verb of saying in the same paragraph and names someone else",
    "no_cue_punct": "no cue found: the gold cue is a dash or colon (an attribution line, 'Name: ...')",
    "no_cue_not_lexicon": "no cue found: the gold cue is no verb of the cue lexicon",
    "no_cue_far": "no cue found: the gold cue is in another paragraph (a quote continuing a turn); "
    "no speaker, or the wrong one carried over",
    "no_cue_none": "no cue found and the gold has no cue",
    "cue_no_subject_after": "gold cue found, its subject not: the Source follows the cue ('..., said X')",
    "cue_no_subject_before": "gold cue found, its subject not: the Source precedes the cue",
    "other_cue_no_subject": "a cue other than the gold one found, with no subject",
    "other_cue": "speaker mention elsewhere: we took another cue than the gold one (often a cue nested "
    "in the reported clause, 'X said that Y called it \"...\"')",
    "wrong_subject": "speaker mention elsewhere although the cue is the gold one (subject wrong in parse)",
    "name_pronoun_unresolved": "mention right, the Source is a pronoun, our resolved speaker is not a name",
    "name_pronoun_other": "mention right, the Source is a pronoun, resolved to a name of no annotated Source "
    "(a wrong antecedent, or a speaker the annotator named only by the pronoun)",
    "name_wrong": "mention right, but our resolved name shares no word with the Source",
}
REPORTED_MISS = {
    "boundary": "one of our indirect quotes overlaps it but covers under 30%",
    "as_quote": "covered by one of our direct or mixed quotes",
    "according": "an 'according to' attribution not found",
    "no_cue_token": "no word of the gold cue is a verb of saying (a phrase such as 'in remarks to')",
    "cue_not_verb": "the gold cue word is not tagged VERB (nouns of saying such as 'claims', 'warning', "
    "and verbs mistagged as nouns)",
    "cue_not_lexicon": "the gold cue word's pipeline lemma is not in the cue lexicon",
    "nominal": "the gold Content has no finite verb: a noun phrase ('noted the rise', 'called for a vote') "
    "or a gerund; we take clauses only",
    "infinitive": "the gold Content is an infinitive ('vowed to ...', xcomp): we take finite clauses only",
    "other_sentence": "the gold Content is in another sentence than the cue",
    "clause_other_relation": "the gold Content is a finite clause, but the parse attaches it to the cue by "
    "another relation than ccomp/parataxis (obj, advcl, xcomp...), or hangs the cue on it",
    "taken": "cue and clause found, skipped because the clause overlaps quotation marks",
    "other": "cue and clause found, but the content went elsewhere (another cue, or trimmed)",
}
REPORTED_FP = {
    "partial": "overlaps a gold Content, but under 30% of it lies inside",
    "cognition": "no gold attribution there; the cue is a verb of thinking",
    "speech": "no gold attribution there; the cue is a verb of saying",
    "according": "no gold attribution there; 'according to'",
}


def _speech_cue(att: Attribution, speech: frozenset[str]) -> bool:
    words = re.findall(r"[A-Za-z]+", att.cue_text)
    return "according" in att.cue_text.lower() or any(base_forms(w) & speech for w in words)


def _tokens(doc: Doc, frags: list[Interval]) -> list:
    return [t for a, b in frags for t in (doc.char_span(a, b, alignment_mode="expand") or [])]


def quoted_misses(
    doc: Doc,
    golds: list[Attribution],
    quotes_: list[Predicted],
    indirect: list[Predicted],
    pairs: dict[int, tuple[int, int]],
    speech: frozenset[str],
) -> Counter:
    """Why each gold quote not found at 30% was missed (QUOTED_MISS keys); ``pairs`` index ``quotes_``."""
    from quotes.find import governing_cue, quoted_candidates
    from quotes.marks import find_quoted

    out: Counter = Counter()
    text = doc.text
    marks = find_quoted(text)
    candidates = list(quoted_candidates(doc))
    paired = {pi for pi, _ in pairs.values()}
    for gi, g in enumerate(golds):
        span = g.quoted
        if gi in pairs:
            if pairs[gi][1] / length(span) < 0.3:
                out["boundary"] += 1
            continue
        if any(overlap(span, p.interval) for pi, p in enumerate(quotes_) if pi in paired):
            out["taken"] += 1
        elif not any(overlap(span, (m.start, m.end)) for m in marks):
            if any("''" in text[max(0, a - 2) : b + 2] for a, b in g.content):
                out["marks_doubled"] += 1
            else:
                out["marks_double" if _has_double(text, g.content) else "marks_single"] += 1
        elif any(overlap(span, p.interval) / length(span) >= 0.3 for p in indirect):
            out["as_indirect"] += 1
        else:
            cand = next((c for c in candidates if overlap(span, (c.start, c.end))), None)
            if cand is None:
                out["dropped"] += 1
            elif cand.kind == "mixed" and governing_cue(cand.content) is None:
                cue = _tokens(doc, g.cue)
                if "according" in g.cue_text.lower():
                    out["mixed_according"] += 1
                elif cue and all(t.is_punct for t in cue):
                    out["mixed_punct"] += 1
                elif not _speech_cue(g, speech):
                    out["mixed_not_lexicon"] += 1
                elif cue and cue[0].sent != cand.content.sent:
                    out["mixed_other_sentence"] += 1
                else:
                    out["mixed_not_linked"] += 1
            elif cand.kind == "direct":
                out["direct_no_cue"] += 1
            else:
                out["dropped"] += 1
    return out


def quoted_false_positives(
    golds: list[Attribution],
    others: list[Attribution],
    preds: list[Predicted],
    pairs: dict[int, tuple[int, int]],
    text: str,
) -> Counter:
    """Why each of our direct/mixed quotes not correct at 30% is wrong (QUOTED_FP keys)."""
    out: Counter = Counter()
    by_pred = {pi: gi for gi, (pi, _) in pairs.items()}
    for pi, p in enumerate(preds):
        size = p.end - p.start
        hits = [g for g in golds if overlap(g.quoted, p.interval)]
        if pi in by_pred:
            gi = by_pred[pi]
            if overlap(golds[gi].quoted, p.interval) / size < 0.3:
                out["joins" if len(hits) > 1 else "too_long"] += 1
        elif hits:
            gold = hits[0]
            if gold.quoted_kind == "mixed":
                out["piece_mixed"] += 1
            else:
                partner = next((preds[j] for gi, (j, _) in pairs.items() if golds[gi] is gold), None)
                first, second = sorted([partner.interval if partner else p.interval, p.interval])
                out["piece_paragraphs" if "\n" in text[first[1] : second[0]] else "piece_direct"] += 1
        elif p.zone != "body":
            out["furniture"] += 1
        elif any(overlap(g.content, p.interval) / size >= 0.3 for g in others):
            out["other_class"] += 1
        elif any(overlap(g.source + g.cue, p.interval) for g in golds + others):
            out["in_source_cue"] += 1
        elif len(re.findall(r"\w+", text[p.start : p.end])) < 4:
            out["short"] += 1
        else:
            out["unannotated"] += 1
    return out


def _paragraph(text: str, i: int) -> tuple[int, int]:
    return text.rfind("\n", 0, i) + 1, (text.find("\n", i) + 1 or len(text) + 1) - 1


def speaker_errors(
    doc: Doc,
    golds: list[Attribution],
    preds: list[Predicted],
    pairs: dict[int, tuple[int, int]],
    names: set[str],
    speech: frozenset[str],
) -> Counter:
    """Speaker errors on gold quotes found at 30% that have a Source (SPEAKER_ERRORS keys)."""
    out: Counter = Counter()
    text = doc.text
    for gi, (pi, ov) in pairs.items():
        g, p = golds[gi], preds[pi]
        if ov / length(g.quoted) < SPEAKER_THRESHOLD or not g.source:
            continue
        same_cue = p.cue_span is not None and overlap(g.cue, p.cue_span) > 0
        if p.speaker_span is not None and overlap(g.source, p.speaker_span):
            if name_agrees(g, p.speaker, names):
                continue
            if is_pronoun(g.source_text):
                out["name_pronoun_other" if is_name(p.speaker) else "name_pronoun_unresolved"] += 1
            else:
                out["name_wrong"] += 1
        elif p.cue_span is None:  # no cue of our own: no speaker, or one carried over from the quote before
            cue = _tokens(doc, g.cue)
            para = _paragraph(text, g.quoted[0][0])
            if not g.cue:
                out["no_cue_none"] += 1
            elif cue and all(t.is_punct for t in cue):
                out["no_cue_punct"] += 1
            elif not _speech_cue(g, speech):
                out["no_cue_not_lexicon"] += 1
            elif para[0] <= g.cue[0][0] <= para[1]:
                out["inherited_adjacent" if p.speaker_span is not None else "no_cue_adjacent"] += 1
            else:
                out["no_cue_far"] += 1
        elif p.speaker_span is None:
            if not same_cue:
                out["other_cue_no_subject"] += 1
            else:
                out["cue_no_subject_after" if g.source[0][0] > g.cue[0][0] else "cue_no_subject_before"] += 1
        else:
            out["wrong_subject" if same_cue else "other_cue"] += 1
    return out


def reported_misses(
    doc: Doc, golds: list[Attribution], preds: list[Predicted], speech: frozenset[str]
) -> Counter:
    """Why each gold reported-speech attribution not found at 30% was missed (REPORTED_MISS keys)."""
    from quotes.find import is_cue, reported_content

    out: Counter = Counter()
    indirect = [p for p in preds if p.kind == "indirect"]
    quotes_ = [p for p in preds if p.kind != "indirect"]
    taken = [p.interval for p in quotes_]
    for g in golds:
        size = length(g.content)
        if any(overlap(g.content, p.interval) / size >= 0.3 for p in indirect):
            continue
        if any(overlap(g.content, p.interval) for p in indirect):
            out["boundary"] += 1
            continue
        if any(overlap(g.content, p.interval) / size >= 0.3 for p in quotes_):
            out["as_quote"] += 1
            continue
        if "according" in g.cue_text.lower():
            out["according"] += 1
            continue
        words = [t for t in _tokens(doc, g.cue) if base_forms(t.text) & speech]
        if not words:
            out["no_cue_token"] += 1
            continue
        cue = words[-1]
        content = _tokens(doc, g.content[:1])
        root = doc[content[0].i : content[-1].i + 1].root if content else None
        if cue.pos_ != "VERB":
            out["cue_not_verb"] += 1
        elif not is_cue(cue):
            out["cue_not_lexicon"] += 1
        elif (clause := reported_content(cue)) is None:
            if root is None or root.sent != cue.sent:
                out["other_sentence"] += 1
            elif not any("Fin" in t.morph.get("VerbForm") for t in content):
                out["infinitive" if root.head == cue and root.dep_ == "xcomp" else "nominal"] += 1
            else:
                out["clause_other_relation"] += 1
        elif any(a < clause.end_char and clause.start_char < b for a, b in taken):
            out["taken"] += 1
        else:
            out["other"] += 1
    return out


def reported_false_positives(
    everything: list[Attribution], preds: list[Predicted]
) -> tuple[Counter, Counter]:
    """Why each of our indirect quotes outside every gold Content is wrong, and the cue lemmas of those."""
    from quotes.lexicon import lexicon

    out: Counter = Counter()
    lemmas: Counter = Counter()
    for p in preds:
        size = p.end - p.start
        if any(overlap(g.content, p.interval) / size >= 0.3 for g in everything):
            continue
        if any(overlap(g.content, p.interval) for g in everything):
            out["partial"] += 1
            continue
        lemmas[p.cue] += 1
        if p.cue in {"according", "accord"}:
            out["according"] += 1
        elif p.cue in lexicon("cognition"):
            out["cognition"] += 1
        else:
            out["speech"] += 1
    return out, lemmas


# ------------------------------------------------------------------------------------------ the run


ROWS = {
    "ours": "ours, direct + mixed vs gold quoted",
    "ours_direct": "ours, direct only vs gold direct",
    "textacy": "textacy vs gold quoted",
    "textacy_direct": "textacy vs gold direct",
    "ours_whole": "ours, direct + mixed vs gold quoted, whole Content as gold span",
}


@dataclass
class Results:
    articles: int = 0
    gold: Counter = field(default_factory=Counter)
    rows: dict[str, Tally] = field(default_factory=lambda: {key: Tally() for key in ROWS})
    ours_kinds: Counter = field(default_factory=Counter)
    reported: Counter = field(default_factory=Counter)  # gold, found, pred, correct
    textacy: Counter = field(default_factory=Counter)  # odd_marks, failed, quotes
    pronoun: Counter = field(default_factory=Counter)
    errors: dict[str, Counter] = field(default_factory=dict)
    fp_lemmas: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def evaluate(nlp, articles: list[tuple[str, str, list[Attribution]]], log=print) -> Results:
    """Run the pipeline and textacy over the articles and score both against the gold attributions."""
    speech = speech_lemmas()
    res = Results(articles=len(articles))
    res.errors = {
        name: Counter() for name in ("quoted_miss", "quoted_fp", "speaker", "reported_miss", "reported_fp")
    }
    start = time.perf_counter()
    docs = nlp.pipe((text for _, text, _ in articles), batch_size=8)
    for n, ((_, text, atts), doc) in enumerate(zip(articles, docs, strict=True), 1):
        quoted = [a for a in atts if a.kind == "quoted"]
        direct = [a for a in quoted if a.quoted_kind == "direct"]
        others = [a for a in atts if a.kind != "quoted"]
        spoken = [a for a in atts if a.kind == "speech"]
        res.gold.update(a.kind for a in atts)
        res.gold.update(a.quoted_kind for a in quoted)
        names = set().union(
            *(words_of(a.source_text) for a in atts if a.source and not is_pronoun(a.source_text))
        )

        predicted = ours(doc)
        res.ours_kinds.update(p.kind for p in predicted)
        ours_quotes = [p for p in predicted if p.kind in {"direct", "mixed"}]
        indirect = [p for p in predicted if p.kind == "indirect"]
        try:
            baseline = textacy_quotes(doc)
        except ValueError as err:
            res.textacy["odd_marks" if "quotation marks found" in str(err) else "failed"] += 1
            baseline = []
        except Exception:  # noqa: BLE001  (the baseline's failure is one document's zero, not the run's)
            res.textacy["failed"] += 1
            baseline = []
        res.textacy["quotes"] += len(baseline)

        pairs = score_quoted(res.rows["ours"], quoted, ours_quotes, names)
        score_quoted(res.rows["ours_direct"], direct, [p for p in ours_quotes if p.kind == "direct"], names)
        score_quoted(res.rows["textacy"], quoted, baseline, names)
        score_quoted(res.rows["textacy_direct"], direct, baseline, names)
        score_quoted(res.rows["ours_whole"], quoted, ours_quotes, names, whole=True)

        # the number: pronoun Sources of quotes, and what we resolved them to
        for gi, g in enumerate(quoted):
            if not (g.source and is_pronoun(g.source_text)):
                continue
            res.pronoun["gold"] += 1
            if gi in pairs and pairs[gi][1] / length(g.quoted) >= SPEAKER_THRESHOLD:
                speaker = ours_quotes[pairs[gi][0]].speaker
                res.pronoun["found"] += 1
                res.pronoun["name"] += is_name(speaker)
                res.pronoun["pronoun"] += bool(speaker) and is_pronoun(speaker)
                res.pronoun["none"] += not speaker
                res.pronoun["agrees"] += name_agrees(g, speaker, names)

        res.reported["gold"] += len(spoken)
        res.reported["found"] += sum(
            any(overlap(g.content, p.interval) / length(g.content) >= 0.3 for p in indirect) for g in spoken
        )
        res.reported["pred"] += len(indirect)
        res.reported["correct"] += sum(
            any(overlap(g.content, p.interval) / (p.end - p.start) >= 0.3 for g in atts) for p in indirect
        )

        res.errors["quoted_miss"] += quoted_misses(doc, quoted, ours_quotes, indirect, pairs, speech)
        res.errors["quoted_fp"] += quoted_false_positives(quoted, others, ours_quotes, pairs, text)
        res.errors["speaker"] += speaker_errors(doc, quoted, ours_quotes, pairs, names, speech)
        res.errors["reported_miss"] += reported_misses(doc, spoken, predicted, speech)
        fp, lemmas = reported_false_positives(atts, indirect)
        res.errors["reported_fp"] += fp
        res.fp_lemmas += lemmas
        if n % 20 == 0:
            log(f"  {n}/{len(articles)} articles")
    res.seconds = time.perf_counter() - start
    return res


# ------------------------------------------------------------------------------------------ the report


def _pct(num: int, den: int) -> str:
    return f"{num / den:.1%} ({num}/{den})" if den else "-"


def table(res: Results) -> list[str]:
    """The quoted-content table, markdown."""
    head = "| system vs gold | gold | predicted | " + " | ".join(
        f"P@{t:.0%} | R@{t:.0%} | F1@{t:.0%}" for t in THRESHOLDS
    )
    lines = [
        head + " | speaker mention overlaps Source | resolved name agrees |",
        "|---|---:|---:|" + "---:|" * (3 * len(THRESHOLDS)) + "---:|---:|",
    ]
    for key, label in ROWS.items():
        t = res.rows[key]
        cells = [f"{x:.3f}" for th in THRESHOLDS for x in t.prf(th)]
        lines.append(
            f"| {label} | {t.gold} | {t.pred} | {' | '.join(cells)} | "
            f"{_pct(t.mention_ok, t.with_source)} | {_pct(t.name_ok, t.with_source)} |"
        )
    return lines


def _errors(counts: Counter, labels: dict[str, str], total: int, what: str) -> list[str]:
    lines = [f"{what} ({sum(counts.values())} of {total}):", ""]
    for key, n in counts.most_common():
        lines.append(f"- {n} - {labels[key]}")
    return lines + [""]


DEFINITIONS_MD = """\
Definitions are in the docstring of `benchmarks/polnear.py`. In short: gold quoted spans are the text inside
the marks; predicted and gold quotes are paired one to one, greedily by shared characters; recall at t counts
gold quotes whose partner covers at least t of their characters, precision at t counts predictions with at
least t of their characters in their partner. The speaker columns are over gold quotes found at 30% that have
a Source. The last row takes the whole annotated Content as the gold span: mixed quotes then look too short,
since our mixed content is only the quoted fragment."""

REPORTED_MD = """\
Recall: gold attributions with a verb of saying as cue (no quotation marks) whose Content one of our indirect
quotes covers at 30% or more. Precision: our indirect quotes with 30% or more of their characters inside the
Content of any gold attribution, thoughts and intentions included (annotated attributions, so not false
positives). textacy finds no reported speech."""

ERRORS_MD = """\
Three patterns come from how the corpus is written and annotated rather than from the parse:

- Some publishers' articles write double quotation marks as two apostrophes; `quotes.marks` does not take
  them for marks, so those quotes are missed or come out as indirect speech ({doubled} gold quotes).
- PolNeAR makes one attribution of a quote that runs over several mark pairs (split by the cue, or over
  paragraphs) and of a sentence quoting several fragments; we make one quote per pair when the parts are not
  joined, and the second and later parts count as false positives under one-to-one pairing ({pieces} of ours).
- Many reported-speech attributions have a noun phrase for Content (a cue verb with an object); our rules
  report clauses only, so these count as misses ({nominal} of {speech}).

The rest are the extractor's: mixed quotes dropped for want of a governing cue (the gold cue is a verb outside
the lexicon, a colon or dash, in the sentence before, or not reached through the parse), cues next to a direct
quote not found (so no speaker, or the previous quote's speaker carried over), and subjects of the cue not
found. The counts below are for our pipeline at 30% overlap, each quote under the first rule that fits (rules
in `benchmarks/polnear.py`; the stage named is where it was lost)."""


def _snapshot(path: Path | None) -> str:
    """When the pipeline directory's newest file was written: which training snapshot was measured."""
    if path is None or not path.is_dir():
        return ""
    newest = max(p.stat().st_mtime for p in path.rglob("*") if p.is_file())
    return f" (files of {datetime.fromtimestamp(newest, timezone.utc):%Y-%m-%d %H:%M} UTC)"


def report(res: Results, args: argparse.Namespace, model: str, path: Path | None = None) -> str:
    """The results as markdown; ``path`` is the pipeline's directory, when it has one."""
    g, rep, pro, tx = res.gold, res.reported, res.pronoun, res.textacy
    rp = rep["correct"] / rep["pred"] if rep["pred"] else 0.0
    rr = rep["found"] / rep["gold"] if rep["gold"] else 0.0
    rf = 2 * rp * rr / (rp + rr) if rp + rr else 0.0
    ours_row = res.rows["ours"]
    lenient = ", ".join(
        f"{res.rows[k].inside_any[0.3] / res.rows[k].pred:.3f} ({k})"
        for k in ("ours", "textacy")
        if res.rows[k].pred
    )
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(res.ours_kinds.items()))
    failed = f", and failed otherwise on {tx['failed']}" if tx["failed"] else ""
    errors = res.errors
    lines = [
        "# PolNeAR: quotes and speakers",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit()}",
        f"- pipeline: `{model}`{_snapshot(path)}; textacy {_textacy_version()} "
        "`extract.triples.direct_quotations` on the same parses",
        f"- command: `python benchmarks/polnear.py{' ' + ' '.join(args.argv) if args.argv else ''}`",
        f"- corpus: PolNeAR development split, {res.articles} articles, one annotator's file per article "
        f"(the name that sorts first); run time {res.seconds:.0f} s",
        f"- gold attributions: {sum(g[k] for k in ('quoted', 'speech', 'other'))}: quoted {g['quoted']} "
        f"(direct {g['direct']}, mixed {g['mixed']}), reported with a verb of saying {g['speech']}, "
        f"other (thoughts, intentions, nouns and phrases as cues) {g['other']}",
        f"- our quotes: {kinds}; textacy: {tx['quotes']} quotes; it raised on {tx['odd_marks']} of "
        f"{res.articles} articles for an odd number of quotation marks (counted as no quotes){failed}",
        "",
        DEFINITIONS_MD,
        "",
        "## Quoted content (direct and mixed quotes)",
        "",
        *table(res),
        "",
        "Precision with one-to-one pairing counts the second and later parts of a gold quote as errors. "
        "Counting every prediction with 30% of its characters inside some gold quote as correct, precision "
        f"at 30% is {lenient}.",
        "",
        "## Reported speech (no quotation marks)",
        "",
        f"Ours, `indirect` quotes at 30%: precision {rp:.3f} ({rep['correct']}/{rep['pred']}), "
        f"recall {rr:.3f} ({rep['found']}/{rep['gold']}), F1 {rf:.3f}.",
        "",
        REPORTED_MD,
        "",
        "## Pronoun speakers",
        "",
        f"Gold quoted attributions whose Source is a pronoun: {pro['gold']}; found by us at 30%: "
        f"{pro['found']}. Of those, our resolved speaker is a name (capitalised, not a pronoun) for "
        f"{_pct(pro['name'], pro['found'])}, is still a pronoun for {pro['pronoun']}, is missing for "
        f"{pro['none']}; the name shares a word with a named Source of the same article for "
        f"{_pct(pro['agrees'], pro['found'])}.",
        "",
        "## Errors we saw",
        "",
        ERRORS_MD.format(
            doubled=errors["quoted_miss"]["marks_doubled"],
            pieces=sum(n for key, n in errors["quoted_fp"].items() if key.startswith("piece")),
            nominal=errors["reported_miss"]["nominal"],
            speech=rep["gold"],
        ),
        "",
        *_errors(errors["quoted_miss"], QUOTED_MISS, ours_row.gold, "Gold quotes we missed"),
        *_errors(errors["quoted_fp"], QUOTED_FP, ours_row.pred, "Our direct and mixed quotes that are wrong"),
        *_errors(errors["speaker"], SPEAKER_ERRORS, ours_row.with_source, "Speaker errors on quotes found"),
        *_errors(errors["reported_miss"], REPORTED_MISS, rep["gold"], "Reported speech we missed"),
        *_errors(
            errors["reported_fp"], REPORTED_FP, rep["pred"], "Our indirect quotes outside every gold Content"
        ),
        "Cue lemmas of those indirect quotes: "
        + ", ".join(f"{lemma} {n}" for lemma, n in res.fp_lemmas.most_common(12)),
    ]
    return "\n".join(lines) + "\n"


def _textacy_version() -> str:
    try:
        import textacy
    except ImportError:
        return "(not installed)"
    return textacy.__version__


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="the PolNeAR folder (text/, attributions/)"
    )
    parser.add_argument("--model", help="pipeline name or path for quotes.load (default: the bundled one)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "polnear.md")
    parser.add_argument("--limit", type=int, help="only the first N articles, by name")
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    if not (args.corpus / "attributions").is_dir():
        raise SystemExit(
            f"no PolNeAR corpus at {args.corpus}: expected attributions/ and text/ there (--corpus)"
        )

    from quotes.pipeline import load

    articles = read_gold(args.corpus, args.limit)
    print(f"{len(articles)} articles; loading the pipeline", flush=True)
    nlp = load(args.model)
    res = evaluate(nlp, articles)
    path = Path(args.model) if args.model else ROOT / "quotes" / "model"
    text = report(res, args, args.model or "quotes/model (bundled)", path)
    print(text)
    args.out.write_text(text, encoding="utf8")


if __name__ == "__main__":
    main()
