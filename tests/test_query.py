"""Filters: validation, each filter on hand-built events, and the URL round trip."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sample_events import LUKASHENKO, PUTIN, TRUMP, UKRAINE, sample
from timeline.analysis import query
from timeline.analysis.query import Filters


@pytest.fixture()
def df() -> pd.DataFrame:
    return query.frame(sample())


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["event_id"])


def test_default_hides_future_hypothetical_negated_only(df):
    shown = ids(query.apply(df, Filters()))
    assert shown == {"e001", "e002", "e003", "e004", "e007"}
    assert "e004" in shown  # historical events happened: never hidden by default


def test_include_contexts_brings_each_back(df):
    assert ids(query.apply(df, Filters(include_contexts=("future",)))) - ids(query.apply(df, Filters())) == {"e005"}
    everything = Filters(include_contexts=query.OPTIONAL_CONTEXTS)
    assert len(query.apply(df, everything)) == 8


def test_date_range_overlaps_spans_and_drops_undated(df):
    f = Filters(start=date(2025, 3, 13), end=date(2025, 3, 31), include_contexts=query.OPTIONAL_CONTEXTS)
    # the March span (e008) overlaps; the 12 March events, the 2022 span and the undated e005 do not
    assert ids(query.apply(df, f)) == {"e001", "e002", "e006", "e008"}
    f = Filters(end=date(2022, 6, 1))
    assert ids(query.apply(df, f)) == {"e004"}


def test_actor_matches_either_role(df):
    assert ids(query.apply(df, Filters(actors=(UKRAINE,)))) == {"e004", "e007"}
    assert ids(query.apply(df, Filters(actors=(LUKASHENKO, TRUMP)))) == {"e001", "e002", "e003"}


def test_type_quad_source_confidence_text(df):
    assert ids(query.apply(df, Filters(event_types=("ASSAULT",)))) == {"e004", "e007"}
    assert ids(query.apply(df, Filters(quad_classes=(4,)))) == {"e004", "e007"}
    assert ids(query.apply(df, Filters(sources=("BBC",)))) == {"e003", "e007"}
    assert ids(query.apply(df, Filters(min_confidence=0.85))) == {"e002"}
    assert ids(query.apply(df, Filters(text="KREMLIN"))) == {"e003"}
    # search is literal text, not a regular expression
    assert ids(query.apply(df, Filters(text="<b>pushed"))) == {"e007"}
    assert query.apply(df, Filters(text="P.tin")).empty


def test_key_dates_only_counts_single_days_not_spans(df):
    f = Filters(key_dates_only=True, include_contexts=query.OPTIONAL_CONTEXTS)
    assert ids(query.apply(df, f, key_dates=[date(2025, 3, 12)])) == {"e003", "e007"}
    # 1 March lies inside e008's month but is not that event's date
    assert query.apply(df, f, key_dates=[date(2025, 3, 1)]).empty


@pytest.mark.parametrize("kwargs, message", [
    ({"quad_classes": (5,)}, "choose from [1, 2, 3, 4]"),
    ({"include_contexts": ("rumour",)}, "choose from ['future', 'hypothetical', 'negated']"),
    ({"min_confidence": 1.5}, "between 0 and 1"),
    ({"start": date(2025, 3, 2), "end": date(2025, 3, 1)}, "after it ends"),
    ({"actors": "Q7747"}, "must be a sequence"),
    ({"acled_types": ("Battle",)}, "choose from ['Battles', 'Explosions/Remote violence'"),
])
def test_invalid_filters_say_what_is_valid(kwargs, message):
    with pytest.raises((ValueError, TypeError), match=message.replace("[", r"\[").replace("]", r"\]")):
        Filters(**kwargs)


def test_url_round_trip_and_bad_params_reported():
    f = Filters(start=date(2025, 3, 1), actors=(PUTIN, TRUMP), quad_classes=(1, 4), include_contexts=("future",),
                min_confidence=0.25, text="ceasefire", key_dates_only=True)
    params = f.to_params()
    assert params["actor"] == [PUTIN, TRUMP] and params["from"] == "2025-03-01" and "to" not in params
    assert Filters.from_params(params) == (f, [])
    parsed, problems = Filters.from_params({"quad": ["2", "9"], "from": "13/03/2025", "conf": "high", "actor": PUTIN})
    assert parsed == Filters(quad_classes=(2,), actors=(PUTIN,))
    assert len(problems) == 3
    assert any("quad='9'" in p for p in problems) and any("from='13/03/2025'" in p for p in problems)
    assert Filters().to_params() == {}


def test_every_event_has_plain_words_and_its_acled_equivalent(df):
    row = df.set_index("event_id")
    assert row.loc["e001", "type_label"] == "Meet or talk" and row.loc["e001", "acled_type"] == ""
    assert row.loc["e004", "type_label"] == "Attack or fight" and row.loc["e004", "acled_type"] == "Battles"
    assert row.loc["e002", "acled_type"] == "Strategic developments"  # AGREE: an agreement


def test_a_frame_written_before_fatalities_normalizes_with_none(df):
    old = pd.DataFrame([e.as_dict() for e in sample()]).drop(columns="fatalities")
    assert query.normalize(old)["fatalities"].isna().all()


def test_acled_type_and_place_filters(df):
    everything = query.OPTIONAL_CONTEXTS
    battles = Filters(acled_types=("Battles",), include_contexts=everything)
    assert ids(query.apply(df, battles)) == {"e004", "e007"}
    # "none": the events ACLED codes no equivalent of (meetings, statements, appeals)
    talk = ids(query.apply(df, Filters(acled_types=(query.NO_ACLED,), include_contexts=everything)))
    assert talk == {"e001", "e003", "e006", "e008"}
    assert ids(query.apply(df, Filters(places=("Kursk", "Moscow")))) == {"e001", "e007"}
    f = Filters(acled_types=("Battles", query.NO_ACLED), places=("Kursk",))
    assert f.to_params() == {"acled": ["Battles", "none"], "place": ["Kursk"]}
    assert Filters.from_params(f.to_params()) == (f, [])
    parsed, problems = Filters.from_params({"acled": ["Riots", "Battle"]})
    assert parsed.acled_types == ("Riots",) and "acled='Battle'" in problems[0]


@given(st.builds(
    Filters,
    start=st.none() | st.dates(max_value=date(2024, 12, 31)),
    end=st.none() | st.dates(min_value=date(2025, 1, 1)),
    actors=st.lists(st.text(min_size=1), max_size=3).map(tuple),
    quad_classes=st.lists(st.sampled_from([1, 2, 3, 4]), unique=True).map(tuple),
    include_contexts=st.lists(st.sampled_from(query.OPTIONAL_CONTEXTS), unique=True).map(tuple),
    min_confidence=st.floats(0, 1).map(lambda x: round(x, 3)),
    text=st.text(),
    key_dates_only=st.booleans(),
    acled_types=st.lists(st.sampled_from([*query.ACLED_EVENT_TYPES, query.NO_ACLED]), unique=True).map(tuple),
    places=st.lists(st.text(min_size=1), max_size=3).map(tuple),
))
def test_any_filters_survive_the_url(f):
    assert Filters.from_params(f.to_params()) == (f, [])


def test_link_values_the_data_lacks_are_left_out_and_reported():
    df = query.frame(sample())
    df.loc[0, ["attribution", "claimed_by"]] = ["claimed", "Russia"]
    wanted = Filters(actors=(PUTIN, "Q000"), event_types=("ASSAULT", "TELEPORT"), sources=("BBC", "Daily Nowhere"),
                     quad_classes=(4,), claimants=("Russia", "Nobody"))
    kept, problems = wanted.known_in(df)
    assert kept == Filters(actors=(PUTIN,), event_types=("ASSAULT",), sources=("BBC",), quad_classes=(4,),
                           claimants=("Russia",))
    assert problems == ["actor='Q000' is not in the data", "type='TELEPORT' is not in the data",
                        "source='Daily Nowhere' is not in the data", "says='Nobody' is not in the data"]
    assert Filters().known_in(df) == (Filters(), [])
