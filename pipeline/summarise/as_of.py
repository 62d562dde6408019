"""One as-of rule for the whole pack: the school as it stood on the as-of date.

The pack describes the school on its as-of date, so that the same workbooks build the same pack
next year. What is dated after it has not happened yet:

- an action Completed later is still open: In progress, or Not started if it starts later too
  (and Overdue wherever the plan says so, if its due date has passed); a later Completed date on
  an action that is not Completed is not printed;
- a monitoring log entry made later is left out;
- evidence dated later is left out: of the portfolio index, the appendix, every count, and the
  Evidence column of the actions that name it.

Each is a warning naming its cell, as most are typing slips. This is applied once, in
``build.summarise_and_check()``, before anything is summarised: every document is made from the
records it returns, so every page treats such an item the same way, and no later stage compares
a date with the as-of date again (only Overdue, which is about the due date, does).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from pipeline.errors import CellRef, Findings, Group
from pipeline.records import Action, Evidence, LogEntry, Status
from pipeline.summarise.actions import State, state_of
from pipeline.text import ref_key

FIX = (
    "If the date is a typing slip, correct it; to describe a later day, build with a later "
    "--as-of date."
)


@dataclass(frozen=True)
class AsOf:
    """The records as they stood on the as-of date."""

    actions: list[Action]
    log: list[LogEntry]
    evidence: list[Evidence]


def _cell(source: CellRef, column: str) -> CellRef:
    return CellRef(source.file, source.sheet, source.row, column)


def _day(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def reopened(action: Action, as_of: date) -> Action:
    """A Completed action as it stood before its completion: started or not by ``as_of``."""
    started = action.start is None or action.start <= as_of
    return replace(
        action, status=Status.IN_PROGRESS if started else Status.NOT_STARTED, completed=None
    )


def _shown_as(action: Action, as_of: date) -> str:
    if state_of(action, as_of) is State.OVERDUE and action.due:
        return f"Overdue: {action.status.value}, due {_day(action.due)}"
    return action.status.value


def _stood(action: Action, as_of: date, findings: Findings) -> Action:
    if not (action.completed and action.completed > as_of):
        return action
    when = f"{_day(action.completed)}, after the pack's as-of date ({_day(as_of)})"
    if action.status is Status.COMPLETED:
        action = reopened(action, as_of)
        treated = f"the pack shows it as not yet completed ({_shown_as(action, as_of)})"
        message = f"{action.ref} was completed on {when}: {treated}."
    else:
        action = replace(action, completed=None)
        message = (
            f"{action.ref} has the Completed date {when}, though its Status is "
            f"{action.status.value}: the pack leaves the date out."
        )
    findings.warn(_cell(action.source, "Completed"), f"{message} {FIX}", group=Group.DATES)
    return action


def as_it_stood(
    actions: list[Action],
    log: list[LogEntry],
    evidence: list[Evidence],
    as_of: date,
    findings: Findings,
) -> AsOf:
    """The actions, log and evidence as they stood on ``as_of``; each later date is warned of,
    naming its cell."""
    kept_log = []
    for entry in log:
        if entry.day > as_of:
            findings.warn(
                _cell(entry.source, "Date"),
                f"the monitoring entry for {entry.ref} is dated {_day(entry.day)}, after the "
                f"pack's as-of date ({_day(as_of)}): it is left out of the Monitoring sheet. {FIX}",
                group=Group.DATES,
            )
            continue
        kept_log.append(entry)
    kept_evidence, later = [], set()
    for item in evidence:
        if item.day and item.later_than(as_of):
            later.add(ref_key(item.ref))
            findings.warn(
                _cell(item.source, "Date"),
                f"{item.ref} is dated {item.dated}, after the pack's as-of date "
                f"({_day(as_of)}): it is left out of the portfolio index, the appendix, the "
                f"evidence counts and the Action Plan. {FIX}",
                group=Group.DATES,
            )
            continue
        kept_evidence.append(item)
    stood = []
    for action in actions:
        action = _stood(action, as_of, findings)
        if any(ref_key(ref) in later for ref in action.evidence):
            # The plan must not point at an item the index does not hold.
            action = replace(
                action, evidence=tuple(r for r in action.evidence if ref_key(r) not in later)
            )
        stood.append(action)
    return AsOf(stood, kept_log, kept_evidence)
