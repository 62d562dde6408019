"""A photo is printed only with consent, by what the item is: its row's Type, or its file's
content, whatever the file is called (#28, item 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from PIL import Image

from pipeline.build import check
from pipeline.pack.appendix import plan_appendix
from pipeline.stages import Options


def add_item(inputs: Path, name: str, kind: str, consent: str | None, content: str) -> None:
    """E90: a file in the evidence folder named ``name``, holding ``content``, marked In pack."""
    path = inputs / "evidence" / name
    if content == "jpeg":
        Image.new("RGB", (64, 48), "teal").save(path, "JPEG")
    else:
        shutil.copyfile(inputs / "evidence" / "E01-statement-of-commitment.pdf", path)
    book = openpyxl.load_workbook(inputs / "evidence.xlsx")
    book["Evidence"].append(["E90", "Family learning", "4.2", kind, None, name, "Yes", consent])
    book.save(inputs / "evidence.xlsx")


def printed(inputs: Path) -> tuple[list[str], list[str]]:
    checked = check(Options(inputs=inputs))
    items = plan_appendix(checked.framework, checked.evidence, checked.present, inputs)
    said = [str(w) for w in checked.findings.warnings if "E90" in str(w)]
    return [i.kind for i in items if i.evidence.ref == "E90"], said


@pytest.mark.parametrize(
    ("name", "kind", "content"),
    [
        ("photo-saved-as.pdf", "Photo", "pdf"),  # a photo saved as PDF: its Type says photo
        ("renamed.docx", "Document", "jpeg"),  # a JPEG renamed: its bytes say photo
        ("renamed.xlsx", "", "jpeg"),
        ("renamed.odt", "Letter", "jpeg"),
    ],
)
def test_a_photo_without_consent_is_left_out_whatever_its_file_is_called(
    inputs: Path, name: str, kind: str, content: str
) -> None:
    add_item(inputs, name, kind, None, content)
    kinds, said = printed(inputs)
    assert kinds == []
    assert any("is a photo marked In pack with no consent recorded" in s for s in said)
    if content == "jpeg":  # and the name that hid it is named
        assert any(f'"{name}" is an image, though its name says' in s for s in said)


def test_with_consent_a_renamed_photo_is_printed_as_the_image_it_is(inputs: Path) -> None:
    add_item(inputs, "renamed.docx", "Document", "Yes", "jpeg")
    assert printed(inputs)[0] == ["image"]


def test_a_document_that_is_a_document_needs_no_consent(inputs: Path) -> None:
    add_item(inputs, "minutes.pdf", "Minutes", None, "pdf")
    assert printed(inputs) == (["pdf"], [])
