"""Rendering the pack's documents from the checked inputs, each handed on as soon as it is
written: first the ones that do not point into the evidence appendix, then — once the appendix
knows its pages — the Self-Evaluation Form and the portfolio index, which do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.documents import (
    action_plan,
    front_matter,
    objective_9,
    portfolio,
    progress_html,
    self_evaluation,
    stakeholders,
)
from pipeline.documents.render import Rendered
from pipeline.pack.appendix import Item
from pipeline.stages import Checked, Options
from pipeline.summarise.evidence import Fate
from pipeline.summarise.glance import at_a_glance
from pipeline.summarise.visit import interim_follow_up, timeline

# The documents in the pack's order (the evidence appendix follows them).
DOCUMENTS = (
    front_matter.TITLE,
    self_evaluation.TITLE,
    action_plan.TITLE,
    stakeholders.TITLE,
    objective_9.TITLE,
    portfolio.TITLE,
)


@dataclass(frozen=True)
class Document:
    """A document of the pack: its title, what its renderer made, and the context it was
    filled from where the pack points into it (the form's and the index's appendix pages)."""

    title: str
    made: Rendered
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.made.path


Written = Callable[[Rendered], None]  # told of each document as soon as it is written


def not_available(item: Item) -> str:
    """Why the appendix cannot show an item, in a few words for the index."""
    if item.reason in (Fate.FILE_MISSING.value, Fate.NOT_A_FILE.value):
        return "file missing"
    return "could not be printed"


def render_documents(
    checked: Checked,
    options: Options,
    stage: Path,
    charts: Path,
    items: list[Item],
    written: Written,
) -> dict[str, Document]:
    """Each document that does not point into the appendix (and the progress web page): a
    quick one first, for LibreOffice to turn once it has the evidence, then the ones with
    charts, the longest for both to make."""
    school, term, as_of = checked.school, checked.term, checked.as_of
    templates, inputs = options.templates, options.inputs
    documents: dict[str, Document] = {}

    def add(title: str, made: Rendered, printed: str = "") -> None:
        """``printed``: the section's title in the pack, where it is the school's own."""
        documents[title] = Document(printed or title, made)
        written(made)

    context = front_matter.front_matter_context(
        school,
        inputs,
        term,
        as_of,
        checked.summary,
        timeline(school, checked.summary, as_of),
        interim_follow_up(school, checked.ratings, checked.summary, checked.actions),
        at_a_glance(
            checked.summary,
            checked.evidence,
            checked.actions,
            as_of,
            checked.survey_results,
            checked.reality,
            school.settings.minimum_answers,
            sum(1 for i in items if i.kind != "missing"),
        ),
    )
    add(
        front_matter.TITLE,
        front_matter.render_front_matter(templates, context, stage / "verification-pack.docx"),
    )
    if checked.surveys is not None:
        add(
            stakeholders.TITLE,
            stakeholders.render_stakeholders(
                templates,
                school,
                checked.surveys,
                checked.survey_results,
                checked.reality,
                term,
                as_of,
                charts,
                stage / "stakeholder-evaluation.docx",
            ),
        )
    progress_html.render_progress_html(
        templates, school, checked.words, as_of, stage / "progress-by-term.html"
    )
    add(
        objective_9.TITLE,
        Rendered(
            objective_9.render_objective_9(
                templates,
                school,
                checked.words,
                term,
                as_of,
                checked.impact,
                charts,
                stage / "objective-9-summary.docx",
            )
        ),
        checked.words.title,
    )
    add(
        action_plan.TITLE,
        action_plan.render_action_plan(
            templates,
            inputs,
            school,
            checked.framework,
            checked.actions,
            checked.log,
            term,
            as_of,
            stage / "action-plan.xlsx",
        ),
    )
    return documents


def render_pointing(
    checked: Checked,
    options: Options,
    stage: Path,
    items: list[Item],
    pages: dict[str, int],
    unavailable: dict[str, str],
    written: Written,
) -> dict[str, Document]:
    """The Self-Evaluation Form and the portfolio index, which give each item's appendix page
    (``pages``: its first page's number, A1 being 1), or why it is not there."""
    school, templates = checked.school, options.templates
    made, form = self_evaluation.render_self_evaluation(
        templates,
        school,
        checked.summary,
        checked.as_of,
        stage / "self-evaluation.docx",
        checked.reality,
        self_evaluation.evidence_cells(checked.evidence, pages, unavailable),
    )
    written(made)
    index = portfolio.portfolio_context(
        school,
        checked.framework,
        checked.evidence,
        checked.term,
        {i.evidence.ref for i in items},
        pages,
        unavailable,
    )
    listed = portfolio.render_portfolio(templates, index, stage / "portfolio-index.docx")
    written(listed)
    return {
        self_evaluation.TITLE: Document(self_evaluation.TITLE, made, form),
        portfolio.TITLE: Document(portfolio.TITLE, listed, index),
    }
