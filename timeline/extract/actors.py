"""Actor mentions -> canonical actors.

The table in data/actors.csv names the people, states and bodies we know (Wikidata QIDs where
they are certain, ``ct:`` slugs otherwise) with their aliases ("the Kremlin" -> Russia). Names not
in the table become provisional actors (``new:`` ids) with titles stripped. The small English
model mislabels entities (Trump as ORG, Kursk as PRODUCT): a name the table knows is resolved by
the table whatever its label, and only person/organisation/place/group labels create new actors.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from timeline.extract.kinds import default_kinds
from timeline.schema import Actor


ACTORS_CSV = Path(__file__).resolve().parents[2] / "data" / "actors.csv"

# Entity labels that may name an actor, and the kind a new actor of that label gets.
ACTOR_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group", "FAC": "organization"}

TITLE_WORDS = frozenset("""
mr mr. mrs mrs. ms ms. dr dr. sir dame president vice prime minister premier chancellor secretary general
foreign defence defense interior finance state special envoy ambassador spokesman spokeswoman spokesperson
king queen prince crown princess sheikh emir pope leader senator sen. sen rep. rep gen. gen general
lieutenant lt. col. colonel adm. admiral commander chief deputy acting former then late ex top
national security adviser advisor head of the minister's taoiseach
""".split())

# "the Russian leader", "his Ukrainian counterpart": the roles each word names.
LEADER_TITLES = {"president": ("President of",), "chancellor": ("Chancellor of",),
                 "premier": ("Prime Minister of",), "minister": ("Prime Minister of",),
                 "leader": ("President of", "Prime Minister of", "Chancellor of"),
                 "counterpart": ("President of", "Prime Minister of", "Chancellor of")}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.strip().lower())


@dataclass(frozen=True)
class Mention:
    """Words in a Doc that name an actor."""

    start: int  # token index
    end: int  # token index, exclusive
    actor: Actor
    text: str
    via: str  # "table" or the entity label that created a provisional actor


class ActorTable:
    """The canonical actors and their aliases; looks names up after normalizing them."""

    def __init__(self, actors: list[Actor]):
        self.actors = {a.id: a for a in actors}
        self._by_name: dict[str, Actor] = {}
        for actor in actors:
            for name in (actor.name, *actor.aliases):
                # The first actor to claim an alias keeps it: the table is ordered people first.
                self._by_name.setdefault(_key(name), actor)
        self._surnames = {_key(a.name.split()[-1]): a for a in actors if a.kind == "person"}
        self.terms: dict[str, tuple[tuple[date, date | None], ...]] = {}
        self._states: dict[str, Actor] = {}
        for actor in actors:
            if actor.kind == "country" and actor.country:
                self._states.setdefault(actor.country, actor)

    @classmethod
    def from_csv(cls, path: Path = ACTORS_CSV) -> ActorTable:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        table = cls([
            Actor(id=r["id"], name=r["name"], kind=r["kind"], country=r["country"], role=r["role"],
                  aliases=tuple(a for a in r["aliases"].split("|") if a))
            for r in rows
        ])
        for r in rows:
            if r.get("term"):
                table.terms[r["id"]] = tuple(_term(t) for t in r["term"].split(";"))
        return table

    def lookup(self, text: str, *, person: bool = False) -> Actor | None:
        """The table's actor for a name as written, titles and articles stripped; None if unknown."""
        whole = _POSSESSIVE.sub("", _SPACES.sub(" ", text.strip()))
        found = self._by_name.get(_key(whole.removeprefix("the ").removeprefix("The ")))
        if found is not None:  # "the UN Security Council" before its words are read as titles
            return found
        name = strip_titles(text, self)
        if not name:
            return None
        found = self._by_name.get(_key(name))
        if found is None and person and " " in name:
            found = self._surnames.get(_key(name.split()[-1]))
        return found

    def head_of(self, country: str, title: str, day: date | None = None) -> Actor | None:
        """The person who held a state's top office on a day: "the Russian president" -> Putin.
        ``title`` is a word of LEADER_TITLES. The table's ``term`` column gives the terms of office
        ("2021-12-08/2025-05-06"); a holder without terms counts only when their role has no years
        (still in office) and no term of another covers the day. Without a day, the one in office now."""
        prefixes = LEADER_TITLES.get(title)
        if not prefixes or not country:
            return None
        holders = [a for a in self.actors.values()
                   if a.kind == "person" and a.country == country and a.role.startswith(prefixes)]
        for actor in holders:
            terms = self.terms.get(actor.id, ())
            if any((day is None and end is None) or day is not None and start <= day and (end is None or day < end)
                   for start, end in terms):
                return actor
        return next((a for a in holders if a.id not in self.terms and "(" not in a.role), None)

    def state_word(self, word: str) -> Actor | None:
        """The state a single word names ("Russia's", "Ukrainian", "Kyiv"), else None."""
        found = self._by_name.get(_key(_POSSESSIVE.sub("", word)))
        return found if found is not None and found.kind == "country" else None

    def state(self, country: str) -> Actor | None:
        """The state actor of an ISO 3166-1 alpha-3 code ("UKR" -> Ukraine), when the table has it."""
        return self._states.get(country)

    def provisional(self, text: str, label: str) -> Actor | None:
        """A new actor for a name the table does not know, or None when the words are no name."""
        name = strip_titles(text, self)
        if not name or not any(ch.isupper() for ch in name) or len(name) < 2:
            return None
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        return Actor(id=f"new:{slug}", name=name, kind=ACTOR_LABELS[label], provisional=True)


