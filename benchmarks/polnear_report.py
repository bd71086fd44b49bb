"""The PolNeAR benchmark's report: the shared scorer's numbers first, then our tallies and error classes."""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from _report import commit
from polnear_errors import QUOTED_FP, QUOTED_MISS, REPORTED_FP, REPORTED_MISS, SPEAKER_ERRORS
from polnear_score import ROWS, THRESHOLDS, Results


def _pct(num: int, den: int) -> str:
    return f"{num / den:.1%} ({num}/{den})" if den else "-"


def table(res: Results) -> list[str]:
    """The quoted-content table, markdown."""
    head = "| system vs gold | gold | predicted | " + " | ".join(
        f"P@{t:.0%} | R@{t:.0%} | F1@{t:.0%}" for t in THRESHOLDS
    )
    lines = [
        head + " | speaker mention overlaps Source | resolved name agrees |",
        "|---|---:|---:|" + "---:|" * (3 * len(THRESHOLDS)) + "---:|---:|",
    ]
    for key, label in ROWS.items():
        t = res.rows[key]
        cells = [f"{x:.3f}" for th in THRESHOLDS for x in t.prf(th)]
        lines.append(
            f"| {label} | {t.gold} | {t.pred} | {' | '.join(cells)} | "
            f"{_pct(t.mention_ok, t.with_source)} | {_pct(t.name_ok, t.with_source)} |"
        )
    return lines


def _errors(counts: Counter, labels: dict[str, str], total: int, what: str) -> list[str]:
    lines = [f"{what} ({sum(counts.values())} of {total}):", ""]
    for key, n in counts.most_common():
        lines.append(f"- {n} - {labels[key]}")
    return lines + [""]


DEFINITIONS_MD = """\
Definitions are in the docstring of `benchmarks/polnear.py`. In short: gold quoted spans are the text inside
the marks; predicted and gold quotes are paired one to one, greedily by shared characters; recall at t counts
gold quotes whose partner covers at least t of their characters, precision at t counts predictions with at
least t of their characters in their partner. The speaker columns are over gold quotes found at 30% that have
a Source. The last row takes the whole annotated Content as the gold span, the measure of our mixed quotes,
whose content is the statement the cue governs with the quoted words inside."""

REPORTED_MD = """\
Recall: gold attributions with a verb of saying as cue (no quotation marks) whose Content one of our indirect
quotes covers at 30% or more. Precision: our indirect quotes with 30% or more of their characters inside the
Content of any gold attribution, thoughts and intentions included (annotated attributions, so not false
positives). textacy finds no reported speech."""

ERRORS_MD = """\
Three patterns come from how the corpus is written and annotated rather than from the parse:

- Some publishers' articles write double quotation marks as two apostrophes; `quotes.marks` does not take
  them for marks, so those quotes are missed or come out as indirect speech ({doubled} gold quotes).
- PolNeAR makes one attribution of a quote that runs over several mark pairs (split by the cue, or over
  paragraphs) and of a sentence quoting several fragments; we make one quote per pair when the parts are not
  joined, and the second and later parts count as false positives under one-to-one pairing ({pieces} of ours).
- Many reported-speech attributions have a noun phrase for Content (a cue verb with an object); our rules
  report the object, infinitive or topic of most verbs of saying, but find none where the parse does not
  attach it to the cue, and not for verbs whose object is never what was said ({nominal} of {speech}).

The rest are the extractor's: mixed quotes dropped for want of a governing cue (the gold cue is a verb outside
the lexicon, a colon or dash, in the sentence before, or not reached through the parse), cues next to a direct
quote not found (so no speaker, or the previous quote's speaker carried over), and subjects of the cue not
found. The counts below are for our pipeline at 30% overlap, each quote under the first rule that fits (rules
in `benchmarks/polnear.py`; the stage named is where it was lost)."""


def _snapshot(path: Path | None) -> str:
    """When the pipeline directory's newest file was written: which training snapshot was measured."""
    if path is None or not path.is_dir():
        return ""
    newest = max(p.stat().st_mtime for p in path.rglob("*") if p.is_file())
    return f" (files of {datetime.fromtimestamp(newest, timezone.utc):%Y-%m-%d %H:%M} UTC)"


