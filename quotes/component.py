"""The spaCy components and Doc extensions, declared once.

``quotes`` sets ``doc._.quotes``: one ``Quotation`` per quote, with content span, cue, speaker mention,
resolved speaker, kind, confidence and zone. ``quotes_paragraphs`` goes before the parser and starts a
sentence at every line break, so that a headline or a list item never runs into the next paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import rules
from .attribute import attribute
from .confidence import confidence
from .find import forget, text_of
from .records import Mention
from .speakers import resolve_speakers
from .zones import furniture_spans, zone_of

RECORDS_KEY = "quotes.records"  # plain data in doc.user_data, so Docs travel between processes
FAILURE_KEY = "quotes.failure"  # why the extractor failed on this Doc (``on_error="record"`` only)
# what the component does when extraction fails on a Doc: raise (the default, as spaCy's components do), or
# record the failure on the Doc (``failure_of``), leave it without quotes and let the run go on
ON_ERROR = ("raise", "record")


def _quotations(doc: Doc) -> list[Quotation] | None:
    """``doc._.quotes``: the component's records as Quotations with live spans (None before it ran)."""
    records = doc.user_data.get(RECORDS_KEY)
    if records is None:
        return None

    def span(bounds: list[int] | None) -> Span | None:
        return doc[bounds[0] : bounds[1]] if bounds else None

    return [
        Quotation(
            content=doc[r["content"][0] : r["content"][1]],
            start_char=r["start_char"],
            end_char=r["end_char"],
            text=r["text"],
            quoted=r["quoted"],
            quoted_start_char=r["quoted_start_char"],
            quoted_end_char=r["quoted_end_char"],
            kind=r["kind"],
            cue=span(r["cue"]),
            speaker_mention=span(r["speaker_mention"]),
            speaker=r["speaker"],
            speaker_type=r["speaker_type"],
            role=r["role"],
            org=r["org"],
            confidence=r["confidence"],
            zone=r["zone"],
            rule=r["rule"],
            speaker_rule=r["speaker_rule"],
        )
        for r in records
    ]


@dataclass(frozen=True)
class Quotation:
    """One quote found in a Doc. ``start_char``/``end_char`` index ``doc.text``, marks excluded."""

    content: Span
    start_char: int
    end_char: int
    text: str
    quoted: str | None  # the words inside the marks (a mixed quote's fragments joined by " … "); None if none
    quoted_start_char: int | None  # offsets of the quoted words: first fragment's start, last one's end
    quoted_end_char: int | None
    kind: str
    cue: Span | None
    speaker_mention: Span | None
    speaker: str | None
    speaker_type: str
    role: str | None
    org: str | None
    confidence: float
    zone: str
    rule: str  # the rule that found the quote (``quotes.rules.CONTENT_RULES``)
    speaker_rule: str | None  # the rule that found its speaker (``quotes.rules.SPEAKER_RULES``)


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=_quotations)


def _check_on_error(on_error: str) -> str:
    if on_error not in ON_ERROR:
        raise ValueError(f"on_error must be one of {', '.join(map(repr, ON_ERROR))}, not {on_error!r}")
    return on_error


def failure_of(doc: Doc) -> str | None:
    """Why the quotes component failed on ``doc`` (``on_error="record"``), or None when it did not."""
    return doc.user_data.get(FAILURE_KEY)


