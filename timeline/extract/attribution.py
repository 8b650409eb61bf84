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

Across sentences (:func:`link`): a denial of a claim ("Ukraine's General Staff denied the allegations")
marks the claimed happening ``disputed`` and becomes that happening's evidence, not a free-standing
REJECT; a denied happening and a claim of the same happening in one article are both ``disputed``.
The REJECT stays only when no happening it denies is found: then the denial is itself the news.
"""
from __future__ import annotations

import csv
import dataclasses
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from timeline.extract.actors import default_table
from timeline.extract.clauses import FUTURE_FRAMES, PRESUPPOSING, clause_verb
from timeline.schema import Actor, Event, event_id

ATTRIBUTION_CSV = Path(__file__).resolve().parents[2] / "data" / "attribution.csv"
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# What a reporting verb reports: its clause, its infinitive, an appended "…, officials said", an
# event noun it reports ("reported new drone attacks"), the subject of its passive.
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "dobj", "nsubjpass", "oprd"})
# "accused Kyiv OF attacking", "blamed Russia FOR shelling": the content sits behind a preposition.
CONTENT_PREPS = frozenset({"of", "for"})
# Verbs whose object is who is accused, not what is reported.
OBJECT_IS_TARGET = frozenset({"accuse", "blame", "suspect", "tell"})
# How a claim noun holds what is claimed: "reports that X", "claims of X".
NOUN_CONTENT_DEPS = frozenset({"acl", "ccomp", "relcl", "prep", "appos"})
APPOSITIVE = frozenset({"appos", "npadvmod"})
# A denial refers back to a claim made a few sentences before it, not anywhere in the article.
MAX_SENTENCES_BACK = 3
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


def _is(token: Token, kind: str) -> bool:
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
Resolver = Callable[[Token], "object | None"]


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
    if any(_is(t, "media_noun") for t in phrase):
        return _outlet(phrase, resolve)
    found = resolve(head)
    actor = found.actor if found is not None else None  # type: ignore[attr-defined]
    if actor is None or actor.provisional:
        inside = (default_table().lookup(t.text) for t in head.doc[head.left_edge.i:head.i] if t.pos_ in ("PROPN", "ADJ"))
        actor = next((a for a in inside if a is not None), actor)
    if actor is None:
        actor = next((r.actor for r in (resolve(c) for c in head.children if c.dep_ == "appos") if r is not None), None)
    if actor is not None:
        return Party.of(actor)
    if head.pos_ == "PRON":
        return None
    words = [t for t in head.doc[head.left_edge.i:head.i + 1] if t.dep_ not in ("det", "punct", "case")]
    return Party(" ".join(t.text for t in words)) if words else None


def _outlet(phrase: Span, resolve: Resolver) -> Party:
    """A news outlet as a claimant: its own name ("CCTV", "Tass") where the phrase gives one, else
    the state it belongs to ("North Korea's state news agency"), else the words."""
    named = [r.actor for r in map(resolve, (t for t in phrase if t.pos_ == "PROPN")) if r is not None]  # type: ignore[attr-defined]
    own = next((a for a in named if a.provisional), None) or next(iter(named), None)
    if own is not None:
        return Party.of(own, media=True)
    return Party(" ".join(t.text for t in phrase if t.dep_ not in ("det", "punct", "case")), media=True)


def _speaker_of(verb: Token, resolve: Resolver) -> Party | None:
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


def _noun_owner(noun: Token, resolve: Resolver) -> Party | None:
    """Whose claim a claim noun is: "Moscow's accusations", "the Kremlin claims", "Russian claims",
    "claims by officials"."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod"):
            found = resolve(child)
            if found is not None:
                return Party.of(found.actor)  # type: ignore[attr-defined]
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return _party(obj, resolve)
    return None


def _calls_false(verb: Token) -> bool:
    """'called the claim absurd', 'dismissed the report as groundless'."""
    for child in verb.children:
        if child.dep_ in ("oprd", "xcomp", "acomp", "attr", "ccomp") and (_is(child, "false_word") or any(
                _is(g, "false_word") for g in child.subtree)):
            return True
        if child.dep_ == "prep" and child.lower_ == "as" and any(_is(g, "false_word") for g in child.subtree):
            return True
    return False


