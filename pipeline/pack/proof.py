"""The proof: the assembled pack read back, to show that every item each document was made to
show reached its pages, whole.

LibreOffice can drop table rows at a page break, and a spreadsheet row that is too short cuts
its text, without any error; so a pack is not trusted because the documents were right. Each
renderer says what it put in (a manifest of :class:`Shown` items, in document order); the proof
finds every item on the pages of its part, by where its text is printed, not by the order in
which the PDF holds it:

1. The pages are read as lines (``pagetext``): top to bottom, each line left to right, so the
   part reads as one stream in the order a person reads the page.
2. Each item is placed by its first cell's opening words. Every place those words are printed
   is a candidate; the items' places must follow one another down the pages in document order,
   and of all such choices the one that matches most text wins (a longest chain). A ref that is
   printed again pages later, in a list, cannot pull the rows after it out of place.
3. Each item's band runs from the line after the item before it to the line of the item after
   it, across pages if the row breaks. Every cell of the item must be printed in its band, whole,
   start to end: its text is followed through the band line by line (a wrapped cell's lines are
   apart in the stream, other cells' text between them), so wrapping, column widths and a row
   broken across pages never matter, and a cut cell's lost end is found missing.

Text is compared without white space, compatibility forms folded and accents set aside, so
that justification, a font's ligatures and the way a converter composes marks do not matter.
A cell in a right-to-left script is printed in visual order: its letters must all be in the
band, in any order.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.manifest import Pointer, Shown
from pipeline.pack.pagetext import Line

MIN_PIECE = 3  # characters: a piece of a cell shorter than this must end a word
MIRRORED = str.maketrans(")]}>»›", "([{<«‹")
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "‐": "-", "‑": "-"})


def squeeze(text: str) -> str:
    """Text as the proof compares it: compatibility forms folded, accents and other combining
    marks set aside, quotes made straight, a closing bracket read as its opening one (a line
    that holds right-to-left text is read back with its brackets mirrored), no white space or
    invisible formatting at all."""
    folded = unicodedata.normalize("NFKD", text).translate(QUOTES).translate(MIRRORED)
    return "".join(
        c
        for c in folded
        if not c.isspace() and not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )


# Scripts whose letters a PDF's text does not give back reliably: right-to-left ones, printed in
# visual order, and those a shaping engine reorders and joins (Indic, Thai, Khmer …), whose
# glyphs map back to their letters only in part.
COMPLEX = (
    (0x0590, 0x08FF),
    (0x0900, 0x0DFF),
    (0x0E00, 0x0EFF),
    (0x1000, 0x109F),
    (0x1780, 0x17FF),
    (0xFB1D, 0xFDFF),
    (0xFE70, 0xFEFF),
)
COMPLEX_FOUND = 0.75  # of a complex script's letters, at least this share must be read back


def complex_script(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in COMPLEX)


@dataclass(frozen=True)
class Wanted:
    """A cell's text as looked for: squeezed, with where its words end (a wrapped line ends at
    one) and its words as typed, to name what was not found."""

    text: str
    ends: frozenset[int]
    words: tuple[tuple[int, str], ...]  # (squeezed offset where the word starts, the word)

    @classmethod
    def of(cls, text: str) -> Wanted:
        squeezed, ends, words = "", set(), []
        for word in text.split():
            piece = squeeze(word)
            if piece:
                words.append((len(squeezed), word))
                squeezed += piece
                ends.add(len(squeezed))
        return cls(squeezed, frozenset(ends), tuple(words))

    @property
    def opening(self) -> str:
        """Its first word, squeezed: where an item is looked for."""
        return self.text[: (self.words[1][0] if len(self.words) > 1 else len(self.text))]

    def from_word(self, at: int, count: int = 6) -> str:
        """The words as typed from the one holding squeezed offset ``at``."""
        starts = [s for s, _ in self.words]
        first = max(0, bisect_right(starts, at) - 1)
        taken = [w for _, w in self.words[first : first + count]]
        return " ".join(taken) + (" …" if first + count < len(self.words) else "")


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
    where: str = ""  # the workbook cell the item came from, if any

    def __str__(self) -> str:
        at = f" [{self.where}]" if self.where else ""
        return f"{self.part}: {self.what}{at} ({self.why})"


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


@dataclass(frozen=True)
class Stream:
    """A part's pages read as one text, line after line, and where each line begins in it."""

    text: str
    starts: tuple[int, ...]  # each line's offset in ``text``, and the end after the last

    @classmethod
    def of(cls, lines: Iterable[Line]) -> Stream:
        texts = [squeeze(line.text) for line in lines]
        starts = [0]
        for text in texts:
            starts.append(starts[-1] + len(text))
        return cls("".join(texts), tuple(starts))

    @property
    def lines(self) -> int:
        return len(self.starts) - 1

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def band(self, first: int, end: int) -> str:
        """The text of lines ``first`` up to (not including) ``end``."""
        return self.text[self.starts[first] : self.starts[max(first, min(end, self.lines))]]


