"""Timeline17 key-date selection, scored with the news-tls protocol (Gholipour Ghalandari & Ifrim 2020).

For every gold timeline of a topic: keep the articles published between the timeline's first and
last date, let the system pick k = number of gold dates inside that window, and score the picked
dates against the gold dates (Date-F1; precision = recall when k dates are picked). Scores are
averaged over timelines, as news-tls does (mean precision and mean recall, then F1). Two baselines
run on the same windows: publication counting (days by articles published on them) and mention
counting (days by how many times the articles name them, with our own date tagger).

The fast path (what makes 1.7M words take minutes, not an hour on two cores): the full event
extractor is not run. Each article goes through the date tagger alone (``find_timexes`` without a
parse); only the sentences that carry a day-level date, plus each article's lede, are tagged by
spaCy with only the tagger and lemmatizer on, just to tell event sentences (a past-tense verb other than
reporting/being verbs) from the rest. Each dated sentence becomes a light ``Event`` (no actors)
and ``keydates`` ranks them exactly as it ranks the extractor's events. Results are cached
per topic as dates and offsets only (no text) under ``cache_dir``. ``Window`` holds one gold
timeline's votes, computed once, so the leave-one-out tuning (``t17_loo``) can score many weightings.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from timeline.analysis import keydates
from timeline.schema import EVENT_FIELDS, Article, Event, Timex

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "t17-mentions-3"
RETROSPECTIVE_DAYS = 30
TAGGING_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")  # all that tag_ and lemma_ need
RETROSPECTIVE_MIN = 3
LEDE_SENTENCES = 5
NON_EVENT_LEMMAS = frozenset("be have say tell do report add quote accord state".split())
NON_EVENT_CONFIDENCE = 0.5  # a dated sentence without an event verb: half a vote
DATES_PACKAGE = Path(__file__).resolve().parent.parent / "dates"
EXTRACT_PACKAGE = DATES_PACKAGE.parent / "extract"
DATA_TABLES = DATES_PACKAGE.parent.parent / "data"
EVENTS_VERSION = "t17-events-1"
# What key dates read of an extracted event: the extractor path's cache keeps these, no text.
EVENT_CACHE_FIELDS = ("event_id", "article_id", "source", "published", "date_start", "date_end", "date_precision",
                      "date_basis", "actor1", "actor2", "context", "confidence")
PUBLISHED = (
    ("Datewise (published, all Timeline17)", 0.544),
    ("Martschat & Markert (published, all Timeline17)", 0.544),
    ("Tran et al. 2013 (published, all Timeline17)", 0.517),
    ("date-mention counting (published, all Timeline17)", 0.528),
    ("publication counting (published, all Timeline17)", 0.481),
)
_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class TimelineScore:
    """One gold timeline: our Date-F1 and the two baselines' on the same window."""

    topic: str
    timeline: str
    k: int
    articles: int
    ours: Score
    publications: Score
    mentions: Score


def date_prf(predicted: Iterable[date], gold: Iterable[date]) -> Score:
    """Precision, recall and F1 of a set of picked dates against the gold dates."""
    pred, ref = set(predicted), set(gold)
    if not pred or not ref:
        return Score(0.0, 0.0, 0.0)
    shared = len(pred & ref)
    p, r = shared / len(pred), shared / len(ref)
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def read_gold(path: Path) -> list[date]:
    """The distinct dates of a gold timeline file (a list of {date, text})."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return sorted({date.fromisoformat(str(e["date"])[:10]) for e in entries})
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a timeline (a JSON list of {{date, text}}): {exc}") from exc


def top_days(counts: dict[date, float], k: int) -> list[date]:
    """The ``k`` days with the highest counts, ties to the earlier day."""
    return [d for d, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:k]]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Cheap sentence boundaries on cleaned news text (good enough to attach a date to its sentence)."""
    spans, begin = [], 0
    for m in _SENT_END.finditer(text):
        spans.append((begin, m.start()))
        begin = m.end()
    if begin < len(text):
        spans.append((begin, len(text)))
    return [(b, e) for b, e in spans if text[b:e].strip()]


def is_retrospective(timexes: Sequence[Timex], published: date | None) -> bool:
    """A backgrounder or timeline: most of its dated expressions (with a year) lie a month or more back.

    Such a piece carries its own chronology, so a bare "22 April" after "March 2011" means April
    2011, not the April nearest publication; these articles are re-read in narrative mode.
    """
    if published is None:
        return False
    dated = [t for t in timexes if t.type == "DATE" and t.basis == "explicit" and t.range_end
             and t.precision in ("day", "month")]
    old = [t for t in dated if t.range_end < published - timedelta(days=RETROSPECTIVE_DAYS)]
    return len(old) >= RETROSPECTIVE_MIN and 2 * len(old) >= len(dated)


