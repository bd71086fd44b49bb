"""Score speakers, roles and organisations: on the seed articles in data/ and on short annotated cases.

Two gold sets, both in ``benchmarks/data``:

- ``seed_speakers.csv``: every quote by a named person in the body text of the five seed articles, annotated
  by hand. One row per distinct quote per article (a paragraph the page repeats is one row): ``doc_id`` (file
  stem), ``snippet`` (a few words that pick the quote out within that article), ``speaker`` (canonical full
  name), ``role`` and ``org`` (what the article or the rest of the seed corpus says the person is; empty when
  it says nothing), ``via`` (how the text attributes it: name, pronoun, alias, continuation, according-to,
  possessive). Quotes by groups, institutions or nobody ("critics say", "the government of Vietnam
  stated", "was called an ...") are left out, and so is 003's unquoted paraphrase "Guterres described it as
  an important milestone" (no marks, no clausal complement). 001/004's "Democratic countries might describe
  the UN convention as a "compromise document", ..., she added" is Diya's: "she added" attributes the
  sentence, and "might describe" is her hypothetical, not a statement by the countries. Scored on
  ``quotes.extract_tables`` over the whole of data/, so speakers, roles and organisations are the canonical
  ones across articles.
- ``speaker_cases.jsonl``: short texts written for this benchmark, one per line, ``{"id", "category",
  "text", "expected": [{"quote", "speaker", "role", "org"}, ...]}`` with the expected quotes in text order.
  ``quote`` is a snippet of the quote; ``speaker`` is a name, a list of accepted names, or null when nobody
  is named (passives); ``role``/``org`` are a string, a list of accepted values, or null (not scored).
  Scored on per-document extraction: ``quotes.load()(text)._.quotes`` and each Quotation's ``speaker``,
  ``role`` and ``org`` fields.

Comparisons. Every string is normalised first: Unicode accents removed, case folded, every run of characters
that are not letters or digits (hyphens, apostrophes, quotation marks, full stops) made one space. Then:

- a quote *contains* a snippet when the normalised snippet is a substring of the normalised quote;
- speaker: the normalised names are equal, after dropping a leading "the" (so "Critics" = "critics" and
  "Ashton-Hart" = "Ashton Hart"); an expected null is matched only by an empty speaker;
- role: equal after dropping leading determiners and possessives ("the", "a", "an", "its", "their", "his",
  "her"), so "Secretary-General" = "Secretary General" but "minister" != "Health Minister";
- org: as role, or one contains the other as whole words ("Tech Global Institute" matches "the Tech Global
  Institute think tank"; "UN" does not match "Union").

Seed scoring, per gold row: the matching mentions are the doc's ``zone == "body"`` mentions whose quote
contains the snippet; *found* when there is one; *speaker* (and role, org) correct when every matching mention
has it right, so a repeated paragraph attributed two ways counts as wrong. Shares are over all gold rows
(a missed quote counts as wrong), role and org over the rows that expect one.

Case scoring, per expected quote: the extracted quotes of the text, in order of ``start_char``, are walked
along with the expected ones; each expected quote is matched to the first extracted quote, at or after the
previous match, that contains its snippet (two expected quotes may match one extracted quote that joins
them). An expected quote with no match is *missing* and scores wrong; an extracted quote matched by none is
*extra* and is only counted. Speaker accuracy is over all expected quotes; role and org accuracy over the
expected quotes whose value is non-null.

Usage:
  python benchmarks/speakers.py                      # writes benchmarks/speakers.md and prints it
  python benchmarks/speakers.py --out /tmp/spk.md --model en_core_web_sm
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shlex
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))

from _report import commit  # noqa: E402  (benchmarks run as scripts: their folder is on sys.path)

import quotes  # noqa: E402
from quotes.text import fold  # noqa: E402

HERE = Path(__file__).parent
SEED_GOLD = HERE / "data" / "seed_speakers.csv"
CASES = HERE / "data" / "speaker_cases.jsonl"
SEED_DIR = ROOT / "data"

_LEADING = {"the", "a", "an", "its", "their", "his", "her"}


def norm(text: str | None) -> str:
    """Accent-free, case-folded, punctuation runs as single spaces ("It’s" -> "it s", "Đặng" -> "dang")."""
    if not text:
        return ""
    return " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())


def strip_leading(text: str, words: set[str]) -> str:
    parts = text.split()
    while parts and parts[0] in words:
        parts.pop(0)
    return " ".join(parts)


def alternatives(value: str | list[str] | None, sep: str | None = None) -> list[str]:
    """Accepted values: a list as given, a string split on ``sep`` (the csv's '|'), or none."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    return value.split(sep) if sep else [value]


def speaker_ok(got: str | None, expected: list[str]) -> bool:
    """Speaker names equal after normalising and dropping a leading "the"; no expected name wants none."""
    if not expected:
        return not norm(got)
    return strip_leading(norm(got), {"the"}) in {strip_leading(norm(e), {"the"}) for e in expected}


def role_ok(got: str | None, expected: list[str]) -> bool:
    """Roles equal after normalising and dropping leading determiners and possessives."""
    accepted = {strip_leading(norm(e), _LEADING) for e in expected}
    return bool(norm(got)) and strip_leading(norm(got), _LEADING) in accepted


def org_ok(got: str | None, expected: list[str]) -> bool:
    """Organisations equal, or one inside the other as whole words, after normalising as for roles."""
    a = strip_leading(norm(got), _LEADING)
    if not a:
        return False
    for e in expected:
        b = strip_leading(norm(e), _LEADING)
        if b and (f" {a} " in f" {b} " or f" {b} " in f" {a} "):
            return True
    return False


def show(value: str | list[str] | None) -> str:
    if value is None or value == "" or value == []:
        return "∅"
    return " / ".join(value) if isinstance(value, list) else str(value)


def pct(n: int, d: int) -> str:
    return f"{n / d:.1%} ({n}/{d})" if d else "-"


def cell(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- seed articles ------------------------------------------------------------------------------------------


def score_seed(nlp) -> dict:
    """Run extract_tables on data/*.txt and score it against seed_speakers.csv."""
    articles = [quotes.Article(p.stem, p.read_text(encoding="utf8")) for p in sorted(SEED_DIR.glob("*.txt"))]
    body = quotes.extract_tables(articles, nlp=nlp).mentions  # the body zone, the default, as the CLI
    rows = list(csv.DictReader(SEED_GOLD.open(encoding="utf8")))
    totals = Counter()
    by_via: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for row in rows:
        speakers = alternatives(row["speaker"], "|")
        roles, orgs = alternatives(row["role"], "|"), alternatives(row["org"], "|")
        doc = body[body["doc_id"] == row["doc_id"]]
        hits = doc[[norm(row["snippet"]) in norm(q) for q in doc["quote"]]]
        found = len(hits) > 0
        got = {
            "speaker": sorted({str(s) for s in hits["speaker"].fillna("∅")}),
            "role": sorted({str(s) for s in hits["speaker_role"].fillna("∅")}),
            "org": sorted({str(s) for s in hits["speaker_org"].fillna("∅")}),
        }
        verdict = {
            "found": found,
            "speaker": found and all(speaker_ok(s, speakers) for s in hits["speaker"].fillna("")),
            "role": found and all(role_ok(s, roles) for s in hits["speaker_role"].fillna("")) if roles else None,
            "org": found and all(org_ok(s, orgs) for s in hits["speaker_org"].fillna("")) if orgs else None,
        }
        for key, ok in verdict.items():
            if ok is not None:
                totals[key] += ok
                totals[f"{key}_n"] += 1
                by_via[row["via"]][key] += ok
                by_via[row["via"]][f"{key}_n"] += 1
        wrong = [key for key in ("speaker", "role", "org") if verdict[key] is False]
        if not found:
            misses.append(
                {
                    "doc": row["doc_id"][:3],
                    "snippet": row["snippet"],
                    "via": row["via"],
                    "wrong": "not found",
                    "got": "-",
                    "expected": row["speaker"],
                    "mentions": "-",
                }
            )
        elif wrong:
            misses.append(
                {
                    "doc": row["doc_id"][:3],
                    "snippet": row["snippet"],
                    "via": row["via"],
                    "wrong": ", ".join(wrong),
                    "got": "; ".join(" / ".join(got[k]) for k in wrong),
                    "expected": "; ".join(show(alternatives(row[k], "|")) for k in wrong),
                    "mentions": " / ".join(sorted({str(s) for s in hits["speaker_mention"].fillna("∅")})),
                }
            )
    return {
        "rows": len(rows),
        "articles": len(articles),
        "body": len(body),
        "totals": totals,
        "by_via": by_via,
        "misses": misses,
    }


# --- written cases ------------------------------------------------------------------------------------------


@dataclass
class CaseResult:
    counts: Counter = field(default_factory=Counter)
    failures: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)


def score_cases(nlp) -> tuple[dict[str, Counter], CaseResult, int]:
    """Run the pipeline on each written case and score its quotes in text order."""
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf8").splitlines() if line.strip()]
    per_category: dict[str, Counter] = defaultdict(Counter)
    result = CaseResult()
    for case, doc in zip(cases, nlp.pipe(c["text"] for c in cases), strict=True):
        found = sorted(doc._.quotes, key=lambda q: q.start_char)
        counts = per_category[case["category"]]
        counts["texts"] += 1
        used: set[int] = set()
        pos = 0
        for exp in case["expected"]:
            snippet = norm(exp["quote"])
            match = next((i for i in range(pos, len(found)) if snippet in norm(found[i].text)), None)
            counts["quotes"] += 1
            speakers = alternatives(exp["speaker"])
            roles, orgs = alternatives(exp.get("role")), alternatives(exp.get("org"))
            if match is None:
                counts["missing"] += 1
                result.failures.append(
                    {
                        "id": case["id"],
                        "category": case["category"],
                        "quote": exp["quote"],
                        "wrong": "missing",
                        "got": "-",
                        "expected": show(exp["speaker"]),
                        "mention": "-",
                    }
                )
            else:
                pos = match
                used.add(match)
                q = found[match]
            verdict = {
                "speaker": match is not None and speaker_ok(q.speaker, speakers),
                "role": (match is not None and role_ok(q.role, roles)) if roles else None,
                "org": (match is not None and org_ok(q.org, orgs)) if orgs else None,
            }
            for key, ok in verdict.items():
                if ok is not None:
                    counts[key] += ok
                    counts[f"{key}_n"] += 1
            wrong = [key for key, ok in verdict.items() if ok is False]
            if match is not None and wrong:
                got = {"speaker": q.speaker, "role": q.role, "org": q.org}
                want = {"speaker": exp["speaker"], "role": exp.get("role"), "org": exp.get("org")}
                result.failures.append(
                    {
                        "id": case["id"],
                        "category": case["category"],
                        "quote": exp["quote"],
                        "wrong": ", ".join(wrong),
                        "got": "; ".join(show(got[k]) for k in wrong),
                        "expected": "; ".join(show(want[k]) for k in wrong),
                        "mention": q.speaker_mention.text if q.speaker_mention is not None else "∅",
                    }
                )
        for i, q in enumerate(found):
            if i not in used:
                counts["extra"] += 1
                result.extras.append(
                    {
                        "id": case["id"],
                        "category": case["category"],
                        "kind": q.kind,
                        "quote": q.text,
                        "speaker": show(q.speaker),
                    }
                )
    total = Counter()
    for counts in per_category.values():
        total.update(counts)
    per_category["all"] = total
    return per_category, result, len(cases)


# --- report -------------------------------------------------------------------------------------------------


def describe(nlp, model: str | None) -> str:
    perf = nlp.meta.get("performance", {})
    scores = ", ".join(
        f"{name} {perf[key]:.3f}" for key, name in (("dep_las", "LAS"), ("ents_f", "NER F")) if key in perf
    )
    where = model or "quotes/model (bundled)"
    return f"`{where}` ({nlp.lang}_{nlp.meta.get('name')} {nlp.meta.get('version')}{'; ' + scores if scores else ''})"


def report(
    seed: dict,
    per_category: dict[str, Counter],
    cases: CaseResult,
    n_cases: int,
    nlp,
    args: argparse.Namespace,
    seconds: float,
) -> str:
    t = seed["totals"]
    lines = [
        "# Speakers, roles and organisations",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- commit: {commit()}",
        f"- pipeline: {describe(nlp, args.model)}",
        f"- command: `{shlex.join(['python', 'benchmarks/speakers.py', *args.argv])}` ({seconds:.0f} s)",
        "- gold and scoring rules: the docstring of `benchmarks/speakers.py`; gold in `benchmarks/data/`",
        "",
        "## Seed articles (data/, `extract_tables`, canonical speakers)",
        "",
        f"{seed['rows']} hand-annotated quotes by named people in the body text of {seed['articles']} articles "
        f"({seed['body']} mentions in body text).",
        "",
        "| measure | share |",
        "|---|---:|",
        f"| found (a body mention contains the snippet) | {pct(t['found'], t['found_n'])} |",
        f"| speaker = gold full name | {pct(t['speaker'], t['speaker_n'])} |",
        f"| role correct (rows with a gold role) | {pct(t['role'], t['role_n'])} |",
        f"| org correct (rows with a gold org) | {pct(t['org'], t['org_n'])} |",
        "",
        "By how the article attributes the quote:",
        "",
        "| via | rows | found | speaker | role | org |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for via, c in sorted(seed["by_via"].items(), key=lambda kv: -kv[1]["found_n"]):
        lines.append(
            f"| {via} | {c['found_n']} | {pct(c['found'], c['found_n'])} | "
            f"{pct(c['speaker'], c['speaker_n'])} | {pct(c['role'], c['role_n'])} | "
            f"{pct(c['org'], c['org_n'])} |"
        )
    lines += ["", f"Misses ({len(seed['misses'])} rows):", ""]
    if seed["misses"]:
        lines += [
            "| doc | snippet | via | wrong | got | expected | speaker mention(s) |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {m['doc']} | {cell(m['snippet'])} | {m['via']} | {m['wrong']} | {cell(m['got'])} | "
            f"{cell(m['expected'])} | {cell(m['mentions'])} |"
            for m in seed["misses"]
        ]
    else:
        lines.append("none")
    a = per_category["all"]
    lines += [
        "",
        "## Written cases (`speaker_cases.jsonl`, per document, `doc._.quotes`)",
        "",
        f"{n_cases} short texts, {a['quotes']} expected quotes; {a['missing']} missing, {a['extra']} extra "
        "extracted quotes. Accuracy counts a missing quote as wrong.",
        "",
        "| category | texts | quotes | missing | extra | speaker | role | org |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in [*sorted(k for k in per_category if k != "all"), "all"]:
        c = per_category[name]
        label = "**all**" if name == "all" else name
        lines.append(
            f"| {label} | {c['texts']} | {c['quotes']} | {c['missing']} | {c['extra']} | "
            f"{pct(c['speaker'], c['speaker_n'])} | {pct(c['role'], c['role_n'])} | "
            f"{pct(c['org'], c['org_n'])} |"
        )
    lines += ["", f"Failures ({len(cases.failures)} expected quotes):", ""]
    if cases.failures:
        lines += [
            "| case | category | quote | wrong | got | expected | speaker mention |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {f['id']} | {f['category']} | {cell(f['quote'], 40)} | {f['wrong']} | {cell(f['got'])} | "
            f"{cell(f['expected'])} | {cell(f['mention'], 40)} |"
            for f in cases.failures
        ]
    lines += ["", f"Extra quotes ({len(cases.extras)}):", ""]
    if cases.extras:
        lines += ["| case | kind | quote | speaker |", "|---|---|---|---|"]
        lines += [f"| {e['id']} | {e['kind']} | {cell(e['quote'])} | {cell(e['speaker'], 40)} |" for e in cases.extras]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "speakers.md", help="markdown report to write")
    parser.add_argument("--model", help="a spaCy pipeline name or path instead of the bundled one")
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    start = time.perf_counter()
    nlp = quotes.load(args.model)
    seed = score_seed(nlp)
    per_category, cases, n_cases = score_cases(nlp)
    text = report(seed, per_category, cases, n_cases, nlp, args, time.perf_counter() - start)
    print(text)
    args.out.write_text(text, encoding="utf8")


if __name__ == "__main__":
    main()
