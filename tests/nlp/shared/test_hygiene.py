"""Text hygiene and bad input: what is not prose never reaches the extractors, offsets stay
exact, and pages of script, tables of figures, transcripts, unclosed quotes or other languages
give no crash and no junk record."""

from __future__ import annotations

import pytest

from newsgraph import api
from newsgraph.nlp.shared.hygiene import clean

SCRIPT = ("(function(d, s, id) { var js, fjs = d.getElementsByTagName(s)[0]; "
          "fjs.parentNode.insertBefore(js, fjs); }(document, 'script', 'facebook-jssdk'));")


def test_clean_keeps_length_and_prose():
    text = f"The mayor said the bridge would reopen.\n{SCRIPT}\n<p>Crews <b>worked</b>&nbsp;all night.</p>\nAdvertisement\n"
    cleaned, skipped = clean(text)
    assert len(cleaned) == len(text) and skipped == 0
    assert cleaned.startswith("The mayor said the bridge would reopen.\n")
    assert "function" not in cleaned and "<b>" not in cleaned and "Advertisement" not in cleaned
    assert "Crews" in cleaned and "worked" in cleaned and cleaned.count("\n") == text.count("\n")


def test_a_sentence_in_another_language_is_skipped_and_counted():
    cleaned, skipped = clean("Los vecinos dicen que el puente es muy peligroso. The mayor disagreed.")
    assert skipped == 1 and cleaned.strip() == "The mayor disagreed."


def test_an_english_sentence_with_a_foreign_phrase_is_kept():
    assert clean("The chef said the coup de grace came with the dessert.")[1] == 0
    assert clean("Mayor Ana de la Cruz met the envoy of La Paz in the city hall.")[1] == 0
    assert clean("De Blasio in La Paz.")[1] == 0


def test_a_french_sentence_of_articles_and_prepositions_is_skipped():
    cleaned, skipped = clean("Encore une fois, aucune mention de la date de la sortie. The studio said nothing.")
    assert skipped == 1 and cleaned.strip() == "The studio said nothing."


def _records(text: str, kind: str):
    result = api.annotate(text, date="2024-05-01")
    assert not result.failures
    cleaned = clean(text)[0]
    for r in result.records:
        for span in r.spans().values():  # offsets into the stored text (its words, or as parsed)
            assert span.text in (text[span.start:span.end], cleaned[span.start:span.end])
    return [r for r in result.records if r.kind == kind and getattr(r, "confidence", 1.0) >= 0.5]


def test_script_in_a_body_gives_no_actor_or_claim():
    text = f"{SCRIPT}\nwindow.dataLayer = window.dataLayer || [];\nThe council approved the budget on Monday.\n"
    actors = _records(text, "actor")
    assert not any("fjs" in a.text or "parentNode" in a.text or "js" == a.text for a in actors)
    assert _records(text, "claim") == []


def test_offsets_stay_exact_after_cleaning():
    text = "<div>Advertisement</div>\n<p>The minister said the port would reopen.</p>"
    (claim,) = _records(text, "claim")
    assert text[claim.start:claim.end] == claim.text == "the port would reopen"


@pytest.mark.parametrize("text", [
    SCRIPT * 20,
    "Region\t2019\t2020\nNorth\t1,204\t1,311\nSouth\t877\t902\nTotal\t2,081\t2,213\n",
    "ANCHOR: Good evening.\nSMITH: Thank you.\nANCHOR: What happened?\nSMITH: The levee broke.\n",
    'The mayor said "the levee will hold and nobody should worry about the water\n\nCrews left at noon.',
    "Der Bürgermeister sagte, dass die Brücke nicht sicher ist und dass sie geschlossen wird.",
    "",
])
def test_bad_input_gives_no_crash_and_no_junk_claim(text):
    result = api.annotate(text, date="2024-05-01")
    assert not result.failures
    shown = [c for c in result.records if c.kind == "claim" and c.confidence >= 0.5]
    junk = {"you", "it", "that", "who", "which", "anchor", "image", "region", "total"}
    assert not any((c.claimant or "").lower() in junk for c in shown)
    assert not any(r.kind == "actor" and ("function" in r.text or "(" in r.text) for r in result.records)


def test_a_sentence_with_stray_markup_or_script_words_is_kept():
    text = 'The minister said the drones were never armed <script>window.x=2</script> on Monday.'
    cleaned, _ = clean(text)
    assert cleaned.startswith("The minister said the drones were never armed") and "<script>" not in cleaned
