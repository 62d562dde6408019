"""The verification visit: the award's timeline and how the interim visit's areas were
addressed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline.dates import long_date
from pipeline.records import Action, Level, Rating, School, Status, VisitSession
from pipeline.summarise.ratings import RatingSummary


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Milestone:
    name: str
    when: str
    state: str  # "done", "planned" or "not set"


def timeline(school: School, summary: RatingSummary, as_of: date) -> tuple[Milestone, ...]:
    def milestone(name: str, day: date | None, note: str = "") -> Milestone:
        if day is None:
            return Milestone(name, "not set", "not set")
        return Milestone(name, f"{long_date(day)}{note}", "done" if day <= as_of else "planned")

    baseline = summary.baseline_term
    verification = school.verification_date
    return (
        milestone("Registration", school.registration_date),
        Milestone(
            "Baseline self-evaluation",
            baseline.label if baseline else "not yet",
            "done" if baseline else "planned",
        ),
        milestone("Interim visit", school.interim_visit_date),
        milestone("Verification visit", verification),
        milestone(
            "Re-verification due",
            add_years(verification, 3) if verification else None,
            " (three years after verification)",
        ),
    )


@dataclass(frozen=True)
class FollowUp:
    """A KPI the interim visit found Partly achieved or Much more development needed."""

    kpi: str
    statement: str
    then: Rating
    actions: tuple[Action, ...]
    now: Rating | None


def interim_follow_up(
    school: School,
    ratings: list[Rating],
    summary: RatingSummary,
    actions: list[Action],
) -> tuple[FollowUp, ...]:
    interim = school.interim_visit_date
    if interim is None:
        return ()
    calendar = school.calendar
    term = calendar.term_of(interim)
    if term is None:
        return ()
    upto = calendar.index(term)
    items = []
    for progress in summary.kpis:
        mine = sorted(
            (r for r in ratings if r.kpi == progress.kpi.id and calendar.index(r.term) <= upto),
            key=lambda r: calendar.index(r.term),
        )
        if not mine or mine[-1].level is Level.FULLY:
            continue
        # Every action on the KPI but those already completed by the visit: the open ones,
        # those completed since, and those dropped (with their reason).
        since = tuple(
            a
            for a in actions
            if progress.kpi.id in a.kpis
            and (a.status is not Status.COMPLETED or (a.completed and a.completed > interim))
        )
        items.append(
            FollowUp(progress.kpi.id, progress.kpi.statement, mine[-1], since, progress.current)
        )
    return tuple(items)


STANDARD_PLAN = (
    VisitSession(
        "Morning",
        "Welcome and the coordinator's presentation",
        "Verifier, headteacher, coordinator",
        "",
        "",
        None,
    ),
    VisitSession("Morning", "Examination of the portfolio of evidence", "Verifier", "", ""),
    VisitSession(
        "Afternoon",
        "Discussion groups: staff, parents and carers, pupils, governors",
        "To be arranged",
        "",
        "",
        None,
    ),
    VisitSession("Afternoon", "A tour of the school", "Verifier", "", ""),
    VisitSession("End of day", "Oral feedback", "Verifier, headteacher, coordinator", "", ""),
)
