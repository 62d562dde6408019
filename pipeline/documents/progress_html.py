"""progress-by-term.html: the completed actions term by term, a small accessible page to paste
onto the school's website (headings per term, lists, no scripts, readable without styles)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pipeline.dates import long_date
from pipeline.documents.render import render_page
from pipeline.records import School, Term, slugify
from pipeline.summarise.objective9 import Summary

TEMPLATE = "progress-by-term.html"


def term_heading(term: Term) -> str:
    """ "2016-17 Term 3" → "Term 3 (2016-17)", as schools publish it; other labels as they are."""
    m = re.fullmatch(r"(\d{4}\s*[-–/]\s*\d{2,4})\s+(.+)", term.label)
    return f"{m[2]} ({m[1]})" if m else term.label


def render_progress_html(
    templates: Path, school: School, summary: Summary, as_of: date, out: Path
) -> Path:
    context = {
        "school_name": school.name,
        "as_of": long_date(as_of),
        "terms": [
            {
                "id": f"term-{slugify(term.label)}",
                "heading": term_heading(term),
                "actions": [action.text for action in actions],
            }
            for term, actions in summary.by_term
        ],
    }
    return render_page(templates, TEMPLATE, context, out, tidy=False)
