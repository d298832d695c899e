"""Fixes found by the precision audit of shown events (tools/events_audit.py, issue 22): actor
resolution errors and idioms that made wrong events visible. Our own sentences."""

from __future__ import annotations

from functools import lru_cache

import pytest

from newsgraph.api import annotate
from newsgraph.records import Actor, Event

DATE = "2031-05-12"


@lru_cache(maxsize=None)
def _analysis(text: str):
    return annotate(text, date=DATE)


def _events(text: str) -> list[Event]:
    return [r for r in _analysis(text).records if isinstance(r, Event)]


def _event(text: str, trigger: str) -> Event:
    found = [e for e in _events(text) if e.text == trigger]
    assert found, f"no event on {trigger!r}: {[(e.text, e.event_type) for e in _events(text)]}"
    return found[0]


def _shown(text: str, trigger: str) -> bool:
    from newsgraph.config import EventsOptions

    return any(e.text == trigger and e.confidence >= EventsOptions().min_confidence for e in _events(text))


# -- actors ---------------------------------------------------------------------------------

COUPLE = ("Senator Hillary Clinton and her husband, former President Bill Clinton, toured a factory in Ohio on "
          "Monday. Mrs. Clinton accused Senator Ted Cruz of cowardice. Mr. Clinton praised Mrs. Clinton's plan.")


def test_mrs_before_a_surname_is_the_woman_of_that_name():
    accused = _event(COUPLE, "accused")
    assert accused.actors[0].name == "Hillary Clinton"
    praised = _event(COUPLE, "praised")
    assert praised.actors[0].name == "Bill Clinton"
    assert praised.recipients[0].name == "Hillary Clinton"


def test_supporters_of_a_politician_are_not_the_politician():
    text = ("Senator Ann Kowalski spoke in Denver on Tuesday. Kowalski's supporters condemned the governor's "
            "veto. Kowalski's campaign criticized Governor Lee on Wednesday.")
    condemned = _event(text, "condemned")
    assert condemned.actors[0].span.text == "Kowalski's supporters"
    assert condemned.actors[0].name is None and condemned.actors[0].sector == "CVL"
    criticized = _event(text, "criticized")
    assert criticized.actors[0].name == "Ann Kowalski"  # a campaign is its candidate's


def test_a_capital_naming_where_an_attack_was_is_not_the_attacker():
    text = "After the Madrid bombings, the Spanish government condemned the attackers. Madrid accused Morocco of negligence."
    bombings = [e for e in _events(text) if e.text == "bombings"]
    assert all(p.country != "ESP" for e in bombings for p in e.actors)
    assert _event(text, "accused").actors[0].country == "ESP"  # a capital as subject: its government


# -- vetoes: idioms and other senses (nlp/events/data/context.yaml) ---------------------------

@pytest.mark.parametrize("text, trigger", [
    ("Governor Paula Reyes seized the opportunity to attack her rival.", "seized"),
    ("The Green Party candidates fail to win votes in rural counties, Senator Tom Akers said.", "fail"),
    ("Senator Tom Akers spoke at a Trump rally in Ohio on Monday.", "rally"),
    ("Mayor Dan Oduya spoke at a campaign rally in Leeds.", "rally"),
    ("Governor Paula Reyes must demonstrate that she can govern, Senator Akers said.", "demonstrate"),
    ("The premier demonstrated his talent for compromise in Ottawa.", "demonstrated"),
    ("Senator Tom Akers said he recognizes himself in the striking miners.", "recognizes"),
    ("Army officials were investigating to see whether the raid had killed the commander.", "investigating"),
])
def test_another_sense_is_not_shown(text, trigger):
    assert not _shown(text, trigger)


@pytest.mark.parametrize("text, trigger, etype", [
    ("Russian troops seized the airport in Kherson on Friday.", "seized", "COERCE"),
    ("Opposition activists demonstrated against the government in Minsk.", "demonstrated", "PROTEST"),
    ("The United States recognized Kosovo on Monday.", "recognized", "SUPPORT"),
    ("The FBI is investigating Governor Paula Reyes.", "investigating", "ACCUSE"),
])
def test_the_event_sense_stays_shown(text, trigger, etype):
    assert _event(text, trigger).event_type == etype and _shown(text, trigger)


