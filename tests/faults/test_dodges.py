"""What a second reader got past the first cut (#28): links written so that a reader of text
misses them and LibreOffice's parser does not, SVG pictures, files that are not what their
names say, and a PDF's attachments outside its annotations. Each is refused or cleaned; and
every ordinary file passes untouched (measured both ways)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.pack.appendix import Item, framed_document
from pipeline.pack.outside import Refused, cut_outside
from pipeline.pack.sanitise import active_content
from tests.conftest import SAMPLE
from tests.faults.hostile import (
    PDF_WORDS,
    attached_pdf,
    dodged_docx,
    prefixed_odt,
    red_png,
    saved_as,
    svg_in_docx,
)


@pytest.fixture
def outside(tmp_path: Path) -> str:
    return red_png(tmp_path / "outside" / "secret.png").as_uri()


@pytest.mark.parametrize(
    "make",
    [
        lambda p, o: dodged_docx(p / "escaped.docx", o, "http://127.0.0.1:9/", "escaped"),
        lambda p, o: dodged_docx(p / "utf16.docx", o, "http://127.0.0.1:9/", "utf16"),
        lambda p, o: svg_in_docx(p / "svg.docx", o),
        lambda p, o: prefixed_odt(p / "prefixed.odt", o),
    ],
    ids=["escaped-letter", "utf-16", "svg-picture", "other-prefix"],
)
def test_a_link_written_to_be_missed_refuses_the_file(
    tmp_path: Path, outside: str, make: object
) -> None:
    made = make(tmp_path, outside)  # type: ignore[operator]
    with pytest.raises(Refused) as refused:
        cut_outside(made)
    assert str(refused.value).startswith(
        "it takes content from outside itself in a way that cannot be cut ("
    )


def test_ordinary_office_files_pass_untouched(tmp_path: Path) -> None:
    """The sample's Word, Excel and PowerPoint files, and the same saved by LibreOffice as
    OpenDocument: nothing cut, nothing refused, not a byte changed."""
    files = [p for p in (SAMPLE / "evidence").iterdir() if p.suffix in (".docx", ".xlsx", ".pptx")]
    kinds = {".docx": "odt", ".xlsx": "ods", ".pptx": "odp"}
    for source in files:  # as LibreOffice saves them
        saved_as(source, kinds[source.suffix], tmp_path / "odf", tmp_path / "profile")
    made = sorted((tmp_path / "odf").iterdir())
    assert len(made) == 3
    for path in [*files, *made]:
        copy = shutil.copyfile(path, tmp_path / f"copy-{path.name}")
        before = copy.read_bytes()
        assert cut_outside(copy) == [], path.name
        assert copy.read_bytes() == before, path.name


def test_a_pdfs_attachment_outside_its_annotations_never_reaches_the_pack(
    tmp_path: Path,
) -> None:
    hostile = attached_pdf(tmp_path / "attached.pdf")
    found = active_content(hostile)
    assert any("/AF" in f for f in found) and any("/EF" in f for f in found)
    assert any("/OpenAction" in f for f in found)
    evidence = Item(_evidence(), "pdf", hostile)
    framed = framed_document(evidence, hostile, tmp_path / "framed.pdf")
    assert active_content(framed) == []
    assert b"MZ untyped payload" not in framed.read_bytes()
    assert PDF_WORDS in PdfReader(framed).pages[0].extract_text()


def _evidence() -> object:
    from pipeline.errors import CellRef
    from pipeline.records import Evidence, Place

    return Evidence(
        ref="E90",
        title="Sign-in sheet",
        kpis=("3.1",),
        type="Document",
        day=None,
        location="attached.pdf",
        place=Place.FILE,
        path="attached.pdf",
        in_pack=True,
        consent=None,
        source=CellRef("evidence.xlsx", "Evidence", 90),
    )


@pytest.mark.parametrize(
    "content",
    [
        b"{\\rtf1\\ansi {\\field{\\*\\fldinst INCLUDEPICTURE x}}}",
        b'<?xml version="1.0"?><office:document/>',
    ],
    ids=["rtf", "flat-xml"],
)
def test_a_file_that_is_not_what_its_name_says_is_not_printed(inputs: Path, content: bytes) -> None:
    """LibreOffice opens a file by what it is: RTF or flat XML named .doc would reach it uncut."""
    from pipeline.build import check
    from pipeline.pack.appendix import plan_appendix
    from pipeline.stages import Options
    from tests.conftest import edit

    (inputs / "evidence" / "minutes.doc").write_bytes(content)
    edit(
        inputs,
        "evidence.xlsx",
        lambda wb: wb["Evidence"].append(
            ["E90", "Minutes", "3.1", "Minutes", None, "minutes.doc", "Yes", None]
        ),
    )
    checked = check(Options(inputs=inputs))
    said = [str(w) for w in checked.findings.warnings if "E90" in str(w)]
    assert said == [
        'evidence.xlsx, sheet Evidence, row 23, column Location: E90: "minutes.doc" is not the '
        ".doc file its name says (it may be RTF or plain XML renamed), so it is not printed. "
        "Open it and save it as a PDF, or as a Word document (.docx), and give that path."
    ]
    items = plan_appendix(checked.framework, checked.evidence, checked.present, inputs)
    assert [i.kind for i in items if i.evidence.ref == "E90"] == ["missing"]
