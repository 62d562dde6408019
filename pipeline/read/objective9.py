"""objective-9.docx: the coordinator's Objective 9 summary written in Word, one heading per
objective (as the blank made by `nox -s blank_inputs` lays it out)."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError

from pipeline.errors import CellRef, Findings
from pipeline.records import SummaryText
from pipeline.text import BIDI_WARNING, without_bidi_controls

FILE = "objective-9.docx"
PARTS = {"achievements": "achievements", "impact": "impact", "next priorities": "next_priorities"}
_OBJECTIVE = re.compile(r"^\s*objective\s+(\d+)\b", re.IGNORECASE)
_BULLET_STYLE = re.compile(r"list", re.IGNORECASE)


def _heading_level(style_name: str) -> int | None:
    m = re.match(r"heading\s*(\d)", style_name, re.IGNORECASE)
    return int(m[1]) if m else None


def read_objective_9_docx(path: Path, findings: Findings) -> tuple[SummaryText, ...]:
    """Heading 1 names an objective ("Objective 3: …"), Vision or Overall; Heading 2 names the
    part (Achievements, Impact, Next priorities). Text with no part heading is Achievements.
    Paragraphs in a list style become "•" lines, as in the sheet."""
    try:
        document = Document(str(path))
    except (PackageNotFoundError, ValueError, KeyError) as exc:
        findings.error(
            CellRef(path.name),
            f"is not a Word document that can be read ({type(exc).__name__}). Open it in Word "
            "and save it as Word Document (.docx).",
        )
        return ()
    sections: dict[str, dict[str, list[str]]] = {}
    order: list[str] = []
    current: str | None = None
    part = "achievements"
    controls = 0
    for paragraph in document.paragraphs:
        text, found = without_bidi_controls(paragraph.text.strip())
        controls += found
        level = _heading_level(paragraph.style.name if paragraph.style is not None else "")
        if level == 1:
            m = _OBJECTIVE.match(text)
            label = m[1] if m else text.strip().rstrip(":").title()
            if m or label in ("Vision", "Overall"):
                current, part = label, "achievements"
                if current not in sections:
                    sections[current] = {p: [] for p in PARTS.values()}
                    order.append(current)
            else:
                current = None
            continue
        if level is not None and current is not None:
            part = PARTS.get(text.casefold().rstrip(":"), part)
            continue
        if current is None or not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        bullet = bool(_BULLET_STYLE.search(style)) or numbered
        sections[current][part].append(f"• {text}" if bullet else text)
    if controls:
        findings.warn(
            CellRef(path.name), BIDI_WARNING.format(count=controls, s="s" * (controls > 1))
        )
    return tuple(
        SummaryText(
            label,
            "\n".join(sections[label]["achievements"]),
            "\n".join(sections[label]["impact"]),
            "\n".join(sections[label]["next_priorities"]),
            CellRef(path.name),
        )
        for label in order
    )
