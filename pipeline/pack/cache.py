"""Converted PDFs kept between builds, so that a rebuild converts only what changed.

The key of a converted PDF is what the document says, not when it was saved: for an office
file (a zip), each part's name and bytes, with the save times in the zip and in
``docProps/core.xml`` left out; for any other file, its bytes. LibreOffice's version, the fonts
setting and this module's ``FORMAT`` are part of every key. The cache is
``outputs/.cache/pdf/`` (or ``$LPPA_CACHE/pdf/``: see :func:`store`): safe to delete at any
time; entries not used for ``KEEP_DAYS`` are removed by the next build.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
import zipfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

FORMAT = "1"
KEEP_DAYS = 30
_SAVED = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")

Convert = Callable[[Sequence[Path], Path, frozenset[Path]], dict[Path, Path]]


def store(out_root: Path) -> Path:
    """The folder of what builds keep for each other, named by content: converted PDFs, charts,
    LibreOffice's version. ``outputs/.cache/``, or the folder ``LPPA_CACHE`` names (off a folder
    that OneDrive or SharePoint synchronises, say, or one shared by a trust's schools)."""
    named = os.environ.get("LPPA_CACHE")
    return Path(named).expanduser() if named else out_root / ".cache"


def content_key(path: Path, salt: str) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{salt}\0".encode())
    try:
        with zipfile.ZipFile(path) as document:
            for info in document.infolist():
                data = document.read(info.filename)
                if info.filename == "docProps/core.xml":
                    data = _SAVED.sub(b"", data)
                digest.update(info.filename.encode() + b"\0")
                digest.update(hashlib.sha256(data).digest())
    except (zipfile.BadZipFile, OSError):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def write_whole(target: Path, make: Callable[[Path], object]) -> None:
    """``make`` the file aside, then rename it into place: whole or not at all, even with
    another build writing the same entry beside this one."""
    part = target.with_name(f"{target.stem}.{os.getpid()}.part{target.suffix}")
    make(part)
    os.replace(part, target)


class PdfCache:
    """Convert through the cache: hits are copied, misses converted in one run and kept."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self.hits = 0
        self.misses = 0

    def convert(
        self,
        sources: Sequence[Path],
        out_dir: Path,
        convert: Convert,
        optional: frozenset[Path] = frozenset(),
        to: str = "pdf",
    ) -> dict[Path, Path]:
        """``convert(sources, out_dir, optional)`` is the real conversion, for the misses;
        ``to`` names the kind of PDF it makes (part of the key)."""
        salt = self.salt if to == "pdf" else f"{self.salt}|{to}"
        keys = {source: content_key(source, salt) for source in sources}
        kept = {s: self.folder / f"{k}.pdf" for s, k in keys.items()}
        out_dir.mkdir(parents=True, exist_ok=True)
        found: dict[Path, Path] = {}
        for source in sources:
            # Marked as used, then copied, at once: another build's prune (a school built
            # beside this one, on the same cache) removes only what no build has used lately.
            copy = out_dir / f"{source.stem}.pdf"
            try:
                os.utime(kept[source])
                shutil.copyfile(kept[source], copy)
            except FileNotFoundError:
                continue  # not kept, or removed just now: converted below
            found[source] = copy
        missing = [s for s in sources if s not in found]
        made = convert(missing, out_dir, optional & frozenset(missing)) if missing else {}
        self.folder.mkdir(parents=True, exist_ok=True)
        result: dict[Path, Path] = {}
        for source in sources:
            if source in found:
                result[source] = found[source]
                self.hits += 1
            elif source in made:
                write_whole(kept[source], partial(shutil.copyfile, made[source]))
                result[source] = made[source]
                self.misses += 1
        return result

    def prune(self) -> None:
        """Remove entries (and charts kept beside them) no build has used for ``KEEP_DAYS``."""
        oldest = time.time() - KEEP_DAYS * 86400
        for entry in [*self.folder.glob("*.pdf"), *(self.folder.parent / "charts").glob("*")]:
            try:
                if entry.stat().st_mtime < oldest:
                    entry.unlink()
            except OSError:
                continue
