"""Analyst edits: correct an event's type, date or actors, delete a false event, merge two actors.

Edits are kept as a log (``edits`` table: id, timestamp, action, event_id, field, value, the
value it replaced, when undone) and applied to the extracted events each time they are read,
never written into them. So an edit survives re-extraction of its article: the event comes back
with the same stable ``event_id`` and the edit applies again. Undo marks an edit undone; the log
keeps it. ``Curation`` is mixed into ``timeline.store.store.Store``.
"""
from __future__ import annotations

import calendar
import json
import logging
import re
from datetime import date, datetime, timezone
from typing import Any

import pandas as pd

from timeline.extract.ontology import EVENT_TYPES, QUAD_CLASS

log = logging.getLogger(__name__)

DATE_FIELDS = ("date_start", "date_end", "date_precision", "date_value", "date_mod", "date_basis")
EDITABLE = ("event_type", "date", "actor1", "actor2", "context", "location")
FIELD_ALIASES = {"type": "event_type"}
CONTEXTS = ("", "future", "hypothetical", "negated", "historical")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class EditError(ValueError):
    """An edit that cannot be made, saying what would be valid."""


def parse_date(value: Any) -> dict[str, Any]:
    """An analyst's date: "2025-03-13", "2025-03", "2025", a date, or a dict with date_start,
    optional date_end and date_precision. Returns the DATE_FIELDS values it sets."""
    if isinstance(value, date):
        value = value.isoformat()
    if isinstance(value, dict):
        try:
            start = date.fromisoformat(str(value["date_start"])[:10])
            end = date.fromisoformat(str(value.get("date_end") or start)[:10])
        except (KeyError, ValueError) as exc:
            raise EditError(f"a date range needs ISO date_start (and date_end): {value!r}") from exc
        if end < start:
            raise EditError(f"date_end {end} is before date_start {start}")
        precision = value.get("date_precision") or ("day" if start == end else "range")
        text = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
        return _date_values(start, end, precision, value.get("date_value") or text)
    match = _ISO.match(str(value).strip())
    if not match:
        raise EditError(f"a date is YYYY-MM-DD, YYYY-MM, YYYY or a range dict, not {value!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day:
            start = end = date(year, month, day)
            precision = "day"
        elif month:
            start = date(year, month, 1)
            end = date(year, month, calendar.monthrange(year, month)[1])
            precision = "month"
        else:
            start, end, precision = date(year, 1, 1), date(year, 12, 31), "year"
    except ValueError as exc:
        raise EditError(f"{value!r} is not a calendar date: {exc}") from exc
    return _date_values(start, end, precision, match.group(0))


def _date_values(start: date, end: date, precision: str, value: str) -> dict[str, Any]:
    return {"date_start": start.isoformat(), "date_end": end.isoformat(), "date_precision": precision,
            "date_value": value, "date_mod": "", "date_basis": "explicit"}


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Curation:
    """Edit methods of the store; they need ``_tx``, ``_connect``, ``_writable`` and ``recluster``."""

    def edit_event(self, event_id: str, field: str, value: Any) -> int:
        """Correct one field of an event; returns the edit id (for ``undo``).

        ``field``: event_type (or "type"), one of EVENT_TYPES (quad_class follows); date, see ``parse_date``;
        actor1 / actor2 — an actor id or {"id", "name"} ("" clears actor2); context; location.
        """
        self._writable()
        field = FIELD_ALIASES.get(field, field)
        if field not in EDITABLE:
            raise EditError(f"cannot edit {field!r}; editable fields: {', '.join(EDITABLE)} (and 'type')")
        current = self._event_row(event_id)
        if field == "event_type":
            value = str(value).upper()
            if value not in EVENT_TYPES:
                raise EditError(f"unknown event type {value!r}; valid types: {', '.join(EVENT_TYPES)}")
            previous: Any = current["event_type"]
        elif field == "date":
            value = parse_date(value)
            previous = {k: _plain(current[k]) for k in DATE_FIELDS}
        elif field in ("actor1", "actor2"):
            value = self._actor_value(field, value)
            previous = {"id": current[field], "name": current[f"{field}_name"]}
        elif field == "context":
            if value not in CONTEXTS:
                raise EditError(f"unknown context {value!r}; valid: {', '.join(repr(c) for c in CONTEXTS)}")
            previous = current["context"]
        else:
            value, previous = str(value), current[field]
        return self._log_edit("edit", event_id, field, value, previous)

    def delete_event(self, event_id: str) -> int:
        """Mark an event false: it leaves every view and export until the edit is undone."""
        self._writable()
        self._event_row(event_id)
        return self._log_edit("delete", event_id, None, None, None)

    def merge_actors(self, keep_id: str, alias_id: str) -> int:
        """Make ``alias_id`` an alias of ``keep_id``: its events show keep_id and keep's name."""
        self._writable()
        if keep_id == alias_id:
            raise EditError("an actor cannot be merged into itself")
        known = set(self.actors()["id"])
        for actor in (keep_id, alias_id):
            if actor not in known:
                raise EditError(f"unknown actor {actor!r}; see Store.actors() for the ids")
        return self._log_edit("merge_actors", None, alias_id, keep_id, None)

    def undo(self, edit_id: int) -> None:
        """Undo an edit; the log keeps it, marked with when it was undone."""
        self._writable()
        with self._tx() as con:
            row = con.execute("SELECT undone_at FROM edits WHERE edit_id = ?", [edit_id]).fetchone()
            if row is None:
                raise EditError(f"no edit {edit_id}")
            if row[0] is not None:
                raise EditError(f"edit {edit_id} was already undone at {row[0]}")
            con.execute("UPDATE edits SET undone_at = ? WHERE edit_id = ?", [_now(), edit_id])
            con.execute("UPDATE meta SET value = '1' WHERE key = 'clusters_stale'")
        self.recluster()

    def edits(self) -> pd.DataFrame:
        """The edit log, oldest first: edit_id, edited_at (UTC), action, event_id, field, value, previous, undone_at."""
        with self._connect() as con:
            return con.execute("SELECT * FROM edits ORDER BY edit_id").df()

    # -- internals ---------------------------------------------------------------------------
    def _event_row(self, event_id: str) -> dict[str, Any]:
        events = self.events(clustered=False)
        match = events[events["event_id"] == event_id]
        if match.empty:
            raise EditError(f"no event {event_id!r} (deleted events must be restored with undo first)")
        return match.iloc[0].to_dict()

    def _actor_value(self, field: str, value: Any) -> dict[str, str]:
        if isinstance(value, dict):
            actor_id, name = str(value.get("id", "")), str(value.get("name") or "")
        else:
            actor_id, name = str(value or ""), ""
        if not actor_id:
            if field == "actor1":
                raise EditError("actor1 (who acts) cannot be empty")
            return {"id": "", "name": ""}
        if not name:
            actors = self.actors()
            known = actors[actors["id"] == actor_id]
            if known.empty:
                raise EditError(f"unknown actor {actor_id!r}: give {{'id': ..., 'name': ...}} for a new one")
            name = str(known.iloc[0]["name"])
        return {"id": actor_id, "name": name}

    def _log_edit(self, action: str, event_id: str | None, field: str | None, value: Any, previous: Any) -> int:
        with self._tx() as con:
            edit_id = con.execute("SELECT coalesce(max(edit_id), 0) + 1 FROM edits").fetchone()[0]
            con.execute("INSERT INTO edits (edit_id, edited_at, action, event_id, field, value, previous) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [edit_id, _now(), action, event_id, field, json.dumps(value), json.dumps(previous)])
            con.execute("UPDATE meta SET value = '1' WHERE key = 'clusters_stale'")
        log.info("edit %s: %s %s %s = %s", edit_id, action, event_id or "", field or "", value)
        self.recluster()
        return int(edit_id)

    @staticmethod
    def _active_edits(con) -> list[dict[str, Any]]:
        rows = con.execute("SELECT edit_id, action, event_id, field, value FROM edits "
                           "WHERE undone_at IS NULL ORDER BY edit_id").fetchall()
        return [{"edit_id": r[0], "action": r[1], "event_id": r[2], "field": r[3],
                 "value": json.loads(r[4]) if r[4] else None} for r in rows]


def _plain(value: Any) -> Any:
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat()
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    return value


def apply_edits(events: pd.DataFrame, edits: list[dict[str, Any]]) -> pd.DataFrame:
    """The events with the active edits applied in order; deleted events dropped; column ``edited``.

    Actor merges are recorded in ``frame.attrs["aliases"]`` ({alias_id: (keep_id, alias_name)})
    for the actors table.
    """
    frame = events.copy()
    frame["edited"] = False
    frame.attrs["aliases"] = {}
    if not edits or frame.empty:
        return frame
    notes: dict[str, list[str]] = {}
    index = pd.Series(frame.index, index=frame["event_id"])
    deleted: set[str] = set()
    for edit in edits:
        if edit["action"] == "merge_actors":
            _merge(frame, edit["field"], edit["value"], notes, edit["edit_id"])
            continue
        event_id = edit["event_id"]
        if event_id not in index.index:
            continue  # its article is gone or was re-extracted without it; the edit waits in the log
        row = index[event_id]
        if edit["action"] == "delete":
            deleted.add(event_id)
        elif edit["field"] == "date":
            for column in DATE_FIELDS:
                new = edit["value"][column]
                frame.at[row, column] = pd.Timestamp(new) if column in ("date_start", "date_end") else new
        elif edit["field"] == "event_type":
            frame.at[row, "event_type"] = edit["value"]
            frame.at[row, "quad_class"] = QUAD_CLASS[edit["value"]]
        elif edit["field"] in ("actor1", "actor2"):
            frame.at[row, edit["field"]] = edit["value"]["id"]
            frame.at[row, f"{edit['field']}_name"] = edit["value"]["name"]
        else:
            frame.at[row, edit["field"]] = edit["value"]
        notes.setdefault(event_id, []).append(f"{edit['action']} {edit['field'] or ''}".strip()
                                              + f" (edit {edit['edit_id']})")
    for event_id, what in notes.items():
        if event_id in index.index:
            row = index[event_id]
            frame.at[row, "edited"] = True
            frame.at[row, "reason"] = f"{frame.at[row, 'reason']}; analyst: {', '.join(what)}"
    return frame[~frame["event_id"].isin(deleted)].reset_index(drop=True)


def _merge(frame: pd.DataFrame, alias: str, keep: str, notes: dict[str, list[str]], edit_id: int) -> None:
    names = pd.concat([frame.loc[frame["actor1"] == keep, "actor1_name"], frame.loc[frame["actor2"] == keep, "actor2_name"]])
    alias_names = pd.concat([frame.loc[frame["actor1"] == alias, "actor1_name"],
                             frame.loc[frame["actor2"] == alias, "actor2_name"]])
    keep_name = names.iloc[0] if len(names) else keep
    frame.attrs["aliases"][alias] = (keep, alias_names.iloc[0] if len(alias_names) else alias)
    for side in ("actor1", "actor2"):
        hit = frame[side] == alias
        frame.loc[hit, side] = keep
        frame.loc[hit, f"{side}_name"] = keep_name
        for event_id in frame.loc[hit, "event_id"]:
            notes.setdefault(event_id, []).append(f"merged actor {alias} into {keep} (edit {edit_id})")
