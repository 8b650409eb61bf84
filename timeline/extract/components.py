"""spaCy components that fit the English model to news text.

- ``timeline_paragraphs`` (before the parser): a paragraph break always starts a sentence, and a
  closing quotation mark stays with the sentence it closes; the model alone lets a sentence run
  across paragraphs or start with the previous one's closing quote.
- ``timeline_lemmas`` (after the lemmatizer): verb forms the small model lemmatizes wrongly
  ("hoped" -> "hop") get the lemma the trigger lexicon knows.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from timeline.extract.ontology import verb_lemma

CLOSING_QUOTES = frozenset({'"', "”", "’", "'"})


@Language.component("timeline_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.text in CLOSING_QUOTES and not prev.whitespace_ and prev.text in (".", "!", "?", ","):
            tok.is_sent_start = False
        elif prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


@Language.component("timeline_lemmas")
def lemmas(doc: Doc) -> Doc:
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX"):
            fixed = verb_lemma(tok.text, tok.lemma_)
            if fixed != tok.lemma_:
                tok.lemma_ = fixed
    return doc
