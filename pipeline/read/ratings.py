"""ratings.xlsx: the self-evaluation, one row per KPI per term; rows are added, never replaced."""

from __future__ import annotations

from pathlib import Path

from pipeline import contract
from pipeline.errors import Findings
from pipeline.read.cells import Row
from pipeline.read.sheets import open_workbook
from pipeline.read.values import read_cell, read_kpi_ids, read_level, read_term, read_yes_no
from pipeline.records import Calendar, Framework, Rating

FILE = "ratings.xlsx"
COLUMNS = contract.columns(FILE, "Ratings")


def read_ratings(
    folder: Path, findings: Findings, framework: Framework | None, calendar: Calendar | None
) -> list[Rating]:
    """Every rating row, checked; the framework and calendar are needed to check them."""
    book = open_workbook(folder, FILE, findings)
    if book is None:
        return []
    rows = book.rows("Ratings", COLUMNS, findings)
    if rows is None:
        return []
    # Without a framework or calendar (their errors are reported) each row is still checked
    # as far as it can be, so that every problem is listed in one run.
    known = framework.kpi_ids if framework else None
    ratings: list[Rating] = []
    seen: dict[tuple[str, str], Row] = {}
    for row in rows:
        term = read_term(row["Term"], calendar, findings) if calendar else None
        kpis = read_cell(row["KPI"], lambda c: read_kpi_ids(c, known), findings)
        level = read_cell(row["Rating"], read_level, findings)
        carried = read_cell(row["Carried forward"], read_yes_no, findings)
        if kpis is None or level is None:
            continue
        if len(kpis) != 1:
            findings.error(
                row.ref("KPI"),
                f"{row['KPI'].typed} names {len(kpis) or 'no'} KPIs; each row rates one KPI. "
                "Give each KPI its own row.",
            )
            continue
        kpi = kpis[0]
        if known is None or framework is None:
            continue
        if kpi not in known:
            hint = (
                f" If you meant {kpi}0, format the column as Text and type it again."
                if isinstance(row["KPI"].value, float) and f"{kpi}0" in known
                else ""
            )
            findings.error(
                row.ref("KPI"),
                f'"{row["KPI"].text}" is not a KPI in framework.xlsx. Use a KPI number from its '
                f"KPIs sheet, e.g. {framework.kpis[0].id}.{hint}",
            )
            continue
        if term is None:
            continue
        key = (term.label, kpi)
        if key in seen:
            findings.error(
                row.ref("KPI"),
                f"KPI {kpi} is rated twice for {term.label} (also in row {seen[key].number}). "
                "Keep one rating per KPI per term; a new term's ratings go in new rows.",
            )
            continue
        seen[key] = row
        ratings.append(
            Rating(
                term,
                kpi,
                level,
                row["Current achievements"].text,
                row["Next steps"].text,
                row.ref("Rating"),
                bool(carried),
            )
        )
    return ratings
