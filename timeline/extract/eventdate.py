"""When did an event happen? The date rules of DESIGN.md applied to one trigger.

Order: the clause's own expression; else one that governs its clause (climbing through complement,
coordinated and reporting clauses: "Putin told reporters on Thursday: 'we agree'"); else the sentence's
only date, when it is said of a main clause; else the discourse (basis ``context``): a definite event
noun's dated antecedent ("the invasion"), the day the same speaker spoke (discourse.py), the time a
history's last sentence set; else the publication date (or a roundup header's day) when the tense
reports the happening as going on then: the present progressive, a statement in the present; else
unknown. After the whole article, :meth:`DateFinder.settle` gives undated events the date of the same
happening told elsewhere, then the article's news day to what it narrates in the simple past.

Past and perfect clauses with no date are never put on the publication day: news names the day of what
is news, and what it leaves undated is background; a perfect outside the lede is indefinite. A plan or
a possibility is dated only as a statement (the day it was stated). Not the event's date: one inside a
noun phrase ("Russia's 2022 invasion"), a comparison ("the biggest since 2011"), a relative clause, a
later coordinated clause, a clause placed before or after it. Durations and sets never date an event.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from timeline.extract import clauses
from timeline.extract.actors import MentionIndex
from timeline.extract.discourse import SpeakerOccasions, corefer, on_news_day, same_family
from timeline.schema import Actor, Event, Timex


@dataclass(frozen=True)
class EventDate:
    date_start: date | None
    date_end: date | None
    precision: str
    value: str
    mod: str
    text: str
    basis: str
    reason: str


# Dependencies by which a date written inside a noun phrase belongs to that noun.
NOUN_MODIFIERS = frozenset({"compound", "nummod", "poss", "amod", "nmod"})
# "the biggest invasion since 1945", "the first such vote in a decade": a comparison, not a date.
COMPARATIVES = frozenset({"first", "last", "only", "next"})
# Prepositions by which a dated noun is the occasion of the verb it hangs from ("said in Tuesday's statement").
OCCASION_PREPS = frozenset({"in", "during", "at"})
# Determiners that make an event noun name a happening already told ("the invasion").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Conjunctions that place a clause before or after another, or beside it as a concession or a cause:
# its date is not the governing clause's ("Putin agreed on Friday, after Trump had called"; "accused in
# 2024, although the Kremlin has rejected that"). "When", "as" and "while" join simultaneous clauses.
ORDERING = frozenset({"after", "before", "since", "until", "till", "once", "although", "though", "whereas",
                      "because"})


class DateFinder:
    def __init__(self, doc: Doc, timexes: list[Timex], published: date | None,
                 mentions: MentionIndex | None = None):
        self.doc, self.published = doc, published
        self._by_anchor: dict[int, list[tuple[Timex, bool]]] = {}
        self._by_sentence: dict[int, list[tuple[Token, Timex]]] = {}
        for timex in timexes:
            if timex.type not in ("DATE", "TIME"):
                continue
            span = doc.char_span(timex.begin, timex.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            since = span.start > 0 and doc[span.start - 1].lower_ == "since"
            anchor = self._anchor(span.root)
            self._by_anchor.setdefault(anchor.i, []).append((timex, since))
            self._by_sentence.setdefault(span.root.sent.start, []).append((anchor, timex))
        self.occasions = SpeakerOccasions(doc, self, mentions)
        # Roundup headers ("Here is the situation on Saturday, March 1:"), last first: the day their
        # section reports as now.
        self._headers = sorted(((start, timex) for start, anchored in self._by_sentence.items() for _, timex in anchored
                                if timex.precision == "day" and timex.range_start is not None
                                and _is_header(doc[start].sent.text)), key=lambda h: -h[0])
        # The lede: the first sentence that is not a heading or a caption-length line.
        self._lede = next((sent.start for sent in doc.sents
                           if len(sent) >= 8 and not sent.text.lstrip().startswith("#")), 0)
        # Undated asserted triggers that may take a date from the article, and the tense of their clause.
        self._borrowers: dict[tuple[int, str], str] = {}
        self.news_day = _news_day(timexes, published)

    @staticmethod
    def _anchor(root: Token) -> Token:
        """The word a date expression modifies: the first verb or event noun above it."""
        if root.dep_ in NOUN_MODIFIERS and root.head.pos_ == "NOUN" and root.head.i != root.i:
            noun = root.head
            occasion = noun.head if noun.dep_ == "pobj" and noun.head.lower_ in OCCASION_PREPS else None
            if occasion is not None and occasion.head.pos_ == "VERB":
                return occasion.head  # "launched in an overnight strike", "said in Tuesday's statement"
            return noun  # "Russia's 2022 invasion", "last year's vote": the noun's date
        compared = _compared(root)
        if compared is not None:
            return compared
        node = root.head
        while node.head.i != node.i and node.pos_ not in ("VERB", "AUX", "NOUN"):
            node = node.head
        if node.pos_ == "NOUN" and node.dep_ in ("pobj", "dobj", "npadvmod") and node.head.i != node.i:
            # "in 2022" under "troops" still dates the verb that sends them.
            verb = clauses.clause_verb(node)
            return verb if verb.pos_ in ("VERB", "AUX") and node.dep_ != "npadvmod" else node
        return node

    def at(self, token: Token) -> tuple[Timex, bool] | None:
        """The date expression anchored on a word, and whether it follows "since"."""
        found = self._by_anchor.get(token.i)
        return found[0] if found else None

    def date_for(self, trigger: Token, frame: Token | None, speaker: Actor | None = None,
                 voice: Actor | None = None) -> EventDate:
        """The date of the event a trigger carries. ``speaker`` reports it; ``voice`` is actor1 when
        the act is itself verbal ("he asked", "Zelensky called for"): either dates it by their occasion."""
        context, _ = clauses.context_of(trigger)
        planned = context in ("future", "hypothetical")
        future = planned or clauses.tense_of(clauses.clause_verb(trigger)) in ("future", "modal")
        own = self.at(trigger)
        if own is not None:
            return self._from_timex(*own, "the clause's own date", future)
        node = clauses.clause_verb(trigger)
        if clauses.in_relative_clause(trigger):
            participle = _participle(trigger)
            if participle is None:
                self._borrowers[(trigger.sent.start_char, trigger.lemma_)] = "relative clause"
                return self._unknown("no date of its own, and a relative clause takes none from its sentence")
            node = clauses.clause_verb(participle.head)  # "pushed their resolution calling for an end"
        while True:
            found = self.at(node) if node.i != trigger.i else None
            if found is not None:
                how = "the date of the report" if (frame is not None and node.i == frame.i) else "the date of the governing clause"
                return self._from_timex(*found, how, future)
            if node.head.i == node.i or node.dep_ not in clauses.CLAUSE_LINKS or _ordered(node):
                break
            node = node.head
        found = self._sentence_date(trigger)
        if found is not None:
            return self._from_timex(found, False, "the sentence's only date", future)
        antecedent = self._antecedent(trigger)
        if antecedent is not None:
            word, timex, since = antecedent
            return self._from_timex(timex, since, f"'{word.text}' dated elsewhere in the article", future,
                                    basis="context")
        if planned:
            # A plan or a possibility is dated only as a statement: the day its speaker stated it.
            spoken = self._spoken(speaker, trigger) if speaker is not None else None
            return spoken or self._unknown(f"no date in the text for a {context} happening")
        return self._undated(trigger, frame, speaker, voice)

    def _spoken(self, speaker: Actor, trigger: Token) -> EventDate | None:
        """The day the speaker spoke, from the nearest dated statement of theirs in the article."""
        found = self.occasions.nearest(speaker, trigger)
        if found is None:
            return None
        timex, since, where = found
        return self._from_timex(timex, since, f"the day {speaker.name} spoke, {where}", False, basis="context")

    def _antecedent(self, trigger: Token) -> tuple[Token, Timex, bool] | None:
        """'the invasion', 'Russia's invasion', 'the talks': a definite event noun names a happening
        the reader already knows; the nearest word of its family the article dates is its date."""
        if trigger.pos_ != "NOUN" or not any(c.dep_ == "poss" or c.lower_ in DEFINITE for c in trigger.children):
            return None
        dated = [(self.doc[i], *found[0]) for i, found in self._by_anchor.items()
                 if self.doc[i].sent.start != trigger.sent.start and same_family(self.doc[i].lemma_, trigger.lemma_)]
        return min(dated, key=lambda d: abs(d[0].i - trigger.i)) if dated else None

    def _sentence_date(self, trigger: Token) -> Timex | None:
        """The sentence's only date, when it is said of a main clause (not of a noun, a relative
        clause or a clause placed before or after another) and the trigger is not in such a clause."""
        anchored = self._by_sentence.get(trigger.sent.start, ())
        if len({t.value for _, t in anchored}) != 1:
            return None
        anchor, timex = anchored[0]
        if anchor.pos_ == "NOUN" or any(_subordinate(n) for n in (anchor, clauses.clause_verb(trigger))):
            return None
        if anchor.dep_ == "conj" and anchor.pos_ in ("VERB", "AUX"):
            return None  # "accused Hamas ... and on 18 March resumed strikes": the later clause's own time
        return timex

    def _undated(self, trigger: Token, frame: Token | None, speaker: Actor | None, voice: Actor | None) -> EventDate:
        """No date in the sentence: the speaker's occasion, or publication when the tense says so.

        A perfect outside the lede ("Russia has warned ...") is indefinite background: it takes no
        date from the rest of the article. In the lede it is the news ("Putin has said he agrees").
        """
        if self.published is None:
            return self._unknown("no date in the text and no publication date")
        clause = clauses.clause_verb(trigger)
        own, said = _finite_tense(clause), clauses.tense_of(frame) if frame is not None else ""
        indefinite = "perfect" in (own, said) and trigger.sent.start != self._lede
        narrated = _narrated(trigger)
        who = speaker or (voice if own == "past" else None)
        if who is not None and narrated and not indefinite and said not in ("present", "present-progressive"):
            spoken = self._spoken(who, trigger)
            if spoken is not None:
                return spoken
        if narrated and own == "past" and frame is None:
            earlier = self._narrative_time(trigger)
            if earlier is not None:
                return self._from_timex(earlier, False, "the time the narrative is in, from the sentence before", False,
                                        basis="context")
        now = _now(clause, own, frame, said) if narrated else ""
        if now:
            header = next((t for start, t in self._headers if start < trigger.sent.start), None)
            if header is not None:
                day = header.range_start
                return EventDate(day, day, "day", day.isoformat(), header.mod, header.text, "context",
                                 f"no date in its sentence; {now} reports it on the day its section is about "
                                 f"('{header.text}')")
            day = self.published
            return EventDate(day, day, "day", day.isoformat(), "", "", "tense",
                             f"no date in the text; {now} reports it at publication")
        if not indefinite:
            self._borrowers[(trigger.sent.start_char, trigger.lemma_)] = (said or own) if narrated else "noun"
        tense = said or own
        why = "indefinite: a perfect outside the lede" if indefinite else "does not place it at publication"
        return self._unknown(f"no date in the text, and '{(frame or clause).text}' ({tense}) {why}")

    def _narrative_time(self, trigger: Token) -> Timex | None:
        """'In 2014, Putin saw signs ... Putin annexed Crimea': a history goes on in the time its last
        sentence set, when that sentence's main clause is in the past and dated more than a year before
        publication, and the sentence names no time of its own."""
        start = trigger.sent.start
        if start == 0 or self.published is None or start in self._by_sentence:
            return None
        before = self.doc[start - 1].sent
        times = {t.value for _, t in self._by_sentence.get(before.start, ())}
        if clauses.tense_of(before.root) != "past" or len(times) != 1:
            return None  # "died between 2014 and 2022": no one time set
        found = self.at(before.root)
        if found is None or found[1] or found[0].range_end is None:
            return None
        timex = found[0]
        return timex if (self.published - timex.range_end).days > 365 else None

    def _from_timex(self, timex: Timex, since: bool, how: str, future: bool, basis: str = "") -> EventDate:
        basis = basis or {"explicit": "explicit", "relative": "relative"}.get(timex.basis, "unknown")
        if timex.range_start is None:
            return EventDate(None, None, "unknown", timex.value, timex.mod, timex.text, "unknown",
                             f"'{timex.text}' cannot be placed on the calendar ({how}; no publication date to resolve it)")
        if since:
            end = max(self.published, timex.range_end) if self.published else timex.range_end
            return EventDate(timex.range_start, end, "range", timex.value, timex.mod, f"since {timex.text}", basis,
                             f"date from 'since {timex.text}' ({how}): open-ended, drawn up to publication")
        end, note = timex.range_end, ""
        if not future and self.published is not None and timex.range_start <= self.published < timex.range_end:
            end, note = self.published, ", up to publication"  # "this week": what happened is not after the report
        return EventDate(timex.range_start, end, timex.precision, timex.value, timex.mod, timex.text,
                         basis, f"date from '{timex.text}' ({how}{note})")

    def settle(self, events: list[Event]) -> list[Event]:
        """After the whole article: undated happenings take the day the article gives the same
        happening elsewhere (discourse.corefer), else, told in the simple past, the article's news
        day (discourse.on_news_day); indefinite ones (a perfect outside the lede) take neither."""
        def tense(event: Event) -> str:
            sent = self.doc.char_span(event.sent_start, event.sent_end, alignment_mode="expand")
            return self._borrowers.get((sent.sent.start_char, event.trigger.split()[0]), "") if sent else ""
        events = corefer(events, lambda e: bool(tense(e)))
        if self.news_day is None:
            return events
        return on_news_day(events, self.news_day, lambda e: tense(e) in NARRATED)

    @staticmethod
    def _unknown(reason: str) -> EventDate:
        return EventDate(None, None, "unknown", "", "", "", "unknown", reason)


# Tenses that narrate the news: what they tell with no date happened on the article's news day.
NARRATED = frozenset({"past", "past-progressive"})
NEWS_WINDOW_DAYS = 14  # a follow-up story still names the day of its news ("on 18 March resumed strikes")


def _news_day(timexes: list[Timex], published: date | None) -> date | None:
    """The article's news day: the only day of the two weeks before publication it names ("on Monday"),
    "now" and "today" aside. None when it names none, or several (then each happening needs its own)."""
    if published is None:
        return None
    days = {t.range_start for t in timexes if t.type == "DATE" and t.precision == "day" and t.value != "PRESENT_REF"
            and t.range_start is not None and 0 <= (published - t.range_start).days <= NEWS_WINDOW_DAYS}
    return days.pop() if len(days) == 1 else None


HEADER_WORDS = 15


def _is_header(text: str) -> bool:
    """A line that introduces a section rather than tells a happening: short, and ending in a colon."""
    text = text.strip()
    return text.endswith(":") and len(text.split()) <= HEADER_WORDS


def _participle(trigger: Token) -> Token | None:
    """The participle a trigger's clause is when it describes a noun without a relative pronoun ("a
    resolution calling for peace", "drones launched by Russia"): told as part of the clause that has
    the noun, it shares that clause's time. None for a full relative clause ("the plan that Ukraine
    backed"), which is background."""
    node = trigger
    while node.head.i != node.i and node.dep_ not in ("relcl", "acl"):
        node = node.head
    subject_or_mark = any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in node.children)
    return node if node.dep_ == "acl" and node.tag_ in ("VBG", "VBN") and not subject_or_mark else None


