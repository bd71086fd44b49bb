"""Error classes on top of the scores: why each missed or wrong quote was missed or wrong.

Each quote is counted once, under the first rule that fits, in the order of the dicts below. The rules look
inside the extractor (``quotes.marks``, ``quotes.find``) to say at which stage a quote was lost, so they may
need updating when those change. The gold classes they start from are the shared scorer's.
"""

from __future__ import annotations

import re
from collections import Counter

from polnear_gold import Attribution, Interval, _has_double
from polnear_score import SPEAKER_THRESHOLD, Predicted, is_name, is_pronoun, length, name_agrees, overlap
from spacy.tokens import Doc

QUOTED_MISS = {
    "boundary": "paired with one of our quotes that covers under 30% of it (content boundary off)",
    "taken": "overlapped only by one of our quotes already paired with another gold quote (two joined)",
    "marks_doubled": "doubled apostrophes ('' ... '') used as double marks: not paired by quotes.marks",
    "marks_single": "single quotation marks not paired by quotes.marks",
    "marks_double": "double quotation marks not paired by quotes.marks (or nested in another pair)",
    "as_indirect": "found as an indirect quote instead of a quote",
    "mixed_other_sentence": "taken as mixed, dropped for want of a cue: the gold cue is in another sentence",
    "mixed_according": "taken as mixed, dropped for want of a cue: the gold cue is 'according to'",
    "mixed_punct": "taken as mixed, dropped for want of a cue: the gold cue is a colon or dash",
    "mixed_not_lexicon": "taken as mixed, dropped for want of a cue: the gold cue is not in the cue lexicon",
    "mixed_not_linked": "taken as mixed, dropped for want of a cue: a verb of saying in the same sentence, "
    "not reached through the parse",
    "direct_no_cue": "taken as direct, dropped: no cue and under 4 words",
    "dropped": "marks paired but the candidate dropped for another reason",
}
QUOTED_FP = {
    "too_long": "paired, but under 30% of it lies in the gold quote (runs past it)",
    "joins": "paired, and overlaps two or more gold quotes (split quotes joined that gold keeps apart)",
    "piece_direct": "a further part of a gold direct quote already paired with another of our quotes, in "
    "the same paragraph: the parts of a quote interrupted by its attribution clause not joined",
    "piece_paragraphs": "a further part of a gold direct quote already paired with another of our quotes, "
    "in another paragraph: a quote running over paragraphs not joined",
    "piece_mixed": "a further fragment of a gold mixed attribution with several quoted fragments "
    "(granularity: gold has one attribution, we have one quote per fragment)",
    "furniture": "in page furniture (headline-like line), not annotated",
    "other_class": "overlaps a gold attribution that is not classed quoted",
    "in_source_cue": "inside a gold Source or Cue span (a title or name in quotation marks)",
    "short": "fewer than 4 words inside the marks, not annotated (scare quote, title, nickname)",
    "unannotated": "4 words or more, not annotated as an attribution by the chosen annotator",
}
SPEAKER_ERRORS = {
    "no_cue_adjacent": "no cue found and no speaker, although the gold cue is a verb of saying in the same "
    "paragraph (cue search or sentence split failed)",
    "inherited_adjacent": "no cue found, speaker carried over from the quote before, although the gold cue "
    "is a verb of saying in the same paragraph and names someone else",
    "no_cue_punct": "no cue found: the gold cue is a dash or colon (an attribution line, 'Name: ...')",
    "no_cue_not_lexicon": "no cue found: the gold cue is no verb of the cue lexicon",
    "no_cue_far": "no cue found: the gold cue is in another paragraph (a quote continuing a turn); "
    "no speaker, or the wrong one carried over",
    "no_cue_none": "no cue found and the gold has no cue",
    "cue_no_subject_after": "gold cue found, its subject not: the Source follows the cue ('..., said X')",
    "cue_no_subject_before": "gold cue found, its subject not: the Source precedes the cue",
    "other_cue_no_subject": "a cue other than the gold one found, with no subject",
    "other_cue": "speaker mention elsewhere: we took another cue than the gold one (often a cue nested "
    "in the reported clause, 'X said that Y called it \"...\"')",
    "wrong_subject": "speaker mention elsewhere although the cue is the gold one (subject wrong in parse)",
    "name_pronoun_unresolved": "mention right, the Source is a pronoun, our resolved speaker is not a name",
    "name_pronoun_other": "mention right, the Source is a pronoun, resolved to a name of no annotated Source "
    "(a wrong antecedent, or a speaker the annotator named only by the pronoun)",
    "name_wrong": "mention right, but our resolved name shares no word with the Source",
}
REPORTED_MISS = {
    "boundary": "one of our indirect quotes overlaps it but covers under 30%",
    "as_quote": "covered by one of our direct or mixed quotes",
    "according": "an 'according to' attribution not found",
    "no_cue_token": "no word of the gold cue is a verb of saying (a phrase such as 'in remarks to')",
    "cue_not_verb": "the gold cue word is not tagged VERB (nouns of saying such as 'claims', 'warning', "
    "and verbs mistagged as nouns)",
    "cue_not_lexicon": "the gold cue word's pipeline lemma is not in the cue lexicon",
    "nominal": "the gold Content has no finite verb: a noun phrase ('noted the rise', 'called for a vote') "
    "or a gerund, and our rules find no object, infinitive or topic of the cue (not attached in the parse)",
    "infinitive": "the gold Content is an infinitive ('vowed to ...', xcomp) our rules do not find",
    "other_sentence": "the gold Content is in another sentence than the cue",
    "clause_other_relation": "the gold Content is a finite clause, but the parse attaches it to the cue by "
    "another relation than ccomp/parataxis (obj, advcl, xcomp...), or hangs the cue on it",
    "taken": "cue and clause found, skipped because the clause overlaps quotation marks",
    "other": "cue and clause found, but the content went elsewhere (another cue, or trimmed)",
}
REPORTED_FP = {
    "partial": "overlaps a gold Content, but under 30% of it lies inside",
    "cognition": "no gold attribution there; the cue is a verb of thinking",
    "speech": "no gold attribution there; the cue is a verb of saying",
    "according": "no gold attribution there; 'according to'",
}


