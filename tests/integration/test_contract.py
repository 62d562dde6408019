"""The rest of the contract: actions, evidence, surveys, impact, the Objective 9 and
verification-day sheets, and the odd files a clerical team really sends. Whole messages."""

from __future__ import annotations

import os
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from pipeline.build import check
from pipeline.errors import InputProblems
from pipeline.records import Place, Status
from pipeline.stages import Checked, Options
from tests.conftest import edit, set_cell

TODAY = date(2026, 11, 23)


def problems(folder: Path) -> list[str]:
    with pytest.raises(InputProblems) as stopped:
        check(Options(inputs=folder), today=TODAY)
    return [str(p) for p in stopped.value.problems]


def checked(folder: Path, **options: Any) -> Checked:
    return check(Options(inputs=folder, **options), today=TODAY)


def warnings(folder: Path) -> list[str]:
    return [str(w) for w in checked(folder).findings.sorted_warnings()]


def action_row(ref: str) -> int:
    return int(ref[1:]) + 1  # A01 is in row 2


def evidence_row(ref: str) -> int:
    return int(ref[1:]) + 1  # E01 is in row 2


# Actions


def test_a_near_miss_status_gets_a_suggestion(inputs: Path) -> None:
    set_cell(inputs, "actions.xlsx", "Actions", "Status", 3, "Complete")
    assert problems(inputs) == [
        'actions.xlsx, sheet Actions, row 3, column Status: "Complete" is not a status. Did you '
        'mean "Completed"? Use Not started, In progress, Completed or Dropped.'
    ]


def test_a_completed_action_needs_its_completion_date(inputs: Path) -> None:
    set_cell(inputs, "actions.xlsx", "Actions", "Completed", 2, None)
    assert problems(inputs) == [
        "actions.xlsx, sheet Actions, row 2, column Completed: is blank, but the Status is "
        "Completed. Give the date or term it was completed."
    ]


def test_an_action_needs_a_due_date(inputs: Path) -> None:
    set_cell(inputs, "actions.xlsx", "Actions", "Due", 2, None)
    assert problems(inputs) == [
        "actions.xlsx, sheet Actions, row 2, column Due: is blank. Give a date or term label, or "
        "Ongoing (never overdue), or TBC."
    ]


def test_action_refs_are_unique_ignoring_case(inputs: Path) -> None:
    set_cell(inputs, "actions.xlsx", "Actions", "Ref", 3, " a01 ")
    assert problems(inputs) == [
        'actions.xlsx, sheet Actions, row 3, column Ref: "a01" is used twice (also in row 2). '
        "Give each row its own ref."
    ]


def test_an_action_for_a_kpi_the_framework_lacks(inputs: Path) -> None:
    set_cell(inputs, "actions.xlsx", "Actions", "KPI", 2, "1.1, 2.9")
    assert problems(inputs) == [
        "actions.xlsx, sheet Actions, row 2, column KPI: KPI 2.9 is not in framework.xlsx; "
        "objective 2 has 2.1–2.4. Correct the KPI number."
    ]


def test_overdue_is_decided_by_the_as_of_date(inputs: Path) -> None:
    early = checked(inputs, as_of=date(2018, 2, 12))
    # A10 was completed on 09/03/2018: on 12/02/2018 it was still open, and past its due date.
    assert [a.ref for a in early.overdue] == ["A10", "A13"]
    late = checked(inputs)
    assert [a.ref for a in late.overdue] == ["A11", "A13", "A22", "A29"]
    by_ref = {a.ref: a for a in late.actions}
    assert by_ref["A07"].due_word == "Ongoing" and not by_ref["A07"].is_overdue(date(2030, 1, 1))
    assert by_ref["A28"].status is Status.DROPPED and not by_ref["A28"].is_overdue(date(2030, 1, 1))


