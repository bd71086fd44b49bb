"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from quotes.pipeline import load

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The bundled pipeline, loaded once per session.

    ``quotes.pipeline.load`` caches pipelines by name, so the CLI and the API get this same object.
    """
    return load()


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    """The folder of sample articles: five outlets' versions of one news story."""
    return DATA
