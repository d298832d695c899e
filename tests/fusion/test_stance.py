"""Stance of an article towards a claim: the model, the FNC-1 scoring, the CLI and the gate."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.evaluate.stance import part_of, score
from newsgraph.fusion.stance import LABELS, stance

from conftest import shared_file

FLOORS = json.loads((Path(__file__).parents[1] / "floors" / "stance.json").read_text("utf-8"))["floor"]

CLAIM = "A giant squid was found alive on a beach in Chile"
AGREE = ("Fishermen found a giant squid alive on a beach in southern Chile on Monday. Marine biologists confirmed "
         "the animal was a giant squid. The squid was returned to the sea.")
DENY = ("Pictures that claim to show a giant squid found alive on a beach in Chile are a hoax. The images were "
        "fabricated, experts said. No squid was found on any beach in Chile.")
OTHER = "The central bank raised interest rates by half a point on Tuesday, citing inflation. Markets fell after it."


def test_an_article_that_reports_the_claim_agrees_and_one_about_something_else_is_unrelated():
    agree, other = stance(CLAIM, AGREE), stance(CLAIM, OTHER)
    assert (agree.label, other.label) == ("agree", "unrelated")
    assert agree.confidence > 0.5 and other.confidence > 0.5
    assert abs(sum(agree.probabilities.values()) - 1.0) < 1e-3


SAME_STORY = ("Chile has more than four thousand kilometres of coast. Its beaches draw tourists every summer, and"
              " fishermen catch squid, hake and anchovy. A new aquarium in Valparaiso shows a giant squid preserved"
              " in a tank.")


def test_an_article_on_the_same_topic_that_never_states_the_claim_only_discusses_it():
    """Squid, beaches and Chile, but no sentence says a squid was found alive on a beach: the
    model alone would read it as agreeing; ``check`` must not count it among the assertions."""
    found = stance(CLAIM, SAME_STORY)
    assert found.label == "discuss"
    assert found.probabilities["agree"] > 0.5  # what the model alone would have said


def test_an_article_that_calls_the_claim_a_hoax_disagrees():
    assert stance(CLAIM, DENY).label == "disagree"


def test_evidence_spans_are_the_article_sentences_that_match_the_claim_best():
    found = stance(CLAIM, AGREE)
    assert found.evidence[0].text.startswith("Fishermen found a giant squid")
    for e in found.evidence:
        assert AGREE[e.start:e.end] == e.text


def test_empty_texts_do_not_break_the_model():
    assert stance("", "").label in LABELS
    assert stance(CLAIM, "").label == "unrelated"


def test_fnc_score_counts_related_labels_and_exact_labels():
    gold = ["agree", "disagree", "discuss", "unrelated"]
    assert score(gold, gold)["fnc_score"] == 100.0
    # max = 1 + 1 + 1 + 0.25; agree->discuss earns 0.25, unrelated right 0.25, the others 0
    got = score(gold, ["discuss", "unrelated", "agree", "unrelated"])
    assert got["fnc_score"] == round(100 * 0.75 / 3.25, 2)
    assert got["f1_unrelated"] == pytest.approx(200 / 3, abs=0.01)
    assert {"fnc_score", "macro_f1", "f1_agree", "f1_disagree", "f1_discuss", "f1_unrelated"} <= set(got)


def test_the_split_by_body_is_fixed_and_holds_about_a_fifth():
    parts = [part_of(str(i)) for i in range(2000)]
    assert parts == [part_of(str(i)) for i in range(2000)]
    assert 0.15 < parts.count("heldout") / len(parts) < 0.25


def _write_fnc(tmp_path: Path, stances: list[tuple[str, str, str]]) -> tuple[Path, Path]:
    bodies = tmp_path / "bodies.csv"
    with bodies.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([("Body ID", "articleBody"), ("1", AGREE), ("2", DENY), ("3", OTHER)])
    pairs = tmp_path / "stances.csv"
    with pairs.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([("Headline", "Body ID", "Stance"), *stances])
    return pairs, bodies


def test_eval_stance_cli_prints_json_and_writes_predictions(tmp_path):
    pairs, bodies = _write_fnc(tmp_path, [(CLAIM, "1", "agree"), (CLAIM, "2", "disagree"), (CLAIM, "3", "unrelated")])
    out = tmp_path / "predictions.csv"
    result = CliRunner().invoke(app, ["eval", "stance", str(pairs), str(bodies), "--predictions", str(out), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["fnc_score"] == 100.0 and scores["pairs"] == 3
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["Stance"] for r in rows] == ["agree", "disagree", "unrelated"]
    assert list(rows[0]) == ["Headline", "Body ID", "Stance"]


def test_eval_stance_names_the_bad_line_and_the_missing_body(tmp_path):
    pairs, bodies = _write_fnc(tmp_path, [(CLAIM, "1", "agree"), (CLAIM, "2", "maybe")])
    result = CliRunner().invoke(app, ["eval", "stance", str(pairs), str(bodies)])
    assert result.exit_code != 0 and "line 3" in str(result.exception or result.output)
    pairs, bodies = _write_fnc(tmp_path, [(CLAIM, "9", "agree")])
    result = CliRunner().invoke(app, ["eval", "stance", str(pairs), str(bodies)])
    assert result.exit_code != 0 and "'9'" in str(result.exception or result.output)


def test_stance_gate_on_the_untuned_fnc1_bodies():
    from newsgraph.evaluate.stance import evaluate_files

    folder = shared_file("eval/stance/fnc1-train/train_stances.csv").parent
    scores = evaluate_files(folder / "train_stances.csv", folder / "train_bodies.csv", part="heldout")
    for key, floor in FLOORS.items():
        assert scores[key] >= floor, f"{key} {scores[key]} < floor {floor}"
