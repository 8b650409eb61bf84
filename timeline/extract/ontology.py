"""Event triggers -> PLOVER event type, mode and QuadClass.

The vocabulary is data: ``data/triggers.csv`` lists each sense of a trigger word (lemma, part of
speech, and the particle, preposition or object class it needs) with its PLOVER type, or says it is
not an event, carries the event noun it takes ("launch an attack"), or reports speech.
``data/trigger_objects.csv`` names the object classes ("send troops" vs. "send weapons"). This
module reads the tables and picks the sense whose conditions hold; triggers.py reads the parse.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# PLOVER event types with their QuadClass (CAMEO's quad classes: 1 verbal cooperation,
# 2 material cooperation, 3 verbal conflict, 4 material conflict).
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "REQUEST": 1,
    "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
EVENT_TYPES: tuple[str, ...] = tuple(QUAD_CLASS)
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

DATA = Path(__file__).resolve().parents[2] / "data"
TRIGGERS_CSV = DATA / "triggers.csv"
OBJECTS_CSV = DATA / "trigger_objects.csv"

# The non-PLOVER values of the table's `type` column.
NOT_EVENT, LIGHT, SPEECH, UNREAL = "-", "light", "speech", "unreal"
POS = ("verb", "noun", "adj", "object")
# Object classes read off the parse rather than listed (triggers.py decides them).
# The classes read off the parse with a list of their own: a predicate with these words ("called it a
# crucial step": praise; "made the truce conditional on": condition).
PREDICATE_LISTS = ("praise", "condition")
STRUCTURAL_CLASSES = frozenset({"event", "act", "predicate", *PREDICATE_LISTS, "naming", "infinitive",
                                "control", "clause", "object", "passive"})


class TriggerTableError(ValueError):
    pass


@dataclass(frozen=True)
class Sense:
    event_type: str
    mode: str = ""

    @property
    def quad_class(self) -> int:
        return QUAD_CLASS[self.event_type]


@dataclass(frozen=True)
class Rule:
    """One row of the trigger table."""

    lemma: str
    pos: str
    particle: str
    prep: str
    object: str
    type: str
    mode: str

    @property
    def specificity(self) -> tuple[int, int]:
        """How many conditions the row sets; among equals, a listed object class beats one read off
        the parse ('halt the deal' is REJECT before 'halt an event' is RETREAT)."""
        return (sum(map(bool, (self.particle, self.prep, self.object))),
                int(bool(self.object) and self.object not in STRUCTURAL_CLASSES))

    @property
    def sense(self) -> Sense | None:
        return Sense(self.type, self.mode) if self.type in QUAD_CLASS else None


def _rows(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    for (n, _), row in zip(lines[1:], reader):
        yield n, {k: (v or "").strip() for k, v in row.items() if k is not None}


class TriggerTable:
    """The senses of every trigger word, and the object classes they refer to."""

    def __init__(self, rules: Iterable[Rule], classes: dict[str, frozenset[str]]):
        self.classes = classes
        self._rules: dict[tuple[str, str], list[Rule]] = {}
        for rule in rules:
            self._rules.setdefault((rule.lemma, rule.pos), []).append(rule)

    @classmethod
    def from_csv(cls, triggers: Path = TRIGGERS_CSV, objects: Path = OBJECTS_CSV) -> TriggerTable:
        classes = {row["class"]: frozenset(w.strip().lower() for w in row["words"].split("|") if w.strip())
                   for _, row in _rows(objects)}
        if shadowed := sorted(set(classes) & STRUCTURAL_CLASSES - set(PREDICATE_LISTS)):
            # a row naming it would ask the parse, never the list ("took control of a hill" read as "expects X to act")
            raise TriggerTableError(f"{objects}: class {shadowed[0]!r} has the name of a class read off the parse")
        rules = []
        for n, row in _rows(triggers):
            rule = Rule(row["lemma"].lower(), row["pos"], row["particle"].lower(), row["prep"].lower(),
                        row["object"].lower(), row["type"], row["mode"])
            problem = ("no lemma" if not rule.lemma else
                       f"pos {rule.pos!r} is not one of {', '.join(POS)}" if rule.pos not in POS else
                       f"type {rule.type!r} is not a PLOVER type, '-', 'light', 'speech' or 'unreal'"
                       if rule.type not in QUAD_CLASS and rule.type not in (NOT_EVENT, LIGHT, SPEECH, UNREAL) else "")
            if problem:
                raise TriggerTableError(f"{triggers}, line {n}: {problem}")
            rules.append(rule)
        return cls(rules, classes)

    def __iter__(self):
        return (rule for rules in self._rules.values() for rule in rules)

    def rules(self, lemma: str, pos: str) -> list[Rule]:
        return self._rules.get((lemma.lower(), pos), [])

    def lookup(self, lemma: str, pos: str, *, particles: Iterable[str] = (),
               preps: dict[str, set[str]] | None = None, obj: str | None = None,
               structural: Iterable[str] = ()) -> Rule | None:
        """The sense of a word in its context: the row whose conditions all hold, the most specific
        first. ``preps`` maps each preposition the word governs to the lemmas of its objects: a row
        with both a preposition and an object class wants that preposition's object in the class
        ("speak to reporters"); a row with only an object class wants the direct object.
        ``structural`` holds the parse-read classes (event, predicate, ...) the word satisfies."""
        particles, preps, structural = set(particles), preps or {}, set(structural)
        best: Rule | None = None
        for rule in self.rules(lemma, pos):
            if rule.particle and rule.particle not in particles:
                continue
            if rule.prep and rule.prep not in preps:
                continue
            if rule.object:
                objects = preps[rule.prep] if rule.prep else ({obj} if obj else set())
                if not self._object_is(rule.object, objects, structural):
                    continue
            if best is None or rule.specificity > best.specificity:
                best = rule
        return best

    def _object_is(self, wanted: str, objects: set[str], structural: set[str]) -> bool:
        if wanted in STRUCTURAL_CLASSES:
            return wanted in structural
        members = self.classes.get(wanted, frozenset({wanted}))
        return any(o.lower() in members for o in objects)

    def plain_sense(self, lemma: str, pos: str) -> Sense | None:
        """The sense of the word with no condition, when it has one."""
        rule = next((r for r in self.rules(lemma, pos) if not r.specificity[0]), None)
        return rule.sense if rule is not None else None

    def unreal(self, lemma: str, pos: str) -> bool:
        """A word whose content is no happening: speculation, possibility, a topic."""
        return any(r.type == UNREAL for r in self.rules(lemma, pos))

    def carries_events(self, lemma: str) -> bool:
        """A verb with an event or light sense: the event noun it takes is its own event."""
        return any(r.sense is not None or r.type == LIGHT for r in self.rules(lemma, "verb"))

    def lemmas(self, pos: str, *types: str) -> frozenset[str]:
        return frozenset(lemma for (lemma, p), rules in self._rules.items()
                         if p == pos and (not types or any(r.type in types for r in rules)))

    def particles(self) -> frozenset[str]:
        return frozenset(r.particle for rules in self._rules.values() for r in rules if r.particle)


@lru_cache(maxsize=1)
def trigger_table() -> TriggerTable:
    return TriggerTable.from_csv()


def verb_sense(lemma: str) -> Sense | None:
    return trigger_table().plain_sense(lemma, "verb")


def noun_sense(lemma: str) -> Sense | None:
    """The event of a noun as a light verb's object: its own, or one it has only there ('a resolution')."""
    table = trigger_table()
    return table.plain_sense(lemma, "noun") or table.plain_sense(lemma, "object")


