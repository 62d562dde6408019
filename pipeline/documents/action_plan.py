"""The Action Plan workbook (action-plan.xlsx), filled from its Excel template.

The template's three rows under the header row are prototypes (an objective row, a KPI row and
an action row): every row written copies their look, so a school restyles the plan in Excel.
Every value is written as a value: text as text (never a formula), totals as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
from pipeline.documents.textfit import PADDING, Measure
from pipeline.errors import TemplateError
from pipeline.manifest import Shown
from pipeline.records import Action, Calendar, Framework, LogEntry, School, Status, Term
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
MAX_ROW_HEIGHT = 409.0  # points: Excel's tallest row (Calc allows more; the plan opens in both)
MIN_ROW_HEIGHT = 15.0
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

    def plain(self) -> RowStyle:
        """The same look without borders or fill: for a line of text under a table."""
        cells = []
        for style in self.cells:
            style = copy(style)
            style.borderId, style.fillId = 0, 0
            cells.append(style)
        return RowStyle(tuple(cells))

    def apply(self, ws: Worksheet, row: int) -> None:
        for index, style in enumerate(self.cells, start=1):
            ws.cell(row=row, column=index)._style = copy(style)


def _day(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _width(ws: Worksheet, first: int, last: int) -> float:
    return sum(
        ws.column_dimensions[get_column_letter(i)].width or 10 for i in range(first, last + 1)
    )


def _split(lines: list[str], measure: Measure, room: float) -> list[list[str]]:
    """A cell's wrapped lines in pieces that each fit ``room`` points of a row."""
    pieces: list[list[str]] = [[]]
    used = 0.0
    for line in lines:
        height = measure.line_height_of(line)
        if pieces[-1] and used + height > room:
            pieces.append([])
            used = 0.0
        pieces[-1].append(line)
        used += height
    return pieces


def _measure(cell: Any, bold: bool = False) -> Measure:
    font = cell.font
    return Measure(font.name or "Calibri", float(font.sz or 11), bold or bool(font.b))


def _bold_columns(ws: Worksheet) -> set[int]:
    """Columns where a conditional format may make text bold (the plan's "Overdue"): measured
    bold, so that a row is tall enough however its status reads."""
    columns: set[int] = set()
    for formatting in ws.conditional_formatting:
        if any(
            r.dxf is not None and r.dxf.font is not None and r.dxf.font.b for r in formatting.rules
        ):
            for cells in formatting.sqref.ranges:
                columns.update(range(cells.min_col, cells.max_col + 1))
    return columns


def _page(ws: Worksheet) -> tuple[float, float]:
    """The sheet's printed scale (fitted to the page's width) and the height a page holds, in
    the sheet's own points."""
    setup, margins = ws.page_setup, ws.page_margins
    short, long = PAPER.get(int(setup.paperSize or 9), PAPER[9])
    across, down = (long, short) if setup.orientation == "landscape" else (short, long)
    columns = _width(ws, 1, ws.max_column) * POINTS_PER_WIDTH
    scale = min(1.0, (across - 72 * (margins.left + margins.right)) / columns * 1.01)
    return scale, (down - 72 * (margins.top + margins.bottom)) / scale


def _write_row(
    ws: Worksheet,
    row: int,
    values: Sequence[object],
    style: RowStyle,
    tallest: float,
    merged_to: int = 0,
    continued: str = "",
) -> int:
    """Write ``values`` into ``row`` in the template row's look, each cell's height measured
    from its wrapped lines (a spreadsheet row never grows to fit); returns the rows used.

    A row whose text would be taller than ``tallest`` points (what a page holds below its
    repeated header, and never past Excel's 409) goes on in the rows below it, line for line,
    each headed ``continued`` in its first cell ("A05 (cont.)"): every word is printed, none
    cut."""
    style.apply(ws, row)
    wrapped: list[list[str]] = []
    measures: list[Measure] = []
    bold = _bold_columns(ws)
    for index, value in enumerate(values, start=1):
        measure = _measure(ws.cell(row=row, column=index), index in bold)
        last = merged_to if merged_to and index == 1 else index
        wrapped.append(measure.wrap(str(value), _width(ws, index, last) * POINTS_PER_WIDTH))
        measures.append(measure)
    room = min(tallest, MAX_ROW_HEIGHT) - 2 * PADDING
    pages = [_split(lines, measure, room) for lines, measure in zip(wrapped, measures, strict=True)]
    pieces = max(len(p) if v != "" else 1 for p, v in zip(pages, values, strict=True))
    for piece in range(pieces):
        if piece:
            style.apply(ws, row + piece)
        height = 0.0
        for index, (value, parts, measure) in enumerate(
            zip(values, pages, measures, strict=True), start=1
        ):
            text: object = value if piece == 0 else ""
            lines = parts[piece] if piece < len(parts) else []
            if pieces > 1 and isinstance(value, str):
                text = "\n".join(lines)
                if piece and index == 1 and continued:
                    text = continued
            put(ws, row + piece, index, text)
            if text != "":
                height = max(height, measure.height(lines))
        if merged_to:
            ws.merge_cells(
                start_row=row + piece, start_column=1, end_row=row + piece, end_column=merged_to
            )
        ws.row_dimensions[row + piece].height = round(max(height, MIN_ROW_HEIGHT), 1)
    return pieces


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
    tallest = _page(ws)[1] - sum(_height(ws, r) for r in _title_rows(ws, header))
    may_break: list[int] = []  # rows a page may start with
    for group in groups:
        objective = group.objective
        may_break.append(row)
        for index in range(1, width + 1):
            ws.cell(row=row, column=index).value = None
        text = f"Objective {objective.number}: {objective.title}"
        used = _write_row(ws, row, [text], styles[0], tallest, merged_to=width)
        shown.append(Shown.row(f"{text} in the plan", text, where=str(objective.source.whole_row)))
        may_break += range(row + 1, row + used)
        row += used
        for kpi_group in group.kpis:
            kpi = framework.kpi(kpi_group.kpi)
            if kpi_group is not group.kpis[0]:
                may_break.append(row)
            text = f"KPI {kpi_group.kpi}: {kpi.statement if kpi else ''}"
            used = _write_row(ws, row, [text], styles[1], tallest, merged_to=width)
            shown.append(
                Shown.row(
                    f"KPI {kpi_group.kpi} in the plan",
                    text,
                    where=str(kpi.source.whole_row) if kpi else "",
                )
            )
            may_break += range(row + 1, row + used)
            row += used
            for action in kpi_group.actions:
                if action is not kpi_group.actions[0]:
                    may_break.append(row)
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
                used = _write_row(
                    ws, row, values, styles[2], tallest, continued=f"{action.ref} (cont.)"
                )
                shown.append(
                    Shown.row(f"action {action.ref}", *values, where=str(action.source.whole_row))
                )
                may_break += range(row + 1, row + used)
                row += used
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
    room = _page(ws)[1]
    titles = sum(_height(ws, r) for r in _title_rows(ws, header))
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


