"""Big batches: re-clustering after one more article, and a 20,000-article ingest end to end (issue 17).

    python benchmarks/ingest_scale.py add-one [--store var/bench-cluster-100k.duckdb] [--events 100000]
    python benchmarks/ingest_scale.py ingest [--articles 20000] [--keep DIR]

``add-one``: a store of N SYNTHETIC events (timeline/scale/synthetic.py; made once and reused) gets
one more article, three ways, each timed apart: a synthetic article whose events touch the largest
groups of the store, written then re-clustered (incremental); the shipped seed article through the
real model (extraction and re-clustering); and, side by side in the same process, a re-clustering of
everything, which is what every addition used to cost. Each added article is removed again (also
timed) so the store can be reused. It prints how many events each step clustered again.

``ingest``: writes a JSONL of N short articles made of sentences of ../shared/corpus (two sentences
each, pairs that repeat across articles the way wire copy does, publication dates and sources of the
articles they come from; written to a temporary folder, never into the project), then runs
``python -m timeline ingest FILE --db NEW.duckdb -q`` in a child process and prints the wall time,
the share of it spent clustering (from the store's log, with timestamps), the child's CPU time and
its peak memory (``ru_maxrss``). Run it once: it takes minutes.

Figures are printed, never asserted; the load average is printed with them (the machine is shared).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))


def load() -> str:
    return "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg())


def timed(what: str, call):
    """Wall time and this process's CPU time: on a shared machine the first grows with the load."""
    started, cpu = time.perf_counter(), time.process_time()
    result = call()
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"  {what:<58} {took:8.2f} s wall {cpu:8.2f} s CPU", flush=True)
    return result, took


# -- add one article to a big store --------------------------------------------------------------------
def synthetic_store(path: Path, events: int):
    from timeline.scale.synthetic import fill_store
    from timeline.store.store import Store

    store = Store(path, hold_seconds=60)
    have = store.counts()["events"] if path.exists() else 0
    if have < events:
        print(f"filling {path} with {events:,} synthetic events (once) …", flush=True)
        timed(f"fill {events:,} events (write, then cluster everything)", lambda: fill_store(store, events))
    return store


def busiest_article(store, seed: int):
    """A synthetic article (another seed: new ids) with an event in the store's largest group."""
    import numpy as np

    from timeline.scale.synthetic import synthetic_records
    from timeline.store import dedup

    events = store.events(clustered=False)
    groups = dedup.components(events)
    labels, counts = np.unique(groups, return_counts=True)
    largest = events[groups == labels[np.argmax(counts)]]
    keys = {key for row in dedup._records(largest) for key in dedup._Item.from_row(row).keys}
    for article, found in synthetic_records(6000, seed=seed):
        if any(set(dedup._Item.from_row(row).keys) & keys for row in dedup._records(found)):
            return article, found, int(counts.max())
    raise SystemExit("no synthetic article touches the largest group")


def touched(store, found) -> int:
    """How many stored events share a group with these new ones (what an addition clusters again)."""
    import numpy as np
    import pandas as pd

    from timeline.analysis.query import frame
    from timeline.store import dedup

    events = store.events(clustered=False)[["event_type", "context", "actor1", "actor2"]]
    joint = dedup.components(pd.concat([events, frame(found)[events.columns]], ignore_index=True))
    return int(np.isin(joint[:len(events)], joint[len(events):]).sum())


