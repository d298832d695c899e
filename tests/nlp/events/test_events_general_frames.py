"""Broad readings of who does what (issue 22, sixth session: recall that must hold on unseen
articles): those who protest are protesters, a labour strike is no attack, "be on/in" an act,
a joint act beside a clause, "criticism of X by Y", a defended party, an act only asked about,
kinds of actor that are not one actor, idioms of criticism and refusal."""

from __future__ import annotations

import pytest

from newsgraph import annotate
from newsgraph.config import EventsOptions
from newsgraph.records import Article, Event

pytestmark = pytest.mark.model

SHOWN = EventsOptions().min_confidence


def events(text: str, etype: str | None = None) -> list[Event]:
    records = annotate(Article(id="t", text=text, date="2019-05-14")).records
    return [r for r in records if isinstance(r, Event) and (etype is None or r.event_type == etype)]


def shown(text: str, etype: str) -> list[Event]:
    return [e for e in events(text, etype) if e.confidence >= SHOWN]


def words(parts) -> set[str]:
    return {p.span.text for p in parts}


# -- protests -----------------------------------------------------------------------------------

def test_people_who_strike_are_protesters_not_attackers():
    text = "The dispute began with nurses striking in three northern provinces for a week."
    (ev,) = shown(text, "PROTEST")
    assert words(ev.actors) == {"nurses"} and {p.sector for p in ev.actors} == {"CVL"}
    assert events(text, "ASSAULT") == []


def test_a_strike_by_a_state_or_by_attackers_stays_an_attack():
    assert [e.text for e in events("If the talks fail, the US would strike.", "ASSAULT")] == ["strike"]
    text = "The town was calm before the attackers struck in 2009."
    assert [e.text for e in events(text, "ASSAULT")] == ["struck"]
    assert events(text, "PROTEST") == []


def test_people_on_strike_protest():
    (ev,) = shown("Bus drivers in the capital are on strike over unpaid wages.", "PROTEST")
    assert words(ev.actors) == {"Bus drivers in the capital"}


def test_people_in_the_third_day_of_a_walkout_protest():
    (ev,) = shown("Dockworkers are in the third day of a walkout over pensions.", "PROTEST")
    assert words(ev.actors) == {"Dockworkers"}


def test_a_strike_that_hurts_a_company_is_business_news():
    assert shown("Quarterly profit fell by half, partly because of a dockworkers' strike.", "PROTEST") == []


def test_marchers_named_by_a_common_noun_protest():
    (ev,) = shown("Angry farmers marched through the capital on Sunday.", "PROTEST")
    assert {p.sector for p in ev.actors} == {"CVL"}


def test_markets_that_rally_do_not_protest():
    assert shown("Shares rallied after the central bank cut rates.", "PROTEST") == []


def test_a_bare_noun_after_be_in_is_an_idiom_not_an_act():
    text = "Officials say the general's nephew is now in charge of the ministry."
    assert events(text, "ACCUSE") == []


# -- joint acts, agents and recipients of act nouns ---------------------------------------------

def test_the_parties_of_a_meeting_beside_a_clause():
    text = "Chancellor Olaf Scholz and President Emmanuel Macron pledged closer ties after a meeting in Paris on Monday."
    (ev,) = shown(text, "CONSULT")
    assert ev.text == "meeting"
    assert {p.name for p in ev.actors + ev.recipients} >= {"Olaf Scholz", "Emmanuel Macron"}


def test_a_country_in_talks_consults_its_partner():
    (ev,) = shown("Iran is in talks with the European Union over its nuclear programme.", "CONSULT")
    assert {p.country for p in ev.actors} == {"IRN"} and "the European Union" in words(ev.recipients)


def test_the_by_phrase_of_a_criticism_acts():
    text = "The criticism of her decision by Senator Elizabeth Warren surprised the White House."
    (ev,) = shown(text, "ACCUSE")
    assert {p.name for p in ev.actors} == {"Elizabeth Warren"}


def test_attacks_on_a_defended_party_are_aimed_at_it():
    text = "The minister defended the central bank against attacks from President Jair Bolsonaro."
    (accuse,) = events(text, "ACCUSE")
    assert {p.name for p in accuse.actors} == {"Jair Bolsonaro"} and words(accuse.recipients) == {"the central bank"}
    (support,) = events(text, "SUPPORT")
    assert words(support.recipients) == {"the central bank"}


def test_kinds_of_actor_are_not_one_actor():
    text = "The Lyon police said they are working with the municipal police in Marseille."
    (ev,) = events(text, "COOPERATE")
    assert any(w.startswith("the municipal police") for w in words(ev.recipients))


# -- what is only asked, idioms -----------------------------------------------------------------

def test_an_act_only_asked_about_is_no_event():
    text = "When a reporter asked Senator Mitch McConnell if he would ever endorse Donald Trump, he smiled."
    assert shown(text, "SUPPORT") == []


def test_a_condition_is_not_a_question():
    text = "The president said that if Iran attacks Israel, the United States will respond."
    assert [e.text for e in events(text, "ASSAULT")] == ["attacks"]


def test_taking_a_swipe_at_someone_accuses():
    (ev,) = shown("Prime Minister Boris Johnson took a swipe at the European Commission on Tuesday.", "ACCUSE")
    assert "the European Commission" in words(ev.recipients)


def test_lobbing_criticisms_accuses():
    (ev,) = shown("The Labour Party has lobbed fierce criticisms of Prime Minister Boris Johnson.", "ACCUSE")
    assert {p.name for p in ev.recipients} == {"Boris Johnson"}


def test_rebutting_a_rival_rejects():
    (ev,) = shown("President Emmanuel Macron rebutted Marine Le Pen's claims on Europe.", "REJECT")
    assert {p.name for p in ev.actors} == {"Emmanuel Macron"}


def test_assurances_are_a_pledge():
    text = "Germany and France gave assurances that they would work with the next Italian government."
    assert [e.text for e in shown(text, "AGREE")] == ["assurances"]


def test_the_one_accused_of_an_act_does_it_allegedly():
    (ev,) = events("Kenya accused Somalia of shelling its border town.", "ASSAULT")
    assert {p.country for p in ev.actors} == {"SOM"} and ev.factuality == "alleged"


def test_the_one_thanked_for_an_act_does_it():
    (ev,) = events("Egypt thanked Japan for sending food aid to Gaza.", "AID")
    assert {p.country for p in ev.actors} == {"JPN"}


def test_thousands_of_people_are_the_people():
    (ev,) = shown("Thousands of farmers marched through the capital on Sunday.", "PROTEST")
    assert words(ev.actors) == {"farmers"}
