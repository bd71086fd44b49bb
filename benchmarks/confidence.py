"""Measure the precision of every (rule, speaker_rule) pair on PolNeAR dev and rebuild the confidence table.

Runs ``quotes.extract_tables`` (body zone) on every article of the split, decides for each row whether it is
right with the shared scorer (``../shared/eval/score_polnear.py``: its gold reading and gold classes, a row
finds an attribution when they overlap by at least 30% of the gold Content, one to one and greedily by
overlap, fragments of a found quote pooled into it and rows on attributions of the other class left out, as
its ``track`` does; indirect rows paired with any attribution, as its reported-speech block does), and writes

  - ``quotes/resources/confidence.csv``: rows and right rows per pair, and the confidence the component gives
    that pair (``quotes.confidence``);
  - ``benchmarks/confidence.md``: that table, the reliability table (confidence bins: rows, mean confidence,
    share right) and the expected calibration error, in sample and two-fold cross-fitted (the table built on
    half of the articles, judged on the other half).

A row is right when it found an attribution and its speaker is that attribution's: the speaker mention
overlaps the Source, or the resolved speaker shares a name word with it (the scorer's ``name_words``; a
pronoun Source stands for the nearest named Source before it). A row with no speaker is right only where the
attribution has no Source. Pooled fragments and left-out rows are neither right nor wrong and are not counted.

One command (the lead reruns it when the rules change):

  PYTHONPATH=. python benchmarks/confidence.py [--corpus ../shared/corpora/polnear-dev] [--model NAME]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType

from _report import commit  # benchmarks run as scripts: their folder is on sys.path
from _scorer import load_scorer

ROOT = Path(__file__).parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))

import quotes  # noqa: E402
from quotes.confidence import FIELDS, NONE, build, lookup_order  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "polnear-dev"
TABLE = ROOT / "quotes" / "resources" / "confidence.csv"
REPORT = Path(__file__).parent / "confidence.md"
THETA = 0.3
BINS = 10


def outcomes_of_doc(sc: ModuleType, gold: dict, rows: list[dict]) -> list[bool | None]:
    """Right (True), wrong (False) or not counted (None) for each row of one article, in row order."""
    text, atts = gold["text"], gold["atts"]
    out: list[bool | None] = [None] * len(rows)

    def speaker_ok(row: dict, att: dict) -> bool:
        if not att["source"]:
            return not row["spk"]
        return sc.ov(row["spk"], att["source"]) > 0 or bool(
            sc.name_words(row["speaker"]) & sc.name_words(att["name_text"])
        )

    # quoted rows: the pairing of the scorer's ``track`` against quoted gold, fragments pooled
    quoted = [j for j, r in enumerate(rows) if r["kind"] in {"direct", "mixed"}]
    gold_q = [i for i, a in enumerate(atts) if a["quoted"]]
    pairs = sorted(
        (
            (sc.ov(rows[j]["span"], atts[i]["content"]), j, i)
            for j in quoted
            for i in gold_q
            if sc.ov(rows[j]["span"], atts[i]["content"]) >= THETA * sc.ln(atts[i]["content"]) > 0
        ),
        reverse=True,
    )
    pg: dict[int, int] = {}
    gp: dict[int, int] = {}
    for _, j, i in pairs:
        if j not in pg and i not in gp:
            pg[j], gp[i] = i, j
    taken = set(pg)
    frags: dict[int, list[int]] = {i: [] for i in gold_q}
    for i in sorted(gold_q, key=lambda i: sc.ln(atts[i]["content"])):
        wide = sc.widened(text, atts[i]["content"])
        for j in quoted:
            if j not in taken and sc.ov(rows[j]["span"], wide) >= 0.5 * sc.ln(rows[j]["span"]):
                frags[i].append(j)
                taken.add(j)
    for i in gold_q:
        spans = [rows[j]["span"][0] for j in frags[i]]
        if i not in gp and frags[i] and sc.union_ov(spans, atts[i]["content"]) >= THETA * sc.ln(atts[i]["content"]):
            j0 = max(frags[i], key=lambda j: sc.ov(rows[j]["span"], atts[i]["content"]))
            gp[i], pg[j0] = j0, i
    absorbed = {j for i in gold_q if i in gp for j in frags[i] if j != gp[i]}
    for j in quoted:
        if j in absorbed:
            continue
        if j in pg:
            out[j] = speaker_ok(rows[j], atts[pg[j]])
            continue
        other = any(
            not a["quoted"]
            and (
                sc.ov(rows[j]["span"], a["content"]) >= THETA * sc.ln(a["content"])
                or sc.ov(rows[j]["span"], sc.widened(text, a["content"])) >= 0.5 * sc.ln(rows[j]["span"])
            )
            for a in atts
        )
        out[j] = None if other else False
    # indirect rows: paired one to one with any attribution, as in the scorer's reported-speech block
    indirect = [j for j, r in enumerate(rows) if r["kind"] == "indirect"]
    pairs = sorted(
        (
            (sc.ov(rows[j]["span"], a["content"]), j, i)
            for j in indirect
            for i, a in enumerate(atts)
            if sc.ov(rows[j]["span"], a["content"]) >= THETA * sc.ln(a["content"]) > 0
        ),
        reverse=True,
    )
    pg, gp = {}, {}
    for _, j, i in pairs:
        if j not in pg and i not in gp:
            pg[j], gp[i] = i, j
    for j in indirect:
        out[j] = speaker_ok(rows[j], atts[pg[j]]) if j in pg else False
    return out


def extract(corpus: Path, model: str | None, docs: list[str]) -> list[dict]:
    """The body mentions of every article, with rule names, as dicts (in file order per article)."""
    nlp = quotes.load(model)
    articles = [quotes.Article(d, (corpus / "text" / f"{d}.txt").read_text(encoding="utf-8")) for d in docs]
    return quotes.extract_tables(articles, nlp=nlp, zones=("body",)).mentions.to_dict("records")


def score(sc: ModuleType, gold: dict, mentions: list[dict]) -> list[tuple[str, str | None, bool, float, str]]:
    """(rule, speaker_rule, right, confidence, doc_id) of every counted row."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mentions.csv"
        fields = ["doc_id", "kind", "start_char", "end_char", "speaker_start_char", "speaker_end_char", "speaker"]
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields + ["zone"])
            writer.writeheader()
            for m in mentions:
                writer.writerow({f: "" if _missing(m[f]) else m[f] for f in fields} | {"zone": "body"})
        rows = sc.read_rows(path)  # the scorer's own reading of a mentions table
    by_doc: dict[str, list[dict]] = {}
    for m in mentions:
        by_doc.setdefault(m["doc_id"], []).append(m)
    out = []
    for doc, ours in by_doc.items():
        for m, ok in zip(ours, outcomes_of_doc(sc, gold[doc], rows[doc]), strict=True):
            if ok is not None:
                speaker_rule = None if _missing(m["speaker_rule"]) else m["speaker_rule"]
                out.append((m["rule"], speaker_rule, ok, float(m["confidence"]), doc))
    return out


