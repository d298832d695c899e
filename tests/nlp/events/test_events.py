"""Events: PLOVER coding from the parse, with participants, factuality, counts and context."""

from __future__ import annotations

import csv
from importlib import resources

import pytest
import yaml

from newsgraph.nlp.events import extract as events
from newsgraph.nlp.events.types import PLOVER_TYPES, lexicon
from newsgraph.records import Article, Event, from_dict, to_dict


def run(nlp, text: str, upstream=None) -> list[Event]:
    article = Article(id="t", text=text)
    return list(events.extract(nlp(text), article, upstream or {}))


def only(evs, etype):
    found = [e for e in evs if e.event_type == etype]
    assert found, f"no {etype} in {[(e.event_type, e.text) for e in evs]}"
    return found[0]


# -- data files ------------------------------------------------------------------------------

def _data(name):
    return resources.files("newsgraph.nlp.events").joinpath("data", name)


def test_trigger_lexicon_is_well_formed():
    data = yaml.safe_load(_data("triggers.yaml").read_text("utf-8"))
    for section in ("verbs", "nouns", "complements", "modes"):
        assert set(data[section]) <= set(PLOVER_TYPES), section
    for section in ("verbs", "nouns"):
        words = [w for ws in data[section].values() for w in ws]
        assert len(words) == len(set(words)), f"a {section} word is listed under two types"
        assert all(isinstance(w, str) and w == w.lower() and " " not in w for w in words)
    assert set(data["symmetric"]) <= set(PLOVER_TYPES)
    assert 0 < data["ranking"]["max_per_sentence"] <= 2


