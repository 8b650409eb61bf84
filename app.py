"""Conflict timeline: the analyst's dashboard. `streamlit run app.py`

The page, top to bottom: a sidebar of filters; a note on what the data is and how many events are
shown; views (timeline, actor graph, map, events table, key dates, adding articles); and, when an
event is selected, its detail with the evidence in the article. Filters and the selected event live
in the URL, so a view can be cited. Logic lives in ``timeline``; this file is layout, widgets,
caching and URL state.

TIMELINE_MODE=demo (a public demo): the shipped seed is read-only and shared; a visitor's additions
and corrections go to a private copy in that visitor's session. Otherwise the app uses the store at
$TIMELINE_DB, the same one ``python -m timeline ingest`` fills.
"""
from __future__ import annotations

import functools
import html
import logging
import os
import re
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from timeline.views import brief, export, figures, graph, maps
from timeline.ingest import fetch, read as ingest
from timeline.analysis import keydates, network, query
from timeline.store.curation import ACTOR_KINDS, CONTEXTS, EVENT_TYPES, REASONS, SCOPES, EditError
from timeline.views.highlight import article_html, excerpt, mention_sentences, sentence_spans
from timeline.analysis.query import NO_ACLED, OPTIONAL_CONTEXTS, Filters
from timeline.extract import confidence
from timeline.extract.eventtypes import ACLED_EVENT_TYPES, event_types
from timeline.store.sources import GRADES, KINDS, SourceError
from timeline.store.store import MEMORY, Store, StoreBusy, default_path

SEED = Path(__file__).parent / "data" / "seed.jsonl"
DEMO = os.environ.get("TIMELINE_MODE", "").lower() == "demo"
UPLOAD_LIMIT = ingest.DEFAULT_UPLOAD_BYTES
OLDEST_PUBLISHED = date(1900, 1, 1)  # the date input's own minimum is ten years back
TABLE_ROWS = 2000  # rows sent to the browser; exports carry every filtered event
# plotly.js fetches country outlines from a CDN unless told where else: ./static, served by Streamlit.
CHART_CONFIG = {"displaylogo": False, "topojsonURL": "app/static/topojson/"}
SAFE_IN_URL = ":/?#[]@!$&'*+,;=%~"  # kept as written in a source link; "(", ")" and spaces are encoded
URL_KEYS = ("from", "to", "actor", "type", "quad", "source", "acled", "place", "include", "conf", "q", "key", "event",
            "raw", "lanes", "attr", "says", "grade")
ss = st.session_state
log = logging.getLogger("timeline.app")

st.set_page_config(page_title="Conflict timeline", page_icon="🗂️", layout="wide")
st.html("""<style>
.block-container {padding-top: 2rem}
mark#evidence, .article mark {background:#ffe58a; padding:0 2px; border-radius:2px}
.article {max-height:480px; overflow-y:auto; padding:0.6rem 1rem; border:1px solid #e6e6e6;
          border-radius:6px; background:#fcfcfc; font-size:0.93rem; line-height:1.5}
.side {padding:0.4rem 0.8rem; margin:0.3rem 0; border-left:4px solid #9e9e9e; background:#fafafa; font-size:0.9rem}
.side.claim {border-color:#c0392b} .side.denial {border-color:#2166ac}
</style>""")


# -- data ----------------------------------------------------------------------------------------
@st.cache_resource(show_spinner="Loading the language model…")
def model():
    # Imported here: browsing a store never needs spaCy, and importing it costs ~100 MB.
    from timeline.extract.nlp import load_model

    return load_model()


@st.cache_resource(show_spinner="First start: extracting the events of the seed article…")
def shared_store(path: str) -> Store:
    store = Store(path)
    if store.articles().empty:
        store.add(ingest.read_path(SEED).articles, model())
    return store.seal() if DEMO else store


def store() -> Store:
    return ss.get("own_store") or shared_store(MEMORY if DEMO else str(default_path()))


def writable_store() -> Store:
    """The store changes go to: in demo mode, the visitor's private copy, made on first change."""
    if DEMO and "own_store" not in ss:
        ss.own_store = store().copy_into(Store(MEMORY))
    return store()


def read_data_key() -> tuple:
    """Which data the page shows: the store and its data version, which every change raises in the
    store itself, so every session (and a CLI ingest into the same file) is seen at once."""
    current = store()
    return (str(current.path), id(current), current.data_version())


def data_key() -> tuple:
    """The data key read at the top of this rerun: every cache of the rerun keys on the same data."""
    return ss.data_key


# A resource, not data: every rerun would otherwise unpickle its own copy (80 ms for 100,000
# events). The frame is shared between reruns, so nothing on this page may modify it.
@st.cache_resource(show_spinner=False, max_entries=8)
def events_frame(key: tuple, clustered: bool, _store: Store) -> pd.DataFrame:
    return query.normalize(_store.events(clustered=clustered))


class Choices(NamedTuple):
    """What the page offers to pick from: it changes with the data, not with the filters."""

    names: dict[str, str]  # actor id -> name
    busiest: list[str]  # actor ids, most events first
    by_name: list[str]  # actor ids, alphabetical by name
    types: list[str]
    sources: list[str]
    acled_types: list[str]  # ACLED's types present, in ACLED's order, then NO_ACLED
    places: list[str]


@st.cache_resource(show_spinner=False, max_entries=8)  # shared, read only
def choices(key: tuple, _raw: pd.DataFrame) -> Choices:
    names = query.actor_names(_raw)
    activity = pd.concat([_raw["actor1"], _raw["actor2"]]).value_counts().to_dict()
    present = set(_raw["acled_type"])
    return Choices(names, sorted(names, key=lambda a: (-activity.get(a, 0), names[a])),
                   sorted(names, key=lambda a: names[a]), sorted(set(_raw["event_type"]) - {""}),
                   sorted(set(_raw["source"]) - {""}),
                   [a for a in ACLED_EVENT_TYPES if a in present] + ([NO_ACLED] if "" in present else []),
                   sorted(set(_raw["location"]) - {""}))


@st.cache_data(show_spinner=False, max_entries=8)
def corpus_note(key: tuple) -> str:
    articles = store().articles()
    if len(articles) == 1:
        a = articles.iloc[0]
        published = f"{pd.Timestamp(a['published']):%d %B %Y}" if pd.notna(a["published"]) else "undated"
        return (f"One article: *{literal(a['title'] or a['id'])}* ({literal(a['source'] or 'unknown source')}, {published}), "
                "its events extracted automatically. Add your own in **Add articles**.")
    return (f"{plural(len(articles), 'article')} from {plural(articles['source'].replace('', pd.NA).nunique(), 'source')}, their events extracted "
            "automatically and merged across sources.")