def _denies(verb: Token) -> bool:
    """A verb that, on a claim, denies it: deny-type verbs, 'dismiss/reject', 'call … absurd'."""
    return _is(verb, "deny_verb") or _is(verb, "dismiss_verb") or (_is(verb, "naming_verb") and _calls_false(verb))


def _appositive_denial(noun: Token, resolve: Resolver) -> Frame | None:
    """'…, a claim Peskov called "absurd"', '…, a charge that Ukraine denied': a claim noun set after
    a clause, with a denial in its relative clause."""
    if not _is(noun, "claim_noun") or noun.dep_ not in APPOSITIVE:
        return None
    for rel in (c for c in noun.children if c.dep_ in ("relcl", "acl")):
        if _denies(rel):
            return Frame("deny", _speaker_of(rel, resolve), rel.text)
    return None


def _frame_at(node: Token, child: Token, resolve: Resolver) -> Frame | None:
    """The frame ``node`` puts around ``child`` (the step of the walk just below it), if any."""
    dep = child.dep_
    if node.pos_ in ("VERB", "AUX") or node.tag_.startswith("VB"):
        if _is(node, "deny_verb") and (dep in CONTENT_DEPS or dep == "prep"):
            return Frame("deny", _speaker_of(node, resolve), node.text)
        if _is(node, "dismiss_verb") and (dep in ("dobj", "nsubjpass") and _is(child, "claim_noun") or dep == "ccomp"):
            return Frame("deny", _speaker_of(node, resolve), node.text)
        if _is(node, "naming_verb") and dep in ("dobj", "nsubjpass") and _is(child, "claim_noun") and _calls_false(node):
            return Frame("deny", _speaker_of(node, resolve), node.text)
        kind = "announce" if _is(node, "announce_verb") else "claim" if _is(node, "claim_verb") else None
        if kind is None:
            return None
        target_object = node.lemma_.lower() in OBJECT_IS_TARGET
        if dep in CONTENT_DEPS and not (dep == "dobj" and target_object) or (
                dep == "prep" and child.lower_ in CONTENT_PREPS and target_object):
            return Frame(kind, _speaker_of(node, resolve), node.text)
        return None
    if _is(node, "claim_noun") and dep in NOUN_CONTENT_DEPS:
        return Frame("claim", _noun_owner(node, resolve), node.text)
    return None


def _marks(node: Token, resolve: Resolver) -> list[Frame]:
    """Frames a clause carries on itself: 'reportedly', 'according to X'."""
    found = []
    for child in node.children:
        if child.dep_ == "advmod" and _is(child, "hedge"):
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
    return child.dep_ in ("advcl", "relcl") and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in PRESUPPOSING_MARKS for c in child.children)


