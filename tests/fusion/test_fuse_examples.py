"""Fusion end to end: the fictional examples/articles and the seed article, through the full
pipeline (needs the spaCy model and the attribution/claims extractors)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from newsgraph import api
from newsgraph.fusion.queries import thread_members, threads
from newsgraph.nlp.pipeline import EXTRACTORS
from newsgraph.report.analyst import write_report

pytestmark = pytest.mark.skipif("claims" not in EXTRACTORS, reason="the claims extractor is not registered")

EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("examples") / "ex.duckdb"
    summary = api.analyze([EXAMPLES], db)
    assert summary.failures == [] and summary.read == 11
    return db


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, seed_article) -> Path:
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    api.analyze([seed_article], db)
    return db


def _contested(store) -> dict:
    found = threads(store, contested=True)
    assert found, "no contested thread"
    return found[0]


def test_examples_are_read_with_dates_and_marked_fictional(examples_db):
    with api.open(examples_db) as store:
        rows = store.query("SELECT date, text FROM articles")
    assert len(rows) == 11 and all(r["date"] for r in rows)
    assert all("fictional article written for the newsgraph examples" in r["text"] for r in rows)


def test_examples_syndicated_copy_is_clustered_and_counted_once(examples_db):
    with api.open(examples_db) as store:
        clusters = {r["source"]: r for r in store.query(
            "SELECT a.source, c.cluster_id, c.relation FROM article_clusters c JOIN articles a ON a.id = c.article_id")}
        thread = _contested(store)
    wire = clusters["Southern Wire Service"]
    assert wire["relation"] == "original"
    assert clusters["Valparaíso Courier"]["relation"] == "copy"
    assert clusters["Fuego Post"]["relation"] == "near_duplicate"
    assert clusters["Valparaíso Courier"]["cluster_id"] == clusters["Fuego Post"]["cluster_id"] == wire["cluster_id"]
    assert thread["independent_sources"] < thread["n_articles"]


def test_examples_allegation_and_denial_in_one_thread(examples_db, tmp_path):
    with api.open(examples_db) as store:
        thread = _contested(store)
        members = thread_members(store, thread["thread_id"])
        out = write_report(store, tmp_path / "brief.html", thread_id=thread["thread_id"])
    asserting = " ".join(c["claimant"] for c in thread["stances"]["asserts"])
    denying = [c for c in thread["stances"]["denies"]]
    assert "Valdivieso" in asserting
    assert any(c["claimant"] == "Argentina" and c["country"] == "ARG" for c in denying)
    assert thread["first_day"] == "2025-03-05" and thread["last_day"] == "2025-03-25"
    assert any(m["certainty"] == "probable" for m in members if m["stance"] == "asserts")
    html = out.read_text("utf-8")
    assert html.count("<svg") == 2 and "Valdivieso" in html and "denies" in html


def test_seed_one_thread_asserted_by_ukraine_and_south_korea_denied_by_russia_and_north_korea(seed_db):
    with api.open(seed_db) as store:
        thread = _contested(store)
        members = thread_members(store, thread["thread_id"])
    countries = {stance: {c["country"] for c in by} for stance, by in thread["stances"].items()}
    assert {"UKR", "KOR"} <= countries["asserts"]
    assert {"RUS", "PRK"} <= countries["denies"]
    assert {"PRK", "RUS"} <= set(thread["about"])
    noted = [m for m in members if any("lacks hard evidence" in e["text"] for e in m.get("evidence") or [])]
    assert noted and all(m["stance"] == "asserts" for m in noted)
    assert any(m["claimant_id"] in ("act:kim-yong-hyun", "act:country-KOR-GOV") for m in noted)


def test_examples_thread_reads_as_the_story(examples_db):
    """Labelled by the assertion most articles make in the same words; a spokesperson's "No
    Argentine aircraft has crossed into Chile" denies the thread's claim, though she asserts it;
    the Argentine official who later admits the crossing asserts it; speakers are named people,
    not their offices."""
    with api.open(examples_db) as store:
        thread = _contested(store)
    assert thread["label"] == "Argentine military drones had flown over its territory"
    denying = {c["claimant"] for c in thread["stances"]["denies"]}
    asserting = {c["claimant"] for c in thread["stances"]["asserts"]}
    assert {"Argentina", "Inés Carballo Ríos"} <= denying
    assert {"Chile", "Rodrigo Valdivieso Pardo", "Tomás Aguirre Lenz"} <= asserting
    assert not any("spokesperson" in name or name == "it" for name in denying | asserting)
