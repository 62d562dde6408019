"""The contents page: every section and objective with its real page in the merged pack."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from pipeline import typeset

TITLE = "Contents"
MARGIN = 56.0
LINE = 15.0


@dataclass(frozen=True)
class Entry:
    title: str
    page: int  # 1-based, as printed
    level: int  # 0: a section, 1: an objective within it
    part: str = ""  # the section an objective's entry is in


def render_contents(entries: list[Entry], school: str, out: Path) -> Path:
    """The contents, on as many pages as it needs (the same for any page numbers)."""
    width, height = A4
    fonts = typeset.fonts()
    pdf = typeset.new_canvas(str(out), A4)
    pdf.setTitle(TITLE)

    def top(first: bool) -> float:
        pdf.setFillColorRGB(*typeset.NAVY)
        pdf.setFont(fonts.bold, typeset.TITLE if first else typeset.SUBHEADING)
        pdf.drawString(MARGIN, height - MARGIN - 10, TITLE if first else f"{TITLE} (continued)")
        if first:
            pdf.setFillColorRGB(*typeset.GREY)
            pdf.setFont(fonts.regular, typeset.BODY)
            typeset.draw(pdf, MARGIN, height - MARGIN - 30, school, fonts.regular, typeset.BODY)
        return height - MARGIN - (60 if first else 40)

    y = top(True)
    for entry in entries:
        font = fonts.bold if entry.level == 0 else fonts.regular
        size = typeset.BODY + 1 if entry.level == 0 else typeset.BODY
        indent = MARGIN + 18 * entry.level
        number = str(entry.page)
        right = width - MARGIN
        room = right - indent - stringWidth(number, font, size) - 30
        # A long title (the award's own wording of an objective) wraps; the page number and
        # its leader dots go on its last line. An entry is never split across pages.
        lines = typeset.wrap(entry.title, font, size, room)
        if entry.level == 0:
            y -= 6
        if y - LINE * (len(lines) - 1) < MARGIN + 30:
            pdf.showPage()
            y = top(False)
        pdf.setFillColorRGB(*typeset.INK)
        for line in lines[:-1]:
            typeset.draw(pdf, indent, y, line, font, size)
            y -= LINE - 2
        drawn = typeset.draw(pdf, indent, y, lines[-1], font, size)
        pdf.setFont(font, size)
        pdf.drawRightString(right, y, number)
        start = indent + drawn + 6
        end = right - stringWidth(number, font, size) - 6
        pdf.setFillGray(0.55)
        dots = "." * max(0, int((end - start) / stringWidth(".", font, size)))
        pdf.drawString(start, y, dots)
        y -= LINE
    pdf.showPage()
    pdf.save()
    return out
