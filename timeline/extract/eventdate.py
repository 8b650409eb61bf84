"""When did an event happen? The date rules of DESIGN.md applied to one trigger.

Order: the clause's own expression; else one that governs its clause (climbing through
complement, coordinated and reporting clauses: "Putin told reporters on Thursday: 'we agree'");
else the sentence's only date; else the publication date when the tense reports it as happening
then; else unknown. A clause that describes a noun ("the plan that Ukraine backed") is background
and takes no date but its own. Durations and sets never date an event.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from timeline.extract import clauses
from timeline.schema import Timex


@dataclass(frozen=True)
class EventDate:
    date_start: date | None
    date_end: date | None
    precision: str
    value: str
    mod: str
    text: str
    basis: str
    reason: str


UNKNOWN_REASON = "no date: the text gives none and the tense does not place it at publication"


class DateFinder:
    def __init__(self, doc: Doc, timexes: list[Timex], published: date | None):
        self.doc, self.published = doc, published
        self._by_anchor: dict[int, list[tuple[Timex, bool]]] = {}
        self._by_sentence: dict[int, list[Timex]] = {}
        for timex in timexes:
            if timex.type not in ("DATE", "TIME"):
                continue
            span = doc.char_span(timex.begin, timex.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            since = span.start > 0 and doc[span.start - 1].lower_ == "since"
            self._by_anchor.setdefault(self._anchor(span.root).i, []).append((timex, since))
            self._by_sentence.setdefault(span.root.sent.start, []).append(timex)

    @staticmethod
    def _anchor(root: Token) -> Token:
        """The word a date expression modifies: the first verb or event noun above it."""
        node = root.head
        while node.head.i != node.i and node.pos_ not in ("VERB", "AUX", "NOUN"):
            node = node.head
        if node.pos_ == "NOUN" and node.dep_ in ("pobj", "dobj", "npadvmod") and node.head.i != node.i:
            # "in 2022" under "troops" still dates the verb that sends them.
            verb = clauses.clause_verb(node)
            return verb if verb.pos_ in ("VERB", "AUX") and node.dep_ != "npadvmod" else node
        return node

    def date_for(self, trigger: Token, frame: Token | None) -> EventDate:
        own = self._at(trigger)
        if own is not None:
            return self._from_timex(*own, "the clause's own date")
        if clauses.in_relative_clause(trigger):
            return self._unknown("no date of its own, and a relative clause takes none from its sentence")
        node = clauses.clause_verb(trigger)
        top = node
        while True:
            found = self._at(node) if node.i != trigger.i else None
            if found is not None:
                how = "the date of the report" if (frame is not None and node.i == frame.i) else "the date of the governing clause"
                return self._from_timex(*found, how)
            if node.head.i == node.i or node.dep_ not in clauses.CLAUSE_LINKS:
                break
            node = node.head
            top = node
        in_sentence = {t.value: t for t in self._by_sentence.get(trigger.sent.start, ())}
        if len(in_sentence) == 1:
            return self._from_timex(next(iter(in_sentence.values())), False, "the sentence's only date")
        return self._by_tense(frame or top)

    def _at(self, token: Token) -> tuple[Timex, bool] | None:
        found = self._by_anchor.get(token.i)
        return found[0] if found else None

    def _from_timex(self, timex: Timex, since: bool, how: str) -> EventDate:
        basis = "explicit" if timex.basis == "explicit" else ("relative" if timex.basis == "relative" else "unknown")
        if timex.range_start is None:
            return EventDate(None, None, "unknown", timex.value, timex.mod, timex.text, "unknown",
                             f"'{timex.text}' cannot be placed on the calendar ({how}; no publication date to resolve it)")
        if since:
            end = max(self.published, timex.range_end) if self.published else timex.range_end
            return EventDate(timex.range_start, end, "range", timex.value, timex.mod, f"since {timex.text}", basis,
                             f"date from 'since {timex.text}' ({how}): open-ended, drawn up to publication")
        return EventDate(timex.range_start, timex.range_end, timex.precision, timex.value, timex.mod, timex.text,
                         basis, f"date from '{timex.text}' ({how})")

    def _by_tense(self, verb: Token) -> EventDate:
        tense = clauses.tense_of(verb)
        if self.published is None:
            return self._unknown("no date in the text and no publication date")
        if tense in ("present", "past", "perfect"):
            day = self.published
            return EventDate(day, day, "day", day.isoformat(), "", "", "tense",
                             f"no date in the text; '{verb.text}' ({tense} tense) reports it at publication")
        return self._unknown(f"no date in the text, and '{verb.text}' ({tense}) does not place it at publication")

    @staticmethod
    def _unknown(reason: str) -> EventDate:
        return EventDate(None, None, "unknown", "", "", "", "unknown", reason)
