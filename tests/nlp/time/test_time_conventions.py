"""TimeML conventions a reader of the timeline notices: durations, ages, rates and sets,
general 'today', anaphoric units. Sentences are our own."""

from __future__ import annotations

import pytest

from newsgraph.nlp.time import extract as T


def tagged(text, date="2024-10-15"):
    return [(text[r.start:r.end], r.timex_type, r.value) for r in T.tag_text(text, date)]


@pytest.mark.parametrize("text,expected", [
    ("The dispute dragged on for a decade.", ("a decade", "DURATION", "P10Y")),
    ("Prices have doubled over the past two decades.", ("the past two decades", "DURATION", "P20Y")),
    ("The bridge stood for half a century.", ("half a century", "DURATION", "P50Y")),
    ("The talks took six months.", ("six months", "DURATION", "P6M")),
    ("A minute and a half later the alarm rang.", ("A minute and a half", "DURATION", "PT1M30S")),
    ("She served two and a half years.", ("two and a half years", "DURATION", "P2Y6M")),
    ("Within minutes the roof caught fire.", ("minutes", "DURATION", "PTXM")),  # not PXM: some months
    ("The ferry was gone for months.", ("months", "DURATION", "PXM")),
    ("The strike lasted for weeks.", ("weeks", "DURATION", "PXW")),
    ("Rents rose to the highest level in years.", ("years", "DURATION", "PXY")),
    ("The harbour has been closed for hours.", ("hours", "DURATION", "PTXH")),
    ("Over the past decade the lake shrank.", ("the past decade", "DURATION", "P10Y")),
    ("The levy would raise $2 billion over the next decade.", ("the next decade", "DURATION", "P10Y")),
])
def test_durations(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text", [
    "The 22-year-old striker signed on.",
    "Workers 55 years old or older may retire.",
    "The firm, a 136-year-old institution, was sold.",
])
def test_an_age_is_not_a_timex(text):
    assert tagged(text) == []


@pytest.mark.parametrize("text,expected", [
    ("The mine ships 300 tons a day.", ("a day", "SET", "P1D")),
    ("The plan costs $33 million a year.", ("a year", "SET", "P1Y")),
    ("Charities raising over $9,000 a year from donors must register.", ("a year", "SET", "P1Y")),
    ("The board meets twice a year.", ("a year", "SET", "P1Y")),
    ("The clinic is open seven days a week and 24 hours a day.", ("a week", "SET", "P1W")),
    ("The field pumps 40,000 barrels of crude a day.", ("a day", "SET", "P1D")),
    ("The market opens every Monday.", ("every Monday", "SET", "XXXX-WXX-1")),
    ("The ferry leaves every morning.", ("every morning", "SET", "XXXX-XX-XXTMO")),
    ("The fee rises annually.", ("annually", "SET", "P1Y")),
    ("The festival returns each summer.", ("each summer", "SET", "XXXX-SU")),
])
def test_sets(text, expected):
    assert expected in tagged(text)


def test_a_year_as_a_stretch_of_time_stays_a_duration():
    assert ("a year", "DURATION", "P1Y") in tagged("It was a year of strife.")
    assert ("a year ago", "DATE", "2023") in tagged("Sales rose 5% from a year ago.")


def test_today_in_a_general_sense_is_the_present():
    assert ("today", "DATE", "PRESENT_REF") in tagged("Children in today's world read less.")
    assert ("Today", "DATE", "2024-10-15") in tagged("Today's meeting was cancelled.")


def test_the_year_ended_is_a_year_long_duration_and_the_year_is_this_year():
    got = tagged("Revenue for the year ended March 31 fell, and shares hit a high for the year.")
    assert ("the year", "DURATION", "P1Y") in got
    assert ("the year", "DATE", "2024") in got
    assert ("the day", "DATE", "2024-10-15") in tagged("The minister arrived later in the day.")


def test_anaphoric_units_follow_the_date_named_before():
    got = tagged("On May 22, 1995, he was promoted, and the following year he retired.")
    assert ("the following year", "DATE", "1996") in got
    assert ("that year", "DATE", "1988") in tagged("Imports rose in 1988; that year exports fell.")


@pytest.mark.parametrize("text,expected", [
    ("Police said it is now calm.", ("now", "DATE", "PRESENT_REF")),
    ("The current mayor resigned.", ("current", "DATE", "PRESENT_REF")),
    ("The rules changed recently.", ("recently", "DATE", "PAST_REF")),
    ("It was built in the 1990s.", ("the 1990s", "DATE", "199")),
    ("The club was founded in the '60s.", ("the '60s", "DATE", "196")),
    ("The ferry sails in the winter of 2025.", ("the winter of 2025", "DATE", "2025-WI")),
])
def test_timeml_reference_words_decades_and_seasons(text, expected):
    assert expected in tagged(text)


