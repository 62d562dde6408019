"""Reading one cell as the contract says: dates, term labels, Yes/No, numbers, KPI numbers,
ratings and lists. Each function returns the value or raises :class:`Unreadable` with a
message that says what was found, what is accepted and how to fix it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from pipeline.errors import Findings
from pipeline.read.cells import Cell, shown
from pipeline.records import Calendar, Level, Term
from pipeline.text import did_you_mean, normalise


class Unreadable(ValueError):
    """A cell whose value the contract does not accept; the message is for the user."""


T = TypeVar("T")


def read_cell(cell: Cell, reader: Callable[[Cell], T], findings: Findings) -> T | None:
    """``reader(cell)``, or None with the problem recorded as an error at the cell."""
    try:
        return reader(cell)
    except Unreadable as problem:
        findings.error(cell.ref, str(problem))
        return None


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}

DATE_HELP = "Use a date cell or day/month/year, e.g. 28/02/2018"


def _date_help(calendar: Calendar | None) -> str:
    if calendar and calendar.terms:
        return (
            f'{DATE_HELP}, or a term label from school.xlsx such as "{calendar.terms[-1].label}".'
        )
    return DATE_HELP + "."


def _make_date(year: int, month: int, day: int, typed: str, calendar: Calendar | None) -> date:
    if not 1 <= month <= 12:
        raise Unreadable(
            f'"{typed}" is not a date: there is no month {month}. ' + _date_help(calendar)
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise Unreadable(
            f'"{typed}" is not a date: there is no day {day} in {date(year, month, 1):%B %Y}. '
            + _date_help(calendar)
        ) from None


def _year(typed: str) -> int:
    """A year of four digits, or of two read as Excel reads them: 00–29 this century, 30–99
    the last (so 99 is 1999, never 2099)."""
    year = int(typed)
    if len(typed) == 2:
        year += 2000 if year < 30 else 1900
    return year


def read_date_text(typed: str, calendar: Calendar | None = None) -> date:
    """A date typed as text, day first (UK): 31/10/2017, 31/10/17, 31.10.2017, 31 Oct 2017,
    31-Oct-2017, 31 Oct 17, 31 October 2017 or 2017-10-31. Never month first: 10/31/2017 is
    refused, not guessed."""
    text = typed.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), text, calendar)
    if m := re.fullmatch(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})", text):
        day, month, year = int(m[1]), int(m[3]), _year(m[4])
        if month > 12 and day <= 12:
            raise Unreadable(
                f'"{text}" looks like month/day/year. Dates are read day first (UK): '
                f"write {month:02d}/{day:02d}/{year}."
            )
        return _make_date(year, month, day, text, calendar)
    day_month_year = r"(\d{1,2})(?:st|nd|rd|th)?[\s/.\-]+([A-Za-z]+)\.?,?[\s/.\-]+(\d{4}|\d{2})"
    if m := re.fullmatch(day_month_year, text):
        named = _MONTHS.get(m[2].casefold())
        if named is not None:
            return _make_date(_year(m[3]), named, int(m[1]), text, calendar)
    raise Unreadable(f'"{text}" is not a date. ' + _date_help(calendar))


def read_date(cell: Cell, calendar: Calendar | None = None) -> date:
    """A real date cell, or text day first."""
    value = cell.value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise Unreadable(
            f'"{shown(value, cell.number_format)}" is a number, not a date. Format the cell as a '
            "date, or type the date as day/month/year, e.g. 28/02/2018."
        )
    return read_date_text(str(value), calendar)


def read_when(cell: Cell, calendar: Calendar, start: bool = False) -> date:
    """A date, or a term label standing for the term's first day (``start``) or last day."""
    if isinstance(cell.value, str):
        term = calendar.find(cell.value)
        if term is not None:
            return term.starts if start else term.ends
    return read_date(cell, calendar)


def read_day(
    cell: Cell, calendar: Calendar | None, findings: Findings, start: bool = False
) -> date | None:
    """An optional date or term label (see :func:`read_when`), remembered for the later checks;
    None when blank or unreadable (the error is recorded)."""
    if cell.blank:
        return None
    if calendar is not None and isinstance(cell.value, str) and calendar.is_unreadable(cell.value):
        return None  # the term's own dates are reported on school.xlsx's Terms sheet
    if calendar is None:
        # Without school.xlsx's calendar (its problem is reported) a term label can't be
        # checked: leave it rather than call it "not a date".
        if isinstance(cell.value, str) and "term" in cell.value.casefold():
            return None
        day = read_cell(cell, read_date, findings)
    else:
        day = read_cell(cell, lambda c: read_when(c, calendar, start), findings)
    if day is not None:
        is_term = calendar is not None and isinstance(cell.value, str) and calendar.find(cell.value)
        if not is_term:
            findings.saw_date(day, cell.ref, typed_as_text=isinstance(cell.value, str))
    return day


def read_choice(cell: Cell, choices: dict[str, T], what: str) -> T:
    """One of a closed set, matched ignoring case and spaces; a near miss gets a suggestion."""
    key = normalise(cell.text)
    if key in choices:
        return choices[key]
    names = list(dict.fromkeys(str(getattr(v, "value", v)) for v in choices.values()))
    listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    hint = did_you_mean(cell.text, names) if cell.text else ""
    found = f"{cell.typed} is not {what}." if cell.text else f"is blank; it needs {what}."
    raise Unreadable(f"{found}{hint} Use {listed}.")


