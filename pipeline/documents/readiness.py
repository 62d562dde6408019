"""readiness.html: where the school stands, what to do before the visit, and what changed since
the last pack — one self-contained page for the coordinator and the working group.

No script, no font, no image and no address outside the page itself: it opens from a USB stick
on a locked-down school PC and prints on A4. Charts are small inline SVGs drawn here, each with
a text alternative, and every figure a chart shows is printed beside it as text; nothing is
said by colour alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.dates import long_date
from pipeline.documents.render import render_page
from pipeline.errors import CellRef, Problem, grouped
from pipeline.records import Level, slugify
from pipeline.stages import Checked
from pipeline.summarise.glance import LEVELS
from pipeline.summarise.readiness import (
    MARKS,
    STANDINGS,
    Changes,
    KpiEvidence,
    actions_in_order,
    changes,
    evidence_grid,
    how_late,
    record,
)
from pipeline.summarise.surveys import percent

TEMPLATE = "readiness.html"
RECORD = "build.json"
# The ratings as the bars draw them: a fill that tells them apart in black and white too.
FILLS = {
    Level.FULLY: "url(#solid)",
    Level.PARTLY: "url(#hatched)",
    Level.MMDN: "url(#dotted)",
    None: "url(#blank)",
}
WORDS = {
    Level.FULLY: "Fully achieved",
    Level.PARTLY: "Partly achieved",
    Level.MMDN: "Much more development needed",
    None: "not rated",
}


def read_record(folder: Path) -> dict[str, Any] | None:
    """The record a build left in ``folder`` (a term folder, or a superseded copy), or None."""
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == 1 else None


def write_record(folder: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True)
    (folder / RECORD).write_text(text + "\n", encoding="utf-8")


def cell(ref: CellRef) -> str:
    """A place as the page prints it: file · sheet · row · column."""
    return ref.joined(" · ")


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    fill: str
    label: str  # the count, printed in the segment where it fits


def bar(counts: dict[Level | None, int], width: float = 160) -> tuple[Segment, ...]:
    """A stacked bar of ratings: Fully, Partly, Much more development needed, not rated."""
    total = sum(counts.values()) or 1
    x, segments = 0.0, []
    for level in (*LEVELS, None):
        n = counts.get(level, 0)
        if n:
            w = width * n / total
            segments.append(Segment(round(x, 1), round(w, 1), FILLS[level], str(n)))
            x += w
    return tuple(segments)


def _said(counts: dict[Level | None, int]) -> str:
    """``3 Fully achieved, 1 Partly achieved``: the bar's figures, the empty ones left out."""
    return ", ".join(
        f"{counts[level]} {WORDS[level]}" for level in (*LEVELS, None) if counts.get(level)
    )


