"""Events an analyst can trust: every event carries a calibrated confidence; what users see
(events.min_confidence) has a political actor and a trigger whose sense is the type; bad
input neither crashes the coder nor forces an event on a wrong actor."""

from __future__ import annotations

import pytest

from newsgraph import annotate
from newsgraph.config import EventsOptions, load
from newsgraph.errors import ConfigError
from newsgraph.nlp.events.confidence import calibrate, raw_score, table
from newsgraph.nlp.events.extract import visible
from newsgraph.records import Article, Event

pytestmark = pytest.mark.model

SHOWN = EventsOptions().min_confidence


def events(text: str) -> list[Event]:
    return [r for r in annotate(Article(id="t", text=text, date="2025-03-04")).records if isinstance(r, Event)]


def shown(text: str) -> list[Event]:
    return [e for e in events(text) if e.confidence >= SHOWN]


def political(event: Event) -> bool:
    return any(p.country or p.sector for p in event.actors)


# -- the seed: its real events shown, its junk hidden ----------------------------------------

def test_seed_default_view_has_its_events_and_only_political_actors(seed_analysis):
    evs = [e for e in seed_analysis.records if isinstance(e, Event)]
    seen = [e for e in evs if e.confidence >= SHOWN]
    assert all(political(e) for e in seen), [(e.event_type, e.text) for e in seen if not political(e)]
    by_type = {e.event_type for e in seen}
    assert {"ACCUSE", "ASSAULT", "AID", "REJECT", "CONSULT", "AGREE", "SANCTION"} <= by_type, by_type
    junk = {e.text for e in evs if e.confidence < SHOWN}
    assert {"stopped", "increasing", "talk", "sought"} <= junk
    sanction = next(e for e in seen if e.event_type == "SANCTION")
    assert {p.country for p in sanction.recipients} == {"RUS", "PRK"}
    aid = next(e for e in seen if e.event_type == "AID")
    assert aid.actors[0].country == "PRK" and aid.factuality == "alleged"


def test_store_keeps_every_event_and_the_view_hides_the_unsure(seed_analysis):
    every = seed_analysis.of("event")
    view = visible(seed_analysis, SHOWN).of("event")
    assert len(view) < len(every) and all(e.confidence >= SHOWN for e in view)
    assert visible(seed_analysis, 0.0).of("event") == every
    assert all(0.0 <= e.confidence <= 1.0 for e in every)


# -- senses, actors, domains -------------------------------------------------------------------

def test_condemnation_by_a_government_is_shown():
    (ev,) = [e for e in shown("France's foreign ministry condemned Russia on Tuesday.") if e.event_type == "ACCUSE"]
    assert ev.actors[0].country == "FRA" and ev.recipients[0].country == "RUS"


def test_market_news_and_plain_statements_give_no_event():
    assert shown("Shares of the company rose 3 percent after it reported strong quarterly earnings.") == []
    assert shown("She told reporters that the weather had been fine all week.") == []
    assert shown("It hit the wall and the glass broke.") == []


def test_a_politicians_attack_on_a_rival_is_verbal_and_a_states_is_armed():
    debate = events("Senator Lindsey Graham attacked his Republican rivals during the televised debate.")
    assert [e.event_type for e in debate if e.text == "attacked"] == ["ACCUSE"]
    war = events("Russia attacked Ukraine with missiles overnight.")
    assert [e.event_type for e in war if e.text == "attacked"] == ["ASSAULT"]


def test_call_on_is_a_request_and_the_one_called_on_does_the_act():
    evs = events("Senator Warren called on the governor to resign.")
    request = next(e for e in evs if e.text == "called")
    assert request.event_type == "REQUEST" and "governor" in request.recipients[0].span.text
    resign = next(e for e in evs if e.text == "resign")
    assert resign.event_type == "CONCEDE" and "governor" in resign.actors[0].span.text


