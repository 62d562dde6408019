"""actions.xlsx: the action plan and the working group's monitoring log."""

from __future__ import annotations

from pathlib import Path

from pipeline import contract
from pipeline.errors import Findings, Group
from pipeline.read.refs import read_kpi_list, read_ref, read_ref_list
from pipeline.read.sheets import open_workbook
from pipeline.read.values import read_cell, read_choice, read_day
from pipeline.records import Action, Calendar, Framework, LogEntry, Status
from pipeline.text import normalise, ref_key

FILE = "actions.xlsx"
COLUMNS = contract.columns(FILE, "Actions")
LOG_COLUMNS = contract.columns(FILE, "Monitoring log")
STATUSES = {normalise(s.value): s for s in Status}
DUE_WORDS = {"ongoing": "Ongoing", "tbc": "TBC", "tba": "TBC", "to be confirmed": "TBC"}


def read_actions(
    folder: Path, findings: Findings, framework: Framework | None, calendar: Calendar | None
) -> tuple[list[Action], list[LogEntry]]:
    book = open_workbook(folder, FILE, findings)
    if book is None:
        return [], []
    rows = book.rows("Actions", COLUMNS, findings) or []
    actions: list[Action] = []
    seen: dict[str, int] = {}
    for row in rows:
        ref = read_ref(row, "Ref", seen, "A17", findings)
        kpis = read_kpi_list(row["KPI"], framework, findings)
        text = row["Action"].text
        if not text:
            findings.error(row.ref("Action"), "is blank. Say what will be done.")
        start = read_day(row["Start"], calendar, findings, start=True)
        due_cell = row["Due"]
        due_word = (
            DUE_WORDS.get(normalise(due_cell.text), "") if isinstance(due_cell.value, str) else ""
        )
        due = None
        if due_cell.blank:
            findings.error(
                due_cell.ref,
                "is blank. Give a date or term label, or Ongoing (never overdue), or TBC.",
            )
        elif not due_word:
            due = read_day(due_cell, calendar, findings)
        original = read_day(row["Original due"], calendar, findings)
        status = read_cell(row["Status"], lambda c: read_choice(c, STATUSES, "a status"), findings)
        completed = read_day(row["Completed"], calendar, findings)
        if status is Status.COMPLETED and row["Completed"].blank:
            findings.error(
                row.ref("Completed"),
                "is blank, but the Status is Completed. Give the date or term it was completed.",
            )
        if ref is None or kpis is None or status is None or not text:
            continue
        actions.append(
            Action(
                ref=ref,
                kpis=kpis,
                text=text,
                lead=row["Lead"].text,
                monitor=row["Monitored by"].text,
                start=start,
                due=due,
                due_word=due_word,
                original_due=original,
                status=status,
                completed=completed,
                success_criteria=row["Success criteria"].text,
                evidence=read_ref_list(row["Evidence"]),
                notes=row["Notes"].text,
                source=row.ref(),
            )
        )
    log = []
    refs = {ref_key(a.ref) for a in actions}
    for row in book.rows("Monitoring log", LOG_COLUMNS, findings, required=False) or []:
        day = read_day(row["Date"], calendar, findings)
        ref = row["Ref"].text
        if row["Date"].blank:
            findings.error(row.ref("Date"), "is blank. Give the date of the review.")
        if ref_key(ref) not in refs and actions:
            findings.warn(
                row.ref("Ref"),
                f'"{ref}" is not an action on the Actions sheet, so this entry is not shown '
                "against any action. Correct the ref.",
                group=Group.ACTION_PLAN,
            )
        if day is not None:
            log.append(LogEntry(day, ref, row["Note"].text, row["By"].text, row.ref()))
    return actions, log
