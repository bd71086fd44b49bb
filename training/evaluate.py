"""Evaluate a trained pipeline on the held-out test splits and print the scores as markdown tables.

Reads ``{corpus}/{ewt-test,gum-test,gum-news-test}.spacy`` (written by ``training/convert.py``) and scores
them exactly as ``spacy evaluate`` does: ``Corpus(path, gold_preproc=False)(nlp)`` makes examples whose
predicted side is the raw text run through the pipeline's own tokenizer, then ``nlp.evaluate``. The numbers
are therefore comparable to ``python -m spacy evaluate MODEL_DIR training/corpus/ewt-test.spacy``.

Entities: EWT test carries the UNER labels (PER/ORG/LOC as PERSON/ORG/LOC, OTH dropped); GUM carries its
proper-name person/organization/place mentions as PERSON/ORG/LOC. Sentences without entity annotation are
not counted for or against the model (spaCy's scorer skips missing annotation).

Usage: python training/evaluate.py MODEL_DIR [--corpus training/corpus] [--out FILE.md] [--json FILE.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.training import Corpus

SPLITS = {
    "EWT test": "ewt-test.spacy",
    "GUM test": "gum-test.spacy",
    "GUM news+interview test": "gum-news-test.spacy",
}
ENTITY_TYPES = ("PERSON", "ORG", "LOC")
# column header -> key in the scores of ``nlp.evaluate``
PARSE_COLUMNS = {
    "Tokens": "token_acc",
    "UPOS": "pos_acc",
    "Morph": "morph_acc",
    "Lemma": "lemma_acc",
    "UAS": "dep_uas",
    "LAS": "dep_las",
    "Sent P": "sents_p",
    "Sent R": "sents_r",
    "Sent F": "sents_f",
}
ENTITY_COLUMNS = {"NER P": "ents_p", "NER R": "ents_r", "NER F": "ents_f"}


def size_mb(path: Path) -> float:
    """Total size of the files under ``path`` in MB (10^6 bytes)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def evaluate_split(nlp: Language, path: Path) -> dict[str, Any]:
    """Score ``nlp`` on one DocBin the way ``spacy evaluate`` does, plus the split's size."""
    examples = list(Corpus(path, gold_preproc=False)(nlp))
    scores = nlp.evaluate(examples)
    scores["n_docs"] = len(examples)
    scores["n_words"] = sum(len(eg.reference) for eg in examples)
    scores["n_ents"] = sum(len(eg.reference.ents) for eg in examples)
    return scores


def evaluate(model_dir: Path, corpus: Path) -> dict[str, dict[str, Any]]:
    """Scores of the pipeline in ``model_dir`` on each test split in ``corpus``, keyed by split name."""
    nlp = spacy.load(model_dir)
    missing = [name for name in SPLITS.values() if not (corpus / name).exists()]
    if missing:
        raise SystemExit(f"missing {', '.join(missing)} in {corpus}: run `python training/convert.py` first")
    return {split: evaluate_split(nlp, corpus / name) for split, name in SPLITS.items()}


def pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(results: dict[str, dict[str, Any]], model_dir: Path) -> str:
    """The scores as two markdown tables (tagging and parsing; entities), rows = splits, values in percent."""
    parse_rows = [
        [
            split,
            f"{s['n_words']:,}",
            *(pct(s.get(key)) for key in PARSE_COLUMNS.values()),
            f"{s['speed']:,.0f}",
        ]
        for split, s in results.items()
    ]
    entity_rows = []
    for split, s in results.items():
        per_type = s.get("ents_per_type") or {}
        row = [split, f"{s['n_ents']:,}"] + [pct(s.get(key)) for key in ENTITY_COLUMNS.values()]
        for label in ENTITY_TYPES:
            prf = per_type.get(label, {})
            row += [pct(prf.get("p")), pct(prf.get("r")), pct(prf.get("f"))]
        entity_rows.append(row)
    entity_header = ["Split", "Entities", *ENTITY_COLUMNS]
    entity_header += [f"{label} {m}" for label in ENTITY_TYPES for m in ("P", "R", "F")]
    return "\n\n".join(
        [
            f"Model: `{model_dir}` ({size_mb(model_dir):.1f} MB on disk). Scores in percent, from "
            "`nlp.evaluate` on the pipeline's own tokenization (as `spacy evaluate`).",
            "Tagging, parsing, sentences (Tokens = tokenization accuracy against the gold words; "
            "speed = words per second during evaluation, one process):",
            table(["Split", "Words", *PARSE_COLUMNS, "Words/s"], parse_rows),
            "Entities (EWT: UNER PER/ORG/LOC; GUM: proper-name person/organization/place mentions):",
            table(entity_header, entity_rows),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model_dir", type=Path, help="a trained pipeline, e.g. training/output/model-best")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parent / "corpus")
    parser.add_argument("--out", type=Path, help="also write the markdown tables to this file")
    parser.add_argument("--json", type=Path, help="also write all scores (per split) to this JSON file")
    args = parser.parse_args()
    results = evaluate(args.model_dir, args.corpus)
    text = markdown(results, args.model_dir)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf8")
    if args.json:
        sizes = {"model_dir": str(args.model_dir), "size_mb": round(size_mb(args.model_dir), 2)}
        args.json.write_text(json.dumps({**sizes, "splits": results}, indent=2) + "\n", encoding="utf8")


if __name__ == "__main__":
    main()
