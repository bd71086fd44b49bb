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


@pytest.fixture
def break_extraction(monkeypatch):
    """``break_extraction(word)`` breaks the quotes component's attribution on the texts that contain ``word``
    (every text for ``""``): it raises ``RuntimeError("attribution broke")`` there and works on the others."""
    from quotes import component

    real = component.attribute

    def attribute(word: str, doc):
        if word in doc.text:
            raise RuntimeError("attribution broke")
        return real(doc)

    def breaks(word: str) -> None:
        monkeypatch.setattr(component, "attribute", lambda doc: attribute(word, doc))

    return breaks


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    """The folder of sample articles: five outlets' versions of one news story."""
    return DATA


CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# a quiet browser: nothing fetched in the background, no state kept between runs
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Chromium driven by Selenium, once per session; its console log is kept for the tests to read.

    CI installs Debian's chromium and chromium-driver (.ci/run); without them these tests fail, they do not skip.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(f"the browser tests need {CHROMIUM} and {CHROMEDRIVER}: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
