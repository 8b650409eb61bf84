"""Scorer: who says so. System events' ``attribution`` and ``claimed_by``/``denied_by`` against an
attribution annotation of the gold happenings (tests/data/ukraine-2025.attribution.jsonl).

The annotation lists, per gold happening, its attribution (``reported`` unless listed), the parties
that claim and deny it, labels also acceptable (``alt``), per-mention exceptions (``mentions``: the
mention's index -> its own labels), and ``folds_into`` for a denial the issue-14 convention keeps as
the evidence of the happening it denies rather than as a REJECT.

Events are compared on their sentence: each system event whose sentence overlaps a mention of a gold
happening of its type (the events scorer's candidates) is compared with the label of that mention.
"Attributed" means anything but ``reported``. Who says so is right when the party the system names
(claimed_by; denied_by for a denial) is one of the annotation's names for it, case-folded; an unnamed
source is the name "".
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from timeline.evaluate.events import EventScore, GoldError, Happening, _fields, _overlaps
from timeline.schema import ATTRIBUTIONS, Event

CLASSES = ("claimed", "denied", "disputed")


@dataclass(frozen=True)
class Label:
    attribution: str
    claimed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    alt: tuple[str, ...] = ()

    @property
    def acceptable(self) -> frozenset[str]:
        return frozenset((self.attribution, *self.alt))

    def parties(self, attribution: str) -> frozenset[str]:
        names = self.denied_by if attribution == "denied" else self.claimed_by
        return frozenset(n.casefold() for n in names)


REPORTED = Label("reported")


@dataclass(frozen=True)
class GoldAttribution:
    label: Label
    mentions: dict[int, Label] = field(default_factory=dict)
    folds_into: tuple[str, ...] = ()

    def at(self, index: int) -> Label:
        return self.mentions.get(index, self.label)


def _label(record: dict, inherit: Label | None = None) -> Label:
    attribution = record.get("attribution", inherit.attribution if inherit else "reported")
    if attribution not in ATTRIBUTIONS:
        raise ValueError(f"attribution {attribution!r} is not one of {list(ATTRIBUTIONS)}")
    return Label(attribution, tuple(record.get("claimed_by", inherit.claimed_by if inherit else ())),
                 tuple(record.get("denied_by", inherit.denied_by if inherit else ())), tuple(record.get("alt", ())))


def read_attribution(path: Path) -> dict[str, GoldAttribution]:
    """gid -> its attribution annotation; a malformed line is an error naming its line."""
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            label = _label(record)
            mentions = {int(k): _label(v, label) for k, v in (record.get("mentions") or {}).items()}
            folds = record.get("folds_into") or ()
            out[record["gid"]] = GoldAttribution(label, mentions, (folds,) if isinstance(folds, str) else tuple(folds))
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}, line {n}: {exc!r}") from None
    return out


def _attributed(attribution: str) -> bool:
    return attribution != "reported"


def _named(field: str, wanted: frozenset[str]) -> bool:
    return any(name.strip().casefold() in wanted for name in (field.split("; ") if field else [""]))


def _party_right(event: Event, gold: Label) -> bool:
    """The party the event names is one of the gold's; for a dispute, the denier too (when named)."""
    names = event.denied_by if event.attribution == "denied" else event.claimed_by
    if not _named(names, gold.parties(event.attribution if event.attribution in gold.acceptable else gold.attribution)):
        return False
    deniers = gold.parties("denied")
    return event.attribution != "disputed" or not deniers or _named(event.denied_by, deniers)


@dataclass
class Pair:
    event: Event
    gold: Label
    happening: Happening