def test_a_relative_pronoun_is_who_its_clause_is_about():
    text = "The militia freed a Reuters journalist who was kidnapped by Boko Haram fighters in 2014."
    kidnapped = _event(text, "kidnapped")
    assert kidnapped.recipients[0].span.text == "who"
    assert kidnapped.recipients[0].sector == "MED"


def test_a_role_after_an_armed_group_is_of_that_group():
    text = "Al-Shabaab spokesman Ali Dhere warned Kenya on Monday."
    warned = _event(text, "warned")
    assert (warned.actors[0].country, warned.actors[0].sector) == ("SOM", "REB")


def test_a_demonym_before_private_people_names_civilians_not_the_state():
    text = "Two American tourists were kidnapped by Islamic State militants near Raqqa on Monday."
    victims = _event(text, "kidnapped").recipients[0]
    assert (victims.country, victims.sector) == ("USA", "CVL")
    text = "Russian troops attacked the village on Monday."
    assert _event(text, "attacked").actors[0].sector == "MIL"


@pytest.mark.parametrize("text, trigger", [
    ("The sheriff declined to be interviewed on Monday.", "declined"),
    ("Senator Lisa Ames conceded the situation in Libya is regrettable.", "conceded"),
    ("The Cuban government called for a press conference with foreign media.", "called"),
    ("Senator Ann Lee spoke in Ohio. The Sanders campaign held a conference call.", "call"),
    ("The UN said that it was investigating the claims.", "investigating"),
])
def test_more_other_senses_are_not_shown(text, trigger):
    assert not _shown(text, trigger)


@pytest.mark.parametrize("text, trigger, etype", [
    ("Russia refused to release the prisoners.", "refused", "REJECT"),
    ("Governor Ann Walsh conceded defeat to Senator Lisa Ames.", "conceded", "CONCEDE"),
    ("President Obama called for new sanctions on Iran.", "called", "REQUEST"),
    ("Protesters held a rally against the war in Berlin on Sunday.", "rally", "PROTEST"),
])
def test_the_event_sense_of_the_same_words_stays_shown(text, trigger, etype):
    assert _event(text, trigger).event_type == etype and _shown(text, trigger)


def test_a_us_department_is_american_in_an_article_about_another_country():
    text = "China protested on Monday. The Department of Commerce has put tariffs on Chinese steel makers."
    tariffs = _event(text, "tariffs")
    assert (tariffs.actors[0].country, tariffs.actors[0].sector) == ("USA", "GOV")


def test_police_officers_are_police_and_army_officers_military():
    text = "Local police officers shot at a bus carrying students in Guerrero. Army officers arrested the mayor of the town."
    assert _event(text, "shot").actors[0].sector == "COP"
    assert _event(text, "arrested").actors[0].sector == "MIL"


def test_blaming_a_thing_accuses_no_one():
    assert not _shown("Senator Ben Akers blamed the national debt for keeping interest rates low.", "blamed")
    blamed = _event("Senator Ben Akers blamed the administration for the failure.", "blamed")
    assert blamed.recipients and _shown("Senator Ben Akers blamed the administration for the failure.", "blamed")


def test_an_actor_is_not_its_own_recipient():
    text = "Twitter said in a statement that Twitter condemns the use of Twitter to promote terrorism."
    assert all(r.actor_id != a.actor_id for e in _events(text) for r in e.recipients for a in e.actors if a.actor_id)


