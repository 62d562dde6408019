"""evidence.xlsx: the portfolio index, and where each item is."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from pipeline import contract
from pipeline.errors import CellRef, Findings, Group
from pipeline.limits import MAX_EVIDENCE_MB
from pipeline.read.refs import read_kpi_list, read_ref
from pipeline.read.sheets import open_workbook
from pipeline.read.values import read_cell, read_day, read_yes_no
from pipeline.records import Calendar, Evidence, Framework, Place

FILE = "evidence.xlsx"
FOLDER = "evidence"
COLUMNS = contract.columns(FILE, "Evidence")
_WEB = re.compile(r"^(https?://|www\.)", re.IGNORECASE)
_FILE_NAME = re.compile(r"\.[A-Za-z0-9]{2,5}$")


def place_of(location: str) -> Place:
    """A web address, a file (it has a file extension, or is a path), or paper evidence."""
    if not location:
        return Place.NONE
    if _WEB.match(location):
        return Place.WEB
    if re.match(r"^[^/\\:]{2,}:\s", location):
        # "Shared drive: LPPA/Tracker.xlsx", "Office: red folder": a place named, then what is
        # there; not a path inside the evidence folder (a drive letter is one letter).
        return Place.PAPER
    if (
        _FILE_NAME.search(location)
        or location.startswith(("/", "\\", ".."))
        or re.match(r"^[A-Za-z]:[\\/]", location)
    ):
        return Place.FILE
    return Place.PAPER


def evidence_path(location: str, evidence_dir: Path) -> str | None:
    """The location as a path inside evidence/ (forward slashes), or None if it leads outside:
    an absolute path, a drive letter, ``..``, or a link that resolves outside the folder."""
    text = location.replace("\\", "/").strip()
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text) or text.startswith("//"):
        return None
    parts = PurePosixPath(text).parts
    if ".." in parts:
        return None
    if parts and parts[0].casefold() == FOLDER:  # "evidence/E01.pdf" from the inputs folder
        parts = parts[1:]
    if not parts:
        return None
    relative = "/".join(parts)
    inside = evidence_dir.resolve()
    resolved = (evidence_dir / relative).resolve()
    if resolved != inside and inside not in resolved.parents:
        return None
    return relative


# The first bytes of the kinds of file the pack prints (the name can say otherwise).
MAGIC = (
    (b"\xff\xd8\xff", "image"),  # JPEG
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"BM", "image"),
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),  # Word, Excel, PowerPoint, OpenDocument
    (b"\xd0\xcf\x11\xe0", "ole"),  # .doc, .xls, .ppt
)


def sniff(path: Path) -> str:
    """What a file is by its first bytes ("" if unreadable or none of the kinds above)."""
    try:
        if not path.is_file():
            return ""
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return ""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    return next((kind for magic, kind in MAGIC if head.startswith(magic)), "")


def read_evidence(
    folder: Path, findings: Findings, framework: Framework | None, calendar: Calendar | None
) -> list[Evidence]:
    book = open_workbook(folder, FILE, findings)
    if book is None:
        return []
    rows = book.rows("Evidence", COLUMNS, findings) or []
    items: list[Evidence] = []
    seen: dict[str, int] = {}
    evidence_dir = folder / FOLDER
    outside = folder_outside(folder)
    if outside:
        findings.error(
            CellRef(f"{FOLDER}/"),
            f"the evidence folder is a link to {evidence_dir.resolve()}, outside the inputs "
            f"folder {folder}: the pack prints only files inside the inputs folder. Make "
            f"{evidence_dir} a real folder and copy the evidence into it.",
        )
    for row in rows:
        ref = read_ref(row, "Ref", seen, "E042", findings)
        title = row["Title"].text
        if not title:
            findings.error(row.ref("Title"), "is blank. Give the evidence a title.")
        kpis = read_kpi_list(row["KPIs"], framework, findings, unknown_is_error=False)
        day = read_day(row["Date"], calendar, findings)
        typed = row["Date"].value
        term = calendar.find(typed) if calendar and isinstance(typed, str) else None
        in_pack = read_cell(row["In pack"], read_yes_no, findings)
        consent = None if row["Consent"].blank else read_cell(row["Consent"], read_yes_no, findings)
        location = row["Location"].text
        place = place_of(location)
        path = None
        if place is Place.FILE and not outside:
            path = evidence_path(location, evidence_dir)
            if path is None:
                message = (
                    f'"{location}" leads outside the evidence folder. Put the file in '
                    f"{evidence_dir} and give its path from there, e.g. minutes/2018-03.pdf."
                )
                if in_pack:
                    findings.error(row.ref("Location"), message)
                else:
                    findings.warn(row.ref("Location"), message, group=Group.EVIDENCE)
        if ref is None or kpis is None or not title or in_pack is None:
            continue
        items.append(
            Evidence(
                ref=ref,
                title=title,
                kpis=kpis,
                type=row["Type"].text,
                day=day,
                location=location,
                place=place,
                path=path,
                in_pack=in_pack,
                consent=consent,
                source=row.ref(),
                term=term,
                content=sniff(evidence_dir / path) if path else "",
            )
        )
    return items


def files_present(items: list[Evidence], inputs: Path) -> frozenset[str]:
    """The evidence folder, listed once: the paths the index names that are files there the
    build can read. The checks and the appendix both decide from this, so they cannot
    disagree."""
    folder = inputs / FOLDER
    if folder_outside(inputs):
        return frozenset()
    return frozenset(
        item.path
        for item in items
        if item.path is not None and not absent_because(folder / item.path)
    )


def absent_reasons(items: list[Evidence], inputs: Path, present: frozenset[str]) -> dict[str, str]:
    """Why each path the index names that is not ``present`` is not (see ``absent_because``)."""
    return {
        item.path: absent_because(inputs / FOLDER / item.path)
        for item in items
        if item.path is not None and item.path not in present
    }


def absent_because(path: Path) -> str:
    """Why ``path`` cannot be printed as a file though the index names it, in a few words ("" if
    it can): not there, a folder, a pipe or device, or unreadable to the build."""
    try:
        if path.is_dir():
            return "it is a folder, not a file"
        if not path.exists():
            return "the file is not in the evidence folder"
        if not path.is_file():
            return "it is not an ordinary file (a pipe, device or socket)"
        size = path.stat().st_size
        if size > MAX_EVIDENCE_MB * 2**20:
            return (
                f"it is {size / 2**20:,.0f} MB, and the pack prints files of up to "
                f"{MAX_EVIDENCE_MB} MB: save a smaller copy (a PDF of the pages that matter, "
                "or pictures at a lower resolution)"
            )
        with path.open("rb") as handle:
            handle.read(1)
        return ""
    except PermissionError:
        return "the build is not allowed to read it (its permissions)"
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or type(exc).__name__})"


def folder_outside(inputs: Path) -> bool:
    """Whether the evidence folder is a link to somewhere outside the inputs folder (everything
    in it would be printed from wherever it points)."""
    try:
        return (inputs / FOLDER).exists() and not (inputs / FOLDER).resolve().is_relative_to(
            inputs.resolve()
        )
    except (OSError, RuntimeError):
        return True
