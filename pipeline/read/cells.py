"""The cell and row model: a value as openpyxl read it, its number format and where it is, and
the value written as Excel shows it. Nothing here opens a file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from pipeline.errors import CellRef


def _decimals(number_format: str) -> int | None:
    """How many decimals a number format shows (``0.00`` → 2), or None for General."""
    fmt = number_format.split(";")[0]
    if not re.search(r"[0#?]", fmt):
        return None  # General, Text (@) and the like show a number as General does
    if "." not in fmt:
        return 0
    after = fmt.split(".", 1)[1]
    return len(after) - len(after.lstrip("0#?"))


def shown(value: object, number_format: str = "General") -> str:
    """A cell's value written as Excel shows it, for messages and for KPI numbers."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if "%" in number_format:
            percent_places = _decimals(number_format.replace("%", "")) or 0
            return f"{value * 100:.{percent_places}f}%"
        places = _decimals(number_format)
        if places is None:
            return f"{value:g}" if isinstance(value, float) else str(value)
        return f"{value:.{places}f}"
    return str(value).strip()


@dataclass(frozen=True)
class Cell:
    """One cell's value as openpyxl read it, its number format and where it is."""

    value: Any
    number_format: str
    ref: CellRef

    @property
    def blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    @property
    def text(self) -> str:
        """The cell as Excel shows it, surrounding spaces removed; line breaks kept."""
        if isinstance(self.value, str):
            return self.value.replace("\r\n", "\n").replace("\r", "\n").strip()
        return shown(self.value, self.number_format)

    @property
    def typed(self) -> str:
        """The value as typed, quoted, for messages."""
        return f'"{self.text}"'


@dataclass(frozen=True)
class Row:
    file: str
    sheet: str
    number: int
    cells: dict[str, Cell]

    def __getitem__(self, column: str) -> Cell:
        cell = self.cells.get(column)
        if cell is None:
            return Cell(None, "General", self.ref(column))
        return cell

    def ref(self, column: str = "") -> CellRef:
        return CellRef(self.file, self.sheet, self.number, column)
