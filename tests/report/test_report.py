"""The analyst brief: HTML with real figures, Markdown with SVG files, sources for every statement."""

from __future__ import annotations

import re

import pytest
from fusion_support import analyzed, write_story

from newsgraph.errors import ExportError, StoreError
from newsgraph.fusion.fuse import fuse
from newsgraph.fusion.queries import threads
from newsgraph.report.analyst import write_report
from newsgraph.store import open_store


@pytest.fixture()
def store():
    s = open_store(":memory:")
    write_story(s)
    yield s
    s.close()


def test_html_brief_shows_timeline_stances_sources_and_figures(store, tmp_path):
    out = write_report(store, tmp_path / "brief.html", about="Argentina")
    html = out.read_text("utf-8")
    assert html.count("<svg") == 2  # actor network and attention over time, inline
    assert "Who asserts, who denies" in html and "Timeline" in html
    assert "Rodrigo Valdivieso Pardo" in html and "denies" in html
    assert "herald-0305 [110:198]" in html  # article id + char offsets
    assert "He has reason to believe that two Argentine army drones crossed" in html  # the source sentence
    assert "copy of wire-0305; not an independent source" in html
    assert "Independent sources" in html and "<td>4 (" in html


def test_markdown_brief_writes_svg_figures_beside_it(store, tmp_path):
    out = write_report(store, tmp_path / "brief.md", thread_id=threads(store, contested=True)[0]["thread_id"])
    text = out.read_text("utf-8")
    assert "| denies | Argentina | Argentina |" in text
    for name in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text):
        assert (tmp_path / name).read_text("utf-8").lstrip().startswith("<svg")
    assert "`pampa-0307 [34:78]`" in text


def test_report_of_one_article_and_of_a_single_report_thread(store, tmp_path):
    out = write_report(store, tmp_path / "one.html", article_id="pampa-0307")
    html = out.read_text("utf-8")
    assert "protocol" in html and "Reports</th><td>1 in 1 article(s)" in html


def test_existing_output_is_refused_without_force(store, tmp_path):
    target = tmp_path / "brief.html"
    target.write_text("keep me")
    with pytest.raises(ExportError, match="E601"):
        write_report(store, target)
    assert target.read_text() == "keep me"
    write_report(store, target, force=True)
    assert "<svg" in target.read_text("utf-8")


def test_bad_requests_give_clear_errors(store, tmp_path):
    with pytest.raises(ExportError, match="E604"):
        write_report(store, tmp_path / "brief.pdf")
    with pytest.raises(StoreError, match="E307"):
        write_report(store, tmp_path / "x.html", thread_id="thr_nope")
    with pytest.raises(ExportError, match="E603"):
        write_report(store, tmp_path / "x.html", about="Atlantis")
    assert list(tmp_path.iterdir()) == []


def test_store_without_claims_or_dates_still_reports_or_explains(tmp_path):
    s = open_store(":memory:")
    undated = analyzed("undated", "2025-01-01", "Nowhere News", "Nothing was claimed here. This is fictional.", [])
    s.write_batch([undated])
    fuse(s)
    with pytest.raises(ExportError, match="E603"):
        write_report(s, tmp_path / "x.html")


def test_text_brief_shows_a_split_quote_as_its_pieces_without_doubled_marks():
    import json

    from newsgraph.report.brief import _quotes

    pieces = [{"start": 0, "end": 5, "text": "which"}, {"start": 30, "end": 50, "text": "hasn't stopped at arms"}]
    (split,) = _quotes([{"speaker": "Zelensky", "cue_text": "said", "content_text": "which Zelensky said hasn't",
                         "content_fragments": json.dumps(pieces)}])
    assert split == 'Zelensky [said]: "which … hasn\'t stopped at arms"'
    (quoted,) = _quotes([{"speaker": "Ruiz", "cue_text": "said", "content_text": '"We expect them to share,"'}])
    assert quoted == 'Ruiz [said]: "We expect them to share,"'


def test_text_brief_shows_what_the_views_show_and_all_with_no_thresholds(tmp_path):
    """A claim and a quote below claims.min_confidence, an event below events.min_confidence:
    stored, left out of the brief users read, back with ``Shown()`` (``--all``)."""
    from tests.server.test_server_demo import build_demo

    from newsgraph.config import Config, Shown
    from newsgraph.report.brief import brief_text

    with open_store(build_demo(tmp_path / "demo.duckdb")) as s:
        for table in ("claims", "attributions", "events"):
            s.con.execute(f"UPDATE {table} SET confidence = 0.05 WHERE article_id = 'demo-a'")
        default, everything = brief_text(s, "demo-a", Config().shown()), brief_text(s, "demo-a", Shown())
    for hidden in ("Claims:", "Quotes and reported speech:", "Events:"):
        assert hidden in everything and hidden not in default
    assert "Actors:" in default


def test_report_leaves_out_an_event_thread_users_do_not_see(tmp_path):
    """An article's event below events.min_confidence: its thread is not in the report
    (it was, while only claims were filtered); ``Shown()`` (``--all``) brings it back."""
    from tests.server.test_server_demo import build_demo

    from newsgraph.config import Config, Shown

    with open_store(build_demo(tmp_path / "demo.duckdb")) as s:
        fuse(s)
        s.con.execute("UPDATE events SET confidence = 0.1 WHERE article_id = 'demo-a'")
        shown = write_report(s, tmp_path / "shown.md", article_id="demo-a", shown=Config().shown()).read_text()
        every = write_report(s, tmp_path / "all.md", article_id="demo-a", shown=Shown()).read_text()
    assert "MOBILIZE" in every and "MOBILIZE" not in shown
    assert "Bordurian troops crossed the river" in shown
