"""The dashboard at scale: filter change -> figures built, payload and memory at 10k and 100k events.

    python benchmarks/dashboard_scale.py [--sizes 10000 100000] [--seed 0]

The events are SYNTHETIC (timeline/synthetic.py), for load only. Each size runs in a fresh process
so its peak memory (getrusage ru_maxrss) is its own; the spaCy model is never loaded (browsing a
store does not need it), and the report says whether spaCy was even imported. Figures are printed,
never asserted.
"""
from __future__ import annotations

import argparse
import multiprocessing
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline import bench  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="event counts")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    info = bench.machine()
    print(f"machine: {info['nproc']} CPUs, {info['cpu']}, Python {info['python']}; load average {info['load']}")
    context = multiprocessing.get_context("spawn")
    for n in args.sizes:
        with context.Pool(1) as pool:
            result = pool.apply(bench.dashboard_bench, (n,), {"seed": args.seed})
        print(bench.dashboard_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
