"""One build of a term at a time.

Two builds of the same school and term into one outputs folder (a double-click, two terminals,
a scheduled build meeting a manual one) would each tidy away the other's half-written folder.
So a build holds a lock on its term while it writes: an operating-system lock on a file in the
outputs folder (``.locks/<term>.lock``), which the system lets go of when the process ends
however it ends, so a crashed build never blocks the next. Beside it, the holder says who it is
(``.locks/<term>.json``: when it started, its process), for the message the second build gives.
Builds of other terms or schools into the same outputs folder take other locks, and run side
by side.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from pipeline.errors import MachineProblem

LOCKS = ".locks"
WAIT_SECONDS = 5.0


@contextmanager
def term_lock(out_root: Path, slug: str, label: str, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the lock on ``out_root``'s term ``slug`` (labelled ``label`` in messages), waiting
    up to ``wait`` seconds for another build of it to finish; exit 2 if it does not."""
    folder = out_root / LOCKS
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MachineProblem.unwritable(out_root, exc) from exc
    holder = folder / f"{slug}.json"
    lock = FileLock(folder / f"{slug}.lock")
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise MachineProblem(_busy(label, holder)) from None
    except OSError as exc:
        raise MachineProblem.unwritable(out_root, exc) from exc
    try:
        started = datetime.now().isoformat(timespec="seconds")
        holder.write_text(json.dumps({"started": started, "process": os.getpid()}), "utf-8")
        yield
    finally:
        holder.unlink(missing_ok=True)
        lock.release()


def _busy(label: str, holder: Path) -> str:
    """What the second build says: which build holds the term, and what to do."""
    said = ""
    try:
        held = json.loads(holder.read_text(encoding="utf-8"))
        started = datetime.fromisoformat(str(held["started"]))
        said = f" (started {started:%H:%M}"
        if started.date() != datetime.now().date():
            said += f" on {started:%d/%m/%Y}"
        said += f", process {int(held['process'])})"
    except (OSError, ValueError, KeyError, TypeError):
        pass  # it has only just started, or is ending: say what is known
    return (
        f"Another build of {label} into this outputs folder is running{said}. Wait for it to "
        "finish, or stop it, then build again."
    )
