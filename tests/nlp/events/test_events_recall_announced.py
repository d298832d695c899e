"""Events of diplomatic rows and strikes that the coder used to hide (issue 22, recall on unseen
articles, fifth session): announced sanctions, the owner of a decision, mission closures and
recalled envoys, the victims of a strike named by its modifier, and states named as a group."""

from __future__ import annotations

import pytest

from newsgraph import annotate
from newsgraph.config import EventsOptions
from newsgraph.records import Article, Event

pytestmark = pytest.mark.model

SHOWN = EventsOptions().min_confidence


def events(text: str, etype: str | None = None) -> list[Event]:
    records = annotate(Article(id="t", text=text, date="2018-03-29")).records
    return [r for r in records if isinstance(r, Event) and (etype is None or r.event_type == etype)]


def shown(text: str, etype: str) -> list[Event]:
    return [e for e in events(text, etype) if e.confidence >= SHOWN]


def countries(parts) -> set[str]:
    return {p.country for p in parts if p.country}


def test_an_announced_expulsion_is_a_sanction_to_come_not_a_threat():
    text = "The Kremlin said Russia will expel 40 Dutch diplomats next week."
    (ev,) = shown(text, "SANCTION")
    assert countries(ev.actors) == {"RUS"} and countries(ev.recipients) == {"NLD"}
    assert ev.factuality in ("predicted", "future")
    assert shown(text, "THREATEN") == []


def test_a_sanction_on_a_condition_stays_a_threat():
    text = "The Kremlin said Russia will expel 40 Dutch diplomats if The Hague does not apologize."
    assert shown(text, "SANCTION") == []
    assert [e.text for e in events(text, "THREATEN")] == ["expel"]


def test_closing_a_foreign_mission_sanctions_its_state():
    (ev,) = shown("Canada closed the Iranian embassy in Ottawa on Friday.", "SANCTION")
    assert countries(ev.actors) == {"CAN"} and countries(ev.recipients) == {"IRN"}
    assert shown("Canada closed the Iranian embassy in Ottawa on Friday.", "COERCE") == []


def test_a_closed_road_is_no_sanction():
    assert shown("Police in Ottawa closed the main road on Friday.", "SANCTION") == []


def test_recalling_an_envoy_sanctions_the_state_of_his_post():
    (ev,) = shown("Greece recalled its ambassador from Ankara for consultations on Monday.", "SANCTION")
    assert countries(ev.actors) == {"GRC"} and countries(ev.recipients) == {"TUR"}
    assert "its ambassador" not in {p.span.text for p in ev.recipients}


@pytest.mark.parametrize("text, actor, recipient", [
    ("The row followed the Dutch decision to expel two Russian diplomats.", "NLD", "RUS"),
    ("Analysts praised Canada's decision in recalling its ambassador to Iran.", "CAN", "IRN"),
])
def test_the_owner_of_a_decision_does_the_act_it_takes(text, actor, recipient):
    (ev,) = shown(text, "SANCTION")
    assert countries(ev.actors) == {actor} and recipient in countries(ev.recipients)


def test_a_refusal_gives_its_act_no_actor():
    assert shown("Iran's refusal to release the sailors angered London.", "RETREAT") == []


def test_the_victim_of_a_strike_named_by_its_modifier():
    (ev,) = shown("A rebel commander who was killed in a French airstrike last week was buried on Sunday.", "ASSAULT")
    assert countries(ev.actors) == {"FRA"}
    assert "commander" in ev.recipients[0].span.text or ev.recipients[0].span.text == "who"


def test_a_city_modifier_is_where_a_bombing_was_not_who_did_it():
    assert [e for e in events("Two soldiers were wounded in a Kabul bombing.", "ASSAULT") if e.text == "wounded"
            and e.actors] == []


def test_states_named_as_a_group_act():
    (ev,) = shown("Moscow will respond to the nine nations that expelled Russian envoys last week.", "SANCTION")
    assert ev.text == "expelled" and countries(ev.recipients) == {"RUS"}


