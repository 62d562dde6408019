"""Shared fixtures: the sample school's real workbooks, copied so each test can spoil its own."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "inputs"
TEMPLATES = PROJECT / "templates"


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A private copy of the sample school's inputs folder."""
    folder = tmp_path / "inputs"
    shutil.copytree(SAMPLE, folder)
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
