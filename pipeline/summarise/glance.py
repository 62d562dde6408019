"""The pack "at a glance": where the school stands, in the figures the later pages print.

A verifier opens the pack at its first page of content and should see, before any detail, the
ratings by objective with the evidence behind them, the actions' states, each group's survey
headline with n as people, and what the reality check found. Every figure here is taken from
the same summaries the later pages are made from, never counted again another way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pipeline.records import Action, Evidence, Level
from pipeline.summarise.actions import STATES, state_of
from pipeline.summarise.checks import supported_kpis
from pipeline.summarise.ratings import RatingSummary
from pipeline.summarise.surveys import FormResults, Pooled, RealityCheck, percent

LEVELS = (Level.FULLY, Level.PARTLY, Level.MMDN)


@dataclass(frozen=True)
class ObjectiveLine:
    """One objective: its KPIs' current ratings, how many improved, how many have evidence."""

    number: int
    title: str
    kpis: int
    by_level: tuple[int, ...]  # in LEVELS order
    not_rated: int
    improved: int
    with_evidence: int


@dataclass(frozen=True)
class SurveyLine:
    """A form's latest round: forms returned, and its questions' answers pooled (n: people)."""

    form: str
    group: str
    round: str
    day: date | None
    issued: int | None
    returned: int
    share: Pooled


@dataclass(frozen=True)
class Glance:
    objectives: tuple[ObjectiveLine, ...]
    baseline: tuple[int, ...] | None  # the KPIs' baseline ratings, in LEVELS order
    evidence_items: int
    in_appendix: int  # In-pack items the appendix prints (consent given, the file found)
    actions: dict[str, int]  # by state, in the Action Plan's words (STATES)
    overdue: tuple[str, ...]  # refs
    surveys: tuple[SurveyLine, ...]
    checked: int  # KPIs the reality check could test (a share shown for some group)
    unchecked: int  # KPIs it lists that it could not (every group's share withheld)
    challenged: tuple[str, ...]  # KPIs whose rating the surveys challenge

    @property
    def kpis(self) -> int:
        return sum(o.kpis for o in self.objectives)

    @property
    def by_level(self) -> tuple[int, ...]:
        return tuple(sum(o.by_level[i] for o in self.objectives) for i in range(len(LEVELS)))

    @property
    def with_evidence(self) -> int:
        return sum(o.with_evidence for o in self.objectives)


def _pooled(results: FormResults, minimum: int) -> Pooled:
    latest = results.rounds[-1]
    shares = [q.share for q in latest.questions]
    return Pooled(
        sum(s.positive for s in shares),
        sum(s.n for s in shares),
        latest.round.returned,
        len(shares),
        max((s.n for s in shares), default=0),
        minimum,
    )


def at_a_glance(
    summary: RatingSummary,
    evidence: list[Evidence],
    actions: list[Action],
    as_of: date,
    survey_results: tuple[FormResults, ...],
    reality: tuple[RealityCheck, ...],
    minimum: int,
    in_appendix: int,
) -> Glance:
    supported = supported_kpis(evidence)
    objectives = tuple(
        ObjectiveLine(
            o.objective.number,
            o.objective.title,
            len(o.kpis),
            tuple(o.count(level) for level in LEVELS),
            o.count(None),
            o.improved,
            sum(1 for k in o.kpis if k.kpi.id in supported),
        )
        for o in summary.objectives
    )
    baseline = None
    if summary.baseline_term is not None:
        levels = [k.baseline.level for k in summary.kpis if k.baseline is not None]
        baseline = tuple(levels.count(level) for level in LEVELS)
    states = [state_of(a, as_of) for a in actions]
    return Glance(
        objectives,
        baseline,
        len(evidence),
        in_appendix,
        {state: states.count(state) for state in STATES},
        tuple(a.ref for a, s in zip(actions, states, strict=True) if s == "Overdue"),
        tuple(
            SurveyLine(
                r.form.name,
                r.form.group_name,
                r.rounds[-1].round.name,
                r.rounds[-1].round.day,
                r.rounds[-1].round.issued,
                r.rounds[-1].round.returned,
                _pooled(r, minimum),
            )
            for r in survey_results
            if r.rounds
        ),
        sum(1 for c in reality if c.checked),
        sum(1 for c in reality if not c.checked),
        tuple(c.kpi for c in reality if c.flag),
    )


def survey_headline(line: SurveyLine) -> str:
    """ "Parents, Follow-up round (22/01/2018): 121 of 214 forms returned (57%); 82% of answers
    positive (121 people, 6 questions pooled)"."""
    when = f" ({line.day:%d/%m/%Y})" if line.day else ""
    if line.issued:
        returned = (
            f"{line.returned} of {line.issued} forms returned "
            f"({percent(line.returned / line.issued)})"
        )
    else:
        returned = f"{line.returned} forms returned"
    share = line.share
    if share.value is None:
        return f"{line.group}, {line.round} round{when}: {returned}; positive share {share}"
    pooled = f", {share.questions} questions pooled" if share.questions > 1 else ""
    return (
        f"{line.group}, {line.round} round{when}: {returned}; {percent(share.value)} of "
        f"answers positive ({share.people} people{pooled})"
    )
