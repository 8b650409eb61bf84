"""The filtered view in the formats of the analyst's other tools, as bytes (download or file alike).

- GraphML (i2 Analyst's Notebook, yEd, Gephi) and GEXF (Gephi) of the actor graph: one node per
  actor (its name, events, acts, acted on, cooperation and conflict counts, PageRank, betweenness),
  one directed edge per pair actor1 -> actor2 (events, cooperation, conflict, commonest types, first
  and last day).
- GeoJSON of the map: one Point feature per event that names a place, the event record as properties
  (QGIS, ArcGIS, kepler.gl, any web map).
- TimelineJS JSON of the timeline: one slide per dated event, dated only as precisely as the text
  dates it (a year stays a year). TimelineJS renders its text as HTML, so every string from an article
  is escaped and links are http(s) only.
"""
from __future__ import annotations

import html
import io
import json
import re
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from timeline.analysis import network
from timeline.views.figures import quad_label
from timeline.views.highlight import link_html

# XML 1.0 refuses these characters; a name or sentence from a page may carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
GEO_PROPERTIES = ("event_id", "date_start", "date_end", "date_precision", "date_text", "actor1", "actor1_name",
                  "actor2", "actor2_name", "event_type", "quad_class", "context", "location", "source", "url",
                  "published", "n_sources", "confidence", "sentence")


def _xml_text(value: Any) -> str:
    return _NOT_XML.sub("", str(value))


def actor_graph(df: pd.DataFrame) -> nx.DiGraph:
    """The actor graph of the events in ``df`` as a networkx graph with plain attributes."""
    net = network.actor_network(df)
    metrics = network.actor_metrics(net).set_index("actor")
    graph = nx.DiGraph()
    for actor, node in net.nodes.iterrows():
        graph.add_node(_xml_text(actor), label=_xml_text(node["name"]), events=int(node["events"]),
                       acts=int(node["acts"]), acted_on=int(node["acted_on"]), cooperation=int(node["coop"]),
                       conflict=int(node["conflict"]), pagerank=float(metrics.loc[actor, "pagerank"]),
                       betweenness=float(metrics.loc[actor, "betweenness"]))
    if net.edges.empty:
        return graph
    types = net.edge_types(net.edges)
    spans = _pair_spans(df)
    for (_, edge), common in zip(net.edges.iterrows(), types):
        first, last = spans.get((edge["actor1"], edge["actor2"]), ("", ""))
        graph.add_edge(_xml_text(edge["actor1"]), _xml_text(edge["actor2"]), weight=int(edge["weight"]),
                       cooperation=int(edge["coop"]), conflict=int(edge["conflict"]), types=_xml_text(common),
                       first=first, last=last)
    return graph


def _pair_spans(df: pd.DataFrame) -> dict[tuple[str, str], tuple[str, str]]:
    """(actor1, actor2) -> the first and last day of the pair's dated events, ISO."""
    paired = df[(df["actor1"] != "") & (df["actor2"] != "") & (df["actor1"] != df["actor2"])
                & df["date_start"].notna()]
    if paired.empty:
        return {}
    spans = paired.groupby(["actor1", "actor2"]).agg(first=("date_start", "min"), last=("date_end", "max"))
    return {pair: (f"{row['first']:%Y-%m-%d}", f"{row['last']:%Y-%m-%d}") for pair, row in spans.iterrows()}


def to_graphml(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(actor_graph(df), buffer)
    return buffer.getvalue()


def to_gexf(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(actor_graph(df), buffer)
    return buffer.getvalue()


def _plain(value: Any) -> Any:
    """A JSON value: ISO dates, None for missing, Python numbers."""
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, np.generic):
        return value.item()
    return value


def to_geojson(df: pd.DataFrame) -> bytes:
    """A GeoJSON FeatureCollection: one Point ([lon, lat], as GeoJSON orders them) per placed event."""
    placed = df[df["lat"].notna() & df["lon"].notna()]
    columns = [c for c in GEO_PROPERTIES if c in placed.columns]
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                 "properties": {c: _plain(v) for c, v in zip(columns, values)}}
                for lat, lon, *values in zip(placed["lat"], placed["lon"], *(placed[c] for c in columns))]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")


def _timeline_date(stamp: pd.Timestamp, precision: str) -> dict[str, int]:
    if precision == "year":
        return {"year": stamp.year}
    if precision == "month":
        return {"year": stamp.year, "month": stamp.month}
    return {"year": stamp.year, "month": stamp.month, "day": stamp.day}


def _slide(row: dict[str, Any]) -> dict[str, Any]:
    precision = row["date_precision"]
    start, end = row["date_start"], row["date_end"]
    slide: dict[str, Any] = {"unique_id": str(row["event_id"]), "start_date": _timeline_date(start, precision),
                             "group": quad_label(row["quad_class"])}
    if precision not in ("day", "month", "year") and pd.notna(end) and end > start:
        slide["end_date"] = _timeline_date(end, "day")
    if row.get("date_text"):
        slide["display_date"] = html.escape(str(row["date_text"]))
    who = " · ".join(filter(None, (row["actor1_name"] or "?", row["event_type"], row["actor2_name"])))
    published = f", {row['published']:%d %B %Y}" if pd.notna(row.get("published")) else ""
    source = (row.get("source") or "unknown source") + published
    reported = f" (reported by {int(row['n_sources'])} sources)" if (row.get("n_sources") or 1) > 1 else ""
    slide["text"] = {"headline": html.escape(who),
                     "text": f"<p>“{html.escape(str(row['sentence']))}”</p><p>— {link_html(row.get('url'), source)}"
                             f"{html.escape(reported)}</p>"}
    return slide


def to_timelinejs(df: pd.DataFrame, title: str = "Conflict timeline") -> bytes:
    """TimelineJS's JSON (https://timeline.knightlab.com/docs/json-format.html): a title slide and one
    slide per dated event, grouped by QuadClass."""
    dated = df[df["date_start"].notna()]
    rows = dated.to_dict("records")
    undated = len(df) - len(dated)
    note = f"{len(rows)} dated {'event' if len(rows) == 1 else 'events'}" + (
        f"; {undated} undated left out" if undated else "")
    doc = {"title": {"text": {"headline": html.escape(title), "text": f"<p>{html.escape(note)}</p>"}},
           "events": [_slide(row) for row in rows]}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