def _title_rows(ws: Worksheet, header: int) -> list[int]:
    """The rows printed again at the top of every page: the header row, if the template
    repeats it."""
    return [header] if ws.print_title_rows else []


def _title(ws: Worksheet) -> str:
    """The sheet's title as printed (a school may reword it in the template)."""
    return str(ws["A1"].value or MONITORING_TITLE)


def _fill_monitoring(ws: Worksheet, monitoring: Monitoring) -> list[Shown]:
    """Write the Monitoring sheet; returns what it shows, in order."""
    shown = [Shown.row("the Monitoring sheet's title", _title(ws))]
    header = _header_row(ws, "Objective")
    headings = [c.value for c in ws[header]][: len(STATES) + 2]
    style = RowStyle.of(ws, header + 1, len(headings))
    lines_style = RowStyle.of(ws, header + 1, 1).plain()
    bold = copy(ws.cell(row=header + 1, column=1).font)
    bold.b = True
    tallest = _page(ws)[1]
    row = header + 1
    for counts in (*monitoring.rows, monitoring.total):
        values: list[object] = [
            counts.label,
            *(counts.by_state[state] for state in STATES),
            counts.total,
        ]
        row += _write_row(ws, row, values, style, tallest)
        shown.append(Shown.row(f"the Monitoring row for {counts.label}", *(str(v) for v in values)))
        if counts is monitoring.total:
            for index in range(1, len(headings) + 1):
                font = copy(ws.cell(row=row - 1, column=index).font)
                font.b = True
                ws.cell(row=row - 1, column=index).font = font

    def section(title: str, lines: list[str]) -> None:
        nonlocal row
        row += 1
        cell = put(ws, row, 1, title)
        cell.font = copy(bold)
        shown.append(Shown.row(f"the Monitoring section {title}", title))
        row += 1
        for line in lines:
            shown.append(Shown.row(f"the Monitoring line {line[:40]}", line))
            row += _write_row(ws, row, [line], lines_style, tallest, merged_to=len(headings))

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

    def closed(action: Action) -> str:
        return (
            ""
            if action.status in (Status.NOT_STARTED, Status.IN_PROGRESS)
            else (f" ({action.status.value.lower()})")
        )

    gaps = (
        [describe(a, f" — no lead{closed(a)}") for a in monitoring.no_lead]
        + [describe(a, f" — no one monitors it{closed(a)}") for a in monitoring.no_monitor]
        + [
            describe(a, f" — its lead ({a.lead}) monitors it{closed(a)}")
            for a in monitoring.self_monitored
        ]
    )
    every = len(monitoring.latest_log)
    section(
        f"Who leads and who monitors: gaps among all {every} actions",
        gaps or ["none: every action has a lead and someone else who monitors it"],
    )

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
                target = wb[sheet][cell.replace("$", "")]
                put(wb[sheet], target.row, target.column, value)  # text, never a formula
    put(
        wb[MONITORING],
        2,
        1,
        f"{school.name} · {line}. Are we doing what we said we would do, and are we doing it on "
        "time? (KPI 2.4)",
    )
    for ws in (plan, wb[MONITORING]):
        _footer(ws, school, term)
    if school.settings.logo:
        _place_logo(plan, inputs / school.settings.logo)
    wb.save(out)
    sections = [f"Objective {g.objective.number}: {g.objective.title}" for g in groups]
    return Rendered(out, tuple(shown), (*sections, _title(wb[MONITORING])))
