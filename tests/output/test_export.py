"""Exports open in the standard reader of each format; targets are never left half-written."""

from __future__ import annotations

import json
import os
import sqlite3

import networkx as nx
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from fusion_support import write_story

from newsgraph.errors import ExportError
from newsgraph.output.export import FORMATS, export
from newsgraph.records import AnalyzedArticle, Article
from newsgraph.store import open_store


@pytest.fixture(scope="module")
def store():
    s = open_store(":memory:")
    write_story(s)
    yield s
    s.close()


def test_jsonl_csv_parquet_folders_hold_every_table(store, tmp_path):
    for fmt in ("jsonl", "csv", "parquet"):
        out = export(store, fmt, tmp_path / fmt)
        names = {p.name for p in out.iterdir()}
        assert {f"claims.{fmt}", f"threads.{fmt}", f"articles.{fmt}", f"article_clusters.{fmt}"} <= names
    rows = [json.loads(line) for line in (tmp_path / "jsonl" / "threads.jsonl").read_text("utf-8").splitlines()]
    assert any(r["contested"] and isinstance(r["stances"], dict) for r in rows)
    table = pq.read_table(tmp_path / "parquet" / "claims.parquet")
    assert table.num_rows == 8 and "stance" in table.column_names
    assert pacsv.read_csv(tmp_path / "csv" / "threads.csv").num_rows == len(rows)


def test_one_table_to_one_file(store, tmp_path):
    out = export(store, "parquet", tmp_path / "claims.parquet", table="claims")
    assert pq.read_table(out).num_rows == 8
    with pytest.raises(ExportError, match="E604"):
        export(store, "csv", tmp_path / "x.csv", table="fusion_keys")


def test_sqlite_opens_in_sqlite3(store, tmp_path):
    out = export(store, "sqlite", tmp_path / "news.sqlite")
    db = sqlite3.connect(out)
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == 8
    stances = db.execute("SELECT stances FROM threads WHERE contested = 1").fetchone()[0]
    assert "denies" in json.loads(stances)
    db.close()


