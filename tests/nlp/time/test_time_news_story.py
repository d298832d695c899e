"""The story's own dates in news (issue 25, eighth round): a date with its year carries the year
to the dates after it in the paragraph; "the next month" and "a day earlier" count from the
story's date; a weekday that names an occasion; "shortly afterward"; day-first numeric dates.
Sentences are our own."""

from __future__ import annotations

import pytest

from newsgraph.nlp.time import extract as T


def tagged(text, date="2016-05-11", doc=None):
    return [(text[r.start:r.end], r.timex_type, r.value) for r in T.tag_text(text, date, doc)]


def test_a_date_after_a_full_date_in_the_paragraph_takes_its_year(nlp):
    text = "The footbridge gave way on March 2, 2015. On March 25, an inquiry opened, and in April it blamed the welds."
    values = tagged(text, doc=nlp(text))
    assert ("March 25", "DATE", "2015-03-25") in values
    assert ("April", "DATE", "2015-04") in values


def test_the_year_does_not_cross_a_paragraph(nlp):
    text = "The footbridge gave way on March 2, 2015.\n\nOn March 25, an inquiry opened."
    assert ("March 25", "DATE", "2016-03-25") in tagged(text, doc=nlp(text))


def test_the_year_does_not_reach_a_date_before_the_full_one(nlp):
    # told after November 2015, March 25 is the next spring's, not the spring before
    text = "The clerk was charged on Nov. 2, 2015. On March 25, she pleaded guilty."
    assert ("March 25", "DATE", "2016-03-25") in tagged(text, doc=nlp(text))


def test_the_year_stops_where_the_story_comes_back_to_now(nlp):
    text = ("In June 2012 the envoy vanished for weeks. Rumours grew last month, and he missed a "
            "gala on Saturday. He also skipped a Sept. 25 session of the assembly.")
    assert ("Sept. 25", "DATE", "2014-09-25") in tagged(text, "2014-10-09", nlp(text))


@pytest.mark.parametrize("text,expected", [
    ("In June 2012 the envoy vanished from view. He re-emerged the next month at a fish market.",
     ("the next month", "DATE", "2012-07")),
    ("The mill shut in 2009. The next year, its owners sold the land.", ("The next year", "DATE", "2010")),
])
def test_the_next_month_of_a_past_story_follows_its_date(nlp, text, expected):
    assert expected in tagged(text, "2014-10-09", nlp(text))


@pytest.mark.parametrize("text,expected", [
    ("The board will meet next month. Members say the next month will decide it.",
     ("the next month", "DATE", "2014-11")),
    ("The mill shut in 2009. Over the next year, output fell.", ("the next year", "DATE", "2015")),
])
def test_the_next_month_otherwise_stays_after_the_article_date(nlp, text, expected):
    assert expected in tagged(text, "2014-10-09", nlp(text))


def test_a_day_earlier_counts_from_the_story_day_told_paragraphs_before(nlp):
    text = ("As the senator spoke in Ohio on Monday, a heckler was pushed. Police said a man was held.\n\n"
            "Hundreds had gathered outside, ahead of next Tuesday's vote. A video shows the scuffle.\n\n"
            "A day earlier, six students were arrested at a sit-in.")
    values = tagged(text, doc=nlp(text))  # a Wednesday article: Monday is the 9th
    assert ("Monday", "DATE", "2016-05-09") in values
    assert ("A day earlier", "DATE", "2016-05-08") in values


@pytest.mark.parametrize("text,expected", [
    ("Friday is the tenth anniversary of the flood.", ("Friday", "DATE", "2014-10-10")),
    ("Tuesday is the deadline for bids.", ("Tuesday", "DATE", "2014-10-14")),
    ("Thursday is the day the council votes.", ("Thursday", "DATE", "2014-10-09")),
])
def test_a_weekday_that_names_an_occasion_is_the_coming_one(nlp, text, expected):
    assert expected in tagged(text, "2014-10-09", nlp(text))  # a Thursday


def test_a_weekday_that_named_an_occasion_is_the_last_one(nlp):
    text = "Monday was the deadline for bids."
    assert tagged(text, "2014-10-09", nlp(text)) == [("Monday", "DATE", "2014-10-06")]


@pytest.mark.parametrize("text", [
    "The anchor retracted the story shortly afterward.",
    "The pair left shortly afterwards, witnesses said.",
    "The guests had arrived shortly beforehand.",
])
def test_shortly_before_or_after_an_event_is_no_time(text):
    assert tagged(text) == []


