"""The dispute reader: who is shown denying a claim, and how sure that is."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsgraph.fusion import dispute
from newsgraph.fusion.stance import claim_text, stance

CLAIM = "A lynx was seen walking through the main square of Tarnow at night"
HOAX = ("The story that a lynx was seen walking through the main square of Tarnow at night is a hoax. The video was"
        " fake and had been filmed years ago in a zoo in another country, the city's wardens said. No lynx was seen"
        " walking through the main square of Tarnow, and none has lived near the town for a century.")
CONFIRMS = ("A lynx was seen walking through the main square of Tarnow at night, police confirmed on Sunday. Wardens"
            " said the animal had come down from the hills and was later led back to the forest. Residents filmed it"
            " from their windows.")


def test_an_article_that_calls_the_claim_a_hoax_is_shown_denying_it_and_one_that_confirms_it_is_not():
    hoax, confirms = stance(CLAIM, HOAX), stance(CLAIM, CONFIRMS)
    assert hoax.disputes and hoax.side == "disagree"
    assert not confirms.disputes and confirms.side == "agree"
    assert hoax.dispute > confirms.dispute


def test_a_claim_that_is_itself_a_refutation_or_negated_is_not_read_for_a_dispute():
    """Of "the lynx video is a hoax", an article full of debunking words agrees."""
    for claim in ("The video of a lynx in the main square of Tarnow is a hoax",
                  "No lynx was seen walking through the main square of Tarnow"):
        assert not dispute.plain(claim_text(claim))
        found = stance(claim, HOAX)
        assert found.dispute == 0.0 and found.side != "disagree"


def test_the_features_name_what_the_sentences_stating_the_claim_say():
    from newsgraph.fusion.stance import features, load_model, prepare_article, predict

    model = load_model()
    claim, article = claim_text(CLAIM, model), prepare_article(HOAX, model)
    x, order = features(claim, article, model)
    read = dict(zip(dispute.NAMES, dispute.dispute_features(claim, article, order, predict(x[None, :], model)[0], model)))
    assert read["states_strong"] == 1.0 and read["lead_strong"] == 1.0  # "is a hoax" in the sentence that states it
    assert read["states_negation"] == 1.0  # "No lynx was seen walking through the main square of Tarnow"
    assert read["denied"] == 0.0


def _reader(tmp_path, **changes) -> dispute.Reader:
    shipped = dispute.load_reader()
    names = list(dispute.NAMES)
    data = {"names": names, "mean": shipped.mean.tolist(), "scale": shipped.scale.tolist(),
            "weights": shipped.weights.tolist(), "bias": shipped.bias, "threshold": shipped.threshold,
            "calibration": [[0.1, 0.3, 0.6], [0.05, 0.2, 0.4]], "denied": 0.3} | changes
    path = tmp_path / "reader.json"
    path.write_text(json.dumps(data))
    return dispute.load_reader(path)


def test_the_confidence_shown_is_the_calibrated_share_never_above_the_top_bin(tmp_path):
    reader = _reader(tmp_path)
    assert reader.calibrated(0.99) == pytest.approx(0.4)  # a score of 0.99 is right as often as the top bin
    assert reader.calibrated(0.0) == pytest.approx(0.05)
    assert reader.calibrated(0.45) == pytest.approx(0.3)
    values = [reader.calibrated(s) for s in np.linspace(0, 1, 21)]
    assert values == sorted(values)


def test_the_shipped_reader_promises_no_more_than_its_folds_saw():
    reader = dispute.load_reader()
    xs, ys = reader.calibration
    assert list(ys) == sorted(ys) and max(ys) < 0.9
    found = stance(CLAIM, HOAX)
    assert found.dispute <= max(ys)


def test_a_reader_learned_for_other_features_is_refused_with_a_clear_message(tmp_path):
    with pytest.raises(ValueError, match="re-learn"):
        _reader(tmp_path, names=["p_agree", "something_else"])


@pytest.mark.parametrize("sentence, refutes", [
    ("The family of smugglers was detained at the port of Kelso after the father showed a fake passport, police said.",
     False),
    ("Reports that a family of smugglers was detained at the port of Kelso are fake, police said.", True),
    ("A fake story says a family of smugglers was detained at the port of Kelso.", True),
    ("I have no doubt that a family of smugglers was detained at the port of Kelso, the mayor said.", False),
])
def test_a_refutation_must_be_about_the_claim(sentence, refutes):
    """"A fake passport" qualifies another thing than the claim; "no doubt" affirms."""
    article = sentence + " The harbour reopened on Tuesday. Ferries ran late all week."
    found = stance("A family of smugglers was detained at the port of Kelso", article)
    assert found.refuted == refutes


def test_a_negation_a_speaker_says_over_another_thing_does_not_refute_the_claim():
    """The quoted general's "don't have ... rockets" negates a word of the claim about rockets
    for the rebels, but about what he is saying; outside quotes, "have not received" refutes it."""
    claim = "The rebels of Ostrava received more rockets from abroad"
    quoted = ("\"The rebels of Ostrava don't have an air force, they don't have more rockets,\" the general said."
              " The talks resume on Monday. Roads stayed closed.")
    plain = ("The rebels of Ostrava have not received more rockets from abroad, the general said."
             " The talks resume on Monday. Roads stayed closed.")
    assert not stance(claim, quoted).refuted
    assert stance(claim, plain).refuted