# Verbs that report speech or thought: what they report is coded, attributed to their subject.
SPEECH_VERBS = trigger_table().lemmas("verb", SPEECH)

# The small model's lemmatizer slips on some forms ("hoped" -> "hop", "sent" -> "sent");
# these are checked against the lexicon before its lemma is trusted.
IRREGULAR = {
    "sent": "send", "met": "meet", "fought": "fight", "struck": "strike", "shot": "shoot", "held": "hold",
    "gave": "give", "given": "give", "told": "tell", "said": "say", "sought": "seek", "withdrew": "withdraw",
    "withdrawn": "withdraw", "froze": "freeze", "frozen": "freeze", "began": "begin", "begun": "begin",
    "brought": "bring", "took": "take", "taken": "take", "made": "make", "thought": "think", "wrote": "write",
    "written": "write", "spoke": "speak", "spoken": "speak", "rang": "ring", "led": "lead", "hit": "hit",
    "overran": "overrun", "shelled": "shell", "downed": "down", "freed": "free", "agreed": "agree",
}
KNOWN_VERBS = trigger_table().lemmas("verb")


def verb_lemma(text: str, model_lemma: str) -> str:
    """The lexicon's lemma for a verb form, falling back to the model's when no rule finds one."""
    low = text.lower()
    if model_lemma.lower() in KNOWN_VERBS:
        return model_lemma.lower()
    if low in IRREGULAR:
        return IRREGULAR[low]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
                         ("es", ""), ("s", ""), ("d", "")):
        if low.endswith(suffix):
            candidate = low[: -len(suffix)] + repl
            if candidate in KNOWN_VERBS:
                return candidate
            if suffix == "ed" and len(candidate) > 2 and candidate[-1] == candidate[-2]:
                if candidate[:-1] in KNOWN_VERBS:  # "shelled" -> "shell" is above; "stopped" -> "stop"
                    return candidate[:-1]
    return model_lemma.lower()
