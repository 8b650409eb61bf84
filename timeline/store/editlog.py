"""The analysts' edit log read back: applied to the extracted events, and told in words.

``apply_edits`` gives the events as the analysts corrected them (the store calls it on every read);
``describe`` says what one edit did, for undo messages and the log an analyst reads ("type of
“Vladimir Putin · CONSULT, 2025-03-13” (all 3 reports): CONSULT → COERCE — by Ann: wrong type").
"""
from __future__ import annotations

import json
import re
from typing import Any, Mapping

import pandas as pd

from timeline.extract.ontology import QUAD_CLASS

DATE_FIELDS = ("date_start", "date_end", "date_precision", "date_value", "date_mod", "date_basis")
EDITABLE = ("event_type", "date", "actor1", "actor2", "context", "location")
FIELD_ALIASES = {"type": "event_type", "place": "location"}
FIELD_WORDS = {"event_type": "type", "date": "date", "actor1": "actor 1", "actor2": "actor 2",
               "context": "context", "location": "place"}
CONTEXTS = ("", "future", "hypothetical", "negated", "historical")
_SPACES = re.compile(r"\s+")


def describe(edit: Mapping[str, Any]) -> str:
    """One edit of the log in words: what changed, on which event, from what to what, by whom and why."""
    action, field = edit.get("action"), edit.get("field") or ""
    value, previous = _loads(edit.get("value")), _loads(edit.get("previous"))
    subject = edit.get("subject") or edit.get("event_id") or ""
    if action == "edit":
        text = (f"{FIELD_WORDS.get(field, field)} of “{subject}”: "
                f"{_shown(field, previous)} → {_shown(field, value)}")
    elif action == "delete":
        text = f"“{subject}” deleted as false"
    elif action == "merge_actors":
        text = f"actor {subject or f'{field} into {value}'} merged"
    elif action == "add_event":
        text = f"event “{subject}” added"
    elif action == "add_actor":
        text = f"actor {subject} added"
    else:
        text = f"{action} {field} {subject}".strip()
    members = _loads(edit.get("members")) or []
    if len(members) > 1:
        text += f" (all {len(members)} reports)"
    author, reason, note = (_text(edit.get(k)) for k in ("author", "reason", "note"))
    if author or reason:
        text += " — " + ", ".join(filter(None, (f"by {author}" if author else "", reason)))
    return text + (f". Note: {note}" if note else "")