def _missing(value: object) -> bool:
    return value is None or value != value or str(value) in {"", "<NA>"}


def check_against_scorer(sc: ModuleType, gold: dict, mentions: list[dict], scored: list) -> dict[str, int]:
    """Our per-row pairing must find as many quoted rows as the scorer's own ``track``: the same matching."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.csv"
        fields = ["doc_id", "kind", "start_char", "end_char", "speaker_start_char", "speaker_end_char", "speaker"]
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            for m in mentions:
                writer.writerow({f: "" if _missing(m[f]) else m[f] for f in fields})
        rows = sc.read_rows(path)
    counts = sc.track(gold, rows, {"direct", "mixed"}, lambda a: a["quoted"], THETA, Counter())
    ours = Counter()
    for doc, doc_rows in rows.items():
        outcome = outcomes_of_doc(sc, gold[doc], doc_rows)
        quoted = [o for r, o in zip(doc_rows, outcome, strict=True) if r["kind"] in {"direct", "mixed"}]
        ours["counted"] += sum(o is not None for o in quoted)
    if ours["counted"] != counts["pred"]:
        raise SystemExit(f"per-row pairing counts {ours['counted']} quoted rows, the scorer {counts['pred']}")
    return {"quoted_rows": counts["pred"], "quoted_tp": counts["tp"]}


def reliability(scored: list[tuple[float, bool]]) -> tuple[list[tuple[str, int, float, float]], float]:
    """Confidence bins (label, rows, mean confidence, share right) and the expected calibration error."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for conf, ok in scored:
        bins.setdefault(min(int(conf * BINS), BINS - 1), []).append((conf, ok))
    table, ece = [], 0.0
    for b in sorted(bins):
        items = bins[b]
        mean_conf = sum(c for c, _ in items) / len(items)
        share = sum(ok for _, ok in items) / len(items)
        table.append((f"{b / BINS:.1f}-{(b + 1) / BINS:.1f}", len(items), mean_conf, share))
        ece += len(items) / len(scored) * abs(mean_conf - share)
    return table, ece


def lookup(table: list[dict], rule: str, speaker_rule: str | None) -> float:
    values = {(r["rule"], r["speaker_rule"]): float(r["confidence"]) for r in table}  # type: ignore[arg-type]
    for key in lookup_order(rule, speaker_rule or NONE):
        if key in values:
            return values[key]
    raise LookupError(key)


