"""The HTML brief in a real browser (issue 26, item 1): a stored ``javascript:`` URL never becomes
a link that runs, and the brief's CSP stops script even if a string slipped through escaping."""

from __future__ import annotations

import pytest

import newsgraph
from newsgraph.records import Article
from newsgraph.report.analyst import write_report
from newsgraph.store import open_store


pytestmark = [pytest.mark.browser, pytest.mark.model]

HOSTILE = {
    "j": "javascript:alert(document.domain)",
    "k": " JaVaScRiPt:window.pwned=1",
    "d": "data:text/html,<script>window.pwned=1</script>",
    "q": "https://example.org/a?x=\"><script>window.pwned=1</script>",
}


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("brief")
    articles = [Article(id=key, url=url, source="Outlet \x01<b>", date="2024-10-15", date_source="field",
                        text=f"The minister said on Monday that the drones were never armed. Case {key}.")
                for key, url in HOSTILE.items()]
    newsgraph.analyze(articles, db=folder / "x.duckdb")
    with open_store(folder / "x.duckdb", read_only=True) as store:
        return {key: write_report(store, folder / f"{key}.html", article_id=key) for key in HOSTILE}


def _open(browser, path):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    return page, dialogs


@pytest.mark.parametrize("key", sorted(HOSTILE))
def test_a_hostile_url_is_text_and_clicking_around_runs_nothing(browser, briefs, key):
    page, dialogs = _open(browser, briefs[key])
    try:
        assert page.locator("td").count() > 0  # the brief has its timeline
        for link in page.locator("a[href]").all():  # what an analyst would click (not the web ones)
            if not link.get_attribute("href").startswith(("http://", "https://")):
                link.click(timeout=2000, no_wait_after=True)
        page.wait_for_timeout(300)
        assert dialogs == [] and page.evaluate("window.pwned") is None
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
        assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
        assert page.locator("script").count() == 0
        if key != "q":
            assert HOSTILE[key].strip() in page.inner_text("body")  # shown, so the analyst sees it
    finally:
        page.close()


def test_the_brief_csp_stops_script_that_escaping_missed(browser, briefs, tmp_path):
    html = briefs["j"].read_text("utf-8")
    assert "Content-Security-Policy" in html
    injected = tmp_path / "injected.html"  # as if a future change forgot to escape one field
    injected.write_text(html.replace("</h1>", "</h1><script>window.pwned=1</script>"
                                              "<img src=x onerror='window.pwned=2'>"), "utf-8")
    page, dialogs = _open(browser, injected)
    try:
        page.wait_for_timeout(300)
        assert page.evaluate("window.pwned") is None and dialogs == []
    finally:
        page.close()


def test_the_markdown_brief_rendered_with_raw_html_allowed_runs_nothing(browser, tmp_path):
    markdown_it = pytest.importorskip("markdown_it")  # a CommonMark renderer (rich depends on it)
    hostile = '<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> [proof](javascript:window.pwned=3)'
    text = "The minister said on Monday that the drones were never armed."
    newsgraph.analyze([Article(id="m", text=text, source=hostile, date="2024-10-15", date_source="field")],
                      db=tmp_path / "m.duckdb")
    with open_store(tmp_path / "m.duckdb", read_only=True) as store:
        brief = write_report(store, tmp_path / "m.md", article_id="m").read_text("utf-8")
    assert "onerror" in brief  # the text is there, as text
    page_file = tmp_path / "m.html"
    page_file.write_text(markdown_it.MarkdownIt("commonmark").render(brief), "utf-8")  # html=True
    page, dialogs = _open(browser, page_file)
    try:
        page.wait_for_timeout(300)
        assert page.evaluate("window.pwned") is None and dialogs == []
        assert page.locator("img[onerror], script, a[onmouseover]").count() == 0 and "<img" in page.inner_text("body")
    finally:
        page.close()
