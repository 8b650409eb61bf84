"""Where an act's parties sit in the parse: objects, prepositions, lists, clauses, datelines, places.

Pure functions over spaCy tokens, used by roles.py to find the words that may name actor1 and
actor2; which actor a word names is roles.py's question.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from timeline.extract.clauses import clause_verb
from timeline.extract.geo import locate
from timeline.extract.kinds import role_words
from timeline.extract.ontology import noun_sense, trigger_table
from timeline.extract.triggers import Trigger, quantified, verb_trigger

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
PARTNER_PREPS = ("with", "to", "against", "on", "into", "at", "from", "toward", "towards", "for")
# Inside an object that names a thing, the one it is for or against: "aid to Kyiv", "sanctions on Russia",
# "talks with Zelensky", "missiles at Kyiv". ("from" there names an origin, not a target.)
OBJECT_PREPS = ("with", "to", "against", "on", "into", "at", "toward", "towards", "for")
OBJECT_DEPS = ("dobj", "dative", "pobj")
PLACE_PREPS = ("in", "at", "on", "into", "against", "near", "over", "of")
REGION_WORDS = frozenset({"region", "regions", "oblast", "province", "city", "port", "town", "village", "peninsula"})
DASHES = frozenset({"—", "–", "--", "-"})
MAX_DATELINE = 12  # tokens: "WASHINGTON, D.C. (AP) —"
# Acts whose target may be the subject of their clause: "urged Moscow to agree", "warned that Kyiv would pay".
CLAUSE_TARGET_TYPES = frozenset({"REQUEST", "THREATEN"})
# "agreed in a call with Trump", "agreed following talks with the US": the talks name the partner.
CIRCUMSTANCE_PREPS = ("in", "during", "after", "following", "at")
RECIPROCALS = frozenset({"each other", "one another"})
# Acts done with another ("a news conference alongside Scholz"); "fought alongside" is an ally.
JOINT_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
COMPANION_WORDS = frozenset({"along", "together"})
# "Chile joined Peru in condemning the coup": the one joined does it too.
JOINING_VERBS = frozenset({"join"})
# "joined Peru in condemning", "answered by firing rockets": a gerund after these is the verb's own act.
GERUND_PREPS = frozenset({"in", "by"})
RELATIVE_PRONOUNS = frozenset({"that", "who", "which", "whom"})


def agent(verb: Token) -> Token | None:
    """The agent of a passive: "annexed [by Russia]"."""
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def past_dateline(subj: Token) -> Token:
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


def parenthetical(word: Token) -> bool:
    """A common noun set off by dashes or commas on both sides ("Canada - until lately Mexico's
    closest partner - held talks"): an apposition the parser read as a second subject."""
    left, right = word.left_edge.i, word.right_edge.i
    doc = word.doc
    return word.pos_ == "NOUN" and 0 < left and right + 1 < len(doc) \
        and any(t.text in DASHES or t.text == "," for t in doc[max(0, left - 3):left]) \
        and (doc[right + 1].text in DASHES or doc[right + 1].text == ",")


def inner_targets(word: Token) -> Iterator[tuple[Token, str]]:
    """Inside an object that names no actor, the one it concerns: "aid [to Kyiv]", "drones
    [launched by Russia]", "partners, [including the US]"; the same for its coordinated objects."""
    if word.dep_ not in OBJECT_DEPS:
        return
    things = [word, *conjuncts(word)]
    things += [g for thing in things for g in prep_objects(thing, ("of",))]  # "the terms [of a proposal with …]"
    for thing in things:
        yield from ((g, f"the {thing.text} it concerns") for g in prep_objects(thing, OBJECT_PREPS + ("including",)))
        yield from ((g, f"whose {thing.text}") for c in thing.children if c.dep_ == "acl"
                    for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj")
        # "rejects his claims": whose claims
        yield from ((c, f"whose {thing.text}") for c in thing.children if c.dep_ == "poss" and c.pos_ == "PRON")


def is_city(name: str) -> bool:
    place = locate(name)
    return place is not None and place.kind == "city"


def place_words(trig: Trigger) -> Iterator[Token]:
    """Nouns that may name the place an act hit, nearest first: its object and the objects of its
    place prepositions, then what those contain ("a facility [in [Kharkiv]]", "the city [of Sumy]")."""
    noun = trig.token.pos_ == "NOUN"  # "the Kharkiv strike"
    level = [c for carrier in (trig.token, trig.noun) if carrier is not None for c in carrier.children
             if c.dep_ == "dobj" or noun and c.dep_ == "compound"] + [g for carrier in (trig.token, trig.noun) if carrier is not None
                                     for g in prep_objects(carrier, PLACE_PREPS)]
    for _ in range(3):
        yield from level
        level = [n for word in level for n in (*prep_objects(word, PLACE_PREPS),
                                                *(c for c in word.children if c.dep_ in ("appos", "conj")))]


def place_name(word: Token) -> str:
    """ "Sumy", "the Bryansk region" -> "Bryansk region"; "" when the word names no place."""
    names = [c for c in word.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < word.i]
    if word.pos_ == "PROPN" or word.ent_type_ in ("GPE", "LOC", "FAC"):
        start = names[0].i if names else word.i
    elif names and word.lower_ in REGION_WORDS:
        start = names[0].i
    else:
        return ""
    return word.doc[start:word.i + 1].text


def clause_subjects(verb: Token) -> Iterator[Token]:
    """The subject of a clause, also when the parser hangs it from an auxiliary ("that Kyiv had better move")."""
    for c in verb.children:
        if c.dep_ in SUBJECTS:
            yield c
        elif c.dep_ == "aux":
            yield from (s for s in c.children if s.dep_ in SUBJECTS)


def circumstances(tok: Token) -> Iterator[Token]:
    """The nouns of "in …", "after …", "following …" in the trigger's clause ("following" is also
    parsed as a verb taking an object)."""
    for word in own_clause(tok):
        yield from prep_objects(word, CIRCUMSTANCE_PREPS)
        for c in word.children:
            if c.lower_ == "following" and c.dep_ in ("acl", "advcl"):
                yield from (g for g in c.children if g.dep_ == "dobj")


def own_clause(tok: Token) -> Iterator[Token]:
    """The words of the trigger's clause and its infinitives, not of clauses embedded in it."""
    stack = [tok]
    while stack:
        word = stack.pop()
        yield word
        stack.extend(c for c in word.children if c.dep_ not in ("relcl", "ccomp", "advcl", "acl", "conj", "parataxis"))


def conflict_agent(word: Token) -> Token | None | bool:
    """For an object that is a hostile act ("the attack on Ukraine"): the word naming who did it
    ("Russia's attack"), or False when nobody is named; None when the object is no hostile act."""
    sense = noun_sense(word.lemma_) if word.pos_ == "NOUN" else None
    if sense is None or sense.quad_class < 3:
        return None
    return next((c for c in word.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.pos_ != "ADJ"
                 or c.dep_ == "amod" and c.text[:1].isupper()), False)


def conjuncts(word: Token) -> list[Token]:
    """The other members of the word's list, up to the one after "and"/"or": the parser also chains
    an apposition after the list ("Putin and Biden, the Kremlin's adviser Ushakov")."""
    items = sorted((word, *word.conjuncts), key=lambda t: t.i)
    marks = [c.i for t in items for c in t.children if c.dep_ == "cc"]
    if marks:
        after = [t.i for t in items if t.i > min(marks)]
        if after:
            items = [t for t in items if t.i <= after[0]]
    return [t for t in items if t.i != word.i]


def companions(word: Token) -> list[Token]:
    """Who acts with the word's actor: "voted against it, along with Cuba, Iran and Belarus",
    "Macron, together with Starmer, …": the first name of each such list; and the one joined in an
    act ("Chile joined Peru in condemning the coup": Peru)."""
    found = [g for c in word.children if c.dep_ in ("prep", "advmod") and c.lower_ in COMPANION_WORDS
             for g in prep_objects(c, ("with",))]
    if word.dep_ in ("pobj", "pcomp") and word.head.lower_ == "in" and word.head.head.lemma_ in JOINING_VERBS:
        found += [c for c in word.head.head.children if c.dep_ == "dobj"]
    return found


def prep_objects(word: Token, preps: tuple[str, ...]) -> Iterator[Token]:
    """The objects of the word's prepositions of the given kinds: "talks [with] [Kyiv]"."""
    for prep in word.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            yield from (g for g in prep.children if g.dep_ == "pobj")


def direct_targets(trig: Trigger) -> Iterator[tuple[Token, str]]:
    """Words that may name actor2, most direct first, each with how it was found (or "")."""
    tok = trig.token
    noun = tok.pos_ == "NOUN"
    yield from ((c, "") for c in tok.children
                if (c.dep_ in OBJECT_DEPS or noun and c.dep_ == "poss") and not theme(tok, c))
    # "called Scholz a coward" read with the name as the predicate: a name is who is called so
    yield from ((c, "") for c in tok.children if c.dep_ == "oprd" and c.pos_ == "PROPN")
    if tok.dep_ == "relcl" and not any(c.dep_ in ("dobj", "dative") for c in tok.children) and any(
            c.dep_ in SUBJECTS and c.lower_ not in RELATIVE_PRONOUNS for c in tok.children):
        yield tok.head, ""  # "a charge that Kyiv denied": what was denied is the charge
    for carrier in (tok, trig.noun):  # "held talks with Russia": the light verb's noun
        if carrier is not None:
            preps = PARTNER_PREPS + (("of",) if carrier.pos_ == "NOUN" else ()) \
                + (("alongside",) if trig.sense.event_type in JOINT_TYPES else ())  # "met alongside"
            yield from ((g, "") for g in prep_objects(carrier, preps))
            # "a meeting between Trump and Zelensky": the second party (the first acts)
            yield from ((c, "") for g in prep_objects(carrier, ("between",)) for c in conjuncts(g))
    if trig.sense.event_type in CLAUSE_TARGET_TYPES:  # "urged Moscow to agree", "warned that Kyiv would …"
        yield from ((s, "") for c in tok.children if c.dep_ in ("ccomp", "xcomp") for s in clause_subjects(c))


def answered_act(trig: Trigger) -> Iterator[tuple[Token, str]]:
    """ "Hamas conditioned the swap on a withdrawal, which Egypt dismissed": a rejection in a
    relative clause set off by a comma answers the verbal act of the clause before it, made by its subject."""
    tok = trig.token
    if trig.sense.event_type != "REJECT" or tok.dep_ != "relcl" or not any(
            c.lower_ == "which" and c.dep_ in OBJECT_DEPS and c.i > 0 and c.doc[c.i - 1].text == ","
            for c in tok.children):
        return
    verb = clause_verb(tok.head)
    while not _verbal_act(verb) and verb.dep_ in ("pcomp", "xcomp", "acl") and verb.head.i != verb.i:
        verb = clause_verb(verb.head)  # "conditioned its role in freeing them on …": the act above
    if _verbal_act(verb):  # a proposal, demand or claim, not an attack
        yield from ((s, f"who made the '{verb.text}' it answers") for s in clause_subjects(verb))


def _verbal_act(verb: Token) -> bool:
    act = verb_trigger(verb) if verb.pos_ == "VERB" else None
    return act is not None and act.sense.quad_class in (1, 3)


def talks_targets(trig: Trigger) -> Iterator[tuple[Token, str]]:
    """The party of the talks a verbal act of cooperation happened in ("agreed in a call with Trump"):
    after the act's own object and what it concerns ("support for Scholz after his meeting with
    Macron" is support for Scholz)."""
    if trig.sense.quad_class == 1:
        for talks in circumstances(trig.token):
            sense = noun_sense(talks.lemma_)
            if sense is not None and sense.event_type == "CONSULT":
                yield from ((g, f"in the {talks.text} with") for g in prep_objects(talks, ("with",)))


def theme(verb: Token, obj: Token) -> bool:
    """The object is what the act moves, not whom it acts on: a word of a theme class that gives the
    verb its sense ("sent an ambassador, X, to Washington", "fired missiles at Kyiv"; not "joined NATO")."""
    if obj.dep_ != "dobj" or verb.pos_ != "VERB":
        return False
    rule = trigger_table().lookup(verb.lemma_, "verb", obj=quantified(obj).lemma_)
    return rule is not None and role_words().get(rule.object) == "theme"


def reciprocal(tok: Token) -> bool:
    """ "accused each other", "agreed with one another"."""
    words = [c for c in tok.children if c.dep_ == "dobj"] + list(prep_objects(tok, PARTNER_PREPS))
    return any(f"{w.doc[w.i - 1].lower_} {w.lower_}" in RECIPROCALS for w in words if w.i > 0)


def gerund_object(word: Token) -> bool:
    """ "joined Peru in condemning the coup": a gerund the parser reads as a preposition's object
    is a clause of the verb the preposition hangs on."""
    return word.dep_ == "pobj" and word.tag_ == "VBG" and word.head.lower_ in GERUND_PREPS \
        and word.head.dep_ == "prep" and word.head.head.pos_ == "VERB"


def nearest_conjunct(verb: Token) -> Token:
    """The verb a conjunct with no subject shares one with: the parser hangs every conjunct on the
    first, but in "delegates supported it, Belgium did not abstain but opposed it" the one who opposed
    it is the subject of the nearest conjunct before it that has one."""
    before = [c for c in verb.head.children if c.dep_ == "conj" and c.i < verb.i
              and any(g.dep_ in SUBJECTS for g in c.children)]
    return before[-1] if before else verb.head
