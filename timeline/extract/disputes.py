"""Claims and denials joined up across the sentences of one article.

A denial of a claim ("Ukraine's General Staff denied the allegations", "Moscow rejected Kyiv's
accusations", "…, a charge that Ukraine denied") marks the happening it denies ``disputed`` and
becomes that happening's evidence: an event of the same happening made from the denial's sentence
(``negated``: that sentence says it did not happen). The denier's REJECT stays beside it, as
EVENTS-GUIDE.md records a denial ("the denial is its own REJECT"); it goes only when the denial's
own sentence already tells the denied happening ("Ukraine denied attacking the plant"). What an accusation
is about is no event of its own, so an accusation against the denier is such a happening, claimed
by the accuser. A denied happening and a claim (or the outlet's report) of the same happening
elsewhere in the article are both ``disputed``. Which sentence says what is read by
``timeline.extract.attribution``.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from timeline.extract.actors import default_table
from timeline.extract.attribution import APPOSITIVE, Party, Resolver, denies, is_word, noun_owner, speaker_of, vocabulary
from timeline.schema import Event, event_id

def vocabulary_nouns() -> frozenset[str]:
    """Claim nouns: an event carried by one ("the accusations") is the claim, not the happening denied."""
    return vocabulary()["claim_noun"]


# A denial refers back to a claim made a few sentences before it, not anywhere in the article.
MAX_SENTENCES_BACK = 3


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
    appositive: bool = False  # "…, a charge that Ukraine denied": about the claim just before it


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
        if tok.pos_ in ("VERB", "AUX") and denies(tok) and not (tok.dep_ in ("relcl", "acl") and is_word(tok.head, "claim_noun")):
            verb = tok
            noun = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
                         and (is_word(c, "claim_noun") or (c.pos_ == "PRON" and is_word(tok, "deny_verb")))), None)
            if noun is None and is_word(tok, "deny_verb") and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
                noun = tok  # "denied attacking …", "denied that …": what it denies is in the sentence
        elif is_word(tok, "claim_noun") and tok.dep_ in APPOSITIVE:
            verb = next((c for c in tok.children if c.dep_ in ("relcl", "acl") and denies(c)), None)
            noun = tok if verb is not None else None
        if noun is None or verb is None:
            continue
        denier = speaker_of(verb, resolve)
        if denier is not None:
            found.append(Denial(denier, noun_owner(noun, resolve) if noun is not verb and noun.pos_ != "PRON" else None,
                                verb.lemma_.lower(), verb.idx, text, start, end, appositive=noun is tok and noun is not verb))
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
        if any(e.attribution in ("denied", "disputed") and _names(e.denied_by, d.denier)
               and e.trigger.split()[-1] not in vocabulary_nouns() for e in here):
            self._drop(rejects)  # the sentence already carries the denied happening itself
            return
        target = self._claimed_before(d)
        if target is None:
            return  # nothing it denies is an event: the denial is the news, its REJECT stays
        contest = target.attribution == "denied"
        # An accusation is its accuser's claim: denying it disputes the accusation.
        accuser = target.actor1_name if target.event_type == "ACCUSE" and target.attribution == "reported" else ""
        claimant = d.denier.name if contest else target.claimed_by or accuser
        denier = target.denied_by if contest else d.denier.name
        self._dispute(target, claimant, denier)
        target = self._find(target.event_id)
        evidence = dataclasses.replace(
            target,
            event_id=event_id(target.article_id, d.sent_start, d.sent_end, f"{d.verb}|{target.event_id}", d.offset),
            sentence=d.sentence, sent_start=d.sent_start, sent_end=d.sent_end, quote=False,
            context="" if contest else "negated", answers=target.event_id,
            reason=f"{d.denier.name} {'contests' if contest else 'denies'} ('{d.verb}') the claim of "
                   f"«{target.sentence[:80]}»; {target.reason}")
        self.events.append(evidence)

    def _claimed_before(self, d: Denial) -> Event | None:
        """The nearest happening before the denial that it can deny: someone else's claim (the one
        whose claim the denial names; else an act of the denier's own side), a denial it contests, or
        the outlet's own report of an act by the denier's side."""
        here = self.index(d.sent_start)
        best = None
        back = 0 if d.appositive else MAX_SENTENCES_BACK  # an appositive is about its own sentence's claim
        for e in self.events:
            if e.event_type == "REJECT" or e.sent_start > d.sent_start or here - self.index(e.sent_start) > back:
                continue
            own_act = _names(e.actor1_name, d.denier)
            if e.event_type == "ACCUSE":  # the accused denies it; the denial may name the accuser
                fits = e.attribution == "reported" and e.context == "" and _names(e.actor2_name, d.denier) and (
                    d.whose is None or _names(e.actor1_name, d.whose))
            elif e.attribution in ("claimed", "disputed") and e.context != "negated":
                fits = not _names(e.claimed_by, d.denier) and (_names(e.claimed_by, d.whose) if d.whose else own_act)
            elif e.attribution == "denied":
                fits = not _names(e.denied_by, d.denier) and (d.whose is None or _names(e.denied_by, d.whose))
            else:
                fits = e.attribution == "reported" and d.whose is None and own_act and e.context == ""
            # the nearest; in one sentence, the claimed happening before the accusation that carries it
            if fits and (best is None or (e.sent_start, e.event_type != "ACCUSE") >= (best.sent_start, best.event_type != "ACCUSE")):
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
                self.events = [dataclasses.replace(e, answers=claims[0].event_id) if e.event_id == denied.event_id
                               else e for e in self.events]

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
