"""The School Self-Evaluation Form: every KPI's baseline, current rating and movement."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.dates import long_date
from pipeline.documents.render import Anchor, Marked, Rendered, anchor_name, render_docx
from pipeline.manifest import Pointer, Shown
from pipeline.records import Evidence, Level, School, appendix_label
from pipeline.summarise.ratings import KpiProgress, ObjectiveProgress, RatingSummary
from pipeline.summarise.surveys import RealityCheck
from pipeline.text import ref_order

TEMPLATE = "self-evaluation.docx"
TITLE = "School Self-Evaluation Form"

# Light fills that print as distinct greys; the words carry the meaning in black and white.
FILLS = {
    Level.FULLY: "C6EFCE",
    Level.PARTLY: "FFEB9C",
    Level.MMDN: "FFC7CE",
    None: "FFFFFF",
}


def _counts(objective: ObjectiveProgress) -> dict[str, int]:
    return {
        "fully": objective.count(Level.FULLY),
        "partly": objective.count(Level.PARTLY),
        "mmdn": objective.count(Level.MMDN),
        "not_rated": objective.count(None),
        "improved": objective.improved,
    }


def objective_heading(objective: ObjectiveProgress) -> str:
    return f"Objective {objective.objective.number}: {objective.objective.title}"


def evidence_cells(
    evidence: list[Evidence], pages: dict[str, int], unavailable: dict[str, str]
) -> dict[str, str]:
    """Each KPI's Evidence cell: its items' refs in order, with the appendix page that prints
    the item ("E07 p. A12"); a ref alone is kept where the portfolio index says."""
    cells: dict[str, list[str]] = {}
    for item in sorted(evidence, key=lambda e: ref_order(e.ref)):
        if item.ref in unavailable:
            text = f"{item.ref} (not available)"
        elif item.ref in pages:
            text = f"{item.ref} p. {appendix_label(pages[item.ref])}"
        else:
            text = item.ref
        for kpi in dict.fromkeys(item.kpis):
            cells.setdefault(kpi, []).append(text)
    return {kpi: "\n".join(texts) for kpi, texts in cells.items()}


def pointers(context: dict[str, Any], headings: dict[str, str], first: int) -> tuple[Pointer, ...]:
    """Each appendix page the form gives, and the heading that page must show (``first``: the
    pack page of A1)."""
    out = []
    for objective in context["objectives"]:
        for kpi in objective["kpis"]:
            for line in kpi["evidence"].splitlines():
                ref, _, label = line.partition(" p. A")
                if label.isdigit() and ref in headings:
                    page = first + int(label) - 1
                    out.append(Pointer(f"the form's page for {ref}", page, headings[ref]))
    return tuple(out)


def _kpi(
    progress: KpiProgress, check: RealityCheck | None = None, evidence: str = "", mark: int = 1
) -> dict[str, Any]:
    baseline = progress.baseline.level if progress.baseline else None
    current = progress.current.level if progress.current else None
    rating = progress.current
    current_words = current.value if current else "Not rated"
    if rating is not None and not progress.rated_this_term:
        current_words += f" (as rated in {rating.term.label})"
    if check is not None:
        said = "; ".join(f"{g.group} {g.share}" for g in check.groups)
        current_words += f"\nSurveys: {said}" + (" — CHALLENGED" if check.flag else "")
    return {
        "id": progress.kpi.id,
        # Where a coordinator finds the row, should the proof not find it printed.
        "cell": str((rating.source if rating is not None else progress.kpi.source).whole_row),
        "anchor": anchor_name("kpi", progress.kpi.id),
        "marked_id": Marked(progress.kpi.id, anchor_name("kpi", progress.kpi.id), mark),
        "statement": progress.kpi.statement,
        "baseline": baseline.value if baseline else "Not rated",
        "baseline_fill": FILLS[baseline],
        "current": current_words,
        "current_fill": FILLS[current],
        "movement": progress.movement,
        "achievements": rating.achievements if rating else "",
        "next_steps": rating.next_steps if rating else "",
        "evidence": evidence or "none",
    }


def self_evaluation_context(
    school: School,
    summary: RatingSummary,
    as_of: date,
    reality: tuple[RealityCheck, ...] = (),
    evidence: dict[str, str] | None = None,
) -> dict[str, Any]:
    """``evidence``: each KPI's Evidence cell (:func:`evidence_cells`)."""
    checks = {c.kpi: c for c in reality}
    evidence = evidence or {}
    objectives = []
    # Each KPI row's bookmark id, unique in the document as Word asks: well above the few a
    # template saved by Word holds (_GoBack and the like).
    marks = itertools.count(10_001)
    all_counts = [_counts(objective) for objective in summary.objectives]
    for objective, counts in zip(summary.objectives, all_counts, strict=True):
        parts = [
            f"{counts['fully']} Fully achieved",
            f"{counts['partly']} Partly achieved",
            f"{counts['mmdn']} Much more development needed",
        ]
        if counts["not_rated"]:
            parts.append(f"{counts['not_rated']} not rated")
        theme = objective.objective.theme
        objectives.append(
            {
                "heading": objective_heading(objective),
                "theme_line": f"{theme}. " if theme else "",
                "counts_line": f"{len(objective.kpis)} KPIs: " + ", ".join(parts) + ".",
                "kpis": [
                    _kpi(k, checks.get(k.kpi.id), evidence.get(k.kpi.id, ""), next(marks))
                    for k in objective.kpis
                ],
                **counts,
            }
        )
    totals = {key: sum(c[key] for c in all_counts) for key in all_counts[0]}
    totals["kpis"] = len(summary.kpis)
    return {
        "school_name": school.name,
        "coordinator": school.coordinator,
        "term": summary.term.label,
        "baseline_term": summary.baseline_term.label if summary.baseline_term else "none yet",
        "as_of": long_date(as_of),
        "objectives": objectives,
        "totals": totals,
    }


