"""Hedge cues: expectation, belief and possibility words in their common forms; a noun or a
figure that only looks like one is no hedge."""

from __future__ import annotations

import pytest

from newsgraph.nlp.claims.certainty import certainty_of, find_hedges


@pytest.mark.parametrize("text, cue, level", [
    ("Analysts predict a rebound in exports next quarter.", "predict", "probable"),
    ("Officials are expecting a wave of new applications.", "expecting", "probable"),
    ("The minister presumably knew about the transfer.", "presumably", "probable"),
    ("Traders fear the currency will fall further.", "fear", "possible"),
    ("The potential buyer has not been named.", "potential", "possible"),
    ("The cause of the fire is still unknown.", "unknown", "unknown"),
])
def test_hedge_words(text, cue, level):
    hedges = find_hedges(text)
    assert [h.text for h in hedges] == [cue]
    assert certainty_of(hedges)[0] == level


@pytest.mark.parametrize("text", [
    "Police questioned the suspect for six hours.",
    "An estimated 4,000 people marched through the town.",
    "The building looks older than it is.",
])
def test_look_alikes_are_no_hedge(text):
    assert find_hedges(text) == []
