"""Every input format -> cleaned Article records, with a clear error per bad item.

Public entry points: ``read_path`` (a file), ``read_bytes`` (an upload), ``from_text`` (pasted
text); ``iter_path``/``iter_bytes`` stream the same results item by item for large batches.
Record fields win over the caller's ``published``/``source``, which fill gaps (and ``title`` for
single-article inputs). Nothing raises on bad input: problems come back as IngestError items
naming the file, the line/record/row/entry and what is wrong; the rest of the batch goes on.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from timeline.ingest import formats
from timeline.ingest.clean import Cleaned, clean_text, furniture_reason
from timeline.ingest.formats import MAX_ARTICLE_CHARS, BadFile, Problem
from timeline.ingest.language import detect_language
from timeline.schema import Article, IngestError, IngestResult

log = logging.getLogger(__name__)

# What a hosted demo accepts in one upload; the app passes it as ``max_bytes``.
DEFAULT_UPLOAD_BYTES = 10 * 1024 * 1024
# Before this a date is a typo (or an epoch default), not a news article's publication date.
EARLIEST_PUBLISHED = date(1900, 1, 1)
_ISO = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")

PASTED = "pasted text"


def parse_published(value: Any, today: date | None = None) -> tuple[date | None, str | None]:
    """A publication date from what a record holds, and why it was not usable (if it was not).

    Absurd dates (before 1900, or in the future) are refused as document creation time: every
    relative date of the article would be resolved against them.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime):
        found: date | None = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, str):
        found = _parse_date_string(value.strip())
        if found is None:
            return None, f"unparsable publication date {value[:60]!r}; left empty"
    else:
        return None, f"publication date {value!r:.60} is not a date; left empty"
    today = today or date.today()
    if found > today + timedelta(days=1):
        return None, (f"publication date {found.isoformat()} is in the future; not used as the "
                      "article's reference date")
    if found < EARLIEST_PUBLISHED:
        return None, f"implausible publication date {found.isoformat()}; not used as the reference date"
    return found, None


