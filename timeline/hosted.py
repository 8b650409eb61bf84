"""Local and hosted (public demo) use of the store: which store a dashboard session works on.

``TIMELINE_MODE=local`` (the default): one writable file store (``$TIMELINE_DB``) that the
dashboard and the CLI share; every session sees every change.

``TIMELINE_MODE=demo`` (a public demo): the shipped corpus is a read-only base shared by all
visitors; each visitor works on a private in-memory copy of it, so their additions and edits
live only in their session and no other visitor sees or changes them. Uploads are capped at
``upload_limit()`` bytes. The app calls, once per process (``st.cache_resource``)::

    base = hosted.open_store(nlp=nlp)
and, once per visitor session (``st.session_state``)::

    store = hosted.session_store(base)
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from timeline.store import MEMORY, Store, StoreError, default_path

log = logging.getLogger(__name__)

MODES = ("local", "demo")
SHIPPED_CORPUS = Path(__file__).resolve().parent.parent / "data" / "seed.jsonl"
# A demo visitor's session store is in the server's memory: a few articles, not a corpus.
DEMO_UPLOAD_BYTES = 2 * 1024 * 1024
LOCAL_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadTooLarge(StoreError):
    """An upload over the mode's size limit."""


def current_mode(mode: str | None = None) -> str:
    """``mode``, else $TIMELINE_MODE, else "local"; anything else is an error listing the choices."""
    chosen = (mode or os.environ.get("TIMELINE_MODE") or "local").strip().lower()
    if chosen not in MODES:
        raise ValueError(f"TIMELINE_MODE={chosen!r} is not a mode; choose one of: {', '.join(MODES)}")
    return chosen


def upload_limit(mode: str | None = None) -> int:
    return DEMO_UPLOAD_BYTES if current_mode(mode) == "demo" else LOCAL_UPLOAD_BYTES


def check_upload(name: str, size: int, mode: str | None = None) -> None:
    """Raise ``UploadTooLarge`` naming the file, its size and the limit, when it is over the limit."""
    limit = upload_limit(mode)
    if size > limit:
        raise UploadTooLarge(f"{name}: {size / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB upload limit"
                             + (" of this public demo; run the tool locally for larger files"
                                if current_mode(mode) == "demo" else ""))


def open_store(mode: str | None = None, *, path: str | Path | None = None, nlp=None) -> Store:
    """The process-wide store for the mode.

    local: the writable file store at ``path`` / $TIMELINE_DB / the default.
    demo: the shared base, read-only — the file at ``path`` / $TIMELINE_DB when it exists (built
    beforehand with ``python -m timeline ingest data/seed.jsonl --db FILE``), otherwise an
    in-memory store built from the shipped corpus with ``nlp`` (the extraction runs once per process).
    """
    if current_mode(mode) == "local":
        return Store(path)
    file = Path(path) if path else default_path()
    if str(file) != MEMORY and file.exists():
        return Store(file, read_only=True)
    if nlp is None:
        raise StoreError(f"demo mode: no store at {file}, and no model was given to build one from {SHIPPED_CORPUS.name}")
    return build_base(nlp).seal()


def build_base(nlp, corpus: Path = SHIPPED_CORPUS) -> Store:
    """An in-memory store holding the shipped corpus, extracted with ``nlp``."""
    from timeline.ingest import read_path

    result = read_path(corpus)
    for error in result.errors:
        log.warning("shipped corpus: %s", error)
    store = Store(MEMORY)
    report = store.add(result.articles, nlp)
    log.info("demo base: %s articles, %s events", len(report.added), report.events)
    return store


def session_store(base: Store, mode: str | None = None) -> Store:
    """The store one dashboard session works on: in demo mode a private in-memory copy of ``base``
    (the visitor's changes stay in it); in local mode ``base`` itself."""
    if current_mode(mode) == "local":
        return base
    return base.copy_into(Store(MEMORY))
