"""Reference time and direction: what a relative date is read against (docs/time.md).

News: the article date is the anchor unless the clause itself names another time; a year
named paragraphs earlier never anchors a later weekday or month. Histories (most years far
from the article date, few words that point at the article's own days) read each relative
date against the narrative's last date. Sentences are our own.
"""

from __future__ import annotations

import pytest

from newsgraph.nlp.time import extract as T


def tag(nlp, text, date):
    doc = nlp(text)
    return {text[r.start:r.end]: r.value for r in T.tag_text(text, date, doc)}


PROFILE = ("The Harwick mill opened in 1952 and was sold in 1961.\n\n"
           "Its founder, who was born in 1921, ran it until 1979.\n\n"
           "On Wednesday the town council voted to demolish the mill. Work began in March, "
           "and the owners will appeal in November.")


def test_a_year_named_paragraphs_earlier_does_not_anchor_news_dates(nlp):
    got = tag(nlp, PROFILE, "2024-10-17")  # a Thursday
    assert got["Wednesday"] == "2024-10-16"
    assert got["March"] == "2024-03"
    assert got["November"] == "2024-11"


def test_a_year_in_the_same_clause_sets_the_month(nlp):
    got = tag(nlp, "In 1990 the plant closed in March.", "2024-10-15")
    assert got["March"] == "1990-03"


def test_a_year_in_another_clause_of_the_sentence_does_not(nlp):
    got = tag(nlp, "Under a plan adopted in 1987, the firm had bought back shares through Sept. 29.", "2024-10-30")
    assert got["Sept. 29"] == "2024-09-29"


def test_a_history_reads_dates_against_its_own_last_date(nlp):
    text = ("The siege of Varn began in May 1811. The garrison held out through 1812, and in 1813 "
            "the relief army crossed the river; by 1814 the war was over. "
            "On 3 June 1813 the relief column reached the walls. Two days later the gates opened.")
    got = tag(nlp, text, "2009-12-19")
    assert got["Two days later"] == "1813-06-05"


@pytest.mark.parametrize("sentence,date,expected", [
    ("The company collapsed in November.", "2024-02-10", "2023-11"),  # past: not after the article
    ("The company will list its shares in November.", "2024-02-10", "2024-11"),  # future: ahead
    ("Trading in the shares resumes in January.", "2024-10-30", "2025-01"),  # no past: near ahead
    ("Shares traded near their high in March.", "2024-10-30", "2024-03"),  # no past, far ahead: behind
    ("The board declared a dividend, payable Dec. 1 to holders of record.", "2024-10-15", "2024-12-01"),
    ("The new rate is effective Feb. 1.", "2024-10-15", "2025-02-01"),
])
def test_a_month_without_a_year_follows_tense_and_direction(nlp, sentence, date, expected):
    got = tag(nlp, sentence, date)
    assert expected in got.values(), got


@pytest.mark.parametrize("sentence,expected", [
    ("The ferry sank on Friday.", "2024-10-11"),
    ("The ferry will sail on Friday.", "2024-10-18"),
    ("The ferry is scheduled to sail Friday.", "2024-10-18"),
    ("The exchange is to resume trading Thursday.", "2024-10-17"),
    ("The exchange will resume trading Tuesday.", "2024-10-15"),  # the article's own day: today
])
def test_a_weekday_follows_tense(nlp, sentence, expected):
    got = tag(nlp, sentence, "2024-10-15")  # a Tuesday
    assert expected in got.values(), got


def test_weeks_ago_do_not_pick_the_week_of_a_later_weekday(nlp):
    text = ("Claims began arriving nearly two weeks ago. "
            "In trading Friday, the insurer's shares closed lower.")
    assert tag(nlp, text, "2024-10-21")["Friday"] == "2024-10-18"


def test_last_week_then_a_weekday_is_that_week(nlp):
    text = "Last week the minister resigned. The charge was made on Tuesday."
    assert tag(nlp, text, "2024-10-17")["Tuesday"] == "2024-10-08"


