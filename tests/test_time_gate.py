"""Quality gate: TIMEX3 tagging on the untuned half of TimeBank and WikiWars (../shared).

Runs the same path as ``annotate --format timeml`` + ``eval time`` (in memory): read the
TimeML file, tag, write the TimeML back, score as TempEval-3 does. Floors are in
tests/floors/time.json; the split is evaluate.time.split_half (SHA-1 of the document name),
rules were tuned on the "tune" half only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_file

FLOORS = json.loads((Path(__file__).parent / "floors" / "time.json").read_text("utf-8"))
SETS = {"timebank": "eval/time/timebank", "wikiwars": "eval/time/wikiwars/tml"}


@pytest.mark.parametrize("name", sorted(SETS))
def test_time_quality_gate(name, nlp):
    from newsgraph.evaluate.time import score_documents, split_half, tag_documents
    from newsgraph.ingest.timeml import doc_name

    folder = shared_file(SETS[name])
    files = [p for p in sorted(folder.glob("*.tml")) if split_half(doc_name(p)) == "test"]
    assert len(files) >= 5
    docs = list(nlp.pipe(_texts(files), batch_size=16))
    result = tag_documents(files, docs=docs)
    scores = score_documents([(n, g, s) for n, (g, s) in result.items()]).summary()
    floor = FLOORS[name]["floor"]
    low = {k: (scores[k], v) for k, v in floor.items() if scores[k] < v}
    assert not low, f"{name}: below floor (score, floor): {low}"


def _texts(files):
    from newsgraph.ingest.timeml import read_timeml_file

    return [read_timeml_file(p).text for p in files]
