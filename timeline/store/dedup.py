"""Cross-article clustering: events that report the same happening get one ``cluster_id``.

Two events are the same happening when all of these hold:
- their actors agree: the same actor1, and the same actor2 unless one of them has none; for
  meetings and cooperation (``SYMMETRIC_FAMILIES``) "A meets B" also agrees with "B meets A";
- they have the same context: a planned, hypothetical or denied event is not the event itself
  (a "historical" mention, an old event recalled as background, is; so is a party's denial of a
  happening someone else claims: a disputed happening gathers both sides);
- attacks, arrests and deployments (``STRICT_FAMILIES``) name no two distant places;
- their types are in the same family (``TYPE_FAMILY``: outlets word one answer as "backs",
  "agrees" or "accepts", so near types count as one);
- their dates are compatible at their precision: the calendar spans overlap. An event dated only
  by tense happened at or shortly before its publication (a next-day article says "Putin has
  said ..."), so its span is the ``TENSE_WINDOW_DAYS`` before publication;
- their evidence sentences share enough content words besides the actors' names and the trigger
  (at least ``MIN_SHARED`` crude word stems and an overlap of ``MIN_OVERLAP``; cheap, and enough
  because actors, type and date already narrow the candidates). Undated events need near-identical
  wording. A meeting needs only one shared word when both reports name both parties: the same two
  parties meeting on compatible dates is the same meeting however it is worded.

Events are taken in order of how well they are dated (explicit before relative before context before
tense before unknown; finer precision first; then confidence), so each cluster is anchored on its best-dated
event, its *representative*. A newcomer must agree with the representative on actors and date (no
chaining through a loose middle member), with every member on actors (one cluster never holds two
different targets), and with some member on evidence. A last pass joins clusters that the same
rules accept as one (a later report bridged two wordings of the same answer).
A member dated only by tense or not at all takes the representative's date (``date_from``).
The claim and the denial that one article links (the denial's ``answers`` names the claim's event)
are one happening whatever their wording; a cluster whose members disagree, one claiming or reporting what another
denies, is disputed as a whole (``reconcile_disputes``), with who claims and who denies.

Candidates, not every pair: every rule needs the same type family and an actor in common, and a
representative whose date meets the newcomer's, so clusters are looked up by key (family, actor)
and, within a key, by the days their representative covers. The pruning is exact: the clusters left
out are those the rules would refuse. Events whose keys never meet (``components``) never share a
cluster, so after a change only the components it touches need clustering again.
"""
from __future__ import annotations

import heapq
import logging
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Iterator

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from timeline.schema import Event

log = logging.getLogger(__name__)

TENSE_WINDOW_DAYS = 3
# Evidence overlap needed: lower when the trigger lemma is also the same. An undated event has only
# its words to vouch for it, so it needs near-identical wording (Jaccard, which a short sentence
# cannot satisfy by being contained in a long one).
MIN_OVERLAP = 0.3
MIN_OVERLAP_SAME_TRIGGER = 0.2
MIN_JACCARD_UNDATED = 0.7
# One shared word is chance ("war"); two are the least that says the sentences tell the same thing.
MIN_SHARED = 2
# Attacks, arrests and deployments by one actor are many on one day and worded alike ("Russian
# forces attacked ..."): they need more words in common, and one more shared word.
STRICT_FAMILIES = frozenset({"force"})
MIN_OVERLAP_STRICT = 0.4
# Farther apart than this, two attacks are two attacks (the Kremlin and Moscow are one place).
PLACE_KM = 50

TYPE_FAMILY = {
    "AGREE": "accept", "SUPPORT": "accept", "CONCEDE": "accept",
    "CONSULT": "consult",
    "COOPERATE": "cooperate", "AID": "cooperate",
    "RETREAT": "retreat",
    "REQUEST": "demand",
    "ACCUSE": "criticize", "REJECT": "criticize",
    "THREATEN": "threaten",
    "PROTEST": "protest",
    "SANCTION": "sanction",
    "MOBILIZE": "force", "COERCE": "force", "ASSAULT": "force",
}

