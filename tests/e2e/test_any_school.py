"""Every school gets its true pack: the proof never cries wolf and never misses a loss, and the
Action Plan prints any text whole, on content the sample does not have (#27).

Action Plans here are made from the sample's inputs with one thing changed, as a new school's
office would type it, converted by the real LibreOffice and read back with PDFium; the proof is
the build's own (``prove_part`` on the plan's printed lines).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from pipeline.build import check
from pipeline.documents.action_plan import render_action_plan
from pipeline.manifest import Pointer, Shown
from pipeline.pack.convert import convert_to_pdf
from pipeline.pack.pagetext import Line, pdf_lines
from pipeline.pack.proof import PartProof, prove, prove_part
from pipeline.records import Action
from pipeline.stages import Checked, Options
from tests.conftest import SAMPLE, TEMPLATES
from tests.schools.generate import AWARD_OBJECTIVES, SUMMARY_OBJECTIVE

AS_OF = date(2018, 3, 29)


@pytest.fixture(scope="module")
def sample() -> Checked:
    return check(Options(inputs=SAMPLE, as_of=AS_OF), today=date(2026, 11, 23))


def plan_pdf(checked: Checked, folder: Path, **changed: object) -> tuple[Path, tuple[Shown, ...]]:
    """The Action Plan of ``checked`` with ``changed`` records, as LibreOffice prints it."""
    folder.mkdir(parents=True, exist_ok=True)
    values = {
        "framework": checked.framework,
        "actions": checked.actions,
        **changed,
    }
    made = render_action_plan(
        TEMPLATES,
        SAMPLE,
        checked.school,
        values["framework"],  # type: ignore[arg-type]
        values["actions"],  # type: ignore[arg-type]
        checked.log,
        checked.term,
        checked.as_of,
        folder / "action-plan.xlsx",
    )
    return convert_to_pdf([made.path], folder / "pdf")[made.path], made.shown


def lost(pdf: Path, shown: tuple[Shown, ...]) -> list[str]:
    lines = [line for page in pdf_lines(pdf).values() for line in page]
    pages = len(pdf_lines(pdf))
    return [f"{m.what} ({m.why})" for m in prove_part(lines, PartProof("plan", 0, pages, shown))[1]]


def with_action(checked: Checked, ref: str, **fields: object) -> list[Action]:
    return [replace(a, **fields) if a.ref == ref else a for a in checked.actions]  # type: ignore[arg-type]


def printed_text(pdf: Path) -> str:
    return "".join(line.text for page in pdf_lines(pdf).values() for line in page)


def test_names_that_wrap_in_a_narrow_column_are_found_whole(
    sample: Checked, tmp_path: Path
) -> None:
    """A lead's name wraps over two or three lines in the Lead column, broken at its spaces and
    hyphens; Calc writes the later lines after other cells' text. Not a loss (item 1)."""
    names = {
        "A01": "Mrs Ayşe Demir",
        "A02": "Revd Juliusz-Ignacy Ruszel-Orszulik",
        "A03": "Mrs Shaun-Samantha Ó Cuilleáin-Ó Neabhail",
        "A04": "Mr Seán O'Brien-Ní Dhomhnaill",
    }
    actions = [replace(a, lead=names.get(a.ref, a.lead)) for a in sample.actions]
    pdf, shown = plan_pdf(sample, tmp_path, actions=actions)
    assert lost(pdf, shown) == []
    text = printed_text(pdf)
    assert "Ayşe" in text and "Ruszel-" in text  # they are printed, wrapped


def test_the_award_s_own_objective_wording_prints_whole(sample: Checked, tmp_path: Path) -> None:
    """Objective 4 of the award is 284 characters: every objective row of the plan and the
    Monitoring sheet is as tall as its wrapped title, and the proof finds each title whole
    (item 3)."""
    titles = {**AWARD_OBJECTIVES, 9: SUMMARY_OBJECTIVE}
    framework = replace(
        sample.framework,
        objectives=tuple(
            replace(o, title=titles.get(o.number, o.title)) for o in sample.framework.objectives
        ),
    )
    pdf, shown = plan_pdf(sample, tmp_path, framework=framework)
    assert lost(pdf, shown) == []
    plain = "".join(printed_text(pdf).split())
    assert "".join(titles[4].replace("’", "'").split()) in plain.replace("’", "'")


@pytest.mark.parametrize("count", [1400, 3700])  # 10,000 characters; near 32,767, an Excel cell
def test_a_cell_longer_than_a_page_is_printed_whole_in_rows_that_follow(
    sample: Checked, tmp_path: Path, count: int
) -> None:
    """A 10,000-character action, and one as long as an Excel cell holds: the row goes on in
    rows headed "A05 (cont.)", every word printed, and the proof follows the cell to its last
    word."""
    words = [f"word{n}" for n in range(count)]
    assert len(" ".join(words)) <= 32767
    long = " ".join(words)
    pdf, shown = plan_pdf(sample, tmp_path, actions=with_action(sample, "A05", text=long))
    assert lost(pdf, shown) == []
    text = printed_text(pdf)
    assert text.count("(cont.)") >= 2  # A05 (cont.): its row goes on across pages
    assert all(w in text for w in (words[0], words[700], words[-1]))