def test_a_history_full_of_days_later_is_still_a_history(nlp):
    text = ("The rebellion broke out in 1820. Two days later the army mutinied. By 1821 the rebels "
            "held the south; in 1822 they lost it, and in 1823 the king returned. Three days later "
            "the rebels fled. In 1824 a new war began. In March the capital fell.")
    assert tag(nlp, text, "2009-12-19")["March"] == "1824-03"


@pytest.mark.parametrize("sentence,date,expected", [
    # an infinitive looks ahead only after a word that does: not "offers to acquire ... Friday"
    ("The two firms extended their offers to acquire the maker Friday.", "2024-10-21", "2024-10-18"),
    # a plan in the past perfect is a past plan
    ("The offer had been scheduled to expire at midnight Friday.", "2024-10-21", "2024-10-18T24"),
    ("The fund plans to sell the stake Friday.", "2024-10-21", "2024-10-25"),
])
def test_an_infinitive_looks_ahead_only_after_a_forward_word(nlp, sentence, date, expected):
    assert expected in tag(nlp, sentence, date).values()


def test_a_season_in_a_future_sentence_is_the_next_one(nlp):
    assert tag(nlp, "The ferry will return by spring.", "2024-10-15")["spring"] == "2025-SP"
    assert tag(nlp, "The ferry returned in spring.", "2024-10-15")["spring"] == "2024-SP"


@pytest.mark.parametrize("sentence,expected", [
    ("The leader said the chamber would vote by Friday.", "2013-03-22"),
    ("A hearing is scheduled for 10 a.m. Thursday.", "2013-03-21T10:00"),
    ("The report is due Friday.", "2013-03-22"),
    ("The chamber would have voted on Friday.", "2013-03-15"),
])
def test_reported_future_and_schedules_look_ahead(nlp, sentence, expected):
    assert expected in tag(nlp, sentence, "2013-03-20").values()  # a Wednesday


def test_an_obituary_full_of_old_years_is_still_news(nlp):
    text = ("Mara Lindqvist, who founded the Harwick choir, died on Wednesday, her son said. "
            "She was born in 1931, joined the mill in 1950, married in 1955, founded the choir in 1962, "
            "toured in 1971 and retired in 1990. \"She sang every day,\" her son said. "
            "The choir said it would perform in her honour in March.")
    got = tag(nlp, text, "2024-10-17")  # a Thursday
    assert got["Wednesday"] == "2024-10-16"
    assert got["March"] == "2025-03"


@pytest.mark.parametrize("sentence,expected", [
    ("The delegations meet Thursday in Oslo.", "2013-03-21"),  # a schedule in the present: ahead
    ("The exhibition opens on Friday.", "2013-03-22"),
    ("The two leaders meet Wednesday.", "2013-03-20"),  # the article's own day: today
    ("The index, which slipped 2% on Friday, weighs on the market.", "2013-03-15"),  # a past clause
    ("He says Friday's vote was rigged.", "2013-03-15"),
])
def test_a_present_schedule_looks_ahead(nlp, sentence, expected):
    assert expected in tag(nlp, sentence, "2013-03-20").values()  # a Wednesday


def test_a_deadline_in_the_past_perfect_is_past(nlp):
    got = tag(nlp, "The tender had been due to lapse Friday evening.", "2013-03-18")  # a Monday
    assert got["Friday evening"] == "2013-03-15TEV"


@pytest.mark.parametrize("sentence,expected", [
    ("Over the weekend, the rebels shelled the port.", "2013-W11-WE"),  # on a Monday: just past
    ("The rebels plan to shell the port over the weekend.", "2013-W12-WE"),
])
def test_the_weekend_follows_tense(nlp, sentence, expected):
    assert tag(nlp, sentence, "2013-03-18")["the weekend"] == expected


@pytest.mark.parametrize("sentence,expected", [
    ("The merger could close as early as next year's first quarter.", {"next year's first quarter": "2014-Q1"}),
    ("Sales fell in last year's second half.", {"last year's second half": "2012-H2"}),
    ("The airline will return to profit in the first quarter.", {"the first quarter": "2014-Q1"}),
    ("The airline returned to profit in the first quarter.", {"the first quarter": "2013-Q1"}),
    ("The airline will report third-quarter results next month.", {"third-quarter": "2013-Q3"}),
])
def test_quarters_and_halves_of_a_named_year(nlp, sentence, expected):
    got = tag(nlp, sentence, "2013-10-22")
    for k, v in expected.items():
        assert got[k] == v, got


