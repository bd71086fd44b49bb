"""Show an article with its quotes, cues and speakers highlighted (displaCy's ``span`` style)."""

from __future__ import annotations

from spacy import displacy
from spacy.tokens import Doc

from .report import COLOURS

SPANS_KEY = "quotes"


def quote_spans(doc: Doc) -> Doc:
    """Copy ``doc._.quotes`` into ``doc.spans["quotes"]``, labelled by kind, cue and speaker (then the name)."""
    spans = []
    for q in doc._.quotes or []:
        content = doc.char_span(q.start_char, q.end_char, label=q.kind.upper(), alignment_mode="expand")
        if content is not None:
            spans.append(content)
        if q.cue is not None:
            spans.append(doc[q.cue.start : q.cue.end])
            spans[-1].label_ = "CUE"
        if q.speaker_mention is not None:
            label = "SPEAKER" if not q.speaker or q.speaker == q.speaker_mention.text else f"SPEAKER: {q.speaker}"
            speaker = doc.char_span(q.speaker_mention.start_char, q.speaker_mention.end_char, label=label)
            if speaker is not None:
                spans.append(speaker)
    doc.spans[SPANS_KEY] = [s for s in spans if s is not None]
    return doc


def render(doc: Doc, *, jupyter: bool | None = None, page: bool = False) -> str | None:
    """Render a processed Doc with quotes (by kind), cues and speakers in colour.

    Args:
        doc: a Doc from ``quotes.load()`` (it needs ``doc._.quotes``).
        jupyter: display inline in a notebook (None: detect), else return HTML.
        page: wrap the HTML in a full page.
    """
    if doc._.quotes is None:
        raise ValueError("this Doc has no quotes: make it with quotes.load()(text) so the quotes component runs")
    quote_spans(doc)
    colours = dict(COLOURS)
    colours.update({s.label_: COLOURS["SPEAKER"] for s in doc.spans[SPANS_KEY] if s.label_.startswith("SPEAKER")})
    options = {"spans_key": SPANS_KEY, "colors": colours}
    return displacy.render(doc, style="span", options=options, jupyter=jupyter, page=page)
