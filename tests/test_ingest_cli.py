"""``python -m timeline ingest`` end to end: real files in tmp_path, a real store file, bad input at scale."""
from __future__ import annotations

import argparse
import json
import sys
import types
import zlib
from datetime import date
from pathlib import Path

import pytest
from store_fixtures import event

from timeline.commands import ingest as ingest_command
from timeline.store.store import Store


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    ingest_command.register(parser.add_subparsers())
    args = parser.parse_args(["ingest", *argv])
    return args.func(args)


@pytest.fixture
def cheap_extraction(monkeypatch):
    """One event per article, each with an actor of its own, so these tests measure the reading and
    the store, not the parser or the clustering; the model is never loaded."""
    def extract_many(articles, nlp, *, batch_size=32, n_process=1):
        for art in articles:
            actor = f"X{zlib.crc32(art.id.encode())}"
            yield art, [event(art, art.text[:120], actor1=actor, actor1_name=actor, start=art.published)]

    fake = types.ModuleType("timeline.extract.events")
    fake.extract_many = extract_many
    monkeypatch.setitem(sys.modules, "timeline.extract.events", fake)
    monkeypatch.setattr("timeline.extract.nlp.load_model", lambda name=None: types.SimpleNamespace(max_length=1_000_000))


def consistent(db: Path) -> dict[str, int]:
    """Every event belongs to a stored article, every article's event count is right, every event is clustered."""
    store = Store(db)
    articles = store.articles()
    events = store.events(clustered=False)
    assert set(events["article_id"]) <= set(articles["id"])
    per_article = events.groupby("article_id").size().reindex(articles["id"], fill_value=0)
    assert (per_article.to_numpy() == articles["n_events"].to_numpy()).all()
    assert events["cluster_id"].ne("").all()
    counts = store.counts()
    store.close()
    return counts


def lines_of(out: str, outcome: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(outcome)]


