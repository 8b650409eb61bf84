"""Time the rule scan of ``timeline.dates.tagger`` (``_candidates``) against a plain full-text scan.

Runs every rule pattern over every text of the TempEval-3 training sets and WikiWars both ways,
checks the two give the same candidates, and prints the seconds each took (best of ``--repeat``)::

    python benchmarks/timex_scan_speed.py [--eval ../shared/eval] [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.dates.tagger import _candidates  # noqa: E402
from timeline.evaluate.tempeval import read_folder  # noqa: E402

SETS = ("tempeval3-train/TimeBank", "tempeval3-train/AQUAINT", "wikiwars")


def full_scan(text: str, narrative: bool) -> list[tuple[int, int, int, tuple]]:
    return _candidates(text, narrative, everywhere=True)


def best_time(scan, texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            scan(text, False)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [doc.text for name in SETS for doc in read_folder(args.eval / name)[0]]
    differ = [i for i, text in enumerate(texts)
              for narrative in (False, True) if _candidates(text, narrative) != full_scan(text, narrative)]
    print(f"{len(texts)} texts, {sum(map(len, texts)):,} characters; texts whose candidates differ: {len(differ)}")
    full = best_time(full_scan, texts, args.repeat)
    triggered = best_time(_candidates, texts, args.repeat)
    print(f"full-text scan  {full:.2f} s")
    print(f"triggered scan  {triggered:.2f} s  ({full / triggered:.1f}x faster)")


if __name__ == "__main__":
    main()
