"""Plotly figures for the dashboard: timeline, actor graph, map. Pure functions of a DataFrame.

Every marker that stands for one event carries its ``event_id`` as ``customdata`` (an actor node
carries the actor id), so a selection in the app maps back to records. Big frames are aggregated
before drawing: a browser cannot take 100,000 hover texts, and an analyst cannot read them.
"""
from __future__ import annotations

import html
import re

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import sample_colorscale

from timeline.analysis.network import ActorNetwork, top_counts
from timeline.analysis.query import QUAD_CLASSES

QUAD_COLOURS = {1: "#6baed6", 2: "#2166ac", 3: "#f4a742", 4: "#c0392b", 0: "#9e9e9e"}
# Cooperation (+1) to conflict (-1): the same hues as the QuadClass colours.
BALANCE_SCALE = [[0.0, "#c0392b"], [0.5, "#bdbdbd"], [1.0, "#2166ac"]]
LANE_MODES = ("actor", "type")
FONT = dict(family="Inter, Segoe UI, Helvetica, Arial, sans-serif", size=12)
# plotly_white's page and axes, without its colour scales and 3-D, polar and ternary defaults: we
# set our own colours, and copying the whole template into every figure took ~17 ms per figure.
TEMPLATE = go.layout.Template(layout={
    key: value for key, value in pio.templates["plotly_white"].layout.to_plotly_json().items()
    if key not in ("colorscale", "coloraxis", "polar", "ternary", "scene")})


def quad_label(q: int) -> str:
    return f"{q} · {QUAD_CLASSES[q]}" if q in QUAD_CLASSES else "unclassified"


def _figure(traces: list[dict], **layout) -> go.Figure:
    """The figure from plain trace dicts, validated once. (Trace objects added one at a time are
    validated twice each: for a graph of 20 traces that was five times slower.)"""
    return go.Figure(data=traces, layout=dict(template=TEMPLATE, font=FONT, **layout))


def empty_figure(message: str, height: int = 260) -> go.Figure:
    return _figure([], height=height, xaxis_visible=False, yaxis_visible=False, margin=dict(l=10, r=10, t=10, b=10),
                   annotations=[dict(text=message, showarrow=False, font=dict(size=14, color="#666"))])


# Greedy word wrap: a run of up to WRAP characters that ends before a space, or a longer word whole.
WRAP = 80
_LINE = re.compile(r"\S.{0,%d}(?=\s|$)|\S+" % (WRAP - 1))


