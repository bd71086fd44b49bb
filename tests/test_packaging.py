"""Every third-party package the code imports is declared in pyproject.toml."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).parents[1]
LOCAL = {"quotes", "_report", "conftest", "__future__"}


def imported_modules(folder: str) -> set[str]:
    """Top-level names of the modules imported by the Python files under ``folder``."""
    names = set()
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    scripts = {path.stem for path in (ROOT / folder).rglob("*.py")}  # a script's neighbours it imports
    return names - LOCAL - scripts - set(sys.stdlib_module_names)


def declared() -> set[str]:
    """Normalised names of the distributions pyproject.toml requires, extras included."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf8"))["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return {normalised(re.match(r"[A-Za-z0-9._-]+", r).group()) for r in requirements}


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("folder", ["quotes", "benchmarks", "tests"])
def test_every_imported_package_is_declared(folder: str) -> None:
    distributions = packages_distributions()
    undeclared = {
        module
        for module in imported_modules(folder)
        if not {normalised(d) for d in distributions.get(module, [module])} & declared()
    }
    assert not undeclared, f"imported in {folder}/ but not declared in pyproject.toml: {sorted(undeclared)}"
