"""evidence.xlsx: the portfolio index, and where each item is."""

from __future__ import annotations

import enum
import re
from pathlib import Path, PurePosixPath

from pipeline import contract
from pipeline.errors import CellRef, Findings, Group
from pipeline.read.refs import read_kpi_list, read_ref
from pipeline.read.sheets import open_workbook
from pipeline.read.values import read_cell, read_day, read_yes_no
from pipeline.records import Calendar, Evidence, Framework, Place

FILE = "evidence.xlsx"
FOLDER = "evidence"
COLUMNS = contract.columns(FILE, "Evidence")
PRINTABLE = {
    ".pdf",
    ".docx",
    ".doc",
    ".odt",
    ".xlsx",
    ".xls",
    ".ods",
    ".pptx",
    ".odp",
    ".jpg",
    ".jpeg",
    ".png",
}
IMAGES = {".jpg", ".jpeg", ".png"}
_WEB = re.compile(r"^(https?://|www\.)", re.IGNORECASE)
_FILE_NAME = re.compile(r"\.[A-Za-z0-9]{2,5}$")


def place_of(location: str) -> Place:
    """A web address, a file (it has a file extension, or is a path), or paper evidence."""
    if not location:
        return Place.NONE
    if _WEB.match(location):
        return Place.WEB
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
    for row in rows:
        ref = read_ref(row, "Ref", seen, "E042", findings)
        title = row["Title"].text
        if not title:
            findings.error(row.ref("Title"), "is blank. Give the evidence a title.")
        kpis = read_kpi_list(row["KPIs"], framework, findings, unknown_is_error=False)
        day = read_day(row["Date"], calendar, findings)
        in_pack = read_cell(row["In pack"], read_yes_no, findings)
        consent = None if row["Consent"].blank else read_cell(row["Consent"], read_yes_no, findings)
        location = row["Location"].text
        place = place_of(location)
        path = None
        if place is Place.FILE:
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
            )
        )
    return items


class Fate(enum.Enum):
    """What the pack does with an item: the one place the consent and printing rules live."""

    NOT_IN_PACK = "not in pack"
    CONSENT_NO = "left out: Consent No"
    NO_CONSENT = "left out: a photo with no consent recorded"
    NOT_A_FILE = "it is not a file in the evidence folder"
    FILE_MISSING = "the file is not in the evidence folder"
    UNPRINTABLE = "its type cannot be printed"
    PDF = "pdf"
    IMAGE = "image"
    OFFICE = "office"


def fate(item: Evidence, evidence_dir: Path) -> Fate:
    if not item.in_pack:
        return Fate.NOT_IN_PACK
    if item.consent is False:
        return Fate.CONSENT_NO
    suffix = PurePosixPath(item.path).suffix.casefold() if item.path else ""
    if suffix in IMAGES and item.consent is not True:
        return Fate.NO_CONSENT  # a photo is printed only with consent
    if item.place is not Place.FILE or item.path is None:
        return Fate.NOT_A_FILE
    if not (evidence_dir / item.path).is_file():
        return Fate.FILE_MISSING
    if suffix not in PRINTABLE:
        return Fate.UNPRINTABLE
    return Fate.PDF if suffix == ".pdf" else Fate.IMAGE if suffix in IMAGES else Fate.OFFICE


def check_evidence_files(items: list[Evidence], folder: Path, findings: Findings) -> None:
    """Warnings about files: missing, unprintable, or left out for want of consent."""
    evidence_dir = folder / FOLDER
    for item in items:
        where = CellRef(item.source.file, item.source.sheet, item.source.row, "Location")
        suffix = PurePosixPath(item.path).suffix.casefold() if item.path else ""
        if item.consent is False:
            findings.warn(
                CellRef(where.file, where.sheet, where.row, "Consent"),
                f"{item.ref} has Consent No, so it is left out of the pack.",
                group=Group.CONSENT,
            )
        if item.path is not None and not (evidence_dir / item.path).is_file():
            findings.warn(
                where,
                f'{item.ref}: "{item.location}" is not in the evidence folder {evidence_dir}. '
                "Put the file there, or correct the path.",
                group=Group.EVIDENCE,
            )
            continue
        outcome = fate(item, evidence_dir)
        if outcome is Fate.NOT_A_FILE and item.place is not Place.FILE:
            findings.warn(
                CellRef(where.file, where.sheet, where.row, "In pack"),
                f"{item.ref} is marked In pack, but only files in the evidence folder can be "
                "printed; its Location is "
                + ("blank." if item.place is Place.NONE else f'"{item.location}".')
                + " Save a copy (e.g. a PDF of the web page) in the evidence folder.",
                group=Group.EVIDENCE,
            )
        elif outcome is Fate.UNPRINTABLE:
            findings.warn(
                where,
                f'{item.ref}: "{item.location}" is a {suffix or "file"} file the pack cannot '
                "print. Save it as a PDF and give that path.",
                group=Group.EVIDENCE,
            )
        elif outcome is Fate.NO_CONSENT and item.consent is None:
            findings.warn(
                CellRef(where.file, where.sheet, where.row, "Consent"),
                f"{item.ref} is a photo marked In pack with no consent recorded, so it is left "
                "out. Check consent for everyone shown and type Yes.",
                group=Group.CONSENT,
            )