def add_one(args) -> None:
    from timeline.ingest.read import read_path
    from timeline.store.store import Store

    path = Path(args.store)
    path.parent.mkdir(parents=True, exist_ok=True)
    store: Store = synthetic_store(path, args.events)
    counts = store.counts()
    print(f"store {path}: {counts['events']:,} events, {counts['clusters']:,} clusters; {load()}")

    article, events, largest = busiest_article(store, seed=99)
    store.remove_article(article.id)  # left by an interrupted run
    print(f"one synthetic article, {len(events)} events, touching the store's largest group ({largest:,} "
          f"events); its groups hold {touched(store, events):,} stored events:")
    timed("write it (one transaction, no clustering)", lambda: store.load_extracted([(article, events)], recluster=False))
    _, incremental = timed("re-cluster, incremental", lambda: store.recluster(incremental=True))
    _, everything = timed("re-cluster everything (what each addition cost before)", store.recluster)
    print(f"  incremental / everything: {incremental / everything:.3f}")
    timed("remove it again (incremental)", lambda: store.remove_article(article.id))

    from timeline.extract.nlp import load_model

    nlp, _ = timed("load the spaCy model", load_model)
    seed = read_path(ROOT / "data" / "seed.jsonl").articles
    print("the seed article, through the real model:")
    from timeline.extract.events import extract_many

    pairs, _ = timed("extract its events", lambda: [(a, list(e)) for a, e in extract_many(seed, nlp)])
    print(f"  {len(pairs[0][1])} events; their groups hold {touched(store, pairs[0][1]):,} stored events")
    timed("write them (one transaction, no clustering)", lambda: store.load_extracted(pairs, recluster=False))
    timed("re-cluster, incremental", lambda: store.recluster(incremental=True))
    timed("remove it again (incremental)", lambda: store.remove_article(seed[0].id))
    store.close()
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; {load()}")


# -- a 20,000-article JSONL, end to end -----------------------------------------------------------------
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def sentences() -> list[tuple[str, dict]]:
    """(sentence, the article it comes from) for every sentence of 60-320 characters of the corpora."""
    found = []
    for name in ("ukraine-2022-2024.jsonl", "ukraine-2025.jsonl"):
        for line in (SHARED / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for paragraph in record["text"].split("\n"):
                found.extend((s, record) for s in _SENTENCE.split(paragraph.strip()) if 60 <= len(s) <= 320)
    return found


def write_jsonl(path: Path, n: int) -> int:
    pool = sentences()
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for k in range(n):
            first, origin = pool[k % len(pool)]
            second, _ = pool[(7 * k + 13 * (k // len(pool)) + 3) % len(pool)]
            text = f"{first} {second}"
            words += len(text.split())
            out.write(json.dumps({"id": f"bench-{k}", "title": f"bench article {k}", "text": text,
                                  "published": origin.get("published"),
                                  "source": f"{origin.get('source') or 'wire'} / desk {k % 50}"}) + "\n")
    return words


CHILD = """
import logging, sys
logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
logging.getLogger("timeline.store").setLevel(logging.INFO)
from timeline.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def ingest(args) -> None:
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is absent: this benchmark builds its articles from the shared corpus")
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ingest-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    source, db = folder / f"articles-{args.articles}.jsonl", folder / "store.duckdb"
    words = write_jsonl(source, args.articles)
    db.unlink(missing_ok=True)
    print(f"{source}: {args.articles:,} articles, {words:,} words; {load()}", flush=True)
    started = time.perf_counter()
    child = subprocess.run([sys.executable, "-c", CHILD, "ingest", str(source), "--db", str(db), "-q",
                            "--batch-size", str(args.batch_size)], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    print(child.stdout.strip())
    clustering = [line for line in child.stderr.splitlines() if "clustered" in line or "re-clustering" in line]
    print("\n".join(clustering[-4:]))
    print(f"exit status {child.returncode}; wall time {wall / 60:.1f} min ({wall:.0f} s), CPU {cpu / 60:.1f} min; "
          f"peak memory {peak:.0f} MB; {load()}")
    if child.returncode not in (0, 1):
        print(child.stderr[-3000:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    one = sub.add_parser("add-one")
    one.add_argument("--store", default=str(ROOT / "var" / "bench-cluster-100k.duckdb"))
    one.add_argument("--events", type=int, default=100_000)
    big = sub.add_parser("ingest")
    big.add_argument("--articles", type=int, default=20_000)
    big.add_argument("--batch-size", type=int, default=16)
    big.add_argument("--keep", metavar="DIR", help="write the JSONL and the store here (default: a temporary folder)")
    args = parser.parse_args()
    add_one(args) if args.what == "add-one" else ingest(args)


if __name__ == "__main__":
    main()