def test_years_before_christ_and_dates_read_from_them():
    text = ("The league was founded in 478 BC. In 477 BC its fleet sailed, and in 476 BC it took "
            "Eion; by 470 BC it ruled the sea, and in 466 BC it won at the Eurymedon. "
            "The following year the allies revolted. In mid-August the island fell.")
    got = tagged(text, "2009-12-19")
    assert ("478 BC", "DATE", "BC0478") in got
    assert ("The following year", "DATE", "BC0465") in got
    assert ("mid-August", "DATE", "BC0465-08") in got
    assert ("June 479 BC", "DATE", "BC0479-06") in tagged("June 479 BC: the battle of the bridge")


@pytest.mark.parametrize("text,expected", [
    ("The strikes of 1915-17 spread.", [("1915", "DATE", "1915"), ("17", "DATE", "1917")]),
    ("During 1861-1863 the mills closed.", [("1861", "DATE", "1861"), ("1863", "DATE", "1863")]),
    ("The revolt (499-493 BC) failed.", [("499", "DATE", "BC0499"), ("493 BC", "DATE", "BC0493")]),
    ("The fair ran 12-14 July 1950.", [("12", "DATE", "1950-07-12"), ("14 July 1950", "DATE", "1950-07-14")]),
])
def test_a_range_is_two_timexes(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The rally starts at 8 PM.", ("8 PM", "TIME", "2024-10-15T20:00")),
    ("Polls closed at 8 PM on Sunday.", ("8 PM", "TIME", "2024-10-13T20:00")),
    ("On Sunday at 8 PM the polls closed.", ("8 PM", "TIME", "2024-10-13T20:00")),
    ("The ferry left on Oct. 3 at 7:45 a.m.", ("7:45 a.m.", "TIME", "2024-10-03T07:45")),
])
def test_a_clock_time_is_a_time_of_its_day(text, expected):
    assert expected in tagged(text)


def test_in_a_history_today_in_a_month_is_an_unknown_day():
    text = ("The siege began in 1940. In 1941 the city starved, in 1942 it held, in 1943 the front moved "
            "and in 1944 the siege was lifted. In June 1944 the governor declared that the city would stand today.")
    got = tagged(text, "2009-12-19")
    assert ("today", "DATE", "XXXX-XX-XX") in got


@pytest.mark.parametrize("text,expected", [
    ("The pier froze in the winter of '58.", ("the winter of '58", "DATE", "1958-WI")),
    ("The club signed him in June '24.", ("June '24", "DATE", "2024-06")),
    ("He restored a '58 roadster.", ("'58", "DATE", "1958")),
    ("The pier was built 58 years ago.", ("58 years ago", "DATE", "1966")),
])
def test_two_digit_years_and_years_ago(text, expected):
    assert expected in tagged(text)


def test_eval_time_scores_one_part(tmp_path):
    from newsgraph.evaluate.time import frozen_split, part_names

    gold = tmp_path / "gold"
    gold.mkdir()
    names = [f"doc{i}" for i in range(40)]
    for name in names:
        (gold / f"{name}.tml").write_text("<TimeML/>", encoding="utf-8")
    frozen = part_names(gold, "frozen")
    assert frozen and set(frozen) | set(part_names(gold, "tune")) == set(names)
    assert all(frozen_split(n) == "frozen" for n in frozen) and 6 <= len(frozen) <= 20


def test_the_last_half_of_a_year_and_a_couple_of_years():
    assert ("the last half of 2023", "DATE", "2023-H2") in tagged("Sales slowed in the last half of 2023.")
    assert ("the next couple of years", "DURATION", "P2Y") in tagged("Over the next couple of years it grows.")


@pytest.mark.parametrize("text,expected", [
    ("The hostage was killed soon after his capture.", []),
    ("It matters to the future of both towns.", []),
    ("A second group of directors resigned.", []),
    ("The island will one day be a park.", [("one day", "DATE", "FUTURE_REF")]),
    ("In the future, fares will rise.", [("the future", "DATE", "FUTURE_REF")]),
])
def test_words_that_only_look_like_timexes(text, expected):
    assert tagged(text) == expected


def test_the_morning_is_of_the_day_just_named():
    got = tagged("Shares fell Friday. Dealers sold heavily in the morning.", "2024-10-21")
    assert ("the morning", "TIME", "2024-10-18TMO") in got
    assert ("this morning", "TIME", "2024-10-21TMO") in tagged("Shares fell this morning.", "2024-10-21")


