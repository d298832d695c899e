"""Quality gate: TIMEX3 tagging on the untuned parts of TimeBank and WikiWars (../shared).

Runs the same path as ``annotate --format timeml`` + ``eval time`` (in memory): read the
TimeML file, tag, write the TimeML back, score as TempEval-3 does. Floors are in
tests/floors/time.json. TimeBank: the frozen part (evaluate.time.frozen_split, 63 of 183
documents), which no rule change is checked against; WikiWars: the "test" half of
evaluate.time.split_half (SHA-1 of the document name); news: our own TIMEX3 gold of 71 real
articles (tests/data/time_news.jsonl, tools/time_news.py), both halves. See docs/time.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_file

FLOORS = json.loads((Path(__file__).parents[2] / "floors" / "time.json").read_text("utf-8"))
SETS = {"timebank": "eval/time/timebank", "wikiwars": "eval/time/wikiwars/tml"}


def _untuned(name: str, doc: str) -> bool:
    from newsgraph.evaluate.time import frozen_split, split_half

    return frozen_split(doc) == "frozen" if name == "timebank" else split_half(doc) == "test"


@pytest.mark.parametrize("name", sorted(SETS))
def test_time_quality_gate(name, nlp):
    from newsgraph.evaluate.time import score_documents, tag_documents
    from newsgraph.ingest.timeml import doc_name

    folder = shared_file(SETS[name])
    files = [p for p in sorted(folder.glob("*.tml")) if _untuned(name, doc_name(p))]
    assert len(files) >= 5
    docs = list(nlp.pipe(_texts(files), batch_size=16))
    result = tag_documents(files, docs=docs)
    scores = score_documents([(n, g, s) for n, (g, s) in result.items()]).summary()
    floor = FLOORS[name]["floor"]
    low = {k: (scores[k], v) for k, v in floor.items() if scores[k] < v}
    assert not low, f"{name}: below floor (score, floor): {low}"


def test_time_quality_gate_on_our_news_set(nlp, tmp_path):
    import sys

    from newsgraph.evaluate.time import score_documents, tag_documents

    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
    from time_news import records, write_gold

    shared_file("eval/attribution/polnear-train/text")
    files = write_gold(shared_file("eval").parent, tmp_path, records())
    assert len(files) >= 20
    result = tag_documents(files, docs=list(nlp.pipe(_texts(files), batch_size=16)))
    scores = score_documents([(n, g, s) for n, (g, s) in result.items()]).summary()
    low = {k: (scores[k], v) for k, v in FLOORS["news"]["floor"].items() if scores[k] < v}
    assert not low, f"news: below floor (score, floor): {low}"


def _texts(files):
    from newsgraph.ingest.timeml import read_timeml_file

    return [read_timeml_file(p).text for p in files]
