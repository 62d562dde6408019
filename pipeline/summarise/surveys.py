"""Survey results: positive shares with their n, baseline against latest, and the reality check
of the coordinator's ratings against what staff, parents and pupils say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from pipeline.records import Form, Level, Question, SurveyRound, Surveys, Tally
from pipeline.summarise.ratings import RatingSummary


def whole_percent(share: float) -> int:
    """A share (0–1) as the whole percentage printed for it, rounded half up: 0.596 → 60."""
    return int((Decimal(str(share)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def percent(share: float) -> str:
    """A share (0–1) printed as a whole percentage, rounded half up: 0.596 → "60%"."""
    return f"{whole_percent(share)}%"


def points(baseline: float, latest: float) -> int:
    """The change from one share to another in percentage points, as the reader works it out
    from the two percentages printed beside it (46% to 44% is down 2 points, although 45.6%
    to 44.2% is 1.4)."""
    return whole_percent(latest) - whole_percent(baseline)


@dataclass(frozen=True)
class Share:
    """Positive answers over answers other than Don't know; withheld under the minimum."""

    positive: int
    n: int
    minimum: int

    @property
    def withheld(self) -> bool:
        return self.n < self.minimum

    @property
    def value(self) -> float | None:
        """Unrounded, for comparisons; None when withheld."""
        return None if self.withheld or self.n == 0 else self.positive / self.n

    def __str__(self) -> str:
        if self.value is None:
            return f"withheld (fewer than {self.minimum} answers)"
        return f"{percent(self.value)} (n={self.n})"


def share_of(form: Form, counts: tuple[tuple[str, int], ...], minimum: int) -> Share:
    positive = sum(c for a, c in counts if a in form.positive)
    n = sum(c for a, c in counts if not form.is_dont_know(a))
    return Share(positive, n, minimum)


@dataclass(frozen=True)
class Pooled:
    """Answers pooled across questions for one group: the share is positive answers over
    answers other than Don't know, but n is people — the forms the group returned, never the
    answers, which count a person once per question. Withheld when fewer people than the
    minimum returned forms, or are known to have given a view other than Don't know."""

    positive: int
    answers: int
    people: int  # forms returned: each form's latest round, added over the group's forms
    questions: int
    # The fewest people certain to have given a view other than Don't know: on each form, its
    # pooled question with the most such answers, added over the group's forms (one person
    # answers one form, but may answer every question of it).
    most: int
    minimum: int

    @property
    def withheld(self) -> bool:
        return self.people < self.minimum or self.most < self.minimum

    @property
    def value(self) -> float | None:
        return None if self.withheld or self.answers == 0 else self.positive / self.answers

    def __str__(self) -> str:
        pooled = f", {self.questions} questions pooled" if self.questions > 1 else ""
        if self.value is None:
            return f"withheld (fewer than {self.minimum} people answered)"
        return f"{percent(self.value)} ({self.people} people{pooled})"


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    counts: tuple[tuple[str, int], ...]
    share: Share
    blank: frozenset[str] = frozenset()  # answers left blank: not offered, if blank for all


@dataclass(frozen=True)
class RoundResult:
    form: Form
    round: SurveyRound
    questions: tuple[QuestionResult, ...]

    @property
    def offered(self) -> tuple[str, ...]:
        """The answers this round offered: an answer left blank for every question was not on
        the form (a pupil form with no Strongly columns), so it is not printed as 0."""
        return tuple(a for a in self.form.answers if any(a not in q.blank for q in self.questions))

    @property
    def response_rate(self) -> float | None:
        issued = self.round.issued
        return self.round.returned / issued if issued else None


@dataclass(frozen=True)
class Change:
    question: Question
    baseline: Share
    latest: Share

    @property
    def words(self) -> str:
        if self.baseline.value is None or self.latest.value is None:
            return "not compared: a share is withheld"
        change = points(self.baseline.value, self.latest.value)
        if change > 0:
            return f"up {change} point{'s' if change != 1 else ''}"
        if change < 0:
            return f"down {-change} point{'s' if change != -1 else ''}"
        return "no change"


@dataclass(frozen=True)
class FormResults:
    form: Form
    rounds: tuple[RoundResult, ...]  # in date order; the first is the baseline
    changes: tuple[Change, ...]  # baseline against latest, questions asked in both

    @property
    def offered(self) -> tuple[str, ...]:
        """The answers any round offered, in the form's order: the scale as printed. An answer
        the Forms sheet lists but no round offered is left out, like an answer it never lists."""
        return tuple(a for a in self.form.answers if any(a in r.offered for r in self.rounds))

    @property
    def offered_positive(self) -> tuple[str, ...]:
        return tuple(a for a in self.form.positive if a in self.offered)


@dataclass(frozen=True)
class GroupShare:
    group: str
    share: Pooled
    questions: tuple[str, ...]  # "Parent Q1", …


