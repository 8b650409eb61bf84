"""Exports: every format carries the filtered events, dates as ISO days, and reads back."""
from __future__ import annotations

import dataclasses
import io
import json

import pandas as pd
import pytest

from sample_events import PUTIN, RUSSIA, TRUMP, UKRAINE, event, sample
from timeline.views import export
from timeline.analysis import query
from timeline.views.highlight import article_html, excerpt, mention_sentences, sentence_spans
from timeline.schema import EVENT_FIELDS


@pytest.fixture()
def df() -> pd.DataFrame:
    return query.apply(query.frame(sample()), query.Filters(sources=("BBC",)))


def test_csv_has_the_event_fields_and_only_the_filtered_rows(df):
    back = pd.read_csv(io.BytesIO(export.to_csv(df)), keep_default_na=False)
    assert list(back.columns) == [*EVENT_FIELDS, "type_label", "acled_type"]
    assert set(back["event_id"]) == {"e003", "e007"}
    assert set(back["date_start"]) == {"2025-03-12"}  # a day, not a timestamp with 00:00:00


def test_json_is_valid_json_with_nulls(df):
    rows = json.loads(export.to_json(df))
    assert [r["event_id"] for r in rows] == ["e003", "e007"]
    assert rows[0]["date_end"] == "2025-03-12"
    undated = json.loads(export.to_json(query.frame(sample()[4:5])))[0]
    assert undated["date_start"] == "" and undated["lat"] is None  # no NaN, which JSON does not have


def test_parquet_reads_back(df):
    back = pd.read_parquet(io.BytesIO(export.to_parquet(df)))
    assert list(back["event_id"]) == ["e003", "e007"]
    assert back.loc[0, "sentence"] == "Trump urged the Kremlin to agree."


def test_acled_columns_and_precision_codes():
    frame = query.frame(sample())
    back = pd.read_csv(io.BytesIO(export.to_acled_csv(frame)), keep_default_na=False)
    assert list(back.columns) == list(export.ACLED_FIELDS)
    by_note = back.set_index("notes")
    assert by_note.loc["Putin agreed with Trump's proposal.", "time_precision"] == 1
    assert by_note.loc["Putin sent troops into Ukraine in 2022.", "time_precision"] == 3
    assert by_note.loc["Putin agreed with Trump's proposal.", "actor2"] == "Donald Trump"
    assert float(by_note.loc["Russian forces <b>pushed</b> Ukraine out of Kursk.", "latitude"]) == 51.73
    assert by_note.loc["Putin agreed with Trump's proposal.", "latitude"] == ""  # no place, no 0.0
    assert "Q7747" not in back.to_string()  # ACLED carries actor names, not ids


def test_acled_export_has_acled_types_and_fatalities():
    strike = dataclasses.replace(event(9, RUSSIA, UKRAINE, event_type="ASSAULT", quad=4,
                                       sentence="Russian shelling killed 12 people."), trigger="shell", fatalities=12)
    talk = event(10, PUTIN, TRUMP, event_type="CONSULT", sentence="Putin met Trump.")
    back = pd.read_csv(io.BytesIO(export.to_acled_csv(query.frame([strike, talk]))), keep_default_na=False)
    by_note = back.set_index("notes")
    shelling, meeting = by_note.loc["Russian shelling killed 12 people."], by_note.loc["Putin met Trump."]
    assert (shelling["event_type"], shelling["sub_event_type"]) == ("Explosions/Remote violence",
                                                                    "Shelling/artillery/missile attack")
    assert shelling["fatalities"] == 12 and shelling["tags"] == "PLOVER ASSAULT (Shell)"
    assert meeting["event_type"] == "" and meeting["fatalities"] == 0  # ACLED codes no meetings; no number is 0
    # the other exports keep "no number" apart from 0
    rows = json.loads(export.to_json(query.frame([strike, talk])))
    assert [r["fatalities"] for r in rows] == [12, None]
    assert [r["acled_type"] for r in rows] == ["Explosions/Remote violence", ""]


def test_unknown_format_lists_the_valid_ones(df):
    with pytest.raises(ValueError, match="choose from .*acled.csv"):
        export.export(df, "xlsx")


