"""The brat writer, the attribution and certainty scorers, the CLI path, and the quality gates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.evaluate.attribution import annotate_split, read_ann, score, split_to_jsonl
from newsgraph.evaluate.certainty import evaluate_file, part_of
from newsgraph.records import AnalyzedArticle, Article, Attribution, Span, make_record
from newsgraph.output.annotate import open_writer
from newsgraph.output.annotate.brat import ann_lines, article_name

from conftest import shared_file

FLOORS = Path(__file__).parents[2] / "floors"
DEV = "eval/attribution/polnear-dev"
CERTAINTY = "eval/certainty/szeged_news_dev.jsonl"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True, timeout=900)


def _span(text: str, part: str, start: int = 0) -> Span:
    i = text.index(part, start)
    return Span(i, i + len(part), part)


def _att(text: str, source: str | None, cue: str, contents: list[str]) -> Attribution:
    frags = tuple(_span(text, c) for c in contents)
    whole = Span(frags[0].start, frags[-1].end, text[frags[0].start:frags[-1].end])
    c = _span(text, cue)
    return make_record(Attribution, "a", 0, c.start, c.end, c.text, "attribution", "1",
                       source=_span(text, source) if source else None, cue=c, content=whole,
                       content_fragments=frags if len(frags) > 1 else ())


# ---------------------------------------------------------------- brat writer

TEXT = '"We won," Smith said. "Again."\nAccording to polls, he leads.\nIt is expected to rain.'


def test_ann_lines_layout():
    recs = [_att(TEXT, "Smith", "said", ['"We won,"', '"Again."']),
            _att(TEXT, "polls", "According to", ["he leads"]),
            _att(TEXT, None, "is expected", ["to rain"])]
    lines = ann_lines(recs)
    assert [line.split("\t")[1] for line in lines[:4]] == [
        "Source 10 15", "Cue 16 20", "Content 0 9;22 30", "Attribution 16 20"]
    assert lines[4] == "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3"
    assert "Content 0 9;22 30" in "\n".join(lines)
    assert any(line.split("\t")[1].startswith("Attribution-no-source") for line in lines)
    events = [line for line in lines if line.startswith("E")]
    assert len(events) == 3 and events[0].startswith("E1\tAttribution:T")
    assert "Source:" not in events[2]


def test_writer_files_round_trip(tmp_path):
    recs = (_att(TEXT, "Smith", "said", ['"We won,"', '"Again."']),)
    art = Article(id="rec-1", text=TEXT, origin=str(tmp_path / "in.jsonl") + ":1")
    writer = open_writer("brat", tmp_path / "out")
    writer.write(AnalyzedArticle(art, recs))
    assert sorted(p.name for p in writer.close()) == ["rec-1.ann", "rec-1.txt"]
    assert (tmp_path / "out" / "rec-1.txt").read_bytes() == TEXT.encode("utf-8")
    for s in read_ann(tmp_path / "out" / "rec-1.ann"):
        assert " ".join(TEXT[a:b] for a, b in s.frags) == s.text


@pytest.mark.parametrize("origin, name", [("/x/story_2016.txt", "story_2016"), ("/x/in.jsonl:3", "rec-1"),
                                          (None, "rec-1")])
def test_article_name(origin, name):
    assert article_name(AnalyzedArticle(Article(id="rec-1", text="x", origin=origin))) == name


# ---------------------------------------------------------------- scorer

def _split(root: Path, anns: dict[str, str], texts: list[str]) -> Path:
    (root / "attributions").mkdir(parents=True)
    (root / "text").mkdir()
    for name in texts:
        (root / "text" / f"{name}.txt").write_text("x" * 100)
    for name, body in anns.items():
        (root / "attributions" / name).write_text(body)
    return root


GOLD = "T1\tSource 0 5\tx\nT2\tCue 6 10\tx\nT3\tContent 11 20;30 40\tx\nT4\tAttribution 6 10\tx\n" \
       "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"


def test_score_exact_overlap_and_first_annotator(tmp_path):
    gold = _split(tmp_path / "gold", {"a_aaaa.ann": GOLD, "a_zzzz.ann": "T1\tCue 50 60\tx\n", "b_aaaa.ann": GOLD},
                  ["a", "b"])
    system = tmp_path / "sys"
    system.mkdir()
    (system / "a.ann").write_text("T1\tSource 0 5\tx\nT2\tCue 6 9\tx\nT3\tContent 11 20\tx\n")
    s = score(gold, system)  # b.ann missing: no output
    assert s["articles"] == 2 and s["source_gold"] == 2
    assert s["source_exact_p"] == 100.0 and s["source_exact_r"] == 50.0
    assert s["cue_exact_f1"] == 0.0 and s["cue_overlap_p"] == 100.0
    assert s["content_exact_f1"] == 0.0 and s["content_overlap_r"] == 50.0


def test_split_to_jsonl(tmp_path):
    gold = _split(tmp_path / "gold", {"a_aaaa.ann": GOLD}, ["a", "b"])
    lines = split_to_jsonl(gold, tmp_path / "in.jsonl").read_text().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["a"]


def test_certainty_split_is_fixed():
    assert part_of("NYT19981026.0446.txt", "S1.1") == part_of("NYT19981026.0446.txt", "S1.1")
    parts = {part_of("d", f"S{i}") for i in range(20)}
    assert parts == {"tune", "heldout"}


# ---------------------------------------------------------------- the official path, end to end

def test_annotate_brat_then_eval_cli(tmp_path):
    split = shared_file(DEV)
    full = split_to_jsonl(split, tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    small = tmp_path / "in.jsonl"
    small.write_text("\n".join(full[:3]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run = cli("annotate", "--format", "brat", "--out", str(out), str(small))
    assert run.returncode == 0, run.stderr
    ids = [json.loads(x)["id"] for x in full[:3]]
    for art_id in ids:
        text = (split / "text" / f"{art_id}.txt").read_text(encoding="utf-8")
        assert (out / f"{art_id}.txt").read_text(encoding="utf-8") == text
        for s in read_ann(out / f"{art_id}.ann"):
            assert " ".join(text[a:b].replace("\n", " ") for a, b in s.frags) == s.text
    result = cli("eval", "attribution", str(split), str(out), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    for key in ("source_exact_f1", "cue_exact_f1", "content_exact_f1",
                "source_overlap_f1", "cue_overlap_f1", "content_overlap_f1"):
        assert 0 <= scores[key] <= 100


# ---------------------------------------------------------------- quality gates

def test_attribution_gate_polnear_dev(tmp_path):
    """Full PolNeAR dev (84 articles) through annotate --format brat; tuned on train only."""
    split = shared_file(DEV)
    floors = json.loads((FLOORS / "attribution.json").read_text())["floor"]
    scores = score(split, annotate_split(split, tmp_path))
    for key, floor in floors.items():
        assert scores[key] >= floor, (key, scores[key], floor)


def test_certainty_gate_heldout_half():
    path = shared_file(CERTAINTY)
    floors = json.loads((FLOORS / "certainty.json").read_text())["floor"]
    scores = evaluate_file(path, "heldout")
    for key, floor in floors.items():
        assert scores[key] >= floor, (key, scores[key], floor)


def test_certainty_cli_json(tmp_path):
    path = shared_file(CERTAINTY)
    result = cli("eval", "certainty", str(path), "--json")
    assert result.returncode == 0, result.stderr
    assert {"cue_exact_f1", "cue_overlap_f1", "sentence_f1"} <= set(json.loads(result.stdout))
