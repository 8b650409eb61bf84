"""Calibrated confidence: features of an event, the model applied, its fit and the command that refits it."""
from __future__ import annotations

import dataclasses
import re
from datetime import date
import subprocess
import sys

import numpy as np
import pytest

from conftest import ROOT
from sample_events import PUTIN, TRUMP, UKRAINE, event
from timeline.evaluate.calibration import design, fit, leave_one_article_out, predict
from timeline.schema import Article
from timeline.extract.confidence import (FEATURES, AtMinimum, Calibration, ConfidenceTableError, calibrate,
                                         default_calibration, features, read_figures, what_minimum_buys,
                                         write_figures)

# A clear telling: a verb, an explicit day, both actors named in the sentence, from the actor table.
CLEAR = dataclasses.replace(
    event(1, PUTIN, TRUMP), confidence=0.9,
    reason="trigger 'met' → CONSULT; actor1 'Putin' → Vladimir Putin (actor table); "
           "actor2 'Trump' → Donald Trump (actor table); date from '13 March' (the clause's own date)")
# A weak one: a noun, no date, a plan, a provisional actor, actor2 read from the rest of the article, quoted.
WEAK = dataclasses.replace(
    event(2, PUTIN, UKRAINE, day=None, precision="unknown", context="future", quad=4,
          event_type="ASSAULT"),
    actor1="new:some-analyst", actor1_name="Some Analyst", actor1_text="he", actor2_text="", quote=True, confidence=0.5, attribution="claimed",
    reason="trigger 'offensive' (noun) → ASSAULT; actor1 'he' = the speaker, Some Analyst; reported by Some "
           "Analyst; no date in the text; future tense; in a quotation; actor2 Ukraine: the other side of the "
           "attacks this article names")


def test_features_of_a_clear_event():
    f = features(CLEAR)
    assert list(f) == list(FEATURES)
    assert f["rule_score"] == 0.9 and f["date_day"] == 1.0
    for name in ("noun_trigger", "date_relative", "date_context", "date_tense", "date_unknown", "future",
                 "hypothetical", "negated", "historical", "actor1_new", "actor1_pronoun", "actor2_none",
                 "actor2_from_article", "quote", "claimed", "reported_by", "more_mentions", "mode"):
        assert f[name] == 0.0, name


def test_features_of_a_weak_event():
    f = features(WEAK)
    for name in ("noun_trigger", "date_unknown", "future", "actor1_new", "actor1_pronoun", "actor2_from_article",
                 "material_conflict", "quote", "claimed", "reported_by"):
        assert f[name] == 1.0, name
    for name in ("date_day", "date_relative", "actor2_none", "historical", "verbal_conflict"):
        assert f[name] == 0.0, name
    assert f["rule_score"] == 0.5


def test_a_noun_word_elsewhere_in_the_reason_is_not_a_noun_trigger():
    other = dataclasses.replace(CLEAR, reason=CLEAR.reason + "; actor2 'the talks (noun)' → Donald Trump")
    assert features(other)["noun_trigger"] == 0.0


def test_the_model_applied_says_so_and_keeps_the_rule_score():
    model = Calibration(intercept=-1.0, weights={"rule_score": 2.0, "noun_trigger": -3.0})
    clear, weak = model.apply(CLEAR), model.apply(WEAK)
    assert clear.confidence == round(1 / (1 + np.exp(-(-1.0 + 2.0 * 0.9))), 2) == 0.69
    assert weak.confidence == round(1 / (1 + np.exp(-(-1.0 + 1.0 - 3.0))), 2) == 0.05
    assert clear.reason.endswith("; confidence 0.69 (calibrated; rule score 0.90)")
    assert clear.reason.startswith(CLEAR.reason) and "calibrated" not in CLEAR.reason
    assert dataclasses.replace(clear, confidence=CLEAR.confidence, reason=CLEAR.reason) == CLEAR  # nothing else moves


def test_the_shipped_weights_trust_a_clear_event_more_than_a_weak_one():
    clear, weak = calibrate([CLEAR, WEAK])
    assert 0.0 < weak.confidence < clear.confidence < 1.0
    assert set(default_calibration().weights) == set(FEATURES)


def test_weights_table_round_trips(tmp_path):
    model = Calibration(0.25, {name: 0.1 * i for i, name in enumerate(FEATURES)})
    path = tmp_path / "confidence.csv"
    model.write(path, ["fitted by hand", "for a test"])
    assert path.read_text().startswith("# fitted by hand\n# for a test\nfeature,weight,meaning\nintercept,0.2500,")
    back = Calibration.read(path)
    assert back.intercept == 0.25 and back.weights == pytest.approx(model.weights)


@pytest.mark.parametrize("row, problem", [("hunch,0.5,", "line 4: unknown feature 'hunch'"),
                                          ("quote,heavy,", "line 4: weight 'heavy' is not a number")])
def test_a_bad_weights_row_names_its_line(tmp_path, row, problem):
    path = tmp_path / "confidence.csv"
    path.write_text(f"# weights\nfeature,weight,meaning\nintercept,0.1,\n{row}\n")
    with pytest.raises(ConfidenceTableError, match=re.escape(problem)):
        Calibration.read(path)


def test_a_weights_table_without_intercept_is_refused(tmp_path):
    path = tmp_path / "confidence.csv"
    path.write_text("feature,weight\nquote,0.1\n")
    with pytest.raises(ConfidenceTableError, match="no intercept"):
        Calibration.read(path)


