"""Exports to the analyst's other tools: GraphML/GEXF (i2 Analyst's Notebook, Gephi), GeoJSON, TimelineJS
and the one-page HTML brief, on hand-built events; each read back with a parser, not string matching only."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import networkx as nx
import pandas as pd
import pytest

from sample_events import LUKASHENKO, PUTIN, RUSSIA, TRUMP, UKRAINE, event, sample
from timeline.analysis import query
from timeline.analysis.query import Filters
from timeline.views import export, interchange
from timeline.views.brief import brief_html, filters_in_words

HOSTILE = "<script>alert('owned')</script> Putin <b>met</b> “Lukashenko”."


@pytest.fixture()
def df() -> pd.DataFrame:
    return query.frame(sample())


def test_graphml_and_gexf_hold_the_actor_graph(df):
    import io

    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = read(io.BytesIO(export.export(df, fmt)))
        actors = set(df["actor1"]) | set(df["actor2"]) - {""}
        assert set(graph.nodes) == actors
        assert graph.nodes[PUTIN]["label"] == "Vladimir Putin"
        assert int(graph.nodes[PUTIN]["events"]) == int(((df["actor1"] == PUTIN) | (df["actor2"] == PUTIN)).sum())
        pairs = df[(df["actor2"] != "")].groupby(["actor1", "actor2"]).size()
        assert {(a, b): int(d["weight"]) for a, b, d in graph.edges(data=True)} == pairs.to_dict()
        assert graph.is_directed() and not graph.has_edge(LUKASHENKO, PUTIN)  # only who acted on whom
        russia_ukraine = graph.edges[RUSSIA, UKRAINE]
        assert russia_ukraine["types"] == "ASSAULT ×2" and int(russia_ukraine["conflict"]) == 2
        assert (russia_ukraine["first"], russia_ukraine["last"]) == ("2022-01-01", "2025-03-12")


def test_graphml_survives_names_xml_cannot_hold(df):
    import io

    odd = query.frame([replace(e, actor1_name="Bad\x0bName\x00") if e.actor1 == TRUMP else e for e in sample()])
    graph = nx.read_graphml(io.BytesIO(interchange.to_graphml(odd)))
    assert graph.nodes[TRUMP]["label"] == "BadName"


def test_geojson_has_one_point_per_placed_event(df):
    doc = json.loads(export.export(df, "geojson"))
    assert doc["type"] == "FeatureCollection"
    placed = df[df["lat"].notna()]
    assert len(doc["features"]) == len(placed) < len(df)
    moscow = next(f for f in doc["features"] if f["properties"]["event_id"] == "e001")
    assert moscow["geometry"] == {"type": "Point", "coordinates": [37.62, 55.76]}  # lon, lat: GeoJSON's order
    assert moscow["properties"]["date_start"] == "2025-03-13" and moscow["properties"]["location"] == "Moscow"
    assert moscow["properties"]["actor2_name"] == "Alexander Lukashenko"
    assert json.loads(interchange.to_geojson(df.iloc[0:0])) == {"type": "FeatureCollection", "features": []}


def test_timelinejs_dates_no_more_precisely_than_the_text(df):
    doc = json.loads(export.export(df, "timeline.json"))
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert "e005" not in slides and "1 undated left out" in doc["title"]["text"]["text"]  # no false date
    assert slides["e004"]["start_date"] == {"year": 2022}  # "in 2022" is a year, not 1 January
    assert slides["e001"]["start_date"] == {"year": 2025, "month": 3, "day": 13}
    assert slides["e001"]["display_date"] == "on Thursday"
    assert slides["e001"]["text"]["headline"] == "Vladimir Putin · CONSULT · Alexander Lukashenko"
    assert slides["e007"]["text"]["text"].startswith("<p>“Russian forces &lt;b&gt;pushed&lt;/b&gt; Ukraine")


def test_timelinejs_and_brief_escape_what_comes_from_articles():
    hostile = [replace(event(1, PUTIN, LUKASHENKO, sentence=HOSTILE, source="<img src=x onerror=alert(1)>"),
                       url="javascript:alert(1)"),
               replace(event(2, TRUMP, PUTIN, sentence="Trump called Putin."), url="https://news.example/a?b=1&c=2")]
    df = query.frame(hostile)
    slides = json.loads(interchange.to_timelinejs(df))["events"]
    timeline_html = " ".join(s["text"]["headline"] + s["text"]["text"] for s in slides)
    for body in (timeline_html, brief_html(df).decode()):
        assert "<script" not in body and "<img" not in body and "<b>met" not in body
        assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in body and "&lt;img src=x" in body
        assert 'href="javascript' not in body
        assert 'href="https://news.example/a?b=1&amp;c=2"' in body


def test_brief_is_one_self_contained_page_with_key_dates_actors_and_cited_sentences(df):
    page = brief_html(df, scope=filters_in_words(Filters(actors=(PUTIN,), quad_classes=(1,)), {PUTIN: "Vladimir Putin"}),
                      link="http://localhost:8501/?actor=Q7747").decode()
    assert page.startswith("<!DOCTYPE html>") and "@page" in page
    assert not re.search(r"<script|<link|\bsrc=|@import|url\(", page)  # nothing fetched, nothing run
    assert "actor: Vladimir Putin; quad: 1" in page
    assert 'href="http://localhost:8501/?actor=Q7747"' in page
    sections = re.split(r"<h2>", page)
    assert [s.split("<")[0] for s in sections[1:]] == ["Key dates", "Top actors", "What the sources say"]
    assert "13 March 2025" in sections[1]
    assert "Vladimir Putin" in sections[2] and "Ukraine" in sections[2]
    assert "Putin agreed with Trump&#x27;s proposal." in sections[3]
    assert page.count("<li>") <= 5 + 8  # at most five key dates and eight cited events: one page
    assert "8 events from 3 sources" in page


def test_brief_of_nothing_says_so(df):
    page = brief_html(df.iloc[0:0]).decode()
    assert "No day has events dated to it." in page and "No actors." in page and "No events." in page


def test_filters_in_words():
    assert filters_in_words(Filters()) == "all events"
    assert filters_in_words(Filters(start=date(2025, 3, 1), text="ceasefire")) == "from: 2025-03-01; q: ceasefire"


def test_export_format_from_a_file_name():
    assert export.format_for("out/view.timeline.json") == "timeline.json"
    assert export.format_for("a.ACLED.csv") == "acled.csv" and export.format_for("a.csv") == "csv"
    assert export.format_for("brief.html") == export.format_for("Putin.HTML") == "brief.html"
    assert export.format_for("map.geojson") == "geojson" and export.format_for("notes.txt") is None


@pytest.fixture()
def store_file(tmp_path):
    """The sample events in a store file, one article each."""
    from timeline.schema import Article
    from timeline.store.store import Store

    path = tmp_path / "store.duckdb"
    pairs = []
    for ev in sample():
        art = Article(id=f"art-{ev.event_id}", text=ev.sentence, title=ev.event_id, source=ev.source,
                      published=ev.published)
        pairs.append((art, [replace(ev, article_id=art.id, sent_start=0, sent_end=len(ev.sentence))]))
    with Store(path) as store:
        store.load_extracted(pairs)
        store.edit_event("e007", "type", "COERCE", author="Ann")
    return path


def test_export_command_writes_a_cited_view_with_the_corrections(store_file, tmp_path, capsys):
    from timeline.__main__ import main

    link = "http://localhost:8501/?actor=Q159&quad=4&quad=3&include=future&bogus=1&type=TELEPORT"
    out = tmp_path / "russia.geojson"
    assert main(["export", "--db", str(store_file), "--out", str(out), "--view", link]) == 0
    features = json.loads(out.read_text())["features"]
    assert {f["properties"]["event_id"] for f in features} == {"e007", "e004"}  # Russia's conflict events, placed
    assert {f["properties"]["event_type"] for f in features} == {"COERCE", "ASSAULT"}  # the correction applied
    err = capsys.readouterr().err
    assert "type='TELEPORT'" in err or "TELEPORT" in err
    brief = tmp_path / "brief.html"
    assert main(["export", "--db", str(store_file), "--out", str(brief), "--view", "actor=Q7747"]) == 0
    assert "actor: Vladimir Putin" in brief.read_text() and "Putin held talks" in brief.read_text()
    assert main(["export", "--db", str(store_file), "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "unknown format" in capsys.readouterr().err
    assert main(["export", "--db", str(tmp_path / "none.duckdb"), "--out", str(out)]) == 2
