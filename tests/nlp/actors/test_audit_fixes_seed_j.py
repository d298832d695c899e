"""Fixes learned from the precision audit's seed J (tools/events_audit.py, issue 22, seventh
session): wrong actors and things read as parties in events shown at the top confidence. Our own
sentences."""

from __future__ import annotations

from functools import lru_cache

from newsgraph.api import annotate
from newsgraph.config import EventsOptions
from newsgraph.nlp.events.confidence import table
from newsgraph.records import Event


@lru_cache(maxsize=None)
def _events(text: str, date: str = "2016-03-01") -> tuple[Event, ...]:
    return tuple(r for r in annotate(text, date=date).records if isinstance(r, Event))


def _event(text: str, trigger: str, date: str = "2016-03-01") -> Event:
    found = [e for e in _events(text, date) if e.text == trigger]
    assert found, f"no event on {trigger!r}: {[(e.text, e.event_type) for e in _events(text, date)]}"
    return found[0]


def _shown(text: str, etype: str, date: str = "2016-03-01") -> list[Event]:
    return [e for e in _events(text, date) if e.event_type == etype and e.confidence >= EventsOptions().min_confidence]


def _top() -> float:
    return table().calibration[-1][1]


# -- actors ---------------------------------------------------------------------------------

def test_a_former_office_is_held_by_someone_whose_term_ended_not_by_its_holder_now():
    text = ("Jeb Bush spoke to donors in Miami on Monday, and Gov. John Kasich campaigned in Dayton. "
            "Aides say the former Florida governor will endorse Senator Ted Cruz this week.")
    assert _event(text, "endorse").actors[0].name == "Jeb Bush"
    now = ("Jeb Bush spoke to donors in Miami on Monday, and Gov. John Kasich campaigned in Dayton. "
           "The governor criticized Senator Ted Cruz on Tuesday.")
    assert _event(now, "criticized").actors[0].name == "John Kasich"


def test_a_common_given_name_alone_is_nobody_of_the_actor_table():
    text = "American officials said a masked militant, John, killed the aid worker in Syria last month."
    killed = _event(text, "killed", date="2015-01-15")  # John Kerry was secretary of state then
    assert all(p.name != "John Kerry" for p in killed.actors)
    assert not _shown(text, "ASSAULT", date="2015-01-15")  # a man known by a nickname: no public actor


def test_a_relative_pronoun_after_a_name_in_apposition_stands_for_the_name():
    text = ("Ankara asked again for the extradition of Mustafa Kemal Ekinci, the US-based cleric whom "
            "President Erdogan accuses of plotting the coup.")
    accuses = _event(text, "accuses")
    assert accuses.actors[0].name == "Recep Tayyip Erdoğan"
    assert [p.span.text for p in accuses.recipients] == ["whom"]
    assert all(p.country != "USA" for p in accuses.recipients)


# -- things qualified by an actor -------------------------------------------------------------

def test_a_partys_debate_is_no_party_and_a_networks_poll_no_network():
    text = "Governor Ann Wells attacked the Republican debate as a farce on Friday."
    attacked = _event(text, "attacked")
    assert attacked.confidence < _top()  # done to a thing: not among the surest
    polled = "A new CBS poll rejects the idea that the senator has lost the lead."
    assert not any(p.name == "CBS" for e in _shown(polled, "REJECT") for p in e.actors)


def test_an_owners_tweet_stands_for_the_owner():
    text = "Senator Tom Akers's tweet denied the union's claim about the budget."
    denied = _shown(text, "REJECT")
    assert denied and denied[0].actors[0].name == "Tom Akers"


def test_hosting_a_debate_is_no_meeting_but_hosting_a_leader_is():
    staged = "Before the next Republican debate hosted by NBC, Senator Tom Akers raised money in Denver."
    assert not _shown(staged, "CONSULT")
    guest = "President Obama hosted the prime minister of Japan at the White House on Tuesday."
    assert _shown(guest, "CONSULT")


def test_a_candidates_appeal_among_voters_is_no_request():
    text = "The senator talked about Governor Ann Wells's continued appeal among a loyal group of supporters."
    assert not _shown(text, "REQUEST")
    asked = "The mayor of Denver appealed for calm after the riot on Friday."
    assert _shown(asked, "REQUEST")


# -- learned from the earlier seeds' errors still shown at the top ----------------------------

def test_a_moment_of_a_partys_debate_is_no_party():
    text = "Senator Jane Hobbs played down the threat from the Islamic State at the start of the Democratic debate."
    assert _events(text) and all(p.name != "Democratic Party" for e in _events(text) for p in e.recipients)


def test_shooting_back_that_is_a_retort_and_shooting_back_at_gunmen_an_attack():
    assert not _shown("The senator shot back that the reporter had not been called on.", "ASSAULT")
    assert _shown("Afghan soldiers shot back at the gunmen who stormed the checkpoint in Kabul.", "ASSAULT")


def test_a_verb_that_opens_a_quoted_title_is_a_name():
    text = "“We are close to a deal,” Secretary of State John Kerry said on NBC’s “Meet the Press.”"
    assert not _shown(text, "CONSULT", date="2015-01-15")
    met = "Secretary of State John Kerry met the Iranian foreign minister in Geneva on Monday."
    assert _shown(met, "CONSULT", date="2015-01-15")


def test_a_candidates_visit_to_a_state_of_her_own_country_consults_no_one():
    text = "Senator Hillary Clinton's visit to Des Moines, Iowa's biggest city, drew a large crowd."
    assert not _shown(text, "CONSULT", date="2016-08-08")
    abroad = "Senator Hillary Clinton's visit to Moscow last Friday angered the White House."
    assert _shown(abroad, "CONSULT", date="2016-08-08")


def test_a_surname_shared_in_play_is_the_candidate_in_a_campaign_sentence_not_a_former_president():
    text = ("Hillary Clinton and Bill Clinton toured a plant in Ohio. "
            "Senator Elizabeth Warren visited the Clinton campaign's offices in New York on Monday.")
    visited = _event(text, "visited", date="2016-06-28")
    assert {p.name for p in visited.recipients} == {"Hillary Clinton"}


# -- learned from seed K (drawn after the changes above, judged untuned, then learned from) ------

def test_a_cease_fire_is_no_firing():
    assert not _shown("The Nigerian army says it has reached a cease-fire with the militant group Boko Haram.", "ASSAULT")
    assert _shown("Rebels opened fire on an army convoy near the border on Sunday.", "ASSAULT")


def test_denying_someone_something_is_no_rejection():
    assert not _shown("The governor wants to deny Senator Tom Akers a chance to speak at the convention.", "REJECT")
    assert _shown("The governor denied the senator's claim about the budget.", "REJECT")


def test_investigating_footage_accuses_no_one():
    assert not _shown("The Pentagon is investigating video footage that appears to show the rebels with rifles.", "ACCUSE")
