"""Scorer: system events against hand-annotated happenings (../shared/eval/EVENTS-GUIDE.md).

A system event matches a gold happening when it comes from the same article, its evidence sentence
overlaps one of the happening's mention sentences, its type is the gold type or one of ``type_alt``,
its actor1 is the gold actor1, its actor2 is the gold actor2, one of ``actor2_alt`` or (leniently)
empty, and its dates overlap the gold span (for a gold happening with no date, the system's date must
be unknown). Strict matching also wants actor2 exactly (empty only when the gold has none) and the
same context (the system's "historical" is the guide's empty context of background).

Gold offsets point into the corpus text as given; events point into the cleaned article text.
:func:`raw_offsets` maps one onto the other through the paragraphs cleaning kept.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from timeline.schema import Event

# Upper edges of the confidence bands precision is reported in.
BANDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


class GoldError(ValueError):
    pass


@dataclass(frozen=True)
class Happening:
    """One gold record: a happening of one article, with every sentence that mentions it."""

    gid: str
    article_id: str
    actor1: str
    actor2: str | None
    actor2_alt: tuple[str, ...]
    type: str
    type_alt: tuple[str, ...]
    context: str
    date_start: date | None
    date_end: date | None
    mentions: tuple[tuple[int, int], ...]
    key: bool

    @property
    def types(self) -> frozenset[str]:
        return frozenset((self.type, *self.type_alt))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def read_gold(path: Path) -> list[Happening]:
    """The happenings of a gold JSONL file; a malformed line is an error naming its line."""
    happenings = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
            happenings.append(Happening(
                gid=g["gid"], article_id=g["article_id"], actor1=g["actor1"], actor2=g.get("actor2"),
                actor2_alt=tuple(g.get("actor2_alt") or ()), type=g["type"], type_alt=tuple(g.get("type_alt") or ()),
                context=g.get("context") or "", date_start=_day(g.get("date_start")),
                date_end=_day(g.get("date_end") or g.get("date_start")),
                mentions=tuple((int(a), int(b)) for a, b in g["mentions"]), key=bool(g.get("key"))))
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}, line {n}: {exc!r}") from None
    return happenings


def raw_offsets(raw: str, cleaned: str) -> Callable[[int], int]:
    """Map an offset into ``cleaned`` (paragraphs joined by blank lines) to one into ``raw``.

    Each kept paragraph is found in the raw text in order (its whitespace may have been collapsed);
    an offset inside a paragraph moves with it. A paragraph that can't be found maps to -1.
    """
    starts: list[int] = []  # cleaned offset of each paragraph
    shifts: list[tuple[int, list[tuple[int, int]]]] = []  # raw start, and (cleaned, raw) anchors inside
    pos, at = 0, 0
    for para in cleaned.split("\n\n"):
        starts.append(at)
        words = para.split(" ")
        m = re.compile(r"\s+".join(map(re.escape, words))).search(raw, pos)
        if m is None:
            shifts.append((-1, []))
        else:
            anchors, c, r = [], 0, m.start()
            for word in words:
                r = raw.index(word, r)
                anchors.append((c, r - m.start()))
                c += len(word) + 1
                r += len(word)
            shifts.append((m.start(), anchors))
            pos = m.end()
        at += len(para) + 2

    def to_raw(offset: int) -> int:
        i = bisect_right(starts, offset) - 1
        base, anchors = shifts[i]
        if base < 0:
            return -1
        inside = offset - starts[i]
        k = bisect_right([c for c, _ in anchors], inside) - 1
        c, r = anchors[max(k, 0)]
        return base + r + (inside - c)

    return to_raw


def _name(value: str | None) -> str:
    value = (value or "").casefold().strip()
    return value[4:] if value.startswith("the ") else value


def _actor_is(event_name: str, event_text: str, gold: str | None) -> bool:
    gold = _name(gold)
    return bool(gold) and gold in (_name(event_name), _name(event_text))


def _actor2_ok(event: Event, h: Happening, *, strict: bool) -> bool:
    if not event.actor2:
        return not strict or h.actor2 is None
    return any(_actor_is(event.actor2_name, event.actor2_text, name) for name in (h.actor2, *h.actor2_alt))


def _date_ok(event: Event, h: Happening) -> bool:
    if h.date_start is None:
        return event.date_start is None
    if event.date_start is None:
        return False
    end = event.date_end or event.date_start
    return event.date_start <= h.date_end and h.date_start <= end


@dataclass
class _Scored:
    """One system event, its raw sentence span, and the gold happenings it was compared with."""

    event: Event
    span: tuple[int, int]
    candidates: list[Happening]  # same article, overlapping sentence, same type
    matches: list[Happening]  # candidates that match leniently
    strict: list[Happening]


@dataclass
class EventScore:
    happenings: list[Happening]
    scored: list[_Scored] = field(default_factory=list)
    unmapped: int = 0  # system events whose sentence could not be found in the raw text

    def figures(self) -> dict[str, float | int]:
        gold, key = len(self.happenings), sum(h.key for h in self.happenings)
        found = {h.gid for s in self.scored for h in s.matches}
        found_strict = {h.gid for s in self.scored for h in s.strict}
        correct = sum(bool(s.matches) for s in self.scored)
        fig: dict[str, float | int] = {
            "system": len(self.scored), "gold": gold, "key": key, "correct": correct,
            "precision": _ratio(correct, len(self.scored)),
            "recall": _ratio(len(found), gold), "recall_strict": _ratio(len(found_strict), gold),
            "key_recall": _ratio(sum(h.key and h.gid in found for h in self.happenings), key),
            "key_recall_strict": _ratio(sum(h.key and h.gid in found_strict for h in self.happenings), key),
            "events_per_found": _ratio(correct, len(found)),
        }
        fig.update(self.field_accuracy())
        fig.update(self.field_accuracy(key_only=True))
        return fig

    def field_accuracy(self, *, key_only: bool = False) -> dict[str, float | int]:
        """Each field's accuracy on the events whose sentence and type match a happening.

        Each such event is compared with the candidate it agrees with most (ties: the first in gold order).
        """
        prefix = "key_" if key_only else ""
        right = {"actor1": 0, "actor2": 0, "date": 0, "context": 0}
        n = 0
        for s in self.scored:
            candidates = [h for h in s.candidates if h.key] if key_only else s.candidates
            if not candidates:
                continue
            n += 1
            best = max(candidates, key=lambda h: sum(_fields(s.event, h).values()))
            for name, ok in _fields(s.event, best).items():
                right[name] += ok
        out: dict[str, float | int] = {f"{prefix}typed_matches": n}
        out.update({f"{prefix}{name}_accuracy": _ratio(k, n) for name, k in right.items()})
        return out

    def by_confidence(self) -> list[tuple[str, int, float]]:
        """(band, events in it, their precision), for each confidence band that holds events."""
        rows, low = [], 0.0
        for high in BANDS:
            inside = [s for s in self.scored if low <= s.event.confidence < high]
            if inside:
                label = f"{low:.1f}-{min(high, 1.0):.1f}"
                rows.append((label, len(inside), _ratio(sum(bool(s.matches) for s in inside), len(inside))))
            low = high
        return rows

    def outcomes(self) -> list[tuple[Event, bool]]:
        """Each system event, and whether it matches a happening (leniently)."""
        return [(s.event, bool(s.matches)) for s in self.scored]

    def at_least(self, threshold: float) -> tuple[int, float]:
        """Events at or above a confidence, and their precision."""
        kept = [s for s in self.scored if s.event.confidence >= threshold]
        return len(kept), _ratio(sum(bool(s.matches) for s in kept), len(kept))


def _fields(event: Event, h: Happening) -> dict[str, bool]:
    return {"actor1": _actor_is(event.actor1_name, event.actor1_text, h.actor1),
            "actor2": _actor2_ok(event, h, strict=True), "date": _date_ok(event, h),
            "context": _context(event) == h.context}


def _context(event: Event) -> str:
    """The event's context as the guide writes it: background ("historical", dated over a year back) is
    asserted, with an empty context (the gold marks it with its own ``background`` field)."""
    return "" if event.context == "historical" else (event.context or "")


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _overlaps(span: tuple[int, int], mentions: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in mentions)


def score_events(happenings: Sequence[Happening], raw_texts: dict[str, str], cleaned_texts: dict[str, str],
                 events: Iterable[Event]) -> EventScore:
    """Compare system events with the gold happenings of the same articles.

    ``raw_texts`` are the corpus texts the gold offsets point into; ``cleaned_texts`` the article texts
    the events' offsets point into, both by article id. Events of articles without gold are ignored.
    """
    by_article: dict[str, list[Happening]] = {}
    for h in happenings:
        by_article.setdefault(h.article_id, []).append(h)
    maps = {aid: raw_offsets(raw_texts[aid], cleaned_texts[aid])
            for aid in by_article if aid in cleaned_texts and aid in raw_texts}
    score = EventScore(list(happenings))
    for event in events:
        if event.article_id not in maps:
            continue
        to_raw = maps[event.article_id]
        span = (to_raw(event.sent_start), to_raw(event.sent_end - 1) + 1)
        if span[0] < 0 or span[1] <= 0:
            score.unmapped += 1
        candidates = [h for h in by_article[event.article_id]
                      if event.event_type in h.types and _overlaps(span, h.mentions)]
        matches = [h for h in candidates if _actor_is(event.actor1_name, event.actor1_text, h.actor1)
                   and _actor2_ok(event, h, strict=False) and _date_ok(event, h)]
        strict = [h for h in matches if _actor2_ok(event, h, strict=True) and _context(event) == h.context]
        score.scored.append(_Scored(event, span, candidates, matches, strict))
    return score


def _sentence(text: str, span: tuple[int, int], width: int = 240) -> str:
    s = " ".join(text[span[0]:span[1]].split())
    return s if len(s) <= width else s[:width - 1] + "…"


def _describe(event: Event) -> str:
    dates = "unknown" if event.date_start is None else (
        f"{event.date_start}" + ("" if event.date_end in (None, event.date_start) else f"..{event.date_end}"))
    return (f"{event.actor1_name or '?'} {event.event_type} {event.actor2_name or '-'} [{dates}]"
            f"{' (' + event.context + ')' if event.context else ''} conf {event.confidence:.2f} «{event.trigger}»")


def _describe_gold(h: Happening) -> str:
    dates = "unknown" if h.date_start is None else (
        f"{h.date_start}" + ("" if h.date_end == h.date_start else f"..{h.date_end}"))
    alt = f" (or {', '.join(h.type_alt)})" if h.type_alt else ""
    return (f"{h.gid}{' KEY' if h.key else ''}: {h.actor1} {h.type}{alt} {h.actor2 or '-'} [{dates}]"
            f"{' (' + h.context + ')' if h.context else ''}")


def _misses(event: Event, h: Happening) -> list[str]:
    """The fields that keep an event from matching a happening, actor2 judged leniently."""
    checks = {"actor1": _actor_is(event.actor1_name, event.actor1_text, h.actor1),
              "actor2": _actor2_ok(event, h, strict=False), "date": _date_ok(event, h)}
    return [name for name, ok in checks.items() if not ok]


def error_report(score: EventScore, raw_texts: dict[str, str]) -> list[str]:
    """Every false positive with its sentence and why no happening took it; every missed happening."""
    lines = ["== false positives (system events matching no happening)"]
    for s in score.scored:
        if s.matches:
            continue
        why = "no happening of this type in the sentence" if not s.candidates else "; ".join(
            f"vs {h.gid}: " + ", ".join(_misses(s.event, h)) for h in s.candidates)
        lines += [f"- {s.event.article_id} {_describe(s.event)} -- {why}",
                  f"    {_sentence(raw_texts[s.event.article_id], s.span)}"]
    lines.append("== missed happenings (no system event matches)")
    found = {h.gid for s in score.scored for h in s.matches}
    for h in score.happenings:
        if h.gid in found:
            continue
        lines.append(f"- {_describe_gold(h)}")
        for start, end in h.mentions[:3]:
            lines.append(f"    {_sentence(raw_texts[h.article_id], (start, end))}")
        near = [s for s in score.scored if s.event.article_id == h.article_id and _overlaps(s.span, h.mentions)]
        lines += [f"    system there: {_describe(s.event)}" for s in near]
    return lines


def format_score(name: str, score: EventScore) -> str:
    f = score.figures()
    articles = len({h.article_id for h in score.happenings})
    lines = [
        f"{name}: {articles} articles, {f['gold']} happenings ({f['key']} key), {f['system']} system events",
        f"  precision        {f['precision']:.3f}  ({f['correct']} of {f['system']} events match a happening)",
        f"  recall           {f['recall']:.3f}  lenient (actor2 right or empty)",
        f"  recall strict    {f['recall_strict']:.3f}  (actor2 and context right too)",
        f"  key recall       {f['key_recall']:.3f}  (strict {f['key_recall_strict']:.3f})",
        f"  events per found happening {f['events_per_found']:.2f}",
        f"  on the {f['typed_matches']} events whose sentence and type match a happening:",
        "    " + "  ".join(f"{n} {f[n + '_accuracy']:.3f}" for n in ("actor1", "actor2", "date", "context")),
        f"  the same on key happenings ({f['key_typed_matches']} events):",
        "    " + "  ".join(f"{n} {f['key_' + n + '_accuracy']:.3f}" for n in ("actor1", "actor2", "date", "context")),
        "  precision by confidence: " + ", ".join(f"{band}: {p:.2f} ({n})" for band, n, p in score.by_confidence()),
        "  at or above a confidence: " + ", ".join(
            "≥{:.1f}: {:.2f} ({})".format(t, *reversed(score.at_least(t))) for t in (0.5, 0.6, 0.7, 0.8, 0.9)),
    ]
    if score.unmapped:
        lines.append(f"  warning: {score.unmapped} event sentence(s) not found in the corpus text")
    return "\n".join(lines)
