"""Writing a term's folder so that nothing is ever lost.

The build writes into a temporary folder beside the term folder and swaps it into place only
when every file is complete. The pack it replaces is kept under ``superseded/<date-time>/``.
A build that fails or is interrupted leaves the term folder exactly as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from pipeline import faults
from pipeline.errors import MachineProblem

SUPERSEDED = "superseded"
# What the disk says when it is full (or a file is over the size the system allows).
NO_ROOM = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
REFUSED = {errno.EROFS, errno.EACCES, errno.EPERM}


# How long a rename waits for a program that holds a file for a moment: on Windows, where a
# file held open stops its folder's rename; elsewhere a refusal is the folder's permissions,
# which waiting does not change.
RETRY_SECONDS = 5.0 if sys.platform == "win32" else 0.0


def patiently(operation: Callable[[], object], seconds: float = RETRY_SECONDS) -> None:
    """Do ``operation`` (a rename), trying again for up to ``seconds`` while the system refuses
    it: on Windows, an antivirus scan, OneDrive or Explorer's preview holds a new or shown file
    for a moment, and a folder holding it cannot be renamed until it lets go. Any other failure
    is raised at once, and the refusal itself once the time is up."""
    deadline = time.monotonic() + seconds
    pause = 0.05
    while True:
        try:
            operation()
            return
        except PermissionError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def holders(folder: Path) -> list[str]:
    """The programs that have a file under ``folder`` open, as "name (process N)", where the
    system says: it does for the user's own programs (a PDF viewer, Word, Excel), not for those
    of other accounts (an antivirus scan), which go unnamed."""
    import psutil

    inside = os.path.normcase(str(folder.resolve())) + os.sep
    found = []
    for process in psutil.process_iter(["name", "pid"]):
        try:
            files = process.open_files()
            if any(os.path.normcase(f.path).startswith(inside) for f in files):
                found.append(f"{process.info['name']} (process {process.info['pid']})")
        except (psutil.Error, OSError):
            continue
    return found


def link_or_copy(source: str, target: str) -> None:
    """Hard-link where the file system allows (instant, no extra space), else copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def recover(out_root: Path, slug: str) -> None:
    """Tidy what an interrupted swap or build left behind, restoring the term folder if needed."""
    final = out_root / slug
    replaced = out_root / f".replaced-{slug}"
    if replaced.exists():
        if final.exists():
            shutil.rmtree(replaced, ignore_errors=True)
        else:
            replaced.rename(final)
    for leftover in out_root.glob(f".building-{slug}-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _keep_previous(final: Path, stage: Path) -> None:
    """Carry the old folder's superseded packs over, and file the old pack itself beneath them."""
    old_superseded = final / SUPERSEDED
    if old_superseded.is_dir():
        shutil.copytree(
            old_superseded, stage / SUPERSEDED, copy_function=link_or_copy, dirs_exist_ok=True
        )
    current = [p for p in final.iterdir() if p.name != SUPERSEDED]
    if not current:
        return
    built = max(p.stat().st_mtime for p in current)
    name = datetime.fromtimestamp(built).strftime("%Y-%m-%d_%H-%M-%S")
    target = stage / SUPERSEDED / name
    suffix = 2
    while target.exists():
        target = stage / SUPERSEDED / f"{name}_{suffix}"
        suffix += 1
    target.mkdir(parents=True)
    for item in current:
        if item.is_dir():
            shutil.copytree(item, target / item.name, copy_function=link_or_copy)
        else:
            link_or_copy(str(item), str(target / item.name))


def publish(out_root: Path, slug: str, write: Callable[[Path], bool | None]) -> Path:
    """Call ``write(stage)`` to fill a temporary folder, then make it ``out_root/slug``; the
    pack it replaces is kept under superseded/, unless ``write`` says (False) that it carried
    the old folder's files over itself. The caller holds the term's lock, and has tidied what
    an earlier build left (:func:`recover`)."""
    try:
        out_root.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".building-{slug}-", dir=out_root))
        # mkdtemp makes a private folder; the term folder should be as any other the user makes.
        umask = os.umask(0)
        os.umask(umask)
        stage.chmod(0o777 & ~umask)
    except OSError as exc:
        raise MachineProblem.unwritable(out_root, exc) from exc
    final = out_root / slug
    replaced = out_root / f".replaced-{slug}"
    try:
        replaces = write(stage)
        faults.stage("publishing")
        if final.exists():
            if replaces is not False:
                _keep_previous(final, stage)
            try:
                patiently(lambda: final.rename(replaced))
            except PermissionError as exc:
                held = holders(final)
                by = f" ({', '.join(held)})" if held else ""
                raise MachineProblem(
                    f"The last pack in {final} is open in another program{by}, so it cannot be "
                    "replaced. Close it (the PDF viewer, Word or Excel) and build again."
                ) from exc
        patiently(lambda: stage.rename(final))
    except BaseException as exc:
        shutil.rmtree(stage, ignore_errors=True)
        if replaced.exists() and not final.exists():
            replaced.rename(final)
        if isinstance(exc, OSError) and exc.errno in NO_ROOM:
            raise MachineProblem(
                f"There is no room left to write the pack in {out_root} ({exc.strerror}): "
                "nothing was changed. Free some space on that disk, or build into another "
                "folder with --out, then build again."
            ) from exc
        if isinstance(exc, OSError) and exc.errno in REFUSED:
            raise MachineProblem(
                f"{out_root} refused a file being written ({exc.strerror}): nothing was "
                "changed. Choose another folder with --out, or ask for write access."
            ) from exc
        raise
    shutil.rmtree(replaced, ignore_errors=True)
    return final
