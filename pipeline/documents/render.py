"""Rendering Word templates with docxtpl: autoescaped, and strict about missing variables."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import jinja2
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate, InlineImage

from pipeline.errors import TemplateError
from pipeline.manifest import Shown


def environment() -> jinja2.Environment:
    """Data is data: escaped, never template; a name the context lacks is an error."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


@dataclass(frozen=True)
class Anchor:
    """A place the renderer marked in a Word document (a bookmark named ``name``, which
    LibreOffice exports as a PDF destination), to be bookmarked in the pack as ``title`` under
    the document's heading for ``under`` (an objective's number: the heading "Objective 8: …",
    however a school has worded the rest of it)."""

    name: str
    title: str
    under: str = ""


QUOTE = {'"': "&quot;"}


@dataclass(frozen=True)
class Marked:
    """``text`` in a Word bookmark named ``name`` (``mark`` is its id, unique in the document):
    for a template's run tag, ``{{r k.marked_id }}``, which survives a round trip through Word
    or LibreOffice as typed text, where a bookmark made in the template would be renamed. The
    text takes its paragraph's style: formatting given to the tag's own run is not kept."""

    text: str
    name: str
    mark: int

    def __html__(self) -> str:  # what Jinja writes, unescaped: docxtpl's r tag takes runs
        return (
            f'<w:bookmarkStart w:id="{self.mark}" w:name="{xml_escape(self.name, QUOTE)}"/>'
            f'<w:r><w:t xml:space="preserve">{xml_escape(self.text)}</w:t></w:r>'
            f'<w:bookmarkEnd w:id="{self.mark}"/>'
        )

    def __str__(self) -> str:
        return self.text


def anchor_name(kind: str, key: str) -> str:
    """``kpi-8-3`` for KPI 8.3: letters, digits and hyphens, which LibreOffice exports as typed
    (a dot or an underscore it escapes)."""
    return f"{kind}-" + re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-")


@dataclass(frozen=True)
class Rendered:
    """A document as its renderer made it: the file, and what it was made to show (in order),
    which the proof finds on the pack's pages; ``anchors`` are the places it marked, to be
    bookmarked; ``sections`` are headings to bookmark that the file cannot carry itself (a
    spreadsheet)."""

    path: Path
    shown: tuple[Shown, ...] = ()
    sections: tuple[str, ...] = ()
    anchors: tuple[Anchor, ...] = ()


@dataclass(frozen=True)
class Picture:
    """An image to place in a Word document, ``width_mm`` wide."""

    path: Path
    width_mm: float

    @classmethod
    def at_dpi(cls, path: Path, dpi: int) -> Picture:
        """The image placed at exactly ``dpi`` dots per inch, as wide as that makes it."""
        from PIL import Image

        with Image.open(path) as image:
            return cls(path, image.width / dpi * 25.4)


def _pictures(value: Any, document: DocxTemplate) -> Any:
    """The context with every Picture made an image docxtpl can place."""
    if isinstance(value, Picture):
        return InlineImage(document, str(value.path), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: _pictures(v, document) for k, v in value.items()}
    if isinstance(value, list):
        return [_pictures(v, document) for v in value]
    return value


def render_docx(template: Path, context: dict[str, Any], out: Path) -> None:
    """Fill ``template`` with ``context`` and save it as ``out``."""
    if not template.is_file():
        raise TemplateError(
            f"The template {template} is missing. Restore it from the project (templates/) "
            "or run: nox -s templates"
        )
    try:
        document = DocxTemplate(template)
        document.render(_pictures(context, document), environment(), autoescape=True)
        keep_short_tables_whole(document.docx)
        pictures_clear_of_tables(document.docx)
        keep_pictures_with_their_words(document.docx)
        document.save(out)
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        raise TemplateError(
            f"The template {template.name} could not be filled{where}: {exc}. If it was "
            "edited, check that each {{ … }} and {% … %} tag is typed in one go with straight "
            "braces, or restore the project's copy."
        ) from exc


# A table of up to this many rows (the header row included) never breaks across pages; a
# longer one breaks where it must, and its header row repeats.
SHORT_TABLE = 12


