"""Timeline17 key-date selection, scored with the news-tls protocol (Gholipour Ghalandari & Ifrim 2020).

For every gold timeline of a topic: keep the articles published between the timeline's first and
last date, let the system pick k = number of gold dates inside that window, and score the picked
dates against the gold dates (Date-F1; precision = recall when k dates are picked). Scores are
averaged over timelines, as news-tls does (mean precision and mean recall, then F1).

The fast path (what makes 1.7M words take minutes, not an hour on two cores): the full event
extractor is not run. Each article goes through the date tagger alone (``find_timexes`` without a
parse); only the sentences that carry a day-level date, plus each article's lede, are tagged by
spaCy with only the tagger and lemmatizer on, just to tell event sentences (a past-tense verb other than
reporting/being verbs) from the rest. Each dated sentence becomes a light ``Event`` (no actors)
and ``keydates.rank`` ranks them exactly as it ranks the extractor's events. Results are cached
per topic as dates and offsets only (no text) under ``cache_dir``.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Sequence

from timeline.analysis import keydates
from timeline.schema import Article, Event, Timex

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "t17-mentions-2"
RETROSPECTIVE_DAYS = 30
TAGGING_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")  # all that tag_ and lemma_ need
RETROSPECTIVE_MIN = 3
LEDE_SENTENCES = 5
NON_EVENT_LEMMAS = frozenset("be have say tell do report add quote accord state".split())
PUBLISHED = (
    ("Datewise (published, all Timeline17)", 0.544),
    ("Martschat & Markert (published, all Timeline17)", 0.544),
    ("Tran et al. (published, all Timeline17)", 0.541),
    ("date-mention counting (published, all Timeline17)", 0.528),
    ("publication counting (published, all Timeline17)", 0.481),
)
_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class TimelineScore:
    topic: str
    timeline: str
    k: int
    articles: int
    precision: float
    recall: float
    f1: float
    baseline_precision: float
    baseline_recall: float
    baseline_f1: float


def date_prf(predicted: Iterable[date], gold: Iterable[date]) -> tuple[float, float, float]:
    """Precision, recall and F1 of a set of picked dates against the gold dates."""
    pred, ref = set(predicted), set(gold)
    if not pred or not ref:
        return 0.0, 0.0, 0.0
    shared = len(pred & ref)
    p, r = shared / len(pred), shared / len(ref)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_gold(path: Path) -> list[date]:
    """The distinct dates of a gold timeline file (a list of {date, text})."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return sorted({date.fromisoformat(str(e["date"])[:10]) for e in entries})
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a timeline (a JSON list of {{date, text}}): {exc}") from exc


def publication_rank(articles: Sequence[Article], k: int, start: date, end: date) -> list[date]:
    """The baseline: days ranked by how many articles were published on them."""
    counts: dict[date, int] = {}
    for a in articles:
        if a.published and start <= a.published <= end:
            counts[a.published] = counts.get(a.published, 0) + 1
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


def _mentions(article: Article) -> tuple[list[tuple[int, int, str, str, str, str]], list[tuple[int, int]]]:
    """(sent_start, sent_end, date_start, date_end, precision, basis) per day-level date, and the lede spans."""
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
        found.append((sent[0], sent[1], tx.range_start.isoformat(), end.isoformat(), tx.precision, tx.basis))
    return found, spans[:LEDE_SENTENCES]


def _is_event_sentence(doc) -> bool:
    return any(t.tag_ in ("VBD", "VBN") and t.lemma_.lower() not in NON_EVENT_LEMMAS for t in doc)


def _tagger_fingerprint() -> str:
    """The date tagger's source: a cache made by another version of its rules is not reused."""
    from timeline.dates import tagger as dates  # importing it loads the rule modules named below

    names = (dates.__name__, "timeline.dates.rules", "timeline.dates.values")
    sources = [Path(sys.modules[n].__file__).read_bytes() for n in names if n in sys.modules]
    return hashlib.sha1(b"".join(sources)).hexdigest()


def extract_signals(articles: Sequence[Article], nlp, cache_file: Path | None = None) -> dict[str, dict]:
    """Per article id: its dated sentences and lede sentences, each flagged event-like or not.

    Cached (dates and offsets, no text) in ``cache_file`` keyed by the articles' content.
    """
    key = hashlib.sha1((EXTRACTOR_VERSION + _tagger_fingerprint()
                        + "".join(a.id + a.content_hash for a in articles)).encode()).hexdigest()
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


