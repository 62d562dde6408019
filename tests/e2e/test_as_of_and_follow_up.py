"""One as-of rule on every page, and the interim follow-up in the Action Plan's words.

One real build of the sample with a few cells changed: an action completed nine days after the
as-of date, a monitoring entry and an evidence item dated after it, and two dropped actions.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import datetime

import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLE, edit, find_row, run_cli
from tests.e2e.conftest import PACK, TERM
from tests.e2e.test_sample_pack import outline_parts, part_pages

pytestmark = pytest.mark.libreoffice


@dataclass
class Built:
    text: dict[str, str]  # each section's text, white space collapsed
    report: str
    html: str
    out: str


def flat(text: str) -> str:
    """White space collapsed, and a line that wraps after a hyphen joined up."""
    return re.sub(r"(\w-) (\w)", r"\1\2", " ".join(text.split()))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("as-of")
    inputs = folder / "inputs"
    shutil.copytree(SAMPLE, inputs)

    def change(wb: object) -> None:
        actions = wb["Actions"]  # type: ignore[index]
        headers = [c.value for c in actions[1]]

        def put(ref: str, column: str, value: object) -> None:
            actions.cell(find_row(actions, "Ref", ref), headers.index(column) + 1, value)

        put("A24", "Status", "Completed")
        put("A24", "Completed", datetime(2018, 4, 7))  # nine days after 29/03/2018
        put("A16", "Status", "Dropped")
        put("A16", "Notes", "The community centre closed for refurbishment.")
        put("A19", "Status", "Dropped")
        log = wb["Monitoring log"]  # type: ignore[index]
        log.append([datetime(2018, 4, 10), "A07", "Reviewed after Easter.", "Working group"])

    edit(inputs, "actions.xlsx", change)

    def later_evidence(wb: object) -> None:
        ws = wb["Evidence"]  # type: ignore[index]
        date_column = [c.value for c in ws[1]].index("Date") + 1
        ws.cell(find_row(ws, "Ref", "E19"), date_column, datetime(2018, 4, 15))

    edit(inputs, "evidence.xlsx", later_evidence)
    out = folder / "out"
    run = run_cli("build", "--inputs", str(inputs), "--out", str(out))
    assert run.code == 0, run.text
    reader = PdfReader(out / TERM / PACK)
    text = {
        title: flat(" ".join(reader.pages[i].extract_text() for i in part_pages(reader, title)))
        for title in outline_parts(reader)
    }
    return Built(
        text,
        (out / TERM / "build-report.txt").read_text(encoding="utf-8"),
        (out / TERM / "progress-by-term.html").read_text(encoding="utf-8"),
        run.out,
    )


def test_a_completion_after_the_as_of_date_is_not_yet_completed_on_any_page(
    built: Built,
) -> None:
    row = find_row_in_sample("A24")
    assert (
        f"actions.xlsx, sheet Actions, row {row}, column Completed: A24 was completed on "
        "07/04/2018, after the pack's as-of date (29/03/2018): the pack shows it as not yet "
        "completed (In progress)."
    ) in built.report
    plan = built.text["Action Plan"]
    assert re.search(r"A24 7\.2 Consult parents on the homework policy .*? In progress", plan)
    assert "07/04/2018" not in " ".join(built.text.values())
    completed_this_term = plan.split("Completed this term")[1].split("Due next term")[0]
    assert "A24" not in completed_this_term
    assert "A24" not in built.text["Objective 9: summary of achievements and future plans"]
    assert "A24" not in built.html
    assert (
        "A24: Consult parents on the homework policy — In progress"
        in (built.text["Verification pack"])
    )


def test_a_log_entry_and_evidence_after_the_as_of_date_are_left_out_and_named(
    built: Built,
) -> None:
    assert "Reviewed after Easter" not in built.text["Action Plan"]
    assert re.search(
        r"actions\.xlsx, sheet Monitoring log, row \d+, column Date: The monitoring entry for "
        r"A07 is dated 10/04/2018, after the pack's as-of date",
        built.report,
    )
    assert "E19" not in built.text["Portfolio index"]
    assert (
        "20 items of evidence indexed here, supporting 21 of 34 KPIs"
        in (built.text["Portfolio index"])
    )
    assert re.search(
        r"evidence\.xlsx, sheet Evidence, row \d+, column Date: E19 is dated 15/04/2018, after "
        r"the pack's as-of date \(29/03/2018\): it is left out of the portfolio index",
        built.report,
    )


def test_the_interim_follow_up_speaks_as_the_action_plan_does(built: Built) -> None:
    front = built.text["Verification pack"]
    assert re.search(r"A13: [^—]+— Overdue \(due 10/02/2018\)", front)
    assert (
        "A16: Run an English course for parents with the community centre — Dropped: The "
        "community centre closed for refurbishment."
    ) in front
    assert (
        "A19: Write a welcome pack for families joining mid-year — Dropped (no reason recorded)"
    ) in front
    assert "in progress" not in front  # the plan's words, capitalised as the plan prints them


def find_row_in_sample(ref: str) -> int:
    import openpyxl

    return find_row(openpyxl.load_workbook(SAMPLE / "actions.xlsx")["Actions"], "Ref", ref)
