"""Page furniture and caption removal: raw captured text -> the article body.

Cleaning works line by line with general rules about what body prose looks like (long enough,
ending in sentence punctuation) and what page furniture looks like (calls to action, headings,
tag lines, photo credits). Nothing is thrown away: captions and removed lines come back beside
the body so the analyst can see what cleaning did. Penn-Treebank tokenized text (Timeline17) is
turned back into natural text first, so offsets point into readable sentences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Lines at most this long (in words) are candidates for furniture when they lack sentence punctuation.
SHORT_LINE_WORDS = 12
# Calls to action are sometimes full sentences ("Sign up for our newsletter."): allow longer lines.
CTA_LINE_WORDS = 15

# A photo credit fits in the last _CREDIT_TAIL characters of a line; no page-chrome line is
# longer than _LONG_LINE_CHARS (the word limits below are far shorter).
_CREDIT_TAIL = 250
_LONG_LINE_CHARS = 400

_SENTENCE_END = ".!?:;\"'”’…)]"

# Phrases that only page chrome uses: subscription, sign-in, sharing, licensing, navigation.
_CTA = re.compile(
    r"""\b(?:
        subscri(?:be|bers?|ption)s? | sign[ -]?(?:in|up|out) | log[ -]?(?:in|out) | register\ (?:now|here|for\ free)
      | newsletters? | already\ a\ member | create\ an?\ (?:free\ )?account | free\ trial | paywall
      | licen[cs]e\ this | republish | reprints?\b | share\ (?:this|on|via) | follow\ us | download\ (?:the|our)\ app
      | click\ here | read\ more | start\ reading | continue\ reading | keep\ reading | most\ (?:read|popular|viewed)
      | top\ stories | related\ (?:stories|articles|coverage|topics) | more\ (?:stories|on\ this) | advertisements?
      | cookies? | privacy\ policy | terms\ of\ (?:use|service) | skip\ to | watch\ (?:now|live|the\ video)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Chrome even inside a finished sentence: credits, copyright notices, advertising, gallery counters.
_CREDIT_LINE = re.compile(
    r"\b(?:contributed\ (?:to\ )?(?:this\ )?report(?:ing)?|all\ rights\ reserved|copyright|advertisement"
    r"|image\ \d+\ of\ \d+)\b|©", re.IGNORECASE)

_HEADING = re.compile(r"^\s*#{1,6}\s")
_RULE = re.compile(r"^[\s_\-*=~#·•|]+$")

# A credit in parentheses/brackets at the end of the line that names a photo source.
_CREDIT_WORDS = (r"photo|photos|photograph|photographer|pic|picture|pictures|image|images|getty|handout|"
                 r"courtesy|pool|video\s+grab|screenshot|screengrab|file|afp|epa|efe|reuters|ap|aap|tass|"
                 r"sputnik|anadolu|bloomberg|shutterstock|alamy|xinhua")
_BRACKET_CREDIT = re.compile(
    r"[(\[]([^()\[\]]{1,100})[)\]]\s*$", re.IGNORECASE)
_PHOTO_WORD = re.compile(r"\b(?:photo|photos|photograph|pic|picture|image|images|getty|handout|courtesy|"
                         r"pool|video\s+grab|screenshot|screengrab)\b", re.IGNORECASE)
_AGENCY_ONLY = re.compile(rf"^\s*(?:{_CREDIT_WORDS})(?:\s*[/,-]\s*(?:{_CREDIT_WORDS}))*\s*$", re.IGNORECASE)
# "Photo: Reuters", "Photograph: Sandra Sanders/Reuters", "Photos courtesy of ...", at the line's end.
_LABEL_CREDIT = re.compile(
    r"(?:^|[.!?”\"]\s+)(?:cover\s+)?(?:photo|photos|photograph|picture|image|pictured|credit)s?"
    r"\s*(?::|by\b|courtesy\s+of\b)\s*[^.!?]{1,100}$", re.IGNORECASE)
# "(Regional Police via AP)": a picture handed out by a party and distributed by an agency.
_VIA_AGENCY = re.compile(rf"\bvia\s+(?:{_CREDIT_WORDS})\s*$", re.IGNORECASE)
# Wire captions open by pointing at the picture ("In this photo provided by …, soldiers fire …"; "In this
# image taken from video …") and agencies introduce their audio and video clips by who reports ("AP
# correspondent Jane Doe reports on …"): text about a medium beside the story, not the story's prose.
_PICTURE_OPENING = re.compile(
    r"^in\s+(?:this|these)\s+(?:\w+\s+)?(?:photos?|photographs?|images?|pictures?|video\s+grabs?|screenshots?)\b",
    re.IGNORECASE)
_CLIP_OPENING = re.compile(r"^(?:[A-Z]{2,6}\s+)?[Cc]orrespondent\s+(?:[A-Z][\w'’.-]*\s+){1,3}reports\b")
# "Sergei Chuzavkov/AFP/Getty Images": a slash-separated credit ending the line.
_SLASH_CREDIT = re.compile(
    r"(?:getty\s+images|[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*/(?:AFP|AP|EPA|EFE|Reuters|Getty Images|TASS|Sputnik|"
    r"Anadolu|Bloomberg|Pool|Shutterstock|Alamy|Xinhua|Handout)\b[\w\s/-]*)\s*$")


@dataclass(frozen=True)
class Cleaned:
    """The body (paragraphs separated by a blank line), the photo captions, the dropped lines."""

    body: str
    captions: tuple[str, ...]
    removed: tuple[str, ...]


def is_caption(line: str) -> bool:
    """A photo caption or a bare photo credit: it ends with who took or supplied the picture, or it
    opens by pointing at the picture or the clip it stands beside."""
    if _PICTURE_OPENING.match(line) or _CLIP_OPENING.match(line):
        return True
    # Credits sit at the end of the line: looking at its tail keeps long paragraphs cheap.
    tail = line[-_CREDIT_TAIL:]
    bracket = _BRACKET_CREDIT.search(tail)
    if bracket:
        inner = bracket.group(1)
        if _PHOTO_WORD.search(inner) or _VIA_AGENCY.search(inner):
            return True
        # "(EPA)", "(Reuters)" after a finished sentence: a credit, not a dateline ("KYIV (AP) —").
        before = tail[: bracket.start()].rstrip()
        if _AGENCY_ONLY.match(inner) and (not before or before[-1] in ".!?”\""):
            return True
    label = _LABEL_CREDIT.search(tail)
    if label and (label.start() > 0 or tail is line or label.group(0)[0] in ".!?”\""):
        return True
    return bool(_SLASH_CREDIT.search(tail))


def _words(line: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’.-][^\W_]+)*", line)


