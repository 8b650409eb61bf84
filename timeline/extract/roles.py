"""Who acted and who was acted on: actor1 and actor2 of a trigger, read from the parse.

actor1 is the subject (the agent in the passive, the subject of the governing clause when the clause
has none, the possessor or "by …" of a nominal event); actor2 the object, the partner after a
preposition, the one an object concerns, the subject of a requested clause, the author of what is
answered, or the state of a place hit (arguments.py finds the words; this module says which actor
each names). Co-subjects and co-objects make one record per pair. Pronouns, "the Russian leader",
actors named by kind (kinds.py) and the reader's memory of people, claims and proposals run across
the sentences of one article; what a sentence leaves unnamed may come from the rest of it
(article_roles.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from timeline.extract import clauses
from timeline.extract.arguments import (
    OBJECT_DEPS, OBJECT_PREPS, RELATIVE_PRONOUNS, SUBJECTS, agent, answered_act, companions, conflict_agent, conjuncts,
    direct_targets, gerund_object, inner_targets, is_city, nearest_conjunct, parenthetical, past_dateline, place_name,
    place_words, prep_objects, reciprocal, talks_targets, theme,
)
from timeline.extract.actors import LEADER_TITLES, Mention, MentionIndex, default_table
from timeline.extract.geo import locate
from timeline.extract.kinds import COLLECTIVE, QUALIFYING_DEPS, Kind, default_kinds, qualified_words, role_words
from timeline.extract.ontology import SPEECH_VERBS, trigger_table
from timeline.extract.triggers import Trigger, quantified, verb_trigger
from timeline.schema import Actor

# Attacks and seizures hit a place: with no target named, its state is the one acted on.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE"})
# "Both sides blamed each other", "the two parties": the two sides of the article's war, known only
# once the article is read (article_roles.fill_from_article puts them in).
BOTH_SIDES = Actor(id="ct:both-sides", name="both sides", kind="group", provisional=True)
SIDE_WORDS = frozenset({"side", "party"})
# "supported the resolution", "proposed an amendment": with nobody named, the act is on the body the
# motion is put to, the one organization of states the article names (article_roles.fill_from_article).
MOTION_BODY = Actor(id="ct:motion-body", name="the body a motion is put to", kind="group", provisional=True)
MOTION_TYPES = frozenset({"SUPPORT", "REJECT", "REQUEST", "AGREE"})
# Answers to a proposal: its author is the one answered.
PROPOSAL_ANSWERS = frozenset({"AGREE", "REJECT", "SUPPORT"})
# Acts whose object may be a hostile act: the one acted on is who did it.
CRITICAL_TYPES = frozenset({"ACCUSE", "REJECT", "PROTEST", "SANCTION"})
# Acts that two parties do together: "X and Y agreed" is one act of X with Y, not two acts on nobody.
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Hostile acts of two parties with no target named are done to each other: "Russia and Ukraine
# continued to launch attacks", "the two leaders traded accusations".
MUTUAL_TYPES = frozenset({"ASSAULT", "ACCUSE", "THREATEN"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
SPEAKER_PRONOUNS = frozenset({"we", "i", "us", "me", "our"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
STATE_POSSESSIVES = frozenset({"its", "their"})
DEMONSTRATIVES = frozenset({"that", "this"})
# A nominal act after these prepositions is the clause subject's own: "took part in the invasion",
# "responded with strikes".
TAKING_PART = frozenset({"in", "with"})
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


def speaks_for(speaker: Actor, subject: Actor | Resolved) -> bool:
    """A person stating their own state's position ("Putin said Moscow was in favour"): the
    statement is the speaker's act. Only for verbal acts (troops fighting are not the speaker), and
    only for the state itself: what "the US delegation" did is the state's, not its speaker's."""
    if isinstance(subject, Resolved):
        # the state as the subject of what is said ("Moscow was in favour"), not "talks between Russia and the US"
        if subject.by_kind or subject.head is not None and subject.head.dep_ not in SUBJECTS:
            return False
        subject = subject.actor
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
        if kind.kind == COLLECTIVE:  # "Ukraine's partners — the U.S., Europe and others": those named
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

    def subject(self, verb: Token, speaker: Resolved | None) -> tuple[Resolved | None, bool]:
        """(actor1, passive) for a clause verb, inheriting the subject of the clause it hangs from
        when it has none of its own ("donned a uniform to visit": the one who donned)."""
        word, passive = self._subject_word(verb)
        return (self.phrase_actor(word, speaker) if word is not None else None), passive

    @staticmethod
    def _subject_word(verb: Token) -> tuple[Token | None, bool]:
        node, climbed = verb, ""
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and _misread_past(verb):
            return verb.head, False
        if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "drones launched by Russia": a reduced passive
            return agent(verb), True
        if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "with five countries abstaining": who does it
            return verb.head, False
        while True:
            subjects = [c for c in node.children if c.dep_ in SUBJECTS]
            if subjects:
                # Two subjects are a misparse, mostly of a dateline ("KYIV, Ukraine (AP) — Trump
                # blamed …"): the one nearest before the verb is the real one.
                before = [c for c in subjects if c.i < node.i]
                if len(before) > 1 and parenthetical(before[-1]):
                    before.pop()  # "Canada - until lately Mexico's partner - held talks": the name
                subj = past_dateline(before[-1] if before else subjects[0])
                if subj.dep_ == "nsubjpass" and not (node.i != verb.i and climbed == "xcomp"):
                    return agent(node), True
                return subj, False  # "Scholz is set to host", "troops were ordered to leave": who does it
            if agent(node) is not None:  # "annexed by Catherine and handed to Ukraine by Khrushchev"
                return agent(node), node.i == verb.i
            if node.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
                owner = _owner(node.head)
                if owner is not None:
                    return owner, False  # "Putin's order to halt attacks": the one who ordered
                if node.head.dep_ in ("dobj", "pobj", "attr"):
                    # "donned a uniform to visit": the one who donned; "became the first to visit": who became
                    node, climbed = clauses.clause_verb(node.head), node.dep_
                    continue
            if node.dep_ == "pcomp" and node.head.dep_ == "prep" or gerund_object(node):
                node = node.head  # "split with its allies by refusing to blame": the one who split
            if node.dep_ not in ("xcomp", "advcl", "conj", "acomp", "prep") or node.head.i == node.i:
                return None, False  # ("ready to discuss": the one who is ready)
            node, climbed = nearest_conjunct(node) if node.dep_ == "conj" else node.head, node.dep_

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
            # "demands rejected by Kyiv": the noun a reduced passive qualifies is its subject
            # ("the Egyptian plan has yet to be accepted by Hamas": the subject of the verb the passive completes)
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), tok.head if tok.dep_ == "acl" else next(
                (c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None) if tok.dep_ == "xcomp" else None)
            found = self.phrase_actor(subj, speaker) if subj is not None else None
            found = found or (self._author(trig, actor1, [subj]) if subj is not None else None)
            found = found if found is not None and (actor1 is None or found.actor.id != actor1.actor.id) else None
            found = found or _motion(trig, [subj])
            if found is not None or subj is not None:
                return found
            # "seized by Turkey and handed to Greece by Ankara": no subject of its own, a partner may be named
        direct = list(answered_act(trig)) + list(direct_targets(trig))
        if trig.sense.event_type in CRITICAL_TYPES:
            # "condemned Russia's attack on Kyiv": the one condemned is the attacker, not its target
            direct = [(agent, f"who carried out the {word.text}") if agent is not None else (word, how)
                      for word, how in direct for agent in [conflict_agent(word)] if agent is not False]
        # what an act moves names no target, but its own may: "suspended aid to Ukraine"
        moved = [(c, "") for c in tok.children if c.dep_ == "dobj" and theme(tok, c)]
        inner = [found for word, _ in direct + moved for found in inner_targets(word)]
        coordinated = [(c, f"object of the coordinated '{conj.text}'")
                       for conj in tok.children if conj.dep_ == "conj" and conj.pos_ == "VERB"
                       for c in (*(c for c in conj.children if c.dep_ == "dobj"), *prep_objects(conj, OBJECT_PREPS))]
        shared = tok.dep_ == "conj" and tok.head.pos_ == "VERB" and not any(c.dep_ in SUBJECTS for c in tok.children)
        head_act = verb_trigger(tok.head) if shared else None
        if shared and (head_act is None or head_act.sense.event_type == trig.sense.event_type):
            # "provided Russia with oil but has not given weapons": the same recipient (not "accused
            # the US and denies planning": another act)
            coordinated += [(c, f"object of the coordinated '{tok.head.text}'") for c in tok.head.children
                            if c.dep_ in ("dobj", "dative")]
        # "adopted the French resolution": the noun a light verb carries names its author, not its target
        objects = [d for d in direct if trig.noun is None or d[0].i != trig.noun.i]
        for word, how in objects + inner + list(talks_targets(trig)) + coordinated:
            # An object pronoun is not the clause's subject ("Putin condemned him"); a clause's subject may be.
            avoid = actor1.actor if actor1 is not None and word.dep_ in OBJECT_DEPS else None
            found = self.phrase_actor(word, speaker, avoid=avoid)
            if found is not None and (actor1 is None or found.actor.id != actor1.actor.id):
                if how:
                    found.note += f" ({how})"
                return found
        return (self._author(trig, actor1, [word for word, _ in direct]) or self._struck_place(trig, actor1)
                or _motion(trig, [word for word, _ in direct]))

    def _author(self, trig: Trigger, actor1: Resolved | None, words: list[Token]) -> Resolved | None:
        """ "denied the allegations": who last made a claim against the one denying; "agreed with the
        proposal": who last proposed something (another party)."""
        if actor1 is None:
            return None
        me = actor1.actor
        for word in words:
            if word.lower_ in RELATIVE_PRONOUNS and word.head.dep_ == "relcl":
                word = word.head.head  # "a charge that Kyiv denied"
            role = role_words().get(word.lemma_.lower()) if word.pos_ == "NOUN" else None
            if word.lower_ in DEMONSTRATIVES:
                role = "claim"  # "charged by the tribunal, although that has been denied by the ministry"
            if role == "claim" and trig.sense.event_type == "REJECT":
                author = next((who for who, whom in reversed(self.state.claims) if _same_side(whom, me)), None)
            elif role == "proposal" and trig.sense.event_type in PROPOSAL_ANSWERS:
                author = next((who for who in reversed(self.state.proposers) if not _same_side(who, me)), None)
            else:
                continue
            if author is not None:
                return Resolved(author, "", f"'{word.text}' of {author.name}, named earlier", None)
        return None

    def remember_acts(self, trig: Trigger, pairs: list[tuple[Resolved, Resolved | None]],
                      speaker: Resolved | None) -> None:
        """Claims against an actor (accusations, and hostile acts a party reports of another) and
        proposals, for the authors of later 'allegations' and 'proposals'."""
        proposing = role_words().get(trig.token.lemma_.lower()) == "proposal"
        for actor1, actor2 in pairs:
            if trig.sense.event_type == "ACCUSE" and actor2 is not None:
                self.state.claims.append((actor1.actor, actor2.actor))
            if speaker is not None and trig.sense.quad_class >= 3 and not _same_side(speaker.actor, actor1.actor):
                self.state.claims.append((speaker.actor, actor1.actor))
            if proposing:
                self.state.proposers.append(actor1.actor)
            elif actor2 is not None and actor2.head is not None and any(
                    role_words().get(t.lemma_.lower()) == "proposal" for t in actor2.head.ancestors if t.pos_ == "NOUN"):
                self.state.proposers.append(actor2.actor)  # "rejected the plan put forward by the US"

    def _struck_place(self, trig: Trigger, actor1: Resolved | None) -> Resolved | None:
        """An attack or a seizure with no target named is on the state of the place it hit
        ("struck the city of Sumy" -> Ukraine), unless that is the attacker's own."""
        if trig.sense.event_type not in PLACE_TARGET_TYPES:
            return None
        own = actor1.actor.country if actor1 is not None else ""
        for word in place_words(trig):
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
            name = place_name(word)
            place = locate(name) if name else None
            state = default_table().state(place.country) if place is not None else None
            if state is None:
                return None
            found = Resolved(state, name, f"'{name}' is in {state.name} (the place hit)")
        found.head = word
        return found

    def pairs(self, trig: Trigger, actor1: Resolved, actor2: Resolved | None,
              speaker: Resolved | None) -> list[tuple[Resolved, Resolved | None]]:
        """Every (actor1, actor2) the clause reports, the given pair first. Co-subjects of a joint act
        ("X and Y agreed") are its parties: X with Y, and with each further one (a deal of three is one
        record per pair); of any other act they are further actors ("X and Y attacked Z"), of a
        reciprocal or mutually hostile one ("accused each other", "X and Y launched attacks") both
        ways; co-objects are further targets."""
        subjects = [c for c in self.coordinated(actor1.head, speaker) + self._companions(trig, actor1, speaker)
                    if c.actor.id not in _ids(actor1, actor2)]
        # "X and Y proposed", "brokered by X and Y": to or between third parties, not with each other
        third_party = role_words().get(trig.token.lemma_.lower()) in ("proposal", "mediation")
        found: list[tuple[Resolved, Resolved | None]] = [(actor1, actor2)]
        mutual = actor2 is None and trig.sense.event_type in MUTUAL_TYPES
        if subjects and (mutual or reciprocal(trig.token)):
            found = [(actor1, subjects[0])]
            for one in (actor1, *subjects):
                found += [(one, other) for other in (actor1, *subjects) if other is not one]
        elif subjects and actor2 is None and trig.sense.event_type in SYMMETRIC_TYPES and not third_party:
            found = [(actor1, other) for other in subjects]
        else:
            found += [(other, actor2) for other in subjects]
        if actor2 is not None:
            found += [(one, other) for one in [a for a, _ in found]
                      for other in self.coordinated(actor2.head, speaker)
                      if other.actor.id not in _ids(one, actor2) and not _same_word(other, actor1)]  # "between X and Y"
        unique: dict[tuple[str, str], tuple[Resolved, Resolved | None]] = {}
        for a1, a2 in found:
            unique.setdefault((a1.actor.id, a2.actor.id if a2 else ""), (a1, a2))
        return list(unique.values())

    def _companions(self, trig: Trigger, actor1: Resolved, speaker: Resolved | None) -> list[Resolved]:
        """Those who act along with actor1 ("voted against it, along with Cuba and Belarus")."""
        found = []
        for word in (trig.token, actor1.head):
            for first in (companions(word) if word is not None else ()):
                one = self.phrase_actor(first, speaker)
                found += ([one] if one is not None else []) + self.coordinated(first, speaker)
        return found

    def coordinated(self, word: Token | None, speaker: Resolved | None) -> list[Resolved]:
        """The other actors coordinated with a phrase's: "Russia and Belarus", "U.S. and Russian
        representatives" (modifiers coordinated inside one phrase)."""
        if word is None:
            return []
        found = [self.phrase_actor(c, speaker) for c in conjuncts(word) if c.pos_ in ("NOUN", "PROPN")]
        if word.pos_ == "NOUN" and default_kinds().of(word) is not None:  # "officials from Chile and the US"
            found += [self.phrase_actor(c, speaker) for g in prep_objects(word, ("from",)) for c in conjuncts(g)]
        for mod in (c for c in word.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                    and self.mentions.at(c) is not None):
            found += [self.from_mention(self.mentions.at(c)) for c in conjuncts(mod) if self.mentions.at(c) is not None]
        for one in found:
            if one is not None:
                one.note += f" (named with '{word.text}')"
        return [one for one in found if one is not None]

    def obliged(self, verb: Token, speaker: Resolved) -> Resolved | None:
        """Who a speaker says should act ("Kyiv should forget about NATO"): the clause's subject."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        found = self.phrase_actor(subj, None) if subj is not None else None
        return found if found is not None and found.actor.id != speaker.actor.id else None

    def noun_agent(self, noun: Token, speaker: Resolved | None, *, shared: bool = True,
                   event_type: str = "") -> tuple[Resolved | None, bool]:
        """Who carries out a nominal event: 'talks between X and Y' (X), 'Russia's offensive', 'the
        US proposal', 'an offensive by Russian forces', 'his meeting', else, when the clause's subject
        takes part in acts of its kind (``shared``: talks, attacks, not proposals or demands, which
        the subject answers), the subject of the clause it is part of ('following talks with')."""
        for party in prep_objects(noun, ("between",)):
            found = self.phrase_actor(party, speaker)
            if found is not None:
                return found, False
        for child in noun.children:
            mention = self.mentions.at(child)
            if child.dep_ in ("poss", "compound", "amod", "nmod") and mention is not None and not (
                    child.dep_ == "compound" and is_city(mention.text)):  # "the Minsk agreements": a venue
                found = self.from_mention(mention)
                found.head = child
                return found, False
            if child.dep_ == "prep" and child.lower_ == "by":
                agent = next((g for g in child.children if g.dep_ == "pobj"), None)
                if agent is not None:
                    return self.phrase_actor(agent, speaker), False
        own = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if own is not None:  # "after his meeting with Trump": his, not the clause's subject
            return self.phrase_actor(own, speaker), False
        if noun.dep_ == "pobj" and noun.head.lower_ == "under":
            return None, False  # "came under attack": the subject is the target, the attacker unnamed
        if shared and event_type in SYMMETRIC_TYPES:
            noun = _outer_phrase(noun)  # "at the start of a meeting with Scholz, Macron said": Macron met him
        if shared and noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX"):
            # "agreed in talks with the US", "took part in the invasion", "responded with strikes";
            # not "responded to the invasion" nor "after the invasion, NATO established …"
            if noun.head.lower_ in TAKING_PART or event_type in SYMMETRIC_TYPES:
                return self.subject(noun.head.head, speaker)
        if shared and noun.dep_ == "dobj" and noun.head.lower_ == "following":  # "following talks with"
            return self.subject(clauses.clause_verb(noun.head.head), speaker)
        return None, False

    def speaker(self, trig: Trigger) -> tuple[Token | None, Resolved | None]:
        frame = clauses.speech_frame(trig.token)
        if frame is not None:
            subj = next((c for c in frame.children if c.dep_ in SUBJECTS), None)
            if subj is None and frame.dep_ == "pcomp" and frame.head.lower_ == "by":
                subj, _ = self._subject_word(frame)  # "responded by saying": the one who responded
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


def _outer_phrase(noun: Token) -> Token:
    """The phrase a noun is 'of' ("the start of a meeting", "the sidelines of the summit"): the
    circumstance the clause is placed in."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    return noun


