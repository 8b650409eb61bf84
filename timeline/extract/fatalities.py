"""Fatalities: how many people a sentence says were killed, where it gives a number.

"Strikes killed at least 12 people" -> 12; "three soldiers and two civilians were killed" -> 5; "the
death toll rose to 40" -> 40; "no one was killed" -> 0. Only a number counts: "dozens were killed",
"a boy was killed" and "up to 12 may have died" give none (None), as do numbers that are not
counts of the dead ("killed in 2012", "a 12-year-old", "12 soldiers were wounded", "one of the 40
dead" — a back-reference to a toll given elsewhere). "At least" and "more than" keep the number
they bound, as ACLED codes the lowest figure reported.

The count goes to the events of a kind ACLED counts fatalities for (violence, riots and
protests, by data/event_types.csv), never to a meeting or a statement in the same sentence, nor to
an event that did not (yet) happen. A sentence that reports two such events gives both its count.
"""
from __future__ import annotations

import dataclasses
import functools
import re

from timeline.extract.eventtypes import event_types
from timeline.schema import Event

# ACLED's event types whose events can kill: fatalities are coded for these.
LETHAL = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"})
# Events in these contexts did not happen (yet): they killed no one.
UNREAL = frozenset({"future", "hypothetical", "negated"})

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
# Bounds kept as the number: ACLED codes the lowest figure reported.
_QUALIFIERS = ("at least", "more than", "over", "some", "about", "around", "nearly", "almost", "roughly",
               "approximately", "an estimated", "as many as", "a total of", "no fewer than", "no less than",
               "another", "a further", "at least another", "between")
KILL_ACTIVE = frozenset({"killed", "killing", "kills", "kill", "slew", "slaughtered", "massacred", "executed"})
# "claimed more than 14,000 lives", "cost 40 lives" (not "saved 40 lives")
TAKE_LIVES = frozenset({"claimed", "claiming", "claims", "cost", "costing", "took", "taking", "takes"})
DEATH = frozenset({"killed", "dead", "died", "slain", "perished", "executed", "massacred"})
# Words between a count and its death word that keep the count's meaning: "12 people have been killed".
_AUX = frozenset({"were", "was", "have", "has", "had", "been", "are", "is", "reportedly", "reported", "confirmed",
                  "also", "all", "later", "now", "since", "already", "just", "so", "far"})
DEATH_NOUNS = frozenset({"deaths", "fatalities"})  # "43 civilian deaths"; "casualties" counts the wounded too
NON_FATAL = frozenset({"wounded", "injured", "hurt", "missing", "captured", "arrested", "detained", "displaced",
                       "evacuated", "rescued", "hospitalised", "hospitalized", "taken", "held", "survived", "freed",
                       "released", "wounding", "injuring"})
# Doubt or modality: "12 are feared dead", "12 could be killed" give no count.
_HEDGES = frozenset({"feared", "believed", "presumed", "thought", "possibly", "probably", "likely", "could",
                     "would", "might", "may", "will", "shall", "can", "not", "never", "be"})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                     "sept", "oct", "nov", "dec"})
# A number followed by one of these is not a count of people.
_NOT_COUNTED = _MONTHS | {"year", "years", "day", "days", "week", "weeks", "month", "months", "hour", "hours",
                          "minute", "minutes", "second", "seconds", "km", "kilometres", "kilometers", "mile",
                          "miles", "metres", "meters", "percent", "per", "%", "times", "am", "pm", "bc", "ad",
                          "kg", "tonnes", "tons"}
# The words naming the counted: after "killed" up to 3 plain words ("killed 12 Ukrainian soldiers");
# before a death word up to 5, with the prepositions of a place or a side ("12 soldiers of the unit
# in Kharkiv were killed"). Longer phrases are not read as one.
_FILLER, _PASSIVE_FILLER = 3, 5
_PHRASE = frozenset({"in", "at", "on", "near", "across", "from", "of", "for", "the", "a", "an"})
# "killing 1,000 a day" is a rate, not a count
_RATE = frozenset({"each", "per", "every", "a"}), frozenset({"day", "week", "month", "year", "night"})
_ENDS = frozenset({"in", "on", "at", "near", "by", "from", "to", "with", "after", "before", "during", "as", "when",
                   "while", "who", "which", "that", "of", "including", "among", "and", "or", "but", "the"})
