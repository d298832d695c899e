"""Attribution: quotes, reported speech, source/cue/content spans, speakers, bad input."""

from __future__ import annotations

import pytest

from newsgraph.nlp.attribution import extract as attribution
from newsgraph.nlp.attribution.lexicon import load_lexicon
from newsgraph.nlp.attribution.quotes import find_quote_spans
from newsgraph.records import Article, Attribution, from_dict, to_dict


def run(nlp, text: str) -> list[Attribution]:
    article = Article(id="t", text=text)
    return list(attribution.extract(nlp(text), article, {}))


def triples(recs):
    return [(r.source.text if r.source else None, r.cue.text,
             [f.text for f in (r.content_fragments or (r.content,))]) for r in recs]


# ---------------------------------------------------------------- data files

def test_lexicon_loads_and_is_well_formed():
    lex = load_lexicon()
    assert 0 < lex.rules["cue_threshold"] < 1
    assert len(lex.cues) > 1000 and len(lex.parts) > 100
    for (lemma, pos, frame), (cue, total) in lex.cues.items():
        assert lemma and pos and frame and 0 <= cue <= total
    for (head, dep, word), counts in lex.parts.items():
        assert head and dep and word and all(n >= 0 for n in counts) and sum(counts) > 0
    assert lex.cue_probability("say", "VERB", "c1q0s1") > 0.8
    assert lex.cue_probability("table", "NOUN", "c0q0s0") == 0.0
    for (head, dep, word), (out, inside) in lex.chain.items():
        assert head and dep and word and out >= 0 and inside >= 0 and out + inside > 0
    assert lex.in_chain("release", "dobj", "statement") and not lex.in_chain("say", "dobj", "thing")


# ---------------------------------------------------------------- quotation marks

@pytest.mark.parametrize("text, quoted", [
    ('He said "yes, we will" today.', ['"yes, we will"']),
    ("He said \u201cyes\u201d and \u201cno\u201d.", ["\u201cyes\u201d", "\u201cno\u201d"]),
    ("''I agree,'' she said.", ["''I agree,''"]),
    ("It's Trump's 'America First' agenda.", ["'America First'"]),
])
def test_quote_marks_pair(text, quoted):
    spans, ambiguous = find_quote_spans(text)
    assert [text[q.start:q.end] for q in spans] == quoted and ambiguous == 0


def test_quote_running_over_paragraphs_continues():
    text = '"First part of it.\n\n"Second part," he said.'
    spans, ambiguous = find_quote_spans(text)
    assert [(q.continues, q.continued) for q in spans] == [(True, False), (False, True)]
    assert ambiguous == 0


@pytest.mark.parametrize("text", ['He said "this never closes.', 'A "b" c "d.\n\nNew paragraph.'])
def test_unclosed_quote_left_out_and_counted(text):
    spans, ambiguous = find_quote_spans(text)
    assert ambiguous == 1
    assert all(text[q.start:q.end].count('"') == 2 for q in spans)


# ---------------------------------------------------------------- the extractor

def test_indirect_speech_source_cue_content(nlp):
    (rec,) = run(nlp, "The minister said that the talks had failed.")
    assert triples([rec]) == [("The minister", "said", ["that the talks had failed"])]
    assert rec.attribution_type == "speech" and not rec.quoted


def test_a_speech_asked_of_someone_is_not_yet_said(nlp):
    """"summoned the envoy to explain": the envoy has not spoken and the summoner did not say
    "the flights"; a speech the subject went somewhere to make still counts."""
    assert run(nlp, "Chile summoned the Argentine ambassador on Wednesday to explain the flights.") == []
    (rec,) = run(nlp, "Smith went to the rally to say he was leaving the race.")
    assert triples([rec]) == [("Smith", "to say", ["he was leaving the race"])]


def test_according_to(nlp):
    recs = run(nlp, "According to the police, three people were arrested on Monday.")
    assert triples(recs) == [("the police", "According to", ["three people were arrested on Monday"])]


def test_according_to_covers_every_clause_before_it(nlp):
    """The parse hangs "according to" on the last clause; what the report says is all of it."""
    recs = run(nlp, "The mayor has raised $2 million this year, while his rival has raised "
                    "$6 million, according to new filings.")
    assert triples(recs) == [("new filings", "according to", [
        "The mayor has raised $2 million this year, while his rival has raised $6 million"])]


