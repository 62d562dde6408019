"""Survey results and the reality check against hand-computed figures, and exports from
Microsoft Forms and Google Forms tallied exactly."""

from __future__ import annotations

import csv
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from pipeline.build import check
from pipeline.documents.stakeholders import render_stakeholders
from pipeline.errors import InputProblems
from pipeline.kit.tally import TallyProblem, tally
from pipeline.records import Level
from pipeline.stages import Checked, Options
from pipeline.summarise.surveys import FormResults, percent
from tests.conftest import SAMPLE, TEMPLATES, edit, set_cell

TODAY = date(2026, 11, 23)


def checked(inputs: Path) -> Checked:
    return check(Options(inputs=inputs), today=TODAY)


def form(result: Checked, name: str) -> FormResults:
    return next(f for f in result.survey_results if f.form.name == name)


def share(result: Checked, name: str, round_name: str, number: str) -> str:
    results = form(result, name)
    survey_round = next(r for r in results.rounds if r.round.name == round_name)
    return str(next(q.share for q in survey_round.questions if q.question.number == number))


def test_shares_and_n_against_hand_computed_figures() -> None:
    result = checked(SAMPLE)
    # Parent, Baseline, Q1: 30 + 41 positive of 30 + 41 + 15 + 6 (4 Don't know left out).
    assert share(result, "Parent", "Baseline", "1") == "77% (n=92)"
    # Staff, Baseline, Q2: 2 + 6 of 28.
    assert share(result, "Staff", "Baseline", "2") == "29% (n=28)"
    # Pupil, Follow-up, Q2: 27 Yes of 27 + 20 + 8.
    assert share(result, "Pupil", "Follow-up", "2") == "49% (n=55)"
    parent = form(result, "Parent")
    assert parent.rounds[0].response_rate == pytest.approx(96 / 210)
    assert [(c.question.number, c.words) for c in parent.changes] == [
        ("1", "up 14 points"),
        ("2", "up 25 points"),
        ("3", "up 18 points"),
        ("4", "down 2 points"),  # 46% to 44% as printed (45.6% to 44.2%: the reader's sum)
        ("5", "up 36 points"),
    ]


def test_each_change_is_the_difference_of_the_percentages_printed_beside_it() -> None:
    result = checked(SAMPLE)
    compared = 0
    for name in ("Parent", "Staff", "Pupil"):
        for change in form(result, name).changes:
            before, after = (int(str(s).split("%")[0]) for s in (change.baseline, change.latest))
            step = abs(after - before)
            way = "up" if after > before else "down"
            expected = f"{way} {step} point{'s' if step != 1 else ''}" if step else "no change"
            assert change.words == expected, (name, change.question.number)
            compared += 1
    assert compared == 11


def test_percentages_are_rounded_half_up() -> None:
    assert percent(0.596) == "60%"
    assert percent(0.125) == "13%"
    assert percent(0.745) == "75%"


def test_under_the_minimum_nothing_of_the_answers_is_printed(inputs: Path, tmp_path: Path) -> None:
    """Fewer than the minimum answered: no percentage, no count, no bar (#27, item 4)."""
    set_cell(inputs, "surveys.xlsx", "Tallies", "Strongly agree", 13, 2)  # Staff Baseline Q1
    set_cell(inputs, "surveys.xlsx", "Tallies", "Agree", 13, 3)
    set_cell(inputs, "surveys.xlsx", "Tallies", "Disagree", 13, 2)
    set_cell(inputs, "surveys.xlsx", "Tallies", "Strongly disagree", 13, 1)
    set_cell(inputs, "surveys.xlsx", "Tallies", "Don't know", 13, 5)
    result = checked(inputs)
    assert share(result, "Staff", "Baseline", "1") == "withheld (fewer than 10 answers)"
    staff = form(result, "Staff")
    assert staff.changes[0].words == "not compared: a share is withheld"
    out = render(result, tmp_path)
    from docx import Document

    cells = [c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells]
    assert (
        "Strongly agree 2 · Agree 3 · Disagree 2 · Strongly disagree 1 · Don't know 5" not in cells
    )
    assert "withheld (fewer than 10 answers)" in cells
    row = next(
        r for t in Document(str(out)).tables for r in t.rows if "withheld" in r.cells[-1].text
    )
    assert [c.text for c in row.cells][2:] == ["withheld", "withheld (fewer than 10 answers)"]
    # Nor in the charts: the round's bars leave Q1 out, and so does baseline against latest.
    from pipeline.documents.stakeholders import compared, round_bars

    baseline = staff.rounds[0]
    drawn = [label for label, _ in round_bars(baseline).rows]
    assert not any(label.startswith("Q1 ") for label in drawn) and drawn
    comparison = compared(staff)
    assert comparison is None or not any(r[0].startswith("Q1 ") for r in comparison.rows)