def test_a_sitting_leader_named_by_surname_alone_is_that_leader():
    text = "A former campaign strategist for Obama said in an interview with CNN that Obama would veto the bill."
    found = [a for a in annotate(text, date="2016-09-28").records if isinstance(a, Actor) and a.text == "Obama"]
    assert found and all(a.actor_id == "act:obama-barack" and a.country == "USA" for a in found)
    later = [a for a in annotate(text, date="2019-03-01").records if isinstance(a, Actor) and a.text == "Obama"]
    assert all(a.sector != "GOV" or a.role != "head of state" for a in later)  # out of office: no longer the state


# -- audit seeds B and C (issue 22, fourth session) ------------------------------------------

@pytest.mark.parametrize("text, trigger", [
    ("Ohio Governor Mark Dalton suspended his presidential campaign on Tuesday.", "suspended"),
    ("Whatever the senator charged his campaign for rent came out of his own pocket.", "charged"),
    ("The crude language embraced by Senator Lott alarmed party elders.", "embraced"),
    ("A State Department spokesman declined comment on Friday.", "declined"),
    ("Senator Ross had to withdraw a proposal to expand the program.", "withdraw"),
    ("Secretary of State Ellen Park marched in the city's annual parade.", "marched"),
    ("Senator Ross requested an extension for filing his disclosure report.", "requested"),
    ("The CIA station chief said he took a call from the Pentagon that evening.", "call"),
    ("Jordanian jets carried out a bombing raid on the city of Raqqa.", "raid"),
])
def test_other_senses_found_on_unseen_articles_are_not_shown(text, trigger):
    assert not _shown(text, trigger)


@pytest.mark.parametrize("text, trigger, etype", [
    ("The European Union suspended aid to Niger on Monday.", "suspended", "SANCTION"),
    ("Federal prosecutors charged Mayor Tom Akers with fraud.", "charged", "ACCUSE"),
    ("Protesters marched on parliament in Kiev.", "marched", "PROTEST"),
    ("Police raided the offices of the opposition newspaper in Minsk.", "raided", "COERCE"),
    ("Senator Ross requested a meeting with the Chinese ambassador.", "requested", "REQUEST"),
])
def test_the_event_sense_of_those_words_stays_shown(text, trigger, etype):
    assert _event(text, trigger).event_type == etype and _shown(text, trigger)


def test_a_country_the_tagger_takes_for_a_person_is_the_country():
    recipient = _event("The European Union suspended aid to Niger on Monday.", "suspended").recipients[0]
    assert (recipient.country, recipient.sector) == ("NER", "GOV")


def test_a_demonym_before_companies_names_its_businesses_not_the_state():
    text = "The Commerce Department imposed heavy tariffs on some Chinese steel makers."
    target = _event(text, "tariffs").recipients[0]
    assert (target.country, target.sector) == ("CHN", "BUS")
    assert not _shown(text, "tariffs")  # a state's act on companies is trade, not an act on a state


def test_a_word_for_an_agent_used_as_an_adjective_is_no_agent():
    text = "Governor Paula Reyes promised to protect labor unions in general elections."
    assert not [a for a in _analysis(text).records if isinstance(a, Actor) and a.sector == "MIL"]


def test_a_place_where_an_attack_happens_is_not_its_target():
    text = "The United States began airstrikes in Iraq and Syria."
    strikes = _event(text, "airstrikes")
    strong = _event("The United States bombed Iraq on Monday.", "bombed")
    assert strikes.confidence < strong.confidence
    named = _event("The United States began airstrikes in Iraq and Syria against the Islamic State.", "airstrikes")
    assert [r.name for r in named.recipients] == ["Islamic State"]


def test_a_poll_share_of_a_party_is_no_actor():
    text = "In the survey, a 69% majority of Republicans support deploying ground forces against the Islamic State."
    assert not any(e.confidence >= 0.6 for e in _events(text))


def test_an_act_missing_whom_it_is_done_to_is_less_sure_than_one_done_to_a_thing():
    missing = _event("The Pentagon confirmed a US airstrike on Monday.", "airstrike")
    thing = _event("Pakistani troops shot at buses in the valley on Monday.", "shot")
    assert missing.recipients == () and thing.recipients
    assert missing.confidence < thing.confidence