def _esc(text: str, limit: int = 320) -> str:
    """Hover text: escaped (article text is untrusted) and wrapped for plotly's <br> line breaks."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "<br>".join(_LINE.findall(html.escape(text)))


def _hovers(df: pd.DataFrame) -> np.ndarray:
    """One hover text per event: who, what, the date as written and what it was read as, the
    evidence sentence, the source."""
    sources = df["n_sources"].tolist() if "n_sources" in df else [1] * len(df)
    starts, ends = df["date_start"].dt.strftime("%Y-%m-%d").tolist(), df["date_end"].dt.strftime("%Y-%m-%d").tolist()
    out = []
    # Plain lists: iterating pandas' Arrow-backed columns element by element costs ten times more.
    for a1, a2, kind, quad, context, when, precision, start, end, sentence, source, n in zip(
            *(df[c].tolist() for c in ("actor1_name", "actor2_name", "event_type", "quad_class", "context",
                                       "date_text", "date_precision")), starts, ends,
            df["sentence"].tolist(), df["source"].tolist(), sources):
        who = html.escape(a1 or "(no actor)") + (" → " + html.escape(a2) if a2 else "")
        written = html.escape(when) if when else "no date expression"
        span = "undated" if not isinstance(start, str) else f"{start} – {end}" if end != start else start
        context = f" · <i>{context}</i>" if context else ""
        reported = f" · reported by {int(n)} sources" if pd.notna(n) and n > 1 else ""
        out.append(f"<b>{who}</b><br>{kind} ({quad_label(quad)}){context}<br>“{written}” · {precision} · {span}<br>"
                   f"{_esc(sentence)}<br><span style='color:#888'>{html.escape(source or '')}{reported}</span>")
    return np.array(out, dtype=str)


def _lanes(df: pd.DataFrame, mode: str) -> pd.DataFrame:
    """One row per (event, lane): per actor, an event sits in its actor1's lane (acting) and its
    actor2's lane (acted on); per type, in its type's lane."""
    if mode == "type":
        return df.assign(lane=df["event_type"].replace("", "(no type)"), role="acts")
    acting = df.assign(lane=df["actor1_name"].replace("", "(no actor)"), role="acts")
    acted = df[df["actor2_name"] != ""]
    return pd.concat([acting, acted.assign(lane=acted["actor2_name"], role="acted on")], ignore_index=True)


def _lane_rows(lane: pd.Series, most: int, what: str) -> tuple[list[str], np.ndarray]:
    """The lanes top to bottom, busiest first, and each row's lane number. Past ``most`` lanes the
    quietest share one last lane, "(N other actors)"."""
    codes, uniques = pd.factorize(lane)  # counting on integer codes: mapping strings costs far more
    counts = np.bincount(codes)
    order = np.argsort(-counts, kind="stable")
    if len(order) > most:
        order = order[: most - 1]
        names = [*uniques.take(order), f"({len(counts) - most + 1} other {what})"]
    else:
        names = list(uniques.take(order))
    row = np.full(len(counts), len(names) - 1, dtype=float)
    row[order] = np.arange(len(order))
    return names, row[codes]


def timeline_figure(df: pd.DataFrame, lanes: str = "actor", *, max_lanes: int = 24,
                    max_points: int = 3000) -> go.Figure:
    """Events on a time axis, one lane per actor or event type, coloured by QuadClass.

    A day is a dot; anything less precise (a month, a year, "since mid-2024") is a bar over the
    span it covers with its dot in the middle, so no false point is drawn. Above ``max_points`` the
    figure shows counts per lane, day and QuadClass instead of single events.
    """
    if lanes not in LANE_MODES:
        raise ValueError(f"lane mode {lanes!r} is not valid; choose from {list(LANE_MODES)}")
    dated = df["date_start"].notna()
    if not dated.any():
        return empty_figure("No dated events match the filters.")
    aggregate = dated.sum() * (2 if lanes == "actor" else 1) > max_points
    # Only the columns drawn are cut to the dated rows: every column copied costs time at 100k rows.
    wanted = ["date_start", "date_end", "quad_class", "actor1_name", "actor2_name", "event_type"]
    if aggregate:
        dated = df.loc[dated, wanted]
    else:
        dated = df[dated]
        dated = dated[wanted + ["event_id"]].assign(hover=_hovers(dated))
    long = _lanes(dated, lanes)
    aggregate = len(long) > max_points
    names, y = _lane_rows(long["lane"], max_lanes, "actors" if lanes == "actor" else "types")
    long["y"] = y
    if aggregate:
        traces = _counts(long)
        title = f"{len(dated):,} events, counted per lane and period (filter to see single events)"
    else:
        traces = _events(long)
        title = None
    height = max(320, 34 * len(names) + 140)
    # Dates go on top: with many lanes the bottom of the figure is below the fold.
    return _figure(
        traces, height=height, hovermode="closest", clickmode="event+select",
        title=dict(text=title, y=0.995, yanchor="top", font_size=13) if title else None,
        margin=dict(l=10, r=10, t=100 if title else 75, b=50),  # room for the tool bar above the dates
        legend=dict(orientation="h", yanchor="top", y=-0.01, x=0, title_text="QuadClass"),
        yaxis=dict(tickvals=list(range(len(names))), ticktext=[html.escape(t) for t in names], autorange="reversed",
                   showgrid=True, gridcolor="#eee", zeroline=False),
        xaxis=dict(type="date", side="top", showgrid=True, gridcolor="#f0f0f0", range=_focus(long),
                   rangeselector=dict(x=1, xanchor="right", y=-0.01, yanchor="top", buttons=[
                       dict(count=7, label="week", step="day", stepmode="backward"),
                       dict(count=1, label="month", step="month", stepmode="backward"),
                       dict(count=1, label="year", step="year", stepmode="backward"),
                       dict(step="all", label="all")])),
    )


def _focus(long: pd.DataFrame) -> list[pd.Timestamp] | None:
    """The initial time window: where the day-precise events are (5th to 95th percentile), so one
    event dated 1783 or a decade-long span does not squeeze the story into a sliver. The "all"
    button shows everything; spans reaching outside the window run off its edge. Never narrower
    than a day: plotly's own range around events all on one day spans milliseconds."""
    days = long.loc[long["date_start"] == long.get("date_end", long["date_start"]), "date_start"]
    days = days if len(days) else long["date_start"]
    low, high = days.quantile(0.05, interpolation="higher"), days.quantile(0.95, interpolation="lower")
    pad = max((high - low) * 0.08, pd.Timedelta(days=2))
    full_low, full_high = long["date_start"].min(), long.get("date_end", long["date_start"]).max()
    if low - pad <= full_low and high + pad >= full_high and full_high - full_low >= pd.Timedelta(days=1):
        return None
    return [low - pad, high + pad + pd.Timedelta(days=1)]