def render(result: Checked, folder: Path) -> Path:
    assert result.surveys is not None
    return render_stakeholders(
        TEMPLATES,
        result.school,
        result.surveys,
        result.survey_results,
        result.reality,
        result.term,
        result.as_of,
        folder,
        folder / "stakeholder-evaluation.docx",
    ).path


def reality(result: Checked, kpi: str) -> Any:
    return next(c for c in result.reality if c.kpi == kpi)


def test_a_fully_achieved_kpi_the_pupils_challenge_and_one_they_do_not() -> None:
    result = checked(SAMPLE)
    flagged = reality(result, "4.2")
    assert flagged.level is Level.FULLY
    # n is people: the 57 pupil forms returned (55 answered Q2 other than Don't know).
    assert flagged.flag == "Challenged: Pupils 49% (57 people) on Pupil Q2, under 60%"
    assert reality(result, "3.1").flag == ""
    assert (
        "ratings.xlsx, sheet Ratings, row 84, column Rating: KPI 4.2 is rated Fully achieved, but "
        "the surveys challenge it. Challenged: Pupils 49% (57 people) on Pupil Q2, under 60%. "
        "Confirm "
        "the rating with evidence, or review it."
    ) in [str(w) for w in result.findings.warnings]


def test_shares_are_pooled_per_group_across_linked_questions(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Questions", "KPIs", 4, "3.3, 3.1")  # Parent Q3 too
    result = checked(inputs)
    parents = next(g for g in reality(result, "3.1").groups if g.group == "Parents")
    # Follow-up Q1: 55 + 52 of 117; Q3: 31 + 50 of 112. 229 answers, but 121 people: never an
    # n larger than the forms returned.
    assert (parents.share.positive, parents.share.answers) == (188, 229)
    assert (parents.share.people, parents.share.questions) == (121, 2)
    assert str(parents.share) == "82% (121 people, 2 questions pooled)"
    assert parents.questions == ("Parent Q1", "Parent Q3")


def test_much_more_development_needed_challenged_only_when_every_group_is_positive(
    inputs: Path,
) -> None:
    assert reality(checked(inputs), "4.3").flag == ""  # parents 44%
    set_cell(inputs, "surveys.xlsx", "Questions", "KPIs", 5, "3.1")  # Parent Q4 no longer 4.3
    set_cell(inputs, "surveys.xlsx", "Questions", "KPIs", 2, "3.1, 4.3")  # Parent Q1: 91%
    result = checked(inputs)
    assert reality(result, "4.3").flag == (
        "Challenged: every group is positive — Parents 91% (121 people) on Parent Q1, over 85%"
    )


def test_59_6_percent_is_flagged_and_printed_60(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Rounds", "Returned", 6, 260)  # Staff, Follow-up
    set_cell(inputs, "surveys.xlsx", "Rounds", "Issued", 6, 300)
    for column, count in (
        ("Strongly agree", 100),
        ("Agree", 49),
        ("Disagree", 101),
        ("Strongly disagree", 0),
        ("Don't know", 0),
    ):
        set_cell(inputs, "surveys.xlsx", "Tallies", column, 16, count)  # Staff Follow-up Q1
    result = checked(inputs)
    assert reality(result, "2.3").flag == (
        "Challenged: Staff 60% (260 people) on Staff Q1, under 60%"
    )


def test_withheld_shares_never_flag(inputs: Path) -> None:
    for column, count in (("Yes", 2), ("Sometimes", 3), ("No", 3), ("Don't know", 0)):
        set_cell(inputs, "surveys.xlsx", "Tallies", column, 23, count)  # Pupil Follow-up Q2
    result = checked(inputs)
    assert str(reality(result, "4.2").groups[0].share) == (
        "withheld (fewer than 10 people answered)"
    )
    assert reality(result, "4.2").flag == ""
    # Nothing was compared: not "Consistent", and At a glance counts what the section lists.
    assert reality(result, "4.2").verdict == "Not checked: too few responses"
    assert sum(1 for c in result.reality if c.checked) == len(result.reality) - 1
    from tests.integration.test_front_matter import glance_of

    glance = glance_of(result)
    assert (glance.checked, glance.unchecked) == (len(result.reality) - 1, 1)


def test_a_pupil_form_with_a_three_answer_scale(inputs: Path) -> None:
    set_cell(inputs, "surveys.xlsx", "Forms", "Answers", 4, "Yes, Sometimes, No")

    def clear_dont_know(wb: Any) -> None:
        ws = wb["Tallies"]
        column = [c.value for c in ws[1]].index("Don't know") + 1
        for row in range(2, ws.max_row + 1):
            if ws.cell(row=row, column=2).value == "Pupil":
                ws.cell(row=row, column=column).value = None

    edit(inputs, "surveys.xlsx", clear_dont_know)
    result = checked(inputs)
    pupil = form(result, "Pupil")
    assert pupil.form.answers == ("Yes", "Sometimes", "No")
    assert pupil.rounds[-1].questions[0].counts == (("Yes", 44), ("Sometimes", 9), ("No", 2))
    assert share(result, "Pupil", "Follow-up", "1") == "80% (n=55)"


def test_charts_are_present_as_images(tmp_path: Path) -> None:
    result = checked(SAMPLE)
    out = render(result, tmp_path)
    with zipfile.ZipFile(out) as docx:
        images = [n for n in docx.namelist() if n.startswith("word/media/")]
    assert len(images) == 6 + 3  # a chart per form per round, and one per form's comparison


# Exports as the services lay them out, one row per respondent.

PARENT_QUESTIONS = [
    "I feel welcome when I come into school.",
    "The school keeps me well informed about my child's learning.",
    "When I raise a concern it is dealt with quickly.",
    "There are events at times I can attend.",
    "I know how to help my child with reading and maths at home.",
]
ANSWERS = [
    ["Strongly agree", "Agree", "Agree", "Disagree", "Strongly agree"],
    ["Agree", "Agree", "Strongly disagree", "Disagree", "Agree"],
    ["Strongly agree", "Don't know", "Agree", "Agree", ""],
    ["Agree", "Strongly agree", "Disagree", "Strongly disagree", "Agree"],
    ["Disagree", "Agree", "Agree", "Agree", "Don't know"],
    ["strongly agree", "agree", "Don’t know", "Agree", "Agree"],
]
COMMENTS = ["More evening events please", "", "Lovely staff", "", "", "The signs help"]


def expected_counts() -> dict[str, dict[str, int]]:
    scale = ["Strongly agree", "Agree", "Disagree", "Strongly disagree", "Don't know"]
    out = {}
    for q in range(5):
        given = [row[q].replace("’", "'").lower() for row in ANSWERS if row[q]]
        out[str(q + 1)] = {a: sum(g == a.lower() for g in given) for a in scale}
    return out


def microsoft_forms_export(path: Path) -> Path:
    """Microsoft Forms' Excel download: metadata columns, then a column per question."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Last modified time",
            *PARENT_QUESTIONS,
            "Anything else you would like to tell us?",
        ]
    )
    for n, (answers, comment) in enumerate(zip(ANSWERS, COMMENTS, strict=True), start=1):
        ws.append(
            [
                n,
                datetime(2018, 1, 22, 9, n),
                datetime(2018, 1, 23, 9, n + 5),
                "anonymous",
                None,
                None,
                *[a or None for a in answers],
                comment or None,
            ]
        )
    wb.save(path)
    return path


def google_forms_export(path: Path) -> Path:
    """Google Forms' CSV download: Timestamp, then a column per question (numbered here)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "Timestamp",
                *[f"{n}. {q}" for n, q in enumerate(PARENT_QUESTIONS, 1)],
                "Any comments?",
            ]
        )
        for n, (answers, comment) in enumerate(zip(ANSWERS, COMMENTS, strict=True), start=1):
            writer.writerow([f"2018/01/2{n % 3} 10:0{n}:00 am GMT", *answers, comment])
    return path