@st.cache_data(show_spinner=False, max_entries=8)
def live_edits(key: tuple) -> pd.DataFrame:
    """The corrections in effect, oldest first, each with its description in words."""
    edits = store().edits()
    return edits[edits["undone_at"].isna()].reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=8)
def actor_options(key: tuple) -> tuple[dict[str, str], list[str]]:
    """The actors a correction can name (the store's actor table: added actors too, merged ones not):
    id -> name, and the ids by name."""
    actors = store().actors()
    actors = actors[actors["alias_of"].fillna("") == ""]
    names = dict(zip(actors["id"], actors["name"]))
    return names, sorted(names, key=lambda a: (names[a].lower(), a))


@st.cache_data(show_spinner=False, max_entries=16)
def ranked_dates(key: tuple, _raw: pd.DataFrame, top: int) -> list[keydates.KeyDate]:
    return keydates.rank(_raw, top=top)


# -- URL state -----------------------------------------------------------------------------------
def url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def load_url_state(raw: pd.DataFrame, bounds: tuple[date, date]) -> None:
    """On a session's first run, the URL sets the widgets (what makes a shared link reproduce a view)."""
    if ss.get("url_loaded"):
        return
    ss.url_loaded = True
    params = url_params()
    filters, problems = Filters.from_params(params)
    filters, unknown = filters.known_in(raw)
    problems += unknown
    ss.f_actors = list(filters.actors)
    ss.f_types = list(filters.event_types)
    ss.f_quads = list(filters.quad_classes)
    ss.f_sources = list(filters.sources)
    ss.f_acled = list(filters.acled_types)
    ss.f_places = list(filters.places)
    for context in OPTIONAL_CONTEXTS:
        ss[f"f_{context}"] = context in filters.include_contexts
    ss.f_conf = filters.min_confidence
    ss.f_text = filters.text
    ss.f_key = filters.key_dates_only
    says_state_from_url(filters, problems)
    ss.f_dates = (max(filters.start or bounds[0], bounds[0]), min(filters.end or bounds[1], bounds[1]))
    ss.bounds = bounds
    ss.event = (params.get("event") or [""])[-1]
    ss.url_problems = problems


def filters_from_widgets(bounds: tuple[date, date]) -> Filters:
    picked = tuple(ss.f_dates) if ss.f_dates else ()
    start = picked[0] if picked and picked[0] > bounds[0] else None
    end = picked[1] if len(picked) > 1 and picked[1] < bounds[1] else None
    return Filters(start=start, end=end, actors=ss.f_actors, event_types=ss.f_types, quad_classes=ss.f_quads,
                   sources=ss.f_sources, acled_types=ss.f_acled, places=ss.f_places,
                   include_contexts=[c for c in OPTIONAL_CONTEXTS if ss[f"f_{c}"]],
                   min_confidence=ss.f_conf, text=ss.f_text.strip(), key_dates_only=ss.f_key, **says_from_widgets())


def write_url(filters: Filters) -> None:
    wanted: dict[str, str | list[str]] = filters.to_params()
    if ss.get("event"):
        wanted["event"] = ss.event
    if ss.get("raw"):
        wanted["raw"] = "1"
    if ss.get("lanes", "actor") != "actor":
        wanted["lanes"] = ss.lanes
    for key in URL_KEYS:
        want = wanted.get(key)
        if want is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get_all(key) != (want if isinstance(want, list) else [want]):
            st.query_params[key] = want


# -- selection callbacks (run before the next rerun, so they may set widget state) ---------------
def _first_point(chart_key: str):
    points = ss[chart_key].selection.points if ss.get(chart_key) else []
    value = points[0].get("customdata") if points else None
    return value[0] if isinstance(value, list) else value


def pick_event_from_timeline() -> None:
    if event_id := _first_point("timeline_chart"):
        ss.event = event_id


def pick_actor_from_graph() -> None:
    if actor := _first_point("graph_chart"):
        ss.f_actors = [actor]


def pick_place_from_map() -> None:
    if place := _first_point("map_chart"):
        ss.f_places = [place]


def pick_dates_from_bars() -> None:
    """A drag across the bars of events per period (or a click on one bar) sets the date range."""
    chosen = ss.activity_chart.selection if ss.get("activity_chart") else None
    if chosen and chosen.box:
        low, high = sorted(pd.Timestamp(x).date() for x in chosen.box[0]["x"][:2])
    elif chosen and chosen.points:
        periods = [p["customdata"] for p in chosen.points if p.get("customdata")]
        low, high = min(date.fromisoformat(p[0]) for p in periods), max(date.fromisoformat(p[1]) for p in periods)
    else:
        return
    low, high = max(low, ss.bounds[0]), min(high, ss.bounds[1])
    if low <= high:
        ss.f_dates = (low, high)


def show_all(key: str, value) -> None:
    ss[key] = value


def pick_event_from_table() -> None:
    rows = ss.table.selection.rows
    if rows:
        ss.event = ss.table_ids[rows[0]]


def open_event(event_id: str) -> None:
    ss.event = event_id


# -- sidebar -------------------------------------------------------------------------------------
def sidebar(raw: pd.DataFrame, bounds: tuple[date, date]) -> None:
    names, busiest, _, types, sources, acled, places = choices(data_key(), raw)
    # A merge or deletion can take away a chosen option; a widget whose value is not an option raises.
    for key, options in (("f_actors", names), ("f_types", types), ("f_sources", sources), ("f_acled", acled),
                         ("f_places", places)):
        ss[key] = [v for v in ss[key] if v in options]
    with st.sidebar:
        st.header("Filters")
        st.toggle("Raw events (one per report)", key="raw",
                  help="Off: one row per happening, merged across the articles that report it.")
        st.date_input("Date range", key="f_dates", min_value=bounds[0], max_value=bounds[1],
                      help="Keeps events whose date span overlaps the range; undated events only while the range is the whole data.")
        st.multiselect("Actors", busiest, key="f_actors",
                       format_func=lambda a: names.get(a, a), placeholder="All actors")
        st.multiselect("Event types", types, key="f_types", placeholder="All types",
                       format_func=lambda t: f"{t} · {event_types().label(t)}")
        st.multiselect("ACLED event type", acled, key="f_acled", placeholder="All ACLED types",
                       format_func=lambda a: "No ACLED equivalent (meetings, statements)" if a == NO_ACLED else a,
                       help="The ACLED event type each PLOVER type is closest to (data/event_types.csv).")
        st.multiselect("QuadClass", list(query.QUAD_CLASSES), key="f_quads", format_func=figures.quad_label,
                       placeholder="All classes")
        st.multiselect("Places", places, key="f_places", placeholder="All places",
                       help="Events at these places; click a place on the map to pick it.")
        st.multiselect("Sources", sources, key="f_sources", placeholder="All sources")
        says_filters(raw)
        st.caption("Include events that did not (yet) happen")
        for context in OPTIONAL_CONTEXTS:
            st.toggle(context.capitalize(), key=f"f_{context}")
        st.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="f_conf",
                  help="The extractor's confidence, calibrated on the development gold (about how often such "
                       "events were right there), weighed by the source's grade (A and B count in full).")
        if buys := confidence.what_minimum_buys(ss.f_conf, measured_confidence()):
            st.caption(buys)
        st.text_input("Search the evidence", key="f_text", placeholder="e.g. ceasefire")
        st.toggle("Key dates only", key="f_key", help="Only events dated to one of the corpus's key dates.")
        source_grades_form()


