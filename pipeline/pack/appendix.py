"""The evidence appendix: every file marked In pack, in portfolio order, each starting on a page
headed with its ref, title, date and the KPIs it supports. Only files inside the evidence
folder; photos only with consent; a file that cannot be printed gets a page that says so."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PdfReadError
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from pipeline import typeset
from pipeline.errors import CellRef, Findings, Group
from pipeline.pack.assemble import to_a4, transform, unrotate
from pipeline.read.evidence import FOLDER
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
        elif outcome in (Fate.NOT_A_FILE, Fate.FILE_MISSING):
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


def framed_document(item: Item, document: Path, out: Path) -> Path:
    """The document's own pages in the appendix, no cover sheet: each made A4 and scaled to sit
    inside the page frame, the first under the item's heading band."""
    reader = PdfReader(document)
    writer = PdfWriter()
    for number, source in enumerate(reader.pages):
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


def image_page(item: Item, out: Path) -> Path:
    """The photo on an A4 page under its heading, upright as taken, scaled to fit but never
    printed at under 150 pixels per inch (a small photo stays small), and downsampled to at
    most 200 dots per inch at the size placed."""
    assert item.source is not None
    with Image.open(item.source) as original:
        picture = ImageOps.exif_transpose(original)
        if picture.mode in ("RGBA", "LA", "P"):
            background = Image.new("RGB", picture.size, "white")
            background.paste(picture.convert("RGBA"), mask=picture.convert("RGBA").split()[-1])
            picture = background
        else:
            picture = picture.convert("RGB")
    width, height = A4
    box_w, box_h = width - 2 * MARGIN, height - HEADER - FOOT_ROOM
    scale = min(box_w / picture.width, box_h / picture.height, 72 / MIN_PPI)
    placed_w, placed_h = picture.width * scale, picture.height * scale
    most = (round(placed_w / 72 * MAX_DPI), round(placed_h / 72 * MAX_DPI))
    if picture.width > most[0]:
        picture = picture.resize(most, Image.Resampling.LANCZOS)
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


def page_count(path: Path) -> int | None:
    try:
        return len(PdfReader(path).pages)
    except (OSError, PdfReadError, ValueError):
        return None


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
        except (OSError, UnidentifiedImageError, ValueError) as exc:
            return missing(f"the image cannot be read: {type(exc).__name__}")
    document = item.source if item.kind == "pdf" else converted
    if document is None:
        return missing("LibreOffice could not convert it")
    pages = page_count(document)
    if not pages:
        return missing("the PDF cannot be read")
    try:
        framed = framed_document(item, document, work / f"{name}.pdf")
    except (OSError, PdfReadError, ValueError) as exc:
        return missing(f"the PDF cannot be read: {type(exc).__name__}")
    return Printed(item, (framed,), pages)
