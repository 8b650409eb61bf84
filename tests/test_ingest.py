"""Ingest: one test per input format, one per kind of bad input, and never-raises properties."""
from __future__ import annotations

import json
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.ingest.formats import MAX_ARTICLE_CHARS
from timeline.ingest.read import (DEFAULT_UPLOAD_BYTES, article_id, from_text, iter_path, parse_published,
                             read_bytes, read_path)
from timeline.schema import IngestResult

ROOT = Path(__file__).resolve().parent.parent

ENGLISH = ("Russian President Vladimir Putin said on Thursday that Moscow agreed with the US proposal "
           "for a ceasefire in Ukraine, but that many details had to be sorted out first.")
ENGLISH_2 = ("Ukrainian President Volodymyr Zelensky said the Kremlin was preparing to reject the plan "
             "and called on the United States to put more pressure on Russia.")
FRENCH = ("Le président russe a déclaré jeudi qu'il était favorable à une trêve en Ukraine, mais que de "
          "nombreuses questions restaient à régler avec les États-Unis et que la paix devait être durable.")


def only_article(result: IngestResult):
    assert not result.errors, result.errors
    assert len(result.articles) == 1, result.articles
    return result.articles[0]


def messages(result: IngestResult, kind: str = "errors") -> list[str]:
    return [str(e) for e in getattr(result, kind)]


# --- one test per format -------------------------------------------------------------------------

