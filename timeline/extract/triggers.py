"""Which words carry an event, and in which sense: verbs, nouns and adjectives of the trigger table
(data/triggers.csv, read by ontology.py), read in context.

A word's sense may come from its particle ("call up"), its preposition ("vote against") or its object
("send troops" is MOBILIZE, "send weapons" AID); a light verb carries its noun ("launched an attack"),
and a noun that a trigger verb takes is that verb's event. Some clauses hold no event of their own:
the content of a threat, demand, accusation or offer (the act is the event, what it is about is not),
the purpose of another event ("deployed troops to fight"), and habits ("rarely criticizes").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from timeline.extract import clauses
from timeline.extract.ontology import LIGHT, Sense, noun_sense, trigger_table, verb_sense

QUANTITIES = frozenset({"ten", "hundred", "thousand", "million", "dozen", "number", "score", "wave", "group",
                        "batch", "contingent", "unit", "campaign", "series", "barrage", "spate", "string", "volley"})


def quantified(obj: Token) -> Token:
    """'tens of thousands of troops' -> troops: the noun a quantity phrase counts; 'resuming a
    ceasefire' -> ceasefire: the noun a light verb's gerund carries."""
    if obj.tag_ == "VBG":
        rule = trigger_table().lookup(obj.lemma_, "verb", structural={"event"})
        inner = next((c for c in obj.children if c.dep_ == "dobj"), None)
        if rule is not None and rule.type == LIGHT and inner is not None:
            obj = inner
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


# The acts whose complement is what they are about, not a second event: "threatened to bomb",
# "urged Russia to withdraw", "accused Kyiv of starting the war", "offered to mediate".
CONTENT_TYPES = frozenset({"THREATEN", "REQUEST", "ACCUSE"})
CONTENT_MODES = frozenset({"offer", "halt"})
# Links from a word up to the act it may be the content of: complements ("threatened to bomb"),
# objects and their prepositions ("accused Kyiv of attacks", "condemned Russia's aggression"),
# clauses of a noun ("the demand that Russia withdraw"); conditions and purposes of that content
# belong to it too.
CONTENT_LINKS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "acl", "conj"})
# The prepositions that introduce what an act is about ("accused of", "threatened with", "called
# for", "a halt on"), not when or where it happened ("agreed in a phone call", "after talks").
CONTENT_PREPS = frozenset({"of", "for", "on", "with", "about", "over", "against"})
PURPOSE_LINKS = frozenset({"advcl", "acl"})
# "Partners should increase pressure", Zelensky said: an obligation voiced by a speaker is their
# demand (EVENTS-GUIDE: stated conditions are REQUEST); "we need to" is an intention, not a demand.
DEONTIC = "should"
FIRST_PERSON = frozenset({"we", "i", "us", "me"})
# Prepositions that take a verb's argument ("agreed to the truce"), not a time or a circumstance.
ARGUMENT_PREPS = CONTENT_PREPS | {"to", "into", "at", "from"}
# Prepositions whose object is a standing state, not a happening: "under Russian occupation".
STATE_PREPS = frozenset({"under"})


def find_triggers(sent: Span) -> list[Trigger]:
    """Every word of the sentence that carries an event of its own, with its sense."""
    found = {}
    for tok in sent:
        if tok.pos_ == "VERB" and tok.dep_ == "amod":
            trigger = None  # "an imprisoned American", "occupied territories": a state, not an act
        elif tok.pos_ == "VERB":
            trigger = verb_trigger(tok)
        elif tok.pos_ == "ADJ":
            trigger = adjective_trigger(tok)
        else:
            trigger = noun_trigger(tok)
        if tok.pos_ in ("VERB", "AUX") and _voiced_obligation(tok):
            trigger = Trigger(tok, Sense("REQUEST", DEONTIC))
        if trigger is not None:
            found[tok.i] = trigger
    return [t for t in found.values()
            if not clauses.habitual(t.token) and not _content(t.token, found) and not _purpose(t.token, found)
            and not (clauses.questioned(t.token) and t.sense.event_type != "REQUEST")]


def _content(tok: Token, found: dict[int, Trigger]) -> bool:
    """The word is what a threat, demand, accusation, offer or halt is about, or what a speculation,
    a possibility or a topic is about: not a happening of its own."""
    node = tok if tok.pos_ == "NOUN" else clauses.clause_verb(tok)
    table = trigger_table()
    while node.head.i != node.i:
        link = node.dep_
        if not (link in CONTENT_LINKS or link == "advcl" and (clauses.conditional(node) or _infinitive(node))):
            return False
        if link == "acl" and node.tag_ == "VBN":
            return False  # "demands rejected by Kyiv": a participle describes the noun, it is not its content
        if link == "pcomp" and node.head.lower_ == "with" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return False  # "passed, with France abstaining": a circumstance with its own actor, not content
        if link == "prep" and node.lower_ not in CONTENT_PREPS:
            return False
        node = node.head
        # "respecting the halt on strikes": the parser often hangs the noun's preposition on the verb
        candidates = [node] + ([c for c in node.children if c.dep_ == "dobj"] if link == "prep" and node.pos_ == "VERB" else [])
        for word in candidates:
            frame = found.get(word.i)
            if link != "conj" and frame is not None and frame.token.i != tok.i and (
                    frame.sense.event_type in CONTENT_TYPES or frame.sense.mode in CONTENT_MODES):
                return True
            if table.unreal(word.lemma_, "noun" if word.pos_ == "NOUN" else "verb"):
                return True
        frame = found.get(node.i)
        if frame is not None and link in ("dobj", "pobj") and frame.sense.event_type not in CONTENT_TYPES:
            return False  # the object of another act is that act's business, not content
    return False


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _purpose(tok: Token, found: dict[int, Trigger]) -> bool:
    """'deployed troops to fight', 'met to negotiate': the purpose of an event is part of it. The
    purpose of a word that is no event ('donned a uniform to visit') is the event."""
    if tok.pos_ != "VERB" or tok.dep_ not in PURPOSE_LINKS or not _infinitive(tok):
        return False
    governor = tok.head if tok.dep_ == "advcl" else clauses.clause_verb(tok.head)
    return governor.i in found


def _voiced_obligation(verb: Token) -> bool:
    """A main clause of obligation whose subject is not the speaker's side, in a sentence that
    reports speech (a quotation or a reporting verb)."""
    if not clauses.deontic(verb) or verb.dep_ in ("relcl", "acl") or clauses.conditional(verb):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in FIRST_PERSON:
        return False
    return clauses.speech_frame(verb) is not None or any(t.text in ('"', "“", "”") for t in verb.sent)


def quantified_object(verb: Token) -> Token | None:
    """The verb's object (the subject of a passive: 'troops were sent'; the noun a reduced passive
    describes: 'drones launched by Russia'), through quantities."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return quantified(verb.head)
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:  # "voted no": the parser makes the answer an adverb or an interjection
        obj = next((c for c in verb.children if c.pos_ == "INTJ" or c.dep_ == "advmod" and c.i == verb.i + 1), None)
    return quantified(obj) if obj is not None else None