def _mentions(article: Article) -> tuple[list[tuple[int, int, str, str, str, str, str]], list[tuple[int, int]]]:
    """(sent_start, sent_end, date_start, date_end, precision, basis, type) per date of a week or
    less, and the lede spans."""
    from timeline.dates.tagger import find_timexes

    spans = sentence_spans(article.text)
    timexes = find_timexes(article.text, article.published)
    if is_retrospective(timexes, article.published):
        timexes = find_timexes(article.text, article.published, narrative=True)
    found = []
    for tx in timexes:
        if tx.type not in ("DATE", "TIME") or tx.range_start is None or tx.basis == "unknown":
            continue
        end = tx.range_end or tx.range_start
        if (end - tx.range_start).days >= keydates.MAX_SPREAD_DAYS:
            continue  # coarser than a week never votes; no need to keep it
        sent = next(((b, e) for b, e in spans if b <= tx.begin < e), (tx.begin, tx.end))
        found.append((sent[0], sent[1], tx.range_start.isoformat(), end.isoformat(), tx.precision, tx.basis,
                      tx.type))
    return found, spans[:LEDE_SENTENCES]


def _is_event_sentence(doc) -> bool:
    return any(t.tag_ in ("VBD", "VBN") and t.lemma_.lower() not in NON_EVENT_LEMMAS for t in doc)


def _source_fingerprint(*packages: Path) -> str:
    """The code and tables of ``packages``, every module of them: a cache made by other rules is not reused."""
    return hashlib.sha1(b"".join(path.name.encode() + path.read_bytes() for package in packages
                                 for path in sorted([*package.glob("*.py"), *package.glob("*.csv")]))).hexdigest()


def _cache_key(version: str, articles: Sequence[Article], *packages: Path) -> str:
    return hashlib.sha1((version + _source_fingerprint(*packages)
                         + "".join(a.id + a.content_hash for a in articles)).encode()).hexdigest()


def extract_signals(articles: Sequence[Article], nlp, cache_file: Path | None = None) -> dict[str, dict]:
    """Per article id: its dated sentences and lede sentences, each flagged event-like or not.

    Cached (dates and offsets, no text) in ``cache_file`` keyed by the articles' content.
    """
    key = _cache_key(EXTRACTOR_VERSION, articles, DATES_PACKAGE)
    if cache_file and cache_file.is_file():
        cached = json.loads(cache_file.read_text(encoding="utf-8"))
        if cached.get("key") == key:
            return cached["articles"]
    t0 = time.perf_counter()
    signals: dict[str, dict] = {}
    to_tag: list[tuple[str, int, int]] = []
    for a in articles:
        try:
            found, lede = _mentions(a)
        except Exception as exc:  # one bad article must not sink the topic
            log.error("article %s: date tagging failed: %s", a.id, exc)
            continue
        signals[a.id] = {"mentions": found, "lede": lede, "event": {}}
        for b, e in {(m[0], m[1]) for m in found} | set(lede):
            to_tag.append((a.id, b, e))
    t1 = time.perf_counter()
    texts = {a.id: a.text for a in articles}
    disabled = [p for p in nlp.pipe_names if p not in TAGGING_PIPES]
    docs = nlp.pipe((texts[i][b:e] for i, b, e in to_tag), disable=disabled, batch_size=256)
    for (aid, b, e), doc in zip(to_tag, docs):
        signals[aid]["event"][f"{b}:{e}"] = _is_event_sentence(doc)
    log.info("t17 signals: %d articles, date tagging %.1fs, tagging %d sentences %.1fs",
             len(articles), t1 - t0, len(to_tag), time.perf_counter() - t1)
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps({"key": key, "articles": signals}), encoding="utf-8")
    return signals


def signal_events(articles: Sequence[Article], signals: dict[str, dict],
                  non_event: float = NON_EVENT_CONFIDENCE) -> list[Event]:
    """Light Events (no actors) from the cached signals, for ``keydates``.

    A dated sentence is an event dated by its own expression; a lede sentence without a date is an
    event reported as happening at publication (basis ``tense``). Dated sentences without an event
    verb vote with confidence ``non_event``.
    """
    events = []
    for a in articles:
        sig = signals.get(a.id)
        if not sig:
            continue
        dated = set()
        for b, e, first, last, precision, basis, _ in sig["mentions"]:
            dated.add((b, e))
            eventive = sig["event"].get(f"{b}:{e}", False)
            events.append(_event(a, b, e, date.fromisoformat(first), date.fromisoformat(last),
                                 precision, basis, 1.0 if eventive else non_event, len(events)))
        if a.published:
            for b, e in sig["lede"]:
                if (b, e) not in dated and sig["event"].get(f"{b}:{e}", False):
                    events.append(_event(a, b, e, a.published, a.published, "day", "tense", 1.0, len(events)))
    return events


