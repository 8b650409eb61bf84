"""Normalizers of expressions relative to the publication date or to the last date mentioned:
"last week", "two days later", "Friday", "tonight", "now", durations, sets and holidays.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from dateutil.easter import easter

from timeline.dates.rules import Ctx, Norm, _month, _pos, _q, _year_for, n_md, n_mdy
from timeline.dates.values import PARTS_OF_DAY, UNITS, WEEKDAYS, duration, fmt, number, shift


def n_part_of_date(g, c):
    """"the night of 20 June 1791", "the morning of April 19": the day, then the part of it."""
    day_norm = n_mdy(g, c) if g.get("year") else n_md(g, c)
    if day_norm is None or day_norm.value.startswith("X"):
        return day_norm
    pod = g["pod"].lower()
    if not c.narrative and pod in ("night", "morning"):
        return day_norm  # news annotation gives the day itself, as for "Friday night" (see n_weekday)
    return Norm("TIME", f"{day_norm.value}T{PARTS_OF_DAY[pod]}", "", day_norm.basis)


def n_week_of(g, c):
    day_norm = n_mdy(g, c) if g.get("year") else n_md(g, c)
    if day_norm is None or day_norm.value.startswith("X"):
        return day_norm
    return Norm("DATE", fmt(date.fromisoformat(day_norm.value), "week"), "", day_norm.basis)


def n_the_unit(g, c):
    """"the end of the year", "the current fiscal year": the publication date's year or month."""
    ref = c.anchor if c.narrative and c.anchor is not None else c.dct
    if ref is None:
        return None
    unit = g["unit"].lower()
    mod, _ = _pos(g)
    if not mod and not g.get("cur"):
        return None
    return Norm("DATE", fmt(ref, unit), mod, "relative")


def n_fin_year(g, c):
    """Company reporting: "for the year ended Sept. 30" is a year's length; "sales for the full year",
    "in the fiscal year" the publication year; "the latest fiscal year" the one before it. A bare "the
    year" counts only in news after a preposition ("for the year", "earlier in the year")."""
    if g.get("ended"):
        return Norm("DURATION", "P1Y")
    adj = " ".join((g.get("adj") or "").lower().split())
    if c.dct is None or (not adj and (c.narrative or not g.get("pre"))):
        return None
    back = 1 if adj in ("latest fiscal", "previous fiscal") else 0
    return Norm("DATE", f"{c.dct.year - back:04d}", "", "relative")


_REL_STEP = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "previous": -1, "this past": -1,
             "next": 1, "coming": 1, "this coming": 1, "the coming": 1}


_ANAPHORIC = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1, "the prior": -1,
              "that": 0, "the same": 0, "later that": 0, "earlier that": 0}


def n_rel_unit(g, c):
    det = " ".join(g["det"].lower().split())
    if g["unit"][0].isupper():
        return None  # "ABC's This Week": a title, not a time
    unit = g["unit"].lower()
    mod, half = _pos(g)
    if unit == "century":
        return None
    if unit != "day" and (det in ("the past", "the last", "the coming")
                          or (det in ("the next", "the previous") and (g.get("span") or not c.narrative))):
        return Norm("DURATION", duration(1, unit), _q(g))
    if det in _ANAPHORIC or det.startswith("the next") or unit == "day":
        step = _ANAPHORIC.get(det, 1)
        if c.narrative and c.era_year and unit == "year":
            return Norm("DATE", f"BC{int(c.era_year[2:]) - step:04d}", mod, "relative")
        ref = c.anchor if c.anchor is not None else c.dct
        if ref is None:
            return None
        if unit == "day" and c.anchor_gran not in ("day", "") and c.anchor is not None:
            return None
        gran = "week" if unit == "fortnight" else unit
        return Norm("DATE", fmt(shift(ref, unit, step), gran) + ("" if not half else f"-H{half}"), mod, "relative")
    if det not in _REL_STEP or c.dct is None:
        return Norm("DATE", "XXXX", mod, "unknown") if unit == "year" else None
    d = shift(c.dct, unit, _REL_STEP[det])
    if unit == "decade":
        return Norm("DATE", fmt(d, "decade"), mod, "relative")
    if unit == "year" and half:
        return Norm("DATE", f"{d.year:04d}-H{half}", "", "relative")
    return Norm("DATE", fmt(d, unit), mod, "relative")


