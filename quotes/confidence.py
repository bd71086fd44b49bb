"""Confidence as a measurement: the precision of each (rule, speaker_rule) pair on annotated news.

The numbers live in ``resources/confidence.csv`` (rule, speaker_rule, rows, right, confidence), measured on
PolNeAR dev and rebuilt by ``python benchmarks/confidence.py``. A pair's confidence is its share of right rows,
shrunk toward its rule's share by ``PRIOR_ROWS`` pseudo-rows (and the rule's toward the share over all rows),
so a pair seen twice does not claim 0 or 1. A pair the table has never seen takes the value of its speaker
rule over all rules, else of its rule, else the overall value. ``speaker_rule`` is empty in the file for
quotes with no speaker; ``*`` stands for every rule (or every speaker rule).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files

ANY = "*"
NONE = ""  # the speaker_rule of a quote with no speaker, as written in the file
PRIOR_ROWS = 5
FIELDS = ("rule", "speaker_rule", "rows", "right", "confidence")


@cache
def table() -> dict[tuple[str, str], float]:
    """(rule, speaker_rule) -> confidence, from ``resources/confidence.csv``."""
    resource = files("quotes") / "resources" / "confidence.csv"
    lines = resource.read_text(encoding="utf8").splitlines()
    return {(r["rule"], r["speaker_rule"]): float(r["confidence"]) for r in csv.DictReader(lines)}


def confidence(rule: str, speaker_rule: str | None) -> float:
    """The measured precision of quotes found by ``rule`` with a speaker found by ``speaker_rule``."""
    values = table()
    key = NONE if speaker_rule is None else speaker_rule
    for k in lookup_order(rule, key):
        if k in values:
            return values[k]
    raise LookupError("resources/confidence.csv has no overall row (*, *): rebuild it with benchmarks/confidence.py")


def lookup_order(rule: str, speaker_rule: str) -> tuple[tuple[str, str], ...]:
    """The keys tried for a pair, most specific first."""
    return (rule, speaker_rule), (ANY, speaker_rule), (rule, ANY), (ANY, ANY)


def shrunk(right: int, rows: int, prior: float) -> float:
    """``right / rows`` pulled toward ``prior`` by ``PRIOR_ROWS`` pseudo-rows."""
    return (right + PRIOR_ROWS * prior) / (rows + PRIOR_ROWS)


def build(outcomes: list[tuple[str, str | None, bool]]) -> list[dict[str, object]]:
    """The rows of the confidence table from (rule, speaker_rule, right) outcomes, one per scored quote."""
    total = len(outcomes)
    right_total = sum(ok for *_, ok in outcomes)
    overall = right_total / total if total else 0.0
    by_rule: dict[str, list[int]] = {}
    by_speaker_rule: dict[str, list[int]] = {}
    by_pair: dict[tuple[str, str], list[int]] = {}
    for rule, speaker_rule, ok in outcomes:
        key = speaker_rule or NONE
        for counts in (
            by_rule.setdefault(rule, [0, 0]),
            by_speaker_rule.setdefault(key, [0, 0]),
            by_pair.setdefault((rule, key), [0, 0]),
        ):
            counts[0] += 1
            counts[1] += ok
    out: list[dict[str, object]] = [
        {"rule": ANY, "speaker_rule": ANY, "rows": total, "right": right_total, "confidence": overall}
    ]
    rule_value = {}
    for rule, (rows, right) in sorted(by_rule.items()):
        rule_value[rule] = shrunk(right, rows, overall)
        out.append({"rule": rule, "speaker_rule": ANY, "rows": rows, "right": right, "confidence": rule_value[rule]})
    for speaker_rule, (rows, right) in sorted(by_speaker_rule.items()):
        value = shrunk(right, rows, overall)
        out.append({"rule": ANY, "speaker_rule": speaker_rule, "rows": rows, "right": right, "confidence": value})
    for (rule, speaker_rule), (rows, right) in sorted(by_pair.items()):
        value = shrunk(right, rows, rule_value[rule])
        out.append({"rule": rule, "speaker_rule": speaker_rule, "rows": rows, "right": right, "confidence": value})
    for row in out:
        row["confidence"] = round(float(row["confidence"]), 3)  # type: ignore[arg-type]
    return out