def cross_fitted(scored: list[tuple[str, str | None, bool, float, str]]) -> list[tuple[float, bool]]:
    """Each row judged by a table built on the other half of the articles (split by sorted doc_id)."""
    docs = sorted({d for *_, d in scored})
    half = {d: i % 2 for i, d in enumerate(docs)}
    out = []
    for fold in (0, 1):
        table = build([(r, s, ok) for r, s, ok, _, d in scored if half[d] != fold])
        out += [(lookup(table, r, s), ok) for r, s, ok, _, d in scored if half[d] == fold]
    return out


def report(table, in_sample, ece_in, crossed, ece_cross, scored, check, args, seconds, measured_at) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Confidence: measured precision per rule pair (PolNeAR dev)",
        "",
        f"Measured {now} at commit {measured_at}, {len({d for *_, d in scored})} articles, {len(scored)} rows "
        f"scored, {seconds:.0f} s. Command: `PYTHONPATH=. python benchmarks/confidence.py`"
        + (f" --model {args.model}" if args.model else "")
        + ". Right and wrong by the shared scorer's matching (`../shared/eval/score_polnear.py`, overlap >= 30%); "
        f"its own `track` finds the same {check['quoted_rows']} quoted rows ({check['quoted_tp']} matched).",
        "",
        "## Reliability",
        "",
        f"Expected calibration error: {ece_in:.3f} in sample (the confidences are these rows' own precision), "
        f"{ece_cross:.3f} cross-fitted (each half of the articles judged by a table built on the other half).",
        "",
        "| confidence | rows (in sample) | mean confidence | share right | rows (cross-fitted) | mean confidence |"
        " share right |",
        "|---|---|---|---|---|---|---|",
    ]
    crossed_by = {label: (n, c, s) for label, n, c, s in crossed}
    labels = sorted({b[0] for b in in_sample} | set(crossed_by))
    in_by = {label: (n, c, s) for label, n, c, s in in_sample}
    for label in labels:
        a = in_by.get(label)
        b = crossed_by.get(label)
        left = f"{a[0]} | {a[1]:.3f} | {a[2]:.3f}" if a else "0 | | "
        right = f"{b[0]} | {b[1]:.3f} | {b[2]:.3f}" if b else "0 | | "
        lines.append(f"| {label} | {left} | {right} |")
    lines += [
        "",
        "## The table (`quotes/resources/confidence.csv`)",
        "",
        "`*` is every rule or every speaker rule; an empty speaker rule is a quote with no speaker. Confidence is",
        "the share right, shrunk toward the rule's share by 5 pseudo-rows (the rule's and the speaker rule's toward",
        "the overall share); a pair not in the table takes its speaker rule's value, else its rule's",
        "(`quotes/confidence.py`).",
        "",
        "| rule | speaker_rule | rows | right | confidence |",
        "|---|---|---|---|---|",
    ]
    for r in table:
        speaker_rule = r["speaker_rule"] or "(none)"
        lines.append(f"| {r['rule']} | {speaker_rule} | {r['rows']} | {r['right']} | {r['confidence']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a PolNeAR split (text/, attributions/)")
    parser.add_argument("--model", help="pipeline name or path for quotes.load (default: the bundled one)")
    parser.add_argument("--table", type=Path, default=TABLE, help="where to write the confidence table")
    parser.add_argument("--out", type=Path, default=REPORT, help="where to write the report")
    args = parser.parse_args(argv)
    if not (args.corpus / "attributions").is_dir():
        raise SystemExit(f"no PolNeAR split at {args.corpus}: expected attributions/ and text/ there (--corpus)")
    started = time.perf_counter()
    measured_at = commit()  # before the table below is rewritten, which would mark the tree as changed
    sc = load_scorer()
    gold = sc.load_gold(args.corpus)
    mentions = extract(args.corpus, args.model, sorted(gold))
    scored = score(sc, gold, mentions)
    check = check_against_scorer(sc, gold, mentions, scored)
    table = build([(r, s, ok) for r, s, ok, _, _ in scored])
    in_sample, ece_in = reliability([(lookup(table, r, s), ok) for r, s, ok, _, _ in scored])
    crossed, ece_cross = reliability(cross_fitted(scored))
    with args.table.open("w", encoding="utf8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(table)
    text = report(
        table, in_sample, ece_in, crossed, ece_cross, scored, check, args, time.perf_counter() - started, measured_at
    )
    args.out.write_text(text, encoding="utf8")
    print(text)


if __name__ == "__main__":
    main()
