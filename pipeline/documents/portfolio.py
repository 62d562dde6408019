"""The portfolio index (portfolio-index.docx): every objective and KPI with the evidence that
supports it, and where each item is: its page in the appendix, a web address or a place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.documents.render import render_docx
from pipeline.read.refs import ref_order
from pipeline.records import Evidence, Framework, Place, School, Term, kpi_sort_key
from pipeline.summarise.checks import evidence_coverage

TEMPLATE = "portfolio-index.docx"
TITLE = "Portfolio index"


def portfolio_order(framework: Framework, evidence: list[Evidence]) -> list[tuple[str, Evidence]]:
    """(KPI, item) in portfolio order: objective, KPI, ref; an item under each KPI it serves."""
    pairs = []
    for kpi in framework.kpis:
        mine = [e for e in evidence if kpi.id in e.kpis]
        pairs += [(kpi.id, e) for e in sorted(mine, key=lambda e: ref_order(e.ref))]
    return pairs


def where(item: Evidence, pages: dict[str, int], printed: set[str]) -> str:
    if item.ref in pages:
        return f"Appendix, page {pages[item.ref]}"
    if item.ref in printed:
        return "Appendix, page 000"  # a placeholder of the same width until pages are known
    if item.place is Place.WEB:
        return item.location
    if item.place is Place.FILE:
        held = f"Evidence folder: {item.location}"
        if item.in_pack and item.consent is False:
            return held + " (not printed: Consent No)"
        if item.in_pack:
            return held + " (not printed: no consent recorded)"
        return held
    return item.location or "Location not given"


def portfolio_context(
    school: School,
    framework: Framework,
    evidence: list[Evidence],
    term: Term,
    printed: set[str],
    pages: dict[str, int],
) -> dict[str, Any]:
    objectives = []
    for objective in framework.objectives:
        kpis = []
        for kpi in sorted(objective.kpis, key=lambda k: kpi_sort_key(k.id)):
            items = sorted(
                (e for e in evidence if kpi.id in e.kpis), key=lambda e: ref_order(e.ref)
            )
            kpis.append(
                {
                    "heading": f"KPI {kpi.id}: {kpi.statement}",
                    "entries": [
                        {
                            "ref": e.ref,
                            "title": e.title,
                            "type": e.type,
                            "date": f"{e.day:%d/%m/%Y}" if e.day else "",
                            "where": where(e, pages, printed),
                        }
                        for e in items
                    ],
                }
            )
        objectives.append(
            {"heading": f"Objective {objective.number}: {objective.title}", "kpis": kpis}
        )
    covered, _ = evidence_coverage(framework, evidence)
    return {
        "school_name": school.name,
        "term": term.label,
        "intro": f"{len(evidence)} items of evidence; {covered} of {len(framework.kpis)} KPIs "
        "have at least one. Items marked for the pack are printed in the evidence appendix at "
        "the page given; the rest are on the school's website or in the portfolio binder.",
        "objectives": objectives,
    }


def render_portfolio(templates: Path, context: dict[str, Any], out: Path) -> Path:
    render_docx(templates / TEMPLATE, context, out)
    return out
