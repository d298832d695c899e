"""tools/events_audit.py: the audit pool, the judgement file (offsets and labels only) and the
precision it re-prints. Reads ../shared in place (skips without it, fails under CI=true)."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT, shared_file

sys.path.insert(0, str(ROOT / "tools"))
import events_audit as audit  # noqa: E402


@pytest.fixture(scope="module")
def shared():
    return shared_file("eval/stance/fnc1-train/train_bodies.csv").parents[3]


@pytest.fixture(scope="module")
def pool(shared):
    return audit.pool(shared)


def test_pool_is_300_unseen_articles_in_a_fixed_order(shared, pool):
    assert len(pool) == audit.POOL
    assert not set(pool) & audit.excluded(shared)
    assert {name.split("_")[0] for name in pool} == {"fnctrain", "pntrain"}
    assert list(pool) == list(audit.pool(shared))


@pytest.fixture(scope="module")
def wide(shared):
    """The pool extended to its next 300 articles (``--pool 600``, seed I on): still none excluded."""
    return audit.pool(shared, 2 * audit.POOL)


def test_judgements_are_offsets_and_labels_on_pool_texts(wide):
    pool = wide
    rows = audit.load_judgements()
    assert len({audit.key(r) for r in rows if r["seed"] == "A"}) >= 40
    for row in rows:
        assert not {"text", "sentence", "trigger", "actor", "recipient"} & set(row), "text in the judgement file"
        text, _ = pool[row["doc"]]
        (s0, s1), (t0, t1) = row["sentence_span"], row["trigger_span"]
        assert s0 <= t0 < t1 <= s1 and text[t0:t1].strip() == text[t0:t1] and text[t0:t1].isprintable()


def test_precision_is_reprinted_and_changes_are_flagged(shared, tmp_path, capsys):
    rows = audit.load_judgements()
    right = next(r for r in rows if r["verdict"] == "right")
    wrong = next(r for r in rows if r["verdict"] == "not_event" and r["doc"] != right["doc"])
    moved = dict(right, actor_id="act:nobody")  # a judgement of another actor: shown now as changed
    path = tmp_path / "j.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (moved, wrong)), "utf-8")
    assert audit.main([str(shared), str(tmp_path / "out"), "--check", "--judgements", str(path)]) == 0
    out = capsys.readouterr().out
    report = json.loads(out[out.index("{\n"):])["A"]
    assert report["judged"] == 2 and report["precision"] == 50.0
    assert report["changed"] == [f"{right['doc']}@{right['trigger_span'][0]} {right['type']}"]
    assert (tmp_path / "out" / "changed.jsonl").read_text("utf-8").count("\n") == 1


def test_a_bad_judgement_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "j.jsonl"
    path.write_text('{"doc": "x", "trigger_span": [1, 2], "verdict": "right"}\n{"doc": "y", "verdict": "maybe"}\n', "utf-8")
    with pytest.raises(SystemExit, match=r"j\.jsonl:2"):
        audit.load_judgements(path)


def test_the_shown_confidence_is_the_untuned_share_right():
    """The confidence of every bin shown is the share right of the untuned samples' events at the
    raw score they had when drawn (tools/learn_events.py): on articles nobody learned from, the
    surest events are right as often as they say, and none says 0.8 or more."""
    import learn_events
    from newsgraph.nlp.events.confidence import table

    judged = audit.load_judgements()
    fitted = learn_events.calibration(learn_events.untuned_outcomes(judged), learn_events.EDGES[4:])[1:]
    shipped = [row for row in table().calibration if row[0] > learn_events.SHOWN_FROM]
    assert [(u, p) for u, p, _ in fitted] == [tuple(row) for row in shipped]
    assert sum(n for *_, n in fitted) >= 150 and all(p < 0.8 for _, p, _ in fitted)


def test_a_fix_learned_later_does_not_lift_the_fit():
    """Judging an event again after a fix (a "rejudged" line: now right) changes nothing: the fit
    reads each event's first judgement at the raw score it had when drawn."""
    import learn_events

    judged = audit.load_judgements()
    wrong = [j for j in judged if j["seed"] == "J" and j["verdict"] != "right"]
    fixed = [dict(j, verdict="right", rejudged=True, raw=1.0) for j in wrong]
    assert wrong and learn_events.untuned_outcomes(judged + fixed) == learn_events.untuned_outcomes(judged)
    before = learn_events.untuned_outcomes(judged)
    assert learn_events.untuned_outcomes([dict(j, verdict="right") if j in wrong else j for j in judged]) != before
