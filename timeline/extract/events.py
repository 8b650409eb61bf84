"""Clauses -> Events: who did what to whom, when, where, and the sentence that says so.

One event per clause with a trigger (triggers.py, senses from ontology.py). The actors come from the
clause's subject and object (roles.py over actors.py mentions), pronouns from the reporting speaker or
the last person mentioned as a subject. Speech is coded as what was said, attributed to the speaker.
The date is the clause's own expression, else the one governing its clause, else the sentence's only
one, else the publication date when the tense says it happened then, else unknown (eventdate.py).
This module assembles the record: context, place, confidence and the evidence sentence; happenings.py
makes the repeated mentions of one happening in the article one event with all its sentences; last,
confidence.py turns the rules' score into a calibrated one.
"""
from __future__ import annotations

import dataclasses
import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from timeline.dates.tagger import find_timexes
from timeline.extract import attribution, clauses, disputes
from timeline.extract.confidence import calibrate
from timeline.extract.actors import MentionIndex, default_table, find_mentions
from timeline.extract.eventdate import DateFinder, EventDate
from timeline.extract.fatalities import attach as attach_fatalities
from timeline.extract.geo import locate
from timeline.extract.happenings import EventMention, one_per_happening
from timeline.extract.kinds import default_kinds
from timeline.extract.article_roles import fill_from_article
from timeline.extract.roles import ReaderState, Resolved, Roles, speaks_for
from timeline.extract.ontology import Sense
from timeline.extract.arguments import SUBJECTS, agent, prep_objects
from timeline.extract.triggers import DEONTIC, Trigger, find_triggers
from timeline.schema import Article, Event, event_id

PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "across", "around", "from"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# "what a speaker says the other side wants": the mode of the ACCUSE it is coded as.
INTENT = "intent"
# The trigger table's mode of words that call what another says or does a lie ("Moscow was lying
# about its losses", "the count given by Putin was propaganda"): in reported speech, the speaker's accusation.
IMPUTED = "imputed"
# Nominal events whose clause's subject takes part ("Russia pounded Kharkiv in an overnight attack",
# "after talks with Macron"); a proposal, demand or deal in a clause is more often the subject's answer
# to someone else's ("Putin responded to the ceasefire proposal").
SHARED_TYPES = frozenset({"CONSULT", "COOPERATE", "ASSAULT", "MOBILIZE", "RETREAT", "PROTEST"})
MEETING_TYPES = frozenset({"CONSULT", "COOPERATE"})
VISIT = "visit"


def extract_events(article: Article, nlp: Language) -> list[Event]:
    """The events of one article."""
    return events_from_doc(article, nlp(article.text))


def extract_many(articles: Iterable[Article], nlp: Language, *, batch_size: int = 32,
                 n_process: int = 1, calibrated: bool = True) -> Iterator[tuple[Article, list[Event]]]:
    """Stream articles through ``nlp.pipe``; yields each article with its events, in order.
    ``calibrated=False`` leaves the rules' score as the confidence (what a refit learns from)."""
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield article, events_from_doc(article, doc, calibrated=calibrated)


def events_from_doc(article: Article, doc: Doc, *, calibrated: bool = True) -> list[Event]:
    mentions = MentionIndex(find_mentions(doc), len(doc))
    timexes = find_timexes(article.text, article.published, doc=doc)
    dates = DateFinder(doc, timexes, article.published, mentions)
    quotes = clauses.quote_spans(article.text)
    state = ReaderState(published=article.published)
    found: list[EventMention] = []
    denials: list[disputes.Denial] = []
    for sent in doc.sents:
        reader = _SentenceReader(article, sent, mentions, dates, quotes, state)
        found.extend(reader.events())
        denials.extend(disputes.denials(sent, reader.roles.claimant))
        reader.roles.remember()
    # Dates settle first: whether two mentions are one happening depends on their dates.
    settled = dates.settle([m.event for m in found])
    # Actors next: what a sentence leaves unnamed is read from the article's happenings.
    happenings = fill_from_article(one_per_happening([dataclasses.replace(m, event=e) for m, e in zip(found, settled)]))
    events = [attach_fatalities(e, article.text) for e in disputes.link(happenings, denials, doc)]
    return calibrate(events) if calibrated else events


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
REGION_WORDS = frozenset({"region", "oblast", "province", "city", "port", "town", "village"})


