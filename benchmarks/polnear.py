"""Score quote detection and attribution against PolNeAR (political news attribution relations), with
textacy's ``direct_quotations`` as a baseline on the same parses.

The headline numbers are the shared scorer's (``../shared/eval/score_polnear.py``, run on our mentions); on
top of them this benchmark keeps its own finer tallies and error classes, in modules: ``polnear_gold.py``
(reading and classing the gold), ``polnear_score.py`` (pairing and tallies), ``polnear_errors.py`` (why each
quote was missed or wrong), ``polnear_report.py`` (the markdown report); this file runs them.

The corpus is read at run time from the shared corpora (``--corpus``); its texts belong to their publishers
and nothing of them is written to the report: only counts.

Gold. One annotation file per article: when several annotators did an article (``NAME_xxxx.ann``), the
file whose name sorts first. Every ``E`` line with a Content is one attribution; ``Content2`` fragments join
the Content; ``Discuss``/``Discard`` remarks are skipped; a Source that is a lone verb of saying with a Cue
that holds none is an annotator's slip and the two are swapped. Each attribution falls in one class:

  - quoted: the Content (or the character just before or after it) holds a double quotation mark
    (" “ ” „ « » ...) or a pair of single marks that open before a word and close after one (‘...’, '...',
    and so the doubled apostrophes some papers write for double marks), so the apostrophes of "Clinton’s"
    or "candidates’" never count. Quoted attributions are direct when
    nothing but punctuation lies outside the marks inside the Content, mixed otherwise. Their gold span
    is the quoted part: the text inside the marks (an unclosed mark runs to the Content's edge).
  - speech: no quotation marks, and a word of the Cue is one of the shared scorer's verbs of saying in one of
    the forms it lists (``SPEECH_FORMS`` of ``../shared/eval/score_polnear.py``), or the Cue is "according
    to": the gold classes do not use the extractor's lexicon, so they do not move with its rules.
  - other: the rest (thoughts, intentions, knowledge, cues that are nouns or phrases such as "has learned"
    or "in a statement"); only the precision of reported speech looks at them.

Spans and overlap. A gold span is a list of character intervals (the quoted parts, or the Content fragments
for reported speech); a predicted span is one interval ``[start_char, end_char)`` (for our split quotes, from
the first content start to the last content end, so the words between the parts count against it). The
overlap of a pair is the number of characters they share. Quotes are paired one to one, greedily by
overlap (largest first), among pairs sharing at least one character. At threshold t:

  - a gold quote is found when its partner covers at least t of it: overlap / len(gold) >= t (recall);
  - a predicted quote is correct when at least t of it lies in its partner: overlap / len(pred) >= t
    (precision).

Reported speech is not paired one to one, because PolNeAR nests attributions (the content of one often
holds another): recall counts the speech attributions that some ``indirect`` quote of ours covers at 30%
(overlap / len(gold)); precision counts our ``indirect`` quotes with 30% of their characters inside some gold
Content of any class. A thought attributed by the annotators ("X believes that ...") is an attribution, so
an indirect quote found there is not a false positive.

Speakers, on quoted attributions found at 30% that have a Source:

  - mention: our speaker mention (textacy: its speaker tokens) shares a character with the Source;
  - name: when the Source is not a pronoun, our resolved speaker shares a word with it; when it is a
    pronoun, our resolved speaker shares a word with some non-pronoun Source of the same article (the
    pronoun was resolved to one of the article's annotated speakers). Words: lower-cased alphabetic words
    of two letters or more that are neither spaCy stop words nor pronouns. textacy does not resolve: its
    speaker text is used as the name.

Errors. Each missed or wrong quote is counted under one category (the first rule that fits, see the dicts
``QUOTED_MISS`` and following); the rules look inside the extractor (``quotes.marks``, ``quotes.find``) to
name the stage that lost it, so they may need updating when those change. textacy raises on a document with
an odd number of quotation marks: such a document counts as no predictions, and the report says how many.

Usage:
  python benchmarks/polnear.py [--corpus ../shared/corpora/polnear-dev] [--model NAME]
                               [--out benchmarks/polnear.md] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))

from _scorer import run_scorer  # noqa: E402
from polnear_errors import (  # noqa: E402
    quoted_false_positives,
    quoted_misses,
    reported_false_positives,
    reported_misses,
    speaker_errors,
)
from polnear_gold import Attribution, read_gold, speech_forms  # noqa: E402
from polnear_report import report  # noqa: E402
from polnear_score import (  # noqa: E402
    SPEAKER_THRESHOLD,
    Results,
    is_name,
    is_pronoun,
    length,
    name_agrees,
    ours,
    overlap,
    score_quoted,
    textacy_quotes,
    words_of,
)

from quotes.component import mentions_of  # noqa: E402
from quotes.table import mentions_frame  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpora" / "polnear-dev"


def evaluate(nlp, articles: list[tuple[str, str, list[Attribution]]], log=print) -> Results:
    """Run the pipeline and textacy over the articles and score both against the gold attributions."""
    speech = speech_forms()
    res = Results(articles=len(articles))
    res.errors = {name: Counter() for name in ("quoted_miss", "quoted_fp", "speaker", "reported_miss", "reported_fp")}
    start = time.perf_counter()
    docs = nlp.pipe((text for _, text, _ in articles), batch_size=8)
    for n, ((name, text, atts), doc) in enumerate(zip(articles, docs, strict=True), 1):
        res.mentions += mentions_of(doc, name)  # for the shared scorer
        quoted = [a for a in atts if a.kind == "quoted"]
        direct = [a for a in quoted if a.quoted_kind == "direct"]
        others = [a for a in atts if a.kind != "quoted"]
        spoken = [a for a in atts if a.kind == "speech"]
        res.gold.update(a.kind for a in atts)
        res.gold.update(a.quoted_kind for a in quoted)
        names = set().union(*(words_of(a.source_text) for a in atts if a.source and not is_pronoun(a.source_text)))

        predicted = ours(doc)
        res.ours_kinds.update(p.kind for p in predicted)
        ours_quotes = [p for p in predicted if p.kind in {"direct", "mixed"}]
        indirect = [p for p in predicted if p.kind == "indirect"]
        try:
            baseline = textacy_quotes(doc)
        except ValueError as err:
            res.textacy["odd_marks" if "quotation marks found" in str(err) else "failed"] += 1
            baseline = []
        except Exception:  # noqa: BLE001  (the baseline's failure is one document's zero, not the run's)
            res.textacy["failed"] += 1
            baseline = []
        res.textacy["quotes"] += len(baseline)

        pairs = score_quoted(res.rows["ours"], quoted, ours_quotes, names)
        score_quoted(res.rows["ours_direct"], direct, [p for p in ours_quotes if p.kind == "direct"], names)
        score_quoted(res.rows["textacy"], quoted, baseline, names)
        score_quoted(res.rows["textacy_direct"], direct, baseline, names)
        score_quoted(res.rows["ours_whole"], quoted, ours_quotes, names, whole=True)

        # the number: pronoun Sources of quotes, and what we resolved them to
        for gi, g in enumerate(quoted):
            if not (g.source and is_pronoun(g.source_text)):
                continue
            res.pronoun["gold"] += 1
            if gi in pairs and pairs[gi][1] / length(g.quoted) >= SPEAKER_THRESHOLD:
                speaker = ours_quotes[pairs[gi][0]].speaker
                res.pronoun["found"] += 1
                res.pronoun["name"] += is_name(speaker)
                res.pronoun["pronoun"] += bool(speaker) and is_pronoun(speaker)
                res.pronoun["none"] += not speaker
                res.pronoun["agrees"] += name_agrees(g, speaker, names)

        res.reported["gold"] += len(spoken)
        res.reported["found"] += sum(
            any(overlap(g.content, p.interval) / length(g.content) >= 0.3 for p in indirect) for g in spoken
        )
        res.reported["pred"] += len(indirect)
        res.reported["correct"] += sum(
            any(overlap(g.content, p.interval) / (p.end - p.start) >= 0.3 for g in atts) for p in indirect
        )

        res.errors["quoted_miss"] += quoted_misses(doc, quoted, ours_quotes, indirect, pairs, speech)
        res.errors["quoted_fp"] += quoted_false_positives(quoted, others, ours_quotes, pairs, text)
        res.errors["speaker"] += speaker_errors(doc, quoted, ours_quotes, pairs, names, speech)
        res.errors["reported_miss"] += reported_misses(doc, spoken, predicted, speech)
        fp, lemmas = reported_false_positives(atts, indirect)
        res.errors["reported_fp"] += fp
        res.fp_lemmas += lemmas
        if n % 20 == 0:
            log(f"  {n}/{len(articles)} articles")
    res.seconds = time.perf_counter() - start
    return res


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the PolNeAR folder (text/, attributions/)")
    parser.add_argument("--model", help="pipeline name or path for quotes.load (default: the bundled one)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "polnear.md")
    parser.add_argument("--limit", type=int, help="only the first N articles, by name")
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    if not (args.corpus / "attributions").is_dir():
        raise SystemExit(f"no PolNeAR corpus at {args.corpus}: expected attributions/ and text/ there (--corpus)")

    from quotes.pipeline import load

    articles = read_gold(args.corpus, args.limit)
    print(f"{len(articles)} articles; loading the pipeline", flush=True)
    nlp = load(args.model)
    res = evaluate(nlp, articles)
    with tempfile.TemporaryDirectory() as tmp:
        mentions = Path(tmp) / "mentions.csv"
        mentions_frame(res.mentions).to_csv(mentions, index=False)
        res.shared = run_scorer(mentions, args.corpus)
    path = Path(args.model) if args.model else ROOT / "quotes" / "model"
    text = report(res, args, args.model or "quotes/model (bundled)", path)
    print(text)
    args.out.write_text(text, encoding="utf8")


if __name__ == "__main__":
    main()