def readiness_context(
    checked: Checked,
    since_build: Changes | None,
    since_term: Changes | None,
    no_change_reasons: tuple[str, str],
    failed: tuple[str, ...] = (),
) -> dict[str, Any]:
    school, as_of = checked.school, checked.as_of
    objectives = []
    for o in checked.summary.objectives:
        now = {level: o.count(level) for level in (*LEVELS, None)}
        then: dict[Level | None, int] = {}
        for k in o.kpis:
            level = k.baseline.level if k.baseline else None
            then[level] = then.get(level, 0) + 1
        objectives.append(
            {
                "heading": f"{o.objective.number}. {o.objective.title}",
                "now": bar(now),
                "now_said": _said(now),
                "then": bar(then),
                "then_said": _said(then),
                "improved": o.improved,
            }
        )
    types, grid = evidence_grid(checked.framework, checked.evidence, checked.present)
    ratings = {k.kpi.id: k.current.level.value for k in checked.summary.kpis if k.current}
    reality = []
    for check in checked.reality:
        reality.append(
            {
                "kpi": check.kpi,
                "rating": check.level.value if check.level else "Not rated",
                "groups": [
                    {
                        "group": g.group,
                        "said": str(g.share),
                        "value": g.share.value,
                        "width": round(80 * g.share.value, 1) if g.share.value is not None else 0,
                        "percent": percent(g.share.value) if g.share.value is not None else "",
                    }
                    for g in check.groups
                ],
                "flag": check.flag,
                "verdict": check.verdict,
            }
        )
    actions = [
        {
            "ref": line.action.ref,
            "text": line.action.text,
            "state": str(line.state),
            "lead": line.action.lead or "none named",
            "monitor": line.action.monitor or "none named",
            "due": (
                f"{line.action.due:%d/%m/%Y}" if line.action.due else line.action.due_word or "—"
            ),
            "late": how_late(line.late_days) if line.late_days else "",
            "cell": cell(line.action.source),
        }
        for line in actions_in_order(checked.actions, as_of)
    ]
    warnings = [
        {
            "id": f"group-{slugify(group.short)}",
            "heading": group.heading,
            "items": [_warning(p) for p in items],
        }
        for group, items in grouped(checked.findings.sorted_warnings())
    ]
    visit = school.verification_date
    return {
        "failed": list(failed),
        "school": school.name,
        "term": checked.term.label,
        "as_of": long_date(as_of),
        "visit": long_date(visit) if visit else "",
        "days_to_visit": (visit - as_of).days if visit else None,  # below 0: it has passed
        "baseline_term": (
            checked.summary.baseline_term.label if checked.summary.baseline_term else "none yet"
        ),
        "objectives": objectives,
        "types": types,
        "grid": [
            {
                "kpi": row.kpi,
                "statement": row.statement,
                "rating": ratings.get(row.kpi, "Not rated"),
                "mark": row.mark,
                "standing": row.standing,
                "cells": [row.by_type.get(t, (0, 0)) for t in types],  # (in the pack, not)
            }
            for row in grid
        ],
        "standings": _standing_counts(grid),
        "reality": reality,
        "actions": actions,
        "overdue": sum(1 for a in actions if a["state"] == "Overdue"),
        "warnings": warnings,
        "warning_count": sum(len(g["items"]) for g in warnings),
        "notes": checked.findings.notes,
        "changes": [
            {
                "heading": "Since the last pack of this term",
                "changes": since_build,
                "none": no_change_reasons[0],
            },
            {
                "heading": "Since the last term's pack",
                "changes": since_term,
                "none": no_change_reasons[1],
            },
        ],
    }


def _warning(problem: Problem) -> dict[str, str]:
    return {"cell": cell(problem.ref), "message": problem.message}


def _standing_counts(grid: tuple[KpiEvidence, ...]) -> list[dict[str, Any]]:
    return [
        {"standing": s, "mark": MARKS[s], "count": sum(1 for r in grid if r.standing == s)}
        for s in STANDINGS
    ]


def render_readiness(templates: Path, context: dict[str, Any], out: Path) -> Path:
    return render_page(templates, TEMPLATE, context, out)


def write_readiness(
    checked: Checked,
    templates: Path,
    stage: Path,
    out_root: Path,
    failed: tuple[str, ...] = (),
) -> Path:
    """The build's record (build.json) and its readiness page, into ``stage``; what changed is
    read from the records of the last pack of this term and of the term before, in
    ``out_root``, as they stand before this build replaces anything. ``failed`` says, first
    on the page, why this build made no proven pack."""
    term = checked.term
    now = record(
        checked.school.name,
        term.label,
        checked.as_of,
        checked.summary,
        checked.actions,
        checked.evidence,
        checked.survey_results,
        len(checked.findings.warnings),
    )
    write_record(stage, now)

    def since(folder: str, which: str) -> Changes | None:
        found = read_record(out_root / folder)
        return _compared(found, now, checked.school.name, which)

    last = since(term.slug, f"the last pack of {term.label}")
    # The last term built into this folder before this one (a term may have been skipped).
    calendar = checked.school.calendar
    earlier = reversed(calendar.terms[: calendar.index(term)])
    last_term = next(
        (c for t in earlier if (c := since(t.slug, f"the pack of {t.label}")) is not None), None
    )
    context = readiness_context(
        checked,
        last,
        last_term,
        (
            f"There is no record of an earlier pack of {term.label} in this folder.",
            "There is no record of a pack of an earlier term in this folder."
            if calendar.index(term) > 0
            else f"{term.label} is the first term in school.xlsx.",
        ),
        failed,
    )
    return render_readiness(templates, context, stage / "readiness.html")


def _compared(
    record_: dict[str, Any] | None, now: dict[str, Any], school: str, which: str
) -> Changes | None:
    """What changed since ``record_``: None when there is none, or it is another school's (a
    shared outputs folder), or it is not a record this build can read (edited by hand)."""
    if record_ is None or record_.get("school") != school:
        return None
    try:
        return changes(record_, now, f"{which}{_as_of(record_)}")
    except ValueError:
        return None


def _as_of(data: dict[str, Any]) -> str:
    try:
        return f" (as of {date.fromisoformat(data['as_of']):%d/%m/%Y})"
    except (KeyError, TypeError, ValueError):
        return ""
