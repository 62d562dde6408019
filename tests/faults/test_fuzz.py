"""Fuzzing the readers: Hypothesis writes real workbooks (openpyxl) whose cells hold random
text, numbers, dates, times, booleans, blanks, formulas, markup and control characters, in any
column of any sheet of any workbook, headers included; the check never raises anything but
its own list of located problems (exit 1).

A fixed-seed set of cases runs in the suite; ``nox -s fuzz`` runs many more, at random
(``FUZZ_EXAMPLES``, ``FUZZ_RANDOM=1``)."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from pipeline.build import check
from pipeline.errors import InputProblems
from pipeline.stages import Options
from tests.conftest import SAMPLE

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
TODAY = date(2018, 3, 29)
BOOKS = sorted(p.name for p in SAMPLE.glob("*.xlsx"))

ODD = [
    "=1/0",
    '=HYPERLINK("http://example.com","x")',
    "=SUM(A1:A3)",
    "<b>bold</b> & <script>alert(1)</script>",
    "&amp; &#x0; ]]>",
    "Yes",
    "No",
    "TBC",
    "Ongoing",
    "2.4",
    "2.4, 3.1, 99.9",
    "E07",
    "A1, A1",
    "Fully achieved",
    "fully ACHIEVED ",
    "31/02/2018",
    "2/28/2018",
    "2018-13-01",
    "2017-18 Term 4",
    "1e308",
    "-1",
    "96,1",
    "0",
    " ",
    "\n",
    "\t\r\n",
    "\u200b",
    "’",
    "Łukasz ŵ 𝔸",
    "x" * 3000,
]


def legal(text: str) -> str:
    """What a cell can hold: Excel's XML refuses most control characters, as openpyxl does."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


values = st.one_of(
    st.none(),
    st.sampled_from(ODD),
    st.text(max_size=40).map(legal),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2200, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2200, 12, 31)),
    st.times(),
    st.booleans(),
)
edits = st.lists(
    st.tuples(
        st.sampled_from(BOOKS),
        st.integers(min_value=0, max_value=8),  # the sheet, by position (wrapped)
        st.integers(min_value=1, max_value=40),  # the row: 1 is the header
        st.integers(min_value=1, max_value=16),  # the column
        values,
    ),
    min_size=1,
    max_size=6,
)


@cache
def workspace() -> Path:
    """The sample's inputs, copied once: each case rewrites only the workbooks it changes."""
    folder = Path(tempfile.mkdtemp(prefix="lppa-fuzz-")) / "inputs"
    shutil.copytree(SAMPLE, folder)
    return folder


def apply(folder: Path, changes: list[tuple[str, int, int, int, Any]]) -> None:
    for name in BOOKS:  # every workbook as the sample has it, then this case's changes
        shutil.copyfile(SAMPLE / name, folder / name)
    books: dict[str, Any] = {}
    for name, sheet, row, column, value in changes:
        book = books.setdefault(name, openpyxl.load_workbook(folder / name))
        ws = book.worksheets[sheet % len(book.worksheets)]
        ws.cell(row=row, column=column).value = value
    for name, book in books.items():
        book.save(folder / name)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(changes=edits)
def test_the_check_only_ever_reports_located_problems(
    changes: list[tuple[str, int, int, int, Any]],
) -> None:
    folder = workspace()
    apply(folder, changes)
    try:
        check(Options(inputs=folder), today=TODAY)
    except InputProblems as stopped:
        assert stopped.problems
        for problem in stopped.problems:
            assert problem.ref.file, problem  # each names its workbook …
            assert problem.message.strip(), problem  # … and says what to do


def test_odd_values_are_written_as_given() -> None:
    """The cases are real: what the strategy makes is what the workbook then holds."""
    folder = workspace()
    apply(folder, [("actions.xlsx", 0, 5, 3, "<b>bold</b> & <script>alert(1)</script>")])
    ws = openpyxl.load_workbook(folder / "actions.xlsx").worksheets[0]
    assert ws.cell(row=5, column=3).value == "<b>bold</b> & <script>alert(1)</script>"