def _parse_date_string(value: str) -> date | None:
    if _ISO.match(value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return None
    if len(value) > 80 or not re.search(r"\d", value):
        return None
    import dateparser

    # Absolute forms only: "yesterday" in a data file means nothing once the file is old.
    parsed = dateparser.parse(value, languages=["en"],
                              settings={"PARSERS": ["timestamp", "custom-formats", "absolute-time"],
                                        "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None


def article_id(text: str, source: str | None) -> str:
    """Stable id of an article without one: the same text from the same source, the same id."""
    return hashlib.sha1(f"{source or ''}\n{text}".encode("utf-8")).hexdigest()[:16]


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(fields: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Fields with lone surrogates (JSON's "\\ud800" escape without its pair: no character, and
    not storable as UTF-8) replaced with U+FFFD, and a warning saying where."""
    found = [f"{_replace_surrogates(str(key))!r} at character {match.start()}" for key, value in fields.items()
             if isinstance(value, str) and (match := _LONE_SURROGATE.search(value))]
    if not found and not any(_LONE_SURROGATE.search(str(key)) for key in fields):
        return fields, None
    clean = {_replace_surrogates(k) if isinstance(k, str) else k: _replace_surrogates(v) if isinstance(v, str) else v
             for k, v in fields.items()}
    return clean, (f"lone surrogate escape(s) (half of a UTF-16 pair, no character) in "
                   f"{', '.join(found) or 'a field name'}; replaced with U+FFFD")


def _replace_surrogates(text: str) -> str:
    return _LONE_SURROGATE.sub("\ufffd", text)


def _str_field(fields: dict[str, Any], key: str) -> str | None:
    value = fields.get(key)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def build_article(fields: dict[str, Any], where: str, item: str, *, published: Any = None,
                  source: str | None = None, title: str | None = None, url: str | None = None,
                  today: date | None = None, identity: str | None = None) -> IngestResult:
    """One Article from raw fields, or the error saying why not; warnings for what was let go.

    Without an id in the fields, the id is a hash of ``identity`` (a file's path) and the source when
    given, so an edited file replaces its old version; else of the text and the source.
    """
    def error(problem: str) -> IngestResult:
        return IngestResult(errors=(IngestError(where, item, problem),))

    warnings: list[IngestError] = []
    fields, problem = _without_lone_surrogates(fields)
    if problem:
        warnings.append(IngestError(where, item, problem))
    text = fields.get("text")
    if text is None:
        return error("no 'text' field" + (f" (fields: {', '.join(map(str, fields))})" if fields else ""))
    if not isinstance(text, str):
        return error(f"'text' is {type(text).__name__}, not a string")
    if "\x00" in text:
        return error("text contains NUL characters (binary data)")
    if not text.strip():
        return error("empty text")
    if len(text) > MAX_ARTICLE_CHARS:
        return error(f"oversize: {len(text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit for one article")
    the_title = _str_field(fields, "title") or title
    the_source = _str_field(fields, "source") or source
    declared = (_str_field(fields, "language") or "en").lower()
    if not declared.startswith("en"):
        return error(f"declared language {declared!r}: only English articles are processed; skipped")
    language = detect_language(text)
    if not language.english_or_unknown:
        return error(f"not English (looks {language.name}: {language.reason}); skipped, not turned into events")
    when, problem = parse_published(fields.get("published"), today)
    if problem:
        warnings.append(IngestError(where, item, problem))
    if when is None and published is not None and fields.get("published") in (None, ""):
        when, problem = parse_published(published, today)
        if problem:
            warnings.append(IngestError(where, item, f"caller's {problem}"))
    cleaned = clean_text(text, the_title)
    if not cleaned.body and cleaned.removed and all(furniture_reason(line).startswith("short line")
                                                     for line in cleaned.removed):
        # Only unpunctuated short lines ("Putin meets Trump in Riyadh"): a note, not page chrome.
        cleaned = Cleaned("\n\n".join(cleaned.removed), cleaned.captions, ())
        warnings.append(IngestError(where, item, "text has no sentence punctuation; read as is"))
    if not cleaned.body:
        return error(f"no body text left after cleaning ({len(cleaned.removed)} furniture line(s), "
                     f"{len(cleaned.captions)} caption(s))")
    given_id = _str_field(fields, "id")
    article = Article(
        id=given_id or article_id(f"file {identity}" if identity else text, the_source),
        text=cleaned.body,
        title=the_title,
        source=the_source,
        published=when,
        url=_str_field(fields, "url") or url,
        language="en",
        captions=cleaned.captions,
        removed=cleaned.removed,
    )
    return IngestResult(articles=(article,), warnings=tuple(warnings))


def format_of(name: str, head: bytes) -> str:
    """The reader for a file: by its extension, else sniffed from its first bytes."""
    return formats.EXTENSIONS.get(Path(name).suffix.lower()) or formats.sniff(head)


def iter_stream(stream: BinaryIO, name: str, *, published: Any = None, source: str | None = None,
                title: str | None = None, url: str | None = None, fmt: str | None = None,
                today: date | None = None, path: Path | None = None) -> Iterator[IngestResult]:
    """One IngestResult per item of a seekable binary stream (an article, or its error); a
    one-article file read from ``path`` takes its id from the path (see ``build_article``)."""
    head = stream.read(4096)
    stream.seek(0)
    if not head.strip() and len(head) < 4096:
        yield IngestResult(errors=(IngestError(name, "", "empty file"),))
        return
    binary = formats.binary_reason(head)
    if binary:
        yield IngestResult(errors=(IngestError(name, "", binary),))
        return
    fmt = fmt or format_of(name, head)
    single = fmt in ("text", "html")
    identity = str(path.resolve()) if single and path is not None else None
    try:
        for found in formats.READERS[fmt](stream, name):
            if isinstance(found, Problem):
                report = IngestError(name, found.item, found.problem)
                yield IngestResult(warnings=(report,)) if found.warning else IngestResult(errors=(report,))
                continue
            try:
                built = build_article(found.fields, name, found.item, published=published, source=source,
                                      title=title if single else None, url=url, today=today, identity=identity)
            except Exception as exc:  # one odd item must not end the file: report it, read on
                log.exception("unexpected failure reading %s, %s", name, found.item)
                built = IngestResult(errors=(IngestError(name, found.item, f"could not be read: {exc}"),))
            yield built
    except BadFile as exc:
        yield IngestResult(errors=(IngestError(name, "", str(exc)),))
    except Exception as exc:  # a parser library failing on odd input must not lose the batch
        log.exception("unexpected failure reading %s as %s", name, fmt)
        yield IngestResult(errors=(IngestError(name, "", f"could not be read as {fmt}: {exc}"),))


def collect(results: Iterable[IngestResult]) -> IngestResult:
    articles: list[Article] = []
    errors: list[IngestError] = []
    warnings: list[IngestError] = []
    for result in results:
        articles.extend(result.articles)
        errors.extend(result.errors)
        warnings.extend(result.warnings)
    return IngestResult(tuple(articles), tuple(errors), tuple(warnings))


def iter_path(path: str | Path, *, published: Any = None, source: str | None = None,
              title: str | None = None, max_bytes: int | None = None) -> Iterator[IngestResult]:
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            yield IngestResult(errors=(IngestError(name, "", "is a directory, not a file"),))
            return
        if max_bytes is not None and size > max_bytes:
            yield IngestResult(errors=(IngestError(name, "", _too_large(size, max_bytes)),))
            return
        with path.open("rb") as stream:
            yield from iter_stream(stream, name, published=published, source=source, title=title, path=path)
    except OSError as exc:
        yield IngestResult(errors=(IngestError(name, "", f"cannot be read: {exc.strerror or exc}"),))


def read_path(path: str | Path, *, published: Any = None, source: str | None = None,
              title: str | None = None, max_bytes: int | None = None) -> IngestResult:
    """Articles of one file, format by extension (else sniffed); caller's fields fill gaps."""
    return collect(iter_path(path, published=published, source=source, title=title, max_bytes=max_bytes))


def _too_large(size: int, limit: int) -> str:
    return (f"too large: {size / 1048576:.1f} MB, over the {limit / 1048576:.1f} MB upload limit; "
            "upload a smaller file or split it")


def iter_bytes(name: str, data: bytes, *, published: Any = None, source: str | None = None,
               title: str | None = None, max_bytes: int | None = None, url: str | None = None,
               fmt: str | None = None) -> Iterator[IngestResult]:
    name = name or "upload"
    if not isinstance(data, (bytes, bytearray)):
        yield IngestResult(errors=(IngestError(name, "", f"expected bytes, got {type(data).__name__}"),))
        return
    if max_bytes is not None and len(data) > max_bytes:
        yield IngestResult(errors=(IngestError(name, "", _too_large(len(data), max_bytes)),))
        return
    yield from iter_stream(io.BytesIO(data), name, published=published, source=source, title=title,
                           url=url, fmt=fmt)


def read_bytes(name: str, data: bytes, *, published: Any = None, source: str | None = None,
               title: str | None = None, max_bytes: int | None = None, url: str | None = None,
               fmt: str | None = None) -> IngestResult:
    """Articles of an upload; the format follows the file name like read_path (or ``fmt``)."""
    return collect(iter_bytes(name, data, published=published, source=source, title=title,
                              max_bytes=max_bytes, url=url, fmt=fmt))


def from_text(text: str, *, title: str | None = None, source: str | None = None,
              published: Any = None, url: str | None = None) -> IngestResult:
    """One article from pasted text."""
    if not isinstance(text, str):
        return IngestResult(errors=(IngestError(PASTED, "", f"expected text, got {type(text).__name__}"),))
    fields = {"text": text, "title": title, "source": source, "url": url, "published": published}
    return build_article(fields, PASTED, "", source=source, title=title, url=url)
