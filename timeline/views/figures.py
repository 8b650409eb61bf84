"""Plotly figures for the dashboard: what all figures share, the timeline and its bar chart of
events per period. Pure functions of a DataFrame; the actor graph is in ``graph.py``, the map in
``maps.py``.

Every marker that stands for one event carries its ``event_id`` as ``customdata`` (an actor node
carries the actor id, a place its name), so a selection in the app maps back to records. Big
frames are aggregated before drawing: a browser cannot take 100,000 hover texts, and an analyst
cannot read them.
"""
from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from timeline.analysis.query import QUAD_CLASSES
from timeline.extract.eventtypes import event_types

QUAD_COLOURS = {1: "#6baed6", 2: "#2166ac", 3: "#f4a742", 4: "#c0392b", 0: "#9e9e9e"}
# Cooperation (+1) to conflict (-1): the same hues as the QuadClass colours.
BALANCE_SCALE = [[0.0, "#c0392b"], [0.5, "#bdbdbd"], [1.0, "#2166ac"]]
LANE_MODES = ("actor", "type")
LANE_PX, PITCH_PX, MAX_STACK = 34, 14, 8  # a lane's least height; markers stacked on one day: pitch, most rows
# Marker styles from columns a frame may carry: events whose attribution is in doubt (the party the
# text attributes them to claims, denies or disputes them) get a dot inside their marker.
MARKED = {"attribution": ("claimed", "denied", "disputed")}
FONT = dict(family="Inter, Segoe UI, Helvetica, Arial, sans-serif", size=12)
# plotly_white's page and axes, without its colour scales and 3-D, polar and ternary defaults: we
# set our own colours, and copying the whole template into every figure took ~17 ms per figure.
TEMPLATE = go.layout.Template(layout={
    key: value for key, value in pio.templates["plotly_white"].layout.to_plotly_json().items()
    if key not in ("colorscale", "coloraxis", "polar", "ternary", "scene")})


def quad_label(q: int) -> str:
    return f"{q} · {QUAD_CLASSES[q]}" if q in QUAD_CLASSES else "unclassified"


def plain_figure(traces: list[dict], **layout) -> go.Figure:
    """The figure from plain trace dicts, validated once. (Trace objects added one at a time are
    validated twice each: for a graph of 20 traces that was five times slower.)"""
    return go.Figure(data=traces, layout=dict(template=TEMPLATE, font=FONT, **layout))


def empty_figure(message: str, height: int = 260) -> go.Figure:
    return plain_figure([], height=height, xaxis_visible=False, yaxis_visible=False, margin=dict(l=10, r=10, t=10, b=10),
                   annotations=[dict(text=message, showarrow=False, font=dict(size=14, color="#666"))])


# Greedy word wrap: a run of up to WRAP characters that ends before a space, or a longer word whole.
WRAP = 80
_LINE = re.compile(r"\S.{0,%d}(?=\s|$)|\S+" % (WRAP - 1))


