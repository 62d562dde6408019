"""Writing into workbooks (the Action Plan, and new copies of a school's inputs): sheets found
by name as the readers find them, headers found or added, and every value written as a value."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from pipeline.text import normalise


def find_sheet(book: Any, name: str, headers: list[str] | None = None) -> Any:
    """The sheet whose name matches ``name`` as the contract matches names; if there is none,
    a new one with ``headers`` (or None when no headers are given)."""
    for title in book.sheetnames:
        if normalise(title) == normalise(name):
            return book[title]
    if headers is None:
        return None
    ws = book.create_sheet(name)
    ws.append(headers)
    return ws


def header_columns(ws: Any, wanted: Sequence[str] = ()) -> dict[str, int]:
    """Normalised header → column number, adding any ``wanted`` header the sheet lacks."""
    found = {normalise(c.value): c.column for c in ws[1] if c.value is not None}
    for header in wanted:
        if normalise(header) not in found:
            column = ws.max_column + 1
            ws.cell(row=1, column=column, value=header)
            found[normalise(header)] = column
    return found


def put(ws: Any, row: int, column: int, value: object) -> Any:
    """Write a value as a value: text stays text even if it starts with =, + or @, and loses
    the control characters Excel cannot store."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def next_row(ws: Any) -> int:
    """The first row below the last that holds a value: where a new row goes. Not
    ``max_row + 1``: a workbook from the kit has its first 500 rows formatted and validated,
    which openpyxl counts as used, and a row added at 502 would be outside the drop-downs."""
    for row in range(ws.max_row, 1, -1):
        if any(cell.value not in (None, "") for cell in ws[row]):
            return row + 1
    return 2
