"""`blanks`: every input workbook, blank, with drop-downs, formats and help, laid out from the
contract; the school's own terms and KPIs fill the drop-downs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline import contract
from pipeline.contract import Book, Field, Sheet
from pipeline.default_framework import DEFAULT_KPIS, DEFAULT_OBJECTIVES
from pipeline.errors import Findings
from pipeline.kit import KitProblem
from pipeline.read.framework import read_framework
from pipeline.read.school import read_school
from pipeline.records import Framework

ROWS = 500  # rows formatted and validated below the header
HOW_TO = "How to fill this in"
LISTS = "Lists"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TEXT_KINDS = {
    "kpi",
    "kpis",
    "ref",
    "refs",
    "action_ref",
    "term",
    "text",
    "long",
    "answers",
    "objective",
}
DATE_KINDS = {"date", "when", "due"}
FIVE_POINT = ("Strongly agree", "Agree", "Disagree", "Strongly disagree", "Don't know")


@dataclass(frozen=True)
class Known:
    """What the school's own workbooks already say, to fill the drop-downs."""

    terms: tuple[str, ...]
    framework: Framework | None


def known_from(inputs: Path | None) -> Known:
    if inputs is None or not inputs.is_dir():
        return Known((), None)
    findings = Findings()
    _, calendar = read_school(inputs, findings)
    framework = read_framework(inputs, findings)
    return Known(tuple(t.label for t in calendar.terms) if calendar else (), framework)


def _print_setup(ws: Worksheet, landscape: bool = True) -> None:
    """A4, fit to one page wide, the header row on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if landscape:
        ws.print_title_rows = "1:1"


def _header(ws: Worksheet, names: list[str], widths: list[int]) -> None:
    ws.append(names)
    lines = 1
    for index, (cell, width) in enumerate(zip(ws[1], widths, strict=True), start=1):
        cell.font = Font(name="Calibri", bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(index)].width = width
        lines = max(lines, _lines(str(cell.value or ""), width))
    # A wrapped header is as tall as its lines when printed (a spreadsheet program does not
    # grow the row by itself for a file it did not write): "Carried forward" was cut.
    ws.row_dimensions[1].height = 15 * lines
    ws.freeze_panes = "A2"
    _print_setup(ws)


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide, in bold (a
    bold character is about 1.15 of the width's unit), at word breaks."""
    room = max(1.0, width / 1.15 - 1)
    lines, used = 1, 0.0
    for word in text.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, float(len(word))
        else:
            used += (1 if used else 0) + len(word)
    return lines


def _prompt(field: Field) -> tuple[str, str]:
    """An input message: Excel allows a 32-character title and 255 characters of text."""
    title = field.name if field.required else f"{field.name} (optional)"
    parts = [field.help[:1].upper() + field.help[1:] + "." if field.help else ""]
    parts.append(f"Accepted: {field.accepts}.")
    parts.append(f"Example: {field.example}")
    text = " ".join(p for p in parts if p)
    return title[:32], text[:255]


class Lists:
    """The hidden sheet holding drop-down lists too long for Excel's 255-character limit."""

    def __init__(self, book: Workbook) -> None:
        self.ws = book.create_sheet(LISTS)
        self.ws.sheet_state = "hidden"
        self.columns: dict[str, str] = {}

    def range_for(self, name: str, values: tuple[str, ...]) -> str:
        if name not in self.columns:
            index = len(self.columns) + 1
            letter = get_column_letter(index)
            self.ws.cell(row=1, column=index, value=name)
            for row, value in enumerate(values, start=2):
                cell = self.ws.cell(row=row, column=index, value=value)
                cell.data_type = "s"
            self.columns[name] = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${len(values) + 1}"
        return self.columns[name]


def _list_validation(field: Field, known: Known, lists: Lists) -> DataValidation | None:
    """A drop-down for a closed set, offering every word the field is read as (its choices and
    short forms); the term and KPI columns warn (a cell may hold a date, or several KPIs)
    rather than stop."""
    values: tuple[str, ...] = field.listed
    style, error = "stop", f"Use one of the listed values: {field.accepts}."
    if not values and field.kind == "term" and known.terms:
        values, style = known.terms, "warning"
        error = (
            "Not a term of school.xlsx's Terms sheet. Keep it only if it is right; otherwise "
            "choose the term from the list."
        )
    elif not values and field.kind in ("kpi", "kpis"):
        kpis = (
            tuple(k.id for k in known.framework.kpis)
            if known.framework
            else tuple(k for k, _ in DEFAULT_KPIS)
        )
        values, style = kpis, "warning"
        error = (
            "Not a KPI of the framework. Keep it only if it is right (several KPIs in one "
            "cell are fine: 2.4, 3.1)."
            if field.kind == "kpis"
            else "Not a KPI of the framework. Keep it only if it is right."
        )
    if not values:
        return None
    return DataValidation(
        type="list",
        formula1=lists.range_for(field.name, values),
        allow_blank=True,
        errorStyle=style,
        showErrorMessage=True,
        errorTitle=f"{field.name}"[:32],
        error=error[:255],
    )