def report(res: Results, args: argparse.Namespace, model: str, path: Path | None = None) -> str:
    """The results as markdown; ``path`` is the pipeline's directory, when it has one."""
    g, rep, pro, tx = res.gold, res.reported, res.pronoun, res.textacy
    rp = rep["correct"] / rep["pred"] if rep["pred"] else 0.0
    rr = rep["found"] / rep["gold"] if rep["gold"] else 0.0
    rf = 2 * rp * rr / (rp + rr) if rp + rr else 0.0
    ours_row = res.rows["ours"]
    lenient = ", ".join(
        f"{res.rows[k].inside_any[0.3] / res.rows[k].pred:.3f} ({k})" for k in ("ours", "textacy") if res.rows[k].pred
    )
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(res.ours_kinds.items()))
    failed = f", and failed otherwise on {tx['failed']}" if tx["failed"] else ""
    errors = res.errors
    lines = [
        "# PolNeAR: quotes and speakers",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit()}",
        f"- pipeline: `{model}`{_snapshot(path)}; textacy {_textacy_version()} "
        "`extract.triples.direct_quotations` on the same parses",
        f"- command: `python benchmarks/polnear.py{' ' + ' '.join(args.argv) if args.argv else ''}`",
        f"- corpus: PolNeAR development split, {res.articles} articles, one annotator's file per article "
        f"(the name that sorts first); run time {res.seconds:.0f} s",
        f"- gold attributions: {sum(g[k] for k in ('quoted', 'speech', 'other'))}: quoted {g['quoted']} "
        f"(direct {g['direct']}, mixed {g['mixed']}), reported with a verb of saying {g['speech']}, "
        f"other (thoughts, intentions, nouns and phrases as cues) {g['other']}",
        f"- our quotes: {kinds}; textacy: {tx['quotes']} quotes; it raised on {tx['odd_marks']} of "
        f"{res.articles} articles for an odd number of quotation marks (counted as no quotes){failed}",
        "",
        "## The shared scorer (`../shared/eval/score_polnear.py`, body zone, overlap >= 30%)",
        "",
        "Its gold classes and matching are independent of the extractor; the sections after it are this",
        "benchmark's own finer tallies and error classes.",
        "",
        "| block | P | R | F1 | speaker mention | speaker name |",
        "|---|---|---|---|---|---|",
        *(
            f"| {block} | {s['P']:.3f} | {s['R']:.3f} | {s['F1']:.3f} | {s['speaker_mention']:.3f} "
            f"| {s['speaker_name']:.3f} |"
            for block, s in ((b, res.shared[b]) for b in ("quoted", "reported_speech", "all_quotes"))
            if res.shared
        ),
        "",
        DEFINITIONS_MD,
        "",
        "## Quoted content (direct and mixed quotes)",
        "",
        *table(res),
        "",
        "Precision with one-to-one pairing counts the second and later parts of a gold quote as errors. "
        "Counting every prediction with 30% of its characters inside some gold quote as correct, precision "
        f"at 30% is {lenient}.",
        "",
        "## Reported speech (no quotation marks)",
        "",
        f"Ours, `indirect` quotes at 30%: precision {rp:.3f} ({rep['correct']}/{rep['pred']}), "
        f"recall {rr:.3f} ({rep['found']}/{rep['gold']}), F1 {rf:.3f}.",
        "",
        REPORTED_MD,
        "",
        "## Pronoun speakers",
        "",
        f"Gold quoted attributions whose Source is a pronoun: {pro['gold']}; found by us at 30%: "
        f"{pro['found']}. Of those, our resolved speaker is a name (capitalised, not a pronoun) for "
        f"{_pct(pro['name'], pro['found'])}, is still a pronoun for {pro['pronoun']}, is missing for "
        f"{pro['none']}; the name shares a word with a named Source of the same article for "
        f"{_pct(pro['agrees'], pro['found'])}.",
        "",
        "## Errors we saw",
        "",
        ERRORS_MD.format(
            doubled=errors["quoted_miss"]["marks_doubled"],
            pieces=sum(n for key, n in errors["quoted_fp"].items() if key.startswith("piece")),
            nominal=errors["reported_miss"]["nominal"],
            speech=rep["gold"],
        ),
        "",
        *_errors(errors["quoted_miss"], QUOTED_MISS, ours_row.gold, "Gold quotes we missed"),
        *_errors(errors["quoted_fp"], QUOTED_FP, ours_row.pred, "Our direct and mixed quotes that are wrong"),
        *_errors(errors["speaker"], SPEAKER_ERRORS, ours_row.with_source, "Speaker errors on quotes found"),
        *_errors(errors["reported_miss"], REPORTED_MISS, rep["gold"], "Reported speech we missed"),
        *_errors(errors["reported_fp"], REPORTED_FP, rep["pred"], "Our indirect quotes outside every gold Content"),
        "Cue lemmas of those indirect quotes: "
        + ", ".join(f"{lemma} {n}" for lemma, n in res.fp_lemmas.most_common(12)),
    ]
    return "\n".join(lines) + "\n"


def _textacy_version() -> str:
    try:
        import textacy
    except ImportError:
        return "(not installed)"
    return textacy.__version__
