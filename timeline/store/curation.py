"""Analyst edits, kept like a notebook: correct an event's type, date, actors, place or context, delete
a false event, merge two actors, add an event by hand from a sentence of an article, add an actor.

Edits are kept as a log (``edits`` table: id, timestamp, action, event_id, field, value, the value it
replaced, when undone; who made it, the reason, a note; the events it applies to; a readable subject)
and applied to the extracted events each time they are read, never written into them. So an edit
survives re-extraction of its article: the event comes back with the same stable ``event_id`` and the
edit applies again. A correction applies to the happening — every report in the event's cluster —
unless the analyst asks for one report only (``scope="report"``). Undo marks an edit undone; the log
keeps it. ``Curation`` is mixed into ``timeline.store.store.Store``; ``timeline.store.editlog`` applies
and describes the log.
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
from timeline.schema import Event, event_id as make_event_id
from timeline.store.editlog import DATE_FIELDS, CONTEXTS, EDITABLE, FIELD_ALIASES, describe

log = logging.getLogger(__name__)

SCOPES = ("happening", "report")
ACTOR_KINDS = ("person", "country", "organization", "group")
# Why an analyst corrects: a short list that makes the log countable (which errors does the extractor
# make?), with "other" and the free note for the rest.
REASONS = ("", "wrong type", "wrong date", "wrong actor", "wrong place", "not an event", "missed by the extractor",
           "new actor", "source corrected", "other")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_QID = re.compile(r"^Q[1-9]\d*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


class EditError(ValueError):
    """An edit that cannot be made, saying what would be valid."""


def parse_date(value: Any) -> dict[str, Any]:
    """An analyst's date: "2025-03-13", "2025-03", "2025", a range "2025-03-10/2025-03-12" (either side
    any of those: "2024-06/2024-09" runs from 1 June to 30 September), a date, or a dict with
    date_start, optional date_end and date_precision. Returns the DATE_FIELDS values it sets."""
    if isinstance(value, date):
        value = value.isoformat()
    if isinstance(value, dict):
        try:
            start = date.fromisoformat(str(value["date_start"])[:10])
            end = date.fromisoformat(str(value.get("date_end") or start)[:10])
        except (KeyError, ValueError) as exc:
            raise EditError(f"a date range needs ISO date_start (and date_end): {value!r}") from exc
        return _range(start, end, value.get("date_precision"), value.get("date_value"))
    text = str(value).strip()
    if "/" in text:
        first, _, last = text.partition("/")
        (start, _, _), (_, end, _) = _calendar_span(first.strip()), _calendar_span(last.strip())
        return _range(start, end, None, text)
    start, end, precision = _calendar_span(text)
    return _date_values(start, end, precision, text)


def _calendar_span(text: str) -> tuple[date, date, str]:
    match = _ISO.match(text)
    if not match:
        raise EditError(f"a date is YYYY-MM-DD, YYYY-MM, YYYY or a range FROM/TO of those, not {text!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day:
            return date(year, month, day), date(year, month, day), "day"
        if month:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
        return date(year, 1, 1), date(year, 12, 31), "year"
    except ValueError as exc:
        raise EditError(f"{text!r} is not a calendar date: {exc}") from exc


def _range(start: date, end: date, precision: str | None, value: str | None) -> dict[str, Any]:
    if end < start:
        raise EditError(f"the range ends ({end}) before it starts ({start})")
    text = start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"
    return _date_values(start, end, precision or ("day" if start == end else "range"), value or text)


def _date_values(start: date, end: date, precision: str, value: str) -> dict[str, Any]:
    return {"date_start": start.isoformat(), "date_end": end.isoformat(), "date_precision": precision,
            "date_value": value, "date_mod": "", "date_basis": "explicit"}


def parse_place(value: Any) -> dict[str, Any]:
    """An analyst's place: a name the offline gazetteer knows ("Minsk", "Kursk region"), or a dict
    {"location", "lat", "lon"} for one it does not; "" clears the place."""
    if isinstance(value, dict):
        name = str(value.get("location") or "").strip()
        lat, lon = value.get("lat"), value.get("lon")
    else:
        name, lat, lon = str(value or "").strip(), None, None
    if not name:
        return {"location": "", "lat": None, "lon": None}
    if lat is None or lon is None or pd.isna(lat) or pd.isna(lon):
        from timeline.extract.geo import locate  # the gazetteer loads on first use (about a second)

        place = locate(name)
        if place is None:
            raise EditError(f"{name!r} is not in the offline gazetteer: give its latitude and longitude")
        lat, lon = place.lat, place.lon
    lat, lon = float(lat), float(lon)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise EditError(f"latitude {lat} / longitude {lon} is not a point on Earth")
    return {"location": name, "lat": lat, "lon": lon}


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Curation:
    """Edit methods of the store; they need ``_tx``, ``_connect``, ``_writable``, ``recluster``, ``events``,
    ``actors`` and ``article``. Every method takes the analyst's ``author``, ``reason`` and ``note``."""

    def edit_event(self, event_id: str, field: str, value: Any, *, scope: str = "happening", author: str = "",
                   reason: str = "", note: str = "") -> int:
        """Correct one field of an event (and, with scope "happening", of every report of the same
        happening); returns the edit id (for ``undo``).

        ``field``: event_type (or "type"), one of EVENT_TYPES (quad_class follows); date, see ``parse_date``;
        actor1 / actor2 — an actor id or {"id", "name"} ("" clears actor2); context; location, see
        ``parse_place``.
        """
        self._writable()
        field = FIELD_ALIASES.get(field, field)
        if field not in EDITABLE:
            raise EditError(f"cannot edit {field!r}; editable fields: {', '.join(EDITABLE)} (and 'type')")
        current, members = self._target(event_id, scope)
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
            value = parse_place(value)
            previous = {k: _plain(current[k]) for k in ("location", "lat", "lon")}
        return self._log_edit("edit", event_id, field, value, previous, members=members, subject=_subject(current),
                              author=author, reason=reason, note=note)

    def delete_event(self, event_id: str, *, scope: str = "happening", author: str = "", reason: str = "",
                     note: str = "") -> int:
        """Mark an event false (with scope "happening", every report of it): it leaves every view and
        export until the edit is undone."""
        self._writable()
        current, members = self._target(event_id, scope)
        return self._log_edit("delete", event_id, None, None, None, members=members, subject=_subject(current),
                              author=author, reason=reason, note=note)

    def merge_actors(self, keep_id: str, alias_id: str, *, author: str = "", reason: str = "", note: str = "") -> int:
        """Make ``alias_id`` an alias of ``keep_id``: its events show keep_id and keep's name."""
        self._writable()
        if keep_id == alias_id:
            raise EditError("an actor cannot be merged into itself")
        actors = self.actors().set_index("id")
        for actor in (keep_id, alias_id):
            if actor not in actors.index:
                raise EditError(f"unknown actor {actor!r}; see Store.actors() for the ids")
        subject = f"{actors.loc[alias_id, 'name']} into {actors.loc[keep_id, 'name']}"
        return self._log_edit("merge_actors", None, alias_id, keep_id, None, subject=subject, author=author,
                              reason=reason, note=note)

    def add_actor(self, name: str, kind: str, *, qid: str = "", country: str = "", aliases: tuple[str, ...] = (),
                  role: str = "", author: str = "", reason: str = "", note: str = "") -> str:
        """Add an actor to the store's actor table; returns its id (the Wikidata QID when given, else
        ``ct:`` and a slug of the name). Events whose provisional actor (``new:…``, a name the actor
        table did not know) carries the name or one of the aliases take the new actor, in articles
        stored before and after."""
        self._writable()
        name, qid, country = name.strip(), qid.strip().upper(), country.strip().upper()
        if not name:
            raise EditError("an actor needs a name")
        if kind not in ACTOR_KINDS:
            raise EditError(f"unknown actor kind {kind!r}; valid: {', '.join(ACTOR_KINDS)}")
        if qid and not _QID.match(qid):
            raise EditError(f"{qid!r} is not a Wikidata id (Q followed by digits, e.g. Q7747)")
        if country and not _ISO3.match(country):
            raise EditError(f"{country!r} is not an ISO 3166-1 alpha-3 country code (e.g. UKR)")
        actor_id = qid or "ct:" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        known = self.actors().set_index("id")
        if actor_id in known.index:
            raise EditError(f"the actor table already has {actor_id} ({known.loc[actor_id, 'name']})")
        value = {"id": actor_id, "name": name, "kind": kind, "country": country, "role": role.strip(),
                 "aliases": [a.strip() for a in aliases if a.strip()]}
        self._log_edit("add_actor", None, actor_id, value, None, subject=f"{name} ({actor_id})", author=author,
                       reason=reason, note=note)
        return actor_id

    def add_event(self, article_id: str, sent_start: int, sent_end: int, *, actor1: Any, event_type: str,
                  actor2: Any = "", date: Any = None, location: Any = "", context: str = "", author: str = "",
                  reason: str = "", note: str = "") -> str:
        """Add an event by hand from the sentence ``text[sent_start:sent_end]`` of a stored article (one
        the extractor missed); returns its event id. Kept in the log like any edit: undo takes it away."""
        self._writable()
        article = self.article(article_id)
        if article is None:
            raise EditError(f"no article {article_id!r}")
        if not 0 <= sent_start < sent_end <= len(article.text):
            raise EditError(f"{sent_start}–{sent_end} is not a span of article {article_id} "
                            f"({len(article.text)} characters)")
        event_type = str(event_type).upper()
        if event_type not in EVENT_TYPES:
            raise EditError(f"unknown event type {event_type!r}; valid types: {', '.join(EVENT_TYPES)}")
        if context not in CONTEXTS:
            raise EditError(f"unknown context {context!r}; valid: {', '.join(repr(c) for c in CONTEXTS)}")
        a1, a2 = self._actor_value("actor1", actor1), self._actor_value("actor2", actor2)
        when = parse_date(date) if date else {"date_start": None, "date_end": None, "date_precision": "unknown",
                                              "date_value": "", "date_mod": "", "date_basis": "unknown"}
        place = parse_place(location)
        key = f"analyst {event_type} {a1['id']} {a2['id']}"
        new_id = make_event_id(article_id, sent_start, sent_end, key, 0)
        if new_id in set(self.events(clustered=False)["event_id"]):
            raise EditError(f"this event ({a1['name']} · {event_type} in that sentence) is already there")
        event = Event(
            event_id=new_id, article_id=article_id, source=article.source, url=article.url,
            published=article.published, date_text=str(date or ""), **when,
            actor1=a1["id"], actor1_name=a1["name"], actor1_text="", actor2=a2["id"], actor2_name=a2["name"],
            actor2_text="", event_type=event_type, mode="", quad_class=QUAD_CLASS[event_type], context=context,
            trigger="", sentence=article.text[sent_start:sent_end], sent_start=sent_start, sent_end=sent_end,
            quote=False, **place, confidence=1.0, reason=f"added by {author or 'an analyst'}"
            + (f": {reason}" if reason else ""))
        row = {k: _plain(v) for k, v in event.as_dict().items()}
        self._log_edit("add_event", new_id, None, row, None, subject=_subject(row), author=author, reason=reason,
                       note=note)
        return new_id

    def undo(self, edit_id: int) -> str:
        """Undo an edit; the log keeps it, marked with when it was undone. Returns what was undone, in words."""
        self._writable()
        with self._tx() as con:
            cursor = con.execute("SELECT * FROM edits WHERE edit_id = ?", [edit_id])
            rows = cursor.fetchall()
            if not rows:
                raise EditError(f"no edit {edit_id}")
            edit = dict(zip([d[0] for d in cursor.description], rows[0]))
            if edit["undone_at"] is not None:
                raise EditError(f"edit {edit_id} was already undone at {edit['undone_at']}")
            con.execute("UPDATE edits SET undone_at = ? WHERE edit_id = ?", [_now(), edit_id])
            con.execute("UPDATE meta SET value = '1' WHERE key = 'clusters_stale'")
        self.recluster()
        return describe(edit)

    def edits(self) -> pd.DataFrame:
        """The edit log, oldest first: edit_id, edited_at (UTC), action, event_id, field, value, previous,
        undone_at, members, subject, author, reason, note, and ``description`` (the edit in words)."""
        with self._connect() as con:
            log_rows = con.execute("SELECT * FROM edits ORDER BY edit_id").df()
        log_rows["description"] = [describe(row) for row in log_rows.to_dict("records")]
        return log_rows

    # -- internals ---------------------------------------------------------------------------
    def _target(self, event_id: str, scope: str) -> tuple[dict[str, Any], list[str] | None]:
        """The event as it is now, and the events an edit of it applies to (None: just this one)."""
        if scope not in SCOPES:
            raise EditError(f"unknown scope {scope!r}; valid: {', '.join(SCOPES)}")
        events = self.events(clustered=False)
        match = events[events["event_id"] == event_id]
        if match.empty:
            raise EditError(f"no event {event_id!r} (deleted events must be restored with undo first)")
        current = match.iloc[0].to_dict()
        if scope == "report" or not current.get("cluster_id"):
            return current, None
        members = sorted(events.loc[events["cluster_id"] == current["cluster_id"], "event_id"])
        return current, members if len(members) > 1 else None

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

    def _log_edit(self, action: str, event_id: str | None, field: str | None, value: Any, previous: Any, *,
                  members: list[str] | None = None, subject: str = "", author: str = "", reason: str = "",
                  note: str = "") -> int:
        with self._tx() as con:
            edit_id = con.execute("SELECT coalesce(max(edit_id), 0) + 1 FROM edits").fetchone()[0]
            con.execute("INSERT INTO edits (edit_id, edited_at, action, event_id, field, value, previous, members, "
                        "subject, author, reason, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [edit_id, _now(), action, event_id, field, json.dumps(value), json.dumps(previous),
                         json.dumps(members) if members else None, subject, author.strip(), reason.strip(),
                         note.strip()])
            con.execute("UPDATE meta SET value = '1' WHERE key = 'clusters_stale'")
        log.info("edit %s: %s %s %s = %s", edit_id, action, event_id or "", field or "", value)
        self.recluster()
        return int(edit_id)

    @staticmethod
    def _active_edits(con) -> list[dict[str, Any]]:
        # SELECT *: a read-only store file made by an older version has no members column
        cursor = con.execute("SELECT * FROM edits WHERE undone_at IS NULL ORDER BY edit_id")
        names = [d[0] for d in cursor.description]
        edits = [dict(zip(names, row)) for row in cursor.fetchall()]
        return [{"edit_id": e["edit_id"], "action": e["action"], "event_id": e["event_id"], "field": e["field"],
                 "value": json.loads(e["value"]) if e["value"] else None,
                 "members": json.loads(e["members"]) if e.get("members") else None} for e in edits]


def _subject(event: dict[str, Any]) -> str:
    """The event as the analyst saw it when editing: who, what, whom, when."""
    when = event.get("date_value") or "undated"
    whom = f" · {event['actor2_name']}" if event.get("actor2_name") else ""
    return f"{event.get('actor1_name') or '?'} · {event.get('event_type')}{whom}, {when}"


def _plain(value: Any) -> Any:
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    return value
