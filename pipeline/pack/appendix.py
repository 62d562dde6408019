"""The evidence appendix: every file marked In pack, in portfolio order, each starting on a page
headed with its ref, title, date and the KPIs it supports. Only files inside the evidence
folder; photos only with consent; a file that cannot be printed gets a page that says so."""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from pipeline import typeset
from pipeline.errors import CellRef, Findings, Group
from pipeline.limits import MAX_PIXELS
from pipeline.pack.assemble import to_a4, transform, unrotate
from pipeline.pack.sanitise import active_content, clean_page, scrub
from pipeline.read.evidence import FOLDER, absent_because
from pipeline.records import Evidence, Framework, kpi_sort_key, slugify
from pipeline.summarise.evidence import Fate, fate
from pipeline.text import ref_order

MAX_DPI = 200
MARGIN = typeset.MARGIN
BAND = 98.0  # points from the top edge to the bottom of an item's heading band
FOOT_ROOM = typeset.FOOT + 12  # points kept clear above the bottom edge for the page number
HEADER = BAND + 12  # where a page's own content starts below the heading band
MIN_PPI = 150  # a photo is never printed larger than this allows: never upscaled past it


@dataclass(frozen=True)
class Item:
    """One In-pack item as the appendix prints it."""

    evidence: Evidence
    kind: str  # "pdf", "office", "image" or "missing"
    source: Path | None
    reason: str = ""  # why a "missing" item could not be printed
    section: str = ""  # the objective it is filed under, printed above its heading


def _first_kpi(item: Evidence, framework: Framework) -> tuple[int, ...]:
    known = [k for k in item.kpis if framework.kpi(k)]
    return min((kpi_sort_key(k) for k in known), default=(999,))


def plan_appendix(
    framework: Framework, evidence: list[Evidence], present: frozenset[str], inputs: Path
) -> list[Item]:
    """The items to print, in portfolio order (objective, KPI, ref), decided from the files
    ``present`` as the checks were (and warned of there)."""
    folder = inputs / FOLDER
    items = []
    for entry in evidence:
        outcome = fate(entry, present)
        if outcome in (Fate.NOT_IN_PACK, Fate.CONSENT_NO, Fate.NO_CONSENT):
            continue
        if outcome is Fate.UNPRINTABLE:
            suffix = PurePosixPath(entry.location).suffix.casefold()
            items.append(Item(entry, "missing", None, f"a {suffix} file cannot be printed"))
        elif outcome is Fate.FILE_MISSING and entry.path is not None:
            why = absent_because(folder / entry.path) or outcome.value
            items.append(Item(entry, "missing", None, why))
        elif outcome in (Fate.NOT_A_FILE, Fate.FILE_MISSING, Fate.NOT_WHAT_IT_SAYS):
            items.append(Item(entry, "missing", None, outcome.value))
        else:
            items.append(Item(entry, outcome.value, folder / str(entry.path)))
    filed = []
    for item in items:
        first = _first_kpi(item.evidence, framework)
        objective = framework.objective(first[0]) if first else None
        section = f"Objective {objective.number}: {objective.title}" if objective else ""
        filed.append(Item(item.evidence, item.kind, item.source, item.reason, section))
    return sorted(
        filed, key=lambda i: (_first_kpi(i.evidence, framework), ref_order(i.evidence.ref))
    )


def heading_text(item: Evidence) -> str:
    """The heading an item's first appendix page prints, as it prints it (what the index's page
    number promises): its ref and title, smaller for a long title, and cut with an ellipsis
    only past what a line holds at 11 points."""
    return _heading_fitted(item)[0]


def filed_under(section: str) -> str:
    """The line above an item's heading, as printed: the objective it is filed under (a long
    objective's title cut to the line, on every page the same)."""
    room = A4[0] - 2 * MARGIN
    return typeset.fit(f"Filed under {section}", typeset.fonts().regular, typeset.SMALL, room)


def _heading_fitted(item: Evidence) -> tuple[str, float]:
    text = f"{item.ref}: {' '.join(item.title.split())}"
    bold = typeset.fonts().bold
    room = A4[0] - 2 * MARGIN
    for size in (typeset.HEADING, 14.0, 13.0, 12.0, 11.0):
        if typeset.text_width(text, bold, size) <= room:
            return text, size
    return typeset.fit(text, bold, 11.0, room), 11.0