class QuoteFinder:
    """Finds quotes and their speakers in a parsed Doc.

    Args:
        on_error: ``"raise"`` (default) lets an exception inside extraction end the call, as spaCy's
            components do; ``"record"`` keeps its one-line reason on the Doc (``failure_of(doc)``), leaves the
            Doc without quotes and lets a run over many documents go on. A call can override it:
            ``nlp.pipe(texts, component_cfg={"quotes": {"on_error": "record"}})``.
        disabled_rules: names of rules (``quotes.rules``) that must not fire.
    """

    def __init__(self, nlp: Language, name: str, on_error: str = "raise", disabled_rules: Iterable[str] = ()) -> None:
        self.name = name
        self.on_error = _check_on_error(on_error)
        self.disabled_rules = rules.check(disabled_rules)

    def __call__(self, doc: Doc, on_error: str | None = None) -> Doc:
        if not doc.has_annotation("DEP"):
            raise ValueError(
                f"the '{self.name}' component needs a dependency parse: add it after the parser "
                "(nlp.add_pipe('quotes', last=True)) in a pipeline that has one, e.g. quotes.load()"
            )
        mode = self.on_error if on_error is None else _check_on_error(on_error)
        doc.user_data.pop(FAILURE_KEY, None)
        try:
            doc.user_data[RECORDS_KEY] = self._records(doc)
        except Exception as err:
            if mode == "raise":
                raise
            doc.user_data[RECORDS_KEY] = []
            doc.user_data[FAILURE_KEY] = f"{type(err).__name__}: {err}".splitlines()[0]
        finally:
            forget(doc)
        return doc

    def _records(self, doc: Doc) -> list[dict]:
        with rules.disabled(self.disabled_rules):
            attributed = attribute(doc)
            speakers = resolve_speakers(doc, attributed)
        furniture = furniture_spans(text_of(doc))
        records = []
        for item, who in zip(attributed, speakers, strict=True):
            cand = item.candidate
            speaker_rule = (who.rule or item.speaker_rule) if item.speaker is not None else None
            cue_end = cand.cue.i + (2 if cand.cue_is_according else 1) if cand.cue is not None else None
            records.append(
                {
                    "content": [cand.content.start, cand.content.end],
                    "start_char": cand.start,
                    "end_char": cand.end,
                    "text": cand.text(doc),
                    "quoted": cand.quoted_text(doc) if cand.marks else None,
                    "quoted_start_char": cand.marks[0].start if cand.marks else None,
                    "quoted_end_char": cand.marks[-1].end if cand.marks else None,
                    "kind": cand.kind,
                    "cue": [cand.cue.i, cue_end] if cand.cue is not None else None,
                    "speaker_mention": [item.speaker.start, item.speaker.end] if item.speaker is not None else None,
                    "speaker": who.name,
                    "speaker_type": who.type,
                    "role": who.role,
                    "org": who.org,
                    "confidence": confidence(cand.rule, speaker_rule),
                    "zone": zone_of(furniture, cand.start),
                    "rule": cand.rule,
                    "speaker_rule": speaker_rule,
                }
            )
        return records


@Language.factory(
    "quotes",
    requires=["token.dep", "token.head", "token.lemma", "token.pos", "doc.sents"],
    assigns=["doc._.quotes"],
    default_config={"on_error": "raise", "disabled_rules": []},
)
def make_quotes(nlp: Language, name: str, on_error: str, disabled_rules: list[str]) -> QuoteFinder:
    return QuoteFinder(nlp, name, on_error=on_error, disabled_rules=disabled_rules)


def start_paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break; the parser respects sentence starts set before it."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if token.is_space:
            token.is_sent_start = False  # a line break belongs to the sentence it ends
        elif "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            token.is_sent_start = True
    return doc


@Language.factory("quotes_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str):
    return start_paragraph_sentences


def mentions_of(doc: Doc, doc_id: str, offset: int = 0) -> list[Mention]:
    """The Doc's quotes as Mention records; ``offset`` is added to every character offset."""
    return [
        Mention(
            doc_id=doc_id,
            kind=q.kind,
            quote=q.text,
            start_char=q.start_char + offset,
            end_char=q.end_char + offset,
            quoted=q.quoted,
            quoted_start_char=q.quoted_start_char + offset if q.quoted_start_char is not None else None,
            quoted_end_char=q.quoted_end_char + offset if q.quoted_end_char is not None else None,
            cue=q.cue.text if q.cue is not None else None,
            speaker_mention=q.speaker_mention.text if q.speaker_mention is not None else None,
            speaker_start_char=q.speaker_mention.start_char + offset if q.speaker_mention is not None else None,
            speaker_end_char=q.speaker_mention.end_char + offset if q.speaker_mention is not None else None,
            speaker=q.speaker,
            speaker_role=q.role,
            speaker_org=q.org,
            speaker_type=q.speaker_type,
            confidence=q.confidence,
            zone=q.zone,
            rule=q.rule,
            speaker_rule=q.speaker_rule,
        )
        for q in doc._.quotes or []
    ]
