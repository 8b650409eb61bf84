"""Syntax questions asked of a trigger's clause: who reported it, is it negated or only possible,
what tense carries it, is it inside a quotation. Pure functions over spaCy tokens.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Token

from timeline.extract.ontology import SPEECH_VERBS

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
DEONTIC_AUX = frozenset({"should", "must", "ought", "shall"})
# What a speaker says the other side wants or prepares to do is the speaker's charge ("Sandu said Russia
# was preparing to attack Moldova": her accusation, not Russia's attack).
WANTING = frozenset({"want", "wish", "desire", "prepare"})
HYPOTHETICAL_AUX = frozenset({"might", "may", "could", "would", "should", "can", "ca"})
# Verbs whose complement has not happened (yet): "plans to meet", "is set to lose".
FUTURE_FRAMES = frozenset({"plan", "intend", "expect", "aim", "prepare", "schedule", "set", "due", "go", "hope",
                           "want", "seek", "propose", "wish", "consider", "offer", "promise", "pledge", "vow",
                           "threaten", "try", "attempt", "need", "have", "urge", "ask", "call", "push", "press",
                           "ready", "willing", "prepared", "poised", "likely", "able", "unlikely", "eager"})
NEGATING_NOUNS = frozenset({"refusal", "failure", "reluctance"})
NEGATING_FRAMES = frozenset({"refuse", "fail", "decline", "deny", "reject", "stop", "halt", "cease", "pause",
                             "end", "avoid", "prevent", "quit"})
# Nouns that suspend the event they govern: "a halt on strikes", "a ban on attacks".
HALTING_NOUNS = frozenset({"halt", "pause", "moratorium", "ban", "end", "ceasefire", "truce", "cessation",
                           "suspension", "stop", "freeze"})
# "despite Ukrainian attacks": what these prepositions introduce has happened, whatever the clause's mood.
PRESUPPOSING = frozenset({"despite", "after", "amid", "following", "since", "during", "before"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# "did not abstain but opposed it": a conjunct set against a negated verb is asserted.
CONTRASTING = frozenset({"but", "yet", "instead"})
# Adverbs that make a clause a habit, not a happening: "rarely criticizes", "regularly strikes".
HABITUAL_ADVERBS = frozenset({"rarely", "seldom", "often", "usually", "regularly", "routinely", "frequently",
                              "generally", "typically", "habitually", "always", "normally", "commonly",
                              "constantly", "customarily"})
# "every night", "each day", "dozens of times": a repeated act, not one happening.
HABITUAL_NOUNS = frozenset({"time", "day", "night", "week", "month", "year", "morning", "evening"})
REPEATING = frozenset({"every", "each", "dozens", "hundreds", "scores", "countless", "numerous"})
# Modifiers that make an act's noun a standing position: "Norway's long-standing support", "longtime backing".
STANDING = frozenset({"long-standing", "longstanding", "longtime", "long-time", "decades-long", "years-long",
                      "age-old", "unwavering", "steadfast", "enduring", "traditional"})
# Modifiers that make an act's noun a possibility, not a happening: "warned of a potential offensive".
POSSIBLE = frozenset({"potential", "possible", "eventual", "prospective", "hypothetical", "would-be"})
# Adverbs that make a material act a figure of speech: "crushing Moldova politically", "ruin them economically".
FIGURATIVE = frozenset({"politically", "economically", "diplomatically", "morally", "symbolically", "financially",
                        "rhetorically", "figuratively", "metaphorically", "psychologically", "emotionally"})
# Dependency labels that carry a clause up to the clause that governs it.
CLAUSE_LINKS = frozenset({"ccomp", "xcomp", "conj", "advcl", "pcomp"})
# Conjunctions that place a clause before or after another, or beside it as a concession or a cause:
# its date is not the governing clause's ("Putin agreed on Friday, after Trump had called"; "accused in
# 2024, although the Kremlin has rejected that"). "When", "as" and "while" join simultaneous clauses.
ORDERING = frozenset({"after", "before", "since", "until", "till", "once", "although", "though", "whereas",
                      "because"})
# Tenses that tell a history (and a past happening of the news)
PAST = frozenset({"past", "past-perfect"})

_QUOTE = re.compile(r"“[^”]*”?|\"[^\"\n]*\"?")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks; an unclosed quote runs to the end of its paragraph."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


def span_at(offset: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span holding a character offset, if any."""
    return next(((start, end) for start, end in spans if start <= offset < end), None)


def in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds the token: itself for a verb, else the nearest verb above it."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def speech_frame(trigger: Token) -> Token | None:
    """The speech or thought verb that reports the trigger's clause ("Putin said he might call
    Trump": said), climbing through complement and coordinated clauses, not through relative ones."""
    node = clause_verb(trigger)
    while node.head.i != node.i and node.dep_ in CLAUSE_LINKS:
        node = node.head
        if node.lemma_ in SPEECH_VERBS:
            return node
    return None


