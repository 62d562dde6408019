"""Checks across the workbooks, and the warnings of the pack spec that the inputs can decide."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from pipeline.errors import CellRef, Findings, Group
from pipeline.records import (
    Action,
    Calendar,
    Evidence,
    Framework,
    Level,
    School,
    Status,
    SummaryText,
)
from pipeline.summarise.actions import slippage
from pipeline.summarise.ratings import RatingSummary
from pipeline.summarise.surveys import RealityCheck
from pipeline.summarise.visit import add_years
from pipeline.text import did_you_mean, normalise, ref_key

SUMMARY_ROWS = ("Vision", "Overall")


def _when(day: date, calendar: Calendar) -> str:
    term = calendar.term_of(day)
    return f"{day:%d/%m/%Y}" + (f" ({term.label})" if term else "")


def _at(action: Action, column: str) -> CellRef:
    return CellRef(action.source.file, action.source.sheet, action.source.row, column)


def check_actions(
    actions: list[Action],
    evidence: list[Evidence],
    calendar: Calendar,
    as_of: date,
    findings: Findings,
) -> None:
    refs = {ref_key(e.ref) for e in evidence}
    for action in actions:
        if action.is_overdue(as_of) and action.due is not None:
            findings.warn(
                _at(action, "Due"),
                f"{action.ref} is overdue: due {_when(action.due, calendar)}, status "
                f"{action.status.value}. Complete it, or agree a new date and move the old one to "
                "Original due.",
                group=Group.OVERDUE,
            )
        if action.due_word == "TBC" and action.status not in (Status.COMPLETED, Status.DROPPED):
            findings.warn(
                _at(action, "Due"),
                f"{action.ref} has no target date (TBC). Agree a date or term.",
                group=Group.ACTION_PLAN,
            )
        if not action.lead:
            findings.warn(
                _at(action, "Lead"),
                f"{action.ref} has no lead: name who delivers it.",
                group=Group.ACTION_PLAN,
            )
        if not action.monitor:
            findings.warn(
                _at(action, "Monitored by"),
                f"{action.ref} has no one monitoring it: name someone other than the lead.",
                group=Group.ACTION_PLAN,
            )
        elif action.monitors_self:
            findings.warn(
                _at(action, "Monitored by"),
                f"{action.ref} is monitored by its own lead ({action.lead}): name someone else.",
                group=Group.ACTION_PLAN,
            )
        if action.status is Status.DROPPED and not action.notes:
            findings.warn(
                _at(action, "Notes"),
                f"{action.ref} was dropped with no note: say why in Notes.",
                group=Group.ACTION_PLAN,
            )
        slipped = slippage(action, calendar)
        if slipped > 1 and action.due and action.original_due:
            then, now = calendar.term_of(action.original_due), calendar.term_of(action.due)
            findings.warn(
                _at(action, "Due"),
                f"{action.ref} has slipped {slipped} terms, from {then.label if then else ''} to "
                f"{now.label if now else ''}. Check it is still achievable, and record why in "
                "Notes.",
                group=Group.ACTION_PLAN,
            )
        if action.start and action.due and action.start > action.due:
            findings.warn(
                _at(action, "Start"),
                f"{action.ref} starts ({action.start:%d/%m/%Y}) after it is due "
                f"({action.due:%d/%m/%Y}). Check the dates.",
                group=Group.ACTION_PLAN,
            )
        for ref in action.evidence:
            if ref_key(ref) not in refs:
                findings.warn(
                    _at(action, "Evidence"),
                    f'{action.ref} names evidence "{ref}", which is not in evidence.xlsx.'
                    f"{did_you_mean(ref, [e.ref for e in evidence])} Add it there, or correct "
                    "the ref.",
                    group=Group.EVIDENCE,
                )


def supported_kpis(evidence: list[Evidence]) -> set[str]:
    """The KPIs at least one item of evidence supports."""
    return {kpi for item in evidence for kpi in item.kpis}


def check_fully_achieved_evidence(
    summary: RatingSummary, evidence: list[Evidence], findings: Findings
) -> None:
    supported = supported_kpis(evidence)
    for progress in summary.kpis:
        current = progress.current
        if current and current.level is Level.FULLY and progress.kpi.id not in supported:
            findings.warn(
                current.source,
                f"KPI {progress.kpi.id} is rated Fully achieved, but no evidence in "
                "evidence.xlsx supports it. Add the evidence, or review the rating.",
                group=Group.SELF_EVALUATION,
            )


def check_objective_9(
    school: School,
    entries: tuple[SummaryText, ...],
    framework: Framework,
    as_of: date,
    findings: Findings,
) -> None:
    labels = [str(o.number) for o in framework.objectives[:-1]]
    allowed = {normalise(x): x for x in (*labels, *SUMMARY_ROWS)}
    seen: dict[str, int] = {}
    for entry in entries:
        key = normalise(entry.objective)
        if key not in allowed:
            last = framework.summary_objective.number
            reason = (
                f"objective {last} is the summary itself"
                if entry.objective == str(last)
                else "it is not an objective of the framework"
            )
            findings.error(
                entry.source,
                f'"{entry.objective}": {reason}.{did_you_mean(entry.objective, SUMMARY_ROWS)} '
                f"Use an objective number from {labels[0]} to {labels[-1]}, or Vision or Overall.",
            )
        elif key in seen:
            findings.error(
                entry.source,
                f'"{entry.objective}" has two rows (also row {seen[key]}). Keep one row each.',
            )
        else:
            seen[key] = entry.source.row
        filled = [x for x in (entry.achievements, entry.impact, entry.next_priorities) if x]
        if len(filled) == 1 and entry.source.row and key not in ("vision", "overall"):
            findings.warn(
                entry.source,
                f"the row for objective {entry.objective} has only one of Achievements, Impact "
                "and Next priorities filled. If a paste split across rows, put all three in "
                "one row.",
                group=Group.OBJECTIVE_9,
            )
    written = any(e.achievements or e.impact or e.next_priorities for e in entries)
    interim = school.interim_visit_date
    if interim and as_of >= interim and not written:
        findings.warn(
            CellRef("school.xlsx", "Objective 9"),
            f"there is no Objective 9 summary yet, and the interim visit was on "
            f"{interim:%d/%m/%Y}. Start it on the Objective 9 sheet, or in objective-9.docx.",
            group=Group.TIMELINE,
        )


def check_mixed_dates(findings: Findings) -> None:
    """Real date cells with day ≤ 12 beside day-first text dates that Excel could not read: a
    computer set to US dates may have swapped the day and month of the real ones."""
    by_column: dict[tuple[str, str, str], list[tuple[date, CellRef, bool]]] = defaultdict(list)
    for day, ref, as_text in findings.dates:
        by_column[(ref.file, ref.sheet, ref.column)].append((day, ref, as_text))
    for (file, sheet, column), dates in sorted(by_column.items()):
        texts = [ref for day, ref, as_text in dates if as_text and day.day > 12]
        suspects = sorted(ref.row for day, ref, as_text in dates if not as_text and day.day <= 12)
        if texts and suspects:
            rows = ", ".join(str(r) for r in suspects[:8]) + (" …" if len(suspects) > 8 else "")
            findings.warn(
                CellRef(file, sheet, 0, column),
                f"mixes dates typed as text (e.g. row {texts[0].row}) with date cells whose day "
                f"is 12 or less (rows {rows}). A computer set to US dates may have swapped their "
                "day and month: check those cells.",
                group=Group.DATES,
            )


def evidence_coverage(framework: Framework, evidence: list[Evidence]) -> tuple[int, int]:
    """KPIs with at least one item of evidence, and the number of KPIs."""
    supported = supported_kpis(evidence)
    return sum(1 for k in framework.kpis if k.id in supported), len(framework.kpis)


def overdue(actions: list[Action], as_of: date) -> list[Action]:
    return [a for a in actions if a.is_overdue(as_of)]


def check_reality(
    reality: tuple[RealityCheck, ...], summary: RatingSummary, findings: Findings
) -> None:
    """A rating the stakeholders' answers challenge is a warning naming the KPI, the group,
    the questions and the figure."""
    progress = {k.kpi.id: k for k in summary.kpis}
    for check in reality:
        current = progress[check.kpi].current
        if not check.flag or current is None:
            continue
        findings.warn(
            current.source,
            f"KPI {check.kpi} is rated {current.level.value}, but the surveys challenge it. "
            f"{check.flag}. Confirm the rating with evidence, or review it.",
            group=Group.REALITY_CHECK,
        )


def check_date_span(school: School, as_of: date, findings: Findings) -> None:
    """Dates far outside the award's span are usually typing slips (2071 for 2017)."""
    latest = add_years(as_of, 3)
    registered = school.registration_date
    for day, ref, _ in findings.dates:
        if registered and day < add_years(registered, -1):
            findings.warn(
                ref,
                f"{day:%d/%m/%Y} is more than a year before registration ({registered:%d/%m/%Y}); "
                "check it is not a typing slip.",
                group=Group.DATES,
            )
        elif day > latest:
            findings.warn(
                ref,
                f"{day:%d/%m/%Y} is more than three years after the as-of date "
                f"({as_of:%d/%m/%Y}); check it is not a typing slip.",
                group=Group.DATES,
            )


