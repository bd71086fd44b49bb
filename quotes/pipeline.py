"""load(model): the one place that knows model names and where the bundled pipeline lives."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import component  # noqa: F401  (registers the factories even without an installed entry point)

BUNDLED = Path(__file__).parent / "model"
BUNDLED_NAME = "en_quotes"


class ModelNotFound(LookupError):
    """The requested spaCy pipeline is not installed and is not a pipeline directory."""


def load(model: str | Path | None = None) -> Language:
    """The spaCy pipeline with the quote components added.

    Args:
        model: None for the bundled English pipeline; else the name of an installed spaCy pipeline
            (``en_core_web_sm``, ``en_core_web_trf``) or the path of a pipeline directory.

    Returns:
        The pipeline, shared between calls with the same argument.

    Raises:
        ModelNotFound: the name is neither an installed package nor a pipeline directory.
    """
    return _load(None if model is None or str(model) == BUNDLED_NAME else str(model))


@cache
def _load(model: str | None) -> Language:
    nlp = _load_spacy(model)
    if "parser" not in nlp.pipe_names:
        raise ModelNotFound(
            f"spaCy pipeline {model!r} has no dependency parser, which quote attribution needs; "
            f"use one that has (the bundled pipeline, the default, does)"
        )
    if "quotes_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("quotes_paragraphs", before="parser")
    if "quotes" not in nlp.pipe_names:
        nlp.add_pipe("quotes", last=True)
    return nlp


def _load_spacy(model: str | None) -> Language:
    if model is None:
        try:
            return spacy.load(BUNDLED)
        except (OSError, ValueError) as err:
            raise ModelNotFound(
                f"the bundled pipeline {BUNDLED_NAME!r} in {BUNDLED} is missing or damaged ({err}): reinstall "
                "quotes, or rebuild it with `bash training/train.sh`"
            ) from err
    try:
        return spacy.load(model)
    except OSError as err:
        raise ModelNotFound(
            f"spaCy pipeline {str(model)!r} is not installed and is not a pipeline directory. Install it "
            f"(python -m spacy download {model}, or pip install its package), pass the path of a "
            f"trained pipeline, or leave the model out to use the bundled English pipeline {BUNDLED_NAME!r}, "
            f"the default."
        ) from err
