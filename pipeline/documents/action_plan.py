"""The Action Plan workbook (action-plan.xlsx), filled from its Excel template.

The template's three rows under the header row are prototypes (an objective row, a KPI row and
an action row): every row written copies their look, so a school restyles the plan in Excel.
Every value is written as a value: text as text (never a formula), totals as numbers.
"""

from __future__ import annotations

import math
import re
from copy import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.drawing.image import Image
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.dates import long_date
from pipeline.documents.render import Rendered
from pipeline.errors import TemplateError
from pipeline.pack.proof import Shown
from pipeline.records import Action, Calendar, Framework, LogEntry, School, Term
from pipeline.summarise.actions import (
    STATES,
    Monitoring,
    ObjectiveGroup,
    State,
    group_actions,
    monitor,
    slippage,
    state_of,
)
from pipeline.xlsx import put

TEMPLATE = "action-plan.xlsx"
TITLE = "Action Plan"
PLAN, MONITORING = "Action plan", "Monitoring"
MONITORING_TITLE = "Monitoring the action plan"  # the Monitoring sheet's title, as printed
COLUMNS = (
    "Ref",
    "KPI",
    "Action",
    "Lead",
    "Monitored by",
    "Start",
    "Due",
    "Status",
    "Completed",
    "Success criteria",
    "Evidence",
    "Notes",
)
LINE_HEIGHT = 12.0  # points per line of 9-point text
LOGO_HEIGHT = 56  # pixels
# Calc's printed width of one unit of Excel column width, in points (measured: LibreOffice 7.4
# prints the sample plan's 156 units fitted to 784 pt at 89%).
POINTS_PER_WIDTH = 5.64
PAPER = {9: (595.3, 841.9), 1: (612.0, 792.0)}  # A4 and Letter, portrait, in points


@dataclass(frozen=True)
class RowStyle:
    """A template row's look (font, fill, border, alignment, number format), given to the rows
    written in its likeness in the same sheet.

    Kept as each cell's style record (openpyxl's ``StyleArray``: the indexes of its font, fill
    and the rest in the workbook's own lists) and copied whole, as openpyxl's own
    ``WorksheetCopy`` does: assigning the five style objects one by one made openpyxl look each
    up again, 0.6 s of a build's 2.5 s on the sample's 29 actions."""

    cells: tuple[Any, ...]

    @classmethod
    def of(cls, ws: Worksheet, row: int, width: int) -> RowStyle:
        return cls(tuple(copy(ws.cell(row=row, column=i)._style) for i in range(1, width + 1)))

    def apply(self, ws: Worksheet, row: int) -> None:
        for index, style in enumerate(self.cells, start=1):
            ws.cell(row=row, column=index)._style = copy(style)