def header(raw: pd.DataFrame, clustered: pd.DataFrame, shown: pd.DataFrame, total: int) -> None:
    st.title("Conflict timeline")
    note = corpus_note(data_key())
    if DEMO:
        note += " Demo: your additions and corrections stay in your browser session."
    st.caption(note)
    for problem in ss.pop("url_problems", []):
        st.warning(f"Link parameter ignored: {literal(problem)}")
    unit = "reports" if ss.raw else "events"
    cols = st.columns(4)
    cols[0].metric(f"{unit.capitalize()} shown", f"{len(shown)} of {total}")
    cols[1].metric("Actors", len(set(pd.unique(pd.concat([shown["actor1"], shown["actor2"]]))) - {""}))
    cols[2].metric("Sources", shown["source"].replace("", pd.NA).nunique())
    multi = int((clustered["n_sources"] > 1).sum()) if "n_sources" in clustered else 0
    cols[3].metric("Reported by several sources", multi)


# -- views ---------------------------------------------------------------------------------------
def timeline_view(shown: pd.DataFrame, events: pd.DataFrame, filters: Filters, key_days: list[date]) -> None:
    # The bars count the events every filter but the dates keeps, so a range can be widened again.
    dated = filters.start or filters.end
    overview = events.loc[query.matches(events, filters.replace(start=None, end=None), key_days),
                          ["date_start", "date_end", "quad_class"]] if dated else shown
    window = (filters.start or ss.bounds[0], filters.end or ss.bounds[1]) if dated else None
    st.plotly_chart(figures.activity_figure(overview, window), key="activity_chart", on_select=pick_dates_from_bars,
                    selection_mode=("box", "points"), config=CHART_CONFIG)
    bars, lanes = st.columns([4, 1])
    bars.caption("Events per period, stacked by QuadClass. **Drag across the bars** (or click one) to set the "
                 "date range" + (f"; now {window[0]} – {window[1]}, shaded." if window else "."))
    if dated:
        lanes.button("All dates", key="all_dates", on_click=show_all, args=("f_dates", ss.bounds), type="tertiary")
    st.radio("Lanes", ["actor", "type"], key="lanes", horizontal=True,
             format_func=lambda m: "one per actor" if m == "actor" else "one per event type")
    fig = figures.timeline_figure(shown, ss.lanes)
    st.plotly_chart(fig, key="timeline_chart", on_select=pick_event_from_timeline, selection_mode="points",
                    config=CHART_CONFIG)
    zoomed = " Opened on the days most events are dated to; **all** shows every span." if fig.layout.xaxis.range else ""
    st.caption("● a day · ◆ on a bar: a month, a year or a range — never a false day; a bar running off the "
               "window keeps its ◆ in view. Filled: the lane's actor acts; hollow: it is acted on. Events on one "
               "day stack up (side by side within the day past eight: zoom in). Click an event to open its "
               "evidence." + zoomed)


def keep_in(key: str, bounds: tuple) -> None:
    """A range widget's value within ``bounds`` as the data changes: a whole-range value follows
    the data, a narrower one is clamped (and reset when nothing of it is left)."""
    before = ss.get(f"{key}_bounds")
    value = tuple(ss.get(key) or bounds)
    if before != bounds:
        clamped = (max(value[0], bounds[0]), min(value[-1], bounds[1]))
        value = bounds if value == before or clamped[0] > clamped[1] else clamped
    ss[key], ss[f"{key}_bounds"] = value, bounds


@st.cache_resource(show_spinner=False, max_entries=16)  # shared, read only
def actor_graph(key: tuple, view: str, _shown: pd.DataFrame, window: tuple | None, focus: str,
                depth: int) -> tuple[go.Figure, pd.DataFrame]:
    """The actor graph and its metrics table for one view of the data (``view`` names the filters),
    over the events in ``window`` and, with ``focus``, among that actor and its neighbours to
    ``depth``: going back to a view drawn before, "back to everything" above all, costs nothing."""
    part = _shown
    if window is not None:
        part = query.apply(part, Filters(start=window[0], end=window[1], include_contexts=OPTIONAL_CONTEXTS))
    if focus:
        part = network.neighbourhood(part, focus, depth)
    net = network.actor_network(part)
    return graph.graph_figure(net, focus=focus), network.actor_metrics(net)


METRIC_HELP = {
    "events": "Every event the actor is in, acting or acted on.",
    "acts": "Events in which it acted on another actor (the arrows leaving it).",
    "acted_on": "Events in which another actor acted on it (the arrows reaching it).",
    "no_counterpart": "Its events with no other actor (a statement, an attack with no named target): "
                      "events − acts − acted on.",
    "pagerank": "Weighted PageRank: high when much is done to it by actors to whom much is done.",
    "betweenness": "Share of shortest paths between other actors that pass through it: a go-between.",
}


def graph_view(shown: pd.DataFrame, raw: pd.DataFrame, filters: Filters) -> None:
    picks = choices(data_key(), raw)
    days = shown["date_start"].dropna()
    when, around, steps = st.columns([3, 2, 1])
    window = None
    if len(days) and days.min() < shown["date_end"].max():
        bounds = (days.min().date(), shown["date_end"].max().date())
        keep_in("g_window", bounds)
        when.slider("Time window", bounds[0], bounds[1], key="g_window", format="YYYY-MM-DD",
                    help="The graph and its table of the events in this window (within the page's filters).")
        window = tuple(ss.g_window) if tuple(ss.g_window) != bounds else None
    focus = around.selectbox("Around actor", ["", *picks.busiest], key="g_focus",
                             format_func=lambda a: picks.names.get(a, a) if a else "(all actors)",
                             help="Only this actor, its neighbours to the depth on the right, and their events.")
    depth = steps.number_input("Depth", 1, 4, 1, key="g_depth", disabled=not focus,
                               help="1: the actor and those it acted on or was acted on by; 2: theirs too; …")
    fig, metrics = actor_graph(data_key(), repr((filters, ss.raw)), shown, window, focus, int(depth))
    st.plotly_chart(fig, key="graph_chart", on_select=pick_actor_from_graph, selection_mode="points",
                    config=CHART_CONFIG)
    st.caption("Each edge runs from the actor who acts to the one acted on, its arrowhead midway; two actors who act "
               "on each other get two curves, one per direction. Edge width = events. **Colour** (the bar at the "
               "top right): the balance of the events, red = all conflict (QuadClass 3–4), grey = mixed, blue = all "
               "cooperation (1–2); node size = the actor's events. Click an actor to filter the page to it.")
    st.dataframe(metrics, hide_index=True, column_config={
        "actor": "id", **{c: st.column_config.NumberColumn(c.replace("_", " "), help=h) for c, h in METRIC_HELP.items()}})
    st.caption("**events** = acts + acted on + no counterpart: an event between two actors counts for both.")
    merge_actors_form(raw)


