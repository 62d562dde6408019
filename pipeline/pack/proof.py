"""The proof: the assembled pack read back, to show that every item each document was made to
show reached its pages.

LibreOffice can drop table rows at a page break without any error (a row set not to split,
under a heading kept with it), so a pack is not trusted because the documents were right. Each
renderer says what it put in (a manifest of :class:`Shown` items, in document order); the proof
reads the text of the pages each part occupies and finds every item there, in that order. A
:class:`Pointer` is a page number the pack itself prints (the contents, the portfolio index):
the page it names must show what it promises.

Text is compared with all white space removed, so that line wrapping, justification and the
spaces PDF text extraction invents never matter; each cell contributes only its first few
words, which are on the row's first line, and so on its first page, even when a long row
breaks across pages inside its cells.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

KEY_LENGTH = 12  # characters of a cell's text (white space removed) that are looked for


def squeeze(text: str) -> str:
    """Text as the proof compares it: compatibility forms folded, no white space at all."""
    folded = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return "".join(folded.split())


def key(text: str) -> str:
    """The part of a cell's text that is looked for: its first words, up to ``KEY_LENGTH``
    characters (at least one word, cut at ``KEY_LENGTH``). A row may break across pages inside
    its cells (a long row must): what is looked for must be on the row's first line, which
    holds the first two or three words of any column but the narrowest."""
    taken = ""
    for word in unicodedata.normalize("NFKC", text).split():
        word = squeeze(word)
        if taken and len(taken) + len(word) > KEY_LENGTH:
            break
        taken += word
    return taken[:KEY_LENGTH]


@dataclass(frozen=True)
class Shown:
    """One item a document was made to show: its cells' texts, found in this order."""

    what: str  # how a coordinator would name it: "KPI 2.4", "action A12", "E07 under KPI 3.1"
    texts: tuple[str, ...]
    # False where the converter writes a row's cells out of order (Calc draws wrapped cells
    # after the rest of the page): the first text is still found in order, the others
    # anywhere on its page or the next.
    ordered: bool = True

    @classmethod
    def row(cls, what: str, *cells: str, ordered: bool = True) -> Shown:
        return cls(what, tuple(k for k in (key(c) for c in cells) if k), ordered)


@dataclass(frozen=True)
class Pointer:
    """A page number printed in the pack (1-based) and the text that page must show."""

    what: str
    page: int
    text: str

    @property
    def wanted(self) -> str:
        return key(self.text)


@dataclass(frozen=True)
class PartProof:
    """What one part of the pack was made to show, and where in the pack it is."""

    title: str
    first_page: int  # 0-based index in the pack
    pages: int
    shown: tuple[Shown, ...]


@dataclass(frozen=True)
class Missing:
    part: str
    what: str
    why: str

    def __str__(self) -> str:
        return f"{self.part}: {self.what} ({self.why})"


@dataclass(frozen=True)
class Proof:
    checked: int
    missing: tuple[Missing, ...]

    @property
    def found(self) -> int:
        return self.checked - len(self.missing)

    @property
    def ok(self) -> bool:
        return not self.missing

    def parts_missing(self) -> set[str]:
        return {m.part for m in self.missing}

    def __str__(self) -> str:
        return f"{self.found} of {self.checked} items found on their pages"


def find_in_order(pages: list[str], shown: Iterable[Shown], part: str) -> tuple[int, list[Missing]]:
    """Look for each item's texts in the part's ``pages`` (squeezed) in order, each item after
    the one before.

    An item that is not found is reported and the search goes on from where the last found
    item began, so one lost row is named alone rather than taking every later row with it.
    """
    text = "".join(pages)
    ends = list(accumulate(len(p) for p in pages))
    position = 0
    count = 0
    missing: list[Missing] = []
    for item in shown:
        count += 1
        if not item.texts:
            continue
        first = text.find(item.texts[0], position)
        if first < 0:
            missing.append(Missing(part, item.what, "not on its pages"))
            continue
        if item.ordered:
            at, found = first, True
            for piece in item.texts:
                at = text.find(piece, at)
                if at < 0:
                    found = False
                    break
                at += len(piece)
        else:
            page = bisect_right(ends, first)
            near = "".join(pages[page : page + 2])
            found = all(piece in near for piece in item.texts[1:])
        if not found:
            missing.append(Missing(part, item.what, "not all of it on its pages"))
            continue
        # The next item starts after this one's first text: a row's later cells may be
        # extracted after the next row's start when the row breaks across pages.
        position = first + len(item.texts[0])
    return count, missing


def prove(
    page_text: dict[int, str], parts: Iterable[PartProof], pointers: Iterable[Pointer]
) -> Proof:
    """Check every part's items on its pages and every printed page number's target.

    ``page_text`` maps 0-based page indexes to their extracted text; pages a part or pointer
    needs must be in it.
    """
    checked = 0
    missing: list[Missing] = []
    for part in parts:
        pages = [
            squeeze(page_text[i]) for i in range(part.first_page, part.first_page + part.pages)
        ]
        count, lost = find_in_order(pages, part.shown, part.title)
        checked += count
        missing += lost
    for pointer in pointers:
        checked += 1
        page = squeeze(page_text.get(pointer.page - 1, ""))
        if pointer.wanted not in page:
            missing.append(
                Missing("Page numbers", pointer.what, f"page {pointer.page} does not show it")
            )
    return Proof(checked, tuple(missing))