@pytest.mark.parametrize("make", [microsoft_forms_export, google_forms_export])
def test_an_export_is_tallied_exactly(inputs: Path, tmp_path: Path, make: Any) -> None:
    suffix = ".xlsx" if make is microsoft_forms_export else ".csv"
    export = make(tmp_path / f"responses{suffix}")
    original = (inputs / "surveys.xlsx").read_bytes()
    done = tally(export, inputs, "parent", "Spring check")
    assert (inputs / "surveys.xlsx").read_bytes() == original  # never written over
    assert done.copy == inputs / "surveys.spring-check-parent.xlsx"
    assert done.respondents == 6
    assert done.counted == expected_counts()
    assert done.comments == 3
    wb = openpyxl.load_workbook(done.copy)
    rounds = [[c.value for c in r] for r in wb["Rounds"].iter_rows(min_row=2)]
    assert rounds[-1][:2] == ["Spring check", "Parent"] and rounds[-1][4] == 6
    comments = [[c.value for c in r] for r in wb["Comments"].iter_rows(min_row=2)]
    assert comments[-3:] == [
        ["Spring check", "Parent", text, None]
        for text in ("More evening events please", "Lovely staff", "The signs help")
    ]
    done.copy.replace(inputs / "surveys.xlsx")
    result = checked(inputs)
    spring = next(r for r in form(result, "Parent").rounds if r.round.name == "Spring check")
    assert dict(spring.questions[0].counts) == expected_counts()["1"]


