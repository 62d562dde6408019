"""The stakeholder evaluation (stakeholder-evaluation.docx): results per form and round with
n, charts, baseline against latest, quotable comments, and the reality check."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pipeline.charts import (
    DPI,
    Bars,
    Comparison,
    baseline_against_latest,
    drawn,
    stacked_bars,
)
from pipeline.dates import long_date
from pipeline.documents.render import Picture, Rendered, render_docx
from pipeline.manifest import Shown
from pipeline.records import Comment, Question, School, Settings, Surveys, Term
from pipeline.summarise.surveys import FormResults, RealityCheck, RoundResult, percent

TEMPLATE = "stakeholder-evaluation.docx"
TITLE = "Stakeholder evaluation"
QUOTES_PER_FORM = 5
CHART_NOTE = (
    "The bars show each answer's share of all answers, Don't know included; the Positive column "
    "above leaves Don't know out, so its figures differ."
)


def round_bars(result: RoundResult) -> Bars:
    """The round's chart: each question's answers, in the form's order, as offered; a question
    whose answers are withheld (too few) is not drawn."""
    form, offered = result.form, result.offered
    return Bars(
        # The bars divide all answers, Don't know included; the table's Positive column leaves
        # Don't know out. The chart's axis says so (Bars.axis), and the note under it.
        f"{form.name} form, {result.round.name}: how each question was answered",
        offered,
        tuple(form.is_dont_know(a) for a in offered),
        tuple(
            (axis_label(q.question), tuple(c for a, c in q.counts if a in offered))
            for q in result.questions
            if not q.share.withheld
        ),
    )


def axis_label(question: Question, most: int = 44) -> str:
    """A question as a chart's axis names it: its number and its wording, shortened at a word."""
    text = " ".join(question.text.split())
    if len(text) > most:
        text = text[:most].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"Q{question.number} {text}"


