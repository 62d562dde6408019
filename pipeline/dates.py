"""Dates as the pack prints them in words: "5 March 2018".

One formatter for every printed date, the same on every system: no platform-only strftime
flag (the minus that drops a leading zero is refused by Windows' strftime: every build failed
there), and no locale, which could turn March into mars on a school office's PC.
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """``5 March 2018``: the day without a leading zero, the month in words, the year."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
