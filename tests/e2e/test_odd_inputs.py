"""What a clerical team really sends, through the real LibreOffice: workbooks re-saved in other
formats, and a cell so long it runs over a page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.build import check
from pipeline.pack.convert import convert
from pipeline.stages import Options
from tests.conftest import run_cli, set_cell

pytestmark = pytest.mark.libreoffice


@pytest.mark.parametrize("to", ["xls", "ods"])
def test_a_workbook_saved_in_another_format_is_read(inputs: Path, tmp_path: Path, to: str) -> None:
    source = inputs / "ratings.xlsx"
    saved = convert([source], tmp_path, to)[source]
    source.unlink()
    saved.rename(inputs / saved.name)
    result = check(Options(inputs=inputs), today=date(2026, 11, 23))
    assert len(result.ratings) == 101
    assert (
        f"ratings.{to}: was read in place of ratings.xlsx. Save it as Excel Workbook (.xlsx) named "
        "ratings.xlsx: other formats can lose the Text format that tells KPI 3.1 from 3.10."
    ) in [str(w) for w in result.findings.warnings]


def test_every_workbook_re_saved_by_libreoffice_still_checks(inputs: Path, tmp_path: Path) -> None:
    books = sorted(inputs.glob("*.xlsx"))
    for source, saved in convert(books, tmp_path, "xlsx").items():
        saved.replace(source)
    result = check(Options(inputs=inputs), today=date(2026, 11, 23))
    assert len(result.ratings) == 101 and len(result.actions) == 29


@pytest.mark.parametrize(
    "row",
    [
        70,  # KPI 1.1: a table's first row, free to break across pages
        73,  # KPI 1.4: a short table's last row, which may not break; taller than a page
    ],
)
def test_a_ten_thousand_character_cell_is_printed_in_full(
    inputs: Path, tmp_path: Path, row: int
) -> None:
    text = " ".join(f"Meeting {n} with parents went well." for n in range(1, 300))
    assert len(text) > 10_000
    set_cell(inputs, "ratings.xlsx", "Ratings", "Current achievements", row, text)
    run = run_cli("build", "--inputs", str(inputs), "--out", str(tmp_path / "out"))
    assert run.code == 0, run.text
    pack = next((tmp_path / "out" / "2017-18-term-4").glob("*.pdf"))
    words = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pack).pages)
    assert "Meeting 1 with parents went well." in words
    assert "Meeting 299 with parents went well." in words


def test_a_ref_that_is_no_file_name_is_printed_as_typed(inputs: Path, tmp_path: Path) -> None:
    """E/107 on an item In pack: a slash (or : * ? " < > | on Windows) is no part of a file
    name; the working files are named safely and the pack prints the ref as typed."""
    set_cell(inputs, "evidence.xlsx", "Evidence", "Ref", 8, "E/107")  # E07, the slides
    run = run_cli("build", "--inputs", str(inputs), "--out", str(tmp_path / "out"))
    assert run.code == 0, run.text
    pack = next((tmp_path / "out" / "2017-18-term-4").glob("*.pdf"))
    words = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pack).pages)
    assert "E/107: Family learning workshop slides" in words
    assert "Appendix, page A" in words.split("E/107 Family learning workshop slides")[1][:80]