SYMMETRIC_FAMILIES = frozenset({"consult", "cooperate"})
# "historical" says an article recalls an old event as background: it is still the event itself
FACTUAL = {"": "", "historical": ""}

_BASIS_RANK = {"explicit": 0, "relative": 1, "context": 2, "tense": 3, "unknown": 4}
# Bases whose date is a calendar span of the happening: its own expression, or one the article gives the
# same happening elsewhere ("context").
DATED_BASES = ("explicit", "relative", "context")
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "range": 2, "quarter": 3, "season": 3, "year": 4, "decade": 5}
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOP = frozenset(
    "the and for that with this from have has had was were are been will would said says say told "
    "not but its their they them his her him she who which what when where also after before over "
    "into about than then there more most some such other just only very can could should may might "
    "our out off per via one two new on in of to a an as at by be is it or if so no up we you".split()
)

CLUSTER_COLUMNS = ("event_id", "cluster_id", "representative", "n_sources", "cluster_size", "sources", "date_from")
# A representative's span up to this many days is indexed day by day, up to this many months month by
# month (then checked); longer ones (decades, long ranges) are few and checked one by one.
SHORT_SPAN_DAYS = 7
LONG_SPAN_MONTHS = 14
# So few clusters are compared one by one.
FEW = 12


def stems(sentence: str, *, leave_out: Iterable[str] = ()) -> frozenset[str]:
    """Content words cut to six letters: "ceasefire"/"ceasefires", "proposal"/"proposed" meet.

    ``leave_out``: words that are no evidence because they were compared already (the actors'
    names, the trigger); a word is left out when it starts with the first four letters of one.
    """
    skip = _skipped(tuple(leave_out))
    words = (w.lower() for w in _WORD.findall(sentence or ""))
    return frozenset(w[:6] for w in words if w not in _STOP and not (skip and w.startswith(skip)))


@lru_cache(maxsize=16384)
def _skipped(leave_out: tuple[str, ...]) -> tuple[str, ...]:
    # the same names and triggers come back event after event
    return tuple(sorted({p for text in leave_out for p in _prefixes(text)}))


@lru_cache(maxsize=4096)
def _prefixes(name: str) -> frozenset[str]:
    return frozenset(w[:4] for w in stems(name))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient: a short headline inside a long sentence still scores high."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _as_date(value) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value[:10]) if value else None
    return value


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


@dataclass
class _Item:
    event_id: str
    source: str
    actor1: str
    actor2: str
    family: str
    trigger: str
    basis: str
    span: tuple[date, date] | None
    words: frozenset[str]
    rank: tuple
    place: str = ""
    coords: tuple[float, float] | None = None
    context: str = ""
    answers: str = ""  # a denial's link to the claim it answers in its article (that claim's event_id)
    named: bool = True  # False: ``source`` is the article id of an article without a source
    keys: tuple[tuple[str, str, str], ...] = ()

    def __post_init__(self) -> None:
        # The (family, context, actor) keys a cluster holding this event is found by: the actor who
        # acts, and for a symmetric family ("A meets B" is "B meets A") the other one too.
        actors = (self.actor1, self.actor2) if self.family in SYMMETRIC_FAMILIES else (self.actor1,)
        self.keys = tuple((self.family, self.context, actor) for actor in actors if actor)

    @classmethod
    def from_row(cls, row: dict) -> _Item:
        """``row``: one of ``_records``, its text already plain."""
        basis = row["date_basis"] or "unknown"
        start, end = _as_date(row.get("date_start")), _as_date(row.get("date_end"))
        published = _as_date(row.get("published"))
        span: tuple[date, date] | None = None
        if basis == "tense" and published:
            span = (published - timedelta(days=TENSE_WINDOW_DAYS), published)
        elif basis in DATED_BASES and start:
            span = (start, end or start)
        if span is None:
            basis = "unknown"
        precision = row["date_precision"]
        event_type = row["event_type"]
        context, attribution = row["context"], row["attribution"]
        denial = context == "negated" and attribution in ("denied", "disputed")
        # A denial is one side of the happening, never its representative.
        rank = (denial, _BASIS_RANK.get(basis, 4), _PRECISION_RANK.get(precision, 6),
                -float(row.get("confidence") or 0.0), published or date.max, row["event_id"])
        return cls(row["event_id"], row["source"] or row["article_id"],
                   row["actor1"], row["actor2"],
                   TYPE_FAMILY.get(event_type, event_type), row["trigger"].lower(),
                   basis, span, stems(row["sentence"], leave_out=[
                       row[k] for k in ("actor1_name", "actor1_text", "actor2_name", "actor2_text", "trigger")]),
                   rank, row["location"].lower(), _coords(row.get("lat"), row.get("lon")),
                   "" if denial else FACTUAL.get(context, context), row["answers"],
                   bool(row["source"]))


