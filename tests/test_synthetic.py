"""The synthetic load generator: event-shaped rows that say they are synthetic, with believable spreads."""
from __future__ import annotations

import pandas as pd

from timeline.analysis import query
from timeline.extract.ontology import QUAD_CLASS
from timeline.schema import EVENT_FIELDS
from timeline.store.store import Store
from timeline.scale.synthetic import fill_store, synthetic_frame, synthetic_records


def test_frame_has_the_event_columns_and_says_it_is_synthetic():
    frame = synthetic_frame(2000, seed=3)
    assert len(frame) == 2000
    assert list(frame.columns[:len(EVENT_FIELDS)]) == list(EVENT_FIELDS)
    assert frame["sentence"].str.startswith("SYNTHETIC").all()
    assert frame["source"].str.startswith("synthetic-wire-").all()
    assert frame["event_id"].is_unique
    # It passes through the dashboard's query like real output.
    assert len(query.apply(frame, query.Filters(event_types=("ASSAULT",)))) > 0
    assert pd.api.types.is_datetime64_any_dtype(frame["date_start"])


def test_distributions_are_skewed_like_a_conflict_corpus():
    frame = synthetic_frame(20000, seed=1)
    actors = frame["actor1"].value_counts(normalize=True)
    assert actors.iloc[0] > 0.02 and len(actors) > 500  # a few dominate, a long tail exists
    types = frame["event_type"].value_counts(normalize=True)
    assert types.index[0] == "ASSAULT" and types["CONCEDE"] < 0.02
    assert (frame["quad_class"] == frame["event_type"].map(QUAD_CLASS)).all()
    precision = frame["date_precision"].value_counts(normalize=True)
    assert 0.6 < precision["day"] < 0.76 and precision["unknown"] > 0.05
    undated = frame["date_precision"] == "unknown"
    assert frame.loc[undated, "date_start"].isna().all() and frame.loc[~undated, "date_start"].notna().all()
    assert (frame.loc[~undated, "date_end"] >= frame.loc[~undated, "date_start"]).all()
    month = frame[frame["date_precision"] == "month"].iloc[0]
    assert month["date_start"].day == 1 and month["date_end"].is_month_end
    assert 0.25 < frame["lat"].notna().mean() < 0.4
    assert (frame["location"] != "").sum() == frame["lat"].notna().sum()


def test_same_seed_same_rows_other_seed_other_rows():
    assert synthetic_frame(500, seed=7).equals(synthetic_frame(500, seed=7))
    assert not synthetic_frame(500, seed=7)["event_id"].isin(synthetic_frame(500, seed=8)["event_id"]).any()


def test_fill_store_stores_synthetic_articles_with_their_events():
    records = synthetic_records(60, events_per_article=6)
    assert len(records) == 10
    assert all(a.title.startswith("SYNTHETIC") and len(events) == 6 for a, events in records)
    assert all(a.text[e.sent_start:e.sent_end] == e.sentence for a, events in records for e in events)
    store = Store(":memory:")
    assert fill_store(store, 60) == 60
    stored = store.events(clustered=False)
    assert len(stored) == 60 and stored["sentence"].str.startswith("SYNTHETIC").all()
