"""Reading the contract's workbooks: sheets and headers found by name, rows as cells that know
where they are. Nothing here knows what a KPI or a term is; ``values`` reads the cells."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from pipeline.contract import Column
from pipeline.errors import CellRef, Findings
from pipeline.limits import MAX_ROWS, MAX_WORKBOOK_MB, MAX_XML_MB
from pipeline.read.cells import Cell, Row
from pipeline.text import BIDI_WARNING, did_you_mean, normalise, without_bidi_controls

# Characters Excel and Word cannot hold (control characters, often pasted from other programs),
# raw or as Excel writes them in its files (_x000B_), which openpyxl does not decode.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]|_x00(?:0[0-8BCEF]|1[0-9A-F])_", re.IGNORECASE
)
_EXCEL_CR = re.compile(r"_x000D_\n?", re.IGNORECASE)
LONG_CELL = 3000


@dataclass
class Workbook:
    """An input workbook read into memory: the file is never held open, locked or written."""

    name: str
    book: Any
    data: bytes | None  # the file, to read its formulas; None when it has none to read
    sheet_names: dict[str, str] = field(default_factory=dict)
    _formulas: Any = None

    @property
    def formulas(self) -> Any:
        """The workbook with its formulas, loaded only if a cell turns out empty: openpyxl
        gives either a formula's saved result or the formula, never both."""
        if self._formulas is None:
            if self.data is None:
                self._formulas = self.book
            else:
                self._formulas = openpyxl.load_workbook(io.BytesIO(self.data), data_only=False)
        return self._formulas

    def has_sheet(self, name: str) -> bool:
        return normalise(name) in self.sheet_names

    def sheet(self, name: str, findings: Findings, required: bool) -> str | None:
        """The sheet's name as the workbook spells it; a missing required sheet is an error."""
        actual = self.sheet_names.get(normalise(name))
        if actual is None and required:
            listed = ", ".join(self.book.sheetnames)
            hint = did_you_mean(name, self.book.sheetnames, cutoff=0.6)
            findings.error(
                CellRef(self.name),
                f'has no sheet named "{name}" (it has: {listed}).{hint} Add the sheet, or '
                f'rename the sheet that holds this information to "{name}".',
            )
        return actual

    def rows(
        self,
        sheet: str,
        columns: Sequence[Column],
        findings: Findings,
        required: bool = True,
        other_columns: bool = False,
    ) -> list[Row] | None:
        """Every non-blank row of a sheet, keyed by the contract's column names.

        With ``other_columns`` the cells of every other headed column are kept too, keyed by
        their header as typed (the survey tallies' answer columns). Returns None (with an error
        if the sheet is required) when the sheet or a required column is missing.
        """
        actual = self.sheet(sheet, findings, required)
        if actual is None:
            return None
        ws = self.book[actual]
        headers: dict[str, int] = {}
        typed_headers: dict[int, str] = {}
        header_cells = next(ws.iter_rows(min_row=1, max_row=1), ())
        for cell in header_cells:
            if cell.value is not None and str(cell.value).strip():
                headers.setdefault(normalise(cell.value), cell.column)
                typed_headers[cell.column] = re.sub(r"\s+", " ", str(cell.value)).strip()
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
            self._missing_columns(ws, actual, columns, missing, found, typed_headers, findings)
            return None
        if other_columns:
            for index, header in typed_headers.items():
                if index not in found.values():
                    found[header] = index
        rows = []
        for number, values in enumerate(ws.iter_rows(min_row=2), start=2):
            cells = {}
            for name, index in found.items():
                cell = values[index - 1] if index - 1 < len(values) else None
                value = cell.value if cell is not None else None
                fmt = cell.number_format if cell is not None else "General"
                ref = CellRef(self.name, actual, number, name)
                if value is None:
                    formula = self.formulas[actual].cell(row=number, column=index).value
                    if isinstance(formula, str) and formula.startswith("="):
                        findings.error(
                            ref,
                            f'holds the formula "{formula}" with no saved result. Open the '
                            "workbook in Excel or LibreOffice and save it, or type the value.",
                        )
                elif isinstance(value, str):
                    value = self._clean_text(value, ref, findings)
                cells[name] = Cell(value, fmt, ref)
            if all(c.blank for c in cells.values()):
                continue
            rows.append(Row(self.name, actual, number, cells))
        return rows

    @staticmethod
    def _clean_text(value: str, ref: CellRef, findings: Findings) -> str:
        value = _EXCEL_CR.sub("\n", value).replace("_x0009_", " ")
        if _CONTROL.search(value):
            value = _CONTROL.sub("", value)
            findings.warn(
                ref,
                "held invisible control characters (usually pasted from another program) that "
                "Word and Excel cannot print; they were left out. Retype the cell to be sure "
                "nothing else is missing.",
            )
        value, controls = without_bidi_controls(value)
        if controls:
            findings.warn(ref, BIDI_WARNING.format(count=controls, s="s" * (controls > 1)))
        if len(value) > LONG_CELL:
            findings.warn(
                ref,
                f"holds {len(value):,} characters; it is printed in full but will run over a "
                "page. Shorten it, or put the detail in an evidence document.",
            )
        return value

    def _missing_columns(
        self,
        ws: Any,
        sheet: str,
        columns: Sequence[Column],
        missing: list[str],
        found: dict[str, int],
        typed_headers: dict[int, str],
        findings: Findings,
    ) -> None:
        wanted = ", ".join(c.name for c in columns if c.required)
        have = ", ".join(f'"{h}"' for h in typed_headers.values())
        where = CellRef(self.name, sheet, 1)
        second = {
            normalise(c.value) for c in next(ws.iter_rows(min_row=2, max_row=2), ()) if c.value
        }
        if all(normalise(name) in second for name in missing):
            merged = any(r.min_row == 1 for r in ws.merged_cells.ranges)
            title = f" (it holds {have})" if have else ""
            findings.error(
                where,
                f"the headers are in row 2, not row 1{title}. Delete row 1"
                + (" (a merged title row)" if merged else "")
                + " so that the headers are in row 1.",
            )
            return
        unused = [h for i, h in typed_headers.items() if i not in found.values()]
        for name in missing:
            hint = did_you_mean(name, unused, cutoff=0.6)
            if hint:
                hint = hint.replace("Did you mean", "Is it").replace("?", "? Rename it")
                hint = hint + f' "{name}".'
            findings.error(
                where,
                f'no column headed "{name}".{hint} Row 1 must hold the headers {wanted} '
                f"(in any order); it has {have or 'nothing'}.",
            )


