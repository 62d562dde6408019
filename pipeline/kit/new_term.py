"""`new-term`: a term added to the calendar and made current, and every KPI's latest rating
carried into it, marked Carried forward, in new copies of school.xlsx and ratings.xlsx."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from pipeline.errors import Findings, InputProblems
from pipeline.kit import KitProblem
from pipeline.read.framework import read_framework
from pipeline.read.ratings import read_ratings
from pipeline.read.school import read_school
from pipeline.records import Rating, Term, slugify
from pipeline.text import normalise
from pipeline.xlsx import find_sheet, header_columns, next_row, put


@dataclass(frozen=True)
class RolledForward:
    school: Path
    ratings: Path
    carried: int
    added_term: bool


def new_term(inputs: Path, label: str, starts: Any = None, ends: Any = None) -> RolledForward:
    """Add ``label`` to the calendar if it is missing, set it as the current term, and roll
    every KPI's latest rating forward into it, marked Carried forward; new copies only."""
    findings = Findings()
    _, calendar = read_school(inputs, findings)
    framework = read_framework(inputs, findings)
    ratings = read_ratings(inputs, findings, framework, calendar)
    if findings.errors or calendar is None or framework is None:
        problems = findings.sorted_errors()
        raise InputProblems(problems, len({p.ref.file for p in problems}))
    slug = slugify(label)
    targets = (inputs / f"school.{slug}.xlsx", inputs / f"ratings.{slug}.xlsx")
    existing = [t.name for t in targets if t.exists()]
    if existing:
        raise KitProblem(
            f"{', '.join(existing)} already exist in {inputs}. They are never written over: "
            "rename or remove them first."
        )
    term = calendar.find(label)
    added = term is None
    if term is None:
        if starts is None or ends is None:
            raise KitProblem(
                f'"{label}" is not on the Terms sheet of school.xlsx. Give its dates with '
                "--starts DD/MM/YYYY --ends DD/MM/YYYY, and it will be added."
            )
        term = Term(label, starts, ends, calendar.terms[-1].source if calendar.terms else None)  # type: ignore[arg-type]
        clash = [t.label for t in calendar.terms if t.starts <= ends and starts <= t.ends]
        if clash:
            raise KitProblem(
                f'"{label}" ({starts:%d/%m/%Y}–{ends:%d/%m/%Y}) would overlap {clash[0]}. '
                "Check the dates."
            )

    wb = load_workbook(inputs / "school.xlsx")
    if added:
        terms = find_sheet(wb, "Terms")
        cols = header_columns(terms)
        row = next_row(terms)
        put(terms, row, cols["term"], label)
        for key, day in (("starts", starts), ("ends", ends)):
            put(terms, row, cols[key], day).number_format = "DD/MM/YYYY"
    fields = find_sheet(wb, "School")
    cols = header_columns(fields)
    for row in range(2, fields.max_row + 1):
        if normalise(fields.cell(row=row, column=cols["field"]).value or "") == "current term":
            put(fields, row, cols["value"], label)
    wb.save(targets[0])

    order = {t.label: i for i, t in enumerate(calendar.terms)}
    latest: dict[str, Rating] = {}
    for earlier in sorted(ratings, key=lambda r: order.get(r.term.label, -1)):
        if order.get(earlier.term.label, -1) < order.get(label, len(order)):
            latest[earlier.kpi] = earlier
    already = {r.kpi for r in ratings if r.term.label == label}
    wb = load_workbook(inputs / "ratings.xlsx")
    ws = find_sheet(wb, "Ratings")
    cols = header_columns(ws, ["Carried forward"])
    carried = 0
    for kpi in framework.kpis:
        rating = latest.get(kpi.id)
        if rating is None or kpi.id in already:
            continue
        row = next_row(ws)
        values = {
            "term": label,
            "kpi": kpi.id,
            "rating": rating.level.value,
            "current achievements": rating.achievements or None,
            "next steps": rating.next_steps or None,
            "carried forward": "Yes",
        }
        for key, value in values.items():
            if key in cols and value is not None:
                put(ws, row, cols[key], value)
        carried += 1
    wb.save(targets[1])
    return RolledForward(targets[0], targets[1], carried, added)
