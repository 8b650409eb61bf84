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
from timeline.extract.kinds import role_words
from timeline.extract.ontology import LIGHT, PREDICATE_LISTS, Sense, noun_sense, trigger_table, verb_sense

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
# Prepositions by which a topic word leads to what it is about ("the path to peace"), besides CONTENT_PREPS.
TOPIC_PREPS = frozenset({"to", "toward", "towards"})
PURPOSE_LINKS = frozenset({"advcl", "acl"})
# "Partners should increase pressure", Zelensky said: an obligation voiced by a speaker is their
# demand (EVENTS-GUIDE: stated conditions are REQUEST); "we need to" is an intention, not a demand.
DEONTIC = "should"
FIRST_PERSON = frozenset({"we", "i", "us", "me"})
# Prepositions that take a verb's argument ("agreed to the truce"), not a time or a circumstance.
ARGUMENT_PREPS = CONTENT_PREPS | {"to", "into", "at", "from"}
# The class of data/trigger_objects.csv that names armed and political parties ("rebels", "militias").
PARTY = "party"
# The class of data/trigger_objects.csv whose words make what they are equated with speculation.
SPECULATION = "speculation"
# Modifiers that make an attack's noun one of words: "a scathing attack at the summit".
VERBAL = frozenset({"verbal", "humiliating", "personal", "scathing", "blistering", "withering", "rhetorical",
                    "vitriolic", "stinging", "furious", "angry"})
# Acts of force that a manner adverb can make a figure of speech ("crush them politically").
PHYSICAL_TYPES = frozenset({"ASSAULT", "COERCE"})
# data/role_words.csv: nouns whose possessor is the one acted on ("his release", "her arrest").
UNDERGOER, THEME = "undergoer", "theme"
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
            if trigger is not None and trigger.sense.event_type == "SUPPORT" and _patronage(tok):
                trigger = None
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
            and not (clauses.questioned(t.token) and t.sense.event_type != "REQUEST")
            and not (t.sense.event_type in PHYSICAL_TYPES and clauses.figurative(t.token)) and not _in_theory(t.token)]


def _patronage(verb: Token) -> bool:
    """ "militias backed by Tehran", "separatists supported by their patron": a participle that says who
    stands behind a party is a standing relation, not an act of support."""
    parties = trigger_table().classes.get(PARTY, frozenset())
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.lemma_.lower() in parties


def _content(tok: Token, found: dict[int, Trigger]) -> bool:
    """The word is what a threat, demand, accusation, offer or halt is about, or what a speculation,
    a possibility or a topic is about: not a happening of its own."""
    node = tok if tok.pos_ == "NOUN" else clauses.clause_verb(tok)
    own, table = node, trigger_table()
    while node.head.i != node.i:
        link = node.dep_
        if link == "relcl" and not _infinitive(node):
            # "there are issues we must still discuss with Armenia": a topic's clause of what is yet to be done
            return table.unreal(node.head.lemma_, "noun") and clauses.context_of(tok)[0] in ("future", "hypothetical")
        # "the best way for NATO to end the blockade": an infinitive relative clause says what the noun is for
        if not (link in CONTENT_LINKS or link == "advcl" and (clauses.conditional(node) or _infinitive(node))
                or link == "relcl"):
            return False
        if _infinitive(node) and _excessive(node.head):
            return True  # "it is too early for the EU to lift the embargo": not done
        if link == "acl" and node.tag_ == "VBN":
            return False  # "demands rejected by Kyiv": a participle describes the noun, it is not its content
        if link == "pcomp" and node.head.lower_ == "with" and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            return False  # "passed, with France abstaining": a circumstance with its own actor, not content
        if link == "prep" and node.lower_ not in CONTENT_PREPS:
            # "the path to peace", "the challenges to negotiating a truce": what a topic word leads to is no
            # happening either (the parser may hang its preposition on the verb); not "a challenge to
            # troops attacking", where the act only describes what follows the preposition
            return node.lower_ in TOPIC_PREPS and own.head.i == node.i \
                and any(table.unreal(w.lemma_, "noun") for w in _with_objects(node.head))
        node = node.head
        # "respecting the halt on strikes": the parser often hangs the noun's preposition on the verb
        candidates = _with_objects(node) if link == "prep" else [node]
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


def _in_theory(tok: Token) -> bool:
    """ "The worry is that the army could regroup … and try to seize the port": everything in the clause a
    word of speculation is equated with is speculation (not "the other option is that we ban …": a proposal)."""
    words = trigger_table().classes.get(SPECULATION, frozenset())
    return any(a.dep_ == "ccomp" and a.head.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in words for c in a.head.children) for a in (tok, *tok.ancestors))


def _excessive(word: Token) -> bool:
    """ "too early", "too weak": a degree that rules out the infinitive it governs."""
    return any(c.dep_ in ("acomp", "advmod") and any(g.lower_ == "too" for g in c.children) for c in word.children)