def test_plain_text_takes_fields_from_the_caller(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(f"{ENGLISH}\n\n{ENGLISH_2}\n", encoding="utf-8")
    art = only_article(read_path(path, published="2025-03-13", source="Wire", title="Putin answers"))
    assert art.published == date(2025, 3, 13)
    assert (art.source, art.title) == ("Wire", "Putin answers")
    assert art.text == f"{ENGLISH}\n\n{ENGLISH_2}"
    assert art.language == "en" and art.url is None


def test_html_page_gives_text_title_date_and_url_from_its_metadata(tmp_path):
    paragraphs = "\n".join(f"<p>{s}</p>" for s in (ENGLISH, ENGLISH_2) * 3)
    page = f"""<!DOCTYPE html><html><head><title>Putin answers | Example News</title>
<meta property="og:title" content="Putin answers the ceasefire plan">
<meta property="og:url" content="https://news.example.org/putin-answers">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-03-13T18:02:00+00:00"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Putin answers the ceasefire plan</h1>
{paragraphs}
</article><footer>Subscribe to our newsletter</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    art = only_article(read_path(path))
    assert art.title == "Putin answers the ceasefire plan"
    assert art.published == date(2025, 3, 13)
    assert art.url == "https://news.example.org/putin-answers"
    assert art.source == "Example News"
    assert art.text.startswith("Russian President Vladimir Putin said on Thursday")
    assert "Home" not in art.text and "Subscribe" not in art.text and "newsletter" not in art.text


def test_html_page_without_a_dated_markup_has_no_date():
    """Regression: a copyright year in the footer was taken as the publication date (1 January)."""
    page = ("<html><head><title>Talks</title></head><body><article>"
            + "".join(f"<p>{s}</p>" for s in (ENGLISH, ENGLISH_2) * 2) + "</article><footer>Copyright 2024 Example"
            "</footer></body></html>")
    art = only_article(read_bytes("page.html", page.encode()))
    assert art.published is None and art.text.startswith("Russian President")


def test_json_single_object_and_list(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "a1", "title": "T", "text": ENGLISH, "published": "2025-03-13",
                               "source": "AP", "url": "https://x.example/a1"}), encoding="utf-8")
    art = only_article(read_path(one))
    assert (art.id, art.source, art.url, art.published) == ("a1", "AP", "https://x.example/a1", date(2025, 3, 13))

    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": ENGLISH}, "not an article", {"text": ENGLISH_2, "id": "b"}]))
    result = read_path(many)
    assert [a.text for a in result.articles] == [ENGLISH, ENGLISH_2]
    assert messages(result) == [f"{many}, record 2: expected an article object, got str"]


def test_jsonl_in_the_shared_article_schema_reads_the_seed():
    result = read_path(ROOT / "data" / "seed.jsonl")
    art = only_article(result)
    assert art.id == "aap-2025-03-13-putin-backs-us-ceasefire-plan"
    assert art.published == date(2025, 3, 13) and art.source == "AAP"
    assert art.text.startswith("President Vladimir Putin says Russia agrees")
    assert "Support AAP" not in art.text and "(EPA PHOTO)" not in art.text
    assert len(art.captions) == 2 and "Support AAP with a free or paid subscription" in art.removed


def test_csv_with_all_columns(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('title,text,published,source,url\n"Putin answers","' + ENGLISH + '",2025-03-13,AAP,'
                    'https://x.example/1\n', encoding="utf-8")
    result = read_path(path)
    art = only_article(result)
    assert (art.title, art.source, art.published, art.url) == ("Putin answers", "AAP", date(2025, 3, 13),
                                                               "https://x.example/1")
    assert not result.warnings


def test_csv_says_which_optional_columns_are_missing(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text(f'text,published\n"{ENGLISH}",13 March 2025\n', encoding="utf-8")
    result = read_path(path, source="Caller")
    art = only_article(result)
    assert art.published == date(2025, 3, 13) and art.source == "Caller"
    assert any("'title', 'source', 'url'" in w for w in messages(result, "warnings"))


def test_csv_without_a_text_column_is_an_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("title,body\nx,y\n", encoding="utf-8")
    result = read_path(path)
    assert not result.articles
    assert messages(result) == [f"{path}: CSV has no 'text' column (columns: title, body); "
                                "expected title, text, published, source, url"]


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example</link>
<item><title>Putin answers</title><link>https://wire.example/1</link><guid>wire-1</guid>
<pubDate>Thu, 13 Mar 2025 18:00:00 GMT</pubDate><description>&lt;p&gt;{ENGLISH}&lt;/p&gt;</description></item>
<item><title>Empty entry</title><link>https://wire.example/2</link><pubDate>Fri, 14 Mar 2025 08:00:00 GMT</pubDate></item>
<item><title>Zelensky replies</title><link>https://wire.example/3</link>
<pubDate>Fri, 14 Mar 2025 23:30:00 -0500</pubDate><description>{ENGLISH_2}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:atom-wire</id>
<updated>2025-03-14T10:00:00Z</updated>
<entry><title>Zelensky replies</title><id>urn:atom-wire:1</id><link href="https://atom.example/1"/>
<published>2025-03-14T09:00:00Z</published><updated>2025-03-14T10:00:00Z</updated>
<content type="html">&lt;p&gt;{ENGLISH_2}&lt;/p&gt;&lt;p&gt;Share this article&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_feed_entries_become_articles_with_their_dates(tmp_path):
    """Each entry keeps the day its feed wrote, in the feed's own time zone (not shifted to UTC)."""
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    result = read_path(path)
    assert [(a.id, a.title, a.published, a.url, a.source) for a in result.articles] == [
        ("wire-1", "Putin answers", date(2025, 3, 13), "https://wire.example/1", "Example Wire"),
        (article_id(ENGLISH_2, "Example Wire"), "Zelensky replies", date(2025, 3, 14), "https://wire.example/3",
         "Example Wire"),
    ]
    assert result.articles[0].text == ENGLISH
    assert messages(result) == [f"{path}, entry 2: empty text"]


def test_atom_feed_takes_content_and_drops_furniture(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_text(ATOM, encoding="utf-8")
    art = only_article(read_path(path))
    assert (art.id, art.source, art.published, art.url) == ("urn:atom-wire:1", "Atom Wire", date(2025, 3, 14),
                                                            "https://atom.example/1")
    assert art.text == ENGLISH_2 and art.removed == ("Share this article",)


def test_unknown_extension_is_sniffed(tmp_path):
    feed = tmp_path / "download"
    feed.write_text(ATOM, encoding="utf-8")
    assert only_article(read_path(feed)).source == "Atom Wire"
    lines = tmp_path / "articles.dat"
    lines.write_text(json.dumps({"text": ENGLISH}) + "\n" + json.dumps({"text": ENGLISH_2}) + "\n")
    assert len(read_path(lines).articles) == 2


def test_record_fields_win_and_caller_fields_fill_gaps():
    data = (json.dumps({"text": ENGLISH, "source": "AP", "published": "2025-03-12"}) + "\n"
            + json.dumps({"text": ENGLISH_2}) + "\n").encode()
    result = read_bytes("batch.jsonl", data, published="2025-03-13", source="Caller")
    assert [(a.source, a.published) for a in result.articles] == [("AP", date(2025, 3, 12)),
                                                                  ("Caller", date(2025, 3, 13))]


def test_pasted_text():
    art = only_article(from_text(f"Top stories right now\n{ENGLISH}", title="Pasted", published=date(2025, 3, 13)))
    assert art.text == ENGLISH and art.title == "Pasted" and art.published == date(2025, 3, 13)
    assert art.removed == ("Top stories right now",)


def test_pasted_headline_without_punctuation_is_read_as_is_but_chrome_is_not():
    result = from_text("Putin meets Trump in Riyadh")
    assert only_article(result).text == "Putin meets Trump in Riyadh"
    assert [w.problem for w in result.warnings] == ["text has no sentence punctuation; read as is"]
    chrome = from_text("Advertisement\nSign in here")
    assert not chrome.articles
    assert [str(e) for e in chrome.errors] == ["pasted text: no body text left after cleaning (2 furniture line(s), "
                                               "0 caption(s))"]


def test_ids_are_given_or_a_stable_hash_of_text_and_source():
    first = only_article(from_text(ENGLISH, source="AP"))
    assert first.id == only_article(from_text(ENGLISH, source="AP")).id == article_id(ENGLISH, "AP")
    assert first.id != only_article(from_text(ENGLISH, source="BBC")).id
    given = read_bytes("x.json", json.dumps({"id": 42, "text": ENGLISH}).encode())
    assert only_article(given).id == "42"


# --- encodings ------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_unicode_encodings_with_or_without_bom(encoding):
    text = ENGLISH.replace("Moscow", "Moskva’s «Kremlin»")
    for name, data in (("a.txt", text), ("a.jsonl", json.dumps({"text": text}, ensure_ascii=False) + "\n")):
        result = read_bytes(name, data.encode(encoding))
        assert only_article(result).text == text, name
        assert not result.warnings


def test_cp1252_falls_back_with_a_warning():
    text = ENGLISH.replace("said", "said – “firmly” –")
    result = read_bytes("old.txt", text.encode("cp1252"))
    assert only_article(result).text == text
    assert messages(result, "warnings") == ["old.txt: not valid UTF-8 (invalid start byte at byte 38); "
                                            "decoded as Windows-1252"]
    lines = read_bytes("old.jsonl", b'{"text": "' + text.encode("cp1252") + b'"}\n'
                       + json.dumps({"text": ENGLISH_2}).encode() + b"\n")
    assert len(lines.articles) == 2
    assert any("line 1" in w and "Windows-1252" in w for w in messages(lines, "warnings"))


# --- bad input: every kind names the item, and good items still come out --------------------------

def test_bad_jsonl_lines_are_reported_and_the_rest_goes_on():
    data = "\n".join([
        json.dumps({"text": ENGLISH}),
        '{"text": "unterminated',
        "[1, 2]",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 12}),
        json.dumps({"text": ENGLISH_2}),
    ]).encode()
    result = read_bytes("batch.jsonl", data)
    assert [a.text for a in result.articles] == [ENGLISH, ENGLISH_2]
    assert messages(result) == [
        "batch.jsonl, line 2: malformed JSON (Unterminated string starting at, column 10)",
        "batch.jsonl, line 3: expected a JSON object (an article), got list",
        "batch.jsonl, line 4: no 'text' field (fields: title)",
        "batch.jsonl, line 5: empty text",
        "batch.jsonl, line 6: 'text' is int, not a string",
    ]


