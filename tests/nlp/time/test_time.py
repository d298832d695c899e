"""The time layer: TIMEX3 values, reference-time tracking, quotes' speech time, data files."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from newsgraph.nlp.time import extract as T
from newsgraph.nlp.time import index, normalize, speech

from conftest import ROOT

VALUE = re.compile(
    r"^(?:\d{4}(?:-\d{2}(?:-\d{2}(?:T[\dA-Z:]+)?)?|-W\d{2}(?:-WE)?|-(?:SP|SU|FA|WI)|-Q[1-4]|-H[12])?"
    r"|\d{2,3}|XXXX(?:-[\dX]{2}(?:-[\dX]{2}(?:T\w+)?)?|-W[X\d]{2}(?:-WE)?|-(?:SP|SU|FA|WI|QX|Q[1-4]|HX|H[12]))?"
    r"|P(?:T?[\dX.]+[A-Z]+)+|PAST_REF|PRESENT_REF|FUTURE_REF)$")


def values(text, date="2024-10-15", doc=None):
    return {text[r.start:r.end]: (r.timex_type, r.value, r.mod) for r in T.tag_text(text, date, doc)}


def test_data_files_load_and_are_well_formed():
    rules = T.load_rules()
    assert len(rules.rules) > 20
    ids = [r.id for r in rules.rules]
    assert len(ids) == len(set(ids))
    for rule in rules.rules:
        assert rule.timex_type in ("DATE", "TIME", "DURATION", "SET")
        assert rule.norm in normalize.NORMALIZERS, rule.id
    for name in ("vocab.toml", "rules.toml"):
        tomllib.loads(resources.files("newsgraph.nlp.time").joinpath(f"data/{name}").read_text("utf-8"))
    assert "say" in rules.speech_verbs


@pytest.mark.parametrize("text,expected", [
    ("Sales rose last year.", ("last year", "DATE", "2023")),
    ("He arrived last week.", ("last week", "DATE", "2024-W41")),
    ("It will open next month.", ("next month", "DATE", "2024-11")),
    ("They met on October 3rd.", ("October 3rd", "DATE", "2024-10-03")),
    ("They met on Oct. 3, 2019.", ("Oct. 3, 2019", "DATE", "2019-10-03")),
    ("It lasted three days.", ("three days", "DURATION", "P3D")),
    ("after months of talks", ("months", "DURATION", "PXM")),
    ("He has of late been quiet.", ("of late", "DATE", "PAST_REF")),
    ("Prices are high now.", ("now", "DATE", "PRESENT_REF")),
    ("It happened yesterday.", ("yesterday", "DATE", "2024-10-14")),
    ("They signed it this past summer.", ("this past summer", "DATE", "2024-SU")),
    ("Profit fell in the third quarter.", ("the third quarter", "DATE", "2024-Q3")),
    ("It was built in the 1990s.", ("the 1990s", "DATE", "199")),
    ("He spoke at 7:15 p.m. yesterday.", ("7:15 p.m. yesterday", "TIME", "2024-10-14T19:15")),
    ("It meets every week.", ("every week", "SET", "P1W")),
])
def test_values_against_the_article_date(text, expected):
    got = values(text)
    assert got[expected[0]][:2] == expected[1:]


def test_mods():
    assert values("early next year")["early next year"] == ("DATE", "2025", "START")
    assert values("for more than four hours")["more than four hours"] == ("DURATION", "PT4H", "MORE_THAN")


def test_extent_leaves_out_the_preposition():
    got = values("The vote was on Sunday.")
    assert got == {"Sunday": ("DATE", "2024-10-13", None)}


def test_no_article_date_gives_underspecified_values():
    got = values("He left on Tuesday and returns next week; it was June 5.", date=None)
    assert got["Tuesday"][1] == "XXXX-XX-XX"
    assert got["next week"][1] == "XXXX-WXX"
    assert got["June 5"][1] == "XXXX-06-05"
    assert all(VALUE.match(v[1]) for v in got.values())


def test_impossible_date_is_tagged_with_a_valid_value():
    got = values("The deal closed on February 30, 2023.")
    (key,) = [k for k in got if "February" in k]
    assert got[key][1] == "2023-02"
    assert values("on February 30", date=None)["February 30"][1] == "XXXX-02"


def test_every_value_is_well_formed_on_a_mixed_text():
    text = ("Last week, on Tuesday, and in June 1940, the 1990s, the past three years, mid-1996, "
            "two weeks ago, the weekend, Christmas, this morning, noon Saturday, annually, the fourth quarter.")
    for r in T.tag_text(text, "1998-03-01"):
        assert VALUE.match(r.value), (text[r.start:r.end], r.value)


def test_narrative_documents_anchor_to_their_own_dates():
    text = ("The war began in June 1940. In 1940 the army moved; in 1941 it rested; in 1942 it fought. "
            "In July 1942 the offensive began. The next spring the army advanced.")
    got = values(text, date="2009-12-19")
    assert got["The next spring"][1] == "1943-SP"


def test_seed_timexes(nlp, seed_article):
    doc = nlp(seed_article.text)
    got = {seed_article.text[r.start:r.end]: r.value for r in T.tag_text(seed_article.text, seed_article.day, doc)}
    assert got["Sunday"] == "2024-10-13"
    assert got["the entire next week"] == "2024-W42"  # Zelensky's week, not the article's
    assert got["Last week"] == "2024-W41"
    assert got["Tuesday"] == "2024-10-08"  # "last week ... on Tuesday"
    assert got["October 3rd"] == "2024-10-03"
    assert got["June"] == "2024-06"
    assert got["this past summer"] == "2024-SU"
    assert got["months"] == "PXM"
    assert got["of late"] == "PAST_REF"
    assert got["currently"] == "PRESENT_REF"
    assert len(got) == 10  # the seed's ten timexes, no more


def test_extract_builds_records(nlp, seed_article):
    doc = nlp(seed_article.text)
    records = T.extract(doc, seed_article, {})
    assert records and all(r.kind == "timex" for r in records)
    for r in records:
        assert seed_article.text[r.start:r.end] == r.text
    week = next(r for r in records if r.text == "the entire next week")
    assert week.anchor == "2024-10-13" and week.anchor_source == "quote"


def test_governing_timex_uses_the_dependency_tree(nlp):
    from newsgraph.records import Timex, make_record

    text = "On Monday the minister said that troops arrived on Friday."
    doc = nlp(text)
    timexes = [make_record(Timex, "a", 0, r.start, r.end, text[r.start:r.end], "time", "1",
                           timex_type=r.timex_type, value=r.value) for r in T.tag_text(text, "2024-10-15", doc)]
    said = next(t for t in doc if t.text == "said")
    arrived = next(t for t in doc if t.text == "arrived")
    assert T.governing_timex(doc[said.i:said.i + 1], timexes).text == "Monday"
    assert T.governing_timex(doc[arrived.i:arrived.i + 1], timexes).text == "Friday"


def test_tense_picks_past_or_future_weekday(nlp):
    past = "The minister spoke on Friday."
    future = "The minister will speak on Friday."
    assert values(past, doc=nlp(past))["Friday"][1] == "2024-10-11"
    assert values(future, doc=nlp(future))["Friday"][1] == "2024-10-18"


def test_tagging_is_fast_enough():
    import time as clock

    text = "On Sunday, last week and in June 2019 prices fell for three months. " * 200
    start = clock.perf_counter()
    T.tag_text(text, "2024-10-15")
    assert clock.perf_counter() - start < 5


# a TIMEX3 date whose unknown digits are X (TimeML allows X in any date field)
PARTIAL = re.compile(r"^[\dX]{4}(?:-(?:[\dX]{2}(?:-[\dX]{2})?|W[\dX]{2}(?:-WE)?|Q[1-4X]|H[12X]|SP|SU|FA|WI))?(?:T\w[\w:]*)?$")


def _quoted(nlp, text, date="2024-10-15"):
    doc = nlp(text)
    return {text[r.start:r.end]: r for r in T.tag_text(text, date, doc)}


def test_quote_spoken_on_a_day_is_read_from_that_day(nlp):
    got = _quoted(nlp, 'On Sunday, the mayor of Pellworth said: "Next week we will open the bridge."')
    assert got["Next week"].value == "2024-W42" and got["Next week"].anchor_source == "quote"


def test_a_typewriter_quote_is_read_from_its_speech_day(nlp):
    got = _quoted(nlp, "On Sunday, the mayor of Pellworth said: ``Next week we will open the bridge.''")
    assert got["Next week"].value == "2024-W42" and got["Next week"].anchor_source == "quote"


def test_quote_spoken_in_a_month_keeps_what_the_month_determines(nlp):
    # said some day in September 2024: "next month" is October whichever day it was ...
    got = _quoted(nlp, 'Last month, the mayor of Pellworth said: "Next month we will open the bridge, '
                       'and the ferry will stop next year."')
    assert got["Next month"].value == "2024-10" and got["Next month"].anchor_source == "quote"
    assert got["next year"].value == "2025"


def test_quote_spoken_in_a_month_leaves_a_finer_value_underspecified(nlp):
    # ... but "next week" is one of several weeks: the week field is unknown, not the article's
    got = _quoted(nlp, 'Last month, the mayor of Pellworth said: "Next week we will open the bridge."')
    assert got["Next week"].value == "2024-WXX"
    assert got["Next week"].anchor_source == "quote" and PARTIAL.match(got["Next week"].value)


def test_quote_spoken_in_a_week_keeps_the_month_it_fixes(nlp):
    got = _quoted(nlp, 'Last week the harbour master of Pellworth said: "We finished the repairs yesterday."')
    assert got["yesterday"].value == "2024-10-XX"  # 6 to 12 October: the month is known


def test_a_time_after_the_article_date_is_no_speech_time(nlp):
    # "in July" is when the council meets, not when the mayor spoke: her next quote is read
    # from her last dated saying (Wednesday), not from July
    text = ('The mayor insisted at a harbour rally Wednesday that she is still in the race. But she cut '
            'her staff and began talking about what happens "if we lose."\n\n'
            'She said she intends to win every ward possible, so she will have enough votes at the council '
            'meeting in July to pass "the boldest budget this town has seen."\n\n'
            '"Our job, win or lose, is to change the town in a way that does not exist today," she told 300 '
            'people gathered at the pier.')
    got = _quoted(nlp, text, date="2016-04-28")
    assert got["July"].value == "2016-07"
    assert got["today"].value == "2016-04-27" and got["today"].anchor_source == "quote"


@pytest.mark.parametrize("a,b,common", [
    ("2024-W36", "2024-W40", "2024-WXX"),
    ("2024-10-06", "2024-10-12", "2024-10-XX"),
    ("2019-01-02", "2020-01-01", "20XX-XX-XX"),
    ("2024-09-30T14:00", "2024-10-01T14:00", "2024-XX-XXT14:00"),
    ("2024-Q3", "2024-Q4", "2024-QX"),
    ("2024-10", "2024-10", "2024-10"),
    ("2024-SU", "2024-FA", None),
])
def test_common_value_of_two_readings(a, b, common):
    assert speech._common_value(a, b) == common


def test_restricted_scan_finds_what_a_full_scan_finds():
    text = ("Late Sept. 2023, in the '90s, at 5:30 p.m. EST on Tuesday, the first quarter of fiscal 1998, "
            "three weeks ago, every other month, the year-ago period, for years, mid-1990s, 14:00 GMT, "
            "two thousand and two, Sep 3, weekends, the 1980s, noon Monday, 2024-10-15, 10/15/2024, Q3 1998, "
            "(mid-December), \"Thursday\", 'Tis 4pm.")
    rules = T.load_rules()
    starts = index._starts_by_rule(text, rules)
    for i, rule in enumerate(rules.rules):
        full = [m.span() for m in rule.regex.finditer(text)]
        assert [m.span() for m in index._scan(rule.regex, text, starts[i])] == full, rule.id


def test_the_rule_indexes_only_save_work_the_matches_are_those_of_scanning_everything():
    """The lead-word index (built from re's private parser, absent on some Pythons) and the
    trigger index narrow where rules are tried; without either the matches are the same."""
    import dataclasses

    from newsgraph.nlp.time.extract import find_matches, load_rules

    texts = [p.read_text("utf-8") for p in sorted((ROOT / "examples" / "articles").iterdir())]
    texts.append("On Monday, two weeks ago, the K-day of 3 March 2024 and late last year; "
                 "in the 1990s, mid-2023, Q3 2021, the past 48 hours, 10:30 a.m. ET on Friday.")
    rules = load_rules()
    assert rules.leads is not None and rules.triggers is not None
    triggers_only = dataclasses.replace(rules, leads=None, token_rules={}, pair_rules={})
    everywhere = dataclasses.replace(rules, triggers=None, leads=None, token_rules={}, pair_rules={})
    found = 0
    for text in texts:
        expected = [(m.start, m.end, m.rule.id) for m in find_matches(text, everywhere)]
        assert [(m.start, m.end, m.rule.id) for m in find_matches(text, rules)] == expected
        assert [(m.start, m.end, m.rule.id) for m in find_matches(text, triggers_only)] == expected
        found += len(expected)
    assert found > 50
