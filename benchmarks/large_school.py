"""Bigger schools for the benchmark, made from the sample school's workbooks.

- ``make_large``: a large secondary: 1,000 actions, 3,000 items of evidence of which 350 are
  In pack (50 copies of each of the sample's 7 evidence files: PDF, Word, Excel, slides, a PNG
  and two JPEG photos, with consent), and six survey rounds of each form.
- ``make_scaled(folder, 25)``: 25 × the sample: 25 times its actions, its items of evidence
  (each In-pack file 25 times, each copy its own file) and its survey rounds' comments.

    python benchmarks/large_school.py FOLDER [TIMES]
"""

from __future__ import annotations

import shutil
import sys
from datetime import timedelta
from pathlib import Path

import openpyxl

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "inputs"
ACTIONS, EVIDENCE, IN_PACK_PER_TYPE, ROUNDS = 1000, 3000, 50, 6


def make_large(folder: Path) -> Path:
    return _make(folder, ACTIONS, EVIDENCE, IN_PACK_PER_TYPE, ROUNDS)


def make_scaled(folder: Path, times: int) -> Path:
    """``times`` × the sample school."""
    actions = _rows(SAMPLE / "actions.xlsx", "Actions")
    evidence = _rows(SAMPLE / "evidence.xlsx", "Evidence")
    return _make(folder, times * len(actions), times * len(evidence), times, 2, comments=times)


def _rows(path: Path, sheet: str) -> list[list[object]]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [list(r) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]


def _make(
    folder: Path, actions: int, items: int, per_type: int, rounds: int, comments: int = 1
) -> Path:
    shutil.copytree(SAMPLE, folder)
    path = folder / "actions.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Actions"]
    rows = _rows(path, "Actions")
    ws.delete_rows(2, ws.max_row)
    for number in range(1, actions + 1):
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
    rows = _rows(path, "Evidence")
    kept = [r for r in rows if r[6] == "No"]
    ws.delete_rows(2, ws.max_row)
    number = 0
    for kind in kinds:  # per_type In-pack items of each type, each its own file
        template = next(r for r in rows if r[5] == kind.name)
        for copy in range(per_type):
            number += 1
            name = f"E{number:04d}{kind.suffix}"
            shutil.copyfile(kind, evidence / name)
            row = list(template)
            row[0], row[1], row[5] = f"E{number:04d}", f"{template[1]} ({copy + 1})", name
            if row[3] == "Photo":
                row[7] = "Yes"
            ws.append(row)
    while number < items:
        number += 1
        row = list(kept[number % len(kept)])
        row[0] = f"E{number:04d}"
        ws.append(row)
    wb.save(path)
    for kind in kinds:
        kind.unlink()
    _surveys(folder / "surveys.xlsx", rounds, comments)
    return folder


def _surveys(path: Path, rounds: int, comments: int) -> None:
    """Rounds between the sample's Baseline and Follow-up (Interim 1, 2 …: the Follow-up's
    tallies, dated a month apart), and each comment ``comments`` times."""
    wb = openpyxl.load_workbook(path)
    follow_up = [list(r) for r in wb["Rounds"].iter_rows(min_row=2, values_only=True)]
    follow_up = [r for r in follow_up if r[0] == "Follow-up"]
    tallies = [list(r) for r in wb["Tallies"].iter_rows(min_row=2, values_only=True)]
    tallies = [r for r in tallies if r[0] == "Follow-up"]
    asked = [list(r) for r in wb["Questions"].iter_rows(min_row=2, values_only=True)]
    asked = [r for r in asked if r[4] == "Follow-up"]  # questions of that round only
    for number in range(1, rounds - 1):
        name = f"Interim {number}"
        for row in asked:
            wb["Questions"].append([*row[:4], name])
        for row in follow_up:
            dated = row[2] - timedelta(days=30 * (rounds - 1 - number))  # type: ignore[operator]
            wb["Rounds"].append([name, row[1], dated, *row[3:]])
        for row in tallies:
            wb["Tallies"].append([name, *row[1:]])
    said = [list(r) for r in wb["Comments"].iter_rows(min_row=2, values_only=True) if r[0]]
    for _ in range(comments - 1):
        for row in said:
            wb["Comments"].append(row)
    wb.save(path)


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    print(make_scaled(folder, int(sys.argv[2])) if len(sys.argv) > 2 else make_large(folder))
