"""Events of the seed article, their PLOVER export, and the events query of the store."""

from __future__ import annotations

import json

import pytest

from newsgraph.records import Event
from newsgraph.output.plover import to_plover


@pytest.fixture(scope="module")
def seed_events(seed_analysis):
    return [r for r in seed_analysis.records if isinstance(r, Event)]


def find(evs, etype, trigger):
    found = [e for e in evs if e.event_type == etype and e.text == trigger]
    assert found, [(e.event_type, e.text) for e in evs]
    return found[0]


def words(people):
    return [p.span.text for p in people]


def test_zelensky_condemns_russian_north_korean_collaboration(seed_events):
    ev = find(seed_events, "ACCUSE", "condemned")
    assert "Zelensky" in words(ev.actors)[0]
    assert words(ev.recipients) == ["Russian", "North Korean"]
    assert [p.country for p in ev.recipients] == ["RUS", "PRK"]
    assert ev.actors[0].country == "UKR"
    assert ev.factuality == "asserted"
    assert ev.date == "2024-10-13"


def test_alleged_strike_that_killed_six_officers(seed_events):
    ev = find(seed_events, "ASSAULT", "killed")
    assert ev.factuality == "alleged"
    assert dict(ev.counts) == {"killed": 6}
    assert ev.date == "2024-10-03"
    assert words(ev.actors) == ["Ukrainian"]
    assert any("North Korean" in w for w in words(ev.recipients))
    assert ev.actors[0].country == "UKR" and ev.recipients[0].country == "PRK"
    assert ev.place == "Donetsk"


def test_alleged_arms_shipments_and_the_denial(seed_events):
    aid = find(seed_events, "AID", "sent")
    assert aid.factuality == "alleged" and "Russia" in words(aid.recipients)
    assert aid.actors[0].country == "PRK" and "RUS" in [p.country for p in aid.recipients]
    reject = find(seed_events, "REJECT", "denied")
    assert set(words(reject.actors)) == {"both sides"}
    assert {p.country for p in reject.actors} == {"RUS", "PRK"}


def test_visit_agreement_and_predicted_deployment(seed_events):
    visit = find(seed_events, "CONSULT", "visit")
    assert visit.mode == "visit" and words(visit.actors) == ["Putin"] and words(visit.recipients) == ["Pyongyang"]
    assert visit.date == "2024-06"
    agree = find(seed_events, "AGREE", "agreement")
    assert agree.date == "2024-SU" and {p.country for p in agree.actors} == {"RUS", "PRK"}
    deploy = [e for e in seed_events if e.event_type == "MOBILIZE" and e.factuality == "predicted"]
    assert deploy and deploy[0].text == "deployed"


def test_plover_export_has_the_plover_fields(seed_events, seed_article):
    rec = to_plover(find(seed_events, "CONSULT", "visit"), seed_article)
    for key in ("id", "date", "event_type", "mode", "context", "actor", "actor_country", "actor_sector",
                "recipient", "recipient_country", "recipient_sector", "location", "text"):
        assert key in rec
    assert rec["event_type"] == "CONSULT" and rec["actor"] and rec["recipient"]
    assert rec["date"].startswith("2024")
    json.dumps(rec)


def test_events_query_filters(tmp_path, seed_article, seed_events):
    from newsgraph.nlp.events import extract as events
    from newsgraph.records import AnalyzedArticle
    from newsgraph.store import queries
    from newsgraph.store.db import open_store

    db = tmp_path / "n.duckdb"
    only_events = AnalyzedArticle(seed_article, tuple(seed_events), (), ((events.NAME, events.VERSION),))
    with open_store(db) as store:
        store.write_batch([only_events])
    with open_store(db, read_only=True) as store:
        ukraine = queries.events(store, actor="UKR")
        every = queries.events(store)
        assault = queries.events(store, event_type="assault")
        alleged = queries.events(store, factuality="alleged")
        late = queries.events(store, since="2030-01-01")
    assert len(every) >= 8
    assert assault and all(r["event_type"] == "ASSAULT" for r in assault)
    assert alleged and all(r["factuality"] == "alleged" for r in alleged)
    assert late == []
    from newsgraph.errors import ConfigError

    with open_store(db, read_only=True) as store, pytest.raises(ConfigError, match="E202"):
        queries.events(store, factuality="rumoured")
    assert ukraine and all(any(p["country"] == "UKR" for p in r["actors"]) for r in ukraine)
    assert all(isinstance(r["actors"], list) for r in every)
    from newsgraph.output.plover import from_store

    with open_store(db, read_only=True) as store:
        (record,) = from_store(store, [assault[0]["id"]])
    assert record["event_type"] == "ASSAULT" and record["id"] == assault[0]["id"]


def test_annotate_writes_plover_json_lines(tmp_path, seed_analysis):
    from newsgraph.output.annotate import open_writer

    writer = open_writer("plover", tmp_path)
    writer.write(seed_analysis)
    (path,) = writer.close()
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert len(lines) == len(seed_analysis.of("event"))
    assert {"ASSAULT", "CONSULT", "REJECT"} <= {r["event_type"] for r in lines}
