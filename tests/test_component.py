"""The spaCy component: registered for any pipeline, guarded on its input, and never crashing on odd text."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.component import failure_of
from quotes.pipeline import BUNDLED, load

MARKS = list("\"'“”‘’„«»‹›`")


def test_component_can_be_added_by_name_to_a_pipeline_with_a_parser():
    nlp = spacy.load(BUNDLED)
    nlp.add_pipe("quotes")
    doc = nlp('"We will appeal," she said.')
    assert [(q.kind, q.text) for q in doc._.quotes] == [("direct", "We will appeal,")]


def test_component_declares_what_it_reads_and_writes():
    meta = load().get_pipe_meta("quotes")
    assert "token.dep" in meta.requires and "doc._.quotes" in meta.assigns


def test_component_without_a_parse_says_what_is_missing():
    nlp = spacy.blank("en")
    nlp.add_pipe("quotes")
    with pytest.raises(ValueError, match="dependency parse"):
        nlp('"We will appeal," she said.')


def test_component_raises_by_default_when_extraction_fails(break_extraction):
    break_extraction("")
    with pytest.raises(RuntimeError, match="attribution broke"):
        load()('"We will appeal," she said.')


def test_on_error_record_keeps_the_reason_on_the_doc_and_leaves_it_without_quotes(break_extraction):
    nlp = spacy.load(BUNDLED)
    nlp.add_pipe("quotes", config={"on_error": "record"})
    assert nlp.get_pipe_config("quotes")["on_error"] == "record"  # recorded in the pipeline's config.cfg
    break_extraction("")
    doc = nlp('"We will appeal," she said.')
    assert (doc._.quotes, failure_of(doc)) == ([], "RuntimeError: attribution broke")


def test_on_error_can_be_set_for_one_run_and_a_doc_that_works_has_no_failure(break_extraction):
    texts = ['"We will appeal," she said.', '"We will win," he said.']
    break_extraction("appeal")
    docs = list(load().pipe(texts, component_cfg={"quotes": {"on_error": "record"}}))
    assert [failure_of(d) for d in docs] == ["RuntimeError: attribution broke", None]
    assert [[q.text for q in d._.quotes] for d in docs] == [[], ["We will win,"]]


def test_on_error_rejects_an_unknown_mode():
    nlp = spacy.load(BUNDLED)
    with pytest.raises(ValueError, match="on_error must be one of 'raise', 'record'"):
        nlp.add_pipe("quotes", config={"on_error": "ignore"})


@pytest.mark.parametrize(
    "text",
    [
        "The plan failed, but\xa0Shelby said\xa0that it would work.",
        '"It works,"\xa0said\xa0\xa0Lopez\xa0.',
        "Critics said \u2014 \u2014 that it failed.",
    ],
)
def test_odd_whitespace_around_an_attribution_never_raises(text):
    for q in load()(text)._.quotes:
        assert q.speaker_mention is None or q.speaker_mention.text.strip()


@pytest.mark.xfail(
    strict=True,
    reason="the bundled parser 0.2.0 starts a sentence at 'have' after a heading line ('Big companies' / 'have "
    "raised concerns')",
)
def test_paragraph_breaks_start_sentences():
    doc = load()("Tech sector\nBig companies have raised concerns")
    assert [s.text.strip() for s in doc.sents] == ["Tech sector", "Big companies have raised concerns"]


texts = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(MARKS + ["\n", "\n\n", "\xa0", " said ", "she", "Lopez", ".", ",", "\u2014"]),
    ),
    max_size=25,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_gives_quotes_with_offsets_inside_it(text):
    doc = load()(text)
    for q in doc._.quotes:
        assert 0 <= q.start_char <= q.end_char <= len(text)
        assert 0.0 <= q.confidence <= 1.0
        if q.speaker_mention is not None:
            assert 0 <= q.speaker_mention.start_char < q.speaker_mention.end_char <= len(text)
