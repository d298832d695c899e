"""What an analysis depends on is stored per article; a change of it re-analyses exactly the
articles analysed before the change (and no duplicates, and nothing twice)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.config import load as load_config, with_overrides
from newsgraph.nlp import pipeline
from newsgraph.records import Article

pytestmark = pytest.mark.model

OLD = Article(id="old", text="Officials in Paris said on Monday that talks with Berlin would resume.", date="2025-03-03")
NEW = Article(id="new", text="The minister in Madrid said on Friday that the border would stay open.", date="2025-03-07")


def _rows(db: Path) -> int:
    with newsgraph.open(db) as store:
        return sum(store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]
                   for t in ("sentences", "mentions", "timexes", "actors", "attributions", "claims", "events"))


def _stale(db: Path, *extra: str) -> list[str]:
    result = CliRunner().invoke(app, ["articles", "--stale", "--db", str(db), "--json", *extra])
    assert result.exit_code == 0, result.output
    import json

    return sorted(row["id"] for row in json.loads(result.stdout))


def _changes_redo_exactly_the_old_articles(db: Path, change, config=None, *args: str) -> None:
    first = newsgraph.analyze([OLD], db=db, config=config)
    assert first.analysed == 1
    rows = _rows(db)
    assert _stale(db, *args) == []
    change()
    assert _stale(db, *args) == ["old"]
    second = newsgraph.analyze([OLD, NEW], db=db, config=config)
    # both analysed (none skipped as stored as is); the old one's rows replaced in place
    assert (second.read, second.duplicates, second.analysed) == (2, 0, 1), second
    assert _stale(db, *args) == []
    third = newsgraph.analyze([OLD, NEW], db=db, config=config)
    assert (third.analysed, third.duplicates) == (0, 2)  # nothing is redone twice
    assert _rows(db) > rows  # the old article's rows were replaced, the new one's added
    with newsgraph.open(db) as store:
        assert store.query("SELECT count(DISTINCT id) AS n FROM articles")[0]["n"] == 2


def test_a_relearned_data_table_reanalyses_what_was_analysed_before(tmp_path, monkeypatch):
    real = pipeline.data_digest

    def relearned():
        monkeypatch.setattr(pipeline, "data_digest",
                            lambda package: real(package) + ("-relearned" if package.endswith(".attribution") else ""))

    _changes_redo_exactly_the_old_articles(tmp_path / "t.duckdb", relearned)


def test_another_model_version_reanalyses_what_was_analysed_before(tmp_path, monkeypatch):
    def upgraded():
        monkeypatch.setattr(pipeline, "_model_version", lambda name: "99.0.0")

    _changes_redo_exactly_the_old_articles(tmp_path / "m.duckdb", upgraded)


def test_an_edited_actor_table_reanalyses_what_was_analysed_before(tmp_path):
    shipped = Path(pipeline.__file__).parent / "actors" / "data" / "actors.csv"
    table = tmp_path / "my_actors.csv"
    shutil.copy(shipped, table)
    config = with_overrides(load_config(), actor_table=str(table))

    def edited():
        with table.open("a", encoding="utf-8") as fh:
            fh.write("act:test-doe-jane,Jane Doe,Doe,person,FRA,GOV,minister,Minister,2020-01-01,,no,test\n")

    db = tmp_path / "a.duckdb"
    _changes_redo_exactly_the_old_articles(db, edited, config, "--set", f"analyze.actor_table={table}")
    # without the user's table the articles count as stale again: the table is part of what was used
    assert _stale(db) == ["new", "old"]


def test_every_extractor_version_names_code_and_data():
    versions = pipeline.provenance(load_config().analyze)
    assert set(versions) == set(pipeline.EXTRACTORS)
    for name, version in versions.items():
        code, digest = version.split("+")
        assert code == pipeline.extractors()[pipeline.EXTRACTORS.index(name)].VERSION and len(digest) == 12
