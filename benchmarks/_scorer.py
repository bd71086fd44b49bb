"""The shared PolNeAR scorer (``../shared/eval/score_polnear.py``) as a module, for the benchmarks that score
with it: it is a script, not a package, and defines the gold classes independently of the extractor."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

SCORER = Path(__file__).parents[1].parent / "shared" / "eval" / "score_polnear.py"


@cache
def load_scorer(path: Path = SCORER) -> ModuleType:
    """The shared scorer, imported from its file."""
    spec = importlib.util.spec_from_file_location("score_polnear", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise SystemExit(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_scorer(mentions_csv: Path, split: Path, path: Path = SCORER) -> dict:
    """The scorer's own verdict on a mentions table, run as its README says (its JSON output)."""
    done = subprocess.run(
        [sys.executable, str(path), str(mentions_csv), str(split)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)
