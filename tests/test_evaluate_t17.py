"""The Timeline17 scorer (news-tls protocol) on a tiny synthetic topic whose answer is known."""
from __future__ import annotations

import json
import shutil
from dataclasses import astuple
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from timeline.evaluate import t17
from timeline.dates.tagger import find_timexes


def test_date_prf_counts_shared_dates():
    gold = [date(2011, 3, d) for d in (1, 2, 3, 4)]
    assert t17.date_prf(gold, gold) == t17.Score(1.0, 1.0, 1.0)
    p, r, f = astuple(t17.date_prf([date(2011, 3, 1), date(2011, 3, 9)], gold))
    assert (p, r) == (0.5, 0.25) and f == pytest.approx(1 / 3)
    assert t17.date_prf([], gold) == t17.Score(0.0, 0.0, 0.0)


def test_read_gold_names_the_bad_file(tmp_path):
    good = tmp_path / "timeline.json"
    good.write_text(json.dumps([{"date": "2011-03-02", "text": "x"}, {"date": "2011-03-01T00:00:00", "text": "y"},
                                {"date": "2011-03-02", "text": "z"}]))
    assert t17.read_gold(good) == [date(2011, 3, 1), date(2011, 3, 2)]
    bad = tmp_path / "bad-timeline.json"
    bad.write_text(json.dumps([{"when": "2011-03-02"}]))
    with pytest.raises(ValueError, match="bad-timeline.json"):
        t17.read_gold(bad)


def test_sentence_spans_cover_each_sentence_once():
    text = 'Rebels took the town on Monday. "We won," a fighter said. NATO met on 2 March.'
    spans = t17.sentence_spans(text)
    assert [text[b:e] for b, e in spans] == ["Rebels took the town on Monday.", '"We won," a fighter said.',
                                             "NATO met on 2 March."]


def test_a_timeline_article_is_read_as_a_narrative_and_a_news_story_is_not():
    published = date(2012, 7, 18)
    backgrounder = ("The uprising began in March 2011. Troops stormed Jisr al-Shughour on 6 June 2011. "
                    "Villages were shelled on 20 December 2011. The council met on 21 March 2012.")
    news = "Troops shelled the city on Tuesday. The council met on 21 March 2012 and again on Monday."
    assert t17.is_retrospective(find_timexes(backgrounder, published), published)
    assert not t17.is_retrospective(find_timexes(news, published), published)
    assert not t17.is_retrospective(find_timexes(backgrounder, None), None)


# Six short reports (written for this test) between 1 and 6 March 2011: the capture of the town on
# 2 March and the vote on 4 March are reported again and again; 5 March has the most publications.
STORIES = [
    ("1", "2011-03-01", "Fighting spread to the coast on Tuesday. Officials said talks would continue."),
    ("2", "2011-03-03", "Rebels captured the town of Brega on Wednesday. Residents fled east."),
    ("3", "2011-03-05", "The Security Council voted on Friday to impose sanctions. Rebels captured Brega on 2 March."),
    ("4", "2011-03-05", "Diplomats welcomed the vote on 4 March. The capture of Brega on Wednesday changed the war."),
    ("5", "2011-03-05", "Markets were calm. Analysts expect more talks."),
    ("6", "2011-03-06", "After rebels captured Brega on 2 March and the council voted on 4 March, fighting paused."),
]


