"""Every date the pack prints in words comes from one formatter, the same on every system."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pipeline.dates import long_date

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"


def test_a_single_digit_day_has_no_leading_zero() -> None:
    assert long_date(date(2018, 3, 5)) == "5 March 2018"
    assert long_date(date(2017, 10, 31)) == "31 October 2017"


def test_every_month_is_named_in_english() -> None:
    names = [long_date(date(2018, month, 1)).split()[1] for month in range(1, 13)]
    assert names == [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]  # fmt: skip


def test_no_platform_only_strftime_flag_anywhere_in_the_package() -> None:
    """%-d (glibc, macOS) and %#d (Windows) each fail, or print the flag, on the other."""
    flagged = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"%[-#_^0][a-zA-Z]", line)
    ]
    assert flagged == []