def _coords(lat, lon) -> tuple[float, float] | None:
    try:
        point = (float(lat), float(lon))
    except (TypeError, ValueError):
        return None
    return None if any(math.isnan(v) for v in point) else point


def _places_differ(a: _Item, b: _Item) -> bool:
    """Two attacks (strict families) in places more than ``PLACE_KM`` apart, or with different place
    names when a place has no coordinates. Statements are left alone: their "place" is as often the
    topic ("a ceasefire in Ukraine") as where they were made, and the Kremlin is in Moscow."""
    if a.family not in STRICT_FAMILIES or not a.place or not b.place:
        return False
    if a.coords and b.coords:
        return _km(a.coords, b.coords) > PLACE_KM
    return a.place != b.place


def _km(p: tuple[float, float], q: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*p, *q))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _fits(a: _Item, b: _Item) -> bool:
    """Same type family, not two distant places, and the same actors: actor1 equal and actor2
    equal unless one has none; for a symmetric family (A meets B is B meets A) also the same pair
    the other way round."""
    if a.family != b.family or a.context != b.context or not a.actor1 or not b.actor1 or _places_differ(a, b):
        return False
    if a.actor1 == b.actor1:
        return not (a.actor2 and b.actor2 and a.actor2 != b.actor2)
    return a.family in SYMMETRIC_FAMILIES and bool(a.actor2) and a.actor1 == b.actor2 and a.actor2 == b.actor1


def _dates_meet(a: _Item, b: _Item) -> bool:
    if a.span and b.span:
        return a.span[0] <= b.span[1] and b.span[0] <= a.span[1]
    return True


def _evidence(a: _Item, b: _Item) -> float:
    """How alike the two sentences are, or 0 when not alike enough to call them one happening."""
    if (a.answers and a.answers == b.event_id) or (b.answers and b.answers == a.event_id):
        return 1.0  # a claim and its denial, linked by the article that reports both
    if a.span is None or b.span is None:
        score = jaccard(a.words, b.words)
        return score if score >= MIN_JACCARD_UNDATED else 0.0
    if a.family in SYMMETRIC_FAMILIES and a.actor2 and b.actor2:
        # the same two parties meeting in the same days: the pair and the date are the evidence,
        # with one word in common against a misread pair (a leader and his own country)
        return MIN_OVERLAP if a.words & b.words else 0.0
    strict = a.family in STRICT_FAMILIES
    if len(a.words & b.words) < MIN_SHARED + strict:
        return 0.0
    score = overlap(a.words, b.words)
    if strict:
        needed = MIN_OVERLAP_STRICT
    else:
        needed = MIN_OVERLAP_SAME_TRIGGER if a.trigger and a.trigger == b.trigger else MIN_OVERLAP
    return score if score >= needed else 0.0


Key = tuple[str, str, str]


