"""How text wraps in a spreadsheet cell, measured with the metrics of the font LibreOffice will
print it in: a row given a height of its own never grows (Calc clips or overprints its text),
so the Action Plan sets every row's height from its wrapped lines.

The font is found by name as LibreOffice finds it: the named font if the machine has it (a
school's Windows PC has Calibri), else its metric-compatible replacement (Carlito for Calibri,
as LibreOffice substitutes it), else a wide font, so that a row is never too short. A character
the font lacks is printed by LibreOffice in another font that has it, and measured so here.
Widths err a little wide: a row a line too tall costs white space, a line too short loses text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

# The replacements LibreOffice makes for Microsoft's fonts (its VCL.xcu substitution table).
REPLACEMENTS = {
    "calibri": "Carlito",
    "cambria": "Caladea",
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "times new roman": "Liberation Serif",
    "courier new": "Liberation Mono",
}
# Where LibreOffice finds a character the cell's font lacks: fonts that cover other scripts.
FALLBACKS = (
    "DejaVu Sans",
    "Noto Sans",
    "Noto Naskh Arabic",
    "Noto Nastaliq Urdu",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Liberation Sans",
    "Arial",
    "Segoe UI",
)
SLACK = 1.10  # text measured this much wider than the font says (Calc wraps sooner: measured)
LINE_SLACK = 1.05  # and lines this much taller
PADDING = 3.0  # points of a cell's inner margin on each side


@dataclass(frozen=True)
class Face:
    """A font's advance widths and line height, in ems."""

    advances: dict[int, float]  # code point → advance, in ems
    line: float  # the distance from one baseline to the next in a cell, in ems

    @classmethod
    def read(cls, path: str) -> Face:
        logging.getLogger("fontTools").setLevel(logging.ERROR)  # old fonts' dates, and such
        font = TTFont(path, lazy=True, fontNumber=0)
        try:
            em = font["head"].unitsPerEm
            widths = font["hmtx"].metrics
            advances = {
                code: widths[glyph][0] / em
                for code, glyph in font.getBestCmap().items()
                if glyph in widths
            }
            # Calc sets a cell's wrapped lines its font's ascent and descent apart, without the
            # line gap (measured: 9-point Carlito lines 9.1 points apart).
            hhea = font["hhea"]
            heights = [hhea.ascent - hhea.descent]
            return cls(advances, max(heights) / em)
        finally:
            font.close()


@cache
def _find(family: str, bold: bool) -> str | None:
    """The file of ``family`` on this machine, or None (matplotlib's font list: the same on
    Linux, macOS and Windows)."""
    from matplotlib import font_manager

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    try:
        found = font_manager.findfont(
            font_manager.FontProperties(family=family, weight="bold" if bold else "normal"),
            fallback_to_default=False,
        )
    except ValueError:
        return None
    if Path(found).suffix.casefold() not in (".ttf", ".otf", ".ttc"):
        return None
    return found


@cache
def face(name: str, bold: bool = False) -> Face | None:
    """The face a cell in font ``name`` is printed with."""
    for family in (name, REPLACEMENTS.get(name.casefold(), ""), *FALLBACKS):
        if family:
            path = _find(family, bold)
            if path is not None:
                return Face.read(path)
    return None


@cache
def _fallbacks() -> tuple[Face, ...]:
    found = []
    for family in FALLBACKS:
        path = _find(family, False)
        if path is not None:
            found.append(Face.read(path))
    return tuple(found)


def _face_of(code: int, main: Face | None) -> Face | None:
    """The face that prints a character: the cell's own, else the first fallback that has
    it; None when no font here has it."""
    if main is not None and code in main.advances:
        return main
    return next((f for f in _fallbacks() if code in f.advances), None)


@dataclass(frozen=True)
class Measure:
    """Text in one font at one size, measured in points."""

    name: str
    size: float
    bold: bool = False

    def width(self, text: str) -> float:
        main = face(self.name, self.bold)
        total = 0.0
        for char in text:
            found = _face_of(ord(char), main)
            # A character no font here has: an em, to be safe.
            total += found.advances[ord(char)] if found is not None else 1.0
        return total * self.size * SLACK

    @property
    def line_height(self) -> float:
        main = face(self.name, self.bold)
        return (main.line if main is not None else 1.3) * self.size * LINE_SLACK

    def line_height_of(self, line: str) -> float:
        """A line is as tall as the tallest font it is printed in (a fallback for another
        script can be far taller: Nastaliq Urdu is)."""
        main = face(self.name, self.bold)
        tallest = main.line if main is not None else 1.3
        for char in set(line):
            found = _face_of(ord(char), main)
            if found is not None and found.line > tallest:
                tallest = found.line
        return tallest * self.size * LINE_SLACK

    def wrap(self, text: str, width: float) -> list[str]:
        """The lines ``text`` wraps to in a cell ``width`` points wide: at spaces, and inside a
        word only where the word alone is wider than the cell; a line break in the text is
        kept."""
        room = max(width - 2 * PADDING, self.size)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                trial = f"{line} {word}" if line else word
                if self.width(trial) <= room:
                    line = trial
                    continue
                if line:
                    lines.append(line)
                line = ""
                while self.width(word) > room:  # a word wider than the cell breaks anywhere
                    cut = max(1, self._fits(word, room))
                    lines.append(word[:cut])
                    word = word[cut:]
                line = word
            lines.append(line)
        return lines

    def _fits(self, word: str, room: float) -> int:
        low, high = 0, len(word)
        while low < high:
            middle = (low + high + 1) // 2
            if self.width(word[:middle]) <= room:
                low = middle
            else:
                high = middle - 1
        return low

    def height(self, lines: list[str]) -> float:
        """A row's height for its cell's wrapped ``lines``, with the margins above and below."""
        return sum(self.line_height_of(line) for line in lines or [""]) + 2 * PADDING
