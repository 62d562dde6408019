"""One as-of rule for the whole pack: the school as it stood on the as-of date.

The pack describes the school on its as-of date, so that the same workbooks build the same pack
next year. What is dated after it has not happened yet: an action Completed later is still open
(In progress, or Not started if it starts later too; it may then be Overdue), a monitoring log
entry made later is left out, and so is evidence dated later. Each is a warning naming its
cell, as most are typing slips. Every document is made from the records this returns, so every
page treats such an item the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from pipeline.errors import CellRef, Findings
from pipeline.records import Action, Evidence, LogEntry, Status

GROUP = "Dates to check"
FIX = "If the date is a typing slip, correct it; to describe a later day, build with --as-of."


@dataclass(frozen=True)
class AsOf:
    """The records as they stood on the as-of date."""

    actions: list[Action]
    log: list[LogEntry]
    evidence: list[Evidence]


def _cell(source: CellRef, column: str) -> CellRef:
    return CellRef(source.file, source.sheet, source.row, column)


def as_it_stood(
    actions: list[Action],
    log: list[LogEntry],
    evidence: list[Evidence],
    as_of: date,
    findings: Findings,
) -> AsOf:
    """The actions, log and evidence as they stood on ``as_of``; each later date is warned of."""
    when = f"{as_of:%d/%m/%Y}"
    stood = []
    for action in actions:
        if action.completed and action.completed > as_of:
            status = (
                Status.NOT_STARTED if action.start and action.start > as_of else Status.IN_PROGRESS
            )
            findings.warn(
                _cell(action.source, "Completed"),
                f"{action.ref} was completed on {action.completed:%d/%m/%Y}, after the pack's "
                f"as-of date ({when}): the pack shows it as not yet completed "
                f"({status.value}). {FIX}",
                group=GROUP,
            )
            action = replace(action, status=status, completed=None)
        stood.append(action)
    kept_log = []
    for entry in log:
        if entry.day > as_of:
            findings.warn(
                _cell(entry.source, "Date"),
                f"The monitoring entry for {entry.ref} is dated {entry.day:%d/%m/%Y}, after the "
                f"pack's as-of date ({when}): it is left out of the Monitoring sheet. {FIX}",
                group=GROUP,
            )
            continue
        kept_log.append(entry)
    kept_evidence = []
    for item in evidence:
        if item.day and item.day > as_of:
            findings.warn(
                _cell(item.source, "Date"),
                f"{item.ref} is dated {item.day:%d/%m/%Y}, after the pack's as-of date "
                f"({when}): it is left out of the portfolio index, the appendix and the "
                f"evidence counts. {FIX}",
                group=GROUP,
            )
            continue
        kept_evidence.append(item)
    return AsOf(stood, kept_log, kept_evidence)
