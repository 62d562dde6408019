"""Small in-memory records for the pure core's tests: a framework, a calendar, ratings and
survey results made in a line each, every record with a plausible cell, none read from a file."""

from __future__ import annotations

from datetime import date

from pipeline.errors import CellRef
from pipeline.records import (
    Action,
    Calendar,
    Form,
    Framework,
    Kpi,
    Level,
    Objective,
    Question,
    Rating,
    Status,
    SurveyRound,
    Surveys,
    Tally,
    Term,
)

AGREE = ("Strongly agree", "Agree", "Disagree", "Strongly disagree", "Don't know")


def framework(*kpis_per_objective: int) -> Framework:
    """``framework(2, 3)``: objective 1 with KPIs 1.1–1.2, objective 2 with 2.1–2.3."""
    objectives = []
    for number, count in enumerate(kpis_per_objective, start=1):
        kpis = tuple(
            Kpi(f"{number}.{k}", number, f"KPI {number}.{k}", CellRef("framework.xlsx", "KPIs", k))
            for k in range(1, count + 1)
        )
        objectives.append(
            Objective(number, f"Objective {number}", "", kpis, CellRef("framework.xlsx"))
        )
    return Framework(tuple(objectives))


def calendar(*labels: str) -> Calendar:
    """Terms a school year apart from 2016, in the order given."""
    return Calendar(
        tuple(
            Term(
                label,
                date(2016 + i, 9, 1),
                date(2016 + i, 12, 20),
                CellRef("school.xlsx", "Terms", i + 2),
            )
            for i, label in enumerate(labels)
        )
    )


def rating(term: Term, kpi: str, level: Level, row: int = 2, carried: bool = False) -> Rating:
    return Rating(
        term, kpi, level, "", "", CellRef("ratings.xlsx", "Ratings", row, "Rating"), carried
    )


def surveys(group: str, answers: dict[str, dict[str, int]], kpis: dict[str, str]) -> Surveys:
    """One form for ``group``, one round, returned by as many people as the largest question's
    count: ``answers`` maps question numbers to counts by answer, ``kpis`` them to a KPI."""
    form = Form(f"{group} survey", group, AGREE, AGREE[:2], None)
    people = max(sum(c.values()) for c in answers.values())
    where = CellRef("surveys.xlsx")
    return Surveys(
        (form,),
        (SurveyRound("Spring", form.name, date(2018, 3, 1), None, people, where),),
        tuple(
            Question(form.name, number, f"Q{number}", (kpis[number],), None, where)
            for number in answers
        ),
        tuple(
            Tally("Spring", form.name, number, tuple((a, counts.get(a, 0)) for a in AGREE), where)
            for number, counts in answers.items()
        ),
        (),
    )


def action(
    ref: str = "A1",
    *,
    lead: str = "Mrs Lowe",
    monitor: str = "Mr Shah",
    status: Status = Status.IN_PROGRESS,
    start: date | None = None,
    due: date | None = date(2017, 12, 20),
    original_due: date | None = None,
    due_word: str = "",
    notes: str = "",
    evidence: tuple[str, ...] = (),
    row: int = 2,
) -> Action:
    """One row of the action plan, in progress and due at the end of 2017 unless told."""
    return Action(
        ref,
        ("2.4",),
        f"Action {ref}",
        lead,
        monitor,
        start,
        due,
        due_word,
        original_due,
        status,
        date(2017, 12, 1) if status is Status.COMPLETED else None,
        "",
        evidence,
        notes,
        CellRef("actions.xlsx", "Actions", row),
    )