@pytest.fixture()
def topic_dir(tmp_path):
    topic = tmp_path / "t17" / "Brega_test"
    topic.mkdir(parents=True)
    lines = [json.dumps({"id": f"Brega_test-{i}", "title": None, "source": "test", "published": d, "url": None,
                         "language": "en", "text": text}) for i, d, text in STORIES]
    (topic / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (topic / "timeline.json").write_text(json.dumps([
        {"date": "2011-03-01", "text": "Fighting spreads."}, {"date": "2011-03-02", "text": "Brega falls."},
        {"date": "2011-03-04", "text": "Sanctions vote."}, {"date": "2011-03-06", "text": "Fighting pauses."}]))
    (tmp_path / "t17" / "not_a_topic").mkdir()
    return tmp_path / "t17"


def test_scorer_on_a_synthetic_topic(topic_dir, tmp_path, nlp):
    cache = tmp_path / "cache"
    scores = t17.evaluate_dir(topic_dir, nlp, cache)
    assert len(scores) == 1
    s = scores[0]
    assert (s.topic, s.k, s.articles) == ("Brega_test", 4, 6)
    # Ours finds the two days the reports keep returning to; publication counting can only pick
    # publication days, and 2 March and 4 March were never one.
    assert s.ours.f1 >= 0.75 and s.ours.precision == s.ours.recall
    assert s.publications.f1 == pytest.approx(0.5)
    # Mention counting: 2 March is named 4 times, 4 March 3 times, 1 March once ("Tuesday" on the
    # 1st); no other day is named, so it picks three days, all of them gold.
    assert astuple(s.mentions) == pytest.approx((1.0, 0.75, 6 / 7))
    cached = (cache / "Brega_test.json").read_text(encoding="utf-8")
    assert "Brega" not in cached.replace("Brega_test", "")  # offsets and dates only, never text
    assert t17.evaluate_dir(topic_dir, nlp, cache) == scores  # served from the cache
    table = t17.report(scores)
    assert "| Brega_test | timeline.json | 4 | 6 |" in table and "0.481" in table and "published" in table
    assert "mention counting" in table and "0.857" in table


def test_picks_stay_inside_the_gold_window(topic_dir, nlp):
    (topic_dir / "Brega_test" / "short-timeline.json").write_text(json.dumps([
        {"date": "2011-03-03", "text": "a"}, {"date": "2011-03-05", "text": "b"}]))
    scores = {s.timeline: s for s in t17.evaluate_dir(topic_dir, nlp)}
    short = scores["short-timeline.json"]
    assert short.k == 2 and short.articles == 4  # articles published 3..5 March only
    assert set(scores) == {"short-timeline.json", "timeline.json"}


def test_evaluate_t17_command_prints_the_table(topic_dir, tmp_path, capsys):
    from timeline.__main__ import main

    assert main(["evaluate", "t17", str(topic_dir), "--cache", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert "| Brega_test | timeline.json | 4 | 6 |" in out and "Datewise (published, all Timeline17)" in out
    assert "Leave one topic out" not in out
    assert main(["evaluate", "t17", str(tmp_path / "missing")]) == 2
    assert main(["evaluate", "t17", str(topic_dir), "--trials"]) == 2
    assert "--trials needs --loo" in capsys.readouterr().err
    assert main(["evaluate", "t17", str(topic_dir), "--loo", "--cache", str(tmp_path / "c")]) == 2
    assert "at least two topics" in capsys.readouterr().err


def test_evaluate_t17_loo_prints_held_out_scores_beside_the_baselines(topic_dir, tmp_path, capsys):
    from timeline.__main__ import main

    shutil.copytree(topic_dir / "Brega_test", topic_dir / "Brega_again")
    assert main(["evaluate", "t17", str(topic_dir), "--loo", "--cache", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert "| Brega_again | " in out and "| **leave-one-topic-out mean** |" in out
    assert "keydates.WEIGHTS (" in out and "Signals tried" not in out


def test_pick_is_exactly_what_rank_returns(topic_dir, nlp):
    from timeline.analysis import keydates

    topic = t17.load_topics(topic_dir, nlp)[0]
    window = t17.windows(topic)[0]
    events = t17.signal_events(topic.articles, topic.signals)
    ranked = keydates.rank(events, top=window.k, start=window.gold[0], end=window.gold[-1])
    assert t17.pick(window) == [k.date for k in ranked]
    flat = keydates.Weights(later=0, later_days=0, coverage_exponent=0)
    ranked = keydates.rank(events, top=window.k, start=window.gold[0], end=window.gold[-1], weights=flat)
    assert t17.pick(window, flat) == [k.date for k in ranked]


def test_the_extractor_path_ranks_the_dashboards_own_events(topic_dir, tmp_path, nlp):
    topic = t17.load_topics(topic_dir, nlp, tmp_path / "c", extractor=True)[0]
    assert list(topic.events.columns) == list(t17.EVENT_CACHE_FIELDS) and len(topic.events)
    cached = (tmp_path / "c" / "Brega_test.events.json").read_text(encoding="utf-8")
    assert "Brega" not in cached.replace("Brega_test", "") and "voted" not in cached  # no text
    picked = t17.pick(t17.windows(topic)[0])
    assert date(2011, 3, 4) in picked  # "The Security Council voted on Friday" (5 March)
    assert set(picked) <= set(pd.to_datetime(topic.events["date_start"]).dt.date)
    again = t17.load_topics(topic_dir, nlp, tmp_path / "c", extractor=True)[0]  # served from the cache
    assert again.events.equals(topic.events)


def test_signals_cache_is_rebuilt_when_grammar_or_relative_changes(tmp_path):
    """Regression: the cache key hashed tagger.py, rules.py and values.py only, so a change to
    dates/grammar.py or dates/relative.py reused signals made by the old rules."""
    package = Path(t17.__file__).resolve().parent.parent / "dates"
    copy = tmp_path / "dates"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert t17._source_fingerprint(package) == t17._source_fingerprint(copy)
    before = t17._source_fingerprint(copy)
    for name in ("grammar.py", "relative.py"):
        with (copy / name).open("a", encoding="utf-8") as handle:
            handle.write("\n# changed\n")
        changed = t17._source_fingerprint(copy)
        assert changed != before, name
        before = changed
    (copy / "notes.txt").write_text("not code", encoding="utf-8")
    assert t17._source_fingerprint(copy) == before