# A table kept whole must fit this share of a page; its last row is kept unbroken only if it
# is at most this share of a page (a taller one breaks, or it would leave a page near empty).
FITS_A_PAGE = 0.8
SHORT_ROW = 0.3


def keep_short_tables_whole(document: Any) -> None:
    """Each short table kept on one page: every row but the last kept with the next (Word's
    way, which LibreOffice follows), so that no page holds a table's one row alone, and the
    last row not broken across pages (else its last words were printed alone under the next
    page's repeated header). With the heading before it kept with it, the heading moves with
    the table. A row taller than a page still breaks; no other row is marked: a first row
    that may not break, under a heading kept with it, is how LibreOffice 7.4 loses rows.

    Only a table that can be kept whole is asked to be (its height estimated from its text
    and its columns' widths, in its font's metrics): asked of a table taller than a page,
    LibreOffice moved it to the next page and left its heading alone on a page 80% empty."""
    room = _page_room(document)
    for table in document.tables:
        rows = table.rows
        if 2 <= len(rows) <= SHORT_TABLE:
            heights = _row_heights(table)
            if room and sum(heights) > FITS_A_PAGE * room:
                continue
            for row in rows[:-1]:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
            if not room or heights[-1] <= SHORT_ROW * room:
                may_not_split(rows[-1]._tr)


def _page_room(document: Any) -> float:
    """The height a page gives the text, in points (the first section's page)."""
    try:
        section = document.sections[0]
        return float((section.page_height - section.top_margin - section.bottom_margin) / 12700)
    except (IndexError, TypeError, AttributeError):
        return 0.0


def _row_heights(table: Any) -> list[float]:
    """Each row's height as its text wraps in its columns (from the table's grid), in points:
    an estimate that errs tall."""
    from pipeline.documents.textfit import Measure

    grid = table._tbl.tblGrid
    widths = [float(col.w or 0) / 12700 for col in grid.gridCol_lst] if grid is not None else []
    heights = []
    for row in table.rows:
        tallest = 0.0
        for index, cell in enumerate(row.cells):
            width = widths[index] if index < len(widths) else 100.0
            lines: list[str] = []
            size = 10.0
            for paragraph in cell.paragraphs:
                run_size = next((r.font.size for r in paragraph.runs if r.font.size), None)
                size = run_size.pt if run_size is not None else size
                lines += Measure("Calibri", size).wrap(paragraph.text, width)
            # Word sets lines 1.22 em apart in Carlito, and a cell has its margins.
            tallest = max(tallest, len(lines) * size * 1.25 + 8)
        heights.append(tallest)
    return heights


# Row properties that record tracked changes: the schema puts them after all the others.
_TRACKED = {qn("w:ins"), qn("w:del"), qn("w:trPrChange")}


def may_not_split(row: Any) -> None:
    """Mark a table row (``w:tr``) "cannot split": a mark the row has already (a template may
    say ``w:val="0"``) is made to say so, else one is added before any tracked change."""
    props = row.get_or_add_trPr()
    mark = props.find(qn("w:cantSplit"))
    if mark is None:
        mark = OxmlElement("w:cantSplit")
        tracked = next((child for child in props if child.tag in _TRACKED), None)
        if tracked is None:
            props.append(mark)
        else:
            tracked.addprevious(mark)
    mark.attrib.pop(qn("w:val"), None)


PICTURE_SPACE = Pt(6)


def pictures_clear_of_tables(document: Any) -> None:
    """A paragraph of pictures straight after a table (a bookmark between them aside) starts
    6 pt below it, unless its template gives it that much space already, itself or through its
    style: a chart is opaque white around what it shows, and set flush under a table
    LibreOffice 7.4 drew it over the table's bottom border (every survey table printed without
    one). Done here, not only in the templates, for copies a school restyled."""
    for table in document.element.body.iter(qn("w:tbl")):
        after = table.getnext()
        while after is not None and after.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
            after = after.getnext()
        if after is None or after.tag != qn("w:p") or not after.findall(f".//{qn('w:drawing')}"):
            continue
        paragraph = Paragraph(after, document._body)
        if (_space_before(paragraph) or 0) < PICTURE_SPACE:
            paragraph.paragraph_format.space_before = PICTURE_SPACE