def _owner(noun: Token) -> Token | None:
    """Who a decision, an order or a refusal is of: "Putin's order", "the refusal of Yanukovych"."""
    if noun.lemma_.lower() not in trigger_table().classes.get("will", ()):
        return None
    return next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None) or next(
        (g for g in prep_objects(noun, ("of",)) if g.pos_ == "PROPN"), None)



def _misread_past(verb: Token) -> bool:
    """ "Macron called Scholz a coward and claimed …": a past tense the parser read as a participle
    describing the name before it. A name takes no reduced passive right after it with no comma and no
    agent ("Macron, called a coward by many" has both); an object or predicate says the verb acts."""
    name = verb.head
    return (name.pos_ == "PROPN" and name.dep_ in ("nsubj", "nsubjpass") and verb.i == name.i + 1
            and agent(verb) is None and any(c.dep_ in ("dobj", "oprd") for c in verb.children))


def _motion(trig: Trigger, words: list[Token | None]) -> Resolved | None:
    """An act on a motion ("backed the resolution") with nobody named is on the body it is put to,
    known once the article is read."""
    motion = next((w for w in words if w is not None and role_words().get(w.lemma_.lower()) == "motion"), None)
    if motion is None or trig.sense.event_type not in MOTION_TYPES:
        return None
    return Resolved(MOTION_BODY, "", f"'{motion.text}': a motion, put to the body this article names")


def _same_side(one: Actor, other: Actor) -> bool:
    return one.id == other.id or one.country != "" and one.country == other.country


def _same_word(one: Resolved, other: Resolved) -> bool:
    return one.head is not None and other.head is not None and one.head.i == other.head.i


def _ids(*actors: Resolved | None) -> set[str]:
    return {a.actor.id for a in actors if a is not None}
