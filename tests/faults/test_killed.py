"""A build killed outright (SIGKILL: nothing of it runs again) at any stage: the pack in place
byte for byte as it was, and whatever it left (its staging folder, its working files, its
LibreOffice still running on its profile) gone after the next build, which is clean."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

import pytest

from pipeline.faults import STAGES
from tests.conftest import SAMPLE, run_cli
from tests.e2e.conftest import SampleBuild, snapshot
from tests.faults.conftest import Paused, processes_using


@pytest.mark.parametrize("stage", STAGES)
def test_what_a_killed_build_left_is_gone_after_the_next(
    built_copy: SampleBuild, pause: Callable[..., Paused], stage: str
) -> None:
    before = snapshot(built_copy.out)
    build = pause(built_copy.out, stage)
    build.process.send_signal(signal.SIGKILL)
    build.end()
    # The term folder is untouched (a staging folder may lie beside it, for now).
    term = {k: v for k, v in before.items() if k.startswith("2017-18-term-4/")}
    assert snapshot(built_copy.folder) == {k.split("/", 1)[1]: v for k, v in term.items()}
    assert processes_using(build.scratch) != []  # its LibreOffice, left running
    # The next build, with nothing changed, starts by tidying what the killed one left.
    env = dict(os.environ, TMPDIR=str(build.scratch), TMP=str(build.scratch))
    done = run_cli("build", "--inputs", str(SAMPLE), "--out", str(built_copy.out), env=env)
    assert done.code == 0, done.text
    assert "Nothing has changed since the last build" in done.out
    assert processes_using(build.scratch) == []
    assert list(build.scratch.iterdir()) == []
    assert {p.name for p in built_copy.out.iterdir()} == {"2017-18-term-4", ".cache", ".locks"}
    assert "2017-18-term-4" not in {p.name for p in (built_copy.out / ".cache").iterdir()}
    assert snapshot(built_copy.out) == before