@dataclass(frozen=True)
class RealityCheck:
    kpi: str
    level: Level | None
    groups: tuple[GroupShare, ...]
    flag: str  # "" when the stakeholders' views do not challenge the rating

    @property
    def checked(self) -> bool:
        """Some group's share is shown: the rating was set beside it. Where every group's is
        withheld, nothing was compared."""
        return any(g.share.value is not None for g in self.groups)

    @property
    def verdict(self) -> str:
        if self.flag:
            return self.flag
        return "Consistent" if self.checked else "Not checked: too few responses"


def _round_order(rounds: list[SurveyRound]) -> list[SurveyRound]:
    return sorted(rounds, key=lambda r: (r.day or date.max, rounds.index(r)))


def summarise_surveys(surveys: Surveys, minimum: int) -> tuple[FormResults, ...]:
    results = []
    for form in surveys.forms:
        rounds = _round_order([r for r in surveys.rounds if r.form == form.name])
        if not rounds:
            continue
        per_round = []
        for survey_round in rounds:
            tallies = {
                t.number: t
                for t in surveys.tallies
                if t.form == form.name and t.round == survey_round.name
            }
            questions = [
                q
                for q in surveys.questions
                if q.form == form.name
                and q.number in tallies
                and (q.round is None or q.round == survey_round.name)
            ]
            per_round.append(
                RoundResult(
                    form,
                    survey_round,
                    tuple(
                        QuestionResult(
                            q,
                            tallies[q.number].counts,
                            share_of(form, tallies[q.number].counts, minimum),
                            tallies[q.number].blank,
                        )
                        for q in sorted(questions, key=lambda q: _q_key(q.number))
                    ),
                )
            )
        changes: list[Change] = []
        if len(per_round) > 1:
            first, last = per_round[0], per_round[-1]
            before = {r.question.number: r for r in first.questions}
            for result in last.questions:
                if result.question.number in before:
                    changes.append(
                        Change(result.question, before[result.question.number].share, result.share)
                    )
        results.append(FormResults(form, tuple(per_round), tuple(changes)))
    return tuple(results)


def _q_key(number: str) -> tuple[int, str]:
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 0, number)


def reality_check(
    results: tuple[FormResults, ...],
    summary: RatingSummary,
    low: float,
    high: float,
    minimum: int,
) -> tuple[RealityCheck, ...]:
    """For each KPI with linked questions: each group's pooled share in its forms' latest round.

    Fully achieved is challenged when a group's share is under ``low``; Much more development
    needed when every group's is over ``high``. Shares are compared unrounded; a withheld share
    never raises a flag.
    """
    checks = []
    for progress in summary.kpis:
        kpi = progress.kpi.id
        pooled: dict[str, dict[str, list[QuestionResult]]] = {}  # group → form → questions
        called: dict[str, str] = {}  # group → what the school calls it (its first form's word)
        returned: dict[str, dict[str, int]] = {}  # group → form → forms returned
        for form_results in results:
            latest = form_results.rounds[-1]
            linked = [r for r in latest.questions if kpi in r.question.kpis]
            if linked:
                group, name = form_results.form.group, form_results.form.name
                pooled.setdefault(group, {})[name] = linked
                called.setdefault(group, form_results.form.group_name)
                returned.setdefault(group, {})[name] = latest.round.returned
        if not pooled:
            continue
        groups = tuple(
            GroupShare(
                called[group],
                Pooled(
                    sum(r.share.positive for items in forms.values() for r in items),
                    sum(r.share.n for items in forms.values() for r in items),
                    sum(returned[group].values()),
                    sum(len(items) for items in forms.values()),
                    sum(max(r.share.n for r in items) for items in forms.values()),
                    minimum,
                ),
                tuple(
                    f"{r.question.form} Q{r.question.number}"
                    for items in forms.values()
                    for r in items
                ),
            )
            for group, forms in pooled.items()
        )
        level = progress.current.level if progress.current else None
        shown = [g for g in groups if g.share.value is not None]
        flag = ""
        if level is Level.FULLY:
            under = [g for g in shown if g.share.value is not None and g.share.value * 100 < low]
            if under:
                flag = "Challenged: " + "; ".join(
                    f"{g.group} {g.share} on {', '.join(g.questions)}, under {low:g}%"
                    for g in under
                )
        elif (
            level is Level.MMDN
            and shown
            and all(g.share.value is not None and g.share.value * 100 > high for g in shown)
        ):
            flag = (
                "Challenged: every group is positive — "
                + "; ".join(f"{g.group} {g.share} on {', '.join(g.questions)}" for g in shown)
                + f", over {high:g}%"
            )
        checks.append(RealityCheck(kpi, level, groups, flag))
    return tuple(checks)


def tallies_for(surveys: Surveys, form: str, round_name: str) -> list[Tally]:
    return [t for t in surveys.tallies if t.form == form and t.round == round_name]
