"""PLOVER event types in plain words, and the ACLED event type each is closest to.

The vocabulary is the table ``data/event_types.csv`` (an analyst reads and extends it); this module
reads it once and answers, per event type, mode and trigger: a label ("CONSULT" -> "Meet or talk")
and ACLED's event and sub-event type ("Explosions/Remote violence", "Shelling/artillery/missile
attack"), or none where ACLED codes no such event (a meeting, a statement). No spaCy here: browsing
a store uses it.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from timeline.extract.ontology import QUAD_CLASS
from timeline.schema import Record

EVENT_TYPES_CSV = Path(__file__).resolve().parents[2] / "data" / "event_types.csv"
ACLED_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments")
COLUMNS = ("event_type", "mode", "trigger", "label", "acled_event_type", "acled_sub_event_type")


class EventTypeTableError(ValueError):
    """A row of the event-type table that cannot be used: the file, the line and what is wrong."""


@dataclass(frozen=True)
class TypeRow(Record):
    event_type: str
    mode: str = ""
    trigger: str = ""
    label: str = ""
    acled_event_type: str = ""  # "" where ACLED codes no such event
    acled_sub_event_type: str = ""


class EventTypeTable:
    """The rows of the table, looked up by (event type, mode, trigger), the most specific first."""

    def __init__(self, rows: list[TypeRow]) -> None:
        self.rows = {(r.event_type, r.mode, r.trigger): r for r in rows}
        self.types = frozenset(r.event_type for r in rows)

    @classmethod
    def from_csv(cls, path: Path = EVENT_TYPES_CSV) -> EventTypeTable:
        rows = []
        with open(path, encoding="utf-8", newline="") as handle:
            lines = [(n, line) for n, line in enumerate(handle, 1) if not line.startswith("#")]
        reader = csv.DictReader(line for _, line in lines)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise EventTypeTableError(f"{path}: the header must be {','.join(COLUMNS)}, not {reader.fieldnames}")
        for (number, _), record in zip(lines[1:], reader):
            row = TypeRow(**{k: (record[k] or "").strip() for k in COLUMNS})
            where = f"{path}, line {number}"
            if row.event_type not in QUAD_CLASS:
                raise EventTypeTableError(f"{where}: {row.event_type!r} is not a PLOVER type; choose from {list(QUAD_CLASS)}")
            if row.acled_event_type and row.acled_event_type not in ACLED_EVENT_TYPES:
                raise EventTypeTableError(f"{where}: {row.acled_event_type!r} is not an ACLED event type; "
                                          f"choose from {list(ACLED_EVENT_TYPES)} or leave it empty")
            if not row.label:
                raise EventTypeTableError(f"{where}: the label is empty")
            rows.append(row)
        missing = [t for t in QUAD_CLASS if (t, "", "") not in {(r.event_type, r.mode, r.trigger) for r in rows}]
        if missing:
            raise EventTypeTableError(f"{path}: no row for {missing} (each PLOVER type needs one with mode and trigger empty)")
        return cls(rows)

    def lookup(self, event_type: str, mode: str = "", trigger: str = "") -> TypeRow:
        """The row for an event; a light-verb trigger ("launch attack") is matched by its last word.
        A type the table does not know (a correction's typo, a newer ontology) is its own label."""
        word = trigger.rsplit(" ", 1)[-1].lower() if trigger else ""
        for key in ((event_type, mode, word), (event_type, "", word), (event_type, mode, ""), (event_type, "", "")):
            if key in self.rows:
                return self.rows[key]
        return TypeRow(event_type, label=event_type or "(no type)")

    def label(self, event_type: str) -> str:
        """The plain words for a type as such, whatever its mode or trigger."""
        return self.lookup(event_type).label

    def annotate(self, df: pd.DataFrame) -> pd.DataFrame:
        """``df`` with ``type_label``, ``acled_type`` and ``acled_sub_type`` columns, looked up once
        per distinct (type, mode, trigger): a few hundred lookups for 100,000 events."""
        keys = df[["event_type", "mode", "trigger"]]
        codes, uniques = pd.MultiIndex.from_frame(keys).factorize()
        found = [self.lookup(*key) for key in uniques]
        def column(field: str) -> np.ndarray:
            return np.array([getattr(r, field) for r in found], dtype=object)[codes]

        return df.assign(type_label=column("label"), acled_type=column("acled_event_type"),
                         acled_sub_type=column("acled_sub_event_type"))


@functools.cache
def event_types() -> EventTypeTable:
    """The shipped table, read once per process."""
    return EventTypeTable.from_csv()