def test_an_export_column_that_matches_no_question(inputs: Path, tmp_path: Path) -> None:
    export = tmp_path / "responses.csv"
    export.write_text(
        "Timestamp,How often do you read with your child?\n2018/01/22 10:00:00 am GMT,Agree\n",
        encoding="utf-8",
    )
    with pytest.raises(InputProblems) as stopped:
        tally(export, inputs, "Parent", "Spring check")
    assert str(stopped.value.problems[0]).startswith(
        "responses.csv, row 1, column How often do you read with your child?: matches no "
        "question of the Parent form (1. I feel welcome when I come into school.; 2. The school "
    )
    assert str(stopped.value.problems[0]).endswith(
        "Rename the column to the question's number or wording, or add the question to the "
        "Questions sheet."
    )
    assert not (inputs / "surveys.spring-check-parent.xlsx").exists()


def test_an_answer_the_form_does_not_have(inputs: Path, tmp_path: Path) -> None:
    export = tmp_path / "responses.csv"
    export.write_text(
        "Timestamp,Q1 I feel welcome\n2018/01/22 10:00:00 am GMT,Strongly agre\n",
        encoding="utf-8",
    )
    with pytest.raises(InputProblems) as stopped:
        tally(export, inputs, "Parent", "Spring check")
    assert [str(p) for p in stopped.value.problems] == [
        'responses.csv, row 2, column Q1 I feel welcome: "Strongly agre" is not an answer of '
        "the Parent form (Strongly agree, Agree, Disagree, Strongly disagree, Don't know). Did "
        'you mean "Strongly agree"? Correct the Forms sheet\'s Answers, or the export.'
    ]


def staff_without_strongly(inputs: Path) -> None:
    """The Staff follow-up asked Agree / Disagree / Don't know only: its Strongly cells blank."""
    for row, (agree, disagree) in ((16, (29, 2)), (17, (23, 7)), (18, (25, 5))):
        set_cell(inputs, "surveys.xlsx", "Tallies", "Strongly agree", row, None)
        set_cell(inputs, "surveys.xlsx", "Tallies", "Strongly disagree", row, None)
        set_cell(inputs, "surveys.xlsx", "Tallies", "Agree", row, agree)
        set_cell(inputs, "surveys.xlsx", "Tallies", "Disagree", row, disagree)


