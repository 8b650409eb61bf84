"""timeline.evaluate.tempeval: TimeML reading and TempEval-3 Task A scoring."""
from __future__ import annotations

import pytest

from timeline.dates.tagger import find_timexes
from timeline.evaluate.tempeval import read_folder, read_timeml, score_document, score_tempeval, TimexScore
from timeline.schema import Timex

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>toy</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-20" functionInDocument="CREATION_TIME">20130320</TIMEX3></DCT>
<TEXT>
<TIMEX3 tid="t0" type="DATE" value="2013-03-20">2013-03-20</TIMEX3>
Talks &amp; <EVENT eid="e1">votes</EVENT> ended on <TIMEX3 tid="t1" type="DATE" value="2013-03-18">Monday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3>, <TIMEX3 tid="t3" type="DATE" value="2013-W12">this week</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def toy(tmp_path):
    path = tmp_path / "toy.tml"
    path.write_text(TML, encoding="utf-8")
    return path


def _t(text: str, doc_text: str, type_: str, value: str) -> Timex:
    begin = doc_text.index(text)
    return Timex(text, begin, begin + len(text), type_, value)


def test_read_timeml_gives_plain_text_offsets_and_drops_the_dct(toy):
    doc = read_timeml(toy)
    assert doc.dct.isoformat() == "2013-03-20"
    assert "<" not in doc.text and "Talks & votes" in doc.text
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("Monday", "DATE", "2013-03-18"), ("three years", "DURATION", "P3Y"), ("this week", "DATE", "2013-W12")]
    assert all(doc.text[g.begin:g.end] == g.text for g in doc.gold)
    assert [doc.text[b:e] for b, e in doc.ignored] == ["2013-03-20"]


def test_strict_relaxed_type_value_and_value_f1(toy):
    doc = read_timeml(toy)
    found = [
        _t("Monday", doc.text, "DATE", "2013-03-18"),  # exact, right
        _t("years", doc.text, "DURATION", "P2Y"),  # overlapping only, wrong value
        _t("Talks", doc.text, "DATE", "PRESENT_REF"),  # spurious
        _t("2013-03-20", doc.text, "DATE", "2013-03-20"),  # the DCT copy: not scored
    ]
    score = TimexScore()
    score_document(doc, found, score, keep_errors=True)
    f = score.figures()
    assert (score.gold, score.system, score.strict, score.relaxed) == (3, 3, 1, 2)
    assert f["relaxed_f1"] == pytest.approx(2 / 3)
    assert f["strict_f1"] == pytest.approx(1 / 3)
    assert f["value_acc"] == pytest.approx(0.5) and f["type_acc"] == 1.0
    assert f["value_f1"] == pytest.approx(2 / 3 * 0.5)
    kinds = sorted(e.split("\t")[1] for e in score.errors)
    assert kinds == ["MISSED", "SPURIOUS", "WRONG"]


def test_matching_is_one_to_one(toy):
    doc = read_timeml(toy)
    found = [_t("three", doc.text, "DURATION", "P3Y"), _t("years", doc.text, "DURATION", "P3Y")]
    score = TimexScore()
    score_document(doc, found, score)
    assert (score.relaxed, score.system) == (1, 2)


def test_a_bad_file_is_reported_and_the_rest_go_on(tmp_path, toy):
    (tmp_path / "broken.tml").write_text("<TimeML><TEXT>no dct</TEXT></TimeML>", encoding="utf-8")
    docs, errors = read_folder(tmp_path)
    assert [d.name for d in docs] == ["toy"]
    assert len(errors) == 1 and "broken.tml" in errors[0] and "DCT" in errors[0]


def test_our_tagger_on_the_toy_document(toy):
    doc = read_timeml(toy)
    f = score_tempeval([doc], lambda text, dct: find_timexes(text, dct)).figures()
    assert f["value_f1"] == 1.0


def test_cli_prints_the_figures(toy, capsys):
    import argparse

    from timeline.commands import evaluate

    parser = argparse.ArgumentParser()
    evaluate.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["evaluate", "tempeval", str(toy.parent), "--errors"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "value F1 100.00" in out and "strict" in out and "relaxed" in out


@pytest.mark.parametrize("corpus, narrative, floor", [
    ("tempeval3-train/TimeBank", False, 0.70),
    ("tempeval3-train/AQUAINT", False, 0.70),
    ("wikiwars", True, 0.75),
])
def test_value_f1_on_a_slice_of_the_shared_data_stays_above_a_floor(shared, corpus, narrative, floor):
    docs, errors = read_folder(shared / "eval" / corpus)
    assert not errors
    docs = docs[:25]
    f = score_tempeval(docs, lambda text, dct: find_timexes(text, dct, narrative=narrative)).figures()
    assert f["value_f1"] >= floor, f
    assert f["relaxed_f1"] >= 0.85, f
