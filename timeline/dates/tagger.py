"""Temporal expressions in text -> TimeML TIMEX3 values with a precision and a calendar span.

``find_timexes(text, dct)`` finds every expression the grammar in ``timex_grammar`` knows, keeps the
longest where they overlap, and normalizes them in reading order so that anaphoric ones ("the next
day", "the year-earlier quarter") can lean on what came before. Relative expressions are resolved
against the publication date (the DCT); with ``narrative=True`` (histories, war narratives) months
without a year and "two days later" follow the last date the text mentioned instead.

Spans (``range_start``..``range_end``): a day is itself; a month, quarter, season or year its
calendar span; a decade its ten years. START/MID/END narrow the span to its first, middle or last
third: "mid-2024" is 2024-05-01..2024-08-31, "early October" days 1–10. Durations, sets and
PAST_REF/FUTURE_REF have no span. "now" (PRESENT_REF) spans the publication day.
"""
from __future__ import annotations

import functools
import logging
import re
from datetime import date, datetime

from timeline.schema import Timex
from timeline.dates.grammar import RULES
from timeline.dates.rules import Ctx, Norm
from timeline.dates.values import span

log = logging.getLogger(__name__)

_FUTURE_CUE = re.compile(r"\b(?:will|won't|wo|'ll|shall|going\s+to|is\s+to|are\s+to|plans?\s+to|planning\s+to|"
                         r"expected\s+to|set\s+to|due\s+to|would|upcoming|next(?!\s+to\b)|begins?|starts?|"
                         r"payable|effective|as\s+soon\s+as|as\s+early\s+as)\b", re.I)
# "-ed" words are past participles unless the "ed" belongs to the stem ("succeed", "hundred", "indeed")
_PAST_CUE = re.compile(r"\b(?:was|were|had|did|said|told|ago|last|since|began|became|brought|bought|came|fell|fought|gave|"
                       r"grew|held|knew|led|left|lost|made|met|paid|rose|sank|saw|sent|sold|spent|spoke|stood|struck|"
                       r"took|thought|went|won|wrote|(?-i:(?![a-z]*(?:eed|hundred|dred)\b)[a-z]{3,}ed))\b",
                       re.I)
# a full stop ends a sentence unless it closes an initial or a title ("Daniel P. Davison", "Mr. Smith")
# or the next word goes on in lower case or digits ("Feb. 1", "U.S. officials")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bGen)(?<!\bSen)(?<!\bRep)(?<!\bvs)"
                           r"[.!?]\s+(?=[A-Z\"'`(])|\n")
# a plan looks ahead to a time named after it ("the rally planned for Saturday") but was itself made
# at a time named before it ("On Friday, the government planned to pay ...")
_PLAN_CUE = re.compile(r"\b(?:planned|scheduled)\b", re.I)
_DEADLINE = re.compile(r"\b(?:until|till|as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than)\s+(?:(?:on|at)\s+)?\Z", re.I)
# "Until Thursday, they had not called him a suspect": a limit that has already passed
_PAST_PERFECT_AFTER = re.compile(r"[^.;!?]{0,40}?\bhad\b", re.I)
_PAST_BE = re.compile(r"\b(?:was|were)\s+\Z", re.I)
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "going"}


def _lexical_tense(text: str, begin: int, end: int) -> str:
    """The tense of the verb-like cue nearest before the expression in its sentence (else nearest
    after it); "unmarked" when the sentence has none (callers read it as news reporting's past)."""
    left_cut = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, begin - 250), begin)),
                   default=max(0, begin - 250))
    right = _SENTENCE_END.search(text, end, end + 250)
    right_cut = right.start() if right else min(len(text), end + 250)
    best: tuple[int, int, str] | None = None
    # the plan cue goes first: "planned" and "scheduled" also end in "-ed"
    for cue, tense in ((_PLAN_CUE, ""), (_FUTURE_CUE, "future"), (_PAST_CUE, "past")):
        for m in cue.finditer(text, left_cut, right_cut):
            if begin <= m.start() < end:
                continue
            left = m.end() <= begin
            # the verb usually comes before its time expression: cues on the left win
            key = (0, begin - m.end()) if left else (1, m.start() - end)
            if tense == "future" and _PAST_BE.search(text, max(0, m.start() - 8), m.start()):
                tense = "prospective"  # "was expected to meet on Friday": ahead of a past moment, either side of now
            if best is None or key < best[:2]:
                best = key + (tense or ("future" if left else "past"),)
    return best[2] if best else "unmarked"


def _parsed_tense(doc, begin: int, end: int) -> str | None:
    """Tense from the parse: the verb governing the expression, its auxiliaries and tag."""
    span_ = doc.char_span(begin, end, alignment_mode="expand")
    if span_ is None or len(span_) == 0:
        return None
    token = span_.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in aux):
        return "future"
    if token.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in aux):
        return "past"
    return None


@functools.lru_cache(maxsize=20000)
def _normalize(rule_index: int, groups: tuple, ctx: Ctx) -> Norm | None:
    try:
        return RULES[rule_index].normalize(dict(groups), ctx)
    except (ValueError, OverflowError, KeyError) as exc:
        log.debug("rule %s could not normalize %s: %s", RULES[rule_index].name, groups, exc)
        return None


