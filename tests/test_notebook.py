"""The exploration notebook: it runs top to bottom on data/, is committed without outputs and only uses quotes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
KERNEL = "python3"
CELL_TIMEOUT = 120  # seconds; the slowest cell loads the model and parses the five sample articles
MAX_COMMITTED_OUTPUTS = 50_000  # bytes of outputs (as JSON) in the committed notebook
# The notebook shows what quotes finds; running spaCy itself would be extraction logic of its own.
SPACY_CALLS = ("import spacy", "from spacy", "spacy.load", "nlp.pipe")


def read_notebook() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def html_outputs(notebook: nbformat.NotebookNode) -> str:
    return "\n".join(
        output.get("data", {}).get("text/html", "") for cell in code_cells(notebook) for output in cell.outputs
    )


def test_notebook_is_committed_without_outputs() -> None:
    notebook = read_notebook()
    nbformat.validate(notebook)
    cells = code_cells(notebook)
    assert sum(len(json.dumps(cell.outputs)) for cell in cells) < MAX_COMMITTED_OUTPUTS, "clear the outputs"
    assert all(cell.execution_count is None for cell in cells), "clear the outputs (execution counts too)"


@pytest.mark.parametrize("call", SPACY_CALLS)
def test_notebook_leaves_extraction_to_quotes(call: str) -> None:
    source = "\n".join(cell.source for cell in code_cells(read_notebook()))
    assert "import quotes" in source
    assert call not in source


# Jupyter starts a kernel in the notebook's folder; a user may also start one at the repository root.
@pytest.mark.parametrize("workdir", [NOTEBOOK.parent, ROOT], ids=["notebooks", "root"])
def test_notebook_runs_on_the_sample_data(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if KERNEL not in KernelSpecManager().find_kernel_specs():
        pytest.fail(f"no Jupyter kernel {KERNEL!r}: install the test tools with pip install -e '.[dev]' (ipykernel)")
    # The kernel inherits the environment: draw without a display, and import quotes from this checkout.
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    notebook = read_notebook()
    client = NotebookClient(
        notebook, timeout=CELL_TIMEOUT, kernel_name=KERNEL, resources={"metadata": {"path": str(workdir)}}
    )

    client.execute()  # raises CellExecutionError with the failing cell and its traceback

    shown = html_outputs(notebook)
    assert "<del" in shown or "<ins" in shown  # a quote's variants, differences highlighted
    assert 'class="spans"' in shown  # the article rendered by quotes.render
