"""A printable one-page brief of a view: what it covers, its key dates, its top actors and the
sentences that report its main events, each cited with its source and link.

One self-contained HTML file (styles inline, no script, no external resource), laid out for an A4
page (the browser's Print → PDF makes the PDF). Every string from an article — names, sentences,
sources, titles — is escaped, and only http(s) links are made, so an article cannot put markup or a
``javascript:`` link into the brief.
"""
from __future__ import annotations

import html
from datetime import datetime, timezone

import pandas as pd

from timeline.analysis import keydates, network
from timeline.analysis.query import Filters
from timeline.views.highlight import link_html

KEY_DATES, TOP_ACTORS, CITED = 5, 8, 8
STYLE = """
@page { size: A4; margin: 14mm; }
body { font: 10.5pt/1.4 Georgia, 'Times New Roman', serif; color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 2pt; } h2 { font-size: 11.5pt; margin: 10pt 0 3pt; border-bottom: 1px solid #999; }
p.scope, p.foot { color: #444; font-size: 9pt; margin: 2pt 0; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
td, th { text-align: left; padding: 1pt 6pt 1pt 0; vertical-align: top; } th { font-weight: normal; color: #555; }
ol { margin: 0; padding-left: 16pt; } li { margin: 0 0 3pt; }
q { font-style: italic; } .src { color: #444; font-size: 9pt; }
"""


def filters_in_words(filters: Filters, names: dict[str, str] | None = None) -> str:
    """The view's filters as a line a reader understands ("actor: Vladimir Putin; quad: 3, 4")."""
    names = names or {}
    parts = []
    for key, value in filters.to_params().items():
        values = value if isinstance(value, list) else [value]
        if key == "actor":
            values = [names.get(v, v) for v in values]
        parts.append(f"{key}: {', '.join(values)}")
    return "; ".join(parts) or "all events"


def _day(stamp) -> str:
    return f"{stamp.day} {stamp:%B %Y}" if pd.notna(stamp) else "undated"


def _key_dates(df: pd.DataFrame) -> str:
    ranked = keydates.rank(df, top=KEY_DATES)
    if not ranked:
        return "<p>No day has events dated to it.</p>"
    items = []
    for kd in ranked:
        summary = " ".join(f"<q>{html.escape(s)}</q>" for s in kd.summary)
        items.append(f"<li><b>{_day(pd.Timestamp(kd.date))}</b> <span class=src>({len(kd.events)} events, "
                     f"{kd.sources} {'source' if kd.sources == 1 else 'sources'})</span> {summary}</li>")
    return "<ol>" + "".join(items) + "</ol>"


def _top_actors(df: pd.DataFrame) -> str:
    nodes = network.actor_network(df).nodes.sort_values(["events", "name"], ascending=[False, True]).head(TOP_ACTORS)
    if nodes.empty:
        return "<p>No actors.</p>"
    rows = "".join(f"<tr><td>{html.escape(str(n['name']))}</td><td>{n['events']}</td><td>{n['acts']}</td>"
                   f"<td>{n['acted_on']}</td><td>{n['coop']} / {n['conflict']}</td></tr>" for _, n in nodes.iterrows())
    return ("<table><tr><th>actor</th><th>events</th><th>acts</th><th>acted on</th>"
            "<th>cooperation / conflict</th></tr>" + rows + "</table>")


def _cited(df: pd.DataFrame) -> str:
    """The main events: reported by most sources, then most confident, then latest."""
    order = df.assign(_n=df["n_sources"] if "n_sources" in df else 1)
    order = order.sort_values(["_n", "confidence", "date_start"], ascending=[False, False, False], na_position="last")
    items = []
    for _, ev in order.head(CITED).iterrows():
        who = " · ".join(filter(None, (ev["actor1_name"] or "?", ev["event_type"], ev["actor2_name"])))
        source = f"{ev['source'] or 'unknown source'}, {_day(ev['published'])}"
        more = f"; {int(ev['_n'])} sources" if ev["_n"] > 1 else ""
        items.append(f"<li><b>{html.escape(_day(ev['date_start']))}</b> {html.escape(who)}: "
                     f"<q>{html.escape(str(ev['sentence']))}</q> <span class=src>— {link_html(ev.get('url'), source)}"
                     f"{html.escape(more)}</span></li>")
    return "<ol>" + "".join(items) + "</ol>" if items else "<p>No events.</p>"


def brief_html(df: pd.DataFrame, *, title: str = "Conflict timeline: brief", scope: str = "all events",
               link: str = "", generated: datetime | None = None) -> bytes:
    """The brief of the events in ``df`` (the filtered view); ``scope`` says which (``filters_in_words``),
    ``link`` is the view's URL, cited at the top."""
    generated = generated or datetime.now(timezone.utc)
    dated = df["date_start"].dropna()
    span = f"{_day(dated.min())} – {_day(df['date_end'].max())}" if len(dated) else "undated"
    sources = df["source"].replace("", pd.NA).nunique()
    cite = f" · view: {link_html(link, link)}" if link else ""
    body = (f"<h1>{html.escape(title)}</h1>"
            f"<p class=scope>{len(df)} events from {sources} {'source' if sources == 1 else 'sources'}, "
            f"{html.escape(span)} · {html.escape(scope)}{cite}</p>"
            f"<h2>Key dates</h2>{_key_dates(df)}"
            f"<h2>Top actors</h2>{_top_actors(df)}"
            f"<h2>What the sources say</h2>{_cited(df)}"
            f"<p class=foot>Generated {generated:%Y-%m-%d %H:%M} UTC by conflict timeline. Events are extracted "
            "automatically from news text; check each against its source before citing it.</p>")
    page = (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{html.escape(title)}</title>"
            f"<style>{STYLE}</style></head><body>{body}</body></html>")
    return page.encode("utf-8")
