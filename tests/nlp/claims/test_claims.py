"""Claims and certainty: who holds what, how, how sure, with what evidence (seed + unit)."""

from __future__ import annotations

import pytest

from newsgraph.nlp.attribution import extract as attribution

from newsgraph.nlp.claims import extract as claims
from newsgraph.nlp.claims.certainty import certainty_of, find_hedges, load_hedges
from newsgraph.records import Article


def run(nlp, text: str):
    doc = nlp(text)
    article = Article(id="t", text=text, date="2024-10-15")
    atts = attribution.extract(doc, article, {})
    return claims.extract(doc, article, {"attribution": atts})


# ---------------------------------------------------------------- data files

def test_claims_and_certainty_data_load():
    rules = claims.load_rules()
    assert set(rules["stance_lemmas"]) == {"denies", "questions", "predicts"}
    assert rules["evidence_re"].search("The accusation, which lacks hard evidence, came")
    lex = load_hedges()
    assert lex.levels["might"] == "possible" and lex.levels["has reason to believe"] == "probable"
    assert set(lex.levels.values()) <= {"possible", "probable", "unknown", "conditional"}


# ---------------------------------------------------------------- hedges

@pytest.mark.parametrize("text, level, conditional", [
    ("He has reason to believe that they were killed.", "probable", False),
    ("Reports are highly likely to be true.", "probable", False),
    ("More troops could be deployed.", "possible", False),
    ("If true this would mark an escalation.", "possible", True),
    ("It is unclear whether they left.", "unknown", False),
    ("The troops left on Monday.", "certain", False),
])
def test_certainty_levels(text, level, conditional):
    assert certainty_of(find_hedges(text)) == (level, conditional)


@pytest.mark.parametrize("text, hedges", [
    ("The talks ended last May without a deal.", []),
    ("The vote is set for May 3.", []),
    ("Officials said in May that the dam may fail.", ["may"]),
    ("May the rains come soon.", ["May"]),
    ("The agency said it could not verify the video.", []),
    ("He couldn't be reached.", []),
    ("I would be surprised if he resigned.", ["would", "if"]),
    ("The firm said it would open a plant.", []),
])
def test_hedges_read_their_context(text, hedges):
    assert [h.text for h in sorted(find_hedges(text), key=lambda h: h.start)] == hedges


def test_longest_hedge_wins():
    (h,) = find_hedges("He has reason to believe it.")
    assert h.text == "has reason to believe"


# ---------------------------------------------------------------- claims from text

def test_denial_stance(nlp):
    (c,) = run(nlp, "The ministry denied that its troops had crossed the border.")
    assert c.stance == "denies" and "ministry" in c.claimant


def test_prediction_with_hedge(nlp):
    (c,) = run(nlp, 'Seoul has warned that more troops could be deployed.')
    assert c.stance == "predicts" and c.certainty == "possible" and [h.text for h in c.hedges] == ["could"]


def test_question_stance(nlp):
    (c,) = run(nlp, 'Reporters asked whether the troops would stay.')
    assert c.stance == "questions"


def test_author_claim_from_claim_noun(nlp):
    cs = run(nlp, "The claim that the troops are deployed is nothing new.")
    assert [(c.claimant_id, c.text) for c in cs] == [("author", "the troops are deployed")]


def test_evidence_note_attaches_to_preceding_claims(nlp):
    text = ("The minister said that six officers were killed.\n\n"
            "The accusation, which lacks hard evidence, came after months of tension.")
    (c,) = run(nlp, text)
    assert [e.text for e in c.evidence] == ["lacks hard evidence"]


def test_no_claims_from_empty_text(nlp):
    assert run(nlp, "") == ()


# ---------------------------------------------------------------- the seed

@pytest.fixture(scope="module")
def seed_claims(seed_analysis):
    return seed_analysis.of("claim")


def test_seed_accusation_of_killed_officers(seed_claims):
    (c,) = [c for c in seed_claims if "six North Korean officers were killed" in c.text]
    assert c.claimant_id == "act:kim-yong-hyun"
    assert c.time == "2024-10-08" and c.proposition_time == "2024-10-03"
    assert c.certainty == "probable" and any("reason to believe" in h.text for h in c.hedges)
    assert [e.text for e in c.evidence] == ["lacks hard evidence"]


