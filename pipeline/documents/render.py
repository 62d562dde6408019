"""Rendering Word templates with docxtpl: autoescaped, and strict about missing variables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from pipeline.errors import TemplateError


def environment() -> jinja2.Environment:
    """Data is data: escaped, never template; a name the context lacks is an error."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def render_docx(template: Path, context: dict[str, Any], out: Path) -> None:
    """Fill ``template`` with ``context`` and save it as ``out``."""
    if not template.is_file():
        raise TemplateError(
            f"The template {template} is missing. Restore it from the project (templates/) "
            "or run: nox -s templates"
        )
    try:
        document = DocxTemplate(template)
        document.render(context, environment(), autoescape=True)
        document.save(out)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        raise TemplateError(
            f"The template {template.name} could not be filled{where}: {exc}. If it was "
            "edited, check that each {{ … }} and {% … %} tag is typed in one go with straight "
            "braces, or restore the project's copy."
        ) from exc


def undeclared(template: Path) -> set[str]:
    """The variable names a template uses: checked against the context in the tests."""
    return set(DocxTemplate(template).get_undeclared_template_variables(environment()))
