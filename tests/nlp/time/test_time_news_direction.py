"""Direction and length in news (issue 25, seventh round): "last Monday" said midweek, a day
named inside the subject of a future verb, a past clause that looked ahead, counting back from
a day still to come, rates of an amount, bare lengths before "after". Sentences are our own."""

from __future__ import annotations

import pytest

from newsgraph.nlp.time import extract as T


def tagged(text, date="2016-07-06", doc=None):
    return [(text[r.start:r.end], r.timex_type, r.value) for r in T.tag_text(text, date, doc)]


@pytest.mark.parametrize("text,expected", [
    # 2016-07-06 is a Wednesday: "last Monday" is the Monday of the week before, not two days ago
    ("The two ministers met last Monday in Oslo.", ("last Monday", "DATE", "2016-06-27")),
    ("The two ministers met last Tuesday in Oslo.", ("last Tuesday", "DATE", "2016-06-28")),
    ("The two ministers met last Thursday in Oslo.", ("last Thursday", "DATE", "2016-06-30")),
    ("The two ministers met this past Monday in Oslo.", ("this past Monday", "DATE", "2016-07-04")),
    ("The two ministers met on Monday in Oslo.", ("Monday", "DATE", "2016-07-04")),
])
def test_last_weekday_said_midweek_is_the_previous_weeks(nlp, text, expected):
    assert expected in tagged(text, doc=nlp(text))


def test_last_weekday_said_on_that_weekday_is_a_week_back(nlp):
    text = "The ferry sank last Wednesday."
    assert tagged(text, doc=nlp(text)) == [("last Wednesday", "DATE", "2016-06-29")]


@pytest.mark.parametrize("text,date,expected", [
    # Thursday: Tuesday's primaries (two days back) are nearer than next Tuesday's
    ("The outcome of Tuesday's four primaries will surely push the senator to quit.", "2016-04-28",
     ("Tuesday", "DATE", "2016-04-26")),
    # Monday: his Sunday speech was yesterday, not six days ahead
    ("Her speech Sunday on flood defences will dominate the campaign, rivals said.", "2015-12-07",
     ("Sunday", "DATE", "2015-12-06")),
    # Wednesday: Friday's ballot is two days ahead
    ("Friday's ballot will settle the question.", "2016-04-27", ("Friday", "DATE", "2016-04-29")),
])
def test_a_day_inside_the_subject_of_a_future_verb_is_the_nearer_one(nlp, text, date, expected):
    assert expected in tagged(text, date, nlp(text))


@pytest.mark.parametrize("text,date,expected", [
    ("The council will hold the ballot on Friday.", "2016-04-25", ("Friday", "DATE", "2016-04-29")),
    ("Delegates will speak at Saturday's dinner.", "2016-04-25", ("Saturday", "DATE", "2016-04-30")),
])
def test_a_day_on_the_object_of_a_future_verb_stays_ahead(nlp, text, date, expected):
    assert expected in tagged(text, date, nlp(text))


def test_a_past_clause_of_time_that_looked_ahead_stays_past(nlp):
    text = "As the mayor prepared to address the crowd on Tuesday, a scuffle broke out near the stage."
    assert ("Tuesday", "DATE", "2016-03-29") in tagged(text, "2016-03-30", nlp(text))


def test_counting_back_in_a_past_sentence_skips_a_day_still_to_come(nlp):
    text = ("The rally came ahead of next Tuesday's vote in the state. A day earlier, four marchers "
            "were detained.")
    values = tagged(text, "2016-03-30", nlp(text))
    assert ("next Tuesday", "DATE", "2016-04-05") in values
    assert ("A day earlier", "DATE", "2016-03-29") in values  # not the day before a vote still to come


def test_counting_back_from_a_day_to_come_in_a_future_sentence_stays_ahead(nlp):
    text = "The vote is set for next Tuesday. A day earlier, the candidates will debate."
    assert ("A day earlier", "DATE", "2016-04-04") in tagged(text, "2016-03-30", nlp(text))


@pytest.mark.parametrize("text", [
    "She backs a $15-an-hour wage floor.",
    "Visitors pay a $10-a-day parking fee.",
    "Tenants owe $900-a-month rents.",
])
def test_the_rate_of_an_amount_is_no_duration(text):
    assert [t for t in tagged(text) if t[1] == "DURATION"] == []


