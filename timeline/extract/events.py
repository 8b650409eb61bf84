"""Clauses -> Events: who did what to whom, when, where, and the sentence that says so.

One event per clause with a trigger (ontology.py). The actors come from the clause's subject and
object (actors.py mentions), pronouns from the reporting speaker or the last person mentioned as a
subject. Speech is coded as what was said, attributed to the speaker. The date is the clause's own
expression, else the one governing its clause, else the sentence's only one, else the publication
date when the tense says it happened then, else unknown (eventdate.py).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from timeline.extract import clauses
from timeline.extract.actors import Mention, MentionIndex, default_table, find_mentions
from timeline.dates.tagger import find_timexes
from timeline.extract.eventdate import DateFinder, EventDate
from timeline.extract.fatalities import attach as attach_fatalities
from timeline.extract.geo import locate
from timeline.extract.ontology import LIGHT_VERBS, SPEECH_VERBS, Sense, noun_sense, object_type, verb_sense
from timeline.schema import Actor, Article, Event, event_id


SUBJECTS = ("nsubj", "nsubjpass", "csubj")
PARTNER_PREPS = ("with", "to", "against", "on", "into", "at", "from", "toward", "towards", "for")
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
SPEAKER_PRONOUNS = frozenset({"we", "i", "us", "me", "our"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
RELATIVE_PRONOUNS = frozenset({"that", "who", "which", "whom"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "across", "around", "from"})


QUANTITIES = frozenset({"ten", "hundred", "thousand", "million", "dozen", "number", "score", "wave", "group",
                        "batch", "contingent", "unit"})


def _quantified(obj: Token) -> Token:
    """'tens of thousands of troops' -> troops: the noun a quantity phrase counts."""
    while obj.lemma_ in QUANTITIES or obj.pos_ == "NUM":
        nxt = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj"), None)
        if nxt is None:
            break
        obj = nxt
    return obj


@dataclass(frozen=True)
class Trigger:
    token: Token
    sense: Sense
    noun: Token | None = None  # the event noun a light verb carries ("launched an attack")


@dataclass
class Resolved:
    actor: Actor
    text: str
    note: str


@dataclass
class _State:
    """What the reader remembers across sentences of one article."""

    last_person: Resolved | None = None
    last_speaker: Resolved | None = None


def extract_events(article: Article, nlp: Language) -> list[Event]:
    """The events of one article."""
    return events_from_doc(article, nlp(article.text))


def extract_many(articles: Iterable[Article], nlp: Language, *, batch_size: int = 32,
                 n_process: int = 1) -> Iterator[tuple[Article, list[Event]]]:
    """Stream articles through ``nlp.pipe``; yields each article with its events, in order."""
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield article, events_from_doc(article, doc)


def events_from_doc(article: Article, doc: Doc) -> list[Event]:
    mentions = MentionIndex(find_mentions(doc), len(doc))
    timexes = find_timexes(article.text, article.published, doc=doc)
    dates = DateFinder(doc, timexes, article.published)
    quotes = clauses.quote_spans(article.text)
    state = _State()
    events: list[Event] = []
    for sent in doc.sents:
        reader = _SentenceReader(article, sent, mentions, dates, quotes, state)
        events.extend(reader.events())
        reader.remember()
    return events


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


def _speaks_for(speaker: Actor, subject: Actor) -> bool:
    """A person stating their own state's position ("Putin said Moscow was in favour"): the
    statement is the speaker's act. Only for verbal acts: troops fighting are not the speaker."""
    return (speaker.kind == "person" and subject.kind == "country" and not speaker.provisional
            and speaker.country == subject.country != "")


def _one_per_act(events: list[Event]) -> list[Event]:
    """Within a sentence, the same actor doing the same kind of thing is one act ("call Trump to
    discuss the issue"): keep the reading that names whom it was done to."""
    best: dict[tuple[str, str, str], Event] = {}
    for event in events:
        key = (event.actor1, event.event_type, event.context)
        kept = best.get(key)
        if kept is None or (not kept.actor2 and event.actor2):
            best[key] = event
    keep = {id(e) for e in best.values()}
    return [e for e in events if id(e) in keep]