def _spread(long: pd.DataFrame) -> pd.Series:
    """Vertical offsets inside a lane, so events on the same day and lane do not hide each other."""
    keys = [long["y"], long["date_start"]]
    rank = long.groupby(keys).cumcount()
    size = long.groupby(keys)["y"].transform("size")
    step = np.minimum(0.7 / size, 0.18)
    return (rank - (size - 1) / 2) * step


def _events(long: pd.DataFrame) -> list[dict]:
    # Columns as NumPy arrays: plotly converts each pandas Series it is given on its own, slowly.
    y = (long["y"] + _spread(long)).to_numpy()
    start, last = long["date_start"].to_numpy(), long["date_end"].to_numpy()
    span = last > start
    end = last + np.timedelta64(1, "D")  # the span covers its last day too: draw it to the end of date_end
    x = np.where(span, start + (end - start) / 2, start)
    quad, ids, hover = long["quad_class"].to_numpy(), long["event_id"].to_numpy(), long["hover"].to_numpy()
    shapes = np.where(span, "diamond", "circle") + np.where(long["role"].to_numpy() == "acts", "", "-open")
    scatter = "scattergl" if len(long) > 1000 else "scatter"
    traces = []
    for q in sorted(set(quad)):
        colour = QUAD_COLOURS.get(q, QUAD_COLOURS[0])
        bars = (quad == q) & span
        if bars.any():
            # NaN breaks the line between two bars.
            traces.append(dict(
                type=scatter, x=np.column_stack([start[bars], end[bars], end[bars]]).ravel(),
                y=np.column_stack([y[bars], y[bars], np.full(bars.sum(), np.nan)]).ravel(), mode="lines",
                line=dict(color=colour, width=7), opacity=0.35, hoverinfo="skip", showlegend=False,
                legendgroup=str(q)))
        # One trace per marker symbol: plotly validates a per-point symbol list point by point.
        for i, shape in enumerate(sorted(set(shapes[quad == q]))):
            dots = (quad == q) & (shapes == shape)
            traces.append(dict(
                type=scatter, x=x[dots], y=y[dots], mode="markers", name=quad_label(q), legendgroup=str(q),
                showlegend=i == 0,
                customdata=ids[dots], hovertext=hover[dots], hoverinfo="text",
                marker=dict(color=colour, size=11, symbol=shape, line=dict(width=1.5, color=colour)),
            ))
    return traces


def _bin(days: pd.Series, most: int = 150) -> tuple[pd.Series, str]:
    """Days rounded to a day, week or month, whichever keeps a lane under ``most`` points."""
    span = (days.max() - days.min()).days
    if span <= most:
        return days, "day"
    if span <= most * 7:
        return days - pd.to_timedelta(days.dt.dayofweek, unit="D"), "week of"
    return days.dt.to_period("M").dt.start_time, "month of"


def _counts(long: pd.DataFrame) -> list[dict]:
    start, unit = _bin(long["date_start"])
    counts = (long.assign(date_start=start).groupby(["y", "date_start", "quad_class"])
              .size().rename("n").reset_index())
    biggest = counts["n"].max()
    return [dict(type="scattergl", x=part["date_start"].to_numpy(), y=(part["y"] + (q - 2.5) * 0.12).to_numpy(),
                 mode="markers", name=quad_label(q), customdata=part["n"].to_numpy(),
                 marker=dict(color=QUAD_COLOURS.get(q, QUAD_COLOURS[0]), opacity=0.7,
                             size=(4 + 18 * np.sqrt(part["n"] / biggest)).to_numpy()),
                 hovertemplate=f"%{{customdata}} events, {unit} %{{x|%Y-%m-%d}}<extra></extra>")
            for q, part in counts.groupby("quad_class")]