def keep_pictures_with_their_words(document: Any) -> None:
    """A chart and the words straight under it (its note) on one page: a chart's note fell on
    the next page. And a short table with the chart straight under it, where the two fit a
    page together (the table's height estimated as for keeping it whole, the chart's from its
    size): survey tables printed a page apart from their charts. Never a chart with the next
    part's heading: that chain, longer than a page, LibreOffice broke elsewhere, leaving a
    table alone on a page."""
    room = _page_room(document)
    body = document.element.body
    for paragraph in body.iter(qn("w:p")):
        drawings = paragraph.findall(f".//{qn('w:drawing')}")
        if not drawings:
            continue
        _keep_table_with(paragraph, drawings, document, room)
        after = paragraph.getnext()
        if after is None or after.tag != qn("w:p") or not "".join(after.itertext()).strip():
            continue
        style = after.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = (style.get(qn("w:val")) or "") if style is not None else ""
        if not name.casefold().startswith(("heading", "title")):  # the next part, not its note
            Paragraph(paragraph, document._body).paragraph_format.keep_with_next = True


def _keep_table_with(picture: Any, drawings: list[Any], document: Any, room: float) -> None:
    """Keep the short table straight before ``picture`` with it, if both fit a page."""
    before = picture.getprevious()
    while before is not None and before.tag in (qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        before = before.getprevious()
    if before is None or before.tag != qn("w:tbl") or not room:
        return
    table = next((t for t in document.tables if t._tbl is before), None)
    if table is None or not 2 <= len(table.rows) <= SHORT_TABLE:
        return
    tall = sum(_row_heights(table)) + sum(_drawn_height(d) for d in drawings)
    if tall <= FITS_A_PAGE * room:
        for cell in table.rows[-1].cells:
            for words in cell.paragraphs:
                words.paragraph_format.keep_with_next = True


def _drawn_height(drawing: Any) -> float:
    """A picture's height on the page, in points (its extent, in EMU)."""
    extent = drawing.find(f".//{qn('wp:extent')}")
    try:
        return float(extent.get("cy")) / 12700 if extent is not None else 0.0
    except (TypeError, ValueError):
        return 0.0


def _space_before(paragraph: Paragraph) -> Any:
    """The space before a paragraph: its own, else its style's, else a base style's."""
    found = paragraph.paragraph_format.space_before
    style = paragraph.style
    while found is None and style is not None:
        found = style.paragraph_format.space_before
        style = style.base_style
    return found


def undeclared(template: Path) -> set[str]:
    """The variable names a template uses: checked against the context in the tests."""
    return set(DocxTemplate(template).get_undeclared_template_variables(environment()))


# Rows that may not break across pages and paragraphs kept with the next: what LibreOffice
# needs to lose rows at a page break (see docs/decisions.md).
_KEEPS = re.compile(rb"<w:(?:cantSplit|keepNext|keepLines)\b[^>]*/>")


def without_keeps(docx: Path, out: Path) -> Path:
    """A copy of a Word document in which every row may break across pages and no paragraph is
    kept with the next or kept whole: a layout that cannot lose rows, at the cost of a heading
    that may end a page."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in ("word/document.xml", "word/styles.xml"):
                data = _KEEPS.sub(b"", data)
            copy.writestr(info, data)
    return out


def render_page(
    templates: Path, name: str, context: dict[str, Any], out: Path, tidy: bool = True
) -> Path:
    """Fill the web page template ``name`` (autoescaped, strict about names) and write ``out``;
    ``tidy``: block tags leave no blank lines behind."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=tidy,
        lstrip_blocks=tidy,
    )
    try:
        html = env.get_template(name).render(**context)
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
        raise TemplateError(
            f"The template {name} could not be filled: {exc}. Restore the project's copy."
        ) from exc
    out.write_text(html, encoding="utf-8")
    return out
