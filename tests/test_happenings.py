"""One event per happening per article: repeated mentions become evidence of one event."""
from __future__ import annotations

from datetime import date

from timeline.extract.events import extract_events
from timeline.schema import Article


def events(nlp, text):
    return extract_events(Article(id="t", text=text, published=date(2025, 3, 13), source="test"), nlp)


def test_a_reference_to_a_happening_is_evidence_of_it_not_a_second_event(nlp):
    text = ("Russia launched a full-scale invasion of Ukraine on Feb. 24, 2022. "
            "Thousands of soldiers have died in Russia's invasion, Zelensky said.")
    (e,) = events(nlp, text)
    assert (e.event_type, e.date_start) == ("ASSAULT", date(2022, 2, 24))
    assert e.sentence.startswith("Russia launched")  # the clearest mention: dated, told by a verb
    start, end = map(int, e.mentions.split("-"))
    assert text[start:end].startswith("Thousands of soldiers")


def test_two_tellings_are_two_events(nlp):
    found = events(nlp, "Ukraine rejected the proposal on Monday. Kyiv rejected the new demands on Friday.")
    assert [e.date_start for e in found] == [date(2025, 3, 10), date(2025, 3, 7)]
    assert all(e.mentions == "" for e in found)


def test_mentions_of_different_days_or_partners_stay_apart(nlp):
    found = events(nlp, "Putin held talks with Trump on Tuesday. Putin's talks with Lukashenko in Minsk ended on Friday.")
    assert len(found) == 2
    found = events(nlp, "Russian drones struck Kharkiv on Monday. A Russian missile struck Sumy on Tuesday.")
    assert len(found) == 2


def test_references_dated_apart_are_two_happenings(nlp):
    found = events(nlp, "Russia's invasion of Crimea in 2014 shocked Europe. "
                        "Russia's invasion of Ukraine in 2022 was on a different scale.")
    assert sorted(e.date_start.year for e in found) == [2014, 2022]


def test_a_demonstrative_points_back_to_the_happening_told_before(nlp):
    text = "Witkoff travelled to Moscow last month. Witkoff returned to Washington after this visit."
    (e,) = events(nlp, text)
    assert (e.trigger, e.date_start) == ("travel", date(2025, 2, 1))
    start, end = map(int, e.mentions.split("-"))
    assert text[start:end] == "Witkoff returned to Washington after this visit."
    # without the demonstrative, talks are not the trip: two meetings
    assert len(events(nlp, "Witkoff travelled to Moscow last month. Witkoff returned to Washington after the talks.")) == 2