@pytest.mark.parametrize("text, trigger", [
    ("Governor Paula Reyes vetoed the budget on Monday. Ahmed Karimi met Laura Stein at a cafe in Brooklyn on Tuesday.",
     "met"),
    ("Governor Paula Reyes vetoed the budget on Monday. Daniel Marsh accused Peter Hale of stealing his car.",
     "accused"),
])
def test_private_people_acting_on_private_people_are_not_shown_in_a_political_article(text, trigger):
    assert not _shown(text, trigger)


def test_a_private_person_acting_on_a_public_actor_stays_shown():
    assert _shown("Ahmed Karimi met Secretary of State John Kerry in Geneva on Monday.", "met")


@pytest.mark.parametrize("text, trigger", [
    ("Syrian monitors said the militants had seized a cache of weapons meant for the Kurds.", "seized"),
    ("The senator blames part of the failure in placing too much faith in Britain and France.", "blames"),
    ("Right-wing parties threaten to jam the mainstream in Brussels.", "threaten"),
    ("The scandal threatens to derail the governor's campaign.", "threatens"),
])
def test_property_seized_things_blamed_and_likely_outcomes_are_not_shown(text, trigger):
    assert not _shown(text, trigger)


@pytest.mark.parametrize("text, trigger, etype", [
    ("Russian troops seized the airport in Kherson on Friday.", "seized", "COERCE"),
    ("The senator blamed the Obama administration for the crisis.", "blamed", "ACCUSE"),
    ("The envoy blamed the deaths on the extremist group and government forces.", "blamed", "ACCUSE"),
    ("Russia threatened to cut gas supplies to Ukraine.", "threatened", "THREATEN"),
])
def test_seizing_places_blaming_people_and_threats_stay_shown(text, trigger, etype):
    assert _event(text, trigger).event_type == etype and _shown(text, trigger)


def _top() -> float:
    """The confidence of the surest events (the calibration's top bin)."""
    from newsgraph.nlp.events.confidence import table

    return table().calibration[-1][1]


def test_an_act_said_inside_a_direct_quotation_is_shown_below_the_top_confidence():
    quoted = _event('"Russia attacked Ukraine on Monday," Senator Tom Akers said.', "attacked")
    plain = _event("Russia attacked Ukraine on Monday.", "attacked")
    assert quoted.confidence < _top() == plain.confidence
    assert _shown('"Russia attacked Ukraine on Monday," Senator Tom Akers said.', "attacked")


@pytest.mark.parametrize("text, trigger, factuality", [
    ("Speaker Paul Ryan has yet to endorse Donald Trump.", "endorse", "negated"),
    ("Governor Paula Reyes is yet to meet President Obama.", "meet", "negated"),
    ("Speaker Paul Ryan has endorsed Donald Trump.", "endorsed", "asserted"),
])
def test_an_act_someone_has_yet_to_do_is_negated(text, trigger, factuality):
    assert _event(text, trigger).factuality == factuality


def test_a_name_inside_a_quotation_is_no_antecedent_of_the_pronoun_after_it():
    import newsgraph

    text = ('The preacher spoke for an hour. "Joseph Smith meant what he wrote," he said. '
            'Mayor Ana Ruiz opened the bridge. "It took us ten years," she said.')
    speakers = [r.speaker for r in newsgraph.annotate(text, date="2016-01-10").records if r.kind == "attribution"]
    assert "Joseph Smith" not in speakers and "Ana Ruiz" in speakers


# -- audit seed D (issue 22, fifth session) ---------------------------------------------------