@dataclass
class AttributionScore:
    pairs: list[Pair]
    disputed_gold: list[str]  # gids annotated disputed
    disputed_found: set[str]  # those with an event of theirs marked disputed
    disputed_typed: set[str]  # those with any event of theirs at all

    def figures(self) -> dict[str, float | int]:
        fig: dict[str, float | int] = {"compared": len(self.pairs)}
        fig["accuracy"] = _ratio(sum(p.event.attribution in p.gold.acceptable for p in self.pairs), len(self.pairs))
        for name, system, gold, right in self._classes():
            sys_n = sum(map(system, self.pairs))
            gold_n = sum(map(gold, self.pairs))
            fig[f"{name}_system"], fig[f"{name}_gold"] = sys_n, gold_n
            fig[f"{name}_precision"] = _ratio(sum(system(p) and right(p) for p in self.pairs), sys_n)
            fig[f"{name}_recall"] = _ratio(sum(gold(p) and system(p) for p in self.pairs), gold_n)
        said = [p for p in self.pairs if _attributed(p.event.attribution)]
        owed = [p for p in self.pairs if _attributed(p.gold.attribution)]
        fig["who_precision"] = _ratio(sum(any(map(_attributed, p.gold.acceptable)) and _party_right(p.event, p.gold)
                                          for p in said), len(said))
        fig["who_recall"] = _ratio(sum(_attributed(p.event.attribution) and _party_right(p.event, p.gold)
                                       for p in owed), len(owed))
        fig["disputed_happenings"] = len(self.disputed_gold)
        fig["disputed_happenings_found"] = len(self.disputed_found)
        fig["disputed_happenings_with_events"] = len(self.disputed_typed)
        return fig

    @staticmethod
    def _classes():
        yield ("attributed", lambda p: _attributed(p.event.attribution), lambda p: _attributed(p.gold.attribution),
               lambda p: any(map(_attributed, p.gold.acceptable)))
        for name in CLASSES:
            yield (name, lambda p, n=name: p.event.attribution == n, lambda p, n=name: p.gold.attribution == n,
                   lambda p, n=name: n in p.gold.acceptable)

    def errors(self) -> list[str]:
        lines = []
        for p in self.pairs:
            if p.event.attribution in p.gold.acceptable and (not _attributed(p.event.attribution)
                                                             or _party_right(p.event, p.gold)):
                continue
            e = p.event
            lines.append(f"- {p.happening.gid}: gold {p.gold.attribution} {list(p.gold.claimed_by)}"
                         f"{' denied by ' + str(list(p.gold.denied_by)) if p.gold.denied_by else ''}; "
                         f"system {e.attribution} claimed_by={e.claimed_by!r} denied_by={e.denied_by!r} "
                         f"({e.actor1_name} {e.event_type}) «{e.sentence[:120]}»")
        return lines


def score_attribution(score: EventScore, gold: dict[str, GoldAttribution]) -> AttributionScore:
    """Compare each system event with the attribution of the gold mention its sentence overlaps."""
    pairs = []
    typed: dict[str, list[Event]] = {}
    by_gid = {h.gid: h for h in score.happenings}
    for s in score.scored:
        # A denial folded into the happening it denies is that happening's evidence: an event made
        # from the denial's sentence is compared with the happening, not with the REJECT.
        folds = [by_gid[target] for h in score.happenings if (g := gold.get(h.gid))
                 and h.article_id == s.event.article_id and _overlaps(s.span, h.mentions)
                 for target in g.folds_into if s.event.event_type in by_gid[target].types]
        # a folded REJECT is no candidate of its own: the happenings it folds into stand for it
        candidates = [h for h in s.candidates if not (h.gid in gold and gold[h.gid].folds_into)] + folds
        if not candidates:
            continue
        matches = [h for h in s.matches if h in candidates]
        happening = matches[0] if matches else max(candidates, key=lambda h: sum(_fields(s.event, h).values()))
        index = next((i for i, m in enumerate(happening.mentions) if _overlaps(s.span, [m])), -1)
        annotation = gold.get(happening.gid)
        pairs.append(Pair(s.event, annotation.at(index) if annotation else REPORTED, happening))
        for h in candidates:
            typed.setdefault(h.gid, []).append(s.event)
    disputed = [gid for gid, g in gold.items() if g.label.attribution == "disputed"]
    return AttributionScore(pairs, disputed, {g for g in disputed if any(e.attribution == "disputed" for e in typed.get(g, ()))},
                            {g for g in disputed if g in typed})


def folded(happenings: list[Happening], gold: dict[str, GoldAttribution]) -> list[Happening]:
    """The gold without the denials that the issue-14 convention folds into the happening they deny."""
    return [h for h in happenings if not (h.gid in gold and gold[h.gid].folds_into)]


def format_attribution(score: AttributionScore) -> str:
    f = score.figures()
    lines = [f"attribution on the {f['compared']} events whose sentence and type match a gold happening:",
             f"  label accuracy {f['accuracy']:.3f}"]
    for name in ("attributed",) + CLASSES:
        lines.append(f"  {name:<10} precision {f[name + '_precision']:.3f} ({f[name + '_system']} system)  "
                     f"recall {f[name + '_recall']:.3f} ({f[name + '_gold']} gold)")
    lines.append(f"  who says so (claimed_by / denied_by)  precision {f['who_precision']:.3f}  recall {f['who_recall']:.3f}")
    lines.append(f"  disputed happenings: {f['disputed_happenings_found']} of {f['disputed_happenings']} marked disputed "
                 f"({f['disputed_happenings_with_events']} have an event of their type at all)")
    return "\n".join(lines)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0