def common_length(text: str, at: int, other: str, there: int, limit: int | None = None) -> int:
    """How many characters of ``text`` from ``at`` are printed in ``other`` from ``there``."""
    low, high = 0, min(len(text) - at, len(other) - there, limit or len(text))
    while low < high:  # the longest prefix: a prefix's prefix always matches
        middle = (low + high + 1) // 2
        if other.startswith(text[at : at + middle], there):
            low = middle
        else:
            high = middle - 1
    return low


def follow(wanted: Wanted, band: str, earliest: bool = False) -> int:
    """Follow a cell's text through its band, piece by piece (each piece a run of one printed
    line), each piece after the one before; returns how much of the text was found (all of it,
    ``len(wanted.text)``, when the cell is printed whole). Each piece is the longest run found
    (or, with ``earliest``, the first acceptable one): a piece shorter than ``MIN_PIECE`` must
    end a word, as a wrapped line does."""
    text, at, position = wanted.text, 0, 0
    while at < len(text):
        best, best_at = 0, -1
        probe = text[at : at + MIN_PIECE]
        for size in (len(probe), 1) if len(probe) > 1 else (1,):
            there = band.find(probe[:size], position)
            while there >= 0:
                length = common_length(text, at, band, there)
                acceptable = (
                    length >= MIN_PIECE or at + length in wanted.ends or at + length == len(text)
                )
                if acceptable and length > best:
                    best, best_at = length, there
                    if earliest or at + length == len(text):
                        break
                there = band.find(probe[:size], there + 1)
            if best:
                break
        if not best:
            return at
        at += best
        position = best_at + best
    return at


def printed_whole(wanted: Wanted, band: str) -> int:
    """How much of a cell's text is printed in ``band``: followed piece by piece; in a cell
    with a complex script (whose line a PDF reorders, and whose letters it gives back only in
    part), every other character found in any order, and most of the script's letters."""
    if any(complex_script(c) for c in wanted.text):
        text, have = wanted.text, Counter(band)
        letters = Counter(c for c in text if complex_script(c))
        others = Counter(c for c in text if not complex_script(c))
        read = sum(min(n, have[c]) for c, n in letters.items())
        if others - have or read < COMPLEX_FOUND * sum(letters.values()):
            return 0
        return len(wanted.text)
    found = follow(wanted, band)
    if found < len(wanted.text):
        found = max(found, follow(wanted, band, earliest=True))
    return found


@dataclass
class _Place:
    item: int
    offset: int
    score: int
    total: int = 0
    before: int = -1  # the place chosen for the item before, as an index into the places


def opening_score(stream: Stream, cells: list[Wanted], there: int) -> int:
    """How much of an item's row is printed on the line from ``there``: its first cell from
    there, then each later cell's first line where it begins further along that line (a cell
    printed in visual order, right to left, is passed over rather than ending the row)."""
    end = stream.starts[stream.line_of(there) + 1]
    line = stream.text[:end]
    score = 0
    for index, cell in enumerate(cells):
        if index:
            found = line.find(cell.opening, there) if cell.opening else -1
            if found < 0:
                continue
            there = found
        length = common_length(cell.text, 0, line, there)
        if index == 0 and length == 0:
            return 0
        score += length
        there += length
        if there >= end:
            break
    return score