# Granularities from fine to coarse: a step counted from a year is known only to the year.
_COARSER = {"day": 1, "week": 2, "month": 3, "quarter": 4, "year": 5, "decade": 6}


def n_ago(g, c):
    n = number(g["n"])
    unit = g["unit"].lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    direction = g["dir"].lower()
    back = direction in ("ago", "earlier", "before", "previously", "back")
    if unit in ("second", "minute", "hour"):
        return None
    if n is None:
        return Norm("DATE", "PAST_REF" if back else "FUTURE_REF", "", "relative")
    if not float(n).is_integer():
        return None
    from_dct = direction in ("ago", "from now", "hence", "back")
    # "a day later", "ten years earlier": counted from the last date mentioned, in news as in histories
    anchored = not from_dct and c.anchor is not None
    ref = c.anchor if anchored else c.dct
    if ref is None:
        return None
    try:
        d = shift(ref, unit, -int(n) if back else int(n))
    except (OverflowError, ValueError):
        return None
    gran = {"decade": "year", "century": "year", "night": "day", "fortnight": "week", "weekend": "week"}.get(unit, unit)
    if anchored and _COARSER.get(c.anchor_gran, 0) > _COARSER.get(gran, 0):
        gran = c.anchor_gran  # "in 2022 ... a day later": still only 2022
    if unit == "year" and c.quarter and not c.narrative:
        return Norm("DATE", f"{int(c.quarter[:4]) - int(n):04d}{c.quarter[4:]}", _q(g), "relative")
    return Norm("DATE", fmt(d, gran), _q(g), "relative")


def n_duration(g, c):
    unit = g["unit"].lower()
    unit = "century" if unit.startswith("centur") else unit.rstrip("s") if unit.endswith("s") and unit[:-1] in UNITS else unit
    nword = g["n"].lower()
    if unit == "second" and nword in ("a", "an"):
        return None
    if g.get("rate"):
        return None  # "four flights a week", "700 seats a day": a rate, which news annotation leaves alone
    if g["unit"][0].isupper() and nword[0].isdigit():
        return None  # "60 Minutes", "48 Hours": a title, not a length of time
    n = number(nword)
    if (g.get("half") or g.get("frac")) and n is not None:
        n += 0.5
    if n is not None and n == 0.5 and unit in ("hour", "year", "day"):
        return Norm("DURATION", {"hour": "PT30M", "year": "P6M", "day": "PT12H"}[unit], _q(g))
    return Norm("DURATION", duration(n, unit), _q(g) or ("APPROX" if "couple" in nword else ""))


def n_vague_duration(g, c):
    unit = g["unit"].lower().rstrip("s")
    return Norm("DURATION", duration(None, "century" if unit.startswith("centur") else unit))


_REFS = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "at present": "PRESENT_REF",
         "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
         "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "formerly": "PAST_REF",
         "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "the distant future": "FUTURE_REF",
         "the foreseeable future": "FUTURE_REF"}


def n_ref(g, c):
    word = " ".join(g["w"].lower().split())
    if word in _NARRATIVE_REFS:
        # history writing (WikiWars, ACE) marks "former", "future", "recent" as times; news annotation does not
        return Norm("DATE", _NARRATIVE_REFS[word], "", "relative") if c.narrative else None
    return Norm("DATE", _REFS[word], "", "relative" if c.dct else "unknown")