def _particles(verb: Token) -> set[str]:
    """Phrasal particles: the parser's own, or a listed particle right after the verb that it took for
    a preposition ("backed out of the deal")."""
    found = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    after = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if after is not None and after.head.i == verb.i and after.lower_ in trigger_table().particles():
        found.add(after.lower_)
    return found


def _preps(tok: Token) -> dict[str, set[str]]:
    """Each preposition the word governs, with the lemmas of its objects ('lashed out at Kyiv':
    the particle's own preposition counts)."""
    preps: dict[str, set[str]] = {}
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        heads = [prep] + [c for c in prep.children if c.dep_ == "prep"]  # "out of", "out at"
        for p in heads:
            objects = [g for g in p.children if g.dep_ == "pobj"]
            if objects and all(g.ent_type_ in ("DATE", "TIME") for g in objects):
                continue  # "called on Tuesday": a time, not an argument
            preps.setdefault(p.lower_, set()).update(quantified(g).lemma_.lower() for g in objects)
    return preps


def _structural(verb: Token, obj: Token | None) -> set[str]:
    """The object classes read off the parse: event (an event noun, or an event verb's gerund: 'stop
    fighting'), object (any noun object), predicate ('called him a dictator', 'described it as'), naming
    ('what he called an exercise'), clause (a finite complement: 'accepted that it was'),
    praise (a predicate of praise: 'called it a crucial step'), infinitive (a complement with no
    subject of its own: 'hopes to meet'), control (an object and its infinitive: 'expects the US to
    ensure'), passive (a participle clause: 'asked about the report')."""
    found = set()
    if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON") and obj.tag_ not in ("WP", "WDT"):
        found.add("object")
    if obj is not None and noun_sense(obj.lemma_) is not None:
        found.add("event")
    predicates = []
    for c in verb.children:
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and not _infinitive(c) and any(
                g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            found.add("clause")  # "accepted (that) it was a war"
        if c.dep_ == "xcomp" and c.tag_ == "VBG" and verb_sense(c.lemma_) is not None:
            found.add("event")
        if c.dep_ == "oprd" or c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("NOUN", "PROPN", "ADJ"):
            predicates.append(c)
        if c.dep_ == "prep" and c.lower_ == "as":
            predicates += [g for g in c.children if g.dep_ == "pobj"]
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and _infinitive(c):
            own_subject = any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            if own_subject or obj is not None and obj.i < c.i:
                found.add("control")  # "expects the US to ensure", "warned Washington not to trust"
            elif c.dep_ == "xcomp":
                found.add("infinitive")
    if predicates and obj is not None and obj.tag_ in ("WP", "WDT"):
        found.add("naming")  # "what he called an exercise"
    elif predicates:
        found.add("predicate")
        praise = trigger_table().classes.get("praise", frozenset())
        if any(w.lemma_.lower() in praise for p in predicates for w in p.subtree):
            found.add("praise")
    if verb.tag_ == "VBN" and (verb.dep_ in ("advcl", "acl") or any(c.dep_ == "auxpass" for c in verb.children)):
        found.add("passive")
    return found


def verb_trigger(tok: Token) -> Trigger | None:
    obj = quantified_object(tok)
    rule = trigger_table().lookup(tok.lemma_, "verb", particles=_particles(tok), preps=_preps(tok),
                                  obj=obj.lemma_ if obj is not None else None, structural=_structural(tok, obj))
    if rule is None:
        return None
    if rule.type == LIGHT and obj is not None:
        carried = noun_sense(obj.lemma_)
        return Trigger(tok, carried, noun=obj) if carried is not None else None
    return Trigger(tok, rule.sense) if rule.sense is not None else None


def adjective_trigger(tok: Token) -> Trigger | None:
    """'angry with Kyiv', 'open to the proposal': adjectives that carry an act only with their preposition."""
    rule = trigger_table().lookup(tok.lemma_, "adj", preps=_preps(tok))
    return Trigger(tok, rule.sense) if rule is not None and rule.sense is not None else None


def has_own_agent(noun: Token) -> bool:
    """A nominal event that names who carries it out: 'a Ukrainian attack', 'Russia's offensive',
    'strikes by Russian drones'."""
    return any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by"
               or c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
               for c in noun.children)


