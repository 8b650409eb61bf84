"""Scorers. TempEval-3 Task A (timex extent, type and value) over TimeML files.

TempEval-3 conventions: strict = identical span, relaxed = overlapping span, both one-to-one;
type and value accuracy are taken over the relaxed matches, and value F1 = relaxed F1 × value
accuracy. The document creation time (the DCT, and any copy of it inside the text carrying the
same tid, as in WikiWars) is not scored: gold copies are dropped and system timexes overlapping
them are ignored.
"""
from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from timeline.schema import Timex

log = logging.getLogger(__name__)

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    begin: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""


@dataclass(frozen=True)
class TimeMLDoc:
    name: str
    text: str
    dct: date | None
    gold: tuple[GoldTimex, ...]
    ignored: tuple[tuple[int, int], ...] = ()  # spans of in-text copies of the DCT


class TimeMLError(ValueError):
    pass


def _parse_dct(value: str) -> date | None:
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def read_timeml(path: Path) -> TimeMLDoc:
    """Plain text of ``<TEXT>`` with gold TIMEX3 spans as character offsets into it."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if dct_match is None:
        raise TimeMLError(f"{path}: no <DCT><TIMEX3 ...> element")
    dct_attrs = dict(_ATTR.findall(dct_match[1]))
    dct = _parse_dct(dct_attrs.get("value", ""))
    start, end = raw.find("<TEXT>"), raw.rfind("</TEXT>")
    if start < 0 or end < 0:
        raise TimeMLError(f"{path}: no <TEXT> element")
    body = raw[start + len("<TEXT>"):end]
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    ignored: list[tuple[int, int]] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m[1], m[2], m[3]
        if name != "TIMEX3" or m[4]:
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
            continue
        if not open_timex:
            raise TimeMLError(f"{path}: unbalanced </TIMEX3> at character {m.start()}")
        begin, a = open_timex.pop()
        text = "".join(parts)
        b, e = begin, length
        while b < e and text[b].isspace():
            b += 1
        while e > b and text[e - 1].isspace():
            e -= 1
        if a.get("tid") == dct_attrs.get("tid") or a.get("functionInDocument") == "CREATION_TIME":
            ignored.append((b, e))
            continue
        gold.append(GoldTimex(b, e, text[b:e], a.get("type", ""), a.get("value", ""), a.get("mod", "")))
    parts.append(html.unescape(body[pos:]))
    return TimeMLDoc(path.stem, "".join(parts), dct, tuple(gold), tuple(ignored))


def read_folder(folder: Path) -> tuple[list[TimeMLDoc], list[str]]:
    """All ``.tml`` files of a folder; a bad file is reported and skipped, the rest go on."""
    docs, errors = [], []
    for path in sorted(folder.glob("*.tml")):
        try:
            docs.append(read_timeml(path))
        except (TimeMLError, UnicodeDecodeError, OSError) as exc:
            errors.append(str(exc) if isinstance(exc, TimeMLError) else f"{path}: {exc}")
    return docs, errors


@dataclass
class TimexScore:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(matched: int, system: int, gold: int) -> tuple[float, float, float]:
        p = matched / system if system else 0.0
        r = matched / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self) -> dict[str, float]:
        sp, sr, sf = self._f1(self.strict, self.system, self.gold)
        rp, rr, rf = self._f1(self.relaxed, self.system, self.gold)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_acc": type_acc, "value_acc": value_acc,
            "type_f1": rf * type_acc, "value_f1": rf * value_acc,
            "gold": self.gold, "system": self.system,
        }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def score_document(doc: TimeMLDoc, found: Iterable[Timex], score: TimexScore, *, keep_errors: bool = False) -> None:
    """Add one document's matches to ``score`` (one-to-one; an exact span is preferred, then the largest overlap)."""
    system = [t for t in found if not any(_overlap((t.begin, t.end), span) > 0 for span in doc.ignored)]
    score.gold += len(doc.gold)
    score.system += len(system)
    used: set[int] = set()
    for g in doc.gold:
        best, best_key = None, None
        for i, t in enumerate(system):
            ov = _overlap((g.begin, g.end), (t.begin, t.end))
            if i in used or ov <= 0:
                continue
            key = ((t.begin, t.end) == (g.begin, g.end), ov)
            if best_key is None or key > best_key:
                best, best_key = i, key
        if best is None:
            if keep_errors:
                score.errors.append(f"{doc.name}\tMISSED\t{g.text!r}\t{g.type}\t{g.value}\t{g.mod}")
            continue
        used.add(best)
        t = system[best]
        score.relaxed += 1
        score.strict += (t.begin, t.end) == (g.begin, g.end)
        score.type_ok += t.type == g.type
        score.value_ok += t.value == g.value
        if keep_errors and (t.value != g.value or t.type != g.type or (t.begin, t.end) != (g.begin, g.end)):
            score.errors.append(f"{doc.name}\tWRONG\t{g.text!r} -> {t.text!r}\t{g.type}/{t.type}\t"
                                f"{g.value} / {t.value}\t{g.mod}/{t.mod}\t{_context(doc.text, g.begin, g.end)}")
    if keep_errors:
        for i, t in enumerate(system):
            if i not in used:
                score.errors.append(f"{doc.name}\tSPURIOUS\t{t.text!r}\t{t.type}\t{t.value}\t{t.mod}\t"
                                    f"{_context(doc.text, t.begin, t.end)}")


def _context(text: str, begin: int, end: int, width: int = 50) -> str:
    return " ".join((text[max(0, begin - width):begin] + "[" + text[begin:end] + "]" + text[end:end + width]).split())


Tagger = Callable[[str, "date | None"], list[Timex]]


def score_tempeval(docs: Iterable[TimeMLDoc], tagger: Tagger, *, keep_errors: bool = False) -> TimexScore:
    """Run ``tagger(text, dct)`` on each document's plain text and score it against the gold."""
    score = TimexScore()
    for doc in docs:
        score_document(doc, tagger(doc.text, doc.dct), score, keep_errors=keep_errors)
    return score


def format_figures(name: str, figures: dict[str, float]) -> str:
    pct = {k: 100 * v for k, v in figures.items() if k not in ("gold", "system")}
    return (f"{name}: gold {figures['gold']}, system {figures['system']}\n"
            f"  strict  P {pct['strict_p']:.2f}  R {pct['strict_r']:.2f}  F1 {pct['strict_f1']:.2f}\n"
            f"  relaxed P {pct['relaxed_p']:.2f}  R {pct['relaxed_r']:.2f}  F1 {pct['relaxed_f1']:.2f}\n"
            f"  type accuracy {pct['type_acc']:.2f}  value accuracy {pct['value_acc']:.2f}\n"
            f"  type F1 {pct['type_f1']:.2f}  value F1 {pct['value_f1']:.2f}")
