"""Who acted and who was acted on: actor1 and actor2 of a trigger, read from the parse.

actor1 is the subject (the agent in the passive, the subject of the governing clause when the clause
has none, the possessor or "by …" of a nominal event); actor2 the object, the partner after a
preposition, or the subject of a requested clause. Pronouns resolve to the reporting speaker or the
last person named as a subject; the reader's memory of both runs across the sentences of one article.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from timeline.extract import clauses
from timeline.extract.actors import Mention, MentionIndex, default_table
from timeline.extract.geo import locate
from timeline.extract.ontology import SPEECH_VERBS, noun_sense
from timeline.extract.triggers import Trigger
from timeline.schema import Actor

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
PARTNER_PREPS = ("with", "to", "against", "on", "into", "at", "from", "toward", "towards", "for")
# Inside an object that names a thing, the one it is for or against: "aid to Kyiv", "sanctions on Russia",
# "talks with Zelensky", "missiles at Kyiv". ("from" there names an origin, not a target.)
OBJECT_PREPS = ("with", "to", "against", "on", "into", "at", "toward", "towards", "for")
OBJECT_DEPS = ("dobj", "dative", "pobj")
# Attacks and seizures hit a place: with no target named, its state is the one acted on.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE"})
PLACE_PREPS = ("in", "at", "on", "into", "against", "near", "over", "of")
REGION_WORDS = frozenset({"region", "regions", "oblast", "province", "city", "port", "town", "village", "peninsula"})
DASHES = frozenset({"—", "–", "--", "-"})
MAX_DATELINE = 12  # tokens: "WASHINGTON, D.C. (AP) —"
# Acts whose target may be the subject of their clause: "urged Moscow to agree", "warned that Kyiv would pay".
CLAUSE_TARGET_TYPES = frozenset({"REQUEST", "THREATEN"})
# "agreed in a call with Trump", "agreed following talks with the US": the talks name the partner.
CIRCUMSTANCE_PREPS = ("in", "during", "after", "following", "at")
# Acts that two parties do together: "X and Y agreed" is one act of X with Y, not two acts on nobody.
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
RECIPROCALS = frozenset({"each other", "one another"})
# Hostile acts of two parties with no target named are done to each other: "Russia and Ukraine
# continued to launch attacks", "the two leaders traded accusations".
MUTUAL_TYPES = frozenset({"ASSAULT", "ACCUSE", "THREATEN"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
SPEAKER_PRONOUNS = frozenset({"we", "i", "us", "me", "our"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
RELATIVE_PRONOUNS = frozenset({"that", "who", "which", "whom"})


@dataclass
class Resolved:
    actor: Actor
    text: str
    note: str
    head: Token | None = None  # the word of the sentence that names the actor, when there is one


@dataclass
class ReaderState:
    """What the reader remembers across sentences of one article."""

    last_person: Resolved | None = None
    last_speaker: Resolved | None = None
    earlier_person: Resolved | None = None  # the person named as a subject before last_person
    previous_people: list[Actor] = field(default_factory=list)  # everyone named in the last sentence


def speaks_for(speaker: Actor, subject: Actor) -> bool:
    """A person stating their own state's position ("Putin said Moscow was in favour"): the
    statement is the speaker's act. Only for verbal acts: troops fighting are not the speaker."""
    return (speaker.kind == "person" and subject.kind == "country" and not speaker.provisional
            and speaker.country == subject.country != "")


