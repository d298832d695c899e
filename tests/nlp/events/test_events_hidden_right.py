"""Right events that were found but hidden, or read with the wrong participants (issue 22, seventh
session, from the tune errors): an act someone is *under* or *draws* from another ("came under fire
from X"), an agreement agreed *to*, who did an act of force that a verb of force has as subject
("attacks that killed"), the Pope as an actor, a counteroffensive."""

from __future__ import annotations

import pytest

from newsgraph import annotate
from newsgraph.config import EventsOptions
from newsgraph.records import Article, Event

pytestmark = pytest.mark.model

SHOWN = EventsOptions().min_confidence


def events(text: str, etype: str | None = None, day: str = "2019-05-14") -> list[Event]:
    records = annotate(Article(id="t", text=text, date=day)).records
    return [r for r in records if isinstance(r, Event) and (etype is None or r.event_type == etype)]


def shown(text: str, etype: str, day: str = "2019-05-14") -> list[Event]:
    return [e for e in events(text, etype, day) if e.confidence >= SHOWN]


def words(parts) -> set[str]:
    return {p.span.text for p in parts}


# -- an act someone is under, or draws, from another ---------------------------------------------

def test_coming_under_fire_from_a_party_is_its_criticism():
    (ev,) = shown("The governor came under fire from Republicans after the budget vote.", "ACCUSE")
    assert words(ev.actors) == {"Republicans"} and words(ev.recipients) == {"The governor"}
    assert events("The governor came under fire from Republicans after the budget vote.", "ASSAULT") == []


def test_drawing_criticism_from_a_body_is_its_criticism_when_the_parse_hangs_from_on_the_verb():
    (ev,) = shown("The mayor drew sharp criticism from the teachers' union.", "ACCUSE")
    assert words(ev.actors) == {"the teachers' union"} and words(ev.recipients) == {"The mayor"}


def test_a_town_under_fire_from_guns_is_no_accusation():
    assert shown("The town came under fire from heavy artillery overnight.", "ACCUSE") == []


def test_under_a_deal_is_no_act_received():
    assert events("Under the deal, the two provinces will share the river's water.", "ACCUSE") == []


# -- agreeing to an agreement ---------------------------------------------------------------------

def test_agreeing_to_a_ceasefire_with_the_other_side_is_shown():
    (ev,) = shown("The rebels agreed to a cease-fire with the army on Sunday.", "AGREE")
    assert words(ev.actors) == {"The rebels"} and words(ev.recipients) == {"the army"}


def test_agreeing_with_someone_about_a_view_stays_hidden():
    assert shown("The senator agreed with the governor that the roads are bad.", "AGREE") == []


# -- who did an act of force that is a verb's subject ---------------------------------------------

def test_attacks_that_killed_were_done_by_who_launched_them():
    (ev,) = [e for e in shown("Militants launched a wave of attacks that killed dozens of soldiers.", "ASSAULT")
             if e.text == "killed"]
    assert words(ev.actors) == {"Militants"} and words(ev.recipients) == {"soldiers"}


def test_a_named_bombing_that_killed_is_the_bombers_act():
    (ev,) = [e for e in events("A Taliban bombing killed twelve police officers.", "ASSAULT") if e.text == "killed"]
    assert words(ev.actors) == {"Taliban"}
    assert ev.confidence >= SHOWN


def test_an_explosion_with_no_doer_has_none_shown():
    assert shown("An explosion killed two soldiers at the depot.", "ASSAULT") == []


def test_a_counteroffensive_against_rebels_is_an_attack():
    (ev,) = shown("The army launched a counteroffensive against the rebels.", "ASSAULT")
    assert words(ev.actors) == {"The army"} and words(ev.recipients) == {"the rebels"}


# -- the Pope --------------------------------------------------------------------------------------

