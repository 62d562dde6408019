"""Each hostile or careless file of #28 on its own, in a copy of the sample school, built with
the real command: its exit status, time, peak memory, and what reached the pack (outside
pictures, active content, formulas, a photo without consent, a traceback).

    python benchmarks/hostile_cases.py [CASE …]

Prints a Markdown table. The builds run one at a time, each in a process of its own (peak
memory is the build's own: Linux and macOS). The tests assert the same outcomes
(tests/faults/test_hostile_files.py); this measures them.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from pipeline.pack.sanitise import active_content  # noqa: E402
from pipeline.xlsx import put  # noqa: E402
from tests.faults.hostile import (  # noqa: E402
    active_pdf,
    encrypted_pdf,
    huge_png,
    linked_docx,
    linked_odt,
    red_pages,
    red_png,
)

Case = Callable[[Path, Path, str], list[str]]  # inputs, outside, web → extra arguments
heard: list[str] = []


class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        heard.append(self.path)
        super().do_GET()

    def do_HEAD(self) -> None:
        heard.append(f"HEAD {self.path}")
        super().do_HEAD()

    def log_message(self, *_: object) -> None:
        pass


def evidence_row(inputs: Path, *row: object) -> None:
    book = openpyxl.load_workbook(inputs / "evidence.xlsx")
    book["Evidence"].append(list(row))
    book.save(inputs / "evidence.xlsx")


def school_field(inputs: Path, sheet: str, field: str, value: str) -> None:
    book = openpyxl.load_workbook(inputs / "school.xlsx")
    ws = book[sheet]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == field)
    put(ws, row, 2, value)
    book.save(inputs / "school.xlsx")


def photo_as_pdf(inputs: Path, outside: Path, web: str) -> list[str]:
    shutil.copyfile(inputs / "evidence/E01-statement-of-commitment.pdf", inputs / "evidence/p.pdf")
    evidence_row(inputs, "E90", "Class photo", "3.1", "Photo", None, "p.pdf", "Yes", None)
    return []


def jpeg_as_docx(inputs: Path, outside: Path, web: str) -> list[str]:
    shutil.copyfile(inputs / "evidence/E09-family-maths-morning.jpg", inputs / "evidence/p.docx")
    evidence_row(inputs, "E90", "Minutes", "3.1", "Document", None, "p.docx", "Yes", None)
    return []


def linked_word(inputs: Path, outside: Path, web: str) -> list[str]:
    linked_docx(inputs / "evidence/l.docx", (outside / "secret.png").as_uri(), web)
    evidence_row(inputs, "E90", "Linked", "3.1", "Document", None, "l.docx", "Yes", None)
    return []


def linked_odf(inputs: Path, outside: Path, web: str) -> list[str]:
    linked_odt(inputs / "evidence/l.odt", (outside / "secret.png").as_uri(), web)
    evidence_row(inputs, "E90", "Linked", "3.1", "Document", None, "l.odt", "Yes", None)
    return []


def active(inputs: Path, outside: Path, web: str) -> list[str]:
    active_pdf(inputs / "evidence/a.pdf", "https://www.example.org/")
    evidence_row(inputs, "E90", "Active", "3.1", "Document", None, "a.pdf", "Yes", None)
    return []


def formula_name(inputs: Path, outside: Path, web: str) -> list[str]:
    school_field(inputs, "School", "School name", f'=HYPERLINK("{web}x","Meadowbank Primary")')
    return []


def logo_outside(inputs: Path, outside: Path, web: str) -> list[str]:
    school_field(inputs, "Settings", "Logo", str(outside / "secret.png"))
    return []


def logo_not_image(inputs: Path, outside: Path, web: str) -> list[str]:
    (inputs / "logo.png").write_bytes(b"not a picture at all")
    return []


def aes_owner(inputs: Path, outside: Path, web: str) -> list[str]:
    plain = inputs / "evidence/E01-statement-of-commitment.pdf"
    encrypted_pdf(plain, inputs / "evidence/o.pdf", "", "owner")
    evidence_row(inputs, "E90", "Owner only", "1.1", "Document", None, "o.pdf", "Yes", None)
    return []


def aes_user(inputs: Path, outside: Path, web: str) -> list[str]:
    plain = inputs / "evidence/E01-statement-of-commitment.pdf"
    encrypted_pdf(plain, inputs / "evidence/u.pdf", "user", "owner")
    evidence_row(inputs, "E90", "Password", "1.1", "Document", None, "u.pdf", "Yes", None)
    return []


def bomb_png(inputs: Path, outside: Path, web: str) -> list[str]:
    huge_png(inputs / "evidence/huge.png")
    evidence_row(inputs, "E90", "Huge", "3.1", "Photo", None, "huge.png", "Yes", "Yes")
    return []


def long_name(inputs: Path, outside: Path, web: str) -> list[str]:
    school_field(inputs, "School", "School name", "Meadowbank " * 455)
    return []


def unreadable_unused(inputs: Path, outside: Path, web: str) -> list[str]:
    (inputs / "notes.txt").symlink_to("/proc/self/mem")
    return []


def sparse_evidence(inputs: Path, outside: Path, web: str) -> list[str]:
    for name in ("s1.pdf", "s2.pdf"):
        with (inputs / "evidence" / name).open("wb") as handle:
            handle.write(b"%PDF-1.4\n")
            handle.truncate(2 * 2**30)
        evidence_row(inputs, f"E9{name[1]}", "Big", "1.1", "Document", None, name, "Yes", None)
    return []


def out_inside(inputs: Path, outside: Path, web: str) -> list[str]:
    return ["--out", str(inputs / "outputs")]


def linked_evidence_folder(inputs: Path, outside: Path, web: str) -> list[str]:
    shutil.move(inputs / "evidence", outside / "evidence")
    (inputs / "evidence").symlink_to(outside / "evidence")
    return []


def turned_title(inputs: Path, outside: Path, web: str) -> list[str]:
    evidence_row(inputs, "E90", "\u202egnineve", "3.1", "Document", None, "Office", "No", None)
    return []


def pipe_and_folder(inputs: Path, outside: Path, web: str) -> list[str]:
    os.mkfifo(inputs / "evidence/pipe.pdf")
    (inputs / "evidence/folder.pdf").mkdir()
    evidence_row(inputs, "E90", "Pipe", "1.1", "Document", None, "pipe.pdf", "Yes", None)
    evidence_row(inputs, "E91", "Folder", "1.1", "Document", None, "folder.pdf", "Yes", None)
    return []


CASES: dict[str, Case] = {
    "a photo saved as PDF, no consent": photo_as_pdf,
    "a JPEG renamed .docx, no consent": jpeg_as_docx,
    "Word: linked pictures, INCLUDEPICTURE": linked_word,
    "ODT: linked pictures": linked_odf,
    "PDF: JavaScript, Launch, SubmitForm, attachment": active,
    "School name =HYPERLINK(…)": formula_name,
    "Logo: absolute path outside inputs": logo_outside,
    "Logo: not an image": logo_not_image,
    "AES PDF, owner password only": aes_owner,
    "AES PDF, user password": aes_user,
    "PNG of 900 megapixels, with consent": bomb_png,
    "School name of 5,000 characters": long_name,
    "an unreadable file no row uses": unreadable_unused,
    "two 2 GB sparse evidence files": sparse_evidence,
    "--out inside inputs": out_inside,
    "evidence folder a link outside inputs": linked_evidence_folder,
    "U+202E in a title": turned_title,
    "a pipe and a folder named as evidence": pipe_and_folder,
}


def formulas_in(out: Path) -> int:
    return sum(
        1
        for book in out.rglob("*.xlsx")
        if "superseded" not in book.parts
        for ws in openpyxl.load_workbook(book).worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    )


def run_case(name: str, case: Case, root: Path, web: str) -> dict[str, object]:
    inputs, outside, out = root / "inputs", root / "outside", root / "outputs"
    shutil.copytree(PROJECT / "inputs", inputs)
    red_png(outside / "secret.png")
    for copy in ("linked.png", "odt.png", "field.png"):
        shutil.copyfile(outside / "secret.png", outside / copy)
    extra = case(inputs, outside, web)
    if "--out" not in extra:
        extra = ["--out", str(out), *extra]
    heard.clear()
    script = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(json.dumps([done.returncode, time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "
        "done.stdout + done.stderr]))\n"
    )
    command = [sys.executable, "-m", "pipeline", "build", "--inputs", str(inputs), *extra]
    done = subprocess.run(
        [sys.executable, "-c", script, *command], capture_output=True, text=True, cwd=PROJECT
    )
    code, seconds, peak, said = json.loads(done.stdout)
    packs = [p for p in out.glob("*/*-lppa-pack-*.pdf")]
    reached = []
    if packs:
        active = active_content(packs[0])
        reached += [f"{len(active)} active"] if active else []
        reached += [f"{n} outside picture"] if (n := len(red_pages(packs[0]))) else []
        reached += [f"{n} formula"] if (n := formulas_in(out)) else []
        pages = [p.extract_text() for p in __import__("pypdf").PdfReader(packs[0]).pages]
        text = "".join(pages)
        printed = [
            p for p in pages if "Filed under" in p and ("E90: Class" in p or "E90: Min" in p)
        ]
        reached += ["photo without consent"] if name.endswith("no consent") and printed else []
        reached += ["U+202E"] if "\u202e" in text else []
    reached += [f"{len(heard)} web request"] if heard else []
    reached += ["TRACEBACK"] if "Traceback" in said else []
    return {
        "case": name,
        "exit": code,
        "seconds": seconds,
        "peak": peak,
        "pack": "yes" if packs else "no",
        "reached": ", ".join(reached) or "nothing",
    }


def main(chosen: list[str]) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    web = f"http://127.0.0.1:{server.server_address[1]}/"
    print("| case | exit | time | peak memory | pack | what reached the pack |")
    print("|---|---|---|---|---|---|")
    for name, case in CASES.items():
        if chosen and not any(c.casefold() in name.casefold() for c in chosen):
            continue
        with tempfile.TemporaryDirectory() as scratch:
            row = run_case(name, case, Path(scratch), web)
        print(
            f"| {row['case']} | {row['exit']} | {float(row['seconds']):.1f} s "  # type: ignore[arg-type]
            f"| {float(row['peak']):.0f} MiB | {row['pack']} | {row['reached']} |",  # type: ignore[arg-type]
            flush=True,
        )
    server.shutdown()
    server.server_close()
    time.sleep(0.1)


if __name__ == "__main__":
    main(sys.argv[1:])
