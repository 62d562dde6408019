"""Making the pack from the checked inputs: render → convert → lay out and assemble → prove.

LibreOffice turns each document into PDF as soon as it is written, and the evidence's office
files first of all, while Python writes the next: one queue, one LibreOffice. The appendix
numbers its own pages (A1, A2 …), so the Self-Evaluation Form and the portfolio index, which
point into it, are written once the evidence is converted, and converted once.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from pipeline import faults
from pipeline.documents.render import without_keeps
from pipeline.errors import CellRef, Findings, Group, MachineProblem
from pipeline.pack.appendix import Item, Printed, appendix_pages, make_item, plan_appendix
from pipeline.pack.assemble import PackInfo
from pipeline.pack.cache import PdfCache
from pipeline.pack.conversion import Conversion, marked
from pipeline.pack.convert import Office
from pipeline.pack.fitting import fit_to_width
from pipeline.pack.layout import Book, lay_out, read_pages
from pipeline.pack.outside import Refused, cut_outside
from pipeline.pack.proof import Proof, prove
from pipeline.pack.render import DOCUMENTS, not_available, render_documents, render_pointing
from pipeline.stages import Checked, Options


class ProofFailed(MachineProblem):
    """Raised when the pack read back lacks items its documents hold, even after the documents
    were converted again without their keep-together settings: after a draft was written
    beside the last proven pack, or, under --strict, with nothing written."""


def lost_items(proof: Proof, shown: int = 20) -> str:
    """The items the pack lacks, a line each with the workbook cell each came from."""
    lines = [f"  - {m}" for m in proof.missing[:shown]]
    if len(proof.missing) > shown:
        lines.append(f"  … and {len(proof.missing) - shown} more")
    return "\n".join(lines)


def restyled_templates(templates: Path, project: Path) -> list[str]:
    """The templates in ``templates`` that differ from the project's own copies."""
    if templates.resolve() == project.resolve():
        return []
    return sorted(
        p.name
        for p in templates.iterdir()
        if p.is_file()
        and (project / p.name).is_file()
        and p.read_bytes() != (project / p.name).read_bytes()
    )


def proof_cause(proof: Proof, templates: Path, project: Path) -> str:
    """What is known of why items were lost, in the coordinator's terms."""
    restyled = restyled_templates(templates, project)
    parts = sorted(proof.parts_missing())
    cause = (
        f"The lost items are in: {', '.join(parts)}. "
        "LibreOffice left them off the pages, or printed them cut short."
    )
    if restyled:
        cause += (
            f" This school's templates differ from the project's ({', '.join(restyled)}): "
            "build once with the project's copies (templates/) to see whether they are the cause."
        )
    else:
        cause += (
            " The templates are the project's own: report this, with the inputs, to whoever "
            "maintains the tool."
        )
    return cause


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
    school, term = checked.school, checked.term
    timeout = options.timeout or school.settings.conversion_timeout
    # Charts are named by their content: kept between builds beside the converted PDFs.
    charts = pdf_cache.folder.parent / "charts" if pdf_cache else work / "charts"
    charts.mkdir(parents=True, exist_ok=True)
    items = plan_appendix(checked.framework, checked.evidence, checked.present, options.inputs)
    office_files = _office_copies(items, work / "evidence", checked.findings)
    say(
        f"Writing the documents; {version} turns them and {len(office_files)} evidence files "
        "into PDF as they are written …"
    )
    with Conversion(office, work, timeout, say, pdf_cache) as converting:
        evidence = converting.evidence(
            {copy: item.source.name for copy, item in office_files.items() if item.source}
        )
        documents = render_documents(checked, options, stage, charts, items, converting.add)
        say(f"Making the evidence appendix ({len(items)} items) …")
        printed = make_appendix(items, office_files, evidence.result(), work, checked.findings)
        pages = appendix_pages(printed)
        unavailable = {
            p.item.evidence.ref: not_available(p.item) for p in printed if p.item.kind == "missing"
        }
        documents |= render_pointing(
            checked, options, stage, items, pages, unavailable, converting.add
        )
        pdfs = converting.results()
    in_order = [documents[title] for title in DOCUMENTS if title in documents]
    if pdf_cache is not None and pdf_cache.hits:
        say(
            f"  {pdf_cache.hits} of {len(in_order) + len(office_files)} unchanged since an "
            f"earlier build: their PDFs were kept ({pdf_cache.folder.parent}, safe to delete)."
        )
    pack = stage / f"{school.slug}-lppa-pack-{term.slug}.pdf"
    book = Book(
        in_order,
        printed,
        pages,
        checked.framework,
        checked.findings,
        PackInfo(
            title=f"{school.name}: Leading Parent Partnership Award, {term.label}",
            author=school.coordinator,
            subject="Leading Parent Partnership Award verification pack",
            created=checked.as_of,
            school=school.name,
            term=term.label,
        ),
        school.settings.double_sided if options.duplex is None else options.duplex,
        school.name,
    )
    faults.stage("assembling")
    laid = lay_out(book, pdfs, pack, work, say)
    say("Proving the pack: every row on its pages …")
    proof = prove(read_pages(pack, laid), laid.proofs, laid.pointers)
    redo = [d for d in in_order if d.path.suffix == ".docx" and d.title in proof.parts_missing()]
    if redo:
        # LibreOffice lost rows at a page break: convert those documents again with rows free
        # to break and no paragraph kept with the next, and prove again.
        titles = ", ".join(sorted(d.title for d in redo))
        say(f"Some rows did not reach the page in {titles}: converting again …")
        for document in redo:  # on this thread: LibreOffice has nothing else to do now
            plain = without_keeps(document.path, work / "plain" / document.path.name)
            again = converting.to_pdf([plain], work / "plain-pdf", to=marked(document.made))
            pdfs[document.path] = again[plain]
        laid = lay_out(book, pdfs, pack, work, say)
        proof = prove(read_pages(pack, laid), laid.proofs, laid.pointers)
    if not proof.ok:
        say(f"Proof: {proof}: {len(proof.missing)} missing.")
        return pack, laid.pages, proof
    say(f"Proof: {proof}.")
    return pack, laid.pages, proof