@pytest.mark.parametrize("text, trigger", [
    ("Governor Lena Park has ruled out a tax rise before the election.", "ruled"),
    ("Senator Hal Brody struck a conciliatory tone toward Mexico on Monday.", "struck"),
    ("Senator Hal Brody was self-funding his campaign in March.", "funding"),
    ("Senator Hal Brody urged his followers online to donate to his campaign.", "donate"),
    ("A member of the Liberal Party, asking for anonymity, said the vote was close.", "asking"),
    ("The regulator cut the quota below what Congress had demanded in 2009.", "demanded"),
    ("The Belgian government is partly to blame for the delays, Senator Hal Brody said.", "blame"),
    ("Support for the Labour Party declined sharply in May.", "declined"),
    ("Turkey's long march toward membership of the European Union has stalled.", "march"),
    ("But Senator Hal Brody also struck populist notes similar to those Ann Kowalski had sounded.", "struck"),
    ("The rule lets refiners use less ethanol than Congress had demanded when it passed the law in 2009.", "demanded"),
])
def test_other_senses_found_in_seed_d_are_not_shown(text, trigger):
    assert not _shown(text, trigger)


@pytest.mark.parametrize("text, trigger, etype", [
    ("Sweden recognized Palestine in 2014.", "recognized", "SUPPORT"),
    ("Asked to resign, Defence Minister Karl Brandt declined.", "declined", "REJECT"),
    ("The Dutch government demanded an apology from Turkey.", "demanded", "REQUEST"),
    ("Israeli warplanes struck Hamas positions in Gaza on Sunday.", "struck", "ASSAULT"),
    ("Saudi Arabia funded the rebels in Yemen.", "funded", "AID"),
])
def test_the_event_sense_of_the_seed_d_words_stays_shown(text, trigger, etype):
    assert _event(text, trigger).event_type == etype and _shown(text, trigger)


def test_a_name_two_table_people_share_is_the_one_whose_country_is_named():
    text = "Officials in Jordan said that King Abdullah condemned the killing of the pilot."
    found = [a for a in annotate(text, date="2015-01-15").records if isinstance(a, Actor) and a.text == "King Abdullah"]
    assert found and found[0].country == "JOR"
    text = "Saudi Arabia's King Abdullah praised the Egyptian government."
    found = [a for a in annotate(text, date="2015-01-15").records if isinstance(a, Actor) and "King Abdullah" in a.text]
    assert found and found[0].country == "SAU"


def test_a_pronoun_after_a_person_named_by_a_common_noun_is_not_the_name_before():
    text = ("The film shows a clip of President Obama's speech, then a statement from the hostage. "
            '"I ask my friends to stay strong," he says. He urges his parents not to accept any money.')
    pronouns = [a for a in annotate(text, date="2015-01-15").records if isinstance(a, Actor) and a.text in ("he", "He")]
    assert all(a.name != "Barack Obama" for a in pronouns)
    assert not _shown(text, "urges")
    text = "Senator Ann Kowalski toured Ohio. Her husband stayed home. She said she would vote against the bill."
    pronouns = [a for a in annotate(text, date="2015-01-15").records if isinstance(a, Actor) and a.text == "She"]
    assert pronouns and pronouns[0].name == "Ann Kowalski"  # the husband is no "she"


@pytest.mark.parametrize("text, trigger, actor, victim", [
    ("A senior Islamic State commander was killed in a US airstrike near Mosul on Friday, officials said.",
     "airstrike", "USA", "commander"),
    ("Three Afghan soldiers died in a Taliban attack in Helmand on Sunday.", "attack", None, "soldiers"),
])
def test_those_killed_in_an_attack_are_whom_it_was_done_to(text, trigger, actor, victim):
    event = _event(text, trigger)
    assert event.event_type == "ASSAULT" and victim in event.recipients[0].span.text
    assert actor is None or event.actors[0].country == actor
    assert _shown(text, trigger)


def test_us_in_capitals_is_the_united_states_not_the_speaker():
    text = "The US airstrike hit a convoy of the Islamic State near Raqqa, Syrian officials said."
    event = _event(text, "airstrike")
    assert event.actors[0].actor_id == "act:country-USA"


def test_the_leader_of_a_team_holds_no_office():
    text = "The team leader of the rescue crew accused the bus driver of negligence on Monday."
    leaders = [a for a in annotate(text, date=DATE).records if isinstance(a, Actor) and "leader" in a.text]
    assert all(a.sector != "GOV" for a in leaders)
    assert not _shown(text, "accused")
    text = "The opposition leader condemned the arrest of the journalist in Minsk."
    assert _shown(text, "condemned")


