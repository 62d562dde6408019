"""The pack's type system, declared once: the family, sizes and colours of the text, and the
page frame (margins, running head and foot), for every page of the pack.

The Word and Excel templates name Calibri, which LibreOffice sets in Carlito (the same widths)
where Calibri is not installed; the pages the pipeline draws itself (the contents, the running
heads and feet, the appendix's headings) and the charts use the same family, embedded. Carlito
comes with LibreOffice on Windows and macOS and in Debian's fonts-crosextra-carlito; Calibri
itself is used where Carlito is not found.
"""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FAMILY = "Carlito"

# Sizes in points.
TITLE = 22.0
HEADING = 15.0
SUBHEADING = 12.0
BODY = 10.0
SMALL = 9.0  # tables, captions, the running head and foot
MINIMUM = 8.0  # nothing printed smaller (chart labels included)

# Colours as (red, green, blue) from 0 to 1.
NAVY = (0x1F / 255, 0x4E / 255, 0x79 / 255)  # headings
INK = (0.1, 0.1, 0.1)  # body text
GREY = (0.35, 0.35, 0.35)  # running head and foot, notes

# The page frame, the same on every page, portrait or landscape.
MARGIN = 15 * mm  # left and right
HEAD = 9 * mm  # from the top edge to the running head's baseline
FOOT = 9 * mm  # from the bottom edge to the running foot's baseline

_STYLES = {
    "regular": ("Carlito-Regular.ttf", "calibri.ttf"),
    "bold": ("Carlito-Bold.ttf", "calibrib.ttf"),
    "italic": ("Carlito-Italic.ttf", "calibrii.ttf"),
    "bold_italic": ("Carlito-BoldItalic.ttf", "calibriz.ttf"),
}
_FALLBACK = {
    "regular": "Helvetica",
    "bold": "Helvetica-Bold",
    "italic": "Helvetica-Oblique",
    "bold_italic": "Helvetica-BoldOblique",
}


