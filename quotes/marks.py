"""Quotation-mark pairing on raw text: every style, apostrophes told apart, unbalanced marks recovered.

Works on the string alone (no spaCy), so offsets are exactly those of the user's text. Pairs are found
paragraph by paragraph; a paragraph that opens a mark and never closes it continues into the next one when
that one reopens (the newspaper convention for quotes that run over paragraphs), and is otherwise closed at
the paragraph's end and flagged as unbalanced instead of spoiling the rest of the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# family -> (marks that can only open, marks that can only close, marks that can do either)
DOUBLE = ("double", "“„«‟〝", "”»〞", '"＂')
SINGLE = ("single", "‘‚‹", "’›", "'")
FAMILIES = (DOUBLE, SINGLE)
OPENERS = "([{—–-/" + "“„«‟〝‘‚‹`"
# elisions that start with an apostrophe and are never opening marks
ELISIONS = re.compile(r"(?i)'(?:\d0s|\d\ds?|em|til|tis|twas|cause|n|round|bout|kay|s)\b")
MAX_SINGLE_CHARS = 1200  # single quotes enclose headlines and British-style quotes, not whole pages
PARAGRAPH = re.compile(r"\n\s*")


@dataclass(frozen=True)
class Quoted:
    """A pair of quotation marks: the content lies in ``text[start:end]``, the marks just outside it."""

    open_char: int  # offset of the opening mark
    start: int  # first character of the content
    end: int  # just past the content
    close_char: int  # offset of the closing mark (== end), or end of paragraph when unbalanced
    family: str
    balanced: bool = True
    paragraphs: int = 1  # how many paragraphs the quote runs over

    def content(self, text: str) -> str:
        return text[self.start : self.end]


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the non-empty lines of ``text``."""
    start = 0
    for match in PARAGRAPH.finditer(text):
        if text[start : match.start()].strip():
            yield start, match.start()
        start = match.end()
    if text[start:].strip():
        yield start, len(text)


def _is_space(ch: str) -> bool:
    return not ch or ch.isspace()


def _can_open(text: str, i: int, width: int = 1) -> bool:
    prev = text[i - 1] if i else ""
    nxt = text[i + width] if i + width < len(text) else ""
    return (_is_space(prev) or prev in OPENERS) and not _is_space(nxt)


def _can_close(text: str, i: int, width: int = 1) -> bool:
    prev = text[i - 1] if i else ""
    nxt = text[i + width] if i + width < len(text) else ""
    return not _is_space(prev) and (_is_space(nxt) or not nxt.isalnum())


def _doubled(text: str, i: int) -> str | None:
    """'``' or "''" starting at i: the typewriter convention for double quotation marks."""
    pair = text[i : i + 2]
    return pair if pair in ("``", "''") and text[i - 1 : i] not in ("`", "'") else None


def _is_apostrophe(text: str, i: int) -> bool:
    """A single mark inside a word (it's, O'Brien), or an elision ('90s, 'em), is no quotation mark."""
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if prev.isalnum() and nxt.isalnum():
        return True
    return bool(ELISIONS.match(text, i)) and (_is_space(prev) or prev in OPENERS)


def _marks(text: str, start: int, end: int, family: tuple[str, str, str, str]) -> Iterator[tuple[int, str]]:
    """Yield (offset, role) for the family's marks in text[start:end]; role is open, close or either."""
    _, opens, closes, either = family
    i = start
    while i < end:
        ch = text[i]
        doubled = _doubled(text, i)
        if doubled:  # ``...'' and ''...'' are double quotation marks, two characters wide
            if family is DOUBLE:
                if doubled == "``":
                    yield i, "open"
                else:
                    yield i, _role(_can_open(text, i, 2), _can_close(text, i, 2))
            i += 2
            continue
        if ch in opens:
            # a left mark typed where a right one belongs ("word“ ") still closes
            yield i, "either" if _can_close(text, i) and not _can_open(text, i) else "open"
        elif ch in closes or ch in either:
            if not (family is SINGLE and _is_apostrophe(text, i)):
                can_open, can_close = _can_open(text, i), _can_close(text, i)
                yield (
                    i,
                    ("either" if can_open and not can_close else "close")
                    if ch in closes
                    else _role(can_open, can_close),
                )
        elif family is SINGLE and ch == "`":  # `...` (a backtick opens; ' ’ or ` closes)
            yield i, "close" if _can_close(text, i) and not _can_open(text, i) else "open"
        i += 1


