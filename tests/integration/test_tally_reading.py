"""Tally shows its reading before it counts, and never counts silently wrong (#29, items 1–3):
real Microsoft Forms (XLSX) and Google Forms (CSV) exports written here, read by the real
command's function, the copy it writes read back by the build's own reader."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from pipeline.errors import InputProblems
from pipeline.kit.tally import TallyProblem, tally
from tests.conftest import edit, run_cli
from tests.integration.test_surveys import (
    ANSWERS,
    COMMENTS,
    PARENT_QUESTIONS,
    expected_counts,
    microsoft_forms_export,
)

YEARS = ["Year 1", "Year 3", "Year 1", "Reception", "Year 3", "Year 1"]


def with_year_group(path: Path) -> Path:
    """Microsoft Forms' download with a closed question the Questions sheet does not have."""
    microsoft_forms_export(path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.cell(row=1, column=ws.max_column + 1, value="Which year group is your child in?")
    for row, year in enumerate(YEARS, start=2):
        ws.cell(row=row, column=ws.max_column, value=year)
    wb.save(path)
    return path


def google(path: Path, headers: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", *headers, "Any comments?"])
        for n, (answers, comment) in enumerate(zip(ANSWERS, COMMENTS, strict=True), start=1):
            writer.writerow([f"2018/01/2{n % 3} 10:0{n}:00 am GMT", *answers, comment])
    return path


def comments_of(copy: Path, round_name: str) -> list[str]:
    ws = openpyxl.load_workbook(copy)["Comments"]
    return [r[2].value for r in ws.iter_rows(min_row=2) if r[0].value == round_name]


def test_a_column_that_is_no_question_is_named_and_never_taken_for_comments(
    inputs: Path, tmp_path: Path
) -> None:
    done = tally(with_year_group(tmp_path / "ms.xlsx"), inputs, "Parent", "Spring check")
    assert done.comments == 3  # the written comments only: no year group among them
    assert comments_of(done.copy, "Spring check") == [
        "More evening events please",
        "Lovely staff",
        "The signs help",
    ]
    reading = "\n".join(done.reading)
    assert '"Which year group is your child in?": ignored (answers from a short list: ' in reading
    assert '"Email": ignored' in reading and '"ID": ignored' in reading
    assert f'"{PARENT_QUESTIONS[0]}": question 1 (exact)' in reading
    assert '"Anything else you would like to tell us?": comments (3 written)' in reading
    asked = tally(
        with_year_group(tmp_path / "again.xlsx"),
        inputs,
        "Parent",
        "Another",
        comments_from=("Which year group is your child in?",),
    )
    assert asked.comments == 9  # asked for: its six answers kept as comments too


def test_a_round_already_tallied_is_replaced_only_when_asked_and_comments_never_twice(
    inputs: Path, tmp_path: Path
) -> None:
    first = tally(microsoft_forms_export(tmp_path / "ms.xlsx"), inputs, "Parent", "Spring check")
    first.copy.replace(inputs / "surveys.xlsx")
    with pytest.raises(TallyProblem) as refused:
        tally(microsoft_forms_export(tmp_path / "ms2.xlsx"), inputs, "Parent", "Spring check")
    assert refused.value.message.startswith(
        "The Spring check round of the Parent form is already tallied in surveys.xlsx (6 "
        "returned, counts for 5 questions, 3 comments). Tallying this export replaces it with 6 "
        "responses and 3 comments. If that is what you want, tally again with --replace"
    )
    again = tally(
        microsoft_forms_export(tmp_path / "ms3.xlsx"),
        inputs,
        "Parent",
        "Spring check",
        replace=True,
    )
    assert again.replaced == "6 returned, counts for 5 questions, 3 comments"
    assert comments_of(again.copy, "Spring check") == comments_of(
        inputs / "surveys.xlsx", "Spring check"
    )
    ws = openpyxl.load_workbook(again.copy)["Tallies"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "Spring check"]
    assert len(rows) == 5  # one row per question, not two
    again.copy.replace(inputs / "surveys.xlsx")
    assert run_cli("check", "--inputs", str(inputs)).code == 0


def test_a_reworded_question_is_shown_and_counted_only_when_accepted(
    inputs: Path, tmp_path: Path
) -> None:
    reworded = [*PARENT_QUESTIONS]
    reworded[1] = "The school keeps me informed about my child's learning."
    export = google(tmp_path / "g.csv", reworded)
    with pytest.raises(TallyProblem) as refused:
        tally(export, inputs, "Parent", "Spring check")
    assert (
        '"The school keeps me informed about my child\'s learning.": question 2, "The school '
        "keeps me well informed about my child's learning.\" (NOT exact)" in refused.value.message
    )
    assert "1 column match a question only nearly" in refused.value.message
    assert not (inputs / "surveys.spring-check-parent.xlsx").exists()
    done = tally(export, inputs, "Parent", "Spring check", accept=True)
    assert done.counted == expected_counts()


def test_opposite_meanings_never_match(inputs: Path, tmp_path: Path) -> None:
    opposite = [*PARENT_QUESTIONS]
    opposite[3] = "There are events at times I cannot attend."
    with pytest.raises(InputProblems) as stopped:
        tally(google(tmp_path / "g.csv", opposite), inputs, "Parent", "Spring check", accept=True)
    (problem,) = [str(p) for p in stopped.value.problems]
    assert problem.startswith(
        "g.csv, row 1, column There are events at times I cannot attend.: matches no question"
    )


def test_a_new_round_whose_questions_are_asked_in_another_round_says_so(
    inputs: Path, tmp_path: Path
) -> None:
    def only_in_follow_up(wb: object) -> None:
        ws = wb["Questions"]  # type: ignore[index]
        headers = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "Parent" and str(row[1].value) == "5":
                row[headers.index("Round")].value = "Follow-up"

    edit(inputs, "surveys.xlsx", only_in_follow_up)
    numbered = [f"{n}. {q}" for n, q in enumerate(PARENT_QUESTIONS, 1)]
    with pytest.raises(InputProblems) as stopped:
        tally(google(tmp_path / "g.csv", numbered), inputs, "Parent", "Summer")
    (problem,) = [str(p) for p in stopped.value.problems]
    assert (
        "is question 5 of the Parent form, which is asked only in the Follow-up round; " in problem
    )
    assert "the Summer round is not on the Rounds sheet yet" in problem


def test_the_command_prints_its_reading(inputs: Path, tmp_path: Path) -> None:
    export = with_year_group(tmp_path / "ms.xlsx")
    run = run_cli(
        "tally", str(export), "--form", "Parent", "--round", "Spring check", "--inputs", str(inputs)
    )
    assert run.code == 0, run.text
    assert run.out.startswith("How the export was read:\n")
    assert '  "Which year group is your child in?": ignored (answers from a short list' in run.out
