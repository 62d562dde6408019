"""How long `python -m pipeline check` takes on the sample school (target: under a second).

Run with `nox -s bench`. Measures the command's own work in-process, and the whole command as
a coordinator runs it (Python's start-up included, nox's not).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytest_benchmark.fixture import BenchmarkFixture

from pipeline.build import check
from pipeline.stages import Options

PROJECT = Path(__file__).resolve().parent.parent


def test_check_the_sample_in_process(benchmark: BenchmarkFixture) -> None:
    result = benchmark(check, Options(inputs=PROJECT / "inputs"))
    assert len(result.framework.kpis) == 34


def test_check_the_sample_as_a_command(benchmark: BenchmarkFixture) -> None:
    def run() -> int:
        return subprocess.run(
            [sys.executable, "-m", "pipeline", "check", "--inputs", str(PROJECT / "inputs")],
            capture_output=True,
            check=False,
            cwd=PROJECT,
        ).returncode

    assert benchmark.pedantic(run, rounds=5, iterations=1) == 0
