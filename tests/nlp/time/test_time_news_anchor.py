"""What anchors a timex in news (issue 25, fifth round): a quote is not read from a flashback,
weeks named by the day they hold, holidays and references of news. Sentences are our own."""

from __future__ import annotations

import pytest

from newsgraph.nlp.time import extract as T


def tagged(text, date="2016-10-20", doc=None):
    return [(text[r.start:r.end], r.timex_type, r.value) for r in T.tag_text(text, date, doc)]


def test_another_speakers_quote_is_not_read_from_a_flashback(nlp):
    text = ('Supporters cheered loudly, although few of them expected a win two years ago when the '
            'mayor first ran. "We will open the bridge next week," the mayor told them.')
    assert ("next week", "DATE", "2016-W43") in tagged(text, doc=nlp(text))


def test_another_speakers_quote_is_read_from_a_day_of_the_week(nlp):
    text = 'The minister told reporters on Tuesday that talks had failed. "We fly home tomorrow," an aide added.'
    assert ("tomorrow", "DATE", "2016-10-19") in tagged(text, doc=nlp(text))


@pytest.mark.parametrize("text,expected", [
    ("Despite the week's quarrels, the delegates voted together.", ("the week", "DATE", "2016-W42")),
    ("The month’s rainfall broke a record.", ("The month", "DATE", "2016-10")),
])
def test_the_unit_possessive_in_news_is_the_current_one(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,expected", [
    ("Inspectors will arrive the week of March 6, the agency said.", ("the week of March 6", "DATE", "2017-W10")),
    ("Talks stalled the week of Sept. 3, 2012.", ("the week of Sept. 3, 2012", "DATE", "2012-W36")),
])
def test_the_week_of_a_date_is_that_week(nlp, text, expected):
    assert tagged(text, doc=nlp(text)) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("A neighbour tried the same trick a short while ago.", ("a short while ago", "DATE", "PAST_REF")),
    ("The farm was sold some time ago.", ("some time ago", "DATE", "PAST_REF")),
    ("Until recently, the mill hired every spring.", ("recently", "DATE", "PAST_REF")),
])
def test_vague_past_references(text, expected):
    assert expected in tagged(text)


def test_new_years_is_the_first_of_january():
    assert ("New Year's", "DATE", "2017-01-01") in tagged("The shop will reopen after New Year's.")


@pytest.mark.parametrize("text,expected", [
    ("Traffic peaked over the Labor Day weekend.", ("the Labor Day weekend", "DATE", "2016-W35-WE")),
    ("Shops will stay open through the Thanksgiving weekend.", ("the Thanksgiving weekend", "DATE", "2016-W47-WE")),
])
def test_a_holiday_weekend_is_the_weekend_beside_it(nlp, text, expected):
    assert tagged(text, doc=nlp(text)) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("Ballots will go out in the first week of March.", ("the first week of March", "DATE", "2017-W09")),
    ("Prices dropped during the last week of August 2012.", ("the last week of August 2012", "DATE", "2012-W35")),
])
def test_the_nth_week_of_a_month_is_one_week(nlp, text, expected):
    assert tagged(text, doc=nlp(text)) == [expected]


def test_black_monday_is_the_crash_not_this_weeks_monday():
    assert tagged("Traders still speak of Black Monday with dread.") == [("Black Monday", "DATE", "1987-10-19")]


@pytest.mark.parametrize("text,date,value", [
    ("Counting back from Election Day, the parties are already hiring staff.", "2016-04-10", "2016-11-08"),
    ("Turnout fell on Election Day.", "2016-04-10", "2015-11-03"),
    ("Retailers report that Christmas sales beat forecasts.", "2017-01-05", "2016-12-25"),
])
def test_a_holiday_in_news_is_the_next_one_unless_past(nlp, text, date, value):
    got = {t: v for t, _, v in tagged(text, date, nlp(text))}
    assert got[next(k for k in got if k.endswith("Day") or k == "Christmas")] == value


@pytest.mark.parametrize("text,expected", [
    ("The candidate stumbled over the past half-dozen days.", ("the past half-dozen days", "DURATION", "P6D")),
    ("The repairs took half a dozen years.", ("half a dozen years", "DURATION", "P6Y")),
])
def test_half_a_dozen_is_six(text, expected):
    assert expected in tagged(text)


def test_a_news_lede_with_a_weekday_keeps_later_months_in_the_article_year(nlp):
    lede = "WASHINGTON - The governor boasted at Saturday's forum that he had cut taxes. "
    body = ("Records show donors gave most in 2008. Many backed her since 1999. In 2000 she ran for the "
            "Senate. In 2006 a fund hired her aide. The fund's head spoke again in 2004. ") * 30
    text = lede + body + "The fund's head told a radio host in May that he had no regrets."
    got = [v for t, _, v in tagged(text, "2015-11-17", nlp(text)) if t == "May"]
    assert got == ["2015-05"]


