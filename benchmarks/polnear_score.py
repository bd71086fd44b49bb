"""The benchmark's own scoring of quotes against PolNeAR gold: pairing, overlap, speaker agreement, tallies.

The headline numbers come from the shared scorer (``_scorer.run_scorer``); these finer tallies (direct only,
two thresholds, textacy as a baseline) and the error classes (``polnear_errors.py``) sit on top of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from polnear_gold import Attribution, Interval
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

THRESHOLDS = (0.3, 0.8)
SPEAKER_THRESHOLD = 0.3


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
    mentions: list = field(default_factory=list)  # our mention records, for the shared scorer
    shared: dict = field(default_factory=dict)  # the shared scorer's JSON verdict on them
