"""Tallying the returns: a Microsoft Forms or Google Forms export (one row per respondent, CSV or
XLSX) counted into the Tallies sheet of a new copy of surveys.xlsx, never over the original."""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl

from pipeline.errors import BuildStopped, CellRef, Findings, InputProblems, Problem
from pipeline.read.surveys import answer_key, read_surveys
from pipeline.records import Form, Question, slugify
from pipeline.text import did_you_mean, normalise
from pipeline.xlsx import find_sheet, header_columns, next_row, put

# Columns the form services add that are not answers.
METADATA = {
    normalise(name)
    for name in (
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Last modified time",
        "Timestamp",
        "Email address",
        "Score",
        "Total points",
        "Quiz feedback",
        "Points",
        "Feedback",
    )
}
_NUMBERED = re.compile(
    r"^\s*(?:q(?:uestion)?\s*(\d+[a-z]?)\b[.):\-–]?|(\d+[a-z]?)\s*[.):\-–])\s*(.*)$",
    re.IGNORECASE,
)


class TallyProblem(BuildStopped):
    """Raised when an export cannot be tallied as asked; exit status 1."""

    exit_code = 1


@dataclass
class Export:
    name: str
    headers: list[str]
    rows: list[list[str]]
    dates: list[date] = field(default_factory=list)
    unclear: str = ""  # a date the export gives that could be day or month first


_DATE = re.compile(r"(\d{4}|\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)")


def export_dates(values: list[str]) -> tuple[list[date], str]:
    """The dates of an export's timestamp column, in the forms' known formats: year first
    (Google Forms' CSV: ``2018/01/22 10:00:00 am GMT``) or day and month in the order the
    column itself shows — ``28/2/2018`` anywhere makes it day first, ``2/28/2018`` month first
    (Microsoft Forms' and US exports). Never guessed: when every date could be read either way
    (``3/2/2018``), or the column shows both orders, no date is read and the second value is an
    example of the problem. A two-digit year is this century's: an export is recent."""
    found = [(m, raw.strip()) for raw in values if (m := _DATE.match(raw.strip()))]
    dates, pairs = [], []
    for m, _ in found:
        a, b, c = (int(x) for x in m.groups())
        if len(m[1]) == 4:
            with contextlib.suppress(ValueError):
                dates.append(date(a, b, c))
        else:
            pairs.append((a, b, 2000 + c if c < 100 else c))  # a form export is this century
    day_first = any(a > 12 for a, _, _ in pairs)
    month_first = any(b > 12 for _, b, _ in pairs)
    if pairs and day_first == month_first and any(a != b for a, b, _ in pairs):
        sample = next(raw for m, raw in found if len(m[1]) != 4)
        return dates, sample.split()[0]
    for a, b, year in pairs:
        with contextlib.suppress(ValueError):
            dates.append(date(year, a, b) if month_first else date(year, b, a))
    return dates, ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_export(path: Path) -> Export:
    """The export's header row and answers, from CSV (UTF-8 or Windows) or XLSX."""
    if not path.is_file():
        raise TallyProblem(f"{path} is not a file. Give the path of the downloaded export.")
    if path.suffix.casefold() == ".xlsx":
        book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), data_only=True)
        sheet = book.worksheets[0]
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
    elif path.suffix.casefold() == ".csv":
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        values = [list(row) for row in csv.reader(io.StringIO(text))]
    else:
        raise TallyProblem(
            f"{path.name} is neither CSV nor XLSX. Download the responses from Microsoft Forms "
            "(Open in Excel) or Google Forms (Download responses (.csv))."
        )
    values = [row for row in values if any(_text(v) for v in row)]
    if not values:
        raise TallyProblem(f"{path.name} is empty.")
    headers = [_text(h) for h in values[0]]
    rows = [[_text(v) for v in row] + [""] * (len(headers) - len(row)) for row in values[1:]]
    stamped = [i for i, h in enumerate(headers) if normalise(h) in ("completion time", "timestamp")]
    column = (
        [row[stamped[-1]] if len(row) > stamped[-1] else None for row in values[1:]]
        if stamped
        else []
    )
    dates = [v.date() for v in column if isinstance(v, datetime)]
    typed, unclear = export_dates([v for v in column if isinstance(v, str)])
    return Export(path.name, headers, rows, dates + typed, unclear)


