"""nlp/quotes.py: quoted spans, their cue and speaker, inheritance, unbalanced marks."""

from __future__ import annotations

import pickle

from newsgraph.nlp.shared.quotes import Quote, find_quotes, scan_quotes


def test_straight_and_curly_marks():
    text = 'He said "yes, now". She wrote \u201cno, later\u201d today.'
    scan = scan_quotes(text)
    assert [text[q.start:q.end] for q in scan.quotes] == ["yes, now", "no, later"]
    assert scan.unbalanced == 0
    q = scan.quotes[1]
    assert text[q.mark_start:q.mark_end] == "\u201cno, later\u201d"


def test_quote_continued_in_next_paragraph():
    text = '\u201cFirst part of it.\n\n\u201cSecond part,\u201d she said.'
    (q,) = scan_quotes(text).quotes
    assert len(q.parts) == 2
    assert text[q.parts[0][0]:q.parts[0][1]] == "First part of it."
    assert text[q.start:q.end].endswith("Second part,")


def test_unbalanced_marks_are_left_out_and_counted():
    text = 'He said "this never closes.\n\nNext paragraph without a mark.'
    scan = scan_quotes(text)
    assert scan.quotes == () and scan.unbalanced == 1


def test_cue_and_speaker(nlp):
    text = '"We see an alliance," Zelensky stated. "It grows."\n\nThe minister said: "We will act."'
    doc = nlp(text)
    quotes = find_quotes(doc)
    assert len(quotes) == 3
    first, second, third = quotes
    assert text[first.cue_start:first.cue_end] == "stated"
    assert text[slice(*first.speaker)] == "Zelensky"
    assert doc[first.cue].text == "stated"
    assert second.inherited and text[slice(*second.speaker)] == "Zelensky"
    assert text[third.cue_start:third.cue_end] == "said"
    assert text[slice(*third.speaker)] == "The minister"
    assert not any(q.ambiguous for q in quotes)


def test_quote_is_a_small_frozen_picklable_value():
    q = Quote(1, 5, 0, 6)
    assert pickle.loads(pickle.dumps(q)) == q
    assert q.marks == (0, 6) and q.cue_span is None


def test_seed_quotes(nlp, seed_article):
    doc = nlp(seed_article.text)
    text = seed_article.text
    cues = [(text[q.cue_start:q.cue_end] if q.cue is not None else None) for q in find_quotes(doc)]
    assert cues[:4] == ["stated", "emphasized", "emphasized", "continued"]


def test_news_mark_styles_are_opt_in():
    text = "``Yes,'' he said. ''No,'' she said. It's the 'America First' plan."
    assert scan_quotes(text).quotes == ()  # the default styles are unchanged
    scan = scan_quotes(text, ascii_pairs=True, single=True)
    assert [text[q.mark_start:q.mark_end] for q in scan.quotes] == ["``Yes,''", "''No,''", "'America First'"]
    assert [text[q.start:q.end] for q in scan.quotes][:2] == ["Yes,", "No,"]
    assert [q.single for q in scan.quotes] == [False, False, True] and scan.unbalanced == 0


def test_line_paragraphs_and_open_runs():
    text = '"WALLACE: First.\n\n"PENCE: Second.\n\nPlain text.'
    assert scan_quotes(text).quotes == ()
    (q,) = scan_quotes(text, open_runs=True).quotes
    assert not q.closed and text[q.start:q.end] == "WALLACE: First."
    text = '\u201cOne part.\n\u201cTwo,\u201d he said.'
    (q,) = scan_quotes(text, lines=True).quotes
    assert len(q.parts) == 2 and text[slice(*q.parts[1])] == "Two,"


def test_a_cue_after_a_title_abbreviation_is_found(nlp):
    text = '"The ferry will not sail," Mrs. Okafor said on Sunday. "Nor will the barge," Dr. Lind said.'
    doc = nlp(text)
    assert [text[q.cue_start:q.cue_end] if q.cue is not None else None for q in find_quotes(doc)] == ["said", "said"]
