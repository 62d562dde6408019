"""Making the pack from the checked inputs: every document rendered, converted in as few
LibreOffice runs as possible, the evidence appendix made, the contents page and the portfolio
index given the merged PDF's real page numbers, and the whole assembled."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfWriter

from pipeline import faults
from pipeline.documents import (
    action_plan,
    front_matter,
    objective_9,
    portfolio,
    progress_html,
    self_evaluation,
    stakeholders,
)
from pipeline.documents.render import Anchor, Rendered, without_keeps
from pipeline.errors import Findings, MachineProblem
from pipeline.pack.appendix import (
    Item,
    Printed,
    appendix_pages,
    heading_text,
    make_item,
    plan_appendix,
)
from pipeline.pack.assemble import (
    Node,
    PackInfo,
    Part,
    assemble_pack,
    destinations,
    layout,
    pdf_texts,
    resolve_outline,
)
from pipeline.pack.cache import PdfCache
from pipeline.pack.contents import Entry, render_contents
from pipeline.pack.convert import Office
from pipeline.pack.proof import PartProof, Pointer, Proof, Shown, prove
from pipeline.records import Framework, appendix_label, kpi_sort_key
from pipeline.stages import Checked, Options
from pipeline.summarise.evidence import Fate
from pipeline.summarise.glance import at_a_glance
from pipeline.summarise.visit import interim_follow_up, timeline

APPENDIX = "Evidence appendix"
CONTENTS = "Contents"
COVER = "Cover"
# The documents in the pack's order (the evidence appendix follows them).
DOCUMENTS = (
    front_matter.TITLE,
    self_evaluation.TITLE,
    action_plan.TITLE,
    stakeholders.TITLE,
    objective_9.TITLE,
    portfolio.TITLE,
)


@dataclass(frozen=True)
class Document:
    title: str
    made: Rendered

    @property
    def path(self) -> Path:
        return self.made.path


class ProofFailed(MachineProblem):
    """Raised when the pack read back lacks items its documents hold, even after the documents
    were converted again without their keep-together settings."""


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
            page = filed.get(title, min(k.page for k in kpis))
            objectives.append(Node(title, page, tuple(kpis), in_contents=title in filed))
    return tuple(objectives)


def with_anchors(part: Part, anchors: tuple[Anchor, ...], findings: Findings) -> Part:
    """A Word document's bookmarks: each heading, as exported, with a bookmark beneath it for
    each place its renderer marked (the Self-Evaluation Form's KPI rows), at the page of the
    destination LibreOffice exported for it."""
    if not anchors:
        return part
    (pdf,) = part.pdfs  # a document is converted to one PDF
    places = destinations(pdf)
    if not any(a.name in places for a in anchors):
        findings.note(
            f"The {part.title} has no bookmark for its {anchors[0].title.split()[0]}s: its "
            "template has lost them (restyled?), or LibreOffice is older than 7.4. The project's "
            "template (templates/) has them."
        )
    outline = []
    for node in resolve_outline(part):
        marks = tuple(
            Node(a.title, places[a.name])
            for a in anchors
            if a.under == node.title and a.name in places
        )
        outline.append(Node(node.title, node.page, node.children + marks, node.in_contents))
    return Part(part.title, part.pdfs, outline=tuple(outline))


def _office_copies(items: list[Item], folder: Path) -> dict[Path, Item]:
    """Evidence files to convert, copied under names that cannot collide (minutes.docx and
    minutes.xlsx would both become minutes.pdf) and so that the inputs are only ever read."""
    folder.mkdir(parents=True, exist_ok=True)
    copies = {}
    for index, item in enumerate(items, start=1):
        if item.kind == "office" and item.source is not None:
            copy = folder / f"evidence-{index:03d}{item.source.suffix.casefold()}"
            shutil.copyfile(item.source, copy)
            copies[copy] = item
    return copies


def make_pack(
    checked: Checked,
    options: Options,
    stage: Path,
    work: Path,
    office: Office,
    version: str,
    say: Callable[[str], None],
    pdf_cache: PdfCache | None = None,
) -> tuple[Path, int, Proof]:
    """Render, convert, lay out and assemble the pack, then prove it; returns the pack, its
    page count and the proof's figures. With ``pdf_cache``, a document or evidence file
    converted by an earlier build is not converted again."""
    faults.stage("rendering")
    timeout = options.timeout or checked.school.settings.conversion_timeout
    shown_as: dict[Path, str] = {}  # working copies of the evidence, by the school's own names

    def waiting(source: Path, seconds: float) -> None:
        """LibreOffice has been a while on ``source``: say so, so nobody thinks it froze."""
        say(f"  still converting {shown_as.get(source, source.name)} … {seconds:.0f} s")

    def to_pdf(
        sources: Sequence[Path], out: Path, optional: frozenset[Path] = frozenset()
    ) -> dict[Path, Path]:
        # A Word document of the pack's own is exported with its bookmarks as destinations.
        to = "pdf-marked" if all(s.suffix == ".docx" for s in sources) and not optional else "pdf"

        def run(missing: Sequence[Path], folder: Path, maybe: frozenset[Path]) -> dict[Path, Path]:
            return office.convert(
                missing, folder, to, optional=maybe, timeout=timeout, waiting=waiting
            )

        if pdf_cache is None:
            return run(sources, out, optional)
        return pdf_cache.convert(sources, out, run, optional, to)

    school, term, as_of = checked.school, checked.term, checked.as_of
    templates, inputs = options.templates, options.inputs
    # Charts are named by their content: kept between builds beside the converted PDFs.
    charts = pdf_cache.folder.parent / "charts" if pdf_cache else work / "charts"
    charts.mkdir(parents=True, exist_ok=True)
    items = plan_appendix(checked.framework, checked.evidence, checked.present, inputs)
    context = front_matter.front_matter_context(
        school,
        inputs,
        term,
        as_of,
        checked.summary,
        timeline(school, checked.summary, as_of),
        interim_follow_up(school, checked.ratings, checked.summary, checked.actions),
        at_a_glance(
            checked.summary,
            checked.evidence,
            checked.actions,
            as_of,
            checked.survey_results,
            checked.reality,
            school.settings.minimum_answers,
            sum(1 for i in items if i.kind != "missing"),
        ),
    )
    in_appendix = {i.evidence.ref for i in items}
    unavailable = {i.evidence.ref: _not_available(i) for i in items if i.kind == "missing"}
    form_context: dict[str, Any] = {}

    def render_form(pages: dict[str, int]) -> Rendered:
        """The Self-Evaluation Form, its Evidence cells giving each item's appendix page."""
        made, filled = self_evaluation.render_self_evaluation(
            templates,
            school,
            checked.summary,
            as_of,
            stage / "self-evaluation.docx",
            checked.reality,
            self_evaluation.evidence_cells(checked.evidence, pages, unavailable),
        )
        form_context.clear()
        form_context.update(filled)
        return made

    index_context: dict[str, Any] = {}

    def render_index(pages: dict[str, int]) -> Rendered:
        index_context.clear()
        index_context.update(
            portfolio.portfolio_context(
                school, checked.framework, checked.evidence, term, in_appendix, pages, unavailable
            )
        )
        return portfolio.render_portfolio(templates, index_context, stage / "portfolio-index.docx")

    def documents_written(add: Callable[[str, Rendered], None]) -> None:
        """Each document that does not point into the appendix, handed to ``add`` as soon as it
        is written: a quick one first, for LibreOffice to turn once it has the evidence, then
        the ones with charts, the longest for both to make."""
        add(
            front_matter.TITLE,
            front_matter.render_front_matter(templates, context, stage / "verification-pack.docx"),
        )
        if checked.surveys is not None:
            add(
                stakeholders.TITLE,
                stakeholders.render_stakeholders(
                    templates,
                    school,
                    checked.surveys,
                    checked.survey_results,
                    checked.reality,
                    term,
                    as_of,
                    charts,
                    stage / "stakeholder-evaluation.docx",
                ),
            )
        progress_html.render_progress_html(
            templates, school, checked.words, as_of, stage / "progress-by-term.html"
        )
        add(
            objective_9.TITLE,
            Rendered(
                objective_9.render_objective_9(
                    templates,
                    school,
                    checked.words,
                    term,
                    as_of,
                    checked.impact,
                    charts,
                    stage / "objective-9-summary.docx",
                )
            ),
        )
        add(
            action_plan.TITLE,
            action_plan.render_action_plan(
                templates,
                inputs,
                school,
                checked.framework,
                checked.actions,
                checked.log,
                term,
                as_of,
                stage / "action-plan.xlsx",
            ),
        )

    # LibreOffice turns each document into PDF as soon as it is written, and the evidence's
    # office files first of all, while Python writes the next: one queue, one LibreOffice.
    # The appendix numbers its own pages (A1, A2 …), so the form and the index, which point
    # into it, are written once the evidence is converted, and converted once.
    office_files = _office_copies(items, work / "evidence")
    shown_as.update({copy: item.source.name for copy, item in office_files.items() if item.source})
    say(
        f"Writing the documents; {version} turns them and {len(office_files)} evidence files "
        "into PDF as they are written …"
    )
    converting = ThreadPoolExecutor(max_workers=1, thread_name_prefix="libreoffice")
    try:
        evidence = converting.submit(
            to_pdf, list(office_files), work / "pdf", frozenset(office_files)
        )
        written: dict[str, Document] = {}
        queued = []

        def add(title: str, made: Rendered) -> None:
            written[title] = Document(title, made)
            queued.append(converting.submit(to_pdf, [made.path], work / "pdf"))

        documents_written(add)
        converted_evidence = evidence.result()
        converted = {
            item.evidence.ref: converted_evidence.get(copy) for copy, item in office_files.items()
        }
        say(f"Making the evidence appendix ({len(items)} items) …")
        (work / "appendix").mkdir(exist_ok=True)
        printed = [
            make_item(item, converted.get(item.evidence.ref), work / "appendix", checked.findings)
            for item in items
        ]
        unavailable |= {
            p.item.evidence.ref: _not_available(p.item) for p in printed if p.item.kind == "missing"
        }
        pages = appendix_pages(printed)
        add(self_evaluation.TITLE, render_form(pages))
        add(portfolio.TITLE, render_index(pages))
        faults.stage("converting")
        pdfs: dict[Path, Path] = {}
        for conversion in queued:
            pdfs |= conversion.result()
    except BaseException:
        office.close()  # stopped (Ctrl-C, SIGTERM) or failed: the conversion under way too
        raise
    finally:
        converting.shutdown(wait=True, cancel_futures=True)
    documents = [written[title] for title in DOCUMENTS if title in written]
    if pdf_cache is not None and pdf_cache.hits:
        say(
            f"  {pdf_cache.hits} of {len(documents) + len(office_files)} unchanged since an "
            f"earlier build: their PDFs were kept ({pdf_cache.folder.parent}, safe to delete)."
        )
    pack = stage / f"{school.slug}-lppa-pack-{term.slug}.pdf"
    info = PackInfo(
        title=f"{school.name}: Leading Parent Partnership Award, {term.label}",
        author=school.coordinator,
        subject="Leading Parent Partnership Award verification pack",
        created=as_of,
        school=school.name,
        term=term.label,
    )
    plain: set[str] = set()  # documents converted again without their keep-together settings

    def convert_plainly(made: Rendered, folder: str) -> Path:
        source = without_keeps(made.path, work / "plain" / made.path.name)
        return to_pdf([source], work / folder)[source]

    def assemble(pdfs: dict[Path, Path]) -> tuple[int, list[PartProof], list[Pointer]]:
        """Lay the parts out with their real page numbers, write the pack, and say what each
        part must show where."""
        parts = {
            d.title: with_anchors(
                Part(d.title, (pdfs[d.path],), d.made.sections), d.made.anchors, checked.findings
            )
            for d in documents
        }
        cover, front = split_cover(parts.pop(front_matter.TITLE), work / "front")
        if printed:
            parts[APPENDIX] = Part(
                APPENDIX,
                tuple(p for x in printed for p in x.pdfs),
                outline=appendix_outline(checked.framework, printed),
                heads=tuple(
                    info.head(f"{APPENDIX} · {heading_text(x.item.evidence)}")
                    for x in printed
                    for _ in range(x.pages)
                ),
                labels=tuple(
                    f"Appendix page {appendix_label(n)}"
                    for n in range(1, sum(x.pages for x in printed) + 1)
                ),
            )
        double = school.settings.double_sided if options.duplex is None else options.duplex
        contents_pdf = work / "contents.pdf"

        def with_contents() -> list[Part]:
            """Book order: the cover, the contents, then the sections."""
            return [cover, Part(CONTENTS, (contents_pdf,)), *front, *parts.values()]

        # How long the contents is does not depend on its numbers: lay it out once to count.
        unnumbered = with_contents()
        render_contents(entries([0] * len(unnumbered), unnumbered), school.name, contents_pdf)
        final = with_contents()
        starts = layout([p.pages for p in final], double)
        listed = entries(starts, final)
        render_contents(listed, school.name, contents_pdf)
        final[1] = Part(CONTENTS, (contents_pdf,))  # opened afresh: it has its numbers now
        say("Assembling the pack …")
        total = assemble_pack(final, pack, info, double_sided=double)
        made = {d.title: d.made for d in documents}
        proofs = [
            PartProof(part.title, start, part.pages, made[part.title].shown)
            for part, start in zip(final, starts, strict=True)
            if part.title in made and made[part.title].shown
        ]
        proofs.append(
            PartProof(
                CONTENTS,
                starts[1],
                final[1].pages,
                tuple(Shown.row(f"the entry {e.title}", e.title, str(e.page)) for e in listed),
            )
        )
        headings = {p.item.evidence.ref: heading_text(p.item.evidence) for p in printed}
        pointers = [Pointer(f"the contents entry {e.title}", e.page, e.title) for e in listed]
        if printed:
            first = starts[-1] + 1  # the pack page of A1
            pointers += portfolio.pointers(index_context, headings, first)
            pointers += self_evaluation.pointers(form_context, headings, first)
            for ref, label in pages.items():  # each item's first page: its heading and label
                page = first + label - 1
                pointers.append(Pointer(f"{ref}'s heading in the appendix", page, headings[ref]))
                pointers.append(
                    Pointer(f"{ref}'s page label", page, f"Appendix page {appendix_label(label)}")
                )
        return total, proofs, pointers

    faults.stage("assembling")
    total, proofs, pointers = assemble(pdfs)
    say("Proving the pack: every row on its pages …")
    proof = prove(read_pages(pack, proofs, pointers), proofs, pointers)
    redo = {d.title for d in documents if d.path.suffix == ".docx"} & proof.parts_missing()
    if redo:
        # LibreOffice lost rows at a page break: convert those documents again with rows free
        # to break and no paragraph kept with the next, and prove again.
        say(f"Some rows did not reach the page in {', '.join(sorted(redo))}: converting again …")
        plain |= redo
        for document in documents:
            if document.title in redo:
                pdfs[document.path] = convert_plainly(document.made, "plain-pdf")
        total, proofs, pointers = assemble(pdfs)
        proof = prove(read_pages(pack, proofs, pointers), proofs, pointers)
    if not proof.ok:
        lost = "\n".join(f"  - {m}" for m in proof.missing[:20])
        more = len(proof.missing) - 20
        raise ProofFailed(
            f"The pack was not written: read back, it lacks {len(proof.missing)} of the "
            f"{proof.checked} items its documents hold:\n{lost}"
            + (f"\n  … and {more} more" if more > 0 else "")
            + "\nIf a template was restyled, try the project's copy (templates/); otherwise "
            "report this, with the inputs, to whoever maintains the tool."
        )
    say(f"Proof: {proof}.")
    return pack, total, proof


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


def _not_available(item: Item) -> str:
    """Why the appendix cannot show an item, in a few words for the index."""
    if item.reason in (Fate.FILE_MISSING.value, Fate.NOT_A_FILE.value):
        return "file missing"
    return "could not be printed"


def entries(starts: list[int], parts: list[Part]) -> list[Entry]:
    """The contents: each part (but the contents itself) and its listed bookmarks, at their
    printed page numbers."""
    out = []
    for part, start in zip(parts, starts, strict=True):
        if part.title in (CONTENTS, COVER):
            continue
        out.append(Entry(part.title, start + 1, 0))
        out += [
            Entry(n.title, start + n.page + 1, 1) for n in resolve_outline(part) if n.in_contents
        ]
    return out


def read_pages(pack: Path, parts: list[PartProof], pointers: list[Pointer]) -> dict[int, str]:
    """The text of the pack's pages the proof needs (the appendix's documents are not read)."""
    wanted = {i for p in parts for i in range(p.first_page, p.first_page + p.pages)}
    return pdf_texts(pack, wanted | {p.page - 1 for p in pointers})
