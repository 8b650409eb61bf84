"""timeline.evaluate.events: the gold-events scorer of EVENTS-GUIDE.md, on texts written here, and run on the gold."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from datetime import date

import pytest

from conftest import ROOT
from sample_events import RUSSIA, TRUMP, UKRAINE, event
from timeline.evaluate.events import Happening, format_score, raw_offsets, read_gold, score_events, GoldError

# A captured page: furniture lines, doubled spaces and a line break inside a paragraph's whitespace.
RAW = ("Skip to content\nSign up for our newsletter\n"
       "Putin met  Trump in Riyadh on Monday.   Trump praised the talks.\n"
       "Photo: Reuters\n"
       "Russia struck Ukraine overnight.\n")
CLEANED = "Putin met Trump in Riyadh on Monday. Trump praised the talks.\n\nRussia struck Ukraine overnight."


def sentence_span(raw: str, sentence: str) -> tuple[int, int]:
    start = raw.index(sentence)
    return start, start + len(sentence)


def at(sentence: str, **fields):
    """A sample event whose evidence is ``sentence`` of CLEANED, in article 'a'."""
    start = CLEANED.index(sentence)
    return dataclasses.replace(event(1, **fields), article_id="a", sentence=sentence, sent_start=start,
                               sent_end=start + len(sentence))


def gold(gid: str, actor1: str, type_: str, mention: str, *, actor2: str | None = None, alt: tuple[str, ...] = (),
         type_alt: tuple[str, ...] = (), day: date | None = date(2025, 3, 10), context: str = "", key: bool = False):
    return Happening(gid=gid, article_id="a", actor1=actor1, actor2=actor2, actor2_alt=alt, type=type_,
                     type_alt=type_alt, context=context, date_start=day, date_end=day,
                     mentions=(sentence_span(RAW, mention),), key=key)


def test_offsets_map_cleaned_text_back_to_the_raw_text():
    to_raw = raw_offsets(RAW, CLEANED)
    for sentence in ("Trump praised the talks.", "Russia struck Ukraine overnight.", "Putin met"):
        start = CLEANED.index(sentence)
        assert RAW[to_raw(start):to_raw(start + len(sentence) - 1) + 1] == sentence
    # the doubled space in the raw text: "Trump" after it maps past both spaces
    assert RAW[to_raw(CLEANED.index("Trump in")):].startswith("Trump in")


def test_offsets_of_a_paragraph_missing_from_the_raw_text_are_minus_one():
    to_raw = raw_offsets("Something else entirely.", "Putin met Trump.")
    assert to_raw(3) == -1


MET = "Putin met  Trump in Riyadh on Monday."
MET_CLEAN = "Putin met Trump in Riyadh on Monday."
STRUCK = "Russia struck Ukraine overnight."


def score(happenings, events):
    return score_events(happenings, {"a": RAW}, {"a": CLEANED}, events)


def test_a_matching_event_counts_for_precision_recall_and_key_recall():
    h = gold("a-G01", "Vladimir Putin", "CONSULT", MET, actor2="Donald Trump", key=True)
    s = score([h], [at(MET_CLEAN, actor2=TRUMP, day=date(2025, 3, 10))])
    f = s.figures()
    assert (f["precision"], f["recall"], f["recall_strict"], f["key_recall"]) == (1.0, 1.0, 1.0, 1.0)
    assert f["actor2_accuracy"] == 1.0 and f["date_accuracy"] == 1.0


def test_an_empty_actor2_matches_leniently_but_not_strictly():
    h = gold("a-G01", "Vladimir Putin", "CONSULT", MET, actor2="Donald Trump")
    f = score([h], [at(MET_CLEAN, day=date(2025, 3, 10))]).figures()
    assert f["recall"] == 1.0 and f["recall_strict"] == 0.0 and f["actor2_accuracy"] == 0.0


def test_a_wrong_actor2_type_date_or_sentence_is_no_match():
    h = gold("a-G01", "Vladimir Putin", "CONSULT", MET, actor2="Donald Trump", alt=("United States",))
    wrong = [at(MET_CLEAN, actor2=UKRAINE, day=date(2025, 3, 10)),  # actor2 neither gold nor alt
             at(MET_CLEAN, actor2=TRUMP, day=date(2025, 3, 10), event_type="AGREE"),  # type
             at(MET_CLEAN, actor2=TRUMP, day=date(2025, 3, 11)),  # date does not overlap
             at(MET_CLEAN, actor2=TRUMP, day=None),  # gold has a date, the event none
             at(STRUCK, actor2=TRUMP, day=date(2025, 3, 10))]  # another sentence
    s = score([h], wrong)
    f = s.figures()
    assert f["correct"] == 0 and f["precision"] == 0.0 and f["recall"] == 0.0
    # the sentence-and-type matches (all but the wrong type and the wrong sentence) are the field base
    assert f["typed_matches"] == 3 and f["actor1_accuracy"] == 1.0


def test_type_alternatives_and_a_span_overlap_match():
    h = dataclasses.replace(gold("a-G02", "Russia", "ASSAULT", STRUCK, actor2="Ukraine", type_alt=("COERCE",)),
                            date_start=date(2025, 3, 1), date_end=date(2025, 3, 31))
    s = score([h], [at(STRUCK, actor1=RUSSIA, actor2=UKRAINE, event_type="COERCE", day=date(2025, 3, 30),
                       end=date(2025, 4, 2))])
    assert s.figures()["recall"] == 1.0


def test_a_gold_happening_without_a_date_wants_an_unknown_date():
    h = gold("a-G03", "Donald Trump", "SUPPORT", "Trump praised the talks.", day=None)
    assert score([h], [at("Trump praised the talks.", actor1=TRUMP, event_type="SUPPORT", day=None)]).figures()["recall"] == 1.0
    assert score([h], [at("Trump praised the talks.", actor1=TRUMP, event_type="SUPPORT")]).figures()["recall"] == 0.0


def test_context_counts_in_strict_recall_only():
    h = gold("a-G01", "Vladimir Putin", "CONSULT", MET, actor2="Donald Trump", context="future")
    f = score([h], [at(MET_CLEAN, actor2=TRUMP, day=date(2025, 3, 10))]).figures()
    assert f["recall"] == 1.0 and f["recall_strict"] == 0.0 and f["context_accuracy"] == 0.0


def test_historical_context_is_the_guides_empty_context_of_background():
    # regression (issue 12): events dated over a year back ("historical") counted as a wrong context
    # against background happenings, whose context the guide leaves empty
    h = gold("a-G01", "Vladimir Putin", "CONSULT", MET, actor2="Donald Trump")
    f = score([h], [at(MET_CLEAN, actor2=TRUMP, day=date(2025, 3, 10), context="historical")]).figures()
    assert f["recall_strict"] == 1.0 and f["context_accuracy"] == 1.0
    planned = gold("a-G01", "Vladimir Putin", "CONSULT", MET, actor2="Donald Trump", context="future")
    f = score([planned], [at(MET_CLEAN, actor2=TRUMP, day=date(2025, 3, 10), context="historical")]).figures()
    assert f["recall_strict"] == 0.0 and f["context_accuracy"] == 0.0


def test_precision_by_confidence_band():
    h = gold("a-G01", "Vladimir Putin", "CONSULT", MET, actor2="Donald Trump")
    s = score([h], [at(MET_CLEAN, actor2=TRUMP, day=date(2025, 3, 10), confidence=0.95),
                    at(STRUCK, actor1=RUSSIA, event_type="ASSAULT", confidence=0.95),
                    at(STRUCK, actor1=RUSSIA, event_type="ASSAULT", confidence=0.55)])
    assert s.by_confidence() == [("0.5-0.6", 1, 0.0), ("0.9-1.0", 2, 0.5)]
    assert s.at_least(0.9) == (2, 0.5)
    text = format_score("test", s)
    assert "precision        0.333" in text and "0.9-1.0: 0.50 (2)" in text


def test_a_bad_gold_line_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text('{"gid": "x-G01", "article_id": "x", "actor1": "A", "type": "AGREE", "mentions": [[0, 5]]}\n'
                    '{"gid": "x-G02"}\n')
    with pytest.raises(GoldError, match="line 2"):
        read_gold(path)


def test_the_command_scores_the_development_gold(shared):
    """The figures are computed on the real gold (their values are the README's business, not this test's)."""
    gold_path = shared / "eval" / "ukraine-2025.events.gold.jsonl"
    done = subprocess.run([sys.executable, "-m", "timeline", "evaluate", "events", str(gold_path), "--json"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["gold"] == len(read_gold(gold_path)) and figures["system"] > 0
    for name in ("precision", "recall", "recall_strict", "key_recall", "actor2_accuracy", "date_accuracy"):
        assert 0.0 <= figures[name] <= 1.0, name
    assert 0 < figures["correct"] <= figures["system"]
    assert "warning" not in done.stderr
