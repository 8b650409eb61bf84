"""Figures: what each one draws for hand-built events, and what it must not draw."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from sample_events import LUKASHENKO, PUTIN, RUSSIA, TRUMP, UKRAINE, event, sample
from timeline.views import figures, graph, maps
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
    assert set(fig.layout.yaxis.ticktext) == {"CONSULT · Meet or talk", "AGREE · Agree or promise",
                                              "REQUEST · Ask or demand", "ASSAULT · Attack or fight",
                                              "REJECT · Reject or refuse"}
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
    # with the whole year in view, its diamond sits in its middle
    year = query.frame([*sample()[3:4], event(9, day=date(2022, 1, 1)), event(10, day=date(2022, 12, 31))])
    dot = next(t for t in marker_traces(figures.timeline_figure(year, "type")) if "e004" in t.customdata)
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
    fig = graph.graph_figure(network.actor_network(df))
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
    assert sum(sum(1 for v in t.x if v == v) for t in lines) == graph.CURVE_POINTS * 5  # each pair one line
    assert any("Vladimir Putin → Donald Trump</b><br>2 events" in h for h in relations.hovertext)
    assert not any("Donald Trump → Vladimir Putin" in h for h in relations.hovertext)
    small = graph.graph_figure(network.actor_network(df), max_nodes=2)
    assert len(next(t for t in small.data if t.name == "actors").customdata) == 2
    assert "2 most active of 5" in small.layout.title.text


def test_map_sizes_places_by_count_and_skips_unplaced(df):
    fig = maps.map_figure(df)
    places = {loc for t in fig.data if t.customdata is not None for loc in t.customdata}
    assert places == {"Moscow", "Washington", "Ukraine", "Kursk"}
    assert all(t.type == "scattergeo" for t in fig.data)
    doubled = query.frame(sample() + [event(9, location="Moscow", lat=55.76, lon=37.62)])
    placed = [t for t in maps.map_figure(doubled).data if t.customdata is not None]
    sizes = {loc: s for t in placed for loc, s in zip(t.customdata, t.marker.size)}
    assert sizes["Moscow"] > sizes["Kursk"]
    hover = {loc: h for t in placed for loc, h in zip(t.customdata, t.hovertext)}
    assert "2 events<br>CONSULT ×2" in hover["Moscow"] and "ASSAULT" not in hover["Moscow"]


def test_map_colours_a_place_by_its_commonest_quadclass(df):
    kursk = [event(20 + i, RUSSIA, UKRAINE, event_type=kind, quad=quad, location="Kursk", lat=51.73, lon=36.19)
             for i, (kind, quad) in enumerate([("ASSAULT", 4), ("ASSAULT", 4), ("CONSULT", 1)])]
    fig = maps.map_figure(query.frame(kursk))
    assert [t.name for t in fig.data if t.customdata is not None] == ["4 · material conflict"]
    assert "3 events<br>ASSAULT ×2, CONSULT ×1" in fig.data[-1].hovertext[0]
    assert fig.layout.showlegend is True  # a legend even with one class


def test_empty_frames_give_a_message_not_an_error(df):
    empty = df.iloc[0:0]
    for fig in (figures.timeline_figure(empty), graph.graph_figure(network.actor_network(empty)),
                maps.map_figure(empty)):
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


def test_the_time_window_of_two_days_is_not_reversed():
    two = query.frame([event(1, day=date(2025, 1, 1), end=date(2025, 12, 31), precision="year"),
                       event(2, day=date(2025, 3, 1)), event(3, day=date(2025, 3, 20))])
    low, high = (pd.Timestamp(x) for x in figures.timeline_figure(two).layout.xaxis.range)
    assert low < pd.Timestamp("2025-03-01") and high > pd.Timestamp("2025-03-20")


def test_a_bar_running_off_the_window_keeps_its_diamond_in_view(df):
    shown = df.assign(context="")  # e008, a month (March 2025), runs off the window the March days open
    fig = figures.timeline_figure(shown, "type")
    low, high = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    diamond = {i: pd.Timestamp(x) for t in marker_traces(fig) for i, x in zip(t.customdata, t.x)}
    assert low < diamond["e008"] < high, (low, diamond["e008"], high)
    bar = next(t for t in fig.data if t.mode == "lines" and t.line.color == figures.QUAD_COLOURS[3])
    assert pd.Timestamp(bar.x[0]) == pd.Timestamp("2025-03-01") and pd.Timestamp(bar.x[1]) == pd.Timestamp("2025-04-01")
    # a span wholly outside the window keeps its true middle
    assert diamond["e004"].year == 2022 and diamond["e004"].month in (6, 7)


def test_events_on_one_day_spread_so_each_can_be_clicked():
    same_day = query.frame([event(i, PUTIN, sentence=f"Putin met someone, report {i}.") for i in range(1, 13)])
    fig = figures.timeline_figure(same_day, "actor")
    points = {(pd.Timestamp(x), y) for t in marker_traces(fig) for x, y in zip(t.x, t.y)}
    assert len(points) == 12  # no two markers on top of each other
    rows = sorted({y for _, y in points})
    assert len(rows) == figures.MAX_STACK and min(b - a for a, b in zip(rows, rows[1:])) >= figures.PITCH_PX
    # past MAX_STACK, side by side within the day
    days = {x.normalize() for x, _ in points}
    assert days == {pd.Timestamp("2025-03-13")} and len({x for x, _ in points}) == 2
    assert fig.layout.yaxis.range[0] >= figures.MAX_STACK * figures.PITCH_PX  # the lane grew to fit its stack


def test_disputed_reports_are_marked_when_the_frame_says_so(df):
    marked = df.assign(attribution=["claimed"] + ["reported"] * (len(df) - 1))
    symbols = {i: t.marker.symbol for t in marker_traces(figures.timeline_figure(marked, "type")) for i in t.customdata}
    assert symbols["e001"] == "circle-dot" and symbols["e002"] == "circle"
    plain = {t.marker.symbol for t in marker_traces(figures.timeline_figure(df, "type"))}
    assert not any(s.endswith("-dot") for s in plain)


def test_activity_bars_count_per_period_stacked_by_quadclass(df):
    shown = df.assign(context="")
    fig = figures.activity_figure(shown, window=(date(2025, 3, 12), date(2025, 3, 13)))
    bars = {t.name: t for t in fig.data}
    # the days events are dated to span two days: daily bars; the year and the month are left out, and said so
    assert fig.layout.title.text == "events per day · not counted: 2 dated more loosely than a day"
    assert set(bars) == {"1 · verbal cooperation", "4 · material conflict"}
    assert sum(bars["1 · verbal cooperation"].y) == 4 and sum(bars["4 · material conflict"].y) == 1
    conflict = bars["4 · material conflict"]
    assert [list(c[:2]) for c, n in zip(conflict.customdata, conflict.y) if n] == [["2025-03-12", "2025-03-12"]]
    assert pd.Timestamp(fig.layout.xaxis.range[0]) < pd.Timestamp("2025-03-12")  # the bars' days, not 2022
    assert pd.Timestamp(fig.layout.xaxis.range[0]) > pd.Timestamp("2025-03-01")
    assert fig.layout.barmode == "stack" and fig.layout.dragmode == "select"
    shade = fig.layout.shapes[0]
    assert pd.Timestamp(shade.x0) == pd.Timestamp("2025-03-12") and pd.Timestamp(shade.x1) == pd.Timestamp("2025-03-14")
    assert not figures.activity_figure(shown).layout.shapes  # no date range chosen, nothing shaded
    months = figures.activity_figure(query.frame([event(1, day=date(2020, 1, 3)), event(2, day=date(2025, 3, 12))]))
    assert months.layout.title.text == "events per month"
    weeks = figures.activity_figure(query.frame([event(1, day=date(2024, 1, 3)), event(2, day=date(2025, 3, 12))]))
    assert weeks.layout.title.text == "events per week"
    assert [list(c[:2]) for t in weeks.data for c, n in zip(t.customdata, t.y) if n][-1] == ["2025-03-10",
                                                                                               "2025-03-16"]  # Mon-Sun


def test_two_way_pairs_are_two_curves_bowed_apart_and_node_colour_has_its_bar(df):
    both_ways = query.frame(sample() + [event(9, TRUMP, PUTIN, event_type="REQUEST", sentence="Trump urged Putin.")])
    fig = graph.graph_figure(network.actor_network(both_ways), focus=PUTIN)
    relations = next(t for t in fig.data if t.name == "relations")
    middle = {tuple(pair): (x, y) for pair, x, y in zip(relations.customdata, relations.x, relations.y)}
    nodes = next(t for t in fig.data if t.name == "actors")
    where = {a: np.array([x, y]) for a, x, y in zip(nodes.customdata, nodes.x, nodes.y)}
    chord = (where[PUTIN] + where[TRUMP]) / 2
    there, back = np.array(middle[(PUTIN, TRUMP)]), np.array(middle[(TRUMP, PUTIN)])
    # each direction's middle lies off the straight line, on opposite sides of it
    assert np.linalg.norm(there - chord) > 0.05 and np.allclose(there - chord, chord - back)
    one_way = np.array(middle[(PUTIN, LUKASHENKO)])
    assert np.allclose(one_way, (where[PUTIN] + where[LUKASHENKO]) / 2)  # a one-way pair stays straight
    assert nodes.marker.showscale and list(nodes.marker.colorbar.ticktext) == ["conflict", "mixed", "cooperation"]
    ringed = [w for a, w in zip(nodes.customdata, nodes.marker.line.width) if a == PUTIN]
    assert ringed == [3.5] and max(w for a, w in zip(nodes.customdata, nodes.marker.line.width) if a != PUTIN) < 3.5


def test_the_neighbourhood_of_an_actor_to_a_depth(df):
    everything = df.assign(context="")
    # Lukashenko's only counterpart is Putin; Putin's are Lukashenko and Trump
    one = network.neighbourhood(everything, LUKASHENKO, 1)
    assert set(one["event_id"]) == {"e001"}
    two = network.neighbourhood(everything, LUKASHENKO, 2)
    # Putin's events with Trump and Trump's own with no counterpart; not Trump's with Russia
    assert set(two["event_id"]) == {"e001", "e002", "e006", "e005"}
    three = set(network.neighbourhood(everything, LUKASHENKO, 3)["event_id"])
    assert three == {"e001", "e002", "e006", "e005", "e003"}  # Russia reached; Ukraine, one step further, not
    with pytest.raises(ValueError, match="depth must be 1 or more"):
        network.neighbourhood(everything, PUTIN, 0)


def test_metrics_explain_events_as_acts_acted_on_and_no_counterpart(df):
    metrics = network.actor_metrics(network.actor_network(df)).set_index("actor")
    assert (metrics["events"] == metrics["acts"] + metrics["acted_on"] + metrics["no_counterpart"]).all()
    assert metrics.loc[TRUMP, "no_counterpart"] == 1  # "Trump said he will halt the war": no one acted on


def test_map_labels_do_not_collide_and_countries_are_named():
    near = [event(i, location=name, lat=lat, lon=lon) for i, (name, lat, lon) in enumerate(
        [("Kharkiv", 49.99, 36.23), ("Chuhuiv", 49.84, 36.69), ("Izium", 49.21, 37.26), ("Kupiansk", 49.71, 37.61),
         ("Kyiv", 50.45, 30.52)], 1)]
    fig = maps.map_figure(query.frame(near))
    places = [t for t in fig.data if t.customdata is not None]
    window = {"lataxis_range": fig.layout.geo.lataxis.range, "lonaxis_range": fig.layout.geo.lonaxis.range}
    boxes = []
    for t in places:
        x, y = maps._screen(np.array(t.lat), np.array(t.lon), window)
        for text, position, px, py, size in zip(t.text, t.textposition, x, y, t.marker.size):
            if text:
                w, h, r = maps.CHAR_PX * len(text) + 4, maps.LINE_PX, size / 2
                dx = {"middle right": r + 2 + w / 2, "middle left": -(r + 2 + w / 2)}.get(position, 0)
                dy = {"top center": -(r + 1 + h / 2), "bottom center": r + 1 + h / 2}.get(position, 0)
                boxes.append((px + dx - w / 2, py + dy - h / 2, px + dx + w / 2, py + dy + h / 2))
    assert len(boxes) >= 3, "most of five nearby places keep a label"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    countries = next(t for t in fig.data if t.name == "countries")
    assert "Ukraine" in countries.text and "Brazil" not in countries.text  # only what the window shows
    assert fig.layout.geo.showland and fig.layout.showlegend is True


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