def _and(items: tuple[str, ...]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _round(result: RoundResult, scale: tuple[str, ...], charts: Path) -> dict[str, Any]:
    survey_round = result.round
    when = f", {survey_round.day:%d/%m/%Y}" if survey_round.day else ""
    rate = result.response_rate
    response = (
        f"Issued {survey_round.issued}, returned {survey_round.returned}: a response rate of "
        f"{percent(rate)}."
        if rate is not None
        else f"Returned: {survey_round.returned}."
    )
    if result.questions and all(q.share.withheld for q in result.questions):
        minimum = result.questions[0].share.minimum
        issued = f"Issued {survey_round.issued}; f" if survey_round.issued else "F"
        response = (
            f"{issued}ewer than {minimum} answered each question: nothing of this round's "
            "answers is printed."
        )
    offered = result.offered  # an answer the form never offered is neither 0 nor in the key
    if offered and offered != scale:
        response += f" This round offered {_and(offered)} only."
    bars = round_bars(result)
    withheld = [q for q in result.questions if q.share.withheld]
    note = CHART_NOTE if bars.rows else ""
    if withheld and result.questions:
        minimum = withheld[0].share.minimum
        numbers = ", ".join(f"Q{q.question.number}" for q in withheld)
        note = (
            f"No chart: every question had fewer than {minimum} answers, so its answers are "
            "withheld."
            if not bars.rows
            else f"{note} {numbers}: fewer than {minimum} answers, withheld, not drawn."
        )
    return {
        "heading": f"{survey_round.name} round{when}",
        "response": response,
        "questions": [
            {
                "number": q.question.number,
                "text": q.question.text,
                # Too few answers: nothing of them is printed, not even the counts.
                "answers": "withheld"
                if q.share.withheld
                else " · ".join(f"{a} {c}" for a, c in q.counts if a in offered),
                "share": str(q.share),
            }
            for q in result.questions
        ],
        "chart": Picture.at_dpi(drawn(stacked_bars, bars, charts), DPI) if bars.rows else "",
        "chart_note": note,
    }


def form_heading(name: str, group: str) -> str:
    """ "Parent form", not "Parent form (Parents)": the group only where it says more."""
    same = {name.casefold(), f"{name.casefold()}s"}
    return f"{name} form" if group.casefold() in same else f"{name} form ({group})"


def compared(results: FormResults) -> Comparison | None:
    """The form's chart of positive answers at the baseline against the latest round, if it
    has both."""
    if not results.changes:
        return None
    first, last = results.rounds[0].round.name, results.rounds[-1].round.name
    rows = tuple(
        (axis_label(c.question), c.baseline.value, c.latest.value)
        for c in results.changes
        if c.baseline.value is not None and c.latest.value is not None
    )
    if not rows:
        return None
    return Comparison(
        f"{results.form.name} form: positive answers, {first} and {last}",
        first,
        last,
        rows,
    )


def _form(results: FormResults, comments: list[Comment], charts: Path) -> dict[str, Any]:
    form = results.form
    first, last = results.rounds[0].round.name, results.rounds[-1].round.name
    changes = [
        {
            "number": c.question.number,
            "text": c.question.text,
            "baseline": str(c.baseline),
            "latest": str(c.latest),
            "words": c.words,
        }
        for c in results.changes
    ]
    comparison = compared(results)
    chart: Any = ""
    if comparison is not None:
        chart = Picture.at_dpi(drawn(baseline_against_latest, comparison, charts), DPI)
    elif results.changes:
        chart = (
            "No chart: every question's share is withheld in one round or both (too few "
            "answers), so there is nothing to set side by side."
        )
    quotes = [c for c in comments if c.form == form.name and c.may_quote][:QUOTES_PER_FORM]
    return {
        "heading": form_heading(form.name, form.group_name),
        # The answers the form offered in some round: one the Forms sheet lists but no round
        # offered (its cells blank throughout) is not printed.
        "scale": f"Answers: {', '.join(results.offered)}. Counted as positive: "
        f"{', '.join(results.offered_positive) or 'none offered'}.",
        "rounds": [_round(r, results.offered, charts) for r in results.rounds],
        "changes": changes,
        "change_heading": f"{first} against {last}",
        "first": first,
        "last": last,
        "change_chart": chart,
        "comments": [{"text": c.text, "round": c.round} for c in quotes],
    }


def check_row(check: RealityCheck) -> dict[str, str]:
    return {
        "kpi": check.kpi,
        "rating": check.level.value if check.level else "Not rated",
        "groups": "; ".join(
            f"{g.group}: {g.share} on {', '.join(g.questions)}" for g in check.groups
        ),
        "flag": check.verdict,
        "fill": "FFC7CE" if check.flag else "FFFFFF",
    }


def shown(context: dict[str, Any]) -> tuple[Shown, ...]:
    """What the evaluation is made to show, in order: each form's rounds and every question's
    row, its baseline-against-latest rows, then the reality check's rows."""
    items = []
    for form in context["forms"]:
        items.append(Shown.row(form["heading"], form["heading"]))
        for result in form["rounds"]:
            name = f"{form['heading']}, {result['heading']}"
            items.append(Shown.row(name, result["heading"]))
            items += [
                Shown.row(
                    f"{name}: Q{q['number']}", q["number"], q["text"], q["answers"], q["share"]
                )
                for q in result["questions"]
            ]
        items += [
            Shown.row(
                f"{form['heading']}, change on Q{c['number']}",
                c["number"],
                c["text"],
                c["baseline"],
                c["latest"],
                c["words"],
            )
            for c in form["changes"]
        ]
    items += [
        Shown.row(
            f"the reality check for KPI {c['kpi']}", c["kpi"], c["rating"], c["groups"], c["flag"]
        )
        for c in context["checks"]
    ]
    return tuple(items)


def render_stakeholders(
    templates: Path,
    school: School,
    surveys: Surveys,
    results: tuple[FormResults, ...],
    checks: tuple[RealityCheck, ...],
    term: Term,
    as_of: date,
    charts: Path,
    out: Path,
) -> Rendered:
    settings: Settings = school.settings
    context = {
        "school_name": school.name,
        "term": term.label,
        "as_of": long_date(as_of),
        "minimum": settings.minimum_answers,
        "low": f"{settings.reality_check_low:g}",
        "high": f"{settings.reality_check_high:g}",
        "forms": [_form(r, list(surveys.comments), charts) for r in results],
        "checks": [check_row(c) for c in checks],
    }
    render_docx(templates / TEMPLATE, context, out)
    return Rendered(out, shown(context))