_NARRATIVE_REFS = {"former": "PAST_REF", "recent": "PAST_REF", "future": "FUTURE_REF", "formerly": "PAST_REF",
                   "presently": "PRESENT_REF", "the foreseeable future": "FUTURE_REF"}


_DAYREL = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
           "the day after tomorrow": 2, "this": 0, "last": -1}


def n_dayrel(g, c):
    w = " ".join(g["w"].lower().split())
    pod = (g.get("pod") or "").lower()
    if w in ("this", "last") and not pod:
        return None
    if w == "tonight" or (w == "last" and pod == "night"):
        pod = "night"
    code = PARTS_OF_DAY.get(pod, "")
    if c.dct is None:
        return Norm("TIME" if code else "DATE", "XXXX-XX-XX" + (f"T{code}" if code else ""), "", "unknown")
    d = c.dct + timedelta(days=_DAYREL[w])
    return Norm("TIME" if code else "DATE", d.isoformat() + (f"T{code}" if code else ""), _pos(g)[0], "relative")


def _weekday_date(wd: int, c: Ctx, det: str) -> date | None:
    if c.dct is None:
        return None
    ref = c.dct
    if det.startswith("the ") and c.anchor is not None and c.anchor_gran == "day":
        ref = c.anchor  # "the previous Friday": the one before the day just mentioned
    if det in ("next", "coming", "this coming", "the following", "the next") or (not det and c.tense == "future"):
        return ref + timedelta(days=(wd - ref.weekday()) % 7 or (7 if det else 0))
    if det in ("last", "the previous", "the preceding"):
        return ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
    if det == "this":
        return ref + timedelta(days=wd - ref.weekday())
    if not det and c.tense == "prospective":  # "was expected to meet on Friday": the nearer Friday
        ahead = (wd - ref.weekday()) % 7
        return ref + timedelta(days=ahead) if ahead < 7 - ahead else ref - timedelta(days=(7 - ahead) % 7)
    return ref - timedelta(days=(ref.weekday() - wd) % 7)


def n_weekday(g, c):
    wd = WEEKDAYS[g["wd"].lower()]
    det = " ".join((g.get("det") or "").lower().split())
    pod = (g.get("pod") or "").lower()
    # "Friday night", "Friday morning": the TempEval annotators mostly give the day itself (10 of 19
    # nights, 5 of 8 mornings in the training data); evening and afternoon keep the part of day
    code = "" if pod in ("night", "morning") else PARTS_OF_DAY.get(pod, "")
    d = _weekday_date(wd, c, det)
    if d is None:
        return Norm("TIME" if code else "DATE", f"XXXX-WXX-{wd + 1}" + (f"T{code}" if code else ""), "", "unknown")
    return Norm("TIME" if code else "DATE", d.isoformat() + (f"T{code}" if code else ""), "", "relative")


def n_the_weekend(g, c):
    if c.dct is None:
        return None
    saturday = _weekday_date(5, c, "")
    if c.tense != "future" and c.dct.weekday() == 6:
        saturday = c.dct - timedelta(days=1)
    return Norm("DATE", fmt(saturday, "weekend"), "", "relative")


def n_same_day(g, c):
    """"earlier in the day", "later in the day": the day last mentioned (the publication day when none
    was); "overnight": the night before it ("overnight" in Friday's story, or after "on Friday", is
    Thursday night)."""
    ref = c.anchor if c.anchor is not None else c.dct
    if ref is None or (c.anchor is not None and c.anchor_gran != "day"):
        return None
    if g.get("night"):
        return Norm("TIME", f"{(ref - timedelta(days=1)).isoformat()}TNI", "", "relative")
    return Norm("DATE", ref.isoformat(), "", "relative")


def n_weekday_set(g, c):
    code = PARTS_OF_DAY[g["pod"].lower()] if g.get("pod") else ""
    return Norm("SET", f"XXXX-WXX-{WEEKDAYS[g['wd'].lower()] + 1}" + (f"T{code}" if code else ""))