def _layout(actors: pd.Index, pairs: pd.DataFrame, aspect: float = 2.0) -> dict[str, tuple[float, float]]:
    """Node positions for ``actors`` (ids, busiest first) linked by ``pairs`` (actor1,
    actor2): the largest group of related actors gets the picture, stretched to the figure's width;
    smaller groups sit in a band underneath, side by side; actors with no counterpart in the view go
    in rows below that, busiest first, instead of ringing the picture."""
    first, second = pairs["actor1"].tolist(), pairs["actor2"].tolist()
    connected = set(first) | set(second)
    linked = nx.Graph()
    linked.add_nodes_from(a for a in actors if a in connected)
    linked.add_edges_from(zip(first, second))
    groups = sorted((sorted(c) for c in nx.connected_components(linked)), key=lambda c: (-len(c), c))
    pos: dict[str, tuple[float, float]] = {}
    if groups:
        # Not a view: the layout reads the whole adjacency, which a view filters edge by edge.
        main = linked if len(groups[0]) == len(linked) else linked.subgraph(groups[0]).copy()
        pos.update(_spread_out(main, (-aspect, aspect), (-1.0, 1.0)))
    bottom = -1.25
    if len(groups) > 1:
        width = 2 * aspect / (len(groups) - 1)
        for i, group in enumerate(groups[1:]):
            left = -aspect + i * width
            pos.update(_spread_out(linked.subgraph(group), (left + 0.15 * width, left + 0.85 * width),
                                   (bottom - 0.25, bottom + 0.05)))
        bottom -= 0.6
    alone = [n for n in actors if n not in connected]
    per_row = 6
    for i, n in enumerate(alone):
        row, col = divmod(i, per_row)
        count = min(per_row, len(alone) - row * per_row)
        pos[n] = (aspect * (-1 + 2 * (col + 0.5) / count), bottom - 0.35 * row)
    return pos


def _spread_out(group: nx.Graph, xs: tuple[float, float], ys: tuple[float, float]) -> dict[str, tuple[float, float]]:
    # A seeded spring layout: the same view gets the same picture. (Kamada-Kawai spaces a small
    # group a little more evenly, but its optimizer took 0.1 s for 20 actors and seconds for 50.)
    if len(group) <= 2:
        raw = {n: (i, 0.0) for i, n in enumerate(sorted(group))}
    else:
        raw = nx.spring_layout(group, seed=7)
    x = [p[0] for p in raw.values()]
    y = [p[1] for p in raw.values()]
    def scale(v: float, lo: float, hi: float, target: tuple[float, float]) -> float:
        return (target[0] + target[1]) / 2 if hi == lo else target[0] + (v - lo) / (hi - lo) * (target[1] - target[0])
    return {n: (scale(p[0], min(x), max(x), xs), scale(p[1], min(y), max(y), ys)) for n, p in raw.items()}


