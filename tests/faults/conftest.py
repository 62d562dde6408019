"""Faults the machine brings to a real build: signals at each stage, two builds at once.

A build is paused at a named stage by the fault hook (``LPPA_PAUSE_AT``; pipeline/faults.py)
rather than guessed at with a sleep; then the test does to it what the machine would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.pack.convert import sweep_profiles
from tests.conftest import PROJECT, SAMPLE, without_kept
from tests.e2e.conftest import built_copy, libreoffice, sample_build  # noqa: F401 (fixtures)


@dataclass
class Paused:
    """A build started with ``python -m pipeline build`` and held at a stage."""

    process: subprocess.Popen[str]
    marker: Path
    scratch: Path  # its temporary folder: LibreOffice's profile is made there

    def go_on(self) -> None:
        self.marker.unlink()

    def end(self, timeout: float = 120) -> tuple[int, str, str]:
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, out, err


def paused_build(out: Path, stage: str, folder: Path, *args: str, inputs: Path = SAMPLE) -> Paused:
    """A build of ``inputs`` into ``out``, as of another day than the sample's pack (so that it
    builds rather than finds nothing changed), held at ``stage``."""
    folder.mkdir(parents=True, exist_ok=True)
    marker, scratch = folder / "paused", folder / "tmp"
    scratch.mkdir(exist_ok=True)
    # Held where LibreOffice may be converting, it must be: no PDF found kept from another build.
    kept = stage in ("assembling", "publishing")
    env = dict(
        os.environ if kept else without_kept(),
        LPPA_PAUSE_AT=stage,
        LPPA_PAUSE_FILE=str(marker),
        TMPDIR=str(scratch),
        TMP=str(scratch),
        TEMP=str(scratch),
    )
    command = [sys.executable, "-m", "pipeline", "build", "--inputs", str(inputs)]
    command += ["--out", str(out), "--as-of", "2018-03-28", *args]
    process = subprocess.Popen(
        command,
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Signals as a terminal delivers them: a test worker may run with SIGINT ignored,
        # which its children would inherit.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            out_text, err = process.communicate()
            raise AssertionError(f"the build never reached {stage}:\n{out_text}{err}")
        time.sleep(0.02)
    return Paused(process, marker, scratch)


@pytest.fixture
def pause(tmp_path: Path) -> Iterator[Callable[..., Paused]]:
    """Start builds held at a stage (``pause(out, stage, *args)``); whatever happens in the
    test, none is left running after it, nor any LibreOffice of theirs."""
    started: list[Paused] = []

    def start(out: Path, stage: str, *args: str, inputs: Path = SAMPLE) -> Paused:
        build = paused_build(out, stage, tmp_path / f"build-{len(started)}", *args, inputs=inputs)
        started.append(build)
        return build

    yield start
    for build in started:
        if build.process.poll() is None:
            build.process.kill()
            build.process.communicate()
        sweep_profiles(build.scratch)


def processes_using(folder: Path) -> list[str]:
    """The processes whose command line names ``folder``: a LibreOffice left running."""
    found = subprocess.run(["pgrep", "-af", str(folder)], capture_output=True, text=True)
    return [line for line in found.stdout.splitlines() if "pgrep" not in line]
