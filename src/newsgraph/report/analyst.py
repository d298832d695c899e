"""``newsgraph report``: the brief an analyst would forward, as HTML (figures inline as SVG) or
Markdown (figures as SVG files beside it). Every statement cites its source sentence: article
id, character offsets and the sentence text."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from ..config import Shown
from ..errors import ExportError
from ..output.export.atomic import write_atomic
from ..output.safe import web_url, xml_text
from ..store import Store
from ..fusion.threads import claimant_name
from .figures import attention_svg, network_svg
from .gather import Brief, ThreadView, gather

__all__ = ["render_html", "render_markdown", "write_report"]

_CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;
vertical-align:top}th{background:#f3f3f3}.asserts{color:#1b7837}.denies{color:#c51b7d}.questions{color:#e08214}
.predicts{color:#2166ac}blockquote{margin:.25rem 0 .25rem 1rem;color:#555;border-left:3px solid #ddd;
padding-left:.5rem}.src{font-size:.85em;color:#666}figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
.note{background:#fff8e1;padding:.1rem .3rem}"""
#: The brief runs no script and loads nothing: a stored string that slipped through escaping
#: could still not run (style-src: the inline stylesheet and matplotlib's SVG styles).
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none';"
        " script-src 'none'")


def _e(value: Any) -> str:
    """Text for HTML: escaped (quotes too, so also for attributes), XML's forbidden characters replaced."""
    return html.escape(xml_text(value))


def _link(url: str | None) -> str:
    """A link for an http(s) URL; any other (``javascript:...``) is shown as text, never followed."""
    if not url:
        return ""
    safe = web_url(url)
    if safe is None:
        return f" (url: {_e(url)})"
    return f' <a href="{_e(safe)}" rel="noopener noreferrer">link</a>'


def _unquote(text: str) -> str:
    return text.strip().strip('"“”‘’\'').rstrip(",").strip('"“”')


def _source_ref(m: dict[str, Any]) -> str:
    return f"{m['article_id']} [{m['start_char']}:{m['end_char']}]"


def _who(m: dict[str, Any]) -> str:
    return claimant_name(m)


def _copy_note(m: dict[str, Any]) -> str:
    if m.get("cluster_relation") not in (None, "original"):
        return f" ({m['cluster_relation'].replace('_', ' ')} of {m['cluster_id']}; not an independent source)"
    return ""


def _facts(t: dict[str, Any]) -> list[tuple[str, str]]:
    return [("First seen", f"{t['first_day'] or 'undated'} in {t['first_article_id']}"),
            ("Last seen", f"{t['last_day'] or 'undated'} in {t['last_article_id']}"),
            ("Reports", f"{t['n_members']} in {t['n_articles']} article(s)"),
            ("Independent sources", f"{t['independent_sources']} (syndicated copies and one outlet's repeats count once)"),
            ("Contested", "yes: asserted and denied" if t["contested"] else "no")]


def _stance_rows(brief: Brief, t: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    return [(stance, c["claimant"], brief.name(c.get("country")) if c.get("country") else "", c.get("first_day") or "",
             str(c["claims"])) for stance, by in (t.get("stances") or {}).items() for c in by]


# -- HTML ------------------------------------------------------------------------------------
def _html_member(m: dict[str, Any], kind: str) -> str:
    stance = m.get("stance") or ""
    notes = "".join(f' <span class="note">hedge: {_e(h["text"])}</span>' for h in m.get("hedges") or [])
    notes += "".join(f' <span class="note">evidence: {_e(v["text"])}</span>' for v in m.get("evidence") or [])
    head = (f"<b>{_e(_who(m))}</b> <span class='{_e(stance)}'>{_e(stance)}</span> ({_e(m.get('certainty'))})"
            if kind == "claim" else f"<b>{_e(stance)}</b> ({_e(m.get('certainty'))})")
    url = _link(m.get("url"))
    sentence = m.get("sentence_text") or m["text"]
    return (f"<tr><td>{_e(m['day'] or 'undated')}</td><td>{_e(m.get('source') or '?')}{_e(_copy_note(m))}</td>"
            f"<td>{head}: «{_e(m['text'])}»{notes}<blockquote>{_e(sentence)}</blockquote>"
            f"<span class='src'>source: {_e(_source_ref(m))}, sentence {_e(m.get('sentence'))}{url}</span></td></tr>")


def _html_thread(brief: Brief, view: ThreadView, n: int) -> str:
    t = view.thread
    parts = [f"<section id='{_e(t['thread_id'])}'><h2>{n}. {_e(t['label'])}</h2>",
             f"<p class='src'>{_e(t['kind'])} thread {_e(t['thread_id'])}; about: "
             f"{_e(', '.join(brief.name(a) for a in t.get('about') or []))}</p><table>"]
    parts += [f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in _facts(t)]
    parts.append("</table>")
    rows = _stance_rows(brief, t)
    if rows:
        parts.append("<h3>Who asserts, who denies</h3><table><tr><th>stance</th><th>claimant</th><th>country</th>"
                     "<th>first seen</th><th>reports</th></tr>")
        parts += [f"<tr><td class='{_e(r[0])}'>{_e(r[0])}</td>" + "".join(f"<td>{_e(x)}</td>" for x in r[1:]) + "</tr>"
                  for r in rows]
        parts.append("</table>")
    parts.append("<h3>Timeline</h3><table><tr><th>date</th><th>outlet</th><th>statement and source sentence</th></tr>")
    parts += [_html_member(m, t["kind"]) for m in view.members]
    parts.append("</table>")
    if view.quotes:
        parts.append("<h3>Key quotes</h3>")
        parts += [f"<blockquote>“{_e(_unquote(q['text']))}” <span class='src'>— {_e(q.get('speaker') or '?')}, "
                  f"{_e(q.get('source') or '?')}, {_e(q.get('day') or 'undated')}; {_e(_source_ref(q))}</span></blockquote>"
                  for q in view.quotes]
    return "\n".join(parts) + "</section>"


def _reports(brief: Brief) -> list[dict[str, Any]]:
    return [{"day": m.get("day"), "stance": m.get("stance") if v.thread["kind"] == "claim" else "asserts"}
            for v in brief.views for m in v.members]


def render_html(brief: Brief) -> str:
    figures = (f"<figure>{network_svg(brief.edges())}<figcaption>Actor network: claimants and the actors their "
               f"claims are about; edge colour = stance.</figcaption></figure>"
               f"<figure>{attention_svg(_reports(brief))}<figcaption>Attention over time: reports per day, by "
               f"stance.</figcaption></figure>")
    body = "\n".join(_html_thread(brief, v, i) for i, v in enumerate(brief.views, 1))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta http-equiv='Content-Security-Policy' content=\"{_CSP}\"><title>{_e(brief.title)}</title>"
            f"<style>{_CSS}</style></head><body><h1>{_e(brief.title)}</h1><p>{len(brief.views)} thread(s), "
            f"{_e(brief.scope)}. Generated by newsgraph; every statement cites its source sentence "
            f"(article id [start:end]).</p>{figures}{body}</body></html>\n")


