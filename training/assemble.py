"""Assemble the shipped pipeline: the treebank pipeline plus the separately trained entity recogniser.

The main pipeline (``tok2vec``, ``morphologizer``, ``parser``, ``trainable_lemmatizer``; ``training/config.cfg``)
and the recogniser (``ner`` with its own tok2vec inside its model; ``training/ner.cfg``) are trained apart, on
different data, with the same static vectors. This sources the ``ner`` component into the main pipeline after
the parser (spaCy's ``add_pipe(..., source=...)``, the same as ``[components.ner] source = ...`` in a config),
checks that the two carry the same vectors table, and writes the result.

``--vectors DIR`` ships the table of a vectors model (``training/vectors.py``'s output) instead of the one the
main pipeline carries, and ``--vector-rows N`` keeps its first N rows only and the keys that point at them; the
words of the removed rows have no vector, as every word past the table's end had in training. The tables are
compared word by word (every word of each trained pipeline's table that the shipped table holds has the same
vector there), so a pipeline trained with the older table (ORTH keys with Title and UPPER copies) can be shipped
with the table keyed by LOWER: both give "Obama" GloVe's vector of "obama". It is how the pipeline stays within
the 40 MB budget (each row is 200 bytes plus its key). spaCy's own ``Vocab.prune_vectors`` is not used: it counts
keys, not rows, so with three keys per row (the older table) it kept a third of the words and remapped the rest
to their nearest neighbours (measured: UNER test F 65.7 instead of 68.0). The older table's rows are not in
frequency order (``spacy init vectors`` reorders them when it merges the copies), so 0.2.0's cut to 75,000 of its
80,000 rows dropped 5,000 words at random; the LOWER table keeps GloVe's order, most frequent first.

Usage: python training/assemble.py MAIN_DIR NER_DIR --out training/output/assembled [--vectors DIR] [--vector-rows N]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import spacy
import srsly
from spacy.attrs import LOWER, ORTH
from spacy.pipeline import EditTreeLemmatizer
from spacy.vectors import Vectors
from vectors import save


def first_rows(vectors: Vectors, n: int) -> Vectors:
    """The first ``n`` rows of a vectors table, with the keys that point at them."""
    cut = Vectors(strings=vectors.strings, data=vectors.data[:n].copy(), name=vectors.name, attr=vectors.attr)
    for key, row in vectors.key2row.items():
        if row < n:
            cut.add(key, row=row)
    return cut


def shipped_table(vectors: Vectors, rows: int | None) -> Vectors:
    """The table as the assembled pipeline carries it: its first ``rows`` rows (all when None or fewer)."""
    return first_rows(vectors, rows) if rows is not None and vectors.shape[0] > rows else vectors


def same_vectors(trained: Vectors, shipped: Vectors, shipped_attr: int) -> bool:
    """Every word of ``trained`` that ``shipped`` holds has the same vector in both. Only the keys that are their
    own ``shipped_attr`` form are compared (GloVe's words; the Title and UPPER copies of the older table share
    their rows, and a few of them do not lower-case back to their word: "STRASSE" of "straße")."""
    key_form = {ORTH: str, LOWER: str.lower}[shipped_attr]
    for key, row in trained.key2row.items():
        word = trained.strings[key]
        other = shipped.key2row.get(key) if key_form(word) == word else None
        if other is not None and not (trained.data[row] == shipped.data[other]).all():
            return False
    return True


def assemble(
    main_dir: Path, ner_dir: Path, out: Path, vector_rows: int | None = None, vectors_dir: Path | None = None
) -> None:
    """Source ``ner_dir``'s recogniser into ``main_dir``'s pipeline, with the table of ``vectors_dir`` (default:
    the main pipeline's) cut to ``vector_rows``; both pipelines must have been trained with the same vectors."""
    nlp = spacy.load(main_dir)
    ner_nlp = spacy.load(ner_dir)
    source = spacy.load(vectors_dir).vocab.vectors if vectors_dir is not None else nlp.vocab.vectors
    table = shipped_table(source, vector_rows)
    for trained in (nlp, ner_nlp):
        if not same_vectors(trained.vocab.vectors, table, source.attr):
            raise SystemExit(f"{main_dir}, {ner_dir} and the shipped table hold different static vectors")
    if "ner" in nlp.pipe_names:
        nlp.remove_pipe("ner")
    nlp.add_pipe("ner", source=ner_nlp, after="parser")
    # the words of a trained table that the shipped one has no key for (the older table's Title and UPPER
    # copies, the cut rows) would stay in the pipeline's strings: 3 MB for nothing. The lemmatizer's edit trees
    # hold their strings by hash, so those stay.
    in_trees = {
        tree[part]
        for name in nlp.pipe_names
        if isinstance(nlp.get_pipe(name), EditTreeLemmatizer)
        for tree in (nlp.get_pipe(name).trees[i] for i in range(len(nlp.get_pipe(name).trees)))
        for part in ("orig", "subst")
        if part in tree
    }
    unused = {
        nlp.vocab.strings[key] for key in nlp.vocab.vectors.key2row if key not in table.key2row and key not in in_trees
    }
    if table is not nlp.vocab.vectors:
        print(f"vectors: {source.shape[0]} rows cut to {table.shape[0]} ({table.n_keys} keys)")
        nlp.vocab.vectors = table
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    save(nlp, out)
    strings = out / "vocab" / "strings.json"
    kept = [s for s in srsly.read_json(strings) if s not in unused]
    srsly.write_json(strings, kept)
    print(f"strings: {len(unused)} words without a vector left out, {len(kept)} kept")
    doc = spacy.load(out)("The minister Angela Merkel said in Berlin that Siemens would invest.")
    print(
        f"wrote {out}: pipes {nlp.pipe_names}; entities in a check sentence: {[(e.text, e.label_) for e in doc.ents]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("main_dir", type=Path)
    parser.add_argument("ner_dir", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--vectors", type=Path, help="ship this vectors model's table (training/vectors.py's output)")
    parser.add_argument("--vector-rows", type=int, help="keep the vectors of the first N rows only")
    args = parser.parse_args()
    assemble(args.main_dir, args.ner_dir, args.out, args.vector_rows, args.vectors)


if __name__ == "__main__":
    main()