def test_bad_inputs_at_scale_each_get_an_outcome_and_the_batch_finishes(tmp_path, capsys, cheap_extraction):
    big = tmp_path / "big.txt"
    with big.open("w") as f:
        for _ in range(50 * 1024):
            f.write(("Russian forces shelled the town again overnight, officials said. " * 16)[:1023] + "\n")
    many = tmp_path / "many.jsonl"
    with many.open("w") as f:
        for i in range(10_000):
            if i % 1000 == 7:
                f.write('{"id": "broken", "text": "unterminated\n')
            elif i % 1000 == 8:
                f.write(json.dumps({"id": f"n{i}", "title": "no text here"}) + "\n")
            else:
                f.write(json.dumps({"id": f"n{i:05d}", "source": "Wire", "published": "2025-03-13",
                                    "text": f"Russian forces shelled the village of Site{i} overnight, "
                                            f"officials said on Thursday."}) + "\n")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (tmp_path / "latin1.txt").write_bytes("The café in Kyiv was struck by a drone on Friday, "
                                          "officials said.".encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes("Zelensky met the envoy in Kyiv on Tuesday, his office said."
                                         .encode("utf-16"))
    (tmp_path / "future.jsonl").write_text(json.dumps(
        {"id": "y3000", "published": "3000-01-01", "text": "Putin said the talks would resume in the year 3000."}) + "\n")
    (tmp_path / "german.txt").write_text(
        "Der russische Präsident hat am Donnerstag gesagt, dass er den Vorschlag für eine Waffenruhe "
        "grundsätzlich unterstütze, aber die Bedingungen seien noch nicht geklärt und müssten mit den "
        "Vereinigten Staaten besprochen werden.", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    inputs = [str(p) for p in (big, many, tmp_path / "photo.png", tmp_path / "latin1.txt", tmp_path / "utf16.txt",
                               tmp_path / "future.jsonl", tmp_path / "german.txt", tmp_path / "missing.txt")]
    code = run_cli(*inputs, "--db", str(db), "--batch-size", "500")
    out = capsys.readouterr().out
    assert code == 1
    failed = lines_of(out, "failed")
    assert any("big.txt" in line and "oversize" in line for line in failed)
    assert sum("many.jsonl, line" in line and "malformed JSON" in line for line in failed) == 10
    assert sum("many.jsonl, line" in line and "no 'text' field" in line for line in failed) == 10
    assert any("photo.png" in line and "binary" in line.lower() for line in failed)
    assert any("german.txt" in line and "not English" in line for line in failed)
    assert any("missing.txt" in line and "no such file" in line for line in failed)
    assert any("y3000" in line or "future.jsonl" in line for line in lines_of(out, "warning"))
    added = lines_of(out, "added")
    assert len(added) == 9_980 + 3
    assert any("latin1.txt" in line for line in added) and any("utf16.txt" in line for line in added)
    assert "9983 added, 0 replaced, 0 unchanged" in out
    counts = consistent(db)
    assert counts["articles"] == 9_983 and counts["events"] == 9_983
    stored = Store(db)
    text_files = [i for i in stored.articles()["id"] if not i.startswith(("n", "y3000"))]
    assert len(text_files) == 2
    assert any("The café in Kyiv" in stored.article(i).text for i in text_files), "cp1252 decoded, not mangled"
    assert stored.article("y3000").published is None, "a date in the year 3000 is not used as the reference date"
    stored.close()

    code = run_cli(*inputs, "--db", str(db), "--batch-size", "500", "--quiet")
    out = capsys.readouterr().out
    assert "0 added, 0 replaced, 9983 unchanged" in out
    assert consistent(db) == counts


def test_folder_input_and_a_changed_file_replaces_its_article(tmp_path, capsys, cheap_extraction):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Putin met Lukashenko in Moscow on Thursday, the Kremlin said.")
    (folder / "b.json").write_text(json.dumps({"id": "b", "text": "Trump spoke to Putin by phone on Tuesday."}))
    db = tmp_path / "s.duckdb"
    assert run_cli(str(folder), "--db", str(db), "--published", "2025-03-13", "--source", "Desk") == 0
    out = capsys.readouterr().out
    assert len(lines_of(out, "added")) == 2 and "store " in out and "2 articles" in out
    with Store(db, read_only=True) as reader:
        assert reader.article("b").published == date(2025, 3, 13)
    (folder / "b.json").write_text(json.dumps({"id": "b", "text": "Trump spoke to Putin by phone on Wednesday."}))
    assert run_cli(str(folder), "--db", str(db), "--published", "2025-03-13") == 0
    out = capsys.readouterr().out
    assert lines_of(out, "replaced")[0].startswith("replaced b") and len(lines_of(out, "unchanged")) == 1
    assert consistent(db)["articles"] == 2


def test_nothing_usable_exits_2(tmp_path, capsys, cheap_extraction):
    assert run_cli(str(tmp_path / "absent.txt"), "--db", str(tmp_path / "s.duckdb")) == 2
    assert "no such file" in capsys.readouterr().out


def test_seed_and_ukraine_corpus_with_the_real_model(tmp_path, capsys, shared, nlp, monkeypatch):
    monkeypatch.setattr("timeline.extract.nlp.load_model", lambda name=None: nlp)
    db = tmp_path / "s.duckdb"
    corpus = [str(shared / "corpus" / "seed.jsonl"), str(shared / "corpus" / "ukraine-2025.jsonl")]
    assert run_cli(*corpus, "--db", str(db), "--quiet") == 0
    out = capsys.readouterr().out
    assert "13 added, 0 replaced, 0 unchanged, 0 failed" in out
    counts = consistent(db)
    assert counts["events"] > counts["clusters"] >= counts["multi_source_clusters"] > 0
    assert run_cli(*corpus, "--db", str(db)) == 0
    out = capsys.readouterr().out
    assert "0 added, 0 replaced, 13 unchanged" in out and len(lines_of(out, "unchanged")) == 13


PAGE = """<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav><article>
<h1>{title}</h1><p>{body}</p><p>Officials in Kyiv and Moscow gave no further details on the talks that day,
and diplomats said more meetings were expected in the coming weeks as the envoys returned home.</p>
</article><footer>Copyright the site</footer></body></html>"""
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>
<item><title>Putin answers</title><link>{base}/a.html</link><pubDate>Thu, 13 Mar 2025 10:00:00 GMT</pubDate>
<description>Putin answered the ceasefire plan.</description></item>
<item><title>Trump replies</title><link>{base}/b.html</link><pubDate>Fri, 14 Mar 2025 09:00:00 GMT</pubDate>
<description>Trump replied to Putin.</description></item></channel></rss>"""


@pytest.fixture
def local_site(tmp_path):
    """A feed and its two pages served on 127.0.0.1 (no internet needed)."""
    import functools
    import http.server
    import threading

    site = tmp_path / "site"
    site.mkdir()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (site / "feed.xml").write_text(FEED.format(base=base))
    (site / "a.html").write_text(PAGE.format(title="Putin answers", body="Putin said on Thursday that he "
                                             "agreed with the ceasefire plan in principle but had conditions."))
    (site / "b.html").write_text(PAGE.format(title="Trump replies", body="Trump said on Friday that the "
                                             "statement from Moscow was promising but not complete."))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_feed_url_entries_keep_their_dates_and_a_dead_url_is_one_failed_item(tmp_path, capsys, cheap_extraction,
                                                                           local_site):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/gone.html"
    db = tmp_path / "s.duckdb"
    assert run_cli(f"{local_site}/feed.xml", dead, "--db", str(db)) == 1
    out = capsys.readouterr().out
    assert len(lines_of(out, "added")) == 2
    assert any(dead in line for line in lines_of(out, "failed"))
    with Store(db, read_only=True) as store:
        articles = store.articles().set_index("title")
        assert articles.loc["Putin answers", "published"].date() == date(2025, 3, 13)
        assert articles.loc["Trump replies", "published"].date() == date(2025, 3, 14)
        page = store.article(articles.loc["Putin answers", "id"])
        assert "agreed with the ceasefire plan" in page.text, "the entry's page gave the full text"
        assert "Copyright the site" not in page.text


# --- issue 17: one bad item must not lose the batch -------------------------------------------------

GOOD = "Russian President Vladimir Putin said on Thursday that Moscow agreed with the ceasefire proposal."
LINE = {"source": "AAP", "published": "2025-03-13"}


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored_ids(db: Path) -> set[str]:
    with Store(db, read_only=True) as store:
        return set(store.articles()["id"])


def test_lone_surrogate_in_a_jsonl_line_loses_nothing(tmp_path, capsys, cheap_extraction):
    """Issue 17: line 2's "\\ud800" killed the store's fingerprinting; no article of any input was stored."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    dates = write_jsonl(tmp_path / "dates.jsonl", [
        json.dumps({"id": "d1", "text": "Putin met Trump in Riyadh on Tuesday to discuss the war.", **LINE}),
        '{"id": "d2", "text": "Zelensky said \\ud800 Ukraine would accept the plan on Wednesday.", '
        '"source": "AAP", "published": "2025-03-13"}',
        json.dumps({"id": "d3", "text": "Lukashenko visited Moscow on Friday and met Putin.", **LINE})])
    that = write_jsonl(tmp_path / "that.jsonl", [json.dumps({"id": "t1", "text": "Trump spoke to Putin on Friday.",
                                                             **LINE})])
    db = tmp_path / "x.duckdb"
    assert run_cli(str(good), str(dates), str(that), "--db", str(db)) == 0
    out = capsys.readouterr().out
    assert len(lines_of(out, "added")) == 5 and not lines_of(out, "failed")
    assert f"warning  {dates}, line 2: lone surrogate escape(s)" in out and "replaced with U+FFFD" in out
    assert {"d1", "d2", "d3", "t1"} < stored_ids(db)
    with Store(db, read_only=True) as store:
        assert store.article("d2").text == "Zelensky said \ufffd Ukraine would accept the plan on Wednesday."


