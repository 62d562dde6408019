"""What a document was made to show, for the proof that reads the pack back.

Each renderer (``documents/``) lists the items it put in, in document order, and the page
numbers it printed; the proof (``pack/proof.py``) finds them on the pack's pages. Both import
these types from here, below either.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shown:
    """One item a document was made to show (a table row, a heading, a line): the texts of its
    cells, each of which must be printed whole, start to end, within the item's band on its
    page or pages. ``where`` names the workbook cell it came from, when there is one, so that
    a coordinator can find a lost item."""

    what: str  # how a coordinator would name it: "KPI 2.4", "action A12", "E07 under KPI 3.1"
    texts: tuple[str, ...]
    where: str = ""

    @classmethod
    def row(cls, what: str, *cells: object, where: str = "") -> Shown:
        """An item of ``cells``, each as printed; empty cells are not looked for."""
        return cls(what, tuple(t for t in (str(c).strip() for c in cells) if t), where)


@dataclass(frozen=True)
class Pointer:
    """A page number printed in the pack (1-based) and the text that page must show."""

    what: str
    page: int
    text: str
