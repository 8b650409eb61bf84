"""Cross-article clustering: events that report the same happening get one ``cluster_id``.

Two events are the same happening when all of these hold:
- their actors agree: the same actor1, and the same actor2 unless one of them has none;
- their types are in the same family (``TYPE_FAMILY``: outlets word one answer as "backs",
  "agrees" or "accepts", so near types count as one);
- their dates are compatible at their precision: the calendar spans overlap. An event dated only
  by tense happened at or shortly before its publication (a next-day article says "Putin has
  said ..."), so its span is the ``TENSE_WINDOW_DAYS`` before publication;
- their evidence sentences share enough content words besides the actors' names and the trigger
  (overlap of crude word stems; cheap, and enough because actors, type and date already narrow
  the candidates).

Events are taken in order of how well they are dated (explicit before relative before tense before
unknown; finer precision first; then confidence), so each cluster is anchored on its best-dated
event, its *representative*. A newcomer must agree with the representative on actors, type and
date (no chaining through a loose middle member) and with some member on evidence.
A member dated only by tense or not at all takes the representative's date (``date_from``).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, timedelta
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

_BASIS_RANK = {"explicit": 0, "relative": 1, "tense": 2, "unknown": 3}
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

    @classmethod
    def from_row(cls, row: dict) -> _Item:
        basis = _text(row.get("date_basis")) or "unknown"
        start, end = _as_date(row.get("date_start")), _as_date(row.get("date_end"))
        published = _as_date(row.get("published"))
        span: tuple[date, date] | None = None
        if basis == "tense" and published:
            span = (published - timedelta(days=TENSE_WINDOW_DAYS), published)
        elif basis in ("explicit", "relative") and start:
            span = (start, end or start)
        if span is None:
            basis = "unknown"
        precision = _text(row.get("date_precision"))
        event_type = _text(row.get("event_type"))
        rank = (_BASIS_RANK.get(basis, 3), _PRECISION_RANK.get(precision, 6),
                -float(row.get("confidence") or 0.0), published or date.max, row["event_id"])
        return cls(row["event_id"], _text(row.get("source")) or _text(row.get("article_id")),
                   _text(row.get("actor1")), _text(row.get("actor2")),
                   TYPE_FAMILY.get(event_type, event_type), _text(row.get("trigger")).lower(),
                   basis, span, stems(_text(row.get("sentence")), leave_out=[
                       _text(row.get(k)) for k in ("actor1_name", "actor1_text", "actor2_name", "actor2_text", "trigger")]),
                   rank)


@dataclass
class _Cluster:
    members: list[_Item] = field(default_factory=list)

    @property
    def rep(self) -> _Item:
        return self.members[0]


def _agrees(rep: _Item, item: _Item) -> bool:
    if not rep.actor1 or rep.actor1 != item.actor1 or rep.family != item.family:
        return False
    if rep.actor2 and item.actor2 and rep.actor2 != item.actor2:
        return False
    if rep.span and item.span:
        return rep.span[0] <= item.span[1] and item.span[0] <= rep.span[1]
    return True


def _evidence_score(cluster: _Cluster, item: _Item) -> float:
    undated = item.span is None or cluster.rep.span is None
    best = 0.0
    for member in cluster.members:
        if undated:
            score, needed = jaccard(member.words, item.words), MIN_JACCARD_UNDATED
        else:
            score = overlap(member.words, item.words)
            needed = MIN_OVERLAP_SAME_TRIGGER if member.trigger and member.trigger == item.trigger else MIN_OVERLAP
        if score >= needed:
            best = max(best, score)
    return best


_USED = ("event_id", "source", "article_id", "published", "date_start", "date_end", "date_precision",
         "date_basis", "actor1", "actor1_name", "actor1_text", "actor2", "actor2_name", "actor2_text",
         "event_type", "trigger", "sentence", "confidence")


def _records(events: pd.DataFrame | Iterable[Event]) -> list[dict]:
    if isinstance(events, pd.DataFrame):
        return events[list(_USED)].to_dict("records")
    return [{k: getattr(e, k) for k in _USED} for e in events]


def cluster(events: pd.DataFrame | Iterable[Event]) -> pd.DataFrame:
    """Cluster events (a frame with the Event fields, or Event records); one row per event.

    Columns: ``event_id``, ``cluster_id`` ("c" + the smallest member event_id, so it stays put while
    that member does), ``representative`` (one True per cluster), ``n_sources`` (distinct sources),
    ``cluster_size``, ``sources`` ("; "-joined, sorted), ``date_from`` (the event_id whose date this
    member takes, or "").
    """
    items = sorted((_Item.from_row(r) for r in _records(events)), key=lambda i: i.rank)
    # candidates share actor1 and type family (``_agrees`` demands both): look only there
    blocks: dict[tuple[str, str], list[_Cluster]] = {}
    clusters: list[_Cluster] = []
    for item in items:
        best, best_score = None, 0.0
        for candidate in blocks.get((item.actor1, item.family), ()) if item.actor1 else ():
            if _agrees(candidate.rep, item):
                score = _evidence_score(candidate, item)
                if score > best_score:
                    best, best_score = candidate, score
        if best is None:
            best = _Cluster()
            clusters.append(best)
            blocks.setdefault((item.actor1, item.family), []).append(best)
        best.members.append(item)
    rows = []
    for c in clusters:
        cluster_id = "c" + min(m.event_id for m in c.members)
        sources = sorted({m.source for m in c.members})
        rep = c.rep
        for m in c.members:
            takes_date = m is not rep and m.basis in ("tense", "unknown") and rep.basis in ("explicit", "relative")
            rows.append((m.event_id, cluster_id, m is rep, len(sources), len(c.members), "; ".join(sources),
                         rep.event_id if takes_date else ""))
    log.info("clustered %s events into %s clusters (%s with more than one source)", len(items), len(clusters),
             sum(1 for c in clusters if len({m.source for m in c.members}) > 1))
    return pd.DataFrame(rows, columns=list(CLUSTER_COLUMNS))