def hover_text(text: str, limit: int = 320) -> str:
    """Hover text: escaped (article text is untrusted) and wrapped for plotly's <br> line breaks."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "<br>".join(_LINE.findall(html.escape(text)))


def _hovers(df: pd.DataFrame) -> np.ndarray:
    """One hover text per event: who, what (in plain words, with its ACLED equivalent and the dead
    the text counts), the date as written and what it was read as, the evidence sentence, the source."""
    sources = df["n_sources"].tolist() if "n_sources" in df else [1] * len(df)
    starts, ends = df["date_start"].dt.strftime("%Y-%m-%d").tolist(), df["date_end"].dt.strftime("%Y-%m-%d").tolist()
    dead = df["fatalities"].astype(object).where(df["fatalities"].notna(), None).tolist()
    out = []
    # Plain lists: iterating pandas' Arrow-backed columns element by element costs ten times more.
    for a1, a2, kind, label, acled, quad, context, when, precision, start, end, sentence, source, n, killed in zip(
            *(df[c].tolist() for c in ("actor1_name", "actor2_name", "event_type", "type_label", "acled_type",
                                       "quad_class", "context", "date_text", "date_precision")), starts, ends,
            df["sentence"].tolist(), df["source"].tolist(), sources, dead):
        who = html.escape(a1 or "(no actor)") + (" → " + html.escape(a2) if a2 else "")
        written = html.escape(when) if when else "no date expression"
        span = "undated" if not isinstance(start, str) else f"{start} – {end}" if end != start else start
        context = f" · <i>{context}</i>" if context else ""
        reported = f" · reported by {int(n)} sources" if pd.notna(n) and n > 1 else ""
        what = f"{html.escape(kind)} · {html.escape(label)}" + (f" · ACLED: {html.escape(acled)}" if acled else "")
        killed = f" · <b>{killed} killed</b>" if killed is not None else ""
        out.append(f"<b>{who}</b><br>{what} ({quad_label(quad)}){context}{killed}<br>“{written}” · {precision} · {span}<br>"
                   f"{hover_text(sentence)}<br><span style='color:#888'>{html.escape(source or '')}{reported}</span>")
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
    row = np.full(len(counts), len(names) - 1, dtype=int)
    row[order] = np.arange(len(order))
    return names, row[codes]


def _type_lane_names(names: list[str]) -> list[str]:
    """"CONSULT" -> "CONSULT · Meet or talk": the type's plain words (data/event_types.csv)."""
    table = event_types()
    return [f"{n} · {table.label(n)}" if n in table.types else n for n in names]


def timeline_figure(df: pd.DataFrame, lanes: str = "actor", *, max_lanes: int = 24,
                    max_points: int = 3000) -> go.Figure:
    """Events on a time axis, one lane per actor or event type, coloured by QuadClass.

    A day is a dot; anything less precise (a month, a year, "since mid-2024") is a bar over the
    span it covers with a diamond on it, so no false point is drawn. Events on the same day of a
    lane stack up (the lane grows to fit them) and, past MAX_STACK, stand side by side within the
    day. Above ``max_points`` the figure shows counts per lane, day and QuadClass instead.
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
        dated = dated[wanted + ["event_id"] + [c for c in MARKED if c in df]].assign(hover=_hovers(dated) + _said(dated))
    long = _lanes(dated, lanes)
    aggregate = len(long) > max_points
    names, lane = _lane_rows(long["lane"], max_lanes, "actors" if lanes == "actor" else "types")
    if lanes == "type":
        names = _type_lane_names(names)
    window = _focus(long)
    if aggregate:
        heights = np.full(len(names), LANE_PX)
        long["y"] = lane * LANE_PX + LANE_PX / 2
        traces = _counts(long)
        title = f"{len(dated):,} events, counted per lane and period (filter to see single events)"
    else:
        traces, heights = _events(long, lane, len(names), window)
        title = None
    top = np.concatenate([[0], np.cumsum(heights)])
    # Dates go on top: with many lanes the bottom of the figure is below the fold. The y axis is
    # in pixels (its range is the lanes' total height), so a stack's pitch is the same in every lane.
    margin = dict(l=10, r=10, t=100 if title else 75, b=50)  # room for the tool bar above the dates
    return plain_figure(
        traces, height=max(320, int(top[-1]) + margin["t"] + margin["b"]), hovermode="closest",
        clickmode="event+select",
        title=dict(text=title, y=0.995, yanchor="top", font_size=13) if title else None, margin=margin,
        legend=dict(orientation="h", yanchor="top", y=-0.01, x=0, title_text="QuadClass"),
        yaxis=dict(tickvals=list((top[:-1] + top[1:]) / 2), ticktext=[html.escape(t) for t in names],
                   range=[float(top[-1]), 0.0], showgrid=False, zeroline=False, fixedrange=True,
                   minor=dict(tickmode="array", tickvals=list(top[1:-1]), showgrid=True, gridcolor="#eee",
                              ticks="")),  # the lines between lanes
        xaxis=dict(type="date", side="top", showgrid=True, gridcolor="#f0f0f0", range=window,
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
    low, high = min(low, high), max(low, high)  # with two days, "higher" and "lower" pick them crosswise
    pad = max((high - low) * 0.08, pd.Timedelta(days=2))
    full_low, full_high = long["date_start"].min(), long.get("date_end", long["date_start"]).max()
    if low - pad <= full_low and high + pad >= full_high and full_high - full_low >= pd.Timedelta(days=1):
        return None
    return [low - pad, high + pad + pd.Timedelta(days=1)]


def _stacks(lane: np.ndarray, x: np.ndarray, n_lanes: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Markers at the same lane and time, placed so each can be clicked: up to MAX_STACK rows,
    PITCH_PX apart, then side by side within the day. Returns each marker's row offset from its
    lane's middle (px), its shift in time (a fraction of a day), and each lane's height (px)."""
    times, when = np.unique(x, return_inverse=True)
    stack = lane.astype(np.int64) * len(times) + when.ravel()
    # Each marker's rank in its stack, in the order given: positions after a stable sort, less the
    # position where its stack starts. (NumPy on a few thousand markers; pandas' groupby cost 10x.)
    order = np.argsort(stack, kind="stable")
    ordered = stack[order]
    first = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    sizes = np.diff(np.r_[first, len(ordered)])
    rank, size = np.empty(len(stack), dtype=np.int64), np.empty(len(stack), dtype=np.int64)
    rank[order] = np.arange(len(ordered)) - np.repeat(first, sizes)
    size[order] = np.repeat(sizes, sizes)
    column, row = np.divmod(rank, MAX_STACK)
    in_column = np.minimum(size - column * MAX_STACK, MAX_STACK)  # the last column may be shorter
    offset = (row - (in_column - 1) / 2) * PITCH_PX
    shift = column / np.ceil(size / MAX_STACK)
    rows = np.zeros(n_lanes, dtype=np.int64)
    np.maximum.at(rows, lane, np.minimum(size, MAX_STACK))
    return offset, shift, np.maximum(LANE_PX, rows * PITCH_PX + LANE_PX - PITCH_PX)


