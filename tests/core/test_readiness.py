"""The readiness page's summaries on in-memory records: where each KPI's evidence stands, the
actions in the order to deal with them, and what changed between two builds' records."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.errors import CellRef
from pipeline.records import Evidence, Level, Place, Status
from pipeline.summarise.ratings import summarise_ratings
from pipeline.summarise.readiness import (
    IN_PACK,
    NONE,
    NOT_IN_PACK,
    PHOTOS_ONLY,
    actions_in_order,
    changes,
    evidence_grid,
    how_late,
    record,
)
from tests.core.factories import action, calendar, framework, rating

AS_OF = date(2018, 3, 29)


def item(ref: str, kpi: str, kind: str, path: str | None, in_pack: bool = True) -> Evidence:
    return Evidence(
        ref,
        f"Item {ref}",
        (kpi,),
        kind,
        None,
        path or "Binder",
        Place.FILE if path else Place.PAPER,
        path,
        in_pack,
        True,
        CellRef("evidence.xlsx", "Evidence", 2),
    )


def test_each_kpi_stands_by_what_the_verifier_will_see_in_the_pack() -> None:
    evidence = [
        item("E1", "1.1", "Minutes", "minutes.pdf"),
        item("E2", "1.2", "Minutes", None),  # in the binder: not in the pack
        item("E3", "1.3", "Minutes", "gone.pdf"),  # In pack, but its file is missing
        item("E4", "1.4", "", "party.jpg"),  # a photo alone
        item("E5", "1.4", "Letter", "letter.pdf", in_pack=False),
    ]
    types, rows = evidence_grid(framework(5), evidence, {"minutes.pdf", "party.jpg", "letter.pdf"})
    assert types == ("Minutes", "Letter", "Photo")  # most used first
    assert [(r.kpi, r.standing, r.mark) for r in rows] == [
        ("1.1", IN_PACK, "●"),
        ("1.2", NOT_IN_PACK, "○"),
        ("1.3", NOT_IN_PACK, "○"),
        ("1.4", PHOTOS_ONLY, "△"),
        ("1.5", NONE, "✗"),
    ]
    assert rows[3].by_type == {"Letter": (0, 1), "Photo": (1, 0)}


def test_overdue_first_the_latest_first_then_by_state() -> None:
    lines = actions_in_order(
        [
            action("A1", status=Status.COMPLETED),
            action("A2", due=date(2018, 3, 1)),
            action("A3", due=None, due_word="Ongoing"),
            action("A4", due=date(2018, 1, 1)),
            action("A5", status=Status.NOT_STARTED, due=date(2018, 7, 1)),
        ],
        AS_OF,
    )
    assert [(x.action.ref, x.late_days) for x in lines] == [
        ("A4", 87),
        ("A2", 28),
        ("A3", 0),
        ("A5", 0),
        ("A1", 0),
    ]
    assert [how_late(d) for d in (1, 13, 28, 87)] == ["1 day", "13 days", "4 weeks", "12 weeks"]


def test_what_changed_between_two_records() -> None:
    terms = calendar("2017-18 Term 1")
    (term,) = terms.terms
    before_ratings = [rating(term, "1.1", Level.PARTLY), rating(term, "1.2", Level.FULLY)]
    after_ratings = [rating(term, "1.1", Level.FULLY), rating(term, "1.2", Level.FULLY)]

    def made(ratings, actions, evidence):  # type: ignore[no-untyped-def]
        summary = summarise_ratings(framework(2), ratings, term, terms)
        return record("S", term.label, AS_OF, summary, actions, evidence, (), 0)

    before = made(
        before_ratings,
        [
            action("A1", status=Status.NOT_STARTED, due=date(2018, 5, 1)),
            action("A2", due=date(2018, 5, 1)),
            action("A3", due=date(2018, 5, 1)),
            action("A5", status=Status.COMPLETED),
            action("A6", due=None, due_word="TBC"),
            action("A7"),
        ],
        [item("E1", "1.1", "Minutes", None), item("e2", "1.1", "Minutes", None)],
    )
    after = made(
        after_ratings,
        [
            action("A1", status=Status.IN_PROGRESS, due=date(2018, 5, 1)),
            action("A2", status=Status.COMPLETED, due=date(2018, 5, 1)),
            action("A3", due=date(2018, 7, 1)),
            action("A4"),
            action("A5", status=Status.IN_PROGRESS),
            action("A6", due=date(2018, 9, 1)),  # TBC given a date: not slipped
        ],
        [item("E2", "1.1", "Minutes", None), item("E3", "1.2", "Letter", None)],
    )
    found = changes(before, after, "the last pack")
    assert dict(found.groups) == {
        "Ratings that moved": ("KPI 1.1: Partly achieved → Fully achieved",),
        "Actions completed": ("A2: Action A2",),
        "Actions started": ("A1: Action A1",),
        "Actions open again": ("A5: Action A5 (Completed → In progress)",),
        "Actions whose due date moved later": ("A3: Action A3 (due 01/05/2018 → 01/07/2018)",),
        "Actions added": ("A4: Action A4",),
        "Actions removed from the plan": ("A7: Action A7",),
        "Evidence added": ("E3: Item E3",),  # e2 retyped E2 is the same item
        "Evidence removed": ("E1: Item E1",),
    }
    assert changes(after, after, "itself").groups == ()
    with pytest.raises(ValueError):  # a record edited out of shape
        changes({"ratings": {}, "actions": [], "evidence": {}}, after, "an odd one")
