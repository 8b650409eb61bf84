"""Extraction speed, measured side by side in one process and one run.

What each figure includes (words = whitespace-separated words of the article texts):

- (a) the bare official pipeline: ``spacy.load(model)`` without the project's components,
  ``nlp.pipe(texts, batch_size=B)``, every doc consumed;
- (b) the full extraction: ``timeline.extract.nlp.load_model()`` (the same model plus timeline_paragraphs,
  timeline_lemmas, timeline_actors) through ``events.extract_many(articles, nlp, batch_size=B)``,
  i.e. the parse and all per-doc work (dates, mentions, triggers, events);
- 1 and 2 worker processes: (b) run as partitions on a pool of forked processes
  (``timeline.scale.distributed``), the same code ``extract --workers N`` runs.

The machine may be shared: the corpus is cut into rounds and every round is timed under each of
the four set-ups in turn, so a load that changes during the run weighs on all of them alike and
the ratios stay fair. Warm-up (model loads, the gazetteer, the first batch) is not timed. Peak
memory is ``resource.getrusage``'s ``ru_maxrss`` (resident set high-water mark) of this process,
which holds both pipelines, and of the largest worker process. The workers also report the CPU
seconds they spent (``time.process_time``), so the run says how many cores the pool really got: on
a machine busy with other work, 2 workers cannot be 2x faster than 1 if they only get 1.2 cores.
"""
from __future__ import annotations

import cProfile
import io
import os
import platform
import pstats
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from timeline.schema import Article

DEFAULT_CORPUS = Path("..") / "shared" / "corpus" / "ukraine-2022-2024.jsonl"
TARGET_RATIO, TARGET_SPEEDUP = 0.85, 1.7


def words(text: str) -> int:
    return len(text.split())