def noun_trigger(tok: Token) -> Trigger | None:
    if tok.pos_ != "NOUN":
        return None
    infinitive = any(c.dep_ == "acl" and _infinitive(c) for c in tok.children)  # "his threat to impose"
    rule = trigger_table().lookup(tok.lemma_, "noun", preps=_preps(tok), structural={"infinitive"} if infinitive else ())
    if rule is None or rule.sense is None:
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ in STATE_PREPS:
        return None  # "areas under Russian occupation": a standing state
    # A noun that a trigger verb takes is that verb's event ("agreed to the truce"), unless it names
    # its own agent ("killed in a Ukrainian attack", "accepted the US proposal").
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ not in ARGUMENT_PREPS:
        pass  # "thanked Lukashenko after talks in Minsk": a happening of its own
    elif tok.dep_ in ("dobj", "pobj", "nsubjpass") and head.pos_ == "VERB" and _takes_event(head) and not has_own_agent(tok):
        return None
    return Trigger(tok, rule.sense)


def _takes_event(verb: Token) -> bool:
    """A verb that makes the event noun it takes its own: one with an event sense whatever it governs,
    or one whose sense here, read off what it governs, is an event ("replied with a flat no"; not
    "replied to the letter at a summit with Scholz", where the summit is a happening of its own)."""
    table = trigger_table()
    if any((r.sense is not None or r.type == LIGHT) and not (r.particle or r.prep or r.object)
           for r in table.rules(verb.lemma_, "verb")):
        return True
    return table.carries_events(verb.lemma_) and verb_trigger(verb) is not None