def test_supporting_a_partys_decision_supports_the_party():
    (ev,) = shown("Senator Maria Lopez supported the governor's decision to close the schools.", "SUPPORT")
    assert "the governor's" in {p.span.text for p in ev.recipients}


def test_backing_a_bill_is_still_no_support_of_anyone():
    assert shown("Senator Maria Lopez backed the farm bill on Tuesday.", "SUPPORT") == []


def test_headlining_a_fundraiser_for_a_candidate_supports_him():
    (ev,) = shown("Vice President Biden headlined a fundraiser for Senator Tom Reyes in Denver.", "SUPPORT")
    assert ev.recipients and "Reyes" in ev.recipients[0].span.text
    assert "fundraiser" not in {p.span.text for p in ev.recipients}


@pytest.mark.parametrize("text, etype", [
    ("Senator Maria Lopez dropped her bid for the nomination in March.", "REQUEST"),
    ("Senator Maria Lopez has embraced open racism, her critics say.", "SUPPORT"),
    ("The senator wrote about the region's long march toward a single currency.", "PROTEST"),
])
def test_other_senses_of_bid_embrace_and_march_are_not_shown(text, etype):
    assert shown(text, etype) == []


def test_a_warning_of_what_an_actor_will_do_on_a_condition_is_a_threat():
    text = "The finance ministry warned Mayor Tom Lang that if the books are not handed over, the government may freeze the city's funds."
    (ev,) = shown(text, "THREATEN")
    assert ev.text == "warned" and "Lang" in ev.recipients[0].span.text


def test_a_warning_of_a_flood_on_a_condition_is_no_threat():
    assert shown("Police warned residents that if the rain continues, the river may flood.", "THREATEN") == []


def test_the_leader_of_a_group_acts_for_the_group():
    (ev,) = shown("The leader of the Colombian rebel group FARC has denied any role in the bombing.", "REJECT")
    assert ev.actors[0].sector == "REB" or ev.actors[0].name == "FARC"


def test_the_chairman_of_a_company_is_still_no_public_actor():
    assert shown("The chairman of Exxon praised the senator on Monday.", "SUPPORT") == []


def test_the_agent_of_the_attack_a_killing_was_done_in():
    (ev,) = shown("Three police officers were killed in an attack by Taliban fighters on Sunday.", "ASSAULT")
    assert ev.actors[0].name == "Taliban" and "officers" in ev.recipients[0].span.text


def test_who_was_targeted_in_a_strike_is_its_recipient():
    text = "A rebel commander who had been targeted in a French airstrike was buried in his village on Sunday."
    (ev,) = shown(text, "ASSAULT")
    assert ev.text == "airstrike" and countries(ev.actors) == {"FRA"} and "commander" in ev.recipients[0].span.text


def test_a_killing_in_a_strike_is_one_event_not_two():
    evs = shown("Five rebels were killed in a French drone strike, officials said.", "ASSAULT")
    assert len(evs) == 1 and countries(evs[0].actors) == {"FRA"}


def test_saying_a_state_was_responsible_for_an_attack_accuses_it():
    (ev,) = shown("Canada said Iran was responsible for the missile attack on the airliner.", "ACCUSE")
    assert ev.text == "responsible" and countries(ev.actors) == {"CAN"} and countries(ev.recipients) == {"IRN"}


@pytest.mark.parametrize("text", [
    "The minister said the police were responsible for security at the stadium.",
    "Iran is responsible for the attack on the airliner.",
])
def test_responsibility_for_a_task_or_unreported_is_no_accusation(text):
    assert shown(text, "ACCUSE") == []


def test_criticising_what_someone_did_criticises_its_owner():
    text = "Governor Tom Reyes has refused to release his tax returns. Senator Mary Hale criticized his refusal on Monday."
    (ev,) = shown(text, "ACCUSE")
    assert {p.name for p in ev.recipients} >= {"Tom Reyes"}
