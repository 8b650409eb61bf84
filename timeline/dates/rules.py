"""Normalizers of temporal expressions: matched groups + context -> TIMEX3 type, value, mod.

Each gets a match's named groups and a hashable context (publication date, anchor, tense) so
results can be cached. A normalizer returns None when it cannot give a value it trusts: an
expression tagged with a wrong value costs more than one left out (value F1 = relaxed F1 × value
accuracy). This module holds the calendar families (dates, months, years, seasons, quarters, decades);
``timex_relative`` the deictic and anaphoric ones; ``timex_grammar`` the patterns that feed both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, NamedTuple

from timeline.dates.values import MONTHS, ORDINALS, SEASONS, add_months, fmt, number


class Ctx(NamedTuple):
    dct: date | None
    anchor: date | None = None  # the last date the text mentioned (narrative anchoring)
    anchor_gran: str = ""
    tense: str = "past"  # past | future | unmarked (no cue: read as past, months go to the nearer year) |
    #   prospective (ahead of a past moment, "was expected to": a weekday is the nearer one)
    quarter: str = ""  # the last quarter the text mentioned, e.g. 1989-Q3
    narrative: bool = False
    era_year: str = ""  # the last year mentioned when the calendar cannot hold it (BC0480)


class Norm(NamedTuple):
    type: str
    value: str
    mod: str = ""
    basis: str = "explicit"


Normalizer = Callable[[dict, Ctx], "Norm | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    normalize: Normalizer
    needs: frozenset = frozenset()  # which of Ctx's changing fields it reads: tense, anchor, quarter
    # words one of which every match holds as a token (lower case; "####" a four-digit number, "#" any
    # other): the rule runs only near them
    trigger: frozenset[str] = field(kw_only=True)


QUANT_MOD = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
             "nearly": "LESS_THAN", "almost": "LESS_THAN", "just under": "LESS_THAN", "barely": "LESS_THAN",
             "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "less than": "LESS_THAN",
             "under": "LESS_THAN", "fewer than": "LESS_THAN", "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
             "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS"}


def _q(g: dict) -> str:
    q = g.get("q")
    if not q:
        return "APPROX" if g.get("orso") else ""  # "a week or so"
    return QUANT_MOD.get(" ".join(q.lower().split()), "")


def _pos(g: dict) -> tuple[str, str]:
    """(mod, half) of a position prefix: 'early' -> START, 'the first half of' -> half 1."""
    p = (g.get("pos") or "").lower()
    if not p:
        return "", ""
    if "half" in p:
        return "", "1" if "first" in p else "2"
    if any(w in p for w in ("early", "beginning", "start", "dawn", "earlier")):
        return "START", ""
    if any(w in p for w in ("mid", "middle")):
        return "MID", ""
    return "END", ""


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _capitalized(word: str) -> bool:
    return word[:1].isupper()


# --- year resolution ----------------------------------------------------------------------------
def _year_for(month: int, day: int | None, c: Ctx) -> int | None:
    """A month (and day) without a year: the narrative anchor's year, else the publication year
    moved one way when the tense points away from it by more than a season (a past-tense "December"
    in a March article is last December; a past-tense "April 2" in a March 30 article is not)."""
    if c.narrative and c.anchor is not None:
        return c.anchor.year
    if c.dct is None:
        return None
    y = c.dct.year
    months_ahead = (month - c.dct.month) + ((day or 15) - c.dct.day) / 31
    if c.tense == "future":
        return y + 1 if months_ahead < -_SLACK else y
    if c.tense == "unmarked" and abs(months_ahead) > 6:
        # nothing in the sentence says which way: the nearer of the two candidate years
        return y + 1 if months_ahead < 0 else y - 1
    return y - 1 if months_ahead > _SLACK else y


_SLACK = 3  # months


def _day_value(y: int | None, month: int, day: int) -> str | None:
    if y is None:
        return f"XXXX-{month:02d}-{day:02d}"
    try:
        return date(y, month, day).isoformat()
    except ValueError:
        return None


# --- normalizers --------------------------------------------------------------------------------
def n_iso(g, c):
    y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
    value = _day_value(y, m, d)
    if value is None:
        return None
    if g.get("hh"):
        return Norm("TIME", f"{value}T{g['hh']}:{g['mm']}" + (f":{g['ss']}" if g.get("ss") else ""))
    return Norm("DATE", value)


def n_mdy(g, c):
    value = _day_value(int(g["year"]), _month(g["mon"]), int(re.sub(r"\D", "", g["day"])))
    if value is None:
        return None
    mod, _ = _pos(g)
    return Norm("DATE", value, mod)


def n_md(g, c):
    if not _capitalized(g["mon"]):
        return None
    month, day = _month(g["mon"]), int(re.sub(r"\D", "", g["day"]))
    det = " ".join((g.get("det") or "").lower().split())
    if det and c.dct is not None:
        y = c.dct.year
        if det in ("last", "this past") and (month, day) >= (c.dct.month, c.dct.day):
            y -= 1
        elif det in ("next", "this coming") and (month, day) <= (c.dct.month, c.dct.day):
            y += 1
        value = _day_value(y, month, day)
        return None if value is None else Norm("DATE", value, _pos(g)[0], "relative")
    if g.get("fy"):
        value = _day_value(int(g["fy"]), month, day)
        return None if value is None else Norm("DATE", value, _pos(g)[0])
    value = _day_value(_year_for(month, day, c), month, day)
    if value is None:
        return None
    mod, _ = _pos(g)
    return Norm("DATE", value, mod, "unknown" if value.startswith("X") else "relative")


def n_my(g, c):
    if not _capitalized(g["mon"]):
        return None
    mod, _ = _pos(g)
    return Norm("DATE", f"{int(g['year']):04d}-{_month(g['mon']):02d}", mod)


def n_month(g, c):
    word = g["mon"]
    if not _capitalized(word) or (word.lower() in ("may", "march") and not (g.get("pre") or g.get("pos") or g.get("det"))):
        return None
    month = _month(word)
    if g.get("fy"):
        return Norm("DATE", f"{int(g['fy']):04d}-{month:02d}", _pos(g)[0])
    if c.narrative and c.era_year:
        return Norm("DATE", f"{c.era_year}-{month:02d}", _pos(g)[0], "relative")
    det = " ".join((g.get("det") or "").lower().split())
    if det and c.dct is not None:
        y = c.dct.year
        if det in ("last", "this past") and month >= c.dct.month:
            y -= 1
        elif det in ("next", "this coming") and month <= c.dct.month:
            y += 1
    else:
        y = _year_for(month, None, c)
    mod, _ = _pos(g)
    if y is None:
        return Norm("DATE", f"XXXX-{month:02d}", mod, "unknown")
    return Norm("DATE", f"{y:04d}-{month:02d}", mod, "relative")


def n_month_rel_year(g, c):
    if not _capitalized(g["mon"]) or c.dct is None:
        return None
    step = {"this": 0, "last": -1, "next": 1}[g["det"].lower()]
    return Norm("DATE", f"{c.dct.year + step:04d}-{_month(g['mon']):02d}", _pos(g)[0], "relative")


_YEAR_STEP = {"that": 0, "the same": 0, "this": 0, "the following": 1, "the next": 1, "the previous": -1,
              "the preceding": -1, "the prior": -1}


def n_month_anaphoric_year(g, c):
    """"August of that year", "July 25 of the following year": the anchor's year, moved."""
    step = _YEAR_STEP[" ".join(g["det"].lower().split())]
    ref = c.anchor if c.anchor is not None else c.dct
    if ref is None or not _capitalized(g["mon"]):
        return None
    y, month = ref.year + step, _month(g["mon"])
    if g.get("day"):
        value = _day_value(y, month, int(re.sub(r"\D", "", g["day"])))
        return None if value is None else Norm("DATE", value, _pos(g)[0], "relative")
    return Norm("DATE", f"{y:04d}-{month:02d}", _pos(g)[0], "relative")