def _speech_cue(att: Attribution, speech: frozenset[str]) -> bool:
    words = re.findall(r"[A-Za-z]+", att.cue_text)
    return "according" in att.cue_text.lower() or any(w.lower() in speech for w in words)


def _tokens(doc: Doc, frags: list[Interval]) -> list:
    return [t for a, b in frags for t in (doc.char_span(a, b, alignment_mode="expand") or [])]


def quoted_misses(
    doc: Doc,
    golds: list[Attribution],
    quotes_: list[Predicted],
    indirect: list[Predicted],
    pairs: dict[int, tuple[int, int]],
    speech: frozenset[str],
) -> Counter:
    """Why each gold quote not found at 30% was missed (QUOTED_MISS keys); ``pairs`` index ``quotes_``."""
    from quotes.find import governing_cue, quoted_candidates
    from quotes.marks import find_quoted

    out: Counter = Counter()
    text = doc.text
    marks = find_quoted(text)
    candidates = list(quoted_candidates(doc))
    paired = {pi for pi, _ in pairs.values()}
    for gi, g in enumerate(golds):
        span = g.quoted
        if gi in pairs:
            if pairs[gi][1] / length(span) < 0.3:
                out["boundary"] += 1
            continue
        if any(overlap(span, p.interval) for pi, p in enumerate(quotes_) if pi in paired):
            out["taken"] += 1
        elif not any(overlap(span, (m.start, m.end)) for m in marks):
            if any("''" in text[max(0, a - 2) : b + 2] for a, b in g.content):
                out["marks_doubled"] += 1
            else:
                out["marks_double" if _has_double(text, g.content) else "marks_single"] += 1
        elif any(overlap(span, p.interval) / length(span) >= 0.3 for p in indirect):
            out["as_indirect"] += 1
        else:
            cand = next((c for c in candidates if overlap(span, (c.start, c.end))), None)
            if cand is None:
                out["dropped"] += 1
            elif cand.kind == "mixed" and governing_cue(cand.content) is None:
                cue = _tokens(doc, g.cue)
                if "according" in g.cue_text.lower():
                    out["mixed_according"] += 1
                elif cue and all(t.is_punct for t in cue):
                    out["mixed_punct"] += 1
                elif not _speech_cue(g, speech):
                    out["mixed_not_lexicon"] += 1
                elif cue and cue[0].sent != cand.content.sent:
                    out["mixed_other_sentence"] += 1
                else:
                    out["mixed_not_linked"] += 1
            elif cand.kind == "direct":
                out["direct_no_cue"] += 1
            else:
                out["dropped"] += 1
    return out


def quoted_false_positives(
    golds: list[Attribution],
    others: list[Attribution],
    preds: list[Predicted],
    pairs: dict[int, tuple[int, int]],
    text: str,
) -> Counter:
    """Why each of our direct/mixed quotes not correct at 30% is wrong (QUOTED_FP keys)."""
    out: Counter = Counter()
    by_pred = {pi: gi for gi, (pi, _) in pairs.items()}
    for pi, p in enumerate(preds):
        size = p.end - p.start
        hits = [g for g in golds if overlap(g.quoted, p.interval)]
        if pi in by_pred:
            gi = by_pred[pi]
            if overlap(golds[gi].quoted, p.interval) / size < 0.3:
                out["joins" if len(hits) > 1 else "too_long"] += 1
        elif hits:
            gold = hits[0]
            if gold.quoted_kind == "mixed":
                out["piece_mixed"] += 1
            else:
                partner = next((preds[j] for gi, (j, _) in pairs.items() if golds[gi] is gold), None)
                first, second = sorted([partner.interval if partner else p.interval, p.interval])
                out["piece_paragraphs" if "\n" in text[first[1] : second[0]] else "piece_direct"] += 1
        elif p.zone != "body":
            out["furniture"] += 1
        elif any(overlap(g.content, p.interval) / size >= 0.3 for g in others):
            out["other_class"] += 1
        elif any(overlap(g.source + g.cue, p.interval) for g in golds + others):
            out["in_source_cue"] += 1
        elif len(re.findall(r"\w+", text[p.start : p.end])) < 4:
            out["short"] += 1
        else:
            out["unannotated"] += 1
    return out


