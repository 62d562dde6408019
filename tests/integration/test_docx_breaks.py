"""What the renderer sets in a Word document so that LibreOffice breaks its pages well: a short
table's last row that may not split, and space between a table and a picture under it. The
printed result is tested on the packs (tests/e2e/test_typesetting.py); these are the cases a
school's restyled template brings, which the project's templates do not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from PIL import Image

from pipeline.documents.render import (
    keep_pictures_with_their_words,
    keep_short_tables_whole,
    pictures_clear_of_tables,
)


def picture(tmp_path: Path) -> Path:
    path = tmp_path / "chart.png"
    Image.new("L", (60, 30), 255).save(path)
    return path


def table_then_picture(tmp_path: Path, rows: int = 3) -> tuple[Any, Any]:
    """A document holding a table of ``rows`` rows and, straight after it, a picture."""
    document = Document()
    table = document.add_table(rows=rows, cols=2)
    document.add_paragraph().add_run().add_picture(str(picture(tmp_path)), width=Mm(20))
    return document, table


def marks(row: Any) -> list[dict[str, str]]:
    return [dict(m.attrib) for m in row._tr.iter(qn("w:cantSplit"))]


def test_a_short_table_s_last_row_alone_may_not_split(tmp_path: Path) -> None:
    document, table = table_then_picture(tmp_path)
    keep_short_tables_whole(document)
    assert [marks(row) for row in table.rows] == [[], [], [{}]]


def test_a_template_s_own_mark_saying_may_split_is_turned_round_not_doubled(
    tmp_path: Path,
) -> None:
    document, table = table_then_picture(tmp_path)
    props = table.rows[-1]._tr.get_or_add_trPr()
    allowed = OxmlElement("w:cantSplit")
    allowed.set(qn("w:val"), "0")
    props.append(allowed)
    change = OxmlElement("w:trPrChange")  # a tracked change stays last, as the schema says
    props.append(change)
    keep_short_tables_whole(document)
    assert marks(table.rows[-1]) == [{}]
    assert [child.tag for child in props][-1] == qn("w:trPrChange")


def test_a_picture_under_a_table_gets_space_above_it(tmp_path: Path) -> None:
    document, _ = table_then_picture(tmp_path)
    pictures_clear_of_tables(document)
    assert document.paragraphs[-1].paragraph_format.space_before == Pt(6)


def test_space_a_restyled_template_gives_the_picture_is_kept(tmp_path: Path) -> None:
    document, _ = table_then_picture(tmp_path)
    style = document.styles.add_style("Chart", WD_STYLE_TYPE.PARAGRAPH)
    style.paragraph_format.space_before = Pt(12)
    document.paragraphs[-1].style = style
    pictures_clear_of_tables(document)
    assert document.paragraphs[-1].paragraph_format.space_before is None  # the style's 12 pt


def test_a_bookmark_between_the_table_and_the_picture_changes_nothing(tmp_path: Path) -> None:
    document, table = table_then_picture(tmp_path)
    table._tbl.addnext(OxmlElement("w:bookmarkEnd"))
    pictures_clear_of_tables(document)
    assert document.paragraphs[-1].paragraph_format.space_before == Pt(6)


def test_a_picture_under_a_table_inside_a_table_gets_space_too(tmp_path: Path) -> None:
    document = Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.add_table(rows=2, cols=2)  # and after it the paragraph a cell must end with
    cell.paragraphs[-1].add_run().add_picture(str(picture(tmp_path)), width=Mm(20))
    pictures_clear_of_tables(document)
    assert cell.paragraphs[-1].paragraph_format.space_before == Pt(6)


def test_a_picture_not_under_a_table_is_left_as_it_is(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Impact measures")
    document.add_paragraph().add_run().add_picture(str(picture(tmp_path)), width=Mm(20))
    pictures_clear_of_tables(document)
    assert document.paragraphs[-1].paragraph_format.space_before is None


def test_a_chart_is_kept_with_its_note_but_not_with_the_next_heading(tmp_path: Path) -> None:
    """A chart's note never starts the next page alone (#27, item 9); the heading of the next
    part is not a note, and keeping a chart with it moved both on and left a page empty."""
    document = Document()
    noted = document.add_paragraph()
    noted.add_run().add_picture(str(picture(tmp_path)), width=Mm(20))
    document.add_paragraph("The bars show each answer's share of all answers.")
    headed = document.add_paragraph()
    headed.add_run().add_picture(str(picture(tmp_path)), width=Mm(20))
    document.add_heading("Governor form", 1)
    keep_pictures_with_their_words(document)
    assert noted.paragraph_format.keep_with_next is True
    assert headed.paragraph_format.keep_with_next is None


def test_a_table_taller_than_a_page_is_not_asked_to_stay_whole(tmp_path: Path) -> None:
    """Asked to keep a table taller than a page whole, LibreOffice moved it on and left its
    heading alone on a near-empty page (#27, item 9): such a table is left to break."""
    document = Document()
    table = document.add_table(rows=3, cols=2)
    for row in table.rows:
        row.cells[1].text = " ".join(["a long cell of words"] * 120)
    keep_short_tables_whole(document)
    assert [marks(row) for row in table.rows] == [[], [], []]
    assert table.rows[0].cells[0].paragraphs[0].paragraph_format.keep_with_next is None


def test_a_short_table_is_kept_with_the_chart_under_it_where_both_fit(tmp_path: Path) -> None:
    """Survey tables printed a page apart from their charts (#27, item 9): a short table's last
    row is kept with the chart straight under it, unless the two are taller than a page."""
    document, table = table_then_picture(tmp_path)
    keep_pictures_with_their_words(document)
    assert all(
        p.paragraph_format.keep_with_next for c in table.rows[-1].cells for p in c.paragraphs
    )
    tall = Document()
    big = tall.add_table(rows=3, cols=2)
    tall.add_paragraph().add_run().add_picture(
        str(picture(tmp_path)), width=Mm(150), height=Mm(230)
    )
    keep_pictures_with_their_words(tall)
    assert not any(
        p.paragraph_format.keep_with_next for c in big.rows[-1].cells for p in c.paragraphs
    )
