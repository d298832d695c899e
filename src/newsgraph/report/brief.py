"""``newsgraph brief``: a plain-text summary of what was extracted, article by article."""

from __future__ import annotations

import json
from typing import Any

from ..config import Shown
from ..store import Store
from ..store.queries import articles, failures, records_of_article

__all__ = ["brief_text"]


def _line(label: str, items: list[str]) -> list[str]:
    return [f"  {label}:"] + [f"    - {item}" for item in items] if items else []


def _actors(rows: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, str] = {}
    for r in rows:
        key = r.get("actor_id") or r["text"]
        if key not in seen:
            bits = [b for b in (r.get("country"), r.get("sector"), r.get("role")) if b]
            seen[key] = f"{r.get('name') or r['text']}" + (f" ({', '.join(bits)})" if bits else "")
    return list(seen.values())


def _places(rows: list[dict[str, Any]]) -> list[str]:
    seen = {}
    for r in rows:
        if not r.get("metonymic"):
            where = f"{r.get('country') or '?'}" + (f" {r['lat']:.2f},{r['lon']:.2f}" if r.get("lat") is not None else "")
            seen.setdefault(r.get("name") or r["text"], f"{r.get('name') or r['text']} [{where}]")
    return list(seen.values())


def _timexes(rows: list[dict[str, Any]]) -> list[str]:
    return [f"{r['text']!r} -> {r.get('value')} ({r.get('timex_type')})" for r in rows]


def _short(text: str | None, limit: int = 140) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_RELATIVE_WORDS = frozenset({"that", "which", "what", "who", "whom"})


def _quotes(rows: list[dict[str, Any]]) -> list[str]:
    """Who said what; a content that is only a relative word ("a charge that Argentina denied")
    says nothing out of its sentence: the claims section gives what it stands for."""
    return [f"{r.get('speaker') or r.get('source_text') or '?'} [{r.get('cue_text')}]"
            f"{' on ' + r['time'] if r.get('time') else ''}: {_said(_content(r))}" for r in rows
            if (_content(r) or "").strip().lower() not in _RELATIVE_WORDS]


def _content(row: dict[str, Any]) -> str | None:
    """The words attributed: a split content's pieces joined by an ellipsis, not the source and
    cue between them ("which | Zelensky said | hasn't stopped ...")."""
    pieces = json.loads(row["content_fragments"]) if row.get("content_fragments") else []
    return " … ".join(p["text"] for p in pieces) if pieces else row.get("content_text")


def _said(text: str | None) -> str:
    """The content in quotation marks, unless it brings its own."""
    short = _short(text)
    return short if short[:1] in "\"“‘«'" else f'"{short}"'


def _claims(rows: list[dict[str, Any]]) -> list[str]:
    out = []
    for r in rows:
        evidence = json.loads(r["evidence"]) if r.get("evidence") else []
        note = f" | evidence: {'; '.join(e['text'] for e in evidence)}" if evidence else ""
        out.append(f"{r.get('claimant') or r.get('claimant_id') or 'author'} {r.get('stance')} "
                   f"({r.get('certainty')}{', ' + r['time'] if r.get('time') else ''}): {_short(r['text'])}{note}")
    return out


def _participants(value: str | None) -> str:
    items = json.loads(value) if value else []
    return " & ".join(p.get("name") or p.get("country") or p["span"]["text"] for p in items) or "?"


def _events(rows: list[dict[str, Any]]) -> list[str]:
    return [f"{r.get('event_type')} {_participants(r.get('actors'))} -> {_participants(r.get('recipients'))}"
            f" [{r.get('factuality')}] {r.get('date') or ''} {r.get('place') or ''} «{r['text']}»".rstrip()
            for r in rows]


SECTIONS = (
    ("Actors", "actors", _actors),
    ("Places", "places", _places),
    ("Times", "timexes", _timexes),
    ("Quotes and reported speech", "attributions", _quotes),
    ("Claims", "claims", _claims),
    ("Events", "events", _events),
)


def _article_brief(store: Store, article: dict[str, Any], shown: Shown) -> list[str]:
    head = f"{article.get('date') or 'undated'} | {article.get('source') or 'unknown outlet'} | {article['id']}"
    lines = [f"== {article.get('title') or '(untitled)'}", f"   {head}"]
    if article.get("copy_of"):
        lines.append(f"   copy of {article['copy_of']}")
    n_sent = store.query("SELECT count(*) AS n FROM sentences WHERE article_id = ?", [article["id"]])[0]["n"]
    n_ent = store.query("SELECT count(*) AS n FROM mentions WHERE article_id = ? AND mention_type = 'entity'",
                        [article["id"]])[0]["n"]
    lines.append(f"   {n_sent} sentences, {n_ent} named entities")
    for label, table, render in SECTIONS:
        rows = records_of_article(store, table, article["id"])
        floor = {"attributions": shown.claims, "claims": shown.claims, "events": shown.events}.get(table)
        if floor:  # what users see: at or above claims.min_confidence / events.min_confidence
            unset = 0.0 if table == "events" else 1.0  # as the other views: an unscored claim shows
            rows = [r for r in rows if (unset if r.get("confidence") is None else r["confidence"]) >= floor]
        lines += _line(label, render(rows))
    return lines


def _threads_section(store: Store, shown: Shown, limit: int = 5) -> list[str]:
    """The claim threads carried by most independent sources (fusion's tables), as shown: of
    their claims at or above ``shown.claims``."""
    from ..fusion.queries import as_shown, threads

    rows = sorted(as_shown(store, threads(store), shown),
                  key=lambda r: (-r["independent_sources"], r["first_day"] or ""))[:limit]
    if not rows:
        return []
    lines = ["== Claim threads across articles (most independent sources first)"]
    for row in rows:
        lines.append(f"  - {_short(row['label'], 90)!r}: first seen {row['first_day'] or 'undated'}, "
                     f"{row['n_articles']} article(s), {row['independent_sources']} independent source(s)"
                     + (", CONTESTED" if row["contested"] else ""))
        for stance, claimants in (row["stances"] or {}).items():
            names = sorted({c["claimant"] for c in claimants if c.get("claimant")})
            lines.append(f"      {stance}: {', '.join(names)}")
    return lines + [""]


def brief_text(store: Store, article_id: str | None = None, shown: Shown = Shown()) -> str:
    """The brief for one article, or for every stored article in date order (attributions,
    claims and events at or above the thresholds ``shown``)."""
    rows = [a for a in articles(store) if article_id in (None, a["id"])]
    if not rows:
        return "No articles stored yet. Run `newsgraph analyze PATH...` first." if article_id is None \
            else f"No article with id {article_id!r}."
    lines: list[str] = [f"newsgraph brief: {len(rows)} article(s)", ""]
    for article in rows:
        lines += _article_brief(store, article, shown) + [""]
    lines += _threads_section(store, shown)
    fails = failures(store)
    if fails:
        lines.append(f"{len(fails)} input(s) could not be read:")
        lines += [f"  {f['code']} {f['message']}" for f in fails]
    return "\n".join(lines)