def test_deeply_nested_json_line_names_its_line_and_keeps_the_later_lines(tmp_path, capsys, cheap_extraction):
    """Issue 17: "[" x 100000 raised RecursionError: one error without a line, every later line dropped."""
    nested = write_jsonl(tmp_path / "nested.jsonl", [
        json.dumps({"id": "n1", "text": "Putin met Trump in Riyadh on Tuesday to discuss the war.", **LINE}),
        "[" * 100_000,
        json.dumps({"id": "n3", "text": "Lukashenko visited Moscow on Friday and met Putin.", **LINE}),
        json.dumps({"id": "n4", "text": "Trump spoke to Putin by phone on Friday.", **LINE})])
    db = tmp_path / "x.duckdb"
    assert run_cli(str(nested), "--db", str(db)) == 1
    out = capsys.readouterr().out
    assert lines_of(out, "failed") == [f"failed   {nested}, line 2: malformed JSON (nested too deeply to be an article)"]
    assert stored_ids(db) == {"n1", "n3", "n4"}


def test_rss_entry_with_a_surrogate_character_reference_keeps_the_feed(tmp_path, capsys, cheap_extraction):
    """Issue 17: one entry's &#55296; made feedparser refuse the whole feed."""
    items = [("Good one", "Putin met Trump in Riyadh on Tuesday to discuss the war in Ukraine."),
             ("Bad &#55296; one", "Zelensky said &#55296; Ukraine would accept the plan."),
             ("Good two", "Lukashenko visited Moscow on Friday and met Putin.")]
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>' + "".join(
        f"<item><title>{title}</title><link>http://example.org/{n}</link>"
        f"<pubDate>Thu, 13 Mar 2025 10:00:00 GMT</pubDate><description>{text}</description></item>"
        for n, (title, text) in enumerate(items)) + "</channel></rss>")
    db = tmp_path / "x.duckdb"
    assert run_cli(str(feed), "--db", str(db)) == 0
    out = capsys.readouterr().out
    assert len(lines_of(out, "added")) == 3
    assert f"warning  {feed}, entry 2: invalid character reference(s) (&#55296;) replaced with U+FFFD" in out
    with Store(db, read_only=True) as store:
        assert set(store.articles()["title"]) == {"Good one", "Bad \ufffd one", "Good two"}