@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.jsonl", b"\n  \n", "empty file"),
    ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF document), not text"),
    ("photo.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image), not text"),
    ("raw.csv", b"text\nabc\x00\x01\x02\x03", "binary file (contains NUL bytes)"),
    ("mojibake.txt", b"Putin \x81\x8d\x8f\x90\x9d said", "undecodable: neither UTF-8"),
    ("broken.json", b'{"text": "x",', "malformed JSON (Expecting property name"),
    ("notafeed.rss", b"<?xml version='1.0'?><nothing/>", "not an RSS/Atom feed"),
])
def test_bad_files_name_the_file_and_the_problem(name, data, problem):
    result = read_bytes(name, data) + read_bytes("good.txt", ENGLISH.encode())
    assert len(result.errors) == 1 and str(result.errors[0]).startswith(f"{name}: {problem}")
    assert [a.text for a in result.articles] == [ENGLISH]


def test_missing_file_and_directory(tmp_path):
    result = read_path(tmp_path / "nope.jsonl") + read_path(tmp_path)
    assert messages(result) == [f"{tmp_path / 'nope.jsonl'}: cannot be read: No such file or directory",
                                f"{tmp_path}: is a directory, not a file"]


def test_absurd_and_unparsable_dates_keep_the_article_but_not_the_date():
    data = "\n".join(json.dumps({"text": ENGLISH, "published": p})
                     for p in ("3000-01-01", "2025-13-45", "a while ago", "1066-10-14", "2025-03-13T09:30:00Z"))
    result = read_bytes("dates.jsonl", data.encode(), published="2025-01-01")
    assert [a.published for a in result.articles] == [None, None, None, None, date(2025, 3, 13)]
    assert messages(result, "warnings") == [
        "dates.jsonl, line 1: publication date 3000-01-01 is in the future; not used as the article's reference date",
        "dates.jsonl, line 2: unparsable publication date '2025-13-45'; left empty",
        "dates.jsonl, line 3: unparsable publication date 'a while ago'; left empty",
        "dates.jsonl, line 4: implausible publication date 1066-10-14; not used as the reference date",
    ]


