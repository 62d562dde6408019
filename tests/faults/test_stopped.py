"""A build stopped by a signal at any stage: the exit status documented, no traceback, nothing
of LibreOffice left running, the pack in place byte for byte as it was, and nothing left behind
for the next build to tidy."""

from __future__ import annotations

import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.faults import STAGES
from pipeline.pack.convert import find_soffice, profile_kept
from tests.conftest import SAMPLE
from tests.e2e.conftest import SampleBuild, snapshot
from tests.faults.conftest import Paused, processes_using

ENDINGS = {
    signal.SIGINT: (130, "Interrupted: nothing was changed in the outputs folder."),
    signal.SIGTERM: (143, "Stopped (SIGTERM): nothing was changed in the outputs folder."),
    signal.SIGHUP: (129, "Stopped (SIGHUP): nothing was changed in the outputs folder."),
}
CASES = [(s, stage) for s in (signal.SIGINT, signal.SIGTERM) for stage in STAGES]
CASES.append((signal.SIGHUP, "converting"))


@pytest.mark.parametrize(("sent", "stage"), CASES, ids=[f"{s.name}-{t}" for s, t in CASES])
def test_a_stopped_build_changes_nothing_and_leaves_nothing(
    built_copy: SampleBuild, pause: Callable[..., Paused], sent: signal.Signals, stage: str
) -> None:
    before = snapshot(built_copy.out)
    build = pause(built_copy.out, stage)
    build.process.send_signal(sent)
    code, out, err = build.end()
    status, said = ENDINGS[sent]
    assert code == status, out + err
    assert err.strip().splitlines()[-1] == said
    assert "Traceback" not in out + err
    assert processes_using(build.scratch) == []
    assert snapshot(built_copy.out) == before
    left = {p.name for p in built_copy.out.iterdir()}
    assert left == {"2017-18-term-4", ".cache", ".locks"}, left
    assert {p.name for p in (built_copy.out / ".cache").iterdir()} == {
        "charts",
        "libreoffice.json",
        "pdf",
        profile_kept(find_soffice(), built_copy.out).name,  # kept by the sample's build
    }
    assert list(build.scratch.iterdir()) == []  # LibreOffice's profile removed


def test_a_stopped_command_of_several_schools_stops_each_and_leaves_nothing(
    tmp_path: Path, pause: Callable[..., Paused]
) -> None:
    """SIGTERM to the command alone (as a service manager sends it): each school's build,
    in a process of its own, is stopped too and tidies up after itself."""
    schools = tmp_path / "schools"
    for name in ("meadowbank", "oak-lane"):
        shutil.copytree(SAMPLE, schools / name)
    out = tmp_path / "outputs"
    build = pause(out, "converting", inputs=schools)
    time.sleep(0.5)  # the other school on its way too
    build.process.send_signal(signal.SIGTERM)
    code, _, err = build.end()
    assert code == 143, err
    assert "Traceback" not in err
    assert processes_using(build.scratch) == []
    assert list(build.scratch.iterdir()) == []
    assert not (out / ".cache").exists()  # no LibreOffice profile kept by a stopped build
    for school in out.iterdir():  # no term folder, no staging folder, no working files
        assert {p.name for p in school.iterdir()} <= {".cache", ".locks"}, school
        assert {p.name for p in (school / ".cache").iterdir()} <= {
            "pdf",
            "charts",
            "libreoffice.json",
        }
