"""The article text as safe HTML with the evidence sentence marked, and the other sentences that
tell the same happening.

Article text is untrusted (any page, any upload): every character of it is escaped, so markup in an
article (``<script>``, ``<img onerror=...>``) is shown as text. Only the tags written here are HTML.
"""
from __future__ import annotations

import html
import re

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A sentence ends at . ! ? (and a closing quote or bracket) before a space and a capital, digit or
# opening quote, or at a line break; "U.S. officials" and "Mr. Putin" stay whole, as does "3.5".
_SENTENCE = re.compile(r"[^\n]+?(?:(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?]+[\"'”’)\]]*"
                       r"(?=\s+[\"'“‘(\[]?[A-Z0-9])|$)", re.MULTILINE)


def _paragraphs(escaped: str) -> str:
    parts = [p.replace("\n", "<br>") for p in _PARAGRAPH_BREAK.split(escaped.strip())]
    return "".join(f"<p>{p}</p>" for p in parts if p)


def _no_sentinels(text: str) -> str:
    return text.replace("\x00", "").replace("\x01", "")


def link_html(url: object, text: str) -> str:
    """An escaped link when ``url`` is http(s), else the escaped text alone: a ``javascript:`` or
    ``data:`` address from a page never becomes a link."""
    if isinstance(url, str) and re.match(r"https?://", url, re.IGNORECASE):
        return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'
    return html.escape(text)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the text's sentences, for an analyst to pick one (to add an event the
    extractor missed): a plain rule, not the parser's, since browsing never loads the model."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            spans.append((start, end))
    return spans


def excerpt(text: str, start: int, end: int, around: int = 1) -> tuple[str, int, int]:
    """The paragraphs holding ``text[start:end]`` and ``around`` paragraphs either side, with the
    offsets moved to match; "…" marks what was cut. A long article's evidence is then in view."""
    if not 0 <= start < end <= len(text):
        return text, start, end
    breaks = [m for m in _PARAGRAPH_BREAK.finditer(text)]
    before = [m for m in breaks if m.end() <= start]
    after = [m for m in breaks if m.start() >= end]
    cut_start = before[-1 - around].end() if len(before) > around else 0
    cut_end = after[around].start() if len(after) > around else len(text)
    head = "…\n\n" if cut_start else ""
    tail = "\n\n…" if cut_end < len(text) else ""
    shift = len(head) - cut_start
    return head + text[cut_start:cut_end] + tail, start + shift, end + shift


def article_html(text: str, start: int, end: int) -> str:
    """``text`` escaped, paragraphs kept, with ``text[start:end]`` wrapped in ``<mark id="evidence">``.

    Offsets outside the text (an event from an older version of an article) mark nothing rather than
    marking the wrong words.
    """
    if not 0 <= start < end <= len(text):
        return _paragraphs(html.escape(text))
    # A sentinel pair that escaping leaves alone marks where the highlight goes; the sentence may
    # span a paragraph break, so the mark is opened again in each paragraph it covers.
    open_, close = "\x00", "\x01"
    before, sentence, after = (_no_sentinels(t) for t in (text[:start], text[start:end], text[end:]))
    marked = html.escape(before + open_ + sentence + close + after)
    body = _paragraphs(marked)
    inside = False
    out = []
    for piece in re.split(r"(\x00|\x01|<p>|</p>)", body):
        if piece == open_:
            inside = True
            out.append('<mark id="evidence">')
        elif piece == close:
            inside = False
            out.append("</mark>")
        elif piece == "</p>" and inside:
            out.append("</mark></p>")
        elif piece == "<p>" and inside:
            out.append("<p><mark>")
        else:
            out.append(piece)
    return "".join(out)


def mention_sentences(text: str, mentions: object) -> list[str]:
    """The sentences an event's ``mentions`` field points to ("120-245;300-410"), in order; offsets
    outside the text (an older version of the article) or a malformed field give nothing."""
    if not isinstance(mentions, str):
        return []
    found = []
    for span in filter(None, mentions.split(";")):
        start, _, end = span.partition("-")
        if start.isdigit() and end.isdigit() and 0 <= int(start) < int(end) <= len(text):
            found.append(text[int(start):int(end)])
    return found