class _Cluster:
    """Members in rank order; the first, the representative, never changes (items come in rank order,
    and a merge only brings lower-ranked members). ``born`` and ``grown``: the step of the clustering
    at which the cluster was made and last took a member."""

    def __init__(self, first: _Item, step: int):
        self.members = [first]
        self.rep = first
        self.words = set(first.words)  # every member's words: no shared word, no evidence...
        self.answered = {first.answers} - {""}  # ...unless a denial answers a claim (``_evidence``)
        self.merged_into: _Cluster | None = None
        self.born = self.grown = step

    def keys(self) -> set[Key]:
        return {key for m in self.members for key in m.keys}

    def add(self, item: _Item, step: int) -> None:
        self.members.append(item)
        self.words |= item.words
        self.answered |= {item.answers} - {""}
        self.grown = step

    def absorb(self, other: _Cluster, step: int) -> None:
        self.members = sorted(self.members + other.members, key=lambda i: i.rank)
        self.words |= other.words
        self.answered |= other.answered
        other.merged_into = self
        self.grown = step

    def score(self, newcomer: _Item) -> float:
        """Best evidence between a member and the newcomer, when it agrees with the representative on
        actors and date and with every member on actors; else 0."""
        if self.words.isdisjoint(newcomer.words) and not newcomer.answers and newcomer.event_id not in self.answered:
            return 0.0
        rep = self.rep
        if not (_fits(rep, newcomer) and _dates_meet(rep, newcomer)):
            return 0.0
        if not all(_fits(m, newcomer) for m in self.members[1:]):
            return 0.0
        return max(_evidence(m, newcomer) for m in self.members)

    def takes(self, other: _Cluster) -> bool:
        """Whether ``other``'s members join this cluster: each agrees with the representative on actors
        and date and with every member on actors, and some pair has the evidence."""
        if len(other.members) == 1 and self.grown < other.born:
            # This cluster was a candidate, as it is now, when other's only member found none to join.
            return False
        rep = self.rep
        if not (self.words & other.words):
            return False
        for n in other.members:
            if not (_fits(rep, n) and _dates_meet(rep, n) and all(_fits(m, n) for m in self.members)):
                return False
        return any(_evidence(m, n) > 0 for m in self.members for n in other.members)


def _month(day: date) -> int:
    return day.year * 12 + day.month - 1


class _Dates:
    """Clusters by the days (or, for longer spans, the months) their representative covers."""

    def __init__(self) -> None:
        self.by_day: dict[int, list[_Cluster]] = {}
        self.by_month: dict[int, list[_Cluster]] = {}
        self.longer: list[_Cluster] = []
        self.undated: list[_Cluster] = []
        self.every: list[_Cluster] = []

    def add(self, cluster: _Cluster) -> None:
        self.every.append(cluster)
        span = cluster.rep.span
        if span is None:
            self.undated.append(cluster)
        elif (span[1] - span[0]).days <= SHORT_SPAN_DAYS:
            for day in range(span[0].toordinal(), span[1].toordinal() + 1):
                self.by_day.setdefault(day, []).append(cluster)
        elif _month(span[1]) - _month(span[0]) <= LONG_SPAN_MONTHS:
            for month in range(_month(span[0]), _month(span[1]) + 1):
                self.by_month.setdefault(month, []).append(cluster)
        else:
            self.longer.append(cluster)

    def meeting(self, span: tuple[date, date] | None) -> list[Iterable[_Cluster]]:
        """Lists of the clusters whose representative's date meets ``span`` (all for an undated span;
        an undated representative meets every span), each in the order the clusters were added; a
        cluster may be in more than one list."""
        if span is None:
            return [self.every]
        start, end = span

        def meets(c: _Cluster) -> bool:
            return c.rep.span is None or (c.rep.span[0] <= end and start <= c.rep.span[1])

        if len(self.every) <= FEW:
            return [[c for c in self.every if meets(c)]]
        found: list[Iterable[_Cluster]] = [self.undated, [c for c in self.longer if meets(c)]]
        found += ([c for c in self.by_month[month] if meets(c)]
                  for month in range(_month(start), _month(end) + 1) if month in self.by_month)
        first, last = start.toordinal(), end.toordinal()
        if last - first < len(self.by_day):
            found += (self.by_day[day] for day in range(first, last + 1) if day in self.by_day)
        else:
            found += (on_day for day, on_day in self.by_day.items() if first <= day <= last)
        return found


