"""The kit and the frozen contract through the real LibreOffice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from pipeline import contract
from pipeline.build import check
from pipeline.kit.blanks import write_blank_inputs
from pipeline.pack.convert import convert
from pipeline.stages import Options
from tests.conftest import PROJECT, SAMPLE, run_cli
from tests.integration.test_kit import fill

pytestmark = pytest.mark.libreoffice

FROZEN = PROJECT / "tests" / "data" / "contract-v1"


def test_blank_workbooks_re_saved_by_libreoffice_keep_their_lists_and_still_check(
    tmp_path: Path,
) -> None:
    blank = tmp_path / "blank"
    write_blank_inputs(blank, SAMPLE)
    (blank / "objective-9.docx").unlink()
    books = [blank / b.file for b in contract.BOOKS]
    for source, saved in convert(books, tmp_path / "resaved", "xlsx").items():
        saved.replace(source)
    ratings = openpyxl.load_workbook(blank / "ratings.xlsx")["Ratings"]
    lists = [dv for dv in ratings.data_validations.dataValidation if dv.type == "list"]
    assert any("C2" in dv.sqref for dv in lists)
    assert ratings["B2"].number_format == "@"
    fill(blank)
    result = check(Options(inputs=blank), today=date(2026, 11, 23))
    assert result.actions[0].kpis == ("1.1", "2.4")


def test_last_terms_workbooks_still_build(tmp_path: Path) -> None:
    """tests/data/contract-v1 is the sample as it was when the contract was frozen (issue 4):
    a school's workbooks from then must build for ever after."""
    run = run_cli("build", "--inputs", str(FROZEN), "--out", str(tmp_path / "out"))
    assert run.code == 0, run.text
    assert list((tmp_path / "out" / "2017-18-term-4").glob("*-lppa-pack-2017-18-term-4.pdf"))
