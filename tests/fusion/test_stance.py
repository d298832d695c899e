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


OPENS_ON_DENIAL = ("The fisheries ministry denied on Friday that a giant squid was found alive on a beach in Chile."
                   " Photos shared online showed a squid on the sand. The ministry said the pictures were taken in"
                   " another country years ago.")
DENIAL_LATER = ("Fishermen say a giant squid was found alive on a beach in southern Chile on Monday. Photos shared"
                " online showed the animal on the sand. The fisheries ministry denied that any squid was found on a"
                " beach in Chile.")


def test_an_article_that_opens_on_a_denial_of_the_claim_is_shown_denying_it_with_that_sentence():
    found = stance(CLAIM, OPENS_ON_DENIAL)
    assert found.side == "disagree" and found.denied
    assert found.evidence[0].text.startswith("The fisheries ministry denied on Friday")


def test_an_article_that_states_the_claim_and_reports_its_denial_only_discusses_it():
    """The model reads it as agreeing; a sentence that states the claim refutes it, so it is
    shown neither asserting nor denying."""
    found = stance(CLAIM, DENIAL_LATER)
    assert found.label == "agree" and found.refuted and not found.denied
    assert found.side == "discuss"


@pytest.mark.parametrize("negated", ["No giant squid was found alive on a beach in Chile",
                                     "The giant squid wasn't found alive on a beach in Chile"])
def test_a_denial_agrees_with_a_negated_claim(negated):
    found = stance(negated, OPENS_ON_DENIAL)
    assert not found.refuted and not found.denied and found.side != "disagree"


def test_a_dismissal_from_office_is_no_denial():
    article = ("A senior clerk of the water board was dismissed on Monday from service for missing work for ten years."
               " The board said the clerk had not come to the office since 2015.")
    found = stance("Clerk sacked for missing work for ten years", article)
    assert not found.denied and found.side != "disagree"


@pytest.mark.parametrize("predicate, shown", [("stayed inside national airspace", "discuss"),
                                              ("entered the neighbouring airspace", "agree")])
def test_a_sentence_that_states_the_opposite_predicate_is_no_assertion(predicate, shown):
    """The helicopters "stayed inside" rather than "entered": the sentence repeats the claim's
    other words, so the model reads agree, but it says the contrary."""
    article = (f"The defence ministry said the two army helicopters {predicate} during the exercise. The exercise"
               " ended on Sunday. Pilots trained for night flights.")
    found = stance("Two army helicopters entered the neighbouring airspace", article)
    assert found.label == "agree" and found.side == shown


@pytest.mark.parametrize("label, disputed, refuted, denied, side", [
    ("disagree", True, True, False, "disagree"),
    ("discuss", True, False, False, "disagree"),    # the dispute reader decides, not the model's label
    ("disagree", False, True, False, "discuss"),    # the model reads disagree, the reader is not sure
    ("discuss", False, True, True, "disagree"),     # it opens on someone's denial of the claim
    ("agree", False, True, False, "discuss"),       # it states the claim, and a sentence stating it refutes it
    ("agree", False, False, False, "agree"),
    ("agree", True, False, False, "disagree"),
    ("unrelated", True, True, True, "unrelated"),
])
def test_what_an_article_is_shown_doing_needs_its_evidence(label, disputed, refuted, denied, side):
    from newsgraph.fusion.stance import Stance

    p = {"agree": 0.0, "disagree": 0.9, "discuss": 0.0, "unrelated": 0.0}
    assert Stance(label, 0.5, p, (), refuted, denied, disputed).side == side


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