def _someone_elses_wish(node: Token, actor_id: str, resolve: Resolver) -> bool:
    """'Trump hoped Russia would agree', 'urged Kyiv to withdraw': a wish or a demand by another party
    about the event, not a claim that it happened."""
    if node.lemma_.lower() not in FUTURE_FRAMES:
        return False
    subj = next((c for c in node.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is None:
        return False  # "plans to attack": the plan of whoever attacks
    found = resolve(subj)
    return found is None or found.actor.id != actor_id  # type: ignore[attr-defined]


def _appended_report(trigger: Token, resolve: Resolver) -> Frame | None:
    """'…, North Korea's state news agency reported.' parsed as a conjunct or a relative clause
    rather than as the verb governing the sentence: a reporting verb with nothing to report of its
    own, after the trigger and after a comma, frames what comes before it."""
    for verb in trigger.sent:
        if verb.i <= trigger.i or verb.pos_ != "VERB" or not _is(verb, "claim_verb") \
                or verb.dep_ not in ("conj", "relcl", "parataxis", "advcl"):
            continue
        if any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children) or trigger in verb.subtree:
            continue
        comma = next((t for t in reversed(verb.doc[trigger.i + 1:verb.i]) if t.text == "," or t.pos_ == "VERB"), None)
        if comma is not None and comma.text == ",":
            return Frame("claim", _speaker_of(verb, resolve), verb.text)
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
    if _is(frame_node, "claim_noun"):
        rel = [_appositive_denial(frame_node, resolve)] if frame_node.dep_ in APPOSITIVE else []
        return [f for f in rel if f is not None]
    scope = {t.i for t in content.subtree} | {a.i for a in frame_node.ancestors} | {frame_node.i}
    out = []
    for tok in frame_node.sent:
        if tok.i > frame_node.i and tok.head.i in scope:
            denial = _appositive_denial(tok, resolve)
            if denial is not None:
                out.append(denial)
    return out


def attribute(trigger: Token, actor: Actor, quad_class: int, context: str, resolve: Resolver,
              quoted_by: Actor | None = None) -> Attribution:
    """The attribution of the event a trigger carries; ``actor`` is its actor1, ``quoted_by`` the
    speaker of the quotation it stands in when no frame of its own sentence names one."""
    around = frames(trigger, resolve, actor.id)
    if not around and quoted_by is not None:
        around = [Frame("claim", Party.of(quoted_by), "a quotation")]
    if trigger.pos_ == "NOUN" and context == "historical":
        return Attribution(why="a past event named in passing is nobody's claim")
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


def _says_not(trigger: Token) -> bool:
    """An explicit 'not'/'never' on the trigger's clause or the clauses above it ("hasn't attacked",
    "would never send"), as opposed to a halt or a refusal."""
    node = clause_verb(trigger)
    while True:
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head


# -- across sentences -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Denial:
    """A denial of a claim found in one sentence: who denies, whose claim (when said), the verb."""

    denier: Party
    whose: Party | None
    verb: str  # lemma of the denying word
    offset: int  # character offset of the denying word
    sentence: str
    sent_start: int
    sent_end: int


def _sentence_bounds(sent: Span) -> tuple[str, int, int]:
    text = sent.text
    lead, kept = len(text) - len(text.lstrip()), len(text.rstrip())
    return text[lead:kept], sent.start_char + lead, sent.start_char + kept


def denials(sent: Span, resolve: Resolver) -> list[Denial]:
    """Denials of a claim in a sentence: a deny-type verb whose object is a claim or a pronoun standing
    for one ("denied the allegations", "dismissed the report as groundless", "denied it"), or a claim
    noun with a denial in its relative clause ("a charge that Ukraine denied")."""
    text, start, end = _sentence_bounds(sent)
    found = []
    for tok in sent:
        noun = verb = None
        if tok.pos_ in ("VERB", "AUX") and _denies(tok):
            verb = tok
            noun = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
                         and (_is(c, "claim_noun") or (c.pos_ == "PRON" and _is(tok, "deny_verb")))), None)
            if noun is None and _is(tok, "deny_verb") and any(c.dep_ in ("ccomp", "xcomp", "prep") for c in tok.children):
                noun = tok  # "denied attacking …", "denied that …": what it denies is in the sentence
        elif _is(tok, "claim_noun") and tok.dep_ in APPOSITIVE:
            verb = next((c for c in tok.children if c.dep_ in ("relcl", "acl") and _denies(c)), None)
            noun = tok if verb is not None else None
        if noun is None or verb is None:
            continue
        denier = _speaker_of(verb, resolve)
        if denier is not None:
            found.append(Denial(denier, _noun_owner(noun, resolve) if noun is not verb and noun.pos_ != "PRON" else None,
                                verb.lemma_.lower(), verb.idx, text, start, end))
    return found


def _side(name: str) -> Party:
    """A claimed_by/denied_by name as a party: the actor table knows the side of its own actors."""
    actor = default_table().lookup(name) if name else None
    return Party(name, actor.id, actor.country) if actor is not None else Party(name)


def _names(field: str, party: Party | None) -> bool:
    """Whether a "; "-joined claimed_by/denied_by field names ``party`` or someone on its side."""
    if party is None:
        return False
    for name in filter(None, field.split("; ")):
        side = _side(name)
        if name == party.name or party.same_side(side.actor_id, side.country) or side.same_side(party.actor_id, party.country):
            return True
    return False


