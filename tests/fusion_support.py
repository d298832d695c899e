"""Hand-made articles and claims for the fusion, report and export tests (no model needed).

The story is the fictional one of examples/articles: Chile alleges Argentine drone flights,
Argentina denies, a wire story is syndicated, a commission confirms.
"""

from __future__ import annotations

from newsgraph.records import (Actor, AnalyzedArticle, Article, Claim, Event, Participant, Sentence, Span,
                               make_record)

CHL_MIN = "act:valdivieso-rodrigo"  # not in the shipped table: a country from the actor rows
ARG = "act:country-ARG-GOV"
CHL = "act:country-CHL-GOV"

WIRE = ("SANTIAGO (Southern Wire Service) - Chile said on Tuesday that Argentine military drones had flown over "
        "its territory. Defence minister Rodrigo Valdivieso Pardo said his government has reason to believe that "
        "two Argentine army drones crossed into Chilean airspace over the Aysén region. Argentina's foreign ministry "
        "denied that any Argentine army drone had entered Chilean airspace. Chile summoned the Argentine "
        "ambassador on Wednesday. This is a fictional article written for the newsgraph examples.")

#: (id, date, source, text, [(claim text, claimant_id, claimant, stance, certainty, about, time)])
STORY = [
    ("herald-0305", "2025-03-05", "Andes Herald",
     "Chile's defence minister Rodrigo Valdivieso Pardo accused Argentina on Tuesday. He has reason to believe "
     "that two Argentine army drones crossed into Chilean airspace over the Aysén region on March 1. "
     "The accusation, which rests on radar data that has not been made public, came a week later. "
     "This is a fictional article written for the newsgraph examples.",
     [("two Argentine army drones crossed into Chilean airspace over the Aysén region on March 1", CHL_MIN,
       "Rodrigo Valdivieso Pardo", "asserts", "probable", (ARG, CHL), "2025-03-01")]),
    ("wire-0305", "2025-03-05", "Southern Wire Service", WIRE,
     [("two Argentine army drones crossed into Chilean airspace over the Aysén region", CHL_MIN,
       "Rodrigo Valdivieso Pardo", "asserts", "probable", (ARG, CHL), None),
      ("any Argentine army drone had entered Chilean airspace", ARG, "Argentina", "denies", "certain",
       (ARG, CHL), None)]),
    ("courier-0305", "2025-03-05T18:30:00-03:00", "Valparaíso Courier", WIRE,
     [("two Argentine army drones crossed into Chilean airspace over the Aysén region", CHL_MIN,
       "Rodrigo Valdivieso Pardo", "asserts", "probable", (ARG, CHL), None),
      ("any Argentine army drone had entered Chilean airspace", ARG, "Argentina", "denies", "certain",
       (ARG, CHL), None)]),
    ("pampa-0307", "2025-03-07", "Pampa Daily",
     "Argentina denied on Thursday that its army drones had entered Chilean airspace. "
     "Argentina and Chile will sign a protocol on drone flights, officials said. "
     "This is a fictional article written for the newsgraph examples.",
     [("its army drones had entered Chilean airspace", ARG, "Argentina", "denies", "certain", (ARG,), None),
      ("Argentina and Chile will sign a protocol on drone flights", "author", None, "predicts", "probable",
       (ARG, CHL), None)]),
    ("monitor-0325", "2025-03-25", "Southern Monitor",
     "A joint commission confirmed on Monday that two Argentine army drones crossed into Chilean airspace over "
     "the Aysén region on March 1. This is a fictional article written for the newsgraph examples.",
     [("two Argentine army drones crossed into Chilean airspace over the Aysén region on March 1", "author",
       None, "asserts", "certain", (ARG, CHL), "2025-03-01")]),
]


def _article(aid: str, date: str, source: str, text: str) -> Article:
    return Article(id=aid, text=text, date=date, date_source="field", title=f"{source} story", source=source,
                   url=f"https://{aid}.example/", origin=f"hand:{aid}")


def _sentences(article: Article) -> list[Sentence]:
    out, start = [], 0
    for i, part in enumerate(article.text.split(". ")):
        end = start + len(part) + (1 if start + len(part) < len(article.text) else 0)
        out.append(make_record(Sentence, article.id, i, start, end, article.text[start:end], "hand", "1"))
        start = end + 1
    return out


def _sentence_of(sentences: list[Sentence], start: int) -> int:
    return next((s.sentence for s in sentences if s.start <= start < s.end), 0)


def analyzed(aid: str, date: str, source: str, text: str, claims: list[tuple]) -> AnalyzedArticle:
    article = _article(aid, date, source, text)
    sentences = _sentences(article)
    records: list = list(sentences)
    for span, claimant_id, claimant, stance, certainty, about, time in claims:
        start = text.index(span)
        n = _sentence_of(sentences, start)
        claim = make_record(Claim, aid, n, start, start + len(span), span, "hand", "1",
                            claimant_id=claimant_id, claimant=claimant, about=about, time=time, stance=stance,
                            certainty=certainty, confidence=0.9)
        records.append(claim)
        if "drones crossed" in span:
            records.append(make_record(Event, aid, n, start + span.index("crossed"),
                                       start + span.index("crossed") + 7, "crossed", "hand", "1",
                                       event_type="MOBILIZE", claim_id=claim.id, date=time,
                                       actors=(Participant(Span(start, start + 9, span[:9]), ARG, "Argentina", "ARG", "GOV"),),
                                       recipients=(), factuality="alleged", confidence=0.9))
    if "Valdivieso" in text:
        s = text.index("Valdivieso")
        records.append(make_record(Actor, aid, _sentence_of(sentences, s), s, s + 10, "Valdivieso", "hand", "1",
                                   actor_id=CHL_MIN, name="Rodrigo Valdivieso Pardo", actor_type="person",
                                   country="CHL", sector="GOV"))
    return AnalyzedArticle(article, tuple(records), (), (("hand", "1"),))


def story(order: list[int] | None = None) -> list[AnalyzedArticle]:
    items = [analyzed(*row) for row in STORY]
    return [items[i] for i in order] if order else items


def write_story(store, order: list[int] | None = None, one_by_one: bool = False) -> None:
    """Write the story (optionally in another order, one article per batch, fusing after each)."""
    from newsgraph.fusion.fuse import fuse

    items = story(order)
    if one_by_one:
        for item in items:
            store.write_batch([item])
            fuse(store)
    else:
        store.write_batch(items)
        fuse(store)