class _SentenceReader:
    def __init__(self, article: Article, sent: Span, mentions: MentionIndex, dates: DateFinder,
                 quotes: list[tuple[int, int]], state: _State):
        self.article, self.sent, self.mentions, self.dates = article, sent, mentions, dates
        self.quotes, self.state = quotes, state

    # --- triggers ---------------------------------------------------------------------------
    def triggers(self) -> list[Trigger]:
        found = []
        for tok in self.sent:
            trigger = self._verb_trigger(tok) if tok.pos_ == "VERB" else self._noun_trigger(tok)
            if trigger is not None:
                found.append(trigger)
        return found

    @staticmethod
    def _verb_trigger(tok: Token) -> Trigger | None:
        if tok.lemma_ in SPEECH_VERBS and tok.lemma_ not in ("announce",):
            return None
        preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
        if tok.lemma_ == "call":
            if any(c.dep_ in ("oprd", "xcomp", "ccomp") for c in tok.children):
                return None  # "what Trump called the bloodbath": naming, not phoning
            if preps & {"for", "on"}:
                return Trigger(tok, Sense("REQUEST", "appeal"))
            if any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
                return Trigger(tok, Sense("ACCUSE"))  # "called out Russia's invasion"
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        sense = verb_sense(tok.lemma_)
        if obj is not None:
            obj = _quantified(obj)
            by_object = object_type(tok.lemma_, obj.lemma_)
            if by_object is not None:
                return Trigger(tok, by_object)
            carried = noun_sense(obj.lemma_)
            if sense is None and tok.lemma_ in LIGHT_VERBS and carried is not None:
                return Trigger(tok, carried, noun=obj)
        if tok.lemma_ == "announce":
            return None
        return Trigger(tok, sense) if sense is not None else None

    @staticmethod
    def _noun_trigger(tok: Token) -> Trigger | None:
        if tok.pos_ != "NOUN":
            return None
        sense = noun_sense(tok.lemma_)
        if sense is None:
            return None
        # A noun that a trigger verb takes is that verb's event ("agreed to the truce").
        head = tok.head.head if tok.dep_ == "pobj" else tok.head
        if tok.dep_ in ("dobj", "pobj", "nsubjpass") and head.pos_ == "VERB" and (
                verb_sense(head.lemma_) or head.lemma_ in LIGHT_VERBS):
            return None
        return Trigger(tok, sense)

    # --- actors -----------------------------------------------------------------------------
    def _phrase_actor(self, head: Token, speaker: Resolved | None) -> Resolved | None:
        low = head.lower_
        if low in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            head = head.head.head
        if low in SPEAKER_PRONOUNS and speaker is not None:
            return Resolved(speaker.actor, head.text, f"'{head.text}' = the speaker, {speaker.actor.name}")
        if head.pos_ == "PRON":
            return self._pronoun(head, speaker)
        mention = self.mentions.in_phrase(head)
        if mention is None:
            return self._definite_description(head)
        return self._from_mention(mention)

    @staticmethod
    def _from_mention(mention: Mention) -> Resolved:
        how = "new actor" if mention.actor.provisional else "actor table"
        return Resolved(mention.actor, mention.text, f"'{mention.text}' → {mention.actor.name} ({how})")

    def _pronoun(self, tok: Token, speaker: Resolved | None) -> Resolved | None:
        low = tok.lower_
        if speaker is not None and (
                (low in PERSON_PRONOUNS and speaker.actor.kind == "person")
                or (low in GROUP_PRONOUNS and speaker.actor.kind != "person")):
            return Resolved(speaker.actor, tok.text, f"'{tok.text}' = the speaker, {speaker.actor.name}")
        last = self.state.last_person
        if low in PERSON_PRONOUNS and last is not None and not self._other_person_before(tok, last.actor):
            return Resolved(last.actor, tok.text, f"'{tok.text}' = {last.actor.name}, the last subject named")
        return None

    def _other_person_before(self, tok: Token, person: Actor) -> bool:
        """Another person named earlier in the sentence makes 'he' ambiguous: leave it alone."""
        return any(m.actor.kind == "person" and m.actor.id != person.id and m.end <= tok.i
                   for m in self.mentions.between(self.sent.start, self.sent.end))

    def _definite_description(self, head: Token) -> Resolved | None:
        """'the president' -> the last person named as a subject, when their role says so."""
        last = self.state.last_person
        if last is None or head.pos_ != "NOUN" and head.pos_ != "PROPN":
            return None
        if any(c.lower_ == "the" for c in head.children) and head.lower_ in last.actor.role.lower().split():
            return Resolved(last.actor, f"the {head.text}", f"'the {head.text}' = {last.actor.name}")
        return None

    def _subject(self, verb: Token, speaker: Resolved | None) -> tuple[Resolved | None, bool]:
        """(actor1, passive) for a clause verb, inheriting the subject of the clause it hangs from
        when it has none of its own ("donned a uniform to visit": the one who donned)."""
        node = verb
        while True:
            subj = next((c for c in node.children if c.dep_ in SUBJECTS), None)
            if subj is not None:
                if subj.dep_ == "nsubjpass":
                    agent = next((g for c in node.children if c.dep_ == "agent" for g in c.children
                                  if g.dep_ == "pobj"), None)
                    return (self._phrase_actor(agent, speaker) if agent is not None else None), True
                return self._phrase_actor(subj, speaker), False
            if node.dep_ not in ("xcomp", "advcl", "conj") or node.head.i == node.i:
                return None, False
            node = node.head

    def _partner(self, trig: Trigger, actor1: Resolved | None, speaker: Resolved | None,
                 passive: bool) -> Resolved | None:
        """actor2: the one acted on — object, partner after a preposition, the subject of a
        requested clause ("hoped the Kremlin would agree"), else the object of a coordinated verb."""
        tok = trig.token
        if passive and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            return self._phrase_actor(subj, speaker) if subj is not None else None
        heads = [c for c in tok.children if c.dep_ in ("dobj", "dative", "pobj", "poss" if tok.pos_ == "NOUN" else "-")]
        heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS + (
            ("of",) if tok.pos_ == "NOUN" else ()) for g in c.children if g.dep_ == "pobj"]
        if trig.sense.event_type == "REQUEST":
            heads += [s for c in tok.children if c.dep_ in ("ccomp", "xcomp") for s in c.children if s.dep_ in SUBJECTS]
        for head in heads:
            found = self._phrase_actor(head, speaker)
            if found is not None and (actor1 is None or found.actor.id != actor1.actor.id):
                return found
        for conj in (c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            obj = next((c for c in conj.children if c.dep_ == "dobj"), None)
            found = self._phrase_actor(obj, speaker) if obj is not None else None
            if found is not None and (actor1 is None or found.actor.id != actor1.actor.id):
                found.note += f" (object of the coordinated '{conj.text}')"
                return found
        return None

    def _noun_agent(self, noun: Token, speaker: Resolved | None) -> tuple[Resolved | None, bool]:
        """Who carries out a nominal event: 'Russia's offensive', 'the US proposal', 'an offensive
        by Russian forces', else the subject of the clause it is part of ('following talks with')."""
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod") and self.mentions.at(child) is not None:
                return self._from_mention(self.mentions.at(child)), False
            if child.dep_ == "prep" and child.lower_ == "by":
                agent = next((g for g in child.children if g.dep_ == "pobj"), None)
                if agent is not None:
                    return self._phrase_actor(agent, speaker), False
        if noun.dep_ == "pobj" and noun.head.lower_ == "under":
            return None, False  # "came under attack": the subject is the target, the attacker unnamed
        if noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
            return self._subject(noun.head.head, speaker)
        return None, False

    def _speaker(self, trig: Trigger) -> tuple[Token | None, Resolved | None]:
        frame = clauses.speech_frame(trig.token)
        if frame is not None:
            subj = next((c for c in frame.children if c.dep_ in SUBJECTS), None)
            speaker = self._phrase_actor(subj, None) if subj is not None else None
            return frame, speaker
        if clauses.in_spans(trig.token.idx, self.quotes) and self.state.last_speaker is not None:
            return None, self.state.last_speaker
        return None, None

    # --- assembly ---------------------------------------------------------------------------
    def events(self) -> list[Event]:
        found = [e for e in map(self._event, self.triggers()) if e is not None]
        return [attach_fatalities(e) for e in _one_per_act(found)]

    def _event(self, trig: Trigger) -> Event | None:
        tok = trig.token
        frame, speaker = self._speaker(trig)
        if tok.pos_ == "VERB":
            actor1, passive = self._subject(tok, speaker)
        else:
            actor1, passive = self._noun_agent(tok, speaker)
        if actor1 is None:
            return None
        if speaker is not None and trig.sense.quad_class in (1, 3) and _speaks_for(speaker.actor, actor1.actor):
            actor1 = Resolved(speaker.actor, actor1.text,
                              f"'{actor1.text}' → {actor1.actor.name}, as stated by its {speaker.actor.role or 'leader'} "
                              f"{speaker.actor.name}")
        actor2 = self._partner(trig, actor1, speaker, passive)
        context, context_why = clauses.context_of(tok)
        when = self.dates.date_for(tok, frame)
        if context == "" and when.date_end is not None and self.article.published is not None \
                and (self.article.published - when.date_end).days > 365:
            context, context_why = "historical", "dated over a year before publication"
        quote = clauses.in_spans(tok.idx, self.quotes) or (
            frame is not None and any(clauses.in_spans(t.idx, self.quotes) for t in frame.subtree if t.dep_ == "ccomp"))
        place, lat, lon = self._place(tok, frame)
        confidence, reasons = self._confidence(trig, actor1, actor2, speaker, when, context_why, quote)
        s = self.sent
        # The sentence without the blank lines the tokenizer keeps at its edges. (Not sliced from
        # doc.text: spaCy rebuilds that string from every token on each access.)
        sent_text = s.text
        lead, kept = len(sent_text) - len(sent_text.lstrip()), len(sent_text.rstrip())
        start, end = s.start_char + lead, s.start_char + kept
        a2 = actor2.actor if actor2 else None
        return Event(
            event_id=event_id(self.article.id, start, end, f"{tok.lemma_}|{actor1.actor.id}", tok.idx),
            article_id=self.article.id, source=self.article.source, url=self.article.url,
            published=self.article.published,
            date_start=when.date_start, date_end=when.date_end, date_precision=when.precision,
            date_value=when.value, date_mod=when.mod, date_text=when.text, date_basis=when.basis,
            actor1=actor1.actor.id, actor1_name=actor1.actor.name, actor1_text=actor1.text,
            actor2=a2.id if a2 else "", actor2_name=a2.name if a2 else "", actor2_text=actor2.text if actor2 else "",
            event_type=trig.sense.event_type, mode=trig.sense.mode, quad_class=trig.sense.quad_class,
            context=context, trigger=(trig.noun or tok).lemma_ if trig.noun is None else f"{tok.lemma_} {trig.noun.lemma_}",
            sentence=sent_text[lead:kept], sent_start=start, sent_end=end, quote=bool(quote),
            location=place, lat=lat, lon=lon, confidence=confidence, reason="; ".join(reasons),
        )

    def _place(self, tok: Token, frame: Token | None) -> tuple[str, float | None, float | None]:
        """The place named by 'in/at/into …' in the trigger's phrase, else in its governing clauses."""
        scopes = [tok]
        node = clauses.clause_verb(tok)
        while node.head.i != node.i and node.dep_ in clauses.CLAUSE_LINKS:
            node = node.head
            scopes.append(node)
        if frame is not None:
            scopes.append(frame)
        for scope in scopes:
            for prep in scope.subtree:
                if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                    continue
                for obj in (c for c in prep.children if c.dep_ == "pobj" and _names_a_place(c)):
                    words = self.sent.doc[obj.left_edge.i:obj.i + 1].text
                    place = locate(words) or locate(obj.text)
                    if place is not None:
                        return words.removeprefix("the "), place.lat, place.lon
        return "", None, None

    @staticmethod
    def _confidence(trig: Trigger, actor1: Resolved, actor2: Resolved | None, speaker: Resolved | None,
                    when: EventDate, context_why: str, quote: bool) -> tuple[float, list[str]]:
        score = 0.9
        reasons = [f"trigger '{trig.token.text}' → {trig.sense.event_type}" + (f" ({trig.sense.mode})" if trig.sense.mode else ""),
                   f"actor1 {actor1.note}"]
        if trig.token.pos_ == "NOUN":
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

    def remember(self) -> None:
        """After the sentence: the last person named as a subject, and the last speaker."""
        for tok in self.sent:
            if tok.dep_ != "nsubj":
                continue
            mention = self.mentions.in_phrase(tok)
            if mention is not None and mention.actor.kind == "person":
                self.state.last_person = self._from_mention(mention)
            if tok.head.lemma_ in SPEECH_VERBS and mention is not None:
                self.state.last_speaker = self._from_mention(mention)
