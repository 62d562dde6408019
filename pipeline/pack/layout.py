"""Laying the pack out: the documents' PDFs and the evidence appendix as parts in book order
(the cover, the contents, the sections), each bookmarked from what its renderer marked, the
contents page given the real page numbers, the whole assembled; and what the proof must find
where."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter

from pipeline.documents import front_matter, portfolio, self_evaluation
from pipeline.documents.render import Anchor
from pipeline.errors import Findings
from pipeline.manifest import Pointer, Shown
from pipeline.pack.appendix import Printed, filed_under, heading_text
from pipeline.pack.assemble import (
    Node,
    PackInfo,
    Part,
    assemble_pack,
    destinations,
    layout,
    resolve_outline,
)
from pipeline.pack.contents import Entry, render_contents
from pipeline.pack.pagetext import Line, pdf_lines
from pipeline.pack.proof import PartProof
from pipeline.pack.render import Document
from pipeline.records import Framework, appendix_label, kpi_sort_key

APPENDIX = "Evidence appendix"
CONTENTS = "Contents"
COVER = "Cover"


@dataclass(frozen=True)
class Book:
    """Everything the pack is laid out from, but the documents' PDFs."""

    documents: list[Document]  # in the pack's order, the front matter first
    printed: list[Printed]  # the evidence appendix, item by item
    pages: dict[str, int]  # each printed item's first appendix page (A1 is 1)
    framework: Framework
    findings: Findings
    info: PackInfo
    double_sided: bool
    school: str


@dataclass(frozen=True)
class Laid:
    """The pack as written: its pages, and what each part must show where."""

    pages: int
    proofs: list[PartProof]
    pointers: list[Pointer]


def lay_out(
    book: Book, pdfs: dict[Path, Path], pack: Path, work: Path, say: Callable[[str], None]
) -> Laid:
    """Lay the parts out with their real page numbers, write the pack, and say what each part
    must show where."""
    parts = {
        d.title: with_anchors(
            Part(d.title, (pdfs[d.path],), d.made.sections), d.made.anchors, book.findings
        )
        for d in book.documents
    }
    cover, front = split_cover(parts.pop(front_matter.TITLE), work / "front")
    printed = book.printed
    if printed:
        parts[APPENDIX] = Part(
            APPENDIX,
            tuple(p for x in printed for p in x.pdfs),
            outline=appendix_outline(book.framework, printed),
            heads=tuple(
                book.info.head(f"{APPENDIX} · {heading_text(x.item.evidence)}")
                for x in printed
                for _ in range(x.pages)
            ),
            labels=tuple(
                f"Appendix page {appendix_label(n)}"
                for n in range(1, sum(x.pages for x in printed) + 1)
            ),
        )
    contents_pdf = work / "contents.pdf"

    def with_contents() -> list[Part]:
        """Book order: the cover, the contents, then the sections."""
        return [cover, Part(CONTENTS, (contents_pdf,)), *front, *parts.values()]

    # How long the contents is does not depend on its numbers: lay it out once to count.
    unnumbered = with_contents()
    render_contents(entries([0] * len(unnumbered), unnumbered), book.school, contents_pdf)
    final = with_contents()
    starts = layout([p.pages for p in final], book.double_sided)
    listed = entries(starts, final)
    render_contents(listed, book.school, contents_pdf)
    final[1] = Part(CONTENTS, (contents_pdf,))  # opened afresh: it has its numbers now
    say("Assembling the pack …")
    total = assemble_pack(final, pack, book.info, double_sided=book.double_sided)
    return Laid(total, proofs(book, final, starts, listed), pointers(book, starts, listed))


def proofs(
    book: Book, final: list[Part], starts: list[int], listed: list[Entry]
) -> list[PartProof]:
    """What each document's pages must show, and the contents its entries."""
    made = {d.title: d.made for d in book.documents}
    found = [
        PartProof(part.title, start, part.pages, made[part.title].shown)
        for part, start in zip(final, starts, strict=True)
        if part.title in made and made[part.title].shown
    ]
    found.append(
        PartProof(
            CONTENTS,
            starts[1],
            final[1].pages,
            tuple(Shown.row(f"the entry {e.title}", e.title, str(e.page)) for e in listed),
        )
    )
    return found


def pointers(book: Book, starts: list[int], listed: list[Entry]) -> list[Pointer]:
    """Each page number the pack prints, and what must be on that page."""
    headings = {p.item.evidence.ref: heading_text(p.item.evidence) for p in book.printed}
    found = [
        Pointer(
            f"the contents entry {e.title}",
            e.page,
            filed_under(e.title) if e.part == APPENDIX else e.title,
        )
        for e in listed
    ]
    if book.printed:
        first = starts[-1] + 1  # the pack page of A1
        contexts = {d.title: d.context for d in book.documents}
        found += portfolio.pointers(contexts[portfolio.TITLE], headings, first)
        found += self_evaluation.pointers(contexts[self_evaluation.TITLE], headings, first)
        for ref, label in book.pages.items():  # each item's first page: its heading and label
            page = first + label - 1
            found.append(Pointer(f"{ref}'s heading in the appendix", page, headings[ref]))
            found.append(
                Pointer(f"{ref}'s page label", page, f"Appendix page {appendix_label(label)}")
            )
    return found