def graph_figure(net: ActorNetwork, *, max_nodes: int = 50, max_edges: int = 150) -> go.Figure:
    """The actor graph: node size = activity, node and edge colour = cooperation/conflict balance,
    edge width = number of events, arrows from the acting actor to the one acted on. Only the
    ``max_nodes`` most active actors and the ``max_edges`` heaviest pairs among them are drawn."""
    if not len(net):
        return empty_figure("No actors match the filters.", height=420)
    top = net.nodes.sort_values(["events", "name"], ascending=[False, True], kind="stable").head(max_nodes)
    inside = net.edges[net.edges["actor1"].isin(top.index) & net.edges["actor2"].isin(top.index)]
    edges = inside.sort_values("weight", ascending=False, kind="stable").head(max_edges)
    pos = _layout(top.index, inside)
    most = top["events"].max()
    size = dict(zip(top.index, 18 + 34 * np.sqrt(top["events"] / most)))
    traces = _edges(net, edges, pos) if len(edges) else []
    traces.append(dict(
        type="scatter", x=[pos[n][0] for n in top.index], y=[pos[n][1] for n in top.index], mode="markers+text",
        name="actors",
        customdata=list(top.index), text=[html.escape(t) for t in top["name"]], textposition="top center",
        textfont=dict(size=13, color="#222"),
        hovertext=[f"<b>{html.escape(row.name)}</b> ({html.escape(actor)})<br>{row.events} events: {row.coop} "
                   f"cooperation, {row.conflict} conflict<br>acts {row.acts}, acted on {row.acted_on}"
                   for actor, row in zip(top.index, top.itertuples(index=False))], hoverinfo="text",
        # Opaque (plotly's default for sized markers is 0.7): edges end under the node, not across it.
        marker=dict(size=[size[n] for n in top.index], color=list(top["balance"]), cmin=-1, cmax=1, opacity=1,
                    colorscale=BALANCE_SCALE, line=dict(width=1.5, color="white")),
        showlegend=False,
    ))
    hidden = len(net) - len(top)
    return _figure(
        traces, height=560, showlegend=False, clickmode="event+select",
        margin=dict(l=10, r=10, t=30 if hidden else 10, b=10), dragmode="pan",
        title=f"the {len(top)} most active of {len(net)} actors" if hidden else None,
        xaxis=dict(visible=False, range=_padded([p[0] for p in pos.values()], pad=0.12)),
        yaxis=dict(visible=False, range=_padded([p[1] for p in pos.values()], pad=0.12)),
    )


def _edges(net: ActorNetwork, edges: pd.DataFrame, pos: dict[str, tuple[float, float]]) -> list[dict]:
    """Edges as line traces, one per shade of balance and step of width, with an arrowhead at each
    edge's middle pointing at the actor acted on. (One plotly annotation per arrow would put the
    head at the node itself, but validating 150 annotations took longer than the rest of the graph.)"""
    start = np.array([pos[a] for a in edges["actor1"]])
    end = np.array([pos[b] for b in edges["actor2"]])
    share = edges["weight"].to_numpy() / edges["weight"].max()
    shade = np.round(2 * edges["balance"].to_numpy()) / 2  # -1, -0.5, 0, 0.5, 1
    step = np.round(3 * share)  # 0..3
    colour = dict(zip(np.unique(shade), sample_colorscale(BALANCE_SCALE, list((np.unique(shade) + 1) / 2))))
    traces = []
    for tone, width in sorted(set(zip(shade, step))):
        chosen = (shade == tone) & (step == width)
        gap = np.full(chosen.sum(), np.nan)  # null in the JSON: the line breaks between edges
        traces.append(dict(
            type="scatter", x=np.column_stack([start[chosen, 0], end[chosen, 0], gap]).ravel(),
            y=np.column_stack([start[chosen, 1], end[chosen, 1], gap]).ravel(), mode="lines", hoverinfo="skip",
            line=dict(color=colour[tone], width=1.5 + 4 * width / 3), opacity=0.6, showlegend=False, name="edges"))
    middle = (start + end) / 2
    # A marker "arrow" can turn to face the point before it (angleref "previous"): each head gets an
    # invisible point just before it on its edge.
    behind = start + 0.45 * (end - start)
    heads = np.column_stack([np.zeros(len(share)), 11 + 8 * share]).ravel()
    traces.append(dict(
        type="scatter", x=np.column_stack([behind[:, 0], middle[:, 0]]).ravel(),
        y=np.column_stack([behind[:, 1], middle[:, 1]]).ravel(),
        mode="markers", hoverinfo="skip", showlegend=False, name="arrows",
        marker=dict(symbol="arrow", angleref="previous", size=heads, line_width=0, color=np.repeat(shade, 2),
                    colorscale=BALANCE_SCALE, cmin=-1, cmax=1)))
    name = net.nodes["name"]
    traces.append(dict(
        type="scatter", x=middle[:, 0], y=middle[:, 1], mode="markers", hoverinfo="text", showlegend=False, name="relations",
        marker=dict(size=14, color="rgba(0,0,0,0)"), customdata=list(zip(edges["actor1"], edges["actor2"])),
        hovertext=[f"<b>{html.escape(name[a])} → {html.escape(name[b])}</b><br>"
                   f"{w} events: {coop} cooperation, {conflict} conflict<br>{types}"
                   for (a, b, w, coop, conflict), types in zip(
                       edges[["actor1", "actor2", "weight", "coop", "conflict"]].itertuples(index=False, name=None),
                       net.edge_types(edges))]))
    return traces