def _finite_tense(verb: Token) -> str:
    """The tense of a clause, a participle or gerund taking that of the finite verb above it ("the
    resolution passed, with Ukraine voting yes": past)."""
    tense, node = clauses.tense_of(verb), verb
    while tense == "none" and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            tense = clauses.tense_of(node)
    return tense


def _narrated(trigger: Token) -> bool:
    """Whether the trigger's clause tells its happening, so the clause's time is its time. A noun's
    happening has that time only as the subject of an event verb ("contacts continue") or as what a
    copula predicates ("we are in favour"); "Putin said the invasion was a crime", "following Russia's
    invasion" do not date the invasion."""
    if trigger.pos_ != "NOUN":
        return True
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        return trigger.head.lemma_ != "be"
    return trigger.dep_ == "attr" or (trigger.dep_ == "pobj" and trigger.head.head.lemma_ == "be")


def _now(clause: Token, own: str, frame: Token | None, said: str) -> str:
    """Why the tense places the happening at publication, or "" when it does not: the present
    progressive ("troops are storming"), a statement in the present ("Hamas says it supports"), a
    present kept in reported speech ("Peskov said contacts continue": still so as the article is written)."""
    if frame is not None and said in ("present", "present-progressive"):
        return f"'{frame.text}' (a statement in the present)"
    if own == "present-progressive" or (frame is not None and own == "present"):
        return f"'{clause.text}' ({own.replace('-', ' ')})"
    return ""


def _compared(root: Token) -> Token | None:
    """'the biggest invasion since 1945', 'launched its largest attack since 2022': the superlative or
    ordinal noun a date measures, hung on the noun or on the verb that takes it."""
    prep = root.head
    if prep.dep_ != "prep" or prep.lower_ not in ("since", "in", "for"):
        return None
    head = prep.head
    nouns = [head] if head.pos_ == "NOUN" else [c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    return next((n for n in nouns if any(c.tag_ in ("JJS", "RBS") or c.lower_ in COMPARATIVES for c in n.children)),
                None)


def _ordered(clause: Token) -> bool:
    """A clause placed before or after the one it hangs from ("after Trump called")."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ORDERING for c in clause.children)


def _subordinate(token: Token) -> bool:
    """Inside a relative clause, or a clause ordered before or after another."""
    node = token
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl") or _ordered(node):
            return True
        node = node.head
    return False
