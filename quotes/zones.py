"""Page furniture: the lines of a scraped page that are not the article (headline lists, comment prompts).

Works on the raw text. A quote found on such a line is kept but marked ``furniture`` so users can filter it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .marks import paragraphs

# lines that are page chrome whatever their neighbours
BOILERPLATE = re.compile(
    r"(?i)^\W*(comments?|post a comment|leave a (comment|reply)|also read|read more|read also"
    r"|related( stories| articles)?|recommended|more from|most (read|popular)|share( this)?|advertisement"
    r"|sponsored|sign up|subscribe|follow us"
    r"|click here|trending|latest news|coverage details|bias distribution|factuality|\d+ articles)\b"
)
BULLET_ONLY = re.compile(r"^\s*[-–—•*·|]+\s*$")
SENTENCE_END = re.compile(r"""[.!?…]["'”’»)]*\s*$""")
MAX_HEADLINE_WORDS = 20
MIN_LIST_RUN = 3  # headline-like lines in a row that make a list of other stories


def _headline_like(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= MAX_HEADLINE_WORDS and not SENTENCE_END.search(line)


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the lines that are page furniture.

    Catches boilerplate lines ("Comments", "Also Read: ...", "150 Articles") and runs of at least three
    headline-like lines (short, no sentence-final punctuation), bullets between them allowed.
    """
    lines = list(paragraphs(text))
    furniture: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    headlines = 0

    def close_run() -> None:
        nonlocal run, headlines
        if headlines >= MIN_LIST_RUN:
            furniture.extend(run)
        run, headlines = [], 0

    for start, end in lines:
        line = text[start:end]
        if BOILERPLATE.match(line):
            furniture.append((start, end))
            continue
        if BULLET_ONLY.match(line):
            run.append((start, end))
        elif _headline_like(line):
            run.append((start, end))
            headlines += 1
        else:
            close_run()
    close_run()
    return sorted(furniture)


def zone_of(spans: list[tuple[int, int]], start: int) -> str:
    """``furniture`` when offset ``start`` lies on a furniture line (``spans`` sorted, disjoint), else ``body``."""
    k = bisect_right(spans, (start, float("inf"))) - 1
    return "furniture" if k >= 0 and spans[k][0] <= start < spans[k][1] else "body"
