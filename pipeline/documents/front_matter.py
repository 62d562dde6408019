"""The verification pack's front matter (verification-pack.docx): cover, the school, the
working group, the award timeline, the interim follow-up and the verification-day plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pipeline.documents.render import Picture, render_docx
from pipeline.documents.self_evaluation import FILLS
from pipeline.records import Action, Rating, School, Status, Term
from pipeline.summarise.actions import state_of
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
        return f"{state}: {reason}" if reason else f"{state} (no reason recorded)"
    if state == "Overdue" and action.due:
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


def front_matter_context(
    school: School,
    inputs: Path,
    term: Term,
    as_of: date,
    summary: RatingSummary,
    milestones: tuple[Milestone, ...],
    follow_up: tuple[FollowUp, ...],
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
            f"({interim:%-d %B %Y}), the actions taken on them since, and their rating now."
        )
    plan = school.verification_day
    return {
        "school_name": school.name,
        "term": term.label,
        "date_line": f"As of {as_of:%-d %B %Y}",
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


def render_front_matter(templates: Path, context: dict[str, Any], out: Path) -> Path:
    render_docx(templates / TEMPLATE, context, out)
    return out
