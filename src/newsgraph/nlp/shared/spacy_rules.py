"""spaCy as newsgraph runs it: the same annotations for less work per token.

* **The attribute ruler's matcher.** The shipped English pipeline's ``attribute_ruler`` maps
  tags to parts of speech and fixes lemmas with 179 one- and two-token patterns. spaCy's Matcher
  tries every pattern at every token, which costs more than the tagger and the parser together
  (6 s of 50 per 168 articles). :class:`LookupMatcher` indexes each pattern by the lower-cased
  form or the tag its first token requires and remembers, per distinct (form, tag, dep, space)
  row, which patterns hold, so a token is checked only against the few that could start there.
  It is used only when every pattern uses what it knows (fixed-length token sequences over LOWER,
  TAG, DEP, IS_SPACE with exact values, IN, NOT_IN or REGEX); otherwise spaCy's matcher stays.
  The ruler still sorts the matches and sets the attributes itself.
* **The rule lemmatizer.** spaCy's walks Token objects and looks each up in its own cache;
  :class:`ArrayLemmatizer` reads (form, part of speech, morphology) from one array, remembers
  the lemma of every such triple (spaCy's cache skips most), asks spaCy's own ``lemmatize`` only
  for a triple it has not seen, and writes the lemmas back in one ``from_array``.

* **Matrix products.** thinc multiplies with BLIS, whose build picks generic reference kernels on
  CPUs it does not recognise (this machine's AMD EPYC among them): 15-20 GFLOPS on one core,
  where numpy's OpenBLAS gives 50-55. :func:`numpy_matrix_products` makes the pipeline's models
  multiply with numpy (thinc's own ``use_blis=False`` path), which halves the tok2vec layers'
  time; :func:`one_blas_thread` keeps OpenBLAS to one thread while newsgraph parses, so that a
  process uses one core and N workers use N.
* **The lemmatizer's index.** spaCy's rule lemmatizer asks ``form in index``, where the index
  is a list of up to 57,528 words: 140 us per new (form, POS, morphology). :class:`_WordList`
  is the same list, answering ``in`` from a set.

``tests/nlp/shared/test_spacy_rules.py`` compares every token attribute with the stock pipeline's.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline import Lemmatizer

from .common import MEMO_ENTRIES

__all__ = ["ArrayLemmatizer", "LookupMatcher", "known_abbreviations", "numpy_matrix_products", "one_blas_thread",
           "speed_up"]

_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_LOWER, _TAG = 0, 1

Check = Callable[[list[int]], bool]


def known_abbreviations(nlp: Language) -> Language:
    """The one change to spaCy's annotations: titles in ``data/abbreviations.txt`` stay one
    token with their full stop ("Col. Patrick Ryder", "Sgt. Maj. John Reed"), so that no
    sentence ends after a title and the name keeps its title."""
    from ...datafiles import read_data

    for line in read_data("newsgraph.nlp.shared", "abbreviations.txt").splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            for form in {word, word.upper()}:
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    return nlp


def speed_up(nlp: Language) -> Language:
    """Give ``nlp``'s attribute ruler a :class:`LookupMatcher` if its patterns allow one, make
    its rule lemmatizer an :class:`ArrayLemmatizer` with a set-backed index, and its models
    multiply with numpy."""
    numpy_matrix_products(nlp)
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        try:
            ruler.matcher = LookupMatcher(nlp, ruler)
        except _Unsupported:
            pass
    for _, component in nlp.pipeline:
        if isinstance(component, Lemmatizer) and component.mode == "rule" and not isinstance(component, ArrayLemmatizer):
            # The same object and state, its class now one that overrides __call__ only (the
            # language's own lemmatizer, e.g. EnglishLemmatizer, keeps its rules).
            component.__class__ = _with_arrays(type(component))
            index = component.lookups.get_table("lemma_index", {})
            for pos in list(index):
                if isinstance(index[pos], list) and not isinstance(index[pos], _WordList):
                    index[pos] = _WordList(index[pos])
    return nlp


def numpy_matrix_products(nlp: Language) -> int:
    """Make every layer of ``nlp``'s models that multiplies with BLIS multiply with numpy
    instead (thinc's ``NumpyOps(use_blis=False)``: only ``gemm`` changes); returns how many.

    On CPUs BLIS recognises the two are about as fast; on others numpy is 3x faster. The
    products differ in the last bits at most (another summation order), which has left every
    annotation of the test texts unchanged (tests/nlp/shared/test_spacy_rules.py)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    changed = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and node.ops.use_blis:
                node.ops = ops
                changed += 1
    return changed


@lru_cache(maxsize=1)
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a dependency; without it threads stay as they are
        return None
    return ThreadpoolController()


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Within the block, BLAS libraries (numpy's OpenBLAS) use one thread; restored after.

    Each newsgraph process uses one core (N workers, N cores) and BLAS threads never compete
    with the workers, or with a server's threads."""
    controller = _blas_controller()
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield


class _WordList(list):
    """A list of words whose ``in`` is a set lookup: spaCy's lemmatizer tests ``form in index``
    against lists of up to 57,528 words. Everything else is the list's."""

    def __init__(self, words) -> None:
        super().__init__(words)
        self._set = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._set


@lru_cache(maxsize=None)
def _with_arrays(cls: type) -> type:
    return type(f"Array{cls.__name__}", (ArrayLemmatizer, cls), {})


class ArrayLemmatizer(Lemmatizer):
    """spaCy's rule lemmatizer, reading and writing arrays instead of Token objects.

    spaCy's own cache keeps only the lemmas its rules produced, not those of base forms, proper
    nouns or punctuation (60 % of tokens), which it works out anew each time. The rules read
    nothing but the form, the part of speech and the morphology, so every outcome is remembered
    here by those three (but for tokens with no part of speech, for which spaCy warns)."""

    _MEMO_LIMIT = MEMO_ENTRIES

    def __call__(self, doc):
        if not self._validated:
            self._validate_tables(Errors.E1004)
        if not len(doc):
            return doc
        memo = self.__dict__.setdefault("_lemmas", {})
        add = doc.vocab.strings.add
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.overwrite:  # set by the attribute ruler: kept, as spaCy does
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = self.lemmatize(doc[i])[0]  # spaCy's own rules
                if pos:
                    if len(memo) >= self._MEMO_LIMIT:
                        memo.clear()
                    memo[key] = found
            lemmas.append(add(found))  # added again: a memory zone may have freed the string
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc


class _Unsupported(Exception):
    """A pattern uses an operator or attribute the lookup matcher does not implement."""


class LookupMatcher:
    """Called as the AttributeRuler calls its Matcher; returns ``[(key, start, end), ...]``."""

    _MEMO_LIMIT = MEMO_ENTRIES  # distinct token rows remembered; cleared when full, so memory stays flat

    def __init__(self, nlp: Language, ruler) -> None:
        strings = nlp.vocab.strings
        self._strings = strings
        # Patterns by what their first token requires: (by lower form, by tag, anywhere),
        # one index for one-token patterns and one for longer ones.
        self._single = ({}, {}, [])
        self._multi = ({}, {}, [])
        self._memo: dict[tuple[int, ...], tuple[int, ...]] = {}  # token row -> one-token keys
        for attr_id in range(len(ruler.attrs)):
            key = strings.add(str(attr_id))
            _, patterns = ruler.matcher.get(str(attr_id))
            for pattern in patterns:
                compiled = (key, tuple(self._token_check(spec) for spec in pattern))
                self._index(self._single if len(pattern) == 1 else self._multi, pattern[0], compiled)

    def _index(self, index, first: dict, compiled) -> None:
        for attr, table in zip(("LOWER", "TAG"), index):
            value = first.get(attr)
            if isinstance(value, str):
                table.setdefault(self._strings.add(value), []).append(compiled)
                return
            if isinstance(value, dict) and set(value) == {"IN"}:
                for v in set(value["IN"]):
                    table.setdefault(self._strings.add(v), []).append(compiled)
                return
        index[2].append(compiled)

    def _token_check(self, spec: dict) -> tuple[tuple[int, str, object], ...]:
        checks = []
        for attr, value in spec.items():
            if attr not in _ATTRS:
                raise _Unsupported(attr)
            column = _ATTRS.index(attr)
            if attr == "IS_SPACE":
                if not isinstance(value, bool):
                    raise _Unsupported(value)
                checks.append((column, "eq", int(value)))
            elif isinstance(value, str):
                checks.append((column, "eq", self._strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN", "REGEX"}:
                op, arg = next(iter(value.items()))
                if op == "REGEX":
                    checks.append((column, "re", re.compile(arg).search))
                else:
                    checks.append((column, op, frozenset(self._strings.add(v) for v in arg)))
            else:
                raise _Unsupported(value)
        return tuple(checks)

    def _holds(self, checks, row: tuple[int, ...]) -> bool:
        for column, op, arg in checks:
            value = row[column]
            if op == "eq":
                if value != arg:
                    return False
            elif op == "IN":
                if value not in arg:
                    return False
            elif op == "NOT_IN":
                if value in arg:
                    return False
            elif not arg(self._strings[value]):  # REGEX, on the attribute's text
                return False
        return True

    @staticmethod
    def _candidates(index, row: tuple[int, ...]):
        by_lower, by_tag, anywhere = index
        return (*by_lower.get(row[_LOWER], ()), *by_tag.get(row[_TAG], ()), *anywhere)

    def _starting(self, row: tuple[int, ...]):
        """(keys of the one-token patterns a token with these attributes matches, the longer
        patterns whose first token it matches), memoised: a text has far fewer distinct
        (form, tag, dep, space) rows than tokens."""
        hit = self._memo.get(row)
        if hit is None:
            hit = (tuple({key for key, (checks,) in self._candidates(self._single, row) if self._holds(checks, row)}),
                   tuple((key, tokens) for key, tokens in self._candidates(self._multi, row)
                         if self._holds(tokens[0], row)))
            if len(self._memo) >= self._MEMO_LIMIT:
                self._memo.clear()
            self._memo[row] = hit
        return hit

    def __call__(self, doc, allow_missing: bool = False, as_spans: bool = False):
        rows = list(map(tuple, doc.to_array(list(_ATTRS)).tolist())) if len(doc) else []
        n = len(rows)
        found = []
        for start, row in enumerate(rows):
            singles, longer = self._starting(row)
            for key in singles:
                found.append((key, start, start + 1))
            for key, tokens in longer:
                end = start + len(tokens)
                if end <= n and all(self._holds(tokens[k], rows[start + k]) for k in range(1, len(tokens))):
                    found.append((key, start, end))
        return sorted(set(found), key=lambda m: (m[1], m[2], m[0]))