def _role(can_open: bool, can_close: bool) -> str:
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def _pairs_in(text: str, start: int, end: int, family: tuple[str, str, str, str]) -> tuple[list[Quoted], int | None]:
    """Pair one family's marks within one paragraph; return the pairs and a still-open mark, if any."""
    pairs: list[Quoted] = []
    pending: int | None = None
    for i, role in _marks(text, start, end, family):
        if pending is None:
            if role in ("open", "either"):
                pending = i
        elif role in ("close", "either"):
            if family is SINGLE and i - pending > MAX_SINGLE_CHARS:
                pending = i if role == "either" else None
                continue
            if i > pending + 1:
                pairs.append(Quoted(pending, _after_mark(text, pending), i, i, family[0]))
            pending = None
        else:  # a second opening mark: the first was stray
            pending = i
    return pairs, pending


def _after_mark(text: str, i: int) -> int:
    return i + 2 if _doubled(text, i) else i + 1


def _opens_paragraph(text: str, start: int, family: tuple[str, str, str, str]) -> bool:
    ch = text[start] if start < len(text) else ""
    _, opens, _, either = family
    return ch in opens or ch in either


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quoted(text: str) -> list[Quoted]:
    """All top-level quotation-mark pairs of ``text``, in order; nested pairs are left inside their parent.

    Returns:
        Quoted records whose ``start``/``end`` index ``text`` exactly.
    """
    found: list[Quoted] = []
    for family in FAMILIES:
        carry: tuple[int, int] | None = None  # (open mark offset, paragraphs so far) of a quote running on
        paras = list(paragraphs(text))
        for n, (p_start, p_end) in enumerate(paras):
            pairs, pending = _pairs_in(text, p_start, p_end, family)
            if carry is not None:
                if pairs and pairs[0].open_char == p_start:
                    # the reopened paragraph closed: one quote from the first opening mark
                    first = pairs.pop(0)
                    found.append(
                        Quoted(
                            carry[0],
                            _after_mark(text, carry[0]),
                            first.end,
                            first.close_char,
                            family[0],
                            paragraphs=carry[1] + 1,
                        )
                    )
                    carry = None
                elif pending == p_start and not pairs:
                    carry = (carry[0], carry[1] + 1)
                    continue
                else:
                    carry = None
            found.extend(pairs)
            if pending is not None:
                next_start = paras[n + 1][0] if n + 1 < len(paras) else None
                if next_start is not None and _opens_paragraph(text, next_start, family) and family is DOUBLE:
                    carry = (pending, 1)
                else:
                    start, end = _trim(text, _after_mark(text, pending), p_end)
                    if end - start > 1 and family is DOUBLE:
                        found.append(Quoted(pending, start, end, end, family[0], balanced=False))
        if carry is not None:  # the document ended inside a quote
            start, end = _trim(text, _after_mark(text, carry[0]), len(text))
            found.append(Quoted(carry[0], start, end, end, family[0], balanced=False, paragraphs=carry[1]))
    return _top_level(found)


def _top_level(found: list[Quoted]) -> list[Quoted]:
    """Drop pairs nested inside another pair (a single-quoted title inside a double-quoted quote)."""
    found.sort(key=lambda q: (q.open_char, -q.close_char))
    top: list[Quoted] = []
    for q in found:
        if top and q.open_char < top[-1].close_char:
            continue
        top.append(q)
    return top