_GRID_ROW = re.compile(r"^(.*?)\s*\[([^\[\]]+)\]\s*$")


def match_question(header: str, questions: list[Question]) -> Question | None:
    """The question ``header`` is a column for (see ``match_column``), exact or not."""
    return match_column(header, questions)[0]


def match_column(header: str, questions: list[Question]) -> tuple[Question | None, bool]:
    """The question a column is for, and whether the match is exact: by number ("1.", "Q1 …")
    or by text as asked (exact), or nearly as asked (not exact: shown, and counted only with
    --accept). A column of a Google Forms grid, ``How much do you agree? [I feel welcome]``,
    by its row, which is the statement answered. Opposite meanings never match: "cannot
    attend" is not "can attend", however close the words."""
    grid = _GRID_ROW.match(header)
    if grid:
        found = _match_one(grid[2], questions)
        if found[0] is not None:
            return found
    return _match_one(header, questions)


_NEGATIONS = {"not", "no", "never", "cannot", "nothing", "none", "unable", "neither", "nor"}


def negated(text: str) -> bool:
    """Whether ``text`` says the opposite of itself without its negations (an odd number of
    "not", "never", "can't" …)."""
    words = re.findall(r"[a-z']+", text.casefold().replace("’", "'"))
    return sum(w in _NEGATIONS or w.endswith("n't") for w in words) % 2 == 1


def _match_one(header: str, questions: list[Question]) -> tuple[Question | None, bool]:
    by_number = {q.number: q for q in questions}
    m = _NUMBERED.match(header)
    number = (m[1] or m[2]).casefold() if m else ""
    if number in by_number:
        return by_number[number], True
    text = normalise(m[3] if m else header).rstrip("?.: ")
    by_text = {normalise(q.text).rstrip("?.: "): q for q in questions}
    if text in by_text:
        return by_text[text], True
    alike = [t for t in by_text if negated(t) == negated(text)]
    close = difflib.get_close_matches(text, alike, n=1, cutoff=0.85)
    return (by_text[close[0]], False) if close else (None, False)


_PERSONAL = re.compile(r"\b(e-?mail|name|phone|address|postcode|time|date)\b", re.IGNORECASE)


def _kind_of_answers(header: str, answers: list[str], form: Form) -> str:
    """What a column that is no question holds: "free text" (comments), "a short list" (a
    closed question the form has that the Questions sheet does not: year group, class),
    "personal" (names, e-mail addresses, times), or "answers" (the form's own scale)."""
    given = [a for a in answers if a]
    if _PERSONAL.search(header) or (given and sum("@" in a for a in given) > len(given) / 2):
        return "personal"
    if not given:
        return "empty"
    scale = {answer_key(a) for a in form.answers}
    if sum(answer_key(a) in scale for a in given) > len(given) / 2:
        return "answers"
    distinct = {normalise(a) for a in given}
    if len(distinct) <= 12 and len(distinct) < len(given) and max(map(len, given)) <= 40:
        return "a short list"
    return "free text"


@dataclass(frozen=True)
class Tallied:
    copy: Path
    respondents: int
    counted: dict[str, dict[str, int]]  # question number → answer → count
    comments: int
    missing: tuple[str, ...]  # questions of the form with no column in the export
    reading: tuple[str, ...] = ()  # what each column of the export became, a line each
    replaced: str = ""  # what of the round was there before and was replaced, if anything