# Prepositions that make the number after them a time even when "of" follows it.
TIME_PREPS = frozenset({"in", "since", "during", "until", "till", "throughout"})


def n_year(g, c):
    y = int(g["year"])
    mod, half = _pos(g)
    noun = (g.get("noun") or "").strip().lower()
    if noun and not (noun == "of" and (g.get("pre") or "").strip().lower() in TIME_PREPS):
        return None  # "2000 of the troops", "1500 tanks"; but "pulled out in 2019 of the pact" is a year
    if c.dct is not None and y > c.dct.year + 30:
        return None
    if half:
        return Norm("DATE", f"{y:04d}-H{half}")
    return Norm("DATE", f"{y:04d}", mod)


def n_pre_post_year(g, c):
    """"post-1959 politics", "pre-1990 rules": the year, with the side of it meant."""
    return Norm("DATE", f"{int(g['year']):04d}", "AFTER" if g["side"].lower() == "post" else "BEFORE")


def n_bc(g, c):
    y = int(g["y"])
    mod, _ = _pos(g)
    era = g["era"].upper().replace(".", "")
    return Norm("DATE", f"BC{y:04d}" if era.startswith("B") else f"{y:04d}", mod)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def n_decade(g, c):
    mod, half = _pos(g)
    if half:
        mod = "START" if half == "1" else "END"
    if g.get("dec"):
        return Norm("DATE", g["dec"][:3], mod)
    century = 19 if c.dct is None or c.dct.year < 2000 else (c.dct.year // 100)
    if g.get("dec2"):
        tens = int(g["dec2"][0])
    else:
        tens = _DECADE_WORDS[g["decw"].lower()]
        century = 19
    return Norm("DATE", f"{century}{tens}", mod, "relative" if g.get("dec2") else "explicit")


def n_century(g, c):
    o = g["ord"].lower()
    n = int(re.sub(r"\D", "", o)) if o[0].isdigit() else ORDINALS.get(o)
    if not n:
        return None
    mod, half = _pos(g)
    if half:
        mod = "START" if half == "1" else "END"
    return Norm("DATE", (f"BC{n - 1:02d}" if g.get("bc") else f"{n - 1:02d}"), mod)


def n_season(g, c):
    code = SEASONS[g["season"].lower()]
    det = (g.get("det") or "").lower()
    mod, _ = _pos(g)
    if g.get("year"):
        return Norm("DATE", f"{g['year']}-{code}", mod)
    if not det and not g.get("pos") and code == "FA":
        return None  # "fall" unmarked is the verb
    if c.narrative and c.era_year:
        return Norm("DATE", f"{c.era_year}-{code}", mod, "relative")
    ref = c.anchor if (c.narrative and c.anchor) else c.dct
    if ref is None:
        return Norm("DATE", f"XXXX-{code}", mod, "unknown")
    y = ref.year
    season_start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if det in ("last", "past", "previous"):
        y = y - 1 if season_start >= ref.month else y
    elif det in ("next", "coming"):
        y = y + 1 if season_start <= ref.month else y
    elif det in ("", "the", "that") and not c.narrative and c.tense != "future" and season_start > ref.month:
        y -= 1
    return Norm("DATE", f"{y:04d}-{code}", mod, "relative")


def _quarter_of(d: date) -> str:
    return fmt(d, "quarter")


def n_quarter_ord(g, c):
    o = g["ord"].lower()
    n = int(o[0]) if o[0].isdigit() else ORDINALS[o]
    year = g.get("year") or g.get("year2")
    if year:
        return Norm("DATE", f"{year}-Q{n}")
    if c.dct is not None:
        y = c.dct.year if date(c.dct.year, 3 * n - 2, 1) <= c.dct else c.dct.year - 1
    else:
        return Norm("DATE", f"XXXX-Q{n}", "", "unknown")
    return Norm("DATE", f"{y:04d}-Q{n}", "", "relative")


def n_quarter_rel(g, c):
    rel = " ".join((g.get("rel") or "").lower().split())
    if c.dct is None:
        return None
    current = date(c.dct.year, (c.dct.month - 1) // 3 * 3 + 1, 1)
    if rel in ("this", "current"):
        return Norm("DATE", _quarter_of(current), "", "relative")
    if rel in ("next", "coming"):
        return Norm("DATE", _quarter_of(add_months(current, 3)), "", "relative")
    if rel in ("last", "previous", "past", "prior", "preceding"):
        return Norm("DATE", _quarter_of(add_months(current, -3)), "", "relative")
    if rel in ("year-ago", "year-earlier"):
        base = c.quarter or _quarter_of(add_months(current, -3))
        return Norm("DATE", f"{int(base[:4]) - 1:04d}{base[4:]}", "", "relative")
    if rel in ("latest", "recent", "most recent"):
        return Norm("DATE", _quarter_of(add_months(current, -3)), "", "relative")  # the last one completed
    if rel in ("", "fiscal", "same", "comparable"):
        return Norm("DATE", c.quarter or _quarter_of(add_months(current, -3)), "", "relative")
    return None


def n_period(g, c):
    """Financial-report periods: "the 1988 third quarter", "next year's first quarter", "the year-ago
    third quarter", "the 1989 period", "the corresponding period last year"."""
    rel = " ".join((g.get("rel") or "").lower().split())
    o = (g.get("ord") or "").lower()
    n = (int(o[0]) if o[0].isdigit() else ORDINALS[o]) if o else None
    if g.get("year"):
        y = int(g["year"])
    elif c.dct is None:
        return None
    else:
        y = c.dct.year + {"next year's": 1, "this year's": 0}.get(rel, -1)
    if n is None:
        n = int(c.quarter[-1]) if c.quarter else None
    if n is None:
        return Norm("DATE", f"{y:04d}", "", "explicit" if g.get("year") else "relative")
    return Norm("DATE", f"{y:04d}-Q{n}", "", "explicit" if g.get("year") and o else "relative")


def n_year_ago_adj(g, c):
    if c.dct is None:
        return None
    noun = (g.get("noun") or "").lower()
    if c.quarter and noun != "year":
        return Norm("DATE", f"{int(c.quarter[:4]) - 1:04d}{c.quarter[4:]}", "", "relative")
    return Norm("DATE", f"{c.dct.year - 1:04d}", "", "relative")


def n_spoken_year(g, c):
    if g.get("thousand") is not None:
        rest = number(g["thousand"]) if g["thousand"].strip() else 0
        return None if rest is None else Norm("DATE", f"{2000 + int(rest):04d}")
    head = {"eighteen": 18, "nineteen": 19, "twenty": 20}[g["head"].lower()]
    tail = number(g["tail"])
    if tail is None or not 10 <= tail <= 99:
        return None
    return Norm("DATE", f"{head}{int(tail):02d}")
