"""The pure core stays pure: deciding needs no spreadsheet, document or PDF library, and the
contract and records are the bottom of the graph."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pipeline

IO_LIBRARIES = ("openpyxl", "docx", "docxtpl", "pypdf", "reportlab", "matplotlib", "PIL", "lxml")


def loaded_by(statement: str) -> set[str]:
    """The top-level packages and pipeline modules a fresh interpreter has after ``statement``."""
    script = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return {m if m.startswith("pipeline") else m.split(".")[0] for m in out.split()}


def test_importing_the_summaries_loads_no_io_library() -> None:
    modules = loaded_by(
        "import pkgutil, importlib, pipeline.summarise as s\n"
        "for m in pkgutil.iter_modules(s.__path__): importlib.import_module(s.__name__+'.'+m.name)"
    )
    assert "pipeline.summarise.surveys" in modules  # the statement did import them
    assert modules & set(IO_LIBRARIES) == set()
    assert not any(m.startswith("pipeline.read") for m in modules)


def test_the_contract_and_records_import_nothing_above_them() -> None:
    ours = {m for m in loaded_by("import pipeline.contract") if m.startswith("pipeline.")}
    assert ours == {"pipeline.contract", "pipeline.records", "pipeline.errors", "pipeline.text"}


def imports_of(path: Path, package: Path) -> set[str]:
    """The pipeline modules ``path`` imports, anywhere in it (type-only and lazy imports too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if module_file(sub, package) else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("pipeline")}
    return found


def module_file(name: str, package: Path) -> Path | None:
    base = package.parent.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def test_no_import_circle_in_the_pipeline() -> None:
    package = Path(pipeline.__file__).parent
    graph = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        graph[name] = imports_of(path, package) - {name}
    circles = []
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done

    def walk(module: str, trail: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph.get(module, ())):
            if state.get(imported) == 1:
                circles.append(" → ".join([*trail[trail.index(imported) :], imported]))
            elif imported not in state:
                walk(imported, [*trail, imported])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            walk(module, [module])
    assert circles == []


def test_the_documents_import_nothing_from_the_pack() -> None:
    """A renderer says what it shows (pipeline.manifest); the pack stage reads it back: the
    documents sit below the pack, never above it."""
    package = Path(pipeline.__file__).parent
    above = {
        f"{path.relative_to(package.parent).with_suffix('')}": sorted(
            m for m in imports_of(path, package) if m.startswith("pipeline.pack")
        )
        for path in (package / "documents").glob("*.py")
    }
    assert {name: found for name, found in above.items() if found} == {}
