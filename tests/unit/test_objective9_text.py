"""The coordinator's words: line breaks are paragraphs, and •, - or * lines are bullets."""

from __future__ import annotations

from pipeline.documents.progress_html import term_heading
from pipeline.errors import CellRef
from pipeline.records import Term
from pipeline.summarise.objective9 import Paragraph, paragraphs

REF = CellRef("school.xlsx")


def test_line_breaks_are_paragraphs_and_marked_lines_are_bullets() -> None:
    text = (
        "We began in 2017.\n\n• Signs in three languages\n- A text service\n"
        "* Coffee mornings\nMore."
    )
    assert paragraphs(text) == (
        Paragraph("We began in 2017.", False),
        Paragraph("Signs in three languages", True),
        Paragraph("A text service", True),
        Paragraph("Coffee mornings", True),
        Paragraph("More.", False),
    )


def test_a_dash_inside_a_line_is_not_a_bullet() -> None:
    assert paragraphs("Attendance rose - and stayed up.") == (
        Paragraph("Attendance rose - and stayed up.", False),
    )


def test_terms_are_headed_as_schools_publish_them() -> None:
    from datetime import date

    def term(label: str) -> Term:
        return Term(label, date(2017, 1, 1), date(2017, 2, 1), REF)

    assert term_heading(term("2016-17 Term 3")) == "Term 3 (2016-17)"
    assert term_heading(term("Spring 2018")) == "Spring 2018"
