"""The action plan's monitoring on in-memory actions: what is overdue, what has slipped, who
leads and who monitors, each warning at its cell and in its group."""

from __future__ import annotations

from datetime import date

from pipeline.errors import Findings, Group
from pipeline.records import Status
from pipeline.summarise.actions import State, state_of
from pipeline.summarise.checks import check_actions
from tests.core.factories import action, calendar

TERMS = calendar("2016-17 Term 1", "2017-18 Term 1", "2018-19 Term 1")  # Sept–Dec each year
AS_OF = date(2018, 3, 29)


def warnings(*actions):
    findings = Findings()
    check_actions(list(actions), [], TERMS, AS_OF, findings)
    return [(w.group, w.ref.column, w.message) for w in findings.warnings]


def test_an_unfinished_action_past_its_date_is_overdue_and_said_first() -> None:
    late = action("A7", due=date(2017, 12, 20))
    assert state_of(late, AS_OF) is State.OVERDUE and f"{state_of(late, AS_OF)}" == "Overdue"
    assert warnings(late) == [
        (
            Group.OVERDUE,
            "Due",
            "A7 is overdue: due 20/12/2017 (2017-18 Term 1), status In progress. Complete it, "
            "or agree a new date and move the old one to Original due.",
        )
    ]
    done = action("A8", status=Status.COMPLETED)
    assert state_of(done, AS_OF) is State.COMPLETED and warnings(done) == []
    ongoing = action("A9", due=None, due_word="Ongoing")
    assert state_of(ongoing, AS_OF) is State.IN_PROGRESS and warnings(ongoing) == []


def test_a_lead_who_monitors_their_own_action_or_no_one_monitoring_is_a_gap() -> None:
    assert [m for _, _, m in warnings(action(monitor=" mrs  LOWE ", due=None))] == [
        "A1 is monitored by its own lead (Mrs Lowe): name someone else."
    ]
    assert [(c, m) for _, c, m in warnings(action(lead="", monitor="", due=None))] == [
        ("Lead", "A1 has no lead: name who delivers it."),
        ("Monitored by", "A1 has no one monitoring it: name someone other than the lead."),
    ]


def test_slipping_more_than_a_term_and_dropping_without_a_reason_are_questioned() -> None:
    slipped = action(
        "A3", status=Status.IN_PROGRESS, original_due=date(2016, 12, 1), due=date(2018, 12, 1)
    )
    assert [m for _, _, m in warnings(slipped)] == [
        "A3 has slipped 2 terms, from 2016-17 Term 1 to 2018-19 Term 1. Check it is still "
        "achievable, and record why in Notes."
    ]
    assert [m for _, _, m in warnings(action("A4", status=Status.DROPPED))] == [
        "A4 was dropped with no note: say why in Notes."
    ]
    assert warnings(action("A5", status=Status.DROPPED, notes="Merged into A2")) == []


def test_evidence_named_by_an_action_must_be_in_the_index() -> None:
    assert [(g, m) for g, _, m in warnings(action(due=None, evidence=("E9",)))] == [
        (
            Group.EVIDENCE,
            'A1 names evidence "E9", which is not in evidence.xlsx. Add it there, or correct '
            "the ref.",
        )
    ]
