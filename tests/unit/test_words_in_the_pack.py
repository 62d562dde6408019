"""Words the pack prints from a school's own data (#27, item 10)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pipeline.documents.front_matter import action_state
from pipeline.records import Status
from pipeline.summarise.objective9 import Summary, Words
from tests.core.factories import action


def test_a_dropped_action_s_reason_is_not_said_twice() -> None:
    dropped = action(status=Status.DROPPED, notes="Dropped: the hall is being refurbished.")
    assert action_state(dropped, date(2018, 3, 29)) == ("Dropped: the hall is being refurbished.")
    plain = replace(dropped, notes="The hall is being refurbished.")
    assert action_state(plain, date(2018, 3, 29)) == "Dropped: The hall is being refurbished."


def test_the_summary_section_is_titled_by_the_framework_s_own_summary_objective() -> None:
    empty = Words((), (), ())
    assert Summary(empty, empty, (), (), "").title.startswith("Objective 9: summary")
    assert Summary(empty, empty, (), (), "", 10).title == (
        "Objective 10: summary of achievements and future plans"
    )
