"""Evidence dated by a term, and places that are not the evidence folder (#27, items 12, 13)."""

from __future__ import annotations

from datetime import date

from pipeline.errors import CellRef
from pipeline.read.evidence import place_of
from pipeline.records import Evidence, Place, Term

TERM = Term("2017-18 Term 4", date(2018, 2, 20), date(2018, 3, 29), CellRef("school.xlsx"))


def item(day: date | None, term: Term | None = None) -> Evidence:
    return Evidence(
        "E01", "Minutes", ("2.4",), "Minutes", day, "", Place.NONE, None, False, None,
        CellRef("evidence.xlsx", "Evidence", 2), term,
    )  # fmt: skip


def test_an_item_dated_by_the_current_term_is_not_after_an_as_of_date_inside_it() -> None:
    typed = item(TERM.ends, TERM)
    assert not typed.later_than(date(2018, 3, 1))  # inside the term: it belongs to it
    assert typed.later_than(date(2018, 2, 19))  # before the term began: not yet
    assert typed.dated == "2017-18 Term 4"  # printed as typed


def test_an_item_dated_by_a_day_is_later_only_after_that_day() -> None:
    assert item(date(2018, 3, 2)).later_than(date(2018, 3, 1))
    assert not item(date(2018, 3, 1)).later_than(date(2018, 3, 1))
    assert item(date(2018, 3, 2)).dated == "02/03/2018"
    assert item(None).dated == ""


def test_a_named_place_is_not_a_path_in_the_evidence_folder() -> None:
    assert place_of("Shared drive: LPPA/Tracker.xlsx") is Place.PAPER
    assert place_of("Office: red folder") is Place.PAPER
    assert place_of("minutes/2018-03.pdf") is Place.FILE
    assert place_of("C:\\LPPA\\minutes.pdf") is Place.FILE  # a drive letter: a path
    assert place_of("https://example.sch.uk/x") is Place.WEB