def _events(long: pd.DataFrame, lane: np.ndarray, n_lanes: int,
            window: list[pd.Timestamp] | None) -> tuple[list[dict], np.ndarray]:
    """Marker traces (one per QuadClass and symbol) and bar traces for spans; and the lane heights."""
    # Columns as NumPy arrays: plotly converts each pandas Series it is given on its own, slowly.
    start, last = long["date_start"].to_numpy(), long["date_end"].to_numpy()
    span = last > start
    end = last + np.timedelta64(1, "D")  # the span covers its last day too: draw it to the end of date_end
    # A span's diamond sits in the middle of the part of it the window shows, so a bar that runs off
    # the window's edge still has its diamond (the click target) in view.
    low, high = start, end
    if window is not None:
        low = np.maximum(start, np.datetime64(window[0], "ns"))
        high = np.minimum(end, np.datetime64(window[1], "ns"))
        low, high = np.where(low < high, low, start), np.where(low < high, high, end)
    x = np.where(span, low + (high - low) / 2, start)
    offset, shift, heights = _stacks(lane, x, n_lanes)
    x = x + (shift * 86_400e9).astype("timedelta64[ns]")
    top = np.concatenate([[0], np.cumsum(heights)])
    y = (top[lane] + heights[lane] / 2 + offset).astype(float)
    quad, ids, hover = long["quad_class"].to_numpy(), long["event_id"].to_numpy(), long["hover"].to_numpy()
    shapes = np.where(span, "diamond", "circle") + np.where(long["role"].to_numpy() == "acts", "", "-open")
    for column, values in MARKED.items():
        if column in long:
            shapes = np.where(long[column].isin(values).to_numpy(), np.char.add(shapes, "-dot"), shapes)
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
    traces.extend(_disputed_rings(long, x, y, scatter))
    return traces, heights


DISPUTED_COLOUR = "#6a1b9a"


