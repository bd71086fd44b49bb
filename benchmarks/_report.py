"""What every benchmark report records: the commit it measured."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).parents[1]


def commit() -> str:
    """The short hash of HEAD, marked when the working tree has uncommitted changes."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    # the code measured: the package and the benchmark scripts (a report rewritten by another benchmark is not code)
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "quotes", "training", ":(glob)benchmarks/*.py")
    return f"{head} (with uncommitted changes)" if dirty else head