def find_workbook(folder: Path, name: str) -> Path | None:
    """The file called ``name`` in ``folder``, matching the name's case loosely."""
    exact = folder / name
    if exact.is_file():
        return exact
    for candidate in sorted(folder.glob("*")) if folder.is_dir() else []:
        if candidate.name.casefold() == name.casefold() and candidate.is_file():
            return candidate
    return None


# Formats read in place of .xlsx, by python-calamine (values only: no number formats).
OTHER_FORMATS = (".xls", ".ods", ".xlsm", ".xlsb")
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Microsoft's compound file: .xls, or encrypted
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")


def _from_calamine(data: bytes) -> Any:
    """A workbook in another spreadsheet format, as an in-memory openpyxl workbook of values."""
    import python_calamine

    source = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in source.sheet_names:
        ws = book.create_sheet(name)
        for values in source.get_sheet_by_name(name).to_python(skip_empty_area=False):
            ws.append([None if v == "" else v for v in values])
    return book


def _has_formulas(data: bytes) -> bool:
    """Whether any sheet holds a formula: only then is the workbook read a second time."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name)
                if b"<f>" in xml or b"<f " in xml:
                    return True
    return False


_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _too_big(path: Path) -> str:
    """Why the workbook at ``path`` is past the limits, read from its size and its zip's
    directory and counted rows, in a second and without unpacking it into memory; "" if not."""
    size = path.stat().st_size
    if size > MAX_WORKBOOK_MB * 2**20:
        return (
            f"is {size / 2**20:,.0f} MB; a workbook of the contract may be {MAX_WORKBOOK_MB} MB "
            "at most. It may hold pictures or other sheets that do not belong: save the sheets "
            "the contract names in a workbook of their own."
        )
    if not zipfile.is_zipfile(path):
        return ""  # .xls, or not a workbook at all: said when it is read
    with zipfile.ZipFile(path) as archive:
        parts = [i for i in archive.infolist() if i.filename.casefold().endswith(".xml")]
        unpacked = sum(i.file_size for i in parts)
        if unpacked > MAX_XML_MB * 2**20:
            return (
                f"unpacks to {unpacked / 2**20:,.0f} MB of sheets; the contract allows "
                f"{MAX_XML_MB} MB. Delete rows and columns past the data (select them, Delete "
                "Sheet Rows), or save the sheets the contract names in a workbook of their own."
            )
        names = _sheet_names(archive)
        for part in parts:
            if not part.filename.casefold().startswith("xl/worksheets/"):
                continue
            if _rows_in(archive, part) > MAX_ROWS + 1:
                sheet = names.get(part.filename, part.filename.rsplit("/", 1)[-1])
                return (
                    f"has more than {MAX_ROWS:,} rows on sheet {sheet}; the contract allows "
                    f"{MAX_ROWS:,}. Rows past the data that were formatted count too: delete "
                    "them (select them, Delete Sheet Rows) and save."
                )
    return ""


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's name in the zip ("xl/worksheets/sheet2.xml") → the sheet's name."""
    try:
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        links = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {
        m["id"]: m["target"].lstrip("/").removeprefix("xl/")
        for m in re.finditer(
            r'<Relationship\b(?=[^>]*\bId="(?P<id>[^"]+)")'
            r'(?=[^>]*\bTarget="(?P<target>[^"]+)")',
            links,
        )
    }
    found = {}
    for m in re.finditer(
        r'<(?:\w+:)?sheet\b(?=[^>]*\bname="(?P<name>[^"]+)")'
        r'(?=[^>]*\br:id="(?P<id>[^"]+)")',
        book,
    ):
        if m["id"] in targets:
            found[f"xl/{targets[m['id']]}"] = html.unescape(m["name"])
    return found