def check_ratings(summary: RatingSummary, findings: Findings) -> None:
    """KPIs with no rating, not re-rated this term, or carried forward unreviewed; and the
    ratings for later terms that were left out."""
    term = summary.term
    if summary.later:
        findings.note(
            f"{summary.later} rating(s) for terms after {term.label} were left out: this pack "
            f"is built for {term.label}."
        )
    for progress in summary.kpis:
        kpi, current = progress.kpi, progress.current
        if current is None:
            findings.warn(
                kpi.source,
                f"KPI {kpi.id} has no rating in ratings.xlsx up to {term.label}. Add a row "
                f"rating it for {term.label}.",
                group=Group.SELF_EVALUATION,
            )
        elif not progress.rated_this_term:
            findings.warn(
                current.source,
                f"KPI {kpi.id} was not re-rated for {term.label}; it keeps its "
                f"{current.term.label} rating ({current.level.value}). Add a row for "
                f"{term.label} if the rating has been reviewed.",
                group=Group.SELF_EVALUATION,
                kind=f"KPIs not re-rated for {term.label} (each keeps its last rating)",
                subject=kpi.id,
                advice=f"Add a row for {term.label} for each one that has been reviewed.",
            )
        elif current.carried_forward:
            earlier = progress.earlier.term.label if progress.earlier else "the last term"
            findings.warn(
                current.source,
                f"KPI {kpi.id}'s rating for {term.label} was carried forward from {earlier} "
                "and has not been reviewed. Review it, then clear Carried forward.",
                group=Group.SELF_EVALUATION,
                kind=f"KPIs' ratings for {term.label} carried forward and not reviewed",
                subject=kpi.id,
                advice="Review each, then clear its Carried forward.",
            )
