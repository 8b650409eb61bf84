"""When did an event happen? The date rules of DESIGN.md applied to one trigger.

Order: the clause's own expression; else one that governs its clause (climbing through complement,
coordinated and reporting clauses: "Putin told reporters on Thursday: 'we agree'"); else the sentence's
only date, when it is said of a main clause; a relative clause's, when it is told of a date, has one of its
own, or tells in the past of a dated happening (in the present, what a text says takes the time of the
act on the text: dateclauses.acted_on); else the discourse (basis ``context``): a definite event noun's dated
antecedent ("the invasion"), the day the same speaker spoke (discourse.py), the time a history set;
else the publication date (or a roundup header's day) when the tense reports the happening as going on
then: the present progressive, a statement in the present; else unknown. After the whole article,
:meth:`DateFinder.settle` gives undated events the date of the same happening told elsewhere, then the
article's news day (or its story's span) to what it narrates in the simple past, then a lead-up counted
in days its days up to what it led to.

Past and perfect clauses with no date are never put on the publication day: news names the day of what
is news, and what it leaves undated is background; a perfect outside the lede is indefinite. A plan or
a possibility is dated only as a statement (the day it was stated). Not the event's date: one inside a
noun phrase ("Russia's 2022 invasion"), a comparison ("the biggest since 2011"), a relative clause of
anything else, a later coordinated clause, a clause placed before or after it, "now" for what is done.
Durations and sets never date an event, except a stretch counted back from the report ("in the past
two years") and the length of a lead-up ("after three days of talks").
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from timeline.extract import articletime, clauses, datebounds, dateclauses
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
# Determiners that make an event noun name a happening already told ("the invasion").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
class DateFinder:
    def __init__(self, doc: Doc, timexes: list[Timex], published: date | None,
                 mentions: MentionIndex | None = None):
        self.doc, self.published = doc, published
        self._quotes = clauses.quote_spans(doc.text)
        self._by_anchor: dict[int, list[tuple[Timex, bool]]] = {}
        self._by_sentence: dict[int, list[tuple[Token, Timex]]] = {}
        self._within: dict[int, Timex] = {}  # each word of a date expression, to its expression
        self._lasting: dict[int, Timex] = {}  # each word of a duration ("three days"), to its expression
        for timex in timexes:
            if timex.type == "DURATION":
                span = doc.char_span(timex.begin, timex.end, alignment_mode="expand")
                self._lasting.update((tok.i, timex) for tok in span or ())
                timex = articletime.lookback(timex, doc.text, published)
            if timex is None or timex.type not in ("DATE", "TIME"):
                continue
            span = doc.char_span(timex.begin, timex.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            since = span.start > 0 and doc[span.start - 1].lower_ == "since"
            anchor = self._anchor(span.root)
            self._by_anchor.setdefault(anchor.i, []).append((timex, since))
            self._by_sentence.setdefault(span.root.sent.start, []).append((anchor, timex))
            self._within.update((tok.i, timex) for tok in span)
        self.occasions = SpeakerOccasions(doc, self, mentions)
        # Roundup headers ("Where things stand on Tuesday, June 3:"), last first: the day their
        # section reports as now.
        self._headers = sorted(((start, timex) for start, anchored in self._by_sentence.items() for _, timex in anchored
                                if timex.precision == "day" and timex.range_start is not None
                                and articletime.is_header(doc[start].sent.text)), key=lambda h: -h[0])
        # The lede: the first sentence that is not a heading or a caption-length line.
        self._lede = next((sent.start for sent in doc.sents
                           if len(sent) >= 8 and not sent.text.lstrip().startswith("#")), 0)
        # Undated asserted triggers that may take a date from the article, and the tense of their clause.
        self._borrowers: dict[tuple[int, str], str] = {}
        # Undated lead-ups ("after three days of talks"): the verb of what they led to, and their days.
        self._leads: dict[tuple[int, str], tuple[str, int]] = {}
        self.news_days = articletime.news_days(timexes, published, roundup=bool(self._headers))

    @staticmethod
    def _anchor(root: Token) -> Token:
        """The word a date expression modifies: the first verb or event noun above it."""
        before = root.doc[root.i - 1] if root.i > 0 else None
        if root.dep_ == "compound" and before is not None and before.pos_ == "VERB" and root.i == root.head.i - 1:
            return before  # "said Tuesday Kyiv had signed": the parser takes the day for part of the name after it
        if root.dep_ in NOUN_MODIFIERS and root.head.pos_ == "NOUN" and root.head.i != root.i:
            noun = root.head
            occasion = noun.head if noun.dep_ == "pobj" and noun.head.lower_ in dateclauses.OCCASION_PREPS else None
            if occasion is not None and occasion.head.pos_ == "VERB":
                return occasion.head  # "launched in an overnight strike", "said in Tuesday's statement"
            return noun  # "Russia's 2022 invasion", "last year's vote": the noun's date
        compared = dateclauses.compared(root)
        if compared is not None:
            return compared
        node = root.head
        while node.head.i != node.i and node.pos_ not in ("VERB", "AUX", "NOUN"):
            node = node.head
        occasion = node.head if node.dep_ == "acl" and node.tag_ in ("VBN", "VBG") else None
        if occasion is not None and occasion.dep_ == "pobj" and occasion.head.lower_ in dateclauses.OCCASION_PREPS \
                and occasion.head.head.pos_ == "VERB":
            return occasion.head.head  # "said in a video posted on Thursday": the speech's day
        if node.pos_ == "NOUN" and node.dep_ in ("pobj", "dobj", "npadvmod") and node.head.i != node.i:
            # "in 2022" under "troops" still dates the verb that sends them.
            verb = clauses.clause_verb(node)
            return verb if verb.pos_ in ("VERB", "AUX") and node.dep_ != "npadvmod" else node
        return node

    def at(self, token: Token, done: bool = False) -> tuple[Timex, bool] | None:
        """The date expression anchored on a word, and whether it follows "since". ``done``: for a
        clause in the past or the perfect, "now" is no date."""
        found = [f for f in self._by_anchor.get(token.i, ()) if not (done and f[0].value == "PRESENT_REF")]
        return found[0] if found else None

    def date_for(self, trigger: Token, frame: Token | None, speaker: Actor | None = None,
                 voice: Actor | None = None, *, stated: bool = False) -> EventDate:
        """The date of the event a trigger carries. ``speaker`` reports it; ``voice`` is actor1 when
        the act is itself verbal ("he asked", "Zelensky called for"): either dates it by their occasion.
        ``stated``: the act is the speaker's statement of an obligation or an intent, whatever its mood."""
        context, _ = clauses.context_of(trigger)
        planned = context in ("future", "hypothetical")
        future = planned or clauses.tense_of(clauses.clause_verb(trigger)) in ("future", "modal")
        # "the army has now retaken the town": done by now, on a day the text does not give
        done = clauses.tense_of(clauses.clause_verb(trigger)) in DONE
        if planned and clauses.time_withheld(trigger):  # not the day it was said: the text says it has none
            return self._unknown(f"a {context} happening whose day the text says was not given")
        if self.published is not None and clauses.pending(clauses.clause_verb(trigger)) \
                and clauses.tense_of(clauses.clause_verb(trigger).head) in ("present", "perfect"):
            day = self.published  # "Hamas has yet to accept": still not so as the article is written
            return EventDate(day, day, "day", day.isoformat(), "", "", "tense", "'yet to' reports it as not done at publication")
        own = self._as_spoken(self.at(trigger, done), trigger)
        if own is not None:
            timex, how = self._in_history(own[0], trigger)
            return self._from_timex(timex, own[1], how or "the clause's own date", future, basis="context" if how else "")
        node = clauses.clause_verb(trigger)
        if clauses.in_relative_clause(trigger):
            inner = self._relative_own(trigger, done)
            if inner is not None:
                return self._from_timex(*inner, "the date of the relative clause it is part of", future)
            acting = dateclauses.acted_on(trigger)
            if acting is not None:
                # "rejecting a draft that demands a pause": the text says it when it is acted on
                when = self.date_for(acting, frame, speaker, stated=stated)
                told = self._borrowers.get((acting.sent.start_char, acting.lemma_))
                if told:
                    self._borrowers[(trigger.sent.start_char, trigger.lemma_)] = told
                return dataclasses.replace(when, reason=f"what a text says, said when it is acted on "
                                                        f"('{acting.text}'); {when.reason}")
            participle = dateclauses.participle(trigger)
            if participle is None:
                described = self._described(trigger)
                if described is not None:
                    return self._from_timex(*described, future)
                told = clauses.finite_tense(trigger) in PAST and clauses.tense_of(trigger.sent.root) in PAST
                earlier = self._narrative_time(trigger) if told and not future else None
                if earlier is not None:
                    # "the governor had scrapped the reform, sparking rallies that stopped when police
                    # fired": what a history tells in a relative clause is in the history's time too
                    return self._from_timex(earlier, False, "the time the history is in, set by an earlier sentence",
                                            False, basis="context")
                self._borrowers[(trigger.sent.start_char, trigger.lemma_)] = "relative clause"
                return self._unknown("no date of its own, and a relative clause takes none from its sentence")
            node = clauses.clause_verb(participle.head)  # "pushed their resolution calling for an end"
        while True:
            found = self._as_spoken(self.at(node, done), trigger) if node.i != trigger.i else None
            if found is not None:
                how = "the date of the report" if (frame is not None and node.i == frame.i) else "the date of the governing clause"
                return self._from_timex(*found, how, future)
            if node.head.i == node.i or node.dep_ not in clauses.CLAUSE_LINKS or clauses.ordered(node):
                break
            node = node.head
        found = self._sentence_date(trigger, done)
        if found is not None:
            return self._from_timex(found, False, "the sentence's only date", future)
        bound = datebounds.since_then(trigger, self._by_sentence, self.published, HISTORY_REACH) or (
            None if future else datebounds.after_what_it_tells(trigger, self._by_anchor, self.published)
            or datebounds.after_a_dated_happening(trigger, self._by_anchor, self._antecedent, self.published))
        if bound is not None:
            return EventDate(bound.start, bound.end, "range", bound.value, "", bound.text, "context", bound.why)
        # "launched the offensive": a light verb's object names the happening
        antecedent = self._antecedent(trigger) or next(
            (found for obj in trigger.children if obj.dep_ == "dobj" and dateclauses.names_happening(obj)
             for found in [self._antecedent(obj)] if found is not None), None)
        if antecedent is not None:
            word, timex, since = antecedent
            return self._from_timex(timex, since, f"'{word.text}' dated elsewhere in the article", future,
                                    basis="context")
        lead = datebounds.lead_up(trigger, self._lasting)
        if lead is not None:
            self._leads[(trigger.sent.start_char, trigger.lemma_)] = lead
            return self._unknown(f"the days leading up to '{lead[0]}', which the text does not date")
        if planned:
            # A plan or a possibility is dated only as a statement: the day its speaker stated it.
            spoken = self._spoken(speaker, trigger) if speaker is not None else None
            if spoken is None and stated and frame is not None:
                # a demand or an accusation voiced as an obligation or an intent ("partners should act",
                # he added) is the statement itself: told in the past, it is news like any other
                self._borrowers[(trigger.sent.start_char, trigger.lemma_)] = clauses.tense_of(frame)
            return spoken or self._unknown(f"no date in the text for a {context} happening")
        return self._undated(trigger, frame, speaker, voice)

    def _relative_own(self, trigger: Token, done: bool) -> tuple[Timex, bool] | None:
        """'the pause, which Israel accepted on Tuesday following consultations': a word below the verb
        of a relative clause shares that clause's own date, unless a clause placed before or after
        another comes between ('which lapsed on Tuesday after Israel held consultations')."""
        node = trigger
        while node.dep_ not in ("relcl", "acl") or node.pos_ not in ("VERB", "AUX"):
            if node.head.i == node.i or clauses.ordered(node):
                return None
            node = node.head
        return self._as_spoken(self.at(node, done), trigger) if node.i != trigger.i else None

    def _described(self, trigger: Token) -> tuple[Timex, bool, str] | None:
        """A relative clause told of a date ("in 2008, when Russia invaded Georgia") happened then; one
        told in the past of a dated happening ("a 2019 deal that was brokered by France") tells of
        that happening, so it has the noun's date. Not a clause in the present ("the 2022 deal, which
        Russia still breaks"), nor of a noun the sentence does not date."""
        clause = trigger
        while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
            clause = clause.head
        head = clause.head
        if clause.dep_ != "relcl":
            return None
        if head.i in self._within:
            return self._within[head.i], False, "the time the relative clause is told of"
        found = self.at(head)
        if found is None or head.pos_ not in ("NOUN", "PROPN") or clauses.finite_tense(clause) not in ("past", "past-perfect"):
            return None
        return found[0], found[1], f"the date of '{head.text}', the happening the relative clause tells of"

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
        dated = [(word, *found[0]) for i, found in self._by_anchor.items() for word in dateclauses.told_of(self.doc[i])
                 if word.sent.start != trigger.sent.start and same_family(word.lemma_, trigger.lemma_)]
        return min(dated, key=lambda d: abs(d[0].i - trigger.i)) if dated else None

    def _sentence_date(self, trigger: Token, done: bool) -> Timex | None:
        """The sentence's only date, when it is said of a main clause (not of a noun, a relative
        clause or a clause placed before or after another) and the trigger is not in such a clause."""
        anchored = [(a, t) for a, t in self._by_sentence.get(trigger.sent.start, ())
                    if not (done and t.value == "PRESENT_REF")]
        if len({t.value for _, t in anchored}) != 1:
            return None
        anchor, timex = anchored[0]
        if anchor.pos_ == "NOUN" or any(dateclauses.subordinate(n) for n in (anchor, clauses.clause_verb(trigger))):
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
        own, said = clauses.finite_tense(clause), clauses.tense_of(frame) if frame is not None else ""
        indefinite = "perfect" in (own, said) and trigger.sent.start != self._lede
        narrated = dateclauses.narrated(trigger)
        # the voice's occasion dates what it says ("he asked"), not a happening named by a noun ("their meeting")
        who = speaker or (voice if own == "past" and trigger.pos_ in ("VERB", "AUX") else None)
        if who is not None and narrated and not indefinite and said not in ("present", "present-progressive"):
            spoken = self._spoken(who, trigger)
            if spoken is not None:
                return spoken
        if narrated and own in PAST and frame is None:
            earlier = self._narrative_time(trigger)
            if earlier is not None:
                return self._from_timex(earlier, False, "the time the history is in, set by an earlier sentence", False,
                                        basis="context")
        # "'We urge every government to act,' she said": a present quoted under a past report is the
        # time of the speech, not of the article
        quoted = frame is not None and said in PAST and clauses.in_spans(trigger.idx, self._quotes)
        # "the minister has stressed that Kyiv is ready for talks": reported by an indefinite perfect,
        # the present is as indefinite as the report
        now = _now(clause, own, frame, said) if narrated and not quoted and not (indefinite and said == "perfect") else ""
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
            # the lede's perfect tells the news ("Kyiv and Moscow have traded accusations ...")
            told = "past" if (said or own) == "perfect" else (said or own)
            self._borrowers[(trigger.sent.start_char, trigger.lemma_)] = told if narrated else "noun"
        tense = said or own
        why = "indefinite: a perfect outside the lede" if indefinite else "does not place it at publication"
        return self._unknown(f"no date in the text, and '{(frame or clause).text}' ({tense}) {why}")

    def _as_spoken(self, found: tuple[Timex, bool] | None, trigger: Token) -> tuple[Timex, bool] | None:
        """'The minister said on Tuesday: "we signed it yesterday"': a day named from the speaker's
        "today" inside a quotation counts from the day of the speech, when the report gives it."""
        if found is None or found[0].text.lower() not in SPEAKERS_DAYS or found[0].range_start is None \
                or self.published is None or not clauses.in_spans(found[0].begin, self._quotes):
            return found
        frame = clauses.speech_frame(trigger)
        spoken = self.at(frame) if frame is not None else None
        if spoken is None or spoken[1] or spoken[0].precision != "day" or spoken[0].range_start is None:
            return found
        shift = spoken[0].range_start - self.published
        timex = found[0]
        day = timex.range_start + shift
        return dataclasses.replace(timex, value=day.isoformat(), range_start=day, range_end=timex.range_end + shift,
                                   text=f"{timex.text}, said {spoken[0].text}"), found[1]

    def _in_history(self, timex: Timex, trigger: Token) -> tuple[Timex, str]:
        """'The standoff lasted until 2019 ... At dawn on March 2, the army crossed the border': a day
        written without its year, in a past sentence that goes on with a history, is in the history's
        year, not the publication's."""
        if (timex.precision != "day" or timex.basis != "relative" or YEAR.search(timex.text)
                or timex.range_start is None or clauses.finite_tense(clauses.clause_verb(trigger)) not in PAST):
            return timex, ""
        then = self._history_before(trigger.sent)
        if then is None or then.range_start.year != then.range_end.year:
            return timex, ""
        try:
            day = timex.range_start.replace(year=then.range_start.year)
        except ValueError:  # 29 February
            return timex, ""
        dated = dataclasses.replace(timex, value=day.isoformat(), range_start=day, range_end=day)
        return dated, f"the clause's own date, in {then.range_start.year}, the year of the history it goes on with"

    def _narrative_time(self, trigger: Token) -> Timex | None:
        """'In 2014, Putin saw signs ... Putin annexed Crimea': a history goes on in the time it last set,
        more than a year before publication, while its sentences tell the past with no time of their own
        ("... started in 2013. Lukashenko had rejected the offer. He later visited Moscow."). The time is
        the one time of a sentence's main clause or a clause coordinated with it, told in the past."""
        if trigger.sent.start in self._by_sentence:
            return None
        return self._history_before(trigger.sent)

    def _history_before(self, sent) -> Timex | None:
        """The time a history set before a sentence (see :meth:`_narrative_time`), or None."""
        if self.published is None:
            return None
        for _ in range(HISTORY_REACH):
            if sent.start == 0:
                return None
            sent = self.doc[sent.start - 1].sent
            anchored = self._by_sentence.get(sent.start, ())
            if anchored:
                break
            if clauses.tense_of(sent.root) not in PAST:
                return None  # the history has stopped
        else:
            return None
        if len({t.value for _, t in anchored}) != 1:
            return None  # "died between 2014 and 2022": no one time set
        anchor, timex = anchored[0]
        # "The 2008 war was brief.": the happening the main clause is about sets the time too
        clause = anchor.head if anchor.pos_ == "NOUN" and anchor.dep_ in ("nsubj", "nsubjpass") else anchor
        told = clause.pos_ in ("VERB", "AUX") and not dateclauses.subordinate(clause) and clauses.tense_of(clause) in PAST
        found = self.at(anchor)
        if not told or found is None or found[1] or timex.range_end is None:
            return None  # said of a noun or a subordinate clause, or "since": no time the history is in
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
        day (discourse.on_news_day); indefinite ones (a perfect outside the lede) take neither. Then a
        lead-up ("after three days of talks") takes its days up to what it led to (datebounds.led_up)."""
        def tense(event: Event) -> str:
            return self._borrowers.get(self._key(event), "")
        events = corefer(events, lambda e: bool(tense(e)))
        if self.news_days is not None:
            one_day = self.news_days[0] == self.news_days[1]
            events = on_news_day(events, self.news_days,
                                 lambda e: tense(e) in NARRATED and (one_day or not self._names_a_time(e)))
        return datebounds.led_up(events, lambda e: self._leads.get(self._key(e)))

    def _key(self, event: Event) -> tuple[int, str]:
        sent = self.doc.char_span(event.sent_start, event.sent_end, alignment_mode="expand")
        return (sent.sent.start_char if sent else -1), event.trigger.split()[0]

    def _names_a_time(self, event: Event) -> bool:
        """Whether the event's sentence names a time, which then is not the event's: its happening
        is set apart from what the sentence dates ("blamed the rebels ... and on 2 May renewed raids")."""
        sent = self.doc.char_span(event.sent_start, event.sent_end, alignment_mode="expand")
        return sent is None or sent.sent.start in self._by_sentence or bool(ANAPHORIC_TIME.search(sent.sent.text))

    @staticmethod
    def _unknown(reason: str) -> EventDate:
        return EventDate(None, None, "unknown", "", "", "", "unknown", reason)


# Tenses of what is done by the time of the report: "now" with them is no date.
DONE = frozenset({"perfect", "past", "past-perfect"})
# Tenses that tell a history: a clause in them with no time of its own goes on in the time the history set.
PAST = clauses.PAST
HISTORY_REACH = 3  # undated sentences a history's time carries over
# Days named from the speaker's day, which inside a quotation is the day of the speech
SPEAKERS_DAYS = frozenset({"today", "tonight", "yesterday", "tomorrow"})
# "At the same time, the rebels shelled the port": a time the sentence names by pointing back at another
ANAPHORIC_TIME = re.compile(r"\b(?:at|by|since|until|from)\s+(?:the\s+same|that|the)\s+time\b|\bby\s+then\b|"
                            r"\bback\s+then\b|\buntil\s+then\b", re.I)
YEAR = re.compile(r"\b\d{4}\b")
# Tenses that narrate the news: what they tell with no date happened on the article's news day.
NARRATED = frozenset({"past", "past-progressive"})


def _now(clause: Token, own: str, frame: Token | None, said: str) -> str:
    """Why the tense places the happening at publication, or "" when it does not: the present
    progressive ("troops are storming"), a statement in the present ("Hamas says it supports"), a
    present kept in reported speech ("Peskov said contacts continue": still so as the article is written)."""
    if frame is not None and said in ("present", "present-progressive"):
        return f"'{frame.text}' (a statement in the present)"
    if own == "present-progressive" or (frame is not None and own == "present"):
        return f"'{clause.text}' ({own.replace('-', ' ')})"
    return ""