def _said(df: pd.DataFrame) -> np.ndarray:
    """Hover lines for who says so: '⚠ disputed: claimed by …, denied by …', 'claimed by …'."""
    if "attribution" not in df:
        return np.full(len(df), "", dtype=object)
    out = []
    for attribution, claimed, denied in zip(df["attribution"].tolist(), df["claimed_by"].tolist(), df["denied_by"].tolist()):
        if attribution == "disputed":
            out.append(f"<br><b>⚠ disputed</b>: claimed by {html.escape(claimed or 'the outlet')}, denied by {html.escape(denied)}")
        elif attribution == "claimed":
            out.append(f"<br>claimed by {html.escape(claimed or 'unnamed sources')}")
        elif attribution == "denied":
            out.append(f"<br>denied by {html.escape(denied)}")
        else:
            out.append("")
    return np.array(out, dtype=object)


def _disputed_rings(long: pd.DataFrame, x: np.ndarray, y: np.ndarray, scatter: str) -> list[dict]:
    """A ring around every disputed event: one side claims it, another denies it."""
    if "attribution" not in long:
        return []
    disputed = (long["attribution"] == "disputed").to_numpy()
    if not disputed.any():
        return []
    return [dict(type=scatter, x=x[disputed], y=y[disputed], mode="markers", name="⚠ disputed",
                 customdata=long["event_id"].to_numpy()[disputed], hovertext=long["hover"].to_numpy()[disputed],
                 hoverinfo="text", marker=dict(symbol="circle-open", size=19, color=DISPUTED_COLOUR,
                                               line=dict(width=2.5, color=DISPUTED_COLOUR)))]


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
    return [dict(type="scattergl", x=part["date_start"].to_numpy(),
                 y=(part["y"] + (q - 2.5) * 0.12 * LANE_PX).to_numpy(),
                 mode="markers", name=quad_label(q), customdata=part["n"].to_numpy(),
                 marker=dict(color=QUAD_COLOURS.get(q, QUAD_COLOURS[0]), opacity=0.7,
                             size=(4 + 18 * np.sqrt(part["n"] / biggest)).to_numpy()),
                 hovertemplate=f"%{{customdata}} events, {unit} %{{x|%Y-%m-%d}}<extra></extra>")
            for q, part in counts.groupby("quad_class")]


# The bar chart's periods, by how long the events run: (longest span, numpy unit, name).
PERIODS = ((pd.Timedelta(days=120), "D", "day"), (pd.Timedelta(days=3 * 366), "W", "week"),
           (pd.Timedelta(days=30 * 366), "M", "month"), (None, "Y", "year"))


def _period_numbers(days: np.ndarray, unit: str) -> np.ndarray:
    """Each datetime64 day's period as a number: days, weeks (from a Monday; 1 January 1970, day 0,
    was a Thursday), months or years since 1970. Counting on these needs no sort."""
    if unit in ("D", "W"):
        whole = days.astype("datetime64[D]").astype(np.int64)
        return whole if unit == "D" else (whole + 3) // 7
    return days.astype(f"datetime64[{unit}]").astype(np.int64)


def _period_start(numbers: np.ndarray, unit: str) -> np.ndarray:
    """The first day of each numbered period, as datetime64[ns]."""
    if unit == "W":
        return (numbers * 7 - 3).astype("datetime64[D]").astype("datetime64[ns]")
    return numbers.astype(f"datetime64[{unit}]").astype("datetime64[ns]")


