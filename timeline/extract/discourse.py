"""Dates from the rest of the article: what a sentence leaves undated, the article often dates elsewhere.

Within-article coreference, only for asserted happenings:

- **the speaker's occasion** (:class:`SpeakerOccasions`): a statement reported with no date of its own
  ("'We agree,' he told reporters") was made on the day the article says the same speaker spoke
  ("Speaking at a news conference on Thursday, Putin said ..."), the nearest such mention in the text;
- **the same happening** (:func:`corefer`): an undated event with the same actor1, type and context as
  an event the article dates, actor2s that do not differ and a trigger of the same word family
  ("Ukraine agreed ..." / "Ukraine reached an agreement ... on Tuesday") takes that date;
- **the news day** (:func:`on_news_day`): what an article that names only one recent day narrates in
  the simple past with no date happened that day ("the US opposed the resolution" in a story of
  Monday's votes); when it names several, what it so narrates in a sentence that names no time
  happened from the story's day (the one it names most) up to publication.

Such dates get the basis ``context`` and a reason naming where they came from.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from timeline.extract.actors import MentionIndex
from timeline.extract.ontology import SPEECH_VERBS
from timeline.schema import Actor, Event, Timex

if TYPE_CHECKING:
    from timeline.extract.eventdate import DateFinder

PERSON_PRONOUNS = frozenset({"he", "she"})
# Bases of a date the sentence itself gives; only these are lent to other mentions.
OWN_BASES = frozenset({"explicit", "relative"})


class SpeakerOccasions:
    """Who spoke when: each speech verb with a date of its own, by the actor of its subject."""

    def __init__(self, doc: Doc, finder: DateFinder, mentions: MentionIndex | None):
        self._by_actor: dict[str, list[tuple[int, Timex, bool]]] = {}
        if mentions is None:
            return
        for subject in doc:
            verb = subject.head
            if subject.dep_ != "nsubj":
                continue
            # "Speaking in Warsaw on Friday, the minister accused ...": the participle is the subject's speech
            speaking = [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG" and finder.at(c) is not None
                        and (verb.lemma_ in SPEECH_VERBS or c.lemma_ in SPEECH_VERBS)]
            if verb.lemma_ not in SPEECH_VERBS and not speaking:
                continue
            found = finder.at(verb) or next((finder.at(c) for c in speaking), None)
            if found is None or found[0].range_start is None or found[0].precision not in ("day", "week"):
                continue
            actor = _person_before(subject, mentions) if subject.lower_ in PERSON_PRONOUNS else _actor(subject, mentions)
            if actor is not None:
                self._by_actor.setdefault(actor.id, []).append((verb.i, *found))

    def nearest(self, speaker: Actor, trigger: Token) -> tuple[Timex, bool, str] | None:
        """The dated speech of the speaker nearest the trigger, and where it is."""
        spoken = self._by_actor.get(speaker.id)
        if not spoken:
            return None
        i, timex, since = min(spoken, key=lambda s: (abs(s[0] - trigger.i), s[0] > trigger.i))
        where = "in this sentence" if trigger.doc[i].sent.start == trigger.sent.start else (
            "in an earlier sentence" if i < trigger.i else "in a later sentence")
        return timex, since, where


def _actor(subject: Token, mentions: MentionIndex) -> Actor | None:
    mention = mentions.in_phrase(subject)
    return mention.actor if mention is not None else None


def _person_before(pronoun: Token, mentions: MentionIndex) -> Actor | None:
    """'he said on Monday': the last person named as a subject before the pronoun."""
    for tok in reversed(pronoun.doc[:pronoun.i]):
        if tok.dep_ == "nsubj" and tok.pos_ != "PRON":
            actor = _actor(tok, mentions)
            if actor is not None and actor.kind == "person":
                return actor
    return None


def corefer(events: list[Event], may_borrow: Callable[[Event], bool]) -> list[Event]:
    """Undated events (those ``may_borrow`` lets) take the date of a dated event of the same happening
    in the same article."""
    dated = [e for e in events if e.date_basis in OWN_BASES and e.date_start is not None]
    out = []
    for event in events:
        if event.date_basis == "unknown" and not event.context and may_borrow(event):
            same = [d for d in dated if _same_happening(event, d)]
            if same:
                out.append(_lend(event, min(same, key=lambda d: abs(d.sent_start - event.sent_start))))
                continue
        out.append(event)
    return out


def on_news_day(events: list[Event], days: tuple[date, date], narrated: Callable[[Event], bool]) -> list[Event]:
    """Undated asserted happenings the article narrates (``narrated``) take its news day, or the span
    from its story's day up to publication when it names several recent days."""
    return [_on_days(e, *days) if e.date_basis == "unknown" and not e.context and narrated(e) else e for e in events]


def _on_days(event: Event, start: date, end: date) -> Event:
    reasons = [r for r in event.reason.split("; ") if not r.startswith("no date")]
    if start == end:
        why = f"no date in its sentence; told in the past in an article whose only recent day is {start:%A %d %B}"
        precision, value = "day", start.isoformat()
    else:
        why = (f"no time in its sentence; told in the past in a story of {start:%A %d %B} (the recent day the "
               f"article names most): from then up to publication")
        precision, value = "range", f"{start.isoformat()}/{end.isoformat()}"
    return dataclasses.replace(event, date_start=start, date_end=end, date_precision=precision, date_value=value,
                               date_mod="", date_text="", date_basis="context", reason="; ".join(reasons + [why]))


def _same_happening(event: Event, other: Event) -> bool:
    """Same article, actor1, type and context, actor2s that do not differ, and the same word family
    carrying it ("agreed" / "the agreement"): an actor who attacks twice in one story attacks twice."""
    return (other.article_id == event.article_id and other.sent_start != event.sent_start
            and other.actor1 == event.actor1 and other.event_type == event.event_type
            and other.context == event.context
            and (not event.actor2 or not other.actor2 or event.actor2 == other.actor2)
            and same_family(_head_word(event.trigger), _head_word(other.trigger)))


def _head_word(trigger: str) -> str:
    """The word that names the happening: the noun a light verb carries ("launch attack" -> attack)."""
    return trigger.split()[-1] if trigger else ""


def same_family(a: str, b: str) -> bool:
    """Words of one family by their common stem: agree/agreement, invade/invasion, meet/meeting."""
    short, long = sorted((a.lower(), b.lower()), key=len)
    if len(short) < 3:
        return False
    if long.startswith(short.removesuffix("e")):  # vote/voting, talk/talks
        return True
    stem = next((k for k, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    if stem >= 4 and {short[stem], long[stem]} == {"d", "s"}:
        return True  # invade/invasion, decide/decision
    return stem >= 5 and stem >= 0.75 * len(short)  # accuse/accusation, recognise/recognition


def _lend(event: Event, source: Event) -> Event:
    where = "earlier" if source.sent_start < event.sent_start else "later"
    why = (f"date from '{source.date_text}' given {where} in the article for the same happening "
           f"({source.actor1_name} {source.event_type}: \"{_clip(source.sentence)}\")")
    reasons = [r for r in event.reason.split("; ") if not r.startswith("no date")]
    return dataclasses.replace(
        event, date_start=source.date_start, date_end=source.date_end, date_precision=source.date_precision,
        date_value=source.date_value, date_mod=source.date_mod, date_text=source.date_text, date_basis="context",
        reason="; ".join(reasons + [why]))


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