_STOPS = _ENDS | _AUX | DEATH | DEATH_NOUNS | NON_FATAL | _HEDGES | {"lost"}  # "lost their lives"
_YEAR_PREPS = frozenset({"in", "since", "until", "by", "from", "before", "after", "during", "of", "between"})
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?(?:-[a-z]+)+|\d[\d,]*(?:\.\d+)?|[a-z]+(?:[-'][a-z]+)*|%|[^\s\w]")


def fatalities(sentence: str) -> int | None:
    """The number of people ``sentence`` says were killed; 0 when it says no one was; None when it
    gives no number. Several counts: the largest (a toll restated is not added up)."""
    return _count(sentence)


@functools.lru_cache(maxsize=4096)
def _count(sentence: str) -> int | None:
    tokens = _TOKEN.findall(sentence.lower())
    found: list[int] = []
    toll: list[int] = []
    zero = False
    i = 0
    while i < len(tokens):
        token, after = tokens[i], i + 1
        # "kill" itself only in a report's present ("strikes kill 11"), not "could kill" or "to kill"
        unsure = token == "kill" and {_at(tokens, i - 1), _at(tokens, i - 2)} & (_HEDGES | {"to"})
        if (token in KILL_ACTIVE and not unsure) \
                or (token in ("lives", "life") and _at(tokens, i - 1) == "the" and _at(tokens, i + 1) == "of"):
            group = _group(tokens, i + 1 + (token not in KILL_ACTIVE), active=True)  # "claimed the lives of 12"
            if group:
                if not _rate(tokens, i, group[1]):
                    found.append(group[0])
                after = group[1]
        elif token in TAKE_LIVES:
            got = _qualified(tokens, i + 1)
            if got and _at(tokens, got[1]) in ("lives", "life"):
                found.append(got[0])
                after = got[1]
        elif token == "toll":
            toll += [n for n in (_toll(tokens, i + 1),) if n is not None]
        elif _is_zero(tokens, i):
            zero = True
        elif _number(tokens, i) is not None:
            group = _passive(tokens, i)
            if group:
                if group[0] is not None:
                    found.append(group[0])
                after = group[1]  # the group's later counts are its own, not new ones
        i = max(after, i + 1)
    if found:
        return max(found)
    if toll:
        return max(toll)
    return 0 if zero else None


def _at(tokens: list[str], i: int) -> str:
    return tokens[i] if 0 <= i < len(tokens) else ""


def _number(tokens: list[str], i: int) -> tuple[int, int] | None:
    """The number written at ``tokens[i]`` and the position after it, if it is a count: digits
    ("1,200", "1.5 million") or words ("twenty-five", "two hundred", "a dozen")."""
    token = _at(tokens, i)
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", token):
        if token.count(",") and not re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
            return None
        value, j = float(token.replace(",", "")), i + 1
    elif token == "a" and _at(tokens, i + 1) in ("dozen", "hundred", "thousand"):
        value, j = (12 if tokens[i + 1] == "dozen" else _SCALES[tokens[i + 1]]), i + 2
    elif all(part in _UNITS for part in token.split("-")) and token:
        value, j = sum(_UNITS[p] for p in token.split("-")), i + 1
    else:
        return None
    if _at(tokens, j) in _SCALES:
        value, j = value * _SCALES[tokens[j]], j + 1
    if value != int(value) or _at(tokens, j) in _NOT_COUNTED or _at(tokens, j) in ("-", "/"):
        return None
    before = _at(tokens, i - 1)
    if tokens[max(0, i - 2):i] == ["up", "to"]:  # a most, not a count
        return None
    if before in _MONTHS or before in ("aged", "age", "ages", "number", "no", "#") \
            or (re.fullmatch(r"1[89]\d\d|20\d\d", token) and before in _YEAR_PREPS):
        return None
    if before in ("the", "those") and _at(tokens, i - 2) in ("of", "among"):  # "one of the 40 dead"
        return None
    return int(value), j


def _qualified(tokens: list[str], i: int) -> tuple[int, int, bool] | None:
    """A count with its bound ("at least 12"): (value, position after, is it "between N and M")."""
    for qualifier in sorted(_QUALIFIERS, key=len, reverse=True):
        words = qualifier.split()
        if tokens[i:i + len(words)] == words:
            got = _number(tokens, i + len(words))
            return (*got, qualifier == "between") if got else None
    got = _number(tokens, i)
    return (*got, False) if got else None


def _filler(tokens: list[str], j: int, *, active: bool = True) -> int:
    """Past the words naming the counted ("Ukrainian soldiers"); see _FILLER."""
    for _ in range(_FILLER if active else _PASSIVE_FILLER):
        word = _at(tokens, j)
        plain = word.replace("'", "").isalpha() and word not in _STOPS
        if not (plain or (not active and word in _PHRASE)) or _number(tokens, j):
            break
        j += 1
    return j


def _rate(tokens: list[str], i: int, j: int) -> bool:
    """The counts from ``i`` to ``j`` are a rate: "300 soldiers a day", "1,000 each week"."""
    return any(_at(tokens, k) in _RATE[0] and _at(tokens, k + 1) in _RATE[1] for k in range(i, j + 4))


def _group(tokens: list[str], i: int, *, active: bool) -> tuple[int, int] | None:
    """Counts joined by "and" or commas: "three soldiers and two civilians" -> 5. In the active
    voice ("killed ... "), a count followed by other verbs ("and 30 were wounded") is not added."""
    got = _qualified(tokens, i)
    if got is None:
        return None
    total, j, between = got
    j = _filler(tokens, j, active=active)
    while _at(tokens, j) in (",", "and"):
        k = j + 1 + (_at(tokens, j + 1) == "and")
        more = _qualified(tokens, k)
        if more is None:
            break
        end = _filler(tokens, more[1], active=active)
        if active and (_at(tokens, end) in _AUX | NON_FATAL | _HEDGES):
            break
        if not between:  # "between 10 and 15": the lower bound
            total += more[0]
        between, j = False, end
    return total, j


def _passive(tokens: list[str], i: int) -> tuple[int | None, int] | None:
    """A count before its death word: "12 people were killed", "40 dead", "two died". Returns the
    total (None when no death word follows) and the position after the counts, or None."""
    if i and _number(tokens, i - 1) is not None:
        return None  # inside a number ("two hundred")
    start = i
    for qualifier in _QUALIFIERS:  # the bound before the count belongs to it
        words = qualifier.split()
        if tokens[max(0, i - len(words)):i] == words:
            start = i - len(words)
    group = _group(tokens, start, active=False)
    if group is None:
        return None
    total, j = group
    end = j
    if _rate(tokens, start, j):
        return None, end
    if _at(tokens, j) in DEATH_NOUNS:  # "43 civilian deaths"
        return total, end
    if _at(tokens, j) == "," and _at(tokens, j + 1) in ("including", "among", "mostly", "many", "most"):
        # an aside before the verb: "198 civilians, including three children, were killed"
        close = next((k for k in range(j + 2, j + 10) if _at(tokens, k) == ","), None)
        j = close + 1 if close else j
    while _at(tokens, j) in _AUX:
        j += 1
    if _at(tokens, j) in DEATH or (_at(tokens, j) == "lost" and _at(tokens, j + 2) in ("lives", "life")):
        return total, end
    return None, end


def _toll(tokens: list[str], i: int) -> int | None:
    """After "toll": "rose to 40", "of 40", "stood at more than 40"."""
    for j in range(i, min(i + 5, len(tokens))):
        got = _qualified(tokens, j)
        if got:
            return got[0]
        if tokens[j] not in {"rose", "risen", "has", "had", "climbed", "reached", "stood", "stands", "at", "to", "of",
                             "now", "is", "was", "increased", "jumped", "hit", "grew"}:
            return None
    return None


def _is_zero(tokens: list[str], i: int) -> bool:
    """"No one was killed", "nobody died", "there were no casualties"."""
    if tokens[i] == "no" and _at(tokens, i + 1) in ("deaths", "fatalities", "casualties"):
        return True
    if tokens[i] == "without" and _at(tokens, i + 1) == "casualties":
        return True
    if (tokens[i] == "no" and _at(tokens, i + 1) == "one") or tokens[i] in ("nobody", "no-one"):
        j = i + (2 if tokens[i] == "no" else 1)
        while _at(tokens, j) in _AUX:
            j += 1
        return _at(tokens, j) in DEATH | {"hurt", "injured"}
    return False


def attach(event: Event, text: str = "") -> Event:
    """``event`` with the fatalities its sentences give, when it is a kind of event that kills: its
    evidence sentence and, given the article ``text``, the other sentences that report the same
    happening (its ``mentions``: "Russia struck Kharkiv. The strike killed 12."). The largest count
    of them is kept, as for the counts of one sentence."""
    if event.context in UNREAL:
        return event
    kind = event_types().lookup(event.event_type, event.mode, event.trigger).acled_event_type
    if kind not in LETHAL:
        return event
    spans = [span.split("-") for span in event.mentions.split(";") if span] if text else []
    counts = [n for n in map(fatalities, [event.sentence, *(text[int(a):int(b)] for a, b in spans)]) if n is not None]
    return dataclasses.replace(event, fatalities=max(counts)) if counts else event