def test_learned_table_is_well_formed():
    with _data("learned.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert rows and set(rows[0]) == {"key", "label", "count"}
    for row in rows:
        assert row["label"] in PLOVER_TYPES or row["label"] == "_seen"
        assert row["key"].split(":", 1)[0] in ("v", "vo", "vp", "vx", "n")
        assert int(row["count"]) > 0
    assert lexicon().learned


def test_context_cues_are_well_formed():
    data = yaml.safe_load(_data("context.yaml").read_text("utf-8"))
    assert all(isinstance(v, int) for v in data["number_words"].values())
    for key in ("negators", "conditionals", "modals", "allegation_adverbs", "report_verbs"):
        assert data[key] and all(isinstance(w, str) for w in data[key])


# -- coding ----------------------------------------------------------------------------------

def test_arrest_with_actor_recipient_and_count(nlp):
    text = "Egyptian police arrested 30 protesters in Cairo on Friday."
    ev = only(run(nlp, text), "COERCE")
    assert ev.text == "arrested" and ev.mode == "arrest"
    assert [p.span.text for p in ev.actors] == ["Egyptian police"]
    assert "30 protesters" in [p.span.text for p in ev.recipients]
    assert dict(ev.counts) == {"arrested": 30}
    assert ev.factuality == "asserted"


def test_an_event_is_dated_by_a_date_never_by_a_duration():
    """"denied the incursion for almost three weeks" happened on no day "P3W"; a weekday in the
    clause dates the event (the whole pipeline: the time layer runs first)."""
    from newsgraph.api import annotate

    def analysed(text):
        return [r for r in annotate(text, date="2031-03-26").records if isinstance(r, Event)]

    (ev,) = [e for e in analysed("Ruritania had denied the incursion for almost three weeks.")
             if e.event_type == "REJECT"]
    assert ev.date is None
    assert only(analysed("The Ruritanian army shelled the border town on Monday."), "ASSAULT").date == "2031-03-24"


def test_an_actor_is_not_its_own_recipient_and_that_is_no_one(nlp):
    """"Ruritania and Borduria denied Bordurian involvement": Borduria is not the denial's
    recipient; "denied that" names no one; a government's own citizens stay its recipients."""
    (ev,) = [e for e in run(nlp, "Both Russia and North Korea have denied North Korean involvement in the war.")
             if e.event_type == "REJECT"]
    assert "North Korean" not in [p.span.text for p in ev.recipients]
    (ev,) = [e for e in run(nlp, "Argentina denied that.") if e.event_type == "REJECT"]
    assert ev.recipients == ()
    ev = only(run(nlp, "The Chinese government arrested Chinese activists on Monday."), "COERCE")
    assert [p.span.text for p in ev.recipients] == ["Chinese activists"]


@pytest.mark.parametrize("text, etype", [
    ("Ukraine accused Russia of shelling the city.", "ACCUSE"),
    ("The United States imposed sanctions on Iran.", "SANCTION"),
    ("Hezbollah threatened to attack Israel.", "THREATEN"),
    ("Israel rejected the proposal from Egypt.", "REJECT"),
    ("Japan sent humanitarian aid to Turkey.", "AID"),
    ("The Kremlin released two American journalists.", "RETREAT"),
])
def test_common_sentences_get_their_type(nlp, text, etype):
    only(run(nlp, text), etype)


@pytest.mark.parametrize("text, factuality", [
    ("Russia did not attack Ukraine last week.", "negated"),
    ("Iran could send troops to Syria.", "predicted"),
    ("Rebels allegedly killed ten villagers.", "alleged"),
    ("The minister said that rebels killed ten villagers.", "alleged"),
    ("The army denied that it shelled the village.", "denied"),
    ("If Turkey attacks Syria, the alliance will respond.", "hypothetical"),
])
def test_factuality_from_grammar(nlp, text, factuality):
    evs = run(nlp, text)
    assert factuality in {e.factuality for e in evs}, [(e.event_type, e.text, e.factuality) for e in evs]


def test_spans_point_into_the_text_and_records_round_trip(nlp):
    text = "  Kenya and Uganda signed a trade agreement.\n\nPolice shot two protesters in Nairobi."
    for ev in run(nlp, text):
        for span in ev.spans().values():
            assert text[span.start:span.end] == span.text
        assert from_dict(to_dict(ev)) == ev


def test_joint_act_makes_the_second_party_a_recipient(nlp):
    ev = only(run(nlp, "Kenya and Uganda signed a trade agreement."), "AGREE")
    assert [p.span.text for p in ev.actors] == ["Kenya"]
    assert [p.span.text for p in ev.recipients] == ["Uganda"]


def test_unresolved_participants_are_kept_as_words(nlp):
    ev = only(run(nlp, "Unknown gunmen attacked the convoy."), "ASSAULT")
    assert ev.actors[0].span.text == "Unknown gunmen"
    assert ev.actors[0].country is None or len(ev.actors[0].country) == 3


# -- bad input -------------------------------------------------------------------------------

def test_many_verbs_many_recipients_no_actor(nlp):
    verbs = ", ".join(["attacked", "bombed", "shelled", "raided", "arrested", "freed", "praised",
                       "condemned", "sanctioned", "threatened"] * 2)
    countries = ("France, Germany, Italy, Spain, Portugal, Poland, Austria, Belgium, Greece, Sweden, "
                 "Norway, Finland, Denmark, Ireland, Hungary, Romania, Bulgaria, Croatia, Serbia, "
                 "Albania, Latvia, Lithuania, Estonia, Slovakia, Slovenia, Malta, Cyprus, Iceland, "
                 "Moldova and Georgia")
    text = (f"The rebels {verbs} the town. Russia condemned {countries}. "
            "Were attacked yesterday. " + "Sanctions, sanctions. " * 3)
    evs = run(nlp, text)
    doc = nlp(text)
    assert len(evs) <= 2 * len(list(doc.sents))
    keys = [(e.start, e.event_type) for e in evs]
    assert len(keys) == len(set(keys))
    accuse = [e for e in evs if e.event_type == "ACCUSE" and e.text == "condemned"
              and [p.span.text for p in e.actors] == ["Russia"]]
    assert accuse and 20 <= len(accuse[0].recipients) <= 30
    assert run(nlp, "") == []


def test_upstream_claims_decide_factuality(nlp):
    from newsgraph.records import Claim, make_record

    text = "Officials say Russia shelled the port."
    start = text.index("Russia")
    claim = make_record(Claim, "t", 0, start, len(text) - 1, text[start:-1], "claims", "1",
                        claimant="Officials", claimant_id="officials", stance="denies")
    ev = only(run(nlp, text, {"claims": (claim,)}), "ASSAULT")
    assert ev.factuality == "denied" and ev.claim_id == claim.id


def test_event_inside_a_reported_claim_is_alleged(nlp):
    ev = only(run(nlp, "The claim that Iranian troops attacked the base is not new."), "ASSAULT")
    assert ev.factuality == "alleged"


def test_intent_and_refusal_change_the_type(nlp):
    only(run(nlp, "Iran said it will release the detained sailors."), "AGREE")
    only(run(nlp, "Israel refused to lift the blockade of Gaza."), "REJECT")


def test_both_countries_stand_for_the_two_named_before(nlp):
    evs = run(nlp, "Kenya and Uganda held talks in May. Both countries signed a trade agreement.")
    ev = only(evs, "AGREE")
    assert {p.span.text for p in ev.actors} == {"Both countries"}
    assert {p.country for p in ev.actors} == {"KEN", "UGA"}
    talks = only(evs, "CONSULT")
    assert [p.country for p in talks.actors] == ["KEN"] and [p.country for p in talks.recipients] == ["UGA"]


# -- passives, coordination, nominal acts, stance adjectives ----------------------------------

def test_reduced_passive_makes_the_modified_noun_the_recipient(nlp):
    ev = only(run(nlp, "The school, funded by the government of Qatar, will open in May."), "AID")
    assert [p.span.text for p in ev.recipients] == ["The school"]
    assert "government of Qatar" in ev.actors[0].span.text


def test_coordinated_participles_share_their_by_agent(nlp):
    evs = run(nlp, "Relatives mourned a Dutch engineer abducted and later killed by rebel fighters.")
    abducted = next(e for e in evs if e.text == "abducted")
    assert abducted.event_type == "ASSAULT" and "rebel fighters" in abducted.actors[0].span.text
    assert "Dutch engineer" in abducted.recipients[0].span.text


def test_a_passive_conjunct_makes_the_shared_subject_its_recipient(nlp):
    ev = only(run(nlp, "The protester ran toward the gate and was shot by a soldier."), "ASSAULT")
    assert [p.span.text for p in ev.recipients] == ["The protester"]
    assert [p.span.text for p in ev.actors] == ["a soldier"]


def test_an_act_noun_takes_its_actor_from_a_from_phrase(nlp):
    ev = only(run(nlp, "The loans from the World Bank did not reach the farmers."), "AID")
    assert ev.text == "loans" and "World Bank" in ev.actors[0].span.text
    assert not [e for e in run(nlp, "The withdrawal from Kabul was chaotic.") if e.actors
                and "Kabul" in e.actors[0].span.text]


def test_a_stance_adjective_is_an_accusation_of_its_object(nlp):
    ev = only(run(nlp, "The senator has long been critical of the governor."), "ACCUSE")
    assert ev.text == "critical" and "senator" in ev.actors[0].span.text
    assert "governor" in ev.recipients[0].span.text
    assert run(nlp, "The patient remains in critical condition.") == []
    assert run(nlp, "Winning the state is critical to the campaign.") == []


def test_light_verb_with_an_alliance_is_an_agreement(nlp):
    ev = only(run(nlp, "The two rebel groups formed an alliance with the army of Chad."), "AGREE")
    assert ev.text == "alliance"


def test_i_in_a_quote_is_its_speaker(nlp):
    from newsgraph.records import Actor, Attribution, Span, make_record

    text = 'Governor Maria Lopez spoke to reporters on Monday. "I condemn this raid on our village."'
    name, said = text.index("Governor"), text.index('"I')
    speaker = make_record(Actor, "t", 0, name, name + 20, text[name:name + 20], "actors", "1",
                          actor_id="act:lopez", name="Maria Lopez", actor_type="person", country="MEX", sector="GOV")
    quote = make_record(Attribution, "t", 0, text.index("spoke"), text.index("spoke") + 5, "spoke", "attribution", "1",
                        source=Span(name, name + 20, text[name:name + 20]), content=Span(said + 1, len(text) - 1, text[said + 1:-1]),
                        speaker_id="act:lopez", speaker="Maria Lopez", quoted=True)
    ev = only(run(nlp, text, {"actors": (speaker,), "attribution": (quote,)}), "ACCUSE")
    assert ev.actors[0].span.text == "I" and ev.actors[0].name == "Maria Lopez" and ev.actors[0].country == "MEX"
    alone = only(run(nlp, text), "ACCUSE")
    assert alone.actors[0].name is None


def test_an_owned_act_noun_in_object_position_is_an_event_of_its_own(nlp):
    evs = run(nlp, "Sweden condemned Russia's invasion of Ukraine.")
    invasion = only(evs, "ASSAULT")
    assert invasion.text == "invasion" and invasion.actors[0].span.text.startswith("Russia")
    assert only(evs, "ACCUSE").text == "condemned"
    assert [e.text for e in run(nlp, "Putin made his visit to Pyongyang in June.")] == ["visit"]


def test_the_act_a_request_asks_for_gives_way_to_the_request(nlp):
    evs = run(nlp, "The senator on Monday called on the minister to apologize to the farmers for insulting them.")
    request = only(evs, "REQUEST")
    assert request.text == "called" and "minister" in request.recipients[0].span.text
    assert all(p.span.text != "Monday" for e in evs for p in e.actors)


def test_calling_someone_a_fraud_accuses_and_a_win_supports(nlp):
    accuse = only(run(nlp, "The governor called the tax plan a fraud."), "ACCUSE")
    assert accuse.text == "called" and [p.span.text for p in accuse.recipients] == ["the tax plan"]
    support = only(run(nlp, "The mayor called the ruling a victory for tenants."), "SUPPORT")
    assert "the ruling" in [p.span.text for p in support.recipients]
    author = only(run(nlp, "The senator called the virus a hoax invented by Beijing."), "ACCUSE")
    assert [p.span.text for p in author.recipients] == ["Beijing"]
    assert not [e for e in run(nlp, "Two networks called the race for the governor.") if e.event_type in ("ACCUSE", "SUPPORT")]


def test_expressing_concern_is_disapproval_and_poking_at_someone_too(nlp):
    assert only(run(nlp, "Human rights groups expressed deep concern about the new law."), "ACCUSE").text == "concern"
    assert only(run(nlp, "The governor poked at the senator's voting record."), "ACCUSE").text == "poked"


def test_who_holds_out_against_attacks_is_their_recipient(nlp):
    ev = only(run(nlp, "The militia defended the town against repeated attacks by government troops."), "ASSAULT")
    assert ev.text == "attacks" and "government troops" in ev.actors[0].span.text
    assert [p.span.text for p in ev.recipients] == ["The militia"]


def test_the_owner_of_an_arrest_or_expulsion_undergoes_it(nlp):
    evs = run(nlp, "The unionists pushed for the party's expulsion from the talks.")
    expulsion = [e for e in evs if e.text == "expulsion"]
    assert expulsion and not expulsion[0].actors and "party" in expulsion[0].recipients[0].span.text
    arrest = only(run(nlp, "Critics condemned the journalist's arrest by the secret police."), "COERCE")
    assert "secret police" in arrest.actors[0].span.text and "journalist" in arrest.recipients[0].span.text


def test_a_denial_is_aimed_at_a_party_never_at_what_is_denied(nlp):
    denial = only(run(nlp, "Peru's government denied that its patrol boats had entered Chilean waters."), "REJECT")
    assert denial.recipients == ()
    claim = only(run(nlp, "The ministry rejected the accusation on Monday."), "REJECT")
    assert claim.recipients == ()
    owner = only(run(nlp, "The appeals court overturned Morales's ruling on Friday."), "REJECT")
    assert [p.span.text for p in owner.recipients] and "Morales" in owner.recipients[0].span.text