def extractor_events(articles: Sequence[Article], nlp, cache_file: Path | None = None) -> pd.DataFrame:
    """The dashboard's own path: the full event extractor on every article, slow (the whole spaCy
    pipeline). Cached as ``EVENT_CACHE_FIELDS`` only, no text."""
    from timeline.extract.events import events_from_doc

    key = _cache_key(EVENTS_VERSION, articles, DATES_PACKAGE, EXTRACT_PACKAGE, DATA_TABLES)
    if cache_file and cache_file.is_file():
        cached = json.loads(cache_file.read_text(encoding="utf-8"))
        if cached.get("key") == key:
            return pd.DataFrame(cached["events"], columns=list(EVENT_CACHE_FIELDS))
    started = time.perf_counter()
    rows = []
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=32):
        try:
            found = events_from_doc(article, doc)
        except Exception as exc:  # one bad article must not sink the topic
            log.error("article %s: event extraction failed: %s", article.id, exc)
            continue
        rows.extend([getattr(e, f).isoformat() if isinstance(getattr(e, f), date) else getattr(e, f)
                     for f in EVENT_CACHE_FIELDS] for e in found)
    log.info("t17 extractor: %d articles, %d events, %.1fs", len(articles), len(rows), time.perf_counter() - started)
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps({"key": key, "events": rows}), encoding="utf-8")
    return pd.DataFrame(rows, columns=list(EVENT_CACHE_FIELDS))


def _event(a: Article, b: int, e: int, first: date, last: date, precision: str, basis: str,
           confidence: float, n: int) -> Event:
    return Event(
        event_id=f"{a.id}:{n}", article_id=a.id, source=a.source, url=a.url, published=a.published,
        date_start=first, date_end=last, date_precision=precision, date_value="", date_mod="",
        date_text="", date_basis=basis, actor1="", actor1_name="", actor1_text="", actor2="",
        actor2_name="", actor2_text="", event_type="", mode="", quad_class=0, context="",
        trigger="", sentence=a.text[b:e], sent_start=b, sent_end=e, quote=False, location="",
        lat=None, lon=None, confidence=confidence, reason="t17 date signal")


@dataclass(frozen=True, eq=False)
class Topic:
    """One topic folder: its articles, their cached date signals, its gold timelines, and the full
    extractor's events when they are to be ranked instead of the fast path's."""

    name: str
    articles: tuple[Article, ...]
    signals: dict
    timelines: tuple[tuple[str, tuple[date, ...]], ...]
    events: pd.DataFrame | None = None


@dataclass(frozen=True, eq=False)
class Window:
    """One gold timeline under the protocol, with what every ranking of it needs computed once:
    our votes, publications per day (of the articles with votes) and the date mentions."""

    topic: str
    timeline: str
    gold: tuple[date, ...]
    articles: int
    votes: pd.DataFrame
    published: dict[date, int]
    publication_counts: dict[date, int]
    mention_counts: dict[date, int]

    @property
    def k(self) -> int:
        return len(self.gold)


def load_topics(root: Path, nlp, cache_dir: Path | None = None, extractor: bool = False) -> list[Topic]:
    """Every ``<topic>/`` of ``root`` that has articles.jsonl and one or more *timeline.json;
    ``extractor``: with the full event extractor's events (``extractor_events``)."""
    from timeline.ingest.read import read_path

    topics = []
    for folder in sorted(p for p in Path(root).iterdir() if p.is_dir()):
        gold_files = sorted(folder.glob("*timeline.json"))
        if not (folder / "articles.jsonl").is_file() or not gold_files:
            log.warning("%s: skipped (needs articles.jsonl and a *timeline.json)", folder)
            continue
        result = read_path(folder / "articles.jsonl")
        for err in result.errors:
            log.error("%s", err)
        articles = tuple(result.articles)
        signals = extract_signals(articles, nlp, cache_dir / f"{folder.name}.json" if cache_dir else None)
        timelines = tuple((g.name, tuple(read_gold(g))) for g in gold_files)
        events = (extractor_events(articles, nlp, cache_dir / f"{folder.name}.events.json" if cache_dir else None)
                  if extractor else None)
        topics.append(Topic(folder.name, articles, signals, timelines, events))
    return topics


