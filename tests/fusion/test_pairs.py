"""Fusion scores only the pairs that may link (fusion/pairs.py, features.veto_class): every pair
the exact score would link, and every pair of articles whose contexts tell one story, must
survive the filters, whatever the claims."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from newsgraph.fusion.features import (article_context, claim_features, context_similarity, may_link, prepare,
                                       scorer, veto_class)
from newsgraph.fusion.lexicon import lexicon
from newsgraph.fusion import pairs
from newsgraph.fusion.pairs import Items
from newsgraph.fusion.text import words

_WORDS = ["Chile", "Argentina", "Russia", "Ukraine", "troops", "soldiers", "drones", "jets", "weapons", "missiles",
          "treaty", "agreement", "crossed", "entered", "deployed", "sent", "attacked", "killed", "into", "the",
          "airspace", "radar", "commission", "border", "pilots", "Zarvakin", "Quellorn", "glacier", "ministry",
          "secret", "convoy", "harbour"]
_CLAIM = st.tuples(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9),
                   st.sampled_from([None, "2025-03-01", "2025-06-20"]),
                   st.sampled_from([None, "act:country-CHL-GOV", "act:country-ARG-GOV"]),
                   st.sampled_from(["a1", "a2", "a3"]), st.booleans())


def _prepared(claims):
    out = {}
    for k, (found, when, speaker, article, carries) in enumerate(claims):
        text = " ".join(found)
        row = {"id": f"c{k:02d}", "article_id": article, "text": text, "claimant_id": speaker, "about": None,
               "time": when}
        context = article_context([dict(words(text))]) if carries else None
        out[row["id"]] = prepare(claim_features(row, "2025-03-05", [], {}, ["ASSAULT"] if "attacked" in found else [],
                                                context))
    return out


@settings(max_examples=60, deadline=None)
@given(claims=st.lists(_CLAIM, min_size=2, max_size=12))
@pytest.mark.parametrize("width", [16, 2])  # 2: most claims have more tokens than a row holds
def test_the_pairs_fusion_skips_are_pairs_the_score_rejects(claims, width):
    prepared = _prepared(claims)
    settings_ = lexicon().settings["claims"]
    with mock.patch.object(pairs, "_WIDTH", width):
        items = Items("claim", prepared, dict.fromkeys(prepared, 0), set(prepared), settings_)
    score = scorer("claim")
    ids = sorted(prepared)
    for i, a in enumerate(ids):
        others = np.array([items.pos[b] for b in ids[i + 1:]], dtype=np.int64)
        if not len(others):
            continue
        chunk, row = np.array([items.pos[a]]), np.zeros(len(others), dtype=np.int64)
        kept = items.may_link(chunk, row, others)
        story = items.same_story(chunk, row, others, settings_["context"])
        for b, keep, same in zip(ids[i + 1:], kept, story):
            x, y = prepared[a], prepared[b]
            if score(x, y) is not None:
                assert keep and may_link("claim", veto_class("claim", x), veto_class("claim", y)), (a, b)
            if context_similarity(x, y) >= settings_["context"]:
                assert same, (a, b)


def test_claims_about_other_objects_or_only_one_agreement_are_never_compared():
    prepared = _prepared([(["Russia", "sent", "troops", "into", "Ukraine"], None, None, "a1", False),
                          (["Russia", "sent", "drones", "into", "Ukraine"], None, None, "a2", False),
                          (["Russia", "signed", "a", "treaty", "with", "Ukraine", "troops"], None, None, "a3", False),
                          (["Russia", "crossed", "into", "Ukraine"], None, None, "a3", False)])
    troops, drones, treaty, bare = (veto_class("claim", prepared[k]) for k in sorted(prepared))
    assert not may_link("claim", troops, drones)
    assert not may_link("claim", troops, treaty)
    assert may_link("claim", troops, bare) and may_link("claim", bare, drones)
