"""Hostile and careless files, all in one school, built once with the real command (#28): the
pack carries no outside picture, no active content, no formula, no photo it may not, and the
build ends in no traceback. A web server on 127.0.0.1 stands for the internet: it must see no
request."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import openpyxl
import pytest
from pypdf import PdfReader

from pipeline.pack.convert import Office
from pipeline.pack.sanitise import active_content
from pipeline.xlsx import put
from tests.conftest import SAMPLE, edit, find_row, made_once, run_cli
from tests.faults.hostile import (
    DOCX_WORDS,
    ODT_WORDS,
    PDF_WORDS,
    active_pdf,
    encrypted_pdf,
    huge_png,
    linked_docx,
    linked_odt,
    red_pages,
    red_png,
    saved_as,
)

SCHOOL_NAME = '=HYPERLINK("http://127.0.0.1:9/name","Meadowbank Primary School")'
COORDINATOR = "=1+1"
TURNED = "\u202egnineve stnerap"  # shows as "parents evening" turned about
WEB_LINK = "https://www.example.org/lppa"


class Heard(http.server.SimpleHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Heard.requests.append(self.path)
        super().do_GET()

    def log_message(self, *_: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A web server on 127.0.0.1 serving ``folder`` (the red picture), and its address."""

    def handler(*args: object) -> Heard:
        return Heard(*args, directory=str(folder))  # type: ignore[arg-type]

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # type: ignore[arg-type]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def add_rows(inputs: Path, rows: list[list[object]]) -> None:
    def change(wb: object) -> None:
        ws = wb["Evidence"]  # type: ignore[index]
        for row in rows:
            ws.append(row)

    edit(inputs, "evidence.xlsx", change)


def hostile_school(inputs: Path, outside: Path, web: str) -> None:
    evidence = inputs / "evidence"
    secret = red_png(outside / "secret.png")
    shutil.copyfile(secret, outside / "linked.png")
    shutil.copyfile(secret, outside / "odt.png")
    shutil.copyfile(secret, outside / "field.png")
    active_pdf(evidence / "active.pdf", WEB_LINK)
    linked_docx(evidence / "linked.docx", secret.as_uri(), web)
    linked_odt(evidence / "linked.odt", secret.as_uri(), web)
    huge_png(evidence / "huge.png")
    plain = evidence / "E01-statement-of-commitment.pdf"
    encrypted_pdf(plain, evidence / "owner-only.pdf", "", "owner secret")
    encrypted_pdf(plain, evidence / "needs-password.pdf", "open sesame", "owner secret")
    (evidence / "a-folder.pdf").mkdir()
    os.mkfifo(evidence / "a-pipe.pdf")
    (inputs / "notes-nobody-uses.txt").symlink_to("/proc/self/mem")  # unreadable, even to root
    add_rows(
        inputs,
        [
            ["E90", "Sign-in sheet", "3.1", "Document", None, "active.pdf", "Yes", None],
            ["E91", "Feedback with pictures", "3.1", "Document", None, "linked.docx", "Yes", None],
            ["E92", "Open day leaflet", "3.1", "Leaflet", None, "linked.odt", "Yes", None],
            ["E93", "Whole-school photo", "3.1", "Photo", None, "huge.png", "Yes", "Yes"],
            ["E94", "Signed statement again", "1.1", "Document", None, "owner-only.pdf", "Yes"],
            ["E95", "Governors' copy", "1.1", "Document", None, "needs-password.pdf", "Yes"],
            ["E96", "A folder", "1.1", "Document", None, "a-folder.pdf", "Yes", None],
            ["E97", "A pipe", "1.1", "Document", None, "a-pipe.pdf", "Yes", None],
            ["E98", TURNED, "3.1", "Document", None, "Office: red folder", "No", None],
        ],
    )

    def school(wb: object) -> None:
        ws = wb["School"]  # type: ignore[index]
        for field, text in (("School name", SCHOOL_NAME), ("LPPA coordinator", COORDINATOR)):
            put(ws, find_row(ws, "Field", field), 2, text)  # typed as text, as Excel keeps '=

    edit(inputs, "school.xlsx", school)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    def make(folder: Path) -> None:
        inputs, outside = folder / "inputs", folder / "outside"
        shutil.copytree(SAMPLE, inputs)
        server, web = serve(outside)
        try:
            hostile_school(inputs, outside, web)
            run = run_cli("build", "--inputs", str(inputs), "--out", str(folder / "outputs"))
        finally:
            server.shutdown()
            server.server_close()
        heard = list(Heard.requests)
        (folder / "run.json").write_text(
            json.dumps({"code": run.code, "out": run.out, "err": run.err, "heard": heard}),
            encoding="utf-8",
        )

    yield made_once(tmp_path_factory, "hostile", make)


