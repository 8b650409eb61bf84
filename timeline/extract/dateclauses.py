"""Whose time a word of a sentence shares, read off the parse: a participle or an infinitive that
completes a noun shares its clause's time; what a text says in a relative clause is said when the text
is acted on; a dated verb dates the happening its subject names; a date that measures a comparison, or a
subordinate clause's date, is not the event's.
"""
from __future__ import annotations

from spacy.tokens import Token

from timeline.extract import clauses
from timeline.extract.ontology import SPEECH_VERBS, trigger_table

# Prepositions by which a dated noun is the occasion of the verb it hangs from ("said in Tuesday's statement").
OCCASION_PREPS = frozenset({"in", "during", "at"})
# "the biggest invasion since 1945", "the first such vote in a decade": a comparison, not a date.
COMPARATIVES = frozenset({"first", "last", "only", "next"})


def participle(trigger: Token) -> Token | None:
    """The participle (or infinitive) a trigger's clause is when it describes a noun without a relative
    pronoun ("a resolution calling for peace", "drones launched by Russia", "its readiness to talk", and
    an infinitive the parser reads as a relative clause: "the first leader to visit"): told as part of
    the clause that has the noun, it shares that clause's time. None for a full relative clause ("the
    plan that Ukraine backed"), which is background."""
    node = trigger
    while node.head.i != node.i and node.dep_ not in ("relcl", "acl"):
        node = node.head
    subject_or_mark = any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in node.children)
    # "voiced its readiness to sign while warning the rebels": an infinitive completes its noun, told
    # in the past (not "has been following the order to halt strikes": the order is older)
    infinitive = node.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) \
        and clauses.tense_of(clauses.clause_verb(node.head)) in clauses.PAST
    # "the first European leader to visit Beijing": an infinitive the parser takes for a relative clause
    return node if (node.dep_ == "acl" and (node.tag_ in ("VBG", "VBN") or infinitive)
                    or node.dep_ == "relcl" and infinitive) and not subject_or_mark else None


def narrated(trigger: Token) -> bool:
    """Whether the trigger's clause tells its happening, so the clause's time is its time. A noun's
    happening has that time only as the subject of an event verb ("contacts continue") or as what a
    copula predicates ("we are in favour"); "Putin said the invasion was a crime", "following Russia's
    invasion" do not date the invasion."""
    if trigger.pos_ != "NOUN":
        return True
    if trigger.dep_ == "pobj" and trigger.head.lower_ in OCCASION_PREPS and trigger.head.head.lemma_ in SPEECH_VERBS:
        return True  # "Speaking at a meeting with the alliance's chief, he said": the speech's occasion
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        return trigger.head.lemma_ != "be"
    # "was a member of the delegation during the talks": a time the copula's clause is set in, not what
    # it predicates
    return trigger.dep_ == "attr" or (trigger.dep_ == "pobj" and trigger.head.head.lemma_ == "be"
                                      and trigger.head.lower_ not in clauses.PRESUPPOSING)


def acted_on(trigger: Token) -> Token | None:
    """The verb that acts on a text whose content the trigger's relative clause tells in the present
    ("rejected a draft that demands a pause in the shelling": rejected), or None."""
    clause = next((n for n in [trigger, *trigger.ancestors] if n.dep_ == "relcl"), None)
    text = clause.head if clause is not None else None
    if text is None or text.lemma_.lower() not in trigger_table().classes.get("text", ()) \
            or clauses.finite_tense(clause) != "present" or text.dep_ not in ("dobj", "pobj", "nsubjpass"):
        return None
    verb = clauses.clause_verb(text)
    return verb if verb.pos_ == "VERB" and verb.i != clause.i else None


def told_of(anchor: Token) -> list[Token]:
    """The words a date anchored on a word dates: the word, and for a verb the happening its subject
    names ("the summit ended in a row on Tuesday": the summit was on Tuesday)."""
    return [anchor] + [c for c in anchor.children if anchor.pos_ in ("VERB", "AUX")
                       and c.dep_ in ("nsubj", "nsubjpass") and names_happening(c)]


def names_happening(noun: Token) -> bool:
    """A noun with an event sense of its own ('the summit', 'the talks'), not a party or a thing
    ('the government', 'the plan's authors'): only such a noun is a happening a date can be told of."""
    return noun.pos_ == "NOUN" and trigger_table().plain_sense(noun.lemma_, "noun") is not None


def compared(root: Token) -> Token | None:
    """'the biggest invasion since 1945', 'launched its largest attack since 2022': the superlative or
    ordinal noun a date measures, hung on the noun or on the verb that takes it."""
    prep = root.head
    if prep.dep_ != "prep" or prep.lower_ not in ("since", "in", "for"):
        return None
    head = prep.head
    nouns = [head] if head.pos_ == "NOUN" else [c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    return next((n for n in nouns if any(c.tag_ in ("JJS", "RBS") or c.lower_ in COMPARATIVES for c in n.children)),
                None)


def subordinate(token: Token) -> bool:
    """Inside a relative clause, or a clause ordered before or after another."""
    node = token
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl") or clauses.ordered(node):
            return True
        node = node.head
    return False