def labelled(n_articles: int = 4) -> tuple[list, list[bool]]:
    """Clear events right, weak ones wrong, in each of ``n_articles`` articles (one event in four the other way)."""
    events, right = [], []
    for a in range(n_articles):
        for k in range(8):
            good = (k % 2 == 0) != (k == 7)
            events.append(dataclasses.replace(CLEAR if k % 2 == 0 else WEAK, article_id=f"art{a}", event_id=f"{a}-{k}"))
            right.append(good)
    return events, right


def test_fit_learns_which_features_go_with_right_events():
    events, right = labelled()
    model = fit(design(events), right)
    p = predict(model, design([CLEAR, WEAK]))
    assert p[0] > 0.7 and p[1] < 0.3
    assert model.weights["noun_trigger"] < 0 and model.weights["date_unknown"] < 0
    assert model.weights["hypothetical"] == pytest.approx(0.0, abs=1e-6)  # never seen: the penalty keeps it 0


def test_a_stronger_penalty_shrinks_the_weights():
    events, right = labelled()
    x = design(events)
    loose, tight = fit(x, right, l2=0.1), fit(x, right, l2=10.0)
    assert sum(w * w for w in tight.weights.values()) < sum(w * w for w in loose.weights.values())


def test_leave_one_article_out_never_sees_the_held_out_labels():
    events, right = labelled()
    held = [e.article_id == "art0" for e in events]
    flipped = [r != h for r, h in zip(right, held)]  # every label of art0 turned over
    a, b = leave_one_article_out(events, right), leave_one_article_out(events, flipped)
    assert np.allclose(a[held], b[held])  # art0's predictions do not move
    assert not np.allclose(a[~np.array(held)], b[~np.array(held)])  # the others learn from art0's labels


FIGURES = [AtMinimum(0.0, 200, 200, 90), AtMinimum(0.4, 200, 120, 72), AtMinimum(0.8, 200, 20, 15),
           AtMinimum(0.9, 200, 0, 0)]


def test_what_a_minimum_buys():
    assert what_minimum_buys(0.0, FIGURES) == "All events: about 45% of them right on the development gold."
    said = what_minimum_buys(0.8, FIGURES)
    assert said.startswith("At ≥ 0.80: about 75% of events right") and "keeping 10% of them" in said
    assert "60%" in what_minimum_buys(0.5, FIGURES)  # between two measured minimums: the lower one's figures
    assert what_minimum_buys(0.95, FIGURES) == "At ≥ 0.95: no event of the development gold reached this confidence."
    assert what_minimum_buys(0.8, []) == ""


def test_figures_round_trip_and_a_missing_file_gives_none(tmp_path):
    path = tmp_path / "figures.csv"
    write_figures(path, FIGURES, ["measured by hand"])
    assert read_figures(path) == FIGURES
    assert read_figures(tmp_path / "absent.csv") == []
    (tmp_path / "bad.csv").write_text("minimum,events\n0.5,x\n")
    assert read_figures(tmp_path / "bad.csv") == []


def test_the_shipped_figures_are_readable():
    figures = read_figures()
    assert figures and figures[0].minimum == 0.0 and figures[0].kept == figures[0].events > 0
    assert all(a.kept >= b.kept for a, b in zip(figures, figures[1:]))  # a higher minimum keeps fewer


def test_extraction_ends_with_the_calibrated_confidence(nlp):
    from timeline.extract.events import extract_events, extract_many

    article = Article(id="t", text="Putin met Trump in Riyadh on 13 March.", published=date(2025, 3, 14))
    calibrated, = extract_events(article, nlp)
    (_, (rule,)), = extract_many([article], nlp, calibrated=False)
    assert calibrated.reason.endswith(f"(calibrated; rule score {rule.confidence:.2f})")
    assert "calibrated" not in rule.reason
    assert calibrated.confidence == default_calibration().apply(rule).confidence


def test_the_fit_command_prints_the_table_and_writes_the_weights(shared, tmp_path):
    """The figures are computed on the real gold (their values are the README's business, not this test's)."""
    gold = shared / "eval" / "ukraine-2025.events.gold.jsonl"
    out = tmp_path / "confidence.csv"
    done = subprocess.run([sys.executable, "-m", "timeline", "evaluate", "events", str(gold), "--fit-confidence", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "leave-one-article-out over 12 articles" in done.stdout
    for label in ("≥0.8", "≥0.9"):
        row = next(line for line in done.stdout.splitlines() if line.strip().startswith(label)).split()
        rule_n, rule_p, cal_n, cal_p = int(row[1]), float(row[2]), int(row[3]), float(row[4])
        assert rule_n > 0 and 0.0 <= rule_p <= 1.0 and cal_n >= 0 and 0.0 <= cal_p <= 1.0
    brier = next(line for line in done.stdout.splitlines() if "Brier score" in line).split()
    assert all(0.0 < float(b) < 1.0 for b in brier[2:4])
    model = Calibration.read(out)
    assert set(model.weights) == set(FEATURES)
    figures = read_figures(tmp_path / "confidence_figures.csv")
    assert [f.minimum for f in figures][:3] == [0.0, 0.05, 0.1] and figures[0].kept == figures[0].events > 0
    assert "warning" not in done.stderr
