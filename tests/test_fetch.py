"""URL fetching: the internal-address guard (first hop and redirects) and the happy path, all offline.

A local http.server on 127.0.0.1 plays the web: refused by default (it is loopback), fetched with
allow_private=True. To test a redirect from a "public" server into the internal network, the guard
is told to treat one loopback address (127.0.0.2) as public; every other address keeps the real rule.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from timeline.ingest import fetch
from timeline.ingest.fetch import address_problem, fetch_url

PARAGRAPHS = (
    "Russian President Vladimir Putin said on Thursday that Moscow agreed with the US proposal for a "
    "ceasefire in Ukraine, but that many details had to be sorted out first.",
    "Ukrainian President Volodymyr Zelensky said the Kremlin was preparing to reject the plan and called "
    "on the United States to put more pressure on Russia.",
    "The talks between the delegations are expected to continue in Riyadh next week, officials in "
    "Washington said on Friday evening.",
)
PAGE = ("<!DOCTYPE html><html><head><title>Putin answers</title>"
        '<meta property="article:published_time" content="2025-03-13T18:00:00Z">'
        '<meta property="og:site_name" content="Local Wire"></head><body><nav>Home | World</nav><article>'
        "<h1>Putin answers the ceasefire plan</h1>\n"
        + "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2) + "\n</article></body></html>").encode()
FEED = (f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local Feed</title>
<item><title>One</title><link>http://example.org/1</link><pubDate>Thu, 13 Mar 2025 10:00:00 GMT</pubDate>
<description>{PARAGRAPHS[0]}</description></item>
<item><title>Two</title><link>http://example.org/2</link><pubDate>Fri, 14 Mar 2025 10:00:00 GMT</pubDate>
<description>{PARAGRAPHS[1]}</description></item></channel></rss>""").encode()


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []
    redirect_to: dict[str, str] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Handler.hits.append(self.path)
        if self.path == "/drip":
            self.drip()
            return
        if self.path in Handler.redirect_to:
            self.send_response(302)
            self.send_header("Location", Handler.redirect_to[self.path])
            self.end_headers()
            return
        base = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
        routes = {"/page": ("text/html; charset=utf-8", PAGE), "/feed": ("application/rss+xml", FEED),
                  "/big": ("text/plain", b"x" * 5000),
                  "/linked-feed": ("application/xml", FEED.replace(b"http://example.org/1", f"{base}/page".encode())
                                   .replace(b"http://example.org/2", f"{base}/gone".encode()))}
        if self.path not in routes:
            self.send_error(404, "Not Found")
            return
        kind, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def drip(self) -> None:
        """Headers at once, then one byte every 0.1 s: every single read is quick, the whole is not."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(100):  # ten seconds in all
            try:
                self.wfile.write(b"x")
                self.wfile.flush()
            except OSError:  # the client gave up: what the test wants
                return
            time.sleep(0.1)

    def log_message(self, *args) -> None:
        pass


def serve(host: str):
    server = ThreadingHTTPServer((host, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return server


@pytest.fixture
def server():
    Handler.hits = []
    Handler.redirect_to = {}
    httpd = serve("127.0.0.1")
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def public_server(monkeypatch):
    """A server on 127.0.0.2 that the guard is told to treat as public."""
    try:
        httpd = serve("127.0.0.2")
    except OSError:
        pytest.skip("cannot bind 127.0.0.2 on this machine")
    real = fetch.address_problem
    monkeypatch.setattr(fetch, "address_problem",
                        lambda ip: None if ip == ipaddress.ip_address("127.0.0.2") else real(ip))
    yield f"http://127.0.0.2:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def only_error(result) -> str:
    assert not result.articles and len(result.errors) == 1, result
    return str(result.errors[0])


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.10", "private"),
    ("172.16.5.4", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"), ("::ffff:127.0.0.1", "loopback"),
    ("100.64.0.1", "not globally routable"), ("fc00::1", "private"),
])
def test_internal_addresses_are_classified(address, kind):
    assert address_problem(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("address, kind", [
    ("2002:7f00:1::", "loopback (6to4 for 127.0.0.1)"), ("2002:a9fe:a9fe::", "link-local (6to4 for 169.254.169.254)"),
    ("2002:c0a8:101::1", "private (6to4 for 192.168.1.1)"),
])
def test_6to4_addresses_carrying_internal_ipv4_are_internal(address, kind):
    """Issue 17: 2002::/16 embeds an IPv4 address, and the ipaddress module calls these global."""
    assert address_problem(ipaddress.ip_address(address)) == kind
    message = only_error(fetch_url(f"http://[{address}]/"))
    assert "refused:" in message and kind in message


@pytest.mark.parametrize("address", ["8.8.8.8", "151.101.1.164", "2a00:1450:4001:80b::200e", "2002:808:808::"])
def test_public_addresses_pass(address):
    assert address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("url, expected", [
    ("http://127.0.0.1/", "127.0.0.1, a loopback address"),
    ("http://[::1]:8080/x", "::1, a loopback address"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254, a link-local address"),
    ("https://10.0.0.8/admin", "10.0.0.8, a private address"),
    ("http://[::ffff:192.168.1.1]/", "::ffff:c0a8:101, a private address"),
    ("http://0.0.0.0:8501/", "0.0.0.0, a unspecified address"),
])
def test_literal_internal_urls_are_refused_without_connecting(url, expected):
    message = only_error(fetch_url(url))
    assert expected in message and message.startswith(f"{url}: refused:")


def test_localhost_is_refused_by_name(server):
    port = server.rsplit(":", 1)[1]
    message = only_error(fetch_url(f"http://localhost:{port}/page"))
    assert "refused: localhost resolves to" in message and "loopback" in message
    assert Handler.hits == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "/etc/passwd"])
def test_other_schemes_are_refused(url):
    assert "refused: only http and https URLs can be fetched" in only_error(fetch_url(url))


def test_local_server_is_refused_by_default_and_nothing_is_requested(server):
    message = only_error(fetch_url(f"{server}/page"))
    assert "a loopback address" in message
    assert Handler.hits == []


def test_page_is_fetched_when_private_addresses_are_allowed(server):
    result = fetch_url(f"{server}/page", allow_private=True)
    assert not result.errors and len(result.articles) == 1
    art = result.articles[0]
    assert art.title == "Putin answers the ceasefire plan" and art.source == "Local Wire"
    assert art.published == date(2025, 3, 13) and art.url == f"{server}/page"
    assert art.text.startswith(PARAGRAPHS[0]) and "Home | World" not in art.text


def test_feed_url_gives_one_article_per_entry(server):
    result = fetch_url(f"{server}/feed", allow_private=True)
    assert [(a.title, a.published, a.url) for a in result.articles] == [
        ("One", date(2025, 3, 13), "http://example.org/1"), ("Two", date(2025, 3, 14), "http://example.org/2")]


def test_feed_entries_can_bring_their_full_pages(server):
    result = fetch_url(f"{server}/linked-feed", allow_private=True, follow_links=True)
    assert [(a.title, a.published) for a in result.articles] == [("One", date(2025, 3, 13)), ("Two", date(2025, 3, 14))]
    first, second = result.articles
    assert first.url == f"{server}/page" and first.text.startswith(PARAGRAPHS[0])
    assert PARAGRAPHS[2] in first.text  # the page's text, not the one-paragraph summary
    assert second.text == PARAGRAPHS[1]  # its page is gone: the summary stays, with a warning
    assert [str(w) for w in result.warnings] == [
        f"{server}/linked-feed, {server}/gone: page not fetched (HTTP 404 Not Found); kept the feed's summary"]
    without = fetch_url(f"{server}/linked-feed", allow_private=True)
    assert without.articles[0].text == PARAGRAPHS[0] and "/page" not in Handler.hits[-1]


def test_redirects_are_followed_hop_by_hop(server):
    Handler.redirect_to = {"/old": "/older", "/older": f"{server}/page"}
    result = fetch_url(f"{server}/old", allow_private=True)
    assert len(result.articles) == 1 and result.articles[0].url == f"{server}/page"
    assert Handler.hits == ["/old", "/older", "/page"]


def test_redirect_loop_stops(server):
    Handler.redirect_to = {"/a": "/b", "/b": "/a"}
    assert "too many redirects" in only_error(fetch_url(f"{server}/a", allow_private=True))


def test_redirect_from_a_public_server_to_loopback_is_refused(public_server, server):
    Handler.redirect_to = {"/story": f"{server}/page"}
    message = only_error(fetch_url(f"{public_server}/story"))
    assert "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address" in message
    assert Handler.hits == ["/story"]  # the internal page was never requested


@pytest.mark.parametrize("target, kind", [("http://169.254.169.254/latest/meta-data/", "link-local"),
                                          ("http://10.0.0.1/", "private"), ("http://[::1]/", "loopback")])
def test_redirect_to_internal_addresses_is_refused(public_server, target, kind):
    Handler.redirect_to = {"/story": target}
    assert f"a {kind} address" in only_error(fetch_url(f"{public_server}/story"))


def test_public_server_happy_path_through_the_guard(public_server):
    result = fetch_url(f"{public_server}/page")
    assert len(result.articles) == 1 and result.articles[0].source == "Local Wire"


def test_http_errors_and_size_limit(server):
    assert only_error(fetch_url(f"{server}/nothing", allow_private=True)).endswith("HTTP 404 Not Found")
    message = only_error(fetch_url(f"{server}/big", allow_private=True, max_bytes=1000))
    assert "too large: 5,000 bytes, over the 1,000 bytes limit for a fetched page" in message


def test_network_unavailable_is_a_clear_error(monkeypatch):
    def no_network(*args, **kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    message = only_error(fetch_url("https://news.example.org/story"))
    assert "cannot resolve host 'news.example.org'" in message and "network is unavailable" in message


def test_connection_refused_is_a_clear_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again below: nothing listens there
    message = only_error(fetch_url(f"http://127.0.0.1:{port}/", allow_private=True, timeout=2))
    assert "network unavailable or 127.0.0.1 unreachable" in message


@pytest.mark.parametrize("url", ["http://[::1", "https://[2002:7f00:1::/x", "http://[not-an-address]/"])
def test_url_typo_ipv6_bracket_is_a_clear_error_not_a_valueerror(url):
    """Issue 17: "http://[::1" raised an uncaught ValueError (Invalid IPv6 URL) out of fetch_url."""
    message = only_error(fetch_url(url, allow_private=True))
    assert message.startswith(f"{url}: malformed URL:")


def test_a_server_dripping_bytes_is_cut_off_at_the_time_limit(server):
    """Issue 17: each read came within the timeout, so a byte every 0.1 s held a fetch for a minute."""
    started = time.monotonic()
    message = only_error(fetch_url(f"{server}/drip", allow_private=True, timeout=2, time_limit=1.0))
    took = time.monotonic() - started
    assert "took longer than its time limit" in message
    assert took < 6, f"the fetch went on for {took:.1f} s past a 1 s limit (the server drips for 10 s)"
