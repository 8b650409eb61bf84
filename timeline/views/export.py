"""Exports of an events DataFrame: CSV, JSON, Parquet, and an ACLED-style CSV; ``export`` also
writes the other tools' formats (GraphML, GEXF, GeoJSON, TimelineJS, the HTML brief).

Each function returns bytes, so the dashboard's download buttons and the CLI write the same thing.
Columns follow DESIGN.md's event record (plus the cluster columns the store adds) in that order;
dates are ISO ``YYYY-MM-DD`` strings, never timestamps with a time part. Every CSV goes through
``csv_bytes``: a text cell that a spreadsheet would run as a formula gets a leading apostrophe.
"""
from __future__ import annotations

import csv
import io
import json

import pandas as pd

from timeline.analysis.query import DATE_COLUMNS
from timeline.extract.eventtypes import event_types
from timeline.schema import EVENT_FIELDS

# Besides the record: the cluster's size, the source's grade, and the type's plain words and ACLED equivalent (data/event_types.csv).
EXTRA_FIELDS = ("n_sources", "cluster_size", "type_label", "acled_type", "source_grade")
ACLED_FIELDS = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "location",
                "latitude", "longitude", "source", "notes", "fatalities", "tags")
# ACLED's codes: 1 = the day is known, 2 = the week (or a few days), 3 = the month or less precise.
ACLED_PRECISION = {"day": 1, "week": 2}
FORMATS = {"csv": "text/csv", "json": "application/json", "parquet": "application/vnd.apache.parquet",
           "acled.csv": "text/csv", "graphml": "application/graphml+xml", "gexf": "application/gexf+xml",
           "geojson": "application/geo+json", "timeline.json": "application/json", "brief.html": "text/html"}


def records(df: pd.DataFrame) -> pd.DataFrame:
    """The exported columns, with dates as ISO strings ("" when unknown)."""
    columns = [c for c in (*EVENT_FIELDS, *EXTRA_FIELDS) if c in df.columns]
    out = df[columns].copy()
    for col in DATE_COLUMNS:
        if col in out:
            out[col] = pd.to_datetime(out[col], errors="coerce").dt.strftime("%Y-%m-%d").fillna("")
    return out.reset_index(drop=True)


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a feed's title becomes
# an event's source, so "=cmd|' /C calc'!A0" or "@SUM(...)" can arrive in any text column.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    """A text cell a spreadsheet would run as a formula, made inert with a leading apostrophe; any
    other value as it is (numbers, negative ones included, stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV of a frame with every text cell neutralized: the one way this project writes CSV."""
    safe = df.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralize)
    # Every text cell quoted: a bare carriage return inside a cell would otherwise end the row for Excel.
    return safe.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")


def to_csv(df: pd.DataFrame) -> bytes:
    return csv_bytes(records(df))


def to_json(df: pd.DataFrame) -> bytes:
    """A JSON array of event objects; missing numbers are null, not NaN (which is not JSON)."""
    rows = records(df).astype(object).where(lambda frame: frame.notna(), None).to_dict(orient="records")
    return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")


def to_parquet(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    records(df).to_parquet(buffer, index=False)
    return buffer.getvalue()


def acled_frame(df: pd.DataFrame) -> pd.DataFrame:
    """ACLED's column names and codes, so the file opens in tools built for ACLED data.

    ``event_type`` and ``sub_event_type`` are the PLOVER type's ACLED equivalent (data/event_types.csv;
    empty where ACLED codes no such event: a meeting, a statement); ``tags`` keeps the PLOVER type and
    its plain words; ``notes`` is the evidence sentence; the actors are names, as in ACLED;
    ``fatalities`` is 0 where the text gives no number, as ACLED codes it.
    """
    rec = records(df)
    # Looked up here, not taken from the frame: a frame straight from the store has no such columns.
    kind = event_types().annotate(rec[["event_type", "mode", "trigger"]])
    return pd.DataFrame({
        "event_date": rec["date_start"],
        "time_precision": rec["date_precision"].map(ACLED_PRECISION).fillna(3).astype(int),
        "event_type": kind["acled_type"],
        "sub_event_type": kind["acled_sub_type"],
        "actor1": rec["actor1_name"],
        "actor2": rec["actor2_name"],
        "location": rec["location"],
        "latitude": rec["lat"],
        "longitude": rec["lon"],
        "source": rec["source"],
        "notes": said(rec) + rec["sentence"],
        "fatalities": pd.to_numeric(rec["fatalities"], errors="coerce").fillna(0).astype(int),
        "tags": "PLOVER " + rec["event_type"] + " (" + kind["type_label"] + ")",
    }, columns=list(ACLED_FIELDS))


def said(rec: pd.DataFrame) -> pd.Series:
    """ACLED notes open with who a contested report comes from: "[claimed by Russia] ",
    "[disputed: claimed by Russia, denied by Ukraine] "; the outlet's own reports say nothing."""
    attribution = rec["attribution"] if "attribution" in rec else pd.Series("reported", index=rec.index)
    claimed = rec["claimed_by"].fillna("") if "claimed_by" in rec else pd.Series("", index=rec.index)
    denied = rec["denied_by"].fillna("") if "denied_by" in rec else pd.Series("", index=rec.index)
    by = claimed.where(claimed != "", "unnamed sources")
    text = pd.Series("", index=rec.index)
    text = text.mask(attribution == "claimed", "[claimed by " + by + "] ")
    text = text.mask(attribution == "denied", "[denied by " + denied + "] ")
    return text.mask(attribution == "disputed", "[disputed: claimed by " + claimed.where(claimed != "", "the outlets")
                     + ", denied by " + denied + "] ")


def to_acled_csv(df: pd.DataFrame) -> bytes:
    return csv_bytes(acled_frame(df))


def export(df: pd.DataFrame, fmt: str) -> bytes:
    """Bytes of ``df`` in ``fmt`` (one of FORMATS; the other tools' formats are in
    ``timeline.views.interchange`` and ``timeline.views.brief``)."""
    from timeline.views import brief, interchange  # networkx and the key dates load only when asked for

    writers = {"csv": to_csv, "json": to_json, "parquet": to_parquet, "acled.csv": to_acled_csv,
               "graphml": interchange.to_graphml, "gexf": interchange.to_gexf, "geojson": interchange.to_geojson,
               "timeline.json": interchange.to_timelinejs, "brief.html": brief.brief_html}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose from {list(writers)}")
    return writers[fmt](df)


def format_for(path: str) -> str | None:
    """The export format a file name asks for by its ending ("view.timeline.json" -> "timeline.json",
    any ".html" -> the brief), the longest ending first; None when it names none."""
    name = str(path).lower()
    if name.endswith(".html"):
        return "brief.html"
    return next((fmt for fmt in sorted(FORMATS, key=len, reverse=True) if name.endswith("." + fmt)), None)
