"""Where a problem is, what it is, and the few exceptions that stop a build.

Input problems are never raised one at a time: readers add them to a :class:`Findings` so that
a user sees every problem in every workbook in one run. Exceptions are for the machine (no
LibreOffice, a folder that cannot be written) and for a build that must stop.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True, order=True)
class CellRef:
    """A place in an input workbook, in the terms a person sees in Excel.

    ``row`` is the row number as Excel shows it (1 is the header row); ``column`` is the column's
    header as the contract names it. A reference to a whole file, sheet or row leaves the finer
    parts empty.
    """

    file: str
    sheet: str = ""
    row: int = 0
    column: str = ""

    def __str__(self) -> str:
        return self.joined(", ")

    @property
    def whole_row(self) -> CellRef:
        """The row this cell is in, as the report names a record's row."""
        return CellRef(self.file, self.sheet, self.row)

    def joined(self, separator: str) -> str:
        """The file, then each finer part that is given, named: "sheet Actions", "row 14"."""
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return separator.join(parts)


class Group(enum.Enum):
    """What a warning asks the coordinator to do, in the order they should deal with them; the
    value is the build report's heading for the group."""

    OVERDUE = "Overdue actions: complete them or agree new dates"
    SELF_EVALUATION = "Self-evaluation: rate, confirm or evidence these KPIs"
    REALITY_CHECK = "Reality check: ratings the surveys challenge"
    ACTION_PLAN = "Action plan: fill the gaps"
    OBJECTIVE_9 = "Objective 9: check the coordinator's words"
    EVIDENCE = "Evidence: correct the index or the files"
    CONSENT = "Consent: these are left out of the pack"
    TIMELINE = "Award timeline: check the dates in school.xlsx"
    DATES = "Dates that look like typing slips"
    FRAMEWORK = "Framework: check framework.xlsx"
    INPUTS = "Workbooks: tidy these cells"

    @property
    def heading(self) -> str:
        return str(self.value)

    @property
    def short(self) -> str:
        """The group in a few words, for the command's summary line ("overdue actions 4")."""
        return self.heading.split(":")[0].lower()


@dataclass(frozen=True)
class Problem:
    """One error or warning about the inputs: where, and a message that says how to fix it.

    ``group`` gathers warnings in the build report by what the coordinator has to do.
    """

    ref: CellRef
    message: str
    group: Group = Group.INPUTS
    # Warnings of one kind about many rows are listed as one line (``gathered``): the kind in
    # words ("KPIs carried forward and not reviewed"), what this one is about ("3.2"), and
    # what to do about them all.
    kind: str = ""
    subject: str = ""
    advice: str = ""

    def __str__(self) -> str:
        return f"{self.ref}: {self.message}"

    @property
    def sort_key(self) -> tuple[str, str, int, str, str]:
        return (self.ref.file, self.ref.sheet, self.ref.row, self.ref.column, self.message)


@dataclass
class Findings:
    """Every error and warning found while reading and checking, collected, never raised."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dates: list[tuple[date, CellRef, bool]] = field(default_factory=list)

    def error(self, ref: CellRef, message: str) -> None:
        """Record an error; a cell already in error keeps its first (a formula with no result
        need not also be called "not a rating")."""
        if ref.column and any(p.ref == ref for p in self.errors):
            return
        self.errors.append(Problem(ref, message))

    def warn(
        self,
        ref: CellRef,
        message: str,
        group: Group = Group.INPUTS,
        kind: str = "",
        subject: str = "",
        advice: str = "",
    ) -> None:
        self.warnings.append(Problem(ref, message, group, kind, subject, advice))

    def saw_date(self, day: date, ref: CellRef, typed_as_text: bool = False) -> None:
        """Remember a date read from the inputs, to check later for typing slips and for day
        and month swapped by a computer set to US dates."""
        self.dates.append((day, ref, typed_as_text))

    def note(self, message: str) -> None:
        """Something the build report should say that is neither an error nor a warning."""
        self.notes.append(message)

    def sorted_errors(self) -> list[Problem]:
        return sorted(self.errors, key=lambda p: p.sort_key)

    def sorted_warnings(self) -> list[Problem]:
        return sorted(self.warnings, key=lambda p: p.sort_key)


class BuildStopped(Exception):
    """Raised by a stage that cannot go on; ``exit_code`` is what the command exits with.

    1: the inputs have problems (they are in ``problems``); 2: the machine lacks something or
    refuses (the message says what to do).
    """

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputProblems(BuildStopped):
    """Raised by the build when reading and checking found errors (or warnings under --strict)."""

    exit_code = 1

    def __init__(self, problems: list[Problem], files: int, strict: bool = False) -> None:
        noun = "problem" if len(problems) == 1 else "problems"
        books = "workbook" if files == 1 else "workbooks"
        super().__init__(
            f"Stopped: {len(problems)} {noun} in {files} {books}; nothing was written."
        )
        self.problems = problems
        self.strict = strict


class MachineProblem(BuildStopped):
    """Raised when the machine lacks something or refuses (LibreOffice missing, folder locked)."""

    @classmethod
    def unwritable(cls, folder: Path, exc: OSError) -> MachineProblem:
        """The outputs folder refused to be written, and what to do."""
        return cls(
            f"The output folder {folder} cannot be written ({exc.strerror}). Choose another "
            "with --out, or ask for write access."
        )


class ConversionError(MachineProblem):
    """Raised by pack/convert.py when LibreOffice fails, hangs or writes no valid PDF."""


class TemplateError(MachineProblem):
    """Raised by a document module when a template in templates/ cannot be rendered."""


class Terminated(KeyboardInterrupt):
    """The build was asked to end by a signal other than Ctrl-C: SIGTERM (a scheduler, a
    service manager, ``kill``) or SIGHUP (the terminal closed). Met as Ctrl-C is, everything the
    build started stopped and nothing changed; the exit status is 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def grouped(warnings: list[Problem]) -> list[tuple[Group, list[Problem]]]:
    """The warnings by group, the groups in the order they should be dealt with."""
    groups: dict[Group, list[Problem]] = defaultdict(list)
    for warning in warnings:
        groups[warning.group].append(warning)
    return [(group, groups[group]) for group in Group if group in groups]


GATHER_FROM = 3  # this many warnings of one kind are listed as one line


def gathered(items: list[Problem]) -> list[str]:
    """The warnings as lines to read, those of one kind about many rows as one line ("34 KPIs
    carried forward and not reviewed: 1.1, 1.2 … (ratings.xlsx, sheet Ratings, rows 2–35).
    Review each …"), in the place of the first of them."""
    kinds: dict[str, list[Problem]] = defaultdict(list)
    for item in items:
        if item.kind:
            kinds[item.kind].append(item)
    lines: list[str] = []
    for item in items:
        same = kinds.get(item.kind, []) if item.kind else []
        if len(same) < GATHER_FROM:
            lines.append(str(item))
        elif item is same[0]:
            rows = sorted(p.ref.row for p in same if p.ref.row)
            where = same[0].ref
            span = f", rows {rows[0]}–{rows[-1]}" if rows and rows[0] != rows[-1] else ""
            place = CellRef(where.file, where.sheet).joined(", ")
            subjects = ", ".join(p.subject for p in same if p.subject)
            lines.append(
                f"{len(same)} {item.kind}: {subjects} ({place}{span}). {item.advice}".rstrip()
            )
    return lines
