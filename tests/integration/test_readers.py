"""Each rule of the input contract, on real workbooks written by openpyxl: the whole message."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline.build import check
from pipeline.errors import InputProblems
from pipeline.records import Level
from pipeline.stages import Checked, Options
from tests.conftest import edit, find_row, set_cell


def problems(folder: Path, **options: object) -> list[str]:
    with pytest.raises(InputProblems) as stopped:
        check(Options(inputs=folder, **options))  # type: ignore[arg-type]
    return [str(p) for p in stopped.value.problems]


def checked(folder: Path, **options: object) -> Checked:
    return check(Options(inputs=folder, **options), today=date(2026, 11, 23))  # type: ignore[arg-type]


def test_the_sample_school_passes_with_its_deliberate_warnings(inputs: Path) -> None:
    result = checked(inputs)
    assert result.school.name == "Meadowbank Primary School"
    assert result.term.label == "2017-18 Term 4"
    assert result.as_of == date(2018, 3, 29)
    assert len(result.framework.kpis) == 34
    assert len(result.actions) == 29
    assert len(result.evidence) == 21
    assert result.surveys is not None and len(result.surveys.tallies) == 23
    assert result.impact is not None and len(result.impact) == 10
    assert [a.ref for a in result.overdue] == ["A11", "A13", "A22", "A29"]
    assert result.coverage == (22, 34)
    groups = Counter(w.group.short for w in result.findings.warnings)
    assert groups == {
        "overdue actions": 4,
        "action plan": 4,
        "consent": 1,
        "self-evaluation": 2,
        "reality check": 1,
    }
    assert (
        "ratings.xlsx, sheet Ratings, row 67, column Rating: KPI 8.3 was not re-rated for "
        "2017-18 Term 4; it keeps its 2017-18 Term 1 rating (Partly achieved). Add a row for "
        "2017-18 Term 4 if the rating has been reviewed."
    ) in [str(w) for w in result.findings.warnings]


def test_a_missing_workbook(inputs: Path) -> None:
    (inputs / "ratings.xlsx").unlink()
    assert problems(inputs) == [
        f"ratings.xlsx: is missing from the inputs folder. Every build needs it: put ratings.xlsx "
        f"in {inputs}."
    ]


def test_a_csv_in_place_of_the_workbook(inputs: Path) -> None:
    (inputs / "ratings.xlsx").unlink()
    (inputs / "ratings.csv").write_text("Term,KPI,Rating\n", encoding="utf-8")
    assert problems(inputs) == [
        "ratings.xlsx: is missing from the inputs folder. There is ratings.csv, but a CSV file "
        "holds one sheet and no formats: open it in Excel and save it as Excel Workbook (.xlsx) "
        "named ratings.xlsx."
    ]


def test_a_file_that_is_not_a_workbook(inputs: Path) -> None:
    (inputs / "framework.xlsx").write_text("not a workbook")
    assert problems(inputs)[0] == (
        "framework.xlsx: is not an Excel workbook that can be read (BadZipFile). Open it in Excel "
        "or LibreOffice Calc and save it as Excel Workbook (.xlsx)."
    )


def test_workbook_names_match_in_any_case(inputs: Path) -> None:
    (inputs / "ratings.xlsx").rename(inputs / "Ratings.XLSX")
    assert checked(inputs).ratings


def test_a_missing_sheet(inputs: Path) -> None:
    edit(inputs, "framework.xlsx", lambda wb: setattr(wb["KPIs"], "title", "Indicators"))
    assert problems(inputs) == [
        'framework.xlsx: has no sheet named "KPIs" (it has: Objectives, Indicators). Add the '
        'sheet, or rename the sheet that holds this information to "KPIs".'
    ]


def test_a_missing_column(inputs: Path) -> None:
    edit(inputs, "school.xlsx", lambda wb: setattr(wb["Terms"]["C1"], "value", "Finishes"))
    assert problems(inputs) == [
        'school.xlsx, sheet Terms, row 1: no column headed "Ends". Row 1 must hold the headers '
        'Term, Starts, Ends (in any order); it has "Term", "Starts", "Finishes".'
    ]


def test_sheets_and_headers_match_ignoring_case_and_spaces(inputs: Path) -> None:
    def change(wb: object) -> None:
        ws = wb["Ratings"]  # type: ignore[index]
        ws.title = "  RATINGS "
        ws["A1"] = " term"
        ws["C1"] = "RATING  "
        ws["D1"] = "Current   achievements"

    edit(inputs, "ratings.xlsx", change)
    result = checked(inputs)
    assert len(result.ratings) == 101
    assert any(r.achievements for r in result.ratings)


def test_columns_in_any_order_and_extra_columns_ignored(inputs: Path) -> None:
    def change(wb: object) -> None:
        ws = wb["KPIs"]  # type: ignore[index]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        for number, (kpi, objective, statement) in enumerate(rows, start=1):
            extra = "Notes" if number == 1 else "anything"
            for column, value in enumerate((statement, extra, objective, kpi), start=1):
                ws.cell(row=number, column=column).value = value

    edit(inputs, "framework.xlsx", change)
    framework = checked(inputs).framework
    assert len(framework.kpis) == 34
    assert framework.kpis[0].statement.startswith("The headteacher and governors have signed")


def test_blank_rows_and_rows_of_spaces_are_skipped(inputs: Path) -> None:
    def change(wb: object) -> None:
        ws = wb["Ratings"]  # type: ignore[index]
        ws.insert_rows(5, amount=2)
        ws["A5"] = "   "
        ws["C6"] = " "

    edit(inputs, "ratings.xlsx", change)
    assert len(checked(inputs).ratings) == 101


def test_every_problem_in_every_workbook_in_one_run(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "Terms", "Starts", 3, "31/02/2017")
    set_cell(inputs, "ratings.xlsx", "Ratings", "Rating", 2, "Nearly there")
    set_cell(inputs, "framework.xlsx", "KPIs", "Objective", 3, 2)
    assert problems(inputs) == [
        "framework.xlsx, sheet KPIs, row 3, column KPI: KPI 1.2 is under objective 2, but a "
        "KPI's number starts with its objective's number. Correct the KPI or the Objective column.",
        'ratings.xlsx, sheet Ratings, row 2, column Rating: "Nearly there" is not a rating. Use '
        "Fully achieved, Partly achieved or Much more development needed (FA, PA or MMDN for "
        "short).",
        'school.xlsx, sheet Terms, row 3, column Starts: "31/02/2017" is not a date: there is no '
        "day 31 in February 2017. Use a date cell or day/month/year, e.g. 28/02/2018.",
    ]


def test_month_first_dates_in_the_calendar(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "Terms", "Ends", 2, "10/21/2016")
    assert problems(inputs) == [
        'school.xlsx, sheet Terms, row 2, column Ends: "10/21/2016" looks like month/day/year. '
        "Dates are read day first (UK): write 21/10/2016."
    ]


def test_dates_typed_as_text_in_the_calendar(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "Terms", "Starts", 2, "5 Sept 2016")
    set_cell(inputs, "school.xlsx", "Terms", "Ends", 2, "21.10.16")
    term = checked(inputs).school.calendar.terms[0]
    assert (term.starts, term.ends) == (date(2016, 9, 5), date(2016, 10, 21))


def test_overlapping_terms(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "Terms", "Starts", 3, datetime(2016, 10, 20))
    assert problems(inputs) == [
        'school.xlsx, sheet Terms, row 3, column Term: "2016-17 Term 2" starts on 20/10/2016, '
        'before "2016-17 Term 1" ends (21/10/2016). Terms must not overlap: correct the dates.'
    ]


def test_a_term_that_ends_before_it_starts(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "Terms", "Ends", 2, datetime(2016, 9, 1))
    assert problems(inputs) == [
        'school.xlsx, sheet Terms, row 2, column Ends: "01/09/2016" is before the term starts '
        "(05/09/2016). Check the Starts and Ends dates."
    ]


def test_an_unknown_current_term(inputs: Path) -> None:
    row = 11  # Current term, the tenth field
    set_cell(inputs, "school.xlsx", "School", "Value", row, "Spring 2018")
    assert problems(inputs) == [
        'school.xlsx, sheet School, row 11, column Value: "Spring 2018" is not a term on sheet '
        'Terms. Use one of its labels, e.g. "2018-19 Term 4", "2018-19 Term 5", "2018-19 Term 6".'
    ]


def test_a_required_field_left_blank(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "School", "Value", 5, None)
    assert problems(inputs) == [
        'school.xlsx, sheet School, row 5, column Value: "LPPA coordinator" is required and has '
        'no value. Add a row with "LPPA coordinator" in the Field column and its value beside it.'
    ]


def test_an_unknown_term_given_with_term(inputs: Path) -> None:
    assert problems(inputs, term="2019-20 Term 1") == [
        'school.xlsx, sheet Terms: --term "2019-20 Term 1" is not a term on this sheet. Use one '
        'of its labels, e.g. "2018-19 Term 4", "2018-19 Term 5", "2018-19 Term 6".'
    ]


def test_a_mistyped_field_is_a_warning(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "School", "Field", 4, "Head teacher")
    warnings = [str(w) for w in checked(inputs).findings.warnings]
    assert (
        'school.xlsx, sheet School, row 4, column Field: "Head teacher" is not a field this sheet '
        "uses, so it is ignored. The fields are: School name, URN, Headteacher, LPPA coordinator, "
        "Chair of governors, Approach, Registration date, Interim visit date, Verification date, "
        "Current term."
    ) in warnings


def test_verification_long_after_registration_is_a_warning(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "School", "Value", 10, "2018-19 Term 1")
    warnings = [str(w) for w in checked(inputs).findings.warnings]
    assert (
        "school.xlsx, sheet School, row 10, column Value: verification on 21/10/2018 is 21 months "
        "after registration (10/01/2017); the award expects verification within 12–15 months."
    ) in warnings


def test_a_date_that_looks_like_a_typing_slip(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "School", "Value", 8, "12/10/2071")
    warnings = [str(w) for w in checked(inputs).findings.warnings]
    assert (
        "school.xlsx, sheet School, row 8, column Value: 12/10/2071 is more than three years "
        "after the as-of date (29/03/2018); check it is not a typing slip."
    ) in warnings


def test_a_kpi_under_the_wrong_objective(inputs: Path) -> None:
    set_cell(inputs, "framework.xlsx", "KPIs", "Objective", 2, 4)
    assert problems(inputs) == [
        "framework.xlsx, sheet KPIs, row 2, column KPI: KPI 1.1 is under objective 4, but a KPI's "
        "number starts with its objective's number. Correct the KPI or the Objective column."
    ]


def test_a_kpi_under_an_objective_the_framework_lacks(inputs: Path) -> None:
    set_cell(inputs, "framework.xlsx", "KPIs", "Objective", 2, 12)
    assert problems(inputs) == [
        "framework.xlsx, sheet KPIs, row 2, column Objective: objective 12 is not on sheet "
        "Objectives. Add it there, or correct the number."
    ]


def add_kpi_310(inputs: Path, number_format: str = "@", as_number: bool = False) -> None:
    def change(wb: object) -> None:
        ws = wb["KPIs"]  # type: ignore[index]
        for n in range(6, 11):
            ws.append([f"3.{n}", "3", f"Statement {n}"])
        if as_number:
            ws.cell(row=ws.max_row, column=1).value = 3.1
            ws.cell(row=ws.max_row, column=1).number_format = number_format

    edit(inputs, "framework.xlsx", change)


def test_in_the_framework_3_10_stored_as_a_number_reads_as_3_1(inputs: Path) -> None:
    add_kpi_310(inputs, "General", as_number=True)
    assert problems(inputs) == [
        "framework.xlsx, sheet KPIs, row 40, column KPI: reads as KPI 3.1, the same as row 10: "
        "Excel stored this KPI as a number, so 3.1 and 3.10 look alike. Format the KPI column as "
        "Text and type both again."
    ]


def test_in_the_framework_a_number_formatted_to_two_places_is_3_10(inputs: Path) -> None:
    add_kpi_310(inputs, "0.00", as_number=True)
    assert checked(inputs).framework.kpi("3.10") is not None


def test_a_rating_for_3_1_stored_as_a_number_when_3_10_exists(inputs: Path) -> None:
    add_kpi_310(inputs)
    row = find_row(openpyxl_sheet(inputs, "ratings.xlsx", "Ratings"), "KPI", "3.1")
    set_cell(inputs, "ratings.xlsx", "Ratings", "KPI", row, 3.1, "General")
    assert problems(inputs) == [
        f'ratings.xlsx, sheet Ratings, row {row}, column KPI: "3.1" is stored by Excel as a '
        "number, so it could be KPI 3.1 or KPI 3.10. Format the column as Text and type the KPI "
        "again."
    ]


def openpyxl_sheet(folder: Path, book: str, sheet: str) -> object:
    import openpyxl

    return openpyxl.load_workbook(folder / book)[sheet]


def test_ratings_accept_short_forms_and_kpi_prefix(inputs: Path) -> None:
    set_cell(inputs, "ratings.xlsx", "Ratings", "Rating", 2, "fa")
    set_cell(inputs, "ratings.xlsx", "Ratings", "KPI", 2, "KPI 1.1")
    first = checked(inputs).ratings[0]
    assert (first.kpi, first.level) == ("1.1", Level.FULLY)


def test_a_rating_for_a_kpi_the_framework_lacks(inputs: Path) -> None:
    set_cell(inputs, "ratings.xlsx", "Ratings", "KPI", 2, "1.9")
    assert problems(inputs) == [
        'ratings.xlsx, sheet Ratings, row 2, column KPI: "1.9" is not a KPI in framework.xlsx. Use '
        "a KPI number from its KPIs sheet, e.g. 1.1."
    ]


def test_a_kpi_rated_twice_in_one_term(inputs: Path) -> None:
    set_cell(inputs, "ratings.xlsx", "Ratings", "KPI", 3, "1.1")
    assert problems(inputs) == [
        "ratings.xlsx, sheet Ratings, row 3, column KPI: KPI 1.1 is rated twice for 2016-17 Term 3 "
        "(also in row 2). Keep one rating per KPI per term; a new term's ratings go in new rows."
    ]


def test_a_rating_row_for_several_kpis(inputs: Path) -> None:
    set_cell(inputs, "ratings.xlsx", "Ratings", "KPI", 2, "1.1, 1.2")
    assert problems(inputs) == [
        'ratings.xlsx, sheet Ratings, row 2, column KPI: "1.1, 1.2" names 2 KPIs; each row rates '
        "one KPI. Give each KPI its own row."
    ]


def test_a_rating_for_an_unknown_term(inputs: Path) -> None:
    set_cell(inputs, "ratings.xlsx", "Ratings", "Term", 2, "Autumn 2016")
    assert problems(inputs) == [
        'ratings.xlsx, sheet Ratings, row 2, column Term: "Autumn 2016" is not a term on '
        'school.xlsx\'s Terms sheet. Type a term label such as "2018-19 Term 6", or add the term '
        "to that sheet."
    ]


def test_a_date_in_the_term_column_means_its_term(inputs: Path) -> None:
    set_cell(inputs, "ratings.xlsx", "Ratings", "Term", 2, datetime(2017, 1, 20))
    assert checked(inputs).ratings[0].term.label == "2016-17 Term 3"


def test_a_kpi_not_rated_this_term_keeps_its_rating(inputs: Path) -> None:
    result = checked(inputs)
    kpi = next(k for k in result.summary.kpis if k.kpi.id == "8.3")
    assert kpi.current is not None
    assert (kpi.current.term.label, kpi.current.level) == ("2017-18 Term 1", Level.PARTLY)
    assert not kpi.rated_this_term


def test_building_an_earlier_term_ignores_later_ratings(inputs: Path) -> None:
    result = checked(inputs, term="2017-18 Term 1")
    kpi = next(k for k in result.summary.kpis if k.kpi.id == "1.3")
    assert kpi.current is not None and kpi.current.level is Level.PARTLY
    assert result.as_of == date(2017, 10, 21)
    assert result.findings.notes == [
        "33 rating(s) for terms after 2017-18 Term 1 were left out: this pack is built for "
        "2017-18 Term 1."
    ]


def test_a_formula_with_no_saved_result(inputs: Path) -> None:
    set_cell(inputs, "ratings.xlsx", "Ratings", "Rating", 2, '=IF(1,"Fully achieved","")')
    assert problems(inputs) == [
        "ratings.xlsx, sheet Ratings, row 2, column Rating: holds the formula "
        '"=IF(1,"Fully achieved","")" with no saved result. Open the workbook in Excel or '
        "LibreOffice and save it, or type the value."
    ]


def test_inputs_are_never_written(inputs: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in inputs.rglob("*") if p.is_file()}
    checked(inputs)
    assert {p: p.read_bytes() for p in inputs.rglob("*") if p.is_file()} == before
    shutil.rmtree(tmp_path / "inputs")


def test_a_term_with_unreadable_dates_is_reported_once_not_at_every_rating(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "Terms", "Starts", 4, "13/25/2017")
    assert problems(inputs) == [
        'school.xlsx, sheet Terms, row 4, column Starts: "13/25/2017" is not a date: there is no '
        "month 25. Use a date cell or day/month/year, e.g. 28/02/2018."
    ]


def test_a_mistyped_term_label_gets_a_suggestion(inputs: Path) -> None:
    set_cell(inputs, "ratings.xlsx", "Ratings", "Term", 2, "2016-17 Term3.")
    assert problems(inputs) == [
        'ratings.xlsx, sheet Ratings, row 2, column Term: "2016-17 Term3." is not a term on '
        'school.xlsx\'s Terms sheet. Did you mean "2016-17 Term 3"? Type a term label such as '
        '"2018-19 Term 6", or add the term to that sheet.'
    ]


def test_a_kpi_typed_as_a_number_in_a_text_column_reads_as_shown(inputs: Path) -> None:
    set_cell(inputs, "ratings.xlsx", "Ratings", "KPI", 2, 1.1)  # the column is formatted as Text
    assert checked(inputs).ratings[0].kpi == "1.1"


def test_an_impact_value_with_a_decimal_comma_is_named_never_read_as_thousands(
    inputs: Path,
) -> None:
    set_cell(inputs, "impact.xlsx", "Measures", "Value", 3, "96,1")  # typed as text
    with pytest.raises(InputProblems) as stopped:
        check(Options(inputs=inputs), today=date(2018, 3, 29))
    assert [str(p) for p in stopped.value.problems] == [
        'impact.xlsx, sheet Measures, row 3, column Value: "96,1" is not a number as the pack '
        "writes them: a comma only separates thousands (1,250). Type a decimal point, e.g. 96.1."
    ]