def test_an_answer_a_round_never_offered_is_not_printed_as_0_nor_in_the_key(
    inputs: Path,
) -> None:
    from pipeline.documents.stakeholders import round_bars

    staff_without_strongly(inputs)
    staff = form(checked(inputs), "Staff")
    baseline, follow_up = staff.rounds
    assert baseline.offered == (
        "Strongly agree",
        "Agree",
        "Disagree",
        "Strongly disagree",
        "Don't know",
    )
    assert follow_up.offered == ("Agree", "Disagree", "Don't know")
    bars = round_bars(follow_up)
    assert bars.answers == ("Agree", "Disagree", "Don't know")
    assert bars.rows[0] == ("Q1 Working with parents is a priority for the…", (29, 2, 0))
    # An answer offered but chosen by nobody is still a 0: Don't know was typed as 0.
    assert "Don't know" in follow_up.offered


def test_the_chart_says_its_bars_include_dont_know() -> None:
    from pipeline.documents.stakeholders import round_bars

    parent = form(checked(SAMPLE), "Parent")
    bars = round_bars(parent.rounds[0])
    assert bars.title == "Parent form, Baseline: how each question was answered"
    assert bars.axis == "% of all answers to the question, Don't know included"


def test_the_charts_print_the_tables_rounding(tmp_path: Path) -> None:
    """5 of 8 is 62.5%: the table prints 63% (half up); so does the chart beside it."""
    from PIL import Image

    from pipeline.charts import Bars, Comparison, baseline_against_latest, stacked_bars

    assert percent(5 / 8) == "63%" and f"{100 * 5 / 8:.0f}%" == "62%"
    comparison = Comparison(
        "Staff form: positive answers",
        "Baseline",
        "Follow-up",
        (("Q1 Working with parents", 5 / 8, None),),
    )
    drawn = Image.open(baseline_against_latest(comparison, tmp_path / "change.png")).text
    assert drawn["Drawn"] == "Q1: Baseline 63%, Follow-up withheld"
    assert drawn["Divides by"] == "% positive (of answers other than Don't know, as in the table)"
    bars = Bars(
        "Staff form, Baseline",
        ("Agree", "Disagree", "Don't know"),
        (False, False, True),
        (("Q1 Working with parents", (5, 2, 1)),),
    )
    drawn = Image.open(stacked_bars(bars, tmp_path / "bars.png")).text
    assert drawn["Drawn"] == "Q1: Agree 63%, Disagree 25%, Don't know 13%"
    assert drawn["Key"] == "Agree, Disagree, Don't know"


def test_a_chart_is_never_wider_than_it_is_printed(tmp_path: Path) -> None:
    """A long form name, and a key of five long answers, wrap rather than widen the picture
    past the page's margin (16 cm at 300 dpi)."""
    from PIL import Image

    from pipeline.charts import DPI, WIDTH_CM, Bars, stacked_bars

    answers = (
        "Strongly agree with this",
        "Agree with this",
        "Disagree with this",
        "Strongly disagree with this",
        "Don't know",
    )
    bars = Bars(
        "Parents and carers of pupils in the Early Years Foundation Stage form, Summer follow-up: "
        "how each question was answered",
        answers,
        (False, False, False, False, True),
        (("Q1 I feel welcome", (10, 20, 5, 3, 2)),),
    )
    with Image.open(stacked_bars(bars, tmp_path / "bars.png")) as image:
        assert image.width / DPI * 2.54 <= WIDTH_CM


def add_form(
    folder: Path,
    name: str,
    group: str,
    answers: str,
    positive: str,
    rounds: list[tuple[str, date, int, int]],
    questions: list[tuple[str, str, str]],
    tallies: list[tuple[str, str, dict[str, int]]],
) -> None:
    """A form of the school's own, typed into every sheet of surveys.xlsx as a clerk would."""

    def change(wb: Any) -> None:
        wb["Forms"].append([name, group, answers, positive])
        for round_name, day, issued, returned in rounds:
            wb["Rounds"].append([round_name, name, day, issued, returned])
        for number, text, kpis in questions:
            wb["Questions"].append([name, number, text, kpis, None])
        ws = wb["Tallies"]
        headers = [c.value for c in ws[1]]
        for round_name, number, counts in tallies:
            ws.append([round_name, name, number] + [counts.get(h) for h in headers[3:]])

    edit(folder, "surveys.xlsx", change)


