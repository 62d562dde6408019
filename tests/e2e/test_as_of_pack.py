"""One as-of rule on every page, and the interim follow-up in the Action Plan's words.

One real build of the sample, as of 29/03/2018, with a few cells changed: A22 (due 02/03/2018)
marked Completed nine days after the as-of date, a monitoring entry and an In-pack item of
evidence (E07, named by A14 and A21) dated after it, and two dropped actions, one with its
reason. Every page and the web page are read back and must agree.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from pipeline.errors import Findings
from pipeline.read.actions import read_actions
from pipeline.read.framework import read_framework
from pipeline.read.school import read_school
from pipeline.records import Status
from tests.conftest import SAMPLE, edit, find_row, made_once, run_cli
from tests.e2e.conftest import PACK, TERM
from tests.e2e.test_sample_pack import outline_parts, part_pages

pytestmark = pytest.mark.libreoffice

AS_OF = date(2018, 3, 29)
FRONT = "Verification pack"
PLAN = "Action Plan"
O9 = "Objective 9: summary of achievements and future plans"
A22 = "Add a page of local services and courses to the website"


@dataclass
class Built:
    text: dict[str, str]  # each section's text, white space collapsed
    report: str
    html: str
    inputs: Path


def flat(text: str) -> str:
    """White space collapsed, and a line that wraps after a hyphen joined up."""
    return re.sub(r"(\w-) (\w)", r"\1\2", " ".join(text.split()))


def sample_row(book: str, sheet: str, ref: str) -> int:
    return find_row(openpyxl.load_workbook(SAMPLE / book)[sheet], "Ref", ref)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = made_once(tmp_path_factory, "as-of", build_as_of)
    inputs, out = folder / "inputs", folder / "out"
    reader = PdfReader(out / TERM / PACK)
    text = {
        title: flat(" ".join(reader.pages[i].extract_text() for i in part_pages(reader, title)))
        for title in outline_parts(reader)
    }
    return Built(
        text,
        (out / TERM / "build-report.txt").read_text(encoding="utf-8"),
        (out / TERM / "progress-by-term.html").read_text(encoding="utf-8"),
        inputs,
    )


def build_as_of(folder: Path) -> None:
    inputs = folder / "inputs"
    shutil.copytree(SAMPLE, inputs)

    def change(wb: Any) -> None:
        actions = wb["Actions"]
        headers = [c.value for c in actions[1]]

        def put(ref: str, column: str, value: object) -> None:
            actions.cell(find_row(actions, "Ref", ref), headers.index(column) + 1, value)

        put("A22", "Status", "Completed")
        put("A22", "Completed", datetime(2018, 4, 7))  # nine days after the as-of date
        put("A16", "Status", "Dropped")
        put("A16", "Notes", "The community centre closed for refurbishment.")
        put("A19", "Status", "Dropped")
        wb["Monitoring log"].append(
            [datetime(2018, 4, 10), "A07", "Reviewed after Easter.", "Working group"]
        )

    edit(inputs, "actions.xlsx", change)

    def later_evidence(wb: Any) -> None:
        ws = wb["Evidence"]
        date_column = [c.value for c in ws[1]].index("Date") + 1
        ws.cell(find_row(ws, "Ref", "E07"), date_column, datetime(2018, 4, 15))

    edit(inputs, "evidence.xlsx", later_evidence)
    out = folder / "out"
    run = run_cli(
        "build", "--inputs", str(inputs), "--out", str(out), "--as-of", f"{AS_OF:%Y-%m-%d}"
    )
    assert run.code == 0, run.text


def completed_by_the_workbook(inputs: Path) -> dict[str, str]:
    """The oracle: each action the workbook marks Completed by the as-of date, and its text."""
    findings = Findings()
    _, calendar = read_school(inputs, findings)
    actions, _ = read_actions(inputs, findings, read_framework(inputs, findings), calendar)
    return {
        a.ref: a.text
        for a in actions
        if a.status is Status.COMPLETED and a.completed and a.completed <= AS_OF
    }


def refs(text: str) -> list[str]:
    return re.findall(r"\b(A\d\d):", text)


def test_a_completion_after_the_as_of_date_is_named_in_the_report(built: Built) -> None:
    row = sample_row("actions.xlsx", "Actions", "A22")
    assert (
        f"- actions.xlsx, sheet Actions, row {row}, column Completed: A22 was completed on "
        "07/04/2018, after the pack's as-of date (29/03/2018): the pack shows it as not yet "
        "completed (Overdue: In progress, due 02/03/2018). If the date is a typing slip, correct "
        "it; to describe a later day, build with a later --as-of date."
    ) in built.report
    slips = built.report.split("Dates that look like typing slips (3)")[1]
    assert "A22 was completed on 07/04/2018" in slips


def test_no_page_shows_it_completed_and_every_count_agrees(built: Built) -> None:
    done = completed_by_the_workbook(built.inputs)
    assert "A22" not in done and len(done) == 15
    assert not [title for title, text in built.text.items() if "07/04/2018" in text]
    # The Action Plan: A22's row is Overdue, not Completed; its rows agree with the Monitoring
    # sheet's counts.
    plan, monitoring = built.text[PLAN].split("Monitoring the action plan")
    rows = {m[1]: m[0] for m in re.finditer(r"\b(A\d\d) \d\.\d.*?(?=\bA\d\d \d\.\d|$)", plan)}
    assert "Completed" not in rows["A22"]
    assert len(re.findall(r"Completed \d\d/\d\d/\d{4}", plan)) == len(done)
    assert len(re.findall(r"Overdue \((?:In progress|Not started)\)", plan)) == 4
    assert "All objectives 15 6 1 4 3 29" in monitoring
    this_term = monitoring.split("Completed this term (2017-18 Term 4)")[1].split("Due next")[0]
    assert refs(this_term.replace(" (", ": (")) == ["A10", "A25"]
    # The Objective 9 summary: each objective's completed actions, and term by term.
    summary, by_term = built.text[O9].split("Achieved term by term")
    per_objective = [
        r
        for part in summary.split("Actions completed")[1:]
        for r in refs(part.split("Evidence")[0])
    ]
    assert sorted(per_objective) == sorted(done)
    assert sorted(refs(by_term)) == sorted(done)
    assert refs(by_term.split("2017-18 Term 4")[1]) == ["A10", "A25"]
    # The web page: the same actions, term by term.
    items = re.findall(r"<li>(.*?)</li>", built.html)
    assert sorted(i.replace("&#39;", "'") for i in items) == sorted(done.values())
    assert A22 not in built.html and "07/04/2018" not in built.html
    latest = built.html.split('id="term-2017-18-term-4"')[1]
    assert re.findall(r"<li>(.*?)</li>", latest) == [done["A10"], done["A25"]]
    # The front matter says what the plan says.
    assert f"A22: {A22} — Overdue (due 02/03/2018)" in built.text[FRONT]


def test_a_log_entry_after_the_as_of_date_is_left_out_and_named(built: Built) -> None:
    assert "Reviewed after Easter" not in built.text[PLAN]
    assert re.search(r"Not yet reviewed: .*\bA07\b", built.text[PLAN])
    assert re.search(
        r"- actions\.xlsx, sheet Monitoring log, row \d+, column Date: the monitoring entry for "
        r"A07 is dated 10/04/2018, after the pack's as-of date \(29/03/2018\): it is left out of "
        r"the Monitoring sheet\.",
        built.report,
    )


def test_evidence_after_the_as_of_date_is_left_out_of_every_page_and_count(built: Built) -> None:
    row = sample_row("evidence.xlsx", "Evidence", "E07")
    assert (
        f"- evidence.xlsx, sheet Evidence, row {row}, column Date: E07 is dated 15/04/2018, after "
        "the pack's as-of date (29/03/2018): it is left out of the portfolio index, the "
        "appendix, the evidence counts and the Action Plan."
    ) in built.report
    assert not [title for title, text in built.text.items() if "E07" in text]
    # Nor does A14 or A21 name it in the plan, so no warning says it is missing.
    assert 'names evidence "E07"' not in built.report
    assert (
        "20 items of evidence indexed here, supporting 21 of 34 KPIs; 5 printed in the evidence "
        "appendix"
    ) in built.text["Portfolio index"]
    assert "Evidence:     21 of 34 KPIs have at least one item of evidence" in built.report
    assert (
        len(set(re.findall(r"Evidence appendix · (E\d\d):", built.text["Evidence appendix"]))) == 5
    )


def test_the_interim_follow_up_speaks_as_the_action_plan_does(built: Built) -> None:
    front = built.text[FRONT].split("Since the interim visit")[-1]
    assert re.search(r"A13: [^—]+— Overdue \(due 10/02/2018\)", front)
    assert "A25: Attendance cafés for families with low attendance — Completed 14/03/2018" in front
    assert (
        "A16: Run an English course for parents with the community centre — Dropped: The "
        "community centre closed for refurbishment."
    ) in front
    assert (
        "A19: Write a welcome pack for families joining mid-year — Dropped (no reason recorded)"
    ) in front
    # Each state in the plan's words, capitalised as the plan prints them.
    states = re.findall(r"— (Overdue|In progress|Not started|Completed|Dropped)", front)
    assert set(states) == {"Overdue", "In progress", "Not started", "Completed", "Dropped"}
    assert "in progress" not in front and "not started" not in front
