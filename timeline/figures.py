"""Plotly figures for the dashboard: timeline, actor graph, map. Pure functions of a DataFrame.

Every marker that stands for one event carries its ``event_id`` as ``customdata`` (an actor node
carries the actor id), so a selection in the app maps back to records. Big frames are aggregated
before drawing: a browser cannot take 100,000 hover texts, and an analyst cannot read them.
"""
from __future__ import annotations

import html
import math
import textwrap

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from timeline.query import QUAD_CLASSES

QUAD_COLOURS = {1: "#6baed6", 2: "#2166ac", 3: "#f4a742", 4: "#c0392b", 0: "#9e9e9e"}
# Cooperation (+1) to conflict (-1): the same hues as the QuadClass colours.
BALANCE_SCALE = [[0.0, "#c0392b"], [0.5, "#bdbdbd"], [1.0, "#2166ac"]]
LANE_MODES = ("actor", "type")
FONT = dict(family="Inter, Segoe UI, Helvetica, Arial, sans-serif", size=12)


def quad_label(q: int) -> str:
    return f"{q} · {QUAD_CLASSES[q]}" if q in QUAD_CLASSES else "unclassified"


def empty_figure(message: str, height: int = 260) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font=dict(size=14, color="#666"))
    fig.update_layout(height=height, xaxis_visible=False, yaxis_visible=False, template="plotly_white",
                      margin=dict(l=10, r=10, t=10, b=10))
    return fig