class _Reader:
    """Normalizes the chosen expressions in order, carrying the anchor and the last quarter mentioned."""

    def __init__(self, text: str, dct: date | None, doc, narrative: bool):
        self.text, self.dct, self.doc, self.narrative = text, dct, doc, narrative
        self.anchor: date | None = None
        self.anchor_gran = ""
        self.quarter = ""
        self.era_year = ""

    def ctx(self, rule_index: int, begin: int, end: int) -> Ctx:
        needs = RULES[rule_index].needs
        tense = "past"
        if "tense" in needs:
            parsed = _parsed_tense(self.doc, begin, end) if self.doc is not None else None
            tense = parsed or _lexical_tense(self.text, begin, end)
            if self.text.startswith(("'s", "’s"), end):
                tense = "past"  # "Wednesday's ruling": a day that has already given its name to something
            elif (_DEADLINE.search(self.text, max(0, begin - 30), begin)
                  and not _PAST_PERFECT_AFTER.match(self.text, end)):
                tense = "future"  # "until Tuesday", "as soon as Tuesday": a deadline lies ahead of the report
        anchored = "anchor" in needs
        return Ctx(self.dct,
                   self.anchor if anchored else None,
                   self.anchor_gran if anchored else "",
                   tense,
                   self.quarter if "quarter" in needs else "",
                   self.narrative,
                   self.era_year if anchored else "")

    def _parenthetical(self, begin: int) -> bool:
        """Inside "( ... )": an aside, which does not move the narrative's reference time."""
        before = self.text[max(0, begin - 80):begin]
        return before.rfind("(") > before.rfind(")")

    def read(self, rule_index: int, groups: tuple, begin: int, end: int) -> Timex | None:
        norm = _normalize(rule_index, groups, self.ctx(rule_index, begin, end))
        if norm is None:
            return None
        precision, start, stop = "unknown", None, None
        if norm.type in ("DATE", "TIME"):
            precision, start, stop = span(norm.value, norm.mod)
            if norm.value == "PRESENT_REF" and self.dct is not None:
                precision, start, stop = "day", self.dct, self.dct
            elif start is not None and not self._parenthetical(begin):
                self.anchor, self.anchor_gran, self.era_year = start, precision, ""
            elif re.fullmatch(r"BC\d{4}", norm.value):
                self.era_year = norm.value
            if RULES[rule_index].name == "quarter_ord":
                self.quarter = norm.value
        return Timex(self.text[begin:end], begin, end, norm.type, norm.value, norm.mod,
                     precision, start, stop, norm.basis)


# How far a match (with the context its look-arounds read) reaches either side of its rule's trigger;
# the longest seen in TimeBank, AQUAINT and WikiWars is 30 characters back and 24 ahead.
_REACH = 100
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_TRIGGERS = tuple({rule.trigger: None for rule in RULES})  # distinct, in rule order
_TRIGGER_SETS_OF: dict[str, tuple[int, ...]] = {
    word: tuple(t for t, words in enumerate(_TRIGGERS) if word in words)
    for word in set().union(*_TRIGGERS)}
_TRIGGER_OF_RULE = tuple(_TRIGGERS.index(rule.trigger) for rule in RULES)


def _windows(text: str) -> list[list[tuple[int, int]]]:
    """For each trigger set, the stretches of ``text`` within reach of one of its words, merged where
    they touch; one pass over the tokens serves every rule."""
    windows: list[list[tuple[int, int]]] = [[] for _ in _TRIGGERS]
    for m in _TOKEN.finditer(text):
        word = m.group()
        key = ("####" if len(word) == 4 else "#") if word[0].isdigit() else word.lower()
        for t in _TRIGGER_SETS_OF.get(key, ()):
            spans = windows[t]
            begin, end = max(0, m.start() - _REACH), min(len(text), m.end() + _REACH)
            if spans and begin <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((begin, end))
    return windows


def _candidates(text: str, narrative: bool, *, everywhere: bool = False) -> list[tuple[int, int, int, tuple]]:
    """Every rule match that normalizes in a neutral context: (begin, end, rule index, groups).

    A rule's pattern begins with a look-behind and optional words, so the regex engine would try it
    at every character of the text; it runs only on the windows around its trigger words instead (the
    same matches: a match holds a trigger, and a window starts far enough back to scan it whole).
    ``everywhere`` runs every rule over the whole text: the slow reference the tests compare with."""
    found = []
    windows = _windows(text)
    for i, rule in enumerate(RULES):
        for w_begin, w_end in [(0, len(text))] if everywhere else windows[_TRIGGER_OF_RULE[i]]:
            for m in rule.pattern.finditer(text, w_begin, w_end):
                begin, end = m.span("x") if "x" in rule.pattern.groupindex else m.span()
                groups = tuple(sorted((k, v) for k, v in m.groupdict().items() if v is not None and k != "x"))
                if begin < end and _normalize(i, groups, Ctx(date(2000, 6, 15), narrative=narrative)) is not None:
                    found.append((begin, end, i, groups))
    return found


def _select(cands: list[tuple[int, int, int, tuple]]) -> list[tuple[int, int, int, tuple]]:
    """Longest first, then the earlier rule; no two chosen expressions overlap."""
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in sorted(cands, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if all(c[1] <= b or c[0] >= e for b, e in taken):
            taken.append((c[0], c[1]))
            chosen.append(c)
    return sorted(chosen)


def find_timexes(text: str, dct: date | None, doc=None, narrative: bool = False) -> list[Timex]:
    """Temporal expressions of ``text`` with TIMEX3 values; char offsets into ``text``.

    ``dct`` is the publication date (None: relative expressions stay unresolved, basis "unknown").
    ``doc``, a spaCy Doc of the same text, lends its parse to the tense of weekdays and months.
    ``narrative`` anchors relative expressions on the last date mentioned rather than the DCT.
    """
    if isinstance(dct, str):
        dct = date.fromisoformat(dct[:10])
    elif isinstance(dct, datetime):
        dct = dct.date()
    reader = _Reader(text, dct, doc, narrative)
    out = []
    for begin, end, i, groups in _select(_candidates(text, narrative)):
        timex = reader.read(i, groups, begin, end)
        if timex is not None:
            out.append(timex)
    return out
