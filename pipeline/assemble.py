"""The only code that merges PDFs: parts in an explicit order, a bookmark per part with the
part's own headings beneath it, page numbers stamped on every page with matching page labels,
and the pack's metadata."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import NameObject, TextStringObject
from reportlab.pdfgen import canvas


@dataclass(frozen=True)
class Part:
    """One document of the pack, in the order given; ``title`` is its bookmark.

    Beneath it go the document's own headings (LibreOffice exports a Word file's headings as
    bookmarks) or, for a spreadsheet, which has none, a bookmark for each of ``sections`` at
    the first page whose text holds it.
    """

    title: str
    pdf: Path
    sections: tuple[str, ...] = ()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _copy_outline(
    writer: PdfWriter, reader: PdfReader, items: list[Any], parent: Any, offset: int
) -> None:
    last = None
    for item in items:
        if isinstance(item, list):
            if last is not None:
                _copy_outline(writer, reader, item, last, offset)
            continue
        page = reader.get_destination_page_number(item) or 0
        last = writer.add_outline_item(title=item.title, page_number=offset + page, parent=parent)


def _add_part(writer: PdfWriter, part: Part) -> None:
    reader = PdfReader(part.pdf)
    start = len(writer.pages)
    writer.append(reader, import_outline=False)
    parent = writer.add_outline_item(title=part.title, page_number=start)
    if not part.sections:
        _copy_outline(writer, reader, list(reader.outline), parent, start)
        return
    texts = [_flat(page.extract_text()) for page in reader.pages]
    for section in part.sections:
        wanted = _flat(section)
        page = next((i for i, text in enumerate(texts) if wanted in text), None)
        if page is None:  # a title wrapped across lines: look for its start
            page = next((i for i, text in enumerate(texts) if wanted[:40] in text), 0)
        writer.add_outline_item(title=section, page_number=start + page, parent=parent)


@dataclass(frozen=True)
class PackInfo:
    title: str
    author: str
    subject: str
    created: date
    language: str = "en-GB"


def _stamps(sizes: list[tuple[float, float]]) -> PdfReader:
    """One overlay page per pack page carrying "Page N of M", bottom centre."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=True)
    total = len(sizes)
    for number, (width, height) in enumerate(sizes, start=1):
        pdf.setPageSize((width, height))
        pdf.setFont("Helvetica", 9)
        pdf.setFillGray(0.25)
        pdf.drawCentredString(width / 2, 22, f"Page {number} of {total}")
        pdf.showPage()
    pdf.save()
    buffer.seek(0)
    return PdfReader(buffer)


def assemble_pack(parts: list[Part], out: Path, info: PackInfo) -> int:
    """Merge ``parts`` into ``out``; returns the number of pages."""
    writer = PdfWriter()
    for part in parts:
        _add_part(writer, part)
    for page in writer.pages:
        if page.rotation:
            page.transfer_rotation_to_content()
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in writer.pages]
    stamps = _stamps(sizes)
    for page, stamp in zip(writer.pages, stamps.pages, strict=True):
        page.merge_page(stamp)
    total = len(writer.pages)
    writer.set_page_label(0, total - 1, style=PageLabelStyle.DECIMAL, start=1)
    when = info.created.strftime("D:%Y%m%d000000Z")
    writer.add_metadata(
        {
            "/Title": info.title,
            "/Author": info.author,
            "/Subject": info.subject,
            "/Creator": "LPPA pipeline",
            "/Producer": "LPPA pipeline (pypdf)",
            "/CreationDate": when,
            "/ModDate": when,
        }
    )
    writer._root_object[NameObject("/Lang")] = TextStringObject(info.language)
    writer.page_mode = "/UseOutlines"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        writer.write(handle)
    return total
