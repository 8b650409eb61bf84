"""Extraction in partitions, on local worker processes or on a Dask distributed cluster.

The unit of work is a partition: a list of articles that one worker parses and extracts with
``events.extract_many``, returning the events per article. Each worker process loads the spaCy
model once (``worker_nlp`` caches it per process and per model name) and keeps it for every
partition it is given; a partition is about ``partition_size`` articles so that the model's load
and the transfer are small next to the work. The same function runs in three places:

- ``run_local(..., workers=1)``: in this process, streaming (no pool);
- ``run_local(..., workers=N)``: a pool of N forked processes on this machine;
- ``run_dask(..., scheduler="tcp://host:8786")``: the workers of a Dask cluster, one machine or many.

Results come back to the caller, which writes them (``timeline.scale.partitions``), so the workers need
no shared file system. Events depend only on their own article, so how the corpus is cut does not
change them.
"""
from __future__ import annotations

import functools
import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

from timeline.schema import Article, Event, IngestError

log = logging.getLogger(__name__)

DEFAULT_PARTITION_SIZE = 32

_load_lock = threading.Lock()


@functools.lru_cache(maxsize=2)
def _load(model: str | None):
    from timeline.extract.nlp import load_model

    return load_model(model)


def worker_nlp(model: str | None = None):
    """The process's model, loaded on first use (Dask workers may run tasks in several threads)."""
    with _load_lock:
        return _load(model)


def partitions(articles: Sequence[Article], size: int = DEFAULT_PARTITION_SIZE) -> list[list[Article]]:
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    return [list(articles[i:i + size]) for i in range(0, len(articles), size)]


def extract_partition(articles: list[Article], model: str | None = None,
                      batch_size: int = 32) -> list[list[Event] | IngestError]:
    """The events of each article of one partition, in the partition's order (runs on a worker).

    An article whose extraction fails gives an IngestError naming it in its place; the batch is
    then redone one article at a time, so the others still get their events."""
    from timeline.extract.events import extract_many

    nlp = worker_nlp(model)
    try:
        return [events for _, events in extract_many(articles, nlp, batch_size=batch_size)]
    except Exception as exc:  # one bad article must not lose the partition: find it
        log.warning("a partition of %s articles stopped (%s); extracting them one by one", len(articles), exc)
    out: list[list[Event] | IngestError] = []
    for article in articles:
        try:
            out.append([e for _, events in extract_many([article], nlp, batch_size=1) for e in events])
        except Exception as exc:
            out.append(IngestError(article.id, "", f"event extraction failed: {exc}"))
    return out


Done = Callable[[int, list[Article], list[list[Event] | IngestError]], None]


def run_local(parts: list[list[Article]], done: Done, *, workers: int = 1, model: str | None = None,
              batch_size: int = 32) -> None:
    """Extract every partition on this machine; ``done(index, articles, events)`` as each finishes
    (in index order for one worker, in completion order for several)."""
    if workers < 1:
        raise ValueError(f"--workers must be at least 1, got {workers}")
    if workers == 1 or len(parts) <= 1:
        for index, part in enumerate(parts):
            done(index, part, extract_partition(part, model, batch_size))
        return
    with local_pool(workers, model) as pool:
        futures = {pool.submit(extract_partition, part, model, batch_size): i for i, part in enumerate(parts)}
        for future in as_completed(futures):
            index = futures[future]
            done(index, parts[index], future.result())


def local_pool(workers: int, model: str | None = None) -> ProcessPoolExecutor:
    """A pool of forked worker processes; the model is loaded here first, so that each worker
    starts with it in (copy-on-write) memory instead of loading it again."""
    worker_nlp(model)
    _warm()
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def _warm() -> None:
    """Build the per-process tables the extraction builds lazily (the gazetteer), before forking."""
    from timeline.extract.geo import locate

    locate("Kiev")


def run_dask(parts: list[list[Article]], done: Done, *, scheduler: str, model: str | None = None,
             batch_size: int = 32, wait_for_workers: int = 0, timeout: float = 60.0) -> None:
    """Extract every partition on the Dask cluster at ``scheduler`` (``tcp://host:port``);
    ``done`` is called here, in completion order. Workers need this package and the model installed."""
    from distributed import Client, as_completed

    with Client(scheduler, timeout=timeout) as client:
        if wait_for_workers:
            client.wait_for_workers(wait_for_workers, timeout=timeout)
        workers = client.scheduler_info().get("workers", {})
        log.info("scheduler %s: %s workers, %s partitions", scheduler, len(workers), len(parts))
        futures = []
        index_of = {}
        for index, part in enumerate(parts):
            # Pure=False: two identical partitions are still two pieces of work with two outputs.
            future = client.submit(extract_partition, part, model, batch_size, pure=False,
                                   key=f"timeline-extract-{index:05d}-{id(parts):x}")
            futures.append(future)
            index_of[future.key] = index
        for future in as_completed(futures):
            index = index_of[future.key]
            done(index, parts[index], future.result())
            future.release()


def in_order(parts: list[list[Article]]) -> tuple[Done, Callable[[], Iterator[tuple[Article, list[Event] | IngestError]]]]:
    """A ``done`` callback that collects results, and a function giving them back in corpus order."""
    results: dict[int, list[list[Event] | IngestError]] = {}

    def done(index: int, articles: list[Article], events: list[list[Event] | IngestError]) -> None:
        results[index] = events

    def pairs() -> Iterator[tuple[Article, list[Event] | IngestError]]:
        for index, part in enumerate(parts):
            yield from zip(part, results[index])

    return done, pairs