def _heading(
    pdf: Canvas, item: Evidence, note: str, section: str = "", size: tuple[float, float] = A4
) -> None:
    """The heading band under the running head: where the item is filed, its ref and title,
    date, KPIs and type, a note if any; a rule beneath, ``BAND`` points from the top."""
    width, height = size
    fonts = typeset.fonts()
    room = width - 2 * MARGIN
    pdf.setFillColorRGB(*typeset.GREY)
    if section:
        typeset.draw(pdf, MARGIN, height - 44, filed_under(section), fonts.regular, typeset.SMALL)
    pdf.setFillColorRGB(*typeset.NAVY)
    text, points = _heading_fitted(item)
    typeset.draw(pdf, MARGIN, height - 64, text, fonts.bold, points)
    pdf.setFillColorRGB(*typeset.INK)
    details = [
        f"Date: {item.dated}" if item.dated else "Date: not given",
        f"Supports KPI{'s' if len(item.kpis) > 1 else ''} {', '.join(item.kpis)}",
    ]
    if item.type:
        details.append(f"Type: {item.type}")
    if note:
        details.append(note)
    line = typeset.fit("   ·   ".join(details), fonts.regular, typeset.BODY, room)
    typeset.draw(pdf, MARGIN, height - 81, line, fonts.regular, typeset.BODY)
    pdf.setStrokeGray(0.6)
    pdf.line(MARGIN, height - BAND + 4, width - MARGIN, height - BAND + 4)


class Unreadable(Exception):
    """An evidence file the appendix cannot print, and why, in the coordinator's words."""


def open_pdf(document: Path) -> PdfReader:
    """An evidence PDF opened for printing, or :class:`Unreadable` saying why not.

    A PDF with only an owner password (it opens without one; the password limits editing or
    printing) is printed: the school chose to put it In pack. One that needs a password to be
    opened at all cannot be. Whatever else a broken file makes pypdf raise is "cannot be read":
    a school's file never ends the build."""
    try:
        reader = PdfReader(document)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("it needs a password to be opened: save a copy without one")
        if not reader.pages:
            raise Unreadable("the PDF has no pages")
        return reader
    except Unreadable:
        raise
    except Exception as exc:
        raise Unreadable(f"the PDF cannot be read: {type(exc).__name__}") from exc


def framed_document(item: Item, document: Path, out: Path) -> Path:
    """The document's own pages in the appendix, no cover sheet: each made A4 and scaled to sit
    inside the page frame, the first under the item's heading band."""
    reader = open_pdf(document)
    writer = PdfWriter()
    for number, source in enumerate(reader.pages):
        clean_page(source)
        page = writer.add_page(source)
        if page.rotation:
            unrotate(page)
        to_a4(page)
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        # One scale for every page of the item: the first page's room under the band.
        scale = (height - BAND - FOOT_ROOM) / height
        left = width * (1 - scale) / 2
        bottom = FOOT_ROOM if number == 0 else (height - height * scale) / 2
        transform(page, Transformation().scale(scale, scale).translate(left, bottom))
        if number == 0:
            buffer = io.BytesIO()
            band = typeset.new_canvas(buffer, (width, height))
            _heading(band, item.evidence, "", item.section, (width, height))
            band.showPage()
            band.save()
            buffer.seek(0)
            page.merge_page(PdfReader(buffer).pages[0])
    scrub(writer)  # whatever the pages' resources brought in with them
    with out.open("wb") as handle:
        writer.write(handle)
    return out


def missing_page(item: Item, out: Path) -> Path:
    pdf = typeset.new_canvas(str(out), A4)
    _heading(pdf, item.evidence, "", item.section)
    _, height = A4
    fonts = typeset.fonts()
    pdf.setFont(fonts.bold, typeset.SUBHEADING + 2)
    pdf.drawString(MARGIN, height - HEADER - 30, "Not available — see the portfolio.")
    room = A4[0] - 2 * MARGIN
    lines = typeset.wrap(f"It could not be printed here: {item.reason}.", fonts.regular, 10, room)
    if item.evidence.location:
        lines += typeset.wrap(f"Location: {item.evidence.location}", fonts.regular, 10, room)
    for number, line in enumerate(lines[:30]):
        typeset.draw(pdf, MARGIN, height - HEADER - 50 - 16 * number, line, fonts.regular, 10)
    pdf.showPage()
    pdf.save()
    return out


# EXIF orientations that turn a photo a quarter: its width and height swap when upright.
_QUARTER_TURNS = {5, 6, 7, 8}