def _rows_in(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """How many rows a sheet's XML holds, counted as it is unpacked, stopping past the limit."""
    count, tail = 0, b""
    with archive.open(part) as stream:
        while chunk := stream.read(2**20):
            data = tail + chunk
            count += len(_ROW.findall(data))
            if count > MAX_ROWS + 1:
                break
            tail = data[-16:]
            count -= len(_ROW.findall(tail))  # counted again with the next chunk
    return count


def _problem_reading(name: str, data: bytes, exc: Exception | None) -> str:
    if data.startswith(_CFB) and _ENCRYPTED in data:
        return (
            "is protected by a password, so it cannot be read. Open it in Excel, remove the "
            "password (File > Info > Protect Workbook > Encrypt with Password, then clear it), "
            "and save it."
        )
    kind = f" ({type(exc).__name__})" if exc else ""
    return (
        f"is not an Excel workbook that can be read{kind}. Open it in Excel or LibreOffice Calc "
        "and save it as Excel Workbook (.xlsx)."
    )


def open_workbook(
    folder: Path, name: str, findings: Findings, required: bool = True
) -> Workbook | None:
    """Read ``name`` from the inputs folder, or say (as an error if required) why it can't be.

    A workbook saved as .xls, .ods, .xlsm or .xlsb in place of the .xlsx is read, with a
    warning: those formats lose the cell formats that tell 3.1 from 3.10.
    """
    path = find_workbook(folder, name)
    stem = name.rsplit(".", 1)[0]
    if path is None:
        for suffix in OTHER_FORMATS:
            path = find_workbook(folder, stem + suffix)
            if path is not None:
                break
    if path is None:
        if required:
            csv = find_workbook(folder, stem + ".csv")
            if csv is not None:
                hint = (
                    f"There is {csv.name}, but a CSV file holds one sheet and no formats: open "
                    f"it in Excel and save it as Excel Workbook (.xlsx) named {name}."
                )
            else:
                hint = f"Every build needs it: put {name} in {folder}."
            findings.error(CellRef(name), f"is missing from the inputs folder. {hint}")
        return None
    try:
        too_big = _too_big(path)
        if too_big:
            findings.error(CellRef(path.name), too_big)
            return None
        data = path.read_bytes()
    except PermissionError:
        findings.error(
            CellRef(path.name),
            "could not be read: the system refused permission. Close any program that has "
            "it locked, or copy it, and build again.",
        )
        return None
    try:
        if path.suffix.casefold() == ".xlsx" and not data.startswith(_CFB):
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
            source: bytes | None = data if _has_formulas(data) else None
        else:
            if data.startswith(_CFB) and _ENCRYPTED in data:
                raise InvalidFileException("encrypted")
            book, source = _from_calamine(data), None
            findings.warn(
                CellRef(path.name),
                f"was read in place of {name}. Save it as Excel Workbook (.xlsx) named {name}: "
                "other formats can lose the Text format that tells KPI 3.1 from 3.10.",
            )
    except Exception as exc:  # any failure of the libraries means "cannot be read"
        findings.error(CellRef(path.name), _problem_reading(path.name, data, exc))
        return None
    names = {normalise(s): s for s in book.sheetnames}
    return Workbook(path.name, book, source, names)
