"""Lexicons kept as data in ``quotes/resources/<name>_<lang>.txt``: one entry per line, ``#`` comments."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def lexicon(name: str, lang: str = "en") -> frozenset[str]:
    """The entries of ``resources/{name}_{lang}.txt``, lower-cased.

    Raises:
        FileNotFoundError: when the package has no such lexicon (say which and where it was looked for).
    """
    resource = files("quotes") / "resources" / f"{name}_{lang}.txt"
    if not resource.is_file():
        raise FileNotFoundError(f"no lexicon {name!r} for language {lang!r}: expected {resource}")
    lines = resource.read_text(encoding="utf8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))
