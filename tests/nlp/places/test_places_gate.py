"""Quality gate: toponym resolution on the GeoWebNews half we did not tune on."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import shared_file

FLOORS = json.loads((Path(__file__).parents[2] / "floors" / "places.json").read_text("utf-8"))


def test_places_gate_on_the_report_half(nlp):
    from newsgraph.evaluate.places import read_gwn, score, split

    _, report = split(read_gwn(shared_file("eval/places/gwn.xml")))
    scores = score(report, lambda texts: nlp.pipe(texts, batch_size=16))
    for key, floor in FLOORS.items():
        if not key.startswith("_"):
            assert scores[key] >= floor, f"{key} {scores[key]} < floor {floor}"


def test_places_json_has_the_contract_keys(tmp_path):
    from newsgraph.evaluate.places import score

    scores = score([], lambda texts: [])
    assert {"acc161", "exact_id", "ceiling", "span_f1", "e2e_acc161"} <= set(scores)