def ks1_pupil_form(folder: Path) -> None:
    """A second pupil form on Agree / Disagree / Don't know, declared so on sheet Forms."""
    add_form(
        folder,
        "KS1 pupil",
        "Pupils",
        "Agree, Disagree, Don't know",
        "Agree",
        [("Baseline", date(2017, 1, 18), 30, 28), ("Follow-up", date(2018, 1, 24), 32, 30)],
        [
            ("1", "I like coming to school with my family.", "3.1"),
            ("2", "My teacher talks to my family.", "3.2"),
        ],
        [
            ("Baseline", "1", {"Agree": 20, "Disagree": 5, "Don't know": 3}),
            ("Baseline", "2", {"Agree": 15, "Disagree": 9, "Don't know": 4}),
            ("Follow-up", "1", {"Agree": 25, "Disagree": 3, "Don't know": 2}),
            ("Follow-up", "2", {"Agree": 19, "Disagree": 8, "Don't know": 3}),
        ],
    )


def test_a_group_of_several_forms_counts_each_form_s_people(inputs: Path) -> None:
    ks1_pupil_form(inputs)
    pupils = next(g for g in reality(checked(inputs), "3.1").groups if g.group == "Pupils")
    # Pupil Q1 (Follow-up): 44 of 55, 57 forms returned; KS1 pupil Q1: 25 of 28, 30 returned.
    assert (pupils.share.positive, pupils.share.answers) == (69, 83)
    assert (pupils.share.people, pupils.share.questions) == (87, 2)
    assert str(pupils.share) == "83% (87 people, 2 questions pooled)"
    assert pupils.questions == ("Pupil Q1", "KS1 pupil Q1")


def test_small_forms_of_one_group_are_withheld_by_the_people_in_all(inputs: Path) -> None:
    """Two forms of 7 carers each: neither has 10 people, but 14 people answered between them."""
    for name in ("Grandparent", "Foster carer"):
        add_form(
            inputs,
            name,
            "Parents",
            "Agree, Disagree, Don't know",
            "Agree",
            [("Follow-up", date(2018, 1, 22), 8, 7)],
            [("1", "I feel welcome when I come into school.", "9.1")],
            [("Follow-up", "1", {"Agree": 6, "Disagree": 1, "Don't know": 0})],
        )
    parents = reality(checked(inputs), "9.1").groups[0]
    assert str(parents.share) == "86% (14 people, 2 questions pooled)"
    set_cell(inputs, "surveys.xlsx", "Rounds", "Returned", 9, 2)  # Foster carer: 2 returned
    set_cell(inputs, "surveys.xlsx", "Tallies", "Agree", 26, 1)
    set_cell(inputs, "surveys.xlsx", "Tallies", "Disagree", 26, 0)
    parents = reality(checked(inputs), "9.1").groups[0]
    assert str(parents.share) == "withheld (fewer than 10 people answered)"


def never_strongly(inputs: Path) -> None:
    """The Staff form never offered Strongly agree or Strongly disagree: blank in every round,
    though sheet Forms (as a clerk left it) still lists them."""
    staff_without_strongly(inputs)
    for row, (agree, disagree) in ((13, (18, 10)), (14, (8, 20)), (15, (13, 14))):
        set_cell(inputs, "surveys.xlsx", "Tallies", "Strongly agree", row, None)
        set_cell(inputs, "surveys.xlsx", "Tallies", "Strongly disagree", row, None)
        set_cell(inputs, "surveys.xlsx", "Tallies", "Agree", row, agree)
        set_cell(inputs, "surveys.xlsx", "Tallies", "Disagree", row, disagree)


def test_a_form_s_scale_is_the_answers_it_offered(inputs: Path, tmp_path: Path) -> None:
    from docx import Document

    never_strongly(inputs)
    result = checked(inputs)
    staff = form(result, "Staff")
    assert staff.offered == ("Agree", "Disagree", "Don't know")
    assert staff.offered_positive == ("Agree",)
    text = [p.text for p in Document(str(render(result, tmp_path))).paragraphs]
    assert "Answers: Agree, Disagree, Don't know. Counted as positive: Agree." in text
    # The Parent form offered all five in every round: nothing more is said.
    assert "Issued 210, returned 96: a response rate of 46%." in text


