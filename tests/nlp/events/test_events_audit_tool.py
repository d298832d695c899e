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


def test_the_confidence_holds_on_the_judged_learning_samples(shared, pool):
    """Of the judged events of the learning seeds (A, A2, B, C) still shown as judged, the share
    right at each confidence is within 0.2 of it (levels of ten events or more): the calibration
    says what these real articles bear out. Seed D, the untuned check, is not asserted on."""
    judged = [j for j in audit.load_judgements() if j["seed"] in ("A", "A2", "B", "C")]
    rows = audit.shown_events({d: pool[d] for d in {j["doc"] for j in judged}})
    now = {audit.key(r): r for r in rows}
    levels: dict[float, list[int]] = {}
    for j in reversed(judged):
        cur = now.pop(audit.key(j), None)  # the last judgement of an event counts
        if cur is not None and audit.same(j, cur):
            levels.setdefault(cur["confidence"], []).append(j["verdict"] == "right")
    assert sum(len(v) for v in levels.values()) >= 60
    for level, right in levels.items():
        if len(right) >= 10:
            assert abs(sum(right) / len(right) - level) <= 0.2, (level, sum(right), len(right))
