"""framework.xlsx: the award's objectives and KPIs. The framework is data, never code."""

from __future__ import annotations

from pathlib import Path

from pipeline import contract
from pipeline.errors import CellRef, Findings, Group
from pipeline.read.sheets import open_workbook
from pipeline.read.values import kpi_from_text, read_whole
from pipeline.records import Framework, Kpi, Objective, kpi_sort_key

FILE = "framework.xlsx"


def read_framework(folder: Path, findings: Findings) -> Framework | None:
    """Read framework.xlsx; None if it cannot give a framework (the errors say why)."""
    book = open_workbook(folder, FILE, findings)
    if book is None:
        return None
    objective_rows = book.rows(
        "Objectives",
        contract.columns(FILE, "Objectives"),
        findings,
    )
    kpi_rows = book.rows("KPIs", contract.columns(FILE, "KPIs"), findings)
    if objective_rows is None or kpi_rows is None:
        return None
    errors_before = len(findings.errors)

    objectives: dict[int, tuple[str, str, CellRef]] = {}
    for row in objective_rows:
        cell = row["Objective"]
        try:
            number = read_whole(cell)
        except ValueError:
            findings.error(
                cell.ref, f"{cell.typed} is not an objective number. Type a whole number, e.g. 3."
            )
            continue
        if number in objectives:
            findings.error(
                cell.ref,
                f"objective {number} is listed twice (also in row {objectives[number][2].row}). "
                "Number each objective once.",
            )
            continue
        if not row["Title"].text:
            findings.error(row.ref("Title"), f"objective {number} has no title. Type its title.")
        objectives[number] = (row["Title"].text, row["Theme"].text, cell.ref)

    kpis: dict[str, Kpi] = {}
    numeric: set[str] = set()
    for row in kpi_rows:
        cell = row["KPI"]
        as_shown = cell.text
        kpi_id = kpi_from_text(as_shown)
        if kpi_id is None:
            findings.error(
                cell.ref,
                f"{cell.typed} is not a KPI number. Type it as objective.KPI, e.g. 2.4, in a "
                "column formatted as Text.",
            )
            continue
        if kpi_id in kpis:
            earlier = kpis[kpi_id].source
            if isinstance(cell.value, float) or kpi_id in numeric:
                message = (
                    f"reads as KPI {kpi_id}, the same as row {earlier.row}: Excel stored "
                    f"{'this' if isinstance(cell.value, float) else 'that'} KPI as a number, so "
                    "3.1 and 3.10 look alike. Format the KPI column as Text and type both again."
                )
            else:
                message = f"KPI {kpi_id} is listed twice (also in row {earlier.row}). Keep one."
            findings.error(cell.ref, message)
            continue
        try:
            objective = read_whole(row["Objective"])
        except ValueError:
            findings.error(
                row.ref("Objective"),
                f"{row['Objective'].typed} is not an objective number. Type a whole number, "
                "e.g. 3.",
            )
            continue
        if objective not in objectives:
            findings.error(
                row.ref("Objective"),
                f"objective {objective} is not on sheet Objectives. Add it there, or correct "
                "the number.",
            )
            continue
        if kpi_sort_key(kpi_id)[0] != objective:
            findings.error(
                cell.ref,
                f"KPI {kpi_id} is under objective {objective}, but a KPI's number starts with "
                f"its objective's number. Correct the KPI or the Objective column.",
            )
            continue
        if not row["Statement"].text:
            findings.error(row.ref("Statement"), f"KPI {kpi_id} has no statement. Type it.")
        kpis[kpi_id] = Kpi(kpi_id, objective, row["Statement"].text, cell.ref)
        if isinstance(cell.value, float):
            numeric.add(kpi_id)

    if not objectives and len(findings.errors) == errors_before:
        findings.error(CellRef(FILE, "Objectives"), "lists no objectives. Add one row each.")
    if len(findings.errors) > errors_before:
        return None
    for number, (_, _, ref) in objectives.items():
        if not any(k.objective == number for k in kpis.values()):
            findings.warn(
                ref, f"objective {number} has no KPIs on sheet KPIs.", group=Group.FRAMEWORK
            )
    return Framework(
        tuple(
            Objective(
                number,
                title,
                theme,
                tuple(
                    sorted(
                        (k for k in kpis.values() if k.objective == number),
                        key=lambda k: kpi_sort_key(k.id),
                    )
                ),
                ref,
            )
            for number, (title, theme, ref) in sorted(objectives.items())
        )
    )