class _Block:
    """The clusters indexed under one key (type family, context, actor), in the order they were indexed
    under it (which decides ties), by their representative's two actors (``_fits`` refuses any other
    pair), then by date."""

    def __init__(self) -> None:
        self.order: dict[int, int] = {}
        self.pairs: dict[str, dict[str, _Dates]] = {}
        self.firsts: dict[str, _Dates] = {}  # by actor1 alone, for a newcomer without actor2

    def add(self, cluster: _Cluster) -> None:
        if id(cluster) in self.order:
            return
        self.order[id(cluster)] = len(self.order)
        rep = cluster.rep
        # get, then make: setdefault would build an index each call, to throw most away
        by_second = self.pairs.get(rep.actor1)
        if by_second is None:
            by_second = self.pairs[rep.actor1] = {}
        for index, actor in ((by_second, rep.actor2), (self.firsts, rep.actor1)):
            dates = index.get(actor)
            if dates is None:
                dates = index[actor] = _Dates()
            dates.add(cluster)

    def meeting(self, item: _Item, grown: int | None = None) -> Iterator[_Cluster]:
        """The live clusters whose representative can take ``item`` by its actors and its date, in
        the order they were indexed; lazily, since the search for the best stops at a perfect score.
        ``grown``: for the merge pass, leave out the one-member clusters born after that step
        (``_Cluster.takes``)."""
        same_first = self.pairs.get(item.actor1, {})
        if not item.actor2:
            groups = [self.firsts.get(item.actor1)]
        else:
            groups = [same_first.get(item.actor2), same_first.get("")]
            if item.family in SYMMETRIC_FAMILIES:  # "B meets A" takes "A meets B"
                groups.append(self.pairs.get(item.actor2, {}).get(item.actor1))
        lists = [found for dates in groups if dates for found in dates.meeting(item.span) if found]
        if not lists:
            return
        order = self.order
        merged = lists[0] if len(lists) == 1 else heapq.merge(*lists, key=lambda c: order[id(c)])
        last = None
        for c in merged:  # in order, so a cluster in several lists comes in a row
            if c is not last and c.merged_into is None and (grown is None or len(c.members) > 1 or c.born <= grown):
                yield c
            last = c


def _block(blocks: dict[Key, _Block], key: Key) -> _Block:
    block = blocks.get(key)
    if block is None:
        block = blocks[key] = _Block()
    return block


def _candidates(blocks: dict[Key, _Block], item: _Item, grown: int | None = None) -> Iterator[_Cluster]:
    """The clusters that could take ``item``. Every one whose representative fits it (``_fits``) is
    indexed under the item's actor1 key: a representative with the same actor1 has that key, and a
    symmetric one the other way round ("B meets A") has it as its second key. So that one key is
    enough; an item without actor1 fits nothing."""
    block = blocks.get(item.keys[0]) if item.actor1 else None
    return block.meeting(item, grown) if block else iter(())


def _best(blocks: dict[Key, _Block], item: _Item) -> _Cluster | None:
    """The first of the best-scoring candidates, or None when none takes the item. No score beats
    1.0, so the search stops at one."""
    best_score, best = 0.0, None
    for candidate in _candidates(blocks, item):
        score = candidate.score(item)
        if score > best_score:
            best_score, best = score, candidate
            if score >= 1.0:
                break
    return best


def _merge_pass(clusters: list[_Cluster], blocks: dict[Key, _Block], step: int) -> int:
    """Join clusters that turned out to be one happening (a later member bridged them); returns the
    step count after it, unchanged when nothing was joined."""
    for first in clusters:
        if first.merged_into is not None:
            continue
        # One-member clusters born after ``first`` last grew cannot join it (``takes``), until it grows:
        # then the rest of the candidates, all of them, are looked at.
        others, grown = list(_candidates(blocks, first.rep, first.grown)), False
        at = 0
        while at < len(others):
            other = others[at]
            at += 1
            if other is first or other.merged_into is not None or other.rep.rank < first.rep.rank:
                continue
            if first.takes(other):
                if not grown:
                    everyone = list(_candidates(blocks, first.rep))
                    others, at, grown = everyone, everyone.index(other) + 1, True
                step += 1
                first.absorb(other, step)
                for key in other.keys():
                    _block(blocks, key).add(first)
    return step