@pytest.mark.parametrize("text,expected", [
    ("The letter arrived hours after the vote closed.", ("hours", "DURATION", "PTXH")),
    ("Days before the launch, the engineer resigned.", ("Days", "DURATION", "PXD")),
    ("The governor spent months drafting the bill.", ("months", "DURATION", "PXM")),
    ("The repairs took weeks.", ("weeks", "DURATION", "PXW")),
])
def test_bare_lengths_before_after_or_after_spent_are_durations(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,expected", [
    ("Exports have slumped in recent weeks.", ("recent weeks", "DURATION", "PXW")),
    ("Exports have slumped in recent months.", ("recent months", "DURATION", "PXM")),
    ("Exports have slumped in recent years.", ("recent years", "DURATION", "PXY")),
    ("The essay ties the recent past to the nation's hopes.", ("the recent past", "DATE", "PAST_REF")),
    ("The founder worried about the club and its future.", ("future", "DATE", "FUTURE_REF")),
])
def test_recent_spans_and_the_owned_future(text, expected):
    assert expected in tagged(text)


def test_future_before_a_noun_is_an_adjective():
    assert tagged("Investors fret about its future earnings.") == []


@pytest.mark.parametrize("text,date,expected", [
    # Saturday: "was set to" looks ahead from a past day; yesterday is nearer than next Friday
    ("The senator said he was expected to win a union's backing on Friday.", "2016-03-12",
     ("Friday", "DATE", "2016-03-11")),
    # Monday: the plan's Tuesday is tomorrow, not last week's
    ("The board said it planned to vote Tuesday on the merger.", "2016-03-07",
     ("Tuesday", "DATE", "2016-03-08")),
])
def test_a_past_plan_names_the_nearer_day(nlp, text, date, expected):
    assert expected in tagged(text, date, nlp(text))


@pytest.mark.parametrize("text,expected", [
    ("Worry is part of today's life, she said.", ("today", "DATE", "PRESENT_REF")),
    ("Few careers last in today's media.", ("today", "DATE", "PRESENT_REF")),
    ("Today's vote was close.", ("Today", "DATE", "2016-07-06")),
])
def test_today_of_a_generic_noun_is_the_present(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,date,expected", [
    ("Floods are a raw issue in the valley after the dam burst in June.", "2016-02-25",
     ("June", "DATE", "2015-06")),
    ("Since Tuesday's vote, the race looks tight.", "2016-02-25", ("Tuesday", "DATE", "2016-02-23")),
    ("The party meets in June.", "2016-02-25", ("June", "DATE", "2016-06")),
])
def test_the_object_of_after_or_since_in_a_present_sentence_is_behind(nlp, text, date, expected):
    assert expected in tagged(text, date, nlp(text))


def test_that_season_is_of_the_year_just_named(nlp):
    text = "Trade ties frayed during the 2012 dispute. The envoy struck a deal that fall."
    assert ("fall", "DATE", "2012-FA") in tagged(text, "2015-11-10", nlp(text))


@pytest.mark.parametrize("text,expected", [
    ("The fund posted its first weekly loss since May.", []),
    ("The monthly report was late.", []),
    ("Prices are reset weekly.", [("weekly", "SET", "P1W")]),
])
def test_a_frequency_adjective_before_a_noun_is_no_set(text, expected):
    assert [t for t in tagged(text) if t[1] == "SET"] == expected


@pytest.mark.parametrize("text,absent", [
    ("The senator mocked him on Saturday Night Live.", "Saturday"),
    ("He was appointed by a Second Circuit panel.", "a Second"),
])
def test_names_holding_a_day_or_a_unit_are_no_timex(text, absent):
    assert all(absent not in t[0] for t in tagged(text))


def test_a_bare_sept_11_in_a_text_naming_the_attacks_is_2001(nlp):
    text = "The charity began weeks after the 9/11 attacks. Donors were moved after Sept. 11 to give."
    assert ("Sept. 11", "DATE", "2001-09-11") in tagged(text, "2016-03-18")
    other = "The council meets Sept. 11 to vote."
    assert ("Sept. 11", "DATE", "2016-09-11") in tagged(other, "2016-03-18", nlp(other))


def test_last_week_in_another_clause_does_not_move_this_weeks_day(nlp):
    text = ("Shaking off three defeats last week, the mayor won the county vote on Monday and a "
            "recount Tuesday.")
    values = tagged(text, "2016-03-23", nlp(text))
    assert ("Monday", "DATE", "2016-03-21") in values and ("Tuesday", "DATE", "2016-03-22") in values


def test_last_week_in_the_sentence_before_still_dates_a_bare_day(nlp):
    text = "Last week, the regulator opened an inquiry. Its chief announced it on Tuesday."
    assert ("Tuesday", "DATE", "2016-03-15") in tagged(text, "2016-03-23", nlp(text))


