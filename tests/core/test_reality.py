"""The reality check on in-memory surveys: the coordinator's rating beside each group's share
positive, Don't know never counted against, n as people, nothing said under the minimum."""

from __future__ import annotations

from pipeline.records import Level
from pipeline.summarise.ratings import summarise_ratings
from pipeline.summarise.surveys import reality_check, summarise_surveys
from tests.core.factories import calendar, framework, rating, surveys

TERMS = calendar("2017-18 Term 1")
TERM = TERMS.terms[0]


def check(level: Level, answers: dict[str, dict[str, int]], minimum: int = 10):
    summary = summarise_ratings(framework(1), [rating(TERM, "1.1", level)], TERM, TERMS)
    results = summarise_surveys(surveys("Parents", answers, {"1": "1.1", "2": "1.1"}), minimum)
    (only,) = reality_check(results, summary, 60.0, 85.0, minimum)
    return only


def test_fully_achieved_is_challenged_when_a_group_is_under_the_low_mark() -> None:
    result = check(Level.FULLY, {"1": {"Agree": 5, "Disagree": 7}})
    assert result.flag == "Challenged: Parents 42% (12 people) on Parents survey Q1, under 60%"


def test_dont_know_is_never_negative() -> None:
    # 9 of 12 agree, 20 don't know: 75 %, not 9 of 32.
    result = check(Level.FULLY, {"1": {"Agree": 9, "Disagree": 3, "Don't know": 20}})
    (parents,) = result.groups
    assert str(parents.share) == "75% (32 people)"
    assert result.flag == ""


def test_n_is_people_however_many_questions_are_pooled() -> None:
    result = check(
        Level.PARTLY, {"1": {"Agree": 10, "Disagree": 2}, "2": {"Agree": 11, "Disagree": 1}}
    )
    (parents,) = result.groups
    assert str(parents.share) == "88% (12 people, 2 questions pooled)"
    assert parents.questions == ("Parents survey Q1", "Parents survey Q2")


def test_much_more_development_is_challenged_only_when_every_group_is_over_the_high_mark() -> None:
    result = check(Level.MMDN, {"1": {"Strongly agree": 11, "Disagree": 1}})
    assert result.flag.startswith("Challenged: every group is positive — Parents 92%")
    assert check(Level.MMDN, {"1": {"Agree": 9, "Disagree": 3}}).flag == ""


def test_a_share_under_the_minimum_is_withheld_and_raises_no_flag() -> None:
    result = check(Level.FULLY, {"1": {"Agree": 1, "Disagree": 8}})
    (parents,) = result.groups
    assert parents.share.value is None
    assert str(parents.share) == "withheld (fewer than 10 people answered)"
    assert result.flag == ""
    # Nothing was compared: the page says so, never "Consistent" (#27, item 5).
    assert not result.checked
    assert result.verdict == "Not checked: too few responses"
