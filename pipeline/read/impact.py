"""impact.xlsx (optional): termly measures such as attendance, for the impact charts."""

from __future__ import annotations

from pathlib import Path

from pipeline import contract
from pipeline.errors import Findings
from pipeline.read.sheets import open_workbook
from pipeline.read.values import read_cell, read_number, read_term
from pipeline.records import Calendar, Measure
from pipeline.text import normalise

FILE = "impact.xlsx"
COLUMNS = contract.columns(FILE, "Measures")


def read_impact(
    folder: Path, findings: Findings, calendar: Calendar | None
) -> list[Measure] | None:
    """Read impact.xlsx if it is there (it is optional); None if it is absent."""
    book = open_workbook(folder, FILE, findings, required=False)
    if book is None:
        findings.note("impact.xlsx is not in the inputs folder: the pack has no impact charts.")
        return None
    measures: list[Measure] = []
    seen: dict[tuple[str, str], int] = {}
    for row in book.rows("Measures", COLUMNS, findings) or []:
        term = read_term(row["Term"], calendar, findings) if calendar else None
        name = row["Measure"].text
        if not name:
            findings.error(row.ref("Measure"), "is blank. Name the measure, e.g. Attendance %.")
        value = read_cell(row["Value"], read_number, findings)
        target = None if row["Target"].blank else read_cell(row["Target"], read_number, findings)
        if term is None or not name or value is None:
            continue
        key = (term.label, normalise(name))
        if key in seen:
            findings.error(
                row.ref("Measure"),
                f'"{name}" has two values for {term.label} (also in row {seen[key]}). Keep one.',
            )
            continue
        seen[key] = row.number
        measures.append(Measure(term, name, value, target, row.ref()))
    return measures
