"""newsgraph: dated news articles in; a source-linked, time-anchored record of who said what,
who did what to whom, when, where and how sure anyone is, out.

    >>> import newsgraph
    >>> result = newsgraph.annotate("Seoul has warned ...", date="2024-10-15")
    >>> summary = newsgraph.analyze(["examples/articles"], db="newsgraph.duckdb")
    >>> store = newsgraph.open("newsgraph.duckdb")
"""

import logging

from .api import RunSummary, analyze, annotate, open, read
from .errors import NewsgraphError
from .records import AnalyzedArticle, Article, Failure

__all__ = [
    "AnalyzedArticle",
    "Article",
    "Failure",
    "NewsgraphError",
    "RunSummary",
    "analyze",
    "annotate",
    "open",
    "read",
]

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