def _padded(values: list[float], pad: float = 0.18, least: float = 0.5) -> list[float]:
    """An axis range around ``values``, at least ``least`` wide, so one point is not zoomed into."""
    low, high = min(values), max(values)
    extra = max(high - low, least) * pad
    middle, half = (low + high) / 2, max(high - low, least) / 2
    return [middle - half - extra, middle + half + extra]


def _geo_window(lat: pd.Series, lon: pd.Series, aspect: float = 2.0) -> dict:
    """Axis ranges around the places, widened to the figure's shape so the map is not a sliver."""
    lat_range = _padded(list(lat), pad=0.25, least=8.0)
    lon_range = _padded(list(lon), pad=0.25, least=16.0)
    lat_span, lon_span = lat_range[1] - lat_range[0], lon_range[1] - lon_range[0]
    if lon_span > aspect * lat_span:
        middle = sum(lat_range) / 2
        lat_range = [middle - lon_span / aspect / 2, middle + lon_span / aspect / 2]
    else:
        middle = sum(lon_range) / 2
        lon_range = [middle - lat_span * aspect / 2, middle + lat_span * aspect / 2]
    return {"lataxis_range": [max(lat_range[0], -90.0), min(lat_range[1], 90.0)],
            "lonaxis_range": [max(lon_range[0], -180.0), min(lon_range[1], 180.0)]}


def map_figure(df: pd.DataFrame) -> go.Figure:
    """Events with a place, one circle per place sized by the number of events and coloured by the
    QuadClass most of them have. Drawn by plotly geo: no map tiles, nothing fetched."""
    placed = df.loc[df["lat"].notna() & df["lon"].notna(), ["location", "lat", "lon", "quad_class", "event_type", "event_id"]]
    if placed.empty:
        return empty_figure("No event with a known place matches the filters.", height=420)
    # Grouped on integer codes of the place names: grouping the strings themselves is several times slower.
    code, names = pd.factorize(placed["location"])
    quad = placed["quad_class"].to_numpy()
    by_quad = np.bincount(code * 5 + np.clip(quad, 0, 4), minlength=5 * len(names)).reshape(-1, 5)
    middle = placed[["lat", "lon"]].groupby(code).median()
    types = top_counts(code, placed["event_type"].to_numpy(), 5)
    places = pd.DataFrame({"location": np.asarray(names, dtype=object), "n": by_quad.sum(axis=1),
                           "lat": middle["lat"].to_numpy(), "lon": middle["lon"].to_numpy(),
                           "quad": by_quad.argmax(axis=1),  # most events; a tie goes to the lower class
                           "types": [types.get(i, "") for i in range(len(names))]})
    biggest = places["n"].max()
    traces = [dict(
        type="scattergeo", lon=part["lon"].to_numpy(), lat=part["lat"].to_numpy(), name=quad_label(q),
        text=[html.escape(p) for p in part["location"]], customdata=part["location"].to_numpy(),
        mode="markers+text", textposition="top center",
        marker=dict(size=(10 + 30 * np.sqrt(part["n"] / biggest)).to_numpy(), color=QUAD_COLOURS.get(q, QUAD_COLOURS[0]),
                    opacity=0.8, line=dict(width=1, color="white")),
        hovertext=[f"<b>{html.escape(loc)}</b><br>{n} events<br>{html.escape(t)}"
                   for loc, n, t in zip(part["location"], part["n"], part["types"])], hoverinfo="text",
    ) for q, part in places.groupby("quad")]
    return _figure(traces, height=460, margin=dict(l=0, r=0, t=10, b=0),
                   legend=dict(orientation="h", y=-0.02, title_text="QuadClass (most events)"),
                   geo=dict(projection_type="natural earth", showcountries=True, countrycolor="#fff",
                            showland=True, landcolor="#e8e8e8", showocean=True, oceancolor="#f4f8fb",
                            showlakes=False, resolution=110, **_geo_window(places["lat"], places["lon"])))