def test_published_in_the_future_relative_to_today():
    assert parse_published("2025-03-14", today=date(2025, 3, 13)) == (date(2025, 3, 14), None)
    found, problem = parse_published("2025-03-20", today=date(2025, 3, 13))
    assert found is None and "in the future" in problem


@pytest.mark.parametrize("text, expected", [
    ("13 March 2025", date(2025, 3, 13)), ("March 13, 2025 10:00 GMT", date(2025, 3, 13)),
    ("Thu, 13 Mar 2025 18:00:00 +0000", date(2025, 3, 13)), ("2025-03-13T23:30:00-05:00", date(2025, 3, 13)),
])
def test_date_forms(text, expected):
    assert parse_published(text) == (expected, None)


def test_non_english_articles_are_reported_and_skipped():
    data = "\n".join(json.dumps(r) for r in (
        {"id": "fr1", "text": FRENCH},
        {"id": "ru1", "text": "Президент России Владимир Путин заявил в четверг, что Москва поддерживает "
                              "идею прекращения огня на Украине, но есть нюансы, которые нужно обсудить."},
        {"id": "de1", "text": ENGLISH, "language": "de"},
        {"id": "en1", "text": ENGLISH},
    ))
    result = read_bytes("mixed.jsonl", data.encode())
    assert [a.id for a in result.articles] == ["en1"]
    errors = messages(result)
    assert errors[0].startswith("mixed.jsonl, line 1: not English (looks French")
    assert errors[1].startswith("mixed.jsonl, line 2: not English (looks Russian")
    assert errors[2] == "mixed.jsonl, line 3: declared language 'de': only English articles are processed; skipped"