_NOT_TEXT = frozenset({"published", "date_start", "date_end", "confidence", "lat", "lon"})
_USED = ("event_id", "source", "article_id", "published", "date_start", "date_end", "date_precision",
         "date_basis", "actor1", "actor1_name", "actor1_text", "actor2", "actor2_name", "actor2_text",
         "event_type", "trigger", "sentence", "confidence", "location", "lat", "lon", "context", "attribution",
         "claimed_by", "denied_by", "answers")


def _records(events: pd.DataFrame | Iterable[Event]) -> Iterable[dict]:
    if isinstance(events, pd.DataFrame):
        # A read-only store from an older version lacks the newer columns: they read as empty.
        if any(name not in events for name in _USED):
            events = events.reindex(columns=list(_USED))
        # Column by column: to_dict("records") on Arrow-backed columns is many times slower.
        columns = [_plain_column(events[name]) for name in _USED]
        return (dict(zip(_USED, values)) for values in zip(*columns))
    return ({k: value if k in _NOT_TEXT else _text(value) for k in _USED for value in (getattr(e, k),)} for e in events)


def _plain_column(values: pd.Series) -> list:
    """Dates as ``date`` (None when missing), text as ``str`` ("" when missing), a column at a time."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return [None if pd.isna(v) else v for v in values.dt.date.tolist()]
    if values.name not in _NOT_TEXT:
        return values.fillna("").astype(str).tolist()
    return values.tolist()


def _source_names(members: list[_Item]) -> str:
    """The sources as the analyst reads them: an article without a source is an "unknown source",
    never its id (each still counts as a source of its own)."""
    named = {m.source: m.named for m in members}
    names = sorted(source for source, is_named in named.items() if is_named)
    unknown = sum(not is_named for is_named in named.values())
    if unknown:
        names.append("unknown source" if unknown == 1 else f"{unknown} unknown sources")
    return "; ".join(names)


def cluster(events: pd.DataFrame | Iterable[Event]) -> pd.DataFrame:
    """Cluster events (a frame with the Event fields, or Event records); one row per event.

    Columns: ``event_id``, ``cluster_id`` ("c" + the smallest member event_id, so it stays put while
    that member does), ``representative`` (one True per cluster), ``n_sources`` (distinct sources),
    ``cluster_size``, ``sources`` ("; "-joined names, sorted; "unknown source" for an article without
    one), ``date_from`` (the event_id whose date this member takes, or "").
    """
    items = sorted((_Item.from_row(r) for r in _records(events)), key=lambda i: i.rank)
    blocks: dict[Key, _Block] = {}
    clusters: list[_Cluster] = []
    for step, item in enumerate(items):
        best = _best(blocks, item)
        if best is None:
            best = _Cluster(item, step)
            clusters.append(best)
        else:
            best.add(item, step)
        for key in item.keys:  # the cluster's other keys came with its earlier members
            _block(blocks, key).add(best)
    step = len(items)
    while (after := _merge_pass(clusters, blocks, step)) != step:
        step = after
    clusters = [c for c in clusters if c.merged_into is None]
    rows = []
    for c in clusters:
        cluster_id = "c" + min(m.event_id for m in c.members)
        sources = {m.source for m in c.members}
        names = _source_names(c.members)
        rep = c.rep
        for m in c.members:
            takes_date = m is not rep and m.basis in ("tense", "unknown") and rep.basis in DATED_BASES
            rows.append((m.event_id, cluster_id, m is rep, len(sources), len(c.members), names,
                         rep.event_id if takes_date else ""))
    log.info("clustered %s events into %s clusters (%s with more than one source)", len(items), len(clusters),
             sum(1 for c in clusters if len({m.source for m in c.members}) > 1))
    return pd.DataFrame(rows, columns=list(CLUSTER_COLUMNS))


def _joined(values: pd.Series, keys: pd.Series) -> pd.Series:
    """Per key, its values' names ("; "-joined fields), distinct and sorted, "; "-joined; "" for none."""
    parts = values.str.split("; ").explode()
    parts = parts[parts.fillna("").ne("")]
    names = pd.DataFrame({"key": keys.loc[parts.index].to_numpy(), "name": parts.to_numpy()})
    grouped: dict[str, list[str]] = {}
    # Plain lists: pandas' per-group aggregation costs seconds for tens of thousands of clusters.
    for key, name in zip(*(names.drop_duplicates().sort_values(["key", "name"])[c].tolist() for c in ("key", "name"))):
        grouped.setdefault(key, []).append(name)
    return keys.map({key: "; ".join(found) for key, found in grouped.items()}).fillna("")