@pytest.mark.parametrize("fmt, read", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_actor_network_opens_in_networkx(store, tmp_path, fmt, read):
    graph = read(export(store, fmt, tmp_path / f"net.{fmt}"))
    relations = {d["relation"] for _, _, d in graph.edges(data=True)}
    assert {"claim:asserts", "claim:denies"} <= relations
    assert "act:valdivieso-rodrigo" in graph and graph.nodes["act:valdivieso-rodrigo"]["country"] == "CHL"


def test_plover_events(store, tmp_path):
    events = json.loads(export(store, "plover", tmp_path / "events.json").read_text("utf-8"))
    assert events and {"id", "date", "event_type", "actor_country", "text", "story_id"} <= set(events[0])
    assert events[0]["event_type"] == "MOBILIZE"


def test_claimreview_json_ld_structure(store, tmp_path):
    doc = json.loads(export(store, "claimreview", tmp_path / "claims.jsonld").read_text("utf-8"))
    assert doc["@context"] == "https://schema.org"
    reviews = doc["@graph"]
    for review in reviews:
        assert review["@type"] == "ClaimReview" and review["claimReviewed"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["appearance"]
        assert item["firstAppearance"] == item["appearance"][0]
        assert review["reviewRating"]["@type"] == "Rating"
    contested = [r for r in reviews if r["reviewRating"]["alternateName"] == "Contested"]
    assert len(contested) == 1 and len(contested[0]["itemReviewed"]["appearance"]) == 7


def test_timelinejs_structure(store, tmp_path):
    doc = json.loads(export(store, "timelinejs", tmp_path / "timeline.json").read_text("utf-8"))
    assert doc["title"]["text"]["headline"]
    for event in doc["events"]:
        assert set(event["start_date"]) == {"year", "month", "day"}
        assert int(event["start_date"]["month"]) in range(1, 13)
        assert event["text"]["headline"] and event["unique_id"]


def test_followthemoney_entities(store, tmp_path):
    lines = export(store, "ftm", tmp_path / "entities.ftm.json").read_text("utf-8").splitlines()
    entities = [json.loads(line) for line in lines]
    assert all(set(e) == {"id", "schema", "properties"} for e in entities)
    assert all(isinstance(v, list) for e in entities for v in e["properties"].values())
    schemas = {e["schema"] for e in entities}
    assert {"Article", "Person", "Event", "UnknownLink"} <= schemas


def test_existing_target_needs_force_and_unknown_format_is_refused(store, tmp_path):
    target = tmp_path / "out.jsonl"
    target.mkdir()
    (target / "keep.txt").write_text("keep")
    with pytest.raises(ExportError, match="E601"):
        export(store, "jsonl", target)
    assert (target / "keep.txt").exists()
    export(store, "jsonl", target, force=True)
    assert not (target / "keep.txt").exists() and (target / "claims.jsonl").exists()
    with pytest.raises(ExportError, match="E604"):
        export(store, "xml", tmp_path / "x.xml")
    assert sorted(FORMATS) == sorted(["jsonl", "csv", "parquet", "sqlite", "gexf", "graphml", "plover",
                                      "claimreview", "timelinejs", "ftm"])


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_target_leaves_nothing(store, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(ExportError, match="E602"):
        export(store, "sqlite", locked / "x.sqlite")
    assert list(locked.iterdir()) == []


def test_missing_folder_and_failure_midway_leave_nothing(store, tmp_path, monkeypatch):
    with pytest.raises(ExportError, match="E602"):
        export(store, "gexf", tmp_path / "no" / "such" / "net.gexf")
    from newsgraph.output.export import tables

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(tables, "_copy_jsonl", broken)
    with pytest.raises(RuntimeError):
        export(store, "jsonl", tmp_path / "half")
    assert list(tmp_path.iterdir()) == []


def test_store_without_claims_or_dates(tmp_path):
    from newsgraph.fusion.fuse import fuse

    s = open_store(":memory:")
    article = Article(id="a1", text="Nothing happened. This is fictional.", date=None, source="X")
    s.write_batch([AnalyzedArticle(article, (), (), ())])
    fuse(s)
    for fmt in ("claimreview", "timelinejs", "plover"):
        with pytest.raises(ExportError, match="E603"):
            export(s, fmt, tmp_path / f"x.{fmt}")
    assert json.loads((export(s, "jsonl", tmp_path / "a.jsonl", table="articles")).read_text())["date"] is None
    assert nx.read_gexf(export(s, "gexf", tmp_path / "empty.gexf")).number_of_nodes() == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "empty.gexf"]


def test_view_formats_leave_out_what_users_do_not_see(tmp_path):
    """The view formats (claimreview, timelinejs, plover, ftm, gexf) show claims at or above
    claims.min_confidence and events at or above events.min_confidence; the table dumps keep all."""
    from tests.server.test_server_demo import build_demo

    from newsgraph.config import Config
    from newsgraph.fusion.fuse import fuse
    from newsgraph.output.export import VIEWS

    with open_store(build_demo(tmp_path / "demo.duckdb")) as s:
        fuse(s)
        s.con.execute("UPDATE claims SET confidence = 0.1 WHERE article_id = 'demo-a'")
        s.con.execute("UPDATE events SET confidence = 0.1 WHERE article_id = 'demo-a'")
        assert {"claimreview", "timelinejs", "plover", "ftm", "gexf", "graphml"} <= VIEWS
        for fmt in ("claimreview", "timelinejs", "plover"):
            shown = export(s, fmt, tmp_path / f"shown.{fmt}", shown=Config().shown())
            every = export(s, fmt, tmp_path / f"all.{fmt}")
            assert "demo-a" in every.read_text("utf-8"), fmt
            assert "demo-a" not in shown.read_text("utf-8"), fmt
        shown = export(s, "ftm", tmp_path / "shown.ftm", shown=Config().shown())
        every = export(s, "ftm", tmp_path / "all.ftm")
        for schema in ('"schema": "Event"', '"schema": "UnknownLink"'):
            assert every.read_text("utf-8").count(schema) > shown.read_text("utf-8").count(schema), schema
        assert "demo-a" in export(s, "jsonl", tmp_path / "dump", table="claims").read_text("utf-8")
