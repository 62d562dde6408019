"""The verification pack's front matter (verification-pack.docx): cover, the school, the
working group, the award timeline, the interim follow-up and the verification-day plan."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.dates import long_date
from pipeline.documents.render import Picture, Rendered, render_docx
from pipeline.documents.self_evaluation import FILLS
from pipeline.manifest import Shown
from pipeline.records import Action, Rating, School, Status, Term
from pipeline.summarise.actions import State, state_of
from pipeline.summarise.glance import LEVELS, Glance, survey_headline
from pipeline.summarise.ratings import RatingSummary
from pipeline.summarise.visit import STANDARD_PLAN, FollowUp, Milestone

TEMPLATE = "verification-pack.docx"
TITLE = "Verification pack"
LOGO_WIDTH_MM = 35


def _rating(rating: Rating | None) -> str:
    return f"{rating.level.value} ({rating.term.label})" if rating else "Not rated"


def action_state(action: Action, as_of: date) -> str:
    """An action's state in the Action Plan's words: Overdue where the plan says so, the date
    it was completed, and why it was dropped."""
    state = state_of(action, as_of)
    if action.status is Status.COMPLETED and action.completed:
        return f"{state} {action.completed:%d/%m/%Y}"
    if action.status is Status.DROPPED:
        reason = " ".join(action.notes.split())
        # Notes that begin "Dropped: …" would print "Dropped: Dropped: …".
        reason = re.sub(r"^dropped\b[\s:;,.–—-]*", "", reason, flags=re.IGNORECASE)
        return f"{state}: {reason}" if reason else f"{state} (no reason recorded)"
    if state is State.OVERDUE and action.due:
        return f"{state} (due {action.due:%d/%m/%Y})"
    return state


def _follow_up(item: FollowUp, as_of: date) -> dict[str, str]:
    lines = [f"{a.ref}: {a.text} — {action_state(a, as_of)}" for a in item.actions]
    return {
        "kpi": item.kpi,
        "then": f"{item.then.level.value}: {item.statement}",
        "actions": "\n".join(lines) or "No action recorded since.",
        "now": _rating(item.now),
        "fill": FILLS[item.now.level if item.now else None],
    }


def _counts(by_level: tuple[int, ...]) -> str:
    return ", ".join(f"{n} {level.value}" for n, level in zip(by_level, LEVELS, strict=True))


def glance_context(glance: Glance, school: School, as_of: date, baseline: str) -> dict[str, Any]:
    """The "At a glance" page: a table of objectives, and a headline for each part of the pack
    with the section that prints it in full."""
    rows = [
        {
            "name": f"{o.number}. {o.title}",
            "kpis": o.kpis,
            "fully": o.by_level[0],
            "partly": o.by_level[1],
            "mmdn": o.by_level[2],
            "improved": o.improved,
            "evidence": f"{o.with_evidence} of {o.kpis}",
        }
        for o in glance.objectives
    ]
    by_level = glance.by_level
    total = {
        "name": "All objectives",
        "kpis": glance.kpis,
        "fully": by_level[0],
        "partly": by_level[1],
        "mmdn": by_level[2],
        "improved": sum(o.improved for o in glance.objectives),
        "evidence": f"{glance.with_evidence} of {glance.kpis}",
    }
    sef, plan = "School Self-Evaluation Form", "Action Plan"
    ratings = f"{_counts(by_level)} ({glance.kpis} KPIs)."
    not_rated = sum(o.not_rated for o in glance.objectives)
    if not_rated:
        ratings += f" {not_rated} not yet rated."
    if glance.baseline is not None:
        ratings += f" At the baseline ({baseline}): {_counts(glance.baseline)}."
    states = glance.actions
    listed = ", ".join(
        f"{states[s]} {s.casefold()}"
        + (f" ({', '.join(glance.overdue)})" if s is State.OVERDUE else "")
        for s in (
            State.COMPLETED,
            State.IN_PROGRESS,
            State.OVERDUE,
            State.NOT_STARTED,
            State.DROPPED,
        )
        if states[s]
    )
    headlines = [
        {"what": "Ratings", "text": ratings, "where": sef},
        {
            "what": "Evidence",
            "text": f"{glance.with_evidence} of {glance.kpis} KPIs have at least one item of "
            f"evidence; {glance.evidence_items} items indexed, {glance.in_appendix} of them "
            "printed in the evidence appendix.",
            "where": "Portfolio index; Evidence appendix",
        },
        {
            "what": "Actions",
            "text": f"{sum(states.values())} actions: {listed or 'none recorded'}.",
            "where": plan,
        },
    ]
    groups = [line.group for line in glance.surveys]
    for line in glance.surveys:
        headline = survey_headline(line)
        if groups.count(line.group) > 1:  # two forms for one group: say which
            headline = headline.replace(line.group, f"{line.group} ({line.form} form)", 1)
        headlines.append(
            {"what": "Surveys", "text": headline + ".", "where": "Stakeholder evaluation"}
        )
    if glance.surveys:
        challenged = (
            f"{len(glance.challenged)} challenged (KPI {', '.join(glance.challenged)})"
            if glance.challenged
            else "none challenged"
        )
        headlines.append(
            {
                "what": "Reality check",
                "text": f"{glance.checked} KPIs' ratings set beside what the surveys say: "
                f"{challenged}"
                + (
                    f"; {glance.unchecked} more not checked: too few responses."
                    if glance.unchecked
                    else "."
                ),
                "where": "Stakeholder evaluation: the reality check",
            }
        )
    return {
        "glance_intro": f"Where {school.name} stands on {as_of:%d/%m/%Y}: each figure is "
        "printed in full in the section named beside it.",
        "glance_objectives": rows,
        "glance_total": total,
        "glance": headlines,
    }


def front_matter_context(
    school: School,
    inputs: Path,
    term: Term,
    as_of: date,
    summary: RatingSummary,
    milestones: tuple[Milestone, ...],
    follow_up: tuple[FollowUp, ...],
    glance: Glance,
) -> dict[str, Any]:
    details = [
        ("School", school.name),
        ("URN", school.urn),
        ("Headteacher", school.headteacher),
        ("LPPA coordinator", school.coordinator),
        ("Chair of governors", school.chair_of_governors),
        ("Approach", school.approach.value),
        ("Term of this pack", term.label),
        ("Baseline", summary.baseline_term.label if summary.baseline_term else "none yet"),
    ]
    interim = school.interim_visit_date
    if interim is None:
        interim_intro = "No interim visit is recorded."
    else:
        interim_intro = (
            f"The KPIs rated Partly achieved or Much more development needed at the interim visit "
            f"({long_date(interim)}), the actions taken on them since, and their rating now."
        )
    plan = school.verification_day
    baseline = summary.baseline_term.label if summary.baseline_term else "none yet"
    return glance_context(glance, school, as_of, baseline) | {
        "school_name": school.name,
        "term": term.label,
        "date_line": f"As of {long_date(as_of)}",
        "logo": Picture(inputs / school.settings.logo, LOGO_WIDTH_MM)
        if school.settings.logo
        else "",
        "details": [{"field": f, "value": v} for f, v in details if v],
        "group_intro": (
            f"{len(school.working_group)} members, and whom each represents."
            if school.working_group
            else "The working group is not listed."
        ),
        "members": [
            {"name": m.name, "role": m.role, "represents": m.represents}
            for m in school.working_group
        ],
        "timeline": [{"name": m.name, "when": m.when, "state": m.state} for m in milestones],
        "interim_intro": interim_intro
        if follow_up or interim is None
        else interim_intro + " None was below Fully achieved.",
        "follow_up": [_follow_up(f, as_of) for f in follow_up],
        "plan_note": "As planned by the school."
        if plan
        else "A standard plan, to be confirmed with the school: the portfolio in the morning, "
        "discussions and a tour in the afternoon.",
        "plan": [
            {
                "time": s.time,
                "session": s.session,
                "with_whom": s.with_whom,
                "staff": s.staff,
                "room": s.room,
            }
            for s in plan or STANDARD_PLAN
        ],
    }


def glance_shown(context: dict[str, Any]) -> tuple[Shown, ...]:
    """What the "At a glance" page must show, for the proof: every objective's row and total,
    and every headline."""
    keys = ("name", "kpis", "fully", "partly", "mmdn", "improved", "evidence")
    rows = [*context["glance_objectives"], context["glance_total"]]
    return (
        Shown.row("the At a glance heading", "At a glance"),
        *(Shown.row(f"at a glance: {r['name']}", *(str(r[k]) for k in keys)) for r in rows),
        *(
            Shown.row(f"at a glance: {h['what']} {h['text'][:30]}", h["what"], h["text"])
            for h in context["glance"]
        ),
    )


def render_front_matter(templates: Path, context: dict[str, Any], out: Path) -> Rendered:
    render_docx(templates / TEMPLATE, context, out)
    return Rendered(out, glance_shown(context))
