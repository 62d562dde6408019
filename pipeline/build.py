"""One build, top to bottom: read → check → summarise → render → convert → assemble → publish.

Every input is read and checked before a single file is written; a build that stops writes
nothing, and a build that succeeds swaps its term folder into place whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline import faults
from pipeline.cache import PdfCache
from pipeline.convert import Office, soffice_version
from pipeline.errors import CellRef, Findings, Group, InputProblems, MachineProblem
from pipeline.fingerprint import fingerprint, record, unchanged
from pipeline.lock import term_lock
from pipeline.publish import publish, recover
from pipeline.read.actions import read_actions
from pipeline.read.evidence import check_evidence_files, read_evidence
from pipeline.read.framework import read_framework
from pipeline.read.impact import read_impact
from pipeline.read.objective9 import read_objective_9_docx
from pipeline.read.ratings import read_ratings
from pipeline.read.school import read_school
from pipeline.read.sheets import find_workbook
from pipeline.read.surveys import read_surveys
from pipeline.records import (
    Action,
    Evidence,
    Framework,
    LogEntry,
    Measure,
    Rating,
    School,
    Surveys,
    Term,
)
from pipeline.report import build_report
from pipeline.summarise import checks
from pipeline.summarise.as_of import as_it_stood
from pipeline.summarise.objective9 import Summary, summarise_objective_9
from pipeline.summarise.ratings import RatingSummary, summarise_ratings
from pipeline.summarise.surveys import (
    FormResults,
    RealityCheck,
    reality_check,
    summarise_surveys,
)
from pipeline.summarise.visit import add_years

PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Options:
    inputs: Path = Path("inputs")
    out: Path = Path("outputs")
    term: str | None = None
    as_of: date | None = None
    strict: bool = False
    templates: Path = PROJECT / "templates"
    per_school: bool = False  # several schools in one command: outputs/<school>/<term>/
    school_folder: str | None = None  # its folder there, when not the school's name (a clash)
    duplex: bool | None = None  # None: the school's Double-sided setting
    timeout: float | None = None  # seconds LibreOffice may spend on a file; None: the school's


@dataclass(frozen=True)
class Checked:
    """Everything read from the inputs, checked, with the term and as-of date decided."""

    school: School
    framework: Framework
    ratings: list[Rating]
    actions: list[Action]
    log: list[LogEntry]
    evidence: list[Evidence]
    surveys: Surveys | None
    impact: list[Measure] | None
    term: Term
    as_of: date
    summary: RatingSummary
    words: Summary  # the Objective 9 summary: the coordinator's words beside the data
    survey_results: tuple[FormResults, ...]
    reality: tuple[RealityCheck, ...]
    findings: Findings

    @property
    def overdue(self) -> list[Action]:
        return checks.overdue(self.actions, self.as_of)

    @property
    def coverage(self) -> tuple[int, int]:
        return checks.evidence_coverage(self.framework, self.evidence)


@dataclass(frozen=True)
class Built:
    checked: Checked
    folder: Path
    pack: Path
    report: Path
    pages: int
    files: list[Path] = field(default_factory=list)
    unchanged: bool = False  # nothing changed since the last build: the pack is as it was

    @classmethod
    def of(
        cls, checked: Checked, folder: Path, pack: str, pages: int, unchanged: bool = False
    ) -> Built:
        """The term folder as it now stands, holding ``pack``."""
        files = sorted(p for p in folder.iterdir() if p.is_file())
        report = folder / "build-report.txt"
        return cls(checked, folder, folder / pack, report, pages, files, unchanged)


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


def check_date_span(school: School, as_of: date, findings: Findings) -> None:
    """Dates far outside the award's span are usually typing slips (2071 for 2017)."""
    latest = add_years(as_of, 3)
    registered = school.registration_date
    for day, ref, _ in findings.dates:
        if registered and day < add_years(registered, -1):
            findings.warn(
                ref,
                f"{day:%d/%m/%Y} is more than a year before registration ({registered:%d/%m/%Y}); "
                "check it is not a typing slip.",
                group=Group.DATES,
            )
        elif day > latest:
            findings.warn(
                ref,
                f"{day:%d/%m/%Y} is more than three years after the as-of date "
                f"({as_of:%d/%m/%Y}); check it is not a typing slip.",
                group=Group.DATES,
            )


