"""One text folding for every comparison: speaker names (canonical) and quote wordings (merge).

:func:`fold` makes two spellings of the same thing compare equal. It transliterates to ASCII with
`anyascii <https://github.com/anyascii/anyascii>`_ ("António" -> "Antonio", "Søren" -> "Soren",
"Đặng" -> "Dang", "Straße" -> "Strasse", "Путин" -> "Putin"; curly quotation marks and apostrophes to
``"`` and ``'``, dashes to ``-``, no-break spaces to spaces, zero-width spaces to nothing) and lower-cases.
For matching keys and ids only: the tables keep every text as written. No spaCy, no pandas.
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii

__all__ = ["fold"]

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# anyascii writes guillemets as "<<" and ">>", which are not quotation marks
_GUILLEMETS = str.maketrans({"«": '"', "»": '"', "‹": "'", "›": "'"})


def fold(text: str) -> str:
    """ASCII, lower-case form of ``text`` for comparison: "“Søren’s” Straße" -> ``"soren's" strasse``.

    Letters anyascii has no ASCII for stay as written (case-folded), so no word folds to nothing.
    """
    # transliterating is slow, so only the non-ASCII runs (a curly quote, an accented letter) are
    # transliterated, each distinct run once; the rest takes CPython's fast ASCII path
    if not text.isascii():
        text = _NON_ASCII.sub(_ascii_run, text)
    return text.lower()


@functools.lru_cache(maxsize=1 << 16)
def _ascii_of(run: str) -> str:
    ascii_run = anyascii(run.translate(_GUILLEMETS))
    if ascii_run or not any(c.isalpha() for c in run):
        return ascii_run
    return run.casefold()


def _ascii_run(match: re.Match[str]) -> str:
    return _ascii_of(match.group())
