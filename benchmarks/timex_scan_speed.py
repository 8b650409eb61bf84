"""Time the rule scan of ``timeline.dates`` (``_candidates``) against a plain full-text scan.

Runs every rule pattern over every text of the TempEval-3 training sets and WikiWars both ways,
checks the two give the same candidates, and prints the seconds each took (best of ``--repeat``)::

    python benchmarks/timex_scan_speed.py [--eval ../shared/eval] [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline.dates import _candidates, _normalize  # noqa: E402
from timeline.evaluate import read_folder  # noqa: E402
from timeline.timex_grammar import RULES  # noqa: E402
from timeline.timex_rules import Ctx  # noqa: E402

SETS = ("tempeval3-train/TimeBank", "tempeval3-train/AQUAINT", "wikiwars")


def full_scan(text: str, narrative: bool) -> list[tuple[int, int, int, tuple]]:
    """The scan without trigger words: every pattern over the whole text."""
    found = []
    for i, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text):
            begin, end = m.span("x") if "x" in rule.pattern.groupindex else m.span()
            groups = tuple(sorted((k, v) for k, v in m.groupdict().items() if v is not None and k != "x"))
            if begin < end and _normalize(i, groups, Ctx(date(2000, 6, 15), narrative=narrative)) is not None:
                found.append((begin, end, i, groups))
    return found


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