def windows(topic: Topic, non_event: float = NON_EVENT_CONFIDENCE) -> list[Window]:
    """One ``Window`` per gold timeline of ``topic`` (``non_event`` is the fast path's)."""
    events = (topic.events if topic.events is not None else
              pd.DataFrame([e.as_dict() for e in signal_events(topic.articles, topic.signals, non_event)],
                           columns=list(EVENT_FIELDS)))
    out = []
    for name, gold in topic.timelines:
        start, end = gold[0], gold[-1]
        inside = [a for a in topic.articles if a.published and start <= a.published <= end]
        ids = {a.id for a in inside}
        mine = events[events["article_id"].isin(ids)]
        out.append(Window(topic.name, name, gold, len(inside), keydates.votes(mine, start=start, end=end),
                          keydates.publications(mine), Counter(a.published for a in inside),
                          _mention_counts(topic.signals, inside, start, end)))
    return out


def _mention_counts(signals: dict[str, dict], articles: Sequence[Article], start: date, end: date) -> dict[date, int]:
    """The mention-counting baseline's counts: every date expression that names one day."""
    counts: Counter[date] = Counter()
    for a in articles:
        for _, _, first, last, _, _, kind in signals.get(a.id, {}).get("mentions", ()):
            if kind == "DATE" and first == last and start <= (day := date.fromisoformat(first)) <= end:
                counts[day] += 1
    return dict(counts)


def pick(window: Window, weights: keydates.Weights = keydates.WEIGHTS) -> list[date]:
    """Our k days for the window: exactly what ``keydates.rank`` returns for its events."""
    if window.votes.empty:
        return []
    return keydates.best_days(keydates.day_scores(window.votes, window.published, weights), window.k)


def score_window(window: Window, weights: keydates.Weights = keydates.WEIGHTS) -> TimelineScore:
    return score_picks(window, pick(window, weights))


def score_picks(window: Window, picked: Sequence[date]) -> TimelineScore:
    """Our picked days scored against the window's gold, beside both baselines."""
    return TimelineScore(window.topic, window.timeline, window.k, window.articles,
                         date_prf(picked, window.gold),
                         date_prf(top_days(window.publication_counts, window.k), window.gold),
                         date_prf(top_days(window.mention_counts, window.k), window.gold))


def evaluate_dir(root: Path, nlp, cache_dir: Path | None = None,
                 weights: keydates.Weights = keydates.WEIGHTS) -> list[TimelineScore]:
    """Score every topic of ``root`` (see ``load_topics``), ours and both baselines."""
    scores = []
    for topic in load_topics(root, nlp, cache_dir):
        for window in windows(topic):
            score = score_window(window, weights)
            log.info("%s/%s: k=%d Date-F1 %.3f (publication count %.3f, mention count %.3f)", score.topic,
                     score.timeline, score.k, score.ours.f1, score.publications.f1, score.mentions.f1)
            scores.append(score)
    return scores


def mean_f1(scores: Sequence[TimelineScore], which: str = "ours") -> float:
    """news-tls averaging: mean precision and mean recall over timelines, then F1.
    ``which``: ``ours``, ``publications`` or ``mentions``."""
    if not scores:
        return 0.0
    p = sum(getattr(s, which).precision for s in scores) / len(scores)
    r = sum(getattr(s, which).recall for s in scores) / len(scores)
    return 2 * p * r / (p + r) if p + r else 0.0


def report(scores: Sequence[TimelineScore]) -> str:
    """A Markdown table: ours and both baselines per timeline, then the published figures."""
    lines = ["| topic | timeline | k | articles | Date-F1 (ours) | publication counting | mention counting |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for s in scores:
        lines.append(f"| {s.topic} | {s.timeline} | {s.k} | {s.articles} | {s.ours.f1:.3f} | "
                     f"{s.publications.f1:.3f} | {s.mentions.f1:.3f} |")
    lines.append(f"| **mean** | | | | **{mean_f1(scores):.3f}** | {mean_f1(scores, 'publications'):.3f} | "
                 f"{mean_f1(scores, 'mentions'):.3f} |")
    lines.append("")
    lines.append("| published system | Date-F1 |")
    lines.append("|---|---:|")
    lines.extend(f"| {name} | {value:.3f} |" for name, value in PUBLISHED)
    return "\n".join(lines)
