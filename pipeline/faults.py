"""A hook for the fault tests: a build that pauses at a named stage.

With ``LPPA_PAUSE_AT`` set to a stage's name (reading, rendering, converting, assembling,
publishing), the build, on reaching that stage, writes the file ``LPPA_PAUSE_FILE`` and waits
until that file is removed (at most ``PAUSE_SECONDS``): a test can then stop the build with a
signal, or start a second one, at exactly that point, rather than guess with a sleep. Unset, as
it always is for the coordinator, it does nothing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

STAGES = ("reading", "rendering", "converting", "assembling", "publishing")
PAUSE_SECONDS = 120.0


def stage(name: str) -> None:
    """The build has reached stage ``name``: pause here if a test asked for it."""
    if os.environ.get("LPPA_PAUSE_AT") != name:
        return
    marker = Path(os.environ["LPPA_PAUSE_FILE"])
    marker.write_text(name, encoding="utf-8")
    ends = time.monotonic() + PAUSE_SECONDS
    while marker.exists() and time.monotonic() < ends:
        time.sleep(0.02)
