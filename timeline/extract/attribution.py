"""Who says so: whether an event is the outlet's own report, a party's claim, a party's denial, or both.

Reporting frames are read off the parse, walking up from the trigger: "X said (that) …", "X claimed
to have …", "X accused Y of V-ing", "according to X", "reportedly", "amid reports that …", and denials
"X denied V-ing / that …", "X dismissed the allegations", "…, a claim X called absurd". The words are
data (data/attribution.csv); the party is resolved like any actor (the actor table, pronouns from the
reader's memory), else kept as the text's words ("regional officials"), else unnamed.

A party's own statement that is itself the act (Putin saying Russia agrees, a ministry announcing
its plans) stays ``reported``; its own account of a past material act ("the ministry said its forces
took the village") is ``claimed``; saying it did not do a material act is ``denied``. A background
event named in passing ("since Russia's 2022 invasion") is nobody's claim.

Across sentences, claims and denials are joined up by ``timeline.extract.disputes``.
"""
from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from timeline.extract.actors import default_table
from timeline.extract.clauses import FUTURE_FRAMES, PRESUPPOSING, clause_verb
from timeline.extract.resolution import Resolved
from timeline.schema import Actor

ATTRIBUTION_CSV = Path(__file__).resolve().parents[2] / "data" / "attribution.csv"
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# What a reporting verb reports: its clause, its infinitive, an appended "…, officials said", an
# event noun it reports ("reported new drone attacks"), the subject of its passive.
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "dobj", "nsubjpass"})
# "accused Kyiv OF attacking", "blamed Russia FOR shelling": the content sits behind a preposition.
CONTENT_PREPS = frozenset({"of", "for"})
# Verbs whose object is who is accused, not what is reported.
OBJECT_IS_TARGET = frozenset({"accuse", "blame", "suspect", "tell"})
# How a claim noun holds what is claimed: "reports that X", "claims of X".
NOUN_CONTENT_DEPS = frozenset({"acl", "ccomp", "relcl", "prep", "appos"})
APPOSITIVE = frozenset({"appos", "npadvmod"})
MATERIAL = frozenset({2, 4})
PRESUPPOSING_MARKS = frozenset({"after", "before", "since", "when", "while", "as", "because", "once", "until"})
UNNAMED = ""


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, frozenset[str]]:
    """data/attribution.csv as {kind: words}."""
    kinds: dict[str, set[str]] = {}
    with ATTRIBUTION_CSV.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            kinds.setdefault(row["kind"].strip(), set()).add(row["word"].strip().lower())
    return {kind: frozenset(words) for kind, words in kinds.items()}


def is_word(token: Token, kind: str) -> bool:
    return token.lemma_.lower() in vocabulary().get(kind, ()) or token.lower_ in vocabulary().get(kind, ())


@dataclass(frozen=True)
class Party:
    """Who makes a claim or a denial: an actor (with its country, to tell sides apart) or words."""

    name: str
    actor_id: str = ""
    country: str = ""
    media: bool = False  # a news outlet reports what others do; it never speaks for them

    @classmethod
    def of(cls, actor: Actor, *, media: bool = False) -> Party:
        return cls(actor.name, actor.id, actor.country, media)

    def same_side(self, actor_id: str, country: str) -> bool:
        return not self.media and bool(self.actor_id) and (
            self.actor_id == actor_id or (bool(self.country) and self.country == country))


# Resolves the head of a noun phrase to an actor, as the extractor resolves subjects.
Resolver = Callable[[Token], Resolved | None]


@dataclass(frozen=True)
class Frame:
    kind: str  # claim | deny | announce
    party: Party | None  # None: nobody named
    word: str  # the words that frame it, for the reason

    def who(self) -> str:
        return self.party.name if self.party else UNNAMED


@dataclass(frozen=True)
class Attribution:
    attribution: str = "reported"
    claimed_by: str = ""
    denied_by: str = ""
    why: str = ""

    def fields(self) -> dict[str, str]:
        return {"attribution": self.attribution, "claimed_by": self.claimed_by, "denied_by": self.denied_by}


def _party(head: Token | None, resolve: Resolver) -> Party | None:
    """The party a noun phrase names: a resolved actor, else its own words; None for nobody. An
    institution of a known state speaks for it ("Ukraine's General Staff" is Ukraine)."""
    if head is None:
        return None
    phrase = head.doc[head.left_edge.i:head.i + 1]
    if any(is_word(t, "media_noun") for t in phrase):
        return _outlet(phrase, resolve)
    found = resolve(head)
    actor = found.actor if found is not None else None
    if actor is None or (actor.provisional and actor.kind != "person"):  # a named person keeps their name
        inside = (default_table().lookup(t.text) for t in phrase[:-1] if t.pos_ in ("PROPN", "ADJ"))
        actor = next((a for a in inside if a is not None), actor)
    if actor is None:
        actor = next((r.actor for r in (resolve(c) for c in head.children if c.dep_ == "appos") if r is not None), None)
    if actor is not None:
        return Party.of(actor)
    if head.pos_ == "PRON":
        return None
    words = [t.text for t in phrase if t.dep_ not in ("det", "punct", "case")]
    return Party(" ".join(words)) if words else None