def tally(
    export_path: Path,
    inputs: Path,
    form_name: str,
    round_name: str,
    on: date | None = None,
    issued: int | None = None,
    accept: bool = False,
    replace: bool = False,
    comments_from: tuple[str, ...] = (),
) -> Tallied:
    """Count ``export_path`` into a new copy of surveys.xlsx, having read every column: a
    question (exact, or nearly as asked: counted only with ``accept``), comments (free text, or
    a column named in ``comments_from``), or ignored (the form's own columns, names, e-mail
    addresses, times, a short list of answers such as a year group). A round already tallied
    is replaced only with ``replace``, its comments with it (never added twice)."""
    findings = Findings()
    from pipeline.read.school import read_school

    _, calendar = read_school(inputs, findings)
    surveys = read_surveys(inputs, Findings(), None, calendar)
    if surveys is None:
        raise TallyProblem(
            f"There is no surveys.xlsx in {inputs}. Make one with `nox -s blank_inputs`, add the "
            "form's questions to its Questions sheet, and tally again."
        )
    form = next((f for f in surveys.forms if normalise(f.name) == normalise(form_name)), None)
    if form is None:
        names = [f.name for f in surveys.forms]
        raise TallyProblem(
            f'"{form_name}" is not a form of surveys.xlsx.{did_you_mean(form_name, names)} '
            f"The forms are {', '.join(names)}."
        )
    known = [
        r
        for r in surveys.rounds
        if normalise(r.name) == normalise(round_name) and r.form == form.name
    ]
    of_form = [q for q in surveys.questions if q.form == form.name]
    questions = [
        q for q in of_form if q.round is None or normalise(q.round) == normalise(round_name)
    ]
    export = read_export(export_path)
    problems: list[Problem] = []
    columns: dict[int, Question] = {}
    comment_columns: list[int] = []
    reading: list[str] = []
    nearly: list[str] = []
    wanted = {normalise(c) for c in comments_from}
    for index, header in enumerate(export.headers):
        answers = [row[index] for row in export.rows]
        shown = f'"{header}"' if header else f"column {index + 1} (no header)"
        if normalise(header) in wanted:
            comment_columns.append(index)
            reading.append(f"{shown}: comments (as asked)")
            continue
        if not header or normalise(header) in METADATA:
            reading.append(f"{shown}: ignored (the form's own column)")
            continue
        question, exact = match_column(header, questions)
        if question is None:
            kind = _kind_of_answers(header, answers, form)
            elsewhere, _ = match_column(header, [q for q in of_form if q not in questions])
            if elsewhere is not None:
                problems.append(
                    Problem(
                        CellRef(export.name, "", 1, header),
                        f"is question {elsewhere.number} of the {form.name} form, which is asked "
                        f"only in the {elsewhere.round} round"
                        + (
                            f"; the {round_name} round is not on the Rounds sheet yet"
                            if not known
                            else ""
                        )
                        + f". To count it for {round_name}, add the question to the Questions "
                        f"sheet for that round (or leave its Round blank: asked in every round), "
                        "then tally again.",
                    )
                )
            elif kind == "free text":
                comment_columns.append(index)
                reading.append(f"{shown}: comments ({sum(1 for a in answers if a)} written)")
            elif kind in ("personal", "empty"):
                why = "names, addresses or times" if kind == "personal" else "empty"
                reading.append(f"{shown}: ignored ({why})")
            elif kind == "a short list":
                sample = ", ".join(sorted({a for a in answers if a})[:4])
                reading.append(
                    f"{shown}: ignored (answers from a short list: {sample} …; not a question "
                    "of the form on the Questions sheet. Add it there to count it, or give "
                    f'--comments "{header}" to keep its answers as comments)'
                )
            else:
                listed = "; ".join(f"{q.number}. {q.text}" for q in questions)
                problems.append(
                    Problem(
                        CellRef(export.name, "", 1, header),
                        f"matches no question of the {form.name} form ({listed}). Rename the "
                        "column to the question's number or wording, or add the question to the "
                        "Questions sheet.",
                    )
                )
            continue
        if question in columns.values():
            problems.append(
                Problem(
                    CellRef(export.name, "", 1, header),
                    f"is a second column for question {question.number}. Remove one of them.",
                )
            )
            continue
        columns[index] = question
        if exact:
            reading.append(f"{shown}: question {question.number} (exact)")
        else:
            line = f'{shown}: question {question.number}, "{question.text}" (NOT exact)'
            reading.append(line)
            nearly.append(line)
    if nearly and not accept and not problems:
        raise TallyProblem(
            "How the export was read:\n"
            + "\n".join(f"  {line}" for line in reading)
            + f"\n{len(nearly)} column{'s' if len(nearly) > 1 else ''} match a question only "
            "nearly. Check each against the question beside it; if it is the same question, "
            "tally again with --accept. Otherwise rename the column in the export."
        )
    scale = {answer_key(a): a for a in form.answers}
    counted: dict[str, dict[str, int]] = {}
    for index, question in columns.items():
        counts: Counter[str] = Counter()
        for number, row in enumerate(export.rows, start=2):
            answer = row[index]
            if not answer:
                continue
            canonical = scale.get(answer_key(answer))
            if canonical is None:
                problems.append(
                    Problem(
                        CellRef(export.name, "", number, export.headers[index]),
                        f'"{answer}" is not an answer of the {form.name} form '
                        f"({', '.join(form.answers)}).{did_you_mean(answer, form.answers)} Correct "
                        "the Forms sheet's Answers, or the export.",
                    )
                )
                continue
            counts[canonical] += 1
        counted[question.number] = {a: counts.get(a, 0) for a in form.answers}
    if problems:
        raise InputProblems(problems, 1)
    missing = tuple(q.number for q in questions if q.number not in counted)
    comments = [
        row[index] for index in comment_columns for row in export.rows if row[index].strip()
    ]
    copy = inputs / f"surveys.{slugify(round_name)}-{slugify(form.name)}.xlsx"
    if copy.exists():
        raise TallyProblem(
            f"{copy.name} already exists in {inputs}. It is never written over: rename or remove "
            "it first."
        )
    book = openpyxl.load_workbook(inputs / "surveys.xlsx")  # read once: checked, then written
    before = _already(book, form, round_name, known)
    if before and not replace:
        raise TallyProblem(
            f"The {round_name} round of the {form.name} form is already tallied in surveys.xlsx "
            f"({before}). Tallying this export replaces it with {len(export.rows)} responses "
            f"and {len(comments)} comments. If that is what you want, tally again with "
            "--replace; if this is another round, give it its own name with --round."
        )
    day = on or (max(export.dates) if export.dates else None)
    if day is None and not known:
        why = (
            f"its dates (e.g. {export.unclear}) could be day or month first"
            if export.unclear
            else "it gives no dates"
        )
        raise TallyProblem(
            f"The {round_name} round is new, and {export.name} cannot date it: {why}. Give the "
            "round's date with --date, e.g. --date 22/01/2018."
        )
    _write_copy(
        book,
        copy,
        form,
        round_name,
        counted,
        comments,
        len(export.rows),
        day or date.today(),  # a known round keeps its date
        issued,
    )
    return Tallied(copy, len(export.rows), counted, len(comments), missing, tuple(reading), before)


