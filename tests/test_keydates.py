"""Key-date ranking on hand-made events whose answer is known, and the ``keydates`` command."""
from __future__ import annotations

import argparse
import json
from datetime import date

import pandas as pd
import pytest

from timeline.analysis import keydates
from timeline.commands import keydates as keydates_cmd
from timeline.schema import Event

PUB = date(2025, 3, 20)


def ev(eid, article, day, *, source="bbc", precision="day", basis="explicit", end=None, published=PUB,
       actor1="", actor2="", context="", sentence=None, confidence=1.0):
    return Event(
        event_id=eid, article_id=article, source=source, url=None, published=published,
        date_start=day, date_end=end or day, date_precision=precision, date_value="", date_mod="",
        date_text="", date_basis=basis, actor1=actor1, actor1_name="", actor1_text="", actor2=actor2,
        actor2_name="", actor2_text="", event_type="", mode="", quad_class=0, context=context, trigger="",
        sentence=sentence or f"Something happened ({eid}).", sent_start=0, sent_end=1, quote=False,
        location="", lat=None, lon=None, confidence=confidence, reason="")


D13, D11, D5 = date(2025, 3, 13), date(2025, 3, 11), date(2025, 3, 5)


def corpus() -> list[Event]:
    """13 March reported by three articles from two sources; 11 March by one; the publication day only by tense."""
    return [
        ev("a1", "A", D13, sentence="Putin set conditions for a ceasefire in Moscow."),
        ev("b1", "B", D13, source="ap", sentence="Putin said a ceasefire needed conditions, in Moscow."),
        ev("c1", "C", D13, sentence="The Kremlin answered the ceasefire offer."),
        ev("a2", "A", D11, sentence="Ukraine accepted a 30-day ceasefire in Jeddah."),
        ev("t1", "A", PUB, basis="tense"), ev("t2", "B", PUB, basis="tense"),
    ]


def test_the_day_most_articles_report_comes_first_and_publication_day_last():
    ranked = keydates.rank(corpus(), top=None)
    assert [k.date for k in ranked] == [D13, D11, PUB]
    first = ranked[0]
    assert first.articles == 3 and first.sources == 2
    assert set(first.events) == {"a1", "b1", "c1"}
    assert "a2" not in first.events and "t1" not in first.events


def test_summary_is_a_sentence_of_that_day_sharing_its_vocabulary():
    first = keydates.rank(corpus(), top=1)[0]
    assert first.summary[0] in {"Putin set conditions for a ceasefire in Moscow.",
                                "Putin said a ceasefire needed conditions, in Moscow."}
    assert "Ukraine accepted a 30-day ceasefire in Jeddah." not in first.summary


def test_distinct_articles_outweigh_one_article_repeating_a_date():
    pub = date(2025, 3, 12)
    events = [ev(f"r{i}", "R", D5, published=pub) for i in range(6)] + [ev(x, x, D11, published=pub) for x in "XY"]
    assert [k.date for k in keydates.rank(events, top=2)] == [D11, D5]


def test_month_precision_never_votes_for_the_first_of_the_month():
    march = [ev(f"m{i}", f"M{i}", date(2025, 3, 1), precision="month", end=date(2025, 3, 31)) for i in range(5)]
    assert keydates.rank(march) == []
    ranked = keydates.rank(march + [ev("d", "D", D5)], top=None)
    assert [k.date for k in ranked] == [D5]
    assert all(k.date != date(2025, 3, 1) for k in ranked)


def test_week_precision_spreads_one_vote_over_its_days():
    week = ev("w", "W", date(2025, 3, 10), precision="week", end=date(2025, 3, 16))
    ranked = keydates.rank([week, ev("d", "D", D5)], top=None)
    days = {k.date: k.score for k in ranked}
    assert set(days) == {D5} | {date(2025, 3, d) for d in range(10, 17)}
    assert len({days[date(2025, 3, d)] for d in range(10, 17)}) == 1  # evenly
    assert ranked[0].date == D5 and days[date(2025, 3, 10)] < days[D5]


