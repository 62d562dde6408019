"""The pure core stays pure: deciding needs no spreadsheet, document or PDF library, and the
contract and records are the bottom of the graph."""

from __future__ import annotations

import subprocess
import sys

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
    assert ours == {"pipeline.contract", "pipeline.records", "pipeline.errors"}