def in_relative_clause(trigger: Token) -> bool:
    """True when the trigger sits in a clause that describes a noun ("the plan that Ukraine
    backed"): such background facts take no date from the sentence they are in."""
    node = trigger
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl") and node.pos_ in ("VERB", "AUX") and not labelled(node):
            return True
        node = node.head
    return False


def labelled(clause: Token) -> bool:
    """A whole statement after a label and a colon ('Communique: "Georgia expressed readiness ..."'), which
    the parser hangs on the label as if it described it: a finite clause with a subject of its own."""
    label = clause.head
    colon = label.i + 1 < len(label.doc) and label.doc[label.i + 1].text == ":"
    finite = clause.tag_ in ("VBD", "VBZ", "VBP") or (clause.tag_ == "VB" and any(
        a.dep_ == "aux" and a.tag_ == "MD" for a in clause.children))  # 'Communique: "Germany will send aid"'
    return colon and finite and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP") for c in clause.children)


def questioned(trigger: Token) -> bool:
    """A word in a clause that asks rather than tells ("Why did Putin invade Ukraine?"): the
    clause a question mark closes, unless it reports the question ("He asked: ...")."""
    doc = trigger.doc
    marks = _question_marks(doc)
    # Only the question marks after the trigger in its sentence, looked up by position: walking the
    # whole sentence for every trigger was quadratic in a long run-on sentence (issue 17).
    for at in marks[bisect_right(marks, trigger.i):bisect_left(marks, trigger.sent.end)]:
        mark = doc[at]
        if mark.head.lemma_ not in SPEECH_VERBS \
                and (trigger.i == mark.head.i or trigger.is_ancestor(mark) or mark.head.is_ancestor(trigger)):
            return not any(t.text in (":", ";") for t in doc[trigger.i:mark.i])
    return False


def _question_marks(doc) -> list[int]:
    """Positions of the doc's question marks, found once per doc."""
    if "question_marks" not in doc.user_data:
        doc.user_data["question_marks"] = [t.i for t in doc if t.text == "?"]
    return doc.user_data["question_marks"]


def wanted(trigger: Token) -> bool:
    """An act someone is said to want ("wants to kill", "wants the war to continue")."""
    node = clause_verb(trigger)
    return node.dep_ in ("xcomp", "ccomp") and node.head.lemma_ in WANTING


def deontic(verb: Token) -> bool:
    """A clause of obligation: "should", "must", "ought to", "shall"."""
    return any(a.lower_ in DEONTIC_AUX for a in auxiliaries(verb))