@pytest.mark.parametrize("text,date,expected", [
    ("The envoys fly to Rome for the coming weekend.", "2016-06-14", ("the coming weekend", "DATE", "2016-W24-WE")),
    ("The party needs those donors come November.", "2016-03-23", ("November", "DATE", "2016-11")),
    ("Shares closed up on Friday. Oil slid. The bank gained after trading lower earlier in the day.", "2016-07-30",
     ("the day", "DATE", "2016-07-29")),
])
def test_coming_weekend_come_november_and_earlier_in_the_day(nlp, text, date, expected):
    assert expected in tagged(text, date, nlp(text))


@pytest.mark.parametrize("text,absent", [
    ("The march ended at 1600 Pennsylvania Avenue.", "1600"),
    ("She hopes for a second-place finish.", "A second"),
])
def test_an_address_or_an_ordinal_compound_is_no_timex(text, absent):
    assert all(t[0] != absent for t in tagged(text))


@pytest.mark.parametrize("text,date,expected", [
    # Monday: the rally slated for Wednesday was two days ahead when it was called off
    ("The union postponed a march slated for Wednesday downtown.", "2016-06-13",
     ("Wednesday", "DATE", "2016-06-15")),
    # Wednesday: the vote scheduled for Tuesday was yesterday's
    ("The vote, scheduled for Tuesday, went ahead as planned.", "2016-06-15", ("Tuesday", "DATE", "2016-06-14")),
])
def test_a_day_something_was_slated_for_is_the_nearer_one(nlp, text, date, expected):
    assert expected in tagged(text, date, nlp(text))


def test_a_programme_named_by_a_length_is_no_timex():
    assert tagged("He defended the plan on CBS' 60 Minutes.") == []


@pytest.mark.parametrize("text,expected", [
    ("Billions of dollars of grain a year cross the strait.", ("a year", "SET", "P1Y")),
    ("She has held the seat for nearly a quarter-century.", ("a quarter-century", "DURATION", "P25Y")),
])
def test_an_amount_several_words_back_makes_a_rate_and_a_quarter_century_is_25_years(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text", [
    "Organisers of the Coalition to Halt Tolls and March on the Capitol met.",
    "The group, March for Farmers at the Fair, plans a rally.",
])
def test_march_as_a_name_or_verb_is_no_month(text):
    assert [t for t in tagged(text) if t[0] == "March"] == []


def test_a_month_named_in_a_past_clause_of_the_year_just_named_is_that_years(nlp):
    text = "Strikes at the 1972 congress in Lyon sealed the minister's defeat that November."
    assert ("November", "DATE", "1972-11") in tagged(text, "2016-06-23", nlp(text))


def test_a_month_naming_a_noun_in_a_past_sentence_is_not_pushed_back(nlp):
    text = "The governor clinched the party's nod on Tuesday, setting up the November contest."
    assert ("November", "DATE", "2016-11") in tagged(text, "2016-07-27", nlp(text))


def test_the_half_of_a_named_span_is_not_this_years_half():
    values = tagged("Mills opened in the second half of the 19th century. Sales rose in the second half of the year.")
    assert ("the 19th century", "DATE", "18") in values
    assert ("the second half of the year", "DATE", "2016-H2") in values
    assert all(t[0] != "the second half" for t in values)


@pytest.mark.parametrize("text", [
    "The gain is ''10 times the loss,'' he said.",
    "He said so on ABC's ''This Week.''",
])
def test_typewriter_quote_marks_make_no_year_and_a_quoted_title_no_week(text):
    assert tagged(text) == []


def test_an_infinitive_completing_a_past_verb_is_past(nlp):
    text = "I needed to spend the weekend on the speech."
    assert ("the weekend", "DATE", "2016-W17-WE") in tagged(text, "2016-05-04", nlp(text))


@pytest.mark.parametrize("text,expected", [
    ("The pier closed a quarter-century ago.", ("a quarter-century ago", "DATE", "1991")),
    ("Half a century ago the pier opened.", ("Half a century ago", "DATE", "1966")),
])
def test_a_fraction_of_a_century_ago(text, expected):
    assert expected in tagged(text, "2016-05-17")


def test_later_weekday_is_the_weekday_just_named(nlp):
    text = "The envoy criticised the plan on Monday. Delegates may heckle him when he speaks later Monday."
    assert ("later Monday", "DATE", "2016-03-21") in tagged(text, "2016-03-22", nlp(text))