def test_article_html_escapes_and_marks_the_sentence():
    text = "Intro <script>alert('x')</script> here.\n\nPutin agreed <b>today</b>. After."
    start = text.index("Putin")
    out = article_html(text, start, text.index(" After"))
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert '<mark id="evidence">Putin agreed &lt;b&gt;today&lt;/b&gt;.</mark>' in out
    assert out.count("<p>") == 2


def test_article_html_with_offsets_outside_the_text_marks_nothing():
    out = article_html("Short text.", 5, 500)
    assert "<mark" not in out and "Short text." in out


def test_mention_sentences_are_read_off_the_offsets_and_bad_ones_are_skipped():
    text = "Russia invaded Ukraine in 2022. The invasion killed thousands. Russia's invasion goes on."
    first, second = text.index("The invasion"), text.index("Russia's invasion")
    spans = f"{first}-{second - 1};{second}-{len(text)}"
    assert mention_sentences(text, spans) == ["The invasion killed thousands.", "Russia's invasion goes on."]
    assert mention_sentences(text, "5-9999;x-3;;") == []
    assert mention_sentences(text, None) == [] and mention_sentences(text, float("nan")) == []


def test_excerpt_keeps_the_evidence_paragraph_and_its_neighbours():
    paragraphs = [f"Paragraph {i}." for i in range(8)]
    text = "\n\n".join(paragraphs)
    start = text.index("Paragraph 4")
    cut, s, e = excerpt(text, start, start + len("Paragraph 4."), around=1)
    assert cut[s:e] == "Paragraph 4."
    assert "Paragraph 3." in cut and "Paragraph 5." in cut
    assert "Paragraph 2." not in cut and "Paragraph 6." not in cut
    assert cut.startswith("…") and cut.endswith("…")
    whole, s, e = excerpt(text, 0, len("Paragraph 0."), around=1)
    assert whole.startswith("Paragraph 0.") and whole[s:e] == "Paragraph 0."


def test_sentence_spans_for_picking_a_sentence():
    text = ("Putin met Trump in Riyadh. U.S. officials said Mr. Putin agreed to a 3.5% cut!\n\n"
            "\"We will see,\" he said.\nA headline without a full stop\nIt ended? Yes.")
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert sentences == ["Putin met Trump in Riyadh.", "U.S. officials said Mr. Putin agreed to a 3.5% cut!",
                         "\"We will see,\" he said.", "A headline without a full stop", "It ended?", "Yes."]
    assert sentence_spans("") == [] and sentence_spans("  \n\n ") == []


FORMULAS = ["=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3", "\t=1", "\r=1"]


def hostile_frame() -> pd.DataFrame:
    """Sample events whose source (a feed's title), sentence and actor name start like formulas."""
    import dataclasses

    events = [dataclasses.replace(ev, source=formula, sentence=formula, actor1_name=formula)
              for ev, formula in zip(sample(), FORMULAS)]
    return query.frame(events)


@pytest.mark.parametrize("writer", [export.to_csv, export.to_acled_csv])
def test_csv_formula_injection_every_text_cell_is_neutralized(writer):
    """Issue 17: extract --out x.csv and the dashboard's CSV and ACLED-style exports wrote formulas as is."""
    back = pd.read_csv(io.BytesIO(writer(hostile_frame())), keep_default_na=False, dtype=str)
    column = "source"
    assert sorted(back[column]) == sorted("'" + f for f in FORMULAS)
    cells = [cell for col in back.columns for cell in back[col] if cell]
    assert not [c for c in cells if c.startswith(export.FORMULA_STARTS) and not is_number(c)]


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_csv_formula_injection_leaves_numbers_and_plain_text_alone():
    frame = query.frame(sample())
    back = pd.read_csv(io.BytesIO(export.to_acled_csv(frame)), keep_default_na=False)
    assert back["longitude"].astype(str).str.startswith("-").any(), "a negative longitude stays a number"
    assert "Putin agreed with Trump's proposal." in set(back["notes"])
    assert export.neutralize(-77.04) == -77.04 and export.neutralize("Putin") == "Putin"
    assert export.neutralize("=1") == "'=1"


def test_csv_formula_injection_extract_out_csv(tmp_path):
    """The CLI's ``extract --out x.csv`` writes through the same function."""
    import dataclasses

    from timeline.commands.extract import _write

    out = tmp_path / "x.csv"
    _write([dataclasses.replace(ev, source=FORMULAS[0]) for ev in sample()], out)
    back = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert set(back["source"]) == {"'" + FORMULAS[0]}