def test_company_news_without_a_public_actor_is_hidden():
    text = ("Acme Corp said its chief financial officer resigned on Monday. The company also cut its "
            "quarterly dividend and agreed to sell two factories to a rival.")
    assert shown(text) == []


# -- calibration table -------------------------------------------------------------------------

def test_calibration_is_monotone_and_bounded():
    rows = table().calibration
    assert [u for u, _ in rows] == sorted(u for u, _ in rows)
    assert [p for _, p in rows] == sorted(p for _, p in rows) and all(0 <= p <= 1 for _, p in rows)
    assert calibrate(0.0) <= calibrate(0.5) <= calibrate(1.0)


def test_the_default_threshold_is_not_on_the_edge_of_a_calibration_bin():
    # A refit moves a bin's share by a few points: with the threshold this far from every bin,
    # it cannot silently hide (or show) a whole bin; moving a bin across it takes a decision.
    threshold = EventsOptions().min_confidence
    assert all(abs(prob - threshold) >= 0.05 for _, prob in table().calibration)
    assert any(prob >= threshold for _, prob in table().calibration[:-1])  # more than the top bin is shown


def test_raw_score_needs_an_actor_and_drops_statements():
    words = ["the", "minister"]
    assert raw_score("ACCUSE", ["accuse"], ["none"], ["political"], words, "asserted") == 0.0
    assert raw_score("ACCUSE", ["say"], ["political"], ["political"], words, "asserted") == 0.0
    strong = raw_score("ACCUSE", ["accuse"], ["political"], ["political"], words, "asserted")
    weak = raw_score("ACCUSE", ["find"], ["political"], ["political"], words, "asserted")
    assert strong > weak > 0


def test_min_confidence_setting_is_validated():
    assert load(overrides={"events.min_confidence": "0.3"}).events.min_confidence == 0.3
    with pytest.raises(ConfigError, match="E202"):
        load(overrides={"events.min_confidence": "1.5"})


# -- bad input -----------------------------------------------------------------------------------

VERBS = ("met urged condemned attacked visited praised rejected denied arrested freed warned blamed "
         "endorsed sanctioned deployed threatened accused invited thanked criticized welcomed backed "
         "opposed supported banned detained expelled funded armed shelled bombed killed seized raided "
         "protested boycotted pledged signed hosted vetoed").split()


def test_a_sentence_with_forty_verbs():
    assert len(VERBS) >= 40
    text = "The minister " + ", ".join(VERBS[:-1]) + " and " + VERBS[-1] + " the envoy from Chile."
    evs = events(text)
    assert len(evs) <= 3  # the per-sentence cap holds (two, and one more whose trigger's sense is its type)
    assert all(e.actors for e in evs if e.confidence >= SHOWN)


COUNTRIES = ("France Germany Italy Spain Portugal Poland Austria Belgium Denmark Sweden Norway Finland "
             "Ireland Greece Hungary Romania Bulgaria Croatia Slovenia Slovakia Estonia Latvia Lithuania "
             "Luxembourg Malta Cyprus Iceland Albania Serbia Montenegro").split()


def test_thirty_countries_as_recipients():
    text = "The United States imposed sanctions on " + ", ".join(COUNTRIES[:-1]) + " and " + COUNTRIES[-1] + "."
    evs = shown(text)
    assert [e.event_type for e in evs] == ["SANCTION"]
    assert "United States" in evs[0].actors[0].span.text
    assert all(len(e.recipients) <= 30 for e in evs)


def test_other_languages_and_code_give_no_shown_event():
    assert shown("Le président a condamné l'attaque contre la ville et a appelé au calme.") == []
    assert shown("Der Minister hat den Angriff auf die Stadt scharf verurteilt.") == []
    code = "def attack(target):\n    kill(target)\n    return ban(user) if arrest else None\nfor x in range(30): print(x)"
    assert shown(code) == []


# -- views: listings, exports, brief show what is at or above events.min_confidence ------------