def _outlet(phrase: Span, resolve: Resolver) -> Party:
    """A news outlet as a claimant: its own name ("CCTV", "Tass") where the phrase gives one, else
    the state it belongs to ("North Korea's state news agency"), else the words."""
    named = [r.actor for r in map(resolve, (t for t in phrase if t.pos_ == "PROPN")) if r is not None]
    own = next((a for a in named if a.provisional), None) or next(iter(named), None)
    if own is not None:
        return Party.of(own, media=True)
    return Party(" ".join(t.text for t in phrase if t.dep_ not in ("det", "punct", "case")), media=True)


def speaker_of(verb: Token, resolve: Resolver) -> Party | None:
    """The subject of a reporting verb, or the agent of its passive ("was reported by X"); a verb
    without one takes the subject of the clause it hangs from ("denied …, saying that …")."""
    node = verb
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and not any(c.dep_ in SUBJECTS for c in verb.children):
        node = verb.sent.root  # "…, saying that …" speaks for the sentence's main subject
    while True:
        subj = next((c for c in node.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            if subj.dep_ == "nsubjpass":
                agent = next((g for c in node.children if c.dep_ == "agent" for g in c.children
                              if g.dep_ == "pobj"), None)
                return _party(agent, resolve)
            if subj.dep_ == "expl":
                return None
            party = _party(subj, resolve)
            # A subject borrowed from another clause is trusted only when it names an actor: a
            # misparse hangs "… and accused Kyiv" on a clause whose subject is "the ceasefire".
            return party if node is verb or node is verb.sent.root or (party is not None and party.actor_id) else None
        if node.dep_ not in ("xcomp", "advcl", "conj", "relcl", "acl") or node.head.i == node.i:
            return None
        node = node.head


def noun_owner(noun: Token, resolve: Resolver) -> Party | None:
    """Whose claim a claim noun is: "Moscow's accusations", "the Kremlin claims", "Russian claims",
    "claims by officials"."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod"):
            found = resolve(child)
            if found is not None:
                return Party.of(found.actor)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return _party(obj, resolve)
    return None


def _calls_false(verb: Token) -> bool:
    """'called the claim absurd', 'dismissed the report as groundless'."""
    for child in verb.children:
        if child.dep_ in ("oprd", "xcomp", "acomp", "attr", "ccomp") and (is_word(child, "false_word") or any(
                is_word(g, "false_word") for g in child.subtree)):
            return True
        if child.dep_ == "prep" and child.lower_ == "as" and any(is_word(g, "false_word") for g in child.subtree):
            return True
    return False


def denies(verb: Token) -> bool:
    """A verb that, on a claim, denies it: deny-type verbs, 'dismiss/reject', 'call … absurd'."""
    return is_word(verb, "deny_verb") or is_word(verb, "dismiss_verb") or (is_word(verb, "naming_verb") and _calls_false(verb))


def _appositive_denial(noun: Token, resolve: Resolver) -> Frame | None:
    """'…, a claim Peskov called "absurd"', '…, a charge that Ukraine denied': a claim noun set after
    a clause, with a denial in its relative clause."""
    if not is_word(noun, "claim_noun") or noun.dep_ not in APPOSITIVE:
        return None
    for rel in (c for c in noun.children if c.dep_ in ("relcl", "acl")):
        if denies(rel):
            return Frame("deny", speaker_of(rel, resolve), rel.text)
    return None


def _frame_at(node: Token, child: Token, resolve: Resolver) -> Frame | None:
    """The frame ``node`` puts around ``child`` (the step of the walk just below it), if any."""
    dep = child.dep_
    if node.pos_ in ("VERB", "AUX") or node.tag_.startswith("VB"):
        if is_word(node, "deny_verb") and (dep in CONTENT_DEPS or dep == "prep"):
            return Frame("deny", speaker_of(node, resolve), node.text)
        if is_word(node, "dismiss_verb") and ((dep in ("dobj", "nsubjpass") and is_word(child, "claim_noun")) or dep == "ccomp"):
            return Frame("deny", speaker_of(node, resolve), node.text)
        if is_word(node, "naming_verb") and dep in ("dobj", "nsubjpass") and is_word(child, "claim_noun") and _calls_false(node):
            return Frame("deny", speaker_of(node, resolve), node.text)
        kind = "announce" if is_word(node, "announce_verb") else "claim" if is_word(node, "claim_verb") else None
        if kind is None:
            return None
        target_object = node.lemma_.lower() in OBJECT_IS_TARGET
        if dep in CONTENT_DEPS and not (dep == "dobj" and target_object) or (
                dep == "prep" and child.lower_ in CONTENT_PREPS and target_object):
            return Frame(kind, speaker_of(node, resolve), node.text)
        return None
    if is_word(node, "claim_noun") and dep in NOUN_CONTENT_DEPS:
        return Frame("claim", noun_owner(node, resolve), node.text)
    return None


def _marks(node: Token, resolve: Resolver) -> list[Frame]:
    """Frames a clause carries on itself: 'reportedly', 'according to X'."""
    found = []
    for child in node.children:
        if child.dep_ == "advmod" and is_word(child, "hedge"):
            found.append(Frame("claim", None, child.text))
        elif child.dep_ == "prep" and child.lower_ == "according":
            obj = next((g for to in child.children if to.lower_ == "to" for g in to.children if g.dep_ == "pobj"), None)
            found.append(Frame("claim", _party(obj, resolve), "according to"))
    return found


def _presupposed(node: Token, child: Token) -> bool:
    """What "after …", "since …", "despite …", "when …" introduce is taken as given, not asserted by
    whoever the sentence quotes ("said relations can be repaired after Trump shouted at him")."""
    if child.dep_ == "pobj" and node.lower_ in PRESUPPOSING:
        return True
    # the subordinator opens the clause, wherever the parser hangs it ("when Putin agreed to halt")
    return child.dep_ in ("advcl", "relcl") and child.left_edge.lower_ in PRESUPPOSING_MARKS


def _someone_elses_wish(node: Token, actor_id: str, resolve: Resolver) -> bool:
    """'Trump hoped Russia would agree', 'urged Kyiv to withdraw': a wish or a demand by another party
    about the event, not a claim that it happened."""
    if node.lemma_.lower() not in FUTURE_FRAMES:
        return False
    subj = next((c for c in node.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is None:
        return False  # "plans to attack": the plan of whoever attacks
    found = resolve(subj)
    return found is None or found.actor.id != actor_id


def _appended_report(trigger: Token, resolve: Resolver) -> Frame | None:
    """'…, North Korea's state news agency reported.' parsed as a conjunct or a relative clause
    rather than as the verb governing the sentence: a reporting verb with nothing to report of its
    own, after the trigger and after a comma, frames what comes before it."""
    for verb in trigger.sent:
        if verb.i <= trigger.i or verb.pos_ != "VERB" or not is_word(verb, "claim_verb") \
                or verb.dep_ not in ("conj", "relcl", "parataxis", "advcl"):
            continue
        if any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children) or trigger in verb.subtree:
            continue
        comma = next((t for t in reversed(verb.doc[trigger.i + 1:verb.i]) if t.text == "," or t.pos_ == "VERB"), None)
        if comma is not None and comma.text == ",":
            return Frame("claim", speaker_of(verb, resolve), verb.text)
    return None


def frames(trigger: Token, resolve: Resolver, actor_id: str = "") -> list[Frame]:
    """Every frame around a trigger, innermost first: its own marks, then each reporting verb, claim
    noun or denial met walking up the parse (up to what the sentence presupposes or another party
    wishes); an appositive denial of a claim follows that claim."""
    found = _marks(trigger, resolve)
    child, node = trigger, trigger
    while node.head.i != node.i:
        child, node = node, node.head
        if _presupposed(node, child) or (not found and _someone_elses_wish(node, actor_id, resolve)):
            return found
        if is_word(node, "claim_noun") and child.dep_ in ("relcl", "acl") and denies(child):
            return found  # the denial itself ("a claim Peskov called absurd"): the denier's own act
        frame = _frame_at(node, child, resolve)
        if frame is not None:
            found.append(frame)
            if frame.kind == "claim":
                found.extend(_denials_of_claim(node, child, resolve))
        if node.pos_ in ("VERB", "AUX"):
            found.extend(_marks(node, resolve))
    if not any(f.kind in ("claim", "deny") for f in found):
        appended = _appended_report(trigger, resolve)
        found.extend([appended] if appended is not None else [])
    return found


def _denials_of_claim(frame_node: Token, content: Token, resolve: Resolver) -> list[Frame]:
    """Appositive denials that refer to the claim framed at ``frame_node``: a claim noun after it,
    attached inside what is claimed or to the frame's own clause ("…, a claim Peskov called absurd")."""
    if is_word(frame_node, "claim_noun"):
        denial = _appositive_denial(frame_node, resolve)
        return [denial] if denial is not None else []
    out = []
    for tok in _appositive_claims(frame_node.sent):
        head = tok.head
        # attached inside what is claimed, or to the frame or a clause above it
        inside = head.i in (content.i, frame_node.i) or content.is_ancestor(head) or head.is_ancestor(frame_node)
        if tok.i > frame_node.i and inside:
            denial = _appositive_denial(tok, resolve)
            if denial is not None:
                out.append(denial)
    return out


def _appositive_claims(sent: Span) -> list[Token]:
    """The sentence's claim nouns set in apposition, found once per sentence: every trigger of a long
    run-on sentence asks, and a scan per trigger and frame made its reading cubic in its length."""
    key = ("appositive_claims", sent.start)  # token positions: user_data may be serialized with the doc
    found = sent.doc.user_data.get(key)
    if found is None:
        found = sent.doc.user_data[key] = [t.i for t in sent if t.dep_ in APPOSITIVE and is_word(t, "claim_noun")]
    return [sent.doc[i] for i in found]


def attribute(trigger: Token, actor: Actor, quad_class: int, context: str, resolve: Resolver,
              quoted_by: Actor | None = None, quote: tuple[int, int] | None = None) -> Attribution:
    """The attribution of the event a trigger carries; ``actor`` is its actor1. ``quote`` is the
    quotation it stands in (character span), ``quoted_by`` the last speaker the reader met."""
    if trigger.pos_ == "NOUN" and context == "historical":
        return Attribution(why="a past event named in passing is nobody's claim")
    around = frames(trigger, resolve, actor.id)
    if is_word(trigger, "claim_noun") and around and around[0].kind == "deny":
        # "rejected Kyiv's accusations": the accusation itself, its owner's claim, denied
        owner = noun_owner(trigger, resolve)
        if owner is not None:
            return Attribution("disputed", owner.name, around[0].who(),
                               f"{owner.name}'s {trigger.text}, denied by {around[0].who()} ('{around[0].word}')")
    if not around and quote is not None:
        around = _quoted(trigger, quote, quoted_by, resolve)
    claim: Frame | None = None
    for frame in around:
        if frame.kind == "deny":
            if claim is not None:
                if claim.party is None:  # "X said … accused …, a charge Y denied": X's claim
                    claim = next((f for f in around if f.kind == "claim" and f.party is not None), claim)
                return Attribution("disputed", claim.who(), frame.who(),
                                   f"claimed by {claim.who() or 'an unnamed source'} ('{claim.word}'), "
                                   f"denied by {frame.who() or 'an unnamed source'} ('{frame.word}')")
            return Attribution("denied", "", frame.who(), f"denied by {frame.who() or 'an unnamed source'} ('{frame.word}')")
        own = frame.party is not None and frame.party.same_side(actor.id, actor.country)
        if own and context == "negated" and quad_class in MATERIAL and _says_not(trigger):
            return Attribution("denied", "", frame.who(), f"its own side says it did not happen ('{frame.word}')")
        if own and (frame.kind == "announce" or quad_class not in MATERIAL or context):
            continue  # saying so is the act itself (a statement, a plan, a halt); an outer frame may still make it a claim
        if frame.kind != "announce" and (claim is None or (claim.party is None and frame.party is not None)):
            claim = frame  # the innermost claimant; "X said Y reportedly …" is X's claim
    if claim is None:
        return Attribution()
    return Attribution("claimed", claim.who(), "", f"claimed by {claim.who() or 'an unnamed source'} ('{claim.word}')")


def _quoted(trigger: Token, quote: tuple[int, int], quoted_by: Actor | None, resolve: Resolver) -> list[Frame]:
    """Who a quotation's words are: the reporting verb just after it closes ('"…," Putin said'), else,
    for a quotation running on from an earlier sentence, the speaker named there."""
    after = [t for t in trigger.doc[trigger.i:] if t.idx >= quote[1]][:5]
    verb = next((t for t in after if t.pos_ == "VERB" and is_word(t, "claim_verb")), None)
    if verb is not None:
        return [Frame("claim", speaker_of(verb, resolve), verb.text)]
    if quoted_by is not None and quote[0] < trigger.sent.start_char:
        return [Frame("claim", Party.of(quoted_by), "a quotation")]
    return []


def _says_not(trigger: Token) -> bool:
    """An explicit 'not'/'never' on the trigger's clause or the clauses above it ("hasn't attacked",
    "would never send"), as opposed to a halt or a refusal."""
    node = clause_verb(trigger)
    while True:
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "ccomp") or node.head.i == node.i:
            return False  # a 'not' in another clause ("hasn't attacked since Putin agreed to halt") is not this one's
        node = node.head
