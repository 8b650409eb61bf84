"""Which words carry an event, and in which sense: verbs and nouns of the ontology, read in context.

A verb's sense may come from its object ("send troops" is MOBILIZE, "send weapons" AID), a light verb
carries its noun ("launched an attack"), and a noun that a trigger verb takes is that verb's event.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from timeline.extract.ontology import LIGHT, Sense, noun_sense, trigger_table

QUANTITIES = frozenset({"ten", "hundred", "thousand", "million", "dozen", "number", "score", "wave", "group",
                        "batch", "contingent", "unit"})


def quantified(obj: Token) -> Token:
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


def find_triggers(sent: Span) -> list[Trigger]:
    """Every word of the sentence that carries an event, with its sense."""
    found = []
    for tok in sent:
        trigger = verb_trigger(tok) if tok.pos_ == "VERB" else noun_trigger(tok)
        if trigger is not None:
            found.append(trigger)
    return found


def _object(verb: Token) -> Token | None:
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return quantified(obj) if obj is not None else None


def _particles(verb: Token) -> set[str]:
    """Phrasal particles: the parser's own, or a listed particle right after the verb that it took for
    a preposition ("backed out of the deal")."""
    found = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    after = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if after is not None and after.head.i == verb.i and after.lower_ in trigger_table().particles():
        found.add(after.lower_)
    return found


def _preps(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ == "prep"}


def _structural(verb: Token, obj: Token | None) -> set[str]:
    found = set()
    if obj is not None and noun_sense(obj.lemma_) is not None:
        found.add("event")
    if any(c.dep_ == "oprd" or c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("NOUN", "PROPN", "ADJ")
           for c in verb.children):
        found.add("predicate")
    return found


def verb_trigger(tok: Token) -> Trigger | None:
    obj = _object(tok)
    rule = trigger_table().lookup(tok.lemma_, "verb", particles=_particles(tok), preps=_preps(tok),
                                  obj=obj.lemma_ if obj is not None else None, structural=_structural(tok, obj))
    if rule is None:
        return None
    if rule.type == LIGHT and obj is not None:
        carried = noun_sense(obj.lemma_)
        return Trigger(tok, carried, noun=obj) if carried is not None else None
    return Trigger(tok, rule.sense) if rule.sense is not None else None


def noun_trigger(tok: Token) -> Trigger | None:
    if tok.pos_ != "NOUN":
        return None
    rule = trigger_table().lookup(tok.lemma_, "noun", preps=_preps(tok))
    if rule is None or rule.sense is None:
        return None
    # A noun that a trigger verb takes is that verb's event ("agreed to the truce").
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    if tok.dep_ in ("dobj", "pobj", "nsubjpass") and head.pos_ == "VERB" and trigger_table().carries_events(head.lemma_):
        return None
    return Trigger(tok, rule.sense)
