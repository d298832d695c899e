"""A small fictional demo database for the server and UI tests (no real article text).

Records are written by hand through ``Store.write_batch`` so the tests do not depend on how
well the extractors do: one thread is asserted by a minister and denied by a government, one
article is a syndicated copy, events spread over a month. ``build_demo(path)`` builds it.
"""

from __future__ import annotations

import re
from pathlib import Path

from newsgraph.records import (Actor, AnalyzedArticle, Article, Attribution, Claim, Event, Participant, Place,
                               Sentence, Span, Timex, make_record)
from newsgraph.store import open_store

VELL, BORDURIA, RURITANIA, KRAL = "act_anna_vell", "act_borduria_gov", "act_ruritania_gov", "act_ivo_kral"
NAMES = {VELL: "Anna Vell", BORDURIA: "Borduria", RURITANIA: "Ruritania", KRAL: "Ivo Kral"}

ARTICLES = [
    ("demo-a", "Daily Ledger", "2031-03-02", "Vell accuses Borduria",
     "Ruritania's defence minister Anna Vell said on Monday that Bordurian troops crossed the river near Strelsau. "
     "Vell called the move a provocation. Officials in Zenda expect talks next week."),
    ("demo-b", "Evening Post", "2031-03-03", "Borduria denies crossing",
     "Borduria has denied that Bordurian troops crossed the river. A spokesman, Ivo Kral, said the reports "
     "were false. Ruritania will recall its ambassador, officials said."),
    ("demo-c", "Wire Service", "2031-03-04", "Minister repeats charge",
     "Anna Vell said again that Bordurian troops crossed the river. Monitors in Strelsau could not confirm it."),
    ("demo-d", "Mirror Daily", "2031-03-04", "Minister repeats charge",
     "Anna Vell said again that Bordurian troops crossed the river. Monitors in Strelsau could not confirm it."),
]

# (article, kind, phrase, fields); offsets found in the text, first occurrence
RECORDS = [
    ("demo-a", "actor", "Anna Vell", {"actor_id": VELL, "name": "Anna Vell", "actor_type": "person", "country": "RUR", "sector": "GOV"}),
    ("demo-a", "actor", "Ruritania", {"actor_id": RURITANIA, "name": "Ruritania", "actor_type": "country", "country": "RUR", "sector": "GOV"}),
    ("demo-a", "actor", "Bordurian troops", {"actor_id": BORDURIA, "name": "Borduria", "actor_type": "country", "country": "BOR", "sector": "MIL"}),
    ("demo-a", "place", "Strelsau", {"name": "Strelsau", "country": "RUR", "feature": "city"}),
    ("demo-a", "place", "Zenda", {"name": "Zenda", "country": "RUR", "feature": "city"}),
    ("demo-a", "timex", "on Monday", {"value": "2031-02-24", "granularity": "day"}),
    ("demo-a", "timex", "next week", {"value": "2031-W11", "granularity": "week"}),
    ("demo-a", "attribution", "said", {"source": "Ruritania's defence minister Anna Vell", "content": "Bordurian troops crossed the river near Strelsau", "speaker_id": VELL, "speaker": "Anna Vell", "confidence": 0.9}),
    ("demo-a", "claim", "Bordurian troops crossed the river", {"claimant_id": VELL, "claimant": "Anna Vell", "about": (BORDURIA,), "stance": "asserts", "certainty": "certain", "time": "2031-02-24", "confidence": 0.9}),
    ("demo-a", "event", "crossed", {"event_type": "MOBILIZE", "actors": (BORDURIA,), "recipients": (RURITANIA,), "factuality": "alleged", "date": "2031-02-24", "confidence": 0.9}),
    ("demo-b", "actor", "Borduria", {"actor_id": BORDURIA, "name": "Borduria", "actor_type": "country", "country": "BOR", "sector": "GOV"}),
    ("demo-b", "actor", "Ivo Kral", {"actor_id": KRAL, "name": "Ivo Kral", "actor_type": "person", "country": "BOR", "sector": "GOV"}),
    ("demo-b", "actor", "Ruritania", {"actor_id": RURITANIA, "name": "Ruritania", "actor_type": "country", "country": "RUR", "sector": "GOV"}),
    ("demo-b", "claim", "Bordurian troops crossed the river", {"claimant_id": BORDURIA, "claimant": "Borduria", "about": (BORDURIA,), "stance": "denies", "certainty": "certain", "confidence": 0.9}),
    ("demo-b", "claim", "Ruritania will recall its ambassador", {"claimant_id": "author", "claimant": "officials", "about": (RURITANIA,), "stance": "predicts", "certainty": "probable", "confidence": 0.9}),
    ("demo-b", "attribution", "said", {"source": "Ivo Kral", "content": "the reports were false", "speaker_id": KRAL, "speaker": "Ivo Kral", "confidence": 0.9}),
    ("demo-b", "event", "recall", {"event_type": "REDUCE", "actors": (RURITANIA,), "recipients": (BORDURIA,), "factuality": "predicted", "date": "2031-03-10", "confidence": 0.9}),
    ("demo-c", "actor", "Anna Vell", {"actor_id": VELL, "name": "Anna Vell", "actor_type": "person", "country": "RUR", "sector": "GOV"}),
    ("demo-c", "actor", "Bordurian troops", {"actor_id": BORDURIA, "name": "Borduria", "actor_type": "country", "country": "BOR", "sector": "MIL"}),
    ("demo-c", "claim", "Bordurian troops crossed the river", {"claimant_id": VELL, "claimant": "Anna Vell", "about": (BORDURIA,), "stance": "asserts", "certainty": "certain", "confidence": 0.9}),
    ("demo-c", "place", "Strelsau", {"name": "Strelsau", "country": "RUR", "feature": "city"}),
    ("demo-d", "actor", "Anna Vell", {"actor_id": VELL, "name": "Anna Vell", "actor_type": "person", "country": "RUR", "sector": "GOV"}),
    ("demo-d", "actor", "Bordurian troops", {"actor_id": BORDURIA, "name": "Borduria", "actor_type": "country", "country": "BOR", "sector": "MIL"}),
    ("demo-d", "claim", "Bordurian troops crossed the river", {"claimant_id": VELL, "claimant": "Anna Vell", "about": (BORDURIA,), "stance": "asserts", "certainty": "certain", "confidence": 0.9}),
]