def _same(ws: Any, row: int, cols: dict[str, int], round_name: str, form: Form) -> bool:
    """Whether ``row`` of a Tallies or Comments sheet is the round's, for the form."""
    return (
        normalise(_text(ws.cell(row=row, column=cols["round"]).value)),
        normalise(_text(ws.cell(row=row, column=cols["form"]).value)),
    ) == (normalise(round_name), normalise(form.name))


def _already(book: Any, form: Form, round_name: str, known: list[Any]) -> str:
    """What surveys.xlsx holds of the round already, in a few words ("" if nothing)."""
    held = [f"{known[0].returned} returned"] if known and known[0].returned else []
    for sheet, what in (("Tallies", "counts for {n} question{s}"), ("Comments", "{n} comment{s}")):
        ws = find_sheet(book, sheet)
        if ws is None:
            continue
        cols = header_columns(ws)
        if "round" not in cols or "form" not in cols:
            continue
        n = sum(_same(ws, r, cols, round_name, form) for r in range(2, ws.max_row + 1))
        if n:
            held.append(what.format(n=n, s="" if n == 1 else "s"))
    return ", ".join(held)


def _clear(ws: Any, cols: dict[str, int], round_name: str, form: Form) -> None:
    """Empty the rows of ``ws`` that are the round's, for the form (blank rows are skipped)."""
    for row in range(2, ws.max_row + 1):
        if _same(ws, row, cols, round_name, form):
            for cell in ws[row]:
                cell.value = None