def map_view(shown: pd.DataFrame) -> None:
    st.plotly_chart(maps.map_figure(shown), key="map_chart", on_select=pick_place_from_map, selection_mode="points",
                    config=CHART_CONFIG)
    placed = int(shown["lat"].notna().sum())
    note, clear = st.columns([4, 1])
    note.caption(f"{placed} of {len(shown)} events name a place. Click a place to filter to it"
                 + (f" (now: {', '.join(ss.f_places)})." if ss.f_places else ".")
                 + " Drawn offline from the outlines the app ships (no map tiles).")
    if ss.f_places:
        clear.button("All places", key="all_places", on_click=show_all, args=("f_places", []), type="tertiary")


def table_view(shown: pd.DataFrame, filters: Filters) -> None:
    rows = shown.head(TABLE_ROWS)
    ss.table_ids = list(rows["event_id"])
    rows = rows.assign(said=said_labels(rows))
    columns = ["date_start", "date_precision", "date_text", "actor1_name", "event_type", "type_label", "actor2_name",
               "acled_type", "fatalities", "quad_class", "context", "said", "location", "source", "source_grade",
               "n_sources", "confidence", "sentence"]
    st.dataframe(rows[[c for c in columns if c in rows]], key="table", on_select=pick_event_from_table,
                 selection_mode="single-row", hide_index=True, column_config={
                     "date_start": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
                     "date_precision": "precision", "date_text": "as written", "actor1_name": "actor 1",
                     "event_type": "type", "type_label": "what", "actor2_name": "actor 2",
                     "acled_type": st.column_config.TextColumn("ACLED", help="the ACLED event type closest to it; "
                                                               "empty where ACLED codes no such event"),
                     "fatalities": st.column_config.NumberColumn("killed", help="the dead the sentence gives a "
                                                                 "number for; empty: no number"),
                     "quad_class": "quad", "location": "place",
                     "said": st.column_config.TextColumn("who says so", help="⚠ disputed: one side claims, another denies"),
                     "source_grade": st.column_config.TextColumn("grade", help="the source's Admiralty grade, A-F"),
                     "n_sources": st.column_config.NumberColumn("sources", help="distinct sources reporting it"),
                     "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0),
                     "sentence": st.column_config.TextColumn("evidence", width="large")})
    if len(shown) > TABLE_ROWS:
        st.caption(f"The first {TABLE_ROWS} of {len(shown)} rows; the exports below carry all of them.")
    exports(shown, filters)


EXPORTS = (("csv", "CSV", "events"), ("json", "JSON", "events"), ("parquet", "Parquet", "events"),
           ("acled.csv", "ACLED-style CSV", "events"), ("graphml", "GraphML (i2 ANB, yEd)", "actor graph"),
           ("gexf", "GEXF (Gephi)", "actor graph"), ("geojson", "GeoJSON (map)", "map"),
           ("timeline.json", "TimelineJS", "timeline"), ("brief.html", "One-page brief (HTML)", "brief"))


def exports(shown: pd.DataFrame, filters: Filters) -> None:
    """The filtered view as files. Each file is made when its button is clicked, and a click does not
    rerun the page: a rerun dropped the other buttons' files, so a second quick download was lost."""
    st.caption("**Export the filtered view** — events (corrections applied), or for the analyst's other tools:")
    makers = {fmt: functools.partial(export.export, shown, fmt) for fmt, _, _ in EXPORTS}
    makers["brief.html"] = functools.partial(brief_of, shown, filters, view_link())
    for row in (EXPORTS[:4], EXPORTS[4:]):
        for col, (fmt, label, what) in zip(st.columns(len(EXPORTS[4:])), row):
            col.download_button(f"⬇ {label}", makers[fmt], file_name=f"{what.replace(' ', '-')}.{fmt}",
                                mime=export.FORMATS[fmt], key=f"export_{fmt}", on_click="ignore")


def brief_of(shown: pd.DataFrame, filters: Filters, link: str) -> bytes:
    return brief.brief_html(shown, scope=brief.filters_in_words(filters, query.actor_names(shown)), link=link)


def view_link() -> str:
    """This view's URL, to cite it (the page's address with its query)."""
    base = st.context.url or ""
    return f"{base}?{urlencode(url_params(), doseq=True)}" if base and url_params() else base


def key_dates_view(ranked: list[keydates.KeyDate], raw: pd.DataFrame) -> None:
    if not ranked:
        st.info("No day has events dated to it yet.")
        return
    st.caption(f"The {len(ranked)} days the corpus says most happened on, in date order. A day rises with the "
               "articles and sources that date events to it and with how long the news keeps coming back to "
               "it; it is weighed against how much was published around it.")
    by_id = raw.set_index("event_id")
    place = {kd.date: n for n, kd in enumerate(ranked, 1)}
    for kd in sorted(ranked, key=lambda k: k.date):
        with st.container(border=True):
            st.markdown(f"**{day(kd.date)}** · score {kd.score:.2f} (#{place[kd.date]} of {len(ranked)})")
            st.caption(f"Why: {kd.reason}.")
            for sentence in kd.summary:
                st.caption(quoted(sentence))
            with st.expander(plural(len(kd.events), "event")):
                key_date_events(kd, by_id)


QUOTE_MARKS = "\"'“”‘’«»"


def quoted(sentence: str) -> str:
    """The sentence in quotation marks, unless it opens or closes with its own; shown as written."""
    text = literal(sentence.strip())
    return text if text[:1] in QUOTE_MARKS or text[-1:] in QUOTE_MARKS else f"“{text}”"


def key_date_events(kd: keydates.KeyDate, by_id: pd.DataFrame) -> None:
    members = by_id.loc[[e for e in kd.events if e in by_id.index]]
    for event_id, row in members.iterrows():
        st.button(literal(f"{row['actor1_name'] or '?'} · {row['event_type']} · {row['actor2_name'] or '—'} "
                          f"({row['source']}): {row['sentence'][:120]}"), key=f"kd_{kd.date}_{event_id}",
                  on_click=open_event, args=(event_id,), type="tertiary")