def _number_validation(field: Field) -> DataValidation | None:
    if field.kind == "whole":
        return DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=field.name[:32],
            error="Type a whole number, 0 or more, e.g. 12.",
        )
    if field.kind == "number":
        return DataValidation(
            type="decimal",
            allow_blank=True,
            showErrorMessage=True,
            operator="between",
            formula1="-1000000",
            formula2="1000000",
            errorTitle=field.name[:32],
            error="Type a number, e.g. 96.1.",
        )
    return None


def _format(field: Field) -> str:
    if field.kind in TEXT_KINDS:
        return "@"
    if field.kind in DATE_KINDS:
        return "DD/MM/YYYY"
    if field.kind == "whole":
        return "0"
    if field.kind == "time":
        return "HH:MM"
    return "General"


def _column_sheet(
    ws: Worksheet, sheet: Sheet, known: Known, lists: Lists, extra: tuple[str, ...] = ()
) -> None:
    fields = list(sheet.columns)
    names = [f.name for f in fields] + list(extra)
    _header(ws, names, [f.width for f in fields] + [14] * len(extra))
    for index, field in enumerate(fields, start=1):
        letter = get_column_letter(index)
        title, text = _prompt(field)
        header = DataValidation(showInputMessage=True, promptTitle=title, prompt=text)
        header.add(f"{letter}1")
        ws.add_data_validation(header)
        cells = f"{letter}2:{letter}{ROWS + 1}"
        for validation in (_list_validation(field, known, lists), _number_validation(field)):
            if validation is not None:
                validation.showInputMessage = True
                validation.promptTitle, validation.prompt = title, text
                validation.add(cells)
                ws.add_data_validation(validation)
                break
        else:
            body = DataValidation(showInputMessage=True, promptTitle=title, prompt=text)
            body.add(cells)
            ws.add_data_validation(body)
        fmt = _format(field)
        wrap = field.kind == "long"
        for row in range(2, ROWS + 2):
            cell = ws.cell(row=row, column=index)
            cell.number_format = fmt
            if wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index in range(len(fields) + 1, len(names) + 1):
        for row in range(2, ROWS + 2):
            ws.cell(row=row, column=index).number_format = "0"


def _field_sheet(ws: Worksheet, sheet: Sheet, known: Known, lists: Lists) -> None:
    _header(ws, ["Field", "Value", "What goes there"], [24, 40, 70])
    for row, field in enumerate(sheet.fields, start=2):
        name = ws.cell(row=row, column=1, value=field.name)
        name.font = Font(name="Calibri", bold=field.required)
        value = ws.cell(row=row, column=2)
        value.number_format = _format(field)
        title, text = _prompt(field)
        help_cell = ws.cell(row=row, column=3, value=text)
        help_cell.alignment = Alignment(wrap_text=True, vertical="top")
        validation = _list_validation(field, known, lists) or _number_validation(field)
        validation = validation or DataValidation()
        validation.showInputMessage = True
        validation.promptTitle, validation.prompt = title, text
        validation.add(f"B{row}")
        ws.add_data_validation(validation)