def _names_a_place(obj: Token) -> bool:
    """Only named places go to the gazetteer: common words that happen to be town names
    ("Union", "Mission") must not put an event on the map."""
    if obj.ent_type_ in PLACE_LABELS:
        return True
    if obj.ent_type_ == "ORG":  # seats of government stand for a state and a place: the Kremlin
        seat = default_table().lookup(obj.text)
        return seat is not None and seat.kind == "country"
    if obj.lower_ in REGION_WORDS:
        return any(c.pos_ == "PROPN" and c.dep_ in ("compound", "amod") for c in obj.children)
    return obj.pos_ == "PROPN" and obj.ent_type_ not in ("PERSON", "ORG", "NORP", "DATE")


def _one_per_act(found: list[EventMention]) -> list[EventMention]:
    """Within a sentence, the same actor doing the same kind of thing is one act ("call Trump to
    discuss the issue"): keep the reading that names whom it was done to."""
    best: dict[tuple[str, str, str], EventMention] = {}
    for mention in found:
        event = mention.event
        key = (event.actor1, event.event_type, event.context)
        kept = best.get(key)
        if kept is None or (not kept.event.actor2 and event.actor2):
            best[key] = mention
    keep = {id(m) for m in best.values()}
    return [m for m in found if id(m) in keep]


def _before_or_after(noun: Token, event_type: str) -> bool:
    """ "After the Crimea invasion, Nato established …": a happening the clause is placed after,
    before or amid is another's doing; only a meeting there is the subject's too ("following talks with")."""
    return noun.dep_ == "pobj" and noun.head.lower_ in clauses.PRESUPPOSING and noun.head.lower_ != "during" \
        and event_type not in MEETING_TYPES


def _points_back(tok: Token) -> bool:
    """ "this visit", "those talks": a noun that refers to a happening told before."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in tok.children)


def _prediction(speaker: Resolved | None, actor1: Resolved, tok: Token) -> bool:
    """What an analyst or commentator, no party to it, says will or might happen is an opinion,
    not a happening (EVENTS-GUIDE): a new (provisional) speaker predicting another's act."""
    return (speaker is not None and speaker.actor.provisional and speaker.actor.id != actor1.actor.id
            and clauses.context_of(tok)[0] in ("future", "hypothetical"))


def _at_home(trig: Trigger, actor1: Resolved, actor2: Resolved | None) -> bool:
    """ "Macron visited France's Alsace region": a visit to a place of the visitor's own state meets nobody."""
    return trig.sense.mode == VISIT and actor2 is not None and actor2.actor.kind == "country" \
        and actor1.actor.kind == "person" and actor1.actor.country == actor2.actor.country


def _unaddressed_plan(trig: Trigger, actor2: Resolved | None) -> bool:
    """ "He will ask statisticians to compile figures": a request not yet made, of somebody the actor
    tables do not know, to do something (a request of a party, even one named by its kind, "our allies",
    or one already made is a happening)."""
    verb = trig.token
    if trig.sense.event_type != "REQUEST" or actor2 is not None or verb.pos_ != "VERB":
        return False
    kinds = default_kinds().kinds  # "allies", "lawmakers": parties named by their kind
    asked = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() not in kinds]
    to_do = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and any(
        a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)]
    addressed = bool(asked and to_do and asked[0].i < to_do[0].i)
    return addressed and clauses.context_of(verb)[0] in ("future", "hypothetical")


