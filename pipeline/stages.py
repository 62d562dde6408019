"""What passes from stage to stage of a build, in the order the stages make it.

``Options`` (what was asked) → ``Inputs`` (every workbook read, and the Objective 9 document)
→ ``Checked`` (the term and as-of date decided, the summaries, every finding) → ``Built`` (the
term folder as published). Only records and summaries: no stage's code lives here, so every
stage can import these without importing another stage (only the pure summaries' types).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline.errors import Findings
from pipeline.records import (
    Action,
    Evidence,
    Framework,
    LogEntry,
    Measure,
    Rating,
    School,
    SummaryText,
    Surveys,
    Term,
)
from pipeline.summarise import checks
from pipeline.summarise.objective9 import Summary
from pipeline.summarise.ratings import RatingSummary
from pipeline.summarise.surveys import FormResults, RealityCheck

PROJECT = Path(__file__).resolve().parent.parent
# The project's templates: inside the package when installed from a wheel (pyproject.toml),
# else the project's templates/ folder (a source checkout, or an editable install).
_PACKAGED = Path(__file__).resolve().parent / "templates"
TEMPLATES = _PACKAGED if _PACKAGED.is_dir() else PROJECT / "templates"


@dataclass(frozen=True)
class Options:
    inputs: Path = Path("inputs")
    out: Path = Path("outputs")
    term: str | None = None
    as_of: date | None = None
    strict: bool = False
    templates: Path = TEMPLATES
    per_school: bool = False  # several schools in one command: outputs/<school>/<term>/
    school_folder: str | None = None  # its folder there, when not the school's name (a clash)
    duplex: bool | None = None  # None: the school's Double-sided setting
    timeout: float | None = None  # seconds LibreOffice may spend on a file; None: the school's

    def school_out(self, slug: str) -> Path:
        """Where the school's term folders go: ``out``, or, several schools in one command, its
        own folder there (named ``slug``, the school's, when no other name was given)."""
        return self.out / (self.school_folder or slug) if self.per_school else self.out


@dataclass(frozen=True)
class Inputs:
    """Every input as read, nothing yet decided: the school and the framework are None only
    when their workbook could not be read (the findings say why)."""

    folder: Path
    school: School | None
    framework: Framework | None
    ratings: list[Rating]
    actions: list[Action]
    log: list[LogEntry]
    evidence: list[Evidence]
    present: frozenset[str]  # the evidence folder's files that the index names, listed once
    surveys: Surveys | None
    impact: list[Measure] | None
    objective_9: tuple[SummaryText, ...]  # the coordinator's words, from the sheet or Word
    objective_9_source: str  # which, in a sentence for the document


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
    present: frozenset[str]  # the evidence folder's files, as Inputs lists them

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

    @property
    def readiness(self) -> Path:
        """The coordinator's readiness page, beside the report."""
        return self.folder / "readiness.html"

    @classmethod
    def of(
        cls, checked: Checked, folder: Path, pack: str, pages: int, unchanged: bool = False
    ) -> Built:
        """The term folder as it now stands, holding ``pack``."""
        files = sorted(p for p in folder.iterdir() if p.is_file())
        report = folder / "build-report.txt"
        return cls(checked, folder, folder / pack, report, pages, files, unchanged)
