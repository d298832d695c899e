"""News usage a timeline reader notices: the general present and future, spans ending now,
dates counted back from a named one, the day of the 2001 attacks, clock times of no day.
Sentences are our own."""

from __future__ import annotations

import pytest

from newsgraph.nlp.time import extract as T


def tagged(text, date="2016-10-20"):
    return [(text[r.start:r.end], r.timex_type, r.value) for r in T.tag_text(text, date)]


@pytest.mark.parametrize("text,expected", [
    ("The mayor promised the town a brighter tomorrow.", ("tomorrow", "DATE", "FUTURE_REF")),
    ("The school trains the engineers of tomorrow.", ("tomorrow", "DATE", "FUTURE_REF")),
    ("In today's polarised climate, few bills pass.", ("today", "DATE", "PRESENT_REF")),
    ("The hearing resumes tomorrow.", ("tomorrow", "DATE", "2016-10-21")),
    ("As of tomorrow, the new fares apply.", ("tomorrow", "DATE", "2016-10-21")),
    ("Today's council vote was delayed.", ("Today", "DATE", "2016-10-20")),
    ("The club will play better tomorrow.", ("tomorrow", "DATE", "2016-10-21")),
    ("Bids close by the end of tomorrow.", ("the end of tomorrow", "DATE", "2016-10-21")),
])
def test_general_today_and_tomorrow(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,expected", [
    ("The firm opened a plant in May 2012. A year prior, it had moved its offices.",
     ("A year prior", "DATE", "2011-05")),
    ("The firm moved two years prior to the merger.", ("two years", "DURATION", "P2Y")),
])
def test_a_year_prior_is_a_date_counted_back(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,expected", [
    ("Fuel prices climbed in the last week.", ("the last week", "DURATION", "P1W")),
    ("Turnout fell over the past month.", ("the past month", "DURATION", "P1M")),
    ("The ferry sank last week.", ("last week", "DATE", "2016-W41")),
])
def test_spans(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,span,value,mod", [
    ("Repairs could take one to two years.", "one to two years", "P1Y", "EQUAL_OR_MORE"),
    ("The permit takes 3-5 days to arrive.", "3-5 days", "P3D", "EQUAL_OR_MORE"),
    ("The audit lasts four-to-six weeks.", "four-to-six weeks", "P4W", "EQUAL_OR_MORE"),
    ("The crossing took one or two hours.", "one or two hours", "PTXH", None),
])
def test_a_range_is_one_duration(text, span, value, mod):
    got = [(text[r.start:r.end], r.timex_type, r.value, r.mod) for r in T.tag_text(text, "2016-10-20")]
    assert got == [(span, "DURATION", value, mod)]


def test_following_morning_of_an_unnamed_day_has_no_day():
    assert ("The following morning", "TIME", "XXXX-XX-XXTMO") in tagged("The following morning, the crew left port.")
    text = "The storm hit on Monday. The following morning, the roads were shut."
    assert ("The following morning", "TIME", "2016-10-18TMO") in tagged(text)


@pytest.mark.parametrize("text,value", [
    ("Security changed for good after 9/11.", "2001-09-11"),
    ("The Sept. 11 attacks reshaped the agency.", "2001-09-11"),
    ("The board meets on Sept. 11.", "2016-09-11"),
])
def test_september_11(text, value):
    assert value in [v for _, _, v in tagged(text)]


@pytest.mark.parametrize("text,expected", [
    ("The town imposed a midnight curfew.", ("midnight", "TIME", "XXXX-XX-XXT24")),
    ("Nobody wants a 3 a.m. phone call.", ("3 a.m.", "TIME", "XXXX-XX-XXT03:00")),
    ("The polls close at 8 p.m. tonight.", ("8 p.m. tonight", "TIME", "2016-10-20T20:00")),
    ("The march set off at noon.", ("noon", "TIME", "2016-10-20T12:00")),
])
def test_clock_times_of_no_day(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,expected", [
    ('"We settle this tonight," the senator said during Monday night\'s town hall.', "2016-10-17TNI"),
    ('The senator, speaking at a town hall Monday night, said: "We settle this tonight."', "2016-10-17TNI"),
    ('"We settle this tonight," the senator said.', "2016-10-20TNI"),
])
def test_tonight_in_a_quote_is_the_night_it_was_said(nlp, text, expected):
    doc = nlp(text)
    got = {text[r.start:r.end]: r.value for r in T.tag_text(text, "2016-10-20", doc)}
    assert got["tonight"] == expected


