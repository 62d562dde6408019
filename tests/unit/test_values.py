"""Reading single cells: dates, term labels, Yes/No, numbers, KPI numbers and ratings."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import CellRef
from pipeline.read.cells import Cell
from pipeline.read.values import (
    Unreadable,
    read_date,
    read_date_text,
    read_kpi_ids,
    read_level,
    read_number,
    read_when,
    read_whole,
    read_yes_no,
    split_list,
)
from pipeline.records import Calendar, Level, Term, slugify, term_key
from pipeline.text import normalise

REF = CellRef("actions.xlsx", "Actions", 14, "Due")


def cell(value: object, number_format: str = "General") -> Cell:
    return Cell(value, number_format, REF)


CALENDAR = Calendar(
    (
        Term("2017-18 Term 1", date(2017, 9, 5), date(2017, 10, 21), REF),
        Term("2017-18 Term 2", date(2017, 10, 31), date(2017, 12, 20), REF),
    )
)


@pytest.mark.parametrize(
    "typed",
    [
        "31/10/2017",
        "31/10/17",
        "31.10.2017",
        "31 Oct 2017",
        "31 October 2017",
        "2017-10-31",
        " 31/10/2017 ",
        "31st October 2017",
        "31-10-2017",
        "31-Oct-2017",
        "31-Oct-17",
        "31 Oct 17",
        "31/Oct/2017",
        "31 Oct. 2017",
    ],
)
def test_every_accepted_way_of_typing_a_date(typed: str) -> None:
    assert read_date(cell(typed)) == date(2017, 10, 31)


def test_a_real_date_cell_is_a_date() -> None:
    assert read_date(cell(datetime(2017, 10, 31))) == date(2017, 10, 31)


def test_month_first_is_an_error_not_a_guess() -> None:
    with pytest.raises(Unreadable) as problem:
        read_date(cell("10/31/2017"))
    assert str(problem.value) == (
        '"10/31/2017" looks like month/day/year. Dates are read day first (UK): write 31/10/2017.'
    )


def test_an_impossible_date_says_why_and_how_to_fix_it() -> None:
    with pytest.raises(Unreadable) as problem:
        read_date(cell("31/02/2018"), CALENDAR)
    assert str(problem.value) == (
        '"31/02/2018" is not a date: there is no day 31 in February 2018. Use a date cell or '
        "day/month/year, e.g. 28/02/2018, or a term label from school.xlsx such as "
        '"2017-18 Term 2".'
    )


def test_a_number_in_a_date_column_is_not_guessed() -> None:
    with pytest.raises(Unreadable, match='"43000" is a number, not a date'):
        read_date(cell(43000))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_written_day_first_read_back_the_same(day: date) -> None:
    for text in (
        f"{day:%d/%m/%Y}",
        f"{day:%d.%m.%Y}",
        f"{day:%d %B %Y}",
        f"{day:%d-%b-%Y}",
        day.isoformat(),
    ):
        assert read_date_text(text) == day
    if day.year < 2030:  # two-digit years as Excel reads them
        assert read_date_text(f"{day:%d/%m/%y}") == read_date_text(f"{day:%d %b %y}") == day


def test_a_two_digit_year_is_read_as_excel_reads_it() -> None:
    assert read_date_text("31/10/17") == date(2017, 10, 31)
    assert read_date_text("31/10/29") == date(2029, 10, 31)
    assert read_date_text("31/10/99") == date(1999, 10, 31)  # never 2099


def test_a_term_label_stands_for_its_last_day_or_in_start_its_first() -> None:
    assert read_when(cell("2017–18 term 1"), CALENDAR) == date(2017, 10, 21)
    assert read_when(cell("2017/18  Term 1"), CALENDAR, start=True) == date(2017, 9, 5)


def test_a_date_in_a_holiday_belongs_to_the_term_that_last_began() -> None:
    assert CALENDAR.term_of(date(2017, 10, 25)).label == "2017-18 Term 1"
    assert CALENDAR.term_of(date(2017, 9, 1)) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Yes", True),
        ("y", True),
        ("TRUE", True),
        ("✓", True),
        (True, True),
        ("No", False),
        ("n", False),
        ("false", False),
        (None, False),
        ("  ", False),
    ],
)
def test_yes_and_no(typed: object, expected: bool) -> None:
    assert read_yes_no(cell(typed)) is expected


def test_anything_else_is_not_yes_or_no() -> None:
    with pytest.raises(Unreadable) as problem:
        read_yes_no(cell("maybe"))
    assert str(problem.value) == '"maybe" is not Yes or No. Type Yes or No (Y, N, True, False, ✓).'


def test_a_percentage_cell_reads_as_the_percentage_shown() -> None:
    assert read_number(cell(0.961, "0.0%")) == pytest.approx(96.1)
    assert read_number(cell(96.1)) == 96.1
    assert read_number(cell("96.1%")) == 96.1
    assert read_number(cell("1,250")) == 1250  # commas between groups of three: thousands
    assert read_number(cell("12,345,678.5")) == 12345678.5


@pytest.mark.parametrize("typed", ["96,1", "96,10", "1,5%", "1,2345"])
def test_a_decimal_comma_is_never_read_as_thousands(typed: str) -> None:
    with pytest.raises(Unreadable) as refused:
        read_number(cell(typed))
    assert refused.value.args[0] == (
        f'"{typed}" is not a number as the pack writes them: a comma only separates thousands '
        "(1,250). Type a decimal point, e.g. 96.1."
    )


def test_whole_numbers_typed_as_text() -> None:
    assert read_whole(cell("12")) == 12
    assert read_whole(cell(12.0)) == 12
    with pytest.raises(Unreadable, match=r'"12\.5" is not a whole number'):
        read_whole(cell(12.5))
    with pytest.raises(Unreadable):
        read_whole(cell(-1))


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("3.2", "@", ["3.2"]),
        ("KPI 3.2", "@", ["3.2"]),
        ("kpi3.10", "@", ["3.10"]),
        (3.2, "General", ["3.2"]),
        (3.1, "0.00", ["3.10"]),
        ("2.4, 3.1; 4.2\n5.1", "@", ["2.4", "3.1", "4.2", "5.1"]),
    ],
)
def test_kpi_numbers(value: object, fmt: str, expected: list[str]) -> None:
    assert read_kpi_ids(cell(value, fmt)) == expected


def test_a_kpi_stored_as_a_number_that_could_be_two_kpis_is_an_error() -> None:
    with pytest.raises(Unreadable) as problem:
        read_kpi_ids(cell(3.1), frozenset({"3.1", "3.10"}))
    assert str(problem.value) == (
        '"3.1" is stored by Excel as a number, so it could be KPI 3.1 or KPI 3.10. Format the '
        "column as Text and type the KPI again."
    )


def test_something_that_is_not_a_kpi() -> None:
    with pytest.raises(Unreadable) as problem:
        read_kpi_ids(cell("3.2, three"))
    assert str(problem.value) == (
        '"three" is not a KPI number. Type KPIs as objective.KPI, e.g. 2.4, and separate several '
        "with commas."
    )


@pytest.mark.parametrize(
    ("typed", "level"),
    [
        ("Fully achieved", Level.FULLY),
        ("fully  ACHIEVED ", Level.FULLY),
        ("FA", Level.FULLY),
        ("pa", Level.PARTLY),
        ("Much more development needed", Level.MMDN),
        ("MMDN", Level.MMDN),
    ],
)
def test_rating_words(typed: str, level: Level) -> None:
    assert read_level(cell(typed)) is level


def test_lists_split_on_commas_semicolons_and_line_breaks() -> None:
    assert split_list("E01, E02;E03\nE04 ,") == ["E01", "E02", "E03", "E04"]


def test_names_match_ignoring_case_and_spaces() -> None:
    assert normalise("  Monitored   BY ") == "monitored by"
    assert term_key("2017–18  Term 2") == term_key("2017/18 term 2") == term_key("2017-18 Term 2")
    assert slugify("2017-18 Term 2") == "2017-18-term-2"
    assert slugify("St Mary's C of E Primary") == "st-mary-s-c-of-e-primary"


def test_names_with_accents_and_other_scripts_make_safe_distinct_slugs() -> None:
    assert slugify("École Sainte-Anne") == "ecole-sainte-anne"  # not "cole-sainte-anne"
    assert slugify("Ysgol Gymraeg Dafydd ap Rhys ŵ") == "ysgol-gymraeg-dafydd-ap-rhys-w"
    assert slugify("") == "untitled"
    other = slugify("Школа 1"), slugify("學校"), slugify("學院")
    assert other[0] == "1"
    assert other[1].startswith("untitled-") and other[1] != other[2]
    assert slugify("學校") == other[1]  # the same name, the same folder, every build


term_labels = st.builds(
    lambda year, number: f"{year}-{(year + 1) % 100:02d} Term {number}",
    st.integers(2000, 2090),
    st.integers(1, 6),
)


@given(term_labels, st.sampled_from(["-", "–", "/"]), st.booleans(), st.sampled_from(["", " "]))
def test_term_labels_match_however_they_are_typed(
    label: str, dash: str, upper: bool, space: str
) -> None:
    calendar = Calendar((Term(label, date(2017, 1, 1), date(2017, 2, 1), REF),))
    typed = label.replace("-", dash).replace(" Term", f"{space} Term")
    typed = typed.upper() if upper else typed.lower()
    found = calendar.find(f" {typed} ")
    assert found is not None and found.label == label


refs = st.from_regex(r"[A-Z][0-9]{1,3}", fullmatch=True)


@given(st.lists(refs, min_size=1, max_size=8), st.sampled_from([",", ";", "\n", ", ", " ; "]))
def test_lists_round_trip_whatever_the_separator(items: list[str], separator: str) -> None:
    assert split_list(separator.join(items)) == items


@given(st.integers(1, 12), st.integers(1, 20), st.sampled_from(["", "KPI ", "kpi", "KPI  "]))
def test_kpi_numbers_round_trip_as_text(objective: int, kpi: int, prefix: str) -> None:
    assert read_kpi_ids(cell(f"{prefix}{objective}.{kpi}", "@")) == [f"{objective}.{kpi}"]


@given(st.integers(1, 12), st.integers(10, 99))
def test_kpi_numbers_stored_as_numbers_read_as_a_two_place_format_shows_them(
    objective: int, kpi: int
) -> None:
    assert read_kpi_ids(cell(float(f"{objective}.{kpi}"), "0.00")) == [f"{objective}.{kpi}"]


def test_a_decimal_comma_in_a_kpi_number_is_pointed_out() -> None:
    with pytest.raises(Unreadable) as problem:
        read_kpi_ids(cell("2,9"))
    assert str(problem.value) == (
        '"2,9" has a comma where a KPI number has a full stop. Type 2.9 for that KPI; separate '
        "several KPIs with commas, e.g. 2.4, 3.1."
    )


def test_duplex_on_the_command_line_overrides_the_school_setting() -> None:
    from pipeline.cli import options_from, parser

    assert options_from(parser().parse_args(["build"])).duplex is None  # the setting decides
    assert options_from(parser().parse_args(["build", "--duplex"])).duplex is True
    assert options_from(parser().parse_args(["build", "--no-duplex"])).duplex is False