def _period_ticks(unit: str, length: pd.Timedelta) -> dict:
    """Ticks that name whole periods (days, not hours, under daily bars), at most about ten."""
    if unit == "D":
        return dict(tickformat="%d %b", dtick=86_400_000 * max(1, -(-length.days // 10)))
    return dict(tickformat={"W": "%d %b %Y", "M": "%b %Y", "Y": "%Y"}[unit])


def activity_figure(df: pd.DataFrame, window: tuple | None = None, *, height: int = 170) -> go.Figure:
    """Events per period (day, week, month or year, by how long the events run), stacked by
    QuadClass, over all the time they cover; ``window`` (the chosen date range) is shaded. An event
    dated more loosely than one period (a year among weeks) is left out of the bars, not put on the
    period its span starts in; the title says how many. Drag across the bars to choose a range:
    each bar carries its period's first and last day as ``customdata``."""
    dated = df["date_start"].notna().to_numpy()
    if not dated.any():
        return empty_figure("No dated events match the filters.", height=height)
    start, end = df["date_start"].to_numpy()[dated], df["date_end"].to_numpy()[dated]
    # The period suits the days events are dated to: a year-long span does not stretch the bars to years.
    days = start[start == end] if (start == end).any() else start
    unit, name = next((u, n) for most, u, n in PERIODS if most is None or pd.Timestamp(days.max()) - pd.Timestamp(days.min()) <= most)
    bins = _period_numbers(start, unit)
    fits = _period_numbers(end, unit) == bins
    quad = np.clip(df["quad_class"].to_numpy()[dated][fits], 0, 4)
    counted = bins[fits]
    first_bin = counted.min() if len(counted) else 0
    spread = int(counted.max() - first_bin + 1) if len(counted) else 0
    counts = np.bincount((counted - first_bin) * 5 + quad, minlength=5 * spread).reshape(-1, 5)
    used = np.flatnonzero(counts.sum(axis=1))
    counts, numbers = counts[used], used + first_bin
    periods, following = _period_start(numbers, unit), _period_start(numbers + 1, unit)
    middle, width = periods + (following - periods) / 2, (following - periods) / np.timedelta64(1, "ms")
    last_day = following - np.timedelta64(1, "D")
    label = (pd.DatetimeIndex(periods).strftime({"D": "%d %b %Y", "W": "week of %d %b %Y", "M": "%B %Y",
                                                  "Y": "%Y"}[unit]))
    custom = np.column_stack([np.datetime_as_string(periods, "D"), np.datetime_as_string(last_day, "D"), label])
    traces = [dict(type="bar", x=middle, y=counts[:, q], width=width, name=quad_label(q), customdata=custom,
                   marker=dict(color=QUAD_COLOURS[q], line_width=0),
                   hovertemplate=f"%{{customdata[2]}}: %{{y}} events, {quad_label(q)}<extra></extra>")
              for q in (4, 3, 2, 1, 0) if counts[:, q].any()]  # conflict at the bottom of each bar
    loose = int((~fits).sum())
    title = f"events per {name}" + (f" · not counted: {loose:,} dated more loosely than a {name}" if loose else "")
    shapes = []
    if window is not None:
        shapes.append(dict(type="rect", xref="x", yref="paper", x0=pd.Timestamp(window[0]),
                           x1=pd.Timestamp(window[1]) + pd.Timedelta(days=1), y0=0, y1=1, layer="below",
                           fillcolor="rgba(33,102,172,0.10)", line=dict(color="#2166ac", width=1)))
    pad = pd.Timedelta(days={"D": 1, "W": 7, "M": 31, "Y": 366}[unit])
    first, last = (pd.Timestamp(periods.min()), pd.Timestamp(following.max())) if len(periods) else (
        pd.Timestamp(start.min()), pd.Timestamp(end.max()))
    return plain_figure(
        traces, height=height, barmode="stack", bargap=0, showlegend=False, dragmode="select",
        selectdirection="h", hovermode="closest", shapes=shapes, margin=dict(l=10, r=10, t=24, b=24),
        title=dict(text=title, x=0, xanchor="left", y=0.99, yanchor="top", font=dict(size=12, color="#666")),
        xaxis=dict(type="date", range=[first - pad, last + pad], showgrid=False, **_period_ticks(unit, last - first)),
        yaxis=dict(fixedrange=True, showgrid=True, gridcolor="#f0f0f0", rangemode="tozero", nticks=4))


def padded_range(values: list[float], pad: float = 0.18, least: float = 0.5) -> list[float]:
    """An axis range around ``values``, at least ``least`` wide, so one point is not zoomed into."""
    low, high = min(values), max(values)
    extra = max(high - low, least) * pad
    middle, half = (low + high) / 2, max(high - low, least) / 2
    return [middle - half - extra, middle + half + extra]
