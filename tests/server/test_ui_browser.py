"""The web UI in a real browser (Debian's chromium driven by Playwright), over the demo
database served in-process on a free loopback port. Screenshots go to a tmp dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.server.test_server_demo import BORDURIA, VELL, build_demo

@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    from newsgraph.server import create_app
    from newsgraph.server.runner import Background
    from newsgraph.store import open_store

    db = build_demo(tmp_path_factory.mktemp("ui") / "demo.duckdb")
    store = open_store(db)
    with Background(create_app(store)) as url:
        yield url
    store.close()


@pytest.fixture()
def page(browser, server_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.base = server_url
    yield pg
    context.close()
    assert not errors, errors


SHOTS = Path(os.environ.get("NEWSGRAPH_SHOTS", "")) if os.environ.get("NEWSGRAPH_SHOTS") else None


def _shot(pg, tmp_path: Path, name: str) -> Path:
    folder = SHOTS or tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000
    return path


def test_claim_board_to_thread_to_denial_source(page, tmp_path):
    page.goto(page.base + "/#/board")
    row = page.locator("tr.thread-row", has_text="Bordurian troops crossed the river")
    row.wait_for()
    assert "Anna Vell" in row.locator("td.claimants").inner_text()
    assert "Borduria" in row.locator(".s-denies").inner_text()
    assert row.locator("td.sources").inner_text().strip() == "3"  # the syndicated copy counts once
    assert row.locator("td.first-seen").inner_text().startswith("2031-03-02")
    _shot(page, tmp_path, "1-board")

    row.locator("a.thread-link").click()
    page.wait_for_selector("li.claim")
    assert page.locator("li.claim").count() == 4
    denial = page.locator("li.claim[data-stance=denies]")
    assert "Borduria" in denial.inner_text()
    _shot(page, tmp_path, "2-thread")

    denial.locator("a.source-link").click()
    page.wait_for_selector("article.reader .seg.target")
    assert page.locator("article.reader").get_attribute("data-article") == "demo-b"
    target = "".join(page.locator(".seg.target").all_inner_texts())
    assert "Borduria has denied that Bordurian troops crossed the river" in target
    assert page.locator(".side").inner_text().count("denies") >= 1
    assert page.locator(".text .k-actor", has_text="Ivo Kral").count() == 1
    assert page.locator(".text .k-quote", has_text="the reports were false").count() >= 1
    _shot(page, tmp_path, "3-article")


def test_timeline_filtered_by_actor_and_drill_down(page, tmp_path):
    page.goto(page.base + "/#/timeline?kind=claim")
    page.wait_for_selector(".timeline-chart rect.bar")
    total_all = page.locator(".total").inner_text()
    assert total_all.startswith("5 claims")
    page.select_option("#f-actor", VELL)
    expect(page.locator(".total")).to_contain_text("3 claims")
    assert VELL in page.url and "kind=claim" in page.url
    bars = page.locator(".timeline-chart rect.bar")
    assert bars.count() == 2
    _shot(page, tmp_path, "4-timeline-actor")
    bars.last.click()
    page.wait_for_selector(".drill li.item")
    assert page.locator(".drill li.item").count() == 2
    assert "Bordurian troops crossed the river" in page.locator(".drill").inner_text()
    _shot(page, tmp_path, "5-timeline-drill")


def test_network_shows_actors_and_filters_board(page, tmp_path):
    page.goto(page.base + "/#/network")
    page.wait_for_selector(".network-chart g.node")
    names = page.locator(".network-chart g.node text").all_text_contents()
    assert {"Anna Vell", "Borduria", "Ruritania"} <= set(names)
    _shot(page, tmp_path, "6-network")
    page.locator(f".network-chart g.node[data-actor={BORDURIA}]").click()
    page.wait_for_selector("tr.thread-row")
    assert BORDURIA in page.url
    assert page.locator("#f-actor").input_value() == BORDURIA


def test_search_links_to_sentence(page, tmp_path):
    page.goto(page.base + "/#/search?q=ambassador")
    page.wait_for_selector("ol.results li mark")
    assert "ambassador" in page.locator("ol.results").inner_text()
    page.locator("ol.results a.source-link").first.click()
    page.wait_for_selector(".seg.target")
    assert "recall its ambassador" in "".join(page.locator(".seg.target").all_inner_texts())


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


@pytest.fixture(scope="module")
def examples_url(tmp_path_factory):
    """The demo database a user builds: examples/articles through the real pipeline."""
    from newsgraph import api
    from newsgraph.server import create_app
    from newsgraph.server.runner import Background
    from newsgraph.store import open_store

    if not any(EXAMPLES.glob("*")):
        pytest.skip("examples/articles is empty")
    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    assert api.analyze([EXAMPLES], db=db).analysed >= 5
    store = open_store(db)
    with Background(create_app(store)) as url:
        yield url
    store.close()


def test_examples_board_to_a_denial_in_its_article(browser, examples_url, tmp_path):
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    pg.goto(examples_url + "/#/board?stance=denies")
    row = pg.locator("tr.thread-row").first
    row.wait_for()
    assert row.locator(".s-denies").count() == 1
    _shot(pg, tmp_path, "7-examples-board-denies")
    row.locator("a.thread-link").click()
    denial = pg.locator("li.claim[data-stance=denies]").first
    denial.wait_for()
    denied_text = denial.locator("blockquote").inner_text()
    denial.locator("a.source-link").click()
    pg.wait_for_selector("article.reader .seg.target")
    assert denied_text.strip() in "".join(pg.locator(".seg.target").all_inner_texts())
    assert pg.locator(".text .k-actor").count() >= 1 and pg.locator(".text .k-claim").count() >= 1
    _shot(pg, tmp_path, "8-examples-denial-source")
    pg.close()


@pytest.fixture(scope="module")
def big_url(tmp_path_factory):
    """The demo plus 20,000 synthetic events over 120 days (written with SQL)."""
    from newsgraph.server import create_app
    from newsgraph.server.runner import Background
    from newsgraph.store import open_store

    db = build_demo(tmp_path_factory.mktemp("big") / "big.duckdb")
    store = open_store(db)
    store.con.execute("""INSERT INTO events (id, article_id, sentence, start_char, end_char, text, extractor, version,
            event_type, actors, recipients, factuality, date, counts, confidence)
        SELECT 'eve_syn_' || i, 'demo-a', 0, 76, 83, 'crossed', 'events', 'syn', 'MOBILIZE',
               '[{"actor_id": "act_borduria_gov"}]', '[]', 'asserted',
               strftime(DATE '2031-01-01' + (i % 120)::INT, '%Y-%m-%d'), '[]', 0.9
        FROM range(20000) t(i)""")
    with Background(create_app(store)) as url:
        yield url
    store.close()


def test_timeline_stays_responsive_with_20000_events(browser, big_url, tmp_path):
    import time

    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    started = time.perf_counter()
    pg.goto(big_url + "/#/timeline")
    pg.wait_for_selector(".timeline-chart rect.bar")
    assert time.perf_counter() - started < 5
    assert pg.locator(".total").inner_text().startswith("20002 events")
    assert pg.locator(".timeline-chart rect.bar").count() == 120  # the demo events fall in the range
    started = time.perf_counter()
    pg.locator(".timeline-chart rect.bar[data-day='2031-02-01']").click()
    pg.wait_for_selector(".drill li.item")
    assert time.perf_counter() - started < 3
    assert pg.locator(".drill li.item").count() == 100
    pg.locator(".drill button.more").click()
    expect(pg.locator(".drill li.item")).to_have_count(167)
    assert pg.locator(".drill button.more").is_hidden()
    _shot(pg, tmp_path, "9-timeline-20000")
    pg.close()


def test_check_a_claim_from_the_board(page, tmp_path):
    page.goto(page.base + "/#/board")
    page.wait_for_selector("tr.thread-row")
    page.fill("#check-claim", "Bordurian troops crossed the river near Strelsau")
    page.locator("form.check-form button").click()
    page.wait_for_selector("ol.check-results li.checked")
    assert "claim=" in page.url
    denial = page.locator("li.checked[data-stance=denies]")
    assert denial.count() == 1
    assert "Borduria has denied that Bordurian troops crossed the river" in denial.inner_text()
    assert page.locator("li.checked[data-stance=asserts]").count() == 3
    assert page.locator(".sources-by-stance td[data-stance=asserts]").inner_text() == "2"  # the copy counts once
    assert page.locator(".first-seen").inner_text().startswith("First seen 2031-03-02")
    _shot(page, tmp_path, "7-check")
    denial.locator("a.source-link").click()
    page.wait_for_selector("article.reader .seg.target")
    assert "Borduria has denied" in "".join(page.locator(".seg.target").all_inner_texts())


def test_check_a_claim_refuses_bad_input_with_a_message(page):
    page.goto(page.base + "/#/check?claim=" + "x" * 2000)
    page.wait_for_selector("[role=alert]")
    assert "characters long" in page.locator("[role=alert]").inner_text()
