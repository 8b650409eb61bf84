"""Hand-built articles and events for the store, dedup and curation tests (no extraction needed)."""
from __future__ import annotations

import time
from datetime import date

from timeline.schema import Article, Event, event_id


def article(article_id: str, text: str = "", *, source: str = "Wire", published: date | None = date(2025, 3, 13),
            language: str = "en", title: str | None = None) -> Article:
    return Article(id=article_id, text=text or f"Text of {article_id}. Putin said he backed the plan.",
                   title=title or article_id, source=source, published=published, language=language)


def event(art: Article, sentence: str, *, actor1: str = "Q7747", actor1_name: str = "Vladimir Putin",
          actor2: str = "", actor2_name: str = "", event_type: str = "SUPPORT", trigger: str = "back",
          start: date | None = None, end: date | None = None, precision: str = "day", basis: str = "explicit",
          date_text: str = "", offset: int = 0, confidence: float = 0.8, quad_class: int = 1) -> Event:
    if basis == "tense":
        start = end = art.published
    if basis == "unknown":
        start = end = None
        precision = "unknown"
    end = end or start
    return Event(
        event_id=event_id(art.id, offset, offset + len(sentence), trigger, offset + 1),
        article_id=art.id, source=art.source, url=None, published=art.published,
        date_start=start, date_end=end, date_precision=precision,
        date_value=start.isoformat() if start else "", date_mod="", date_text=date_text, date_basis=basis,
        actor1=actor1, actor1_name=actor1_name, actor1_text=actor1_name.split()[-1] if actor1_name else "",
        actor2=actor2, actor2_name=actor2_name, actor2_text=actor2_name,
        event_type=event_type, mode="", quad_class=quad_class, context="", trigger=trigger,
        sentence=sentence, sent_start=offset, sent_end=offset + len(sentence), quote=False,
        location="", lat=None, lon=None, confidence=confidence, reason="hand-built",
    )


def slow_extract(delay: float = 0.0, fail_on: str = ""):
    """An ``extract`` stand-in with extract_many's signature: one event per article, optionally slow,
    raising on the article whose id contains ``fail_on``; prints each id so a parent process can follow."""
    def extract(articles, nlp, *, batch_size=32):
        for art in articles:
            if fail_on and fail_on in art.id:
                raise RuntimeError(f"cannot parse {art.id}")
            time.sleep(delay)
            sentence = art.text.split(".")[0][:200]
            yield art, [event(art, sentence, start=art.published)]
            print("extracted", art.id, flush=True)
    return extract
