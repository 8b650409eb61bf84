"""Fetch a web page or feed by URL -> articles, refusing internal addresses (hosted mode).

A public demo must not become a proxy into its own network (SSRF): every hop, the first request
and each redirect, has its host resolved and checked, and the connection goes to the checked
address itself (so a second DNS answer cannot swap in 127.0.0.1). Loopback, private, link-local,
multicast, reserved and other non-global addresses are refused unless ``allow_private`` (a local
install fetching from its own network). Redirects are followed by hand for that reason.
"""
from __future__ import annotations

import ipaddress
import logging
import socket
import time
from urllib.parse import urljoin, urlsplit

import urllib3

from timeline.ingest.formats import html_article
from timeline.ingest.read import build_article, collect, format_of, iter_bytes
from timeline.schema import Article, IngestError, IngestResult

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 15.0
# The whole fetch (redirects, the body, a feed's entry pages) ends by then: a server that drips its
# bytes one at a time keeps every single read within DEFAULT_TIMEOUT, and would otherwise hold on.
DEFAULT_DEADLINE = 60.0
DEFAULT_FETCH_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "conflict-timeline/1.0 (+news article reader)"
_REDIRECTS = (301, 302, 303, 307, 308)
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """Why a URL was not fetched; the message is shown to the user as is."""


def address_problem(ip: IPAddress) -> str | None:
    """What kind of internal address this is, or None for a public (globally routable) one."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv6Address) and ip.sixtofour:
        # 2002::/16 carries an IPv4 address (2002:7f00:1:: is 127.0.0.1): judge the address it carries
        inner = address_problem(ip.sixtofour)
        return f"{inner} (6to4 for {ip.sixtofour})" if inner else None
    # Order matters: loopback and link-local addresses are also "private" to the ipaddress module.
    for attribute, label in (("is_unspecified", "unspecified"), ("is_loopback", "loopback"),
                             ("is_link_local", "link-local"), ("is_multicast", "multicast"),
                             ("is_private", "private"), ("is_reserved", "reserved")):
        if getattr(ip, attribute):
            return label
    return None if ip.is_global else "not globally routable"


def resolve(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc}): the network is unavailable "
                         "or the name does not exist") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if ip not in addresses:
            addresses.append(ip)
    return addresses


def checked_address(url: str, allow_private: bool) -> tuple[str, str, int, IPAddress]:
    """(scheme, host, port, the address to connect to) after the guard; FetchError if refused."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "http://[::1" (a typo): Invalid IPv6 URL
        raise FetchError(f"malformed URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"refused: only http and https URLs can be fetched, not {scheme or 'a bare path'!r}")
    try:
        host, port = parts.hostname, parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"malformed URL: {exc}") from exc
    if not host:
        raise FetchError("malformed URL: no host")
    addresses = resolve(host, port)
    if not allow_private:
        # Refuse when any answer is internal: which one a client would use is not ours to bet on.
        for ip in addresses:
            problem = address_problem(ip)
            if problem:
                raise FetchError(f"refused: {host} resolves to {ip}, a {problem} address "
                                 "(internal addresses are not fetched in hosted mode)")
    if not addresses:
        raise FetchError(f"cannot resolve host {host!r}: no addresses")
    return scheme, host, port, addresses[0]


def _request(url: str, allow_private: bool, timeout: float) -> urllib3.BaseHTTPResponse:
    scheme, host, port, ip = checked_address(url, allow_private)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    shown = f"[{host}]" if ":" in host else host  # an IPv6 literal keeps its brackets
    host_header = shown if port == (443 if scheme == "https" else 80) else f"{shown}:{port}"
    timeouts = urllib3.Timeout(connect=timeout, read=timeout)
    if scheme == "https":
        pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
            str(ip), port, timeout=timeouts, retries=False, server_hostname=host, assert_hostname=host,
            cert_reqs="CERT_REQUIRED")
    else:
        pool = urllib3.HTTPConnectionPool(str(ip), port, timeout=timeouts, retries=False)
    headers = {"Host": host_header, "User-Agent": USER_AGENT,
               "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                         "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"}
    try:
        return pool.urlopen("GET", target, headers=headers, redirect=False, retries=False,
                            preload_content=False, assert_same_host=False)
    except urllib3.exceptions.SSLError as exc:
        raise FetchError(f"TLS error talking to {host}: {exc}") from exc
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(f"network unavailable or {host} unreachable: {exc}") from exc


def _format_of_content_type(content_type: str) -> str | None:
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return "html"
    if kind in ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                "text/xml"):
        return "feed"
    if kind in ("application/json",):
        return "json"
    if kind in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if kind == "text/csv":
        return "csv"
    if kind == "text/plain":
        return "text"
    return None  # unknown: sniffed from the bytes