def test_according_to_around_a_quote_is_one_attribution(nlp):
    """'"A," X said, according to Y. "B."': Y reports that X said A and B -- one attribution
    whose content holds X's words, X and the cue (PolNeAR never nests one in another)."""
    text = ('"We will vote for the plan," Ms. Ortiz said, according to the Harbor Gazette. '
            '"It is the only one we have."')
    recs = run(nlp, text)
    assert triples(recs) == [("the Harbor Gazette", "according to", [
        '"We will vote for the plan," Ms. Ortiz said', '"It is the only one we have."'])]


def test_split_quote_is_one_discontinuous_content(nlp):
    text = '"We will win," Smith said. "Nobody can stop us."'
    (rec,) = run(nlp, text)
    assert rec.source.text == "Smith" and rec.quoted
    assert [f.text for f in rec.content_fragments] == ['"We will win,"', '"Nobody can stop us."']
    assert rec.content.start == 0 and rec.content.end == len(text)


def test_a_quote_after_a_title_with_doubled_marks_continues(nlp):
    """'"A," he said on ''This Week.'' "B."' in the doubled marks of the New York Times: the
    title's closing marks end a sentence, so B is more of what he said."""
    text = ("''Obama does not get along with Putin,'' he said on ABC's ''This Week.'' "
            "''Putin cannot stand our president.''")
    (rec,) = run(nlp, text)
    assert [f.text for f in rec.content_fragments] == [
        "''Obama does not get along with Putin,''", "''Putin cannot stand our president.''"]