def test_the_last_week_of_a_named_month_is_no_span():
    got = tagged("Prices fell during the last week of August.")
    assert not any(t == "DURATION" for _, t, _ in got)


@pytest.mark.parametrize("text,expected", [
    ("Volunteers set up a noon rally Tuesday outside the court.", ("noon", "TIME", "2016-10-18T12:00")),
    ("The shelter opened at 9 a.m. ET on Monday.", ("9 a.m. ET", "TIME", "2016-10-17T09:00")),
    ("The night of the flood on March 3, 2011, the levee broke.", ("The night", "TIME", "2011-03-03TNI")),
])
def test_a_time_of_day_is_on_the_day_named_after_it(text, expected):
    assert expected in tagged(text)


def test_a_clock_time_takes_the_direction_of_its_day(nlp):
    text = "Ballots will be counted from 8 p.m. EST on Tuesday."
    got = [(text[r.start:r.end], r.value) for r in T.tag_text(text, "2016-10-20", nlp(text))]
    assert got == [("8 p.m. EST", "2016-10-25T20:00"), ("Tuesday", "2016-10-25")]


@pytest.mark.parametrize("text,expected", [
    ("The plant reopened three days later.", ("three days", "DURATION", "P3D")),
    ("A few weeks later, the union signed.", ("A few weeks", "DURATION", "PXW")),
    ("The two countries broke off relations a half century ago.", ("a half century ago", "DATE", "1966")),
    ("Refugees crossed the border in the weeks before the ceasefire.", ("the weeks", "DURATION", "PXW")),
    ("Investors expect turbulence in the months ahead.", ("the months ahead", "DURATION", "PXM")),
    ("Over the years, the museum doubled its collection.", ("the years", "DURATION", "PXY")),
])
def test_news_counts_of_time(text, expected):
    assert expected in tagged(text)


def test_a_history_keeps_the_date_a_later_count_points_at():
    years = " ".join(f"The fort changed hands in {y}." for y in (1801, 1812, 1826, 1839, 1850, 1862))
    got = tagged(years + " Two years later, the garrison left.", "2009-12-19")
    assert ("Two years later", "DATE", "1864") in got


@pytest.mark.parametrize("text,expected", [
    ("The candidate holds multiple rallies a day.", ("a day", "SET", "P1D")),
    ("The ferry makes two crossings a week.", ("a week", "SET", "P1W")),
    ("The two clerks waited a week for the permit.", ("a week", "DURATION", "P1W")),
])
def test_a_count_of_things_per_unit_is_a_set(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,expected", [
    ("The mayor sounded calmer than she did weeks ago.", ("weeks ago", "DATE", "PAST_REF")),
    ("The levy was approved months ago.", ("months ago", "DATE", "PAST_REF")),
    ("Weeks later, the dam was repaired.", ("Weeks", "DURATION", "PXW")),
])
def test_bare_units_counted_back_or_on(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,expected", [
    ("The library is open daily.", [("daily", "SET", "XXXX-XX-XX")]),
    ("Rinse the wound twice daily with saline.", [("twice daily", "SET", "XXXX-XX-XX")]),
    ("The carrier runs daily flights to Accra.", []),
])
def test_daily_the_adverb_is_a_set(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("date,value", [("2016-10-20", "2015-FA"), ("2017-02-10", "2016-FA"), ("2016-07-01", "2015-FA")])
def test_last_fall_is_the_last_fall_that_has_ended(date, value):
    assert ("last fall", "DATE", value) in tagged("The plant was opened last fall.", date)


@pytest.mark.parametrize("text,expected", [
    ("A week-long festival opens the season.", ("week-long", "DURATION", "P1W")),
    ("The months-long strike ended.", ("months-long", "DURATION", "PXM")),
])
def test_unit_long_is_a_duration(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,span,value", [
    ("The treasurer resigned in November.", "November", "2015-11"),  # past: never ahead
    ("The museum reopens in August.", "August", "2017-08"),  # a present schedule looks ahead
    ("The regulator gave the bidder until mid-November to reply.", "mid-November", "2016-11"),
    ("The lender extended the credit line through January.", "January", "2017-01"),
    ("The walkout lasted until March.", "March", "2016-03"),
])
def test_month_direction(nlp, text, span, value):
    got = {text[r.start:r.end]: r.value for r in T.tag_text(text, "2016-10-20", nlp(text))}
    assert got[span] == value
