"""``python -m quotes``: the same command line as the ``quotes`` script."""

from .cli import app

app(prog_name="quotes")
