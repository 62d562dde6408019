"""The front matter's content and the portfolio index's rows, from the real inputs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline.build import check
from pipeline.documents.front_matter import front_matter_context
from pipeline.documents.portfolio import portfolio_context
from pipeline.stages import Checked, Options
from pipeline.summarise.glance import Glance, at_a_glance
from pipeline.summarise.visit import interim_follow_up, timeline
from tests.conftest import SAMPLE, edit

TODAY = date(2026, 11, 23)


def context(result: Checked, inputs: Path = SAMPLE) -> dict[str, object]:
    return front_matter_context(
        result.school,
        inputs,
        result.term,
        result.as_of,
        result.summary,
        timeline(result.school, result.summary, result.as_of),
        interim_follow_up(result.school, result.ratings, result.summary, result.actions),
        glance_of(result),
    )


def glance_of(result: Checked, in_appendix: int = 6) -> Glance:
    return at_a_glance(
        result.summary,
        result.evidence,
        result.actions,
        result.as_of,
        result.survey_results,
        result.reality,
        result.school.settings.minimum_answers,
        in_appendix,
    )


def test_at_a_glance_counts_what_the_build_counts() -> None:
    result = check(Options(inputs=SAMPLE), today=TODAY)
    glance = glance_of(result)
    assert glance.kpis == len(result.summary.kpis) == 34
    assert glance.by_level == (21, 12, 1)
    assert (glance.with_evidence, glance.kpis) == result.coverage
    assert glance.overdue == tuple(a.ref for a in result.overdue)
    assert sum(glance.actions.values()) == len(result.actions)
    assert glance.challenged == tuple(c.kpi for c in result.reality if c.flag) == ("4.2",)
    # n is people: each form's latest round's returns, never the answers pooled.
    for line, results in zip(glance.surveys, result.survey_results, strict=True):
        assert line.share.people == results.rounds[-1].round.returned
        assert line.share.answers > line.share.people


def test_the_timeline_says_planned_or_done_against_the_as_of_date() -> None:
    result = check(Options(inputs=SAMPLE, as_of=date(2018, 3, 1)), today=TODAY)
    rows = {t["name"]: (t["when"], t["state"]) for t in context(result)["timeline"]}  # type: ignore[attr-defined,index]
    assert rows == {
        "Registration": ("10 January 2017", "done"),
        "Baseline self-evaluation": ("2016-17 Term 3", "done"),
        "Interim visit": ("12 October 2017", "done"),
        "Verification visit": ("25 April 2018", "planned"),
        "Re-verification due": ("25 April 2021 (three years after verification)", "planned"),
    }


def test_the_interim_follow_up_lists_kpis_below_fully_achieved_then() -> None:
    result = check(Options(inputs=SAMPLE), today=TODAY)
    items = {
        f.kpi: f
        for f in interim_follow_up(result.school, result.ratings, result.summary, result.actions)
    }
    assert "1.1" not in items  # Fully achieved at the interim visit
    assert items["3.4"].then.term.label == "2017-18 Term 1"
    assert [a.ref for a in items["3.4"].actions] == ["A11"]
    assert items["3.4"].now is not None and items["3.4"].now.level.value == "Partly achieved"


def test_without_a_visit_plan_a_standard_one_is_offered(inputs: Path) -> None:
    edit(inputs, "school.xlsx", lambda wb: wb.remove(wb["Verification day"]))
    result = check(Options(inputs=inputs), today=TODAY)
    made = context(result, inputs)
    assert [s["session"] for s in made["plan"]][:2] == [  # type: ignore[index]
        "Welcome and the coordinator's presentation",
        "Examination of the portfolio of evidence",
    ]
    # Words for the verifier; the coordinator is told where to fill the plan in the report.
    assert str(made["plan_note"]).startswith("A standard plan, to be confirmed with the school")
    assert "school.xlsx" not in str(made["plan_note"])
    assert any("Verification day sheet of school.xlsx" in n for n in result.findings.notes)


def test_the_portfolio_index_lists_an_item_under_each_kpi_it_supports() -> None:
    result = check(Options(inputs=SAMPLE), today=TODAY)
    made = portfolio_context(
        result.school, result.framework, result.evidence, result.term, {"E07"}, {"E07": 41}
    )
    kpis = {
        k["heading"].split(":")[0]: k["entries"]
        for o in made["objectives"]  # type: ignore[attr-defined]
        for k in o["kpis"]
    }
    assert [e["ref"] for e in kpis["KPI 4.2"]] == ["E07", "E09"]
    assert [e["ref"] for e in kpis["KPI 6.2"]] == ["E07"]
    assert kpis["KPI 6.2"][0]["where"] == "Appendix, page A41"
    assert kpis["KPI 8.1"] == []
    web = next(e for e in kpis["KPI 3.5"] if e["ref"] == "E06")
    assert web["where"] == "https://www.meadowbank.example.sch.uk/you-said-we-did"
