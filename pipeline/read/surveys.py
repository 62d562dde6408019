"""surveys.xlsx (optional): the stakeholder forms, their rounds, questions, tallies, comments."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline import contract
from pipeline.errors import CellRef, Findings
from pipeline.read.cells import Cell, Row
from pipeline.read.refs import read_kpi_list
from pipeline.read.sheets import open_workbook
from pipeline.read.values import (
    Unreadable,
    read_cell,
    read_choice,
    read_day,
    read_whole,
    read_yes_no,
    split_list,
)
from pipeline.records import (
    Calendar,
    Comment,
    Form,
    Framework,
    Question,
    SurveyRound,
    Surveys,
    Tally,
)
from pipeline.text import did_you_mean, normalise

FILE = "surveys.xlsx"
FIVE_POINT = ("Strongly agree", "Agree", "Disagree", "Strongly disagree", "Don't know")
DEFAULT_FORMS = (("Parent", "Parents"), ("Staff", "Staff"), ("Pupil", "Pupils"))
GROUPS = {
    normalise(name): canonical
    for canonical, names in {
        "Parents": ("Parents", "Parent", "Parents and carers", "Carers"),
        "Staff": ("Staff",),
        "Pupils": ("Pupils", "Pupil", "Students", "Student"),
        "Governors": ("Governors", "Governor"),
        "Partners": ("Partners", "Partner"),
    }.items()
    for name in names
}


def answer_key(answer: str) -> str:
    return normalise(answer).replace("’", "'")


def question_number(cell: Cell) -> str:
    """``Q1``, ``q 1``, ``1`` and 1 are the same question."""
    m = re.fullmatch(r"q?\s*(\d+)\s*([a-z]?)", cell.text.casefold())
    if not m:
        raise Unreadable(f"{cell.typed} is not a question number. Type it as 1 or Q1.")
    return f"{int(m[1])}{m[2]}"


def default_forms() -> dict[str, Form]:
    return {
        normalise(name): Form(name, group, FIVE_POINT, FIVE_POINT[:2], None)
        for name, group in DEFAULT_FORMS
    }


def read_forms(book: object, findings: Findings, broken: set[str]) -> dict[str, Form]:
    """The Forms sheet, or the default forms without it; ``broken`` gathers the names of forms
    whose rows have errors, so that other sheets do not report them again."""
    columns = contract.columns(FILE, "Forms")
    rows = book.rows("Forms", columns, findings, required=False)  # type: ignore[attr-defined]
    if not rows:  # no Forms sheet, or one left empty: the default forms
        return default_forms()
    forms: dict[str, Form] = {}
    for row in rows:
        name = row["Form"].text
        if not name:
            findings.error(row.ref("Form"), "is blank. Name the questionnaire, e.g. Parent.")
            continue
        if normalise(name) in forms:
            findings.error(row.ref("Form"), f'"{name}" is listed twice. Keep one row per form.')
            continue
        errors_before = len(findings.errors)
        group = read_cell(row["Group"], lambda c: read_choice(c, GROUPS, "a group"), findings)
        answers = tuple(split_list(row["Answers"].text))
        if len(answers) < 2:
            findings.error(
                row.ref("Answers"),
                f"{row['Answers'].typed} is not a list of answers. List the scale in order, "
                "separated by commas, e.g. Yes, Sometimes, No, Don't know.",
            )
            continue
        by_key = {answer_key(a): a for a in answers}
        positive = []
        for typed in split_list(row["Positive"].text):
            answer = by_key.get(answer_key(typed))
            if answer is None:
                findings.error(
                    row.ref("Positive"),
                    f'"{typed}" is not one of this form\'s answers '
                    f"({', '.join(answers)}).{did_you_mean(typed, answers)} List positive "
                    "answers exactly as in the Answers column.",
                )
            elif Form(name, "", answers, (), None).is_dont_know(answer):
                findings.error(
                    row.ref("Positive"),
                    f'"{answer}" cannot count as positive: Don\'t know is never negative or '
                    "positive. Remove it from this column.",
                )
            else:
                positive.append(answer)
        if not positive:
            if not row["Positive"].text:
                findings.error(
                    row.ref("Positive"), "is blank. List the answers that count as positive."
                )
            continue
        if group is not None and len(findings.errors) == errors_before:
            typed = " ".join(row["Group"].text.split())
            called = typed[:1].upper() + typed[1:] if normalise(typed) != normalise(group) else ""
            forms[normalise(name)] = Form(
                name, group, answers, tuple(positive), row.ref("Form"), called
            )
        else:
            broken.add(normalise(name))
    return forms


def _form(cell: Cell, forms: dict[str, Form], findings: Findings, broken: set[str]) -> Form | None:
    form = forms.get(normalise(cell.text))
    if form is None and normalise(cell.text) not in broken:
        names = [f.name for f in forms.values()]
        hint = did_you_mean(cell.text, names, cutoff=0.6) if cell.text else ""
        findings.error(
            cell.ref,
            f"{cell.typed} is not a form.{hint} The forms are {', '.join(names) or 'none'}"
            " (sheet Forms).",
        )
    return form


def read_surveys(
    folder: Path, findings: Findings, framework: Framework | None, calendar: Calendar | None
) -> Surveys | None:
    """Read surveys.xlsx if it is there (it is optional); None if it is absent."""
    book = open_workbook(folder, FILE, findings, required=False)
    if book is None:
        findings.note("surveys.xlsx is not in the inputs folder: the pack has no survey results.")
        return None
    broken: set[str] = set()  # forms and rounds whose own rows have errors
    forms = read_forms(book, findings, broken)

    rounds: dict[tuple[str, str], SurveyRound] = {}
    columns = contract.columns(FILE, "Rounds")
    for row in book.rows("Rounds", columns, findings) or []:
        form = _form(row["Form"], forms, findings, broken)
        name = row["Round"].text
        if not name:
            findings.error(row.ref("Round"), "is blank. Name the round, e.g. Baseline.")
        day = read_day(row["Date"], calendar, findings)
        issued = None if row["Issued"].blank else read_cell(row["Issued"], read_whole, findings)
        returned = read_cell(row["Returned"], read_whole, findings)
        if form is None or not name or returned is None:
            broken.add(normalise(name))
            continue
        if issued is not None and returned > issued:
            findings.error(
                row.ref("Returned"),
                f"{returned} forms returned is more than the {issued} issued. Check both counts.",
            )
        key = (normalise(name), normalise(form.name))
        if key in rounds:
            findings.error(
                row.ref("Round"),
                f"the {name} round of the {form.name} form is listed twice (also in row "
                f"{rounds[key].source.row}). Keep one row.",
            )
            continue
        rounds[key] = SurveyRound(name, form.name, day, issued, returned, row.ref("Round"))

    def round_of(cell: Cell, form: Form) -> SurveyRound | None:
        found = rounds.get((normalise(cell.text), normalise(form.name)))
        if found is None and normalise(cell.text) not in broken:
            names = sorted({r.name for r in rounds.values() if r.form == form.name})
            hint = did_you_mean(cell.text, names, cutoff=0.6) if cell.text else ""
            findings.error(
                cell.ref,
                f"{cell.typed} is not a round of the {form.name} form on sheet Rounds.{hint} "
                f"Its rounds are {', '.join(names) or 'none yet'}: add the round there, or "
                "correct it.",
            )
        return found

    questions: dict[tuple[str, str, str], Question] = {}
    columns = contract.columns(FILE, "Questions")
    for row in book.rows("Questions", columns, findings) or []:
        form = _form(row["Form"], forms, findings, broken)
        number = read_cell(row["Q"], question_number, findings)
        text = row["Question"].text
        if not text:
            findings.error(row.ref("Question"), "is blank. Type the question as it was asked.")
        kpis: tuple[str, ...] | None = ()
        if not row["KPIs"].blank:
            kpis = read_kpi_list(row["KPIs"], framework, findings, unknown_is_error=False)
        asked_in = None
        if form is not None and not row["Round"].blank:
            found = round_of(row["Round"], form)
            asked_in = found.name if found else None
            if found is None:
                continue
        if form is None or number is None or not text or kpis is None:
            continue
        question_key = (normalise(form.name), number, normalise(asked_in or ""))
        if question_key in questions:
            findings.error(
                row.ref("Q"),
                f"question {number} of the {form.name} form is listed twice (also in row "
                f"{questions[question_key].source.row}). Keep one row per question.",
            )
            continue
        questions[question_key] = Question(form.name, number, text, kpis, asked_in, row.ref("Q"))

    tallies = read_tallies(book, forms, rounds, questions, round_of, findings, broken)

    comments = []
    columns = contract.columns(FILE, "Comments")
    for row in book.rows("Comments", columns, findings, required=False) or []:
        form = _form(row["Form"], forms, findings, broken)
        found = round_of(row["Round"], form) if form else None
        may_quote = read_cell(row["May quote"], read_yes_no, findings)
        if found is None or form is None or may_quote is None or not row["Comment"].text:
            continue
        comments.append(Comment(found.name, form.name, row["Comment"].text, may_quote, row.ref()))

    return Surveys(
        tuple(forms.values()),
        tuple(rounds.values()),
        tuple(questions.values()),
        tuple(tallies),
        tuple(comments),
    )


def read_tallies(
    book: object,
    forms: dict[str, Form],
    rounds: dict[tuple[str, str], SurveyRound],
    questions: dict[tuple[str, str, str], Question],
    round_of: object,
    findings: Findings,
    broken: set[str],
) -> list[Tally]:
    columns = contract.columns(FILE, "Tallies")
    rows: list[Row] | None = book.rows(  # type: ignore[attr-defined]
        "Tallies", columns, findings, other_columns=True
    )
    if rows is None:
        return []
    answer_columns = sorted({name for row in rows for name in row.cells} - {"Round", "Form", "Q"})
    by_answer = {answer_key(name): name for name in answer_columns}
    tallies: list[Tally] = []
    seen: dict[tuple[str, str, str], int] = {}
    missing_reported: set[str] = set()
    for row in rows:
        form = _form(row["Form"], forms, findings, broken)
        found = round_of(row["Round"], form) if form else None  # type: ignore[operator]
        number = read_cell(row["Q"], question_number, findings)
        if form is None or found is None or number is None:
            continue
        asked = questions.get(
            (normalise(form.name), number, normalise(found.name))
        ) or questions.get((normalise(form.name), number, ""))
        if asked is None:
            findings.error(
                row.ref("Q"),
                f"question {number} of the {form.name} form is not on sheet Questions for the "
                f"{found.name} round. Add it there, or correct the number.",
            )
            continue
        key = (normalise(found.name), normalise(form.name), number)
        if key in seen:
            findings.error(
                row.ref("Q"),
                f"question {number} of the {form.name} form is tallied twice for the "
                f"{found.name} round (also in row {seen[key]}). Add the counts into one row.",
            )
            continue
        seen[key] = row.number
        scale = {answer_key(a) for a in form.answers}
        counts: list[tuple[str, int]] = []
        blank: set[str] = set()
        bad = False
        for header in answer_columns:
            cell = row[header]
            if answer_key(header) not in scale and not cell.blank:
                findings.error(
                    cell.ref,
                    f'the {form.name} form has no answer "{header}"; its answers are '
                    f"{', '.join(form.answers)}. Move the count to the right column, or "
                    "correct the form's answers on sheet Forms.",
                )
                bad = True
        for answer in form.answers:
            column = by_answer.get(answer_key(answer))
            if column is None:
                if answer_key(answer) not in missing_reported:
                    missing_reported.add(answer_key(answer))
                    findings.error(
                        CellRef(row.file, row.sheet, 1),
                        f'no column headed "{answer}", an answer of the {form.name} form. Add '
                        "the column (counts for forms without that answer stay blank).",
                    )
                bad = True
                continue
            cell = row[column]
            if cell.blank:
                blank.add(answer)
            count = 0 if cell.blank else read_cell(cell, read_whole, findings)
            if count is None:
                bad = True
                continue
            counts.append((answer, count))
        if bad:
            continue
        total = sum(c for _, c in counts)
        if total > found.returned:
            findings.error(
                row.ref("Q"),
                f"the answers to question {number} add up to {total}, more than the "
                f"{found.returned} {form.name} forms returned in the {found.name} round "
                f"(sheet Rounds, row {found.source.row}). Check the counts.",
            )
            continue
        tallies.append(
            Tally(found.name, form.name, number, tuple(counts), row.ref(), frozenset(blank))
        )
    return tallies
