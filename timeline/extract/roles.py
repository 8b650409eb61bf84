"""Who acted and who was acted on: actor1 and actor2 of a trigger, read from the parse.

actor1 is the subject (the agent in the passive, the subject of the governing clause when the clause
has none, the possessor or "by …" of a nominal event); actor2 the object, the partner after a
preposition, or the subject of a requested clause. Pronouns resolve to the reporting speaker or the
last person named as a subject; the reader's memory of both runs across the sentences of one article.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from timeline.extract import clauses
from timeline.extract.actors import Mention, MentionIndex
from timeline.extract.ontology import SPEECH_VERBS
from timeline.extract.triggers import Trigger
from timeline.schema import Actor

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
PARTNER_PREPS = ("with", "to", "against", "on", "into", "at", "from", "toward", "towards", "for")
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
SPEAKER_PRONOUNS = frozenset({"we", "i", "us", "me", "our"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
RELATIVE_PRONOUNS = frozenset({"that", "who", "which", "whom"})


@dataclass
class Resolved:
    actor: Actor
    text: str
    note: str


@dataclass
class ReaderState:
    """What the reader remembers across sentences of one article."""

    last_person: Resolved | None = None
    last_speaker: Resolved | None = None


def speaks_for(speaker: Actor, subject: Actor) -> bool:
    """A person stating their own state's position ("Putin said Moscow was in favour"): the
    statement is the speaker's act. Only for verbal acts: troops fighting are not the speaker."""
    return (speaker.kind == "person" and subject.kind == "country" and not speaker.provisional
            and speaker.country == subject.country != "")


class Roles:
    """The actors of the triggers of one sentence."""

    def __init__(self, sent: Span, mentions: MentionIndex, quotes: list[tuple[int, int]], state: ReaderState):
        self.sent, self.mentions, self.quotes, self.state = sent, mentions, quotes, state

    def phrase_actor(self, head: Token, speaker: Resolved | None) -> Resolved | None:
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
        return self.from_mention(mention)

    @staticmethod
    def from_mention(mention: Mention) -> Resolved:
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

    def subject(self, verb: Token, speaker: Resolved | None) -> tuple[Resolved | None, bool]:
        """(actor1, passive) for a clause verb, inheriting the subject of the clause it hangs from
        when it has none of its own ("donned a uniform to visit": the one who donned)."""
        node = verb
        if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "drones launched by Russia": a reduced passive
            agent = self._agent(verb)
            return (self.phrase_actor(agent, speaker) if agent is not None else None), True
        while True:
            subj = next((c for c in node.children if c.dep_ in SUBJECTS), None)
            if subj is not None:
                if subj.dep_ == "nsubjpass":
                    agent = self._agent(node)
                    return (self.phrase_actor(agent, speaker) if agent is not None else None), True
                return self.phrase_actor(subj, speaker), False
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
        """actor2: the one acted on — object, partner after a preposition, the subject of a
        requested clause ("hoped the Kremlin would agree"), else the object of a coordinated verb."""
        tok = trig.token
        if passive and tok.pos_ == "VERB":
            # the patient: the passive's subject, or the noun a reduced passive describes
            subj = tok.head if tok.dep_ == "acl" else next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            return self.phrase_actor(subj, speaker) if subj is not None else None
        heads = [c for c in tok.children if c.dep_ in ("dobj", "dative", "pobj", "poss" if tok.pos_ == "NOUN" else "-")]
        heads += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS + (
            ("of",) if tok.pos_ == "NOUN" else ()) for g in c.children if g.dep_ == "pobj"]
        if trig.sense.event_type == "REQUEST":
            heads += [s for c in tok.children if c.dep_ in ("ccomp", "xcomp") for s in c.children if s.dep_ in SUBJECTS]
        for head in heads:
            found = self.phrase_actor(head, speaker)
            if found is not None and (actor1 is None or found.actor.id != actor1.actor.id):
                return found
        for conj in (c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            obj = next((c for c in conj.children if c.dep_ == "dobj"), None)
            found = self.phrase_actor(obj, speaker) if obj is not None else None
            if found is not None and (actor1 is None or found.actor.id != actor1.actor.id):
                found.note += f" (object of the coordinated '{conj.text}')"
                return found
        return None

    def obliged(self, verb: Token, speaker: Resolved) -> Resolved | None:
        """Who a speaker says should act ("Kyiv should forget about NATO"): the clause's subject."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        found = self.phrase_actor(subj, None) if subj is not None else None
        return found if found is not None and found.actor.id != speaker.actor.id else None

    def noun_agent(self, noun: Token, speaker: Resolved | None, *,
                   shared: bool = True) -> tuple[Resolved | None, bool]:
        """Who carries out a nominal event: 'Russia's offensive', 'the US proposal', 'an offensive
        by Russian forces', 'talks between Russia and the US', else, when the clause's subject takes
        part in acts of its kind (``shared``: talks, attacks, not proposals or demands, which the
        subject answers), the subject of the clause it is part of ('following talks with')."""
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod") and self.mentions.at(child) is not None:
                return self.from_mention(self.mentions.at(child)), False
            if child.dep_ == "prep" and child.lower_ in ("by", "between"):
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
        """After the sentence: the last person named as a subject, and the last speaker."""
        for tok in self.sent:
            if tok.dep_ != "nsubj":
                continue
            mention = self.mentions.in_phrase(tok)
            if mention is not None and mention.actor.kind == "person":
                self.state.last_person = self.from_mention(mention)
            if tok.head.lemma_ in SPEECH_VERBS and mention is not None:
                self.state.last_speaker = self.from_mention(mention)