def test_listing_export_and_brief_show_the_confident_events_and_all_shows_every_one(tmp_path, seed_analysis):
    import json

    from typer.testing import CliRunner

    from newsgraph.cli import app
    from newsgraph.store.db import open_store

    db = tmp_path / "n.duckdb"
    with open_store(db) as store:
        store.write_batch([seed_analysis])
    runner = CliRunner()
    default = json.loads(runner.invoke(app, ["events", "--db", str(db), "--json"]).stdout)
    every = json.loads(runner.invoke(app, ["events", "--db", str(db), "--json", "--all"]).stdout)
    assert len(every) == len(seed_analysis.of("event")) > len(default) > 0
    assert all(r["confidence"] >= SHOWN for r in default)
    assert {r["trigger"] for r in every} - {r["trigger"] for r in default} >= {"increasing", "talk"}
    out = tmp_path / "events.json"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "plover", "--out", str(out)]).exit_code == 0
    assert len(json.loads(out.read_text("utf-8"))) == len(default)
    brief = runner.invoke(app, ["brief", "--db", str(db)]).stdout
    assert "«increasing»" not in brief and "«condemned»" in brief
    assert "«increasing»" in runner.invoke(app, ["brief", "--db", str(db), "--all"]).stdout


# -- words of an event type that do no act -------------------------------------------------------

def test_a_warning_that_something_may_happen_is_no_threat():
    assert not [e for e in shown("The Russian foreign minister warned on Monday that prices could rise.")
                if e.event_type == "THREATEN"]
    assert [e.event_type for e in shown("Iran warned Israel of a harsh response.")] == ["THREATEN"]


def test_declining_to_comment_and_a_task_given_are_no_events():
    assert shown("The Pentagon declined to comment on the report.") == []
    assert shown("The senator said he could not confirm or deny the report.") == []
    assert [e.event_type for e in shown("The senator denied the report.")] == ["REJECT"]
    assert not [e for e in shown("The Security Council charged the monitors with overseeing the vote.")
                if e.event_type == "ACCUSE"]


def test_a_strike_by_warplanes_is_an_attack_and_an_attack_on_rebels_is_armed():
    (strike,) = [e for e in events("Turkish warplanes struck rebel positions in the north.") if e.text == "struck"]
    assert strike.event_type == "ASSAULT"
    (armed,) = [e for e in events("The president attacked the Taliban on Sunday.") if e.text == "attacked"]
    assert armed.event_type == "ASSAULT"
    (verbal,) = [e for e in events("The senator attacked the Taliban on Sunday.") if e.text == "attacked"]
    assert verbal.event_type == "ACCUSE"


def test_concern_about_a_policy_disapproves_and_concern_that_something_may_happen_states():
    text = "The German government rejected the bill on Monday. Opposition senators expressed concern about the bill. "
    worry = "Opposition senators expressed concern that the bill could raise prices."
    (about,) = [e for e in events(text) if e.text == "concern"]
    assert about.event_type == "ACCUSE"
    that = [e for e in events(text + worry) if e.text == "concern" and e.start >= len(text)]
    assert all(e.confidence < min(about.confidence, SHOWN) for e in that)


def test_a_warning_of_natural_danger_and_governing_a_province_are_no_events():
    assert shown("Officials in California are warning residents that heavy rains will cause landslides.") == []
    assert [e.event_type for e in shown("Iran warned Israel that it would respond to any attack.")] == ["THREATEN"]
    assert not [e for e in shown("Britain ruled the province directly for decades.") if e.event_type == "COERCE"]
    assert not [e for e in shown("The province has been ruled by Britain since 1972.") if e.event_type == "COERCE"]
    assert [e.event_type for e in shown("A federal judge ruled the law unconstitutional on Friday.")] == ["COERCE"]


def test_an_apposition_names_the_recipient():
    text = "Germany condemned Russia on Monday. Critics of the school are attacking its owner, the Saudi government."
    (ev,) = [e for e in events(text) if e.text == "attacking"]
    assert ev.recipients[0].country == "SAU" and ev.recipients[0].span.text.startswith("its owner")


