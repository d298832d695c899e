"""Build the spaCy Language and run the extractors over parsed docs, in batches.

Data flow: Article -> spaCy Doc (nlp.pipe, batched) -> each extractor in EXTRACTORS order,
``extract(doc, article, upstream)`` -> AnalyzedArticle of plain records. No spaCy object
leaves this module. The model is loaded once per process (:func:`load_model`).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import pkgutil
import logging
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType, ModuleType

import spacy
from spacy.language import Language

from ..config import AnalyzeOptions
from ..datafiles import data_digest
from ..errors import AnalysisError, ConfigError, message
from ..records import AnalyzedArticle, Article, Failure, Record
from .shared.hygiene import clean
from .shared.spacy_rules import known_abbreviations, one_blas_thread, speed_up

__all__ = ["EXTRACTORS", "analyze_articles", "extractors", "load_model", "provenance"]

log = logging.getLogger(__name__)

def _discover() -> dict[str, ModuleType]:
    """Every extractor: a package of ``nlp/`` with an ``extract.py`` (NAME, VERSION, REQUIRES, extract)."""
    found = {}
    for info in pkgutil.iter_modules(importlib.import_module(__package__).__path__):
        if info.ispkg and importlib.util.find_spec(f"{__package__}.{info.name}.extract") is not None:
            module = importlib.import_module(f"{__package__}.{info.name}.extract")
            found[module.NAME] = module
    return found


def _in_order(modules: dict[str, ModuleType]) -> tuple[str, ...]:
    """Each extractor after those it ``REQUIRES`` (whose records it reads from ``upstream``);
    among those ready at once, by name. A missing or circular requirement is an error here."""
    order: list[str] = []
    waiting = {name: set(getattr(m, "REQUIRES", ())) for name, m in modules.items()}
    for name, needs in waiting.items():
        if needs - modules.keys():
            raise ConfigError("E202", key=f"{name}.REQUIRES", value=sorted(needs), reason="no such extractor")
    while waiting:
        ready = sorted(name for name, needs in waiting.items() if needs <= set(order))
        if not ready:
            raise ConfigError("E202", key="REQUIRES", value=sorted(waiting), reason="the requirements form a cycle")
        order.append(ready[0])
        del waiting[ready[0]]
    return tuple(order)


_FOUND = _discover()
#: The extractors in the order they run: each sees the records of those before it. The design's
#: order (mentions -> time -> actors -> places -> attribution -> claims -> events) follows from
#: what each REQUIRES; a new extractor is found by its package, placed by its REQUIRES.
EXTRACTORS: tuple[str, ...] = _in_order(_FOUND)


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load a spaCy pipeline by package name, once per process, its attribute ruler matching
    and its lemmatizer reading arrays (same annotations, see spacy_rules.py)."""
    try:
        return known_abbreviations(speed_up(spacy.load(name)))
    except (OSError, ImportError) as exc:
        raise AnalysisError("E206", name=name, reason=exc) from exc


@lru_cache(maxsize=1)
def extractors() -> tuple[ModuleType, ...]:
    return tuple(_FOUND[name] for name in EXTRACTORS)


def provenance(options: AnalyzeOptions) -> dict[str, str]:
    """``{extractor: version}`` as stored per article in ``analyses``: the extractor's code
    version, then a digest of what else its records depend on: its own data files, the shared
    data, the spaCy model (name and installed version) and the user's actor table (its bytes).
    A relearned table, another model or an edited actor table changes it, so the articles
    analysed before are re-analysed (local, pool and Dask runs all skip by this one function)."""
    common = hashlib.sha256()
    common.update(data_digest(f"{__package__}.shared").encode())
    common.update(f"{options.model}={_model_version(options.model)}".encode())
    if options.actor_table:
        common.update(_file_digest(options.actor_table).encode())
    base = common.hexdigest()
    return {m.NAME: f"{m.VERSION}+{_short(base, data_digest(m.__package__))}" for m in extractors()}


def _short(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:12]


def _model_version(name: str) -> str:
    try:
        return spacy.util.get_package_version(name) or "unknown"
    except Exception:  # a path or an unusual install: its name alone still says which
        return "unknown"


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as exc:
        raise ConfigError("E202", key="analyze.actor_table", value=path, reason=exc) from exc


def _too_long(article: Article, limit: int) -> Failure | None:
    if len(article.text) <= limit:
        return None
    return Failure(article.origin or article.id, "E109",
                   message("E109", path=article.origin or article.id, n=len(article.text), limit=limit),
                   article.id)


def run_extractors(doc, article: Article, versions: dict[str, str] | None = None, skipped: int = 0) -> AnalyzedArticle:
    """Run every extractor on one parsed doc; an extractor that fails becomes a Failure.
    ``versions`` (from :func:`provenance`) is what the result records as each extractor's version;
    ``doc`` is the parse of the cleaned text (``shared/hygiene.py``: same length, what is not
    prose blanked), ``skipped`` the sentences it left out as not English."""
    upstream: dict[str, tuple[Record, ...]] = {}
    doc.user_data.setdefault("newsgraph_text", doc.text)  # spaCy is lossless: == the text parsed
    failures: list[Failure] = []
    ran: list[tuple[str, str]] = []
    for module in extractors():
        try:
            upstream[module.NAME] = tuple(module.extract(doc, article, MappingProxyType(upstream)))
            ran.append((module.NAME, versions[module.NAME] if versions else module.VERSION))
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
    doc.user_data["newsgraph.model"] = options.model  # (events: a title-case headline is parsed again)
    return doc


def analyze_articles(articles: Iterable[Article], options: AnalyzeOptions) -> Iterator[AnalyzedArticle | Failure]:
    """Parse and extract, yielding one AnalyzedArticle (or Failure) per input, in order."""
    nlp = load_model(options.model)
    if options.actor_table:  # a malformed user table stops the run here, naming its line
        from .actors.table import load_table

        load_table(options.actor_table)
    versions = provenance(options)
    batch: list[Article] = []
    for article in articles:
        failure = _too_long(article, options.max_chars)
        if failure:
            yield failure
            continue
        batch.append(article)
        if len(batch) >= options.batch_size:
            yield from _analyze_batch(nlp, batch, options, versions)
            batch = []
    if batch:
        yield from _analyze_batch(nlp, batch, options, versions)


def _analyze_batch(nlp: Language, batch: list[Article], options: AnalyzeOptions,
                   versions: dict[str, str]) -> Iterator[AnalyzedArticle]:
    # A memory zone frees the strings and lexemes this batch added to the vocab, so memory stays
    # flat over long runs; records are plain values, so nothing outlives the zone.
    with nlp.memory_zone(), one_blas_thread():
        cleaned = [clean(a.text) for a in batch]
        docs = nlp.pipe((text for text, _ in cleaned), batch_size=len(batch))
        results = [run_extractors(_with_settings(doc, options), article, versions, skipped)
                   for article, doc, (_, skipped) in zip(batch, docs, cleaned)]
    yield from results