def reconcile_disputes(frame: pd.DataFrame) -> pd.DataFrame:
    """Clusters whose members disagree are disputed: a member claims or reports the happening and
    another denies it. Every member then reads ``disputed``, claimed by every claimant ("" when only
    the outlets report it) and denied by every denier, and its reason says who says what."""
    if frame.empty or "cluster_id" not in frame or "attribution" not in frame:
        return frame
    attribution, context = frame["attribution"].fillna("reported"), frame["context"].fillna("")
    denies = attribution.isin(["denied", "disputed"]) & frame["denied_by"].fillna("").ne("")
    asserts = attribution.isin(["reported", "claimed", "disputed"]) & context.ne("negated")
    clusters = frame["cluster_id"].fillna("")
    split = clusters.ne("") & denies.groupby(clusters).transform("any") & asserts.groupby(clusters).transform("any")
    if not split.any():
        return frame
    # Column at a time over the split clusters only: a loop of .loc writes per cluster is quadratic.
    members = frame.loc[split, ["cluster_id", "claimed_by", "denied_by", "source"]].fillna("")
    by_cluster = members["cluster_id"]
    claimed = _joined(members["claimed_by"].where(asserts[split], ""), by_cluster)
    denied = _joined(members["denied_by"].where(denies[split], ""), by_cluster)
    sources = _joined(members["source"].where(asserts[split], ""), by_cluster)
    changed = attribution[split].ne("disputed") | members["claimed_by"].ne(claimed) | members["denied_by"].ne(denied)
    who = claimed.where(claimed != "", sources).replace("", "the outlets")
    frame = frame.copy()
    frame.loc[split, "attribution"] = "disputed"
    frame.loc[split, "claimed_by"] = claimed
    frame.loc[split, "denied_by"] = denied
    rows = changed[changed].index
    frame.loc[rows, "reason"] = (frame.loc[rows, "reason"].fillna("").astype(str) + "; disputed across sources: claimed by "
                                 + who[rows] + ", denied by " + denied[rows])
    return frame


def components(events: pd.DataFrame) -> np.ndarray:
    """A label per row: events with different labels never share a cluster, whatever else is stored.

    A cluster is only ever found through a key (family, context, actor) it shares with the newcomer,
    so the keys that events link (a symmetric event links its two actors' keys) part the events into
    groups that are clustered independently: after a change, clustering again the groups it touches
    gives what clustering everything would.
    """
    def column(name: str) -> pd.Series:
        return events[name].astype(object).where(events[name].notna(), "").astype(str).reset_index(drop=True)

    event_type, context = column("event_type"), column("context")
    family = event_type.map(TYPE_FAMILY).fillna(event_type)
    # as _Item.from_row reads it: a party's denial stands with the happening it denies
    attribution = column("attribution") if "attribution" in events else pd.Series("", index=context.index)
    context = context.where(~(context.eq("negated") & attribution.isin(["denied", "disputed"])), "")
    prefix = family + "\x1f" + context.map(FACTUAL).fillna(context) + "\x1f"
    actor1, actor2 = column("actor1"), column("actor2")
    first = (prefix + actor1).where(actor1 != "")
    second = (prefix + actor2).where((actor2 != "") & family.isin(SYMMETRIC_FAMILIES))
    codes, uniques = pd.factorize(pd.concat([first, second], ignore_index=True))
    one, two = codes[:len(events)], codes[len(events):]
    linked = (one >= 0) & (two >= 0)
    n_keys = len(uniques)
    graph = coo_matrix((np.ones(int(linked.sum())), (one[linked], two[linked])), shape=(n_keys, n_keys))
    _, of_key = connected_components(graph, directed=False)
    key = np.where(one >= 0, one, two)
    # an event with no key is never a candidate and never finds one: a group of its own
    return np.where(key >= 0, of_key[np.maximum(key, 0)], n_keys + np.arange(len(events)))