def test_a_named_armed_group_acts_as_its_fighters_and_a_company_officer_does_not():
    # the name modifies a public noun ("Tamil Tiger rebels"), even where the parse splits them
    text = ("The commander said he sent a team to recover the remains of a French aid worker "
            "kidnapped by Abu Sayyaf militants two years ago.")
    assert [e.event_type for e in shown(text) if e.text == "kidnapped"] == ["ASSAULT"]
    # "officer" in a company title is no police officer: the resignation stays private
    assert shown("Globex Inc.'s chief operating officer, Ann Park, resigned, the company said.") == []


def test_an_act_in_a_relative_clause_is_taken_as_known_inside_a_report():
    said = events("The foreign minister said the aid worker kidnapped by rebels in March had been freed.")
    assert [e.factuality for e in said if e.text == "kidnapped"] == ["asserted"]
    # the report's own proposition stays the speaker's
    said = events("The foreign minister said rebels kidnapped the aid worker in March.")
    assert [e.factuality for e in said if e.text == "kidnapped"] == ["alleged"]


def test_act_nouns_name_who_acts_by_of_or_by_a_possessor_with_an_object():
    # "the resignation of X": X resigns
    (ev,) = [e for e in shown("The resignation of the defense minister on Monday stunned the coalition.")
             if e.text == "resignation"]
    assert ev.event_type == "CONCEDE" and "minister" in ev.actors[0].span.text
    # "Russia's arrest of X": Russia arrests (without "of", "Navalny's arrest": he is arrested)
    (ev,) = [e for e in events("Russia's arrest of the American journalist drew protests.") if e.text == "arrest"]
    assert ev.event_type == "COERCE" and ev.actors[0].country == "RUS"


def test_idioms_of_force_words_are_no_events():
    assert [e for e in events("The joke struck a nerve with the senator.") if e.text == "struck"] == []
    assert [e for e in events("The opposition must seize the chance to govern.") if e.text == "seize"] == []
    # the literal senses stay
    assert [e.event_type for e in events("The army seized the town.") if e.text == "seized"] == ["COERCE"]


def test_a_dateline_is_no_actor_and_a_misparsed_pair_of_leaders_is_two_parties():
    (ev,) = [e for e in events("KABUL, Afghanistan — The leader of the Taliban has denied agreeing to any truce "
                               "with the government.") if e.text == "denied"]
    assert "Taliban" in ev.actors[0].span.text and "KABUL" not in ev.actors[0].span.text
    (ev,) = [e for e in shown("Donald Trump and House Speaker Paul Ryan pledged to work together after a meeting "
                              "on Thursday.") if e.text == "pledged"]
    assert [a.span.text for a in ev.actors] == ["Donald Trump"] and [r.span.text for r in ev.recipients] == ["Paul Ryan"]
    # a dash inside the sentence ends no dateline
    (ev,) = [e for e in events("Russia — which invaded Ukraine in 2022 — attacked Kyiv again on Monday.")
             if e.text == "attacked"]
    assert ev.actors[0].country == "RUS"


def test_competing_publishing_and_disarming_are_no_events():
    assert shown("Clinton met her Republican opponents in her 2000 and 2006 Senate races in New York.") == []
    assert [e for e in events("The senator has not released his tax returns.") if e.event_type == "RETREAT"] == []
    assert [e for e in shown("Syria destroyed its chemical weapons under UN supervision.")
            if e.event_type == "ASSAULT"] == []
    # the acts themselves stay
    assert [e.event_type for e in shown("Israel destroyed Hezbollah's missiles in a strike.")
            if e.text == "destroyed"] == ["ASSAULT"]
    assert [e.event_type for e in shown("The foreign minister met his Chinese counterpart in Beijing.")
            if e.text == "met"] == ["CONSULT"]