def test_dates_outside_start_end_are_never_returned():
    ranked = keydates.rank(corpus(), top=10, start="2025-03-12", end=date(2025, 3, 19))
    assert [k.date for k in ranked] == [D13]
    assert keydates.rank(corpus(), start=date(2025, 4, 1)) == []
    with pytest.raises(ValueError, match="after"):
        keydates.rank(corpus(), start="2025-03-20", end="2025-03-01")
    with pytest.raises(ValueError, match="not an ISO date"):
        keydates.rank(corpus(), start="13/03/2025")


def test_negated_hypothetical_and_undated_events_do_not_vote():
    events = [ev("n", "N", D5, context="negated"), ev("h", "H", D5, context="hypothetical"),
              ev("u", "U", D5, basis="unknown"), ev("ok", "K", D11)]
    assert [k.date for k in keydates.rank(events, top=None)] == [D11]


def test_a_date_the_article_gives_elsewhere_votes_like_its_own():
    lent = ev("c", "C", D5, basis="context")
    assert [k.date for k in keydates.rank([lent, ev("u", "U", D11, basis="unknown")], top=None)] == [D5]
    own = keydates.rank([ev("e", "C", D5)], top=1)[0]
    assert keydates.rank([lent], top=1)[0].score == own.score


def test_central_actors_raise_a_day():
    hub = [ev(f"g{i}", f"G{i}", date(2025, 2, 1), actor1="Q7747", actor2=f"Q{i}") for i in range(4)]
    events = hub + [ev("c", "C", D5, actor1="Q7747", actor2="Q212"), ev("p", "P", D11, actor1="Q0", actor2="Q1")]
    days = {k.date: k.score for k in keydates.rank(events, top=None)}
    assert days[D5] > days[D11]


def test_a_dataframe_ranks_exactly_like_the_records():
    frame = pd.DataFrame([e.as_dict() for e in corpus()])
    frame["date_start"] = pd.to_datetime(frame["date_start"])  # the store hands back timestamps
    assert keydates.rank(frame, top=None) == keydates.rank(corpus(), top=None)
    with pytest.raises(ValueError, match="date_basis"):
        keydates.rank(frame.drop(columns=["date_basis"]))


def test_a_quiet_periods_defining_day_is_not_drowned_by_a_busy_week():
    busy, quiet = date(2025, 3, 10), date(2025, 6, 10)
    events = [ev(f"b{i}", f"B{i}", busy, published=date(2025, 3, 11)) for i in range(3)]
    events += [ev(f"n{i}", f"N{i}", date(2025, 3, 9), basis="unknown", published=date(2025, 3, 11))
               for i in range(30)]  # 30 more articles that week, none of them about the 10th
    events += [ev(f"q{i}", f"Q{i}", quiet, published=date(2025, 6, 11)) for i in range(2)]
    assert [k.date for k in keydates.rank(events, top=None)] == [quiet, busy]
    assert [k.date for k in keydates.rank(events[:33], top=None)] == [busy]


def test_a_day_the_news_keeps_returning_to_outranks_one_reported_only_on_the_day():
    on_the_day, remembered = date(2025, 3, 3), date(2025, 3, 4)
    events = [ev("s1", "S1", on_the_day, published=on_the_day), ev("s2", "S2", on_the_day, published=on_the_day),
              ev("r1", "R1", remembered, published=date(2025, 3, 14)),
              ev("r2", "R2", remembered, published=date(2025, 4, 3))]
    ranked = keydates.rank(events, top=None)
    assert [k.date for k in ranked] == [remembered, on_the_day]
    assert (ranked[0].later_days, ranked[0].last_mention) == (2, date(2025, 4, 3))
    assert (ranked[1].later_days, ranked[1].last_mention) == (0, None)
    # without the spread signals the two days are alike: the tie goes to the earlier one
    flat = keydates.Weights(later=0, later_days=0, same_day=1, coverage_exponent=0)
    assert [k.date for k in keydates.rank(events, top=None, weights=flat)] == [on_the_day, remembered]