def test_the_pope_is_the_holy_see_of_the_day():
    (ev,) = shown("The Pope met Fidel Castro in Havana on Thursday.", "CONSULT", day="1998-01-22")
    (pope,) = ev.actors
    assert (pope.name, pope.country) == ("Pope John Paul II", "VAT")
    (ev,) = shown("The pontiff met the Mexican president on Friday.", "CONSULT", day="2016-02-12")
    assert [p.name for p in ev.actors] == ["Pope Francis"]


def test_the_popes_visit_names_the_pope():
    (ev,) = events("The Pope's visit to Cuba begins on Wednesday.", "CONSULT", day="1998-01-19")
    assert [p.name for p in ev.actors] == ["Pope John Paul II"] and ev.confidence >= SHOWN


def test_another_churchs_pope_is_not_the_holy_see():
    evs = events("The Coptic pope visited the president in Cairo.", "CONSULT", day="2016-02-12")
    assert all(p.country != "VAT" for e in evs for p in e.actors)


# -- who a name or a pronoun stands for ------------------------------------------------------------

def test_a_surname_the_tagger_left_untagged_keeps_its_person_for_the_pronoun_after_it():
    text = ("Maria Espinal is running for Congress in Texas. Espinal is of Mexican descent and is a sixth "
            "generation Texan from her mother's side. She recently praised Governor Greg Abbott for his border plan.")
    (ev,) = shown(text, "SUPPORT")
    assert [p.name for p in ev.actors] == ["Maria Espinal"]


def test_a_person_called_she_is_no_antecedent_of_his():
    text = ("Senator Bernie Sanders spoke in Ohio on Monday. The best line came from Tamsin Orle, who laughed "
            "when she called him a rebel. I met with Sanders in his office two days after his endorsement of "
            "Hillary Clinton.")
    (ev,) = shown(text, "SUPPORT")
    assert [p.name for p in ev.actors] == ["Bernie Sanders"]


def test_a_foundation_acting_in_public_affairs_is_an_actor():
    (ev,) = shown("The Harwell Foundation refused to release the names of its foreign donors.", "REJECT")
    assert {p.sector for p in ev.actors} == {"NGO"}


# -- a demand dropped, a report's owner, a protest's site ------------------------------------------

def test_dropping_a_demand_concedes():
    (ev,) = shown("Talks sped up after the Canadians dropped a controversial demand on dairy quotas.", "CONCEDE")
    assert words(ev.actors) == {"the Canadians"}


def test_dropping_a_bag_concedes_nothing():
    assert events("The minister dropped a bag of papers on the floor.", "CONCEDE") == []


def test_discrediting_a_report_rejects_the_outlet_even_when_tagged_as_a_place():
    (ev,) = shown("Senator Ted Cruz is discrediting an earlier report from Bloomberg saying his aides met donors.",
                  "REJECT")
    assert words(ev.recipients) == {"Bloomberg"}


def test_the_building_marched_on_is_no_recipient_of_the_protest():
    (ev,) = shown("Thousands of nurses marched on the Capitol on Monday.", "PROTEST")
    assert ev.recipients == ()


# -- "its", and whose conduct an inquiry is into ---------------------------------------------------

def test_its_act_is_the_body_of_the_clause_above():
    (ev,) = events("The FBI said it is nearing the end of its inquiry, which began in March.", "ACCUSE")
    assert [p.name for p in ev.actors] == ["FBI"]


def test_an_investigation_into_his_dealings_is_aimed_at_him():
    text = "Senator Ron Wyden spoke on Monday. The Justice Department opened an investigation into his dealings with the lobbyists."
    (ev,) = shown(text, "ACCUSE")
    assert [p.name for p in ev.recipients] == ["Ron Wyden"]


def test_the_head_of_a_public_authority_is_an_official():
    (ev,) = shown("Food Safety Authority head Lena Varga criticized the farm lobby on Tuesday.", "ACCUSE")
    assert [p.sector for p in ev.actors] == ["GOV"]
