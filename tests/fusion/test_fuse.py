"""Fusion: syndication clusters, claim threads, incremental and order-independent updates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from hypothesis import given, settings, strategies as st
from fusion_support import ARG, CHL_MIN, STORY, analyzed, story, write_story

from newsgraph.fusion.fuse import fuse
from newsgraph.fusion.features import claim_features, item_keys, score, time_interval
from newsgraph.fusion.lexicon import lexicon
from newsgraph.fusion.queries import thread_members, threads, timeline
from newsgraph.fusion.text import concepts, countries_in, estimate_jaccard, lemma, minhash, wire_marker
from newsgraph.fusion.threads import components
from newsgraph.store import open_store


@pytest.fixture()
def store():
    s = open_store(":memory:")
    yield s
    s.close()


def _snapshot(store) -> dict:
    rows = store.query("SELECT * EXCLUDE (updated_at) FROM threads ORDER BY thread_id")
    members = store.query("SELECT thread_id, item_id FROM thread_members ORDER BY thread_id, item_id")
    clusters = store.query("SELECT * FROM article_clusters ORDER BY article_id")
    return {"threads": rows, "members": members, "clusters": clusters}


def _drone_thread(store) -> dict:
    (drone,) = [t for t in threads(store) if "drones crossed" in t["label"]]
    return drone


def test_lexicon_loads_and_is_well_formed():
    lex = lexicon()
    assert lex.objects <= set(lex.concepts.values())
    assert lex.exclusive <= lex.objects
    assert all(word == word.lower() for word in lex.stopwords)
    assert {"claims", "events", "shingles"} <= set(lex.settings)
    assert lex.country_of["north korean"] == "PRK"


def test_text_normalisation_maps_wordings_to_concepts():
    assert lemma("transferring") == "transfer"
    assert lemma("troops") == "troop"
    assert countries_in("North Korean troops fight for Russian forces") == {"PRK", "RUS"}
    a = concepts("North Korean troops are fighting on behalf of Russian forces")
    b = concepts("transferring people from North Korea to the occupying military forces")
    assert {"PERSONNEL", "DEPLOY"} <= a.keys() & b.keys()
    assert wire_marker("WASHINGTON (AP) — Officials said") == "AP"
    assert wire_marker("SANTIAGO (Southern Wire Service) - Chile") == "Southern Wire Service"
    assert wire_marker("The minister (who spoke to reporters) said") is None


def test_minhash_estimates_overlap():
    def word(i: int, head: str = "w") -> str:
        return head + chr(97 + i % 26) + chr(97 + i // 26 % 26)

    text = " ".join(word(i) for i in range(300))
    assert estimate_jaccard(minhash(text), minhash(text)) == 1.0
    assert estimate_jaccard(minhash(text), minhash(text + " one more sentence here")) > 0.8
    assert estimate_jaccard(minhash(text), minhash(" ".join(word(i, "x") for i in range(300)))) < 0.2


_WORDS = [a + b + c for a in "bdfgklmnprst" for b in "aeiou" for c in "mnrstx"]  # 360 made-up words


def _shingle_set(text: str) -> set[str]:
    words = text.split()
    return {" ".join(words[i:i + 4]) for i in range(len(words) - 3)}


@settings(max_examples=150, deadline=None, derandomize=True)
@given(shared=st.lists(st.sampled_from(_WORDS), min_size=4, max_size=300),
       left=st.lists(st.sampled_from(_WORDS), max_size=300), right=st.lists(st.sampled_from(_WORDS), max_size=300),
       cut=st.integers(0, 300))
def test_minhash_estimate_is_within_a_tenth_of_the_exact_shingle_jaccard(shared, left, right, cut):
    """Two texts that share a run of words (anywhere from nothing to all of it): the MinHash
    estimate stays within 0.1 of the exact Jaccard index of their 4-word shingles."""
    cut = min(cut, len(left))
    a, b = " ".join(left[:cut] + shared + left[cut:]), " ".join(shared + right)
    sa, sb = _shingle_set(a), _shingle_set(b)
    exact = len(sa & sb) / len(sa | sb)
    assert abs(estimate_jaccard(minhash(a), minhash(b)) - exact) <= 0.1


def test_a_store_fused_by_an_older_version_is_fused_again(store):
    from newsgraph.fusion.fuse import FUSION_VERSION

    write_story(store)
    fuse(store)
    before = _snapshot(store)
    store.con.execute("UPDATE article_signatures SET signature = '[1]'")  # what an old version left
    store.con.execute("UPDATE fusion_version SET version = ?", [FUSION_VERSION - 1])
    assert fuse(store).articles_signed == store.query("SELECT count(*) AS n FROM articles")[0]["n"]
    assert store.query("SELECT version FROM fusion_version") == [{"version": FUSION_VERSION}]
    assert _snapshot(store) == before
    assert fuse(store).articles_signed == 0


def test_time_intervals_and_incompatible_times_do_not_link():
    assert time_interval("2024-W42") == ("2024-10-14", "2024-10-20")
    assert time_interval("2024-SU") == ("2024-06-01", "2024-08-31")
    assert time_interval("PAST_REF") is None
    base = {"ents": ["ARG", "CHL"], "toks": {"AIRCRAFT": 2.0, "INCURSION": 1.0}, "objects": ["AIRCRAFT"],
            "strong": True, "day": "2025-03-05", "etypes": []}
    assert score("claim", {**base, "t": ["2025-03-01", "2025-03-01"]}, {**base, "t": ["2025-03-02", "2025-03-02"]})
    assert score("claim", {**base, "t": ["2025-03-01", "2025-03-01"]}, {**base, "t": ["2025-09-01", "2025-09-01"]}) is None


def test_weak_claim_joins_best_group_without_bridging():
    strong = {"a": True, "b": True, "c": True, "w": False}
    groups = components(strong, [("a", "b", 0.9), ("w", "a", 0.8), ("w", "c", 0.7)])
    assert sorted(map(sorted, groups)) == [["a", "b", "w"], ["c"]]


def test_two_dense_groups_joined_by_one_link_stay_two_threads():
    # two stories of six claims each, every pair within a story linked, and one link between
    # a claim of each, weaker than theirs (two rumours about one product, sharing its name)
    strong = {f"{s}{i}": True for s in "ab" for i in range(6)}
    links = [(f"{s}{i}", f"{s}{j}", 0.8) for s in "ab" for i in range(6) for j in range(i + 1, 6)]
    links.append(("a0", "b0", 0.65))
    assert len(components(strong, links)) == 1  # single link: one thread
    groups = components(strong, links, min_density=0.04, free_pairs=20)
    assert sorted(map(sorted, groups)) == [[f"a{i}" for i in range(6)], [f"b{i}" for i in range(6)]]
    # the same, in another order of links: the same threads
    assert sorted(map(sorted, components(strong, links[::-1], 0.04, 20))) == sorted(map(sorted, groups))
    # a chain of small groups still joins while it is small (a story told in few claims)
    chain = [("a0", "a1", 0.7), ("a1", "a2", 0.7), ("a2", "a3", 0.7)]
    assert len(components({f"a{i}": True for i in range(4)}, chain, 0.04, 20)) == 1


def test_claims_naming_one_company_and_sharing_only_its_name_do_not_link():
    base = {"ents": ["act:org-x"], "objects": [], "strong": True, "day": "2025-03-05", "etypes": [], "t": None}
    battery = {**base, "toks": {"zorblat": 1.0, "watch": 1.0, "battery": 1.0, "last": 1.0},
               "words": {"zorblat": 9.0, "watch": 5.0, "battery": 5.5, "last": 2.0}}
    price = {**base, "toks": {"zorblat": 1.0, "watch": 1.0, "price": 1.0, "gold": 1.0},
             "words": {"zorblat": 9.0, "watch": 5.0, "price": 4.5, "gold": 4.5}}
    assert score("claim", battery, price) is not None  # shares rare words: the name
    generic = {**base, "toks": {"company": 1.0, "watch": 1.0, "sell": 1.0}, "words": {"company": 2.0, "watch": 3.0, "sell": 2.0}}
    other = {**base, "toks": {"company": 1.0, "watch": 1.0, "ship": 1.0}, "words": {"company": 2.0, "watch": 3.0, "ship": 3.0}}
    assert score("claim", generic, other) is None  # only common words in common, no lexicon concept


def test_syndicated_copy_is_clustered_and_not_independent(store):
    write_story(store)
    clusters = {r["article_id"]: r for r in store.query("SELECT * FROM article_clusters")}
    assert clusters["courier-0305"]["cluster_id"] == "wire-0305"
    assert clusters["courier-0305"]["relation"] == "copy"
    assert clusters["wire-0305"]["relation"] == "original"
    assert clusters["wire-0305"]["wire"] == "Southern Wire Service"
    drone = _drone_thread(store)
    assert drone["n_articles"] == 5
    assert drone["independent_sources"] == 4  # the copy counts once


def test_allegation_and_denial_share_a_thread_with_claimants_by_stance(store):
    write_story(store)
    drone = _drone_thread(store)
    assert drone["contested"]
    asserts = {c["claimant_id"]: c for c in drone["stances"]["asserts"]}
    denies = {c["claimant_id"]: c for c in drone["stances"]["denies"]}
    assert asserts[CHL_MIN]["country"] == "CHL"
    assert set(denies) == {ARG} and denies[ARG]["country"] == "ARG"
    assert drone["first_day"] == "2025-03-05" and drone["last_day"] == "2025-03-25"
    assert drone["first_article_id"] == "herald-0305"
    assert [c["certainty"] for c in drone["certainty"]][0] == "probable"
    assert drone["event_types"] == ["MOBILIZE"]
    protocol = [t for t in threads(store) if "protocol" in t["label"]]
    assert len(protocol) == 1 and protocol[0]["n_members"] == 1  # a different proposition
    assert [t["thread_id"] for t in threads(store, contested=True)] == [drone["thread_id"]]
    assert [t["thread_id"] for t in threads(store, about="Chile")][:1] == [drone["thread_id"]]


def test_members_and_timeline_point_at_source_sentences(store):
    write_story(store)
    drone = _drone_thread(store)
    members = thread_members(store, drone["thread_id"])
    for m in members:
        text = store.query("SELECT text FROM articles WHERE id = ?", [m["article_id"]])[0]["text"]
        assert text[m["start_char"]:m["end_char"]] == m["text"]
        assert m["text"] in m["sentence_text"]
    rows = timeline(store, actor="Argentina")
    assert rows and all(r["day"] for r in rows)
    assert [r["day"] for r in rows] == sorted(r["day"] for r in rows)


@pytest.mark.parametrize("order, one_by_one", [([4, 3, 2, 1, 0], False), ([2, 0, 4, 1, 3], True),
                                               ([0, 1, 2, 3, 4], True)])
def test_threads_do_not_depend_on_input_order(order, one_by_one):
    first, other = open_store(":memory:"), open_store(":memory:")
    write_story(first)
    write_story(other, order=order, one_by_one=one_by_one)
    assert _snapshot(first) == _snapshot(other)


def _fused(store) -> dict:
    items = store.query("SELECT item_id, features FROM fusion_items ORDER BY item_id")
    links = store.query("SELECT item_a, item_b, score FROM fusion_links ORDER BY item_a, item_b")
    return {**_snapshot(store), "items": items, "links": links}


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0]])
def test_a_country_learned_from_a_later_article_reaches_what_was_fused_before(order):
    """An actor's country is the most frequent among all its mentions. When the herald names the
    minister with no country and is fused alone, his claim is compared by his id; once the wire
    story gives his country (CHL), the herald's claim must be fused again by it: the same
    features, links and threads as when all the articles arrive in one run."""
    def no_country(item):
        return dataclasses.replace(item, records=tuple(
            dataclasses.replace(r, country=None) if r.kind == "actor" else r for r in item.records))

    items = story()
    items[0] = no_country(items[0])
    together, stepwise = open_store(":memory:"), open_store(":memory:")
    together.write_batch(items)
    fuse(together)
    for i in order:
        stepwise.write_batch([items[i]])
        fuse(stepwise)
    speakers = {json.loads(r["features"])["speaker"] for r in together.query(
        "SELECT f.features FROM fusion_items f JOIN claims c ON c.id = f.item_id WHERE c.claimant_id = ?",
        [CHL_MIN])}
    assert speakers == {"CHL"}
    assert _fused(stepwise) == _fused(together)


def test_fuse_is_incremental(store):
    items = story()
    store.write_batch(items[:3])
    fuse(store)
    again = fuse(store)
    assert again.items_added == 0 and again.links_added == 0 and again.threads_changed == 0
    store.write_batch(items[3:])
    more = fuse(store)
    assert more.items_added == sum(1 for r in items[3].records + items[4].records if r.kind in ("claim", "event"))
    assert more.articles_signed == 2


def test_a_corrected_article_replaces_its_claims_in_threads(store):
    write_story(store)
    aid, date, source, text, claims = STORY[3]
    corrected = analyzed(aid, date, source, "Argentina declined to comment on Thursday. This is fictional.", [])
    store.write_batch([corrected])
    fuse(store)
    drone = _drone_thread(store)
    assert all(c["first_day"] != "2025-03-07" for c in drone["stances"]["denies"])
    assert "pampa-0307" not in {m["article_id"] for m in thread_members(store, drone["thread_id"])}


@pytest.mark.parametrize("corrected", [1, 2, 3])  # the wire's original, its copy, a lone article
def test_after_a_correction_fusion_is_what_fusing_the_corrected_story_at_once_gives(corrected):
    aid, date, source, _, _ = STORY[corrected]
    text = "Argentina said its army drones stayed inside Argentina on Thursday. This is fictional."
    fixed = analyzed(aid, date, source, text, [("its army drones stayed inside Argentina", ARG, "Argentina",
                                                 "asserts", "certain", (ARG,), None)])
    items = story()
    updated, fresh = open_store(":memory:"), open_store(":memory:")
    updated.write_batch(items)
    fuse(updated)
    clusters_before = updated.query("SELECT count(*) AS n FROM article_clusters WHERE relation <> 'original'")
    updated.write_batch([fixed])
    fuse(updated)
    fresh.write_batch(items[:corrected] + [fixed] + items[corrected + 1:])
    fuse(fresh)
    assert clusters_before[0]["n"] == 1
    assert _fused(updated) == _fused(fresh)


@pytest.mark.parametrize("days, linked", [(179, True), (181, False)])
@pytest.mark.parametrize("one_run", [True, False])
def test_claims_further_apart_than_the_window_are_not_linked_and_nearer_ones_are(days, linked, one_run):
    """The claims window (fusion.toml, 180 days): the same claim reported 179 days later joins the
    thread, fused in the same run or a later one; reported 181 days later, it starts its own."""
    aid, date, source, text, claims = STORY[0]
    later = analyzed("herald-later", str(dt.date(2025, 3, 5) + dt.timedelta(days=days)), source, text, claims)
    store = open_store(":memory:")
    for batch in ([analyzed(aid, date, source, text, claims), later],) if one_run else \
            ([analyzed(aid, date, source, text, claims)], [later]):
        store.write_batch(batch)
        fuse(store)
    threads_of = {r["article_id"]: r["thread_id"] for r in store.query(
        "SELECT article_id, thread_id FROM thread_members WHERE kind = 'claim'")}
    assert (threads_of[aid] == threads_of["herald-later"]) is linked


def test_fuse_on_an_empty_store(store):
    summary = fuse(store)
    assert summary.threads == 0 and threads(store) == []


def test_fusion_tables_round_trip_through_json(store):
    write_story(store)
    for row in store.query("SELECT features FROM fusion_items"):
        features = json.loads(row["features"])
        assert set(features) >= {"ents", "toks", "objects", "strong", "t", "day", "etypes"}


def test_thread_stance_is_towards_its_label():
    from newsgraph.fusion.threads import summarize

    def m(i, who, stance, text, art):
        return {"item_id": f"c{i}", "article_id": art, "day": "2025-03-0%d" % (i + 1), "source": art,
                "text": text, "claimant": who, "claimant_id": who, "stance": stance, "start_char": 0}
    members = [m(0, "Chile", "asserts", "Drones had flown over its territory", "a1"),
               m(1, "Chile", "asserts", "drones had flown over its territory", "a2"),
               m(2, "Argentina", "asserts", "No Argentine drone has crossed. Ours stayed home", "a3"),
               m(3, "Argentina", "denies", "drones had flown over its territory", "a3"),
               m(4, "Lenz", "asserts", "The drones crossed for twenty minutes. It was an error, not an intention", "a4")]
    row = summarize("claim", members)
    stances = json.loads(row["stances"])
    assert row["label"] == "Drones had flown over its territory"
    assert {c["claimant"] for c in stances["denies"]} == {"Argentina"}
    assert {c["claimant"] for c in stances["asserts"]} == {"Chile", "Lenz"}


@pytest.mark.parametrize("text, negated", [
    ("No Argentine aircraft has crossed into Chile. Our drones stayed home", True),
    ("its drones never left Argentine airspace", True),
    ("The drones crossed for twenty minutes. It was an error, not an intention", False),
    ("hasn't stopped at providing arms, but has even witnessed Korean troops present", False),
    ("This is no longer just about transferring weapons.", False),
])
def test_which_propositions_say_the_opposite(text, negated):
    from newsgraph.fusion.threads import _negated

    assert _negated(text) is negated


@pytest.mark.parametrize("text, opposite", [
    ("No Argentine drone has crossed into Chile", True),
    ("its drones never left Argentine airspace", True),
    ("Argentine drones did cross into Chilean airspace, but not for long", False),
    ("I was surprised she hadn't called, and Argentine drones crossed into Chilean airspace", False),
    ("Argentine drones crossed into Chilean airspace. Nobody was hurt", False),
])
def test_a_member_says_the_opposite_of_its_label_only_where_a_shared_word_is_negated(text, opposite):
    from newsgraph.fusion.stance import opposite as _opposite

    assert _opposite("Argentine drones crossed into Chilean airspace", text) is opposite
    assert _opposite("the ministry cannot confirm the report", "the ministry could not confirm the report") is False
    assert _opposite("staff cannot eat at their desks", "staff aren't allowed to eat at their desks") is False


def _claim(text: str, ents: list[str]) -> dict:
    return claim_features({"text": text, "about": [], "claimant_id": None, "article_id": text[:8]}, "2025-01-10",
                          [], {}, [])


def test_claims_worded_differently_link_by_their_rare_words_without_a_shared_actor():
    a = _claim("Actor Christian Bale will play Steve Jobs in the new biopic by Aaron Sorkin", [])
    b = _claim("Christian Bale is in talks to play Steve Jobs in Sorkin's film", [])
    other = _claim("The central bank will raise interest rates in the spring", [])
    assert score("claim", a, b) is not None
    assert score("claim", a, other) is None
    assert set(item_keys("claim", a)) & set(item_keys("claim", b))


def test_a_few_shared_words_or_other_countries_do_not_link_by_meaning():
    short = _claim("Christian Bale", [])
    long = _claim("Christian Bale is in talks to play Steve Jobs in Sorkin's film", [])
    assert score("claim", short, long) is None
    chile = _claim("Heavy floods destroyed the harbour of Valparaiso in Chile last week", [])
    peru = _claim("Heavy floods destroyed the harbour of Valparaiso in Peru last week", [])
    assert score("claim", chile, peru) is None


def test_a_thread_is_labelled_by_its_clearest_assertion():
    from newsgraph.fusion.text import words
    from newsgraph.fusion.threads import summarize

    def member(i: int, text: str, certainty: str = "certain", stance: str = "asserts") -> dict:
        return {"item_id": f"c{i}", "article_id": f"a{i}", "day": f"2025-01-0{i}", "source": f"outlet {i}",
                "text": text, "stance": stance, "certainty": certainty, "words": dict(words(text)),
                "claimant": f"x{i}"}

    fragment = "Christian Bale"
    hedged = "Christian Bale may play Steve Jobs in the biopic"
    clear = "Christian Bale will play Steve Jobs in the Sorkin biopic"
    members = [member(1, fragment), member(2, fragment), member(3, hedged, "possible"), member(4, clear),
               member(5, "Christian Bale will not play Steve Jobs in the biopic", stance="asserts")]
    assert summarize("claim", members)["label"] == clear


def test_event_threads_are_labelled_by_type_dyad_and_date_and_keep_dyads_apart():
    from newsgraph.fusion.features import event_features, prepare, scorer
    from newsgraph.fusion.threads import summarize

    def row(eid, actor, recipient, date):
        return {"id": eid, "text": "attacked", "event_type": "ASSAULT", "date": date,
                "actors": [{"country": actor, "span": {"text": actor}}],
                "recipients": [{"country": recipient, "span": {"text": recipient}}]}

    a = event_features(row("e1", "UKR", "PRK", "2024-10-03"), "2024-10-15", {})
    b = event_features(row("e2", "UKR", "PRK", "2024-10-03"), "2024-10-16", {})
    c = event_features(row("e3", "UKR", "RUS", "2024-10-03"), "2024-10-16", {})
    score = scorer("event")
    assert score(prepare(a), prepare(b)) is not None
    assert score(prepare(a), prepare(c)) is None  # shares UKR, but another dyad
    members = [{"item_id": "e1", "article_id": "x", "day": "2024-10-15", "text": "attacked", **a}]
    assert summarize("event", members)["label"] == "ASSAULT UKR -> PRK, 2024-10-03"


TUNNEL = "a hidden tunnel ran under the Valmora border crossing"
_ARTICLES = {
    "agrees": ("Engineers confirmed on Monday that a hidden tunnel ran under the Valmora border crossing. The tunnel"
               " was two hundred metres long, officials said. Smugglers had used the tunnel for months."),
    "denies": ("It is a hoax: no hidden tunnel ran under the Valmora border crossing, the border agency said on"
               " Monday, denying the reports. The story was fabricated. No tunnel was ever found and none exists,"
               " engineers said."),
    "quotes": ("A hidden tunnel ran under the Valmora border crossing, reports claimed last week. It is a hoax, the"
               " border agency said on Monday: no hidden tunnel ran under the crossing. The story was fabricated. No"
               " tunnel was ever found and none exists, engineers said."),
}


def _judge(label, articles, if_debunking=()):
    """stance(label, article) as fusion reads it: the articles in ``if_debunking`` only if they
    hold a debunking phrase."""
    from newsgraph.fusion.stance import debunks, stance

    wanted = [*articles, *(a for a in if_debunking if debunks(_ARTICLES[a]))]
    return {a: stance(label, _ARTICLES[a]) if a in wanted else None for a in [*articles, *if_debunking]}


def _tunnel_members() -> list[dict]:
    def m(i, who, stance, text, art):
        return {"item_id": f"c{i}", "article_id": art, "day": f"2025-04-0{i + 1}", "source": art,
                "text": text, "claimant": who, "claimant_id": who, "stance": stance, "start_char": 0}
    return [m(0, "Engineers", "asserts", TUNNEL, "agrees"),
            m(1, "Officials", "asserts", "The tunnel was two hundred metres long", "agrees"),
            m(2, "Reports", "asserts", TUNNEL, "denies"),
            m(3, "Border agency", "asserts", "The story was fabricated", "denies")]


def test_thread_sides_are_read_with_the_stance_of_each_article_towards_the_label():
    """A remark that does not state the thread's claim ("the story was fabricated") takes the
    side of its article, read by stance(label, article) as `check` reads it; a member that
    states the claim keeps its own side, so the reports a debunk quotes still assert it."""
    from newsgraph.fusion.threads import summarize

    row = summarize("claim", _tunnel_members(), _judge)
    sides = {c["claimant"]: side for side, by in json.loads(row["stances"]).items() for c in by}
    assert row["label"] == TUNNEL and row["contested"]
    assert sides == {"Engineers": "asserts", "Officials": "asserts", "Reports": "asserts", "Border agency": "denies"}
    unread = json.loads(summarize("claim", _tunnel_members())["stances"])
    assert "denies" not in unread  # from the claimants' own words alone, nobody denies it


def test_the_outlet_of_a_debunk_that_only_quotes_the_rumour_denies_it():
    """An article the stance model is sure disputes the thread's claim, whose only member in the
    thread is the rumour it quotes, puts its outlet on the deny side (as its author); the reports
    it quotes still assert the claim, and an article that agrees puts nobody there."""
    from newsgraph.fusion.threads import summarize

    members = [m for m in _tunnel_members() if m["article_id"] == "agrees"] + [
        {"item_id": "c9", "article_id": "quotes", "day": "2025-04-09", "source": "Valmora Post", "text": TUNNEL,
         "claimant": "Reports", "claimant_id": "Reports", "stance": "asserts", "start_char": 0}]
    row = summarize("claim", members, _judge)
    stances = json.loads(row["stances"])
    assert {c["claimant"] for c in stances["denies"]} == {"Valmora Post (author)"}
    assert {c["claimant"] for c in stances["asserts"]} == {"Engineers", "Officials", "Reports"}
    denying = [e for e in json.loads(row["certainty"]) if e["stance"] == "denies"]
    assert [(e["article_id"], e["item_id"]) for e in denying] == [("quotes", "c9")]  # its evidence: the quoted rumour


def test_an_article_the_dispute_reader_is_unsure_disputes_the_claim_only_discusses_it():
    from newsgraph.fusion.stance import Stance
    from newsgraph.fusion.threads import summarize

    def judge(disputed):
        def read(label, articles, if_debunking=()):
            p = {"agree": 0.05, "disagree": 0.9, "discuss": 0.05, "unrelated": 0.0}
            return {a: Stance("disagree", 0.9, p, (), True, False, disputed) if a == "denies" else None
                    for a in [*articles, *if_debunking]}
        return read

    def side(disputed):
        row = summarize("claim", _tunnel_members(), judge(disputed))
        return {c["claimant"]: side for side, by in json.loads(row["stances"]).items() for c in by}["Border agency"]

    assert side(False) == "discusses"  # the model reads disagree and a sentence refutes it: not enough alone
    assert side(True) == "denies"


def test_a_thread_is_labelled_by_its_rumour_not_by_a_quotation_two_articles_copy():
    from newsgraph.fusion.text import words
    from newsgraph.fusion.threads import summarize

    def member(i: int, article: str, text: str) -> dict:
        return {"item_id": f"c{i}", "article_id": article, "day": "2025-02-01", "source": article, "text": text,
                "stance": "asserts", "certainty": "certain", "words": dict(words(text)), "claimant": f"x{i}"}

    quote = "We needed the finest singer in the country for the lead role, someone with an enormous voice and range"
    members = [member(1, "a1", quote), member(2, "a2", quote),
               member(3, "a1", "the tenor Marco Velli will sing the lead in the Rossini revival at La Fenice"),
               member(4, "a3", "Marco Velli is to sing the lead role in the Rossini revival in Venice"),
               member(5, "a4", "Velli has been cast in the lead of the Rossini revival"),
               member(6, "a5", "the Rossini revival at La Fenice has cast Marco Velli as its lead")]
    assert "Velli" in summarize("claim", members)["label"]


def _lighthouse(aid: str, source: str, text: str, claims: list[str]):
    return analyzed(aid, "2031-05-02", source, text, [(c, None, "author", "asserts", "certain", "[]", None) for c in claims])


_HARBOUR = ("The old Kelbrook lighthouse collapsed into the sea after the storm. Harbour engineers said the "
            "Kelbrook lighthouse foundations had eroded for years. Its lighthouse keeper escaped before "
            "the tower fell. Kelbrook residents watched the lighthouse tower fall into the harbour.")
_COAST = ("Storm waves brought down the Kelbrook lighthouse on Friday. The Kelbrook keeper was rescued by a "
          "fishing crew. Engineers had warned that the Kelbrook lighthouse tower stood on eroded rock. "
          "Kelbrook harbour is closed to boats.")
_OTHER = ("A bakery in Marrowdale won a prize for its rye bread. The Marrowdale bakery keeper was praised by "
          "the judges. Marrowdale residents queued for the bread.")


def test_two_articles_on_one_story_link_their_closest_claims_in_context(store):
    """Worded too differently to link alone (one rare word in common), the claims of two articles that tell
    one story link; a claim sharing that word in an article on another story does not join them."""
    store.write_batch([
        _lighthouse("harbour", "Harbour News", _HARBOUR,
                    ["lighthouse keeper escaped before the tower fell"]),
        _lighthouse("coast", "Coast Daily", _COAST, ["The Kelbrook keeper was rescued by a fishing crew"]),
        _lighthouse("bakery", "Bread Weekly", _OTHER, ["The Marrowdale bakery keeper was praised by the judges"]),
    ])
    fuse(store)
    together = [t for t in threads(store) if t["n_articles"] > 1]
    assert len(together) == 1
    members = {m["article_id"] for m in thread_members(store, together[0]["thread_id"])}
    assert members == {"harbour", "coast"}
