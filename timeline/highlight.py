"""The article text as safe HTML with the evidence sentence marked.

Article text is untrusted (any page, any upload): every character of it is escaped, so markup in an
article (``<script>``, ``<img onerror=...>``) is shown as text. Only the tags written here are HTML.
"""
from __future__ import annotations

import html
import re

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _paragraphs(escaped: str) -> str:
    parts = [p.replace("\n", "<br>") for p in _PARAGRAPH_BREAK.split(escaped.strip())]
    return "".join(f"<p>{p}</p>" for p in parts if p)


def _no_sentinels(text: str) -> str:
    return text.replace("\x00", "").replace("\x01", "")


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
