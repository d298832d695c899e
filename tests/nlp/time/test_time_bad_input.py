"""Bad input to the time layer: a timex with a valid value, or a Failure naming the file,
never a crash; one bad TimeML file never stops the others. Texts and files are our own."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.ingest import timeml as reader
from newsgraph.nlp.time import extract as T

from tests.nlp.time.test_time import VALUE

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>B1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2003-05-02" functionInDocument="CREATION_TIME">20030502</TIMEX3></DCT>
<TEXT>
The mill of Harwick <EVENT eid="e1" class="OCCURRENCE">closed</EVENT> {TIMEX} and reopened on Friday.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t3" />
</TimeML>
"""
GOOD = '<TIMEX3 tid="t3" type="DATE" value="2003-04">in April</TIMEX3>'
NESTED = '<TIMEX3 tid="t3" type="DATE" value="2003-04">in <TIMEX3 tid="t4" type="DATE" value="2003-04">April</TIMEX3></TIMEX3>'
EMPTY = 'in <TIMEX3 tid="t3" type="DATE" value="2003-04"/>April'
BROKEN = '<TIMEX3 tid="t3" type="DATE" value="2003-04">in April'
CROSSED = '<TIMEX3 tid="t3" type="DATE" value="2003-04">in <EVENT eid="e2">April</TIMEX3></EVENT>'


def values(text, date="2024-10-15"):
    return [(text[r.start:r.end], r.value) for r in T.tag_text(text, date)]


def test_five_hundred_dates_are_five_hundred_valid_timexes():
    text = "".join(f"Shipment {i} left on March {1 + i % 28}, {1990 + i % 30}. " for i in range(500))
    got = values(text)
    assert len(got) == 500 and all(VALUE.match(v) for _, v in got)


@pytest.mark.parametrize("text", [
    "The lease ends on February 30.", "The lease ended on February 30, 2023.", "It was signed on 31 April.",
    "It was signed on 32 March 2020.", "The deal of the 31st of February fell through.",
])
def test_an_impossible_day_keeps_its_month(text):
    (got,) = values(text)
    assert VALUE.match(got[1]) and re.fullmatch(r"\d{4}-\d{2}", got[1])


@pytest.mark.parametrize("text", [
    "The probe returns in 20241.", "The code 20241 opens the gate.", "Louis XIV and Pius XII met in MDCCXV.",
    "World War II ended; see chapter IV.", "It took 9999 years ago to form.", "The stamp reads 2024-13-45.",
    "The clock showed 25:61 GMT.", "On 99/99/2020 nothing happened.",
])
def test_numbers_that_are_not_dates_are_no_timex_or_a_valid_one(text):
    assert all(VALUE.match(v) for _, v in values(text))


def test_roman_numerals_and_five_digit_years_are_not_timexes():
    assert values("Louis XIV and Pius XII met in MDCCXV.") == []
    assert values("The probe returns in 20241.") == []


def _write(tmp_path, name, timex):
    path = tmp_path / name
    path.write_text(DOC.replace("{TIMEX}", timex), encoding="utf-8")
    return path


@pytest.mark.parametrize("timex", [NESTED, EMPTY])
def test_nested_or_empty_timex3_tags_are_read_and_replaced(tmp_path, timex):
    from newsgraph.output.annotate.timeml import render
    from newsgraph.records import Timex, make_record

    path = _write(tmp_path, "odd.tml", timex)
    (article,) = list(reader.read(path))
    assert "in April and reopened" in article.text
    start = article.text.index("April")
    ours = make_record(Timex, article.id, 0, start, start + 5, "April", "time", "3", timex_type="DATE",
                       value="2003-04")
    out = render(reader.read_timeml_file(path), [ours])
    ET.fromstring(out)
    again = reader.parse_timeml(out)
    assert again.text == article.text
    assert [again.text[t.start:t.end] for t in again.timexes() if t.get("tid") != "t0"] == ["April"]
    assert 'relatedToTime="t3"' not in out


@pytest.mark.parametrize("timex", [BROKEN, CROSSED])
def test_broken_timex3_tags_are_a_failure_naming_the_file(tmp_path, timex):
    path = _write(tmp_path, "broken.tml", timex)
    (failure,) = list(reader.read(path))
    assert failure.code == "E111" and str(path) in failure.message


def test_one_broken_file_does_not_stop_annotate_timeml(tmp_path):
    good = _write(tmp_path, "good.tml", GOOD)
    bad = _write(tmp_path, "bad.tml", BROKEN)
    nested = _write(tmp_path, "nested.tml", NESTED)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["annotate", str(good), str(bad), str(nested), "--format", "timeml",
                                      "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert sorted(p.name for p in out.iterdir()) == ["good.tml", "nested.tml"]
    assert "bad.tml" in result.output
    for name in ("good.tml", "nested.tml"):
        written = reader.read_timeml_file(out / name)
        assert [written.text[t.start:t.end] for t in written.timexes() if t.get("tid") != "t0"] == ["April", "Friday"]


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "2024-02-29"])
def test_an_article_dated_at_the_ends_of_the_calendar(date):
    text = ("On Friday, last week, yesterday and tomorrow, next year and a decade ago, in March and "
            "the following day, the 1990s and 490 BC, three weeks later and the previous Friday.")
    assert all(VALUE.match(v) or v.startswith("BC") for _, v in values(text, date))
