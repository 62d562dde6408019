"""The tool installed as Python programs are (#29): a wheel built from the project, installed
in a fresh environment of its own, run as `lppa` from another folder, with no nox and no
project folder: it builds the sample school's pack, its templates from inside the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT, SAMPLE, made_once


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `lppa` program of a fresh environment that has only the wheel and what it needs."""

    def make(folder: Path) -> None:
        wheels = folder / "wheels"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                str(PROJECT),
                "--no-deps",
                "-q",
                "-w",
                str(wheels),
            ],
            check=True,
            capture_output=True,
        )
        (wheel,) = wheels.glob("lppa_pipeline-*.whl")
        # Without pip of its own (Debian's python3 has no ensurepip without python3-venv): this
        # environment's pip installs into it.
        subprocess.run(
            [sys.executable, "-m", "venv", "--without-pip", str(folder / "env")], check=True
        )
        python = folder / "env" / ("Scripts" if os.name == "nt" else "bin") / "python"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "--python",
                str(python),
                "install",
                "-q",
                "-c",
                str(PROJECT / "constraints.txt"),
                str(wheel),
            ],
            check=True,
            capture_output=True,
        )

    folder = made_once(tmp_path_factory, "installed", make)
    return folder / "env" / ("Scripts" if os.name == "nt" else "bin") / "lppa"


def test_the_installed_program_says_its_version(installed: Path) -> None:
    done = subprocess.run([str(installed), "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "lppa 0.1.0"


def test_the_installed_program_builds_the_sample_from_anywhere(
    installed: Path, tmp_path: Path
) -> None:
    inputs = shutil.copytree(SAMPLE, tmp_path / "school")
    env = {k: v for k, v in os.environ.items() if k != "LPPA_CACHE"}
    done = subprocess.run(
        [str(installed), "build", "--inputs", str(inputs), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the project: nothing of it is used
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (pack,) = (tmp_path / "out").glob("*/*-lppa-pack-*.pdf")
    assert "Proof: 446 of 446 items found on their pages." in done.stdout
    assert pack.stat().st_size > 100_000
    package = installed.parent.parent / "lib"
    assert list(package.rglob("pipeline/templates/self-evaluation.docx"))  # its own copy