def test_distinct_later_days_count_not_later_articles():
    once, spread = date(2025, 3, 3), date(2025, 3, 4)
    events = [ev("o1", "O1", once, published=date(2025, 3, 10)), ev("o2", "O2", once, published=date(2025, 3, 10)),
              ev("p1", "P1", spread, published=date(2025, 3, 10)), ev("p2", "P2", spread, published=date(2025, 3, 11))]
    only_days = keydates.Weights(later=0, later_days=1, coverage_exponent=0)
    ranked = keydates.rank(events, top=None, weights=only_days)
    assert [k.date for k in ranked] == [spread, once]
    assert [k.later_days for k in ranked] == [2, 1]


def test_the_reason_says_who_reported_the_day_and_when_it_came_back():
    ranked = {k.date: k for k in keydates.rank(corpus(), top=None)}
    assert ranked[D13].reason == "3 articles from 2 sources; mentioned again on 1 later day, the last 7 days after"
    assert ranked[PUB].reason == "2 articles from 1 source; not mentioned again on a later day"
    lone = keydates.rank([ev("x", "X", D5, source="")], top=1)[0]
    assert lone.reason == "1 article; mentioned again on 1 later day, the last 15 days after"


def test_weights_must_be_finite_non_negative_numbers():
    with pytest.raises(ValueError, match="later=-1"):
        keydates.Weights(later=-1)
    with pytest.raises(ValueError, match="coverage_exponent=nan"):
        keydates.Weights(coverage_exponent=float("nan"))
    with pytest.raises(ValueError, match="whole number"):
        keydates.Weights(coverage_days=1.5)
    assert keydates.Weights(later=0).later == 0


def test_top_limits_and_ties_go_to_the_earlier_day():
    events = [ev("x", "X", D11), ev("y", "Y", D5)]
    assert [k.date for k in keydates.rank(events, top=1)] == [D5]


def _cli(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    keydates_cmd.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_writes_json_lines_best_first_within_the_range(tmp_path, capsys):
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(e.as_dict()) for e in corpus()) + "\n", encoding="utf-8")
    args = _cli(["keydates", str(path), "--top", "5", "--end", "2025-03-19"])
    assert args.func(args) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [set(x) for x in lines] == [{"date", "score", "events", "articles", "sources", "later_days", "why",
                                        "summary"}] * 2
    assert [x["date"] for x in lines] == ["2025-03-13", "2025-03-11"]  # 20 March is past --end
    assert lines[0]["score"] > lines[1]["score"] and lines[0]["articles"] == 3 and lines[0]["sources"] == 2
    assert lines[0]["why"].startswith("3 articles from 2 sources")
    assert isinstance(lines[0]["summary"], list) and "Moscow" in lines[0]["summary"][0]


def test_cli_reports_a_bad_event_line_and_goes_on(tmp_path, capsys):
    path = tmp_path / "events.jsonl"
    good = [json.dumps(e.as_dict()) for e in corpus()]
    path.write_text("\n".join(good[:2] + ['{"event_id": "bad", "date_start": 5}'] + good[2:]), encoding="utf-8")
    args = _cli(["keydates", str(path), "--top", "1"])
    assert args.func(args) == 0
    captured = capsys.readouterr()
    assert "line 3" in captured.err and "events.jsonl" in captured.err
    assert json.loads(captured.out.splitlines()[0])["date"] == "2025-03-13"


def test_cli_rejects_a_bad_date_and_a_reversed_range(tmp_path, capsys):
    with pytest.raises(SystemExit):
        _cli(["keydates", "x.jsonl", "--start", "March"])
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(corpus()[0].as_dict()), encoding="utf-8")
    args = _cli(["keydates", str(path), "--start", "2025-03-20", "--end", "2025-03-01"])
    assert args.func(args) == 2
    assert "after" in capsys.readouterr().err