def ran(folder: Path) -> dict[str, object]:
    return json.loads((folder / "run.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def the_pack(folder: Path) -> Path:
    (pack,) = (folder / "outputs").glob("*/*-lppa-pack-*.pdf")
    return pack


def report(folder: Path) -> str:
    (found,) = (folder / "outputs").glob("*/build-report.txt")
    return found.read_text(encoding="utf-8")


def test_the_build_ends_well_with_no_traceback(hostile: Path) -> None:
    run = ran(hostile)
    assert run["code"] == 0, run
    assert "Traceback" not in f"{run['out']}{run['err']}"


def test_nothing_outside_the_inputs_is_fetched_or_printed(hostile: Path) -> None:
    assert ran(hostile)["heard"] == []  # no request reached the web server
    reader = PdfReader(the_pack(hostile))
    assert red_pages(the_pack(hostile)) == []
    text = "".join(page.extract_text() for page in reader.pages)
    assert DOCX_WORDS in text and ODT_WORDS in text  # the documents themselves are printed
    said = report(hostile)
    assert "E91: linked.docx takes content from outside itself" in said
    word = next(line for line in said.splitlines() if "E91: linked.docx" in line)
    assert "a linked picture (file:///" in word and "INCLUDEPICTURE field" in word
    assert "a linked picture (http://127.0.0.1:" in word
    assert "E92: linked.odt takes content from outside itself" in said


def test_the_pack_carries_no_active_content_and_keeps_its_web_link(hostile: Path) -> None:
    pack = the_pack(hostile)
    assert active_content(pack) == []
    reader = PdfReader(pack)
    (page,) = [p for p in reader.pages if PDF_WORDS in p.extract_text()]
    links = [a.get_object() for a in page.get("/Annots") or []]
    assert [str(a["/A"]["/URI"]) for a in links] == [WEB_LINK]
    left, bottom, right, top = (float(n) for n in links[0]["/Rect"])
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert 0 <= left < right <= width and 0 <= bottom < top <= height  # moved with the page


def test_every_cell_written_from_a_schools_text_is_text(hostile: Path) -> None:
    books = list((hostile / "outputs").rglob("*.xlsx"))
    assert books
    formulas = []
    for book in books:
        for ws in openpyxl.load_workbook(book).worksheets:
            for row in ws.iter_rows():
                formulas += [
                    f"{book.name} {ws.title}!{c.coordinate}: {c.value}"
                    for c in row
                    if c.data_type == "f"
                ]
    assert formulas == []
    text = "".join(p.extract_text() for p in PdfReader(the_pack(hostile)).pages[:3])
    assert SCHOOL_NAME.split(",")[0] in text.replace("\n", "")  # printed as typed, not a link


def test_files_that_cannot_be_printed_say_why(hostile: Path) -> None:
    said = report(hostile)
    assert "E93 could not be printed in the evidence appendix (the picture is too large" in said
    assert "(900 million pixels)" in said
    assert "E95 could not be printed in the evidence appendix (it needs a password" in said
    assert 'E96: "a-folder.pdf" cannot be printed: it is a folder, not a file' in said
    assert 'E97: "a-pipe.pdf" cannot be printed: it is not an ordinary file' in said
    text = "".join(p.extract_text() for p in PdfReader(the_pack(hostile)).pages)
    assert "E94: Signed statement again" in text  # an owner password only: printed


def test_direction_controls_are_warned_of_and_not_printed(hostile: Path) -> None:
    said = report(hostile)
    assert "invisible direction-control character" in said
    text = "".join(p.extract_text() for p in PdfReader(the_pack(hostile)).pages)
    assert "\u202e" not in text
    assert "gnineve stnerap" in text  # the index prints the title, in the order it was typed


def test_libreoffice_itself_loads_nothing_from_outside(tmp_path: Path) -> None:
    """The second wall: documents not cut (a Word file's linked pictures; the older .doc format,
    which is never cut) converted by the build's LibreOffice fetch nothing and print no outside
    picture."""
    outside = tmp_path / "outside"
    secret = red_png(outside / "secret.png")
    shutil.copyfile(secret, outside / "linked.png")
    Heard.requests.clear()
    server, web = serve(outside)
    try:
        files = tmp_path / "files"
        files.mkdir()
        linked = linked_docx(files / "linked.docx", secret.as_uri(), web)
        made = saved_as(linked, "doc:MS Word 97", tmp_path / "doc", tmp_path / "maker")
        old = shutil.copyfile(made, files / "old.doc")  # the same document, Word 97's format
        Heard.requests.clear()  # making the .doc may have asked: only the build counts
        with Office() as office:
            made = office.convert([linked, old], tmp_path / "pdf")
    finally:
        server.shutdown()
        server.server_close()
    assert Heard.requests == []
    assert [red_pages(made[linked]), red_pages(made[old])] == [[], []]
    assert DOCX_WORDS in PdfReader(made[old]).pages[0].extract_text()
