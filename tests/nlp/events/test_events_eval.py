"""The PLV event scorer, its CLI, and the quality gate on the untuned part of PLV train."""

from __future__ import annotations

import json
import os

from typer.testing import CliRunner

from newsgraph.evaluate.events import GoldRow, evaluate_file, part_of, read_gold, score
from newsgraph.records import Event, Participant, Span

from conftest import ROOT, shared_file

SENT = "Russia attacked Ukraine and France condemned Russia."


def ev(trigger: str, etype: str, actor: str, recipient: str, text: str = SENT) -> Event:
    def part(words):
        at = text.index(words)
        return (Participant(span=Span(at, at + len(words), words)),)
    at = text.index(trigger)
    return Event(id=f"e{at}{etype}", article_id="a", sentence=0, start=at, end=at + len(trigger),
                 text=trigger, extractor="events", version="1", event_type=etype,
                 actors=part(actor), recipients=part(recipient))


def gold(source: str, target: str | None, label: str, text: str = SENT) -> GoldRow:
    s = text.index(source)
    t = text.index(target) if target else None
    return GoldRow(text, (s, s + len(source)), None if t is None else (t, t + len(target)), label)


def test_found_pair_type_and_events_per_sentence():
    rows = [gold("Russia", "Ukraine", "ASSAULT")]
    result = score(rows, {SENT: [ev("attacked", "ASSAULT", "Russia", "Ukraine")]})
    assert result.as_dict() == {"pair_recall": 100.0, "type_accuracy": 100.0,
                                "type_macro_f1": 100.0, "events_per_sentence": 1.0}


def test_first_trigger_counts_not_the_best():
    rows = [gold("Russia", "Ukraine", "ASSAULT")]
    events = [ev("condemned", "ASSAULT", "Russia", "Ukraine"), ev("attacked", "ACCUSE", "Russia", "Ukraine")]
    result = score(rows, {SENT: events})
    assert result.found == 1 and result.type_accuracy == 0.0


def test_recall_counts_only_at_two_events_per_sentence_or_less():
    rows = [gold("Russia", "Ukraine", "ASSAULT")]
    events = [ev("attacked", "ASSAULT", "Russia", "Ukraine")] * 3
    assert score(rows, {SENT: events}).pair_recall == 0.0


def test_concede_and_retreat_score_as_yield_and_misses_count():
    rows = [gold("Russia", "Ukraine", "YIELD"), gold("France", "Russia", "ACCUSE")]
    result = score(rows, {SENT: [ev("attacked", "RETREAT", "Russia", "Ukraine")]})
    assert result.pair_recall == 50.0 and result.type_accuracy == 100.0
    assert result.per_class["ACCUSE"]["support"] == 0


def test_split_is_fixed_and_covers_both_parts():
    assert part_of("a sentence") == part_of("a sentence")
    parts = {part_of(f"sentence {i}") for i in range(20)}
    assert parts == {"tune", "heldout"}


def test_reader_uses_header_names_and_tolerates_missing_columns(tmp_path):
    path = tmp_path / "plv.tsv"
    path.write_text("gold_root\tmarked_sentence\tsentence\n"
                    f"ASSAULT\t<s>Russia</s> attacked <t>Ukraine</t>.\tRussia attacked Ukraine.\n", "utf-8")
    (row,) = read_gold(path)
    assert row.source == (0, 6) and row.target == (16, 23) and row.gold == "ASSAULT"
    result = evaluate_file(path)
    assert result.pair_recall == 100.0 and result.type_accuracy == 100.0


def test_cli_json_is_the_only_stdout(tmp_path):
    from newsgraph.cli import app

    path = tmp_path / "plv.tsv"
    path.write_text("sentence\tmarked_sentence\tgold_root\n"
                    "Police arrested two journalists.\t<s>Police</s> arrested <t>two journalists</t>.\tCOERCE\n",
                    "utf-8")
    result = CliRunner().invoke(app, ["eval", "events", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"pair_recall", "type_accuracy", "type_macro_f1", "events_per_sentence"}
    assert data["pair_recall"] == 100.0


def test_gate_on_untuned_part_of_plv_train():
    """Quality gate: the whole heldout part (about 500 rows), end to end through the pipeline."""
    path = shared_file("eval/events/plv_train.tsv")
    floors = json.loads((ROOT / "tests" / "floors" / "events.json").read_text("utf-8"))
    got = evaluate_file(path, part="heldout").as_dict()
    assert got["events_per_sentence"] <= floors["events_per_sentence_max"], got
    for key in ("pair_recall", "type_accuracy", "type_macro_f1"):
        assert got[key] >= floors[key], (key, got)


def test_learned_table_comes_from_the_tune_part_only(tmp_path, nlp):
    """The shipped learned.tsv is exactly what the learner derives from the tune part."""
    from importlib import resources

    from newsgraph.evaluate.events import learn_table, write_table

    path = shared_file("eval/events/plv_train.tsv")
    out = tmp_path / "learned.tsv"
    write_table(learn_table(path, nlp, "tune"), out)
    shipped = resources.files("newsgraph.nlp.events").joinpath("data", "learned.tsv").read_text("utf-8")
    assert sorted(out.read_text("utf-8").splitlines()) == sorted(shipped.splitlines())