def signal_events(articles: Sequence[Article], signals: dict[str, dict]) -> list[Event]:
    """Light Events (no actors) from the cached signals, for ``keydates.rank``.

    A dated sentence is an event dated by its own expression; a lede sentence without a date is an
    event reported as happening at publication (basis ``tense``). Sentences without an event verb
    count half (confidence 0.5).
    """
    events = []
    for a in articles:
        sig = signals.get(a.id)
        if not sig:
            continue
        dated = set()
        for b, e, first, last, precision, basis in sig["mentions"]:
            dated.add((b, e))
            events.append(_event(a, b, e, date.fromisoformat(first), date.fromisoformat(last),
                                 precision, basis, sig["event"].get(f"{b}:{e}", False), len(events)))
        if a.published:
            for b, e in sig["lede"]:
                if (b, e) not in dated and sig["event"].get(f"{b}:{e}", False):
                    events.append(_event(a, b, e, a.published, a.published, "day", "tense", True, len(events)))
    return events


def _event(a: Article, b: int, e: int, first: date, last: date, precision: str, basis: str,
           eventive: bool, n: int) -> Event:
    return Event(
        event_id=f"{a.id}:{n}", article_id=a.id, source=a.source, url=a.url, published=a.published,
        date_start=first, date_end=last, date_precision=precision, date_value="", date_mod="",
        date_text="", date_basis=basis, actor1="", actor1_name="", actor1_text="", actor2="",
        actor2_name="", actor2_text="", event_type="", mode="", quad_class=0, context="",
        trigger="", sentence=a.text[b:e], sent_start=b, sent_end=e, quote=False, location="",
        lat=None, lon=None, confidence=1.0 if eventive else 0.5, reason="t17 date signal")


def evaluate_dir(root: Path, nlp, cache_dir: Path | None = None) -> list[TimelineScore]:
    """Score every ``<topic>/`` of ``root`` that has articles.jsonl and one or more *timeline.json."""
    from timeline.ingest.read import read_path

    scores = []
    for topic in sorted(p for p in Path(root).iterdir() if p.is_dir()):
        gold_files = sorted(topic.glob("*timeline.json"))
        if not (topic / "articles.jsonl").is_file() or not gold_files:
            log.warning("%s: skipped (needs articles.jsonl and a *timeline.json)", topic)
            continue
        result = read_path(topic / "articles.jsonl")
        for err in result.errors:
            log.error("%s", err)
        articles = list(result.articles)
        cache = cache_dir / f"{topic.name}.json" if cache_dir else None
        signals = extract_signals(articles, nlp, cache)
        events = signal_events(articles, signals)
        for gold_file in gold_files:
            gold = read_gold(gold_file)
            start, end = gold[0], gold[-1]
            inside = [a for a in articles if a.published and start <= a.published <= end]
            ids = {a.id for a in inside}
            picked = [kd.date for kd in keydates.rank([e for e in events if e.article_id in ids],
                                                      top=len(gold), start=start, end=end)]
            p, r, f = date_prf(picked, gold)
            bp, br, bf = date_prf(publication_rank(inside, len(gold), start, end), gold)
            scores.append(TimelineScore(topic.name, gold_file.name, len(gold), len(inside), p, r, f, bp, br, bf))
            log.info("%s/%s: k=%d Date-F1 %.3f (publication count %.3f)", topic.name, gold_file.name,
                     len(gold), f, bf)
    return scores


def mean_f1(scores: Sequence[TimelineScore], baseline: bool = False) -> float:
    """news-tls averaging: mean precision and mean recall over timelines, then F1."""
    if not scores:
        return 0.0
    p = sum(s.baseline_precision if baseline else s.precision for s in scores) / len(scores)
    r = sum(s.baseline_recall if baseline else s.recall for s in scores) / len(scores)
    return 2 * p * r / (p + r) if p + r else 0.0


def report(scores: Sequence[TimelineScore]) -> str:
    """A Markdown table: ours and the publication-count baseline per timeline, then the published figures."""
    lines = ["| topic | timeline | k | articles | Date-F1 (ours) | publication count (ours, same protocol) |",
             "|---|---|---:|---:|---:|---:|"]
    for s in scores:
        lines.append(f"| {s.topic} | {s.timeline} | {s.k} | {s.articles} | {s.f1:.3f} | {s.baseline_f1:.3f} |")
    lines.append(f"| **mean** | | | | **{mean_f1(scores):.3f}** | {mean_f1(scores, baseline=True):.3f} |")
    lines.append("")
    lines.append("| published system | Date-F1 |")
    lines.append("|---|---:|")
    lines.extend(f"| {name} | {value:.3f} |" for name, value in PUBLISHED)
    return "\n".join(lines)
