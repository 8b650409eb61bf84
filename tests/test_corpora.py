"""Real articles from ../shared/corpus: every one goes through, and hand-checked events come out."""
from __future__ import annotations

from datetime import date

import pytest

from timeline.extract.events import extract_many
from timeline.ingest.read import read_path


@pytest.fixture(scope="module")
def ukraine_2025(shared, nlp):
    result = read_path(shared / "corpus" / "ukraine-2025.jsonl")
    assert not result.errors
    return {article.id: (article, events) for article, events in extract_many(result.articles, nlp)}


def _check_invariants(article, events):
    for e in events:
        assert article.text[e.sent_start:e.sent_end] == e.sentence
        assert e.article_id == article.id
        if e.date_start is not None:
            assert e.date_start <= e.date_end
        assert e.actor1 and e.actor1 != e.actor2
        assert e.event_type and 1 <= e.quad_class <= 4
        assert e.reason


def test_every_2025_article_is_processed(ukraine_2025):
    assert len(ukraine_2025) == 12
    for article, events in ukraine_2025.values():
        _check_invariants(article, events)
    # every article about the war yields events
    assert all(events for aid, (_, events) in ukraine_2025.items())


def test_putin_in_favour_of_ceasefire_dated_the_day_he_spoke(ukraine_2025):
    """Al Jazeera, published 15 March, reports Putin backing a ceasefire in principle "on Thursday":
    that is Putin agreeing on Thursday 13 March, not on the 15th."""
    article, events = ukraine_2025["ua25-006"]
    assert article.published == date(2025, 3, 15)
    hits = [e for e in events if "in favour of the" in e.sentence and e.actor1_name == "Vladimir Putin"]
    assert hits, "the sentence yields an event by Putin"
    e = hits[0]
    assert e.actor1_name == "Vladimir Putin"
    assert e.event_type in ("AGREE", "SUPPORT")
    assert e.date_start == e.date_end == date(2025, 3, 13)
    assert e.date_basis == "relative" and e.date_text == "Thursday"


def test_kursk_incursion_is_a_month_not_a_day(ukraine_2025):
    _, events = ukraine_2025["ua25-006"]
    (e,) = [e for e in events if "surprise incursion into Kursk" in e.sentence]
    assert (e.actor1_name, e.event_type) == ("Ukraine", "ASSAULT")
    assert (e.date_start, e.date_end, e.date_precision) == (date(2024, 8, 1), date(2024, 8, 31), "month")


def test_zelensky_accuses_moscow_in_paris(ukraine_2025):
    _, events = ukraine_2025["ua25-009"]
    (e,) = [e for e in events if e.event_type == "ACCUSE" and e.actor1_name == "Volodymyr Zelensky"]
    assert e.actor2_name == "Russia" and e.date_start == date(2025, 3, 26)


def test_halted_strikes_are_not_reported_as_strikes(ukraine_2025):
    """'Moscow will keep respecting the halt on strikes': no asserted ASSAULT from that sentence (what a
    halt is about is no event of its own)."""
    article, events = ukraine_2025["ua25-009"]
    assert "halt on strikes" in article.text
    in_sentence = [e for e in events if "halt on strikes" in e.sentence]
    assert not any(e.event_type == "ASSAULT" and e.context != "negated" for e in in_sentence)


def test_off_topic_article_keeps_its_own_actors(ukraine_2025):
    _, events = ukraine_2025["ua25-011"]  # Israel-Gaza
    names = {e.actor1_name for e in events} | {e.actor2_name for e in events}
    assert "Israel" in names or "Hamas" in names
    assert "Vladimir Putin" not in names


def test_every_2022_2024_article_is_processed(shared, nlp):
    result = read_path(shared / "corpus" / "ukraine-2022-2024.jsonl")
    assert len(result.articles) + len(result.errors) >= 250
    n_events = 0
    lukashenko = 0
    for article, events in extract_many(result.articles, nlp, batch_size=16):
        _check_invariants(article, events)
        n_events += len(events)
        lukashenko += any("lukashenko" in e.actor1 + e.actor2 for e in events)
    assert n_events > 1000
    assert lukashenko >= 5
