"""Leave-one-topic-out tuning on hand-made topics whose answer is known (no model needed)."""
from __future__ import annotations

from datetime import date, timedelta

from timeline.analysis import keydates
from timeline.evaluate import t17, t17_loo
from timeline.schema import Article

MARCH = date(2011, 3, 1)


def day(n: int) -> date:
    return MARCH + timedelta(days=n - 1)


def make_topic(name: str, remembered: list[int], busy: list[int], gold: list[int]) -> t17.Topic:
    """Each ``remembered`` day is named by one article written 10 days later; each ``busy`` day by
    three articles written on the day. The window runs from day 1 to day 40 (a gold date no
    article names)."""
    articles, signals = [], {}

    def add(published: date, named: date) -> None:
        text = f"Rebels took the port of Brega on {named:%d %B}."
        article = Article(id=f"{name}-{len(articles)}", text=text, source="wire", published=published)
        articles.append(article)
        first = named.isoformat()
        signals[article.id] = {"mentions": [[0, len(text), first, first, "day", "explicit", "DATE"]],
                               "lede": [], "event": {f"0:{len(text)}": True}}

    for n in remembered:
        add(day(n + 10), day(n))
    for n in busy:
        for _ in range(3):
            add(day(n), day(n))
    timeline = tuple(sorted({day(n) for n in gold} | {day(1), day(40)}))
    return t17.Topic(name, tuple(articles), signals, (("timeline.json", timeline),))


GRID = {"coverage_exponent": (0.0,), "later": (0.0, 1.0)}
FLAT = keydates.Weights(later_days=0)


def test_each_held_out_topic_is_scored_with_weights_chosen_without_it():
    # Every topic's journalists chose the days the news came back to: the graded lag finds them.
    topics = [make_topic(n, remembered=[1, 3, 5], busy=[20, 22, 24], gold=[1, 3, 5]) for n in "ABC"]
    result = t17_loo.leave_one_out(t17_loo.Tuner(topics, FLAT), GRID)
    assert [f.held_out for f in result.folds] == ["A", "B", "C"]
    assert all(f.chosen == {"coverage_exponent": 0.0, "later": 1.0} for f in result.folds)
    assert [round(f.f1, 3) for f in result.folds] == [0.75, 0.75, 0.75]  # day 40 is never named
    assert all({s.topic for s in f.scores} == {f.held_out} for f in result.folds)

    # C's journalists now want the busy days instead. Its fold must not notice: its weights come
    # from A and B, so it keeps the graded lag and scores what that earns on C.
    changed = topics[:2] + [make_topic("C", remembered=[1, 3, 5], busy=[20, 22, 24], gold=[20, 22, 24])]
    again = t17_loo.leave_one_out(t17_loo.Tuner(changed, FLAT), GRID)
    held_c = again.folds[2]
    assert held_c.chosen == {"coverage_exponent": 0.0, "later": 1.0}
    # gold 1, 20, 22, 24, 40: the lag picks 1, 3, 5, 20, 22 (3 of 5); C alone would have chosen
    # later 0 and picked 20, 22, 24, 1, 3 (4 of 5)
    assert round(held_c.f1, 3) == 0.6
    assert again.mean < result.mean


def test_a_tie_goes_to_the_value_that_turns_a_signal_off():
    # Only remembered days, all gold: with or without the graded lag the same days are picked.
    topics = [make_topic(n, remembered=[1, 3, 5], busy=[], gold=[1, 3, 5]) for n in "AB"]
    result = t17_loo.leave_one_out(t17_loo.Tuner(topics, FLAT), GRID)
    assert result.chosen == {"coverage_exponent": 0.0, "later": 0.0}
    assert all(f.chosen["later"] == 0.0 for f in result.folds)


def test_the_report_puts_held_out_scores_beside_both_baselines():
    topics = [make_topic(n, remembered=[1, 3, 5], busy=[20, 22, 24], gold=[1, 3, 5]) for n in "AB"]
    tuner = t17_loo.Tuner(topics, FLAT)
    result = t17_loo.leave_one_out(tuner, GRID)
    baselines = [t17.score_window(w, FLAT) for t in topics for w in t17.windows(t)]
    table = t17_loo.loo_report(result, baselines)
    # publication counting picks the busy days and day 11 (none gold); mention counting the busy
    # days and day 1, the earliest of the days named once
    assert "| A | 0.750 | 0.000 | 0.250 | coverage_exponent 0, later 1 |" in table
    assert "| **leave-one-topic-out mean** | **0.750** | 0.000 | 0.250 |" in table


def test_trials_keep_a_signal_only_when_the_leave_one_out_mean_rises():
    # remembered and busy days share one busy fortnight: dividing by coverage cannot tell them apart
    topics = [make_topic(n, remembered=[21, 23, 25], busy=[20, 22, 24], gold=[21, 23, 25]) for n in "ABC"]
    wanted = ("burst", "spread: a mention votes", "no discount for any")
    trials = [t for t in t17_loo.TRIALS if t.name.startswith(wanted)]
    results = t17_loo.run_trials(topics, trials, passes=1)
    by_name = {r.trial: r for r in results}
    assert results[0].trial == t17_loo.BEFORE.name and results[0].kept
    lag = next(r for name, r in by_name.items() if name.startswith("spread: a mention votes"))
    assert lag.kept and lag.result.mean > results[0].result.mean
    burst = next(r for name, r in by_name.items() if name.startswith("burst"))
    assert not burst.kept and burst.result.mean <= lag.result.mean
    kept_means = [r.result.mean for r in results if r.kept]
    assert kept_means == sorted(kept_means)  # each kept trial raised the mean
    table = t17_loo.trials_report(results)
    assert table.count("| yes |") == sum(r.kept for r in results[1:]) and "| no |" in table
    assert "| (start) |" in table
