"""school.xlsx: the school's details, its calendar of terms, working group and settings."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import TypeVar

from pipeline import contract
from pipeline.errors import CellRef, Findings, Group
from pipeline.read.cells import Cell, Row
from pipeline.read.sheets import Workbook, find_workbook, open_workbook
from pipeline.read.values import (
    Unreadable,
    read_cell,
    read_date,
    read_day,
    read_number,
    read_whole,
    read_yes_no,
)
from pipeline.records import (
    Approach,
    Calendar,
    Member,
    School,
    Settings,
    SummaryText,
    Term,
    VisitSession,
    term_key,
)
from pipeline.text import normalise

FILE = "school.xlsx"
T = TypeVar("T")

SCHOOL_FIELDS = contract.field_names(FILE, "School")
REQUIRED_FIELDS = tuple(x.name for x in contract.book(FILE).sheet("School").fields if x.required)
SETTINGS_FIELDS = contract.field_names(FILE, "Settings")


def field_rows(
    book: Workbook, sheet: str, fields: tuple[str, ...], findings: Findings, required: bool
) -> dict[str, Row] | None:
    """A two-column ``Field`` | ``Value`` sheet as {field: row}; unknown fields are warned of."""
    rows = book.rows(sheet, [f.column for f in contract.FIELD_VALUE], findings, required)
    if rows is None:
        return None
    by_name = {normalise(f): f for f in fields}
    found: dict[str, Row] = {}
    for row in rows:
        label = row["Field"].text
        name = by_name.get(normalise(label))
        if name is None:
            if label:
                findings.warn(
                    row.ref("Field"),
                    f'"{label}" is not a field this sheet uses, so it is ignored. The fields '
                    f"are: {', '.join(fields)}.",
                )
            continue
        if name in found:
            findings.error(
                row.ref("Field"),
                f'"{name}" is given twice (also in row {found[name].number}). Keep one row.',
            )
            continue
        found[name] = row
    return found


def read_calendar(book: Workbook, findings: Findings) -> Calendar | None:
    rows = book.rows("Terms", contract.columns(FILE, "Terms"), findings)
    if rows is None:
        return None
    terms: list[Term] = []
    unreadable: set[str] = set()
    seen: dict[str, Row] = {}
    for row in rows:
        label = row["Term"].text
        if not label:
            findings.error(
                row.ref("Term"), 'is blank. Give the term a label, e.g. "2017-18 Term 2".'
            )
            continue
        if term_key(label) in seen:
            findings.error(
                row.ref("Term"),
                f'"{label}" is listed twice (also in row {seen[term_key(label)].number}). '
                "Each term needs its own label.",
            )
            continue
        seen[term_key(label)] = row
        starts = read_cell(row["Starts"], read_date, findings)
        ends = read_cell(row["Ends"], read_date, findings)
        if starts is None or ends is None:
            unreadable.add(term_key(label))
            continue
        if ends < starts:
            findings.error(
                row.ref("Ends"),
                f'"{ends:%d/%m/%Y}" is before the term starts ({starts:%d/%m/%Y}). '
                "Check the Starts and Ends dates.",
            )
            continue
        terms.append(Term(label, starts, ends, row.ref("Term")))
    if not terms and not findings.errors:
        findings.error(
            CellRef(FILE, book.sheet_names.get("terms", "Terms")),
            "lists no terms. Add one row per term: Term, Starts, Ends.",
        )
        return None
    terms.sort(key=lambda t: t.starts)
    for earlier, later in itertools.pairwise(terms):
        if later.starts <= earlier.ends:
            findings.error(
                later.source,
                f'"{later.label}" starts on {later.starts:%d/%m/%Y}, before "{earlier.label}" '
                f"ends ({earlier.ends:%d/%m/%Y}). Terms must not overlap: correct the dates.",
            )
    return Calendar(tuple(terms), frozenset(unreadable))


def read_approach(cell: Cell) -> Approach:
    key = normalise(cell.text).replace("-", " ").replace("led", " led").split()
    if key[:1] == ["school"]:
        return Approach.SCHOOL_LED
    if key[:1] in (["adviser"], ["advisor"]):
        return Approach.ADVISER_LED
    raise Unreadable(f"{cell.typed} is not an approach. Type School-led or Adviser-led.")


def read_working_group(book: Workbook, findings: Findings) -> tuple[Member, ...]:
    columns = contract.columns(FILE, "Working group")
    rows = book.rows("Working group", columns, findings, required=False) or []
    members = []
    for row in rows:
        if not row["Name"].text:
            findings.error(row.ref("Name"), "is blank. Give the member's name, or clear the row.")
            continue
        members.append(
            Member(row["Name"].text, row["Role"].text, row["Represents"].text, row.ref("Name"))
        )
    return tuple(members)


LOGO_PIXELS = 25_000_000  # a logo larger than this (5,000 × 5,000) is refused


def logo_problem(folder: Path, name: str) -> str:
    """Why ``name`` cannot be the logo, or "": it must be an image file inside the inputs
    folder (a path out of it, absolute or through a link, would print any picture on the
    machine on the cover), of a kind and size a page can hold."""
    path = folder / name
    try:
        inside = folder.resolve()
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return "cannot be read"
    if Path(name).is_absolute() or (resolved != inside and inside not in resolved.parents):
        return "leads outside the inputs folder"
    if not resolved.is_file():
        return "is not a file in the inputs folder"
    from PIL import Image

    try:
        with Image.open(resolved) as image:
            if image.format not in ("PNG", "JPEG", "GIF", "BMP"):
                return f"is a {image.format or 'kind of'} file, not a PNG or JPEG image"
            width, height = image.size
    except Image.DecompressionBombError:
        return "is an image too large to print"
    except (OSError, ValueError, SyntaxError):
        return "is not an image"
    if width * height > LOGO_PIXELS:
        return f"is an image too large to print ({width} × {height} pixels)"
    return ""


def read_settings(book: Workbook, folder: Path, findings: Findings) -> Settings:
    fields = field_rows(book, "Settings", SETTINGS_FIELDS, findings, required=False)
    if not fields:
        return Settings()
    default = Settings()

    def value(name: str, reader: Callable[[Cell], T], fallback: T) -> T:
        row = fields.get(name)
        if row is None or row["Value"].blank:
            return fallback
        got = read_cell(row["Value"], reader, findings)
        return fallback if got is None else got

    logo = None
    if (row := fields.get("Logo")) and not row["Value"].blank:
        logo = row["Value"].text
        problem = logo_problem(folder, logo)
        if problem:
            findings.warn(
                row.ref("Value"),
                f'"{logo}" {problem}, so no logo is printed. Put the image (PNG or JPEG) beside '
                "the workbooks and give its name, e.g. logo.png.",
            )
            logo = None
    low = value("Reality check low", read_number, default.reality_check_low)
    high = value("Reality check high", read_number, default.reality_check_high)
    for name, number in (("Reality check low", low), ("Reality check high", high)):
        if not 0 <= number <= 100:
            findings.error(
                fields[name].ref("Value"),
                f'"{number:g}" is not a percentage. Type a number from 0 to 100, e.g. 60.',
            )
    timeout = value("Conversion timeout", read_whole, default.conversion_timeout)
    if timeout < 5:
        findings.error(
            fields["Conversion timeout"].ref("Value"),
            f'"{timeout}" seconds is too short for LibreOffice to turn a file into PDF. Type '
            "a whole number of seconds, 5 or more (60 if unsure), or leave it blank.",
        )
    return Settings(
        logo=logo,
        double_sided=value("Double-sided", read_yes_no, default.double_sided),
        reality_check_low=low,
        reality_check_high=high,
        minimum_answers=value("Minimum answers", read_whole, default.minimum_answers),
        conversion_timeout=timeout,
    )


def read_objective_9(book: Workbook, findings: Findings) -> tuple[SummaryText, ...]:
    """The coordinator's summative evaluation; objectives are checked against the framework
    later, when both have been read."""
    columns = contract.columns(FILE, "Objective 9")
    entries = []
    for row in book.rows("Objective 9", columns, findings, required=False) or []:
        label = row["Objective"].text
        if isinstance(row["Objective"].value, float) and row["Objective"].value.is_integer():
            label = str(int(row["Objective"].value))
        label = re.sub(r"^objective\s*", "", label, flags=re.IGNORECASE)
        if not label:
            findings.error(
                row.ref("Objective"), "is blank. Give the objective's number, or Vision or Overall."
            )
            continue
        entries.append(
            SummaryText(
                label,
                row["Achievements"].text,
                row["Impact"].text,
                row["Next priorities"].text,
                row.ref("Objective"),
            )
        )
    return tuple(entries)


def _time_text(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime):
        return value.strftime("%H:%M")
    if isinstance(value, float) and 0 <= value < 1:  # a time stored as a fraction of a day
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return cell.text


def read_verification_day(book: Workbook, findings: Findings) -> tuple[VisitSession, ...]:
    columns = contract.columns(FILE, "Verification day")
    sessions = []
    for row in book.rows("Verification day", columns, findings, required=False) or []:
        if not row["Session"].text:
            findings.error(row.ref("Session"), "is blank. Say what happens, e.g. Portfolio review.")
            continue
        sessions.append(
            VisitSession(
                _time_text(row["Time"]),
                row["Session"].text,
                row["With"].text,
                row["Staff"].text,
                row["Room"].text,
                row.ref("Session"),
            )
        )
    return tuple(sessions)


def read_school(folder: Path, findings: Findings) -> tuple[School | None, Calendar | None]:
    """Read school.xlsx: the school (None if it cannot be had: the errors say why) and its
    calendar, which the other workbooks need even when a school field has a problem."""
    book = open_workbook(folder, FILE, findings)
    if book is None:
        return None, None
    calendar = read_calendar(book, findings)
    fields = field_rows(book, "School", SCHOOL_FIELDS, findings, required=True)
    working_group = read_working_group(book, findings)
    settings = read_settings(book, folder, findings)
    objective_9 = read_objective_9(book, findings)
    verification_day = read_verification_day(book, findings)
    word = find_workbook(folder, "objective-9.docx")
    if fields is None:
        return None, calendar

    sheet = book.sheet_names[normalise("School")]
    for name in REQUIRED_FIELDS:  # said even when the Terms sheet is empty too: all at once
        if name not in fields or fields[name]["Value"].blank:
            where = fields[name].ref("Value") if name in fields else CellRef(FILE, sheet)
            findings.error(
                where,
                f'"{name}" is required and has no value. Add a row with "{name}" in the Field '
                "column and its value beside it.",
            )
    if calendar is None:
        return None, calendar

    def text(name: str) -> str:
        return fields[name]["Value"].text if name in fields else ""

    def when(name: str) -> date | None:
        return read_day(fields[name]["Value"], calendar, findings) if name in fields else None

    current = None
    if text("Current term"):
        current = calendar.find(text("Current term"))
        if current is None and not calendar.is_unreadable(text("Current term")):
            labels = ", ".join(f'"{t.label}"' for t in calendar.terms[-3:])
            findings.error(
                fields["Current term"].ref("Value"),
                f'"{text("Current term")}" is not a term on sheet Terms. Use one of its labels, '
                f"e.g. {labels}.",
            )
    approach = Approach.SCHOOL_LED
    if "Approach" in fields and not fields["Approach"]["Value"].blank:
        approach = read_cell(fields["Approach"]["Value"], read_approach, findings) or approach
    registration = when("Registration date")
    interim = when("Interim visit date")
    verification = when("Verification date")
    if registration and verification:
        months = (verification.year - registration.year) * 12 + (
            verification.month - registration.month
        )
        if months > 15:
            findings.warn(
                fields["Verification date"].ref("Value"),
                f"verification on {verification:%d/%m/%Y} is {months} months after registration "
                f"({registration:%d/%m/%Y}); the award expects verification within 12–15 months.",
                group=Group.TIMELINE,
            )
    if current is None or not text("School name") or not text("LPPA coordinator"):
        return None, calendar
    school = School(
        name=text("School name"),
        coordinator=text("LPPA coordinator"),
        current_term=current,
        calendar=calendar,
        urn=text("URN"),
        headteacher=text("Headteacher"),
        chair_of_governors=text("Chair of governors"),
        approach=approach,
        registration_date=registration,
        interim_visit_date=interim,
        verification_date=verification,
        working_group=working_group,
        settings=settings,
        objective_9=objective_9,
        objective_9_docx=word.name if word else None,
        verification_day=verification_day,
    )
    return school, calendar