def _term(text: str) -> tuple[date, date | None]:
    """ "2021-12-08/2025-05-06" -> the first day in office and the first day out (None: still in)."""
    start, _, end = text.partition("/")
    return date.fromisoformat(start), date.fromisoformat(end) if end else None


def strip_titles(text: str, table: ActorTable | None = None) -> str:
    """'Russian President Vladimir Putin's' -> 'Vladimir Putin'; 'the Kremlin' -> 'Kremlin'."""
    words = _SPACES.sub(" ", text.strip()).split(" ")
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    while len(words) > 1:
        low = words[0].lower()
        nationality = table is not None and low in table._by_name and words[1].lower() in TITLE_WORDS
        if low in TITLE_WORDS or low == "the":
            words = words[1:]
        elif nationality:
            words = words[1:]
        else:
            break
    name = " ".join(w for w in words if w).strip(" ,;:-\"'“”‘’")
    # A final full stop ends the sentence, unless the word is an abbreviation ("U.S.").
    return name if name.count(".") > 1 and name.endswith(".") else name.rstrip(".")


@lru_cache(maxsize=1)
def default_table() -> ActorTable:
    return ActorTable.from_csv()


@Language.factory("timeline_actors")
def make_actor_finder(nlp: Language, name: str) -> ActorFinder:
    return ActorFinder(nlp, default_table())


class ActorFinder:
    """Pipeline component: every actor mention in ``doc.spans["actors"]`` (label = actor id).

    Entities come first; then table aliases the model missed. Abbreviations and "the" + a capital
    match case-sensitively ("US" is not "us", "the West" not "the west"), other names case-insensitively.
    """

    def __init__(self, nlp: Language, table: ActorTable):
        self.table = table
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        for actor in table.actors.values():
            for alias in (actor.name, *actor.aliases):
                abbreviation = len(alias) <= 5 and sum(ch.isupper() for ch in alias) >= 2
                if alias.startswith("the ") and alias[4:5].isupper():
                    # "the West" is an actor, "the west of the country" a direction: keep the capital
                    self.exact.add(actor.id, [nlp.make_doc(alias), nlp.make_doc("T" + alias[1:])])
                else:
                    (self.exact if abbreviation else self.folded).add(actor.id, [nlp.make_doc(alias)])

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["actors"] = [Span(doc, m.start, m.end, label=m.actor.id) for m in self.find(doc)]
        return doc

    def find(self, doc: Doc) -> list[Mention]:
        candidates = [m for m in map(lambda e: _entity_mention(e, self.table), doc.ents) if m is not None]
        for match_id, start, end in list(self.exact(doc)) + list(self.folded(doc)):
            actor = self.table.actors[doc.vocab.strings[match_id]]
            candidates.append(Mention(start, end, actor, doc[start:end].text, "table"))
        # Longest first, so "Russian forces" (an alias) beats the entity "Russian"; at equal
        # length the entity, which comes first, wins.
        mentions: list[Mention] = []
        taken = [False] * len(doc)
        for m in sorted(candidates, key=lambda m: m.start - m.end):
            if not any(taken[m.start:m.end]):
                mentions.append(m)
                taken[m.start:m.end] = [True] * (m.end - m.start)
        return sorted(mentions, key=lambda m: m.start)