class _Positions:
    """Tokens of one sentence in its order (with a value each): what a subtree holds is looked up by
    position instead of walking the subtree for every trigger."""

    def __init__(self, tokens: list[Token], values: list | None = None):
        self.tokens, self.values = tokens, values or []
        self.positions = [t.i for t in tokens]


def _in_subtree(scope: Token, found: _Positions) -> Iterator[int]:
    """Indexes into ``found`` of its tokens in ``scope``'s subtree, in sentence order. A subtree lies
    between its edges, so only the tokens in that range are asked whether ``scope`` governs them."""
    for at in range(bisect_left(found.positions, scope.left_edge.i), bisect_right(found.positions, scope.right_edge.i)):
        token = found.tokens[at]
        if token.i == scope.i or scope.is_ancestor(token):
            yield at


class _SentenceReader:
    def __init__(self, article: Article, sent: Span, mentions: MentionIndex, dates: DateFinder,
                 quotes: list[tuple[int, int]], state: ReaderState):
        self.article, self.sent, self.dates, self.quotes = article, sent, dates, quotes
        self.roles = Roles(sent, mentions, quotes, state)

    def events(self) -> list[EventMention]:
        # One list per trigger, its main pair first: the same act read twice is one act, and the
        # further pairs of a kept act ("X and Y agreed", "talks with X and Y") stay with it.
        per_trigger = [[EventMention(event, trig.token.pos_ == "NOUN", _points_back(trig.token)) for event in self._events(trig)]
                       for trig in find_triggers(self.sent)]
        per_trigger = [found for found in per_trigger if found]
        kept = {id(m) for m in _one_per_act([found[0] for found in per_trigger])}
        return [m for found in per_trigger if id(found[0]) in kept for m in found]

    def _events(self, trig: Trigger) -> list[Event]:
        tok = trig.token
        frame, speaker = self.roles.speaker(trig)
        if trig.sense.mode == IMPUTED:
            target = self._imputed_to(tok, speaker) if speaker is not None else None
            if target is None or target.actor.id == speaker.actor.id:
                return []  # a lie nobody is said to tell, or no speaker saying so: an opinion of the text
            return [self._event(trig, speaker, target, frame, speaker, extra=False)]
        if trig.sense.mode == DEONTIC:
            actor1, passive = speaker, False  # "partners should increase pressure", Zelensky said: his demand
        elif tok.pos_ == "VERB":
            actor1, passive = self.roles.subject(tok, speaker)
        elif tok.pos_ == "ADJ":  # "Trump is angry with Zelensky": the subject of the copula
            actor1, passive = self.roles.subject(tok.head, speaker)
        else:
            # "Moscow is in favour of it": under a copula the subject holds the attitude
            shared = (trig.sense.event_type in SHARED_TYPES and not _before_or_after(tok, trig.sense.event_type)
                      or tok.dep_ == "pobj" and tok.head.head.lemma_ == "be")
            actor1, passive = self.roles.noun_agent(tok, speaker, shared=shared, event_type=trig.sense.event_type)
        if actor1 is None or _prediction(speaker, actor1, tok):
            return []
        if speaker is not None and trig.sense.quad_class in (1, 3) and speaks_for(speaker.actor, actor1):
            actor1 = Resolved(speaker.actor, actor1.text,
                              f"'{actor1.text}' → {actor1.actor.name}, as stated by its {speaker.actor.role or 'leader'} "
                              f"{speaker.actor.name}", actor1.head)
        actor2 = self.roles.partner(trig, actor1, speaker, passive)
        if _at_home(trig, actor1, actor2) or trig.sense.mode != DEONTIC and _unaddressed_plan(trig, actor2):
            return []
        if trig.sense.mode == DEONTIC:  # the demand is made of whoever the obligation is put on
            actor2 = self.roles.obliged(tok, actor1)
        elif speaker is not None and speaker.actor.id != actor1.actor.id and trig.sense.quad_class in (3, 4) \
                and clauses.wanted(tok):
            # "Zelensky said Putin wants to kill Ukrainians": what a speaker says another side wants
            # is the speaker's accusation, not that side's act
            trig = Trigger(tok, Sense("ACCUSE", INTENT), trig.noun)
            actor1, actor2 = speaker, actor1
        pairs = self.roles.pairs(trig, actor1, actor2, speaker)
        self.roles.remember_acts(trig, pairs, speaker)
        return [self._event(trig, a1, a2, frame, speaker, extra=n > 0) for n, (a1, a2) in enumerate(pairs)]

    def _imputed_to(self, tok: Token, speaker: Resolved) -> Resolved | None:
        """Whom a speaker's "lie" or "propaganda" is about: the one the noun names as its own
        ("Belarusian propaganda"), the subject of its clause ("Moscow was lying about its losses"), the
        author of that subject ("the count given by Putin was propaganda"), or its source ("the
        propaganda came from Belarus")."""
        verb = clauses.clause_verb(tok)
        words = [tok] if tok.pos_ == "NOUN" else []  # "Russian violations", "the Kremlin's propaganda"
        words += [c for c in verb.children if c.dep_ in SUBJECTS and c.i != tok.i]
        words += [agent(c) for w in words for c in w.children if c.dep_ == "acl"]
        words += list(prep_objects(verb, ("from",)))
        return next((found for w in words if w is not None
                     for found in (self.roles.phrase_actor(w, speaker),) if found is not None), None)

    def _event(self, trig: Trigger, actor1: Resolved, actor2: Resolved | None, frame: Token | None,
               speaker: Resolved | None, *, extra: bool) -> Event:
        tok = trig.token
        context, context_why = clauses.context_of(tok)
        if trig.sense.mode in (DEONTIC, INTENT, IMPUTED):  # the demand or the accusation is made, whatever its content
            what = {DEONTIC: "an obligation", INTENT: "an intent", IMPUTED: "a lie"}[trig.sense.mode]
            context, context_why = "", f"{what} stated by {actor1.actor.name}"
        when = self.dates.date_for(tok, frame, speaker.actor if speaker else None,
                                   actor1.actor if trig.sense.quad_class in (1, 3) else None,
                                   stated=trig.sense.mode in (DEONTIC, INTENT, IMPUTED))
        if context == "" and when.date_end is not None and self.article.published is not None \
                and (self.article.published - when.date_end).days > 365:
            context, context_why = "historical", "dated over a year before publication"
        quote = clauses.in_spans(tok.idx, self.quotes) or (
            frame is not None and next(_in_subtree(frame, self._quoted_reports), None) is not None)
        place, lat, lon = self._place(tok, frame)
        confidence, reasons = self._confidence(trig, actor1, actor2, speaker, when, context_why, quote)
        said = attribution.attribute(tok, actor1.actor, trig.sense.quad_class, context, self.roles.claimant,
                                     speaker.actor if speaker is not None else None, clauses.span_at(tok.idx, self.quotes))
        sentence, start, end = self._evidence
        a2 = actor2.actor if actor2 else None
        return Event(
            # A further pair of the same trigger adds actor2 to the key; the main pair's id is unchanged.
            event_id=event_id(self.article.id, start, end,
                              f"{tok.lemma_}|{actor1.actor.id}" + (f"|{a2.id if a2 else ''}" if extra else ""), tok.idx),
            article_id=self.article.id, source=self.article.source, url=self.article.url,
            published=self.article.published,
            date_start=when.date_start, date_end=when.date_end, date_precision=when.precision,
            date_value=when.value, date_mod=when.mod, date_text=when.text, date_basis=when.basis,
            actor1=actor1.actor.id, actor1_name=actor1.actor.name, actor1_text=actor1.text,
            actor2=a2.id if a2 else "", actor2_name=a2.name if a2 else "", actor2_text=actor2.text if actor2 else "",
            event_type=trig.sense.event_type, mode=trig.sense.mode, quad_class=trig.sense.quad_class,
            context=context, trigger=(trig.noun or tok).lemma_ if trig.noun is None else f"{tok.lemma_} {trig.noun.lemma_}",
            sentence=sentence, sent_start=start, sent_end=end, quote=bool(quote),
            location=place, lat=lat, lon=lon, confidence=confidence, reason="; ".join(reasons + [said.why] * bool(said.why)),
            **said.fields(),
        )

    @functools.cached_property
    def _evidence(self) -> tuple[str, int, int]:
        """The sentence without the blank lines the tokenizer keeps at its edges, and its offsets; once
        per sentence (spaCy builds a span's text from every token on each access)."""
        text = self.sent.text
        lead, kept = len(text) - len(text.lstrip()), len(text.rstrip())
        return text[lead:kept], self.sent.start_char + lead, self.sent.start_char + kept

    @functools.cached_property
    def _quoted_reports(self) -> _Positions:
        """The sentence's reported clauses (ccomp) that sit inside quotation marks."""
        return _Positions([t for t in self.sent if t.dep_ == "ccomp" and clauses.in_spans(t.idx, self.quotes)])

    def _place(self, tok: Token, frame: Token | None) -> tuple[str, float | None, float | None]:
        """The place named by 'in/at/into …' in the trigger's phrase, else in its governing clauses.

        The sentence's named places are found once (``_places``); each scope looks up only those in
        its subtree, so a run-on sentence of coordinated clauses (each governing the next) costs in
        proportion to its clauses, not to their cube.
        """
        if not self._places.tokens:
            return "", None, None
        scopes = [tok]
        node = clauses.clause_verb(tok)
        while node.head.i != node.i and node.dep_ in clauses.CLAUSE_LINKS:
            node = node.head
            scopes.append(node)
        if frame is not None:
            scopes.append(frame)
        for scope in scopes:
            at = next(_in_subtree(scope, self._places), None)
            if at is not None:
                return self._places.values[at]
        return "", None, None

    @functools.cached_property
    def _places(self) -> _Positions:
        """Each 'in/at/into <named place>' of the sentence that the gazetteer knows: the preposition,
        with (the place as written, lat, lon), in the order of the sentence."""
        preps, found = [], []
        for prep in self.sent:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj" and _names_a_place(c)):
                words = self.sent.doc[obj.left_edge.i:obj.i + 1].text
                place = locate(words) or locate(obj.text)
                if place is not None:
                    preps.append(prep)
                    found.append((words.removeprefix("the "), place.lat, place.lon))
        return _Positions(preps, found)

    @staticmethod
    def _confidence(trig: Trigger, actor1: Resolved, actor2: Resolved | None, speaker: Resolved | None,
                    when: EventDate, context_why: str, quote: bool) -> tuple[float, list[str]]:
        score = 0.9
        noun = " (noun)" if trig.token.pos_ == "NOUN" else ""
        reasons = [f"trigger '{trig.token.text}'{noun} → {trig.sense.event_type}" + (f" ({trig.sense.mode})" if trig.sense.mode else ""),
                   f"actor1 {actor1.note}"]
        if noun:
            score -= 0.15
        if actor1.actor.provisional:
            score -= 0.1
        if "=" in actor1.note:
            score -= 0.1
        if actor2 is not None:
            reasons.append(f"actor2 {actor2.note}")
            if "coordinated" in actor2.note:
                score -= 0.1
        if speaker is not None:
            reasons.append(f"reported by {speaker.actor.name}")
        reasons.append(when.reason)
        if when.basis == "tense":
            score -= 0.1
        elif when.basis == "unknown":
            score -= 0.05
        if context_why:
            reasons.append(context_why)
        if quote:
            reasons.append("in a quotation")
        return round(max(0.05, min(score, 0.99)), 2), reasons
