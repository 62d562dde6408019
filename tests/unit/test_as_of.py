"""One as-of rule: the actions, log and evidence as they stood on the as-of date."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import CellRef, Findings
from pipeline.records import Action, Evidence, LogEntry, Place, Status
from pipeline.summarise.actions import state_of
from pipeline.summarise.as_of import as_it_stood

AS_OF = date(2018, 3, 29)
FIX = "If the date is a typing slip, correct it; to describe a later day, build with a later "


def action(
    ref: str = "A24",
    status: Status = Status.COMPLETED,
    completed: date | None = date(2018, 4, 7),
    start: date | None = date(2018, 2, 20),
    due: date | None = date(2018, 5, 26),
    evidence: tuple[str, ...] = (),
    row: int = 25,
) -> Action:
    return Action(
        ref=ref,
        kpis=("7.2",),
        text="Consult parents on the homework policy",
        lead="Mr Patel",
        monitor="Mrs Lowe",
        start=start,
        due=due,
        due_word="",
        original_due=None,
        status=status,
        completed=completed,
        success_criteria="",
        evidence=evidence,
        notes="",
        source=CellRef("actions.xlsx", "Actions", row),
    )


def entry(day: date, row: int = 9) -> LogEntry:
    return LogEntry(day, "A07", "Reviewed.", "Working group", CellRef("actions.xlsx", "Log", row))


def item(ref: str, day: date | None, row: int = 20) -> Evidence:
    return Evidence(
        ref=ref,
        title="Minutes",
        kpis=("3.2",),
        type="Minutes",
        day=day,
        location="Office",
        place=Place.PAPER,
        path=None,
        in_pack=False,
        consent=None,
        source=CellRef("evidence.xlsx", "Evidence", row),
    )


def stood(
    actions: Sequence[Action] = (),
    log: Sequence[LogEntry] = (),
    evidence: Sequence[Evidence] = (),
) -> tuple[list[Action], list[LogEntry], list[Evidence], list[str]]:
    findings = Findings()
    result = as_it_stood(list(actions), list(log), list(evidence), AS_OF, findings)
    assert all(w.group.heading == "Dates that look like typing slips" for w in findings.warnings)
    return result.actions, result.log, result.evidence, [str(w) for w in findings.warnings]


def test_a_completion_after_the_as_of_date_is_in_progress_and_named() -> None:
    (a24,), _, _, warnings = stood([action()])
    assert (a24.status, a24.completed) == (Status.IN_PROGRESS, None)
    assert warnings == [
        "actions.xlsx, sheet Actions, row 25, column Completed: A24 was completed on 07/04/2018, "
        "after the pack's as-of date (29/03/2018): the pack shows it as not yet completed "
        f"(In progress). {FIX}--as-of date."
    ]


def test_one_that_also_starts_later_is_not_started() -> None:
    (a24,), _, _, warnings = stood([action(start=date(2018, 4, 1))])
    assert (a24.status, a24.completed) == (Status.NOT_STARTED, None)
    assert "(Not started)" in warnings[0]


def test_one_whose_due_date_has_passed_is_overdue_and_the_warning_says_so() -> None:
    (a22,), _, _, warnings = stood([action("A22", due=date(2018, 3, 2))])
    assert state_of(a22, AS_OF) == "Overdue"
    assert (
        "the pack shows it as not yet completed (Overdue: In progress, due 02/03/2018)."
        in (warnings[0])
    )


def test_a_completion_on_the_as_of_date_stands() -> None:
    on_the_day = action(completed=AS_OF)
    assert stood([on_the_day]) == ([on_the_day], [], [], [])


def test_a_later_completed_date_on_an_action_not_completed_is_left_out() -> None:
    (a16,), _, _, warnings = stood([action("A16", status=Status.DROPPED)])
    assert (a16.status, a16.completed) == (Status.DROPPED, None)
    assert warnings == [
        "actions.xlsx, sheet Actions, row 25, column Completed: A16 has the Completed date "
        "07/04/2018, after the pack's as-of date (29/03/2018), though its Status is Dropped: the "
        f"pack leaves the date out. {FIX}--as-of date."
    ]


def test_a_log_entry_after_the_as_of_date_is_left_out() -> None:
    on_the_day = entry(AS_OF, row=8)
    _, log, _, warnings = stood(log=[on_the_day, entry(date(2018, 4, 10))])
    assert log == [on_the_day]
    assert warnings == [
        "actions.xlsx, sheet Log, row 9, column Date: the monitoring entry for A07 is dated "
        "10/04/2018, after the pack's as-of date (29/03/2018): it is left out of the Monitoring "
        f"sheet. {FIX}--as-of date."
    ]


def test_evidence_after_the_as_of_date_is_left_out_and_no_action_names_it() -> None:
    kept = [item("E18", date(2017, 5, 24)), item("E20", None)]  # undated: nothing to compare
    a09 = action("A09", Status.IN_PROGRESS, None, evidence=("E18", "e19"))
    (a09_then,), _, evidence, warnings = stood(
        [a09], evidence=[*kept, item("E19", date(2018, 4, 15))]
    )
    assert evidence == kept
    assert a09_then == replace(a09, evidence=("E18",))
    assert warnings == [
        "evidence.xlsx, sheet Evidence, row 20, column Date: E19 is dated 15/04/2018, after the "
        "pack's as-of date (29/03/2018): it is left out of the portfolio index, the appendix, the "
        f"evidence counts and the Action Plan. {FIX}--as-of date."
    ]


DAYS = st.dates(AS_OF - timedelta(days=40), AS_OF + timedelta(days=40))


@given(
    st.lists(st.tuples(DAYS, DAYS, st.sampled_from(Status)), max_size=6),
    st.lists(DAYS, max_size=4),
    st.lists(st.none() | DAYS, max_size=4),
)
def test_nothing_dated_after_the_as_of_date_survives_and_each_is_warned_once(
    dated_actions: list[tuple[date, date, Status]],
    log_days: list[date],
    evidence_days: list[date | None],
) -> None:
    actions = [
        action(f"A{n}", status, completed, start, row=n + 2)
        for n, (completed, start, status) in enumerate(dated_actions)
    ]
    log = [entry(day, row=n + 2) for n, day in enumerate(log_days)]
    evidence = [item(f"E{n}", day, row=n + 2) for n, day in enumerate(evidence_days)]
    after, log_then, evidence_then, warnings = stood(actions, log, evidence)
    assert all(a.completed is None or a.completed <= AS_OF for a in after)
    assert all(e.day <= AS_OF for e in log_then)
    assert all(e.day is None or e.day <= AS_OF for e in evidence_then)
    changed = sum(a != b for a, b in zip(actions, after, strict=True))
    assert len(warnings) == changed + len(log) - len(log_then) + len(evidence) - len(evidence_then)
    # Only a later completion reopens an action; nothing else about it changes.
    for before, now in zip(actions, after, strict=True):
        if before.status is not Status.COMPLETED or now.status is Status.COMPLETED:
            assert now.status is before.status
