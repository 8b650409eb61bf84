"""The actor graph figure: who did what to whom, drawn from an ``ActorNetwork``.

Nodes are actors (size = events, colour = the balance of cooperation and conflict in them, with
its colour bar); an edge runs from the actor who acts to the one acted on, its arrowhead midway.
When two actors act on each other, the two directions are two curves bowed to either side, so
neither hides the other.
"""
from __future__ import annotations

import html

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from timeline.analysis.network import ActorNetwork
from timeline.views.figures import BALANCE_SCALE, empty_figure, padded_range, plain_figure

CURVE_POINTS = 9  # points drawn along each edge: enough for a smooth bow
BOW = 0.12  # how far a two-way pair's curves bow apart, as a share of the edge's length
# The nodes' colour bar: what the colour of a node (and of an edge) says.
BALANCE_BAR = dict(title=dict(text="node colour: balance of its events", side="top", font_size=11),
                   orientation="h", thickness=10, len=0.25, x=0.95, xanchor="right", y=1.0, yanchor="top",
                   tickvals=[-1, 0, 1], ticktext=["conflict", "mixed", "cooperation"], tickfont_size=10,
                   outlinewidth=0)


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


def graph_figure(net: ActorNetwork, *, focus: str = "", max_nodes: int = 50, max_edges: int = 150) -> go.Figure:
    """The actor graph: node size = activity, node and edge colour = cooperation/conflict balance,
    edge width = number of events, arrows from the acting actor to the one acted on. Only the
    ``max_nodes`` most active actors and the ``max_edges`` heaviest pairs among them are drawn;
    ``focus`` (an actor id) is ringed in black."""
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
                    colorscale=BALANCE_SCALE, showscale=True, colorbar=BALANCE_BAR,
                    line=dict(width=[3.5 if n == focus else 1.5 for n in top.index],
                              color=["#111" if n == focus else "white" for n in top.index])),
        showlegend=False,
    ))
    hidden = len(net) - len(top)
    return plain_figure(
        traces, height=560, showlegend=False, clickmode="event+select",
        margin=dict(l=10, r=10, t=30 if hidden else 10, b=10), dragmode="pan",
        title=f"the {len(top)} most active of {len(net)} actors" if hidden else None,
        xaxis=dict(visible=False, range=padded_range([p[0] for p in pos.values()], pad=0.12)),
        yaxis=dict(visible=False, range=padded_range([p[1] for p in pos.values()], pad=0.12)),
    )


def _curves(edges: pd.DataFrame, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Each edge as CURVE_POINTS points (edges x points x 2): straight for a one-way pair; for a
    two-way pair, a quadratic curve bowed to the right of its direction, so A -> B and B -> A bow
    apart."""
    pairs = set(zip(edges["actor1"], edges["actor2"]))
    both = np.array([(b, a) in pairs for a, b in zip(edges["actor1"], edges["actor2"])], dtype=bool)
    direction = end - start
    right = np.column_stack([direction[:, 1], -direction[:, 0]])  # the direction turned clockwise, same length
    control = (start + end) / 2 + BOW * 2 * both[:, None] * right
    t = np.linspace(0.0, 1.0, CURVE_POINTS)[None, :, None]
    return (1 - t) ** 2 * start[:, None, :] + 2 * (1 - t) * t * control[:, None, :] + t ** 2 * end[:, None, :]


def _edges(net: ActorNetwork, edges: pd.DataFrame, pos: dict[str, tuple[float, float]]) -> list[dict]:
    """Edges as line traces, one per shade of balance and step of width, with an arrowhead at each
    edge's middle pointing at the actor acted on. (One plotly annotation per arrow would put the
    head at the node itself, but validating 150 annotations took longer than the rest of the graph.)"""
    start = np.array([pos[a] for a in edges["actor1"]])
    end = np.array([pos[b] for b in edges["actor2"]])
    curve = _curves(edges, start, end)
    share = edges["weight"].to_numpy() / edges["weight"].max()
    shade = np.round(2 * edges["balance"].to_numpy()) / 2  # -1, -0.5, 0, 0.5, 1
    step = np.round(3 * share)  # 0..3
    colour = dict(zip(np.unique(shade), sample_colorscale(BALANCE_SCALE, list((np.unique(shade) + 1) / 2))))
    traces = []
    for tone, width in sorted(set(zip(shade, step))):
        chosen = (shade == tone) & (step == width)
        # NaN (null in the JSON) after each edge's points: the line breaks between edges.
        drawn = np.concatenate([curve[chosen], np.full((chosen.sum(), 1, 2), np.nan)], axis=1).reshape(-1, 2)
        traces.append(dict(
            type="scatter", x=drawn[:, 0], y=drawn[:, 1], mode="lines", hoverinfo="skip",
            line=dict(color=colour[tone], width=1.5 + 4 * width / 3), opacity=0.6, showlegend=False, name="edges"))
    middle = curve[:, CURVE_POINTS // 2]
    # A marker "arrow" can turn to face the point before it (angleref "previous"): each head gets an
    # invisible point just before it on its edge.
    behind = curve[:, CURVE_POINTS // 2 - 1] * 0.4 + middle * 0.6
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