@pytest.mark.parametrize("text,expected", [
    ("Orders rose from the lows of the early summer.", ("the early summer", "DATE", "2024-SU")),
    ("The army attacked in winter.", ("winter", "DATE", "2024-WI")),
    ("The station reported last night that the dam held.", ("last night", "TIME", "2024-10-14TNI")),
    ("The bonds will be sold at a later date.", ("a later date", "DATE", "FUTURE_REF")),
])
def test_seasons_nights_and_later_dates(text, expected):
    assert expected in tagged(text)


def test_a_season_word_that_is_not_a_season():
    assert tagged("A spring of water rose behind the mill.") == []


@pytest.mark.parametrize("text,expected", [
    ("The fair ran on April 6-7 and the races on May 4 and 5.",
     [("April 6", "DATE", "2024-04-06"), ("7", "DATE", "2024-04-07"), ("May 4", "DATE", "2024-05-04"),
      ("5", "DATE", "2024-05-05")]),
    ("From 15 to 22 February 1984 the guns fired.", [("15", "DATE", "1984-02-15"), ("22 February 1984", "DATE", "1984-02-22")]),
    ("The first war (264 to 241 BC) was at sea.", [("264", "DATE", "BC0264"), ("241 BC", "DATE", "BC0241")]),
    ("The score was 3-2 and the vote 6-7.", []),
])
def test_ranges_with_a_month_or_an_era_once(text, expected):
    assert tagged(text) == expected


def test_season_campaigns_and_generic_nights():
    assert ("Winter", "DATE", "2024-WI") in tagged("Troops of the Chinese Winter Offensive stalled.")
    assert tagged("Convoys moved only at night.") == [("night", "TIME", "XXXX-XX-XXTNI")]


@pytest.mark.parametrize("text,expected", [
    ("Talks should end by the end of the year.", ("the end of the year", "DATE", "2024", "END")),
    ("The plant reopened earlier this week.", ("earlier this week", "DATE", "2024-W42", "START")),
    ("Its Q3 2023 results disappointed.", ("Q3 2023", "DATE", "2023-Q3", None)),
])
def test_modified_units_and_q_quarters(text, expected):
    got = [(text[r.start:r.end], r.timex_type, r.value, r.mod) for r in T.tag_text(text, "2024-10-15")]
    assert expected in got


@pytest.mark.parametrize("text,expected", [
    ("On the night of April 18, 1775, the troops moved.", ("the night of April 18, 1775", "TIME", "1775-04-18TNI")),
    ("The reply is due on 14 January.", ("14 January", "DATE", "2025-01-14")),
    ("They fought in August and September 1914.", ("August", "DATE", "1914-08")),
    ("Losses between March and April 1918 were heavy.", ("March", "DATE", "1918-03")),
])
def test_parts_of_named_days_and_months_sharing_a_year(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,expected", [
    ("Thousands joined the Long March.", []),
    ("The Women's March on Versailles began.", []),
    ("After the fall of Paris, the court fled.", []),
    ("In March Congress passed the bill.", [("March", "DATE", "2024-03")]),
    ("In the fall of 1942 the front held.", [("the fall of 1942", "DATE", "1942-FA")]),
    ("The offensive of the 1982 summer failed.", [("1982 summer", "DATE", "1982-SU")]),
])
def test_months_and_seasons_inside_names_are_not_timexes(text, expected):
    assert tagged(text) == expected


def test_a_month_of_that_year_and_soon_in_a_history():
    assert ("August of that year", "DATE", "1940-08") in tagged("The war stalled by 1940. In August of that year, it resumed.")
    history = ("The war began in 1861. In 1862 it spread, in 1863 it turned, in 1864 it burned and in 1865 "
               "it ended. The armies soon went home.")
    assert all(value != "FUTURE_REF" for _, _, value in tagged(history, "2009-12-19"))


def test_the_previous_weekday_is_before_the_day_just_named():
    got = tagged("Shares closed lower Friday, down 4.5% from the previous Friday.", "1989-10-30")
    assert got == [("Friday", "DATE", "1989-10-27"), ("the previous Friday", "DATE", "1989-10-20")]
    got = tagged("The vote was on Oct. 9. The following Monday it was annulled.", "1989-10-30")
    assert ("The following Monday", "DATE", "1989-10-16") in got