def read_term(cell: Cell, calendar: Calendar, findings: Findings) -> Term | None:
    """A term label from the calendar, or a date standing for the term it falls in."""
    if isinstance(cell.value, str):
        term = calendar.find(cell.value)
        if term is not None:
            return term
    if isinstance(cell.value, str) and calendar.is_unreadable(cell.value):
        return None
    example = calendar.terms[-1].label if calendar.terms else "2017-18 Term 2"
    if cell.blank:
        findings.error(cell.ref, f'is blank. Type a term label such as "{example}".')
        return None
    if not cell.blank:
        try:
            day = read_date(cell)
        except Unreadable:
            pass
        else:
            term = calendar.term_of(day)
            if term is not None:
                return term
            findings.error(
                cell.ref,
                f"{cell.typed} is before the first term on school.xlsx's Terms sheet. Type a term "
                f'label such as "{example}".',
            )
            return None
    findings.error(
        cell.ref,
        f"{cell.typed} is not a term on school.xlsx's Terms sheet.{calendar.suggest(cell.text)} "
        f'Type a term label such as "{example}", or add the term to that sheet.',
    )
    return None


_YES = {"yes", "y", "true", "✓", "✔", "1"}
_NO = {"no", "n", "false", "", "0", "✗"}


def read_yes_no(cell: Cell) -> bool:
    value = cell.value
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    text = cell.text.casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    hint = did_you_mean(cell.text, ["Yes", "No"], cutoff=0.6)
    raise Unreadable(f"{cell.typed} is not Yes or No.{hint} Type Yes or No (Y, N, True, False, ✓).")


def read_number(cell: Cell) -> float:
    """A number; a cell shown as a percentage reads as the percentage shown (96.1% → 96.1)."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) * 100 if "%" in cell.number_format else float(value)
    text = cell.text.strip()
    if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*%?", text):
        text = text.replace(",", "")  # commas between groups of three: thousands (1,250)
    if m := re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*%?", text):
        return float(m[1])
    if re.fullmatch(r"-?\d+,\d+\s*%?", text):
        # 96,1 is 96.1 written with a decimal comma, or a slip: never guessed, never 961.
        raise Unreadable(
            f"{cell.typed} is not a number as the pack writes them: a comma only separates "
            "thousands (1,250). Type a decimal point, e.g. 96.1."
        )
    raise Unreadable(f"{cell.typed} is not a number. Type a number such as 96.1.")


def read_whole(cell: Cell) -> int:
    """A whole number ≥ 0; ``12`` typed as text is read as 12."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value) >= 0:
        if float(value).is_integer():
            return int(value)
    elif isinstance(value, str) and re.fullmatch(r"\d+", value.strip()):
        return int(value.strip())
    raise Unreadable(f"{cell.typed} is not a whole number. Type a count such as 12.")


_KPI = re.compile(r"(?:kpi)?\s*(\d+)\s*\.\s*(\d+)", re.IGNORECASE)


def kpi_from_text(text: str) -> str | None:
    """``3.2``, ``KPI 3.2``, ``kpi3.10`` → ``3.2``/``3.10``; None if it is not a KPI number."""
    m = _KPI.fullmatch(text.strip())
    return f"{int(m[1])}.{int(m[2])}" if m else None


def read_kpi_ids(cell: Cell, known: frozenset[str] | None = None) -> list[str]:
    """One KPI number or a list of them (commas, semicolons or line breaks).

    A KPI cell that Excel stored as a number is read as the cell shows it; where that is
    ambiguous (3.1 shown, and the framework has 3.1 and 3.10) the user is told to format the
    column as Text.
    """
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        as_shown = shown(value, cell.number_format)
        kpi = kpi_from_text(as_shown)
        if kpi is None:
            raise Unreadable(
                f'"{as_shown}" is not a KPI number. Type the KPI as objective.KPI, e.g. 2.4.'
            )
        if known is not None and kpi in known and f"{kpi}0" in known:
            raise Unreadable(
                f'"{as_shown}" is stored by Excel as a number, so it could be KPI {kpi} or '
                f"KPI {kpi}0. Format the column as Text and type the KPI again."
            )
        return [kpi]
    if m := re.fullmatch(r"(?:kpi\s*)?(\d+)\s*,\s*(\d+)", cell.text, re.IGNORECASE):
        raise Unreadable(
            f"{cell.typed} has a comma where a KPI number has a full stop. Type {m[1]}.{m[2]} for "
            "that KPI; separate several KPIs with commas, e.g. 2.4, 3.1."
        )
    parts = [p for p in re.split(r"[,;\n]+", cell.text) if p.strip()]
    kpis = []
    for part in parts:
        kpi = kpi_from_text(part)
        if kpi is None:
            raise Unreadable(
                f'"{part.strip()}" is not a KPI number. Type KPIs as objective.KPI, e.g. 2.4, '
                "and separate several with commas."
            )
        kpis.append(kpi)
    return kpis


_LEVELS = {
    "fully achieved": Level.FULLY,
    "fa": Level.FULLY,
    "partly achieved": Level.PARTLY,
    "pa": Level.PARTLY,
    "much more development needed": Level.MMDN,
    "mmdn": Level.MMDN,
}


def read_level(cell: Cell) -> Level:
    key = re.sub(r"\s+", " ", cell.text).strip(" .").casefold()
    level = _LEVELS.get(key)
    if level is None:
        hint = did_you_mean(cell.text, [lv.value for lv in Level]) if cell.text else ""
        raise Unreadable(
            f"{cell.typed} is not a rating.{hint} Use Fully achieved, Partly achieved or Much "
            "more development needed (FA, PA or MMDN for short)."
        )
    return level


def split_list(text: str) -> list[str]:
    """A list typed in one cell: separated by commas, semicolons or line breaks."""
    return [p.strip() for p in re.split(r"[,;\n]+", text) if p.strip()]