def find_mentions(doc: Doc, table: ActorTable | None = None) -> list[Mention]:
    """The doc's actor mentions, read back from the ``timeline_actors`` component's spans."""
    table = table or default_table()
    mentions = []
    ent_labels: dict[tuple[int, int], str] | None = None  # doc.ents builds new Spans on every access
    for span in doc.spans.get("actors", []):
        actor = table.actors.get(span.label_)
        if actor is None:
            if ent_labels is None:
                ent_labels = {}
                for e in doc.ents:
                    ent_labels.setdefault((e.start, e.end), e.label_)
            ent_label = ent_labels.get((span.start, span.end), "ORG")
            actor = table.provisional(span.text, ent_label)
        if actor is not None:
            mentions.append(Mention(span.start, span.end, actor, span.text, "table" if not actor.provisional else "ner"))
    return mentions


def _entity_mention(ent: Span, table: ActorTable) -> Mention | None:
    label = ent.label_
    if label not in ACTOR_LABELS:
        return None
    actor = table.lookup(ent.text, person=label == "PERSON")
    if actor is not None:
        return Mention(ent.start, ent.end, actor, ent.text, "table")
    kinds = default_kinds()
    if kinds.is_weapon(ent):
        return None  # "HIMARS": what a state fires, not who
    if kinds.is_organ(ent, lambda tok: table.state_word(tok.text) is not None):
        # "Russia's Defence Ministry" is Russia; "the General Staff" alone is no new actor
        state = next((s for s in map(table.state_word, (t.text for t in ent)) if s is not None), None)
        return Mention(ent.start, ent.end, state, ent.text, "table") if state is not None else None
    if label in ("GPE", "FAC", "NORP"):
        # Unknown places and demonyms are locations or descriptions far more often than actors;
        # the table's aliases cover the states and capitals that act.
        return None
    actor = table.provisional(ent.text, label)
    if actor is None or _is_place(actor.name):
        return None
    return Mention(ent.start, ent.end, actor, ent.text, label)


def _is_place(name: str) -> bool:
    """A town the model took for a person or an organisation ("shelled Kharkiv" as ORG)."""
    from timeline.extract.geo import locate  # the gazetteer is built on first use, not on import

    place = locate(name)
    return place is not None and place.name.lower() == name.lower()


class MentionIndex:
    """Token -> mention lookups for one doc."""

    def __init__(self, mentions: list[Mention], n_tokens: int):
        self.mentions = mentions
        self._at: list[Mention | None] = [None] * n_tokens
        for m in mentions:
            for i in range(m.start, m.end):
                self._at[i] = m
        self._by_start = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._by_start]

    def between(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in tokens [start, end), in order: a sentence's, without a scan of all."""
        return self._by_start[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def at(self, token: Token) -> Mention | None:
        return self._at[token.i]

    def in_phrase(self, head: Token) -> Mention | None:
        """The mention a noun phrase refers to: its head's own, else the first inside it
        ("US proposals" -> US), not looking into relative or other embedded clauses; a common noun's
        name in apposition before that ("the Western alliance, NATO,")."""
        named = next((m for c in head.children if c.dep_ == "appos" for m in [self._inside(c)] if m), None)
        if named is not None and head.pos_ == "NOUN" and self._at[head.i] is None:
            return named  # "the armed group Hezbollah": the name, not the word describing it
        return self._inside(head) or named

    def _inside(self, head: Token) -> Mention | None:
        own = self._at[head.i]
        if own is not None:
            return own
        stack = list(head.children)
        found: list[Mention] = []
        while stack:
            tok = stack.pop()
            if tok.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos", "conj", "cc", "prep") and not (
                    tok.dep_ == "prep" and tok.lower_ == "of"):
                continue
            m = self._at[tok.i]
            if m is not None:
                found.append(m)
            stack.extend(tok.children)
        return min(found, key=lambda m: m.start) if found else None
