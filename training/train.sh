#!/usr/bin/env bash
# Rebuild the bundled English pipeline from ../shared/corpora: convert, train, evaluate, package.
# About 80 minutes on 2 CPU cores. Usage: bash training/train.sh [extra `spacy train` overrides]
set -euo pipefail
cd "$(dirname "$0")/.."
CORPORA=${CORPORA:-../shared/corpora}
python training/convert.py --corpora "$CORPORA" --out training/corpus
python -m spacy train training/config.cfg --output training/output "$@"
python training/evaluate.py training/output/model-best --corpus training/corpus --out training/output/accuracy.md
python training/package.py training/output/model-best --dest quotes/model
