"""The Objective 9 summary (objective-9-summary.docx): the coordinator's summative evaluation
beside what the data shows, the next priorities in one place, the impact charts, and what was
achieved term by term."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pipeline.charts import DPI, Series, drawn, line_chart
from pipeline.dates import long_date
from pipeline.documents.render import Picture, render_docx
from pipeline.records import Measure, School, Term
from pipeline.summarise.objective9 import ObjectiveSummary, Paragraph, Summary, Words

TEMPLATE = "objective-9-summary.docx"
# The document's place in the pack; the section is titled by the framework's own summary
# objective (Summary.title: "Objective 10: …" in the older ten-objective framework).
TITLE = "Objective 9: summary of achievements and future plans"


def _p(items: tuple[Paragraph, ...] | list[Paragraph]) -> list[dict[str, Any]]:
    return [{"text": p.text, "bullet": p.bullet} for p in items]


def _bullets(lines: list[str]) -> list[dict[str, Any]]:
    return [{"text": line, "bullet": True} for line in lines]


# A part the coordinator left blank says so in a sentence, as a summary not written at all does
# (a bare "None written." read as the school's own words).
NOT_WRITTEN = "The coordinator has not written this yet."


def _or(items: list[dict[str, Any]], empty: str) -> list[dict[str, Any]]:
    return items or [{"text": empty, "bullet": False}]


def _ratings(summary: ObjectiveSummary) -> list[str]:
    lines = []
    for progress in summary.kpis:
        history = summary.history.get(progress.kpi.id, ())
        if not history:
            lines.append(f"KPI {progress.kpi.id}: not rated yet")
            continue
        path = " → ".join(f"{r.level.value} ({r.term.label})" for r in history)
        lines.append(f"KPI {progress.kpi.id}: {path}. {progress.movement}.")
    return lines


def _objective(summary: ObjectiveSummary) -> dict[str, Any]:
    words = summary.words
    number = summary.objective.number
    return {
        "heading": f"Objective {number}: {summary.objective.title}",
        "has_words": not words.empty,
        "no_words": f"The coordinator has not written a summary for objective {number} yet.",
        "achievements": _or(_p(words.achievements), NOT_WRITTEN),
        "impact": _or(_p(words.impact), NOT_WRITTEN),
        "next_priorities": _or(_p(words.next_priorities), NOT_WRITTEN),
        "ratings": _bullets(_ratings(summary)),
        "completed": _or(
            _bullets(
                [
                    f"{a.ref}: {a.text} ({term.label if term else 'completed'})"
                    for a, term in summary.completed
                ]
            ),
            "No action for this objective has been completed yet.",
        ),
        "evidence": _or(
            _bullets(
                [
                    f"{e.ref}: {e.title}"
                    + (
                        f" ({', '.join(x for x in (e.type, e.dated) if x)})"
                        if e.type or e.dated
                        else ""
                    )
                    for e in summary.evidence
                ]
            ),
            "No evidence is indexed for this objective yet.",
        ),
    }


def impact_series(measures: list[Measure], terms: tuple[Term, ...]) -> list[Series]:
    """One series per measure, in the calendar's order of terms."""
    order = {t.label: i for i, t in enumerate(terms)}
    names = list(dict.fromkeys(m.name for m in measures))
    series = []
    for name in names:
        mine = sorted((m for m in measures if m.name == name), key=lambda m: order[m.term.label])
        series.append(
            Series(
                name,
                tuple(m.term.label for m in mine),
                tuple(m.value for m in mine),
                tuple(m.target for m in mine),
                # Terms at their real dates: a long summer between two terms shows as a gap.
                tuple(
                    (m.term.starts + (m.term.ends - m.term.starts) / 2 - mine[0].term.starts).days
                    for m in mine
                ),
            )
        )
    return series


def _words_or(words: Words, empty: str) -> list[dict[str, Any]]:
    return _or(_p(words.achievements + words.impact + words.next_priorities), empty)


def objective_9_context(
    school: School,
    summary: Summary,
    term: Term,
    as_of: date,
    charts: list[tuple[Series, Path]] | None,
) -> dict[str, Any]:
    priorities = [
        {
            "heading": f"Objective {o.objective.number}: {o.objective.title}",
            "lines": _p(o.words.next_priorities),
        }
        for o in summary.objectives
        if o.words.next_priorities
    ]
    if summary.overall.next_priorities:
        priorities.append(
            {"heading": "The whole school", "lines": _p(summary.overall.next_priorities)}
        )
    return {
        "title": summary.title,
        "school_name": school.name,
        "coordinator": school.coordinator,
        "term": term.label,
        "as_of": long_date(as_of),
        "source_line": summary.source,
        "vision": _words_or(summary.vision, "The school's vision has not been written yet."),
        "objectives": [_objective(o) for o in summary.objectives],
        "overall": _words_or(summary.overall, "The overall summary has not been written yet."),
        "priorities": priorities
        or [
            {
                "heading": "None yet",
                "lines": _p([Paragraph("No next priorities written yet.", False)]),
            }
        ],
        "charts": [
            {
                "image": Picture.at_dpi(path, DPI),
                "caption": f"{s.name}, term by term"
                + (" (dashed line: target)" if any(t is not None for t in s.targets) else "")
                + ": "
                + "; ".join(f"{t} {v:g}" for t, v in zip(s.terms, s.values, strict=True))
                + ".",
            }
            for s, path in (charts or [])
        ],
        "no_charts": "Impact measures were not provided: impact.xlsx is not in the inputs folder."
        if charts is None
        else "impact.xlsx lists no measures.",
        "by_term": [
            {"label": t.label, "lines": _bullets([f"{a.ref}: {a.text}" for a in actions])}
            for t, actions in summary.by_term
        ],
    }


def render_objective_9(
    templates: Path,
    school: School,
    summary: Summary,
    term: Term,
    as_of: date,
    measures: list[Measure] | None,
    work: Path,
    out: Path,
) -> Path:
    charts = None
    if measures is not None:
        charts = [
            (series, drawn(line_chart, series, work))
            for series in impact_series(measures, school.calendar.terms)
        ]
    context = objective_9_context(school, summary, term, as_of, charts)
    render_docx(templates / TEMPLATE, context, out)
    return out