def _esc(text: str, width: int = 80, limit: int = 320) -> str:
    """Hover text: escaped (article text is untrusted) and wrapped for plotly's <br> line breaks."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width)) or ""


def _hover(row) -> str:
    who = html.escape(row.actor1_name or "(no actor)")
    if row.actor2_name:
        who += " → " + html.escape(row.actor2_name)
    when = html.escape(row.date_text) if row.date_text else "no date expression"
    if pd.isna(row.date_start):
        span = "undated"
    elif row.date_end > row.date_start:
        span = f"{row.date_start:%Y-%m-%d} – {row.date_end:%Y-%m-%d}"
    else:
        span = f"{row.date_start:%Y-%m-%d}"
    context = f" · <i>{row.context}</i>" if row.context else ""
    sources = getattr(row, "n_sources", 1)
    reported = f" · reported by {int(sources)} sources" if pd.notna(sources) and sources > 1 else ""
    return (f"<b>{who}</b><br>{row.event_type} ({quad_label(row.quad_class)}){context}<br>"
            f"“{when}” · {row.date_precision} · {span}<br>{_esc(row.sentence)}<br>"
            f"<span style='color:#888'>{html.escape(row.source or '')}{reported}</span>")


HOVER_COLUMNS = ("event_id", "date_start", "date_end", "date_precision", "date_text", "actor1_name", "actor2_name",
                 "event_type", "quad_class", "context", "sentence", "source", "n_sources")


def _lanes(df: pd.DataFrame, mode: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """One row per (event, lane): per actor, an event sits in its actor1's lane (acting) and its
    actor2's lane (acted on); per type, in its type's lane. Only ``columns`` are carried along."""
    if mode not in LANE_MODES:
        raise ValueError(f"lane mode {mode!r} is not valid; choose from {list(LANE_MODES)}")
    df = df[[c for c in dict.fromkeys(columns + ("actor1_name", "actor2_name", "event_type")) if c in df.columns]]
    if mode == "type":
        return df.assign(lane=df["event_type"].replace("", "(no type)"), role="acts")
    acting = df.assign(lane=df["actor1_name"].replace("", "(no actor)"), role="acts")
    acted = df[df["actor2_name"] != ""]
    return pd.concat([acting, acted.assign(lane=acted["actor2_name"], role="acted on")], ignore_index=True)


def timeline_figure(df: pd.DataFrame, lanes: str = "actor", *, max_lanes: int = 24,
                    max_points: int = 3000) -> go.Figure:
    """Events on a time axis, one lane per actor or event type, coloured by QuadClass.

    A day is a dot; anything less precise (a month, a year, "since mid-2024") is a bar over the
    span it covers with its dot in the middle, so no false point is drawn. Above ``max_points`` the
    figure shows counts per lane, day and QuadClass instead of single events.
    """
    dated = df[df["date_start"].notna()]
    if dated.empty:
        return empty_figure("No dated events match the filters.")
    aggregate = len(dated) * (2 if lanes == "actor" else 1) > max_points
    long = _lanes(dated, lanes, ("date_start", "quad_class") if aggregate else HOVER_COLUMNS)
    aggregate = len(long) > max_points
    order = long["lane"].value_counts()
    if len(order) > max_lanes:
        other = f"({len(order) - max_lanes + 1} other {'actors' if lanes == 'actor' else 'types'})"
        keep = set(order.index[: max_lanes - 1])
        long["lane"] = long["lane"].where(long["lane"].isin(keep), other)
        order = long["lane"].value_counts()
        order = pd.concat([order.drop(other), order[[other]]])  # the catch-all lane goes last
    y_of = {lane: i for i, lane in enumerate(order.index)}
    long["y"] = long["lane"].map(y_of).astype(float)
    fig = go.Figure()
    if aggregate:
        _add_counts(fig, long)
        title = f"{len(dated):,} events, counted per lane and period (filter to see single events)"
    else:
        _add_events(fig, long)
        title = None
    height = max(320, 34 * len(y_of) + 140)
    # Dates go on top: with many lanes the bottom of the figure is below the fold.
    fig.update_layout(
        template="plotly_white", font=FONT, height=height, hovermode="closest", clickmode="event+select",
        title=dict(text=title, y=0.995, yanchor="top", font_size=13) if title else None,
        margin=dict(l=10, r=10, t=100 if title else 75, b=50),  # room for the tool bar above the dates
        legend=dict(orientation="h", yanchor="top", y=-0.01, x=0, title_text="QuadClass"),
        yaxis=dict(tickvals=list(y_of.values()), ticktext=[html.escape(t) for t in y_of], autorange="reversed",
                   showgrid=True, gridcolor="#eee", zeroline=False),
        xaxis=dict(type="date", side="top", showgrid=True, gridcolor="#f0f0f0", range=_focus(long),
                   rangeselector=dict(x=1, xanchor="right", y=-0.01, yanchor="top", buttons=[
                       dict(count=7, label="week", step="day", stepmode="backward"),
                       dict(count=1, label="month", step="month", stepmode="backward"),
                       dict(count=1, label="year", step="year", stepmode="backward"),
                       dict(step="all", label="all")])),
    )
    return fig


def _focus(long: pd.DataFrame) -> list[pd.Timestamp] | None:
    """The initial time window: where the day-precise events are (5th to 95th percentile), so one
    event dated 1783 or a decade-long span does not squeeze the story into a sliver. The "all"
    button shows everything; spans reaching outside the window run off its edge."""
    days = long.loc[long["date_start"] == long.get("date_end", long["date_start"]), "date_start"]
    days = days if len(days) else long["date_start"]
    low, high = days.quantile(0.05, interpolation="higher"), days.quantile(0.95, interpolation="lower")
    pad = max((high - low) * 0.08, pd.Timedelta(days=2))
    full_low, full_high = long["date_start"].min(), long.get("date_end", long["date_start"]).max()
    if low - pad <= full_low and high + pad >= full_high:
        return None
    return [low - pad, high + pad + pd.Timedelta(days=1)]


def _spread(long: pd.DataFrame) -> pd.Series:
    """Vertical offsets inside a lane, so events on the same day and lane do not hide each other."""
    keys = [long["y"], long["date_start"]]
    rank = long.groupby(keys).cumcount()
    size = long.groupby(keys)["y"].transform("size")
    step = np.minimum(0.7 / size, 0.18)
    return (rank - (size - 1) / 2) * step


def _add_events(fig: go.Figure, long: pd.DataFrame) -> None:
    long = long.assign(y=long["y"] + _spread(long))
    span = long["date_end"] > long["date_start"]
    # The span covers its last day too: draw it to the end of date_end.
    end = long["date_end"] + pd.Timedelta(days=1)
    middle = long["date_start"] + (end - long["date_start"]) / 2
    long = long.assign(x=middle.where(span, long["date_start"]), span=span, end=end)
    scatter = go.Scattergl if len(long) > 1000 else go.Scatter
    for q in sorted(long["quad_class"].unique()):
        part = long[long["quad_class"] == q]
        colour = QUAD_COLOURS.get(q, QUAD_COLOURS[0])
        bars = part[part["span"]]
        if not bars.empty:
            xs, ys = [], []
            for row in bars.itertuples():
                xs += [row.date_start, row.end, None]
                ys += [row.y, row.y, None]
            fig.add_trace(scatter(x=xs, y=ys, mode="lines", line=dict(color=colour, width=7), opacity=0.35,
                                  hoverinfo="skip", showlegend=False, legendgroup=str(q)))
        symbols = np.where(part["role"] == "acts", np.where(part["span"], "diamond", "circle"),
                           np.where(part["span"], "diamond-open", "circle-open"))
        fig.add_trace(scatter(
            x=part["x"], y=part["y"], mode="markers", name=quad_label(q), legendgroup=str(q),
            customdata=part["event_id"], hovertext=[_hover(r) for r in part.itertuples()], hoverinfo="text",
            marker=dict(color=colour, size=11, symbol=list(symbols), line=dict(width=1.5, color=colour)),
        ))


def _bin(days: pd.Series, most: int = 150) -> tuple[pd.Series, str]:
    """Days rounded to a day, week or month, whichever keeps a lane under ``most`` points."""
    span = (days.max() - days.min()).days
    if span <= most:
        return days, "day"
    if span <= most * 7:
        return days - pd.to_timedelta(days.dt.dayofweek, unit="D"), "week of"
    return days.dt.to_period("M").dt.start_time, "month of"


def _add_counts(fig: go.Figure, long: pd.DataFrame) -> None:
    start, unit = _bin(long["date_start"])
    counts = (long.assign(date_start=start).groupby(["y", "lane", "date_start", "quad_class"], observed=True)
              .size().rename("n").reset_index())
    biggest = counts["n"].max()
    for q in sorted(counts["quad_class"].unique()):
        part = counts[counts["quad_class"] == q]
        fig.add_trace(go.Scattergl(
            x=part["date_start"], y=part["y"] + (q - 2.5) * 0.12, mode="markers", name=quad_label(q),
            marker=dict(color=QUAD_COLOURS.get(q, QUAD_COLOURS[0]), opacity=0.7,
                        size=4 + 18 * np.sqrt(part["n"] / biggest)),
            customdata=part["n"], hovertemplate=f"%{{customdata}} events, {unit} %{{x|%Y-%m-%d}}<extra></extra>",
        ))


def actor_network(df: pd.DataFrame) -> nx.DiGraph:
    """Who did what to whom: an edge actor1 -> actor2 per pair, weighted by the number of events,
    with counts of cooperation (QuadClass 1-2) and conflict (3-4) and their balance in [-1, 1].
    Every actor is a node with its activity (events in either role), even without a counterpart."""
    coop, conflict = df["quad_class"].isin([1, 2]), df["quad_class"].isin([3, 4])
    roles = pd.concat([pd.DataFrame({"id": df[r], "name": df[f"{r}_name"], "coop": coop, "conflict": conflict})
                       for r in ("actor1", "actor2")], ignore_index=True)
    nodes = roles[roles["id"] != ""].groupby("id").agg(
        name=("name", "first"), events=("id", "size"), coop=("coop", "sum"), conflict=("conflict", "sum"))
    graph = nx.DiGraph()
    graph.add_nodes_from((actor, {"name": name or actor, "events": int(ev), "coop": int(c), "conflict": int(k),
                                  "balance": (c - k) / ev})
                         for actor, name, ev, c, k in nodes.itertuples(name=None))
    keep = (df["actor1"] != "") & (df["actor2"] != "") & (df["actor1"] != df["actor2"])
    pairs = df[keep].assign(coop=coop[keep], conflict=conflict[keep])
    edges = pairs.groupby(["actor1", "actor2"]).agg(weight=("event_id", "size"), coop=("coop", "sum"),
                                                    conflict=("conflict", "sum"))
    types = pairs.groupby(["actor1", "actor2", "event_type"]).size().rename("n").reset_index()
    types = types.sort_values("n", ascending=False).groupby(["actor1", "actor2"]).head(4)
    labels = (types["event_type"] + " ×" + types["n"].astype(str)).groupby([types["actor1"], types["actor2"]]).agg(", ".join)
    edges = edges.join(labels.rename("types"))
    graph.add_edges_from((a, b, {"weight": int(w), "coop": int(c), "conflict": int(k), "balance": (c - k) / w,
                                 "types": t})
                         for (a, b), w, c, k, t in edges.itertuples(name=None))
    return graph


def actor_metrics(graph: nx.DiGraph) -> pd.DataFrame:
    """Per actor: events, acts (out-weight), acted on (in-weight), PageRank and betweenness."""
    if not graph:
        return pd.DataFrame(columns=["actor", "name", "events", "acts", "acted_on", "pagerank", "betweenness"])
    pagerank = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {n: 0.0 for n in graph}
    # Exact betweenness is cubic; past a hundred actors it is estimated from a fixed sample of sources.
    between = nx.betweenness_centrality(graph, k=min(100, len(graph)), seed=7)
    rows = [{"actor": n, "name": d["name"], "events": d["events"],
             "acts": graph.out_degree(n, weight="weight"), "acted_on": graph.in_degree(n, weight="weight"),
             "pagerank": round(pagerank[n], 4), "betweenness": round(between[n], 4)}
            for n, d in graph.nodes(data=True)]
    return pd.DataFrame(rows).sort_values(["events", "name"], ascending=[False, True], ignore_index=True)


KAMADA_KAWAI_MAX = 20


def _layout(graph: nx.DiGraph, aspect: float = 2.0) -> dict[str, tuple[float, float]]:
    """Node positions: the largest group of related actors gets the picture (networkx's Kamada-Kawai:
    even spacing, deterministic), stretched to the figure's width; smaller groups sit in a band
    underneath, side by side; actors with no counterpart in the view go in rows below that,
    busiest first, instead of ringing the picture."""
    undirected = graph.to_undirected()
    groups = sorted((sorted(c) for c in nx.connected_components(undirected) if len(c) > 1),
                    key=lambda c: (-len(c), c))
    pos: dict[str, tuple[float, float]] = {}
    if groups:
        pos.update(_spread_out(undirected.subgraph(groups[0]), (-aspect, aspect), (-1.0, 1.0)))
    bottom = -1.25
    if len(groups) > 1:
        width = 2 * aspect / (len(groups) - 1)
        for i, group in enumerate(groups[1:]):
            left = -aspect + i * width
            pos.update(_spread_out(undirected.subgraph(group), (left + 0.15 * width, left + 0.85 * width),
                                   (bottom - 0.25, bottom + 0.05)))
        bottom -= 0.6
    alone = sorted((n for n in graph if undirected.degree(n) == 0), key=lambda n: -graph.nodes[n]["events"])
    per_row = 6
    for i, n in enumerate(alone):
        row, col = divmod(i, per_row)
        count = min(per_row, len(alone) - row * per_row)
        pos[n] = (aspect * (-1 + 2 * (col + 0.5) / count), bottom - 0.35 * row)
    return pos


def _spread_out(group: nx.Graph, xs: tuple[float, float], ys: tuple[float, float]) -> dict[str, tuple[float, float]]:
    # Kamada-Kawai spaces a small group best but costs seconds past a few dozen actors (a filter
    # change must redraw in well under a second); a seeded spring layout is as stable and fast.
    if len(group) <= 2:
        raw = {n: (i, 0.0) for i, n in enumerate(sorted(group))}
    elif len(group) <= KAMADA_KAWAI_MAX:
        raw = nx.kamada_kawai_layout(group)
    else:
        raw = nx.spring_layout(group, seed=7)
    x = [p[0] for p in raw.values()]
    y = [p[1] for p in raw.values()]
    def scale(v: float, lo: float, hi: float, target: tuple[float, float]) -> float:
        return (target[0] + target[1]) / 2 if hi == lo else target[0] + (v - lo) / (hi - lo) * (target[1] - target[0])
    return {n: (scale(p[0], min(x), max(x), xs), scale(p[1], min(y), max(y), ys)) for n, p in raw.items()}


def graph_figure(graph: nx.DiGraph, *, max_nodes: int = 50, max_edges: int = 150) -> go.Figure:
    """The actor graph: node size = activity, node and edge colour = cooperation/conflict balance,
    edge width = number of events, arrows from the acting actor to the one acted on."""
    if not graph:
        return empty_figure("No actors match the filters.", height=420)
    top = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["events"], graph.nodes[n]["name"]))[:max_nodes]
    sub = graph.subgraph(top).copy()
    edges = sorted(sub.edges(data=True), key=lambda e: -e[2]["weight"])[:max_edges]
    pos = _layout(sub)
    most = max(d["events"] for _, d in sub.nodes(data=True))
    heaviest = max((d["weight"] for *_, d in edges), default=1)
    size = {n: 18 + 34 * math.sqrt(d["events"] / most) for n, d in sub.nodes(data=True)}
    fig = go.Figure()
    mids_x, mids_y, mids_text, arrows = [], [], [], []
    for a, b, d in edges:
        colour = sample_colorscale(BALANCE_SCALE, (d["balance"] + 1) / 2)[0]
        arrows.append(dict(x=pos[b][0], y=pos[b][1], ax=pos[a][0], ay=pos[a][1], xref="x", yref="y",
                           axref="x", ayref="y", showarrow=True, arrowhead=2, arrowsize=0.8,
                           arrowwidth=1.5 + 4 * d["weight"] / heaviest, arrowcolor=colour, opacity=0.6,
                           standoff=size[b] / 2 + 2, startstandoff=size[a] / 2, text=""))
        mids_x.append((pos[a][0] + pos[b][0]) / 2)
        mids_y.append((pos[a][1] + pos[b][1]) / 2)
        mids_text.append(f"<b>{html.escape(sub.nodes[a]['name'])} → {html.escape(sub.nodes[b]['name'])}</b><br>"
                         f"{d['weight']} events: {d['coop']} cooperation, {d['conflict']} conflict<br>{d['types']}")
    fig.add_trace(go.Scatter(x=mids_x, y=mids_y, mode="markers", hovertext=mids_text, hoverinfo="text",
                             marker=dict(size=10, color="rgba(0,0,0,0)"), showlegend=False, name="relations"))
    nodes = list(sub.nodes(data=True))
    fig.add_trace(go.Scatter(
        x=[pos[n][0] for n, _ in nodes], y=[pos[n][1] for n, _ in nodes], mode="markers+text", name="actors",
        customdata=[n for n, _ in nodes], text=[html.escape(d["name"]) for _, d in nodes], textposition="top center",
        textfont=dict(size=13, color="#222"),
        hovertext=[f"<b>{html.escape(d['name'])}</b> ({html.escape(n)})<br>{d['events']} events: {d['coop']} cooperation, "
                   f"{d['conflict']} conflict<br>acts {sub.out_degree(n, weight='weight')}, acted on "
                   f"{sub.in_degree(n, weight='weight')}" for n, d in nodes], hoverinfo="text",
        marker=dict(size=[size[n] for n, _ in nodes], color=[d["balance"] for _, d in nodes], cmin=-1, cmax=1,
                    colorscale=BALANCE_SCALE, line=dict(width=1.5, color="white")),
        showlegend=False,
    ))
    hidden = len(graph) - len(sub)
    fig.update_layout(
        annotations=arrows,  # one validation pass: add_annotation per edge costs ~30 ms each
        template="plotly_white", font=FONT, height=560, showlegend=False, clickmode="event+select",
        margin=dict(l=10, r=10, t=30 if hidden else 10, b=10), dragmode="pan",
        title=f"the {len(sub)} most active of {len(graph)} actors" if hidden else None,
        xaxis=dict(visible=False, range=_padded([p[0] for p in pos.values()], pad=0.12)),
        yaxis=dict(visible=False, range=_padded([p[1] for p in pos.values()], pad=0.12)),
    )
    return fig


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
    placed = df[df["lat"].notna() & df["lon"].notna()]
    if placed.empty:
        return empty_figure("No event with a known place matches the filters.", height=420)
    places = placed.groupby("location").agg(n=("event_id", "size"), lat=("lat", "median"), lon=("lon", "median"))
    by_quad = placed.groupby(["location", "quad_class"]).size().rename("k").reset_index()
    places["quad"] = by_quad.sort_values(["k", "quad_class"], ascending=[False, True]).drop_duplicates("location") \
        .set_index("location")["quad_class"]
    types = placed.groupby(["location", "event_type"]).size().rename("k").reset_index()
    types = types.sort_values("k", ascending=False).groupby("location").head(5)
    places["types"] = (types["event_type"] + " ×" + types["k"].astype(str)).groupby(types["location"]).agg(", ".join)
    places = places.reset_index()
    biggest = places["n"].max()
    fig = go.Figure()
    for q in sorted(places["quad"].unique()):
        part = places[places["quad"] == q]
        fig.add_trace(go.Scattergeo(
            lon=part["lon"], lat=part["lat"], text=[html.escape(p) for p in part["location"]], name=quad_label(q),
            customdata=part["location"], mode="markers+text", textposition="top center",
            marker=dict(size=10 + 30 * np.sqrt(part["n"] / biggest), color=QUAD_COLOURS.get(q, QUAD_COLOURS[0]),
                        opacity=0.8, line=dict(width=1, color="white")),
            hovertext=[f"<b>{html.escape(loc)}</b><br>{n} events<br>{html.escape(t)}"
                       for loc, n, t in zip(part["location"], part["n"], part["types"])], hoverinfo="text",
        ))
    fig.update_geos(projection_type="natural earth", showcountries=True, countrycolor="#fff",
                    showland=True, landcolor="#e8e8e8", showocean=True, oceancolor="#f4f8fb",
                    showlakes=False, resolution=110, **_geo_window(places["lat"], places["lon"]))
    fig.update_layout(template="plotly_white", font=FONT, height=460, margin=dict(l=0, r=0, t=10, b=0),
                      legend=dict(orientation="h", y=-0.02, title_text="QuadClass (most events)"))
    return fig
