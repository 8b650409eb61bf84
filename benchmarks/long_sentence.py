"""How extraction time grows with the length of one sentence (issue 17: a 9,800-character sentence
without punctuation took 69 s; the target is 10,000 characters in 2 s or less).

    python benchmarks/long_sentence.py [--sizes 1250 2500 5000 10000] [--profile 12]

Three texts, each cut to every size and given to the full extraction as one article: "seed", the
shipped seed article's body with its sentence punctuation and line breaks taken out (spaCy still cuts
it into sentences of about 1,250 characters); "places", one run-on sentence of attacks and meetings
in named places; "chain", one run-on sentence of coordinated clauses without a place, each clause
hanging from the one before (the old place search's worst case: every trigger walked the subtree of
every clause above it). After one warm-up extraction (the model and the gazetteer load once), it
prints side by side from one run: the characters, tokens and longest sentence spaCy made, the bare
parse time (``nlp(text)``, our pipeline components included), the full extraction time (parse
included) in wall and CPU seconds (the machine is shared: the wall time grows with the load average,
printed in the header), their ratio, and the events found. ``--profile N`` prints the N functions with the most
own time in the largest extractions.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.extract.events import extract_events  # noqa: E402
from timeline.extract.nlp import load_model  # noqa: E402
from timeline.ingest.read import read_path  # noqa: E402
from timeline.schema import Article  # noqa: E402

PLACES = ("Kharkiv", "Kyiv", "Odesa", "Moscow", "Riyadh", "Minsk", "Kursk", "Donetsk", "Zaporizhzhia", "Sumy")
CLAUSE = "Russian forces attacked positions in {0} and Putin met Trump in {1} while Ukraine shelled troops near {2} and "
# Coordinated clauses without a place: each clause hangs from the one before it, so a trigger's
# governing clauses are all the clauses before it.
CHAIN = ("Putin said Russia backed the plan in principle and Trump welcomed the move on Thursday and Zelensky "
         "rejected the proposal for the talks and the Kremlin criticised the sanctions of the allies and ")


def run_on(seed: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[.!?;:]", "", seed))


def places(size: int) -> str:
    parts, i = [], 0
    while sum(map(len, parts)) < size:
        parts.append(CLAUSE.format(*(PLACES[(i + k) % len(PLACES)] for k in range(3))))
        i += 1
    return "".join(parts)


def chain(size: int) -> str:
    return CHAIN * (size // len(CHAIN) + 1)


def measure(nlp, name: str, text: str, profile: int) -> None:
    article = Article(id=f"bench-{name}-{len(text)}", text=text, source="bench", published=date(2025, 3, 13))
    started = time.perf_counter()
    doc = nlp(text)
    parse = time.perf_counter() - started
    longest = max(len(s.text) for s in doc.sents)
    profiler = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    events = extract_events(article, nlp)
    if profiler:
        profiler.disable()
    total, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{name:<8} {len(text):>7,} {len(doc):>7,} {longest:>9,} {parse:>8.2f} {total:>10.2f} {cpu:>8.2f} "
          f"{total / parse:>6.1f} {len(events):>7}", flush=True)
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(profile)
        print(out.getvalue())


def load() -> str:
    return "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1250, 2500, 5000, 10000])
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    nlp = load_model()
    seed = run_on(read_path(ROOT / "data" / "seed.jsonl").articles[0].text)
    while len(seed) < max(args.sizes):
        seed = f"{seed} and {seed}"
    extract_events(Article(id="warm-up", text="Putin met Trump in Riyadh and visited Kiev.",
                           published=date(2025, 3, 13)), nlp)
    print(f"{'text':<8} {'chars':>7} {'tokens':>7} {'longest':>9} {'parse s':>8} {'extract s':>10} {'CPU s':>8} "
          f"{'ratio':>6} {'events':>7}  ({load()})")
    for size in args.sizes:
        last = size == max(args.sizes)
        measure(nlp, "seed", seed[:size].rsplit(" ", 1)[0], args.profile if last else 0)
        measure(nlp, "places", places(size)[:size].rsplit(" ", 1)[0], args.profile if last else 0)
        measure(nlp, "chain", chain(size)[:size].rsplit(" ", 1)[0], args.profile if last else 0)


if __name__ == "__main__":
    main()
