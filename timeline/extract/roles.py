"""Who acted and who was acted on: actor1 and actor2 of a trigger, read from the parse.

actor1 is the subject (the agent in the passive, the subject of the governing clause when the clause
has none, the possessor or "by …" of a nominal event); actor2 the object, the partner after a
preposition, the one an object concerns, the subject of a requested clause, the author of what is
answered, or the state of a place hit (arguments.py finds the words; resolution.py says which actor
each names). Co-subjects and co-objects make one record per pair. The reader's memory of claims and
proposals runs across the sentences of one article; what a sentence leaves unnamed may come from the
rest of it (article_roles.py).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from timeline.extract import clauses
from timeline.extract.arguments import (
    OBJECT_DEPS, OBJECT_PREPS, RELATIVE_PRONOUNS, SUBJECTS, agent, answered_act, companions, conflict_agent, conjuncts,
    direct_targets, gerund_object, inner_targets, is_city, nearest_conjunct, parenthetical, past_dateline, place_name,
    place_words, prep_objects, reciprocal, talks_targets, theme,
)
from timeline.extract.actors import MentionIndex, default_table
from timeline.extract.geo import locate
from timeline.extract.kinds import default_kinds, role_words
from timeline.extract.ontology import trigger_table
from timeline.extract.resolution import PhraseResolver, ReaderState, Resolved
from timeline.extract.triggers import Trigger, verb_trigger
from timeline.schema import Actor

# Attacks and seizures hit a place: with no target named, its state is the one acted on.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE"})
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
DEMONSTRATIVES = frozenset({"that", "this"})
# A nominal act after these prepositions is the clause subject's own: "took part in the invasion",
# "responded with strikes".
TAKING_PART = frozenset({"in", "with"})


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


class Roles(PhraseResolver):
    """The actors of the triggers of one sentence (which actor each phrase names: PhraseResolver)."""

    def __init__(self, sent: Span, mentions: MentionIndex, quotes: list[tuple[int, int]], state: ReaderState):
        super().__init__(sent, mentions, state)
        self.quotes = quotes

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
