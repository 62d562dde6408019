"""One build, top to bottom: read → decide → summarise and check → make → publish.

Every input is read and checked before a single file is written; a build that stops writes
nothing, and a build that succeeds swaps its term folder into place whole. What passes between
the stages is in ``stages``; making the pack (render → convert → lay out → assemble → prove)
is ``pipeline.pack``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pipeline import faults
from pipeline.errors import CellRef, Findings, InputProblems, MachineProblem
from pipeline.fingerprint import fingerprint, record, unchanged
from pipeline.lock import term_lock
from pipeline.pack.cache import PdfCache, store
from pipeline.pack.convert import Office, soffice_version
from pipeline.pack.proof import Proof
from pipeline.pack.publish import link_or_copy, publish, recover
from pipeline.pack.report import build_report
from pipeline.read.actions import read_actions
from pipeline.read.evidence import FOLDER, absent_reasons, files_present, read_evidence
from pipeline.read.framework import read_framework
from pipeline.read.impact import read_impact
from pipeline.read.objective9 import read_objective_9_docx
from pipeline.read.ratings import read_ratings
from pipeline.read.school import read_school
from pipeline.read.sheets import find_workbook
from pipeline.read.surveys import read_surveys
from pipeline.records import School, SummaryText, Term
from pipeline.stages import TEMPLATES, Built, Checked, Inputs, Options
from pipeline.summarise import checks
from pipeline.summarise.as_of import as_it_stood
from pipeline.summarise.evidence import check_evidence_files
from pipeline.summarise.objective9 import summarise_objective_9
from pipeline.summarise.ratings import summarise_ratings
from pipeline.summarise.surveys import reality_check, summarise_surveys

Say = Callable[[str], None]
LARGE_WORKBOOK = 2**17  # a workbook of 128 KB (some 4,000 rows) takes a second to read: named


def silent(line: str) -> None:
    """The default ``say``: a build run from code prints nothing."""


def apart(inputs: Path, out: Path) -> None:
    """The outputs folder may not be inside the inputs folder, nor the inputs inside it: a pack
    written among the inputs changes them, so every rebuild finds them changed and files
    another copy of the pack away inside them (#28)."""
    try:
        source, target = inputs.resolve(), out.resolve()
    except OSError:
        return
    if target == source or source in target.parents or target in source.parents:
        where = (
            "is the inputs folder"
            if target == source
            else (
                "is inside the inputs folder"
                if source in target.parents
                else "holds the inputs folder"
            )
        )
        raise MachineProblem(
            f"The output folder {out} {where} ({inputs}): a pack written there would change "
            "the inputs it is made from. Choose an output folder apart from the inputs, e.g. "
            "--out outputs beside the inputs folder."
        )


def build(options: Options, say: Say = silent, today: date | None = None) -> Built:
    """Build the term's folder: the documents, the merged pack and the build report."""
    apart(options.inputs, options.out)
    # Warm while the inputs are read; its profile kept once for every school in --out.
    office = start_office(store(options.out))
    ended_well = False
    try:
        say(f"Reading the workbooks in {options.inputs}/ …")
        faults.stage("reading")
        checked = check(options, today, say)
        warnings = len(checked.findings.warnings)
        say(
            f"Checked: {checked.school.name}, {checked.term.label}, as of "
            f"{checked.as_of:%d/%m/%Y} ({warnings} warning{'s' if warnings != 1 else ''})."
        )
        if isinstance(office, MachineProblem):
            raise office  # LibreOffice is not installed: how to install it
        built = make_and_publish(checked, options, office, say)
        ended_well = True
        return built
    finally:
        if isinstance(office, Office):
            office.close(keep=ended_well)  # its profile, for the next build's LibreOffice


def check(options: Options, today: date | None = None, say: Say = silent) -> Checked:
    """Read and check every input; raises InputProblems listing all of them if any is an error
    (or, under --strict, a warning). A large workbook is named as it is read."""
    findings = Findings()
    inputs = read_inputs(options.inputs, findings, say)
    term, as_of = decide(inputs, options, today, findings)
    checked = summarise_and_check(inputs, term, as_of, findings)
    stop_if_needed(findings, options.strict)
    return checked


def start_office(kept: Path) -> Office | MachineProblem:
    """LibreOffice, started first: its start-up passes while the inputs are read (from the
    profile an earlier build kept in ``kept``, if there is one). Without it, the checks still
    come first, and then what to install."""
    try:
        return Office(kept=kept)
    except MachineProblem as missing:
        return missing


def objective_9_words(
    folder: Path, school: School | None, findings: Findings, say: Say = silent
) -> tuple[tuple[SummaryText, ...], str]:
    """The coordinator's Objective 9 words, and where they are from: objective-9.docx or the
    Objective 9 sheet, whichever has words (an empty one, such as the kit's blank document
    copied in, never replaces a filled one); the Word file when both have. Said on the
    console, and in the report when both have words."""
    sheet = school.objective_9 if school else ()
    from_sheet = "the Objective 9 sheet of school.xlsx"
    if school is None or not school.objective_9_docx:
        return sheet, f"The coordinator's words are from {from_sheet}."
    name = school.objective_9_docx
    word = read_objective_9_docx(folder / name, findings)
    if _written(sheet) and not _written(word):
        say(f"  Objective 9: {name} has no words yet, so {from_sheet} is used.")
        findings.note(f"{name} has no words under its headings: {from_sheet} is used.")
        return sheet, f"The coordinator's words are from {from_sheet}."
    say(f"  Objective 9: the words are from {name}.")
    if _written(sheet):
        findings.note(
            f"{name} and {from_sheet} both have words: {name} is used. Delete the other, or "
            "move its words into it."
        )
    return word, f"The coordinator's words are from {name}."


def _written(words: tuple[SummaryText, ...]) -> bool:
    return any(
        w.achievements.strip() or w.impact.strip() or w.next_priorities.strip() for w in words
    )


def read_inputs(folder: Path, findings: Findings, say: Say = silent) -> Inputs:
    """Every workbook, the Objective 9 document and the evidence folder, read once."""
    if not folder.is_dir():
        raise MachineProblem(
            f"The inputs folder {folder} does not exist. Give the folder that holds the "
            "workbooks with --inputs, or run the command from the project folder."
        )

    def large(name: str) -> None:
        """Name a workbook that takes a while (a few seconds at the limits) as it is read."""
        path = find_workbook(folder, name)
        with contextlib.suppress(OSError):
            if path is not None and path.stat().st_size > LARGE_WORKBOOK:
                say(f"  {path.name} ({path.stat().st_size // 1024:,} KB) …")

    large("school.xlsx")
    school, calendar = read_school(folder, findings)
    framework = read_framework(folder, findings)
    large("ratings.xlsx")
    ratings = read_ratings(folder, findings, framework, calendar)
    large("actions.xlsx")
    actions, log = read_actions(folder, findings, framework, calendar)
    large("evidence.xlsx")
    evidence = read_evidence(folder, findings, framework, calendar)
    large("surveys.xlsx")
    surveys = read_surveys(folder, findings, framework, calendar)
    if surveys is not None and not surveys.tallies:
        # A blank surveys.xlsx from the kit, or one whose rounds are not tallied yet: no
        # stakeholder section of a heading and "nothing to check".
        findings.note(
            "surveys.xlsx has no tallies yet: the pack has no stakeholder evaluation until a "
            "round is tallied (nox -s tally)."
        )
        surveys = None
    large("impact.xlsx")
    impact = read_impact(folder, findings, calendar)
    words, source = objective_9_words(folder, school, findings, say)
    present = files_present(evidence, folder)
    return Inputs(
        folder,
        school,
        framework,
        ratings,
        actions,
        log,
        evidence,
        present,
        surveys,
        impact,
        words,
        source,
    )


def decide(
    inputs: Inputs, options: Options, today: date | None, findings: Findings
) -> tuple[Term, date]:
    """The term to build and the date the pack is as of; stops here if the inputs cannot make
    a pack at all (every error found so far listed)."""
    school = inputs.school
    term = choose_term(school, options.term, findings) if school else None
    if findings.errors or school is None or inputs.framework is None or term is None:
        raise _stop(findings)
    return term, options.as_of or min(today or date.today(), term.ends)


def summarise_and_check(inputs: Inputs, term: Term, as_of: date, findings: Findings) -> Checked:
    """The school as it stood on the as-of date, summarised, and every cross-check made."""
    school, framework = inputs.school, inputs.framework
    assert school is not None and framework is not None  # decide() stops without them
    stood = as_it_stood(inputs.actions, inputs.log, inputs.evidence, as_of, findings)
    actions, log, evidence = stood.actions, stood.log, stood.evidence
    summary = summarise_ratings(framework, inputs.ratings, term, school.calendar)
    checks.check_ratings(summary, findings)
    checks.check_objective_9(school, inputs.objective_9, framework, as_of, findings)
    words = summarise_objective_9(
        school,
        inputs.objective_9,
        inputs.objective_9_source,
        framework,
        inputs.ratings,
        summary,
        actions,
        evidence,
        as_of,
    )
    checks.check_actions(actions, evidence, school.calendar, as_of, findings)
    check_evidence_files(
        evidence,
        inputs.present,
        inputs.folder / FOLDER,
        findings,
        absent_reasons(evidence, inputs.folder, inputs.present),
    )
    checks.check_fully_achieved_evidence(summary, evidence, findings)
    checks.check_date_span(school, as_of, findings)
    checks.check_mixed_dates(findings)
    settings = school.settings
    results = summarise_surveys(inputs.surveys, settings.minimum_answers) if inputs.surveys else ()
    reality = reality_check(
        results,
        summary,
        settings.reality_check_low,
        settings.reality_check_high,
        settings.minimum_answers,
    )
    checks.check_reality(reality, summary, findings)
    if not school.verification_day:
        findings.note(
            "The front matter gives a standard verification-day plan: to print the school's own, "
            "fill in the Verification day sheet of school.xlsx."
        )
    return Checked(
        school,
        framework,
        inputs.ratings,
        actions,
        log,
        evidence,
        inputs.surveys,
        inputs.impact,
        term,
        as_of,
        summary,
        words,
        results,
        reality,
        findings,
        inputs.present,
    )


def stop_if_needed(findings: Findings, strict: bool) -> None:
    """The one rule for stopping: any error, or under --strict any warning. Asked once the
    inputs are checked, and again once the pack is made (a file found unprintable only while
    making the appendix is a warning too); nothing is written in either case."""
    if findings.errors:
        raise _stop(findings)
    if strict and findings.warnings:
        raise _stop(findings, strict=True)


def _stop(findings: Findings, strict: bool = False) -> InputProblems:
    problems = findings.sorted_errors() or findings.sorted_warnings()
    files = len({p.ref.file for p in problems})
    return InputProblems(problems, files, strict=strict)


def choose_term(school: School, wanted: str | None, findings: Findings) -> Term | None:
    if not wanted:
        return school.current_term
    term = school.calendar.find(wanted)
    if term is None:
        labels = ", ".join(f'"{t.label}"' for t in school.calendar.terms[-3:])
        findings.error(
            CellRef("school.xlsx", "Terms"),
            f'--term "{wanted}" is not a term on this sheet. Use one of its labels, e.g. {labels}.',
        )
    return term


def make_and_publish(checked: Checked, options: Options, office: Office, say: Say) -> Built:
    """Make the pack into a staging folder and swap it into place as the term's folder, one
    build of the term at a time; or, when nothing has changed since the last build, say so
    and leave the folder as it is."""
    school, term = checked.school, checked.term
    out_root = options.school_out(school.slug)
    kept_for_later = store(out_root)
    version = soffice_version(office.soffice, kept_for_later / "libreoffice.json")
    fonts = os.environ.get("LPPA_FONTS", "")  # a folder of fonts the pages are set in
    key = fingerprint(
        options.inputs,
        options.templates,
        {
            "term": term.label,
            "as_of": checked.as_of.isoformat(),
            "strict": str(options.strict),
            "duplex": str(options.duplex),
            "libreoffice": version,
            "fonts": fonts,
        },
    )
    # One build of this term at a time: another waits a moment, then says who holds it.
    with term_lock(out_root, term.slug, f"{school.name}, {term.label}"):
        cache = out_root / ".cache" / term.slug
        # What a build of this term that was killed left (no build holds the term now).
        recover(out_root, term.slug)
        shutil.rmtree(cache, ignore_errors=True)
        kept = unchanged(out_root / term.slug, key)
        if kept is not None:
            return Built.of(checked, out_root / term.slug, *kept, unchanged=True)
        pdf_cache = PdfCache(kept_for_later / "pdf", f"{version}|{fonts}")
        made: list[tuple[str, int]] = []  # the pack's file name and page count, once written
        failed: list[str] = []  # why the pack is a draft, when its proof failed

        def write(stage: Path) -> bool:
            # Loaded only when there is a pack to make: a rebuild with nothing changed needs none
            # of the libraries that write documents and PDFs, and answers in well under a second.
            from pipeline.documents.readiness import write_readiness
            from pipeline.pack.make import ProofFailed, make_pack

            cache.mkdir(parents=True, exist_ok=True)
            before = len(checked.findings.warnings)
            with tempfile.TemporaryDirectory(dir=cache) as work:
                pack, pages, proof = make_pack(
                    checked, options, stage, Path(work), office, version, say, pdf_cache
                )
            stop_if_needed(checked.findings, options.strict)
            report = build_report(checked, pack.name, pages, version, str(proof))
            if not proof.ok:
                failed.append(proof_failure(checked, options, proof, out_root / term.slug))
                if options.strict:
                    raise ProofFailed(failed[0])
                write_draft(checked, options, stage, out_root, pack, report, proof, failed[0])
                return False  # the last proven pack stays as it is
            (stage / "build-report.txt").write_text(report, encoding="utf-8")
            write_readiness(checked, options.templates, stage, out_root)
            if len(checked.findings.warnings) == before:
                # A warning found only while building (a file that would not print) is not in a
                # rebuild's checks: such a pack is always built again, never kept.
                record(stage, key, pack, pages)
            made.append((pack.name, pages))
            return True

        try:
            folder = publish(out_root, term.slug, write)
        finally:  # built, failed or stopped: the build's working files go with it
            shutil.rmtree(cache, ignore_errors=True)
        pdf_cache.prune()
        if cache.parent.is_dir() and not any(cache.parent.iterdir()):
            cache.parent.rmdir()
        if failed:
            from pipeline.pack.make import ProofFailed

            raise ProofFailed(failed[0])
        name, pages = made[0]
        return Built.of(checked, folder, name, pages)


DRAFT = "draft"  # the folder, inside the term's, of a pack that failed its proof


def proof_failure(checked: Checked, options: Options, proof: Proof, final: Path) -> str:
    """What the coordinator is told when the pack failed its proof: what was lost and where it
    came from, what is known of why, where the draft is, and what became of the last pack."""
    from pipeline.pack.make import lost_items, proof_cause

    last = proven_pack(final)
    kept = (
        f"The last proven pack, {last.name}, is unchanged."
        if last is not None
        else f"There is no proven pack of {checked.term.label} yet."
    )
    if options.strict:
        where = "Under --strict no draft is written: nothing was changed."
    else:
        where = (
            f"A draft, marked DRAFT on every page, is in {final / DRAFT}, with a build report "
            "naming every lost item; do not give it to the verifier."
        )
    return (
        f"The pack did not pass its proof: read back, it lacks {len(proof.missing)} of the "
        f"{proof.checked} items its documents hold:\n{lost_items(proof)}\n"
        f"{proof_cause(proof, options.templates, TEMPLATES)}\n{where} {kept}"
    )


def proven_pack(folder: Path) -> Path | None:
    """The pack in a term's folder, if it holds one (a draft is kept apart, in draft/)."""
    if not folder.is_dir():
        return None
    return next((p for p in sorted(folder.glob("*-lppa-pack-*.pdf"))), None)


def write_draft(
    checked: Checked,
    options: Options,
    stage: Path,
    out_root: Path,
    pack: Path,
    report: str,
    proof: Proof,
    why: str,
) -> None:
    """The term's folder when the pack failed its proof: everything the last build left as it
    was, the new build's documents in draft/ with the pack marked DRAFT on every page and a
    report naming every lost item, and a readiness page that says so first."""
    from pipeline.documents.readiness import write_readiness
    from pipeline.pack.assemble import mark_draft

    draft = stage / DRAFT
    draft.mkdir()
    for item in list(stage.iterdir()):
        if item != draft:
            item.rename(draft / item.name)
    marked = draft / f"{pack.stem}-DRAFT-not-proven.pdf"
    mark_draft(
        draft / pack.name,
        marked,
        f"DRAFT: this pack failed its proof ({len(proof.missing)} items missing). "
        "Do not give it to the verifier: see build-report.txt beside it.",
    )
    (draft / pack.name).unlink()
    lost = "\n".join(f"  - {m}" for m in proof.missing)
    (draft / "build-report.txt").write_text(
        f"{report.rstrip()}\n\nTHIS PACK IS A DRAFT: it failed its proof.\n"
        f"Items its documents hold that are not on its pages ({len(proof.missing)}):\n{lost}\n",
        encoding="utf-8",
    )
    final = out_root / checked.term.slug
    if final.is_dir():
        for item in final.iterdir():
            if item.name in (DRAFT, "readiness.html"):
                continue
            carry(item, stage / item.name)
    lines = tuple(line for line in why.splitlines() if not line.startswith("  "))
    write_readiness(checked, options.templates, draft, out_root, failed=lines)
    shutil.copyfile(draft / "readiness.html", stage / "readiness.html")


def carry(source: Path, target: Path) -> None:
    """A file or folder of the last build, linked (or copied) unchanged into the new folder."""
    if source.is_dir():
        shutil.copytree(source, target, copy_function=link_or_copy)
    else:
        link_or_copy(str(source), str(target))


def school_folders(inputs: Path) -> list[Path]:
    """The inputs folder itself, or, when it holds no school.xlsx but folders that do, each of
    those: several schools built in one command."""
    if find_workbook(inputs, "school.xlsx") is not None or not inputs.is_dir():
        return [inputs]
    folders = sorted(
        (p for p in inputs.iterdir() if p.is_dir() and find_workbook(p, "school.xlsx")),
        key=lambda p: p.name.casefold(),
    )
    return folders or [inputs]
