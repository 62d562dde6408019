"""A form export's dates, in the formats Microsoft Forms and Google Forms write, never guessed."""

from __future__ import annotations

from datetime import date

from pipeline.kit.tally import export_dates


def test_an_export_s_dates_in_the_forms_known_formats() -> None:
    assert export_dates(["2018-01-22T10:00:00", "2018/01/23 10:00:00 am GMT"]) == (
        [date(2018, 1, 22), date(2018, 1, 23)],
        "",
    )
    assert export_dates(["2/28/18 9:00", "3/2/18 10:00"]) == (
        [date(2018, 2, 28), date(2018, 3, 2)],
        "",
    )
    assert export_dates(["22/01/201 10:00"]) == ([], "")  # no year of three digits
    assert export_dates(["3/2/2018", "28/2/2018", "2/28/2018"]) == ([], "3/2/2018")  # both orders
