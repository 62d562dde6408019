"""The limits of pipeline/limits.py, each measured both ways on real workbooks and files: at the
limit read as ever, past it a located error (a workbook) or warning (an evidence file) in a
second, before anything is read into memory (#28)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from pipeline.build import check
from pipeline.errors import InputProblems
from pipeline.limits import MAX_EVIDENCE_MB, MAX_ROWS, MAX_XML_MB
from pipeline.pack.appendix import plan_appendix
from pipeline.stages import Options
from tests.conftest import edit


def with_rows(inputs: Path, rows: int) -> None:
    """The evidence index holding ``rows`` rows below its header (the sample's, repeated)."""

    def change(wb: object) -> None:
        ws = wb["Evidence"]  # type: ignore[index]
        kept = [list(r) for r in ws.iter_rows(min_row=2, values_only=True) if r[6] == "No"]
        ws.delete_rows(2, ws.max_row)
        for number in range(rows):
            row = list(kept[number % len(kept)])
            row[0] = f"E{number + 1:05d}"
            ws.append(row)

    edit(inputs, "evidence.xlsx", change)


def stopped(inputs: Path) -> list[str]:
    with pytest.raises(InputProblems) as failure:
        check(Options(inputs=inputs))
    return [str(p) for p in failure.value.problems]


def test_a_sheet_at_the_row_limit_is_read(inputs: Path) -> None:
    with_rows(inputs, MAX_ROWS)
    assert len(check(Options(inputs=inputs)).evidence) == MAX_ROWS


def test_a_sheet_past_the_row_limit_is_a_located_error(inputs: Path) -> None:
    with_rows(inputs, MAX_ROWS + 1)
    assert stopped(inputs) == [
        f"evidence.xlsx: has more than {MAX_ROWS:,} rows on sheet Evidence; the contract allows "
        f"{MAX_ROWS:,}. Rows past the data that were formatted count too: delete them (select "
        "them, Delete Sheet Rows) and save."
    ]


def test_a_workbook_that_unpacks_past_the_limit_is_refused_unread(inputs: Path) -> None:
    """A "zip bomb": a few hundred kilobytes that unpack to more than the limit."""
    with zipfile.ZipFile(inputs / "evidence.xlsx", "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b" " * ((MAX_XML_MB + 1) * 2**20))
    assert (inputs / "evidence.xlsx").stat().st_size < 2**20
    (problem,) = stopped(inputs)
    assert problem.startswith(f"evidence.xlsx: unpacks to {MAX_XML_MB + 1} MB of sheets;")


def test_an_evidence_file_past_the_size_limit_is_not_printed(inputs: Path) -> None:
    big = inputs / "evidence" / "E01-statement-of-commitment.pdf"
    with big.open("r+b") as handle:
        handle.truncate((MAX_EVIDENCE_MB + 1) * 2**20)  # sparse: no disk used
    checked = check(Options(inputs=inputs))
    said = [str(w) for w in checked.findings.warnings if "E01" in str(w)]
    assert any(
        f"it is {MAX_EVIDENCE_MB + 1} MB, and the pack prints files of up to" in s for s in said
    )
    items = plan_appendix(checked.framework, checked.evidence, checked.present, inputs)
    (e01,) = [i for i in items if i.evidence.ref == "E01"]
    assert e01.kind == "missing" and "MB, and the pack prints files of up to" in e01.reason


def test_an_evidence_file_at_the_size_limit_is_printed(inputs: Path) -> None:
    big = inputs / "evidence" / "E01-statement-of-commitment.pdf"
    with big.open("r+b") as handle:
        handle.truncate(MAX_EVIDENCE_MB * 2**20)
    checked = check(Options(inputs=inputs))
    assert "E01-statement-of-commitment.pdf" in checked.present


def test_an_evidence_folder_that_links_outside_the_inputs_is_refused(
    inputs: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (inputs / "evidence").rename(elsewhere)
    (inputs / "evidence").symlink_to(elsewhere, target_is_directory=True)
    (problem,) = stopped(inputs)
    assert problem.startswith(f"evidence/: the evidence folder is a link to {elsewhere}")


def test_an_evidence_folder_linked_within_the_inputs_is_read(inputs: Path) -> None:
    (inputs / "evidence").rename(inputs / "files")
    (inputs / "evidence").symlink_to(inputs / "files", target_is_directory=True)
    assert "E01-statement-of-commitment.pdf" in check(Options(inputs=inputs)).present


def test_a_workbook_of_the_contract_as_the_kit_makes_it_is_within_the_limits(
    tmp_path: Path,
) -> None:
    from pipeline.kit.blanks import write_blank_inputs

    write_blank_inputs(tmp_path)
    for book in tmp_path.glob("*.xlsx"):
        ws_rows = max(ws.max_row for ws in openpyxl.load_workbook(book).worksheets)
        assert ws_rows <= MAX_ROWS + 1, book.name
