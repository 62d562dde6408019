"""The portfolio index (portfolio-index.docx): every objective and KPI with the evidence that
supports it, and where each item is: its page in the appendix, a web address or a place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.documents.render import Rendered, render_docx
from pipeline.manifest import Pointer, Shown
from pipeline.records import Evidence, Framework, Place, School, Term, appendix_label, kpi_sort_key
from pipeline.summarise.checks import evidence_coverage
from pipeline.text import ref_order

TEMPLATE = "portfolio-index.docx"
TITLE = "Portfolio index"


def portfolio_order(framework: Framework, evidence: list[Evidence]) -> list[tuple[str, Evidence]]:
    """(KPI, item) in portfolio order: objective, KPI, ref; an item under each KPI it serves."""
    pairs = []
    for kpi in framework.kpis:
        mine = [e for e in evidence if kpi.id in e.kpis]
        pairs += [(kpi.id, e) for e in sorted(mine, key=lambda e: ref_order(e.ref))]
    return pairs


APPENDIX_PAGE = "Appendix, page "


def where(
    item: Evidence,
    pages: dict[str, int],
    printed: set[str],
    unavailable: dict[str, str] | None = None,
) -> str:
    """Where the reader finds the item: the appendix page that shows it, never a page that only
    says it is not available."""
    if unavailable and item.ref in unavailable:
        return f"Not available: {unavailable[item.ref]}"
    if item.ref in pages:
        return f"{APPENDIX_PAGE}{appendix_label(pages[item.ref])}"
    if item.place is Place.WEB:
        return item.location
    if item.place is Place.FILE:
        held = f"Evidence folder: {item.location}"
        if item.in_pack and item.consent is False:
            return held + " (not printed: consent was not given)"
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
    unavailable: dict[str, str] | None = None,
) -> dict[str, Any]:
    """``printed``: the refs the appendix holds; ``pages``: their pack pages once known;
    ``unavailable``: refs marked In pack that it cannot show, with the reason in a few words."""
    unavailable = unavailable or {}
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
                            "date": e.dated,
                            "where": where(e, pages, printed, unavailable),
                            "cell": str(e.source.whole_row),
                        }
                        for e in items
                    ],
                }
            )
        objectives.append(
            {"heading": f"Objective {objective.number}: {objective.title}", "kpis": kpis}
        )
    covered, _ = evidence_coverage(framework, evidence)
    known = framework.kpi_ids
    indexed = [e for e in evidence if any(k in known for k in e.kpis)]
    shown_in_appendix = sum(1 for e in indexed if e.ref in printed and e.ref not in unavailable)
    lost = sum(1 for e in indexed if e.ref in unavailable)
    counts = (
        f"{_items(len(indexed))} of evidence indexed here, supporting {covered} of "
        f"{len(framework.kpis)} KPIs; {shown_in_appendix} printed in the evidence appendix"
    )
    if lost:
        counts += f", {lost} marked for it but not available"
    withheld = sum(
        1
        for e in indexed
        if e.in_pack and e.ref not in printed and e.ref not in unavailable and e.consent is not True
    )
    if withheld:
        counts += f", {withheld} marked for it but not printed for want of consent"
    rest = (
        "Items printed in the evidence appendix are at the appendix page given (A1, A2 …, at "
        "the foot of its pages); where each other item is kept (the school's website, the "
        "portfolio binder, a folder) is given beside it."
    )
    if any(e.term is not None for e in indexed):
        rest += " A date given as a term is printed as given: the item belongs to that term."
    return {
        "school_name": school.name,
        "term": term.label,
        "intro": f"{counts}. {rest}",
        "objectives": objectives,
    }


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def shown(context: dict[str, Any]) -> tuple[Shown, ...]:
    """What the index is made to show, in order: each KPI's heading and each of its rows."""
    items = []
    for objective in context["objectives"]:
        items.append(Shown.row(objective["heading"], objective["heading"]))
        for kpi in objective["kpis"]:
            name = kpi["heading"].split(":")[0]
            items.append(Shown.row(name, kpi["heading"]))
            items += [
                Shown.row(
                    f"{e['ref']} under {name}",
                    e["ref"],
                    e["title"],
                    e["type"],
                    e["where"],
                    where=e.get("cell", ""),
                )
                for e in kpi["entries"]
            ]
    return tuple(items)


def pointers(context: dict[str, Any], headings: dict[str, str], first: int) -> tuple[Pointer, ...]:
    """Each appendix page the index gives, and what that page must show: the item's heading
    (``headings``: ref → the heading the appendix prints; ``first``: the pack page of A1)."""
    out = []
    for objective in context["objectives"]:
        for kpi in objective["kpis"]:
            for e in kpi["entries"]:
                if e["where"].startswith(APPENDIX_PAGE) and e["ref"] in headings:
                    page = first + int(e["where"].removeprefix(APPENDIX_PAGE + "A")) - 1
                    out.append(
                        Pointer(f"the index's page for {e['ref']}", page, headings[e["ref"]])
                    )
    return tuple(out)


def render_portfolio(templates: Path, context: dict[str, Any], out: Path) -> Rendered:
    render_docx(templates / TEMPLATE, context, out)
    return Rendered(out, shown(context))
