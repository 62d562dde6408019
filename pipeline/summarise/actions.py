"""The action plan grouped for printing, and its monitoring: "Are we doing what we said we
would, and are we doing it on time?" (KPI 2.4)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from pipeline.records import (
    Action,
    Calendar,
    Framework,
    LogEntry,
    Objective,
    Status,
    Term,
    kpi_sort_key,
)
from pipeline.text import ref_key


class State(str, enum.Enum):
    """The states an action is counted in, each action in exactly one: its status, or Overdue
    when its due date has passed unfinished. The value is the Action Plan's word, and what the
    state prints as (a str, so it compares and keys as its word does)."""

    COMPLETED = Status.COMPLETED.value
    IN_PROGRESS = Status.IN_PROGRESS.value
    NOT_STARTED = Status.NOT_STARTED.value
    OVERDUE = "Overdue"
    DROPPED = Status.DROPPED.value

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


STATES = tuple(State)  # the Action Plan's column order


def state_of(action: Action, as_of: date) -> State:
    if action.is_overdue(as_of):
        return State.OVERDUE
    return State(action.status.value)


def slippage(action: Action, calendar: Calendar) -> int:
    """How many terms Due has moved on from Original due (0 if none or not known)."""
    if not (action.due and action.original_due):
        return 0
    now, then = calendar.term_of(action.due), calendar.term_of(action.original_due)
    if now is None or then is None:
        return 0
    return max(0, calendar.index(now) - calendar.index(then))


@dataclass(frozen=True)
class KpiGroup:
    kpi: str
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class ObjectiveGroup:
    objective: Objective
    kpis: tuple[KpiGroup, ...]

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for k in self.kpis for a in k.actions)


def group_actions(framework: Framework, actions: list[Action]) -> tuple[ObjectiveGroup, ...]:
    """Actions by objective, then by KPI: each action once, under the first KPI it serves."""
    groups = []
    for objective in framework.objectives:
        kpis = []
        for kpi in objective.kpis:
            mine = tuple(
                sorted(
                    (a for a in actions if min(a.kpis, key=kpi_sort_key) == kpi.id),
                    key=lambda a: (a.due or date.max, a.ref),
                )
            )
            if mine:
                kpis.append(KpiGroup(kpi.id, mine))
        if kpis:
            groups.append(ObjectiveGroup(objective, tuple(kpis)))
    return tuple(groups)


@dataclass(frozen=True)
class Counts:
    label: str
    by_state: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_state.values())


@dataclass(frozen=True)
class Monitoring:
    term: Term
    next_term: Term | None
    rows: tuple[Counts, ...]  # one per objective with actions
    total: Counts
    completed_this_term: tuple[Action, ...]
    due_next_term: tuple[Action, ...]
    no_lead: tuple[Action, ...]
    no_monitor: tuple[Action, ...]
    self_monitored: tuple[Action, ...]
    latest_log: tuple[tuple[Action, LogEntry | None], ...]


def _count(label: str, actions: tuple[Action, ...], as_of: date) -> Counts:
    states = [state_of(a, as_of) for a in actions]
    return Counts(label, {s: states.count(s) for s in STATES})


def monitor(
    groups: tuple[ObjectiveGroup, ...],
    log: list[LogEntry],
    calendar: Calendar,
    term: Term,
    as_of: date,
) -> Monitoring:
    """The Monitoring sheet's figures, from the actions and log as they stood on ``as_of``
    (``summarise.as_of``): nothing here is dated after it, so only Overdue looks at ``as_of``."""
    every = tuple(a for g in groups for a in g.actions)
    next_term = calendar.next_after(term)
    latest: dict[str, LogEntry] = {}
    for entry in sorted(log, key=lambda e: e.day):
        latest[ref_key(entry.ref)] = entry
    open_ = (Status.NOT_STARTED, Status.IN_PROGRESS)
    return Monitoring(
        term=term,
        next_term=next_term,
        rows=tuple(
            _count(f"Objective {g.objective.number}: {g.objective.title}", g.actions, as_of)
            for g in groups
        ),
        total=_count("All objectives", every, as_of),
        completed_this_term=tuple(
            a
            for a in every
            if a.status is Status.COMPLETED
            and a.completed
            and term.starts <= a.completed <= term.ends
        ),
        due_next_term=tuple(
            a
            for a in every
            if next_term
            and a.status in open_
            and a.due
            and next_term.starts <= a.due <= next_term.ends
        ),
        # Every action, open or not: KPI 2.2 asks that the plan name a lead and a different
        # monitor for each; a closed action's gap is said with its state.
        no_lead=tuple(a for a in every if not a.lead),
        no_monitor=tuple(a for a in every if not a.monitor),
        self_monitored=tuple(a for a in every if a.monitors_self),
        latest_log=tuple((a, latest.get(ref_key(a.ref))) for a in every),
    )