def _office_copies(items: list[Item], folder: Path, findings: Findings) -> dict[Path, Item]:
    """Evidence files to convert, copied under names that cannot collide (minutes.docx and
    minutes.xlsx would both become minutes.pdf) and so that the inputs are only ever read;
    each copy cut of anything that would load content from outside it (a warning says what)."""
    folder.mkdir(parents=True, exist_ok=True)
    copies = {}
    for index, item in enumerate(items, start=1):
        if item.kind == "office" and item.source is not None:
            copy = folder / f"evidence-{index:03d}{item.source.suffix.casefold()}"
            shutil.copyfile(item.source, copy)
            source = item.evidence.source
            try:
                cut = cut_outside(copy)
            except Refused as refused:
                # Not printed: its page says why (the plan's item becomes a "missing" one).
                items[index - 1] = Item(item.evidence, "missing", None, str(refused), item.section)
                findings.warn(
                    CellRef(source.file, source.sheet, source.row, "Location"),
                    f"{item.evidence.ref}: {item.evidence.location} is not printed: {refused}. "
                    "Save it as a PDF and give that path, or put the content it takes in the "
                    "file itself.",
                    group=Group.EVIDENCE,
                )
                continue
            if cut:
                findings.warn(
                    CellRef(source.file, source.sheet, source.row, "Location"),
                    f"{item.evidence.ref}: {item.evidence.location} takes content from outside "
                    f"itself ({'; '.join(cut)}); it is printed without it. If that content "
                    "belongs in the pack, put it in the file itself (in Word: Insert › "
                    "Pictures, not Link to File) or in the evidence folder as an item of its "
                    "own.",
                    group=Group.EVIDENCE,
                )
            fit_to_width(copy)  # a spreadsheet prints as wide as the page, not split by columns
            copies[copy] = item
    return copies


def make_appendix(
    items: list[Item],
    office_files: dict[Path, Item],
    converted: dict[Path, Path],
    work: Path,
    findings: Findings,
) -> list[Printed]:
    """Each item as the appendix prints it: its pages framed and headed, or a page saying why
    it is not there (a file LibreOffice could not convert is a warning)."""
    pdf_of = {item.evidence.ref: converted.get(copy) for copy, item in office_files.items()}
    (work / "appendix").mkdir(exist_ok=True)
    return [
        make_item(item, pdf_of.get(item.evidence.ref), work / "appendix", findings)
        for item in items
    ]
