"""The times an article sets for itself, which date what its sentences leave undated: its news day
(the only recent day it names) or its story's span, a roundup's section headers ("Where things stand
on Tuesday, June 3:"), and a stretch counted back from the report ("in the past two years").
"""
from __future__ import annotations

import calendar
import dataclasses
import re
from collections import Counter
from datetime import date, timedelta

from timeline.schema import Timex

NEWS_WINDOW_DAYS = 14  # a follow-up story still names the day of its news ("on 18 March resumed strikes")


def news_days(timexes: list[Timex], published: date | None, *, roundup: bool = False) -> tuple[date, date] | None:
    """When the article's news happened: the days of the two weeks before publication it names ("on
    Monday"), "now" and "today" aside. The only such day is its news day: (day, day). When it names
    several, the story's day is the one before publication it names most (of equals, the first named),
    and its news happened from then up to publication: (story's day, publication). A roundup (sections
    under day headers) has no story's day: each item is news of its own. None when it names none."""
    if published is None:
        return None
    named = [t.range_start for t in sorted(timexes, key=lambda t: t.begin)
             if t.type == "DATE" and t.precision == "day" and t.value != "PRESENT_REF"
             and t.range_start is not None and 0 <= (published - t.range_start).days <= NEWS_WINDOW_DAYS]
    if len(set(named)) == 1:
        return named[0], named[0]
    before = Counter(day for day in named if day < published)
    if roundup or not before:
        return None
    story = max(before, key=lambda day: (before[day], -named.index(day)))
    return story, published


HEADER_WORDS = 15
# "in the past two years", "over the last three months": a stretch that ends at publication.
LOOKBACK_PREP = re.compile(r"\b(?:in|over|during|within)\s+\Z", re.I)
LOOKBACK_VALUE = re.compile(r"P(\d+)([YMWD])")


def lookback(timex: Timex, text: str, published: date | None) -> Timex | None:
    """A duration counted back from the report ("doubled its army in the past two years") as the stretch of
    the calendar it covers, up to publication; None for any other duration ("for two years")."""
    counted = LOOKBACK_VALUE.fullmatch(timex.value)
    if published is None or counted is None or timex.text.lower().split()[:2] not in (["the", "past"], ["the", "last"]) \
            or not LOOKBACK_PREP.search(text[max(0, timex.begin - 12):timex.begin]):
        return None
    n, unit = int(counted.group(1)), counted.group(2)
    if unit in "YM":
        months = published.year * 12 + published.month - 1 - n * (12 if unit == "Y" else 1)
        year, month = divmod(months, 12)
        start = date(year, month + 1, min(published.day, calendar.monthrange(year, month + 1)[1]))
    else:
        start = published - timedelta(weeks=n) if unit == "W" else published - timedelta(days=n)
    return dataclasses.replace(timex, type="DATE", precision="range", range_start=start, range_end=published,
                               basis="relative")


def is_header(text: str) -> bool:
    """A line that introduces a section rather than tells a happening: short, and ending in a colon."""
    text = text.strip()
    return text.endswith(":") and len(text.split()) <= HEADER_WORDS
