"""A wire dateline opening a line: found whole, never in running text; what follows it is the story."""

from __future__ import annotations

import pytest

import newsgraph
from newsgraph.nlp.shared.common import dateline_end


@pytest.mark.parametrize("text, rest", [
    ("LIMA - The harbour board met.", "The harbour board met."),
    ("QUITO, March 3 (Andes Wire) — Talks resumed.", "Talks resumed."),
    ("PUNTA ARENAS, Chile -- Ferries stopped.", "Ferries stopped."),
])
def test_a_dateline_is_skipped_whole(text, rest):
    assert text[dateline_end(text, 0):] == rest


@pytest.mark.parametrize("text", ["UN - EU talks resumed.", "The LIMA - Quito road reopened.",
                                  "NATO — the alliance — met."])
def test_no_dateline_in_running_text(text):
    assert dateline_end(text, 0) == 0


def test_what_officials_said_starts_after_the_dateline_and_the_title_above_it_is_no_claim():
    text = ("Harbour board rejects the port plan but will meet the mayor.\n\n"
            "LIMA - The harbour board will meet the mayor when she returns next month, officials said Wednesday.")
    claims = [c for c in newsgraph.annotate(text, date="2016-01-10").records if c.kind == "claim"]
    said = [c for c in claims if c.confidence >= 0.5]
    assert [c.text for c in said] == ["The harbour board will meet the mayor when she returns next month"]
    assert all(c.confidence < 0.5 for c in claims if c.start < text.index("\n"))
