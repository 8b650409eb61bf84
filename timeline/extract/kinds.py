"""Actors named by kind, not by name: "police", "protesters", "Russia's defence ministry".

data/actor_kinds.csv maps common nouns to ACLED-style actor kinds. A state's forces, bodies and weapons
stand for the state the phrase names ("Ukrainian drones", "Russia's defence ministry" -> Russia);
other kinds become a generic actor with the country the text gives ("Georgian protesters" ->
"Protesters (Georgia)") or without one ("Protesters"); collective words keep the words that qualify
them ("European leaders"). A common noun alone is never a new named actor.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from timeline.schema import Actor

KINDS_CSV = Path(__file__).resolve().parents[2] / "data" / "actor_kinds.csv"
ROLE_WORDS_CSV = KINDS_CSV.with_name("role_words.csv")

STATE, WEAPON, COLLECTIVE, QUALIFIER = "state", "weapon", "collective", "qualifier"
# Modifiers that qualify a kind ("European leaders", "world leaders"); not "its", "many", "other".
QUALIFYING_DEPS = ("amod", "compound", "nmod", "poss")


@dataclass(frozen=True)
class Kind:
    word: str
    kind: str  # state | weapon | collective | an ACLED actor kind ("Protesters", "Rebel groups", …)
    label: str  # the generic actor's name ("Protesters"); empty for state, weapon and collective words
    home: bool  # with no state named, the state of the place the sentence names

    @property
    def stands_for_state(self) -> bool:
        return self.kind in (STATE, WEAPON)

    def actor(self, state: Actor | None) -> Actor:
        """The generic actor of a non-state kind, of a state's country or of none."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.label.lower()).strip("-")
        if state is None:
            return Actor(id=f"kind:{slug}", name=self.label, kind="group", role=self.kind)
        return Actor(id=f"kind:{slug}:{state.country}", name=f"{self.label} ({state.name})", kind="group",
                     country=state.country, role=self.kind)


class KindTable:
    def __init__(self, kinds: list[Kind], qualifiers: frozenset[str]):
        self.kinds = {}
        for kind in kinds:
            self.kinds.setdefault(kind.word, kind)
        self.qualifiers = qualifiers

    @classmethod
    def from_csv(cls, path: Path = KINDS_CSV) -> KindTable:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(line for line in fh if not line.startswith("#"))]
        kinds = [Kind(r["word"].lower(), r["kind"], r["label"], r["home"] == "yes") for r in rows if r["kind"] != QUALIFIER]
        return cls(kinds, frozenset(r["word"].lower() for r in rows if r["kind"] == QUALIFIER))

    def of(self, word: Token) -> Kind | None:
        """The kind a noun names ("troops" -> state forces), by lemma or as written."""
        if word.pos_ not in ("NOUN", "PROPN"):
            return None
        # a capitalised plural keeps its "s" as its lemma ("Armed Forces")
        low = word.lower_
        return self.kinds.get(word.lemma_.lower()) or self.kinds.get(low) or self.kinds.get(low.removesuffix("s"))

    def is_organ(self, ent: Span, names_state: Callable[[Token], bool]) -> bool:
        """An entity that names a state's body by kind alone, besides its state's name: "Russia's Defence
        Ministry", "the General Staff", "Ministry of Defence" — not "the Azov Brigade", a named unit."""
        kind = self.of(ent.root)
        if kind is None or not kind.stands_for_state:
            return False
        return all(t.lower_ in self.qualifiers or t.is_punct or t.lower_ in ("'s", "’s") or self.of(t) is not None
                   or names_state(t) for t in ent)

    def is_weapon(self, ent: Span) -> bool:
        kind = self.of(ent.root)
        return kind is not None and kind.kind == WEAPON


@lru_cache(maxsize=1)
def default_kinds() -> KindTable:
    return KindTable.from_csv()


def qualified_words(head: Token) -> str:
    """ "a dozen European leaders" -> "European leaders"; "" when nothing qualifies the noun."""
    # "European", "world", "Ukraine's"; not "the countries' leaders", which points back to others
    mods = [c for c in head.children if c.dep_ in QUALIFYING_DEPS and c.i < head.i and c.pos_ in ("PROPN", "NOUN", "ADJ")
            and (c.text[:1].isupper() or c.pos_ == "NOUN" and c.dep_ != "poss")]
    if not mods:
        return ""
    start = min(c.left_edge.i if c.dep_ == "poss" else c.i for c in mods)
    return head.doc[start:head.i + 1].text


@lru_cache(maxsize=1)
def role_words() -> dict[str, str]:
    """data/role_words.csv: lemma -> its role ("claim", "proposal", "mediation", "theme", "motion",
    "undergoer"; the file's header comment says what each does)."""
    with ROLE_WORDS_CSV.open(encoding="utf-8", newline="") as fh:
        return {r["word"].lower(): r["role"] for r in csv.DictReader(line for line in fh if not line.startswith("#"))}