class _Linker:
    """The claim-and-denial pass over one article's events."""

    def __init__(self, events: list[Event], doc: Doc):
        self.events = list(events)
        self.starts = [s.start_char for s in doc.sents]

    def index(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def link_denial(self, d: Denial) -> None:
        here = [e for e in self.events if e.sent_start == d.sent_start]
        rejects = [e for e in here if e.event_type == "REJECT" and e.trigger.split()[0] == d.verb]
        if any(e.attribution in ("denied", "disputed") and _names(e.denied_by, d.denier) for e in here):
            self._drop(rejects)  # the sentence already carries the denied happening itself
            return
        target = self._claimed_before(d)
        if target is None:
            return  # nothing it denies is an event: the denial is the news, its REJECT stays
        contest = target.attribution == "denied"
        claimant = d.denier.name if contest else target.claimed_by
        denier = target.denied_by if contest else d.denier.name
        self._dispute(target, claimant, denier)
        target = self._find(target.event_id)
        evidence = dataclasses.replace(
            target,
            event_id=event_id(target.article_id, d.sent_start, d.sent_end, f"{d.verb}|{target.event_id}", d.offset),
            sentence=d.sentence, sent_start=d.sent_start, sent_end=d.sent_end, quote=False,
            context="" if contest else "negated",
            reason=f"{d.denier.name} {'contests' if contest else 'denies'} ('{d.verb}') the claim of "
                   f"«{target.sentence[:80]}»; {target.reason}")
        self._drop(rejects[:1])
        self.events.append(evidence)

    def _claimed_before(self, d: Denial) -> Event | None:
        """The nearest happening before the denial that it can deny: someone else's claim (the one
        whose claim the denial names; else an act of the denier's own side), a denial it contests, or
        the outlet's own report of an act by the denier's side."""
        here = self.index(d.sent_start)
        best = None
        for e in self.events:
            if e.event_type in ("REJECT", "ACCUSE") or e.sent_start > d.sent_start \
                    or here - self.index(e.sent_start) > MAX_SENTENCES_BACK:
                continue
            own_act = _names(e.actor1_name, d.denier)
            if e.attribution in ("claimed", "disputed") and e.context != "negated":
                fits = not _names(e.claimed_by, d.denier) and (_names(e.claimed_by, d.whose) if d.whose else own_act)
            elif e.attribution == "denied":
                fits = not _names(e.denied_by, d.denier) and (d.whose is None or _names(e.denied_by, d.whose))
            else:
                fits = e.attribution == "reported" and d.whose is None and own_act and e.context == ""
            if fits and (best is None or e.sent_start >= best.sent_start):
                best = e
        return best

    def pair_denied(self) -> None:
        """A denied happening and a claim (or the outlet's report) of the same happening elsewhere in
        the article: both are disputed."""
        for denied in [e for e in self.events if e.attribution == "denied"]:
            denier = _side(denied.denied_by)
            claims = [e for e in self.events if e is not denied and e.attribution in ("claimed", "reported")
                      and e.context != "negated" and _same_happening(denied, e) and not _names(e.claimed_by, denier)]
            for claim in claims:
                self._dispute(claim, claim.claimed_by, denied.denied_by)
            if claims:
                claimants = "; ".join(dict.fromkeys(c.claimed_by for c in claims if c.claimed_by))
                self._dispute(denied, claimants, denied.denied_by)

    def _find(self, event_id_: str) -> Event:
        return next(e for e in self.events if e.event_id == event_id_)

    def _dispute(self, target: Event, claimant: str, denier: str) -> None:
        why = f"disputed: claimed by {claimant or 'the outlet'}, denied by {denier}"
        self.events = [dataclasses.replace(e, attribution="disputed", claimed_by=claimant, denied_by=denier,
                                           reason=e.reason if why in e.reason else f"{e.reason}; {why}")
                       if e.event_id == target.event_id else e for e in self.events]

    def _drop(self, events: list[Event]) -> None:
        gone = {id(e) for e in events}
        self.events = [e for e in self.events if id(e) not in gone]


def _same_happening(a: Event, b: Event) -> bool:
    """Same actor and type, objects that do not differ, dates and places that do not differ."""
    if a.actor1 != b.actor1 or a.event_type != b.event_type or (a.actor2 and b.actor2 and a.actor2 != b.actor2):
        return False
    if a.date_start and b.date_start and not (a.date_start <= (b.date_end or b.date_start)
                                              and b.date_start <= (a.date_end or a.date_start)):
        return False
    return not (a.location and b.location and a.location != b.location)


def link(events: list[Event], found: list[Denial], doc: Doc) -> list[Event]:
    """Claims and denials of one article joined up (see the module docstring)."""
    linker = _Linker(events, doc)
    for d in found:
        linker.link_denial(d)
    linker.pair_denied()
    return linker.events
