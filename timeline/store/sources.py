"""Source grades: how far an analyst trusts each outlet, on the NATO Admiralty scale.

``data/sources.csv`` ships a default grade for known outlets (outlet, aliases, country, kind, grade);
the store keeps its own copy (``sources`` table), seeded from that file, so an analyst's grades
persist and travel with the store. An outlet nobody graded is F: "reliability cannot be judged".
Each event read from the store gets its source's grade (``source_grade``) and weight
(``source_weight``); the weight scales how much the event counts where belief matters (the
dashboard's minimum-confidence filter, key dates), never the extractor's calibrated ``confidence``.
``Grading`` is mixed into ``timeline.store.store.Store``.
"""
from __future__ import annotations

import csv
import logging
from pathlib import Path

import pandas as pd

log = logging.getLogger(__name__)

SOURCES_CSV = Path(__file__).resolve().parents[2] / "data" / "sources.csv"
# Admiralty source reliability. A and B do not lower an event; an ungraded source (F) counts a
# little less than a fairly reliable one, a known unreliable one (E) half.
GRADES = {"A": ("completely reliable", 1.0), "B": ("usually reliable", 1.0), "C": ("fairly reliable", 0.9),
          "D": ("not usually reliable", 0.75), "E": ("unreliable", 0.5), "F": ("reliability cannot be judged", 0.8)}
UNGRADED = "F"
KINDS = ("wire", "broadcaster", "newspaper", "state media", "ministry", "NGO", "online", "other")
COLUMNS = ("outlet", "aliases", "country", "kind", "grade", "origin")
DDL = ("CREATE TABLE IF NOT EXISTS sources (outlet VARCHAR, aliases VARCHAR, country VARCHAR, kind VARCHAR,"
       " grade VARCHAR, origin VARCHAR)")


class SourceError(ValueError):
    """A grade or kind that is not on the scale, saying which are."""


def validate(grade: str, kind: str = "") -> tuple[str, str]:
    grade = (grade or "").strip().upper()
    if grade not in GRADES:
        raise SourceError(f"grade {grade!r} is not on the Admiralty scale; choose from {', '.join(GRADES)}")
    if kind and kind not in KINDS:
        raise SourceError(f"kind {kind!r} is not known; choose from {', '.join(KINDS)}")
    return grade, kind


def read_table(path: Path = SOURCES_CSV) -> pd.DataFrame:
    """The shipped grades; a row with a bad grade or kind is an error naming its line."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            try:
                grade, kind = validate(row["grade"], row["kind"].strip())
            except SourceError as exc:
                raise SourceError(f"{path}, line {n}: {exc}") from None
            rows.append({"outlet": row["outlet"].strip(), "aliases": (row.get("aliases") or "").strip(),
                         "country": (row.get("country") or "").strip(), "kind": kind, "grade": grade, "origin": "table"})
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _keys(table: pd.DataFrame) -> dict[str, str]:
    """Outlet names and aliases, case-folded -> grade."""
    keys: dict[str, str] = {}
    for outlet, aliases, grade in zip(table["outlet"], table["aliases"].fillna(""), table["grade"]):
        for name in (outlet, *aliases.split("|")):
            if name.strip():
                keys.setdefault(name.strip().casefold(), grade)
    return keys


def grade_events(frame: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``source_grade`` and ``source_weight`` (by outlet name or alias; F if unknown)."""
    keys = _keys(table)
    grades = frame["source"].fillna("").astype(str).str.strip().str.casefold().map(keys).fillna(UNGRADED)
    return frame.assign(source_grade=grades, source_weight=grades.map({g: w for g, (_, w) in GRADES.items()}))


class Grading:
    """Source-grade methods of the store; they need ``_tx``, ``_connect`` and ``_writable``."""

    def _seed_sources(self, con) -> None:
        con.execute(DDL)
        if not con.execute("SELECT count(*) FROM sources").fetchall()[0][0]:
            table = read_table()
            con.register("shipped_sources", table)
            con.execute("INSERT INTO sources BY NAME SELECT * FROM shipped_sources")
            con.unregister("shipped_sources")

    def _source_table(self, con) -> pd.DataFrame:
        if not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'sources'").fetchall()[0][0]:
            return read_table()  # a store file from before grades, opened read-only: the shipped grades
        return con.execute("SELECT * FROM sources").df()

    def sources(self) -> pd.DataFrame:
        """Every graded outlet, and every outlet the stored articles come from (F, "ungraded",
        until an analyst grades it), with its grade's meaning and its number of articles."""
        with self._connect() as con:  # type: ignore[attr-defined]
            table = self._source_table(con)
            seen = con.execute("SELECT source, count(*) AS articles FROM articles WHERE coalesce(source, '') <> '' "
                               "GROUP BY source").df()
        keys = _keys(table)
        table["articles"] = 0
        for source, n in zip(seen["source"], seen["articles"]):
            key = source.strip().casefold()
            if key in keys:
                match = table["outlet"].str.casefold().eq(key) | table["aliases"].fillna("").str.casefold().str.split("|").map(
                    lambda names: key in names)
                table.loc[match, "articles"] += int(n)
            else:
                table.loc[len(table)] = {"outlet": source, "aliases": "", "country": "", "kind": "", "grade": UNGRADED,
                                         "origin": "ungraded", "articles": int(n)}
        table["meaning"] = table["grade"].map(lambda g: GRADES.get(g, ("?",))[0])
        return table.sort_values(["articles", "outlet"], ascending=[False, True]).reset_index(drop=True)

    def grade_source(self, outlet: str, grade: str, *, country: str | None = None, kind: str | None = None) -> None:
        """Set an outlet's grade (and optionally its country and kind); kept in the store."""
        self._writable()  # type: ignore[attr-defined]
        outlet = (outlet or "").strip()
        if not outlet:
            raise SourceError("an outlet name is needed to grade a source")
        grade, kind = validate(grade, (kind or "").strip())
        with self._tx() as con:  # type: ignore[attr-defined]
            row = con.execute("SELECT outlet, country, kind FROM sources WHERE lower(outlet) = lower(?) "
                              "OR list_contains(string_split(lower(aliases), '|'), lower(?))", [outlet, outlet]).fetchall()
            row = row[0] if row else None
            if row is None:  # an outlet the articles name: keep their spelling
                seen = con.execute("SELECT DISTINCT source FROM articles WHERE lower(source) = lower(?)", [outlet]).fetchall()
                outlet = seen[0][0] if seen else outlet
                con.execute("INSERT INTO sources VALUES (?, '', ?, ?, ?, 'analyst')", [outlet, country or "", kind, grade])
            else:
                con.execute("UPDATE sources SET grade = ?, country = ?, kind = ?, origin = 'analyst' WHERE outlet = ?",
                            [grade, row[1] if country is None else country, kind or row[2], row[0]])
        log.info("source %s graded %s", outlet, grade)
