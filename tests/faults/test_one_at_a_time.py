"""Two builds at once into one outputs folder: of the same term, the second waits a moment,
then says which build holds it and stops with exit 2, and the first finishes as if alone; of
two terms, both finish."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from tests.conftest import SAMPLE, run_cli
from tests.e2e.conftest import SampleBuild, snapshot
from tests.faults.conftest import Paused


def test_a_second_build_of_the_same_term_waits_then_says_who_holds_it(
    built_copy: SampleBuild, pause: Callable[..., Paused]
) -> None:
    first = pause(built_copy.out, "converting")
    try:
        during = snapshot(built_copy.out)
        started = time.monotonic()
        second = run_cli("build", "--inputs", str(SAMPLE), "--out", str(built_copy.out))
        waited = time.monotonic() - started
        assert second.code == 2, second.text
        assert "Traceback" not in second.text
        message = second.err.strip().splitlines()[-1]
        assert re.fullmatch(
            r"Another build of Meadowbank Primary School, 2017-18 Term 4 into this outputs "
            rf"folder is running \(started \d\d:\d\d, process {first.process.pid}\)\. Wait for "
            r"it to finish, or stop it, then build again\.",
            message,
        ), message
        assert waited >= 5  # it waited for the first to finish before giving up
        assert snapshot(built_copy.out) == during  # and touched nothing of the first's
    finally:
        first.go_on()
    code, out, err = first.end()
    assert code == 0, out + err
    assert "as of 28/03/2018" in out  # the first build's pack is the one in place
    assert "As of:        28/03/2018" in (built_copy.folder / "build-report.txt").read_text("utf-8")


def test_builds_of_two_terms_run_side_by_side(
    built_copy: SampleBuild, pause: Callable[..., Paused]
) -> None:
    first = pause(built_copy.out, "converting")
    try:
        other = run_cli(
            "build",
            "--inputs",
            str(SAMPLE),
            "--out",
            str(built_copy.out),
            "--term",
            "2017-18 Term 3",
        )
        assert other.code == 0, other.text
    finally:
        first.go_on()
    code, out, err = first.end()
    assert code == 0, out + err
    assert (built_copy.out / "2017-18-term-3" / "build-report.txt").is_file()
    assert "As of:        28/03/2018" in (built_copy.folder / "build-report.txt").read_text("utf-8")