@pytest.mark.parametrize("text,expected", [
    ("Stores open late on Thanksgiving 2013.", ("Thanksgiving 2013", "DATE", "2013-11-28")),
    ("The parade was on Memorial Day 2013.", ("Memorial Day 2013", "DATE", "2013-05-27")),
    ("The rising began on Easter Monday 1916.", ("Easter Monday 1916", "DATE", "1916-04-24")),
    ("Shops close on Good Friday 2024.", ("Good Friday 2024", "DATE", "2024-03-29")),
])
def test_moving_holidays(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text,absent", [
    ("The senator told USA Today's reporters and USA TODAY readers.", "Today"),
    ("On a day of heavy rain, the parade went ahead.", "a day"),
])
def test_names_and_days_that_are_not_timexes(text, absent):
    assert not [t for t in tagged(text) if absent.lower() in t[0].lower()]


@pytest.mark.parametrize("text,expected", [
    ("The currency fell to a six year low.", ("six year", "DURATION", "P6Y")),
    ("The envoy began a three day visit.", ("three day", "DURATION", "P3D")),
    ("The talks took a year.", ("a year", "DURATION", "P1Y")),
])
def test_a_duration_before_a_noun_leaves_the_article_to_the_noun(text, expected):
    assert expected in tagged(text)


def test_a_clock_time_in_gmt_is_not_a_year():
    assert ("1945 GMT", "TIME", "2024-10-15T19:45") in tagged("The vote closed at 3:45 p.m. EDT (1945 GMT).")


@pytest.mark.parametrize("text,expected", [
    ("The boom of the 1980\u2019s ended.", ("the 1980\u2019s", "DATE", "198")),
    ("Profit in 2019\u2019s first quarter fell.", ("2019\u2019s first quarter", "DATE", "2019-Q1")),
])
def test_a_curly_apostrophe_reads_as_a_straight_one(text, expected):
    assert expected in tagged(text)


def test_a_count_then_a_past_verb_is_no_rate():
    assert ("a week", "DURATION", "P1W") in tagged("The 3 divers waited a week.")


@pytest.mark.parametrize("text,expected", [
    ("The mayor, in his 60s, retired.", []),
    ("Turnout was in the low 40s.", []),
    ("Songs of the 80s returned.", [("the 80s", "DATE", "198")]),
])
def test_an_age_or_a_number_in_the_tens_is_no_decade(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,value", [
    ("Turnout was high on Election Day.", "2016-11-08"),  # the Tuesday after the first Monday
    ("Shoppers queued on Black Friday.", "2016-11-25"),  # the day after Thanksgiving
    ("The parade fell on Veterans Day.", "2016-11-11"),
])
def test_us_holidays_of_news(text, value):
    assert [r.value for r in T.tag_text(text, "2016-12-20")] == [value]


@pytest.mark.parametrize("text,expected", [
    ("The chapel dates to the mid-1800s.", [("the mid-1800s", "DATE", "18")]),
    ("Rents soared in the early 2000s.", [("the early 2000s", "DATE", "200")]),
    ("The town restored a century-old bridge.", []),
])
def test_hundreds_are_centuries_and_century_old_is_an_age(text, expected):
    assert tagged(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The shop closes on the day after Christmas.", ("the day after Christmas", "DATE", "2024-12-26")),
    ("The ferry stops the day before New Year's Eve.", ("the day before New Year's Eve", "DATE", "2024-12-30")),
    ("The choir sings on the evening of Christmas Eve.", ("the evening of Christmas Eve", "TIME", "2024-12-24TEV")),
    ("The pier reopens on Thanksgiving night.", ("Thanksgiving night", "TIME", "2024-11-28TNI")),
    ("She spent a whole week at the lodge.", ("a whole week", "DURATION", "P1W")),
    ("He phoned his mother every single day.", ("every single day", "SET", "P1D")),
    ("The debt is still unpaid to this day.", ("this day", "DATE", "PRESENT_REF")),
    ("Just weeks before the vote, the mayor resigned.", ("weeks", "DURATION", "PXW")),
    ("The lease will last three years.", ("three years", "DURATION", "P3Y")),
])
def test_spans_sets_and_days_next_to_a_holiday(text, expected):
    assert expected in tagged(text)


@pytest.mark.parametrize("text", [
    "The shop sold Christmas cards, Christmas trees and a Halloween-themed calendar.",
    "The Halloween ad ran twice.",
    "Now for the weather in the valley.",
    "She works the night shift at the depot.",
])
def test_a_holiday_as_an_attribute_or_a_discourse_now_is_no_timex(text):
    assert tagged(text) == []


def test_the_night_of_an_event_the_text_does_not_date_has_no_day():
    assert ("the night", "TIME", "XXXX-XX-XXTNI") in tagged("Tapes from the night the ferry sank were released.")


def test_now_in_a_sentence_is_still_present():
    assert ("Now", "DATE", "PRESENT_REF") in tagged("Now, the harbour is quiet again.")