class Roles:
    """The actors of the triggers of one sentence."""

    def __init__(self, sent: Span, mentions: MentionIndex, quotes: list[tuple[int, int]], state: ReaderState):
        self.sent, self.mentions, self.quotes, self.state = sent, mentions, quotes, state

    def phrase_actor(self, head: Token, speaker: Resolved | None, *, avoid: Actor | None = None) -> Resolved | None:
        """The actor a noun phrase names. ``avoid`` is the clause's subject when the phrase is its
        object: "Putin condemned him" does not mean Putin."""
        low = head.lower_
        if low in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            head = head.head.head
        if low in SPEAKER_PRONOUNS and speaker is not None:
            return Resolved(speaker.actor, head.text, f"'{head.text}' = the speaker, {speaker.actor.name}", head)
        if head.pos_ == "PRON":
            return self._pronoun(head, speaker, avoid)
        mention = self.mentions.in_phrase(head)
        found = self._definite_description(head) if mention is None else self.from_mention(mention)
        if found is not None:
            found.head = head
        return found

    @staticmethod
    def from_mention(mention: Mention) -> Resolved:
        how = "new actor" if mention.actor.provisional else "actor table"
        return Resolved(mention.actor, mention.text, f"'{mention.text}' → {mention.actor.name} ({how})")

    def _pronoun(self, tok: Token, speaker: Resolved | None, avoid: Actor | None = None) -> Resolved | None:
        low = tok.lower_
        if speaker is not None and (avoid is None or speaker.actor.id != avoid.id) and (
                (low in PERSON_PRONOUNS and speaker.actor.kind == "person")
                or (low in GROUP_PRONOUNS and speaker.actor.kind != "person")):
            return Resolved(speaker.actor, tok.text, f"'{tok.text}' = the speaker, {speaker.actor.name}", tok)
        if low not in PERSON_PRONOUNS:
            return None
        if avoid is not None:
            named = self._people_before(tok, avoid)
            if len(named) == 1:
                return Resolved(named[0], tok.text, f"'{tok.text}' = {named[0].name}, the other person named", tok)
            if named:
                return None
        for person in (self.state.last_person, self.state.earlier_person):
            if person is None or (avoid is not None and person.actor.id == avoid.id):
                continue  # an object pronoun is not the subject of its own clause
            if self._other_person_before(tok, person.actor, avoid):
                return None
            return Resolved(person.actor, tok.text, f"'{tok.text}' = {person.actor.name}, named as a subject before", tok)
        return None

    def _people_before(self, tok: Token, avoid: Actor) -> list[Actor]:
        """The people other than ``avoid`` named earlier in this sentence, else in the one before."""
        for people in ([m.actor for m in self.mentions.between(self.sent.start, tok.i)], self.state.previous_people):
            found = list({a.id: a for a in people if a.kind == "person" and a.id != avoid.id}.values())
            if found:
                return found
        return []

    def _other_person_before(self, tok: Token, person: Actor, avoid: Actor | None = None) -> bool:
        """Another person named earlier in the sentence makes 'he' ambiguous: leave it alone."""
        return any(m.actor.kind == "person" and m.actor.id != person.id and m.end <= tok.i
                   and (avoid is None or m.actor.id != avoid.id)
                   for m in self.mentions.between(self.sent.start, self.sent.end))

    def _definite_description(self, head: Token) -> Resolved | None:
        """'the president' -> the last person named as a subject, when their role says so."""
        last = self.state.last_person
        if last is None or head.pos_ != "NOUN" and head.pos_ != "PROPN":
            return None
        if any(c.lower_ == "the" for c in head.children) and head.lower_ in last.actor.role.lower().split():
            return Resolved(last.actor, f"the {head.text}", f"'the {head.text}' = {last.actor.name}")
        return None

    def subject(self, verb: Token, speaker: Resolved | None) -> tuple[Resolved | None, bool]:
        """(actor1, passive) for a clause verb, inheriting the subject of the clause it hangs from
        when it has none of its own ("donned a uniform to visit": the one who donned)."""
        word, passive = self._subject_word(verb)
        return (self.phrase_actor(word, speaker) if word is not None else None), passive

    @staticmethod
    def _subject_word(verb: Token) -> tuple[Token | None, bool]:
        node = verb
        if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "drones launched by Russia": a reduced passive
            return Roles._agent(verb), True
        while True:
            subjects = [c for c in node.children if c.dep_ in SUBJECTS]
            if subjects:
                # Two subjects are a misparse, mostly of a dateline ("KYIV, Ukraine (AP) — Trump
                # blamed …"): the one nearest before the verb is the real one.
                before = [c for c in subjects if c.i < node.i]
                subj = _past_dateline(before[-1] if before else subjects[0])
                if subj.dep_ == "nsubjpass":
                    return Roles._agent(node), True
                return subj, False
            if node.dep_ == "acl" and node.head.dep_ in ("dobj", "pobj"):
                node = clauses.clause_verb(node.head)  # "donned a uniform to visit": the one who donned
                continue
            if node.dep_ == "pcomp" and node.head.dep_ == "prep":
                node = node.head  # "split with its allies by refusing to blame": the one who split
            if node.dep_ not in ("xcomp", "advcl", "conj", "acomp", "prep") or node.head.i == node.i:
                return None, False  # ("ready to discuss": the one who is ready)
            node = node.head

    @staticmethod
    def _agent(verb: Token) -> Token | None:
        return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)

    def partner(self, trig: Trigger, actor1: Resolved | None, speaker: Resolved | None,
                passive: bool) -> Resolved | None:
        """actor2: the one acted on — object, partner after a preposition ("talks with Kyiv"), the
        subject of a requested or threatened clause ("hoped the Kremlin would agree"), the party of
        the talks it happened in ("agreed in a call with Trump"); failing those, the one the object
        is for or against ("aid to Kyiv", "sanctions on Russia"), the owner of what was hit ("drones
        launched by Russia"), the named one among the object's members ("partners, including the
        US"); else the object of a coordinated verb."""
        tok = trig.token
        if passive and tok.pos_ == "VERB":
            # the patient: the passive's subject, or the noun a reduced passive describes
            subj = tok.head if tok.dep_ == "acl" else next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            return self.phrase_actor(subj, speaker) if subj is not None else None
        direct = list(self._direct_targets(trig))
        inner = [found for word, _ in direct for found in _inner_targets(word)]
        coordinated = [(c, f"object of the coordinated '{conj.text}'")
                       for conj in tok.children if conj.dep_ == "conj" and conj.pos_ == "VERB"
                       for c in conj.children if c.dep_ == "dobj"]
        for word, how in direct + inner + coordinated:
            # An object pronoun is not the clause's subject ("Putin condemned him"); a clause's subject may be.
            avoid = actor1.actor if actor1 is not None and word.dep_ in OBJECT_DEPS else None
            found = self.phrase_actor(word, speaker, avoid=avoid)
            if found is not None and (actor1 is None or found.actor.id != actor1.actor.id):
                if how:
                    found.note += f" ({how})"
                return found
        return self._struck_place(trig, actor1)

    def _struck_place(self, trig: Trigger, actor1: Resolved | None) -> Resolved | None:
        """An attack or a seizure with no target named is on the state of the place it hit
        ("struck the city of Sumy" -> Ukraine), unless that is the attacker's own."""
        if trig.sense.event_type not in PLACE_TARGET_TYPES:
            return None
        own = actor1.actor.country if actor1 is not None else ""
        for word in _place_words(trig):
            found = self._state_of_place(word)
            if found is not None and found.actor.country != own:
                return found
        return None

    def _state_of_place(self, word: Token) -> Resolved | None:
        mention = self.mentions.in_phrase(word)
        if mention is not None:
            if mention.actor.kind != "country":
                return None
            found = self.from_mention(mention)
        else:
            name = _place_name(word)
            place = locate(name) if name else None
            state = default_table().state(place.country) if place is not None else None
            if state is None:
                return None
            found = Resolved(state, name, f"'{name}' is in {state.name} (the place hit)")
        found.head = word
        return found

    @staticmethod
    def _direct_targets(trig: Trigger) -> Iterator[tuple[Token, str]]:
        tok = trig.token
        noun = tok.pos_ == "NOUN"
        yield from ((c, "") for c in tok.children if c.dep_ in OBJECT_DEPS or noun and c.dep_ == "poss")
        for carrier in (tok, trig.noun):  # "held talks with Russia": the light verb's noun
            if carrier is not None:
                preps = PARTNER_PREPS + (("of",) if carrier.pos_ == "NOUN" else ())
                yield from ((g, "") for g in _prep_objects(carrier, preps))
                # "a meeting between Trump and Zelensky": the second party (the first acts)
                yield from ((c, "") for g in _prep_objects(carrier, ("between",)) for c in g.conjuncts)
        if trig.sense.event_type in CLAUSE_TARGET_TYPES:  # "urged Moscow to agree", "warned that Kyiv would …"
            yield from ((s, "") for c in tok.children if c.dep_ in ("ccomp", "xcomp") for s in _clause_subjects(c))
        if trig.sense.quad_class == 1:
            for talks in (g for word in _own_clause(tok) for g in _prep_objects(word, CIRCUMSTANCE_PREPS)):
                sense = noun_sense(talks.lemma_)
                if sense is not None and sense.event_type == "CONSULT":
                    yield from ((g, f"in the {talks.text} with") for g in _prep_objects(talks, ("with",)))

    def pairs(self, trig: Trigger, actor1: Resolved, actor2: Resolved | None,
              speaker: Resolved | None) -> list[tuple[Resolved, Resolved | None]]:
        """Every (actor1, actor2) the clause reports, the given pair first. Co-subjects of a joint act
        ("X and Y agreed") are its parties: X with Y, and with each further one (a deal of three is one
        record per pair); of any other act they are further actors ("X and Y attacked Z"), of a
        reciprocal or mutually hostile one ("accused each other", "X and Y launched attacks") both
        ways; co-objects are further targets."""
        subjects = [c for c in self.coordinated(actor1.head, speaker) if c.actor.id not in _ids(actor1, actor2)]
        found: list[tuple[Resolved, Resolved | None]] = [(actor1, actor2)]
        mutual = actor2 is None and trig.sense.event_type in MUTUAL_TYPES
        if subjects and (mutual or self._reciprocal(trig.token)):
            found = [(actor1, subjects[0])]
            for one in (actor1, *subjects):
                found += [(one, other) for other in (actor1, *subjects) if other is not one]
        elif subjects and actor2 is None and trig.sense.event_type in SYMMETRIC_TYPES:
            found = [(actor1, other) for other in subjects]
        else:
            found += [(other, actor2) for other in subjects]
        if actor2 is not None:
            found += [(one, other) for one in [a for a, _ in found]
                      for other in self.coordinated(actor2.head, speaker)
                      if other.actor.id not in _ids(one, actor2)]
        unique: dict[tuple[str, str], tuple[Resolved, Resolved | None]] = {}
        for a1, a2 in found:
            unique.setdefault((a1.actor.id, a2.actor.id if a2 else ""), (a1, a2))
        return list(unique.values())

    def coordinated(self, word: Token | None, speaker: Resolved | None) -> list[Resolved]:
        """The other actors coordinated with a phrase's: "Russia and Belarus", "U.S. and Russian
        representatives" (modifiers coordinated inside one phrase)."""
        if word is None:
            return []
        found = [self.phrase_actor(c, speaker) for c in word.conjuncts if c.pos_ in ("NOUN", "PROPN")]
        for mod in (c for c in word.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                    and self.mentions.at(c) is not None):
            found += [self.from_mention(self.mentions.at(c)) for c in mod.conjuncts if self.mentions.at(c) is not None]
        for one in found:
            if one is not None:
                one.note += f" (named with '{word.text}')"
        return [one for one in found if one is not None]

    @staticmethod
    def _reciprocal(tok: Token) -> bool:
        """ "accused each other", "agreed with one another"."""
        words = [c for c in tok.children if c.dep_ == "dobj"] + list(_prep_objects(tok, PARTNER_PREPS))
        return any(f"{w.doc[w.i - 1].lower_} {w.lower_}" in RECIPROCALS for w in words if w.i > 0)

    def obliged(self, verb: Token, speaker: Resolved) -> Resolved | None:
        """Who a speaker says should act ("Kyiv should forget about NATO"): the clause's subject."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        found = self.phrase_actor(subj, None) if subj is not None else None
        return found if found is not None and found.actor.id != speaker.actor.id else None

    def noun_agent(self, noun: Token, speaker: Resolved | None, *,
                   shared: bool = True) -> tuple[Resolved | None, bool]:
        """Who carries out a nominal event: 'talks between X and Y' (X), 'Russia's offensive', 'the
        US proposal', 'an offensive by Russian forces', else, when the clause's subject takes part in
        acts of its kind (``shared``: talks, attacks, not proposals or demands, which the subject
        answers), the subject of the clause it is part of ('following talks with')."""
        for party in _prep_objects(noun, ("between",)):
            found = self.phrase_actor(party, speaker)
            if found is not None:
                return found, False
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and self.mentions.at(child) is not None:
                found = self.from_mention(self.mentions.at(child))
                found.head = child
                return found, False
            if child.dep_ == "prep" and child.lower_ == "by":
                agent = next((g for g in child.children if g.dep_ == "pobj"), None)
                if agent is not None:
                    return self.phrase_actor(agent, speaker), False
        if noun.dep_ == "pobj" and noun.head.lower_ == "under":
            return None, False  # "came under attack": the subject is the target, the attacker unnamed
        if shared and noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
            return self.subject(noun.head.head, speaker)
        if shared and noun.dep_ == "dobj" and noun.head.lower_ == "following":  # "following talks with"
            return self.subject(clauses.clause_verb(noun.head.head), speaker)
        return None, False

    def speaker(self, trig: Trigger) -> tuple[Token | None, Resolved | None]:
        frame = clauses.speech_frame(trig.token)
        if frame is not None:
            subj = next((c for c in frame.children if c.dep_ in SUBJECTS), None)
            speaker = self.phrase_actor(subj, None) if subj is not None else None
            return frame, speaker
        if clauses.in_spans(trig.token.idx, self.quotes) and self.state.last_speaker is not None:
            return None, self.state.last_speaker
        return None, None

    def remember(self) -> None:
        """After the sentence: the last people named as subjects, everyone named, and the last speaker."""
        self.state.previous_people = [m.actor for m in self.mentions.between(self.sent.start, self.sent.end)
                                      if m.actor.kind == "person"]
        for tok in self.sent:
            if tok.dep_ != "nsubj":
                continue
            mention = self.mentions.in_phrase(tok)
            if mention is not None and mention.actor.kind == "person":
                last = self.state.last_person
                if last is not None and last.actor.id != mention.actor.id:
                    self.state.earlier_person = last
                self.state.last_person = self.from_mention(mention)
            if tok.head.lemma_ in SPEECH_VERBS and mention is not None:
                self.state.last_speaker = self.from_mention(mention)


def _past_dateline(subj: Token) -> Token:
    """A wire dateline ("KYIV, Ukraine (AP) — Russia and Ukraine accused …") parsed as the subject:
    the real subject is the phrase after the dash, which the parser hangs from the dateline."""
    sent = subj.sent
    first = sent[0]
    if not (first.is_upper and first.is_alpha and len(first) > 2) or subj.i > sent.start + MAX_DATELINE:
        return subj
    dash = next((t for t in sent[:MAX_DATELINE] if t.text in DASHES), None)
    if dash is None or subj.i > dash.i:
        return subj
    return next((t for t in subj.subtree if t.i > dash.i and t.head.i < dash.i), subj)


def _inner_targets(word: Token) -> Iterator[tuple[Token, str]]:
    """Inside an object that names no actor, the one it concerns: "aid [to Kyiv]", "drones
    [launched by Russia]", "partners, [including the US]"; the same for its coordinated objects."""
    if word.dep_ not in OBJECT_DEPS:
        return
    for thing in (word, *word.conjuncts):
        yield from ((g, f"the {thing.text} it concerns") for g in _prep_objects(thing, OBJECT_PREPS + ("including",)))
        yield from ((g, f"whose {thing.text}") for c in thing.children if c.dep_ == "acl"
                    for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj")


def _place_words(trig: Trigger) -> Iterator[Token]:
    """Nouns that may name the place an act hit, nearest first: its object and the objects of its
    place prepositions, then what those contain ("a facility [in [Kharkiv]]", "the city [of Sumy]")."""
    level = [c for carrier in (trig.token, trig.noun) if carrier is not None for c in carrier.children
             if c.dep_ == "dobj"] + [g for carrier in (trig.token, trig.noun) if carrier is not None
                                     for g in _prep_objects(carrier, PLACE_PREPS)]
    for _ in range(3):
        yield from level
        level = [n for word in level for n in (*_prep_objects(word, PLACE_PREPS),
                                                *(c for c in word.children if c.dep_ in ("appos", "conj")))]


def _place_name(word: Token) -> str:
    """ "Sumy", "the Bryansk region" -> "Bryansk region"; "" when the word names no place."""
    names = [c for c in word.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < word.i]
    if word.pos_ == "PROPN" or word.ent_type_ in ("GPE", "LOC", "FAC"):
        start = names[0].i if names else word.i
    elif names and word.lower_ in REGION_WORDS:
        start = names[0].i
    else:
        return ""
    return word.doc[start:word.i + 1].text


def _clause_subjects(verb: Token) -> Iterator[Token]:
    """The subject of a clause, also when the parser hangs it from an auxiliary ("that Kyiv had better move")."""
    for c in verb.children:
        if c.dep_ in SUBJECTS:
            yield c
        elif c.dep_ == "aux":
            yield from (s for s in c.children if s.dep_ in SUBJECTS)


def _own_clause(tok: Token) -> Iterator[Token]:
    """The words of the trigger's clause and its infinitives, not of clauses embedded in it."""
    stack = [tok]
    while stack:
        word = stack.pop()
        yield word
        stack.extend(c for c in word.children if c.dep_ not in ("relcl", "ccomp", "advcl", "acl", "conj", "parataxis"))


def _prep_objects(word: Token, preps: tuple[str, ...]) -> Iterator[Token]:
    """The objects of the word's prepositions of the given kinds: "talks [with] [Kyiv]"."""
    for prep in word.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            yield from (g for g in prep.children if g.dep_ == "pobj")


def _ids(*actors: Resolved | None) -> set[str]:
    return {a.actor.id for a in actors if a is not None}