def test_a_verb_never_seen_as_a_cue_is_one_when_a_quote_touches_it_without_a_subject(nlp):
    """'"Go home," Ortiz barked': a parse that makes the name a compound of the verb (no
    subject) still leaves the verb touching the quote through the name before it."""
    from spacy.tokens import Doc

    from newsgraph.nlp.attribution import frames

    words = ["\u201c", "Go", "home", ",", "\u201d", "Ortiz", "barked", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[False, True, False, False, True, True, False, False],
              heads=[1, 6, 1, 1, 1, 6, 6, 6], deps=["punct", "ccomp", "advmod", "punct", "punct", "compound", "ROOT", "punct"],
              pos=["PUNCT", "VERB", "ADV", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"])
    quotes, _ = frames.quotes_of(doc, load_lexicon())
    assert [doc.text[q.start:q.end] for q in quotes] == ["\u201cGo home,\u201d"]
    assert frames._touches_quote(doc, 6, quotes)


def test_a_new_cue_opens_a_new_attribution(nlp):
    """'"A," he said. He added, "B."': B has a cue of its own, so it is its own attribution;
    only a quote with no cue continues the one before."""
    recs = run(nlp, '"We will win," Smith said. He added, "Nobody can stop us."')
    assert [(r.cue.text, r.content.text) for r in recs] == [
        ("said", '"We will win,"'), ("added", '"Nobody can stop us."')]
    assert all(not r.content_fragments for r in recs)


def test_passive_cue_with_agent(nlp):
    (rec,) = run(nlp, "Both attacks were claimed by the Islamic State.")
    assert triples([rec]) == [("the Islamic State", "were claimed", ["Both attacks"])]


def test_object_of_the_cues_preposition_is_the_content(nlp):
    recs = run(nlp, "The senator talked about the cost of the new border wall.")
    assert triples(recs) == [("The senator", "talked about", ["the cost of the new border wall"])]


def test_urged_keeps_whom_it_urged(nlp):
    (rec,) = run(nlp, "The mayor urged residents to leave the coast.")
    assert triples([rec]) == [("The mayor", "urged", ["residents to leave the coast"])]


def test_content_never_crosses_a_paragraph(nlp):
    text = "Officials said the bridge would reopen on Monday\n\nTraffic was light across the city."
    (rec,) = run(nlp, text)
    assert "\n" not in rec.content.text and rec.content.text.startswith("the bridge would reopen")


def test_cue_takes_auxiliaries(nlp):
    (rec,) = run(nlp, "Seoul has warned that more troops could be deployed.")
    assert rec.cue.text == "has warned" and rec.source.text == "Seoul"


def test_belief_type(nlp):
    (rec,) = run(nlp, "Analysts believe that the economy will recover.")
    assert rec.attribution_type == "belief"


def test_no_cue_inside_a_quote(nlp):
    recs = run(nlp, '"I said that before," the senator told reporters.')
    assert [r.cue.text for r in recs] == ["told"]


@pytest.mark.parametrize("text", [
    "", "   \n\n  ", '"', '""', "\u201c\u201c\u201d", 'He said "unbalanced and "nested "marks.',
    'She said: "' + "word " * 2000 + '" and left.', "!!! ??? ...",
])
def test_bad_input_does_not_crash(nlp, text):
    recs = run(nlp, text)
    for r in recs:
        for span in r.spans().values():
            assert text[span.start:span.end] == span.text


def test_long_quote_kept_whole(nlp):
    text = 'The senator said: "' + "word " * 2000 + 'end."'
    (rec,) = run(nlp, text)
    assert rec.content.text.startswith('"word') and rec.content.text.endswith('end."')


def test_record_round_trips(nlp):
    (rec,) = run(nlp, '"We will win," Smith said. "Nobody can stop us."')
    assert from_dict(to_dict(rec)) == rec


# ---------------------------------------------------------------- the seed

@pytest.fixture(scope="module")
def seed_attributions(seed_analysis):
    return seed_analysis.of("attribution")


def test_seed_zelensky_four_quotes_attributed_to_him(seed_attributions, seed_article):
    quoted = [r for r in seed_attributions if r.quoted and r.speaker and "Zelensky" in r.speaker]
    pieces = [f for r in quoted for f in (r.content_fragments or (r.content,))]
    starts = sorted(p.text[:12] for p in pieces)
    assert starts == sorted(['"We see an i', '"The front l', '"When we tal', '"True peace '])
    for p in pieces:
        assert seed_article.text[p.start:p.end] == p.text


def test_seed_zelensky_reported_speech(seed_attributions):
    said = [r for r in seed_attributions if r.cue.text == "said" and r.speaker_id and "zelensky" in r.speaker_id]
    assert said and "Korean troops present in the battle zone" in said[0].content.text
    assert said[0].time == "2024-10-13"


def test_seed_seoul_warning_is_the_south_korean_government(seed_attributions):
    (warn,) = [r for r in seed_attributions if r.cue.text == "has warned"]
    assert warn.source.text == "Seoul" and warn.speaker_id == "act:country-KOR-GOV"
    assert "could be deployed" in warn.content.text


def test_seed_denial_and_us_allegation_found(seed_attributions):
    cues = {r.cue.text: r for r in seed_attributions}
    assert cues["have denied"].source.text == "both sides"
    us = [r for r in seed_attributions if "arms and ammo" in r.content.text]
    assert us and us[0].speaker_id == "act:country-USA"


def test_ambiguous_marks_are_counted(nlp):
    text = 'He said "this never closes.\n\nShe said "fine" then.'
    assert attribution.ambiguous_quote_marks(text) == 1
    recs = run(nlp, text)
    assert not any(r.quoted for r in recs if "never closes" in r.content.text)  # not taken as a quote


def test_a_nouns_that_clause_is_what_it_claims(nlp):
    (a,) = [a for a in run(nlp, "Her claim that she never sent classified material drew criticism.")
            if a.cue.text == "claim"]
    assert a.content.text == "that she never sent classified material"


def test_a_quote_belongs_to_the_cue_that_governs_it(nlp):
    atts = run(nlp, 'Trump said things "should be wrapped up by Cleveland," referring to the convention.')
    said = next(a for a in atts if a.cue.text == "said")
    assert said.source.text == "Trump" and "Cleveland" in said.content.text
    assert not any(a.content.start < said.cue.start for a in atts)  # no frame takes "Trump said ..."


# ---------------------------------------------------------------- rules learned on PolNeAR train

def test_cue_goes_on_to_a_child_train_takes_in(nlp):
    """The cue chain (attribution_cue_chain.tsv): "released a statement saying" is the cue,
    and what its last word governs is the content."""
    recs = run(nlp, "The company released a statement saying the plant would close.")
    assert triples(recs) == [("The company", "released a statement saying", ["the plant would close"])]


def test_the_cue_chain_stops_at_a_preposition_of_time(nlp):
    """"denied on Thursday that ...": the date says when it was denied; it is not part of the
    cue, and the clause is still the content (the chain took "on" in, and "Thursday that ..."
    became the content)."""
    recs = run(nlp, "The ministry denied on Thursday that its drones had entered the airspace.")
    assert triples(recs) == [("The ministry", "denied", ["that its drones had entered the airspace"])]
    recs = run(nlp, "The two governments agreed on Wednesday to set up a joint commission.")
    assert [cue for _, cue, _ in triples(recs)] == ["agreed"]


def test_part_taken_whole_stops_before_its_clause(nlp):
    """"said in a statement | that ...": the clause the parse hangs on "statement" is not part
    of the cue but its content."""
    recs = run(nlp, "The mayor said in a statement that the road would reopen next week.")
    assert triples(recs) == [("The mayor", "said in a statement", ["that the road would reopen next week"])]


def test_second_cue_inside_the_first_content_is_its_own(nlp):
    """split_coordinates: "dismissed X by pointing out B" is two attributions; the first
    content ends before the joining "by"."""
    recs = run(nlp, "The governor dismissed the report by pointing out that the numbers were old.")
    assert [(r.cue.text, r.content.text) for r in recs] == [
        ("dismissed", "the report"), ("pointing out", "that the numbers were old")]
    assert recs[0].source.text == "The governor"


def test_an_earlier_cue_claims_a_quote_only_in_its_own_paragraph(nlp):
    """A quote after a paragraph break is not claimed by the cue of the paragraph before
    (the parser may run the two into one sentence): it is the content of its own cue."""
    text = "The senator said the talks had failed.\n\n''We will keep trying,'' she said."
    assert triples(run(nlp, text)) == [
        ("The senator", "said", ["the talks had failed"]), ("she", "said", ["''We will keep trying,''"])]


def test_quote_touches_its_cue_across_the_cues_objects_and_modifiers(nlp):
    """quote_after_cue_modifiers: '"A," he told X on Monday, "B."' is one attribution of both
    quotes."""
    text = '"We have no money left," the mayor told the local radio station on Monday, "so the pool will close."'
    assert triples(run(nlp, text)) == [
        ("the mayor", "told", ['"We have no money left,"', '"so the pool will close."'])]


def test_object_content_takes_in_a_clause_that_follows_it(nlp):
    """object_complement_deps takes in ccomp (and conj, dobj): a run-on sentence (no "that",
    no colon) whose clause the parser hangs on the cue right after the object."""
    recs = run(nlp, "The minister warned about inflation prices were rising fast.")
    assert triples(recs) == [("The minister", "warned about", ["inflation prices were rising fast"])]


def test_the_edge_model_moves_the_end_of_a_content(nlp):
    """attribution_content_edges.tsv: PolNeAR's content runs on over ", even though ..."
    (the rules' aside cut stopped before it); it never swallows a clause with a likely cue
    of its own (", while its rivals warned ...") nor cuts between a preposition and its
    object ("on | Sunday night")."""
    recs = run(nlp, "Officials said the tunnel would cost more than planned, even though the contract had been "
                    "signed in 2019.")
    assert triples(recs) == [("Officials", "said", [
        "the tunnel would cost more than planned, even though the contract had been signed in 2019"])]
    recs = run(nlp, "The company said it expects profits to rise, while its rivals warned of a slowdown.")
    assert [(r.cue.text, r.content.text) for r in recs] == [("said", "it expects profits to rise"),
                                                             ("warned of", "a slowdown")]
    recs = run(nlp, "The minister defended his record on housing on Sunday night.")
    assert not recs[0].content.text.endswith(" on")


def test_a_content_before_its_cue_goes_on_with_the_cues_as(nlp):
    """as_complement: "The kingdom is seen as a bulwark": what is seen is the kingdom as a
    bulwark (PolNeAR: the subject and the "as" phrase, two pieces)."""
    recs = run(nlp, "The kingdom is widely seen as a bulwark against smuggling in the region.")
    assert triples(recs) == [(None, "is widely seen", ["The kingdom", "as a bulwark against smuggling in the region"])]


def test_a_headline_label_before_a_colon_is_a_source(nlp):
    """colon_names: "Poll: ..." at a line start is an attribution though the tagger finds no
    name; a label with a figure after it ("Ohio: 781") is not; and a transcript turn gives
    way to the cue inside it."""
    text = "Poll: Most voters in Valdoria back the new port plan.\n\nThe survey was taken in May."
    assert triples(run(nlp, text)) == [("Poll", ":", ["Most voters in Valdoria back the new port plan"])]
    assert run(nlp, "Ohio: 781\nTexas: 1,204\n") == []
    turn = run(nlp, "RAMOS: I think the budget is a fair one.")
    assert [(r.cue.text, r.content.text) for r in turn] == [("think", "the budget is a fair one")]


def test_a_name_before_a_colon_and_a_figure_is_a_tally_not_a_saying(nlp):
    """A delegate count ("Maria Ortiz: 1,769.") names a person at a line start, but a figure
    is not something she said; a line of words after her name is."""
    text = "THE COUNT.\n\nMaria Ortiz: 1,769.\n\nJohn Baker: 1,501.\n"
    assert run(nlp, text) == []
    recs = run(nlp, "Maria Ortiz: We will win the next round in the north.\n")
    assert triples(recs) == [("Maria Ortiz", ":", ["We will win the next round in the north"])]


def test_a_clause_opened_by_for_after_the_cue_is_what_was_called_for(nlp):
    """'has called for the wage to be raised': the parse makes the for-clause adverbial;
    it is the content, and its "for" ends the cue (PolNeAR: "has called for")."""
    recs = run(nlp, "The union has called for the minimum wage to be raised to $15 by 2027.")
    assert triples(recs) == [("The union", "has called for", ["the minimum wage to be raised to $15 by 2027"])]


def test_an_unquoted_content_stays_in_the_paragraph_of_its_cue():
    """A parse that runs a quotation's paragraph into the next sentence gave "Asked ..." a
    content piece from the paragraph before; only the cue's paragraph is kept."""
    from newsgraph.nlp.attribution.frames import _by_line

    text = '"Not a single shaft will close."\n\nAsked whether the plan could survive, Ramos gave a long answer.'
    cue = (text.index("Asked"), text.index("Asked") + 5)
    content = ((0, text.index("\n")), (text.index("whether"), text.index(",", text.index("whether"))))
    assert _by_line(text, content, cue, quoted=False) == (content[1],)
    assert _by_line(text, content, cue, quoted=True) == content


def test_a_title_quoted_on_the_way_is_not_more_of_what_was_said(nlp):
    """A quote with no cue continues the quoted attribution only where it opens a sentence:
    the programme's name quoted in the cue's sentence is not part of the content, and the
    next sentence's quote still is."""
    text = ('"The pool will stay closed this summer," the mayor said on "Morning Radio." '
            '"We have no money left for the repairs."')
    assert triples(run(nlp, text)) == [("the mayor", "said", [
        '"The pool will stay closed this summer,"', '"We have no money left for the repairs."'])]


def test_a_quote_on_the_line_before_does_not_touch_the_next_lines_cue(nlp):
    """A quotation closing a line (a one-line paragraph) does not touch a cue on the next
    line: it continues the quoted attribution before it, and the next cue keeps its own
    object (the gap pattern once matched a lone line break)."""
    text = ('\u201cWe have no money left,\u201d said Ana Ruiz, a councillor.\n\u201cThe pool will close.\u201d\n'
            'Luis Vega, a teacher, criticized the budget.')
    assert [(r.cue.text, [f.text for f in (r.content_fragments or (r.content,))]) for r in run(nlp, text)] == [
        ("said", ["\u201cWe have no money left,\u201d", "\u201cThe pool will close.\u201d"]),
        ("criticized", ["the budget"])]


def test_an_infinitive_after_an_object_is_that_objects_saying(nlp):
    """object_control: in "forced the chairman to admit that ...", the chairman admits, not
    the board."""
    recs = run(nlp, "The board forced the chairman to admit that the figures were wrong.")
    assert triples(recs) == [("the chairman", "to admit", ["that the figures were wrong"])]


def test_a_quote_before_its_cue_is_kept_when_the_parse_runs_into_the_next_paragraph(nlp):
    """'"A," he said.' keeps its quote even when the parse hangs the next paragraph's verb
    on "said" as a clausal complement: a clause across a paragraph break is not what he said."""
    text = ("Senator Tom Brill said the remarks went too far. ''This is going to a place where we have never "
            "gone before, to go after the families of the fallen,'' he said.\n\n''There used to be some "
            "things that were sacred in our politics, even in a campaign,'' Mr. Brill continued.")
    said = [r for r in run(nlp, text) if r.cue.text == "said" and r.source.text == "he"]
    assert [[f.text for f in (r.content_fragments or (r.content,))] for r in said] == [
        ["''This is going to a place where we have never gone before, to go after the families of the fallen,''"]]


def test_a_quoted_title_after_the_cue_is_not_what_was_said(nlp):
    """'told "Fox and Friends" that ...': the programme's name is where it was said; the
    clause is what was said."""
    recs = run(nlp, 'Ana Ruiz told "Fox and Friends" that the bridge would reopen in May.')
    assert triples(recs) == [("Ana Ruiz", "told", ["that the bridge would reopen in May"])]


def test_a_clause_opening_a_quotation_is_said_in_the_quotations_words():
    """A content that starts right after an opening mark and ends inside the quotation (the
    parse's clause stops at its first sentence) is the whole quotation, marks included;
    one that starts in mid-quotation is left alone."""
    from newsgraph.nlp.attribution.frames import Quote, _to_quote_edges
    text = 'He said: "We offer our condolences. They are in our prayers." Then he left.'
    q = Quote(text.index('"'), text.index("Then") - 1, 3, 15)
    first = text.index("We"), text.index(".")
    assert _to_quote_edges(text, first, [q]) == (q.start, q.end)
    middle = text.index("They"), text.index("prayers") + len("prayers")
    assert _to_quote_edges(text, middle, [q]) == middle


def test_a_single_quoted_phrase_does_not_continue_a_double_quoted_attribution(nlp):
    """''A,'' she said. 'B.' -- a phrase in single marks after a quote in double ones is
    quoted from elsewhere, not more of what she said."""
    text = ("''If I were twenty again, I would go back to school,'' said Rosa Lind, a nurse. "
            "'A really tough decision.'")
    recs = run(nlp, text)
    assert [[f.text for f in (r.content_fragments or (r.content,))] for r in recs] == [
        ["''If I were twenty again, I would go back to school,''"]]


def test_a_verb_never_seen_as_a_cue_that_a_quotation_touches_is_a_cue(nlp):
    """'"...," the coach growled.': a verb PolNeAR train never marks (or never has) is still a
    candidate when a quotation ends right before its subject or starts right after it."""
    lex = load_lexicon()
    assert not lex.may_be_cue("growl", "VERB")
    recs = run(nlp, '"Get back on the field and run it again," the coach growled at his players.')
    assert triples(recs) == [("the coach", "growled", ['"Get back on the field and run it again,"'])]


def test_a_quote_right_after_the_cues_object_takes_the_object_in(nlp):
    """'thanked its members "for their support"': the quotation says something of the object, and the
    content is both (no mark between them); 'told reporters, "..."' keeps the quote alone."""
    assert triples(run(nlp, 'The board thanked its members "for their support in a hard year."')) == [
        ("The board", "thanked", ['its members "for their support in a hard year."'])]
    assert triples(run(nlp, 'The governor told reporters, "The plan is a disgrace."')) == [
        ("The governor", "told", ['"The plan is a disgrace."'])]


def test_a_quote_before_a_name_in_apposition_is_that_names_saying(nlp):
    """'"A," Ramos, 58, told AFP ...': when the parse loses the subject (it makes the name a
    conjunct of the quote's verb), the name between the quotation's comma and the cue is
    still the source, and the quotation the content."""
    recs = run(nlp, "\u201cWe were badly wrong not to have confronted him from the start,\u201d Ramos, 58, "
                    "told AFP in an interview in Mexico City on Monday.")
    assert triples(recs) == [("Ramos", "told", [
        "\u201cWe were badly wrong not to have confronted him from the start,\u201d"])]


def test_a_clause_far_after_the_cue_does_not_take_the_place_of_the_quote(nlp):
    """'"A," the mayor told the council and the hundreds watching at home ...': a clausal
    complement that the parse hangs on the cue far after it (past its object) is not what
    was told; only one right after the cue ('"A," he noted, calling B') is."""
    text = ("\u201cAnyone claiming that our city is in decline is peddling fiction,\u201d the mayor told the "
            "council members and the hundreds watching at home who could guess whom she meant.")
    told = [r for r in run(nlp, text) if r.cue.text == "told"]
    assert [[f.text for f in (r.content_fragments or (r.content,))] for r in told] == [
        ["\u201cAnyone claiming that our city is in decline is peddling fiction,\u201d"]]


def test_a_quote_before_the_cue_wins_over_a_clause_or_quote_that_only_says_when(nlp):
    """'"A," Cruz said after a brief "I'm sorry" to Carson' and '"A," he said as the crowd
    booed': what follows the cue says when, the quote before it is what was said; so for a
    name past an apposition with commas of its own ('Mr. Dale, now 81 and retired in Salem,
    Ore., said')."""
    def contents(text):
        return [[f.text for f in (r.content_fragments or (r.content,))] for r in run(nlp, text)
                if r.cue.text.startswith("said")]
    assert contents('"Let me tell you the facts," Cruz said after a brief "I\'m sorry" to Carson.') == [
        ['"Let me tell you the facts,"']]
    assert contents('"He did not report the loans," he said as some in the crowd booed.') == [
        ['"He did not report the loans,"']]
    assert contents("''If we had gone with the other plan, we would still be waiting,'' Mr. Dale, now 81 "
                    "and retired in Salem, Ore., said by telephone this week.") == [
        ["''If we had gone with the other plan, we would still be waiting,''"]]


def test_a_quote_continues_past_an_abbreviation_in_brackets(nlp):
    """'"A," she said on a radio station (Albany, N.Y.) on Monday. "B."': the full stop of
    "N.Y." before the bracket does not end the sentence between the two quotes."""
    text = ('"This is a threat to the life they know," Amy Lund said on a radio station (Albany, N.Y.) '
            'on Monday. "We will not stand for it."')
    said = [r for r in run(nlp, text) if r.cue.text == "said"]
    assert [[f.text for f in (r.content_fragments or (r.content,))] for r in said] == [
        ['"This is a threat to the life they know,"', '"We will not stand for it."']]


def test_a_quote_ending_its_own_sentence_is_not_the_next_cues(nlp):
    """'"A," he wrote. "B." He added: "C."': the quote that ends in a full stop before "He
    added" continues what he wrote; "added" says only what follows its colon."""
    text = ("''Let us make one thing clear right away,'' he wrote. ''If you are offended by anything in this "
            "post, that is your own fault.'' He added: ''This latest fuss is beyond funny.''")
    assert [(r.cue.text, [f.text for f in (r.content_fragments or (r.content,))]) for r in run(nlp, text)] == [
        ("wrote", ["''Let us make one thing clear right away,''",
                   "''If you are offended by anything in this post, that is your own fault.''"]),
        ("added:", ["''This latest fuss is beyond funny.''"])]


@pytest.mark.parametrize("text, speaker", [
    # a name in a clause about the source does not speak
    ("The nun, who belonged to an order in Macerata, claimed to have no idea she was ill.", None),
    ("The volunteer who met Barack Obama in Ohio said the rally was loud.", None),
    ("Several users of the Rivet app have reported that Comcast threatened to cut their service.", None),
    # a name that is the source, or stands beside its head, does
    ("The head of the water board, Marta Quiroga, said the dam had failed.", "Marta Quiroga"),
])
def test_the_speaker_is_the_source_not_a_name_said_about_it(text, speaker):
    import newsgraph

    (att,) = [r for r in newsgraph.annotate(text, date="2016-01-10").records if r.kind == "attribution"]
    assert att.speaker == speaker