def download(url: str, *, allow_private: bool = False, timeout: float = DEFAULT_TIMEOUT,
             max_bytes: int = DEFAULT_FETCH_BYTES, deadline: float | None = None) -> tuple[str, bytes, str]:
    """(final URL, body, content type) after following redirects, each hop guarded.

    ``deadline``: a ``time.monotonic()`` by which the whole download ends (FetchError after it);
    no single wait is longer than ``timeout``.
    """
    deadline = deadline if deadline is not None else time.monotonic() + DEFAULT_DEADLINE
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        response = _request(current, allow_private, _left(deadline, timeout, current))
        try:
            if response.status in _REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {response.status} redirect without a Location from {current}")
                log.info("redirect %s -> %s", current, location)
                current = urljoin(current, location)
                continue
            if response.status >= 400:
                raise FetchError(f"HTTP {response.status} {response.reason or ''}".rstrip())
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(_too_large(int(length), max_bytes))
            body = _read_body(response, current, max_bytes, deadline, timeout)
            return current, body, response.headers.get("Content-Type", "")
        finally:
            response.release_conn()
    raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")


def _left(deadline: float, timeout: float, url: str) -> float:
    """Seconds the next wait may take; FetchError when the deadline has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"gave up on {url}: the fetch took longer than its time limit")
    return min(timeout, left)


def _read_body(response: urllib3.BaseHTTPResponse, url: str, max_bytes: int, deadline: float,
               timeout: float) -> bytes:
    """The body, read as it arrives: each wait bounded by what is left before the deadline."""
    chunks: list[bytes] = []
    size = 0
    sock = getattr(getattr(response, "connection", None), "sock", None)
    try:
        while True:
            wait = _left(deadline, timeout, url)
            if sock is not None:
                sock.settimeout(wait)
            chunk = response.read1(min(65536, max_bytes + 1 - size), decode_content=True)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(_too_large(size, max_bytes))
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(f"network error while reading {url}: {exc}") from exc


def _too_large(size: int, limit: int) -> str:
    return f"too large: {_size(size)}, over the {_size(limit)} limit for a fetched page"


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n:,} bytes"


def fetch_url(url: str, *, allow_private: bool = False, timeout: float = DEFAULT_TIMEOUT,
              max_bytes: int = DEFAULT_FETCH_BYTES, published=None, source: str | None = None,
              follow_links: bool = False, max_entries: int = 50,
              time_limit: float = DEFAULT_DEADLINE) -> IngestResult:
    """Articles from a URL: a page (trafilatura: text, title, date, URL) or a feed (one per entry).

    With ``follow_links`` each feed entry's own page is fetched too (same guard) and its main text
    replaces the entry's summary when longer; the entry keeps its feed date, title and id. Everything
    ends within ``time_limit`` seconds: entries whose page was not reached by then keep their summary.
    """
    url = (url or "").strip()
    deadline = time.monotonic() + time_limit
    try:
        final, body, content_type = download(url, allow_private=allow_private, timeout=timeout,
                                             max_bytes=max_bytes, deadline=deadline)
    except FetchError as exc:
        return IngestResult(errors=(IngestError(url or "(empty URL)", "", str(exc)),))
    # Without a telling Content-Type the format follows the URL's extension, else the bytes.
    fmt = _format_of_content_type(content_type) or format_of(final, body[:4096])
    result = collect(iter_bytes(final, body, url=final, fmt=fmt, published=published, source=source))
    if fmt != "feed" or not follow_links:
        return result
    articles: list[Article] = []
    warnings = list(result.warnings)
    for number, article in enumerate(result.articles, start=1):
        if number > max_entries or not article.url:
            articles.append(article)
            continue
        full, problem = _entry_page(article, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes,
                                    deadline=deadline)
        if problem:
            warnings.append(IngestError(final, article.url, f"{problem}; kept the feed's summary"))
        articles.append(full or article)
    return IngestResult(tuple(articles), result.errors, tuple(warnings))


def _entry_page(entry: Article, **fetch_options) -> tuple[Article | None, str | None]:
    """The entry with its page's main text, or why the page could not give one."""
    try:
        final, body, content_type = download(entry.url, **fetch_options)
    except FetchError as exc:
        return None, f"page not fetched ({exc})"
    fields, _ = html_article(body, url=final)
    page_text = fields.get("text") or ""
    if len(page_text) <= len(entry.text):
        return None, None
    built = build_article({"text": page_text, "title": entry.title or fields.get("title"), "id": entry.id,
                           "published": entry.published, "url": entry.url, "source": entry.source},
                          final, "", title=entry.title)
    if not built.articles:
        return None, "; ".join(e.problem for e in built.errors)
    return built.articles[0], None