def test_a_joint_act_done_between_parties_has_them_as_its_parties():
    text = "The budget deal was negotiated between House Republicans and Senate Democrats after the governor left."
    event = _event(text, "negotiated")
    assert event.event_type == "CONSULT"
    assert "Republicans" in event.actors[0].span.text and "Democrats" in event.recipients[0].span.text
    text = "The budget deal was negotiated between House and Senate Republicans after Democrats left the talks."
    assert all("Democrats" not in p.span.text for p in _event(text, "negotiated").actors)


@pytest.mark.parametrize("text, trigger", [
    ("Senator Hal Brody called for a ban on assault weapons after the shooting.", "called"),
    ("Governor Ann Ruiz appealed for calm in her state on Sunday.", "appealed"),
])
def test_what_a_request_asks_for_is_not_whom_it_asks(text, trigger):
    event = _event(text, trigger)
    assert event.event_type == "REQUEST" and not event.recipients and _shown(text, trigger)


def test_a_request_for_what_a_public_actor_should_do_keeps_that_actor():
    event = _event("Protesters called for the resignation of the mayor.", "called")
    assert [p.span.text for p in event.recipients] == ["the mayor"]


# -- audit seed E (issue 22, fifth session; E was the untuned check, learned from after) --------

def test_two_who_endorse_a_third_support_the_third_not_each_other():
    event = _event("Senator Pat Dorsey and Senator Kelly Ames endorsed Governor Ann Ruiz.", "endorsed")
    assert {p.span.text for p in event.actors} == {"Senator Pat Dorsey", "Senator Kelly Ames"}
    assert [p.span.text for p in event.recipients] == ["Governor Ann Ruiz"]
    joint = _event("Russia and China met in Beijing on Monday.", "met")
    assert joint.recipients and joint.recipients[0].span.text == "China"


@pytest.mark.parametrize("text, trigger", [
    ("The experts issued a letter calling Senator Hal Brody unfit for the office of president.", "calling"),
    ("Senator Hal Brody's appeal to working-class whites is strong.", "appeal"),
    ("Senator Hal Brody's appeal was greatest among younger voters.", "appeal"),
    ("Senator Hal Brody has charged more than that for rent.", "charged"),
    ("Finance Minister Lou declined to offer his own figure for layoffs.", "declined"),
])
def test_other_senses_found_in_seed_e_are_not_shown(text, trigger):
    assert not _shown(text, trigger)


def test_an_appeal_for_something_stays_a_request():
    assert _event("Governor Ann Ruiz's appeal for calm was heard in Lagos.", "appeal").event_type == "REQUEST"


def test_the_next_holder_of_an_office_is_nobody_yet():
    text = "Senator Mitch Connell has said repeatedly that the next president should choose the nominee."
    found = [a for a in annotate(text, date="2016-03-18").records if isinstance(a, Actor) and "president" in a.text]
    assert all(a.actor_id != "act:obama-barack" for a in found)


# -- audit seed G (issue 22, sixth session; G was the untuned start, learned from after) --------

@pytest.mark.parametrize("text, trigger", [
    ("The first Canadian to carry out a suicide bombing in Syria, Paul Smith, grew up in Toronto.", "bombing"),
    ("Two Danish aid workers were killed in March, as were two Dutch doctors.", "killed"),
])
def test_one_person_named_by_a_demonym_is_no_state(text, trigger):
    event = _event(text, trigger)
    assert all(p.sector == "CVL" for p in event.actors)  # people of the country, not its government
    assert not _shown(text, trigger)


def test_a_name_tagged_as_a_place_with_a_persons_title_is_that_person():
    text = ("Aamir Kapoor, a student, was hanged in May.\n\nRape laws are harsh.\n\nOlolade Adeyemi , South Asia "
            "Director at Human Rights Watch, wrote in the Hindustan Times in August that such steps will not help.\n\n"
            "She added: \"Instead of hasty measures, the government should make a commitment to enforce the law.\"")
    assert _event(text, "added").actors[0].name == "Ololade Adeyemi"