def _loads(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _shown(field: str, value: Any) -> str:
    if value is None:
        return "(none)"
    if field == "date":
        return f"{value.get('date_value') or 'undated'} ({value.get('date_precision') or 'unknown'})"
    if field in ("actor1", "actor2"):
        return value.get("name") or value.get("id") or "(none)"
    if field == "location" and isinstance(value, dict):
        return value.get("location") or "(none)"
    return str(value) if value != "" else "(none)"


def apply_edits(events: pd.DataFrame, edits: list[dict[str, Any]]) -> pd.DataFrame:
    """The events with the active edits applied in order; deleted events dropped; column ``edited``.

    An edit applies to the events listed in its ``members`` (a whole happening), else to its
    ``event_id``. Actor merges are recorded in ``frame.attrs["aliases"]`` ({alias_id: (keep_id,
    alias_name)}) and added actors in ``frame.attrs["added_actors"]``, for the actors table.
    """
    added = [e["value"] for e in edits if e["action"] == "add_event"]
    frame = pd.concat([events, _rows(added, events)], ignore_index=True) if added else events.copy()
    frame["edited"] = False
    frame.attrs["aliases"] = {}
    frame.attrs["added_actors"] = []
    if not edits or frame.empty:
        return frame
    notes: dict[str, list[str]] = {}
    index = pd.Series(frame.index, index=frame["event_id"])
    deleted: set[str] = set()
    for edit in edits:
        if edit["action"] == "merge_actors":
            _merge(frame, edit["field"], edit["value"], notes, edit["edit_id"])
            continue
        if edit["action"] == "add_actor":
            frame.attrs["added_actors"].append(edit["value"])
            _adopt_provisional(frame, edit["value"], notes, edit["edit_id"])
            continue
        # an event whose article is gone, or was re-extracted without it: the edit waits in the log
        for event_id in [e for e in edit.get("members") or [edit["event_id"]] if e in index.index]:
            _apply_one(frame, index[event_id], edit, deleted)
            notes.setdefault(event_id, []).append(f"{edit['action']} {edit['field'] or ''}".strip()
                                                  + f" (edit {edit['edit_id']})")
    for event_id, what in notes.items():
        if event_id in index.index:
            row = index[event_id]
            frame.at[row, "edited"] = True
            frame.at[row, "reason"] = f"{frame.at[row, 'reason']}; analyst: {', '.join(what)}"
    return frame[~frame["event_id"].isin(deleted)].reset_index(drop=True)


def _rows(added: list[dict[str, Any]], like: pd.DataFrame) -> pd.DataFrame:
    """Hand-added events as rows of the events frame (its columns, its date types)."""
    rows = pd.DataFrame(added).reindex(columns=like.columns)
    for column in ("published", "date_start", "date_end"):
        if column in rows:
            rows[column] = pd.to_datetime(rows[column])
    return rows


def _apply_one(frame: pd.DataFrame, row: int, edit: dict[str, Any], deleted: set[str]) -> None:
    field, value = edit["field"], edit["value"]
    if edit["action"] == "delete":
        deleted.add(frame.at[row, "event_id"])
    elif edit["action"] == "add_event":
        return  # the row is in the frame already
    elif field == "date":
        for column in DATE_FIELDS:
            new = value[column]
            frame.at[row, column] = pd.Timestamp(new) if column in ("date_start", "date_end") else new
    elif field == "event_type":
        frame.at[row, "event_type"] = value
        frame.at[row, "quad_class"] = QUAD_CLASS[value]
    elif field in ("actor1", "actor2"):
        frame.at[row, field] = value["id"]
        frame.at[row, f"{field}_name"] = value["name"]
    elif field == "location" and isinstance(value, dict):
        frame.at[row, "location"] = value["location"]
        for column in ("lat", "lon"):
            frame.at[row, column] = float("nan") if value[column] is None else value[column]
    else:  # context, and a place edit from before places had coordinates
        frame.at[row, field] = value


def _key(name: Any) -> str:
    return _SPACES.sub(" ", str(name or "").strip().lower())


def _adopt_provisional(frame: pd.DataFrame, actor: dict[str, Any], notes: dict[str, list[str]], edit_id: int) -> None:
    """Events whose provisional actor (a ``new:`` id) goes by the added actor's name or an alias take it."""
    names = {_key(n) for n in (actor["name"], *actor.get("aliases", ()))}
    for side in ("actor1", "actor2"):
        hit = frame[side].fillna("").astype(str).str.startswith("new:") & frame[f"{side}_name"].map(_key).isin(names)
        if hit.any():
            frame.loc[hit, side] = actor["id"]
            frame.loc[hit, f"{side}_name"] = actor["name"]
            for event_id in frame.loc[hit, "event_id"]:
                notes.setdefault(event_id, []).append(f"actor {actor['id']} added (edit {edit_id})")


def _merge(frame: pd.DataFrame, alias: str, keep: str, notes: dict[str, list[str]], edit_id: int) -> None:
    names = pd.concat([frame.loc[frame["actor1"] == keep, "actor1_name"], frame.loc[frame["actor2"] == keep, "actor2_name"]])
    alias_names = pd.concat([frame.loc[frame["actor1"] == alias, "actor1_name"],
                             frame.loc[frame["actor2"] == alias, "actor2_name"]])
    added = {a["id"]: a["name"] for a in frame.attrs["added_actors"]}
    keep_name = names.iloc[0] if len(names) else added.get(keep, keep)
    frame.attrs["aliases"][alias] = (keep, alias_names.iloc[0] if len(alias_names) else alias)
    for side in ("actor1", "actor2"):
        hit = frame[side] == alias
        frame.loc[hit, side] = keep
        frame.loc[hit, f"{side}_name"] = keep_name
        for event_id in frame.loc[hit, "event_id"]:
            notes.setdefault(event_id, []).append(f"merged actor {alias} into {keep} (edit {edit_id})")
