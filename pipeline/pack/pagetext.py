"""A PDF's printed text as lines on the page, read by position.

The order in which a PDF holds its text is not the order of its lines: Calc writes a wrapped
cell's later lines after the other cells of the row, a long sheet's text interleaves, and a
landscape page turned onto a portrait sheet holds its text sideways. So each character is
placed where a reader sees it (PDFium gives every character's origin; the page's own turn is
applied), the characters are gathered into lines by their baselines, top to bottom, and each
line is read left to right.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

BASELINE_TOLERANCE = 2.5  # points: characters whose baselines are this close share a line
# What PDFium gives for a hyphen it takes to break a word at a line's end.
LINE_END_HYPHENS = {"\ufffe": "-", "\x02": "-"}


@dataclass(frozen=True)
class Line:
    """One printed line of a page: where its baseline is and its
    characters left to right, white space and all."""

    page: int  # 0-based
    baseline: float  # points from the top of the page as seen
    text: str


def _device_map(page: pdfium.PdfPage) -> tuple[float, float, float, float, float, float]:
    """The affine map from the page's own coordinates to the page as seen (y downwards), its
    /Rotate applied: (a, b, c, d, e, f) with x' = a x + c y + e, y' = b x + d y + f."""
    width, height = page.get_size()  # as seen, in points
    size = int(max(width, height) * 4)
    scale = size / max(width, height)
    dx, dy = ctypes.c_int(), ctypes.c_int()

    def to_device(x: float, y: float) -> tuple[float, float]:
        pdfium_c.FPDF_PageToDevice(
            page.raw,
            0,
            0,
            int(width * scale),
            int(height * scale),
            0,  # no turn beyond the page's own /Rotate, which PDFium applies itself
            x,
            y,
            ctypes.byref(dx),
            ctypes.byref(dy),
        )
        return dx.value / scale, dy.value / scale

    ox, oy = to_device(0, 0)
    ax, ay = to_device(1000, 0)
    bx, by = to_device(0, 1000)
    return ((ax - ox) / 1000, (ay - oy) / 1000, (bx - ox) / 1000, (by - oy) / 1000, ox, oy)


def page_lines(textpage: pdfium.PdfTextPage, page: pdfium.PdfPage, index: int) -> list[Line]:
    """The page's text as lines, top to bottom, each read left to right; text printed turned
    (a landscape page's running head, on a portrait sheet) is read as its reader would turn
    the page, after the upright text."""
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    aligned = len(text) == count  # one character per index (not so past U+FFFF)
    a, b, c, d, e, f = _device_map(page)
    x, y = ctypes.c_double(), ctypes.c_double()
    turned: dict[int, list[tuple[float, float, int, str]]] = {}
    for i in range(count):
        char = text[i] if aligned else chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 32)
        char = LINE_END_HYPHENS.get(char, char)
        if char.isspace() or not char.isprintable():
            continue
        if not pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(x), ctypes.byref(y)):
            continue
        across, down = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, i)
        # PDFium measures the angle clockwise: the baseline's direction in the page's space.
        ux, uy = math.cos(angle), -math.sin(angle)
        quarter = round(math.degrees(math.atan2(b * ux + d * uy, a * ux + c * uy)) / 90) % 4
        cos, sin = ((1, 0), (0, 1), (-1, 0), (0, -1))[quarter]
        along, beneath = across * cos + down * sin, down * cos - across * sin
        turned.setdefault(quarter, []).append((beneath, along, i, char))
    lines: list[Line] = []
    for quarter in sorted(turned):
        placed = sorted(turned[quarter])
        group: list[tuple[float, float, int, str]] = []
        for item in placed:
            if group and item[0] - group[0][0] > BASELINE_TOLERANCE:
                lines.append(_line(index, group))
                group = []
            group.append(item)
        if group:
            lines.append(_line(index, group))
    return lines


def _line(index: int, group: list[tuple[float, float, int, str]]) -> Line:
    """Characters of one baseline, left to right; those at the same place (a ligature's
    letters) in the order the PDF gives them."""
    ordered = sorted(group, key=lambda g: (round(g[1], 2), g[2]))
    return Line(index, group[0][0], "".join(g[3] for g in ordered))


T = TypeVar("T")


def read_pages(
    pdf: Path,
    pages: Iterable[int] | None,
    read: Callable[[pdfium.PdfTextPage, pdfium.PdfPage, int], T],
) -> dict[int, T]:
    """``read(textpage, page, index)`` of each of ``pages`` (0-based; all if None) of ``pdf``,
    read by PDFium: a reader independent of the one that wrote the pack."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        wanted = range(len(document)) if pages is None else sorted(set(pages))
        found = {}
        for index in (i for i in wanted if 0 <= i < len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                found[index] = read(textpage, page, index)
            finally:
                textpage.close()
                page.close()
        return found
    finally:
        document.close()


def pdf_lines(pdf: Path, pages: Iterable[int] | None = None) -> dict[int, list[Line]]:
    """The printed lines of ``pages`` (0-based; all if None) of ``pdf``."""
    return read_pages(pdf, pages, page_lines)