def n_next_pod(g, c):
    """"the next morning", "that night": a day beside (or at) the last day mentioned, or
    the publication day when no day was mentioned yet."""
    ref = c.anchor if c.anchor is not None else c.dct
    if ref is None or (c.anchor is not None and c.anchor_gran != "day"):
        return None
    step = {"the next": 1, "the following": 1, "the previous": -1, "that": 0}[" ".join(g["det"].lower().split())]
    pod = g["pod"].lower()
    # histories (WikiWars) write the part of day; news annotation keeps only evening and afternoon (see n_weekday)
    code = PARTS_OF_DAY[pod] if c.narrative or pod in ("afternoon", "evening") else ""
    mod = {"early": "START", "late": "END"}.get((g.get("pos") or "").lower(), "")
    day = (ref + timedelta(days=step)).isoformat()
    return Norm("TIME", f"{day}T{code}", mod, "relative") if code else Norm("DATE", day, mod, "relative")


_NOT_GENERIC_POD = {"the", "this", "that", "last", "same", "all", "whole", "entire", "first", "second", "third", "one",
                    "next", "previous", "following", "election", "opening", "good", "late", "early"}


def n_unit_long(g, c):
    """"a day-long meeting", "a months-long siege", "a three-week-long strike": the length as a duration."""
    unit = g["unit"].lower()
    plural = unit.endswith("s") and unit != "centuries" or unit == "centuries"
    unit = "century" if unit.startswith("centur") else unit.rstrip("s")
    n = number(g["n"]) if g.get("n") else (None if plural else 1)
    if g.get("n") and n is None:
        return None
    return Norm("DURATION", duration(n, unit))


def n_generic_pod(g, c):
    """"at night", "night attacks", "daytime flights": a part of some day, no day in particular
    (TimeML: TIME ``XXXX-XX-XXTNI``)."""
    prev = g.get("prev") or ""
    if prev.lower() in _NOT_GENERIC_POD or prev[:1].isupper() and prev.lower() not in ("at", "by", "in", "during"):
        return None  # "the night", "that night", "Christmas night", "Saturday night"
    if prev.lower() in ("a", "an", "one", "per", "each", "every") and (g["w"] == "night" and not g.get("next")):
        return None  # a rate or a count: "$35 a night"
    code = "DT" if g["w"].lower() == "daytime" else "NI"
    return Norm("TIME", f"XXXX-XX-XXT{code}", "", "unknown")


def n_clock(g, c):
    h = int(g["h"])
    minutes = int(g.get("min") or 0)
    ap = (g.get("ap") or "").lower().replace(".", "")
    word = (g.get("word") or "").lower()
    if word:
        h, minutes = (12, 0) if word in ("noon", "midday") else (24, 0)
    elif not 1 <= h <= 12 or minutes > 59:
        return None
    elif ap == "pm" and h != 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    if g.get("wd"):
        d = _weekday_date(WEEKDAYS[g["wd"].lower()], c, "")
    elif g.get("mon"):
        y = _year_for(_month(g["mon"]), int(g["day"]), c)
        d = date(y, _month(g["mon"]), int(g["day"])) if y else None
    else:
        d = c.anchor if c.anchor is not None and c.anchor_gran == "day" else c.dct
    clock = f"T{h:02d}:{minutes:02d}"
    if d is None:
        return Norm("TIME", "XXXX-XX-XX" + clock, "", "unknown")
    return Norm("TIME", d.isoformat() + clock, "APPROX" if g.get("q") else "", "relative")


_CLOCK_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12}


