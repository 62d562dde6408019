"""What becomes of each item of evidence: printed (and how), or left out (and why), decided
from the index and the list of files present; and the warnings that follow."""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath

from pipeline.errors import CellRef, Findings, Group
from pipeline.records import Evidence, Place

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


class Fate(enum.Enum):
    """What the pack does with an item: the one place the consent and printing rules live."""

    NOT_IN_PACK = "not in pack"
    CONSENT_NO = "left out: Consent No"
    NO_CONSENT = "left out: a photo with no consent recorded"
    NOT_A_FILE = "it is not a file in the evidence folder"
    FILE_MISSING = "the file is not in the evidence folder"
    UNPRINTABLE = "its type cannot be printed"
    NOT_WHAT_IT_SAYS = "it is not the Word, Excel, PowerPoint or OpenDocument file its name says"
    PDF = "pdf"
    IMAGE = "image"
    OFFICE = "office"


def fate(item: Evidence, present: Collection[str]) -> Fate:
    """What becomes of ``item``, given the evidence folder's files ``present``."""
    if not item.in_pack:
        return Fate.NOT_IN_PACK
    if item.consent is False:
        return Fate.CONSENT_NO
    suffix = PurePosixPath(item.path).suffix.casefold() if item.path else ""
    if item.is_photo and item.consent is not True:
        return Fate.NO_CONSENT  # a photo is printed only with consent, whatever its file is
    if item.place is not Place.FILE or item.path is None:
        return Fate.NOT_A_FILE
    if item.path not in present:
        return Fate.FILE_MISSING
    if item.content == "image":
        return Fate.IMAGE  # an image under another name is printed as the image it is
    if suffix not in PRINTABLE:
        return Fate.UNPRINTABLE
    if suffix == ".pdf":
        return Fate.PDF
    if suffix in IMAGES:
        return Fate.IMAGE
    # LibreOffice opens a file by what it is, not its name: RTF or flat XML named .doc would
    # reach it without the cutting of outside content that a package gets (pack/outside.py).
    return Fate.OFFICE if item.content in ("zip", "ole") else Fate.NOT_WHAT_IT_SAYS


def check_evidence_files(
    items: list[Evidence],
    present: Collection[str],
    evidence_dir: Path,
    findings: Findings,
    absent: Mapping[str, str] | None = None,
) -> None:
    """Warnings about files: missing, unprintable, or left out for want of consent; ``absent``
    says why a path the index names is not a file the build can read, where it is there."""
    for item in items:
        where = CellRef(item.source.file, item.source.sheet, item.source.row, "Location")
        suffix = PurePosixPath(item.path).suffix.casefold() if item.path else ""
        if item.consent is False:
            findings.warn(
                CellRef(where.file, where.sheet, where.row, "Consent"),
                f"{item.ref} has Consent No, so it is left out of the pack.",
                group=Group.CONSENT,
            )
        if item.path is not None and item.path not in present:
            why = (absent or {}).get(item.path, "")
            findings.warn(
                where,
                f'{item.ref}: "{item.location}" is not in the evidence folder {evidence_dir}. '
                "Put the file there, or correct the path."
                if why in ("", Fate.FILE_MISSING.value)
                else f'{item.ref}: "{item.location}" cannot be printed: {why}. Give the path '
                "of a file the build can read.",
                group=Group.EVIDENCE,
            )
            continue
        outcome = fate(item, present)
        if outcome is Fate.NOT_A_FILE and item.place is not Place.FILE:
            findings.warn(
                CellRef(where.file, where.sheet, where.row, "In pack"),
                f"{item.ref} is marked In pack, but only files in the evidence folder can be "
                "printed; its Location is "
                + ("blank." if item.place is Place.NONE else f'"{item.location}".')
                + " Save a copy (e.g. a PDF of the web page) in the evidence folder.",
                group=Group.EVIDENCE,
            )
        elif outcome is Fate.NOT_WHAT_IT_SAYS:
            findings.warn(
                where,
                f'{item.ref}: "{item.location}" is not the {suffix} file its name says (it may '
                "be RTF or plain XML renamed), so it is not printed. Open it and save it as a "
                "PDF, or as a Word document (.docx), and give that path.",
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
        if item.content == "image" and suffix not in IMAGES:
            findings.warn(
                where,
                f'{item.ref}: "{item.location}" is an image, though its name says {suffix or "no"} '
                "file: it is treated as a photo (printed only with Consent Yes). Give it its "
                "own name (.jpg or .png).",
                group=Group.CONSENT,
            )