def test_the_action_plan_warnings(inputs: Path) -> None:
    set_cell(inputs, "actions.xlsx", "Actions", "Notes", action_row("A28"), None)
    found = warnings(inputs)
    for expected in (
        "actions.xlsx, sheet Actions, row 12, column Due: A11 is overdue: due 16/02/2018 (2017-18 "
        "Term 3), status In progress. Complete it, or agree a new date and move the old one to "
        "Original due.",
        "actions.xlsx, sheet Actions, row 16, column Due: A15 has slipped 2 terms, from 2017-18 "
        "Term 3 to 2017-18 Term 5. Check it is still achievable, and record why in Notes.",
        "actions.xlsx, sheet Actions, row 16, column Monitored by: A15 is monitored by its own "
        "lead (Mrs Sarah Lowe): name someone else.",
        "actions.xlsx, sheet Actions, row 17, column Due: A16 has no target date (TBC). Agree a "
        "date or term.",
        "actions.xlsx, sheet Actions, row 17, column Monitored by: A16 has no one monitoring it: "
        "name someone other than the lead.",
        "actions.xlsx, sheet Actions, row 29, column Notes: A28 was dropped with no note: say why "
        "in Notes.",
    ):
        assert expected in found


def test_an_action_with_no_lead(inputs: Path) -> None:
    set_cell(inputs, "actions.xlsx", "Actions", "Lead", 2, "  ")
    assert (
        "actions.xlsx, sheet Actions, row 2, column Lead: A01 has no lead: name who delivers it."
        in warnings(inputs)
    )


def test_an_action_naming_evidence_that_is_not_indexed(inputs: Path) -> None:
    set_cell(inputs, "actions.xlsx", "Actions", "Evidence", 2, "E01, E-10")
    assert (
        'actions.xlsx, sheet Actions, row 2, column Evidence: A01 names evidence "E-10", which is '
        'not in evidence.xlsx. Did you mean "E10"? Add it there, or correct the ref.'
    ) in warnings(inputs)


def test_a_monitoring_log_entry_for_an_unknown_action(inputs: Path) -> None:
    set_cell(inputs, "actions.xlsx", "Monitoring log", "Ref", 2, "A99")
    assert (
        'actions.xlsx, sheet Monitoring log, row 2, column Ref: "A99" is not an action on the '
        "Actions sheet, so this entry is not shown against any action. Correct the ref."
    ) in warnings(inputs)


def test_the_monitoring_log_is_optional(inputs: Path) -> None:
    edit(inputs, "actions.xlsx", lambda wb: wb.remove(wb["Monitoring log"]))
    assert checked(inputs).log == []


# Evidence


def test_an_in_pack_path_leading_outside_the_evidence_folder_is_refused(inputs: Path) -> None:
    set_cell(inputs, "evidence.xlsx", "Evidence", "Location", 2, "..\\..\\secret.pdf")
    assert problems(inputs) == [
        'evidence.xlsx, sheet Evidence, row 2, column Location: "..\\..\\secret.pdf" leads '
        f"outside the evidence folder. Put the file in {inputs / 'evidence'} and give its path "
        "from there, e.g. minutes/2018-03.pdf."
    ]


@pytest.mark.parametrize(
    "location", ["/etc/passwd.txt", "C:\\Users\\head\\a.pdf", "\\\\server\\a.pdf"]
)
def test_absolute_paths_are_refused(inputs: Path, location: str) -> None:
    set_cell(inputs, "evidence.xlsx", "Evidence", "Location", 2, location)
    assert "leads outside the evidence folder" in problems(inputs)[0]