def _norm(line: str) -> str:
    return " ".join(_words(line)).casefold()


def furniture_reason(line: str, title: str | None = None) -> str:
    """Why a line is page furniture rather than body prose; "" when it is prose."""
    stripped = line.strip()
    if len(stripped) > _LONG_LINE_CHARS:
        # Far beyond any call to action or tag line; only markup can still mark it as chrome.
        return "heading" if _HEADING.match(stripped) else ""
    words = _words(stripped)
    if _RULE.match(stripped) or not words:
        return "separator"
    if _HEADING.match(stripped):
        return "heading"
    if title and _norm(stripped) == _norm(title):
        return "repeated title"
    if len(words) <= CTA_LINE_WORDS:
        # A finished sentence that merely mentions signing up is news; one that starts with it is not.
        if _CREDIT_LINE.search(stripped) or _CTA.match(stripped) or (
                stripped[-1] not in _SENTENCE_END and _CTA.search(stripped)):
            return "call to action, credit or page chrome"
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", stripped) if s]
    if len(words) <= 8 and len(sentences) > 1 and all(len(_words(s)) <= 2 for s in sentences):
        return "slogan"
    if len(words) <= SHORT_LINE_WORDS and stripped[-1] not in _SENTENCE_END:
        return "short line without sentence punctuation (heading, tag or navigation)"
    return ""


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """Split captured text into body paragraphs, captions and removed furniture lines."""
    if looks_ptb_tokenized(text):
        text = detokenize(text)
    body: list[str] = []
    captions: list[str] = []
    removed: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        if is_caption(line):
            if line not in captions:
                captions.append(line)
        elif furniture_reason(line, title):
            if line not in removed:
                removed.append(line)
        else:
            body.append(line)
    return Cleaned("\n\n".join(body), tuple(captions), tuple(removed))


_PTB_MARK = re.compile(r"-[LR][RSC]B-|``|''| n't\b")


def looks_ptb_tokenized(text: str) -> bool:
    """Penn-Treebank tokenized text: bracket tokens or `` quotes, or most commas and periods spaced off."""
    if _PTB_MARK.search(text):
        return True
    spaced = len(re.findall(r"\w [,.] ", text))
    return spaced >= 3 and spaced > len(re.findall(r"\w[,.] ", text))


_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
# Spaces PTB put in where natural text has none: before contractions and closing punctuation,
# after opening brackets and currency signs, before a closing single quote. Separate patterns
# (each starting with a fixed class) are several times faster than one alternation.
_PTB_SPACES = (
    (re.compile(r"`\s*"), "'"),  # a single opening quote sticks to what follows
    (re.compile(r"\s+(?=(?:n't|'s|'re|'ve|'ll|'d|'m)\b)", re.IGNORECASE), ""),
    (re.compile(r"\s+(?=[,.;:!?%)\]}])"), ""),
    (re.compile(r"([(\[{])\s+"), r"\1"),
    (re.compile(r"([$#])\s+(?=\d)"), r"\1"),
    (re.compile(r"\s+(?='(?:\s|$))"), ""),
    (re.compile(r"[ \t]{2,}"), " "),
)
_QUOTE = re.compile(r"``|''")


def _join_quotes(text: str) -> str:
    """`` always opens a quote; '' closes an open one but opens when none is open (a tokenizer slip)."""
    out: list[str] = []
    pos = 0
    is_open = False
    for match in _QUOTE.finditer(text):
        is_open = match.group() == "``" or not is_open
        if is_open:
            out += [text[pos:match.start()], '"']
            pos = match.end()
            while pos < len(text) and text[pos] in " \t":
                pos += 1
        else:
            out += [text[pos:match.start()].rstrip(" \t"), '"']
            pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def detokenize(text: str) -> str:
    """Undo Penn-Treebank tokenization: -LRB- -> (, `` x '' -> "x", spaced 's n't , . rejoined."""
    text = re.sub(r"-(?:LRB|RRB|LSB|RSB|LCB|RCB)-", lambda m: _BRACKETS[m.group(0)], text)
    text = _join_quotes(text)
    for pattern, repl in _PTB_SPACES:
        text = pattern.sub(repl, text)
    return text
