"""TIMEX3 value arithmetic: word tables, formatting at a granularity, shifting, calendar spans.

A value's granularity decides how it is written (``1989``, ``1989-Q3``, ``1989-W44``, ``1989-10``,
``1989-10-27``) and what calendar span it covers. Spans of modified values (START/MID/END) are
thirds: a year's START is January–April, MID May–August, END September–December; a month's are
days 1–10, 11–20, 21–end; a decade's or a century's likewise by thirds of its years.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
UNITS = {  # unit word -> (granularity, duration designator)
    "second": ("second", "TS"), "minute": ("minute", "TM"), "hour": ("hour", "TH"),
    "day": ("day", "D"), "night": ("day", "D"), "week": ("week", "W"), "weekend": ("weekend", "WE"),
    "fortnight": ("fortnight", "W"), "month": ("month", "M"), "quarter": ("quarter", "Q"),
    "year": ("year", "Y"), "decade": ("decade", "DE"), "century": ("century", "CE"),
}
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20, "twenty-first": 21, "last": 4}
VAGUE_COUNTS = ("several", "a few", "few", "some", "many", "a number of", "numerous")

NUMBER_WORD = (r"(?:\d+(?:[.,]\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
               r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
               r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
               r"(?:a |one )?hundred|a dozen|dozen|half an?|"
               r"several|a few|few|some|many|a couple of|couple of|a number of|numerous)")


def number(word: str) -> float | None:
    """The number a count word stands for; None for a vague count ("several", "a few")."""
    w = " ".join(word.lower().replace("-", " ").split())
    if w in VAGUE_COUNTS:
        return None
    if w in ("a", "an"):
        return 1
    if w.startswith("half"):
        return 0.5
    if w in ("a dozen", "dozen"):
        return 12
    if w in ("a couple of", "couple of"):
        return 2  # about two (TimeML: P2Y, mod APPROX)
    if w.endswith("hundred"):
        return 100
    try:
        return float(w.replace(",", ""))
    except ValueError:
        pass
    parts = w.split()
    total = 0
    for p in parts:
        if p in _TENS:
            total += _TENS[p]
        elif p in _ONES:
            total += _ONES.index(p)
        else:
            return None
    return total


def fmt_number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


_SPLIT = {"Y": (12, "P{w}Y{r}M", "P{r}M"), "D": (24, "P{w}DT{r}H", "PT{r}H"),
          "TH": (60, "PT{w}H{r}M", "PT{r}M"), "TM": (60, "PT{w}M{r}S", "PT{r}S")}


def duration(n: float | None, unit: str) -> str:
    """P3Y, PT5H, P2W, PXD (vague count), P10Y (a decade), PXDE (decades)."""
    _, code = UNITS[unit]
    if unit == "fortnight" and n is not None:
        n, code = n * 2, "W"
    if unit in ("decade", "century") and n is not None:
        # "two decades" is written P20Y in the TempEval data more often than P2DE
        n, code = n * (10 if unit == "decade" else 100), "Y"
    if n is not None and not float(n).is_integer() and code in _SPLIT:
        # "five and a half hours" is PT5H30M, "2 1/2 years" P2Y6M: the fraction in the next smaller unit
        factor, both, part = _SPLIT[code]
        whole, rest = int(n), round((n - int(n)) * factor)
        return (both if whole else part).format(w=whole, r=rest)
    count = "X" if n is None else fmt_number(n)
    if code.startswith("T"):
        return f"PT{count}{code[1:]}"
    return f"P{count}{code}"


def fmt(d: date, gran: str) -> str:
    """``d`` written at granularity ``gran``."""
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran in ("week", "fortnight", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if gran == "weekend" else "")
    return d.isoformat()


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year = d.year + y
    if not 1 <= year <= 9999:
        raise OverflowError("year out of range")
    return date(year, m + 1, min(d.day, calendar.monthrange(year, m + 1)[1]))


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (negative: back)."""
    if unit in ("day", "night"):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "year":
        return add_months(d, 12 * n)
    if unit == "decade":
        return add_months(d, 120 * n)
    if unit == "century":
        return add_months(d, 1200 * n)
    return d


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _thirds(start: date, end: date, mod: str) -> tuple[date, date]:
    """The START/MID/END third of a span, cut on month boundaries when the span is a year or longer."""
    if mod not in ("START", "MID", "END"):
        return start, end
    if (end - start).days < 40:
        cuts = [start, start.replace(day=11), start.replace(day=21)]
        i = ("START", "MID", "END").index(mod)
        return cuts[i], (cuts[i + 1] - timedelta(days=1)) if i < 2 else end
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    third = max(1, months // 3)
    i = ("START", "MID", "END").index(mod)
    s = add_months(start, third * i)
    e = end if i == 2 else add_months(start, third * (i + 1)) - timedelta(days=1)
    return s, e


def span(value: str, mod: str = "") -> tuple[str, date | None, date | None]:
    """(precision, range_start, range_end) of a TIMEX3 date value; no range for what is not on the calendar."""
    try:
        return _span(value, mod)
    except (ValueError, OverflowError):
        return "unknown", None, None


def _span(value: str, mod: str) -> tuple[str, date | None, date | None]:
    if "X" in value or value.startswith(("P", "BC")) or value.endswith("_REF"):
        return "unknown", None, None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", value)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return "day", d, d
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        y, mo = int(m[1]), int(m[2])
        return ("month",) + _thirds(date(y, mo, 1), _month_end(y, mo), mod)
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return "week", monday + timedelta(days=5), monday + timedelta(days=6)
        return "week", monday, monday + timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        y, q = int(m[1]), int(m[2])
        return ("quarter",) + _thirds(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), mod)
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        y, h = int(m[1]), int(m[2])
        return ("range",) + _thirds(date(y, 6 * h - 5, 1), _month_end(y, 6 * h), mod)
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        y = int(m[1])
        first, last = _SEASON_MONTHS[m[2]]
        end = _month_end(y + 1, last) if m[2] == "WI" else _month_end(y, last)
        return ("season",) + _thirds(date(y, first, 1), end, mod)
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        y = int(m[1])
        return ("year",) + _thirds(date(y, 1, 1), date(y, 12, 31), mod)
    m = re.fullmatch(r"(\d{3})", value)
    if m:
        y = int(m[1]) * 10
        return ("decade",) + _thirds(date(max(1, y), 1, 1), date(y + 9, 12, 31), mod)
    m = re.fullmatch(r"(\d{2})", value)
    if m:
        y = int(m[1]) * 100
        return ("range",) + _thirds(date(max(1, y), 1, 1), date(y + 99, 12, 31), mod)
    return "unknown", None, None