def n_clock_pod(g, c):
    """"4 in the morning", "at eight in the evening", "10 at night": the hour, read on the clock the part
    of day names (a night hour before six is past midnight)."""
    h = g["h"].lower()
    if h in _CLOCK_WORDS:
        if not (g.get("lead") or g.get("q") or g.get("oclock")):
            return None  # "he met three in the morning": a number of people, not an hour
        h = _CLOCK_WORDS[h]
    else:
        h = int(h)
    pod = (g.get("pod") or "night").lower()
    if h == 12 and pod != "night":
        return None  # "12 in the morning" is read as noon and as midnight alike
    ap = "am" if pod == "morning" or (pod == "night" and (h < 6 or h == 12)) else "pm"
    return n_clock({**g, "h": str(h), "ap": ap}, c)


def n_day_beside(g, c):
    """"the day before last Tuesday", "the day after Christmas": the named day, moved by one."""
    if g.get("wd"):
        inner = n_weekday({"wd": g["wd"], "det": g.get("det")}, c)
    elif g.get("mon"):
        md = {"mon": g["mon"], "day": g["day"], "det": g.get("det"), "year": g.get("year")}
        inner = (n_mdy if g.get("year") else n_md)(md, c)
    else:
        inner = n_holiday({"h": g["h"], "det": g.get("det")}, c)
    if inner is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", inner.value):
        return None
    step = -1 if g["dir"].lower() == "before" else 1
    return Norm("DATE", (date.fromisoformat(inner.value) + timedelta(days=step)).isoformat(), "", inner.basis)


_FREQ = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y", "nightly": "P1D",
         "hourly": "PT1H", "quarterly": "P1Q", "biweekly": "P2W", "semiannually": "P6M"}


def n_set(g, c):
    if g.get("freq"):
        return Norm("SET", _FREQ[g["freq"].lower()])
    unit = g["unit"].lower()
    if unit in WEEKDAYS:
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[unit] + 1}")
    if unit in PARTS_OF_DAY:
        return Norm("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}")
    n = 1 if not g.get("n") else 2 if g["n"].lower() == "other" else number(g["n"])
    return Norm("SET", duration(n, unit))


def _thanksgiving(y: int) -> date:
    first = date(y, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def _election_day(y: int) -> date:
    """US Election Day: the Tuesday after the first Monday of November."""
    first_monday = date(y, 11, 1) + timedelta(days=(0 - date(y, 11, 1).weekday()) % 7)
    return first_monday + timedelta(days=1)


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "election day": _election_day,
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31), "thanksgiving": _thanksgiving, "thanksgiving day": _thanksgiving,
    "independence day": lambda y: date(y, 7, 4), "the fourth of july": lambda y: date(y, 7, 4),
    "valentine's day": lambda y: date(y, 2, 14), "halloween": lambda y: date(y, 10, 31),
    "easter": easter, "easter sunday": easter, "veterans day": lambda y: date(y, 11, 11),
    "armistice day": lambda y: date(y, 11, 11), "boxing day": lambda y: date(y, 12, 26),
}


def n_holiday(g, c):
    name = " ".join(g["h"].lower().replace("’", "'").split())
    if name == "election day" and not g["h"][0].isupper():
        return None  # the day of some election; only the capitalized name is the fixed US date
    # "Easter week", "Christmas week": the calendar week the holiday falls in
    gran = "week" if g.get("week") else "day"
    if g.get("year"):
        return Norm("DATE", fmt(_HOLIDAYS[name](int(g["year"])), gran))
    ref = c.anchor if (c.narrative and c.anchor) else c.dct
    if ref is None:
        return None
    det = (g.get("det") or "").lower()
    day = _HOLIDAYS[name](ref.year)
    begun = (day - timedelta(days=day.weekday()) if gran == "week" else day) <= ref
    if det == "last" or (not det and not c.narrative and c.tense != "future"):
        # the past reaches back to the last one that has begun ("last Thanksgiving": strictly before)
        if not begun or (det == "last" and day >= ref):
            day = _HOLIDAYS[name](ref.year - 1)
    elif det == "next" and day <= ref:
        day = _HOLIDAYS[name](ref.year + 1)
    return Norm("DATE", fmt(day, gran), "", "relative")
