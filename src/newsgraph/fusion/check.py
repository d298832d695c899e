"""Check a claim against the store: every article that asserts, denies or discusses it.

    check(con, claim) -> dict      con: a DuckDB connection (Store.con or a server cursor)

Articles are first narrowed in SQL to those containing the claim's rarest words (inverse
document frequencies of the stance model; a word it does not know counts as rare), ranked by
the share of the claim's weight they contain; the best ``candidates`` are then read by
:func:`~newsgraph.fusion.stance.stance`. Each article that is not unrelated comes with the
sentence that decides it (its span), the speaker of the claim found in that sentence (else the
outlet), its day and outlet. Independent sources are counted per stance as in threads
(syndicated copies and one outlet's repeats count once).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import duckdb

from ..errors import InputError, StoreError
from .lexicon import lexicon
from .stance import claim_text, load_model, prepare_article, stance_of, tokens
from .threads import independent_sources

__all__ = ["MAX_CLAIM_CHARS", "check", "validate_claim"]

MAX_CLAIM_CHARS = 1000
_VERB = {"agree": "asserts", "disagree": "denies", "discuss": "discusses"}
_LATIN = re.compile(r"[A-Za-z]")
_SEARCH_WORDS = 4


def validate_claim(claim: str | None) -> str:
    """The claim, stripped; an empty, overlong or non-English claim is refused (E121)."""
    text = " ".join((claim or "").split())
    if not text:
        raise InputError("E121", reason="empty", hint="Give the claim as one sentence, e.g. \"X sent troops to Y\".")
    if len(text) > MAX_CLAIM_CHARS:
        raise InputError("E121", reason=f"{len(text):,} characters long (at most {MAX_CLAIM_CHARS:,})",
                         hint="Give the one sentence to check, not an article.")
    if not _looks_english(text):
        raise InputError("E121", reason="not in English, as far as newsgraph can tell",
                         hint="The stance model reads English only; give the claim in English.")
    return text


def _looks_english(text: str) -> bool:
    """Mostly Latin letters, and more English function words than those of Spanish, French,
    German, Italian, Portuguese or Dutch (``[language]`` in ``fusion.toml``); with as many of
    each (none, in a headline such as "Pope endorses candidate"), mostly words of the stance
    model's English vocabulary."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(bool(_LATIN.match(c)) for c in letters) / len(letters) < 0.8:
        return False
    words = re.findall(r"[^\W\d_]+", text.lower())
    lists = lexicon().settings["language"]
    english, other = (sum(w in set(lists[k]) for w in words) for k in ("english", "other"))
    if english != other:
        return english > other
    known = load_model().vocab
    found = tokens(text)
    return sum(t in known for t in found) >= 0.6 * max(1, len(found))


def _search_terms(claim: str) -> list[str]:
    """The claim's rarest words (stems, at least 4 letters), rarest first."""
    model = load_model()
    stems = {t for t in tokens(claim) if len(t) >= 4 and t.isalpha()}
    rare = sorted(stems, key=lambda t: (-(model.idf[model.vocab[t]] if t in model.vocab else 99.0), t))
    return rare[:_SEARCH_WORDS]


def _candidates(con: duckdb.DuckDBPyConnection, claim: str, limit: int) -> list[dict[str, Any]]:
    terms = _search_terms(claim)
    if not terms:
        return []
    model = load_model()
    weight = [float(model.idf[model.vocab[t]]) if t in model.vocab else 10.0 for t in terms]
    hits = " + ".join(f"(CASE WHEN contains(lower(a.text), ?) THEN {w} ELSE 0 END)" for w in weight)
    sql = (f"SELECT a.id, a.text, a.title, a.url, a.source, CAST(a.day AS VARCHAR) AS day, a.date, a.copy_of, hit FROM"
           f" (SELECT a.id, {hits} AS hit FROM articles a) h JOIN articles a ON a.id = h.id"
           f" WHERE hit >= ? ORDER BY hit DESC, a.day NULLS LAST, a.id LIMIT ?")
    need = 0.5 * sum(weight) if len(terms) > 1 else weight[0]
    rows = con.execute(sql, [*terms, need, limit]).fetchall()
    names = ["id", "text", "title", "url", "source", "day", "date", "copy_of", "hit"]
    return [dict(zip(names, r)) for r in rows]


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = ?", [name]).fetchall())