def test_a_cut_cell_is_found_missing(sample: Checked, tmp_path: Path) -> None:
    """The same plan with one action's row set too short, as a restyled template might: Calc
    cuts the cell, and the proof names that action, from where its text stops (a check that
    looked only at a cell's start would pass it)."""
    words = " ".join(f"step{n}" for n in range(60))
    folder = tmp_path / "cut"
    folder.mkdir()
    made = render_action_plan(
        TEMPLATES,
        SAMPLE,
        sample.school,
        sample.framework,
        with_action(sample, "A05", text=words),
        sample.log,
        sample.term,
        sample.as_of,
        folder / "action-plan.xlsx",
    )
    book = openpyxl.load_workbook(made.path)
    ws = book["Action plan"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "A05")
    ws.row_dimensions[row].height = 16
    book.save(made.path)
    pdf = convert_to_pdf([made.path], folder / "pdf")[made.path]
    missing = lost(pdf, made.shown)
    assert missing[0].startswith("action A05 (not printed from “step")
    # Cut, the cell's last lines print over the row below, which the proof finds too.
    assert all(m.startswith(("action A05", "KPI 2.3")) for m in missing)


def line(page: int, baseline: float, text: str) -> Line:
    return Line(page, baseline, text)


def test_a_ref_printed_again_later_does_not_pull_the_rows_after_it_out_of_place() -> None:
    """A thousand actions, and the Monitoring sheet's "Not yet reviewed: A02, A01, …" pages
    later: each row is placed where its whole first line is printed (item 2)."""
    refs = [f"A{n:04d}" for n in range(1, 1001)]
    lines = [
        line(n // 40, 20 + (n % 40) * 12, f"{ref} 2.1 Action {ref} text")
        for n, ref in enumerate(refs)
    ]
    lines.append(line(30, 20, "Not yet reviewed: " + ", ".join(reversed(refs))))
    shown = tuple(Shown.row(f"action {r}", r, "2.1", f"Action {r} text") for r in refs)
    shown += (Shown.row("the list", "Not yet reviewed: " + ", ".join(reversed(refs))),)
    count, missing = prove_part(lines, PartProof("Action Plan", 0, 31, shown))
    assert (count, missing) == (1001, [])
    # Measured the other way: one row really gone is named, alone.
    count, missing = prove_part(
        [x for x in lines if not x.text.startswith("A0500 ")],
        PartProof("Action Plan", 0, 31, shown),
    )
    assert [m.what for m in missing] == ["action A0500"]


def test_a_page_number_that_names_the_wrong_page_is_found() -> None:
    pages = {0: [line(0, 40, "E07: Family learning photo")], 1: [line(1, 40, "E08: Minutes")]}
    right = prove(pages, [], [Pointer("E07's page", 1, "E07: Family learning photo")])
    wrong = prove(pages, [], [Pointer("E07's page", 2, "E07: Family learning photo")])
    assert right.ok
    assert [str(m) for m in wrong.missing] == ["Page numbers: E07's page (page 2 does not show it)"]


def test_right_to_left_and_accented_text_is_found_as_printed() -> None:
    """Arabic printed in visual order with a bracket mirrored, and letters composed differently
    from how they were typed: found; the same text with most of its letters gone: not."""
    typed = "اجتماع أولياء الأمور (E13)"
    printed = "(E13(روملأا ءايلوأ عامتجا"
    item = (Shown.row("E13", "E13", typed),)
    assert prove_part([line(0, 40, "E13 " + printed)], PartProof("Index", 0, 1, item))[1] == []
    cut = prove_part([line(0, 40, "E13 (E13( عامتجا")], PartProof("Index", 0, 1, item))[1]
    assert [m.what for m in cut] == ["E13"]
    composed = (Shown.row("A1", "A1", "Cafe\u0301 for parents"),)
    assert prove_part([line(0, 40, "A1 Café for parents")], PartProof("P", 0, 1, composed))[1] == []


def test_a_school_s_wide_spreadsheet_prints_as_wide_as_the_page(tmp_path: Path) -> None:
    """Twelve columns: as the school saved it, Calc splits it by columns across pages; the
    copy the appendix converts fits the page's width, on A4 turned (#27, item 9)."""
    import shutil

    from openpyxl import Workbook
    from pypdf import PdfReader

    from pipeline.pack.fitting import fit_to_width

    book = Workbook()
    sheet = book.active
    sheet.append([f"Heading{c}" for c in range(1, 13)])
    for r in range(40):
        sheet.append([f"v{r}x{c}" for c in range(1, 13)])
    book.save(tmp_path / "as-saved.xlsx")
    shutil.copy(tmp_path / "as-saved.xlsx", tmp_path / "fitted.xlsx")
    assert fit_to_width(tmp_path / "fitted.xlsx")
    pdfs = convert_to_pdf([tmp_path / "as-saved.xlsx", tmp_path / "fitted.xlsx"], tmp_path / "pdf")
    first = [PdfReader(pdfs[tmp_path / n]).pages[0] for n in ("as-saved.xlsx", "fitted.xlsx")]
    assert "Heading12" not in first[0].extract_text()  # split: the last columns elsewhere
    fitted = first[1].extract_text()
    assert all(f"Heading{c}" in fitted for c in range(1, 13))
    assert (round(float(first[1].mediabox.width)), round(float(first[1].mediabox.height))) == (
        842,
        595,
    )
    assert not fit_to_width(tmp_path / "not-a-workbook.xlsx")  # absent: left alone, no error
