"""The clerical team's kit: blank workbooks read back as Excel would show them, filled in as a
person would, and a new term rolled forward row by row."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document

from pipeline import contract
from pipeline.build import check
from pipeline.errors import gathered
from pipeline.kit import KitProblem
from pipeline.kit.blanks import HOW_TO, LISTS, write_blank_inputs
from pipeline.kit.new_term import new_term
from pipeline.stages import Options
from tests.conftest import SAMPLE, run_cli

TODAY = date(2026, 11, 23)


@pytest.fixture
def blanks(tmp_path: Path) -> Path:
    folder = tmp_path / "blank"
    write_blank_inputs(folder, SAMPLE)
    return folder


def validations_at(ws: Any, coordinate: str) -> list[Any]:
    return [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]


def test_every_workbook_sheet_and_header_of_the_contract(blanks: Path) -> None:
    for book in contract.BOOKS:
        wb = openpyxl.load_workbook(blanks / book.file)
        assert wb.sheetnames[0] == HOW_TO
        assert wb[LISTS].sheet_state == "hidden"
        for sheet in book.sheets:
            ws = wb[sheet.name]
            headers = [c.value for c in ws[1] if c.value]
            if sheet.is_field_sheet:
                assert headers == ["Field", "Value", "What goes there"]
                assert [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)] == [
                    f.name for f in sheet.fields
                ]
            else:
                assert headers[: len(sheet.columns)] == [c.name for c in sheet.columns]
            assert ws.freeze_panes == "A2"
    assert (blanks / "evidence").is_dir()


def test_each_header_says_what_goes_there_with_an_example(blanks: Path) -> None:
    ws = openpyxl.load_workbook(blanks / "actions.xlsx")["Actions"]
    due = validations_at(ws, "G1")
    assert len(due) == 1
    assert due[0].promptTitle == "Due"
    assert due[0].prompt == (
        "A term label means its last day. Accepted: a date, a term label, Ongoing (never "
        "overdue) or TBC. Example: 2017-18 Term 3"
    )
    assert due[0].showInputMessage


def test_columns_are_formatted_for_what_they_hold(blanks: Path) -> None:
    ws = openpyxl.load_workbook(blanks / "actions.xlsx")["Actions"]
    assert ws["B2"].number_format == "@"  # KPI
    assert ws["A500"].number_format == "@"  # Ref
    assert ws["G2"].number_format == "DD/MM/YYYY"  # Due
    surveys = openpyxl.load_workbook(blanks / "surveys.xlsx")
    assert surveys["Rounds"]["E2"].number_format == "0"  # Returned
    assert [c.value for c in surveys["Tallies"][1]] == [
        "Round",
        "Form",
        "Q",
        "Strongly agree",
        "Agree",
        "Disagree",
        "Strongly disagree",
        "Don't know",
    ]


def test_drop_downs_for_closed_sets_terms_and_kpis(blanks: Path) -> None:
    wb = openpyxl.load_workbook(blanks / "ratings.xlsx")
    ws, lists = wb["Ratings"], wb[LISTS]

    def listed(coordinate: str) -> tuple[list[str], str]:
        (dv,) = [d for d in validations_at(ws, coordinate) if d.type == "list"]
        column = dv.formula1.split("!$")[1][0]
        values = [c.value for c in lists[column][1:] if c.value is not None]
        return values, dv.errorStyle

    assert listed("C2") == ([*contract.RATINGS, "FA", "PA", "MMDN"], "stop")
    terms, style = listed("A2")
    assert (terms[0], terms[-1], len(terms), style) == (
        "2016-17 Term 1",
        "2018-19 Term 6",
        18,
        "warning",
    )
    kpis, style = listed("B2")
    assert (kpis[0], kpis[-1], len(kpis), style) == ("1.1", "9.2", 34, "warning")
    yes_no, _ = listed("F2")
    assert yes_no == ["Yes", "No", "Y", "N"]


def every_drop_down(folder: Path) -> list[tuple[str, str, str, list[str], Any]]:
    """(workbook, sheet, header or field, the values offered, the validation) for every
    drop-down of every blank workbook, as Excel would read them."""
    found = []
    for path in sorted(folder.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for dv in ws.data_validations.dataValidation:
                if dv.type != "list":
                    continue
                cells = dv.formula1.split("!$")[1]
                column = cells[0]
                values = [c.value for c in wb[LISTS][column][1:] if c.value is not None]
                first = str(dv.sqref).split()[0].split(":")[0]
                row = int("".join(ch for ch in first if ch.isdigit()))
                col = "".join(ch for ch in first if ch.isalpha())
                name = ws[f"A{row}"].value if ws["A1"].value == "Field" else ws[f"{col}1"].value
                found.append((path.name, ws.title, str(name), values, dv))
    return found


def test_every_drop_down_offers_what_the_build_reads_and_its_help_says(blanks: Path) -> None:
    """The kit says one thing: each value a drop-down offers is read by the build in that very
    cell (filled in and checked), and named in the header's help (the contract's "accepts",
    which docs/inputs.md prints too)."""
    from pipeline.read.cells import Cell
    from pipeline.read.values import read_level, read_yes_no

    drops = every_drop_down(blanks)
    assert len(drops) >= 8
    for book, sheet, name, values, dv in drops:
        field = next(
            f
            for b in contract.BOOKS
            if b.file == book
            for sh in b.sheets
            if sh.name == sheet
            for f in (*sh.columns, *sh.fields)
            if f.name == name
        )
        if field.kind in ("yes_no", "consent"):
            for value in values:
                read_yes_no(Cell(value, "@", None))  # type: ignore[arg-type]
        if name == "Rating":
            for value in values:
                read_level(Cell(value, "@", None))  # type: ignore[arg-type]
        if dv.errorStyle == "stop":
            assert all(
                v in field.accepts or v in contract.YES_NO + contract.YES_NO_SHORT for v in values
            ), name
            assert dv.error.startswith(f"Use one of the listed values: {field.accepts}")
        elif field.kind == "term":
            assert "term of school.xlsx's Terms sheet" in dv.error
        else:
            assert "Not a KPI of the framework" in dv.error, (book, name, dv.error)
    docs = (Path(__file__).parents[2] / "docs" / "inputs.md").read_text(encoding="utf-8")
    assert "(FA, PA or MMDN for short)" in docs


def test_each_workbook_opens_on_how_to_fill_it_in_and_prints_its_headers_whole(
    blanks: Path,
) -> None:
    for path in sorted(blanks.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        assert wb.active.title == HOW_TO, path.name
        assert [ws.sheet_view.tabSelected for ws in wb.worksheets].count(True) == 1
    ws = openpyxl.load_workbook(blanks / "ratings.xlsx")["Ratings"]
    headers = [c.value for c in ws[1]]
    assert "Carried forward" in headers
    assert ws.row_dimensions[1].height >= 30  # two lines: "Carried" / "forward" at its width


def test_without_inputs_the_lists_are_the_award_s_never_the_sample_s(tmp_path: Path) -> None:
    write_blank_inputs(tmp_path / "blank")
    drops = {(b, n): v for b, _, n, v, _ in every_drop_down(tmp_path / "blank")}
    assert ("ratings.xlsx", "Term") not in drops  # no terms known: no list, never the sample's
    assert drops[("ratings.xlsx", "KPI")][:2] == ["1.1", "1.2"]


def test_without_the_school_s_workbooks_the_defaults_fill_the_lists(tmp_path: Path) -> None:
    write_blank_inputs(tmp_path / "blank", tmp_path / "no-such-folder")
    wb = openpyxl.load_workbook(tmp_path / "blank" / "framework.xlsx")
    assert wb["KPIs"]["A2"].value == "1.1"
    assert len([r for r in wb["KPIs"].iter_rows(values_only=True) if r[0]]) == 35
    assert wb["Objectives"]["B10"].value == "Summary of achievements and future plans"


def test_blank_workbooks_are_never_written_over_existing_ones(blanks: Path) -> None:
    with pytest.raises(KitProblem) as refused:
        write_blank_inputs(blanks, SAMPLE)
    assert refused.value.message.startswith(f"{blanks} already holds school.xlsx, framework.xlsx")


def test_the_blank_objective_9_document_has_a_heading_per_objective(blanks: Path) -> None:
    doc = Document(str(blanks / "objective-9.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Vision" and headings[-1] == "Overall"
    assert headings[1] == "Objective 1: Commitment to working towards the award"
    assert len(headings) == 2 + 8  # every objective but the summary one


def fill(folder: Path) -> None:
    """Fill the blank workbooks as a clerical team would, typing into the formatted cells."""

    def put(book: str, sheet: str, rows: list[list[Any]]) -> None:
        wb = openpyxl.load_workbook(folder / book)
        ws = wb[sheet]
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values, start=1):
                if value is not None:
                    ws.cell(row=r, column=c).value = value
        wb.save(folder / book)

    wb = openpyxl.load_workbook(folder / "school.xlsx")
    values = {
        "School name": "Oak Lane Primary",
        "LPPA coordinator": "Ms Jo Bell",
        "Approach": "School-led",
        "Registration date": "12/01/2018",
        "Current term": "Spring 2018",
    }
    ws = wb["School"]
    for row in range(2, ws.max_row + 1):
        name = ws.cell(row=row, column=1).value
        if name in values:
            ws.cell(row=row, column=2).value = values[name]
    wb.save(folder / "school.xlsx")
    put(
        "school.xlsx",
        "Terms",
        [
            ["Autumn 2017", datetime(2017, 9, 4), datetime(2017, 12, 20)],
            ["Spring 2018", "08/01/2018", "29/03/2018"],
        ],
    )
    put(
        "ratings.xlsx",
        "Ratings",
        [
            ["Autumn 2017", "1.1", "Partly achieved", "Signed.", None],
            ["Spring 2018", "1.1", "Fully achieved", None, None],
        ],
    )
    put(
        "actions.xlsx",
        "Actions",
        [
            [
                "A1",
                "1.1, 2.4",
                "Sign the statement",
                "Head",
                "Chair",
                "Autumn 2017",
                "Spring 2018",
                None,
                "Completed",
                datetime(2018, 2, 1),
                None,
                "E1",
                None,
            ]
        ],
    )
    put(
        "evidence.xlsx",
        "Evidence",
        [
            [
                "E1",
                "Signed statement",
                "1.1",
                "Document",
                "01/02/2018",
                "Portfolio binder",
                "No",
                None,
            ]
        ],
    )
    put("surveys.xlsx", "Rounds", [["Baseline", "Parent", "15/01/2018", 100, 40]])
    put("surveys.xlsx", "Questions", [["Parent", "Q1", "I feel welcome.", "3.1", None]])
    put("surveys.xlsx", "Tallies", [["Baseline", "Parent", "1", 10, 20, 5, 2, 3]])
    put("impact.xlsx", "Measures", [["Spring 2018", "Attendance %", 96.2, 96]])


def test_filled_in_as_a_person_would_the_blanks_pass_check(blanks: Path) -> None:
    (blanks / "objective-9.docx").unlink()
    fill(blanks)
    result = check(Options(inputs=blanks), today=TODAY)
    assert result.school.name == "Oak Lane Primary"
    assert result.term.label == "Spring 2018"
    assert result.actions[0].kpis == ("1.1", "2.4")
    assert result.surveys is not None and result.surveys.tallies[0].counts[0] == (
        "Strongly agree",
        10,
    )


def test_a_new_term_rolls_every_rating_forward(inputs: Path) -> None:
    rolled = new_term(inputs, "2019-20 Term 1", date(2019, 9, 2), date(2019, 10, 18))
    assert (rolled.carried, rolled.added_term) == (34, True)
    assert rolled.ratings == inputs / "ratings.2019-20-term-1.xlsx"
    old = openpyxl.load_workbook(inputs / "ratings.xlsx")["Ratings"]
    new = openpyxl.load_workbook(rolled.ratings)["Ratings"]
    assert [c.value for c in new[1]] == [
        "Term",
        "KPI",
        "Rating",
        "Current achievements",
        "Next steps",
        "Carried forward",
    ]
    for row in range(2, old.max_row + 1):  # every old row kept as it was
        assert [c.value for c in new[row][:5]] == [c.value for c in old[row][:5]]
    added = [[c.value for c in r] for r in new.iter_rows(min_row=old.max_row + 1)]
    assert len(added) == 34
    assert added[0] == [
        "2019-20 Term 1",
        "1.1",
        "Fully achieved",
        "Statement of commitment signed by the headteacher and chair of governors (E01).",
        None,
        "Yes",
    ]
    by_kpi = {r[1]: r for r in added}
    assert by_kpi["8.3"][2] == "Partly achieved"  # its latest, from 2017-18 Term 1
    assert by_kpi["4.3"][2] == "Much more development needed"
    terms = openpyxl.load_workbook(rolled.school)["Terms"]
    assert [c.value for c in terms[terms.max_row]] == [
        "2019-20 Term 1",
        datetime(2019, 9, 2),
        datetime(2019, 10, 18),
    ]
    rolled.school.replace(inputs / "school.xlsx")
    rolled.ratings.replace(inputs / "ratings.xlsx")
    result = check(Options(inputs=inputs), today=TODAY)
    assert result.term.label == "2019-20 Term 1"
    carried = [w for w in result.findings.warnings if "carried forward" in w.message]
    assert len(carried) == 34
    assert str(carried[0]) == (
        f"ratings.xlsx, sheet Ratings, row {old.max_row + 1}, column Rating: KPI 1.1's rating for "
        "2019-20 Term 1 was carried forward from 2017-18 Term 4 and has not been reviewed. Review "
        "it, then clear Carried forward."
    )
    report = gathered(sorted(result.findings.warnings, key=lambda w: w.sort_key))
    (line,) = [x for x in report if "carried forward" in x]
    first, last = old.max_row + 1, old.max_row + 34
    assert line.startswith(
        "34 KPIs' ratings for 2019-20 Term 1 carried forward and not reviewed: 1.1, 1.2, 1.3, "
    )
    assert line.endswith(
        f"(ratings.xlsx, sheet Ratings, rows {first}–{last}). Review each, then clear its "
        "Carried forward."
    )
    assert len(report) == len(result.findings.warnings) - 33  # 34 lines became one


def test_a_new_term_needs_dates_and_never_overwrites(inputs: Path) -> None:
    with pytest.raises(KitProblem) as refused:
        new_term(inputs, "2019-20 Term 1")
    assert refused.value.message == (
        '"2019-20 Term 1" is not on the Terms sheet of school.xlsx. Give its dates with '
        "--starts DD/MM/YYYY --ends DD/MM/YYYY, and it will be added."
    )
    new_term(inputs, "2018-19 Term 1")
    with pytest.raises(KitProblem, match="already exist"):
        new_term(inputs, "2018-19 Term 1")
    with pytest.raises(KitProblem, match="would overlap 2018-19 Term 1"):
        new_term(inputs, "Autumn 2018", date(2018, 9, 1), date(2018, 12, 20))


def test_a_new_term_adds_its_rows_below_the_last_filled_not_below_the_formatted(
    inputs: Path, tmp_path: Path
) -> None:
    """ratings.xlsx as the kit makes it (500 rows formatted, with drop-downs), filled with the
    school's ratings: the new term's rows follow the last rating, inside the drop-downs, not at
    row 502 where openpyxl's count of used rows would put them."""
    write_blank_inputs(tmp_path / "blank", inputs)
    kit_made = openpyxl.load_workbook(tmp_path / "blank" / "ratings.xlsx")
    sheet = kit_made["Ratings"]
    assert sheet.max_row > 500  # what openpyxl counts as used
    filled = openpyxl.load_workbook(inputs / "ratings.xlsx")["Ratings"]
    headers = [c.value for c in sheet[1]]
    last = 1
    for last, row in enumerate(filled.iter_rows(min_row=2, values_only=True), start=2):
        for header, value in zip([c.value for c in filled[1]], row, strict=True):
            if header in headers:
                sheet.cell(last, headers.index(header) + 1, value)
    kit_made.save(inputs / "ratings.xlsx")
    rolled = new_term(inputs, "2019-20 Term 1", date(2019, 9, 2), date(2019, 10, 18))
    new = openpyxl.load_workbook(rolled.ratings)["Ratings"]
    added = [r[0].row for r in new.iter_rows(min_row=2) if r[0].value == "2019-20 Term 1"]
    assert added == list(range(last + 1, last + 35))
    rating = openpyxl.utils.get_column_letter(headers.index("Rating") + 1)
    drop_downs = [v for v in new.data_validations.dataValidation if v.type == "list"]
    assert any(f"{rating}{added[-1]}" in v.sqref for v in drop_downs)


def test_check_on_the_blank_kit_reports_every_problem_at_once(tmp_path: Path) -> None:
    write_blank_inputs(tmp_path / "blank")
    run = run_cli("check", "--inputs", str(tmp_path / "blank"))
    assert run.code == 1
    for field in ("School name", "LPPA coordinator", "Current term"):
        assert f'"{field}" is required and has no value' in run.err
    assert "sheet Terms: lists no terms" in run.err


def test_check_lists_every_warning_itself(inputs: Path) -> None:
    run = run_cli("check", "--inputs", str(inputs))
    assert run.code == 0, run.text
    assert "more in the build report" not in run.out  # check writes no report
    listed = [line for line in run.out.splitlines() if line.startswith("  - ")]
    assert len(listed) == 8  # the sample's 12 warnings less its 4 overdue actions
