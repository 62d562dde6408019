"""The self-evaluation's arithmetic on in-memory records: baseline, current, movement, and
what the coordinator is told about KPIs not re-rated."""

from __future__ import annotations

from pipeline.errors import Findings
from pipeline.records import Level
from pipeline.summarise.checks import check_ratings
from pipeline.summarise.ratings import summarise_ratings
from tests.core.factories import calendar, framework, rating

TERMS = calendar("2016-17 Term 1", "2017-18 Term 1", "2017-18 Term 2")
FIRST, SECOND, THIRD = TERMS.terms


def summary(ratings, term=SECOND, kpis=(2,)):
    """The summary, and what the checks say about it."""
    findings = Findings()
    result = summarise_ratings(framework(*kpis), ratings, term, TERMS)
    check_ratings(result, findings)
    return result, findings


def test_the_baseline_is_the_earliest_term_rated_and_movement_follows_the_ladder() -> None:
    result, findings = summary(
        [
            rating(FIRST, "1.1", Level.MMDN),
            rating(SECOND, "1.1", Level.FULLY),
            rating(FIRST, "1.2", Level.FULLY),
            rating(SECOND, "1.2", Level.PARTLY),
        ]
    )
    assert result.baseline_term == FIRST
    assert [(k.kpi.id, k.movement) for k in result.kpis] == [
        ("1.1", "Improved"),
        ("1.2", "Declined"),
    ]
    assert result.objectives[0].improved == 1
    assert not findings.warnings


def test_a_kpi_first_rated_later_is_new_since_baseline_and_one_never_rated_is_said() -> None:
    result, findings = summary(
        [rating(FIRST, "1.1", Level.PARTLY), rating(SECOND, "1.2", Level.PARTLY)]
    )
    assert [k.movement for k in result.kpis] == ["No change", "New since baseline"]
    # 1.1 kept its first rating: the coordinator is asked to re-rate it.
    assert [str(w) for w in findings.warnings] == [
        "ratings.xlsx, sheet Ratings, row 2, column Rating: KPI 1.1 was not re-rated for "
        "2017-18 Term 1; it keeps its 2016-17 Term 1 rating (Partly achieved). Add a row for "
        "2017-18 Term 1 if the rating has been reviewed."
    ]
    none, findings = summary([], kpis=(1,))
    assert none.kpis[0].movement == "Not rated" and none.baseline_term is None
    assert "KPI 1.1 has no rating in ratings.xlsx up to 2017-18 Term 1" in str(findings.warnings[0])


def test_ratings_after_the_term_built_are_left_out_and_counted() -> None:
    result, findings = summary(
        [rating(FIRST, "1.1", Level.MMDN), rating(THIRD, "1.1", Level.FULLY)], kpis=(1,)
    )
    assert result.kpis[0].current is not None and result.kpis[0].current.level is Level.MMDN
    assert findings.notes == [
        "1 rating(s) for terms after 2017-18 Term 1 were left out: this pack is built for "
        "2017-18 Term 1."
    ]


def test_a_rating_carried_forward_unreviewed_is_a_warning() -> None:
    _, findings = summary(
        [rating(FIRST, "1.1", Level.PARTLY), rating(SECOND, "1.1", Level.PARTLY, carried=True)],
        kpis=(1,),
    )
    assert [w.group.short for w in findings.warnings] == ["self-evaluation"]
    assert "carried forward from 2016-17 Term 1" in findings.warnings[0].message


def test_counts_by_level_include_the_unrated() -> None:
    result, _ = summary([rating(SECOND, "1.1", Level.FULLY)], kpis=(3,))
    assert result.by_level() == {Level.FULLY: 1, None: 2}
    assert result.objectives[0].count(None) == 2