def test_seed_highly_likely_is_probable(seed_claims):
    (c,) = [c for c in seed_claims if "highly likely" in c.text]
    assert c.certainty == "probable" and c.claimant_id == "act:kim-yong-hyun"


def test_seed_both_sides_deny(seed_claims):
    denials = [c for c in seed_claims if c.stance == "denies"]
    assert {c.claimant_id for c in denials} == {"act:country-RUS-GOV", "act:country-PRK-GOV"}
    assert all("North Korean involvement" in c.text for c in denials)


def test_seed_us_allegation_of_arms(seed_claims):
    (c,) = [c for c in seed_claims if "arms and ammo" in c.text]
    assert c.claimant_id == "act:country-USA" and c.stance == "asserts"


def test_seed_seoul_warning_predicts_possible(seed_claims):
    (c,) = [c for c in seed_claims if "could be deployed" in c.text]
    assert c.claimant_id == "act:country-KOR-GOV" and c.stance == "predicts" and c.certainty == "possible"


def test_seed_author_claim(seed_claims):
    assert any(c.claimant_id == "author" and c.text.startswith("North Korean troops are actually deployed")
               for c in seed_claims)


def test_seed_spans_match_text(seed_claims, seed_article):
    for c in seed_claims:
        for span in c.spans().values():
            assert seed_article.text[span.start:span.end] == span.text


# ---------------------------------------------------------------- store queries and CLI

