"""Where the school stands, for the coordinator's readiness page: the evidence behind each KPI,
the actions in the order to deal with them, and what changed since an earlier pack.

A build keeps a small record of itself (``build.json``, see :func:`record`) in its term folder,
and so in every ``superseded/`` copy; what changed is read from those records, never from old
workbooks. Everything here is pure: records and summaries in, summaries out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from pipeline.records import Action, Evidence, Framework, Status
from pipeline.summarise.actions import State, state_of
from pipeline.summarise.evidence import IMAGES, Fate, fate
from pipeline.summarise.ratings import RatingSummary
from pipeline.summarise.surveys import FormResults
from pipeline.text import plain, ref_key

FORMAT = 1  # of build.json; a record of another format is not compared


# --- The evidence behind each KPI -------------------------------------------------------------

NONE = "No evidence"
NOT_IN_PACK = "None in the pack"
PHOTOS_ONLY = "Photos only"
IN_PACK = "In the pack"
STANDINGS = (NONE, NOT_IN_PACK, PHOTOS_ONLY, IN_PACK)
# Each standing as a sign that prints in black and white.
MARKS = {NONE: "✗", NOT_IN_PACK: "○", PHOTOS_ONLY: "△", IN_PACK: "●"}
PRINTED = (Fate.PDF, Fate.IMAGE, Fate.OFFICE)


@dataclass(frozen=True)
class KpiEvidence:
    """One KPI's row of the evidence grid: its items by type, as (in the pack, not in it)."""

    kpi: str
    statement: str
    by_type: dict[str, tuple[int, int]]
    standing: str  # NONE, NOT_IN_PACK, PHOTOS_ONLY or IN_PACK

    @property
    def mark(self) -> str:
        return MARKS[self.standing]


MOST_TYPES = 6  # columns of the grid, the most used types; the rest share one, "Other types"
OTHER_TYPES = "Other types"


def evidence_type(item: Evidence) -> str:
    """The item's type as the index gives it, in one spelling (PHOTO, photo → Photo), or Photo
    for an image file with no type, or Other."""
    typed = " ".join(plain(item.type).split())
    if typed:
        return typed[:1].upper() + typed[1:].lower()
    if item.path and PurePosixPath(item.path).suffix.casefold() in IMAGES:
        return "Photo"
    return "Other"


def _kind(name: str) -> str:
    """Types that are one type: Photo and Photos, Minute and Minutes."""
    return name.casefold().removesuffix("s")


def _is_photo(item: Evidence) -> bool:
    return _kind(evidence_type(item)) in ("photo", "photograph") or bool(
        item.path and PurePosixPath(item.path).suffix.casefold() in IMAGES
    )


def evidence_grid(
    framework: Framework, evidence: list[Evidence], present: Collection[str]
) -> tuple[tuple[str, ...], tuple[KpiEvidence, ...]]:
    """The evidence types in use (most used first; beyond the first ``MOST_TYPES``, one column
    of other types, so the grid fits A4) and, for every KPI, its items by type and where it
    stands: no evidence; none the verifier will see in the pack (not In pack, left out for
    consent, or its file missing); only photos in the pack, which show that something happened
    but not what it changed (weak); or in the pack."""
    spellings: dict[str, Counter[str]] = {}
    for item in evidence:
        spellings.setdefault(_kind(evidence_type(item)), Counter())[evidence_type(item)] += 1
    used = sorted(spellings, key=lambda k: (-sum(spellings[k].values()), k))
    shown_as = {k: spellings[k].most_common(1)[0][0] for k in used}
    if len(used) > MOST_TYPES:
        shown_as |= {k: OTHER_TYPES for k in used[MOST_TYPES - 1 :]}
    types = tuple(dict.fromkeys(shown_as[k] for k in used))

    def column(item: Evidence) -> str:
        return shown_as[_kind(evidence_type(item))]

    rows = []
    for kpi in framework.kpis:
        mine = [e for e in evidence if kpi.id in e.kpis]
        printed = [e for e in mine if fate(e, present) in PRINTED]
        by_type = {}
        for kind in types:
            of_kind = [e for e in mine if column(e) == kind]
            shown = sum(1 for e in of_kind if e in printed)
            if of_kind:
                by_type[kind] = (shown, len(of_kind) - shown)
        if not mine:
            standing = NONE
        elif not printed:
            standing = NOT_IN_PACK
        elif all(_is_photo(e) for e in printed):
            standing = PHOTOS_ONLY
        else:
            standing = IN_PACK
        rows.append(KpiEvidence(kpi.id, kpi.statement, by_type, standing))
    return types, tuple(rows)


# --- The actions, in the order to deal with them -------------------------------------------

ORDER = (State.OVERDUE, State.IN_PROGRESS, State.NOT_STARTED, State.COMPLETED, State.DROPPED)


@dataclass(frozen=True)
class ActionLine:
    action: Action
    state: State
    late_days: int  # how many days past its due date (0 unless overdue)


def actions_in_order(actions: list[Action], as_of: date) -> tuple[ActionLine, ...]:
    """Overdue first, the latest first; then in progress, not started, completed, dropped,
    each in the plan's order."""
    lines = [
        ActionLine(
            a,
            state_of(a, as_of),
            (as_of - a.due).days if a.is_overdue(as_of) and a.due else 0,
        )
        for a in actions
    ]
    return tuple(sorted(lines, key=lambda line: (ORDER.index(line.state), -line.late_days)))


