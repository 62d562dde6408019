"""The Objective 9 summary: each objective in the coordinator's words beside what the data
shows, the next priorities gathered, and what was achieved term by term."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline.records import (
    Action,
    Calendar,
    Evidence,
    Framework,
    Objective,
    Rating,
    School,
    Status,
    SummaryText,
    Term,
)
from pipeline.summarise.ratings import KpiProgress, RatingSummary
from pipeline.text import normalise

_BULLETS = ("•", "-", "*")


@dataclass(frozen=True)
class Paragraph:
    text: str
    bullet: bool


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Cell line breaks are paragraphs; lines starting •, - or * are bullet points."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith(_BULLETS):
            out.append(Paragraph(line.lstrip("•-* \t"), True))
        else:
            out.append(Paragraph(line, False))
    return tuple(out)


@dataclass(frozen=True)
class Words:
    """The coordinator's own summary of one objective (or of the whole school)."""

    achievements: tuple[Paragraph, ...]
    impact: tuple[Paragraph, ...]
    next_priorities: tuple[Paragraph, ...]

    @property
    def empty(self) -> bool:
        return not (self.achievements or self.impact or self.next_priorities)


NO_WORDS = Words((), (), ())


def _words(entry: SummaryText | None) -> Words:
    if entry is None:
        return NO_WORDS
    return Words(
        paragraphs(entry.achievements), paragraphs(entry.impact), paragraphs(entry.next_priorities)
    )


@dataclass(frozen=True)
class ObjectiveSummary:
    objective: Objective
    words: Words
    kpis: tuple[KpiProgress, ...]
    history: dict[str, tuple[Rating, ...]]
    completed: tuple[tuple[Action, Term | None], ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Summary:
    vision: Words
    overall: Words
    objectives: tuple[ObjectiveSummary, ...]
    by_term: tuple[tuple[Term, tuple[Action, ...]], ...]
    source: str  # where the coordinator's words came from
    number: int = 9  # the summary objective's own number: the framework's last

    @property
    def title(self) -> str:
        return f"Objective {self.number}: summary of achievements and future plans"


def completed_by_term(
    actions: list[Action], calendar: Calendar
) -> tuple[tuple[Term, tuple[Action, ...]], ...]:
    """Completed actions grouped by the term they were completed in, in calendar order (the
    actions as they stood on the as-of date: none completed later)."""
    groups: dict[str, list[Action]] = {}
    for action in actions:
        if action.status is not Status.COMPLETED or not action.completed:
            continue
        term = calendar.term_of(action.completed)
        if term is not None:
            groups.setdefault(term.label, []).append(action)
    return tuple(
        (term, tuple(sorted(groups[term.label], key=lambda a: (a.completed or date.min, a.ref))))
        for term in calendar.terms
        if term.label in groups
    )


def summarise_objective_9(
    school: School,
    entries: tuple[SummaryText, ...],
    source: str,
    framework: Framework,
    ratings: list[Rating],
    summary: RatingSummary,
    actions: list[Action],
    evidence: list[Evidence],
    as_of: date,
) -> Summary:
    by_label = {normalise(e.objective): e for e in entries}
    calendar = school.calendar
    upto = calendar.index(summary.term)
    objectives = []
    progress = {k.kpi.id: k for k in summary.kpis}
    for objective in framework.objectives[:-1]:
        ids = [k.id for k in objective.kpis]
        history = {
            kpi: tuple(
                sorted(
                    (r for r in ratings if r.kpi == kpi and calendar.index(r.term) <= upto),
                    key=lambda r: calendar.index(r.term),
                )
            )
            for kpi in ids
        }
        done = tuple(
            (a, calendar.term_of(a.completed) if a.completed else None)
            for a in actions
            if a.status is Status.COMPLETED and any(k in ids for k in a.kpis)
        )
        held = tuple(e for e in evidence if any(k in ids for k in e.kpis))
        objectives.append(
            ObjectiveSummary(
                objective,
                _words(by_label.get(str(objective.number))),
                tuple(progress[k] for k in ids if k in progress),
                history,
                done,
                held,
            )
        )
    return Summary(
        _words(by_label.get("vision")),
        _words(by_label.get("overall")),
        tuple(objectives),
        completed_by_term(actions, calendar),
        source,
        framework.objectives[-1].number if framework.objectives else 9,
    )