# -- Markdown --------------------------------------------------------------------------------
_MD_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "[": "\\[", "]": "\\]", "`": "\\`", "<": "&lt;",
                             ">": "&gt;", "&": "&amp;", "\n": " ", "\r": " "})


def _md(value: Any) -> str:
    """Stored text as Markdown text: no table cell break, no link, autolink or raw HTML of its
    own (a renderer that allows HTML would run ``<img onerror=...>``), nothing XML forbids."""
    return xml_text(value).translate(_MD_ESCAPES)


def _md_member(m: dict[str, Any], kind: str) -> list[str]:
    head = f"**{_md(_who(m))}** {m.get('stance')} ({m.get('certainty')})" if kind == "claim" else f"**{m.get('stance')}**"
    notes = [f"hedge: {_md(h['text'])}" for h in m.get("hedges") or []] + [f"evidence: {_md(v['text'])}"
                                                                           for v in m.get("evidence") or []]
    lines = [f"- {m['day'] or 'undated'}, {_md(m.get('source') or '?')}{_copy_note(m)}: {head}: «{_md(m['text'])}»"
             + (f" ({'; '.join(notes)})" if notes else ""),
             f"  > {_md(m.get('sentence_text') or m['text'])}",
             f"  source: `{_source_ref(m)}`, sentence {m.get('sentence')}"]
    return lines


def _md_thread(brief: Brief, view: ThreadView, n: int) -> list[str]:
    t = view.thread
    lines = [f"## {n}. {_md(t['label'])}", "", f"{t['kind']} thread `{t['thread_id']}`; about: "
             f"{', '.join(_md(brief.name(a)) for a in t.get('about') or [])}", ""]
    lines += [f"- {k}: {v}" for k, v in _facts(t)] + [""]
    rows = _stance_rows(brief, t)
    if rows:
        lines += ["### Who asserts, who denies", "", "| stance | claimant | country | first seen | reports |",
                  "|---|---|---|---|---|"] + ["| " + " | ".join(_md(x) for x in r) + " |" for r in rows] + [""]
    lines += ["### Timeline", ""] + [x for m in view.members for x in _md_member(m, t["kind"])] + [""]
    if view.quotes:
        lines += ["### Key quotes", ""] + [f"> “{_md(_unquote(q['text']))}” — {_md(q.get('speaker') or '?')}, "
                                           f"{_md(q.get('source') or '?')}, {q.get('day') or 'undated'}; `{_source_ref(q)}`"
                                           for q in view.quotes] + [""]
    return lines


def render_markdown(brief: Brief, figure_names: tuple[str, str]) -> str:
    lines = [f"# {_md(brief.title)}", "", f"{len(brief.views)} thread(s), {brief.scope}. Every statement cites its "
             "source sentence (article id [start:end]).", "",
             f"![Actor network]({figure_names[0]})", "", f"![Attention over time]({figure_names[1]})", ""]
    for i, view in enumerate(brief.views, 1):
        lines += _md_thread(brief, view, i)
    return "\n".join(lines) + "\n"


def write_report(store: Store, out: Path, about: str | None = None, thread_id: str | None = None,
                 article_id: str | None = None, force: bool = False, shown: Shown = Shown()) -> Path:
    """Write the brief to ``out`` (.html or .md); returns the path written. Claims and events
    under the views' thresholds ``shown`` (``Config.shown()``) are left out."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown"):
        raise ExportError("E604", what="report format", name=out.suffix or out.name, available=".html, .md")
    brief = gather(store, about=about, thread_id=thread_id, article_id=article_id, shown=shown)
    if suffix in (".html", ".htm"):
        text = render_html(brief)
        return write_atomic(out, lambda tmp: tmp.write_text(text, encoding="utf-8"), force)
    names = (f"{out.stem}.network.svg", f"{out.stem}.attention.svg")
    text = render_markdown(brief, names)
    write_atomic(out.with_name(names[0]), lambda tmp: tmp.write_text(network_svg(brief.edges()), "utf-8"), True)
    write_atomic(out.with_name(names[1]), lambda tmp: tmp.write_text(attention_svg(_reports(brief)), "utf-8"), True)
    return write_atomic(out, lambda tmp: tmp.write_text(text, encoding="utf-8"), force)
