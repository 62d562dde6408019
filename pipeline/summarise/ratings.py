"""Each KPI's journey from the baseline self-evaluation to the term being built."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipeline.records import Calendar, Framework, Kpi, Level, Objective, Rating, Term


@dataclass(frozen=True)
class KpiProgress:
    kpi: Kpi
    baseline: Rating | None
    current: Rating | None
    rated_this_term: bool
    earlier: Rating | None = None  # the rating before the current one

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
    later: int = 0  # ratings for terms after ``term``, left out

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
) -> RatingSummary:
    """Baseline, current rating and movement for every KPI, as of the end of ``term``.

    Ratings for later terms have not happened yet and are left out (and counted). A KPI not
    rated in ``term`` keeps its latest earlier rating; ``checks.check_ratings`` says so.
    """
    upto = calendar.index(term)
    known = [r for r in ratings if calendar.index(r.term) <= upto]
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
            earlier = mine[-2] if len(mine) > 1 else None
            progress.append(KpiProgress(kpi, baseline, current, rated_now, earlier))
        objectives.append(ObjectiveProgress(objective, tuple(progress)))
    return RatingSummary(term, baseline_term, tuple(objectives), len(ratings) - len(known))