def place_items(stream: Stream, items: list[list[Wanted]]) -> dict[int, int]:
    """Where each item begins in the stream (item index → offset): every place its first cell's
    opening word is printed is a candidate, scored by how much of its row follows there on that
    line; the chain of places in document order, each after the one before, with the most text
    matched, wins. Items left out of the chain are not on their pages."""
    places: list[_Place] = []
    for index, cells in enumerate(items):
        if not cells or not cells[0].text:
            continue
        opening = cells[0].opening
        there = stream.text.find(opening)
        while there >= 0:
            places.append(_Place(index, there, opening_score(stream, cells, there)))
            there = stream.text.find(opening, there + 1)
    if not places:
        return {}
    offsets = sorted({p.offset for p in places})
    rank = {offset: i + 1 for i, offset in enumerate(offsets)}
    tree = [(0, -1)] * (len(offsets) + 1)  # a Fenwick tree: the best chain ending before here

    def best_before(offset: int) -> tuple[int, int]:
        i, best = rank[offset] - 1, (0, -1)
        while i > 0:
            best = max(best, tree[i])
            i -= i & -i
        return best

    def record(offset: int, value: tuple[int, int]) -> None:
        i = rank[offset]
        while i < len(tree):
            tree[i] = max(tree[i], value)
            i += i & -i

    start = 0
    while start < len(places):  # an item's candidates are scored together, then recorded
        end = start
        while end < len(places) and places[end].item == places[start].item:
            end += 1
        for k in range(start, end):
            total, before = best_before(places[k].offset)
            places[k].total, places[k].before = total + places[k].score, before
        for k in range(start, end):
            record(places[k].offset, (places[k].total, k))
        start = end
    chosen: dict[int, int] = {}
    k = max(range(len(places)), key=lambda i: places[i].total)
    while k >= 0:
        chosen[places[k].item] = places[k].offset
        k = places[k].before
    return chosen


def prove_part(lines: list[Line], part: PartProof) -> tuple[int, list[Missing]]:
    """Each item of the part on its pages, whole."""
    stream = Stream.of(lines)
    items = list(part.shown)
    cells = [[Wanted.of(text) for text in item.texts] for item in items]
    placed = place_items(stream, cells)
    order = sorted(placed)
    line_of = {i: stream.line_of(placed[i]) for i in order}
    missing: list[Missing] = []
    for index, item in enumerate(items):
        if not cells[index]:
            continue
        if index not in placed:
            missing.append(Missing(part.title, item.what, "not on its pages", item.where))
            continue
        k = bisect_left(order, index)
        here = line_of[index]
        first = line_of[order[k - 1]] + 1 if k > 0 else 0
        first = min(first, here)
        end = line_of[order[k + 1]] if k + 1 < len(order) else stream.lines
        end = max(end, here + 1)
        band = stream.band(first, end)
        for wanted in cells[index]:
            found = printed_whole(wanted, band)
            if found < len(wanted.text):
                missing.append(
                    Missing(
                        part.title,
                        item.what,
                        f"not printed from “{wanted.from_word(found)}”",
                        item.where,
                    )
                )
                break
    return len(items), missing


def prove(
    page_lines: dict[int, list[Line]], parts: Iterable[PartProof], pointers: Iterable[Pointer]
) -> Proof:
    """Check every part's items on its pages and every printed page number's target.

    ``page_lines`` maps 0-based page indexes to their printed lines; pages a part or pointer
    needs must be in it.
    """
    checked = 0
    missing: list[Missing] = []
    for part in parts:
        lines = [
            line
            for i in range(part.first_page, part.first_page + part.pages)
            for line in page_lines.get(i, [])
        ]
        count, lost = prove_part(lines, part)
        checked += count
        missing += lost
    for pointer in pointers:
        checked += 1
        page = Stream.of(page_lines.get(pointer.page - 1, [])).text
        wanted = Wanted.of(pointer.text)
        if printed_whole(wanted, page) < len(wanted.text):
            missing.append(
                Missing("Page numbers", pointer.what, f"page {pointer.page} does not show it")
            )
    return Proof(checked, tuple(missing))