def machine() -> dict[str, str]:
    """nproc, the CPU model from /proc/cpuinfo, the load average now, Python."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": str(len(os.sched_getaffinity(0))), "cpu": cpu, "load": load_average(),
            "python": platform.python_version()}


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """ru_maxrss in MB (Linux reports kilobytes)."""
    return resource.getrusage(who).ru_maxrss / 1024


@dataclass
class Timing:
    label: str
    seconds: float = 0.0

    def add(self, fn: Callable[[], object]) -> None:
        start = time.perf_counter()
        fn()
        self.seconds += time.perf_counter() - start


@dataclass
class ExtractionBench:
    corpus: str
    articles: int
    words: int
    batch_size: int
    model: str
    bare_pipes: list[str]
    full_pipes: list[str]
    events: int
    timings: dict[str, float]
    peak_self_mb: float
    peak_worker_mb: float
    machine: dict[str, str]
    load_after: str
    worker_cpu: dict[str, float] = field(default_factory=dict)
    breakdown: dict[str, float] = field(default_factory=dict)

    def wps(self, key: str) -> float:
        return self.words / self.timings[key] if self.timings.get(key) else 0.0

    @property
    def ratio(self) -> float:
        return self.wps("full") / self.wps("bare")

    @property
    def speedup(self) -> float:
        return self.wps("workers2") / self.wps("workers1") if self.timings.get("workers1") else 0.0

    def cores(self, key: str) -> float:
        return self.worker_cpu.get(key, 0.0) / self.timings[key] if self.timings.get(key) else 0.0

    def cpu_per_kword(self, key: str) -> float:
        return 1000 * self.worker_cpu.get(key, 0.0) / self.words

    def report(self) -> str:
        m = self.machine
        lines = [
            f"machine: {m['nproc']} CPUs, {m['cpu']}, Python {m['python']}; load average {m['load']} at start, "
            f"{self.load_after} at end (a shared machine: compare the ratios, not the absolute speeds)",
            f"corpus: {self.corpus}: {self.articles} articles, {self.words:,} words; batch size {self.batch_size}; "
            f"model {self.model}",
            f"(a) bare spaCy nlp.pipe [{', '.join(self.bare_pipes)}]: {self.wps('bare'):,.0f} words/s",
            f"(b) full extraction, extract_many [{', '.join(self.full_pipes)}] + events: "
            f"{self.wps('full'):,.0f} words/s, {self.events} events",
            f"b/a: {self.ratio:.2f} (target >= {TARGET_RATIO})",
        ]
        if self.timings.get("workers1"):
            lines += [
                f"1 worker process: {self.wps('workers1'):,.0f} words/s",
                f"2 worker processes: {self.wps('workers2'):,.0f} words/s",
                f"2 workers / 1 worker: {self.speedup:.2f}x (target >= {TARGET_SPEEDUP}x)",
                "cores the workers got (their CPU seconds / wall seconds): "
                f"1 worker {self.cores('workers1'):.2f}, 2 workers {self.cores('workers2'):.2f}; CPU seconds per "
                f"1,000 words: 1 worker {self.cpu_per_kword('workers1'):.2f}, 2 workers {self.cpu_per_kword('workers2'):.2f}",
            ]
        lines.append(f"peak memory (getrusage ru_maxrss): this process {self.peak_self_mb:,.0f} MB (holds both pipelines)"
                     + (f"; largest worker process {self.peak_worker_mb:,.0f} MB" if self.timings.get("workers1") else ""))
        if self.breakdown:
            b = self.breakdown
            total = b["parse"] + b["per_doc"]

            def part(key: str) -> str:
                return f"{key.replace('_', ' ')} {b[key]:.1f} s ({b[key] / total:.0%})"

            lines.append(f"full extraction, where the time goes: {part('parse')} (model + our components); "
                         f"{part('per_doc')} = {part('dates')} + {part('mentions')} + {part('other_per_doc')}")
        return "\n".join(lines)


def cpu_timed_partition(articles: list[Article], model: str | None, batch_size: int) -> float:
    """Run one partition in a worker; returns the CPU seconds the worker spent on it, so the
    parallel run can say how many cores it actually got on a shared machine."""
    from timeline.scale.distributed import extract_partition

    start = time.process_time()
    extract_partition(articles, model, batch_size)
    return time.process_time() - start


def rounds(articles: Sequence[Article], size: int) -> list[list[Article]]:
    return [list(articles[i:i + size]) for i in range(0, len(articles), size)]


def run_extraction_bench(articles: Sequence[Article], *, corpus: str = "", batch_size: int = 32,
                         workers: bool = True, model: str | None = None, breakdown: bool = False,
                         round_size: int | None = None) -> ExtractionBench:
    import spacy

    from timeline.scale import distributed
    from timeline.extract.events import extract_many
    from timeline.extract.nlp import model_name, model_source

    if not articles:
        raise ValueError("the benchmark needs at least one article")
    info = machine()
    name = model_name(model)
    bare = spacy.load(model_source(name))
    full = distributed.worker_nlp(model)  # the cached model the forked workers inherit
    warm = list(articles[:2])
    list(bare.pipe((a.text for a in warm), batch_size=batch_size))
    list(extract_many(warm, full, batch_size=batch_size))
    distributed._warm()

    times = {k: Timing(k) for k in ("bare", "full", "workers1", "workers2")}
    cpu: dict[str, list[float]] = {"workers1": [], "workers2": []}
    pools = {}
    if workers:
        pools = {k: distributed.local_pool(n, model) for k, n in (("workers1", 1), ("workers2", 2))}
        for pool, n in zip(pools.values(), (1, 2)):
            list(pool.map(abs, range(2 * n)))  # start the processes before timing
    events = 0
    # Partitions small enough that two workers stay evenly loaded to the end of each round.
    part_size = max(1, batch_size // 4)
    try:
        for chunk in rounds(articles, round_size or 2 * batch_size):
            texts = [a.text for a in chunk]
            times["bare"].add(lambda: [None for _ in bare.pipe(texts, batch_size=batch_size)])

            def full_run() -> None:
                nonlocal events
                events += sum(len(found) for _, found in extract_many(chunk, full, batch_size=batch_size))

            times["full"].add(full_run)
            for key, pool in pools.items():
                parts = distributed.partitions(chunk, part_size)
                times[key].add(lambda: cpu[key].extend(pool.map(cpu_timed_partition, parts, [model] * len(parts),
                                                                [batch_size] * len(parts))))
    finally:
        for pool in pools.values():
            pool.shutdown()
    result = ExtractionBench(
        corpus=corpus, articles=len(articles), words=sum(words(a.text) for a in articles), batch_size=batch_size,
        model=name, bare_pipes=list(bare.pipe_names), full_pipes=list(full.pipe_names), events=events,
        timings={k: t.seconds for k, t in times.items()}, peak_self_mb=peak_rss_mb(),
        worker_cpu={k: sum(v) for k, v in cpu.items()},
        peak_worker_mb=peak_rss_mb(resource.RUSAGE_CHILDREN), machine=info, load_after=load_average())
    if breakdown:
        result.breakdown = per_doc_breakdown(articles, full, batch_size)
    return result


def per_doc_breakdown(articles: Sequence[Article], nlp, batch_size: int = 32) -> dict[str, float]:
    """Seconds of the full extraction's parts: our pipeline's parse, then per doc the date
    expressions (timeline.dates.tagger), the actor mentions, and everything else events_from_doc does."""
    from timeline.extract.actors import find_mentions
    from timeline.dates.tagger import find_timexes
    from timeline.extract.events import events_from_doc

    out = {"parse": 0.0, "per_doc": 0.0, "dates": 0.0, "mentions": 0.0}
    start = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=batch_size))
    out["parse"] = time.perf_counter() - start
    for article, doc in zip(articles, docs):
        t0 = time.perf_counter()
        find_timexes(article.text, article.published, doc=doc)
        t1 = time.perf_counter()
        find_mentions(doc)
        t2 = time.perf_counter()
        events_from_doc(article, doc)
        t3 = time.perf_counter()
        out["dates"] += t1 - t0
        out["mentions"] += t2 - t1
        out["per_doc"] += t3 - t2
    out["other_per_doc"] = out["per_doc"] - out["dates"] - out["mentions"]
    return out


def profile_per_doc(articles: Sequence[Article], nlp, top: int = 20, batch_size: int = 32) -> str:
    """cProfile of events_from_doc over already-parsed docs (the parse is not in it), by own time."""
    from timeline.extract.events import events_from_doc

    docs = list(nlp.pipe((a.text for a in articles), batch_size=batch_size))
    profiler = cProfile.Profile()
    profiler.enable()
    for article, doc in zip(articles, docs):
        events_from_doc(article, doc)
    profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(top)
    return buffer.getvalue()


# -- the dashboard at scale ---------------------------------------------------------------------
REPEAT = 3  # runs per filter change; the median is reported


def filter_changes(frame) -> list[tuple[str, object]]:
    """What an analyst clicks through after the page opened on everything: narrowing by time, actor,
    type, text and confidence, then clearing the filters again."""
    from datetime import date

    from timeline.analysis.query import Filters

    top_actor = frame["actor1"].value_counts().index[0] if len(frame) else ""
    return [
        ("one year", Filters(start=date(2023, 1, 1), end=date(2023, 12, 31))),
        ("top actor", Filters(actors=(top_actor,))),
        ("ASSAULT + COERCE", Filters(event_types=("ASSAULT", "COERCE"))),
        ("material conflict, all contexts", Filters(quad_classes=(4,), include_contexts=("future", "hypothetical", "negated"))),
        ("text search", Filters(text="putin")),
        ("confidence >= 0.7, one month", Filters(min_confidence=0.7, start=date(2024, 2, 1), end=date(2024, 2, 29))),
        ("back to no filter", Filters()),
    ]


def figures_for(shown, seconds: dict[str, float] | None = None, overview=None) -> dict[str, object]:
    """Everything the dashboard draws for a filtered frame: the timeline in both lane modes with its
    bars of events per period (over ``overview``, the rows every filter but the dates keeps:
    ``shown`` when no date range is set), the actor graph and its metrics table, the map. The app
    builds only the open tab's, so ``seconds`` collects each view's time: the timeline counts its
    bars, the actor graph view its network, figure and table."""
    from timeline.views import figures, graph, maps
    from timeline.analysis import network

    seconds = {} if seconds is None else seconds
    built: dict[str, object] = {}

    def timed(view: str, make) -> object:
        start = time.perf_counter()
        out = make()
        seconds[view] = seconds.get(view, 0.0) + time.perf_counter() - start
        return out

    for lanes in ("actors", "types"):
        view = f"timeline ({lanes})"
        bars = timed(view, lambda: figures.activity_figure(shown if overview is None else overview()))
        built[view] = timed(view, lambda: figures.timeline_figure(shown, lanes.removesuffix("s")))
        built[f"events per period ({lanes})"] = bars
    net = timed("actor graph", lambda: network.actor_network(shown))
    built["actor graph"] = timed("actor graph", lambda: graph.graph_figure(net))
    built["actor metrics"] = timed("actor graph", lambda: network.actor_metrics(net))
    built["map"] = timed("map", lambda: maps.map_figure(shown))
    return built


def payload_bytes(built: dict[str, object]) -> dict[str, int]:
    """Bytes each figure sends to the browser: len(fig.to_json()); a table its JSON records."""
    return {name: len(obj.to_json()) if hasattr(obj, "to_plotly_json") else len(obj.to_json(orient="records"))
            for name, obj in built.items()}


def dashboard_bench(n: int, *, seed: int = 0, repeat: int = REPEAT) -> dict:
    """Time, payload and memory of filter changes over N synthetic events (in this process).

    Per change, ``repeat`` times, the median: query.apply plus every figure built (ms), then the
    payload (bytes, JSON). Opening the page, every view drawn once over all the events with no
    filter, is timed apart ('cold_ms'): it pays one-time imports (plotly's validators) and the
    process's first large allocations, which no later filter change pays. Memory is this process's
    ru_maxrss after all changes; 'spacy_imported' says whether browsing pulled spaCy in.
    """
    import statistics
    import sys

    from timeline.analysis import query
    from timeline.scale.synthetic import synthetic_frame

    start = time.perf_counter()
    frame = synthetic_frame(n, seed=seed)
    made = time.perf_counter() - start
    start = time.perf_counter()
    figures_for(query.apply(frame, query.Filters()))
    cold = time.perf_counter() - start
    changes = []
    for label, filters in filter_changes(frame):
        runs = []
        for _ in range(repeat):
            seconds: dict[str, float] = {}
            start = time.perf_counter()
            shown = query.apply(frame, filters)
            seconds["query.apply"] = time.perf_counter() - start
            # As the page does: the bars' rows (every filter but the dates) only when dates are set.
            undated = filters.replace(start=None, end=None)
            overview = None if undated == filters else lambda: frame.loc[
                query.matches(frame, undated), ["date_start", "date_end", "quad_class"]]
            built = figures_for(shown, seconds, overview)
            seconds["all"] = time.perf_counter() - start
            runs.append(seconds)
        seconds = {k: statistics.median(run[k] for run in runs) for k in runs[0]}
        sizes = payload_bytes(built)
        views = {k: v for k, v in seconds.items() if k not in ("query.apply", "all")}
        slowest = max(views, key=views.get)
        changes.append({"change": label, "rows": len(shown), "ms": seconds.pop("all") * 1000, "bytes": sum(sizes.values()),
                        "view_ms": (seconds["query.apply"] + views[slowest]) * 1000, "slowest": slowest,
                        "largest": max(sizes, key=sizes.get),
                        "parts_ms": {k: round(v * 1000) for k, v in seconds.items()}})
    return {"n": n, "generate_s": made, "cold_ms": cold * 1000, "repeat": repeat, "changes": changes,
            "peak_mb": peak_rss_mb(), "spacy_imported": "spacy" in sys.modules,
            "frame_mb": frame.memory_usage(deep=True).sum() / 2**20}


def dashboard_report(result: dict) -> str:
    rows = result["changes"]

    def median(key: str) -> float:
        return sorted(r[key] for r in rows)[len(rows) // 2]

    worst_view = max(rows, key=lambda r: r["view_ms"])
    worst = max(rows, key=lambda r: r["ms"])
    biggest = max(rows, key=lambda r: r["bytes"])
    lines = [f"{result['n']:,} synthetic events (frame {result['frame_mb']:,.0f} MB, "
             f"generated in {result['generate_s']:.1f} s); "
             f"page opened (every view drawn, no filter, cold): {result['cold_ms']:,.0f} ms; "
             f"then each change's median of {result['repeat']} runs:"]
    lines += [f"  {r['change']:<34} {r['rows']:>7,} rows  {r['view_ms']:>6,.0f} ms open view, {r['ms']:>6,.0f} ms all"
              f"  {r['bytes'] / 1e6:6.2f} MB  (largest: {r['largest']})\n      ms: "
              + ", ".join(f"{k} {v:,}" for k, v in r["parts_ms"].items()) for r in rows]
    lines.append(f"  filter change to the open view's figures built (query + the slowest view; the app draws only the "
                 f"open tab): median {median('view_ms'):,.0f} ms, worst {worst_view['view_ms']:,.0f} ms "
                 f"({worst_view['change']}, {worst_view['slowest']}); target <= 300 ms")
    lines.append(f"  filter change to all figures built (every view at once): median {median('ms'):,.0f} ms, "
                 f"worst {worst['ms']:,.0f} ms ({worst['change']})")
    lines.append(f"  figure payload: largest {biggest['bytes'] / 1e6:.2f} MB ({biggest['change']}); target <= 5 MB")
    lines.append(f"  peak memory (getrusage ru_maxrss, this process): {result['peak_mb']:,.0f} MB; target <= 600 MB; "
                 f"spaCy imported: {'yes' if result['spacy_imported'] else 'no'}")
    return "\n".join(lines)
