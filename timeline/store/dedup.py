"""Cross-article clustering: events that report the same happening get one ``cluster_id``.

Two events are the same happening when all of these hold:
- their actors agree: the same actor1, and the same actor2 unless one of them has none; for
  meetings and cooperation (``SYMMETRIC_FAMILIES``) "A meets B" also agrees with "B meets A";
- they have the same context: a planned, hypothetical or denied event is not the event itself
  (a "historical" mention, an old event recalled as background, is);
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
"""
from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable

import pandas as pd

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


def stems(sentence: str, *, leave_out: Iterable[str] = ()) -> frozenset[str]:
    """Content words cut to six letters: "ceasefire"/"ceasefires", "proposal"/"proposed" meet.

    ``leave_out``: words that are no evidence because they were compared already (the actors'
    names, the trigger); a word is left out when it starts with the first four letters of one.
    """
    skip = tuple(sorted({p for text in leave_out for p in _prefixes(text)}))
    words = (m.group().lower() for m in _WORD.finditer(sentence or ""))
    return frozenset(w[:6] for w in words if w not in _STOP and not (skip and w.startswith(skip)))


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
    named: bool = True  # False: ``source`` is the article id of an article without a source

    @classmethod
    def from_row(cls, row: dict) -> _Item:
        basis = _text(row.get("date_basis")) or "unknown"
        start, end = _as_date(row.get("date_start")), _as_date(row.get("date_end"))
        published = _as_date(row.get("published"))
        span: tuple[date, date] | None = None
        if basis == "tense" and published:
            span = (published - timedelta(days=TENSE_WINDOW_DAYS), published)
        elif basis in DATED_BASES and start:
            span = (start, end or start)
        if span is None:
            basis = "unknown"
        precision = _text(row.get("date_precision"))
        event_type = _text(row.get("event_type"))
        rank = (_BASIS_RANK.get(basis, 4), _PRECISION_RANK.get(precision, 6),
                -float(row.get("confidence") or 0.0), published or date.max, row["event_id"])
        return cls(row["event_id"], _text(row.get("source")) or _text(row.get("article_id")),
                   _text(row.get("actor1")), _text(row.get("actor2")),
                   TYPE_FAMILY.get(event_type, event_type), _text(row.get("trigger")).lower(),
                   basis, span, stems(_text(row.get("sentence")), leave_out=[
                       _text(row.get(k)) for k in ("actor1_name", "actor1_text", "actor2_name", "actor2_text", "trigger")]),
                   rank, _text(row.get("location")).lower(), _coords(row.get("lat"), row.get("lon")),
                   FACTUAL.get(_text(row.get("context")), _text(row.get("context"))),
                   bool(_text(row.get("source"))))


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


@dataclass(eq=False)
class _Cluster:
    members: list[_Item] = field(default_factory=list)
    merged_into: _Cluster | None = None

    @property
    def rep(self) -> _Item:
        return self.members[0]

    def keys(self) -> set[tuple[str, str]]:
        return {(m.family, actor) for m in self.members for actor in
                ((m.actor1, m.actor2) if m.family in SYMMETRIC_FAMILIES else (m.actor1,)) if actor}

    def score(self, newcomers: list[_Item]) -> float:
        """Best evidence between a member and a newcomer, when every newcomer agrees with the
        representative on actors and date and with every member on actors; else 0."""
        rep = self.rep
        if not all(_fits(rep, n) and _dates_meet(rep, n) and all(_fits(m, n) for m in self.members)
                   for n in newcomers):
            return 0.0
        return max(_evidence(m, n) for m in self.members for n in newcomers)


def _candidates(index: dict[tuple[str, str], list[_Cluster]], item: _Item) -> list[_Cluster]:
    actors = (item.actor1, item.actor2) if item.family in SYMMETRIC_FAMILIES else (item.actor1,)
    found: dict[int, _Cluster] = {}
    for actor in actors:
        for candidate in index.get((item.family, actor), ()) if actor else ():
            if candidate.merged_into is None:
                found[id(candidate)] = candidate
    return list(found.values())


def _merge_pass(clusters: list[_Cluster], index: dict[tuple[str, str], list[_Cluster]]) -> bool:
    """Join clusters that turned out to be one happening (a later member bridged them)."""
    merged = False
    for first in clusters:
        if first.merged_into is not None:
            continue
        for other in _candidates(index, first.rep):
            if other is first or other.merged_into is not None or other.rep.rank < first.rep.rank:
                continue
            if first.score(other.members) > 0:
                first.members = sorted(first.members + other.members, key=lambda i: i.rank)
                other.merged_into = first
                for key in other.keys():
                    index.setdefault(key, []).append(first)
                merged = True
    return merged


_USED = ("event_id", "source", "article_id", "published", "date_start", "date_end", "date_precision",
         "date_basis", "actor1", "actor1_name", "actor1_text", "actor2", "actor2_name", "actor2_text",
         "event_type", "trigger", "sentence", "confidence", "location", "lat", "lon", "context")


def _records(events: pd.DataFrame | Iterable[Event]) -> list[dict]:
    if isinstance(events, pd.DataFrame):
        return events[list(_USED)].to_dict("records")
    return [{k: getattr(e, k) for k in _USED} for e in events]


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
    index: dict[tuple[str, str], list[_Cluster]] = {}
    clusters: list[_Cluster] = []
    for item in items:
        scored = [(c.score([item]), c) for c in _candidates(index, item)]
        best_score, best = max(scored, key=lambda sc: sc[0], default=(0.0, None))
        if best is None or best_score <= 0:
            best = _Cluster()
            clusters.append(best)
        best.members.append(item)
        for key in best.keys():
            if best not in index.setdefault(key, []):
                index[key].append(best)
    while _merge_pass(clusters, index):
        pass
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
