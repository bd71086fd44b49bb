"""The bundled English pipeline: it loads from the package, parses news English, and unknown models fail clearly."""

from __future__ import annotations

import pytest

from quotes import schemes
from quotes.pipeline import ModelNotFound, load

SENTENCE = "UN chief Antonio Guterres said on Saturday that the treaty was only the beginning."


@pytest.fixture(scope="module")
def doc():
    return load()(SENTENCE)


def test_bundled_pipeline_has_every_layer_the_product_needs():
    names = load().pipe_names
    for component in ("tok2vec", "morphologizer", "parser", "ner", "trainable_lemmatizer", "quotes"):
        assert component in names


def test_said_is_the_root_with_guterres_as_subject(doc):
    said = next(t for t in doc if t.text == "said")
    assert schemes.is_root(said)
    (subject,) = [t for t in said.children if schemes.is_subject(t)]
    # UD heads a name by its first word ("Antonio" -flat-> "Guterres"); ClearNLP by its last
    name = [subject] + [t for t in subject.children if schemes.is_name_part(t)]
    assert "Guterres" in {t.text for t in name}


def test_antonio_guterres_is_a_person(doc):
    assert [(e.text, schemes.entity_kind(e.label_)) for e in doc.ents if e.text.endswith("Guterres")] == [
        ("Antonio Guterres", "person")
    ]


def test_the_reported_clause_is_the_clausal_complement(doc):
    said = next(t for t in doc if t.text == "said")
    (complement,) = [t for t in said.children if schemes.is_clausal_complement(t)]
    words = [t for t in complement.subtree if not schemes.is_marker(t)]
    assert doc[words[0].i : words[-1].i + 1].text == "the treaty was only the beginning"


TABLE_0_2_0 = pytest.mark.xfail(
    strict=True,
    reason="0.2.0's table: ORTH keys with Title/UPPER copies, 5,000 of its 80,000 words cut at random; "
    "training/vectors.py's LOWER table fixes it (run ner-3 in training/README.md, not shipped yet)",
)


@pytest.mark.parametrize(
    "word",
    ["Obama", "OBAMA", *(pytest.param(w, marks=TABLE_0_2_0) for w in ("McDonald", "million", "killed"))],
)
def test_a_word_finds_the_glove_vector_of_its_lower_case_form(word):
    # GloVe is lower-cased: every casing of a word must find its row (a LOWER-keyed table written without its
    # key attribute falls back to ORTH and finds nothing for "Obama")
    nlp = load()
    token, lower = nlp.make_doc(word)[0], nlp.make_doc(word.lower())[0]
    assert token.has_vector
    assert (token.vector == lower.vector).all()


def test_lemmas_and_parts_of_speech_are_set(doc):
    said = next(t for t in doc if t.text == "said")
    assert (said.lemma_, said.pos_) == ("say", "VERB")


@pytest.mark.parametrize("name", ["en_core_web_nonexistent", "no/such/pipeline/dir"])
def test_unknown_model_names_the_model_and_the_default(name):
    with pytest.raises(ModelNotFound) as err:
        load(name)
    message = str(err.value)
    assert name in message
    assert "install" in message.lower()
    assert "bundled" in message and "default" in message
