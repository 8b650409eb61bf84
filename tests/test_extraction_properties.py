"""Properties of extraction over arbitrary input: it never raises, every evidence sentence is the
article's own text at its offsets, and every date range runs forward."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.extract.events import extract_events
from timeline.ingest.read import from_text, read_bytes

NEWSY = st.lists(st.sampled_from([
    "Putin", "Trump", "said", "on", "Thursday", "attacked", "Ukraine", "in", "2022", "he", "will", "meet",
    "Zelensky", "\"", "We", "agree", ".", ",", "the", "Kremlin", "last", "week", "\n\n", "not", "since",
    "mid-2024", "talks", "with", "Lukashenko", "might", "call", "yesterday", "(EPA PHOTO)", "’s",
]), min_size=0, max_size=60).map(" ".join)
TEXTS = st.one_of(st.text(max_size=400), NEWSY)
DATES = st.one_of(st.none(), st.dates(min_value=date(1000, 1, 1), max_value=date(2100, 12, 31)))
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])


@PROPERTY
@given(text=TEXTS, published=DATES)
def test_extraction_never_raises_and_keeps_offsets(nlp, text, published):
    result = from_text(text, published=published, source="prop")
    for article in result.articles:
        for event in extract_events(article, nlp):
            assert article.text[event.sent_start:event.sent_end] == event.sentence
            if event.date_start is not None or event.date_end is not None:
                assert event.date_start <= event.date_end


@PROPERTY
@given(data=st.binary(max_size=600), name=st.sampled_from(["a.txt", "a.json", "a.jsonl", "a.csv", "a.html", "a.xml"]))
def test_ingest_of_arbitrary_bytes_never_raises(nlp, data, name):
    result = read_bytes(name, data)
    for error in result.errors:
        assert name in str(error)
    for article in result.articles:
        extract_events(article, nlp)
