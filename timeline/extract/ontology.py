"""Event triggers -> PLOVER event type, mode and QuadClass.

The lexicon is keyed by lemma. Verbs and nouns are separate tables because the same lemma can
mean different things ("strike" the verb vs. "strikes" the noun are both ASSAULT, but "talk" the
verb is only CONSULT with a partner while "talks" the noun always is). Some verbs take their type
from their object ("send troops" vs. "send aid"): those are resolved by ``object_type``.
"""
from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Sense:
    event_type: str
    mode: str = ""

    @property
    def quad_class(self) -> int:
        return QUAD_CLASS[self.event_type]


def _table(spec: dict[str, tuple[str, ...]], mode: str = "") -> dict[str, Sense]:
    return {lemma: Sense(event_type, mode) for event_type, lemmas in spec.items() for lemma in lemmas}


VERBS: dict[str, Sense] = {
    **_table({
        "AGREE": ("agree", "accept", "sign", "approve", "promise", "pledge", "commit", "ratify", "offer", "propose"),
        "CONSULT": ("meet", "negotiate", "discuss", "consult", "host", "confer", "talk"),
        "SUPPORT": ("support", "back", "thank", "praise", "welcome", "endorse", "hail", "commend", "applaud",
                    "congratulate", "recognise", "recognize", "favour", "favor"),
        "CONCEDE": ("concede", "yield", "ease", "lift", "release", "free", "surrender"),
        "COOPERATE": ("cooperate", "collaborate", "coordinate", "exchange", "swap"),
        "AID": ("aid", "assist", "supply", "donate", "fund", "arm", "train"),
        "RETREAT": ("withdraw", "retreat", "evacuate", "demobilise", "demobilize"),
        "REQUEST": ("urge", "ask", "demand", "appeal", "request", "press", "seek", "hope", "implore", "plead",
                    "invite"),
        "ACCUSE": ("accuse", "blame", "condemn", "criticise", "criticize", "denounce", "slam", "decry"),
        "REJECT": ("reject", "refuse", "deny", "dismiss", "veto", "oppose", "rebuff", "boycott"),
        "THREATEN": ("threaten", "warn"),
        "PROTEST": ("protest", "demonstrate", "rally"),
        "SANCTION": ("sanction", "expel", "ban", "embargo", "suspend", "freeze"),
        "MOBILIZE": ("mobilise", "mobilize", "deploy", "reinforce", "conscript", "mass"),
        "COERCE": ("arrest", "detain", "jail", "imprison", "blockade", "annex", "deport", "abduct"),
        "ASSAULT": ("attack", "strike", "bomb", "shell", "invade", "advance", "kill", "shoot", "fire", "hit",
                    "target", "destroy", "assault", "raid", "fight", "capture", "occupy", "besiege",
                    "storm", "bombard", "wound", "massacre", "execute", "torture", "down"),
    }),
    "visit": Sense("CONSULT", "visit"),
    "call": Sense("CONSULT", "phone"),
    "phone": Sense("CONSULT", "phone"),
}

NOUNS: dict[str, Sense] = {
    **_table({
        "AGREE": ("agreement", "deal", "accord", "truce", "treaty", "pledge", "proposal", "offer"),
        "CONSULT": ("talk", "meeting", "summit", "negotiation", "consultation", "conversation", "discussion"),
        "SUPPORT": ("support", "endorsement", "recognition"),
        "CONCEDE": ("concession", "release"),
        "COOPERATE": ("cooperation", "exchange", "swap"),
        "AID": ("aid", "assistance"),
        "RETREAT": ("withdrawal", "retreat", "evacuation"),
        "REQUEST": ("demand", "appeal", "request"),
        "ACCUSE": ("accusation", "condemnation", "criticism"),
        "REJECT": ("rejection", "refusal", "veto"),
        "THREATEN": ("threat", "warning", "ultimatum"),
        "PROTEST": ("protest", "demonstration", "rally"),
        "SANCTION": ("sanction", "embargo", "expulsion"),
        "MOBILIZE": ("mobilisation", "mobilization", "deployment", "buildup", "build-up"),
        "COERCE": ("arrest", "detention", "blockade", "annexation", "deportation"),
        "ASSAULT": ("attack", "strike", "airstrike", "offensive", "invasion", "assault", "bombing", "shelling",
                    "raid", "incursion", "bombardment", "counteroffensive", "counter-offensive"),
    }),
    "visit": Sense("CONSULT", "visit"),
    "call": Sense("CONSULT", "phone"),
}

# Verbs whose event is the noun they take ("launch an attack", "hold talks", "impose sanctions"):
# the pair is one event, typed by the noun, carried by the verb's clause.
LIGHT_VERBS = frozenset({"launch", "hold", "conduct", "carry", "make", "have", "stage", "impose", "mount",
                         "begin", "start", "continue", "resume", "open", "announce", "order", "step",
                         "give", "issue", "sign", "reach", "broker", "agree", "accept", "back", "support",
                         "reject", "approve", "propose", "offer"})

# Verbs that report speech or thought: what they report is coded, attributed to their subject.
SPEECH_VERBS = frozenset({"say", "tell", "add", "announce", "state", "declare", "claim", "insist", "stress",
                          "note", "write", "report", "explain", "reply", "respond", "suggest", "think",
                          "believe", "argue", "confirm", "acknowledge", "indicate", "signal", "tweet",
                          "post", "assert", "contend", "predict", "vow"})

# Objects that decide what "send", "give" or "provide" means.
_TROOPS = frozenset({"troop", "soldier", "force", "army", "unit", "brigade", "battalion", "division",
                     "personnel", "mercenary", "fighter"})
_MATERIEL = frozenset({"aid", "weapon", "arm", "missile", "tank", "ammunition", "money", "fund", "assistance",
                       "equipment", "jet", "system", "supply", "food", "fuel", "package", "help", "shell"})
OBJECT_VERBS = frozenset({"send", "give", "provide", "deliver", "ship", "transfer", "dispatch"})


def object_type(verb: str, object_lemma: str) -> Sense | None:
    """The sense of a verb that depends on its object ("send troops" vs. "send weapons")."""
    if verb not in OBJECT_VERBS:
        return None
    if object_lemma in _TROOPS:
        return Sense("MOBILIZE", "troops")
    if object_lemma in _MATERIEL:
        return Sense("AID", "materiel")
    return None


def verb_sense(lemma: str) -> Sense | None:
    return VERBS.get(lemma.lower())


def noun_sense(lemma: str) -> Sense | None:
    return NOUNS.get(lemma.lower())


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
KNOWN_VERBS = frozenset(VERBS) | LIGHT_VERBS | SPEECH_VERBS | OBJECT_VERBS


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
