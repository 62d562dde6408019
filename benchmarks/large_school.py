"""A large secondary school for the benchmark, made from the sample school's workbooks:
1,000 actions, 3,000 items of evidence of which 350 are In pack (50 copies of each of the
sample's 7 evidence files: PDF, Word, Excel, slides, a PNG and two JPEG photos, with consent).

    python benchmarks/large_school.py FOLDER
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import openpyxl

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "inputs"
ACTIONS, EVIDENCE, IN_PACK_PER_TYPE = 1000, 3000, 50


def make_large(folder: Path) -> Path:
    shutil.copytree(SAMPLE, folder)
    path = folder / "actions.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Actions"]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    ws.delete_rows(2, ws.max_row)
    for number in range(1, ACTIONS + 1):
        row = list(rows[(number - 1) % len(rows)])
        row[0] = f"A{number:04d}"
        row[11] = None  # the evidence column names refs of the sample
        ws.append(row)
    wb.save(path)

    evidence = folder / "evidence"
    kinds = sorted(p for p in evidence.iterdir() if p.is_file())
    path = folder / "evidence.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Evidence"]
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    kept = [r for r in rows if r[6] == "No"]
    ws.delete_rows(2, ws.max_row)
    number = 0
    for kind in kinds:  # 50 In-pack items of each type, each its own file
        template = next(r for r in rows if r[5] == kind.name)
        for copy in range(IN_PACK_PER_TYPE):
            number += 1
            name = f"E{number:04d}{kind.suffix}"
            shutil.copyfile(kind, evidence / name)
            row = list(template)
            row[0], row[1], row[5] = f"E{number:04d}", f"{template[1]} ({copy + 1})", name
            if row[3] == "Photo":
                row[7] = "Yes"
            ws.append(row)
    while number < EVIDENCE:
        number += 1
        row = list(kept[number % len(kept)])
        row[0] = f"E{number:04d}"
        ws.append(row)
    wb.save(path)
    for kind in kinds:
        kind.unlink()
    return folder


if __name__ == "__main__":
    print(make_large(Path(sys.argv[1])))
