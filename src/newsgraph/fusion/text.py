"""Text normalisation for fusion: lemmas and concepts of a claim, word shingles and MinHash
signatures of an article, wire-service markers. Pure functions, no model needed."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any

import numpy as np

from .lexicon import lexicon

__all__ = ["bands", "concepts", "countries_in", "estimate_jaccard", "forget_texts", "lemma", "minhash", "wire_marker",
           "words"]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PRIME = np.uint64((1 << 31) - 1)  # Mersenne prime: see _coefficients


def _undouble(stem: str) -> str:
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    return stem


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """A crude English lemma: irregular table, then suffix rules (both sides of a comparison
    go through the same rules, which is all fusion needs)."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    lex = lexicon()
    if word in lex.lemmas:
        return lex.lemmas[word]
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ied", "y"), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            if suffix == "es" and not word.endswith(("ses", "xes", "ches", "shes", "zes")):
                stem = word[:-1]
            if suffix in ("ing", "ed"):
                stem = _undouble(stem)
                if stem + "e" in lex.concepts:
                    stem += "e"
            return lex.lemmas.get(stem, stem)
    return word


_RUN = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:(?:of|and|the|de)\s+)*[A-Z][\w.'’-]*)*")
_MAX_NAME_WORDS = 7


@lru_cache(maxsize=4096)  # a claim's text is read twice (countries_in, concepts); copies repeat it
def _country_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, ISO3) of country names and demonyms: runs of capitalised words are matched
    longest-first against the gazetteer (much faster than one alternation of every name)."""
    names = lexicon().country_of
    out = []
    for run in _RUN.finditer(text):
        words = [(m.start() + run.start(), m.end() + run.start()) for m in re.finditer(r"\S+", run.group(0))]
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + _MAX_NAME_WORDS), i, -1):
                start, end = words[i][0], words[j - 1][1]
                raw = text[start:end].lower().removesuffix("'s").removesuffix("’s")
                code = next((names[p] for p in (raw, raw.rstrip(".,;:"), raw.removeprefix("the ")) if p in names), None)
                if code:
                    out.append((start, end, code))
                    i = j - 1
                    break
            i += 1
    return tuple(out)


def countries_in(text: str) -> set[str]:
    """ISO3 codes of the countries named (or whose demonyms appear) in ``text``."""
    return {code for _, _, code in _country_spans(text)}


def concepts(text: str) -> dict[str, float]:
    """Content tokens of a claim, each a concept (weight 2 for object concepts) or a lemma;
    country names are left out (they are compared as entities)."""
    return dict(_concepts(text))


@lru_cache(maxsize=16_384)  # event triggers repeat, and so do the claims of syndicated copies
def _concepts(text: str) -> tuple[tuple[str, float], ...]:
    """:func:`concepts` as (token, weight) pairs in order, kept per text."""
    lex = lexicon()
    for start, end, _ in reversed(_country_spans(text)):
        text = text[:start] + " " + text[end:]
    out: dict[str, float] = {}
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.lower() in lex.stopwords or len(word) < 3:
            continue
        base = lemma(word)
        if base in lex.stopwords:
            continue
        token = lex.concepts.get(base, base)
        out[token] = 2.0 if token in lex.objects else 1.0
    return tuple(out.items())


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, int], Any, float]:
    from .stance import load_model

    model = load_model()
    return model.vocab, model.idf, float(model.idf.max())


@lru_cache(maxsize=16_384)  # the claims of syndicated copies repeat
def words(text: str) -> tuple[tuple[str, float], ...]:
    """The claim's words (light stems, as the stance model reads them) with their inverse
    document frequency, learned from news bodies (a word it has never seen is as rare as the
    rarest): what two claims are compared by when the concept lexicon has nothing. Country
    names and the words of the concept lexicon are left out (they are compared as entities
    and concepts)."""
    from .stance import STOPWORDS, stem

    vocab, idf, rarest = _idf()
    lex = lexicon()
    for start, end, _ in reversed(_country_spans(text)):
        text = text[:start] + " " + text[end:]
    out: dict[str, float] = {}
    for match in _WORD.finditer(text):
        w = stem(match.group(0))
        if len(w) < 2 or w in STOPWORDS or lemma(match.group(0)) in lex.concepts:
            continue
        i = vocab.get(w)
        out[w] = round(float(idf[i]) if i is not None else rarest, 2)
    return tuple(out.items())


def wire_marker(text: str) -> str | None:
    """The wire service named in a "(Reuters)"-style marker near the start, if any."""
    match = lexicon().wire.search(text[:300])
    return match.group("name").strip() if match else None


def _shingles(text: str, size: int) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


@lru_cache(maxsize=4)
def _coefficients(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` hash functions h(x) = (a*x + b) mod p of the universal (Carter-Wegman) family, with
    p = 2^31 - 1 so that a*x + b stays below 2^64 and the modulo really mixes: each function
    orders the shingles differently."""
    rng = np.random.default_rng(20241015)  # fixed: signatures are stored and compared later
    return (rng.integers(1, int(_PRIME), n, dtype=np.uint64), rng.integers(0, int(_PRIME), n, dtype=np.uint64))


def minhash(text: str) -> list[int]:
    """MinHash signature over word shingles: one minimum per hash function."""
    settings = lexicon().settings["shingles"]
    shingles = _shingles(text, settings["size"])
    a, b = _coefficients(settings["permutations"])
    if not shingles:
        return [int(_PRIME)] * settings["permutations"]
    # each shingle's 4-byte BLAKE2b digest read as a little-endian unsigned integer, below p
    digests = b"".join([hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest() for s in shingles])
    hashes = np.frombuffer(digests, dtype="<u4").astype(np.uint64) % _PRIME
    values = (np.outer(a, hashes) + b[:, None]) % _PRIME
    return values.min(axis=1).tolist()


def bands(signature: list[int]) -> list[str]:
    """LSH band keys over the first ``bands x band_rows`` minima: articles sharing one are
    candidates (16 bands of 4 rows: a pair with Jaccard 0.5 shares one with probability 0.64)."""
    settings = lexicon().settings["shingles"]
    n, rows = settings["bands"], settings["band_rows"]
    return [f"{i}:" + hashlib.blake2b(repr(signature[i * rows:(i + 1) * rows]).encode(), digest_size=8).hexdigest()
            for i in range(n)]


def estimate_jaccard(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b)) / len(a) if a else 0.0


def forget_texts() -> None:
    """Empty the caches of texts and words (called at the end of each fusion run: they pay off
    within a run, where copies repeat texts, and would otherwise fill up over a long one)."""
    for cached in (lemma, _country_spans, _concepts, words):
        cached.cache_clear()
