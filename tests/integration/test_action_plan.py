"""The Action Plan workbook read back with openpyxl, as Excel would open it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from pipeline.build import check
from pipeline.documents.action_plan import render_action_plan
from pipeline.stages import Checked, Options
from tests.conftest import SAMPLE, TEMPLATES, set_cell

AS_OF = date(2018, 3, 29)


def build_plan(inputs: Path, out: Path, as_of: date = AS_OF) -> tuple[Any, Checked]:
    checked = check(Options(inputs=inputs, as_of=as_of), today=date(2026, 11, 23))
    path = render_action_plan(
        TEMPLATES,
        inputs,
        checked.school,
        checked.framework,
        checked.actions,
        checked.log,
        checked.term,
        checked.as_of,
        out / "action-plan.xlsx",
    ).path
    return openpyxl.load_workbook(path), checked


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_plan(SAMPLE, tmp_path_factory.mktemp("plan"))[0]


def rows(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=6, max_col=12)]


def test_every_action_is_present_once_grouped_by_objective_then_kpi(plan: Any) -> None:
    values = rows(plan["Action plan"])
    refs = [r[0] for r in values if r[0] and r[0][0] == "A" and len(r[0]) == 3]
    assert sorted(refs) == [f"A{n:02d}" for n in range(1, 30)]
    headings = [r[0] for r in values if r[0] and r[0].startswith("Objective ")]
    assert [h.split(":")[0] for h in headings] == [f"Objective {n}" for n in range(1, 10)]
    kpis = [r[0].split(":")[0] for r in values if r[0] and r[0].startswith("KPI ")]
    assert kpis[:4] == ["KPI 1.1", "KPI 1.2", "KPI 1.4", "KPI 2.1"]
    a02 = next(r for r in values if r[0] == "A02")  # serves 1.2 and 1.3: listed once, under 1.2
    assert a02[1] == "1.2, 1.3"
    assert (
        values.index(a02)
        == values.index(next(r for r in values if r[0] and r[0].startswith("KPI 1.2"))) + 1
    )


def test_overdue_is_said_in_words_and_never_for_ongoing_dropped_or_completed(plan: Any) -> None:
    by_ref = {r[0]: r for r in rows(plan["Action plan"]) if r[0]}
    overdue = sorted(ref for ref, r in by_ref.items() if str(r[7]).startswith("Overdue"))
    assert overdue == ["A11", "A13", "A22", "A29"]
    assert by_ref["A13"][7] == "Overdue\n(Not started)"
    assert by_ref["A07"][6] == "Ongoing" and by_ref["A07"][7] == "In progress"
    assert by_ref["A28"][7] == "Dropped"
    assert by_ref["A10"][7] == "Completed"


def test_slippage_is_shown_in_terms(plan: Any) -> None:
    by_ref = {r[0]: r for r in rows(plan["Action plan"]) if r[0]}
    assert by_ref["A15"][6] == "26/05/2018\nmoved from 2017-18 Term 3 (+2 terms)"
    assert by_ref["A11"][6] == "16/02/2018\nmoved from 2017-18 Term 2 (+1 term)"


def test_text_that_looks_like_a_formula_stays_text(inputs: Path, tmp_path: Path) -> None:
    typed = {
        "Notes": '=HYPERLINK("https://example.org","plan")',
        "Lead": "+44 113 496 0000",
        "Monitored by": "@head",
    }

    def text_cell(folder: Path, column: str, value: str) -> None:
        wb = openpyxl.load_workbook(folder / "actions.xlsx")
        ws = wb["Actions"]
        col = [c.value for c in ws[1]].index(column) + 1
        ws.cell(row=2, column=col).value = value
        ws.cell(row=2, column=col).data_type = "s"  # as Excel stores '=… typed as text
        wb.save(folder / "actions.xlsx")

    for column, value in typed.items():
        text_cell(inputs, column, value)
    wb, _ = build_plan(inputs, tmp_path)
    ws = wb["Action plan"]
    row = next(r for r in ws.iter_rows(min_row=6) if r[0].value == "A01")
    assert (row[11].value, row[11].data_type) == (typed["Notes"], "s")
    assert (row[3].value, row[3].data_type) == (typed["Lead"], "s")
    assert (row[4].value, row[4].data_type) == (typed["Monitored by"], "s")


def test_print_ready_on_a4_landscape(plan: Any) -> None:
    for name, titles in (("Action plan", "$5:$5"), ("Monitoring", None)):
        ws = plan[name]
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows == titles
        # The pack's frame (running head, page number) is stamped at assembly, as on every page.
        assert (ws.oddFooter.left.text, ws.oddHeader.left.text) == (None, None)
    assert plan["Action plan"].print_area.startswith("'Action plan'!$A$1:$L$")


def test_the_template_s_look_survives_a_build(plan: Any) -> None:
    template = openpyxl.load_workbook(TEMPLATES / "action-plan.xlsx")
    for name in ("Action plan", "Monitoring"):
        before, after = template[name], plan[name]
        rules = lambda ws: [  # noqa: E731
            (
                str(r.sqref),
                [(x.formula, x.dxf.fill.fgColor.rgb if x.dxf.fill else None) for x in r.rules],
            )
            for r in ws.conditional_formatting
        ]
        assert rules(after) == rules(before)
        header = 5 if name == "Action plan" else 4
        for a, b in zip(before[header], after[header], strict=True):
            assert (a.value, a.font.b, a.font.color.rgb, a.fill.fgColor.rgb) == (
                b.value,
                b.font.b,
                b.font.color.rgb,
                b.fill.fgColor.rgb,
            )
    assert len(rules(plan["Action plan"])[0][1]) == 5
    assert plan["Action plan"]["C1"].font.sz == template["Action plan"]["C1"].font.sz
    assert plan["Action plan"]["C2"].value == "Meadowbank Primary School"
    assert len(plan["Action plan"]._images) == 1  # the school's logo, placed on every build


def test_the_monitoring_counts_against_the_sample_by_hand(plan: Any) -> None:
    ws = plan["Monitoring"]
    table = {r[0]: r[1:7] for r in ws.iter_rows(min_row=5, max_row=14, values_only=True)}
    # Objective 3: A08, A09, A10, A12 completed; A11 overdue; A28 dropped.
    assert table["Objective 3: A welcoming, communicative and friendly school"] == (
        4,
        0,
        0,
        1,
        1,
        6,
    )
    # Objective 4: A14, A15, A17 in progress; A16 not started; A13 overdue.
    assert table["Objective 4: Participation of all groups of parents"] == (0, 3, 1, 1, 0, 5)
    assert table["All objectives"] == (15, 6, 3, 4, 1, 29)
    assert all(isinstance(v, int) for v in table["All objectives"])
    text = [r[0] for r in ws.iter_rows(min_row=15, values_only=True) if r[0]]
    assert "Completed this term (2017-18 Term 4)" in text
    assert (
        "A25 (7.3): Attendance cafés for families with low attendance — completed 14/03/2018"
        in text
    )
    assert "Due next term (2017-18 Term 5)" in text
    assert (
        "A16 (4.4): Run an English course for parents with the community centre — no one "
        "monitors it" in text
    )
    assert "A11: 01/02/2018 (Working group): Polish translation received; Urdu in progress." in text


def test_in_the_last_term_of_the_calendar_nothing_is_due_next(inputs: Path, tmp_path: Path) -> None:
    set_cell(inputs, "school.xlsx", "School", "Value", 11, "2018-19 Term 6")
    wb, _ = build_plan(inputs, tmp_path, as_of=date(2019, 7, 1))
    text = [r[0] for r in wb["Monitoring"].iter_rows(values_only=True) if r[0]]
    assert text[text.index("Due next term") + 1] == "none: this is the last term in the calendar"


def test_gaps_in_who_leads_and_monitors_are_looked_for_in_every_action(
    inputs: Path, tmp_path: Path
) -> None:
    """A completed action that its lead monitors, and one with no lead, are named with their
    state, under a heading that says which actions were looked at (#27, item 7)."""
    from tests.conftest import find_row

    book = openpyxl.load_workbook(inputs / "actions.xlsx")
    row = find_row(book["Actions"], "Ref", "A01")
    lead = book["Actions"].cell(row=row, column=4).value
    set_cell(inputs, "actions.xlsx", "Actions", "Monitored by", row, lead)
    plan, _ = build_plan(inputs, tmp_path)
    text = [r[0] for r in plan["Monitoring"].iter_rows(min_row=15, values_only=True) if r[0]]
    assert "Who leads and who monitors: gaps among all 29 actions" in text
    assert any(
        t.startswith("A01 (1.1):") and t.endswith(f"its lead ({lead}) monitors it (completed)")
        for t in text
    )


def test_a_school_name_that_looks_like_a_formula_is_written_as_text_everywhere(
    inputs: Path, tmp_path: Path
) -> None:
    """A School name typed as text beginning with "=" was written as a formula into the title
    cell and the Monitoring sheet's A2: the pack printed a live link, or 2 for "=1+1" (#28,
    item 4). Every cell of the written workbook is walked: none is a formula."""
    name = '=HYPERLINK("http://127.0.0.1:9/","Meadowbank Primary School")'
    wb = openpyxl.load_workbook(inputs / "school.xlsx")
    ws = wb["School"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "School name")
    ws.cell(row=row, column=2).value = name
    ws.cell(row=row, column=2).data_type = "s"  # as Excel stores '=… typed as text
    wb.save(inputs / "school.xlsx")
    plan, _ = build_plan(inputs, tmp_path)
    cells = [c for sheet in plan.worksheets for r in sheet.iter_rows() for c in r]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert name in texts  # the title cell, as typed
    assert any(t.startswith(name + " · ") for t in texts)  # the Monitoring sheet's A2
