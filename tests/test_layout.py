"""The package layout: one folder per pipeline stage, imports running downhill only.

A stage may import the records (``timeline.schema``), its own folder and the stages below it; never a
stage above or beside it. Read from the source with ``ast``, so a lazy import inside a function counts.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "timeline"

# Lower numbers are further downhill. Stages of the same height may not import each other.
STAGES = {
    "schema": 0,
    "ingest": 1, "dates": 1,
    "extract": 2,
    "store": 3,
    "analysis": 4,
    "views": 5,
    "evaluate": 6, "scale": 6,
    "commands": 7,
    "__main__": 8,
}


def _stage(module: str) -> str:
    """'timeline.store.dedup' -> 'store'."""
    return module.split(".")[1]


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.stat().st_size)


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("timeline."):
            found += [(node.lineno, f"{node.module}.{a.name}") if node.module.count(".") == 1 else
                      (node.lineno, node.module) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "timeline":
            found += [(node.lineno, f"timeline.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("timeline.")]
    return found


def _module_name(path: Path) -> str:
    return ".".join(("timeline", *path.relative_to(PACKAGE).with_suffix("").parts))


def upward_imports() -> list[str]:
    problems = []
    for path in _modules():
        here = _stage(_module_name(path))
        for line, target in _imports(path):
            there = _stage(target)
            if there not in STAGES:
                problems.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}, in no known stage")
            elif there != here and STAGES[there] >= STAGES[here]:
                problems.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({here}) imports {target} ({there})")
    return problems


def test_every_module_belongs_to_a_stage():
    top = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
           if p.name != "__pycache__" and p.name != "__init__.py"}
    assert top <= set(STAGES), f"not a known stage: {sorted(top - set(STAGES))}"
    # one folder per stage: only the records and the entry point live at the top
    assert {p.name for p in PACKAGE.glob("*.py")} == {"__init__.py", "__main__.py", "schema.py"}


def test_imports_run_downhill_only():
    assert upward_imports() == []


def test_the_check_catches_an_upward_import(tmp_path, monkeypatch):
    """The rule above is not vacuous: a store module importing a view is reported."""
    fake = tmp_path / "timeline"
    (fake / "store").mkdir(parents=True)
    (fake / "store" / "bad.py").write_text("def f():\n    from timeline.views import figures\n")
    (fake / "ingest").mkdir()
    (fake / "ingest" / "fine.py").write_text("from timeline.schema import Article\n")
    monkeypatch.setitem(globals(), "PACKAGE", fake)
    assert upward_imports() == ["timeline/store/bad.py:2 (store) imports timeline.views.figures (views)"]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_package_never_imports_streamlit(path):
    names = {a.name.split(".")[0] for n in ast.walk(ast.parse(path.read_text()))
             if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module.split(".")[0] for n in ast.walk(ast.parse(path.read_text()))
              if isinstance(n, ast.ImportFrom) and n.module}
    assert "streamlit" not in names
