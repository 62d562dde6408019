"""Reading the contract's workbooks: sheets and headers found by name, rows as cells that know
where they are. Nothing here knows what a KPI or a term is; ``values`` reads the cells."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from pipeline.errors import CellRef, Findings


def normalise(name: object) -> str:
    """How sheet names, headers and fields match: case, surrounding and doubled spaces ignored."""
    return re.sub(r"\s+", " ", str(name)).strip().casefold()


@dataclass(frozen=True)
class Column:
    """A column the contract names; ``aliases`` are older names still read."""

    name: str
    required: bool = True
    aliases: tuple[str, ...] = ()


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


@dataclass
class Workbook:
    """An input workbook read into memory: the file is never held open, locked or written."""

    name: str
    book: Any
    formulas: Any
    sheet_names: dict[str, str] = field(default_factory=dict)

    def has_sheet(self, name: str) -> bool:
        return normalise(name) in self.sheet_names

    def rows(
        self,
        sheet: str,
        columns: Sequence[Column],
        findings: Findings,
        required: bool = True,
    ) -> list[Row] | None:
        """Every non-blank row of a sheet, keyed by the contract's column names.

        Returns None (with an error if the sheet is required) when the sheet or a required
        column is missing.
        """
        actual = self.sheet_names.get(normalise(sheet))
        if actual is None:
            if required:
                listed = ", ".join(self.book.sheetnames)
                findings.error(
                    CellRef(self.name),
                    f'has no sheet named "{sheet}" (it has: {listed}). Add the sheet, or '
                    f'rename the sheet that holds this information to "{sheet}".',
                )
            return None
        ws = self.book[actual]
        fws = self.formulas[actual]
        headers: dict[str, int] = {}
        header_cells = next(ws.iter_rows(min_row=1, max_row=1), ())
        for cell in header_cells:
            if cell.value is not None and str(cell.value).strip():
                headers.setdefault(normalise(cell.value), cell.column)
        found: dict[str, int] = {}
        missing = []
        for column in columns:
            names = (column.name, *column.aliases)
            index = next((headers[normalise(n)] for n in names if normalise(n) in headers), None)
            if index is not None:
                found[column.name] = index
            elif column.required:
                missing.append(column.name)
        if missing:
            have = ", ".join(f'"{c.value}"' for c in header_cells if c.value is not None)
            wanted = ", ".join(c.name for c in columns if c.required)
            for name in missing:
                findings.error(
                    CellRef(self.name, actual, 1),
                    f'no column headed "{name}". Row 1 must hold the headers {wanted} '
                    f"(in any order); it has {have or 'nothing'}.",
                )
            return None
        rows = []
        for number, values in enumerate(ws.iter_rows(min_row=2), start=2):
            cells = {}
            for name, index in found.items():
                cell = values[index - 1] if index - 1 < len(values) else None
                value = cell.value if cell is not None else None
                fmt = cell.number_format if cell is not None else "General"
                ref = CellRef(self.name, actual, number, name)
                if value is None:
                    formula = fws.cell(row=number, column=index).value
                    if isinstance(formula, str) and formula.startswith("="):
                        findings.error(
                            ref,
                            f'holds the formula "{formula}" with no saved result. Open the '
                            "workbook in Excel or LibreOffice and save it, or type the value.",
                        )
                cells[name] = Cell(value, fmt, ref)
            if all(c.blank for c in cells.values()):
                continue
            rows.append(Row(self.name, actual, number, cells))
        return rows


def find_workbook(folder: Path, name: str) -> Path | None:
    """The file called ``name`` in ``folder``, matching the name's case loosely."""
    exact = folder / name
    if exact.is_file():
        return exact
    for candidate in sorted(folder.glob("*")) if folder.is_dir() else []:
        if candidate.name.casefold() == name.casefold() and candidate.is_file():
            return candidate
    return None


def open_workbook(
    folder: Path, name: str, findings: Findings, required: bool = True
) -> Workbook | None:
    """Read ``name`` from the inputs folder, or say (as an error if required) why it can't be."""
    path = find_workbook(folder, name)
    if path is None:
        if required:
            stem = name.rsplit(".", 1)[0]
            others = [
                p.name
                for p in sorted(folder.glob(f"{stem}.*"), key=lambda p: p.name)
                if p.suffix.casefold() in (".xls", ".ods", ".csv", ".xlsm", ".numbers")
            ]
            if others:
                hint = (
                    f"There is {others[0]}: open it and save it as Excel Workbook (.xlsx) "
                    f"named {name}."
                )
            else:
                hint = f"Every build needs it: put {name} in {folder}."
            findings.error(CellRef(name), f"is missing from the inputs folder. {hint}")
        return None
    try:
        data = path.read_bytes()
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except PermissionError:
        findings.error(
            CellRef(path.name),
            "could not be read: the system refused permission. Close any program that has "
            "it locked, or copy it, and build again.",
        )
        return None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        findings.error(
            CellRef(path.name),
            f"is not an Excel workbook that can be read ({type(exc).__name__}). Open it in "
            "Excel or LibreOffice Calc and save it as Excel Workbook (.xlsx).",
        )
        return None
    names = {normalise(s): s for s in book.sheetnames}
    return Workbook(path.name, book, formulas, names)
