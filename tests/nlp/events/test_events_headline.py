"""A title-case headline is read again in sentence case (nlp/events/headline.py): its acts are
found, with the article's own offsets and words, and its names resolved from the article."""

from __future__ import annotations

import pytest

from newsgraph import annotate
from newsgraph.config import EventsOptions
from newsgraph.nlp.events.headline import _recase, _stems, _title_case
from newsgraph.nlp.pipeline import load_model
from newsgraph.config import AnalyzeOptions
from newsgraph.records import Article, Event

pytestmark = pytest.mark.model

SHOWN = EventsOptions().min_confidence
BODY = "\n\nPresident Laura Chinchilla of Costa Rica spoke on Tuesday about President Daniel Ortega of Nicaragua."


def shown(text: str) -> list[Event]:
    records = annotate(Article(id="t", text=text, date="2012-05-04")).records
    return [r for r in records if isinstance(r, Event) and r.confidence >= SHOWN]


def test_an_accusation_in_a_title_case_headline_is_found_with_its_parties():
    text = "Chinchilla Slams Ortega Over Border Road." + BODY
    (ev,) = [e for e in shown(text) if e.event_type == "ACCUSE"]
    assert ev.text == "Slams" and text[ev.start:ev.end] == "Slams"
    assert ev.actors[0].name == "Laura Chinchilla" and ev.recipients[0].name == "Daniel Ortega"


def test_a_sentence_case_headline_is_read_as_it_is():
    text = "Chinchilla slams Ortega over border road." + BODY
    (ev,) = [e for e in shown(text) if e.event_type == "ACCUSE"]
    assert ev.text == "slams"


def test_only_title_case_lines_of_event_and_function_words_are_recased():
    nlp = load_model(AnalyzeOptions().model)
    doc = nlp("Ortega Backs Chinchilla in March Vote.\n\nThe body of the story follows here.")
    first = list(doc.sents)[0]
    assert _title_case(first)
    assert "".join(_recase(t) for t in first).startswith("Ortega backs Chinchilla in March Vote.")
    assert not _title_case(list(doc.sents)[1])


def test_stems_of_inflected_event_words():
    assert {"deny"} <= _stems("denies") and {"slam"} <= _stems("slammed") and {"back"} <= _stems("backs")