def test_shortly_alone_is_the_future():
    assert tagged("The results are expected shortly.") == [("shortly", "DATE", "FUTURE_REF")]


@pytest.mark.parametrize("text,expected", [
    ("Posted 19/02/2015 by the newsdesk.", ("19/02/2015", "DATE", "2015-02-19")),
    ("The ruling of 31/12/2014 stands.", ("31/12/2014", "DATE", "2014-12-31")),
    ("The ruling of 03/04/2015 stands.", ("03/04/2015", "DATE", "2015-03-04")),  # month first when both fit
])
def test_numeric_dates_with_the_day_first(text, expected):
    assert expected in tagged(text)


def test_a_timex_inside_a_quoted_title_is_no_time(nlp):
    text = "The band played \u201cAll Right Now,\u201d and the crowd sang. Right now the hall is full."
    assert tagged(text, doc=nlp(text)) == [("Right now", "DATE", "PRESENT_REF")]


@pytest.mark.parametrize("text,expected", [
    ("She is nine months pregnant.", []),
    ("A 9-month pregnant woman came in.", []),
    ("He waited nine months.", [("nine months", "DURATION", "P9M")]),
])
def test_months_pregnant_is_no_length(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("After her first week at college, she told them.", ("her first week", "DURATION", "P1W")),
    ("During his first year, the mayor cut taxes.", ("his first year", "DURATION", "P1Y")),
])
def test_a_possessive_first_week_is_a_span(nlp, text, expected):
    assert tagged(text, doc=nlp(text)) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("The gunman struck in June 2015. After that fateful day, she called for reform.",
     ("that fateful day", "DATE", "2015-06-XX")),
    ("The gunman struck on June 17, 2015. After that fateful day, she called for reform.",
     ("that fateful day", "DATE", "2015-06-17")),
])
def test_that_day_of_a_story_told_to_the_month_is_a_day_of_that_month(nlp, text, expected):
    assert expected in tagged(text, "2016-07-28", nlp(text))


def test_a_saying_inside_an_if_clause_is_not_dated_by_the_verb_above_it(nlp):
    text = ('At a rally in Ohio, Dunn said that the governor begged him for support in 2012 and '
            '"would have crawled to him" if Dunn had asked him to do so.\n\n'
            '"Last week, in fact, on Tuesday, I won by a mile," Dunn said, turning to the governor.')
    values = tagged(text, "2016-03-04", nlp(text))  # a Friday
    assert ("Last week", "DATE", "2016-W08") in values
    assert ("Tuesday", "DATE", "2016-02-23") in values


def test_a_noun_the_tagger_reads_as_a_present_verb_is_no_schedule(nlp):
    # "remarks" is tagged as a verb with no subject: no present schedule pushes Sunday ahead
    text = "Smith did not revisit his Main Street remarks in an address to Texas Republicans on Sunday."
    assert tagged(text, "2015-11-16", nlp(text)) == [("Sunday", "DATE", "2015-11-15")]


@pytest.mark.parametrize("text,expected", [
    ("Just a quarter of the board can call a vote.", []),
    ("Sales rose for a quarter.", [("a quarter", "DURATION", "P1Q")]),
])
def test_a_quarter_of_a_group_is_a_share(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The mayor must win the suburbs in November.", ("November", "DATE", "2016-11")),
    ("Voters should decide the matter in November.", ("November", "DATE", "2016-11")),
    ("The mayor must have won the suburbs in November.", ("November", "DATE", "2015-11")),
])
def test_must_and_should_look_ahead(nlp, text, expected):
    assert expected in tagged(text, "2016-03-04", nlp(text))


def test_a_year_inside_the_object_of_a_cues_participle_is_no_speech_time(nlp):
    text = ("''A win without that surge is a loss,'' Dana Ruiz said, referring to the losing Democratic "
            "nominee in 2004. ''Just turning out the base is not a winning path going into November.''")
    november = [r for r in T.tag_text(text, "2016-03-04", nlp(text)) if text[r.start:r.end] == "November"]
    assert [(r.anchor_source, r.value[:3]) for r in november] == [("dct", "201")]  # not a November of the 2000s


@pytest.mark.parametrize("text", [
    "Turnout fell by between a quarter and a third.",
    "Immigration is a second- or third-tier issue for them.",
])
def test_fractions_and_ranked_tiers_are_no_lengths(text):
    assert tagged(text) == []