def _with_objects(word: Token) -> list[Token]:
    """The word, and a verb's direct objects, which often own the preposition the parser gave the verb."""
    return [word] + ([c for c in word.children if c.dep_ == "dobj"] if word.pos_ == "VERB" else [])


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
    fighting'), act (that gerund: 'supports holding new talks'), object (any noun object), predicate
    ('called him a dictator', 'described it as', 'made the truce conditional'), naming ('what he called an
    exercise'), clause (a finite complement: 'accepted that it was'), praise (a predicate of praise:
    'called it a crucial step'), condition (a predicate that sets a condition: 'made it conditional on'),
    infinitive (a complement with no subject of its own: 'hopes to meet'), control (an object and its
    infinitive: 'expects the US to ensure'), passive (a participle clause: 'asked about the report')."""
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
        carried = quantified(c) if c.dep_ == "xcomp" and c.tag_ == "VBG" else c  # "holding talks"
        if c.dep_ == "xcomp" and c.tag_ == "VBG" and (
                verb_sense(c.lemma_) is not None or carried is not c and noun_sense(carried.lemma_) is not None):
            found |= {"event", "act"}  # "stop fighting", "supports holding new talks"
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
    if obj is not None:  # "made the truce conditional on": an adjective after the object is its predicate
        predicates += [c for c in obj.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i > obj.i]
    if predicates and obj is not None and obj.tag_ in ("WP", "WDT"):
        found.add("naming")  # "what he called an exercise"
    elif predicates:
        found.add("predicate")
        for name in PREDICATE_LISTS:
            words = trigger_table().classes.get(name, frozenset())
            if any(w.lemma_.lower() in words for p in predicates for w in p.subtree):
                found.add(name)
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
        return Trigger(tok, _in_words(obj, carried), noun=obj) if carried is not None else None
    return Trigger(tok, rule.sense) if rule.sense is not None else None


def _in_words(noun: Token, sense: Sense) -> Sense:
    """ "a scathing attack on the minister", "launched a personal attack": words, not force."""
    if sense.event_type == "ASSAULT" and any(c.dep_ == "amod" and c.lower_ in VERBAL for c in noun.children):
        return Sense("ACCUSE")
    return sense


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


def _undergone(noun: Token) -> bool:
    """ "pleaded for her release": the possessor of an act done to people is the one it is done to, so with
    no 'by' agent (and no 'of' object that would make the possessor the agent) nobody is named as acting."""
    if role_words().get(noun.lemma_.lower()) != UNDERGOER or not any(c.dep_ == "poss" for c in noun.children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ in ("of", "by") for c in noun.children)


def _described_act(noun: Token) -> bool:
    """ "the aid pledged by Berlin": the act a reduced passive with its agent tells is the event, the
    noun (what an act moves: a theme class of data/role_words.csv) is its object."""
    table = trigger_table()
    if not any(noun.lemma_.lower() in table.classes.get(c, ()) for c, role in role_words().items() if role == THEME):
        return False
    return any(c.dep_ == "acl" and c.tag_ == "VBN" and table.carries_events(c.lemma_)
               and any(g.dep_ == "agent" for g in c.children) for c in noun.children)


def _gerund_object(noun: Token, sense: Sense) -> bool:
    """ "on Sweden lifting the embargo": a gerund after its subject's name, which the parser took for the noun's
    adjective, acts on it, so the noun is that act's object (not "Belarus's threatening deployment"; an act of
    the noun's own type, 'continuing attacks', stays one happening)."""
    return any(c.dep_ == "amod" and c.tag_ == "VBG" and c.i > 0 and c.doc[c.i - 1].pos_ == "PROPN"
               and (verb_sense(c.lemma_) or sense).event_type != sense.event_type for c in noun.children)


def noun_trigger(tok: Token) -> Trigger | None:
    if tok.pos_ != "NOUN":
        return None
    infinitive = any(c.dep_ == "acl" and _infinitive(c) for c in tok.children)  # "his threat to impose"
    rule = trigger_table().lookup(tok.lemma_, "noun", preps=_preps(tok), structural={"infinitive"} if infinitive else ())
    if rule is None or rule.sense is None:
        return None
    if tok.dep_ == "pobj" and tok.head.lower_ in STATE_PREPS:
        return None  # "areas under Russian occupation": a standing state
    if _undergone(tok) or _described_act(tok) or _gerund_object(tok, rule.sense) or clauses.standing_or_possible(tok):
        return None
    # A noun that a trigger verb takes is that verb's event ("agreed to the truce"), unless it names
    # its own agent ("killed in a Ukrainian attack", "accepted the US proposal").
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ not in ARGUMENT_PREPS:
        pass  # "thanked Lukashenko after talks in Minsk": a happening of its own
    elif tok.dep_ in ("dobj", "pobj", "nsubjpass") and head.pos_ == "VERB" and _takes_event(head) and not has_own_agent(tok):
        return None
    return Trigger(tok, _in_words(tok, rule.sense))


def _takes_event(verb: Token) -> bool:
    """A verb that makes the event noun it takes its own: one with an event sense whatever it governs,
    or one whose sense here, read off what it governs, is an event ("replied with a flat no"; not
    "replied to the letter at a summit with Scholz", where the summit is a happening of its own)."""
    table = trigger_table()
    if any((r.sense is not None or r.type == LIGHT) and not (r.particle or r.prep or r.object)
           for r in table.rules(verb.lemma_, "verb")):
        return True
    return table.carries_events(verb.lemma_) and verb_trigger(verb) is not None
