"""Faults the machine brings: a full disk, an outputs "folder" that is a file, a read-only
outputs folder. Each: exit 2 with the fix in words, no traceback, nothing lost."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT, SAMPLE, Run, run_cli
from tests.e2e.conftest import SampleBuild, snapshot


def build_limited(out: Path, largest: int) -> Run:
    """A build (as of another day: not "nothing changed") that may write no file over
    ``largest`` bytes: the system refuses more, as a full disk does (errno EFBIG)."""
    command = [sys.executable, "-m", "pipeline", "build", "--inputs", str(SAMPLE)]
    done = subprocess.run(
        [*command, "--out", str(out), "--as-of", "2018-03-28"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (largest, largest)),
    )
    return Run(done.returncode, done.stdout, done.stderr)


def test_a_full_disk_stops_the_build_and_changes_nothing(built_copy: SampleBuild) -> None:
    before = snapshot(built_copy.out)
    run = build_limited(built_copy.out, 1_000_000)  # the pack is nearly 2 MB
    assert run.code == 2, run.text
    assert "Traceback" not in run.text
    assert run.err.strip().splitlines()[-1] == (
        f"There is no room left to write the pack in {built_copy.out} (File too large): nothing "
        "was changed. Free some space on that disk, or build into another folder with --out, "
        "then build again."
    )
    assert snapshot(built_copy.out) == before
    assert not list(built_copy.out.glob(".building-*"))


def test_an_outputs_folder_that_is_a_file(tmp_path: Path) -> None:
    taken = tmp_path / "outputs"
    taken.write_text("not a folder", encoding="utf-8")
    run = run_cli("build", "--inputs", str(SAMPLE), "--out", str(taken))
    assert run.code == 2, run.text
    assert "Traceback" not in run.text
    assert run.err.strip().splitlines()[-1] == (
        f"The output folder {taken} cannot be written (Not a directory). Choose another with "
        "--out, or ask for write access."
    )
    assert taken.read_text(encoding="utf-8") == "not a folder"


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A small file system of its own (tmpfs), to be made read-only; skipped where this
    machine does not let the tests mount one (not root)."""
    folder = tmp_path / "mounted"
    folder.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a file system here: {made.stderr!r}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_outputs_folder(sample_build: SampleBuild, mounted: Path) -> None:
    out = mounted / "outputs"
    shutil.copytree(sample_build.out, out)
    subprocess.run(["mount", "-o", "remount,ro", str(mounted)], check=True)
    before = snapshot(out)
    run = run_cli("build", "--inputs", str(SAMPLE), "--out", str(out), "--as-of", "2018-03-28")
    assert run.code == 2, run.text
    assert "Traceback" not in run.text
    assert run.err.strip().splitlines()[-1] == (
        f"The output folder {out} cannot be written (Read-only file system). Choose another "
        "with --out, or ask for write access."
    )
    assert snapshot(out) == before