def _paragraph(text: str, i: int) -> tuple[int, int]:
    return text.rfind("\n", 0, i) + 1, (text.find("\n", i) + 1 or len(text) + 1) - 1


def speaker_errors(
    doc: Doc,
    golds: list[Attribution],
    preds: list[Predicted],
    pairs: dict[int, tuple[int, int]],
    names: set[str],
    speech: frozenset[str],
) -> Counter:
    """Speaker errors on gold quotes found at 30% that have a Source (SPEAKER_ERRORS keys)."""
    out: Counter = Counter()
    text = doc.text
    for gi, (pi, ov) in pairs.items():
        g, p = golds[gi], preds[pi]
        if ov / length(g.quoted) < SPEAKER_THRESHOLD or not g.source:
            continue
        same_cue = p.cue_span is not None and overlap(g.cue, p.cue_span) > 0
        if p.speaker_span is not None and overlap(g.source, p.speaker_span):
            if name_agrees(g, p.speaker, names):
                continue
            if is_pronoun(g.source_text):
                out["name_pronoun_other" if is_name(p.speaker) else "name_pronoun_unresolved"] += 1
            else:
                out["name_wrong"] += 1
        elif p.cue_span is None:  # no cue of our own: no speaker, or one carried over from the quote before
            cue = _tokens(doc, g.cue)
            para = _paragraph(text, g.quoted[0][0])
            if not g.cue:
                out["no_cue_none"] += 1
            elif cue and all(t.is_punct for t in cue):
                out["no_cue_punct"] += 1
            elif not _speech_cue(g, speech):
                out["no_cue_not_lexicon"] += 1
            elif para[0] <= g.cue[0][0] <= para[1]:
                out["inherited_adjacent" if p.speaker_span is not None else "no_cue_adjacent"] += 1
            else:
                out["no_cue_far"] += 1
        elif p.speaker_span is None:
            if not same_cue:
                out["other_cue_no_subject"] += 1
            else:
                out["cue_no_subject_after" if g.source[0][0] > g.cue[0][0] else "cue_no_subject_before"] += 1
        else:
            out["wrong_subject" if same_cue else "other_cue"] += 1
    return out


def reported_misses(doc: Doc, golds: list[Attribution], preds: list[Predicted], speech: frozenset[str]) -> Counter:
    """Why each gold reported-speech attribution not found at 30% was missed (REPORTED_MISS keys)."""
    from quotes.find import is_cue, reported_content

    out: Counter = Counter()
    indirect = [p for p in preds if p.kind == "indirect"]
    quotes_ = [p for p in preds if p.kind != "indirect"]
    taken = [p.interval for p in quotes_]
    for g in golds:
        size = length(g.content)
        if any(overlap(g.content, p.interval) / size >= 0.3 for p in indirect):
            continue
        if any(overlap(g.content, p.interval) for p in indirect):
            out["boundary"] += 1
            continue
        if any(overlap(g.content, p.interval) / size >= 0.3 for p in quotes_):
            out["as_quote"] += 1
            continue
        if "according" in g.cue_text.lower():
            out["according"] += 1
            continue
        words = [t for t in _tokens(doc, g.cue) if t.lower_ in speech]
        if not words:
            out["no_cue_token"] += 1
            continue
        cue = words[-1]
        content = _tokens(doc, g.content[:1])
        root = doc[content[0].i : content[-1].i + 1].root if content else None
        if cue.pos_ != "VERB":
            out["cue_not_verb"] += 1
        elif not is_cue(cue):
            out["cue_not_lexicon"] += 1
        elif (found := reported_content(cue)) is None:
            if root is None or root.sent != cue.sent:
                out["other_sentence"] += 1
            elif not any("Fin" in t.morph.get("VerbForm") for t in content):
                out["infinitive" if root.head == cue and root.dep_ == "xcomp" else "nominal"] += 1
            else:
                out["clause_other_relation"] += 1
        elif any(a < found[0].end_char and found[0].start_char < b for a, b in taken):
            out["taken"] += 1
        else:
            out["other"] += 1
    return out


def reported_false_positives(everything: list[Attribution], preds: list[Predicted]) -> tuple[Counter, Counter]:
    """Why each of our indirect quotes outside every gold Content is wrong, and the cue lemmas of those."""
    from quotes.lexicon import lexicon

    out: Counter = Counter()
    lemmas: Counter = Counter()
    for p in preds:
        size = p.end - p.start
        if any(overlap(g.content, p.interval) / size >= 0.3 for g in everything):
            continue
        if any(overlap(g.content, p.interval) for g in everything):
            out["partial"] += 1
            continue
        lemmas[p.cue] += 1
        if p.cue in {"according", "accord"}:
            out["according"] += 1
        elif p.cue in lexicon("cognition"):
            out["cognition"] += 1
        else:
            out["speech"] += 1
    return out, lemmas