def test_quarters_referred_back_to_are_reported_ones(nlp):
    text = ("Brandt Steel posted third-quarter profit of $40 million. It expects weak demand in the "
            "fourth quarter and a recovery in the third quarter of 2014. In the year-ago period, it "
            "earned $55 million. In the latest quarter, shipments fell.")
    got = tag(nlp, text, "2013-10-22")
    assert got["the year-ago period"] != "2013-Q3"  # not a year before the forecast's 2014-Q3
    assert got["the latest quarter"] == "2013-Q3"  # the fourth quarter has not ended


def test_the_quarter_is_not_the_comparisons_period(nlp):
    text = ("Orlen Foods reported sales of $90 million for the fiscal second quarter. "
            "In the 2012 period, it earned $3 million. Orlen said it shipped 500 tons in the quarter.")
    assert tag(nlp, text, "2013-10-22")["the quarter"] == "2013-Q2"


@pytest.mark.parametrize("sentence,expected", [
    ("The senator is questioning the sound at Monday's hearing.", {"Monday": "2016-09-26"}),
    ("The governor is rallying supporters Friday evening in Toledo.", {"Friday evening": "2016-09-30TEV"}),
    ("The senator will speak in Toledo later Friday.", {"later Friday": "2016-09-30"}),
    ("Following Monday's hearing, the panel adjourned.", {"Monday": "2016-09-26"}),
    ("Forty floods, forty since March 3.", {"March 3": "2016-03-03"}),
])
def test_a_weekday_on_the_articles_own_day_and_words_that_are_not_direction(nlp, sentence, expected):
    got = tag(nlp, sentence, "2016-09-30")  # a Friday
    for k, v in expected.items():
        assert got.get(k) == v, got


def test_the_weekend_on_a_monday_is_the_one_just_past(nlp):
    got = tag(nlp, "The ad quotes a report from over the weekend.", "2016-10-03")  # a Monday
    assert got["the weekend"] == "2016-W39-WE"


def test_a_present_schedule_with_a_date_looks_ahead(nlp):
    assert tag(nlp, "The new tax year begins Oct. 1.", "2013-03-13")["Oct. 1"] == "2013-10-01"


@pytest.mark.parametrize("sentence,expected", [
    # an infinitive after a noun takes the tense of the noun's verb
    ("The premier said the country would declare its wish to leave the pact by the end of March.", "2017-03"),
    ("The bank announced an agreement to buy the lender in January.", "2016-01"),
    ("Output must double by March.", "2017-03"),  # "by" and no past: a deadline ahead
    ("Output had doubled by March.", "2016-03"),
])
def test_deadlines_and_infinitives_after_a_noun(nlp, sentence, expected):
    assert expected in tag(nlp, sentence, "2016-10-05").values()


def test_earlier_in_the_day_is_the_day_just_named_and_the_idiom_is_no_timex(nlp):
    text = ("The two rivals addressed the veterans on Wednesday. In a speech earlier in the day, "
            "the senator spoke of the budget. At the end of the day, voters decide.")
    doc = nlp(text)
    got = [(text[r.start:r.end], r.start, r.value) for r in T.tag_text(text, "2016-09-08", doc)]
    assert [(t, v) for t, _, v in got if t == "the day"] == [("the day", "2016-09-07")], got


def test_a_short_obituary_full_of_years_is_news(nlp):
    text = ("Born in 1931 in Leeds, Hale trained as a printer in 1950, founded his press in 1962, "
            "sold it in 1984 and wrote a memoir in 1997. He died on Sunday at home.")
    assert tag(nlp, text, "2016-10-20")["Sunday"] == "2016-10-16"


def test_news_about_one_past_event_is_not_a_history(nlp):
    text = ("The dam failed in May 2009. Engineers had warned in March 2009 that the 2009 floods "
            "would test it. A 2009 report, and a 2011 inquiry into the 2009 collapse, blamed the owner. "
            "In March the council approved the rebuild.")
    assert tag(nlp, text, "2016-10-20")["March"] == "2016-03"
