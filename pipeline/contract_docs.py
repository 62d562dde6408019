"""docs/inputs.md, written from the contract (pipeline/contract.py) so that it cannot drift.

Regenerate it with `nox -s docs`; a test fails when the committed file differs.
"""

from __future__ import annotations

from pipeline.contract import BOOKS, Book, Field, Sheet
from pipeline.limits import limits_md

INTRO = """# The input workbooks

<!-- Written by `nox -s docs` from pipeline/contract.py: edit that file, not this one. -->

The clerical team and the coordinator fill these spreadsheets in Excel or LibreOffice Calc.
The headers below are a published contract: a school's filled workbooks from last term must
still build next term. Blank workbooks with drop-downs and formats are made by
`nox -s blank_inputs -- DIR`; a new term's ratings are rolled forward by
`nox -s new_term -- "2018-19 Term 1"`.

"""

SURVEY_NOTES = """
Positive share = positive answers ÷ answers other than Don't know (or N/A). Each figure is
printed with its n; under `Minimum answers` (school.xlsx, Settings) nothing of those answers is
printed: no percentage, count, bar or label, in any table, chart or summary; the page says it is
withheld and why. A question's answers in one round can't add up to more than that round's
`Returned`.
"""

EVIDENCE_NOTES = """
A path must stay inside `evidence/`: `..`, absolute paths, drive letters and links that lead
outside are an error on a row marked In pack, a warning otherwise. In-pack files may be PDF,
Word (DOCX, DOC, ODT), spreadsheets (XLSX, XLS, ODS), slides (PPTX, ODP) or images (JPEG,
PNG); any other type is a warning asking for a PDF. A photo is printed only where `Consent` is
Yes: a row whose `Type` is Photo, whatever its file is (a photo saved as PDF too), and a file
that is an image by its content, whatever its name (a JPEG renamed .docx is named in a
warning, and printed as the image it is once consent is Yes). A PDF or document that holds
only pictures, with another Type, is the school's to judge: give it Type Photo to ask for
consent. Any file whose `Consent` is No is left out.
"""

ACTION_NOTES = """
An action is overdue when it is not Completed or Dropped and its Due date is before the
build's as-of date.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|") or " "


def _table(header: str, fields: tuple[Field, ...]) -> list[str]:
    lines = [
        f"| {header} | required | what goes there | accepted | example |",
        "|---|---|---|---|---|",
    ]
    for field in fields:
        names = f"`{field.name}`" + "".join(f" (or `{a}`)" for a in field.aliases)
        lines.append(
            f"| {names} | {'yes' if field.required else 'no'} | {_cell(field.help)} | "
            f"{_cell(field.accepts)} | `{field.example}` |"
        )
    return lines


def _sheet(sheet: Sheet) -> list[str]:
    lines = [f"### Sheet `{sheet.name}` ({'required' if sheet.required else 'optional'})", ""]
    lines += [sheet.purpose, ""]
    if sheet.is_field_sheet:
        lines += ["Two columns, `Field` | `Value`, one field a row:", ""]
        lines += _table("Field", sheet.fields)
    else:
        lines += _table("column", sheet.columns)
    if sheet.name == "Tallies":
        lines += [
            "| *one column per answer* | — | the count of that answer | "
            f"{_cell('a whole number, 0 or more')} | `41` |"
        ]
    return [*lines, ""]


def _book(book: Book) -> list[str]:
    state = "required" if book.required else "optional"
    lines = [f"## {book.file} ({state}): {book.owner}", "", book.purpose, ""]
    for sheet in book.sheets:
        lines += _sheet(sheet)
    notes = {
        "surveys.xlsx": SURVEY_NOTES,
        "evidence.xlsx": EVIDENCE_NOTES,
        "actions.xlsx": ACTION_NOTES,
    }.get(book.file)
    if notes:
        lines += [notes.strip(), ""]
    return lines


def render_inputs_md() -> str:
    lines = [INTRO.rstrip(), "", RULES.strip(), "", limits_md().strip(), ""]
    for book in BOOKS:
        lines += _book(book)
    return "\n".join(lines).rstrip() + "\n"


RULES = """
## Rules for every workbook

- One folder holds them all (default `inputs/`; `--inputs DIR` picks another).
- Each named sheet has one header row (row 1). Sheet names and headers match ignoring case,
  surrounding spaces and doubled inner spaces. Column order is free. Extra columns and extra
  sheets are ignored.
- Blank rows are skipped. A row whose only content is spaces is blank.
- A required workbook, sheet or column that is missing is an error. An optional workbook or
  sheet that is absent leaves its part of the pack out, and the build report says so.
- **Errors** stop the build: every error names the file, the sheet, the row number as Excel
  shows it, the column header and the value as typed, and says what would be accepted and how
  to fix it. All errors in all workbooks are reported in one run, then the build stops with
  exit status 1 and writes nothing into the outputs folder.
- **Warnings** never stop the build (unless `--strict`); they go to the build report.
- **Dates:** a real date cell, or text as `31/10/2017`, `31/10/17`, `31.10.2017` (all
  day-first, UK), `31 Oct 2017`, `31 October 2017` or `2017-10-31`. `10/31/2017` is an error,
  not a guess. A date far outside the award's span (more than a year before registration or
  three years after the as-of date) is a warning: it is usually a typing slip.
- **Terms:** wherever a date is asked for, a term label from school.xlsx may be given instead.
  In `Start` it means the term's first day; elsewhere its last day. Term labels match ignoring
  case, spaces, and the difference between `-`, `–` and `/` (`2017-18`, `2017–18`, `2017/18`).
  A date that falls in a holiday belongs to the term that most recently began.
- **Yes/No** cells accept Yes, Y, No, N, True, False, ✓, blank (= No), any case.
- **Numbers** shown as a percentage in Excel (`96.1%`, stored as 0.961) are read as the
  percentage shown (96.1). Whole-number columns accept `12` typed as text.
- **Lists** in one cell (KPIs, evidence refs) are separated by commas, semicolons or line
  breaks.
- **KPI identifiers** are text such as `3.2` or `3.10`; `KPI 3.2` is read as `3.2`. A KPI cell
  that Excel stored as a number is read as its cell shows it (a `0.00` format shows 3.10);
  where the cell shows `3.1` and the framework has both 3.1 and 3.10, it is an error that tells
  the user to format the column as Text. In framework.xlsx itself, two KPIs that read the same
  for that reason are an error saying so. The blank workbooks format these columns as Text.
- **Refs** (A17, E042) match ignoring case and surrounding spaces.
- Input files are never written to, moved or locked by the build; a workbook that is open in
  Excel at the time is still read.

"""