def test_a_dateline_is_no_recipient():
    text = ("Lyon, France — The elusive street artist, painter and long time fugitive who for years has gone by "
            "the name of Blue, was arrested early this morning by the French police.")
    arrested = _event(text, "arrested")
    assert all(p.sector != "GOV" for p in arrested.recipients)
    assert arrested.confidence < _top()


def test_a_place_in_apposition_after_in_is_no_recipient():
    text = "The militia said it freed the hostage in return for American airstrikes in Iraq, not Syria."
    assert _event(text, "airstrikes").confidence < _top()


def test_the_group_of_a_polls_share_acts_in_no_event():
    text = ("The survey found that 60 percent of Republicans who said they had supported Senator Ray Dunn now "
            "back Governor Ellis.")
    assert not _shown(text, "supported")


@pytest.mark.parametrize("text, trigger", [
    ("Governor Lena Ortiz conceded shortly after she called Senator Mark Hale to congratulate him.", "called"),
    ("A second CIA officer at the base that evening backed Bob's account.", "backed"),
    ("Senator Mark Hale thanked his parents, his wife and his staff.", "thanked"),
    ("Senator Mark Hale proposed sending more troops to Iraq.", "proposed"),
])
def test_other_senses_found_in_seed_g_are_not_shown(text, trigger):
    assert not _shown(text, trigger)


@pytest.mark.parametrize("text, trigger, etype", [
    ("President Obama called on Senator Mark Hale to resign.", "called", "REQUEST"),
    ("Senator Mark Hale backed Governor Lena Ortiz for the nomination.", "backed", "SUPPORT"),
    ("President Obama thanked Chancellor Merkel for her support.", "thanked", "SUPPORT"),
])
def test_the_event_sense_found_in_seed_g_stays(text, trigger, etype):
    assert _event(text, trigger).event_type == etype and _shown(text, trigger)


# -- audit seed H (issue 22, sixth session; H was the untuned final check, learned from after) ------

def test_an_officer_named_with_a_is_not_the_officer_in_play():
    text = ("Lakewood police officer Dan Pike shot Ray Cole, who was unarmed, on Monday. Like Cole, Tim Ross "
            "was an unarmed man who was shot and killed by a white police officer.")
    shot = [e for e in _events(text) if e.text == "shot" and e.start > 60]
    assert shot and all(p.name != "Dan Pike" and p.sector == "COP" for e in shot for p in e.actors)


@pytest.mark.parametrize("text, trigger", [
    ("Police killed a gunman who charged into the parliament building in Ottawa.", "charged"),
    ("Governor Lena Ortiz had planned to continue her bid as the lone alternative to the senator.", "bid"),
    ("\"Thank you, son,\" Senator Mark Hale replied to a heckler.", "Thank"),
])
def test_other_senses_found_in_seed_h_are_not_shown(text, trigger):
    assert not _shown(text, trigger)


@pytest.mark.parametrize("text, trigger, etype", [
    ("Governor Lena Ortiz condemned the militants on Monday.", "condemned", "ACCUSE"),
    ("Prosecutors charged the mayor with fraud on Monday.", "charged", "ACCUSE"),
])
def test_the_event_sense_found_in_seed_h_stays(text, trigger, etype):
    assert _event(text, trigger).event_type == etype and _shown(text, trigger)


def test_a_demonym_cut_off_a_name_in_the_table_is_that_name():
    text = "The Islamic State has threatened to kill a British aid worker held in Syria."
    actors = {(a.text, a.actor_id) for a in _analysis(text).records if isinstance(a, Actor)}
    assert ("The Islamic State", "act:org-islamic-state") in actors
    assert _shown(text, "threatened")
    assert _event(text, "threatened").actors[0].name == "Islamic State"
