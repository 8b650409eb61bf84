"""The naive temporal baseline beside ours, scored the same way (TempEval-3 Task A).

Naive: spaCy's DATE/TIME entities, each passed to ``dateparser.parse`` with the DCT as base and the
result written as a day (or a day and time for TIME). Ours: ``timeline.dates.tagger.find_timexes``.
Also prints the cost of our tagging next to the spaCy parse it sits beside.

    python benchmarks/naive_timex_baseline.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, time as clock
from pathlib import Path

import dateparser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.dates.tagger import find_timexes  # noqa: E402
from timeline.evaluate.tempeval import read_folder, score_document, TimexScore  # noqa: E402
from timeline.extract.nlp import load_model  # noqa: E402
from timeline.schema import Timex  # noqa: E402

CORPORA = (("TimeBank", "eval/tempeval3-train/TimeBank", False),
           ("AQUAINT", "eval/tempeval3-train/AQUAINT", False),
           ("WikiWars", "eval/wikiwars", True))


def naive(doc, dct) -> list[Timex]:
    base = datetime.combine(dct, clock(12)) if dct else None
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        parsed = dateparser.parse(ent.text, settings={"RELATIVE_BASE": base} if base else None)
        value = "" if parsed is None else (parsed.strftime("%Y-%m-%dT%H:%M") if ent.label_ == "TIME" else parsed.date().isoformat())
        out.append(Timex(ent.text, ent.start_char, ent.end_char, ent.label_, value))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    if not (args.shared / "eval").is_dir():
        print(f"{args.shared}/eval is absent: the benchmark needs the shared evaluation data", file=sys.stderr)
        return 2
    nlp = load_model()
    rows = []
    for name, sub, narrative in CORPORA:
        docs, errors = read_folder(args.shared / sub)
        for error in errors:
            print(f"skipped: {error}", file=sys.stderr)
        ours, base = TimexScore(), TimexScore()
        parse_s = tag_s = 0.0
        for doc in docs:
            t0 = time.perf_counter()
            parsed = nlp(doc.text)
            t1 = time.perf_counter()
            found = find_timexes(doc.text, doc.dct, narrative=narrative)
            t2 = time.perf_counter()
            parse_s, tag_s = parse_s + t1 - t0, tag_s + t2 - t1
            score_document(doc, found, ours)
            score_document(doc, naive(parsed, doc.dct), base)
        for system, score in (("naive spaCy+dateparser", base), ("timeline.dates.tagger", ours)):
            f = score.figures()
            rows.append((name, system, 100 * f["strict_f1"], 100 * f["relaxed_f1"], 100 * f["type_acc"],
                         100 * f["value_acc"], 100 * f["value_f1"]))
        print(f"{name}: {len(docs)} documents; spaCy parse {parse_s:.1f} s, our tagging {tag_s:.2f} s "
              f"({100 * tag_s / parse_s:.0f}% of the parse)")
    print("\n| corpus | system | strict F1 | relaxed F1 | type acc | value acc | value F1 |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print("| {} | {} | {:.1f} | {:.1f} | {:.1f} | {:.1f} | {:.1f} |".format(*row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
