"""Quality gate on whole real articles: `newsgraph annotate` over the shared real-news inputs,
scored by the shared `score_events.py` as it is (the scoring contract), against
tests/floors/events_realnews.json; and `newsgraph eval events --realnews` doing both."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import ROOT, shared_file

pytestmark = pytest.mark.gate


def _floors() -> dict:
    return json.loads((ROOT / "tests" / "floors" / "events_realnews.json").read_text("utf-8"))


def _score(annotations) -> dict:
    folder = shared_file("eval/realnews")
    done = subprocess.run([sys.executable, str(folder / "score_events.py"), str(folder / "docs"),
                           str(folder / "events_gold.jsonl"), str(annotations), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["all"]


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    """The default view (events at events.min_confidence) and every event (--all)."""
    inputs = shared_file("eval/realnews/inputs.jsonl")
    out = {}
    for name, extra in (("default", []), ("all", ["--all"])):
        folder = tmp_path_factory.mktemp(name)
        subprocess.run([sys.executable, "-m", "newsgraph", "annotate", str(inputs), "--format", "jsonl",
                        "--out", str(folder), *extra], capture_output=True, text=True, check=True)
        out[name] = folder / "annotations.jsonl"
    return out


def test_gate_precision_first_on_whole_articles(annotated):
    got, floors = _score(annotated["default"]), _floors()
    assert got["full"]["p"] >= floors["full_p"], got
    assert got["full"]["r"] >= floors["full_r"], got
    assert got["type"]["f1"] >= floors["type_f1"], got
    assert got["sys_events_in_no_event_docs"] / got_no_event_docs() <= floors["events_per_no_event_doc_max"], got


def got_no_event_docs() -> int:
    gold = shared_file("eval/realnews/events_gold.jsonl")
    docs = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()]
    return sum(1 for d in docs if not [e for e in d["events"] if not e.get("doubtful")])


def test_the_store_keeps_what_the_view_hides(annotated):
    """--all writes every event: more of them, and the recall of finding at all is higher."""
    shown, every = _score(annotated["default"]), _score(annotated["all"])
    assert every["type"]["sys"] > shown["type"]["sys"]
    assert every["type"]["r"] >= shown["type"]["r"] and shown["full"]["p"] > every["full"]["p"]


def test_confidence_is_never_over_confident_on_dev(annotated):
    """Of the events at each confidence, at least that share less 0.2 is right (in bins of ten
    events or more), and of those at 0.8 or more at least 8 in 10 (issue 22), using the scorer
    on the events of one confidence at a time. The bins are fitted on articles the rules were not
    written on (tools/learn_events.py --calibrate TUNE --audit): on dev, where every shown event
    is right, the confidence may say less than dev bears out, never more."""
    lines = [json.loads(line) for line in annotated["all"].read_text("utf-8").splitlines()]
    levels = sorted({r["confidence"] for d in lines for r in d["records"] if r["kind"] == "event"})
    assert len(levels) >= 3 and all(0.0 <= c <= 1.0 for c in levels)
    for level in levels:
        only = annotated["all"].with_name(f"level_{level}.jsonl")
        with only.open("w", encoding="utf-8") as fh:
            for d in lines:
                kept = [r for r in d["records"] if r["kind"] != "event" or r["confidence"] == level]
                fh.write(json.dumps({**d, "records": kept}) + "\n")
        got = _score(only)
        if got["type"]["sys"] >= 10:
            assert got["full"]["p"] / 100 >= level - 0.2, (level, got["full"])
        if level >= 0.8 and got["type"]["sys"]:
            assert got["full"]["p"] >= 80, (level, got["full"])


def test_eval_events_realnews_cli(tmp_path):
    from newsgraph.cli import app

    folder = shared_file("eval/realnews")
    result = CliRunner().invoke(app, ["eval", "events", str(folder), "--realnews", "--json", "--work", str(tmp_path)])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)["all"]
    assert got["full"]["p"] >= _floors()["full_p"] and (tmp_path / "annotations.jsonl").is_file()


# -- our held-out articles (offsets into the shared texts; tools/events_heldout.py) --------------

TUNE = ROOT / "tests" / "data" / "events_tune.jsonl"


@pytest.mark.parametrize("which", ["heldout", "tune"])
def test_heldout_gold_keeps_offsets_and_labels_only_and_they_land_on_words(tmp_path, which):
    """No text of the shared sets in the repository: spans are offsets; each span starts and
    ends on a word boundary of the shared text, and triggers sit in their sentences."""
    sys.path.insert(0, str(ROOT / "tools"))
    from events_heldout import GOLD, text_of

    shared = shared_file("eval").parent
    gold = GOLD if which == "heldout" else TUNE
    lines = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()]
    assert len(lines) >= 10 and sum(len(d["events"]) for d in lines) >= 30
    for d in lines:
        text, _ = text_of(shared, d["doc"])
        for e in d["events"]:
            assert not {"sentence", "trigger", "actor", "recipient"} & set(e), "text in the gold file"
            s0, s1 = e["sentence_span"]
            for key in ("trigger_span", "actor_span", "recipient_span"):
                if e.get(key):
                    a, b = e[key]
                    assert s0 <= a < b <= s1 and text[a:b].strip() == text[a:b], (d["doc"], key)


def test_gate_on_our_heldout_articles(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    from events_heldout import build

    from newsgraph.evaluate.events import realnews

    folder = build(shared_file("eval").parent, tmp_path / "heldout")
    got = realnews(folder, tmp_path / "run", _default_min_confidence())["all"]
    floors = _floors()["heldout"]
    assert got["full"]["p"] >= floors["full_p"] and got["full"]["r"] >= floors["full_r"], got
    assert got["type"]["f1"] >= floors["type_f1"], got
    assert got["sys_events_in_no_event_docs"] <= floors["events_in_no_event_docs_max"], got


def test_gate_on_our_tune_articles(tmp_path):
    """The 75 tune articles (rules may be fitted on them, like dev): a cheap second gate."""
    sys.path.insert(0, str(ROOT / "tools"))
    from events_heldout import build

    from newsgraph.evaluate.events import realnews

    folder = build(shared_file("eval").parent, tmp_path / "tune", TUNE)
    got = realnews(folder, tmp_path / "run", _default_min_confidence())["all"]
    floors = _floors()["tune"]
    assert got["full"]["p"] >= floors["full_p"] and got["full"]["r"] >= floors["full_r"], got
    assert got["type"]["f1"] >= floors["type_f1"], got
    assert got["sys_events_in_no_event_docs"] <= floors["events_in_no_event_docs_max"], got


def _default_min_confidence() -> float:
    from newsgraph.config import EventsOptions

    return EventsOptions().min_confidence
