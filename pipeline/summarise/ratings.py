"""Each KPI's journey from the baseline self-evaluation to the term being built."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipeline.errors import Findings, Group
from pipeline.records import Calendar, Framework, Kpi, Level, Objective, Rating, Term


@dataclass(frozen=True)
class KpiProgress:
    kpi: Kpi
    baseline: Rating | None
    current: Rating | None
    rated_this_term: bool

    @property
    def movement(self) -> str:
        if self.current is None:
            return "Not rated"
        if self.baseline is None:
            return "New since baseline"
        change = self.current.level.score - self.baseline.level.score
        if change > 0:
            return "Improved"
        if change < 0:
            return "Declined"
        return "No change"


@dataclass(frozen=True)
class ObjectiveProgress:
    objective: Objective
    kpis: tuple[KpiProgress, ...]

    def count(self, level: Level | None) -> int:
        """KPIs whose current rating is ``level`` (None: not rated)."""
        return sum(1 for k in self.kpis if (k.current.level if k.current else None) == level)

    @property
    def improved(self) -> int:
        return sum(1 for k in self.kpis if k.movement == "Improved")


@dataclass(frozen=True)
class RatingSummary:
    term: Term
    baseline_term: Term | None
    objectives: tuple[ObjectiveProgress, ...]

    @property
    def kpis(self) -> tuple[KpiProgress, ...]:
        return tuple(k for o in self.objectives for k in o.kpis)

    def by_level(self) -> Counter[Level | None]:
        return Counter(k.current.level if k.current else None for k in self.kpis)


def summarise_ratings(
    framework: Framework,
    ratings: list[Rating],
    term: Term,
    calendar: Calendar,
    findings: Findings,
) -> RatingSummary:
    """Baseline, current rating and movement for every KPI, as of the end of ``term``.

    Ratings for later terms have not happened yet and are left out. A KPI not rated in ``term``
    keeps its latest earlier rating, and the build report says it was not re-rated.
    """
    upto = calendar.index(term)
    known = [r for r in ratings if calendar.index(r.term) <= upto]
    later = len(ratings) - len(known)
    if later:
        findings.note(
            f"{later} rating(s) for terms after {term.label} were left out: this pack is built "
            f"for {term.label}."
        )
    baseline_term = min((r.term for r in known), key=calendar.index, default=None)
    objectives = []
    for objective in framework.objectives:
        progress = []
        for kpi in objective.kpis:
            mine = sorted(
                (r for r in known if r.kpi == kpi.id), key=lambda r: calendar.index(r.term)
            )
            baseline = next((r for r in mine if r.term == baseline_term), None)
            current = mine[-1] if mine else None
            rated_now = current is not None and current.term == term
            if current is None:
                findings.warn(
                    kpi.source,
                    f"KPI {kpi.id} has no rating in ratings.xlsx up to {term.label}. Add a row "
                    f"rating it for {term.label}.",
                    group=Group.SELF_EVALUATION,
                )
            elif not rated_now:
                findings.warn(
                    current.source,
                    f"KPI {kpi.id} was not re-rated for {term.label}; it keeps its "
                    f"{current.term.label} rating ({current.level.value}). Add a row for "
                    f"{term.label} if the rating has been reviewed.",
                    group=Group.SELF_EVALUATION,
                )
            if current is not None and rated_now and current.carried_forward:
                earlier = mine[-2].term.label if len(mine) > 1 else "the last term"
                findings.warn(
                    current.source,
                    f"KPI {kpi.id}'s rating for {term.label} was carried forward from {earlier} "
                    "and has not been reviewed. Review it, then clear Carried forward.",
                    group=Group.SELF_EVALUATION,
                )
            progress.append(KpiProgress(kpi, baseline, current, rated_now))
        objectives.append(ObjectiveProgress(objective, tuple(progress)))
    return RatingSummary(term, baseline_term, tuple(objectives))