def _picture(source: Path, box: tuple[float, float]) -> tuple[Image.Image, float, float]:
    """The photo upright, at most ``MAX_DPI`` at the size it is placed in ``box`` (points), and
    that size. A JPEG is decoded at the reduced size straight away (a 100-megapixel photo in
    40 MB, not 300); anything past ``MAX_PIXELS`` is :class:`Unreadable` before it is decoded."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            original = Image.open(source)
        except Image.DecompressionBombError as exc:  # so large Pillow will not even open it
            said = re.search(r"\((\d+) pixels\)", str(exc))
            raise Unreadable(_too_large(int(said[1]) if said else 0)) from None
        with original:
            width, height = original.size
            if width * height > MAX_PIXELS:
                raise Unreadable(_too_large(width, height))
            orientation = original.getexif().get(0x0112, 1)
            turned = orientation in _QUARTER_TURNS
            upright = (height, width) if turned else (width, height)
            scale = min(box[0] / upright[0], box[1] / upright[1], 72 / MIN_PPI)
            placed = (upright[0] * scale, upright[1] * scale)
            most = [max(1, round(n / 72 * MAX_DPI)) for n in placed]
            if turned:
                most.reverse()
            original.draft("RGB", (most[0], most[1]))  # JPEG: decoded at 1/2, 1/4 or 1/8
            picture: Image.Image = original
            if picture.width > most[0]:
                picture = picture.resize((most[0], most[1]), Image.Resampling.LANCZOS)
            picture = _flattened(_turn(picture, orientation))
    return picture, placed[0], placed[1]


def _flattened(picture: Image.Image) -> Image.Image:
    """``picture`` in RGB, anything transparent on white (a new image, whatever it was)."""
    if picture.mode in ("RGBA", "LA", "P", "PA"):
        rgba = picture.convert("RGBA")
        background = Image.new("RGB", picture.size, "white")
        background.paste(rgba, mask=rgba.split()[-1])
        return background
    return picture.convert("RGB")


def _turn(picture: Image.Image, orientation: int) -> Image.Image:
    """``picture`` turned upright as its EXIF ``orientation`` says."""
    method = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation)
    return picture.transpose(method) if method is not None else picture


def _too_large(width: int = 0, height: int = 0) -> str:
    """Why a picture is not printed: its size (``width`` alone: a count of pixels)."""
    if width and height:
        size = f" ({width} × {height} pixels)"
    else:
        size = f" ({width / 1_000_000:,.0f} million pixels)" if width else ""
    return (
        f"the picture is too large to print{size}: the pack prints pictures of up to "
        f"{MAX_PIXELS // 1_000_000} million pixels. Save a smaller copy"
    )


def image_page(item: Item, out: Path) -> Path:
    """The photo on an A4 page under its heading, upright as taken, scaled to fit but never
    printed at under 150 pixels per inch (a small photo stays small), and downsampled to at
    most 200 dots per inch at the size placed."""
    assert item.source is not None
    width, height = A4
    box_w, box_h = width - 2 * MARGIN, height - HEADER - FOOT_ROOM
    picture, placed_w, placed_h = _picture(item.source, (box_w, box_h))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82, optimize=True)
    buffer.seek(0)
    pdf = typeset.new_canvas(str(out), A4)
    _heading(pdf, item.evidence, "", item.section)
    x = MARGIN + (box_w - placed_w) / 2
    y = height - HEADER - placed_h
    pdf.drawImage(ImageReader(buffer), x, y, placed_w, placed_h)
    pdf.showPage()
    pdf.save()
    return out


@dataclass(frozen=True)
class Printed:
    """An item made ready: the PDFs that print it, in order, and how many pages they make."""

    item: Item
    pdfs: tuple[Path, ...]
    pages: int


def file_safe(ref: str) -> str:
    """A ref as part of a working file's name: as typed where that is safe on every system
    (E07), else its slug and a short hash (E/107, E:07 — a slash or colon in a file name ends
    the build on Windows, and E/107 and E-107 must not share a file)."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", ref):
        return ref
    return f"{slugify(ref)}-{hashlib.sha256(ref.encode('utf-8')).hexdigest()[:8]}"


def appendix_pages(printed: list[Printed]) -> dict[str, int]:
    """Each item's first page, counted within the appendix (1 for its first page)."""
    pages, page = {}, 1
    for item in printed:
        pages[item.item.evidence.ref] = page
        page += item.pages
    return pages


def make_item(item: Item, converted: Path | None, work: Path, findings: Findings) -> Printed:
    """The item's pages; any file that will not print becomes a "not available" page."""
    name = f"appendix-{file_safe(item.evidence.ref)}"
    where = CellRef(
        item.evidence.source.file, item.evidence.source.sheet, item.evidence.source.row, "Location"
    )

    def missing(reason: str) -> Printed:
        findings.warn(
            where,
            f"{item.evidence.ref} could not be printed in the evidence appendix ({reason}); its "
            "page says it is not available. Replace the file with a PDF, or mark it not In pack.",
            group=Group.EVIDENCE,
        )
        gap = Item(item.evidence, "missing", None, reason, item.section)
        return Printed(gap, (missing_page(gap, work / f"{name}.pdf"),), 1)

    if item.kind == "missing":
        return Printed(item, (missing_page(item, work / f"{name}.pdf"),), 1)
    if item.kind == "image":
        try:
            return Printed(item, (image_page(item, work / f"{name}.pdf"),), 1)
        except Unreadable as exc:
            return missing(str(exc))
        except (OSError, UnidentifiedImageError, ValueError, SyntaxError) as exc:
            return missing(f"the image cannot be read: {type(exc).__name__}")
    document = item.source if item.kind == "pdf" else converted
    if document is None:
        return missing("LibreOffice could not convert it")
    try:
        pages = len(open_pdf(document).pages)
        framed = framed_document(item, document, work / f"{name}.pdf")
        if active_content(framed):  # the last wall: what the cleaning did not take out
            return missing("it holds active content (scripts, actions or attached files)")
    except Unreadable as exc:
        return missing(str(exc))
    except Exception as exc:
        return missing(f"the PDF cannot be printed: {type(exc).__name__}")
    return Printed(item, (framed,), pages)