def shown(context: dict[str, Any]) -> tuple[Shown, ...]:
    """What the form is made to show, in order: the ratings by objective, then every KPI's row
    under its objective's heading."""
    counts = ("fully", "partly", "mmdn", "not_rated", "improved")
    items = [
        Shown.row(
            f"the count of ratings for {o['heading']}", o["heading"], *(str(o[c]) for c in counts)
        )
        for o in context["objectives"]
    ]
    totals = context["totals"]
    items.append(
        Shown.row(
            "the total of ratings", f"All {totals['kpis']} KPIs", *(str(totals[c]) for c in counts)
        )
    )
    for objective in context["objectives"]:
        items.append(Shown.row(objective["heading"], objective["heading"]))
        items += [
            Shown.row(
                f"KPI {k['id']}",
                k["id"],
                k["statement"],
                k["baseline"],
                k["current"],
                *k["evidence"].splitlines()[:1],
                where=k["cell"],
            )
            for k in objective["kpis"]
        ]
    return tuple(items)


def render_self_evaluation(
    templates: Path,
    school: School,
    summary: RatingSummary,
    as_of: date,
    out: Path,
    reality: tuple[RealityCheck, ...] = (),
    evidence: dict[str, str] | None = None,
) -> tuple[Rendered, dict[str, Any]]:
    """The form, and the context it was filled from (its Evidence cells give pages)."""
    context = self_evaluation_context(school, summary, as_of, reality, evidence)
    render_docx(templates / TEMPLATE, context, out)
    return Rendered(out, shown(context), anchors=anchors(context)), context


def anchors(context: dict[str, Any]) -> tuple[Anchor, ...]:
    """Each KPI's row, as the template bookmarks it, under its objective's heading."""
    return tuple(
        Anchor(k["anchor"], f"KPI {k['id']}", k["id"].split(".")[0])
        for o in context["objectives"]
        for k in o["kpis"]
    )
