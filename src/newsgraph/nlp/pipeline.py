"""Build the spaCy Language and run the extractors over parsed docs, in batches.

Data flow: Article -> spaCy Doc (nlp.pipe, batched) -> each extractor in EXTRACTORS order,
``extract(doc, article, upstream)`` -> AnalyzedArticle of plain records. No spaCy object
leaves this module. The model is loaded once per process (:func:`load_model`).
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from types import MappingProxyType, ModuleType

import spacy
from spacy.language import Language

from ..config import AnalyzeOptions
from ..errors import AnalysisError, message
from ..records import AnalyzedArticle, Article, Failure, Record
from .shared.hygiene import clean
from .shared.hygiene import clean
from .shared.spacy_rules import one_blas_thread, speed_up

__all__ = ["EXTRACTORS", "analyze_articles", "extractors", "load_model"]

log = logging.getLogger(__name__)

#: The fixed order of the design: each extractor sees the records of those before it.
EXTRACTORS: tuple[str, ...] = ("mentions", "time", "actors", "places", "attribution", "claims", "events")


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load a spaCy pipeline by package name, once per process, its attribute ruler matching
    and its lemmatizer reading arrays (same annotations, see spacy_rules.py)."""
    try:
        return speed_up(spacy.load(name))
    except (OSError, ImportError) as exc:
        raise AnalysisError("E206", name=name, reason=exc) from exc


@lru_cache(maxsize=1)
def extractors() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(f"{__package__}.{name}.extract") for name in EXTRACTORS)


def _too_long(article: Article, limit: int) -> Failure | None:
    if len(article.text) <= limit:
        return None
    return Failure(article.origin or article.id, "E109",
                   message("E109", path=article.origin or article.id, n=len(article.text), limit=limit),
                   article.id)


def run_extractors(doc, article: Article, skipped: int = 0) -> AnalyzedArticle:
    """Run every extractor on one parsed doc; an extractor that fails becomes a Failure.
    ``doc`` is the parse of the cleaned text (``shared/hygiene.py``: same length, what is not
    prose blanked), ``skipped`` the sentences it left out as not English."""
    upstream: dict[str, tuple[Record, ...]] = {}
    doc.user_data.setdefault("newsgraph_text", doc.text)  # spaCy is lossless: == the text parsed
    failures: list[Failure] = []
    ran: list[tuple[str, str]] = []
    for module in extractors():
        try:
            upstream[module.NAME] = tuple(module.extract(doc, article, MappingProxyType(upstream)))
            ran.append((module.NAME, module.VERSION))
        except Exception as exc:  # one extractor's bug must not lose the article
            log.exception("extractor %s failed on %s", module.NAME, article.id)
            upstream[module.NAME] = ()
            failures.append(Failure(article.origin or article.id, "E401",
                                    message("E401", name=module.NAME, article=article.id, reason=repr(exc)),
                                    article.id))
    records = tuple(r for name in upstream for r in upstream[name])
    return AnalyzedArticle(article, records, tuple(failures), tuple(ran), skipped)


def _with_settings(doc, options: AnalyzeOptions):
    """Run settings extractors read from the doc (only the user's actor table, so far)."""
    from .actors.extract import TABLE_KEY

    doc.user_data[TABLE_KEY] = options.actor_table
    return doc


def analyze_articles(articles: Iterable[Article], options: AnalyzeOptions) -> Iterator[AnalyzedArticle | Failure]:
    """Parse and extract, yielding one AnalyzedArticle (or Failure) per input, in order."""
    nlp = load_model(options.model)
    if options.actor_table:  # a malformed user table stops the run here, naming its line
        from .actors.table import load_table

        load_table(options.actor_table)
    batch: list[Article] = []
    for article in articles:
        failure = _too_long(article, options.max_chars)
        if failure:
            yield failure
            continue
        batch.append(article)
        if len(batch) >= options.batch_size:
            yield from _analyze_batch(nlp, batch, options)
            batch = []
    if batch:
        yield from _analyze_batch(nlp, batch, options)


def _analyze_batch(nlp: Language, batch: list[Article], options: AnalyzeOptions) -> Iterator[AnalyzedArticle]:
    # A memory zone frees the strings and lexemes this batch added to the vocab, so memory stays
    # flat over long runs; records are plain values, so nothing outlives the zone.
    with nlp.memory_zone(), one_blas_thread():
        cleaned = [clean(a.text) for a in batch]
        docs = nlp.pipe((text for text, _ in cleaned), batch_size=len(batch))
        results = [run_extractors(_with_settings(doc, options), article, skipped)
                   for article, doc, (_, skipped) in zip(batch, docs, cleaned)]
    yield from results
