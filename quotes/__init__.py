"""quotes: who said what in news articles - quotes, speakers and how far each quote travelled."""

from .api import Failure, Tables, build_tables, extract, extract_tables, iter_mentions
from .component import Quotation
from .pipeline import ModelNotFound, load
from .records import Article, Mention
from .render import render
from .report import report_html, write_report
from .table import MENTIONS_SCHEMA, QUOTES_SCHEMA, SchemaError

__all__ = [
    "MENTIONS_SCHEMA",
    "QUOTES_SCHEMA",
    "Article",
    "Failure",
    "Mention",
    "ModelNotFound",
    "Quotation",
    "SchemaError",
    "Tables",
    "build_tables",
    "extract",
    "extract_tables",
    "iter_mentions",
    "load",
    "render",
    "report_html",
    "write_report",
]