def _how_to(ws: Worksheet, book: Book) -> None:
    ws.column_dimensions["A"].width = 95
    lines: list[tuple[str, bool]] = [
        (f"{book.file}: how to fill this in", True),
        (book.purpose, False),
        ("", False),
        (
            "Keep the sheet names and the headers in row 1 as they are. Add rows below the "
            "headers; leave no title rows above them. Column order does not matter.",
            False,
        ),
        (
            "Dates: type them day first, e.g. 31/10/2017 or 31 Oct 2017. Where a date is asked "
            "for, a term label from school.xlsx (e.g. 2017-18 Term 2) may be typed instead.",
            False,
        ),
        ("Several KPIs or refs in one cell: separate them with commas, e.g. 2.4, 3.1.", False),
        (
            "Click a header to see what goes in that column, with an example. Drop-down lists "
            "offer the accepted words.",
            False,
        ),
        ("", False),
    ]
    for sheet in book.sheets:
        state = "required" if sheet.required else "optional"
        lines.append((f"Sheet {sheet.name} ({state})", True))
        lines.append((sheet.purpose, False))
        for field in sheet.fields or sheet.columns:
            need = "" if field.required else " (optional)"
            what = f": {field.help}" if field.help else ""
            lines.append((f"   • {field.name}{need}{what}. Example: {field.example}", False))
        lines.append(("", False))
    for row, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(name="Calibri", bold=bold, size=13 if row == 1 else 11)
        # Spreadsheets do not grow a row for wrapped text on their own when printed.
        ws.row_dimensions[row].height = 15 * max(1, -(-len(text) // 85))
    _print_setup(ws, landscape=False)


def _prefill_framework(book: Workbook, known: Known) -> None:
    objectives, kpis = book["Objectives"], book["KPIs"]
    rows_o: list[tuple[object, ...]]
    rows_k: list[tuple[object, ...]]
    if known.framework is not None:
        rows_o = [(o.number, o.title, o.theme) for o in known.framework.objectives]
        rows_k = [(k.id, k.objective, k.statement) for k in known.framework.kpis]
    else:
        rows_o = list(DEFAULT_OBJECTIVES)
        rows_k = [(k, int(k.split(".")[0]), s) for k, s in DEFAULT_KPIS]
    for row, values in enumerate(rows_o, start=2):
        for column, value in enumerate(values, start=1):
            objectives.cell(row=row, column=column, value=value)
    for row, values in enumerate(rows_k, start=2):
        for column, value in enumerate(values, start=1):
            cell = kpis.cell(row=row, column=column, value=value)
            if column == 1:
                cell.data_type = "s"


def blank_workbook(book: Book, known: Known) -> Workbook:
    wb = Workbook()
    _how_to(wb.active, book)
    wb.active.title = HOW_TO
    lists = Lists(wb)
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name)
        if sheet.is_field_sheet:
            _field_sheet(ws, sheet, known, lists)
        elif sheet.name == "Tallies":
            _column_sheet(ws, sheet, known, lists, extra=FIVE_POINT)
        else:
            _column_sheet(ws, sheet, known, lists)
    wb.move_sheet(LISTS, offset=len(wb.sheetnames))
    if book.file == "framework.xlsx":
        _prefill_framework(wb, known)
    # Opens on "How to fill this in", its tab the only one selected (Excel groups every
    # selected tab, and typing into a group types into every sheet of it).
    wb.active = 0
    for index, ws in enumerate(wb.worksheets):
        ws.sheet_view.tabSelected = index == 0
    return wb


def blank_objective_9(known: Known) -> Any:
    """objective-9.docx for coordinators who write in Word: a heading per objective."""
    doc = Document()
    doc.add_heading("Objective 9: summary of achievements and future plans", 0)
    doc.add_paragraph(
        "Write under each heading. Keep the headings as they are: the pack reads the text "
        "under each one. Under each objective, write what has been achieved, its impact, and "
        "the next priorities, under those three subheadings."
    )
    objectives: list[tuple[object, str]]
    if known.framework is not None:
        objectives = [(o.number, o.title) for o in known.framework.objectives[:-1]]
    else:
        objectives = [(n, t) for n, t, _ in DEFAULT_OBJECTIVES[:-1]]
    doc.add_heading("Vision", 1)
    doc.add_paragraph("")
    for number, title in objectives:
        doc.add_heading(f"Objective {number}: {title}", 1)
        for part in ("Achievements", "Impact", "Next priorities"):
            doc.add_heading(part, 2)
            doc.add_paragraph("")
    doc.add_heading("Overall", 1)
    doc.add_paragraph("")
    return doc


def write_blank_inputs(folder: Path, inputs: Path | None = None) -> list[Path]:
    """Write every workbook of the contract, blank, into ``folder``; never over a file."""
    known = known_from(inputs)
    targets = [folder / b.file for b in contract.BOOKS] + [folder / "objective-9.docx"]
    existing = [t for t in targets if t.exists()]
    if existing:
        raise KitProblem(
            f"{folder} already holds {', '.join(p.name for p in existing)}. Blank workbooks are "
            "never written over existing ones: choose an empty folder."
        )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "evidence").mkdir(exist_ok=True)
    for book in contract.BOOKS:
        blank_workbook(book, known).save(folder / book.file)
    blank_objective_9(known).save(folder / "objective-9.docx")
    return targets