def _speakers(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, list[tuple[int, int, str]]]:
    """Per article, (start, end, claimant) of its claims: who speaks in the deciding sentence."""
    if not ids or not _table_exists(con, "claims"):
        return {}
    out: dict[str, list[tuple[int, int, str]]] = {}
    marks = ", ".join("?" * len(ids))
    for article, start, end, claimant in con.execute(
            f"SELECT article_id, start_char, end_char, coalesce(claimant, claimant_id) FROM claims"
            f" WHERE article_id IN ({marks}) ORDER BY article_id, start_char", list(ids)).fetchall():
        out.setdefault(article, []).append((start, end, claimant))
    return out


def _clusters(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, str]:
    if not ids or not _table_exists(con, "article_clusters"):
        return {}
    marks = ", ".join("?" * len(ids))
    return dict(con.execute(f"SELECT article_id, cluster_id FROM article_clusters WHERE article_id IN ({marks})",
                            list(ids)).fetchall())


def _speaker(spans: list[tuple[int, int, str]], start: int, end: int, outlet: str | None) -> str:
    for s, e, who in spans:
        if s < end and e > start and who and who != "author":
            return who
    return f"{outlet} (author)" if outlet else "the article (author)"


def check(con: duckdb.DuckDBPyConnection, claim: str, candidates: int = 100, model: Any = None,
          reader: Any = None) -> dict[str, Any]:
    """What the store says about ``claim``: the articles that assert, deny or discuss it, in
    date order (on one day an original before its copies). ``model``, ``reader``: the stance
    model and dispute reader to read them with (the shipped ones when None)."""
    text = validate_claim(claim)
    try:
        n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        found = _candidates(con, text, candidates) if n_articles else []
        model = model or load_model()
        target = claim_text(text, model)
        read = []
        for a in found:
            s = stance_of(target, prepare_article(a["text"] or "", model), model, reader)
            if s.side != "unrelated":
                read.append((a, s))
        ids = [a["id"] for a, _ in read]
        speakers, clusters = _speakers(con, ids), _clusters(con, ids)
    except duckdb.Error as exc:
        raise StoreError("E304", reason=exc) from exc
    rows = [_row(a, s, speakers.get(a["id"], []), clusters.get(a["id"])) for a, s in read]
    rows.sort(key=lambda r: (r["day"] or "9999", r["cluster_id"] != r["article_id"], r["date"] or "", r["article_id"]))
    return {"claim": text, "articles_in_store": n_articles, "candidates_read": len(found),
            "first_seen": _first(rows), "independent_sources": _independent(rows), "articles": rows,
            "message": _message(n_articles, rows)}


def _row(a: dict[str, Any], s: Any, spans: list[tuple[int, int, str]], cluster: str | None) -> dict[str, Any]:
    top = s.evidence[0] if s.evidence else None
    return {"article_id": a["id"], "title": a["title"], "url": a["url"], "outlet": a["source"], "day": a["day"],
            "date": a["date"], "stance": _VERB[s.side], "label": s.label, "confidence": _confidence(s),
            "sentence": top.text if top else None, "start": top.start if top else None,
            "end": top.end if top else None,
            "speaker": _speaker(spans, top.start, top.end, a["source"]) if top else None,
            "cluster_id": cluster or a["copy_of"] or a["id"]}


def _confidence(s: Any) -> float:
    """How likely what the row says is: asserting, the model's probability of that reading;
    denying, the dispute reader's calibrated probability (``Stance.dispute``: on stories it never
    learned from, the share of the rows scored alike that FNC-1 labels disagree); discussing
    (which includes the readings not sure enough to be shown as asserting or denying), that the
    article is related to the claim at all."""
    if s.side == "discuss":
        return round(1.0 - s.probabilities["unrelated"], 4)
    return s.dispute if s.side == "disagree" else s.probabilities[s.side]


def _first(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    dated = [r for r in rows if r["day"]]
    if not dated:
        return None
    r = dated[0]
    return {"day": r["day"], "article_id": r["article_id"], "outlet": r["outlet"], "stance": r["stance"]}


def _independent(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {verb: independent_sources([{"article_id": r["article_id"], "cluster_id": r["cluster_id"],
                                        "source": r["outlet"]} for r in rows if r["stance"] == verb])
            for verb in _VERB.values()}


def _message(n_articles: int, rows: list[dict[str, Any]]) -> str:
    if not n_articles:
        return "The store holds no articles yet: run `newsgraph analyze FILES --db DB` first."
    if not rows:
        return f"None of the {n_articles:,} articles asserts, denies or discusses this claim."
    counts = {v: sum(r["stance"] == v for r in rows) for v in _VERB.values()}
    return ", ".join(f"{n} {v}" for v, n in counts.items()) + f" (of {n_articles:,} articles)"
