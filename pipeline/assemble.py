"""The only code that merges PDFs: parts in an explicit order, a bookmark per part with the
part's own headings beneath it, page numbers stamped on every page with matching page labels,
and the pack's metadata."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageLabelStyle
from pypdf.generic import NameObject, TextStringObject
from reportlab.pdfgen import canvas


@dataclass(frozen=True)
class Part:
    """One document of the pack, in the order given; ``title`` is its bookmark."""

    title: str
    pdf: Path


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
        writer.append(part.pdf, outline_item=part.title, import_outline=True)
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
