"""overview.html: several schools built in one command, one row each, linking to each school's
readiness page. Self-contained like the readiness page; written beside the schools' folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.documents.readiness import render_page
from pipeline.errors import BuildStopped, InputProblems
from pipeline.stages import Built

TEMPLATE = "overview.html"


@dataclass(frozen=True)
class Overview:
    """One school's row: what a worker process sends back (plain values only)."""

    folder: str  # the school's inputs folder
    school: str
    state: str  # "built", "unchanged", "stopped" (its inputs), "failed" (the machine)
    problems: int = 0
    warnings: int = 0
    overdue: int = 0
    coverage: str = ""
    challenged: tuple[str, ...] = ()
    visit: str = ""
    readiness: str = ""  # the page's path, when built
    pages: int = 0
    term: str = ""  # the term built
    message: str = ""  # why it was not built

    @classmethod
    def built(cls, folder: str, built: Built) -> Overview:
        checked = built.checked
        covered, total = checked.coverage
        visit = checked.school.verification_date
        return cls(
            folder,
            checked.school.name,
            "unchanged" if built.unchanged else "built",
            0,
            len(checked.findings.warnings),
            len(checked.overdue),
            f"{covered} of {total}",
            tuple(c.kpi for c in checked.reality if c.flag),
            f"{visit:%d/%m/%Y}" if visit else "",
            str(built.readiness) if built.readiness.is_file() else "",
            pages=built.pages,
            term=checked.term.label,
        )

    @classmethod
    def stopped(cls, folder: str, stopped: InputProblems) -> Overview:
        return cls(folder, folder, "stopped", len(stopped.problems), message=stopped.message)

    @classmethod
    def failed(cls, folder: str, stopped: BuildStopped) -> Overview:
        first = stopped.message.strip().splitlines()[:1]
        return cls(folder, folder, "failed", message=first[0] if first else "it failed")


def write_overview(rows: list[Overview], templates: Path, out: Path) -> Path:
    """``out/overview.html``, its links relative, so that the folder can be moved whole."""
    page = out / "overview.html"
    links = [
        Path(os.path.relpath(row.readiness, out)).as_posix() if row.readiness else ""
        for row in rows
    ]
    return render_page(templates, TEMPLATE, {"schools": list(zip(rows, links, strict=True))}, page)
