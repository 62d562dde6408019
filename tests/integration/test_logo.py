"""The logo is a picture from the inputs folder, and only that (#28, item 5)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from pipeline.build import check
from pipeline.stages import Options


def with_logo(inputs: Path, value: str) -> tuple[str | None, list[str]]:
    import openpyxl

    path = inputs / "school.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Settings"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "Logo")
    sheet.cell(row=row, column=2).value = value
    book.save(path)
    checked = check(Options(inputs=inputs))
    said = [str(w) for w in checked.findings.warnings if "Logo" in str(w) or value in str(w)]
    return checked.school.settings.logo, said


def test_the_sample_s_logo_is_printed(inputs: Path) -> None:
    assert with_logo(inputs, "logo.png") == ("logo.png", [])


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("../outside.png", "leads outside the inputs folder"),
        ("/etc/hostname", "leads outside the inputs folder"),
        ("linked.png", "leads outside the inputs folder"),
        ("notes.png", "is not an image"),
        ("huge.png", "is an image too large to print"),
        ("missing.png", "is not a file in the inputs folder"),
    ],
)
def test_a_logo_from_outside_or_not_an_image_is_not_printed(
    inputs: Path, tmp_path: Path, value: str, why: str
) -> None:
    Image.new("RGB", (40, 40), "red").save(inputs.parent / "outside.png")
    (inputs / "linked.png").symlink_to(inputs.parent / "outside.png")
    (inputs / "notes.png").write_text("not a picture", encoding="utf-8")
    Image.new("1", (30000, 30000)).save(inputs / "huge.png")  # small on disk, 900 Mpx
    logo, said = with_logo(inputs, value)
    assert logo is None
    assert said == [
        f'school.xlsx, sheet Settings, row 2, column Value: "{value}" {why}, so no logo is '
        "printed. Put the image (PNG or JPEG) beside the workbooks and give its name, e.g. "
        "logo.png."
    ]
    assert os.path.exists(inputs.parent / "outside.png")
