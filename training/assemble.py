"""Assemble the shipped pipeline: the treebank pipeline plus the separately trained entity recogniser.

The main pipeline (``tok2vec``, ``morphologizer``, ``parser``, ``trainable_lemmatizer``; ``training/config.cfg``)
and the recogniser (``ner`` with its own tok2vec inside its model; ``training/ner.cfg``) are trained apart, on
different data, with the same static vectors. This sources the ``ner`` component into the main pipeline after
the parser (spaCy's ``add_pipe(..., source=...)``, the same as ``[components.ner] source = ...`` in a config),
checks that the two carry the same vectors table, and writes the result.

``--vector-rows N`` then keeps the vectors of the first N rows only (GloVe's order: the most frequent words) and
the keys that point at them; the words of the removed rows have no vector, as every word past the table's end
had in training. It is how the pipeline stays within the 40 MB budget: trained with 80,000 rows, assembled with
75,000 (each row is 200 bytes). spaCy's own ``Vocab.prune_vectors`` is not used: it counts keys, not rows, so
with three keys per row (word, Title, UPPER) it would keep a third of the words and remap the rest to their
nearest neighbours (measured: UNER test F 65.7 instead of 68.0).

Usage: python training/assemble.py MAIN_DIR NER_DIR --out training/output/assembled [--vector-rows 75000]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import spacy
from spacy.vectors import Vectors


def first_rows(vectors: Vectors, n: int) -> Vectors:
    """The first ``n`` rows of a vectors table, with the keys that point at them."""
    cut = Vectors(strings=vectors.strings, data=vectors.data[:n].copy(), name=vectors.name)
    for key, row in vectors.key2row.items():
        if row < n:
            cut.add(key, row=row)
    return cut


def shipped_table(vectors: Vectors, rows: int | None) -> Vectors:
    """The table as the assembled pipeline carries it: its first ``rows`` rows (all when None or fewer)."""
    return first_rows(vectors, rows) if rows is not None and vectors.shape[0] > rows else vectors


def same_table(a: Vectors, b: Vectors) -> bool:
    return a.shape == b.shape and dict(a.key2row) == dict(b.key2row) and bool((a.data == b.data).all())


def assemble(main_dir: Path, ner_dir: Path, out: Path, vector_rows: int | None = None) -> None:
    """Source ``ner_dir``'s recogniser into ``main_dir``'s pipeline. The two must carry the same table once cut
    to ``vector_rows`` (so a recogniser can come from an assembled pipeline, whose table is already cut)."""
    nlp = spacy.load(main_dir)
    ner_nlp = spacy.load(ner_dir)
    table = shipped_table(nlp.vocab.vectors, vector_rows)
    if not same_table(table, shipped_table(ner_nlp.vocab.vectors, vector_rows)):
        raise SystemExit(f"{main_dir} and {ner_dir} were trained with different static vectors")
    if "ner" in nlp.pipe_names:
        nlp.remove_pipe("ner")
    nlp.add_pipe("ner", source=ner_nlp, after="parser")
    if table is not nlp.vocab.vectors:
        rows = nlp.vocab.vectors.shape[0]
        nlp.vocab.vectors = table
        print(f"vectors: {rows} rows cut to {table.shape[0]} ({table.n_keys} keys)")
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    doc = spacy.load(out)("The minister Angela Merkel said in Berlin that Siemens would invest.")
    print(
        f"wrote {out}: pipes {nlp.pipe_names}; entities in a check sentence: {[(e.text, e.label_) for e in doc.ents]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("main_dir", type=Path)
    parser.add_argument("ner_dir", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--vector-rows", type=int, help="keep the vectors of the first N rows only")
    args = parser.parse_args()
    assemble(args.main_dir, args.ner_dir, args.out, args.vector_rows)


if __name__ == "__main__":
    main()