def test_a_link_leading_outside_the_evidence_folder_is_refused(
    inputs: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "private.pdf"
    outside.write_bytes(b"%PDF-1.4 private")
    os.symlink(outside, inputs / "evidence" / "innocent.pdf")
    set_cell(inputs, "evidence.xlsx", "Evidence", "Location", 2, "innocent.pdf")
    assert "leads outside the evidence folder" in problems(inputs)[0]


def test_a_path_outside_not_in_pack_is_a_warning(inputs: Path) -> None:
    set_cell(inputs, "evidence.xlsx", "Evidence", "Location", 4, "../minutes.docx")
    assert (
        'evidence.xlsx, sheet Evidence, row 4, column Location: "../minutes.docx" leads outside '
        f"the evidence folder. Put the file in {inputs / 'evidence'} and give its path from "
        "there, e.g. minutes/2018-03.pdf."
    ) in warnings(inputs)


def test_locations_with_either_slash_and_the_folder_name(inputs: Path) -> None:
    (inputs / "evidence" / "minutes").mkdir()
    (inputs / "evidence" / "minutes" / "m1.pdf").write_bytes(b"%PDF-1.4")
    set_cell(inputs, "evidence.xlsx", "Evidence", "Location", 2, "minutes\\m1.pdf")
    set_cell(inputs, "evidence.xlsx", "Evidence", "Location", 3, "evidence/minutes/m1.pdf")
    items = checked(inputs).evidence
    assert items[0].path == items[1].path == "minutes/m1.pdf"
    assert [i.place for i in items[:6]] == [Place.FILE] * 2 + [Place.PAPER] * 2 + [
        Place.FILE,
        Place.WEB,
    ]


def test_a_missing_file(inputs: Path) -> None:
    (inputs / "evidence" / "E01-statement-of-commitment.pdf").unlink()
    assert (
        "evidence.xlsx, sheet Evidence, row 2, column Location: E01: "
        '"E01-statement-of-commitment.pdf" is not in the evidence folder '
        f"{inputs / 'evidence'}. Put the file there, or correct the path."
    ) in warnings(inputs)


def test_a_file_the_pack_cannot_print(inputs: Path) -> None:
    (inputs / "evidence" / "clip.mp4").write_bytes(b"not really a video")
    set_cell(inputs, "evidence.xlsx", "Evidence", "Location", 2, "clip.mp4")
    assert (
        'evidence.xlsx, sheet Evidence, row 2, column Location: E01: "clip.mp4" is a .mp4 file '
        "the pack cannot print. Save it as a PDF and give that path."
    ) in warnings(inputs)


def test_a_photo_in_the_pack_without_consent_is_left_out(inputs: Path) -> None:
    set_cell(inputs, "evidence.xlsx", "Evidence", "Consent", evidence_row("E09"), None)
    assert (
        "evidence.xlsx, sheet Evidence, row 10, column Consent: E09 is a photo marked In pack with "
        "no consent recorded, so it is left out. Check consent for everyone shown and type Yes."
    ) in warnings(inputs)


def test_consent_no_is_left_out(inputs: Path) -> None:
    assert (
        "evidence.xlsx, sheet Evidence, row 11, column Consent: E10 has Consent No, so it is left "
        "out of the pack."
    ) in warnings(inputs)


def test_in_pack_for_a_web_page(inputs: Path) -> None:
    set_cell(inputs, "evidence.xlsx", "Evidence", "In pack", evidence_row("E06"), "y")
    assert (
        "evidence.xlsx, sheet Evidence, row 7, column In pack: E06 is marked In pack, but only "
        "files in the evidence folder can be printed; its Location is "
        '"https://www.meadowbank.example.sch.uk/you-said-we-did". Save a copy (e.g. a PDF of the '
        "web page) in the evidence folder."
    ) in warnings(inputs)


def test_evidence_for_a_kpi_the_framework_lacks_is_a_warning(inputs: Path) -> None:
    set_cell(inputs, "evidence.xlsx", "Evidence", "KPIs", 2, "1.1; 10.2")
    assert (
        "evidence.xlsx, sheet Evidence, row 2, column KPIs: KPI 10.2 is not in framework.xlsx; "
        "its objectives are 1–9. Correct it, or add the KPI to the framework."
    ) in warnings(inputs)


def test_a_near_miss_yes_no(inputs: Path) -> None:
    set_cell(inputs, "evidence.xlsx", "Evidence", "In pack", 2, "Yse")
    assert problems(inputs) == [
        'evidence.xlsx, sheet Evidence, row 2, column In pack: "Yse" is not Yes or No. Did you '
        'mean "Yes"? Type Yes or No (Y, N, True, False, ✓).'
    ]


def test_a_fully_achieved_kpi_with_no_evidence(inputs: Path) -> None:
    assert (
        "ratings.xlsx, sheet Ratings, row 99, column Rating: KPI 8.1 is rated Fully achieved, but "
        "no evidence in evidence.xlsx supports it. Add the evidence, or review the rating."
    ) in warnings(inputs)


# Surveys


def test_a_near_miss_form_name(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Rounds", "Form", 2, "Parnet")
    found = problems(inputs)
    assert found[0] == (
        'surveys.xlsx, sheet Rounds, row 2, column Form: "Parnet" is not a form. Did you mean '
        '"Parent"? The forms are Parent, Staff, Pupil (sheet Forms).'
    )


def test_a_near_miss_group(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Forms", "Group", 2, "Goverors")
    assert problems(inputs)[0] == (
        'surveys.xlsx, sheet Forms, row 2, column Group: "Goverors" is not a group. Did you mean '
        '"Governors"? Use Parents, Staff, Pupils, Governors or Partners.'
    )


def test_answers_that_add_up_to_more_than_were_returned(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Tallies", "Agree", 2, 90)
    assert problems(inputs) == [
        "surveys.xlsx, sheet Tallies, row 2, column Q: the answers to question 1 add up to 145, "
        "more than the 96 Parent forms returned in the Baseline round (sheet Rounds, row 2). "
        "Check the counts."
    ]


def test_a_count_under_an_answer_the_form_does_not_have(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Tallies", "Agree", 19, 3)  # a Pupil row
    assert problems(inputs) == [
        'surveys.xlsx, sheet Tallies, row 19, column Agree: the Pupil form has no answer "Agree"; '
        "its answers are Yes, Sometimes, No, Don't know. Move the count to the right column, or "
        "correct the form's answers on sheet Forms."
    ]


def test_a_count_that_is_not_a_whole_number(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Tallies", "Agree", 2, "forty")
    assert problems(inputs) == [
        'surveys.xlsx, sheet Tallies, row 2, column Agree: "forty" is not a whole number. Type a '
        "count such as 12."
    ]


def test_dont_know_cannot_be_positive(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Forms", "Positive", 4, "Yes, Don't know")
    assert problems(inputs) == [
        'surveys.xlsx, sheet Forms, row 4, column Positive: "Don\'t know" cannot count as '
        "positive: Don't know is never negative or positive. Remove it from this column."
    ]


def test_a_tally_for_a_question_not_asked_in_that_round(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Tallies", "Q", 2, "Q6")  # asked in the Follow-up only
    assert problems(inputs) == [
        "surveys.xlsx, sheet Tallies, row 2, column Q: question 6 of the Parent form is not on "
        "sheet Questions for the Baseline round. Add it there, or correct the number."
    ]


def test_a_round_the_rounds_sheet_lacks(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Tallies", "Round", 2, "Basline")
    assert problems(inputs) == [
        'surveys.xlsx, sheet Tallies, row 2, column Round: "Basline" is not a round of the Parent '
        'form on sheet Rounds. Did you mean "Baseline"? Its rounds are Baseline, Follow-up: add '
        "the round there, or correct it."
    ]


def test_more_returned_than_issued(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Rounds", "Issued", 2, 90)
    assert problems(inputs) == [
        "surveys.xlsx, sheet Rounds, row 2, column Returned: 96 forms returned is more than the "
        "90 issued. Check both counts."
    ]


def test_question_numbers_q1_and_1_are_the_same(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Tallies", "Q", 2, "q 1")
    set_cell(inputs, "surveys.xlsx", "Questions", "Q", 2, 1)
    surveys = checked(inputs).surveys
    assert surveys is not None
    assert surveys.tallies[0].number == surveys.questions[0].number == "1"


def test_without_a_forms_sheet_the_default_forms_are_used(inputs: Path) -> None:
    def change(wb: Any) -> None:
        wb.remove(wb["Forms"])
        for name in ("Tallies", "Comments", "Questions", "Rounds"):
            ws = wb[name]
            form_col = [c.value for c in ws[1]].index("Form") + 1
            for row in range(ws.max_row, 1, -1):
                if ws.cell(row=row, column=form_col).value == "Pupil":
                    ws.delete_rows(row)

    edit(inputs, "surveys.xlsx", change)
    surveys = checked(inputs).surveys
    assert surveys is not None
    assert [(f.name, f.group, f.positive) for f in surveys.forms] == [
        ("Parent", "Parents", ("Strongly agree", "Agree")),
        ("Staff", "Staff", ("Strongly agree", "Agree")),
        ("Pupil", "Pupils", ("Strongly agree", "Agree")),
    ]


def test_the_optional_workbooks_may_be_absent(inputs: Path) -> None:
    (inputs / "surveys.xlsx").unlink()
    (inputs / "impact.xlsx").unlink()
    result = checked(inputs)
    assert result.surveys is None and result.impact is None
    assert result.findings.notes == [
        "surveys.xlsx is not in the inputs folder: the pack has no survey results.",
        "impact.xlsx is not in the inputs folder: the pack has no impact charts.",
    ]


# Impact


def test_a_measure_shown_as_a_percentage_reads_as_shown(inputs: Path) -> None:
    set_cell(inputs, "impact.xlsx", "Measures", "Value", 2, 0.951, "0.0%")
    impact = checked(inputs).impact
    assert impact is not None and impact[0].value == pytest.approx(95.1)


def test_a_measure_given_twice_for_a_term(inputs: Path) -> None:
    set_cell(inputs, "impact.xlsx", "Measures", "Term", 3, "2016-17 Term 3")
    assert problems(inputs) == [
        'impact.xlsx, sheet Measures, row 3, column Measure: "Attendance %" has two values for '
        "2016-17 Term 3 (also in row 2). Keep one."
    ]


# school.xlsx: Objective 9 and the verification day


def test_objective_9_rows_name_real_objectives(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "Objective 9", "Objective", 2, "Visoin")
    set_cell(inputs, "school.xlsx", "Objective 9", "Objective", 3, 9)
    assert problems(inputs) == [
        'school.xlsx, sheet Objective 9, row 2, column Objective: "Visoin": it is not an '
        'objective of the framework. Did you mean "Vision"? Use an objective number from 1 to 8, '
        "or Vision or Overall.",
        'school.xlsx, sheet Objective 9, row 3, column Objective: "9": objective 9 is the summary '
        "itself. Use an objective number from 1 to 8, or Vision or Overall.",
    ]


def test_no_objective_9_text_after_the_interim_visit(inputs: Path) -> None:
    edit(inputs, "school.xlsx", lambda wb: wb.remove(wb["Objective 9"]))
    assert (
        "school.xlsx, sheet Objective 9: there is no Objective 9 summary yet, and the interim "
        "visit was on 12/10/2017. Start it on the Objective 9 sheet, or in objective-9.docx."
    ) in warnings(inputs)


def test_the_verification_day_plan_with_time_cells(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "Verification day", "Time", 2, time(9, 0), "hh:mm")
    plan = checked(inputs).school.verification_day
    assert [s.time for s in plan[:2]] == ["09:00", "09:45"]


# What a clerical team really sends


def test_an_excel_lock_file_beside_the_workbook_is_ignored(inputs: Path) -> None:
    (inputs / "~$ratings.xlsx").write_bytes(b"\x00locked by Excel")
    assert checked(inputs).ratings


def test_a_password_protected_workbook(inputs: Path) -> None:
    plain = inputs / "ratings.xlsx"
    encrypted = inputs / "locked.xlsx"
    with plain.open("rb") as source, encrypted.open("wb") as target:
        OOXMLFile(source).encrypt("secret", target)
    encrypted.replace(plain)
    assert problems(inputs) == [
        "ratings.xlsx: is protected by a password, so it cannot be read. Open it in Excel, remove "
        "the password (File > Info > Protect Workbook > Encrypt with Password, then clear it), and "
        "save it."
    ]


def test_an_xlsx_that_is_really_the_old_format_or_renamed_is_read(inputs: Path) -> None:
    (inputs / "ratings.xlsx").rename(inputs / "ratings.xls")
    result = checked(inputs)
    assert len(result.ratings) == 101
    assert (
        "ratings.xls: was read in place of ratings.xlsx. Save it as Excel Workbook (.xlsx) named "
        "ratings.xlsx: other formats can lose the Text format that tells KPI 3.1 from 3.10."
    ) in [str(w) for w in result.findings.warnings]


def test_a_renamed_sheet_gets_a_suggestion(inputs: Path) -> None:
    edit(inputs, "actions.xlsx", lambda wb: setattr(wb["Actions"], "title", "Action"))
    assert problems(inputs) == [
        'actions.xlsx: has no sheet named "Actions" (it has: Action, Monitoring log). Did you mean '
        '"Action"? Add the sheet, or rename the sheet that holds this information to "Actions".'
    ]


def test_a_near_miss_header_gets_a_suggestion(inputs: Path) -> None:
    set_cell(inputs, "actions.xlsx", "Actions", "Due", 1, "Due date")
    assert problems(inputs) == [
        'actions.xlsx, sheet Actions, row 1: no column headed "Due". Is it "Due date"? Rename it '
        '"Due". Row 1 must hold the headers Ref, KPI, Action, Due, Status (in any order); it has '
        '"Ref", "KPI", "Action", "Lead", "Monitored by", "Start", "Due date", "Original due", '
        '"Status", "Completed", "Success criteria", "Evidence", "Notes".'
    ]


def test_a_merged_title_row_above_the_headers(inputs: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Ratings"]
        ws.insert_rows(1)
        ws["A1"] = "Self-evaluation ratings"
        ws.merge_cells("A1:E1")

    edit(inputs, "ratings.xlsx", change)
    assert problems(inputs) == [
        "ratings.xlsx, sheet Ratings, row 1: the headers are in row 2, not row 1 (it holds "
        '"Self-evaluation ratings"). Delete row 1 (a merged title row) so that the headers are in '
        "row 1."
    ]


def test_control_characters_are_removed_and_reported(inputs: Path) -> None:
    # openpyxl will not write a control character; Excel stores one as _x000B_.
    set_cell(
        inputs,
        "ratings.xlsx",
        "Ratings",
        "Current achievements",
        70,
        "Signs installed_x000B_ in four languages_x000D_\nand on the website",
    )
    result = checked(inputs)
    assert (
        "ratings.xlsx, sheet Ratings, row 70, column Current achievements: held invisible control "
        "characters (usually pasted from another program) that Word and Excel cannot print; they "
        "were left out. Retype the cell to be sure nothing else is missing."
    ) in [str(w) for w in result.findings.warnings]
    assert "Signs installed in four languages\nand on the website" in [
        r.achievements for r in result.ratings
    ]


def test_a_very_long_cell_is_read_in_full_with_a_warning(inputs: Path) -> None:
    text = "We met parents. " * 625  # 10,000 characters
    set_cell(inputs, "ratings.xlsx", "Ratings", "Current achievements", 70, text)
    result = checked(inputs)
    assert (
        "ratings.xlsx, sheet Ratings, row 70, column Current achievements: holds 10,000 "
        "characters; it is printed in full but will run over a page. Shorten it, or put the "
        "detail in an evidence document."
    ) in [str(w) for w in result.findings.warnings]
    assert text.strip() in [r.achievements for r in result.ratings]


def test_dates_that_a_us_computer_may_have_swapped(inputs: Path) -> None:
    set_cell(inputs, "actions.xlsx", "Monitoring log", "Date", 2, "24/05/2017")  # stayed text
    set_cell(inputs, "actions.xlsx", "Monitoring log", "Date", 3, datetime(2017, 10, 5))
    assert (
        "actions.xlsx, sheet Monitoring log, column Date: mixes dates typed as text (e.g. row 2) "
        "with date cells whose day is 12 or less (rows 3, 4, 5, 6, 7). A computer set to US dates "
        "may have swapped their day and month: check those cells."
    ) in warnings(inputs)


def test_a_near_miss_rating_gets_a_suggestion(inputs: Path) -> None:
    set_cell(inputs, "ratings.xlsx", "Ratings", "Rating", 2, "Fuly achieved")
    assert problems(inputs) == [
        'ratings.xlsx, sheet Ratings, row 2, column Rating: "Fuly achieved" is not a rating. Did '
        'you mean "Fully achieved"? Use Fully achieved, Partly achieved or Much more development '
        "needed (FA, PA or MMDN for short)."
    ]


def test_names_pasted_from_word_or_the_web_match_as_typed(inputs: Path) -> None:
    """A zero-width space, a non-breaking space or a curly apostrophe, invisible in Excel, do not
    make a different name: the monitor is still the lead, the ref still the ref, the form still
    the form."""
    set_cell(
        inputs,
        "actions.xlsx",
        "Actions",
        "Monitored by",
        action_row("A14"),
        "Mrs\u00a0Sarah Lowe\u200b",
    )
    set_cell(inputs, "actions.xlsx", "Actions", "Evidence", action_row("A14"), "\u200bE01")
    set_cell(inputs, "surveys.xlsx", "Rounds", "Form", 2, "Parent\ufeff")
    set_cell(inputs, "school.xlsx", "School", "Value", 2, "Meadowbank Primary School")
    found = checked(inputs)
    said = [str(w) for w in found.findings.sorted_warnings()]
    assert (
        "actions.xlsx, sheet Actions, row 15, column Monitored by: A14 is monitored by its own "
        "lead (Mrs Sarah Lowe): name someone else."
    ) in said
    assert not any("A14 names evidence" in w for w in said)
    assert found.surveys is not None
    assert [r.form for r in found.surveys.rounds][:1] == ["Parent"]