def conditional(verb: Token) -> bool:
    """An 'if'/'unless' clause."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in verb.children)


def habitual(trigger: Token) -> bool:
    """A habit or a repeated act rather than one happening ("rarely criticizes", "strikes every
    night", "has thanked France dozens of times", "has long questioned"), read off the trigger's own clause."""
    verb = clause_verb(trigger)
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS:
            return True
        if c.dep_ == "advmod" and c.lower_ == "long" and c.i == verb.i - 1 and any(
                a.lower_ in HAVE for a in auxiliaries(verb)):
            return True  # "has long questioned", "have long sought": a standing position, not one act
        if c.dep_ in ("npadvmod", "advmod", "dobj", "prep") and _repeated(c):
            return True
    return False


def standing_or_possible(noun: Token) -> bool:
    """An act's noun that names a standing position ("Norway's long-standing support") or a possibility
    ("a potential offensive"), not a happening."""
    return any(c.dep_ == "amod" and "".join(w.lower_ for w in c.subtree) in STANDING | POSSIBLE for c in noun.children)


def figurative(trigger: Token) -> bool:
    """A material act told as a figure of speech ("crushing Moldova politically"), and the means of one
    ("… by smearing its leaders")."""
    verb = clause_verb(trigger)
    while True:
        if any(c.dep_ == "advmod" and c.lower_ in FIGURATIVE for c in verb.children):
            return True
        if not (verb.dep_ == "pcomp" and verb.head.lower_ == "by" and verb.head.head.pos_ == "VERB"):
            return False
        verb = verb.head.head


def _repeated(phrase: Token) -> bool:
    words = list(phrase.subtree)
    return any(w.lemma_ in HABITUAL_NOUNS and any(d.lower_ in REPEATING for d in words if d.i < w.i) for w in words)


def auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def context_of(trigger: Token) -> tuple[str, str]:
    """(context, why): negated, hypothetical, future or "" (asserted), read off the trigger's
    verb and the verbs that frame it up to the reporting verb."""
    governor = trigger.head.head if trigger.head.dep_ == "prep" else trigger.head
    if trigger.pos_ == "NOUN":
        # The parser often hangs "on strikes" on the verb rather than on "the halt" before it.
        halting = [governor] + ([c for c in governor.children if c.dep_ == "dobj"]
                                if trigger.head.lower_ == "on" else [])
        for word in halting:
            if word.lemma_ in HALTING_NOUNS | NEGATING_FRAMES:
                return "negated", f"'{word.text}' on it"
        if trigger.dep_ == "pobj" and trigger.head.lower_ in PRESUPPOSING:
            return "", ""
    node = clause_verb(trigger)
    contrasted = False
    while True:
        if not contrasted and any(c.dep_ == "neg" for c in node.children):
            return "negated", f"negated ('{node.text}')"
        auxes = {a.lower_ for a in auxiliaries(node)}
        if auxes & HYPOTHETICAL_AUX:
            return "hypothetical", f"modal '{sorted(auxes & HYPOTHETICAL_AUX)[0]}'"
        if auxes & FUTURE_AUX:
            return "future", "future tense"
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return "hypothetical", "conditional clause"
        if node.dep_ == "acl" and node.head.lemma_ in NEGATING_NOUNS:
            return "negated", f"'{node.head.text}' to"  # "the refusal of Yanukovych to sign"
        if node.head.i == node.i or node.dep_ not in CLAUSE_LINKS or node.head.lemma_ in SPEECH_VERBS:
            return "", ""
        frame = node.head
        if pending(node):
            return "negated", f"'{frame.text} yet to': not done by then"
        if node.dep_ == "xcomp" and frame.lemma_ in NEGATING_FRAMES:
            return "negated", f"'{frame.text}' to"
        if node.dep_ in ("xcomp", "ccomp") and frame.lemma_ in FUTURE_FRAMES:
            return "future", f"complement of '{frame.text}'"
        contrasted = node.dep_ == "conj" and _contrasted(node)
        node = frame


# "the envoys will hold talks soon, but she gave no word on when": the day of a plan the text says was not given
WITHHOLDING = frozenset({"say", "specify", "give", "disclose", "reveal", "indicate", "announce"})


def time_withheld(trigger: Token) -> bool:
    """The trigger's sentence says the day was not given: "did not specify when", "without saying when"."""
    return any(t.lower_ == "when" and t.head.lemma_ in WITHHOLDING
               and (any(c.dep_ == "neg" for c in t.head.children) or t.head.head.lower_ == "without")
               for t in trigger.sent)


def _contrasted(conjunct: Token) -> bool:
    """ "did not abstain but opposed it": the conjunct is joined to its head by a contrasting word."""
    return any(c.dep_ == "cc" and c.lower_ in CONTRASTING and conjunct.head.i < c.i < conjunct.i
               for c in conjunct.head.children)


def pending(clause: Token) -> bool:
    """'Hamas has yet to accept', 'the deal is yet to be signed': a complement of have/be with 'yet', not
    done by the time it is told."""
    frame = clause.head
    return clause.dep_ == "xcomp" and frame.lemma_ in ("have", "be") and any(c.lower_ == "yet" for c in frame.children)


PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
HAVE = frozenset({"has", "have", "had", "'ve", "'d"})
# Auxiliaries a coordinated verb shares with the first ("has accused and warned"); "be" is not shared
# ("troops are advancing and seized the town").
SHARED_AUX = FUTURE_AUX | HYPOTHETICAL_AUX | HAVE


def tense_of(verb: Token) -> str:
    """'future', 'modal', 'past-perfect', 'perfect', 'present-progressive', 'present',
    'past-progressive', 'past' or 'none' for a clause verb."""
    auxes = auxiliaries(verb)
    shared = not auxes and verb.dep_ == "conj" and verb.tag_ != "VBZ"
    if shared:  # "has accused Kyiv and warned", "will meet Putin and discuss": the auxiliary is shared
        auxes = [a for a in auxiliaries(verb.head) if a.lower_ in SHARED_AUX]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if words & HYPOTHETICAL_AUX:
        return "modal"
    participle = verb.tag_ in ("VBN", "VBG") or (shared and verb.tag_ == "VBD")  # "warned" read as a past
    if "had" in words and participle:
        return "past-perfect"
    if words & (HAVE - {"had", "'d"} | {"'s"}) and participle and not (
            verb.tag_ == "VBG" and words & PRESENT_BE and not words & {"been"}):
        return "perfect"
    if verb.tag_ == "VBG" and words & PRESENT_BE:
        return "present-progressive"
    if verb.tag_ in ("VBZ", "VBP") or words & PRESENT_BE - {"'s"}:
        return "present"
    if verb.tag_ == "VBG" and words & {"was", "were"}:
        return "past-progressive"
    if verb.tag_ == "VBD" or words & {"was", "were", "did"}:
        return "past"
    return "none"


def finite_tense(verb: Token) -> str:
    """The tense of a clause, a participle or gerund taking that of the finite verb above it ("the
    resolution passed, with Ukraine voting yes": past)."""
    tense, node = tense_of(verb), verb
    while tense == "none" and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            tense = tense_of(node)
    return tense


def ordered(clause: Token) -> bool:
    """A clause placed before or after the one it hangs from ("after Trump called")."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ORDERING for c in clause.children)