def add_articles_view() -> None:
    report = ss.pop("add_report", None)
    if report is not None:
        show_report(report)
    if DEMO:
        st.warning("Demo: what you add and correct lives in this browser tab only. Reloading the page "
                   "or closing the tab wipes it; export the events (Events table) to keep them.")
    # Keyed, so the tab in use stays open when the page reloads with the report above it.
    paste, upload, by_url = st.tabs(["Paste text", "Upload files", "Fetch a URL"], key="add_how", on_change="rerun")
    with paste:
        if "undated_paste" in ss:
            confirm_undated_paste()
        else:
            paste_form()
    with upload:
        files = st.file_uploader("Text, HTML, JSON, JSONL, CSV or RSS/Atom files", accept_multiple_files=True,
                                 key="upload", max_upload_size=UPLOAD_LIMIT // (1024 * 1024) if DEMO else None)
        if st.button("Add files", key="add_files", disabled=not files, type="primary"):
            add([(f.name, ingest.read_bytes(f.name, f.getvalue(), max_bytes=UPLOAD_LIMIT if DEMO else None))
                 for f in files])
    with by_url:
        url = st.text_input("Page or feed URL", key="fetch_url", placeholder="https://…")
        if st.button("Fetch", key="fetch", disabled=not url.strip()):
            with st.spinner(f"Fetching {url}…"):
                add([(url.strip(), fetch.fetch_url(url.strip(), allow_private=not DEMO))])


def paste_form() -> None:
    with st.form("paste_form", clear_on_submit=True):
        text = st.text_area("Article text", height=200, key="paste_text")
        c1, c2, c3 = st.columns(3)
        title = c1.text_input("Title", key="paste_title")
        source = c2.text_input("Source", key="paste_source")
        published = c3.date_input("Published", value=None, min_value=OLDEST_PUBLISHED, key="paste_published",
                                  help="Relative dates in the text (“on Friday”, “last month”) are resolved against it.")
        if st.form_submit_button("Add article", type="primary"):
            pasted = {"text": text, "title": title or None, "source": source or None}
            if published is None and text.strip():
                ss.undated_paste = pasted  # warned about first: its relative dates cannot be resolved
                st.rerun()
            add([("pasted text", ingest.from_text(**pasted, published=published))])


def confirm_undated_paste() -> None:
    pasted = ss.undated_paste
    st.warning(f"*{literal(pasted['title'] or 'The pasted article')}* has no publication date: its relative dates "
               "(“on Friday”, “yesterday”) cannot be resolved, and events dated only by them will be "
               "**unknown**. Go back to set the date, or add it without one.")
    back, anyway = st.columns(2)
    back.button("Back to set the date", key="undated_back", on_click=restore_undated_paste, type="primary")
    if anyway.button("Add without a date", key="undated_add"):
        del ss.undated_paste
        add([("pasted text", ingest.from_text(**pasted, published=None))])


def restore_undated_paste() -> None:
    pasted = ss.pop("undated_paste")
    ss.paste_text, ss.paste_title, ss.paste_source = pasted["text"], pasted["title"] or "", pasted["source"] or ""


def add(results: list[tuple[str, ingest.IngestResult]]) -> None:
    """Extract and store what was read, per input (a file, a URL, the pasted text); the per-item
    report is shown after the page reloads with the new events."""
    outcomes = [{"item": f"{e.source}, {e.item}" if e.item else e.source, "outcome": "failed", "events": 0,
                 "detail": e.problem} for _, result in results for e in result.errors]
    origin = {a.id: label for label, result in results for a in result.articles}
    articles = [a for _, result in results for a in result.articles]
    if articles:
        bar = st.progress(0.0, text="Extracting events…")
        try:
            done = writable_store().add(articles, model(),
                                        progress=lambda i, n: bar.progress(i / n, text=f"Extracting events: {i} of {n} articles"))
        except Exception as exc:
            show_failure("Adding the articles", exc)
            return
        outcomes += [{"item": f"{origin.get(o.article_id, '')}: {o.title or o.article_id}", "outcome": o.outcome,
                      "events": o.events, "detail": o.detail} for o in done.items]
    ss.add_report = outcomes
    st.rerun()


def show_report(outcomes: list[dict]) -> None:
    good = sum(o["outcome"] in ("added", "replaced") for o in outcomes)
    bad = sum(o["outcome"] in ("failed", "skipped") for o in outcomes)
    (st.success if good and not bad else st.warning if good else st.error)(
        f"{plural(good, 'article')} added, {plural(bad, 'item')} failed, {len(outcomes) - good - bad} unchanged.")
    st.dataframe(pd.DataFrame(outcomes), hide_index=True)


def plural(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else word + 's'}"


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def literal(text: str) -> str:
    """``text`` for a Markdown element, shown as written (names and notes may hold * _ [ ] …)."""
    return _MARKDOWN.sub(r"\\\1", str(text))


# -- who says so: claims, denials, source grades --------------------------------------------------
SAYS_MODES = {"all": ((), "All events"), "claims": (query.CLAIMS_ONLY, "Claims only (claimed, denied or disputed)"),
              "undisputed": (query.UNDISPUTED, "Exclude disputed"), "disputed": (("disputed",), "Disputed only")}


def says_state_from_url(filters: Filters, problems: list[str]) -> None:
    wanted = set(filters.attributions)
    ss.f_says = next((mode for mode, (kept, _) in SAYS_MODES.items() if set(kept) == wanted), "all")
    if wanted and ss.f_says == "all":
        problems.append(f"attr={sorted(wanted)} is none of the page's choices (claims, undisputed, disputed)")
    ss.f_claimants = list(filters.claimants)  # known_in left out those the data does not have
    ss.f_grades = list(filters.grades)


@st.cache_data(show_spinner=False)
def measured_confidence() -> list[confidence.AtMinimum]:
    return confidence.read_figures()


def says_from_widgets() -> dict:
    return {"attributions": SAYS_MODES[ss.f_says][0], "claimants": ss.f_claimants, "grades": ss.f_grades}


@st.cache_data(show_spinner=False, max_entries=8)
def claimant_choices(key: tuple, _raw: pd.DataFrame) -> list[str]:
    return query.claimants(_raw)


def says_filters(raw: pd.DataFrame) -> None:
    st.radio("Who says so", list(SAYS_MODES), key="f_says", format_func=lambda mode: SAYS_MODES[mode][1],
             help="Claimed: it rests on a party's word. Denied: a party says it did not happen. Disputed: both.")
    options = claimant_choices(data_key(), raw)
    ss.f_claimants = [name for name in ss.f_claimants if name in options]
    st.multiselect("Claimed or denied by", options, key="f_claimants", placeholder="Anyone")
    st.multiselect("Source grades", list(GRADES), key="f_grades", placeholder="All grades",
                   format_func=lambda g: f"{g} · {GRADES[g][0]}",
                   help="NATO Admiralty grades of the sources; minimum confidence is weighed by them.")


def said_labels(rows: pd.DataFrame) -> pd.Series:
    """"⚠ disputed", "claimed by X", "denied by Y" or "" (the outlet's own report), per row."""
    claimed, denied = rows["claimed_by"], rows["denied_by"]
    labels = pd.Series("", index=rows.index)
    labels = labels.mask(rows["attribution"] == "claimed", "claimed by " + claimed.where(claimed != "", "unnamed sources"))
    labels = labels.mask(rows["attribution"] == "denied", "denied by " + denied)
    return labels.mask(rows["attribution"] == "disputed", "⚠ disputed: " + ("claimed by " + claimed).where(
        claimed != "", "reported by the outlets") + ", denied by " + denied)


def sides(ev: pd.Series, raw: pd.DataFrame) -> None:
    """Who says so, the source's grade, and for a disputed event each side's sentence."""
    grade = ev.get("source_grade", "F")
    st.markdown(f"**Source grade:** {grade} — {GRADES.get(grade, ('?',))[0]}; confidence weighed by it: "
                f"{float(query.belief(one_row(ev)).iloc[0]):.2f}")
    if ev["attribution"] == "reported":
        return
    said = said_labels(one_row(ev)).iloc[0].removeprefix("⚠ ")
    st.markdown(f"**Who says so:** {literal(said)}")
    if ev["attribution"] != "disputed":
        return
    members = raw[raw["cluster_id"] == ev["cluster_id"]] if ev["cluster_id"] else one_row(ev)
    claim_col, denial_col = st.columns(2)
    for col, side, rows in ((claim_col, "claim", members[members["context"] != "negated"]),
                            (denial_col, "denial", members[members["context"] == "negated"])):
        who = ev["claimed_by"] or "the outlets" if side == "claim" else ev["denied_by"]
        col.markdown(f"**{'Claimed' if side == 'claim' else 'Denied'} by {literal(who)}**")
        for _, row in rows.drop_duplicates("sentence").iterrows():
            col.html(f'<div class="side {side}">{html.escape(row["source"] or "unknown source")} · grade '
                     f'{html.escape(row.get("source_grade", "F"))}<br>“{html.escape(row["sentence"])}”</div>')
        if rows.empty:
            col.caption("No sentence of this side in the data.")


def one_row(ev: pd.Series) -> pd.DataFrame:
    return ev.to_frame().T


@st.cache_data(show_spinner=False, max_entries=8)
def source_table(key: tuple) -> pd.DataFrame:
    return store().sources()


def source_grades_form() -> None:
    table = source_table(data_key())
    with st.expander("Source grades"):
        st.dataframe(table[["outlet", "grade", "kind", "country", "articles"]], hide_index=True, key="sources_table")
        with st.form("grade_form"):
            outlet = st.selectbox("Source", list(table["outlet"]), key="grade_outlet")
            grade = st.selectbox("Grade", list(GRADES), key="grade_value", format_func=lambda g: f"{g} · {GRADES[g][0]}",
                                 index=list(GRADES).index("F"))
            kind = st.selectbox("Kind", [""] + list(KINDS), key="grade_kind", format_func=lambda k: k or "(keep)")
            if st.form_submit_button("Save grade"):
                edit(lambda s: s.grade_source(outlet, grade, kind=kind or None))


def source_link(url) -> str:
    """The article's own address as a link, shown as written; only http(s), and percent-encoded so
    that it cannot close the Markdown link early."""
    if not url or not str(url).lower().startswith(("http://", "https://")):
        return f" · {literal(url)}" if url else ""
    return f" · [{literal(url)}]({quote(str(url), safe=SAFE_IN_URL)})"


def show_failure(doing: str, exc: Exception) -> None:
    """One line on the page (the reason, never a traceback with the server's paths); the traceback goes to the log."""
    log.error("%s failed", doing, exc_info=exc)
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
    hint = " An ingest may be running: try again when it has finished." if isinstance(exc, StoreBusy) else ""
    st.error(f"{doing} failed: {literal(reason)}.{hint}")


@contextmanager
def reported(doing: str, *, stop: bool = False):
    try:
        yield
    except Exception as exc:  # st.rerun() and st.stop() are BaseExceptions and pass through
        show_failure(doing, exc)
        if stop:
            st.stop()


# -- event detail and curation -------------------------------------------------------------------
def day(stamp) -> str:
    return f"{stamp.day} {stamp:%B %Y}"


def detail(raw: pd.DataFrame, shown_ids: set[str]) -> None:
    """The selected event: what, when and where; its evidence in the article; who else reported it;
    the form to correct it."""
    found = raw[raw["event_id"] == ss.event]
    if found.empty:
        st.warning(f"Event {literal(ss.event)} is not in the data (deleted, or from another corpus).")
        st.button("Close", on_click=open_event, args=("",), key="close_missing")
        return
    ev = found.iloc[0]
    detail_header(ev, ev["event_id"] in shown_ids)
    sides(ev, raw)
    detail_evidence(ev)
    detail_sources(ev, raw)
    curation_form(ev, raw)


def detail_header(ev: pd.Series, shown: bool) -> None:
    head, close = st.columns([6, 1])
    head.subheader(literal(f"{ev['actor1_name'] or '(no actor)'} · {ev['event_type']}"
                           + (f" · {ev['actor2_name']}" if ev["actor2_name"] else "")))
    close.button("✕", on_click=open_event, args=("",), key="close_detail", help="Close the detail")
    if not shown:
        st.caption("This event is outside the current filters.")
    when = day(ev["date_start"]) if pd.notna(ev["date_start"]) else "undated"
    if pd.notna(ev["date_start"]) and ev["date_end"] > ev["date_start"]:
        when += f" – {day(ev['date_end'])}"
    st.markdown(
        f"**When:** {when} ({ev['date_precision']}; written “{literal(ev['date_text'] or '—')}”, {ev['date_basis']})  \n"
        f"**What:** {figures.quad_label(ev['quad_class'])}" + (f", {literal(ev['mode'])}" if ev["mode"] else "")
        + (f" · *{ev['context']}*" if ev["context"] else "") + (f"  \n**Where:** {literal(ev['location'])}" if ev["location"] else "")
        + f"  \n**Confidence:** {ev['confidence']:.2f} — {literal(ev['reason'])}")


def detail_evidence(ev: pd.Series) -> None:
    """The source, and the article text around the evidence sentence, highlighted."""
    article = store().article(ev["article_id"])
    published = day(ev["published"]) if pd.notna(ev["published"]) else "publication date unknown"
    st.markdown(f"**Source:** {literal(ev['source'] or 'unknown')} · {published}{source_link(ev['url'])}"
                + (f"  \n*{literal(article.title)}*" if article and article.title else ""))
    if article is not None:
        start, end = int(ev["sent_start"]), int(ev["sent_end"])
        st.html(f'<div class="article">{article_html(*excerpt(article.text, start, end))}</div>')
        with st.expander("The whole article"):
            st.html(f'<div class="article">{article_html(article.text, start, end)}</div>')
        told = mention_sentences(article.text, ev.get("mentions"))
        if told:
            with st.expander(f"Also told in this article ({len(told)} more)"):
                for sentence in told:
                    st.text(sentence)


def detail_sources(ev: pd.Series, raw: pd.DataFrame) -> None:
    """Who reported the same happening, and their reports, each a button that opens it."""
    if ev.get("n_sources", 1) > 1:
        st.markdown(f"**Reported by {int(ev['n_sources'])} sources:** {literal(ev['sources'])}")
    others = raw[(raw["cluster_id"] == ev["cluster_id"]) & (raw["event_id"] != ev["event_id"])] if ev["cluster_id"] else raw.iloc[0:0]
    if not others.empty:
        st.markdown(f"**Also reported by** {plural(others['source'].nunique(), 'other source')}:")
        for _, other in others.iterrows():
            published = f"{other['published']:%d %b %Y}" if pd.notna(other["published"]) else "undated"
            st.button(literal(f"{other['source'] or 'unknown source'} ({published}): {other['sentence'][:140]}"),
                      key=f"other_{other['event_id']}", on_click=open_event, args=(other["event_id"],))


EDIT_KEYS = ("edit_type", "edit_date", "edit_actor1", "edit_actor2", "edit_place", "edit_lat", "edit_lon",
             "edit_context", "edit_scope", "edit_reason", "edit_note", "new_sentence")


def curation_form(ev: pd.Series, raw: pd.DataFrame) -> None:
    """Correct the event (the whole happening unless asked otherwise), add an event the extractor
    missed in this article, add an actor; each signed with the analyst's name, a reason and a note."""
    if ss.get("edit_for") != ev["event_id"]:
        # Keyed widgets keep their state across events: without this, another event's values would show.
        for key in EDIT_KEYS:
            ss.pop(key, None)
        ss.edit_for = ev["event_id"]
    names, actors = actor_options(data_key())
    with st.expander("Correct this event"), st.form(f"edit_{ev['event_id']}"):
        c1, c2 = st.columns(2)
        new_type = c1.selectbox("Type", EVENT_TYPES, index=EVENT_TYPES.index(ev["event_type"])
                                if ev["event_type"] in EVENT_TYPES else 0, key="edit_type")
        new_date = c2.text_input("Date (YYYY-MM-DD, YYYY-MM, YYYY, or FROM/TO)", value=ev["date_value"],
                                 key="edit_date", help="A range: 2025-03-10/2025-03-12, or 2024-06/2024-09.")
        new_a1 = c1.selectbox("Actor 1", actors, index=actors.index(ev["actor1"]) if ev["actor1"] in actors else None,
                              format_func=names.get, key="edit_actor1")
        new_a2 = c2.selectbox("Actor 2", [""] + actors, index=([""] + actors).index(ev["actor2"])
                              if ev["actor2"] in actors else 0, format_func=lambda a: names.get(a, "(none)"),
                              key="edit_actor2")
        new_place = place_inputs(ev["location"], "edit")
        new_context = c1.selectbox("Context", CONTEXTS, index=CONTEXTS.index(ev["context"])
                                   if ev["context"] in CONTEXTS else 0, format_func=lambda c: c or "(happened)",
                                   key="edit_context")
        reports = int(ev.get("cluster_size", 1) or 1)
        scope = st.radio("Apply to", SCOPES, key="edit_scope", horizontal=True, disabled=reports < 2,
                         format_func=lambda s: f"the happening (all {reports} reports)" if s == "happening"
                         else "this report only")
        signed = signature("edit")
        changes = {"event_type": new_type, "date": new_date.strip(), "actor1": new_a1, "actor2": new_a2,
                   "location": new_place, "context": new_context}
        current = {"event_type": ev["event_type"], "date": ev["date_value"], "actor1": ev["actor1"],
                   "actor2": ev["actor2"], "location": ev["location"], "context": ev["context"]}
        save, delete = st.columns(2)
        if save.form_submit_button("Save corrections", type="primary"):
            edit(lambda s: [s.edit_event(ev["event_id"], f, v, scope=scope, **signed)
                            for f, v in changes.items() if v != current[f] and v is not None])
        if delete.form_submit_button("Delete as false"):
            edit(lambda s: s.delete_event(ev["event_id"], scope=scope, **signed))
    add_event_form(ev, names, actors)
    add_actor_form("detail")


def place_inputs(location: str, prefix: str):
    """A place name, and its coordinates when the offline gazetteer does not know it."""
    c1, c2, c3 = st.columns([2, 1, 1])
    name = c1.text_input("Place", value=location or "", key=f"{prefix}_place",
                         help="A name the offline gazetteer knows (“Minsk”, “Kursk region”), or give its coordinates.")
    lat = c2.number_input("Latitude", -90.0, 90.0, value=None, format="%.4f", key=f"{prefix}_lat")
    lon = c3.number_input("Longitude", -180.0, 180.0, value=None, format="%.4f", key=f"{prefix}_lon")
    if lat is not None and lon is not None:
        return {"location": name.strip(), "lat": lat, "lon": lon}
    return name.strip()


def signature(prefix: str) -> dict[str, str]:
    """Who makes a correction and why: the analyst's name (set in the sidebar), a reason, a note."""
    c1, c2 = st.columns([1, 2])
    reason = c1.selectbox("Reason", REASONS, key=f"{prefix}_reason", format_func=lambda r: r or "(none given)")
    note = c2.text_input("Note", key=f"{prefix}_note", placeholder="what the source says, what to check…")
    st.caption(f"Signed {literal(ss.analyst.strip())}" if ss.get("analyst", "").strip()
               else "Unsigned: set your name under **Corrections** in the sidebar.")
    return {"author": ss.get("analyst", ""), "reason": reason, "note": note}


def add_event_form(ev: pd.Series, names: dict[str, str], actors: list[str]) -> None:
    article = store().article(ev["article_id"])
    if article is None:
        return
    spans = sentence_spans(article.text)
    if not spans:
        return
    evidence = next((i for i, (s, _) in enumerate(spans) if s <= int(ev["sent_start"]) < _), 0)
    with st.expander("Add an event the extractor missed"), st.form(f"add_event_{ev['article_id']}"):
        picked = st.selectbox("From the sentence", range(len(spans)), index=evidence, key="new_sentence",
                              format_func=lambda i: article.text[spans[i][0]:spans[i][1]][:200])
        c1, c2, c3 = st.columns(3)
        actor1 = c1.selectbox("Actor 1 (acts)", actors, index=None, format_func=names.get, key="new_actor1")
        event_type = c2.selectbox("Type", EVENT_TYPES, index=None, key="new_type")
        actor2 = c3.selectbox("Actor 2 (acted on)", [""] + actors, format_func=lambda a: names.get(a, "(none)"),
                              key="new_actor2")
        when = c1.text_input("Date", placeholder="YYYY-MM-DD, YYYY-MM, YYYY or FROM/TO", key="new_date")
        context = c2.selectbox("Context", CONTEXTS, format_func=lambda c: c or "(happened)", key="new_context")
        place = place_inputs("", "new")
        signed = signature("new")
        if st.form_submit_button("Add event", type="primary"):
            if actor1 is None or event_type is None:
                st.error("An event needs actor 1 (who acts) and a type.")
                return
            start, end = spans[picked]
            edit(lambda s: open_event(s.add_event(ev["article_id"], start, end, actor1=actor1, event_type=event_type,
                                                  actor2=actor2, date=when.strip() or None, location=place,
                                                  context=context, **signed)))


def add_actor_form(where: str) -> None:
    """A new actor for the actor table (``where`` keeps the keys of its two places apart)."""
    with st.expander("Add an actor"), st.form(f"add_actor_{where}"):
        c1, c2, c3 = st.columns([2, 1, 1])
        name = c1.text_input("Name", key=f"{where}_actor_name", placeholder="e.g. Wagner Group")
        kind = c2.selectbox("Kind", ACTOR_KINDS, key=f"{where}_actor_kind")
        country = c3.text_input("Country (ISO alpha-3)", key=f"{where}_actor_country", placeholder="RUS", max_chars=3)
        c1, c2 = st.columns([2, 1])
        aliases = c1.text_input("Aliases, separated by |", key=f"{where}_actor_aliases", placeholder="Wagner|PMC Wagner")
        qid = c2.text_input("Wikidata QID", key=f"{where}_actor_qid", placeholder="Q…")
        signed = signature(f"{where}_actor")
        st.caption("Events whose unlisted actor goes by the name or an alias take the new actor, now and in "
                   "articles added later.")
        if st.form_submit_button("Add actor"):
            edit(lambda s: s.add_actor(name, kind, qid=qid, country=country, aliases=tuple(aliases.split("|")),
                                       **signed))


def merge_actors_form(raw: pd.DataFrame) -> None:
    picks = choices(data_key(), raw)
    names, actors = picks.names, picks.by_name
    with st.expander("Merge two actors"), st.form("merge_form"):
        c1, c2 = st.columns(2)
        alias = c1.selectbox("This actor…", actors, format_func=lambda a: f"{names[a]} ({a})", key="merge_alias")
        keep = c2.selectbox("…is the same as", actors, format_func=lambda a: f"{names[a]} ({a})", key="merge_keep")
        signed = signature("merge")
        if st.form_submit_button("Merge"):
            edit(lambda s: s.merge_actors(keep, alias, **signed))
    add_actor_form("graph")


def edit(change) -> None:
    try:
        change(writable_store())
    except (EditError, SourceError) as exc:
        st.error(literal(exc))
        return
    except Exception as exc:
        show_failure("Saving the change", exc)
        return
    st.rerun()


def undo(edit_id: int) -> None:
    ss.undone = "Undone: " + literal(writable_store().undo(edit_id))


def corrections_bar() -> None:
    """The sidebar's corrections: the analyst's name, the log in words, undo of any one of them."""
    live = live_edits(data_key())
    with st.sidebar:
        if ss.get("undone"):
            st.success(ss.pop("undone"))
        if not live.empty:
            last = live.iloc[-1]
            st.button(f"↶ Undo last correction ({len(live)} in effect)", on_click=undo, args=(int(last["edit_id"]),),
                      key="undo", help=literal(last["description"]))
        with st.expander(f"Corrections ({len(live)} in effect)"):
            st.text_input("Your name, signed on your corrections", key="analyst", placeholder="e.g. A. Analyst")
            for _, row in live.iloc[::-1].head(30).iterrows():
                text, button = st.columns([5, 1])
                text.text(f"{row['edited_at']:%d %b %H:%M} UTC · {row['description']}")
                button.button("↶", key=f"undo_{row['edit_id']}", on_click=undo, args=(int(row["edit_id"]),),
                              help="Undo this correction")


# -- the page ------------------------------------------------------------------------------------
if "raw" not in ss:
    ss.raw = (st.query_params.get_all("raw") or ["0"])[-1] == "1"
    ss.lanes = "type" if (st.query_params.get_all("lanes") or [""])[-1] == "type" else "actor"
with reported("Reading the store", stop=True):
    ss.data_key = key = read_data_key()
    raw_events = events_frame(key, False, store())
    clustered_events = events_frame(key, True, store())
events = raw_events if ss.raw else clustered_events
dated = raw_events["date_start"].dropna()
data_bounds = (dated.min().date(), raw_events["date_end"].max().date()) if len(dated) else (date.today(), date.today())
load_url_state(raw_events, data_bounds)
if ss.get("bounds") != data_bounds:  # the data changed: a whole-range selection follows it, others are clamped
    picked = tuple(ss.f_dates) if ss.f_dates else ss.bounds
    clamped = (max(picked[0], data_bounds[0]), min(picked[-1], data_bounds[1]))
    ss.f_dates = data_bounds if picked == tuple(ss.bounds) or clamped[0] > clamped[1] else clamped
    ss.bounds = data_bounds
sidebar(raw_events, data_bounds)
corrections_bar()
filters = filters_from_widgets(data_bounds)
ranked = ranked_dates(key, raw_events, 10)
shown = query.apply(events, filters, key_dates=[kd.date for kd in ranked])
write_url(filters)
header(raw_events, clustered_events, shown, len(events))
main, side = st.columns([3, 2]) if ss.get("event") else (st.container(), None)
with main:
    tabs = st.tabs(["Timeline", "Actor graph", "Map", "Events table", "Key dates", "Add articles"],
                   key="view", on_change="rerun", bind="query-params")
    views = (lambda: timeline_view(shown, events, filters, [kd.date for kd in ranked]),
             lambda: graph_view(shown, raw_events, filters), lambda: map_view(shown),
             lambda: table_view(shown, filters), lambda: key_dates_view(ranked, raw_events), add_articles_view)
    for tab, view in zip(tabs, views):
        if tab.open:
            with tab, reported("Showing this view"):
                view()
if side is not None:
    with side, reported("Opening the event"):
        detail(raw_events, set(shown["event_id"]))