def test_oversize_article_and_upload_limit():
    big = json.dumps({"text": "word " * (MAX_ARTICLE_CHARS // 5 + 10)})
    result = read_bytes("big.jsonl", (big + "\n" + json.dumps({"text": ENGLISH})).encode())
    assert [a.text for a in result.articles] == [ENGLISH]
    assert messages(result)[0].startswith("big.jsonl, line 1: oversize: 1,000,050 characters, over the 1,000,000")
    upload = read_bytes("upload.txt", b"x" * (DEFAULT_UPLOAD_BYTES + 1), max_bytes=DEFAULT_UPLOAD_BYTES)
    assert messages(upload) == ["upload.txt: too large: 10.0 MB, over the 10.0 MB upload limit; "
                                "upload a smaller file or split it"]


def test_fifty_megabyte_text_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        for _ in range(50):
            out.write((ENGLISH + "\n").encode() * (1024 * 1024 // (len(ENGLISH) + 1) + 1))
    tracemalloc.start()
    result = read_path(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert not result.articles
    assert messages(result)[0].startswith(f"{path}: oversize: over 3.8 MB of text is not one news article")
    assert peak < 20 * 1024 * 1024, peak  # the file is 50 MB: it was not loaded whole


def test_ten_thousand_line_jsonl_streams_with_its_broken_lines_reported(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(10_000):
            out.write("{broken\n" if i % 1000 == 7 else json.dumps({"id": f"a{i}", "text": f"{ENGLISH} ({i})."}) + "\n")
    results = iter_path(path)
    # Reading the whole file up front would show in the first items' peak; tracing them is enough.
    tracemalloc.start()
    first = [next(results) for _ in range(300)]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < path.stat().st_size / 4, (peak, path.stat().st_size)
    articles = errors = 0
    for result in [*first, *results]:
        articles += len(result.articles)
        errors += len(result.errors)
    assert (articles, errors) == (9_990, 10)


# --- properties -----------------------------------------------------------------------------------

NAMES = st.sampled_from(["a.txt", "a.html", "a.json", "a.jsonl", "a.csv", "a.rss", "a.xml", "upload", ""])
DATES = st.one_of(st.none(), st.dates(), st.text(max_size=30), st.datetimes().map(lambda d: d.isoformat()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES, data=st.binary(max_size=2000), published=DATES)
def test_read_bytes_never_raises(name, data, published):
    result = read_bytes(name, data, published=published)
    assert isinstance(result, IngestResult)
    for art in result.articles:
        assert art.text.strip() and art.id


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=2000), published=DATES, title=st.one_of(st.none(), st.text(max_size=50)))
def test_from_text_never_raises(text, published, title):
    result = from_text(text, published=published, title=title)
    assert len(result.articles) + len(result.errors) == 1
    for art in result.articles:
        assert art.published is None or art.published <= date.today().replace(year=date.today().year + 1)


# --- issue 17: bad bytes and odd items are kept, with a warning that says where --------------------

def test_bytes_neither_utf8_nor_cp1252_are_replaced_and_the_warning_says_where():
    text = ENGLISH.encode() + b"\nA stray \x81 byte and \x9d another in a second paragraph of the article."
    result = read_bytes("stray.txt", text)
    assert "stray \ufffd byte and \ufffd another" in only_article(result).text
    assert messages(result, "warnings") == [
        "stray.txt: neither valid UTF-8 nor Windows-1252: 2 run(s) of undecodable bytes replaced with U+FFFD, "
        "at line 2 column 9, line 2 column 20"]
    lines = read_bytes("stray.jsonl", json.dumps({"text": ENGLISH}).encode()[:-2] + b'\x81"}\n'
                       + json.dumps({"text": ENGLISH_2}).encode() + b"\n")
    assert len(lines.articles) == 2
    column = len(json.dumps({"text": ENGLISH})) - 1  # where the closing quote was
    assert messages(lines, "warnings") == [f"stray.jsonl: 1 line(s) not valid UTF-8 (line 1 (column {column})); "
                                           "neither UTF-8 nor Windows-1252; undecodable bytes replaced with U+FFFD"]


def test_lone_surrogates_are_replaced_in_every_field_with_a_warning():
    data = '{"id": "x\\udfff", "title": "T\\ud800", "text": "%s \\ud800"}' % ENGLISH
    result = read_bytes("s.json", data.encode())
    art = only_article(result)
    assert (art.id, art.title, art.text) == ("x\ufffd", "T\ufffd", ENGLISH + " \ufffd")
    assert messages(result, "warnings") == ["s.json: lone surrogate escape(s) (half of a UTF-16 pair, no character) "
                                            "in 'id' at character 1, 'title' at character 1, 'text' at character "
                                            f"{len(ENGLISH) + 1}; replaced with U+FFFD"]
    paired = read_bytes("p.json", ('{"text": "%s \\ud83d\\ude00"}' % ENGLISH).encode())
    assert only_article(paired).text.endswith("\U0001F600") and not paired.warnings


def test_deeply_nested_json_document_is_a_clear_error():
    result = read_bytes("deep.json", b"[" * 100_000) + read_bytes("good.txt", ENGLISH.encode())
    assert messages(result) == ["deep.json: malformed JSON (nested too deeply to be articles)"]
    assert len(result.articles) == 1


def test_an_edited_text_file_keeps_its_id_and_a_record_without_id_does_not(tmp_path):
    """Issue 17: a text file's id was a hash of its text, so an edited file became a second article."""
    path = tmp_path / "note.txt"
    path.write_text(ENGLISH)
    first = only_article(read_path(path, source="Desk"))
    path.write_text(ENGLISH.replace("Thursday", "Friday"))
    edited = only_article(read_path(path, source="Desk"))
    assert first.id == edited.id and first.text != edited.text
    assert only_article(read_path(tmp_path / "." / "note.txt", source="Desk")).id == first.id
    assert only_article(read_path(path, source="Other")).id != first.id, "the source is part of the id"
    other = tmp_path / "other.txt"
    other.write_text(ENGLISH.replace("Thursday", "Friday"))
    assert only_article(read_path(other, source="Desk")).id != first.id, "another file, another article"
    upload = only_article(read_bytes("note.txt", ENGLISH.encode(), source="Desk"))
    assert upload.id == article_id(ENGLISH, "Desk"), "an upload has no path: its id is its text's"
