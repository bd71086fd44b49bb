"""PolNeAR gold for the benchmark's error analysis: attributions read from brat files and put in classes.

The classes (quoted, speech, other) follow the shared scorer (``../shared/eval/score_polnear.py``): a Cue is
reported speech when one of its words is one of the scorer's verbs of saying, in any of the forms it lists, or
"according" -- never the extractor's own cue lexicon, so the gold does not move when the extractor's rules do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from _scorer import load_scorer

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
                raise ValueError(f"{path.name}: {tid} offsets do not match the text; is the text the same edition?")
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
            elif ch in SINGLES and open_at is None and not _is_word(before) and (_is_word(after) or after in DOUBLES):
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


def speech_forms() -> frozenset[str]:
    """The verbs of saying in every form that make a Cue reported speech: the shared scorer's list."""
    return frozenset(load_scorer().SPEECH_FORMS)


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
    if "according" in lowered or any(w in speech for w in lowered):
        att.kind = "speech"


def fix_swapped(att: Attribution, speech: frozenset[str]) -> None:
    """Swap Source and Cue when an annotator labelled them the wrong way round (Source "said", Cue a name)."""
    source_words, cue_words = (
        re.findall(r"[A-Za-z]+", att.source_text),
        re.findall(r"[A-Za-z]+", att.cue_text),
    )
    if len(source_words) == 1 and source_words[0].lower() in speech and not any(w.lower() in speech for w in cue_words):
        att.source, att.cue = att.cue, att.source
        att.source_text, att.cue_text = att.cue_text, att.source_text


def read_gold(corpus: Path, limit: int | None) -> list[tuple[str, str, list[Attribution]]]:
    """(article name, text, classified attributions), articles sorted by name."""
    speech = speech_forms()
    articles = []
    for name, path in sorted(annotation_files(corpus).items())[:limit]:
        text = (corpus / "text" / f"{name}.txt").read_text(encoding="utf8")
        atts = read_ann(path, text)
        for att in atts:
            fix_swapped(att, speech)
            classify(att, text, speech)
        articles.append((name, text, atts))
    return articles
