"""Refs (A17, E042) and KPI lists as the workbooks give them, checked against what exists."""

from __future__ import annotations

from pipeline.errors import Findings, Group
from pipeline.read.cells import Cell, Row
from pipeline.read.values import read_cell, read_kpi_ids, split_list
from pipeline.records import Framework
from pipeline.text import ref_key


def read_ref(
    row: Row, column: str, seen: dict[str, int], example: str, findings: Findings
) -> str | None:
    """A row's own ref: present and unique in its sheet."""
    cell = row[column]
    ref = cell.text
    if not ref:
        findings.error(cell.ref, f"is blank. Give every row a unique ref, e.g. {example}.")
        return None
    if ref_key(ref) in seen:
        findings.error(
            cell.ref,
            f'"{ref}" is used twice (also in row {seen[ref_key(ref)]}). Give each row its own ref.',
        )
        return None
    seen[ref_key(ref)] = row.number
    return ref


def read_kpi_list(
    cell: Cell, framework: Framework | None, findings: Findings, unknown_is_error: bool = True
) -> tuple[str, ...] | None:
    """A cell's KPIs, each checked against the framework (an error, or a warning if not
    ``unknown_is_error``); None if the cell cannot be read."""
    known = framework.kpi_ids if framework else None
    kpis = read_cell(cell, lambda c: read_kpi_ids(c, known), findings)
    if kpis is None:
        return None
    if not kpis:
        findings.error(cell.ref, "is blank. Give the KPI or KPIs it serves, e.g. 2.4.")
        return None
    if framework is not None:
        for kpi in kpis:
            if kpi not in framework.kpi_ids:
                hint = (
                    f" If you meant {kpi}0, format the column as Text and type it again."
                    if isinstance(cell.value, float) and f"{kpi}0" in framework.kpi_ids
                    else ""
                )
                message = framework.not_found(kpi) + hint
                if unknown_is_error:
                    findings.error(cell.ref, message + " Correct the KPI number.")
                    return None
                findings.warn(
                    cell.ref,
                    message + " Correct it, or add the KPI to the framework.",
                    group=Group.EVIDENCE,
                )
    return tuple(dict.fromkeys(kpis))


def read_ref_list(cell: Cell) -> tuple[str, ...]:
    return tuple(dict.fromkeys(split_list(cell.text)))