def test_utf8_cut_mid_character_is_decoded_with_a_warning_that_says_where(tmp_path, capsys, cheap_extraction):
    """Issue 17: a byte neither UTF-8 nor Windows-1252 (0x81 of a cut "Спасибо") refused the whole file."""
    cut = tmp_path / "cut.txt"
    cut.write_bytes(GOOD.encode() + "\nСпасибо".encode()[:-1])
    assert b"\x81" in cut.read_bytes()
    db = tmp_path / "x.duckdb"
    assert run_cli(str(cut), "--db", str(db), "--published", "2025-03-13") == 0
    out = capsys.readouterr().out
    assert (f"warning  {cut}: UTF-8 text cut inside its last character: the partial character replaced with "
            "U+FFFD, at line 2 column 7") in out
    assert len(lines_of(out, "added")) == 1 and not lines_of(out, "failed")


def test_url_typo_is_one_failed_item_and_the_good_file_is_stored(tmp_path, capsys, cheap_extraction):
    """Issue 17: "http://[::1" raised ValueError out of the CLI, and good.txt of the same run was not stored."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    db = tmp_path / "x.duckdb"
    assert run_cli(str(good), "http://[::1", "--db", str(db), "--published", "2025-03-13") == 1
    out = capsys.readouterr().out
    assert lines_of(out, "failed") == ["failed   http://[::1: malformed URL: Invalid IPv6 URL"]
    assert len(lines_of(out, "added")) == 1 and len(stored_ids(db)) == 1


HOLD_THE_STORE = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('holding', flush=True); "
                  "time.sleep(30)")


def test_two_writers_the_second_waits_then_fails_with_one_line_and_exit_3(tmp_path, capsys, cheap_extraction,
                                                                          caplog):
    """Issue 17: the second ingest died after 10 s with a StoreBusy traceback and exit 1."""
    import subprocess

    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    db = tmp_path / "x.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_STORE, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        assert run_cli(str(good), "--db", str(db), "--wait", "0.6") == ingest_command.EXIT_BUSY == 3
    finally:
        holder.kill()
        holder.wait(timeout=30)
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and f"the store {db} is in use by another process (PID {holder.pid})" in errors[0]
    assert "gave up after waiting 0.6 s" in errors[0] and "Traceback" not in err
    assert any("waiting (0 of 0.6 s)" in r.getMessage() for r in caplog.records), "the wait is announced"
    assert run_cli(str(good), "--db", str(db)) == 0, "once the other process is gone, the same command works"