def check(options: Options, today: date | None = None) -> Checked:
    """Read and check every input; raises InputProblems listing all of them if any is an error."""
    findings = Findings()
    folder = options.inputs
    if not folder.is_dir():
        raise MachineProblem(
            f"The inputs folder {folder} does not exist. Give the folder that holds the "
            "workbooks with --inputs, or run the command from the project folder."
        )
    school, calendar = read_school(folder, findings)
    framework = read_framework(folder, findings)
    ratings = read_ratings(folder, findings, framework, calendar)
    actions, log = read_actions(folder, findings, framework, calendar)
    evidence = read_evidence(folder, findings, framework, calendar)
    surveys = read_surveys(folder, findings, framework, calendar)
    impact = read_impact(folder, findings, calendar)
    term = choose_term(school, options.term, findings) if school else None
    if findings.errors or school is None or framework is None or term is None:
        raise _stop(findings)
    as_of = options.as_of or min(today or date.today(), term.ends)
    # From here on, every stage sees the school as it stood on the as-of date.
    stood = as_it_stood(actions, log, evidence, as_of, findings)
    actions, log, evidence = stood.actions, stood.log, stood.evidence
    summary = summarise_ratings(framework, ratings, term, school.calendar, findings)
    if school.objective_9_docx:
        entries = read_objective_9_docx(folder / school.objective_9_docx, findings)
        source = f"The coordinator's words are from {school.objective_9_docx}."
    else:
        entries = school.objective_9
        source = "The coordinator's words are from the Objective 9 sheet of school.xlsx."
    checks.check_objective_9(school, entries, framework, as_of, findings)
    words = summarise_objective_9(
        school, entries, source, framework, ratings, summary, actions, evidence, as_of, findings
    )
    checks.check_actions(actions, evidence, school.calendar, as_of, findings)
    check_evidence_files(evidence, folder, findings)
    checks.check_fully_achieved_evidence(summary, evidence, findings)
    check_date_span(school, as_of, findings)
    checks.check_mixed_dates(findings)
    settings = school.settings
    results = summarise_surveys(surveys, settings.minimum_answers) if surveys else ()
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
    if findings.errors:
        raise _stop(findings)
    if options.strict and findings.warnings:
        raise _stop(findings, strict=True)
    return Checked(
        school,
        framework,
        ratings,
        actions,
        log,
        evidence,
        surveys,
        impact,
        term,
        as_of,
        summary,
        words,
        results,
        reality,
        findings,
    )


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


def build(options: Options, say: Callable[[str], None] = print, today: date | None = None) -> Built:
    """Build the term's folder: the documents, the merged pack and the build report."""
    try:
        # Started first: its couple of seconds of start-up pass while the inputs are read and
        # the documents rendered. Without LibreOffice, the checks still come first.
        office: Office | MachineProblem = Office()
    except MachineProblem as missing:
        office = missing
    try:
        return _build(options, say, today, office)
    finally:
        if isinstance(office, Office):
            office.close()


def _build(
    options: Options,
    say: Callable[[str], None],
    today: date | None,
    office: Office | MachineProblem,
) -> Built:
    say(f"Reading the workbooks in {options.inputs}/ …")
    faults.stage("reading")
    checked = check(options, today)
    school, term = checked.school, checked.term
    warnings = len(checked.findings.warnings)
    say(
        f"Checked: {school.name}, {term.label}, as of {checked.as_of:%d/%m/%Y} "
        f"({warnings} warning{'s' if warnings != 1 else ''})."
    )
    if isinstance(office, MachineProblem):
        raise office  # LibreOffice is not installed: how to install it
    out_root = (
        options.out / (options.school_folder or school.slug) if options.per_school else options.out
    )
    version = soffice_version(office.soffice, out_root / ".cache" / "libreoffice.json")
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
        pdf_cache = PdfCache(out_root / ".cache" / "pdf", f"{version}|{fonts}")
        made: list[tuple[str, int]] = []  # the pack's file name and page count, once written

        def write(stage: Path) -> None:
            # Loaded only when there is a pack to make: a rebuild with nothing changed needs none
            # of the libraries that write documents and PDFs, and answers in well under a second.
            from pipeline.pack import make_pack

            cache.mkdir(parents=True, exist_ok=True)
            before = len(checked.findings.warnings)
            with tempfile.TemporaryDirectory(dir=cache) as work:
                pack, pages, proof = make_pack(
                    checked, options, stage, Path(work), office, version, say, pdf_cache
                )
            if options.strict and len(checked.findings.warnings) > before:
                # A file found unprintable only while making the appendix: still nothing written.
                raise _stop(checked.findings, strict=True)
            report = stage / "build-report.txt"
            report.write_text(
                build_report(checked, pack.name, pages, version, str(proof)), encoding="utf-8"
            )
            if len(checked.findings.warnings) == before:
                # A warning found only while building (a file that would not print) is not in a
                # rebuild's checks: such a pack is always built again, never kept.
                record(stage, key, pack, pages)
            made.append((pack.name, pages))

        try:
            folder = publish(out_root, term.slug, write)
        finally:  # built, failed or stopped: the build's working files go with it
            shutil.rmtree(cache, ignore_errors=True)
        pdf_cache.prune()
        name, pages = made[0]
        if cache.parent.is_dir() and not any(cache.parent.iterdir()):
            cache.parent.rmdir()
        return Built.of(checked, folder, name, pages)
