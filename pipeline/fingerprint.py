"""A build's fingerprint: what its pack was made from, so that a rebuild with nothing changed
says so and leaves the pack as it is, in well under a second.

The fingerprint covers every file in the inputs folder (evidence included), the templates, the
tool's own code, the versions of the libraries that draw the pages and of LibreOffice, and the
build's options with the as-of date it settled on. It is kept in the term folder beside the
pack (``.build-key.json``), with the pack's name and pages; a superseded copy keeps its own.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

KEY_FILE = ".build-key.json"
PACKAGE = Path(__file__).resolve().parent
# Files larger than this are known by their size and time of change rather than read through:
# a school's photos and videos, which are not edited in place.
READ_UP_TO = 4 * 2**20
LIBRARIES = ("docxtpl", "python-docx", "openpyxl", "pypdf", "pypdfium2", "matplotlib", "reportlab")


def _files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith("~$")
    )


def fingerprint(inputs: Path, templates: Path, settings: dict[str, str]) -> str:
    """The key of a build: the same key, the same pack."""
    digest = hashlib.sha256()
    for name, folder in (("inputs", inputs), ("templates", templates), ("code", PACKAGE)):
        for path in _files(folder):
            digest.update(f"{name}/{path.relative_to(folder).as_posix()}\0".encode())
            try:
                stat = path.stat()
                if stat.st_size > READ_UP_TO:
                    digest.update(f"{stat.st_size}:{stat.st_mtime_ns}\0".encode())
                else:
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:
                # A file the build may not read (or gone since listed): known by that. If a row
                # names it, the checks say so; if none does, it changes nothing in the pack.
                digest.update(b"unreadable\0")
    for library in LIBRARIES:
        try:
            settings = {**settings, library: metadata.version(library)}
        except metadata.PackageNotFoundError:
            continue
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()


def unchanged(folder: Path, key: str) -> tuple[str, int] | None:
    """The pack's name and pages if ``folder`` holds a pack built with ``key``, whole."""
    try:
        kept = json.loads((folder / KEY_FILE).read_text(encoding="utf-8"))
        pack = folder / str(kept["pack"])
        if kept["key"] == key and pack.is_file() and pack.stat().st_size == kept["bytes"]:
            return str(kept["pack"]), int(kept["pages"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return None


def record(folder: Path, key: str, pack: Path, pages: int) -> None:
    """Write the key beside the pack (in the staging folder, before it is swapped in)."""
    (folder / KEY_FILE).write_text(
        json.dumps({"key": key, "pack": pack.name, "pages": pages, "bytes": pack.stat().st_size}),
        encoding="utf-8",
    )