@pytest.mark.parametrize("text,span,value", [
    ("The rivals kept up their attacks ahead of Tuesday's vote.", "Tuesday", "2016-06-07"),
    ("On Sunday the candidate urged students to vote Tuesday.", "Tuesday", "2016-06-07"),
    ("When asked in a radio interview in October, the senator said no.", "October", "2015-10"),
    ("The party fears losing seats if the governor is on the ballot in November.", "November", "2016-11"),
    ("The deal, announced Friday, gives holders a dividend.", "Friday", "2016-06-03"),
])
def test_direction_from_the_clause(nlp, text, span, value):
    got = {t: v for t, _, v in tagged(text, "2016-06-06", nlp(text))}
    assert got[span] == value


@pytest.mark.parametrize("text,expected", [
    ("The rumour began on a site called Daily Truth Right Now.", []),
    ("Right now, the count is close.", [("Right now", "DATE", "PRESENT_REF")]),
])
def test_now_inside_a_name_is_no_timex(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The governor signed Senate Bill 2040 in April.", [("April", "DATE", "2016-04")]),
    ("Flight 1549 landed safely in 2009.", [("2009", "DATE", "2009")]),
    ("A surge of late-deciding voters lifted him.", []),
])
def test_numbers_that_are_no_years(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The campaign needs a lift over the next week.", ("the next week", "DURATION", "P1W")),
    ("Sales should recover during the coming month.", ("the coming month", "DURATION", "P1M")),
    ("Rates rise next month.", ("next month", "DATE", "2016-11")),
])
def test_a_span_ahead_after_a_preposition_is_a_duration(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,expected", [
    ("The couple spoke on the Today show about their son.", []),
    ("That report was for Radio Free Today.", []),
    ("WASHINGTON - Today the Senate voted.", [("Today", "DATE", "2016-10-20")]),
    ("Such leaks become yesterday's news within hours.", [("hours", "DURATION", "PTXH")]),
    ("At yesterday's news conference, the mayor resigned.", [("yesterday", "DATE", "2016-10-19")]),
])
def test_names_and_idioms_of_today_and_yesterday(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("In the first hours of the flood, roads closed.", ("the first hours", "DURATION", "PTXH")),
    ("The early years of the republic were poor.", ("The early years", "DURATION", "PXY")),
    ("During the final months of the siege, water ran out.", ("the final months", "DURATION", "PXM")),
])
def test_the_first_or_final_units_of_something_are_a_vague_duration(text, expected):
    assert tagged(text) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("Trading halted in mid-afternoon yesterday.", ("mid-afternoon yesterday", "TIME", "2016-10-19TAF")),
    ("The stock recovered late morning today.", ("late morning today", "TIME", "2016-10-20TMO")),
])
def test_a_part_of_day_before_its_day(text, expected):
    assert tagged(text) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("The rally starts at 7:30 tonight.", [("7:30 tonight", "TIME", "2016-10-20T19:30")]),
    ("Staff met at 10 o'clock this morning.", [("10 o'clock this morning", "TIME", "2016-10-20T10:00")]),
    ("The talks ran until 2 in the morning on Tuesday.",
     [("2 in the morning", "TIME", "2016-10-18T02:00"), ("Tuesday", "DATE", "2016-10-18")]),
    ("The striker scored 30 tonight.", [("tonight", "TIME", "2016-10-20TNI")]),
])
def test_an_hour_made_definite_by_a_part_of_the_day(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,span,value", [
    ("Fans are praising the coach's interview on Thursday.", "Thursday", "2016-08-11"),
    ("The senator is holding a rally on Thursday.", "Thursday", "2016-08-18"),
])
def test_a_progressive_of_reacting_looks_back(nlp, text, span, value):
    got = {t: v for t, _, v in tagged(text, "2016-08-12", nlp(text))}
    assert got[span] == value


@pytest.mark.parametrize("text,expected", [
    ("Aides crammed in visits during the last week of the campaign.", [("the last week", "DURATION", "P1W")]),
    ("In the first month of her term, she vetoed two bills.", [("the first month", "DURATION", "P1M")]),
    ("Super Tuesday is next week.", [("Super Tuesday", "DATE", "2016-03-01"), ("next week", "DATE", "2016-W09")]),
])
def test_spans_of_an_event_and_named_voting_days(text, expected):
    assert tagged(text, "2016-02-25") == expected


@pytest.mark.parametrize("text,value", [
    ("The firm said Monday it will rehire the crews.", "2016-10-17"),
    ("The mayor told reporters on Monday he will run again.", "2016-10-17"),
    ("Officials said the road will reopen Monday.", "2016-10-24"),
])
def test_a_weekday_after_a_past_saying_is_the_sayings_day(nlp, text, value):
    got = {t: v for t, _, v in tagged(text, doc=nlp(text))}
    assert got["Monday"] == value


@pytest.mark.parametrize("text,expected", [
    ("She said so on the channel's “This Evening,” a day later.", [("a day", "DURATION", "P1D")]),
    ("The summer analysts were all business.", []),
    ("“This morning, we won,” he said.", [("This morning", "TIME", "2016-06-23TMO")]),
])
def test_titles_and_season_words_that_are_no_time(text, expected):
    assert tagged(text, "2016-06-23") == expected
