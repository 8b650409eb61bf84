"""Which words carry an event, and in which sense: verbs and nouns of the ontology, read in context.

A verb's sense may come from its object ("send troops" is MOBILIZE, "send weapons" AID), a light verb
carries its noun ("launched an attack"), and a noun that a trigger verb takes is that verb's event.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from timeline.extract.ontology import LIGHT_VERBS, SPEECH_VERBS, Sense, noun_sense, object_type, verb_sense

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


def verb_trigger(tok: Token) -> Trigger | None:
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
        obj = quantified(obj)
        by_object = object_type(tok.lemma_, obj.lemma_)
        if by_object is not None:
            return Trigger(tok, by_object)
        carried = noun_sense(obj.lemma_)
        if sense is None and tok.lemma_ in LIGHT_VERBS and carried is not None:
            return Trigger(tok, carried, noun=obj)
    if tok.lemma_ == "announce":
        return None
    return Trigger(tok, sense) if sense is not None else None


def noun_trigger(tok: Token) -> Trigger | None:
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