def _write_copy(
    book: Any,
    copy: Path,
    form: Form,
    round_name: str,
    counted: dict[str, dict[str, int]],
    comments: list[str],
    respondents: int,
    day: date,
    issued: int | None,
) -> None:
    """The round counted into ``book`` (surveys.xlsx as read), saved as ``copy``."""
    ws = find_sheet(book, "Tallies", ["Round", "Form", "Q"])
    cols = header_columns(ws, ["Round", "Form", "Q", *form.answers])
    _clear(ws, cols, round_name, form)  # replaced whole: no count of the old tally is left
    rows = {}
    for row in range(2, ws.max_row + 1):
        key = tuple(
            normalise(_text(ws.cell(row=row, column=cols[k]).value)) for k in ("round", "form", "q")
        )
        rows[key] = row
    for number, counts in counted.items():
        key = (normalise(round_name), normalise(form.name), normalise(number))
        alt = (normalise(round_name), normalise(form.name), normalise(f"Q{number}"))
        row = rows.get(key) or rows.get(alt) or next_row(ws)
        put(ws, row, cols["round"], round_name)
        put(ws, row, cols["form"], form.name)
        put(ws, row, cols["q"], number)
        for answer, count in counts.items():
            put(ws, row, cols[normalise(answer)], count)

    rounds = find_sheet(book, "Rounds", ["Round", "Form", "Date", "Issued", "Returned"])
    rcols = header_columns(rounds, ["Round", "Form", "Date", "Issued", "Returned"])
    target = None
    for row in range(2, rounds.max_row + 1):
        if (
            normalise(_text(rounds.cell(row=row, column=rcols["round"]).value)),
            normalise(_text(rounds.cell(row=row, column=rcols["form"]).value)),
        ) == (
            normalise(round_name),
            normalise(form.name),
        ):
            target = row
    if target is None:
        target = next_row(rounds)
        put(rounds, target, rcols["round"], round_name)
        put(rounds, target, rcols["form"], form.name)
        cell = rounds.cell(row=target, column=rcols["date"])
        cell.value = datetime(day.year, day.month, day.day)
        cell.number_format = "DD/MM/YYYY"
    put(rounds, target, rcols["returned"], respondents)
    if issued is not None:
        put(rounds, target, rcols["issued"], issued)

    said = find_sheet(book, "Comments")
    if said is not None:
        said_cols = header_columns(said)
        if "round" in said_cols and "form" in said_cols:
            _clear(said, said_cols, round_name, form)  # never the same comments twice
    if comments:
        sheet = find_sheet(book, "Comments", ["Round", "Form", "Comment", "May quote"])
        ccols = header_columns(sheet, ["Round", "Form", "Comment", "May quote"])
        for text in comments:
            row = next_row(sheet)
            put(sheet, row, ccols["round"], round_name)
            put(sheet, row, ccols["form"], form.name)
            put(sheet, row, ccols["comment"], text)
    book.save(copy)