@dataclass(frozen=True)
class Fonts:
    """The reportlab names of the family's four styles, registered and ready to draw with."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    embedded: bool  # False: no Carlito or Calibri found, the PDF's standard Helvetica is used


def font_folders() -> list[Path]:
    """Where Carlito or Calibri may be: LPPA_FONTS, then LibreOffice's own fonts, then the
    system's."""
    folders = [Path(os.environ["LPPA_FONTS"])] if os.environ.get("LPPA_FONTS") else []
    office = os.environ.get("LPPA_SOFFICE") or shutil.which("soffice")
    if office:
        folders.append(Path(office).resolve().parent.parent / "share" / "fonts" / "truetype")
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        for program in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
            if program:
                folders.append(Path(program) / "LibreOffice" / "share" / "fonts" / "truetype")
        folders.append(windows / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        folders += [
            Path("/Applications/LibreOffice.app/Contents/Resources/fonts/truetype"),
            Path.home() / "Library" / "Fonts",
            Path("/Library/Fonts"),
        ]
    else:
        folders += [
            Path("/usr/share/fonts/truetype/crosextra"),
            Path("/usr/lib/libreoffice/share/fonts/truetype"),
            Path("/opt/libreoffice/share/fonts/truetype"),
            Path.home() / ".local" / "share" / "fonts",
            Path.home() / ".fonts",
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
        ]
    return folders


def _find(name: str, folders: list[Path]) -> Path | None:
    for folder in folders:
        if not folder.is_dir():
            continue
        direct = folder / name
        if direct.is_file():
            return direct
    for folder in folders:  # deeper, as font packages file them in subfolders
        if folder.is_dir():
            found = next(
                (p for p in folder.rglob("*.ttf") if p.name.casefold() == name.casefold()), None
            )
            if found:
                return found
    return None


@cache
def fonts() -> Fonts:
    """Register the family with reportlab (once) and return its style names."""
    folders = font_folders()
    for choice in (0, 1):  # Carlito, else Calibri
        files = {style: _find(names[choice], folders) for style, names in _STYLES.items()}
        if all(files.values()):
            names = {}
            for style, path in files.items():
                name = f"{FAMILY}-{style}"
                pdfmetrics.registerFont(TTFont(name, str(path)))
                names[style] = name
            pdfmetrics.registerFontFamily(
                FAMILY,
                normal=names["regular"],
                bold=names["bold"],
                italic=names["italic"],
                boldItalic=names["bold_italic"],
            )
            return Fonts(**names, embedded=True)
    return Fonts(**_FALLBACK, embedded=False)


def font_file(style: str = "regular") -> Path | None:
    """The file of one of the family's styles, for the charts (matplotlib)."""
    folders = font_folders()
    for choice in (0, 1):
        found = _find(_STYLES[style][choice], folders)
        if found:
            return found
    return None


def new_canvas(target: Any, pagesize: tuple[float, float] | None = None) -> Canvas:
    """A reportlab canvas that draws in the family from its first word (a canvas otherwise
    names Helvetica on every page, unembedded) and writes the same bytes for the same pages."""
    options: dict[str, Any] = {"invariant": True, "initialFontName": fonts().regular}
    if pagesize:
        options["pagesize"] = pagesize
    return Canvas(target, **options)


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` points in ``font`` at ``size``."""
    if text_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # the longest start that fits with its ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines that each fit ``width`` points, broken at spaces (inside a word only
    where the word alone is wider)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if text_width(trial, font, size) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        while text_width(word, font, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    return [*lines, line] if line or not lines else lines


# Fonts for what the family lacks (other scripts), in the order they are tried: Debian's Noto
# and DejaVu, then what Windows and macOS have. A character none of them has is drawn in the
# family, as the font's blank box, and the proof finds it missing.
FALLBACK_FILES = (
    "NotoNaskhArabic-Regular.ttf",
    "DejaVuSans.ttf",
    "NotoSans-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansBengali-Regular.ttf",
    "NotoSansGurmukhi-Regular.ttf",
    "NotoSansGujarati-Regular.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansThai-Regular.ttf",
    "segoeui.ttf",
    "Nirmala.ttf",
    "arial.ttf",
)


@cache
def fallback_fonts() -> tuple[tuple[str, frozenset[int]], ...]:
    """The fallback fonts found here, registered with reportlab, each with the characters it
    has."""
    folders = font_folders()
    found = []
    for index, file in enumerate(FALLBACK_FILES):
        path = _find(file, folders)
        if path is None:
            continue
        name = f"Fallback-{index}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception:
            continue
        found.append((name, _covered(name)))
    return tuple(found)


@cache
def _covered(font: str) -> frozenset[int]:
    face = getattr(pdfmetrics.getFont(font), "face", None)
    return frozenset(getattr(face, "charToGlyph", {}) or ())


def visual(text: str) -> str:
    """Text in the order it is drawn: right-to-left runs turned round, Arabic letters in the
    forms that join them (reportlab draws characters as given, one after another)."""
    if not any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` (as drawn) in runs of one font each: the family where it has the character,
    else the first fallback that has it."""
    own = _covered(font)
    found: list[tuple[str, str]] = []
    for char in text:
        name = font
        if ord(char) not in own and not char.isspace():
            name = next((n for n, has in fallback_fonts() if ord(char) in has), font)
        if found and found[-1][1] == name:
            found[-1] = (found[-1][0] + char, name)
        else:
            found.append((char, name))
    return found


def text_width(text: str, font: str, size: float) -> float:
    return sum(
        pdfmetrics.stringWidth(piece, name, size) for piece, name in runs(visual(text), font)
    )


def draw(
    pdf: Canvas, x: float, y: float, text: str, font: str, size: float, align: str = "left"
) -> float:
    """Draw ``text`` with its baseline at ``y``, starting at ``x`` (or centred on it, or ending
    at it), in any script: each character in a font that has it; returns its width."""
    pieces = runs(visual(text), font)
    width = sum(pdfmetrics.stringWidth(piece, name, size) for piece, name in pieces)
    at = x - (width / 2 if align == "centre" else width if align == "right" else 0)
    for piece, name in pieces:
        pdf.setFont(name, size)
        pdf.drawString(at, y, piece)
        at += pdfmetrics.stringWidth(piece, name, size)
    pdf.setFont(font, size)
    return width