def how_late(days: int) -> str:
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    weeks = days // 7
    return f"{weeks} weeks"


# --- The build's record, and what changed -------------------------------------------------


def record(
    school: str,
    term: str,
    as_of: date,
    summary: RatingSummary,
    actions: list[Action],
    evidence: list[Evidence],
    surveys: tuple[FormResults, ...],
    warnings: int,
) -> dict[str, Any]:
    """What a later build compares itself with: a small, stable summary of this one."""
    return {
        "format": FORMAT,
        "school": school,
        "term": term,
        "as_of": as_of.isoformat(),
        "ratings": {k.kpi.id: k.current.level.value if k.current else None for k in summary.kpis},
        "actions": {
            a.ref: {
                "text": a.text,
                "status": a.status.value,
                "due": a.due.isoformat() if a.due else a.due_word,
            }
            for a in actions
        },
        "evidence": {e.ref: {"title": e.title, "in_pack": e.in_pack} for e in evidence},
        "survey_rounds": [
            f"{r.form.name}: {round_.round.name}" for r in surveys for round_ in r.rounds
        ],
        "warnings": warnings,
    }


@dataclass(frozen=True)
class Changes:
    """What moved between an earlier build's record and this one's, in the coordinator's
    words, one line each."""

    since: str  # which pack: "the last pack of 2017-18 Term 4 (as of 22/03/2018)"
    ratings: tuple[str, ...] = ()
    completed: tuple[str, ...] = ()
    started: tuple[str, ...] = ()
    reopened: tuple[str, ...] = ()  # completed or dropped before, open again
    slipped: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    added: tuple[str, ...] = ()  # actions new to the plan
    removed: tuple[str, ...] = ()  # actions no longer in it
    evidence_added: tuple[str, ...] = ()
    evidence_removed: tuple[str, ...] = ()
    survey_rounds: tuple[str, ...] = ()

    @property
    def groups(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The non-empty kinds of change, each with its lines."""
        named = (
            ("Ratings that moved", self.ratings),
            ("Actions completed", self.completed),
            ("Actions started", self.started),
            ("Actions open again", self.reopened),
            ("Actions whose due date moved later", self.slipped),
            ("Actions dropped", self.dropped),
            ("Actions added", self.added),
            ("Actions removed from the plan", self.removed),
            ("Evidence added", self.evidence_added),
            ("Evidence removed", self.evidence_removed),
            ("New survey rounds", self.survey_rounds),
        )
        return tuple((heading, lines) for heading, lines in named if lines)


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return text  # Ongoing, TBC or blank


def changes(before: dict[str, Any], now: dict[str, Any], since: str) -> Changes:
    """What changed from the record ``before`` to the record ``now`` (refs matched as the
    workbooks match them: E01 is e01). Raises ValueError for a record not of this shape."""
    try:
        return _changes(before, now, since)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a build record: {exc}") from exc


def _keyed(items: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    return {ref_key(ref): (ref, item) for ref, item in items.items()}


def _changes(before: dict[str, Any], now: dict[str, Any], since: str) -> Changes:
    old_ratings, new_ratings = before["ratings"], now["ratings"]
    ratings = tuple(
        f"KPI {kpi}: {old_ratings.get(kpi) or 'not rated'} → {level or 'not rated'}"
        for kpi, level in new_ratings.items()
        if kpi in old_ratings and old_ratings[kpi] != level
    )
    old_actions, new_actions = _keyed(before["actions"]), _keyed(now["actions"])
    completed, started, reopened, slipped, dropped = [], [], [], [], []
    finished = (Status.COMPLETED.value, Status.DROPPED.value)
    for key, (ref, action) in new_actions.items():
        if key not in old_actions:
            continue
        old = old_actions[key][1]
        label = f"{ref}: {action['text']}"
        status, was = action["status"], old["status"]
        if status != was:
            if status == Status.COMPLETED.value:
                completed.append(label)
            elif status == Status.DROPPED.value:
                dropped.append(label)
            elif was in finished:
                reopened.append(f"{label} ({was} → {status})")
            elif status == Status.IN_PROGRESS.value and was == Status.NOT_STARTED.value:
                started.append(label)
        # Slipped: an action still open whose due date is now a later date.
        then, due = old["due"], action["due"]
        if status not in finished and _iso(then) and _iso(due) and due > then:
            slipped.append(f"{label} (due {_day(then)} → {_day(due)})")
    old_evidence, new_evidence = _keyed(before["evidence"]), _keyed(now["evidence"])
    return Changes(
        since,
        ratings,
        tuple(completed),
        tuple(started),
        tuple(reopened),
        tuple(slipped),
        tuple(dropped),
        tuple(f"{r}: {a['text']}" for k, (r, a) in new_actions.items() if k not in old_actions),
        tuple(f"{r}: {a['text']}" for k, (r, a) in old_actions.items() if k not in new_actions),
        tuple(f"{r}: {e['title']}" for k, (r, e) in new_evidence.items() if k not in old_evidence),
        tuple(f"{r}: {e['title']}" for k, (r, e) in old_evidence.items() if k not in new_evidence),
        tuple(r for r in now["survey_rounds"] if r not in before["survey_rounds"]),
    )


def _iso(text: object) -> bool:
    if not isinstance(text, str):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