KINDS = {"actor": Actor, "place": Place, "timex": Timex, "attribution": Attribution, "claim": Claim, "event": Event}


def _sentences(article: Article) -> list[Sentence]:
    out = []
    for i, m in enumerate(re.finditer(r"[^.]+\.", article.text)):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        out.append(make_record(Sentence, article.id, i, start, m.end(), article.text[start:m.end()], "mentions", "demo"))
    return out


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def _participants(text: str, ids: tuple[str, ...]) -> tuple[Participant, ...]:
    return tuple(Participant(span=Span(0, 0, ""), actor_id=i, name=NAMES[i]) for i in ids)


def _record(article: Article, sentences: list[Sentence], kind: str, phrase: str, fields: dict):
    fields = dict(fields)
    text = article.text
    if kind == "attribution":
        fields["source"], fields["content"] = _span(text, fields["source"]), _span(text, fields["content"])
        fields["cue"] = _span(text, phrase)
    if kind == "event":
        fields["actors"] = _participants(text, fields["actors"])
        fields["recipients"] = _participants(text, fields["recipients"])
    span = _span(text, phrase)
    sentence = next(s.sentence for s in sentences if s.start <= span.start < s.end)
    return make_record(KINDS[kind], article.id, sentence, span.start, span.end, span.text, kind + "s", "demo", **fields)


def demo_batch(extra_events: int = 0) -> list[AnalyzedArticle]:
    batch = []
    for aid, outlet, date, title, text in ARTICLES:
        article = Article(id=aid, text=text, date=date, date_source="field", title=title, source=outlet, origin="demo")
        sentences = _sentences(article)
        records = [_record(article, sentences, k, p, f) for a, k, p, f in RECORDS if a == aid]
        extractors = tuple((n, "demo") for n in ("mentions", "actors", "places", "timexs", "attributions", "claims", "events"))
        batch.append(AnalyzedArticle(article, tuple(sentences) + tuple(records), (), extractors))
    return batch


def build_demo(path: Path) -> Path:
    with open_store(path) as store:
        store.write_batch(demo_batch())
    return path


def test_demo_builds_with_offsets_that_fit(tmp_path):
    db = build_demo(tmp_path / "demo.duckdb")
    with open_store(db, read_only=True) as store:
        claims = store.query("SELECT c.text, c.start_char, c.end_char, a.text AS body FROM claims c"
                             " JOIN articles a ON a.id = c.article_id")
        assert len(claims) == 5
        assert all(r["body"][r["start_char"]:r["end_char"]] == r["text"] for r in claims)
        assert store.query("SELECT copy_of FROM articles WHERE id = 'demo-d'")[0]["copy_of"] == "demo-c"
