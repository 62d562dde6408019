"""The build report (build-report.txt) and the short summary that ends the command's output."""

from __future__ import annotations

from pipeline.errors import gathered, grouped
from pipeline.records import Level
from pipeline.stages import Checked


def kpi_line(checked: Checked) -> str:
    counts = checked.summary.by_level()
    parts = [f"{counts.get(level, 0)} {level.value}" for level in reversed(Level)]
    if counts.get(None):
        parts.append(f"{counts[None]} not rated")
    return f"{', '.join(parts)} ({len(checked.summary.kpis)} KPIs)"


def summary_lines(checked: Checked) -> list[str]:
    """The few figures a coordinator acts on: ratings, evidence, overdue actions."""
    covered, total = checked.coverage
    overdue = checked.overdue
    refs = ", ".join(a.ref for a in overdue[:6]) + (" …" if len(overdue) > 6 else "")
    warnings = checked.findings.warnings
    kinds = ", ".join(f"{group.short} {len(items)}" for group, items in grouped(warnings))
    return [
        f"KPIs:         {kpi_line(checked)}",
        f"Evidence:     {covered} of {total} KPIs have at least one item of evidence",
        f"Overdue:      {len(overdue)} action{'s' if len(overdue) != 1 else ''}"
        + (f" ({refs})" if overdue else ""),
        f"Warnings:     {len(warnings)}" + (f" ({kinds})" if warnings else ""),
    ]


def build_report(checked: Checked, pack: str, pages: int, soffice: str, proof: str) -> str:
    school, term = checked.school, checked.term
    baseline = checked.summary.baseline_term
    lines = [
        f"Build report: {school.name}, {term.label}",
        "=" * 60,
        f"As of:        {checked.as_of:%d/%m/%Y}",
        f"Baseline:     {baseline.label if baseline else 'none'}",
        *summary_lines(checked),
        f"Pack:         {pack} ({pages} pages)",
        f"Converted by: {soffice}",
        "",
    ]
    warnings = checked.findings.sorted_warnings()
    if not warnings:
        lines.append("No warnings.")
    else:
        lines.append(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}, by what to do:")
        for group, items in grouped(warnings):
            heading = group.heading
            lines += ["", f"{heading} ({len(items)})", "-" * min(60, len(heading) + 6)]
            lines += [f"- {item}" for item in gathered(items)]
    if checked.findings.notes:
        lines += ["", "Notes", "-----"]
        lines += [f"- {note}" for note in checked.findings.notes]
    # The last word: the pack read back holds everything its documents were made to show.
    lines += ["", f"Proof: {proof}."]
    return "\n".join(lines) + "\n"
