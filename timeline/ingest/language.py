"""Cheap language identification: is this article English? (no model, no download)

The pipeline's NLP is English-only, so a French or Russian article must be reported and skipped,
not turned into nonsense English events. Two signals are enough for that decision: the script of
the letters (Cyrillic, Arabic, CJK ...) and, for Latin script, which language's function words
make up the text. Short texts are not judged: a few words carry too little evidence.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SAMPLE_CHARS = 5_000
MIN_WORDS = 15

# The most frequent function words of each language; words shared with English are left out
# where they would blur the vote ("a", "in", "die" ...).
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to is that for it was on with as by at from this be are have has had "
                    "not but they his her which were would been their will its who an said after "
                    "there than what when into about more could also or".split()),
    "fr": frozenset("le les des du et est une pour que qui dans sur pas au aux ce cette sont avec "
                    "par plus ont été leur nous vous ils elle mais comme ou".split()),
    "de": frozenset("der das und ist nicht den dem des ein eine einen mit sich auf für von zu auch "
                    "wird werden sind wurde bei nach aus oder wie über noch".split()),
    "es": frozenset("el los las del y es que por para una con se su sus al lo como más pero ha fue "
                    "este esta entre sobre también muy ya".split()),
    "it": frozenset("il gli della delle del che è per una con non sono nel nella alla come anche "
                    "più questo questa ha stato dei lo".split()),
    "pt": frozenset("os das dos que não uma para com por mais como mas foi ao pelo pela são está "
                    "também seu sua ele ela isso".split()),
    "nl": frozenset("het een van en dat niet zijn op te met voor ook maar bij naar wordt werd "
                    "hij zij er nog als door".split()),
    "pl": frozenset("się nie jest że na do to jak ale za od po przez czy już tak jego jej są był "
                    "była oraz który która".split()),
}

_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _code, _vocab in _FUNCTION_WORDS.items():
    for _word in _vocab:
        _LANGUAGES_OF[_word] = _LANGUAGES_OF.get(_word, ()) + (_code,)
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
          "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "uk": "Ukrainian",
          "be": "Belarusian", "ar": "Arabic", "he": "Hebrew", "el": "Greek", "zh": "Chinese",
          "ja": "Japanese", "ko": "Korean", "hi": "Hindi", "und": "undetermined"}

_SCRIPTS = {"CYRILLIC": "ru", "ARABIC": "ar", "HEBREW": "he", "GREEK": "el", "CJK": "zh",
            "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "DEVANAGARI": "hi"}


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, or "und" when no language stands out
    reason: str
    judged: bool = True  # False: too little text to say anything


    @property
    def name(self) -> str:
        return _NAMES.get(self.code, self.code)

    @property
    def english_or_unknown(self) -> bool:
        return self.code == "en" or not self.judged


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def _cyrillic_language(letters: str) -> str:
    """Ukrainian and Belarusian have letters Russian lacks; Russian has ы/э that Ukrainian lacks."""
    lowered = letters.lower()
    if any(c in lowered for c in "ў"):
        return "be"
    if any(c in lowered for c in "їєґ") or (lowered.count("і") > lowered.count("ы")):
        return "uk"
    return "ru"


def detect_language(text: str) -> Language:
    sample = text[:SAMPLE_CHARS]
    ascii_letters = len(_ASCII_LETTERS.findall(sample))
    # Only letters outside ASCII need a Unicode name lookup; most English text has almost none.
    others = [c for c in _NON_ASCII.findall(sample) if c.isalpha()]
    total = ascii_letters + len(others)
    if total < 40:
        return Language("und", f"too little text to judge ({total} letters)", judged=False)
    scripts: dict[str, int] = {"LATIN": ascii_letters}
    for ch in others:
        script = _script(ch)
        scripts[script] = scripts.get(script, 0) + 1
    main, count = max(scripts.items(), key=lambda kv: kv[1])
    share = count / total
    if main != "LATIN" and share > 0.5:
        code = _SCRIPTS.get(main, "und")
        if code == "ru":
            code = _cyrillic_language("".join(others))
        return Language(code, f"{share:.0%} of its letters are {main.title()} script")
    words = [w.strip(".,;:!?\"'()[]«»“”‘’").lower() for w in sample.split()]
    words = [w for w in words if w]
    if len(words) < MIN_WORDS:
        return Language("und", f"too few words to judge ({len(words)})", judged=False)
    hits = dict.fromkeys(_FUNCTION_WORDS, 0)
    for word in words:
        for code in _LANGUAGES_OF.get(word, ()):
            hits[code] += 1
    shares = {code: n / len(words) for code, n in hits.items()}
    best = max(shares, key=shares.__getitem__)
    english = shares["en"]
    if best != "en" and shares[best] >= 0.08 and shares[best] > 2 * english:
        return Language(best, f"{shares[best]:.0%} of its words are {_NAMES[best]} function words, "
                              f"{english:.0%} English ones")
    if english >= 0.05:
        return Language("en", f"{english:.0%} of its words are English function words")
    return Language("und", f"only {english:.0%} of its words are English function words",
                    judged=len(words) >= 50)
