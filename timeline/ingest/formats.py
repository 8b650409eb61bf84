"""Input formats -> raw article fields, one item at a time (decoding, sniffing, per-format readers).

Readers take a seekable binary stream and yield either a ``Raw`` item (the fields as found, with
where it came from: "line 7", "record 3", "row 12", "entry 2") or a ``Problem`` for that item, so a
bad item never stops the batch. Line-based formats (JSONL, CSV) stream; whole-document formats
(HTML, JSON, feeds, plain text) are read once, within a size limit.
"""
from __future__ import annotations

import codecs
import csv
import email.utils
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any, BinaryIO

# One JSONL line / CSV field / text article above this is not a news article.
MAX_ARTICLE_CHARS = 1_000_000
# Whole-document formats are parsed in memory; beyond this, JSONL is the format for bulk data.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
# Text with a few bytes that no encoding explains (a file cut short, a stray byte) is read with those
# bytes replaced; more bad bytes than this, or than 1% of the file, and it is not text.
MAX_REPLACED_BYTES = 3

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
CSV_COLUMNS = ("title", "text", "published", "source", "url")
_CSV_OPTIONAL = ("id", "language")

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_MAGIC = ((b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
          (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"\x1f\x8b", "gzip-compressed data"), (b"7z\xbc\xaf", "a 7-Zip archive"),
          (b"\x7fELF", "an executable"), (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
          (b"PAR1", "a Parquet file"), (b"SQLite format 3", "an SQLite database"))


@dataclass(frozen=True)
class Raw:
    item: str  # where in the file: "line 7", "record 3", "row 12", "entry 2", "" for the whole file
    fields: dict[str, Any]


@dataclass(frozen=True)
class Problem:
    item: str
    problem: str
    warning: bool = False


class BadFile(Exception):
    """The whole file is unusable (binary, undecodable, not the format it claims)."""


@dataclass
class _Decoding:
    """Lines of a streamed file that were not clean UTF-8, reported once at the end: read as
    Windows-1252, or with undecodable bytes replaced ("line 7 (column 12)")."""

    fallback_items: list[str] = field(default_factory=list)
    replaced_items: list[str] = field(default_factory=list)

    def decode(self, number: int, chunk: bytes) -> str:
        try:
            text, problem = decode_bytes(chunk)
        except BadFile:  # a garbled line is still a line: its item says what is wrong with it
            self.replaced_items.append(f"line {number}")
            return chunk.decode("utf-8", errors="replace")
        if problem is not None and problem.places:
            self.replaced_items.append(f"line {number} (column {problem.places[0][1]})")
        elif problem is not None:
            self.fallback_items.append(f"line {number}")
        return text


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes look like a binary file, or None for text."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"binary file ({what}), not text"
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head:
        return "binary file (contains NUL bytes) — or UTF-16 text without a byte-order mark"
    controls = sum(b < 32 and b not in b"\t\n\r\f\v\x1b" for b in head)
    if head and controls / len(head) > 0.1:
        return f"binary file ({controls} control bytes in the first {len(head)})"
    return None


def bom_encoding(head: bytes) -> str | None:
    return next((enc for bom, enc in _BOMS if head.startswith(bom)), None)


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a whole document and a warning when it needed a fallback, saying where."""
    text, problem = decode_bytes(data)
    if problem is None or not problem.places:
        return text, problem and problem.message
    where = ", ".join(f"line {line} column {column}" for line, column in problem.places[:5])
    return text, f"{problem.message}, at {where}{' …' if len(problem.places) > 5 else ''}"


@dataclass(frozen=True)
class DecodeProblem:
    """Why bytes were not read as clean UTF-8 and how they were read instead; ``places``: (line,
    column) of each undecodable byte run replaced with U+FFFD (empty when read as Windows-1252)."""

    message: str
    places: tuple[tuple[int, int], ...] = ()


_BAD_BYTES = re.compile("[\udc80-\udcff]+")  # undecodable bytes, as surrogateescape writes them


def decode_bytes(data: bytes) -> tuple[str, DecodeProblem | None]:
    """Decode text; BadFile only when it is not text (mostly undecodable) or breaks its byte-order mark.

    UTF-8 first (or the byte-order mark's encoding). UTF-8 cut inside its last character keeps the
    rest as UTF-8; else Windows-1252; else UTF-8 with the few bad byte runs replaced.
    """
    encoding = bom_encoding(data[:4])
    if encoding:
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError as exc:
            raise BadFile(f"undecodable: starts with a {encoding} byte-order mark but {exc.reason} "
                          f"at byte {exc.start}") from exc
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.reason} at byte {exc.start}"
        cut_short = exc.end == len(data) and exc.reason == "unexpected end of data"
    escaped = data.decode("utf-8", errors="surrogateescape")
    runs = [m.span() for m in _BAD_BYTES.finditer(escaped)]
    places = tuple((escaped.count("\n", 0, at) + 1, at - escaped.rfind("\n", 0, at)) for at, _ in runs[:5])
    replaced = _BAD_BYTES.sub("\ufffd", escaped)
    if cut_short and len(runs) == 1:
        return replaced, DecodeProblem("UTF-8 text cut inside its last character: the partial character "
                                       "replaced with U+FFFD", places)
    try:
        return data.decode("cp1252"), DecodeProblem(f"not valid UTF-8 ({utf8_error}); decoded as Windows-1252")
    except UnicodeDecodeError:
        pass
    bad = sum(end - start for start, end in runs)
    if bad > max(MAX_REPLACED_BYTES, len(data) // 100):
        raise BadFile(f"undecodable: neither UTF-8 ({utf8_error}) nor Windows-1252 text ({bad} undecodable "
                      f"bytes in {len(data):,})")
    return replaced, DecodeProblem(f"neither valid UTF-8 nor Windows-1252: {len(runs)} run(s) of undecodable "
                                   "bytes replaced with U+FFFD", places)


def read_document(stream: BinaryIO, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise BadFile(f"too large to read as one document (over {limit // (1024 * 1024)} MB); "
                      "split it, or use JSONL for bulk articles")
    return data


def iter_lines(stream: BinaryIO, state: _Decoding, limit: int) -> Iterator[tuple[int, str | None]]:
    """(line number, decoded line) pairs, streaming; None for a line longer than ``limit`` bytes."""
    head = stream.read(4)
    stream.seek(0)
    encoding = bom_encoding(head)
    if encoding and encoding != "utf-8-sig":
        # Multi-byte encodings cannot be split on b"\n"; the codec reader streams them instead.
        reader = io.TextIOWrapper(stream, encoding=encoding, newline="")
        try:
            for number, line in enumerate(reader, start=1):
                yield number, line if len(line) <= limit else None
        except UnicodeDecodeError as exc:
            raise BadFile(f"undecodable {encoding} text: {exc.reason}") from exc
        finally:
            reader.detach()
        return
    number = 0
    while True:
        chunk = stream.readline(limit + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        if number == 1 and chunk.startswith(codecs.BOM_UTF8):
            chunk = chunk[len(codecs.BOM_UTF8):]
        yield number, state.decode(number, chunk)


def _fallback_warning(state: _Decoding) -> Iterator[Problem]:
    for items, what in ((state.fallback_items, "decoded as Windows-1252"),
                        (state.replaced_items, "neither UTF-8 nor Windows-1252; undecodable bytes replaced with U+FFFD")):
        if items:
            shown = ", ".join(items[:5]) + (" …" if len(items) > 5 else "")
            yield Problem("", f"{len(items)} line(s) not valid UTF-8 ({shown}); {what}", warning=True)


def sniff(head: bytes) -> str:
    """Guess the format of a file without a known extension from its first bytes."""
    encoding = bom_encoding(head) or "utf-8"
    text = head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n").lower()
    if text.startswith(("<?xml", "<rss", "<feed", "<rdf")):
        return "html" if "<html" in text[:500] else "feed"
    if text.startswith(("<!doctype html", "<html", "<head", "<body", "<!--")):
        return "html"
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first, _, rest = text.partition("\n")
        return "jsonl" if rest.lstrip().startswith("{") or first.rstrip().endswith("}") else "json"
    return "text"


def read_text(stream: BinaryIO, name: str) -> Iterator[Raw | Problem]:
    head = stream.read(MAX_ARTICLE_CHARS * 4 + 1)
    if len(head) > MAX_ARTICLE_CHARS * 4:
        raise BadFile(f"oversize: over {MAX_ARTICLE_CHARS * 4 / 1048576:.1f} MB of text is not one "
                      "news article; split it into articles (JSONL: one article a line)")
    text, warning = decode(head)
    if warning:
        yield Problem("", warning, warning=True)
    yield Raw("", {"text": text})


def read_jsonl(stream: BinaryIO, name: str) -> Iterator[Raw | Problem]:
    state = _Decoding()
    for number, line in iter_lines(stream, state, MAX_ARTICLE_CHARS * 4):
        item = f"line {number}"
        if line is None:
            yield Problem(item, f"oversize line (over {MAX_ARTICLE_CHARS * 4:,} bytes)")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield Problem(item, f"malformed JSON ({exc.msg}, column {exc.colno})")
            continue
        except RecursionError:
            yield Problem(item, "malformed JSON (nested too deeply to be an article)")
            continue
        if not isinstance(obj, dict):
            yield Problem(item, f"expected a JSON object (an article), got {type(obj).__name__}")
            continue
        yield Raw(item, obj)
    yield from _fallback_warning(state)


def read_json(stream: BinaryIO, name: str) -> Iterator[Raw | Problem]:
    text, warning = decode(read_document(stream))
    if warning:
        yield Problem("", warning, warning=True)
    try:
        obj = json.loads(text)
    except RecursionError:
        raise BadFile("malformed JSON (nested too deeply to be articles)") from None
    except json.JSONDecodeError as exc:
        if "\n{" in text.strip():
            # A JSONL file named .json: read it line by line rather than reject it whole.
            yield Problem("", "not one JSON document; read as JSON lines", warning=True)
            stream.seek(0)
            yield from read_jsonl(stream, name)
            return
        raise BadFile(f"malformed JSON ({exc.msg}, line {exc.lineno}, column {exc.colno})") from exc
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        obj = obj["articles"]
    if isinstance(obj, dict):
        yield Raw("", obj)
        return
    if not isinstance(obj, list):
        raise BadFile(f"expected an article object or a list of them, got {type(obj).__name__}")
    for number, record in enumerate(obj, start=1):
        if isinstance(record, dict):
            yield Raw(f"record {number}", record)
        else:
            yield Problem(f"record {number}", f"expected an article object, got {type(record).__name__}")


def read_csv(stream: BinaryIO, name: str) -> Iterator[Raw | Problem]:
    state = _Decoding()
    lines = (line or "" for _, line in iter_lines(stream, state, MAX_ARTICLE_CHARS * 4))
    delimiter = "\t" if name.lower().endswith(".tsv") else ","
    csv.field_size_limit(MAX_ARTICLE_CHARS * 4)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise BadFile("empty CSV file (no header row)") from None
    except csv.Error as exc:
        raise BadFile(f"malformed CSV header: {exc}") from exc
    columns = [h.strip().lstrip("\ufeff").lower() for h in header]
    if "text" not in columns:
        raise BadFile(f"CSV has no 'text' column (columns: {', '.join(columns) or 'none'}); "
                      f"expected {', '.join(CSV_COLUMNS)}")
    unknown = [c for c in columns if c not in CSV_COLUMNS + _CSV_OPTIONAL]
    missing = [c for c in CSV_COLUMNS if c not in columns]
    if missing:
        yield Problem("", f"CSV has no {', '.join(repr(c) for c in missing)} column(s); those fields stay "
                          "empty unless given by the caller", warning=True)
    if unknown:
        yield Problem("", f"CSV columns ignored: {', '.join(unknown)}", warning=True)
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            yield Problem(f"row {number} (line {reader.line_num})", f"malformed CSV: {exc}")
            continue
        number += 1
        if not any(cell.strip() for cell in row):
            continue
        item = f"row {number} (line {reader.line_num})"
        if len(row) != len(columns):
            yield Problem(item, f"has {len(row)} cells, the header has {len(columns)}", warning=True)
        yield Raw(item, {col: cell for col, cell in zip(columns, row) if col in CSV_COLUMNS + _CSV_OPTIONAL})
    yield from _fallback_warning(state)


class _TextOfHtml(HTMLParser):
    """Text of an HTML fragment (a feed entry's summary), one line per block element."""

    _BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_fragment_text(fragment: str) -> str:
    parser = _TextOfHtml()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _entry_date(entry: Any) -> date | str | None:
    """The entry's date as the feed wrote it (its own time zone: "23:30 -0500" is still that day);
    feedparser's UTC-normalized struct only when the text is not RFC 822 or ISO."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date()
        except (TypeError, ValueError):
            pass
        try:
            return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        return date(*parsed[:3]) if parsed else raw
    return None


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")


def _valid_char_refs(data: bytes) -> tuple[bytes, list[str]]:
    """Numeric character references that name no character (a lone surrogate such as &#55296;, or
    beyond U+10FFFF) replaced with U+FFFD: feedparser refuses the whole feed over one of them."""
    bad: list[str] = []

    def fix(match: re.Match) -> bytes:
        code = int(match[1], 16) if match[1] else int(match[2])
        if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            bad.append(match[0].decode("ascii"))
            return b"&#xFFFD;"
        return match[0]

    return _CHAR_REF.sub(fix, data), bad


def read_feed(stream: BinaryIO, name: str) -> Iterator[Raw | Problem]:
    import feedparser

    data, bad_refs = _valid_char_refs(read_document(stream))
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise BadFile(f"not an RSS/Atom feed, or a feed without entries{reason}")
    if parsed.get("bozo"):
        yield Problem("", f"feed is not well-formed ({parsed.bozo_exception}); read what could be parsed",
                      warning=True)
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        item = f"entry {number}"
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        body = max(contents, key=len) if contents else entry.get("summary", "")
        text = html_fragment_text(body) if re.search(r"<[a-zA-Z/!]", body or "") else (body or "")
        if bad_refs and "\ufffd" in f"{entry.get('title')}{text}":
            yield Problem(item, f"invalid character reference(s) ({', '.join(sorted(set(bad_refs))[:3])}) "
                                "replaced with U+FFFD", warning=True)
        yield Raw(item, {"id": entry.get("id"), "title": entry.get("title"), "text": text,
                         "published": _entry_date(entry), "url": entry.get("link"),
                         "source": feed_title, "language": entry.get("language")})


_PAGE_DATE = {"extensive_search": False, "original_date": True}


def html_article(data: bytes, url: str | None = None) -> tuple[dict[str, Any], str | None]:
    """Main text and metadata of a web page with trafilatura; the warning of the decoding, if any."""
    import trafilatura
    from trafilatura.metadata import extract_metadata

    html, warning = decode(data)
    text = trafilatura.extract(html, url=url, output_format="txt", include_comments=False)
    if text and "\n" not in text:
        # trafilatura's fallback extractors flatten short pages into one line; its own keeps paragraphs.
        alt = trafilatura.extract(html, url=url, output_format="txt", include_comments=False, no_fallback=True)
        if alt and "\n" in alt and len(alt) >= len(text) // 2:
            text = alt
    # No extensive date search: it turns "Copyright 2024" into 2024-01-01, a false publication day.
    meta = extract_metadata(html, default_url=url, date_config=_PAGE_DATE)
    fields: dict[str, Any] = {"text": text or ""}
    if meta is not None:
        fields.update(title=meta.title, published=meta.date, url=meta.url or url,
                      source=meta.sitename or meta.hostname)
    return fields, warning


def read_html(stream: BinaryIO, name: str) -> Iterator[Raw | Problem]:
    fields, warning = html_article(read_document(stream))
    if warning:
        yield Problem("", warning, warning=True)
    if not fields["text"].strip():
        yield Problem("", "no article text found in the page (trafilatura extracted nothing)")
        return
    yield Raw("", fields)


READERS = {"text": read_text, "html": read_html, "json": read_json, "jsonl": read_jsonl,
           "csv": read_csv, "feed": read_feed}