def _day(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _lines(text: str, width: float, size: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide."""
    per_line = max(1, int(width * 1.2 * 9 / max(size, 6)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _width(ws: Worksheet, first: int, last: int) -> float:
    return sum(
        ws.column_dimensions[get_column_letter(i)].width or 10 for i in range(first, last + 1)
    )


def _fit_height(ws: Worksheet, row: int, values: list[str], merged_to: int = 0) -> None:
    """Rows tall enough that nothing is cut off when printed (spreadsheets don't grow them).
    A row merged across ``merged_to`` columns wraps its first value across all of them."""
    lines = 1
    size = 9.0
    for index, text in enumerate(values, start=1):
        if not text:
            continue
        width = _width(ws, index, merged_to if merged_to and index == 1 else index)
        size = ws.cell(row=row, column=index).font.sz or 9
        lines = max(lines, _lines(text, width, size))
    ws.row_dimensions[row].height = lines * LINE_HEIGHT * size / 9 + 4


def _header_row(ws: Worksheet, first: str) -> int:
    for row in range(1, 30):
        if str(ws.cell(row=row, column=1).value or "").strip().casefold() == first.casefold():
            return row
    raise TemplateError(
        f'The template {TEMPLATE}, sheet {ws.title}, has no header row starting "{first}" in '
        "column A. Restore the header row, or the project's copy of the template."
    )


def _due_text(action: Action, calendar: Calendar) -> str:
    if action.due_word:
        return action.due_word
    text = _day(action.due)
    moved = slippage(action, calendar)
    if moved and action.original_due:
        then = calendar.term_of(action.original_due)
        was = then.label if then else _day(action.original_due)
        text += f"\nmoved from {was} (+{moved} term{'s' if moved != 1 else ''})"
    return text


def _status_text(action: Action, as_of: date) -> str:
    if state_of(action, as_of) is State.OVERDUE:
        return f"Overdue\n({action.status.value})"
    return action.status.value


def _fill_plan(
    ws: Worksheet,
    groups: tuple[ObjectiveGroup, ...],
    framework: Framework,
    calendar: Calendar,
    as_of: date,
) -> list[Shown]:
    """Write the plan's rows; returns what they show, in order."""
    shown: list[Shown] = []
    header = _header_row(ws, "Ref")
    width = len(COLUMNS)
    styles = [RowStyle.of(ws, header + k, width) for k in (1, 2, 3)]
    for merged in list(ws.merged_cells.ranges):
        if merged.min_row > header:
            ws.unmerge_cells(str(merged))
    row = header + 1
    may_break: list[int] = []  # rows a page may start with
    for group in groups:
        objective = group.objective
        may_break.append(row)
        styles[0].apply(ws, row)
        text = f"Objective {objective.number}: {objective.title}"
        for index in range(1, width + 1):
            ws.cell(row=row, column=index).value = None
        put(ws, row, 1, text)
        shown.append(Shown.row(f"{text} in the plan", text))
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.row_dimensions[row].height = 18
        row += 1
        for kpi_group in group.kpis:
            kpi = framework.kpi(kpi_group.kpi)
            if kpi_group is not group.kpis[0]:
                may_break.append(row)
            styles[1].apply(ws, row)
            put(ws, row, 1, f"KPI {kpi_group.kpi}: {kpi.statement if kpi else ''}")
            shown.append(Shown.row(f"KPI {kpi_group.kpi} in the plan", ws.cell(row, 1).value))
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            _fit_height(ws, row, [f"KPI {kpi_group.kpi}: {kpi.statement if kpi else ''}"], width)
            row += 1
            for action in kpi_group.actions:
                if action is not kpi_group.actions[0]:
                    may_break.append(row)
                styles[2].apply(ws, row)
                values = [
                    action.ref,
                    ", ".join(action.kpis),
                    action.text,
                    action.lead,
                    action.monitor,
                    _day(action.start),
                    _due_text(action, calendar),
                    _status_text(action, as_of),
                    _day(action.completed),
                    action.success_criteria,
                    ", ".join(action.evidence),
                    action.notes,
                ]
                for index, value in enumerate(values, start=1):
                    put(ws, row, index, value)
                shown.append(Shown.row(f"action {action.ref}", *values[:8], ordered=False))
                # The merged widths of a long Action are what matter for its height.
                _fit_height(ws, row, values)
                row += 1
    last = row - 1
    for extra in range(row, max(row, header + 4)):
        for index in range(1, width + 1):  # clear any prototype row not written over
            cell = ws.cell(row=extra, column=index)
            cell.value = None
    ws.print_area = f"A1:{get_column_letter(width)}{max(last, header)}"
    _break_pages(ws, header, last, may_break)
    return shown


def _height(ws: Worksheet, row: int) -> float:
    return float(ws.row_dimensions[row].height or ws.sheet_format.defaultRowHeight or 15)


def _break_pages(ws: Worksheet, header: int, last: int, may_break: list[int]) -> None:
    """Page breaks of our own, so that no page ends with an objective's or a KPI's row (a
    spreadsheet has no "keep with next"): each page ends before the last row it may start with
    that does not fit. Rows are assumed a little taller than Calc prints them, so that its own
    breaks never come first."""
    setup, margins = ws.page_setup, ws.page_margins
    short, long = PAPER.get(int(setup.paperSize or 9), PAPER[9])
    across, down = (long, short) if setup.orientation == "landscape" else (short, long)
    columns = _width(ws, 1, len(COLUMNS)) * POINTS_PER_WIDTH
    scale = min(1.0, (across - 72 * (margins.left + margins.right)) / columns * 1.01)
    room = (down - 72 * (margins.top + margins.bottom)) / scale
    titles = sum(_height(ws, r) for r in range(header, header + 1)) if ws.print_title_rows else 0
    used = sum(_height(ws, r) for r in range(1, header + 1))
    starts = set(may_break)
    start = header + 1
    candidate = start
    row = start
    while row <= last:
        if row in starts:
            candidate = row
        height = _height(ws, row)
        if used + height > room and candidate > start:
            ws.row_breaks.append(Break(id=candidate - 1))
            used = titles + sum(_height(ws, r) for r in range(candidate, row))
            start = candidate
        used += height
        row += 1


def _title(ws: Worksheet) -> str:
    """The sheet's title as printed (a school may reword it in the template)."""
    return str(ws["A1"].value or MONITORING_TITLE)


def _fill_monitoring(ws: Worksheet, monitoring: Monitoring) -> list[Shown]:
    """Write the Monitoring sheet; returns what it shows, in order."""
    shown = [Shown.row("the Monitoring sheet's title", _title(ws))]
    header = _header_row(ws, "Objective")
    headings = [c.value for c in ws[header]][: len(STATES) + 2]
    style = RowStyle.of(ws, header + 1, len(headings))
    first = ws.cell(row=header + 1, column=1)  # the template's first row, as yet unwritten
    plain, alignment = copy(first.font), copy(first.alignment)
    bold = copy(plain)
    bold.b = True
    row = header + 1
    for counts in (*monitoring.rows, monitoring.total):
        style.apply(ws, row)
        put(ws, row, 1, counts.label)
        for index, state in enumerate(STATES, start=2):
            put(ws, row, index, counts.by_state[state])
        put(ws, row, len(STATES) + 2, counts.total)
        shown.append(
            Shown.row(
                f"the Monitoring row for {counts.label}",
                counts.label,
                *(str(counts.by_state[state]) for state in STATES),
                str(counts.total),
            )
        )
        if counts is monitoring.total:
            for index in range(1, len(headings) + 1):
                font = copy(ws.cell(row=row, column=index).font)
                font.b = True
                ws.cell(row=row, column=index).font = font
        row += 1

    def section(title: str, lines: list[str]) -> None:
        nonlocal row
        row += 1
        cell = put(ws, row, 1, title)
        cell.font = copy(bold)
        shown.append(Shown.row(f"the Monitoring section {title}", title))
        row += 1
        for line in lines:
            cell = put(ws, row, 1, line)
            shown.append(Shown.row(f"the Monitoring line {line[:40]}", line, ordered=False))
            cell.font, cell.alignment = copy(plain), copy(alignment)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(headings))
            total_width = _width(ws, 1, len(headings))
            size = cell.font.sz or 10
            ws.row_dimensions[row].height = _lines(line, total_width, size) * 13 * size / 10 + 3
            row += 1

    term, following = monitoring.term, monitoring.next_term

    def describe(action: Action, extra: str = "") -> str:
        return f"{action.ref} ({', '.join(action.kpis)}): {action.text}{extra}"

    section(
        f"Completed this term ({term.label})",
        [describe(a, f" — completed {_day(a.completed)}") for a in monitoring.completed_this_term]
        or ["none"],
    )
    if following is None:
        section("Due next term", ["none: this is the last term in the calendar"])
    else:
        section(
            f"Due next term ({following.label})",
            [
                describe(a, f" — due {_day(a.due)}, lead {a.lead or 'none'}")
                for a in monitoring.due_next_term
            ]
            or ["none"],
        )
    gaps = (
        [describe(a, " — no lead") for a in monitoring.no_lead]
        + [describe(a, " — no one monitors it") for a in monitoring.no_monitor]
        + [describe(a, f" — its lead ({a.lead}) monitors it") for a in monitoring.self_monitored]
    )
    section("Who leads and who monitors: gaps", gaps or ["none"])

    def latest(entry: LogEntry | None) -> str:
        if entry is None:
            return "not yet reviewed"
        by = f" ({entry.by})" if entry.by else ""
        return f"{_day(entry.day)}{by}: {entry.note}"

    reviewed = [f"{a.ref}: {latest(e)}" for a, e in monitoring.latest_log if e is not None]
    waiting = [a.ref for a, e in monitoring.latest_log if e is None]
    if waiting:
        reviewed.append(f"Not yet reviewed: {', '.join(waiting)}")
    section("The latest review of each action (monitoring log)", reviewed)
    ws.print_area = f"A1:{get_column_letter(len(headings))}{row}"
    return shown


def _place_logo(ws: Worksheet, logo: Path) -> None:
    image = Image(str(logo))
    scale = LOGO_HEIGHT / image.height
    image.height, image.width = LOGO_HEIGHT, int(image.width * scale)
    ws.add_image(image, "A1")


def _footer(ws: Worksheet, school: School, term: Term) -> None:
    for part in (ws.oddFooter.left, ws.oddFooter.center, ws.oddFooter.right):
        if part.text:
            part.text = re.sub(
                r"\{(school|term|title)\}",
                lambda m: {"school": school.name, "term": term.label, "title": TITLE}[m[1]],
                part.text,
            ).replace("&", "&&")


def render_action_plan(
    templates: Path,
    inputs: Path,
    school: School,
    framework: Framework,
    actions: list[Action],
    log: list[LogEntry],
    term: Term,
    as_of: date,
    out: Path,
) -> Rendered:
    """Fill the template; returns the file, what it shows, and the headings to bookmark: each
    objective's, then the Monitoring sheet's."""
    template = templates / TEMPLATE
    if not template.is_file():
        raise TemplateError(
            f"The template {template} is missing. Restore it from the project (templates/) "
            "or run: nox -s templates"
        )
    wb = load_workbook(template)
    for name in (PLAN, MONITORING):
        if name not in wb.sheetnames:
            raise TemplateError(
                f'The template {TEMPLATE} has no sheet "{name}". Restore the sheet, or the '
                "project's copy of the template."
            )
    groups = group_actions(framework, actions)
    plan = wb[PLAN]
    shown = _fill_plan(plan, groups, framework, school.calendar, as_of)
    shown += _fill_monitoring(wb[MONITORING], monitor(groups, log, school.calendar, term, as_of))
    line = f"{term.label} · as of {long_date(as_of)}"
    names = {"SchoolName": school.name, "TermLine": line}
    for name, value in names.items():
        defined = wb.defined_names.get(name)
        if defined is not None:
            for sheet, cell in defined.destinations:
                wb[sheet][cell.replace("$", "")].value = value
    wb[MONITORING]["A2"].value = (
        f"{school.name} · {line}. Are we doing what we said we would do, and are we doing it on "
        "time? (KPI 2.4)"
    )
    for ws in (plan, wb[MONITORING]):
        _footer(ws, school, term)
    if school.settings.logo:
        _place_logo(plan, inputs / school.settings.logo)
    wb.save(out)
    sections = [f"Objective {g.objective.number}: {g.objective.title}" for g in groups]
    return Rendered(out, tuple(shown), (*sections, _title(wb[MONITORING])))
