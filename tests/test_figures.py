"""Figures: what each one draws for hand-built events, and what it must not draw."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from sample_events import LUKASHENKO, PUTIN, RUSSIA, TRUMP, UKRAINE, event, sample
from timeline.views import figures
from timeline.analysis import network, query


@pytest.fixture()
def df() -> pd.DataFrame:
    return query.frame(sample())


def marker_traces(fig):
    return [t for t in fig.data if t.mode and "markers" in t.mode and t.customdata is not None]


def test_timeline_one_lane_per_actor_in_both_roles(df):
    fig = figures.timeline_figure(df, "actor")
    lanes = set(fig.layout.yaxis.ticktext)
    assert lanes == {"Vladimir Putin", "Donald Trump", "Alexander Lukashenko", "Ukraine", "Russia"}
    ids = [i for t in marker_traces(fig) for i in t.customdata]
    # e001 sits in Putin's lane (acts) and Lukashenko's (acted on); the undated e005 is not drawn
    assert ids.count("e001") == 2 and "e005" not in ids
    assert {t.name for t in marker_traces(fig)} == {"1 · verbal cooperation", "3 · verbal conflict",
                                                    "4 · material conflict"}


def test_timeline_by_type_and_colour_by_quadclass(df):
    fig = figures.timeline_figure(df, "type")
    assert set(fig.layout.yaxis.ticktext) == {"CONSULT", "AGREE", "REQUEST", "ASSAULT", "REJECT"}
    conflict = [t for t in marker_traces(fig) if t.name.startswith("4")]
    assert {t.marker.color for t in conflict} == {figures.QUAD_COLOURS[4]}
    assert {i for t in conflict for i in t.customdata} == {"e004", "e007"}
    # One legend entry per QuadClass, however many marker shapes it is drawn with.
    assert sorted(t.name for t in fig.data if t.showlegend is not False) == sorted({t.name for t in marker_traces(fig)})


def test_marker_shape_says_precision_and_role(df):
    fig = figures.timeline_figure(df, "actor")
    shape = {(i, t.marker.symbol) for t in marker_traces(fig) for i in t.customdata}
    assert ("e004", "diamond") in shape and ("e004", "diamond-open") in shape  # a year: Russia acts, Ukraine acted on
    assert ("e001", "circle") in shape and ("e001", "circle-open") in shape  # a day: Putin acts, Lukashenko acted on
    assert not {s for i, s in shape if i == "e002"} & {"diamond", "diamond-open"}  # a day is never a bar


def test_imprecise_dates_are_spans_not_points(df):
    fig = figures.timeline_figure(df[df["event_id"] == "e004"], "type")
    bar = next(t for t in fig.data if t.mode == "lines")
    assert pd.Timestamp(bar.x[0]) == pd.Timestamp("2022-01-01") and pd.Timestamp(bar.x[1]) == pd.Timestamp("2023-01-01")
    dot = marker_traces(fig)[0]
    assert pd.Timestamp(dot.x[0]).year == 2022 and pd.Timestamp(dot.x[0]).month in (6, 7)  # mid-span, not 1 Jan
    day_only = figures.timeline_figure(df[df["event_id"] == "e002"], "type")
    assert not [t for t in day_only.data if t.mode == "lines"]


def test_timeline_hover_has_date_as_written_and_escaped_evidence(df):
    fig = figures.timeline_figure(df, "type")
    hovers = " ".join(h for t in marker_traces(fig) for h in t.hovertext)
    assert "“in 2022”" in hovers and "Putin sent troops into Ukraine in 2022." in hovers
    assert "&lt;b&gt;pushed&lt;/b&gt;" in hovers and "<b>pushed" not in hovers


def test_big_frames_are_counted_not_drawn_one_by_one():
    many = query.frame(event(i, PUTIN, TRUMP, day=date(2025, 1, 1 + i % 28)) for i in range(400))
    fig = figures.timeline_figure(many, "actor", max_points=100)
    assert all(t.type == "scattergl" and not isinstance(t.customdata[0], str) for t in fig.data)  # no event ids
    assert sum(len(t.x) for t in fig.data) == 28 * 2  # one count per day and lane
    assert sum(sum(t.customdata) for t in fig.data) == 800  # each event in its two lanes
    assert "400 events" in fig.layout.title.text


def test_lanes_beyond_the_limit_are_grouped(df):
    fig = figures.timeline_figure(df, "actor", max_lanes=3)
    assert len(fig.layout.yaxis.ticktext) == 3 and fig.layout.yaxis.ticktext[-1] == "(3 other actors)"


def test_graph_figure_nodes_carry_actor_ids(df):
    fig = figures.graph_figure(network.actor_network(df))
    nodes = next(t for t in fig.data if t.name == "actors")
    assert set(nodes.customdata) == {PUTIN, TRUMP, LUKASHENKO, UKRAINE, RUSSIA}
    assert "Alexander Lukashenko" in nodes.text
    arrows = next(t for t in fig.data if t.name == "arrows")
    assert sum(size > 0 for size in arrows.marker.size) == 5  # one arrowhead per directed pair
    relations = next(t for t in fig.data if t.name == "relations")
    assert (PUTIN, TRUMP) in {tuple(pair) for pair in relations.customdata}
    # The head sits mid-edge and faces the point before it, which lies towards the acting actor.
    where = {a: (x, y) for a, x, y in zip(nodes.customdata, nodes.x, nodes.y)}
    i = [tuple(pair) for pair in relations.customdata].index((PUTIN, TRUMP))
    (bx, by), (hx, hy) = (arrows.x[2 * i], arrows.y[2 * i]), (arrows.x[2 * i + 1], arrows.y[2 * i + 1])
    assert (hx - bx) * (where[TRUMP][0] - where[PUTIN][0]) + (hy - by) * (where[TRUMP][1] - where[PUTIN][1]) > 0
    lines = [t for t in fig.data if t.name == "edges"]
    assert sum(sum(1 for v in t.x if v == v) for t in lines) == 2 * 5  # each pair a segment (NaN breaks)
    assert any("Vladimir Putin → Donald Trump</b><br>2 events" in h for h in relations.hovertext)
    assert not any("Donald Trump → Vladimir Putin" in h for h in relations.hovertext)
    small = figures.graph_figure(network.actor_network(df), max_nodes=2)
    assert len(next(t for t in small.data if t.name == "actors").customdata) == 2
    assert "2 most active of 5" in small.layout.title.text


def test_map_sizes_places_by_count_and_skips_unplaced(df):
    fig = figures.map_figure(df)
    places = {loc for t in fig.data for loc in t.customdata}
    assert places == {"Moscow", "Washington", "Ukraine", "Kursk"}
    assert all(t.type == "scattergeo" for t in fig.data)
    doubled = query.frame(sample() + [event(9, location="Moscow", lat=55.76, lon=37.62)])
    sizes = {loc: s for t in figures.map_figure(doubled).data for loc, s in zip(t.customdata, t.marker.size)}
    assert sizes["Moscow"] > sizes["Kursk"]
    hover = {loc: h for t in figures.map_figure(doubled).data for loc, h in zip(t.customdata, t.hovertext)}
    assert "2 events<br>CONSULT ×2" in hover["Moscow"] and "ASSAULT" not in hover["Moscow"]


def test_map_colours_a_place_by_its_commonest_quadclass(df):
    kursk = [event(20 + i, RUSSIA, UKRAINE, event_type=kind, quad=quad, location="Kursk", lat=51.73, lon=36.19)
             for i, (kind, quad) in enumerate([("ASSAULT", 4), ("ASSAULT", 4), ("CONSULT", 1)])]
    fig = figures.map_figure(query.frame(kursk))
    assert [t.name for t in fig.data] == ["4 · material conflict"]
    assert "3 events<br>ASSAULT ×2, CONSULT ×1" in fig.data[0].hovertext[0]


def test_empty_frames_give_a_message_not_an_error(df):
    empty = df.iloc[0:0]
    for fig in (figures.timeline_figure(empty), figures.graph_figure(network.actor_network(empty)),
                figures.map_figure(empty)):
        assert fig.layout.annotations[0].text.endswith("the filters.")


def test_unknown_lane_mode_lists_the_valid_ones(df):
    with pytest.raises(ValueError, match=r"choose from \['actor', 'type'\]"):
        figures.timeline_figure(df, "source")


def test_hover_says_how_many_sources_report_a_happening(df):
    clustered = df.assign(n_sources=[3, 1, 1, 1, 1, 1, 1, 1])
    hovers = [h for t in marker_traces(figures.timeline_figure(clustered, "type")) for h in t.hovertext]
    assert sum("reported by 3 sources" in h for h in hovers) == 1
    assert not any("reported by 1 sources" in h for h in hovers)


def test_the_time_window_opens_on_the_dated_days_not_on_outliers(df):
    outlier = query.frame(sample() + [event(9, PUTIN, day=date(1783, 4, 19), sentence="Catherine annexed Crimea.")])
    window = [pd.Timestamp(x) for x in figures.timeline_figure(outlier).layout.xaxis.range]
    assert window[0] > pd.Timestamp("2025-01-01") and window[1] < pd.Timestamp("2025-04-01")
    assert window[0] < pd.Timestamp("2025-03-12") and window[1] > pd.Timestamp("2025-03-14")  # the dated days
    one_week = query.frame(sample()[:3])
    assert figures.timeline_figure(one_week).layout.xaxis.range is None  # nothing to cut: autorange


def test_timeline_axis_with_one_event_is_never_narrower_than_a_day():
    # The bug: one day-dated event left the axis to plotly's autorange, which zoomed into
    # milliseconds ("23:59:59.999 … 00:00:00.0005").
    for events in ([event(1, LUKASHENKO, day=date(2025, 3, 13))],
                   [event(1, LUKASHENKO, day=date(2025, 3, 13)), event(2, PUTIN, day=date(2025, 3, 13))]):
        window = [pd.Timestamp(x) for x in figures.timeline_figure(query.frame(events)).layout.xaxis.range]
        assert window[1] - window[0] >= pd.Timedelta(days=1)
        assert window[0] < pd.Timestamp("2025-03-13") < window[1]
    two_days = query.frame([event(1, PUTIN, day=date(2025, 3, 12)), event(2, PUTIN, day=date(2025, 3, 14))])
    assert figures.timeline_figure(two_days).layout.xaxis.range is None  # wide enough: autorange
