"""Check a claim: the library function, the CLI, GET /check in-process, and bad input."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from fusion_support import write_story
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import InputError
from newsgraph.fusion.check import check, validate_claim
from newsgraph.server import create_app
from newsgraph.store import open_store

CLAIM = "Argentine army drones crossed into Chilean airspace"


@pytest.fixture(scope="module")
def story_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("check") / "story.duckdb"
    with open_store(path) as store:
        write_story(store)
    return path


def test_check_lists_who_asserts_and_who_denies_with_the_deciding_sentence(story_db):
    with open_store(story_db, read_only=True) as store:
        result = check(store.con, CLAIM)
        texts = {r["id"]: r["text"] for r in store.query("SELECT id, text FROM articles")}
    by_article = {r["article_id"]: r for r in result["articles"]}
    assert by_article["pampa-0307"]["stance"] == "denies"
    assert by_article["pampa-0307"]["speaker"] == "Argentina"
    assert by_article["monitor-0325"]["stance"] == "asserts"
    assert by_article["herald-0305"]["speaker"] == "Rodrigo Valdivieso Pardo"
    for r in result["articles"]:
        assert texts[r["article_id"]][r["start"]:r["end"]] == r["sentence"]
    assert result["first_seen"]["day"] == "2025-03-05"
    assert result["first_seen"]["article_id"] != "courier-0305"  # on one day, the original before its copy


def test_the_syndicated_copy_counts_once(story_db):
    with open_store(story_db, read_only=True) as store:
        result = check(store.con, CLAIM)
    by_article = {r["article_id"]: r for r in result["articles"]}
    stance = by_article["wire-0305"]["stance"]
    assert by_article["courier-0305"]["stance"] == stance
    same = [r for r in result["articles"] if r["stance"] == stance]
    assert result["independent_sources"][stance] == len(same) - 1


def test_an_article_that_reports_the_accusation_and_then_the_denial_only_discusses_the_claim(story_db):
    """The wire story states the claim (the minister's accusation) and, in a sentence that also
    states it, Argentina's denial: it is shown discussing the claim, not asserting it; the article
    that opens on the denial denies it, with the denial as its sentence."""
    with open_store(story_db, read_only=True) as store:
        result = check(store.con, CLAIM)
    by_article = {r["article_id"]: r for r in result["articles"]}
    assert by_article["wire-0305"]["stance"] == "discusses"
    assert by_article["pampa-0307"]["sentence"].startswith("Argentina denied on Thursday")
    assert by_article["wire-0305"]["confidence"] > 0.9  # that it is about the claim at all


def test_check_cli_prints_a_table_and_json(story_db):
    result = CliRunner().invoke(app, ["check", CLAIM, "--db", str(story_db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["independent_sources"]["denies"] == 1
    result = CliRunner().invoke(app, ["check", CLAIM, "--db", str(story_db)])
    assert result.exit_code == 0 and "Pampa Daily" in result.stdout and "denies" in result.stdout


@pytest.mark.parametrize("claim, says", [
    ("", "empty"),
    ("   ", "empty"),
    (("Troops crossed the river " * 200)[:4999] + ".", "5,000 characters"),
    ("Des drones argentins ont survolé le territoire chilien selon le ministre", "not in English"),
    ("Аргентинские беспилотники пересекли границу", "not in English"),
])
def test_bad_claims_get_a_clear_message(claim, says, story_db):
    with pytest.raises(InputError, match=says):
        validate_claim(claim)
    result = CliRunner().invoke(app, ["check", claim, "--db", str(story_db)])
    assert result.exit_code != 0 and says in str(result.exception)


@pytest.mark.parametrize("claim", [
    "Chile niega que los drones hayan cruzado a Argentina",  # "a", "no": English words too
    "El ministro no confirmó la visita a Santiago",
    "Die Regierung hat die Vorwürfe in einer Erklärung zurückgewiesen",  # "in"
    "Il ministro ha detto che i droni non sono entrati in Cile",
    "O governo disse que os drones não entraram no Chile",
    "De minister zegt dat de drones niet in Chili waren",
    "Le ministre a confirmé que les drones sont rentrés",
])
def test_claims_in_other_latin_languages_are_refused(claim):
    with pytest.raises(InputError, match="not in English"):
        validate_claim(claim)


@pytest.mark.parametrize("claim", [
    "Argentine drones crossed into Chile",
    "Pope endorses candidate",  # a headline: no function words, known words
    "Kim Jong Un breaks both ankles",  # "un" is a name here
    "Thousands die in floods in Los Angeles",  # "die", "los" in English
    "Army buys rifles per unit, says minister",
    "You have just seen your son on TV",
])
def test_english_claims_are_kept(claim):
    assert validate_claim(claim) == claim


def test_a_store_without_articles_answers_with_a_message(tmp_path):
    with open_store(tmp_path / "empty.duckdb") as store:
        result = check(store.con, CLAIM)
    assert result["articles"] == [] and "no articles" in result["message"]


def test_get_check_in_process(story_db):
    with open_store(story_db) as store:
        client = TestClient(create_app(store), raise_server_exceptions=False, base_url="http://localhost")
        response = client.get("/check", params={"claim": CLAIM})
        assert response.status_code == 200
        body = response.json()
        assert {r["stance"] for r in body["articles"]} == {"asserts", "denies", "discusses"}
        for claim in ("", "x" * 5000, "Les drones argentins ont survolé le Chili"):
            bad = client.get("/check", params={"claim": claim})
            assert bad.status_code == 400, bad.text
            assert bad.json()["error"]["code"] and "claim" in bad.json()["error"]["message"]
