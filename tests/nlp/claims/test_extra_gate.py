"""Quality gate: claims on the tune part of our extra real articles (tools/realnews_extra.py).

The texts are read from ../shared (FNC-1 train bodies, PolNeAR train, TimeBank); the gold is
ours, offsets only. Floors in ``tests/floors/claims_extra.json``. The frozen part is not gated.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_file

pytestmark = pytest.mark.gate

ROOT = Path(__file__).resolve().parents[3]
FLOORS = json.loads((ROOT / "tests" / "floors" / "claims_extra.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures():
    shared_file("eval/realnews/score_claims.py")
    shared_file("eval/attribution/polnear-train/metadata.tsv")
    shared_file("eval/stance/fnc1-train/train_bodies.csv")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "realnews_extra.py"), str(shared_file("eval")),
                           "--part", "tune", "--json"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    a = json.loads(done.stdout)["all"]
    return {"claimant_p": a["claimant"]["p"], "claimant_r": a["claimant"]["r"], "claimant_f1": a["claimant"]["f1"],
            "stance_f1": a["stance"]["f1"], "stance_acc": a["stance_acc"]}


@pytest.mark.parametrize("key", sorted(FLOORS["floor"]))
def test_extra_claims_hold_their_floor(figures, key):
    assert figures[key] >= FLOORS["floor"][key], figures
