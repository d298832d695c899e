"""The normalisers: one function per ``norm`` of ``data/rules.toml``, from a match and its
context to a TIMEX3 type and value."""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Callable

from .context import Context, _infer_year, _mod, _month, _word, _year
from .find import TimexMatch
from .values import GRAN_ORDER, Resolved, _safe_date, fmt, parse_number, shift, start_of


Norm = Callable[[TimexMatch, Context], Resolved | None]


def _res(t: str, value: str, gran: str | None, ctx: Context, point: date | None = None,
         mod: str | None = None, source: str | None = None, explicit_year: bool = False) -> Resolved:
    anchor = None if explicit_year else (ctx.anchor.isoformat() if ctx.anchor else None)
    src = "text" if explicit_year else (source or ctx.anchor_source)
    return Resolved(0, 0, t, value, mod, gran, anchor, src, explicit_year, point)


_ATTACKS_NAMED = re.compile(r"(?<![\d/])9/11(?![\d/])|\b(?:Sept\.?|September)\s+11(?:th)?,?\s+(?:attacks?|terror\w*|hijack\w*)"
                            r"|\bWorld Trade Center\b|\bTwin Towers\b")


def norm_date(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    month = _month(ctx, g)
    day = int(g["day"]) if "day" in g else _word(ctx.vocab, "ORDINAL", g.get("dayord"))
    year = _year(ctx, g)
    mod = _mod(ctx, g)
    if month is None:
        return norm_year(m, ctx) if "bcyear" in g else None
    explicit = year is not None
    source = None
    if year is None and "thatyear" in g:  # "October of that year"
        ref = ctx.recent(10, explicit_year=True)
        year, source = (ref.point.year, "discourse") if ref is not None and ref.point else (None, None)
    if year is None and "ydir" in g and ctx.anchor is not None:
        year = ctx.anchor.year + int(_word(ctx.vocab, "DIR", g["ydir"]) or 0)
    elif year is None and (month, day) == (9, 11) and _ATTACKS_NAMED.search(ctx.text):
        year, explicit = 2001, True  # "donors gave after Sept. 11" in a text naming the 2001 attacks
    elif year is None:
        year, source = _infer_year(ctx, month, day)
    if day is None:
        point = _safe_date(year, month, 1) if year else None
        return _res("DATE", fmt("month", point) if point else f"XXXX-{month:02d}", "month", ctx, point, mod,
                    source, explicit)
    point = _safe_date(year, month, day) if year else None
    if year and point is None:  # "February 30": a real month, an impossible day
        return _res("DATE", f"{year:04d}-{month:02d}", "month", ctx, _safe_date(year, month, 1), mod, source, explicit)
    if not 1 <= day <= 31:
        return None
    if point is None and _safe_date(2000, month, day) is None:  # no year, and no such day in any
        return _res("DATE", f"XXXX-{month:02d}", "month", ctx, None, mod, source, explicit)
    value = point.isoformat() if point else f"XXXX-{month:02d}-{day:02d}"
    return _res("DATE", value, "day", ctx, point, mod, source, explicit)


def norm_weekof(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "the week of March 6": the week that holds the day (its year read as the day's)."""
    day = norm_date(m, ctx)
    if day is None or day.granularity != "day":
        return day
    if day.point is None:
        return replace(day, value="XXXX-WXX", granularity="week")
    return replace(day, value=fmt("week", day.point), granularity="week", point=start_of(day.point, "week"))


_NAME_BEFORE = re.compile(r"[^.!?:\n\"\u201c(]\s*\b[A-Z][\w\u2019']*\s+$")
_AFTER_PREPOSITION = re.compile(r"\b(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Dd]uring|[Ff]rom|[Tt]hrough|[Bb]efore|"
                                r"[Aa]fter|[Ee]arly|[Ll]ate|[Mm]id|[Tt]o|and|or|of)[\s-]+$")
_MARCH_ON = re.compile(r"\s+(?:on|for|against)\s+(?:the\s+)?[A-Z]")
_IN_A_MONTH = re.compile(r"\b(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Dd]uring|[Ff]rom|[Tt]hrough|[Ee]arly|[Ll]ate|[Mm]id|of|last|next|this)[\s-]+$")
_NAME_AFTER = re.compile(r"\s+(?:(?:to|on)\s+(?:the\s+)?)?[A-Z][a-z]")


def _part_of_a_name(m: TimexMatch, ctx: Context) -> bool:
    """A bare month inside a name ("the Long March", "Women's March on Versailles", "the
    March Battalion", "the October Revolution"): a capitalised word before it in mid-sentence,
    or a capitalised word after it."""
    if "dir" in m.groups or "premod" in m.groups:
        return False
    if _MARCH_ON.match(ctx.text, m.end) and not _IN_A_MONTH.search(ctx.text, max(0, m.start - 12), m.start):
        return True  # "a coalition to Halt Tolls and March on the Capitol", "the group March for Farmers"
    if _AFTER_PREPOSITION.search(ctx.text, max(0, m.start - 12), m.start):
        return False
    return bool(_NAME_BEFORE.search(ctx.text, max(0, m.start - 30), m.start)
                or _NAME_AFTER.match(ctx.text, m.end))


def norm_month(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    month = _month(ctx, g)
    if month is None or _part_of_a_name(m, ctx):
        return None
    mod = _mod(ctx, g)
    direction = _word(ctx.vocab, "DIR", g.get("dir"))
    if ctx.anchor is None:
        return _res("DATE", f"XXXX-{month:02d}", "month", ctx, None, mod)
    a = ctx.anchor
    ref = ctx.recent(4, grans=("day", "month", "season", "quarter", "year")) if direction is None and \
        _THAT_BEFORE.search(ctx.text, max(0, m.start - 6), m.start) else None
    if ref is not None and ref.point is not None:  # "the senator's defeat that November": the year just named
        year, source = ref.point.year, "discourse"
    elif direction is None:
        year, source = _infer_year(ctx, month, None)
    elif direction < 0:
        year, source = (a.year if month < a.month else a.year - 1), ctx.anchor_source
    elif direction > 0:
        year, source = (a.year if month > a.month else a.year + 1), ctx.anchor_source
    else:
        year, source = a.year, ctx.anchor_source
    point = _safe_date(year, month, 1) if year else None
    return _res("DATE", fmt("month", point) if point else f"XXXX-{month:02d}", "month", ctx, point, mod, source)


_NUMBERED = re.compile(r"\b(?:Bill|HB|SB|H\.\s?R\.|HR|S\.|No\.|Nos\.|Number|Flight|Route|Highway|Interstate|I-|"
                       r"Room|Suite|Section|Chapter|Resolution|Proposition|Prop\.|Ordinance|Docket|Form|Rule|Boeing|"
                       r"Exhibit|Case)\s*$")


def norm_year(m: TimexMatch, ctx: Context) -> Resolved | None:
    y = _year(ctx, m.groups)
    if y is None:
        return None
    if m.rule.id == "year" and _NUMBERED.search(ctx.text, max(0, m.start - 14), m.start):
        return None  # "Senate Bill 2040", "Flight 1200", "Route 1776": a number, not a year
    point = date(y, 1, 1)
    return _res("DATE", f"{y:04d}", "year", ctx, point, _mod(ctx, m.groups), explicit_year=True)


_NOT_A_DECADE = re.compile(r"\b(?:his|her|their|my|your|our|its|low|high|upper|lower)[\s-]+$", re.IGNORECASE)


def norm_decade(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    mod = _mod(ctx, g)
    text = ctx.text[m.start:m.end].lower()
    if "early" in text:
        mod = "START"
    elif "late" in text:
        mod = "END"
    elif "mid" in text:
        mod = "MID"
    if "decade" in g and len(g["decade"]) == 2 and _NOT_A_DECADE.search(ctx.text, max(0, m.start - 12), m.start):
        return None  # an age ("in his 50s") or a number ("the low 50s"), not the 1950s
    if "decade" in g:
        digits = g["decade"].lstrip("'\u2019")
        if len(digits) == 4 and digits.endswith("00") and int(digits) < 2000:  # "the 1800s": the century
            return _res("DATE", digits[:2], "century", ctx, date(int(digits), 1, 1), mod, explicit_year=True)
        if len(digits) == 4:
            return _res("DATE", digits[:3], "decade", ctx, date(int(digits), 1, 1), mod, explicit_year=True)
        century = ctx.anchor.year // 100 if ctx.anchor else 19
        if ctx.anchor and int(digits) > ctx.anchor.year % 100:
            century -= 1
        return _res("DATE", f"{century:02d}{digits[0]}", "decade", ctx, date(century * 100 + int(digits), 1, 1), mod)
    n = _word(ctx.vocab, "DECADEWORD", g.get("decadeword"))
    if n is None:
        return None
    century = ctx.anchor.year // 100 if ctx.anchor else 19
    if ctx.anchor and n * 10 > ctx.anchor.year % 100:
        century -= 1
    return _res("DATE", f"{century:02d}{n}", "decade", ctx, date(century * 100 + n * 10, 1, 1), mod)


def norm_century(m: TimexMatch, ctx: Context) -> Resolved | None:
    n = _word(ctx.vocab, "ORDINAL", m.groups.get("cent"))
    if not n:
        return None
    return _res("DATE", f"{n - 1:02d}", "century", ctx, date(max(1, (n - 1) * 100), 1, 1), _mod(ctx, m.groups),
                explicit_year=True)


def _week_ref(ctx: Context) -> Resolved | None:
    """A week named shortly before ("last week ... on Tuesday"), not the anchor's own week."""
    ref = ctx.recent(2, grans=("week",), rules=("dir_unit",))
    if ref is None or ref.point is None or ctx.anchor is None or ctx.tense != "past":
        return None
    if start_of(ref.point, "week") >= start_of(ctx.anchor, "week"):
        return None
    i = max(i for i, r in enumerate(ctx.history) if r is ref)
    if ctx.sentences[i] == ctx.sentence and None not in (ctx.verbs[i], ctx.verb) and ctx.verbs[i] != ctx.verb:
        return None  # "After losses last week, he won on Monday": another clause's week
    return ref


_ANAPHORIC_DIR = re.compile(r"the\s+(?:previous|preceding|following|prior)$", re.IGNORECASE)


def norm_weekday(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    wd = _word(ctx.vocab, "WEEKDAY", g.get("weekday"))
    if wd is None:
        return None
    part = _word(ctx.vocab, "PARTOFDAY", g.get("partofday"))
    t = "TIME" if part else "DATE"
    direction = _word(ctx.vocab, "DIR", g.get("dir"))
    mod = _mod(ctx, g)
    gran = "time" if part else "day"
    if ctx.anchor is None:
        return _res(t, "XXXX-XX-XX" + (f"T{part}" if part else ""), gran, ctx, None, mod)
    a = ctx.anchor
    source = ctx.anchor_source
    ref = _week_ref(ctx) if direction is None else None
    day = ctx.recent(8, grans=("day", "time")) if _ANAPHORIC_DIR.match(g.get("dir", "")) else None
    if day is not None and day.point is not None:  # "the previous Friday": before the day named
        a, source = day.point, "discourse"
    same = ctx.recent(3, grans=("day", "time")) if g.get("premod", "").lower() in ("later", "earlier") else None
    if same is not None and same.point is not None and same.point.isoweekday() == wd:
        return _res(t, fmt(gran, same.point, part or ""), gran, ctx, same.point, mod, "discourse")  # "later Monday": that Monday
    if ref is not None:
        d = start_of(ref.point, "week") + timedelta(days=wd - 1)
        source = "discourse"
    elif direction is not None and direction < 0 and re.sub(r"\s+", " ", g.get("dir", "")).lower() == "last":
        d = start_of(a, "week") + timedelta(days=wd - 8)  # "last Monday" said on a Wednesday: the previous week's
    elif direction is not None and direction < 0:
        d = a - timedelta(days=(a.isoweekday() - wd) % 7 or 7)
    elif direction is not None and direction > 0:
        d = a + timedelta(days=(wd - a.isoweekday()) % 7 or 7)
    elif ctx.tense in ("future", "scheduled"):  # "will vote Friday", "meet Thursday": ahead, or today
        d = a + timedelta(days=(wd - a.isoweekday()) % 7)
    elif ctx.tense == "near":  # "Sunday's speech will be debated": the nearer one, or today
        back = (a.isoweekday() - wd) % 7
        d = a - timedelta(days=back) if back <= 3 else a + timedelta(days=7 - back)
    elif direction == 0:
        d = start_of(a, "week") + timedelta(days=wd - 1)
    else:
        d = a - timedelta(days=(a.isoweekday() - wd) % 7)
    return _res(t, fmt(gran, d, part or ""), gran, ctx, d, mod, source)


def norm_dayword(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    key = re.sub(r"\s+", " ", g["dayword"].lower())
    if ctx.text[m.start].isupper() and _NAME_BEFORE.search(ctx.text, max(0, m.start - 40), m.start):
        return None  # "Radio Free Today", "on Channel Today": a programme's name
    offset = ctx.vocab["DAYWORD"][key]
    part = _word(ctx.vocab, "PARTOFDAY", g.get("partofday")) or ("NI" if key in ("tonight", "last night") else None)
    mod = _mod(ctx, g)
    gran = "time" if part else "day"
    t = "TIME" if part else "DATE"
    d = ctx.anchor + timedelta(days=offset) if ctx.anchor else None
    return _res(t, fmt(gran, d, part or ""), gran, ctx, d, mod)


def norm_generalday(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "today's world", "tomorrow's leaders": the present or the future in general."""
    ref = "PRESENT_REF" if m.groups["refword"].lower() == "today" else "FUTURE_REF"
    return _res("DATE", ref, None, ctx)


ANAPHORIC_OFFSET = {"that": 0, "the same": 0, "the following": 1, "the previous": -1, "the preceding": -1,
                    "the prior": -1}


def norm_anaphoric(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "that year", "the following month": the unit of the latest date named within three
    sentences (as fine or finer), moved by the offset; with none, the anchor's (as "this")."""
    g = m.groups
    gran = UNIT_GRAN[g["unit"].lower()]
    finer = GRAN_ORDER[:GRAN_ORDER.index(gran) + 1]
    ref = ctx.recent(3, grans=finer)
    offset = ANAPHORIC_OFFSET[re.sub(r"\s+", " ", g["ana"].lower())]
    if ref is None:
        base, source = ctx.anchor, ctx.anchor_source
        if base is None:
            return _res("DATE", fmt(gran, None), gran, ctx, None, _mod(ctx, g))
    else:
        base, source = ref.point, "discourse"
    d = start_of(shift(start_of(base, gran), gran, offset), gran)
    return _res("DATE", fmt(gran, d), gran, ctx, d, _mod(ctx, g), source)


_MONTH_DAY_BEFORE = re.compile(r"([A-Z][a-z]+)\.?\s+[0-3]?\d(?:st|nd|rd|th)?\s*(?:[-\u2013]|and|to)\s*$")


def norm_dayend(m: TimexMatch, ctx: Context) -> Resolved | None:
    """The second day of "April 6-7", "May 4 and 5": the month (and year) of the first."""
    before = _MONTH_DAY_BEFORE.search(ctx.text, max(0, m.start - 20), m.start)
    if before is None:
        return None
    month = _word(ctx.vocab, "MONTH", before.group(1)) or _word(ctx.vocab, "MONTHABBR", before.group(1))
    first = ctx.history[-1] if ctx.history else None
    if month is None or first is None or first.end < before.start() or first.granularity != "day":
        return None
    point = _safe_date(first.point.year, month, int(m.groups["dayend"])) if first.point else None
    if point is None:
        return None
    return _res("DATE", point.isoformat(), "day", ctx, point, source="discourse")


def norm_partofdaydate(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "the night of April 18, 1775", "the morning of 19 April": a part of that day."""
    return _part_of(m, ctx, (("day2", "day"), ("month2", "month"), ("monthabbr2", "monthabbr")), norm_date)


def norm_partofholiday(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "the evening of Christmas Eve", "Thanksgiving night": a part of the holiday."""
    return _part_of(m, ctx, (("holiday2", "holiday"), ("partofday2", "partofday")), norm_holiday)


def _part_of(m: TimexMatch, ctx: Context, renames, read_day) -> Resolved | None:
    """A part of the day ``read_day`` reads, the groups of the rule's second wording renamed."""
    g = dict(m.groups)
    for second, first in renames:
        if second in g:
            g[first] = g.pop(second)
    day = read_day(TimexMatch(m.start, m.end, m.rule, g), ctx)
    part = _word(ctx.vocab, "PARTOFDAY", g.get("partofday"))
    if day is None or part is None or day.granularity != "day":
        return None
    return replace(day, timex_type="TIME", value=f"{day.value}T{part}", granularity="time")


def norm_generalpart(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "at night": a part of some day, not of the anchor's."""
    part = _word(ctx.vocab, "PARTOFDAY", m.groups.get("partofday"))
    return _res("TIME", fmt("time", None, part), "time", ctx) if part else None


# a relative clause with no "that" right after "the night": a subject, then a verb
_CLAUSE_AFTER = re.compile(r"\s+(?:(?:he|she|they|we|I|you|it)\s+[a-z]+|(?:the|his|her|their|its|our|my)\s+(?:[a-z]+\s+){0,2}"
                           r"(?:was|were|went|came|died|won|lost|fell|began|ended|had|did|made)|[A-Z][a-z]+\s+(?:was|were|went|came|died|won|lost|fell|began|ended|had|did|made))\b")


def norm_partofday(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "this morning": the anchor's; "the morning" (and "overnight"): of the day the last two
    sentences talk about, if they name one ("dashed Friday. ... buy orders in the morning")."""
    part = m.rule.value or _word(ctx.vocab, "PARTOFDAY", m.groups.get("partofday"))
    if part is None:
        return None
    d, source = ctx.anchor, None
    if m.groups.get("this", "").lower() == "the" and _CLAUSE_AFTER.match(ctx.text, m.end):
        return _res("TIME", f"XXXX-XX-XXT{part}", "time", ctx)  # "the night the plane went down": an event's
    if m.groups.get("this", "").lower() == "the":
        ref = ctx.recent(1, grans=("day",))
        if ref is not None and ref.point is not None:
            d, source = ref.point, "discourse"
    return _res("TIME", fmt("time", d, part), "time", ctx, d, _mod(ctx, m.groups), source)


def norm_sameday(m: TimexMatch, ctx: Context) -> Resolved | None:
    text = ctx.text[m.start:m.end].lower()
    ref = ctx.recent(6, grans=("day", "time"))
    base, source = (ref.point, "discourse") if ref is not None else (ctx.anchor, ctx.anchor_source)
    offset = 1 if re.search(r"next|following", text) else -1 if re.search(r"previous|preceding", text) else 0
    unit = m.groups.get("unit", "day").lower()
    part = _word(ctx.vocab, "PARTOFDAY", unit) if unit != "day" else None
    month = ctx.recent(6, grans=("month",), explicit_year=True) if ref is None and text.startswith("that") else None
    if month is not None and month.point is not None and not ctx.narrative:  # "in June 2015 ... that day": a June day
        value = f"{month.point.year:04d}-{month.point.month:02d}-XX"
        return _res("TIME", f"{value}T{part}", "time", ctx) if part else _res("DATE", value, "day", ctx)
    if base is None or (ref is None and offset > 0):  # "the following morning" of a day never named
        return _res("TIME", f"XXXX-XX-XXT{part}", "time", ctx) if part else _res("DATE", "XXXX-XX-XX", "day", ctx)
    d = base + timedelta(days=offset)
    if part:
        return _res("TIME", fmt("time", d, part), "time", ctx, d, source=source)
    return _res("DATE", d.isoformat(), "day", ctx, d, source=source)


def norm_holiday(m: TimexMatch, ctx: Context) -> Resolved | None:
    """A holiday: a fixed day ("12-25") or a moving one ("11-4-4": the fourth Thursday of
    November; "05-1--1": the last Monday of May; "11-1-1+1": the day after the first Monday of
    November; "easter+0": Easter Sunday, "easter-2": Good
    Friday), in the year named or the year its day is nearest the anchor."""
    md = _word(ctx.vocab, "HOLIDAY", m.groups.get("holiday"))
    if md is None:
        return None
    year = _year(ctx, m.groups)
    if year is None and ctx.anchor is not None and not ctx.narrative and ctx.tense != "none":
        year = _holiday_year(md, ctx.anchor, ctx.tense)
    if year is None:
        probe = holiday_date(md, ctx.anchor.year) if ctx.anchor else None
        year, _ = _infer_year(ctx, probe.month, probe.day) if probe else (None, None)
    d = holiday_date(md, year) if year else None
    if "hweekend" in m.groups:  # "the Labor Day weekend": the weekend next to the holiday
        if d is None:
            return _res("DATE", "XXXX-WXX-WE", "weekend", ctx)
        wd = d.isoweekday()  # a Monday to Wednesday holiday ends its weekend, a Thursday to Sunday one begins it
        sat = d + timedelta(days=(6 - wd) if wd >= 4 else -(wd + 1))
        return _res("DATE", fmt("weekend", sat), "weekend", ctx, sat, explicit_year="year" in m.groups)
    if d is None:
        return _res("DATE", f"XXXX-{md}" if re.fullmatch(r"\d\d-\d\d", md) and "hoff" not in m.groups else "XXXX-XX-XX",
                    "day", ctx)
    if "hoff" in m.groups:  # "the day after Christmas"
        d += timedelta(days=1 if m.groups["hoff"].lower() == "after" else -1)
    return _res("DATE", d.isoformat(), "day", ctx, d, explicit_year="year" in m.groups)


BLACK_DAYS = {"monday": "1987-10-19", "tuesday": "1929-10-29", "wednesday": "1992-09-16", "thursday": "1929-10-24"}


def norm_blackday(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "Black Monday" (1987), "Black Tuesday" and "Black Thursday" (1929), "Black Wednesday"
    (1992): the day of a market crash, never a day of the article's week."""
    value = BLACK_DAYS[m.groups["blackday"].lower()]
    d = date.fromisoformat(value)
    return _res("DATE", value, "day", ctx, d, explicit_year=True)


NTH_WEEK_MIDDLE = {"first": 4, "second": 11, "third": 18, "fourth": 25}


def norm_nthweek(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "the first week of March": the ISO week that holds the middle of its seven days (the
    last week: of the month's last seven), in the year of the month read as a bare month."""
    month = norm_date(TimexMatch(m.start, m.end, m.rule, {k: v for k, v in m.groups.items() if k != "nth"}), ctx)
    if month is None:
        return None
    if month.point is None:
        return replace(month, value="XXXX-WXX", granularity="week")
    nth = m.groups["nth"].lower()
    last = shift(month.point, "month", 1) - timedelta(days=1)
    mid = last - timedelta(days=3) if nth in ("last", "final") else month.point.replace(day=NTH_WEEK_MIDDLE[nth])
    return replace(month, value=fmt("week", mid), granularity="week", point=start_of(mid, "week"))


HOLIDAY_JUST_PAST = 14  # days: a holiday this recent is the one meant, unless the verb looks ahead


def _holiday_year(spec: str, anchor: date, tense: str | None) -> int | None:
    """News, when the sentence has a tense: a holiday in a past sentence is the last one; otherwise the next one ("working
    backward from Election Day", "after Christmas"), or one of the last two weeks ("Christmas
    sales show ...") unless the sentence looks ahead."""
    this = holiday_date(spec, anchor.year)
    if this is None:
        return None
    if tense == "past":
        return anchor.year if this <= anchor else anchor.year - 1
    if this >= anchor or tense not in ("future", "scheduled") and (anchor - this).days <= HOLIDAY_JUST_PAST:
        return anchor.year
    return anchor.year + 1


def holiday_date(spec: str, year: int) -> date | None:
    """The day of a holiday in ``year`` (see :func:`norm_holiday` for the specs)."""
    if spec.startswith("easter"):
        return _easter(year) + timedelta(days=int(spec[6:] or 0))
    fixed = re.fullmatch(r"(\d\d)-(\d\d)", spec)
    if fixed:
        return _safe_date(year, int(fixed.group(1)), int(fixed.group(2)))
    month, weekday, nth, after = re.fullmatch(r"(\d\d)-(\d)-(-?\d)(?:\+(\d))?", spec).groups()
    month, weekday, nth, after = int(month), int(weekday), int(nth), timedelta(days=int(after or 0))
    if nth > 0:  # "11-1-1+1": the day after the first Monday of November (US Election Day)
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1)) + after
    last = shift(date(year, month, 1), "month", 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7) + after


def _easter(year: int) -> date:
    """Easter Sunday (Gregorian; the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _clock_value(g: Mapping[str, str]) -> str | None:
    if "named" in g:
        return {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[g["named"].lower()]
    hour = int(g["hour"])
    minute = int(g.get("minute") or 0)
    ampm = g.get("ampm", "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    if ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 24:
        return None
    return f"{hour:02d}:{minute:02d}"


def norm_clock(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    hm = _clock_value(g)
    if hm is None:
        return None
    if hm == "24:00":
        hm = "24"
    d = ctx.anchor
    if _generic_clock(m, ctx):  # "a midnight curfew", "a 3 a.m. call": no day at all
        return _res("TIME", f"XXXX-XX-XXT{hm}", "time", ctx, None, _mod(ctx, g))
    if "dayword" in g and d is not None:
        d = d + timedelta(days=ctx.vocab["DAYWORD"][re.sub(r"\s+", " ", g["dayword"].lower())])
    elif "weekday" in g:
        sub = norm_weekday(TimexMatch(m.start, m.end, m.rule, {"weekday": g["weekday"]}), ctx)
        d = sub.point if sub else d
    elif "day" in g:
        sub = norm_date(m, ctx)
        d = sub.point if sub else d
    else:
        d = _day_beside(m, ctx) or d
    return _res("TIME", fmt("time", d, hm), "time", ctx, d, _mod(ctx, g))


def norm_clockpart(m: TimexMatch, ctx: Context) -> Resolved | None:
    """An hour with no a.m./p.m. made definite by a part of the day: "at 7:30 tonight" (19:30),
    "by 10 this morning", "at 2 in the morning"; "at 7 o'clock" alone: the anchor day's hour as
    said. The day is the anchor's."""
    g = m.groups
    part = (g.get("cpart") or g.get("cpart2") or "").lower()
    hour, minute = int(g["hour"]), int(g.get("minute") or 0)
    if re.search(r"tonight|afternoon|evening", part) and hour < 12:
        hour += 12
    elif "morning" in part and hour == 12:
        hour = 0
    d = ctx.anchor
    return _res("TIME", fmt("time", d, f"{hour:02d}:{minute:02d}"), "time", ctx, d)


def norm_oneunit(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "the last week of the campaign", "her first week": one unit of something that is no date."""
    g = dict(m.groups)
    if "unit2" in g:
        g["unit"] = g.pop("unit2")
    unit = _unit(ctx, g)
    value = _dur_value(1, unit) if unit else None
    return _res("DURATION", value, None, ctx) if value else None


_GENERIC_BEFORE = re.compile(r"\b(?:an?|every|each)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?!(?:on|in|at|of|and|or|to|for|from|by|that|this|today|tomorrow|tonight|yesterday|"
                         r"local|time|eastern|central|pacific|mountain|gmt|utc)\b)[a-z]{3,}\b")


_DAY_NAMED = re.compile(r"\b(?:today|tonight|tomorrow|yesterday|[A-Z][a-z]+day|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


def _generic_clock(m: TimexMatch, ctx: Context) -> bool:
    """A clock time used as a noun's attribute after "a": "a midnight curfew", "a 3 a.m. call"."""
    g = m.groups
    return (not any(k in g for k in ("dayword", "weekday", "day"))
            and _GENERIC_BEFORE.search(ctx.text, max(0, m.start - 8), m.start) is not None
            and _NOUN_AFTER.match(ctx.text, m.end) is not None
            and _DAY_NAMED.search(ctx.text[m.end:m.end + 200].split(".")[0]) is None)


_ON_WEEKDAY = re.compile(r"\s*,?\s*(?:on\s+)?([A-Z][a-z]+day)\b")


def _day_beside(m: TimexMatch, ctx: Context) -> date | None:
    """The day a clock time is on when the text names it beside it: "8 PM on Sunday", or a
    day just before in the same sentence ("on Oct. 3 at 8 PM", "Sunday at 8 PM")."""
    after = _ON_WEEKDAY.match(ctx.text, m.end)
    if after is not None and _word(ctx.vocab, "WEEKDAY", after.group(1)) is not None:
        sub = norm_weekday(TimexMatch(m.start, m.end, m.rule, {"weekday": after.group(1)}), ctx)
        return sub.point if sub else None
    if ctx.history and ctx.sentences and ctx.sentences[-1] == ctx.sentence:
        last = ctx.history[-1]
        gap = ctx.text[last.end:m.start]
        if last.granularity == "day" and last.point is not None and len(gap) <= 12 and "," not in gap:
            return last.point
    return None


UNIT_GRAN = {"week": "week", "weekend": "weekend", "month": "month", "quarter": "quarter", "year": "year",
             "fiscal year": "year", "decade": "decade", "century": "century", "season": "season", "day": "day"}


_PAST_SPAN = re.compile(r"the\s+(?:past|last|next|coming)\s+\w+", re.IGNORECASE)  # "the past decade": ten years to now
_SPAN_NOW = re.compile(r"the\s+(?:past|last|next|coming)\s+\w+", re.IGNORECASE)
_SPAN_PREP = re.compile(r"\b(?:in|over|during|within|for)\s+$", re.IGNORECASE)  # "in the last week": a span
_OF_NEXT = re.compile(r"\s+of\b")


def norm_relunit(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    unit = re.sub(r"\s+", " ", g["unit"].lower())
    gran = UNIT_GRAN.get(unit)
    if gran is None or gran == "season":
        return None
    direction = _word(ctx.vocab, "DIR", g.get("dir"))
    direction = 0 if direction is None else direction
    mod = _mod(ctx, g)
    if m.rule.id == "the_unit_possessive" and ctx.narrative:  # a history's "the year's" is the story's, unknown
        return None
    if ctx.anchor is None:
        return _res("DATE", fmt(gran, None), gran, ctx, None, mod)
    if m.rule.id == "the_unit_around" and gran == "day":  # "earlier in the day": the day just named
        ref = ctx.recent(3, grans=("day", "time"))
        if ref is not None and ref.point is not None:
            return _res("DATE", ref.point.isoformat(), "day", ctx, ref.point, mod, "discourse")
    if gran == "weekend" and direction == 0 and ctx.anchor.isoweekday() < 6 and (
            ctx.tense == "past" or ctx.anchor.isoweekday() <= 2 and ctx.tense != "future"):
        direction = -1  # "over the weekend, the talks stalled", or any but a future one on a Monday
    if gran == "weekend" and direction > 0 and ctx.anchor.isoweekday() < 6 and "coming" in g.get("dir", "").lower():
        direction = 0  # "the coming weekend" said on a Tuesday: this week's
    if gran in ("decade", "century") and not ctx.narrative and _PAST_SPAN.fullmatch(ctx.text, m.start, m.end) and \
            not _OF_NEXT.match(ctx.text, m.end):
        return _res("DURATION", _dur_value(1, "DE" if gran == "decade" else "CE"), None, ctx, None, mod)
    if gran in ("week", "month") and not ctx.narrative and _SPAN_NOW.fullmatch(ctx.text, m.start, m.end) and \
            _SPAN_PREP.search(ctx.text, max(0, m.start - 8), m.start) and not _OF_NEXT.match(ctx.text, m.end):
        return _res("DURATION", _dur_value(1, "W" if gran == "week" else "M"), None, ctx, None, mod)
    told = _told_next(g, gran, ctx)
    if told is not None:  # "In June 2012 he vanished; he re-surfaced the next month": July 2012
        d = start_of(shift(start_of(told.point, gran), gran, 1), gran)
        return _res("DATE", fmt(gran, d), gran, ctx, d, mod, "discourse")
    d = start_of(shift(ctx.anchor, "week" if gran == "weekend" else gran, direction), gran)
    if gran == "weekend":
        d = d + timedelta(days=5)
    return _res("DATE", fmt(gran, d), gran, ctx, d, mod)


def _told_next(g, gran: str, ctx: Context) -> Resolved | None:
    """In a past sentence of news, "the next month" (week, year) is the one after the date
    of that size or finer named within three sentences that is not after the anchor, as "the
    following month" is; with none, or in another tense, the one after the anchor."""
    if ctx.narrative or ctx.tense != "past" or re.sub(r"\s+", " ", g.get("dir", "").lower()) != "the next" \
            or gran not in ("week", "month", "year") or _SPAN_PREP.search(ctx.text, max(0, ctx.start - 8), ctx.start):
        return None
    ref = ctx.recent(3, grans=GRAN_ORDER[:GRAN_ORDER.index(gran) + 1], begun=True)
    return ref if ref is not None and ref.point is not None and start_of(ref.point, gran) < start_of(ctx.anchor, gran) else None


SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


_THAT_BEFORE = re.compile(r"\bthat\s+$", re.IGNORECASE)


def norm_season(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = dict(m.groups)
    if "season2" in g:  # "the 1982 summer"
        g["season"], g["year"] = g.pop("season2"), g.pop("year2")
    season = _word(ctx.vocab, "SEASON", g.get("season"))
    if season is None:
        return None
    mod = _mod(ctx, g)
    year = _year(ctx, g)
    if year is not None:
        return _res("DATE", f"{year:04d}-{season}", "season", ctx, date(year, SEASON_MONTH[season], 1), mod,
                    explicit_year=True)
    if ctx.anchor is None:
        return _res("DATE", f"XXXX-{season}", "season", ctx, None, mod)
    a = ctx.anchor
    direction = _word(ctx.vocab, "DIR", g.get("dir"))
    ref = ctx.recent(4, grans=("day", "month", "season", "quarter", "year")) if _THAT_BEFORE.search(
        ctx.text, max(0, m.start - 6), m.start) else None
    if ref is not None and ref.point is not None:  # "brokered a truce that fall": the fall of the year just named
        year = ref.point.year
        return _res("DATE", f"{year:04d}-{season}", "season", ctx, date(year, SEASON_MONTH[season], 1), mod, "discourse")
    start = date(a.year, SEASON_MONTH[season], 21)
    if direction is not None and direction < 0:  # "last fall" said in the fall: last year's
        year = a.year
        while date(year, SEASON_MONTH[season], 21) + timedelta(days=91) > a:
            year -= 1
    elif direction is None and ctx.tense == "past":
        year = a.year if start <= a else a.year - 1
    elif direction is not None and direction > 0 or (direction is None and ctx.tense == "future"):
        year = a.year if start > a else a.year + 1
    else:
        year = a.year
    return _res("DATE", f"{year:04d}-{season}", "season", ctx, date(year, SEASON_MONTH[season], 1), mod)


def _unit(ctx: Context, g: Mapping[str, str], key: str = "") -> str | None:
    if "fewunits" in g:
        return _word(ctx.vocab, "UNITS", g["fewunits"])
    for table in ("UNIT", "UNITS"):
        name = table.lower() + key
        if name in g:
            return _word(ctx.vocab, table, g[name])
    return None


def _number(ctx: Context, g: Mapping[str, str]) -> float | str | None:
    if "halfa" in g:
        return 0.5
    if "quartera" in g:  # "a quarter-century ago"
        return 0.25
    if "num" in g and ("andhalf" in g or "plushalf" in g):
        n = parse_number(g["num"], ctx.vocab)
        return None if n is None else n + 0.5
    if "int" in g:
        return int(g["int"]) + {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75}[g["frac"]]
    if "num" in g:
        return parse_number(g["num"], ctx.vocab)
    if "few" in g:
        return "X"
    return None


YEARS_PER = {"DE": 10, "CE": 100, "ML": 1000}  # a decade is P10Y, a century P100Y
SMALLER = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M"), "MIN": (60, "S")}


def _dur_value(n: float | str, unit: str) -> str | None:
    """The TIMEX3 duration of ``n`` units ("X": unspecified): 3 days P3D, 2.5 years P2Y6M,
    90 minutes PT90M, a decade P10Y. An unspecified number of minutes is PTXM (ISO 8601: PXM
    would be some months; docs/time.md), of hours PTXH."""
    if n == "X":
        return {"H": "PTXH", "S": "PTXS", "MIN": "PTXM", "F": "PXW"}.get(unit, f"PX{unit}")
    n = float(n)
    if unit == "F":
        n, unit = n * 2, "W"
    if unit in YEARS_PER:
        n, unit = n * YEARS_PER[unit], "Y"
    time_unit = unit in ("H", "MIN", "S")
    letter = "M" if unit == "MIN" else unit
    prefix = "PT" if time_unit else "P"
    if n == int(n):
        return f"{prefix}{int(n)}{letter}"
    sub = SMALLER.get(unit)
    if sub is None:
        return None
    whole, frac = int(n), int(round((n - int(n)) * sub[0]))
    head = f"{whole}{letter}" if whole else ""
    if time_unit:
        return f"PT{head}{frac}{sub[1]}"
    return f"P{head}{'T' if sub[1] == 'H' else ''}{frac}{sub[1]}"


_AMOUNT_BEFORE = re.compile(r"(?:\d|\b(?i:thousand|million|billion|trillion|hundred|dozen|one|two|three|four|five|six|seven|"
                            r"eight|nine|ten|twelve|multiple|several|many|numerous))\S*\s+(?:[A-Za-z]+\s+){0,3}"
                            r"(?!(?:in|for|within|over|after|about|than|of|by|at|on|from|to|nearly|almost|only|just|"
                            r"took|take|takes|spent|lasted|and|or|more|less|up|down|once|twice|is|was|were|are|been)\s)"
                            r"(?![A-Za-z]+ed\s)[A-Za-z]+\s+$")  # not after a past verb: "the 3 men waited a week"
_ON_BEFORE = re.compile(r"\b[Oo]n\s+$")
ORDINAL_NEXT = re.compile(r"\s+(?!(?:later|earlier|ago|or|and|before|after|of|longer|more|to|in|for|too)\b)[a-z]")
SHOW_NAMES = frozenset({"60 Minutes", "48 Hours"})  # television programmes, not lengths
_NAME_NEXT = re.compile(r"\s+[A-Z]")
_ORDINAL_COMPOUND = re.compile(r"-(?:(?!long\b)[a-z]|\s+(?:or|and)\s)")  # "a second-place finish", "a second-largest city"
_SHARE_OF = re.compile(r"\s+of\s+(?!(?:an?|the|this|that|each|every)?\s*(?:centur(?:y|ies)|years?|months?|days?|hours?|fiscal|\d+)\b)"
                       r"|\s+(?:and|to|or)\s+(?:a|one|two)\s+(?:thirds?|half|fifths?)\b")  # "between a quarter and a third"
AGE = re.compile(r"-old$|^-?\s*(?:old|pregnant)\b", re.IGNORECASE)  # "22-year-old", "55 years old", "a century-old mill", "six months pregnant"


def norm_duration(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    if AGE.search(ctx.text[m.start:m.end]) or AGE.search(ctx.text[m.end:m.end + 10]):
        return None  # an age ("22-year-old", "55 years old") is not a timex in TimeML
    unit = _unit(ctx, g)
    if unit is None or ctx.text[m.start:m.end] in SHOW_NAMES:
        return None
    if unit == "Q" and g.get("num", "").lower() in ("a", "one", "three") and _SHARE_OF.match(ctx.text, m.end):
        return None  # "a quarter of the committee": a share, not three months
    n = _number(ctx, g)
    if n is None:
        n = "X" if "units" in g or "fewunits" in g else 1
    mod = _mod(ctx, g)
    if "num2" in g:  # "one or two years": some years; "one to two years", "2-3 days": at least the first
        n, mod = ("X", mod) if "or" in ctx.text[m.start:m.end].lower().split() else (n, mod or "EQUAL_OR_MORE")
    if n != "X" and "units" in g and float(n) == 1 and "num" in g and g["num"].lower() in ("a", "an"):
        return None
    if n == 1 and _ON_BEFORE.search(ctx.text, max(0, m.start - 5), m.start):
        return None  # "on a day rich in symbolism": a day, not a length of time
    if unit == "S" and g.get("num", "").lower() in ("a", "one") and (ORDINAL_NEXT.match(ctx.text, m.end) or _ORDINAL_COMPOUND.match(ctx.text, m.end) or (
            ctx.text[m.end - 6:m.end] == "Second" and _NAME_NEXT.match(ctx.text, m.end))):
        return None  # "a second group", "a second time", "a Second Circuit judge": an ordinal
    value = _dur_value(n, unit)
    if value is None:
        return None
    if n == 1 and g.get("num", "").lower() in ("a", "an") and re.fullmatch(r"an?\s+\w+", ctx.text[m.start:m.end], re.I) \
            and _AMOUNT_BEFORE.search(ctx.text, max(0, m.start - 50), m.start):
        return _res("SET", value, None, ctx)  # "50,000 CDs a year", "1.2 million barrels of oil a day"
    return _res("DURATION", value, None, ctx, None, mod)


QUARTER_RULES = ("quarter", "the_year_period")


def norm_ago(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    unit = _unit(ctx, g)
    n = _number(ctx, g) if "fewunits" not in g or "few" in g else "X"  # "weeks ago": some weeks
    rel = g.get("rel", "ago").lower().replace("prior", "earlier")  # "a year prior": earlier
    gran = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade",
            "CE": "century", "H": "time", "MIN": "time", "WE": "week"}.get(unit or "")
    if gran is None or n is None:
        return None
    sign = 1 if rel in ("later", "after", "from now", "hence") else -1
    mod = _mod(ctx, g)
    if rel == "later" and not ctx.narrative:
        return _later_duration(m, ctx, n, unit, mod)
    if n != "X" and n != int(n) and unit in ("DE", "CE", "Y"):  # "a half century ago": 50 years
        n, gran = (n * YEARS_PER[unit], "year") if unit != "Y" else (n * 12, "month")
    if n == "X":
        value = "FUTURE_REF" if sign > 0 else "PAST_REF"
        return _res("DATE", value, None, ctx, None, mod)
    base, source, out_gran = ctx.anchor, ctx.anchor_source, gran
    quarter = ctx.recent(3, grans=("quarter",), rules=QUARTER_RULES, begun=True)
    if gran == "year" and quarter is not None:
        base, source, out_gran = quarter.point, "discourse", "quarter"
    elif rel in ("earlier", "later"):
        ref = ctx.recent(2, grans=("day", "month", "quarter", "year"), begun=ctx.tense == "past")  # a past
        # "A day earlier, ..." is not before a day still to come
        if ref is None and rel == "earlier" and ctx.tense == "past" and gran == "day":
            ref = ctx.recent(8, grans=("day", "time"), begun=True)  # the story's day told paragraphs before
        if ref is not None and GRAN_ORDER.index(ref.granularity) <= GRAN_ORDER.index(gran if gran != "time" else "day"):
            base, source, out_gran = ref.point, "discourse", ref.granularity
    if base is None or gran == "time":
        return _res("DATE", fmt(gran if gran != "time" else "day", None), gran, ctx, None, mod)
    if n != int(n):
        return None
    d = base + timedelta(days=sign * int(n)) if gran == "day" else shift(base, gran, sign * int(n))
    if gran not in ("day", "week") and out_gran == "day":
        d = _safe_date(d.year, d.month, base.day) or d
    point = d if out_gran == "day" else start_of(d, out_gran)
    return _res("DATE", fmt(out_gran, point), out_gran, ctx, point, mod, source)


def _later_duration(m: TimexMatch, ctx: Context, n: float | str, unit: str, mod: str | None) -> Resolved | None:
    """News "three days later": the timex is the length "three days" (TimeBank's extent and
    type); a history reads it as the date it points at (WikiWars)."""
    value = _dur_value(n, unit)
    if value is None:
        return None
    span = ctx.text[m.start:m.end]
    r = _res("DURATION", value, None, ctx, None, mod)
    return replace(r, end=m.start + len(span[:span.lower().rindex("later")].rstrip()))


def norm_yearago(m: TimexMatch, ctx: Context) -> Resolved | None:
    what = (m.groups.get("what") or "").lower()
    q = re.match(r"(first|second|third|fourth) quarter", what)
    ref = ctx.recent(3, grans=("quarter",), rules=QUARTER_RULES, begun=True)
    if q:
        quarter = ["first", "second", "third", "fourth"].index(q.group(1)) + 1
        year = (ref.point.year if ref else ctx.anchor.year if ctx.anchor else None)
        if year is None:
            return _res("DATE", f"XXXX-Q{quarter}", "quarter", ctx)
        d = date(year - 1, 3 * quarter - 2, 1)
        return _res("DATE", fmt("quarter", d), "quarter", ctx, d)
    if ref is not None and what in ("", "quarter", "period"):
        d = shift(ref.point, "year", -1)
        return _res("DATE", fmt("quarter", d), "quarter", ctx, d, source="discourse")
    if ctx.anchor is None:
        return _res("DATE", "XXXX", "year", ctx)
    d = date(ctx.anchor.year - 1, 1, 1)
    return _res("DATE", fmt("year", d), "year", ctx, d)


def norm_quarter(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    q = int(g["qn"]) if "qn" in g else _word(ctx.vocab, "ORDINAL", g.get("q"))
    if q is None or not 1 <= q <= 4:
        return None
    year = None
    explicit = False
    for key in ("year", "year2", "year3"):
        if key in g:
            year, explicit = int(g[key]), True
    if year is None and ctx.anchor is not None:
        a = ctx.anchor
        direction = _word(ctx.vocab, "DIR", g.get("dir"))
        ydir = _word(ctx.vocab, "DIR", g.get("ydir") or g.get("ydir2"))
        if ydir is not None:
            year = a.year + ydir
        elif direction is not None and direction != 0:
            year = a.year + direction
        else:
            current = (a.month - 1) // 3 + 1
            year = a.year if q <= current or ctx.tense == "future" else a.year - 1
            if q > current and ctx.tense in ("future", "present", "none"):
                year = a.year
            if q < current - 1 and ctx.tense == "future":  # in October, "will profit in the first quarter"
                year = a.year + 1
    if year is None:
        return _res("DATE", f"XXXX-Q{q}", "quarter", ctx, None, _mod(ctx, g))
    d = date(year, 3 * q - 2, 1)
    return _res("DATE", f"{year:04d}-Q{q}", "quarter", ctx, d, _mod(ctx, g), explicit_year=explicit)


_ENDED = re.compile(r"latest|most recent|just-ended|just-completed", re.IGNORECASE)


def norm_refquarter(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "the quarter", "the 1988 period": the quarter the last sentences talk about (one begun
    by the anchor); "the latest quarter" only one that has ended (not a forecast's current one)."""
    rules = QUARTER_RULES if "year" in m.groups else ("quarter",)  # not the comparison's "1988 period"
    ref = ctx.recent(10, grans=("quarter",), rules=rules, begun=True)
    if ref is not None and ctx.anchor is not None and _ENDED.search(ctx.text, m.start, m.end) and \
            shift(ref.point, "quarter", 1) > ctx.anchor:
        ref = None
    if ref is not None and "year" in m.groups:
        d = date(int(m.groups["year"]), ref.point.month, 1)
        return _res("DATE", fmt("quarter", d), "quarter", ctx, d, source="discourse")
    if ref is not None:
        return _res("DATE", ref.value, "quarter", ctx, ref.point, source="discourse")
    if "year" in m.groups:
        return None
    if m.groups.get("what", "").lower() == "period":
        return None
    if ctx.anchor is None:
        return _res("DATE", "XXXX-QX", "quarter", ctx)
    d = shift(start_of(ctx.anchor, "quarter"), "quarter", -1)
    return _res("DATE", fmt("quarter", d), "quarter", ctx, d)


_OF_A_SPAN = re.compile(r"\s+of\s+(?:the|this|that|his|her|its|their)\s+(?!year\b)", re.IGNORECASE)


def norm_half(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    h = 1 if g.get("h", "").lower() == "first" else 2
    year = _year(ctx, g)
    if year is None and _OF_A_SPAN.match(ctx.text, m.end):
        return None  # "the second half of the 20th century": the half of the span named after it
    text = ctx.text[m.start:m.end].lower()
    if year is None and ctx.anchor is not None:
        year = ctx.anchor.year + (1 if re.search(r"next year|following year", text) else
                                  -1 if re.search(r"last year|previous year", text) else 0)
    if year is None:
        return _res("DATE", f"XXXX-H{h}", "half", ctx)
    d = date(year, 1 if h == 1 else 7, 1)
    return _res("DATE", f"{year:04d}-H{h}", "half", ctx, d, explicit_year="year" in g)


def norm_ref(m: TimexMatch, ctx: Context) -> Resolved | None:
    """ "now", "recently", "soon". In a history "soon" and "shortly" follow the story's time,
    not the writer's future: no timex."""
    value = _word(ctx.vocab, "REFWORD", m.groups.get("refword"))
    if ctx.text[m.start].isupper() and _NAME_BEFORE.search(ctx.text, max(0, m.start - 40), m.start):
        return None  # "Daily Truth Right Now", "Apocalypse Now": part of a name
    if ctx.narrative and value == "FUTURE_REF" and m.groups["refword"].lower() in ("soon", "shortly"):
        return None
    if _DISCOURSE_NOW.match(ctx.text, m.start) and _opens_sentence(ctx.text, m.start):
        return None  # "Now for the weather": a discourse marker, not a time
    return _res("DATE", value, None, ctx) if value else None


_DISCOURSE_NOW = re.compile(r"Now\s+(?:for|then)\b")


def _opens_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 3):at].rstrip(" \t\"\u201c")
    return not before or before[-1] in ".!?:\n"


def norm_set(m: TimexMatch, ctx: Context) -> Resolved | None:
    g = m.groups
    if "setword" in g:
        value = _word(ctx.vocab, "SETWORD", g["setword"])
    elif "weekday" in g:  # every Monday
        value = f"XXXX-WXX-{_word(ctx.vocab, 'WEEKDAY', g['weekday'])}"
    elif "partofday" in g:  # every morning
        value = f"XXXX-XX-XXT{_word(ctx.vocab, 'PARTOFDAY', g['partofday'])}"
    elif "season" in g:  # each spring
        value = f"XXXX-{_word(ctx.vocab, 'SEASON', g['season'])}"
    else:
        unit = _unit(ctx, g)
        n = _number(ctx, g) if "num" in g else 2
        value = _dur_value(n or 1, unit) if unit else None
    return _res("SET", value, None, ctx) if value else None


def norm_newsduration(m: TimexMatch, ctx: Context) -> Resolved | None:
    """A length in news only ("just months after the vote"); a history has none."""
    return None if ctx.narrative else norm_duration(m, ctx)


def norm_literal(m: TimexMatch, ctx: Context) -> Resolved | None:
    return _res(m.rule.timex_type, m.rule.value or "", None, ctx, None, m.rule.mod)


NORMALIZERS: dict[str, Norm] = {
    "date": norm_date, "month": norm_month, "year": norm_year, "decade": norm_decade,
    "century": norm_century, "newsduration": norm_newsduration, "weekday": norm_weekday, "dayword": norm_dayword,
    "partofday": norm_partofday, "generalday": norm_generalday, "anaphoric": norm_anaphoric,
    "dayend": norm_dayend, "generalpart": norm_generalpart, "partofdaydate": norm_partofdaydate, "partofholiday": norm_partofholiday, "sameday": norm_sameday, "holiday": norm_holiday,
    "clock": norm_clock, "relunit": norm_relunit, "season": norm_season,
    "duration": norm_duration, "ago": norm_ago, "yearago": norm_yearago,
    "quarter": norm_quarter, "refquarter": norm_refquarter, "half": norm_half,
    "ref": norm_ref, "set": norm_set, "literal": norm_literal, "weekof": norm_weekof,
    "blackday": norm_blackday, "nthweek": norm_nthweek, "clockpart": norm_clockpart,
    "oneunit": norm_oneunit,
}
