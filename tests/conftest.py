"""Shared fixtures: the sample school's real workbooks, copied so each test can spoil its own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from filelock import FileLock

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "inputs"
TEMPLATES = PROJECT / "templates"


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A private copy of the sample school's inputs folder."""
    folder = tmp_path / "inputs"
    shutil.copytree(SAMPLE, folder)
    return folder


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder ``name``, filled by ``make`` once per test run, whichever of pytest-xdist's
    workers asks first (the others wait for it): the built packs many tests read are built once,
    not once per worker. Tests read it; one that changes anything works on a copy."""
    root = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, which every worker's own folder is in
    folder = root / "made-once" / name
    folder.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{folder}.lock"):
        made = folder / ".made"
        if not made.is_file():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


def find_row(ws: Any, column: str, value: str) -> int:
    """The Excel row number whose ``column`` (by header) holds ``value``."""
    headers = [c.value for c in ws[1]]
    index = headers.index(column) + 1
    for row in range(2, ws.max_row + 1):
        if str(ws.cell(row=row, column=index).value) == value:
            return row
    raise LookupError(f"{value!r} not found in column {column}")


def set_cell(
    folder: Path,
    book: str,
    sheet: str,
    column: str,
    row: int,
    value: Any,
    number_format: str | None = None,
) -> None:
    """Type ``value`` into the cell under header ``column`` in Excel row ``row``, and save."""
    path = folder / book
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    cell = ws.cell(row=row, column=headers.index(column) + 1)
    cell.value = value
    if number_format:
        cell.number_format = number_format
    wb.save(path)


def edit(folder: Path, book: str, change: Callable[[Any], None]) -> None:
    """Open a workbook with openpyxl, let ``change`` alter it, and save it."""
    path = folder / book
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def save(self, path: Path) -> None:
        path.write_text(json.dumps([self.code, self.out, self.err]), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Run:
        code, out, err = json.loads(path.read_text(encoding="utf-8"))
        return cls(code, out, err)

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``python -m pipeline`` as the coordinator does, in a real process."""
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        cwd=cwd or PROJECT,
        env=env,
        timeout=600,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="session", autouse=True)
def kept_between_builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store of converted PDFs and charts (``LPPA_CACHE``) for every build the tests run:
    what one test's LibreOffice made from a document, another's build of the same document
    uses, as a coordinator's rebuilds do. Keys are content, so no test sees another's pack; a
    test about converting itself (a fault LibreOffice meets, a build stopped while it converts,
    the default place of the cache) builds without it: :func:`without_kept`."""
    folder = made_once(tmp_path_factory, "kept-between-builds", lambda folder: None)
    os.environ["LPPA_CACHE"] = str(folder)
    return folder


def without_kept(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (or this process's environment) for a build that keeps its own cache in its
    outputs folder, as a coordinator's does."""
    return {k: v for k, v in (os.environ if env is None else env).items() if k != "LPPA_CACHE"}
