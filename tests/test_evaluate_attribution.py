"""The who-says-so scorer on hand-made gold and events (no model, no ../shared)."""
from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from store_fixtures import article, event
from timeline.evaluate.attribution import folded, read_attribution, score_attribution
from timeline.evaluate.events import GoldError, Happening, score_events

TEXT = "Russia said Ukraine struck a depot. Ukraine denied the allegations. Putin met Lukashenko."
CLAIM, DENIAL, MEETING = (0, 35), (36, 67), (68, 88)


def _happening(gid: str, actor1: str, kind: str, mentions, actor2=None) -> Happening:
    return Happening(gid, "a1", actor1, actor2, (), kind, (), "", date(2025, 3, 13), date(2025, 3, 13),
                     tuple(mentions), False)


GOLD = [_happening("g1", "Ukraine", "ASSAULT", [CLAIM]), _happening("g2", "Ukraine", "REJECT", [DENIAL]),
        _happening("g3", "Vladimir Putin", "CONSULT", [MEETING])]


@pytest.fixture()
def annotation(tmp_path):
    path = tmp_path / "attribution.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"gid": "g1", "attribution": "disputed", "claimed_by": ["Russia"], "denied_by": ["Ukraine"]},
        {"gid": "g2", "attribution": "reported", "folds_into": ["g1"]},
    ]) + "\n", encoding="utf-8")
    return read_attribution(path)


def _events():
    art = article("a1", TEXT)
    claim = event(art, TEXT[slice(*CLAIM)], actor1="Q212", actor1_name="Ukraine", event_type="ASSAULT", quad_class=4,
                  trigger="strike", offset=CLAIM[0], start=date(2025, 3, 13))
    evidence = event(art, TEXT[slice(*DENIAL)], actor1="Q212", actor1_name="Ukraine", event_type="ASSAULT",
                     quad_class=4, trigger="deny", offset=DENIAL[0], start=date(2025, 3, 13))
    meeting = event(art, TEXT[slice(*MEETING)], actor2="ct:alexander-lukashenko", actor2_name="Alexander Lukashenko",
                    event_type="CONSULT", trigger="meet", offset=MEETING[0], start=date(2025, 3, 13))
    return [dataclasses.replace(claim, attribution="disputed", claimed_by="Russia", denied_by="Ukraine"),
            dataclasses.replace(evidence, attribution="disputed", claimed_by="Russia", denied_by="Ukraine", context="negated"),
            dataclasses.replace(meeting, attribution="claimed", claimed_by="Belarus")]


def test_labels_parties_and_folded_denials_are_scored(annotation):
    score = score_events(GOLD, {"a1": TEXT}, {"a1": TEXT}, _events())
    result = score_attribution(score, annotation)
    f = result.figures()
    assert f["compared"] == 3  # the evidence event is compared with g1, the happening its REJECT folds into
    assert f["disputed_precision"] == 1.0 and f["disputed_recall"] == 1.0
    assert f["claimed_precision"] == 0.0 and f["claimed_system"] == 1  # the meeting is the outlet's own report
    assert f["attributed_precision"] == pytest.approx(2 / 3) and f["attributed_recall"] == 1.0
    assert f["who_precision"] == pytest.approx(2 / 3) and f["who_recall"] == 1.0
    assert (f["disputed_happenings"], f["disputed_happenings_found"]) == (1, 1)
    assert any("g3" in line and "claimed_by='Belarus'" in line for line in result.errors())
    assert not any(line.startswith("- g1") for line in result.errors())


def test_the_folded_gold_leaves_out_the_denials_that_became_evidence(annotation):
    assert [h.gid for h in folded(GOLD, annotation)] == ["g1", "g3"]


def test_a_bad_annotation_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"gid": "g1", "attribution": "rumoured"}\n', encoding="utf-8")
    with pytest.raises(GoldError, match="line 1"):
        read_attribution(path)
