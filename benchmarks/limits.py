"""A school at the limits the build accepts (pipeline/limits.py), and past them: the build's
time and peak memory for each (target: under 1 GB for anything the limits admit; a workbook
past them refused in seconds).

    python benchmarks/limits.py

- At the limits: 5,000 actions, 5,000 items of evidence (350 In pack: 50 of each of the
  sample's files), an evidence PDF of 100 MB and a photo of 120 million pixels, built whole.
- Past them: an evidence workbook of 3,000,000 rows, and one of 5.8 MB that unpacks to 6 GB:
  `check` on each, which must stop with a located error.

Peak memory is read with the `resource` module (Linux and macOS), the build's process and its
largest LibreOffice child apart.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_times import PROJECT, measure
from large_school import _make

from pipeline.limits import MAX_EVIDENCE_MB, MAX_PIXELS, MAX_ROWS


def big_pdf(path: Path, megabytes: int) -> None:
    """A PDF of about ``megabytes`` MB as a scanner makes one: a page of about 1 MB each, its
    picture noise, which does not compress."""
    import io
    import os

    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    side = int((2**20 / 3) ** 0.5)
    canvas = Canvas(str(path), pagesize=A4)
    for page in range(megabytes):
        noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
        buffer = io.BytesIO()
        noise.save(buffer, "PNG")
        buffer.seek(0)
        canvas.drawImage(ImageReader(buffer), 36, 200, 520, 520)
        canvas.drawString(36, 780, f"A large scanned document, page {page + 1}")
        canvas.showPage()
    canvas.save()


def big_photo(path: Path, pixels: int) -> None:
    from PIL import Image, ImageDraw

    width = int((pixels * 4 / 3) ** 0.5)
    height = pixels // width
    image = Image.new("RGB", (width, height), (90, 140, 200))
    ImageDraw.Draw(image).ellipse((width // 4, height // 4, width // 2, height // 2), "orange")
    image.save(path, "PNG")


def at_limits(folder: Path) -> Path:
    import openpyxl

    _make(folder, MAX_ROWS, MAX_ROWS, 50, 6)
    evidence = folder / "evidence"
    big_pdf(evidence / "binder.pdf", MAX_EVIDENCE_MB - 5)
    big_photo(evidence / "whole-school.png", MAX_PIXELS - 1_000_000)
    book = openpyxl.load_workbook(folder / "evidence.xlsx")
    ws = book["Evidence"]
    ws.delete_rows(ws.max_row - 1, 2)  # room for the two, within the limit
    ws.append(["E9001", "Scanned binder", "2.1", "Document", None, "binder.pdf", "Yes", None])
    ws.append(["E9002", "Whole school", "3.1", "Photo", None, "whole-school.png", "Yes", "Yes"])
    book.save(folder / "evidence.xlsx")
    return folder


def many_rows(path: Path, rows: int) -> None:
    """evidence.xlsx of ``rows`` rows, written as XML straight into the zip (openpyxl would take
    minutes to write it)."""
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c></row>'
    body = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>E{n}</t></is></c></row>'
        for n in range(2, rows + 2)
    )
    _workbook(path, header + body)


def bomb(path: Path, megabytes: int) -> None:
    """A workbook whose one cell's text unpacks to ``megabytes`` MB (written a megabyte at a
    time: it never is in memory)."""
    _workbook(path, "")
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z,
        z.open("xl/worksheets/sheet2.xml", "w", force_zip64=True) as sheet,
    ):
        sheet.write(b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>')
        for _ in range(megabytes):
            sheet.write(b"A" * 2**20)
        sheet.write(b"</t></is></c></row></sheetData></worksheet>")


def _workbook(path: Path, rows: str) -> None:
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application'
            '/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
            'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook {ns} xmlns:r="{rel}"><sheets><sheet name="Evidence" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0"?><worksheet {ns}><sheetData>{rows}</sheetData></worksheet>',
        )


def check_once(inputs: Path) -> tuple[int, float, float, str]:
    """`check` in a process of its own: exit status, seconds, peak MiB, its last line."""
    script = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "done = subprocess.run([sys.executable, '-m', 'pipeline', 'check', '--inputs', "
        f"{str(inputs)!r}], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps([done.returncode, time.perf_counter() - t, peak, "
        "(done.stdout + done.stderr).strip()]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT, check=True
    )
    code, seconds, peak, said = json.loads(done.stdout)
    located = next((line for line in said.splitlines() if "evidence.xlsx" in line), said[-200:])
    return code, seconds, peak, located.strip()


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        started = time.perf_counter()
        inputs = root / "at-limits"
        # Made in a process of its own: a child's peak memory starts from its parent's.
        subprocess.run([sys.executable, __file__, "--make", str(inputs)], check=True)
        print(f"School at the limits made in {time.perf_counter() - started:.0f} s")
        run = measure(inputs, root / "out")
        print(
            f"At the limits: built in {float(run['total']):.0f} s; peak memory: build "  # type: ignore[arg-type]
            f"{float(run['self_mib']):.0f} MiB, LibreOffice {float(run['child_mib']):.0f} MiB"  # type: ignore[arg-type]
        )
        for name, kind in (("3,000,000 rows", "rows"), ("6 GB unpacked", "bomb")):
            past = root / name.replace(" ", "-").replace(",", "")
            shutil.copytree(PROJECT / "inputs", past)
            subprocess.run([sys.executable, __file__, f"--{kind}", str(past)], check=True)
            size = (past / "evidence.xlsx").stat().st_size / 2**20
            code, seconds, peak, said = check_once(past)
            print(
                f"Past the limits, {name} ({size:.1f} MB): check exit {code} in {seconds:.1f} s, "
                f"peak {peak:.0f} MiB\n  {said}"
            )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--make":
        at_limits(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--rows":
        many_rows(Path(sys.argv[2]) / "evidence.xlsx", 3_000_000)
    elif len(sys.argv) == 3 and sys.argv[1] == "--bomb":
        bomb(Path(sys.argv[2]) / "evidence.xlsx", 6 * 1024)
    else:
        main()
