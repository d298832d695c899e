"""newsgraph leans on a few internals of CPython and spaCy for speed. Each has a fallback that
keeps the output right but slow, so a new version that changes one would pass every other test
unnoticed; these fail loudly instead, naming what changed."""

from __future__ import annotations

import json

import pytest


def test_cpython_c_json_encoder_is_there_and_encodes_as_json_dumps():
    """records.json_encoder builds json's C encoder once (``json.encoder.c_make_encoder``)."""
    from json import encoder

    from newsgraph.records import json_encoder

    assert encoder.c_make_encoder is not None, "json.encoder.c_make_encoder is gone: record ids hash slower"
    value = {"b": [1, 2.5, None, True], "a": "é\u2028\"x\"", "c": {"z": 1, "y": ["q"]}}
    for options in ({"sort_keys": True, "ensure_ascii": False}, {"ensure_ascii": True}):
        assert json_encoder(**options)(value) == json.dumps(value, **options)


def test_cpython_regex_parser_is_there_for_the_time_rules_lead_index():
    """The time layer reads its rules' regexes with ``re._parser`` to index them by lead words."""
    from newsgraph.nlp.time import index, rules

    assert index._re_parser is not None, "re._parser/re._constants changed: time rules run unindexed"
    assert rules.load_rules().leads is not None


@pytest.mark.model
def test_spacy_components_take_the_faster_classes(nlp):
    """speed_up swaps the lemmatizer's class and the attribute ruler's matcher; if spaCy changes
    them so that the swap no longer applies, the pipeline silently runs at spaCy's speed."""
    from newsgraph.nlp.shared.spacy_rules import ArrayLemmatizer, LookupMatcher

    assert isinstance(nlp.get_pipe("lemmatizer"), ArrayLemmatizer)
    assert isinstance(nlp.get_pipe("attribute_ruler").matcher, LookupMatcher)