def test_a_round_that_offered_fewer_answers_says_so(inputs: Path, tmp_path: Path) -> None:
    from docx import Document

    staff_without_strongly(inputs)
    result = checked(inputs)
    text = [p.text for p in Document(str(render(result, tmp_path))).paragraphs]
    assert (
        "Issued 35, returned 31: a response rate of 89%. This round offered Agree, Disagree and "
        "Don't know only."
    ) in text
    assert "Issued 34, returned 29: a response rate of 85%." in text  # the baseline offered all


def csv_export(path: Path, headers: list[str], stamps: list[str]) -> Path:
    """A CSV download: a timestamp column, then the Parent form's answers under ``headers``."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", *headers])
        for stamp, answers in zip(stamps, ANSWERS, strict=False):
            writer.writerow([stamp, *answers])
    return path


def round_date(copy: Path, name: str) -> date:
    rounds = openpyxl.load_workbook(copy)["Rounds"]
    row = next(r for r in rounds.iter_rows(min_row=2) if r[0].value == name)
    return row[2].value.date()


def test_a_google_forms_grid_is_matched_by_its_rows(inputs: Path, tmp_path: Path) -> None:
    """A grid question exports a column per row, "Title [Row]": the row is the statement."""
    headers = [f"How much do you agree? [{q}]" for q in PARENT_QUESTIONS]
    export = csv_export(tmp_path / "grid.csv", headers, ["2018/01/22 10:00:00 am GMT"] * 6)
    done = tally(export, inputs, "Parent", "Spring check")
    assert done.counted == expected_counts() and done.missing == ()


def test_export_dates_in_either_order_are_read_as_the_column_shows_never_guessed(
    inputs: Path, tmp_path: Path
) -> None:
    numbered = [f"{n}. {q}" for n, q in enumerate(PARENT_QUESTIONS, 1)]
    us = ["3/2/2018 10:00:00", "2/28/2018 09:00:00"]  # 28 as the day: month first
    done = tally(csv_export(tmp_path / "us.csv", numbered, us), inputs, "Parent", "US round")
    assert round_date(done.copy, "US round") == date(2018, 3, 2)  # the latest: 2 March
    uk = ["3/2/2018 10:00", "28/2/2018 09:00"]  # 28 as the day: day first
    done = tally(csv_export(tmp_path / "uk.csv", numbered, uk), inputs, "Parent", "UK round")
    assert round_date(done.copy, "UK round") == date(2018, 2, 28)  # 3 February, 28 February
    unclear = ["3/2/2018 10:00", "4/2/2018 09:00"]
    with pytest.raises(TallyProblem) as refused:
        tally(csv_export(tmp_path / "unclear.csv", numbered, unclear), inputs, "Parent", "Late")
    assert refused.value.message == (
        "The Late round is new, and unclear.csv cannot date it: its dates (e.g. 3/2/2018) could "
        "be day or month first. Give the round's date with --date, e.g. --date 22/01/2018."
    )
    given = tally(
        csv_export(tmp_path / "unclear.csv", numbered, unclear),
        inputs,
        "Parent",
        "Late",
        on=date(2018, 2, 4),
    )
    assert round_date(given.copy, "Late") == date(2018, 2, 4)


def test_a_surveys_workbook_with_nothing_tallied_is_left_out_saying_why(
    inputs: Path, tmp_path: Path
) -> None:
    """The kit's blank surveys.xlsx in place: no section of a heading and "nothing to check"."""
    from pipeline.kit.blanks import write_blank_inputs

    write_blank_inputs(tmp_path / "blank")
    (tmp_path / "blank" / "surveys.xlsx").replace(inputs / "surveys.xlsx")
    result = checked(inputs)
    assert result.surveys is None and result.survey_results == ()
    assert (
        "surveys.xlsx has no tallies yet: the pack has no stakeholder evaluation until a round "
        "is tallied (nox -s tally)."
    ) in result.findings.notes
