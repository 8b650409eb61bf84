"""Which actor a phrase names, with the reader's memory of the article it draws on.

A name is its actor in the table (actors.py mentions); a pronoun is the speaker, the one party named
before it in the sentence, or the last person named as a subject; people named by kind (kinds.py)
stand for their state or keep their words ("Ukrainian troops" -> Ukraine, "protesters in Tbilisi" ->
Protesters (Georgia)); a title ("the Russian leader") is the person who held it on the article's date;
"the president" the last person named whose role says so; "both sides" the two sides of the
article's war. roles.py asks this of the words it finds for actor1 and actor2, and keeps in the same
memory the claims and proposals later answers refer to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from timeline.extract.arguments import RELATIVE_PRONOUNS, prep_objects
from timeline.extract.actors import LEADER_TITLES, Mention, MentionIndex, default_table
from timeline.extract.geo import locate
from timeline.extract.kinds import COLLECTIVE, QUALIFYING_DEPS, Kind, default_kinds, qualified_words
from timeline.extract.ontology import SPEECH_VERBS
from timeline.extract.triggers import quantified
from timeline.schema import Actor

# "Both sides blamed each other", "the two parties": the two sides of the article's war, known only
# once the article is read (article_roles.fill_from_article puts them in).
BOTH_SIDES = Actor(id="ct:both-sides", name="both sides", kind="group", provisional=True)
SIDE_WORDS = frozenset({"side", "party"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
SPEAKER_PRONOUNS = frozenset({"we", "i", "us", "me", "our"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
STATE_POSSESSIVES = frozenset({"its", "their"})
# "negotiators representing Kyiv": people who stand for a party act as that party.
REPRESENTING = frozenset({"represent"})
FORMER_WORDS = frozenset({"former", "ex", "late", "then", "previous", "vice", "deputy", "opposition", "next", "future"})


@dataclass
class Resolved:
    actor: Actor
    text: str
    note: str
    head: Token | None = None  # the word of the sentence that names the actor, when there is one
    by_kind: bool = False  # named by kind ("the US delegation"): a body of the actor, not its voice


@dataclass
class ReaderState:
    """What the reader remembers across sentences of one article."""

    last_person: Resolved | None = None
    last_speaker: Resolved | None = None
    earlier_person: Resolved | None = None  # the person named as a subject before last_person
    previous_people: list[Actor] = field(default_factory=list)  # everyone named in the last sentence
    published: date | None = None  # the article's date: who held an office then
    claims: list[tuple[Actor, Actor]] = field(default_factory=list)  # (who claimed, against whom), in order
    proposers: list[Actor] = field(default_factory=list)  # who proposed something, in order


class PhraseResolver:
    """The actors the phrases of one sentence name, with what the reader remembers of the article."""

    def __init__(self, sent: Span, mentions: MentionIndex, state: ReaderState):
        self.sent, self.mentions, self.state = sent, mentions, state

    def phrase_actor(self, head: Token, speaker: Resolved | None, *, avoid: Actor | None = None) -> Resolved | None:
        """The actor a noun phrase names. ``avoid`` is the clause's subject when the phrase is its
        object: "Putin condemned him" does not mean Putin."""
        low = head.lower_
        if low in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            head = head.head.head
        if low in SPEAKER_PRONOUNS and head.pos_ == "PRON" and speaker is not None:  # "us", not "the US"
            return Resolved(speaker.actor, head.text, f"'{head.text}' = the speaker, {speaker.actor.name}", head)
        if head.pos_ == "PRON":
            return self._pronoun(head, speaker, avoid)
        head = quantified(head)  # "dozens of demonstrators"
        if head.lemma_ in SIDE_WORDS and any(c.lower_ in ("both", "two") for c in head.children):
            return Resolved(BOTH_SIDES, head.text, f"'{head.text}': the two sides of the war this article tells", head)
        represented = next((g for c in head.children if c.dep_ == "acl" and c.lemma_ in REPRESENTING
                            for g in c.children if g.dep_ == "dobj"), None) if head.pos_ == "NOUN" else None
        if represented is not None:  # "envoys representing Paris and Berlin": those they act for
            return self.phrase_actor(represented, speaker, avoid=avoid)
        if head.lower_ in LEADER_TITLES:
            # "the Russian leader" is a person; "the former Ukrainian president" no actor we know
            return self._leader(head)
        kind = default_kinds().of(head)
        if kind is not None and (self.mentions.at(head) is None or self.mentions.at(head).actor.kind == "country"):
            return self._by_kind(head, kind)
        mention = self.mentions.in_phrase(head)
        found = self._definite_description(head) if mention is None else self.from_mention(mention)
        if found is not None:
            found.head = head
        return found

    def claimant(self, head: Token) -> Resolved | None:
        """Who a reporting phrase names ("it said", "the ministry said"): "it" and "they" may be the
        last speaker, whose words run on; "he" and "she" are resolved as any subject."""
        return self.phrase_actor(head, self.state.last_speaker if head.lower_ in GROUP_PRONOUNS else None)

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
        if tok.dep_ == "poss" and low in POSSESSIVE_PRONOUNS:
            # "the museum rejects his claims": the one person named before it in the sentence
            named = list({m.actor.id: m.actor for m in self.mentions.between(self.sent.start, tok.i)
                          if m.actor.kind == "person"}.values())
            return Resolved(named[0], tok.text, f"'{tok.text}' = {named[0].name}, the person named before", tok) \
                if len(named) == 1 else None
        if low in GROUP_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ != "be":
            # "it was Russia who attacked, when it invaded Georgia": the one state or body named before it
            named = list({m.actor.id: m.actor for m in self.mentions.between(self.sent.start, tok.i)
                          if m.actor.kind != "person"}.values())
            return Resolved(named[0], tok.text, f"'{tok.text}' = {named[0].name}, named before it", tok) \
                if len(named) == 1 else None
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

    def _by_kind(self, head: Token, kind: Kind) -> Resolved | None:
        """ "Ukrainian troops" -> Ukraine; "Hamas fighters" -> Hamas; "protesters in Tbilisi" ->
        Protesters (Georgia); "European leaders" keep their words; bare "troops" -> nobody."""
        words = self.sent.doc[head.left_edge.i:head.i + 1].text
        if kind.kind == COLLECTIVE:  # "the alliance's partners — France, Italy and others": those named
            # ("allies, including Japan and Canada": those named act, each its own record)
            listed = next((c for c in (*(c for c in head.children if c.dep_ == "appos"),
                                       *prep_objects(head, ("including",))) if self.mentions.in_phrase(c)), None)
            if listed is not None:
                return self.phrase_actor(listed, None)
        # "officials from Chile", "soldiers from EU states": whom they come from
        named = self.mentions.in_phrase(head) or next(
            (m for g in prep_objects(head, ("from",)) for m in [self.mentions.in_phrase(g)] if m is not None), None)
        if named is not None and named.actor.kind == "person" and kind.stands_for_state:
            # "the Trump administration", "Putin's forces": the person's state
            state = default_table().state(named.actor.country)
            return Resolved(state, words, f"'{words}' → {state.name}", head) if state is not None else None
        if named is not None and named.actor.kind != "country" and kind.kind != COLLECTIVE:
            return self.from_mention(named)  # "NATO troops", "Wagner mercenaries"
        state = named.actor if named is not None and self._modifies(named, head) else None
        if state is None and kind.stands_for_state:
            state = self._its_state(head)
        if state is None and kind.home:
            state = self._home_state(head)
        if kind.kind == COLLECTIVE or kind.stands_for_state and state is None:
            qualified = qualified_words(head)
            if not qualified:
                return None
            actor = Actor(id=f"kind:{re.sub(r'[^a-z0-9]+', '-', qualified.lower()).strip('-')}", name=qualified,
                          kind="group", role=COLLECTIVE, provisional=True)
            return Resolved(actor, qualified, f"'{qualified}': a group named by its members", head)
        if kind.stands_for_state:
            return Resolved(state, words, f"'{words}' → {state.name} (its {head.text})", head, by_kind=True)
        actor = kind.actor(state)
        return Resolved(actor, words, f"'{words}' → {actor.name} ({kind.kind})", head)

    def _its_state(self, head: Token) -> Actor | None:
        """ "Armenia said its forces had seized two hills": "its" is the one state named before it in
        the sentence."""
        poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in STATE_POSSESSIVES), None)
        if poss is None:
            return None
        named = {m.actor.id: m.actor for m in self.mentions.between(self.sent.start, poss.i) if m.actor.kind == "country"}
        return next(iter(named.values())) if len(named) == 1 else None

    def _modifies(self, mention: Mention, head: Token) -> bool:
        """The mention qualifies the noun itself ("Russian", "Ukraine's", "of Georgia"), not a clause inside it."""
        return any(mention.start <= t.i < mention.end for t in head.subtree
                   if t.i == head.i or t.dep_ in QUALIFYING_DEPS or t.head.lower_ in ("of", "from"))

    def _home_state(self, head: Token) -> Actor | None:
        """The one state whose places the phrase, else the sentence, names ("police in Tbilisi")."""
        for scope in (head.subtree, self.sent):
            states = {state.id: state for word in scope if word.ent_type_ in ("GPE", "LOC", "FAC") and word.ent_iob_ == "B"
                      for state in [self._state_of_name(word)] if state is not None}
            if len(states) == 1:
                return next(iter(states.values()))
            if states:
                return None
        return None

    def _state_of_name(self, word: Token) -> Actor | None:
        mention = self.mentions.at(word)
        if mention is not None:
            return mention.actor if mention.actor.kind == "country" else None
        ent = next((e for e in self.sent.ents if e.start == word.i), None)
        place = locate(ent.text) if ent is not None else None
        return default_table().state(place.country) if place is not None else None

    def _leader(self, head: Token) -> Resolved | None:
        """ "the Russian leader", "Ukraine's president", "his Ukrainian counterpart": the person
        who held that office when the article was written."""
        title = head.lower_
        if title == "minister" and not any(c.lower_ == "prime" for c in head.children):
            return self._leader_free(head)
        if any(c.lower_ in FORMER_WORDS for c in head.children):
            return None
        country = next((m.actor.country for c in head.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                        for m in [self.mentions.at(c)] if m is not None and m.actor.kind == "country"), "")
        person = default_table().head_of(country, title, self.state.published)
        if person is None:
            return self._leader_free(head)
        words = self.sent.doc[head.left_edge.i:head.i + 1].text
        return Resolved(person, words, f"'{words}' = {person.name}, {person.role}", head)

    def _leader_free(self, head: Token) -> Resolved | None:
        """A title the table has no holder for: the phrase's other names ("Russia's foreign minister" -> Russia)."""
        mention = self.mentions.in_phrase(head)
        return self.from_mention(mention) if mention is not None else self._definite_description(head)

    def _definite_description(self, head: Token) -> Resolved | None:
        """'the president' -> the last person named as a subject, when their role says so."""
        last = self.state.last_person
        if last is None or head.pos_ != "NOUN" and head.pos_ != "PROPN":
            return None
        if any(c.lower_ == "the" for c in head.children) and head.lower_ in last.actor.role.lower().split():
            return Resolved(last.actor, f"the {head.text}", f"'the {head.text}' = {last.actor.name}")
        return None

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