def read_pages(pack: Path, laid: Laid) -> dict[int, list[Line]]:
    """The printed lines of the pack's pages the proof needs (the appendix's documents are not
    read)."""
    wanted = {i for p in laid.proofs for i in range(p.first_page, p.first_page + p.pages)}
    return pdf_lines(pack, wanted | {p.page - 1 for p in laid.pointers})


def appendix_outline(framework: Framework, printed: list[Printed]) -> tuple[Node, ...]:
    """Objective → KPI → item; an item that supports several KPIs is listed under each. An
    objective's own bookmark (and contents entry) is its first item filed under it; one whose
    items are all filed under earlier objectives is bookmarked, but not in the contents."""
    first_page: dict[str, int] = {}
    filed: dict[str, int] = {}
    offset = 0
    for item in printed:
        first_page[item.item.evidence.ref] = offset
        filed.setdefault(item.item.section, offset)
        offset += item.pages
    objectives = []
    for objective in framework.objectives:
        kpis = []
        for kpi in sorted(objective.kpis, key=lambda k: kpi_sort_key(k.id)):
            items = [p.item.evidence for p in printed if kpi.id in p.item.evidence.kpis]
            if items:
                kpis.append(
                    Node(
                        f"KPI {kpi.id}",
                        min(first_page[e.ref] for e in items),
                        tuple(Node(f"{e.ref}: {e.title}", first_page[e.ref]) for e in items),
                    )
                )
        if kpis:
            title = f"Objective {objective.number}: {objective.title}"
            if title in filed:
                objectives.append(Node(title, filed[title], tuple(kpis)))
                continue
            # Every item is filed under an earlier objective (an item is printed once, under
            # its first KPI's): the bookmark says so, rather than open a page headed otherwise.
            page = min(k.page for k in kpis)
            under = next(p.item.section for p in printed if first_page[p.item.evidence.ref] == page)
            named = f"{title} (its items are filed under {under.split(':')[0]})"
            objectives.append(Node(named, page, tuple(kpis), in_contents=False))
    return tuple(objectives)


def with_anchors(part: Part, anchors: tuple[Anchor, ...], findings: Findings) -> Part:
    """A Word document's bookmarks: each heading, as exported, with a bookmark beneath it for
    each place its renderer marked (the Self-Evaluation Form's KPI rows), at the page of the
    destination LibreOffice exported for it."""
    if not anchors:
        return part
    (pdf,) = part.pdfs  # a document is converted to one PDF
    places = destinations(pdf)
    outline, placed = [], 0
    for node in resolve_outline(part):
        number = re.match(r"\s*Objective\s+(\d+)\b", node.title)
        under = (a for a in anchors if number and a.under == number[1] and a.name in places)
        marks = tuple(Node(a.title, places[a.name]) for a in under)
        placed += len(marks)
        outline.append(Node(node.title, node.page, node.children + marks, node.in_contents))
    if placed < len(anchors):
        kind = anchors[0].title.split()[0]
        note = (
            f"The {part.title} has no bookmark for {len(anchors) - placed} of its "
            f"{len(anchors)} {kind}s: its template has lost them, or its headings their "
            '"Objective N" (restyled?), or LibreOffice is older than 7.4. The project\'s '
            "template (templates/) has them."
        )
        if note not in findings.notes:  # said once, though the pack is laid out again
            findings.note(note)
    return Part(part.title, part.pdfs, outline=tuple(outline))


def split_cover(part: Part, folder: Path) -> tuple[Part, list[Part]]:
    """The front matter's first page (the cover) apart from the rest, so that the contents can
    follow the cover; the rest keeps its bookmarks."""
    folder.mkdir(parents=True, exist_ok=True)
    reader = part.open()[0]
    cover = PdfWriter()
    cover.add_page(reader.pages[0])
    cover.write(folder / "cover.pdf")
    if len(reader.pages) == 1:
        return Part(COVER, (folder / "cover.pdf",), outline=(), heads=("",)), []
    rest = PdfWriter()
    for page in reader.pages[1:]:
        rest.add_page(page)
    rest.write(folder / "front.pdf")
    outline = tuple(
        Node(n.title, max(0, n.page - 1), n.children, n.in_contents)
        for n in resolve_outline(part)
        if n.page > 0
    )
    return Part(COVER, (folder / "cover.pdf",), outline=(), heads=("",)), [
        Part(part.title, (folder / "front.pdf",), outline=outline)
    ]


def entries(starts: list[int], parts: list[Part]) -> list[Entry]:
    """The contents: each part (but the contents itself) and its listed bookmarks, at their
    printed page numbers."""
    out = []
    for part, start in zip(parts, starts, strict=True):
        if part.title in (CONTENTS, COVER):
            continue
        out.append(Entry(part.title, start + 1, 0))
        out += [
            Entry(n.title, start + n.page + 1, 1, part.title)
            for n in resolve_outline(part)
            if n.in_contents
        ]
    return out