def test_quotes_and_claims_commands(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import shared_file

    seed = shared_file("seeds/000_55f49c8fb6e3b4be.txt")
    db = str(tmp_path / "seed.duckdb")

    def cli(*args):
        r = subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr
        return r.stdout

    cli("analyze", str(seed), "--db", db)
    denials = json.loads(cli("claims", "--db", db, "--stance", "denies", "--json"))
    assert {c["claimant_id"] for c in denials} == {"act:country-RUS-GOV", "act:country-PRK-GOV"}
    kim = json.loads(cli("claims", "--db", db, "--about", "PRK", "--claimant", "Kim", "--json"))
    assert any(c["certainty"] == "probable" and c["evidence"] for c in kim)
    quotes = json.loads(cli("quotes", "--db", db, "--speaker", "Zelensky", "--since", "2024-10-13", "--json"))
    assert len([q for q in quotes if q["quoted"]]) >= 3
    assert json.loads(cli("quotes", "--db", db, "--speaker", "Zelensky", "--since", "2024-10-16", "--json")) == []
    shown, every = (json.loads(cli("claims", "--db", db, "--json", *extra)) for extra in ((), ("--all",)))
    assert len(shown) < len(every) and all(c["confidence"] >= 0.5 for c in shown)
    assert any(c["claimant_id"] == "author" for c in every) and not any(c["claimant_id"] == "author" for c in shown)


def test_a_denied_charge_stands_for_the_claim_it_names(nlp):
    text = ("Ruritania said on Tuesday that Bordurian patrol boats had entered its waters, "
            "a charge that Borduria denied.")
    found = run(nlp, text)
    denial = [c for c in found if c.stance == "denies"]
    assertion = [c for c in found if c.stance == "asserts"]
    assert denial and assertion
    assert assertion[0].text.startswith(denial[0].text) and denial[0].text.endswith("entered its waters")


def test_a_denied_report_without_an_earlier_claim_is_the_report(nlp):
    (c,) = [c for c in run(nlp, "Officials cited the report, which the army denied.") if c.stance == "denies"]
    assert c.text == "the report"


def test_a_relative_pronoun_is_not_a_claim_of_its_own(nlp):
    claims = run(nlp, "The wall, which the mayor said would cost millions, was approved.")
    texts = [c.text for c in claims]
    assert "which" not in texts and any("would cost millions" in t for t in texts)


def test_an_unquoted_content_split_by_an_adjunct_is_one_claim(nlp):
    """An attribution whose content the parse split around an adjunct it hung on the cue
    ("a protocol | on Monday | under which ...") is one claim, not two."""
    from newsgraph.records import Attribution, Span, make_record

    text = "Argentina signed a protocol on Monday under which both armies will share the routes."
    doc = nlp(text)

    def piece(words: str) -> Span:
        start = text.index(words)
        return Span(start, start + len(words), words)

    cue, parts = piece("signed"), (piece("a protocol"), piece("under which both armies will share the routes"))
    att = make_record(Attribution, "t", 0, cue.start, cue.end, cue.text, attribution.NAME, attribution.VERSION,
                      source=piece("Argentina"), cue=cue, content=Span(parts[0].start, parts[-1].end,
                                                                         text[parts[0].start:parts[-1].end]),
                      content_fragments=parts)
    found = claims.extract(doc, Article(id="t", text=text, date="2024-10-15"), {"attribution": (att,)})
    assert [c.text for c in found] == ["a protocol on Monday under which both armies will share the routes"]


# ---------------------------------------------------------------- what a reader sees

def _analysed(text: str, date: str = "2025-03-11"):
    import newsgraph

    recs = newsgraph.annotate(text, date=date).records
    return ([r for r in recs if r.kind == "attribution"], [r for r in recs if r.kind == "claim"])


def test_quoted_claim_is_the_words_said_without_marks():
    atts, (c,) = _analysed('"We expect our neighbours to share the routes with us," Ruiz said.')
    assert atts[0].content.text.startswith('"')  # the attribution keeps PolNeAR's edges
    assert c.text == "We expect our neighbours to share the routes with us"


def test_a_date_inside_what_one_side_said_does_not_date_the_other_side():
    atts, cls = _analysed("Santiago insists that Argentine drones entered Chilean airspace on March 1, "
                          "while Buenos Aires says its drones never left Argentine airspace.")
    says = next(a for a in atts if a.cue.text == "says")
    assert says.time == "2025-03-11"  # present tense, no date of its own: as of the article
    left = next(c for c in cls if "never left" in c.text)
    assert left.time == "2025-03-11" and left.proposition_time is None


def test_a_charge_that_x_denied_is_not_part_of_the_charge():
    _, cls = _analysed("Chile said on Tuesday that Argentine drones had flown over its territory, "
                       "a charge that Argentina denied.")
    texts = {(c.stance, c.text) for c in cls}
    assert ("asserts", "Argentine drones had flown over its territory") in texts
    assert ("denies", "Argentine drones had flown over its territory") in texts


def test_the_person_named_in_the_source_speaks_not_the_office():
    atts, (c,) = _analysed('"No aircraft crossed," said defence ministry spokesman Carlos Ortega.')
    assert atts[0].speaker == "Carlos Ortega" and c.claimant == "Carlos Ortega"


# ---------------------------------------------------------------- stance from the frame

@pytest.mark.parametrize("text, stance, claim", [
    ("Police said there is no evidence that the fire was set on purpose.", "denies", "the fire was set on purpose"),
    ("We have seen no sign that the virus spread here, the mayor said.", "denies", "the virus spread here"),
    ("The story about the shark is a hoax, the aquarium said.", "denies", "The story about the shark"),
    ("The nurse denied the family's allegations that the boy had been drugged.", "denies", "the boy had been drugged"),
    ("The bank said it will close ten branches next year.", "predicts", "it will close ten branches next year"),
    ("Analysts said the merger could lift profits.", "predicts", "the merger could lift profits"),
    ("The firm said it plans to hire more staff.", "predicts", "it plans to hire more staff"),
    ("She said the rock could be related to the storm.", "asserts", "the rock could be related to the storm"),
    ("The memo says the drones could be used in a strike next week.", "predicts",
     "the drones could be used in a strike next week"),
    ("He said the bridge may have collapsed overnight.", "asserts", "the bridge may have collapsed overnight"),
    ("The agency said it could not verify the video.", "asserts", "it could not verify the video"),
    ("He said he did not see the car so that he could not stop.", "asserts",
     "he did not see the car so that he could not stop"),
    ("The ministry dismissed the reports as a fabrication.", "denies", "the reports"),
    ("The minister called the reports that troops had crossed the border false.", "denies",
     "troops had crossed the border"),
    ("She described the claim as completely wrong.", "denies", "the claim"),
    ("He called the deal a success.", "asserts", "the deal a success"),
])
def test_the_frame_decides_the_stance(nlp, text, stance, claim):
    (c,) = run(nlp, text)
    assert (c.stance, c.text) == (stance, claim)


def test_a_debunked_report_is_denied_by_the_author():
    from newsgraph.nlp.claims.stance import debunked
    from newsgraph.records import Span

    text = "Reports that the singer had retired have been greatly exaggerated."
    assert debunked(text, Span(0, len(text), text)).text == "the singer had retired"


def test_statements_ending_in_a_question_are_not_a_question(nlp):
    (c,) = run(nlp, '"He sniffed all night. Was he ill?" the doctor wrote.')
    assert c.stance == "asserts"


def test_the_author_denies_what_reports_exaggerated(nlp):
    (c,) = run(nlp, "Reports that the singer had retired have been greatly exaggerated.")
    assert (c.claimant, c.stance, c.text) == ("author", "denies", "the singer had retired")


@pytest.mark.parametrize("text, claimant, claim", [
    ("On Monday the fact-checkers published their verdict by announcing that the statement was true.",
     "the fact-checkers", "the statement was true"),
    ("After saying her right foot was swollen, the senator went home.", "the senator", "her right foot was swollen"),
])
def test_a_participle_speaks_for_the_subject_of_its_verb(nlp, text, claimant, claim):
    (c,) = [c for c in run(nlp, text) if c.text == claim]
    assert c.claimant in (claimant, "legislator") and c.confidence >= 0.5  # (as the actors resolve it)


@pytest.mark.parametrize("text", [
    "Image: A man walks past the bank.",
    "SEE ALSO: The best phones of the year are here.",
    "Claims: The phone bends in a pocket.",
])
def test_a_caption_or_label_is_no_claimant(nlp, text):
    assert all(c.confidence < 0.5 for c in run(nlp, text))


@pytest.mark.parametrize("text", [
    "The police, who said the road was closed, left.",
    "Everyone said the road was closed.",
    "That said the road was closed.",
])
def test_a_bare_pronoun_or_determiner_is_no_claimant(nlp, text):
    shown = [c for c in run(nlp, text) if c.confidence >= 0.5]
    assert all(c.claimant.lower() not in ("who", "everyone", "that") for c in shown)


def test_an_act_is_not_a_claim_but_a_saying_is(nlp):
    (act,) = run(nlp, "The company plans to open a store in Paris.")
    (said,) = run(nlp, "The company said it would open a store in Paris.")
    assert act.confidence < 0.5 <= said.confidence


def test_a_quote_is_credited_to_who_the_sentence_is_about(nlp):
    from newsgraph import api

    text = ('President Obama visited the museum on Monday. The historian Mary Beard led the tour. '
            '"It was a great day for the museum," she said.')
    (c,) = [c for c in api.annotate(text, date="2024-10-15").records if c.kind == "claim"]
    assert c.claimant == "Mary Beard"


@pytest.mark.parametrize("text, title", [
    ("Senator Says Talks Could Resume Soon\n\nThe senator said talks could resume.", True),
    ("Mayor: the bridge will reopen in May.\n\nThe mayor said the bridge would reopen.", True),
    ("Harbour board: the new cranes threaten jobs.\n\nThe board said the cranes would cost jobs.", True),
    ("The mayor said on Monday that the bridge would reopen.\n\nCrews worked all night.", False),
])
def test_a_title_line_gives_no_claim_shown(nlp, text, title):
    from newsgraph.nlp.shared.confidence import is_headline

    assert bool(is_headline(text)) == title
    first = [c for c in run(nlp, text) if c.start < text.index("\n")]
    assert all(c.confidence < 0.5 for c in first) == title


def test_a_relative_pronoun_source_speaks_for_its_antecedent(nlp):
    text = "The figures came from the city police, which reported 2,521 shootings this year."
    (att,) = [a for a in attribution.extract(nlp(text), Article(id="t", text=text, date="2024-10-15"), {})]
    assert att.source.text == "which" and att.speaker and "police" in att.speaker.lower()
