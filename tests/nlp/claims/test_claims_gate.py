"""Quality gate: claims on whole real articles, scored by the shared real-news scorer.

Runs ``newsgraph annotate`` on the real-news inputs and ``score_claims.py --json`` on its
output, both as subprocesses exactly as the contract says, and holds the figures to the floors
of ``tests/floors/claims.json``; ``newsgraph eval claims`` must give the same figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_file

pytestmark = pytest.mark.gate

FLOORS = json.loads((Path(__file__).parents[2] / "floors" / "claims.json").read_text(encoding="utf-8"))


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    folder = shared_file("eval/realnews")
    out = tmp_path_factory.mktemp("realnews")
    _run("-m", "newsgraph", "annotate", str(shared_file("eval/realnews/inputs.jsonl")), "--format", "jsonl",
         "--out", str(out))
    return json.loads(_run(str(folder / "score_claims.py"), str(folder / "docs"),
                           str(folder / "claims_gold.jsonl"), str(out / "annotations.jsonl"), "--json"))


def _figures(scores: dict) -> dict[str, float]:
    a = scores["all"]
    return {"claimant_p": a["claimant"]["p"], "claimant_r": a["claimant"]["r"], "claimant_f1": a["claimant"]["f1"],
            "stance_f1": a["stance"]["f1"], "stance_acc": a["stance_acc"]}


@pytest.mark.parametrize("key", sorted(FLOORS["floor"]))
def test_realnews_claims_hold_their_floor(scores, key):
    assert _figures(scores)[key] >= FLOORS["floor"][key], _figures(scores)


def test_eval_claims_gives_the_contract_figures(scores, tmp_path):
    folder = shared_file("eval/realnews")
    mine = json.loads(_run("-m", "newsgraph", "eval", "claims", str(folder), "--work", str(tmp_path), "--json"))
    assert _figures(mine) == _figures(scores)


def test_all_shows_the_claims_under_the_floor(tmp_path):
    inputs = shared_file("eval/realnews/inputs.jsonl")
    _run("-m", "newsgraph", "annotate", str(inputs), "--format", "jsonl", "--out", str(tmp_path / "all"), "--all")
    _run("-m", "newsgraph", "annotate", str(inputs), "--format", "jsonl", "--out", str(tmp_path / "shown"),
         "--set", "claims.min_confidence=0.9")

    def claims(name):
        lines = (tmp_path / name / "annotations.jsonl").read_text(encoding="utf-8").splitlines()
        return [r for line in lines for r in json.loads(line)["records"] if r["kind"] == "claim"]

    every, few = claims("all"), claims("shown")
    assert len(few) < len(every)
    assert all(c["confidence"] >= 0.9 for c in few) and any(c["confidence"] < 0.5 for c in every)
