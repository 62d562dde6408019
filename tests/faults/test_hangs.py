"""LibreOffice's own faults, brought by a stand-in (fake_soffice.py) on the files a test
chooses, the real LibreOffice doing everything else: a hang is found in seconds, not minutes;
the terminal says what it is waiting for; the file is named; nothing is left running."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from pipeline.errors import ConversionError
from pipeline.pack.convert import Office, is_pdf
from tests.conftest import SAMPLE, Run, run_cli
from tests.e2e.conftest import SampleBuild, snapshot
from tests.faults.conftest import processes_using
from tests.faults.fakes import faulty_soffice, with_fault

EVIDENCE = SAMPLE / "evidence"
TIMEOUT = 5


def test_a_file_that_hangs_is_named_and_the_rest_of_the_batch_converts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = tmp_path / "files"
    files.mkdir()
    for name in ("E02-working-group-minutes.docx", "E07-family-learning-workshop.pptx"):
        (files / name).write_bytes((EVIDENCE / name).read_bytes())
    with_fault(files / "E07-family-learning-workshop.pptx", "hang")
    for name, value in faulty_soffice(tmp_path / "fake").items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    heard: list[tuple[str, float]] = []
    started = time.monotonic()
    with Office() as office, pytest.raises(ConversionError) as failure:
        office.convert(
            sorted(files.iterdir()),
            tmp_path / "out",
            timeout=TIMEOUT,
            waiting=lambda source, seconds: heard.append((source.name, seconds)),
        )
    took = time.monotonic() - started
    assert failure.value.message.startswith(
        "LibreOffice could not turn E07-family-learning-workshop.pptx into PDF (tried twice).\n"
        f"LibreOffice made no progress on E07-family-learning-workshop.pptx for {TIMEOUT} "
        "seconds and was stopped."
    ), failure.value.message
    assert is_pdf(tmp_path / "out" / "E02-working-group-minutes.pdf")
    assert took < 3 * TIMEOUT + 20, took  # two timeouts, not two fixed four-minute waits
    assert heard and {name for name, _ in heard} == {"E07-family-learning-workshop.pptx"}
    assert processes_using(files) == []


def test_an_evidence_file_that_hangs_becomes_a_not_available_page(
    built_copy: SampleBuild, inputs: Path, tmp_path: Path
) -> None:
    with_fault(inputs / "evidence" / "E07-family-learning-workshop.pptx", "hang")
    env = faulty_soffice(tmp_path / "fake") | {"TMPDIR": str(tmp_path)}
    started = time.monotonic()
    run = run_cli(
        "build",
        "--inputs",
        str(inputs),
        "--out",
        str(built_copy.out),
        "--timeout",
        str(TIMEOUT),
        env=env,
    )
    took = time.monotonic() - started
    assert run.code == 0, run.text
    assert "still converting E07-family-learning-workshop.pptx … " in run.out
    report = (built_copy.folder / "build-report.txt").read_text(encoding="utf-8")
    assert "E07 could not be printed in the evidence appendix" in report
    assert took < 2 * TIMEOUT + 60, took
    assert processes_using(tmp_path) == []


def build_over(built: SampleBuild, env: dict[str, str]) -> Run:
    """The sample built over ``built``'s outputs, as of another day, with LibreOffice's
    timeout short: by the real command, with the LibreOffice ``env`` names."""
    return run_cli(
        "build",
        "--inputs",
        str(SAMPLE),
        "--out",
        str(built.out),
        "--as-of",
        "2018-03-28",
        "--timeout",
        str(TIMEOUT),
        env=env,
    )


@pytest.mark.parametrize("kind", ["hang", "crash", "silent"])
def test_a_document_of_the_pack_that_will_not_convert_stops_the_build_naming_it(
    built_copy: SampleBuild, tmp_path: Path, kind: str
) -> None:
    shutil.rmtree(built_copy.out / ".cache" / "pdf")  # else the index is kept from the last build
    before = snapshot(built_copy.out)
    env = faulty_soffice(tmp_path / "fake", **{"portfolio-index.docx": kind})
    env["TMPDIR"] = str(tmp_path)
    run = build_over(built_copy, env)
    assert run.code == 2, run.text
    assert "Traceback" not in run.text
    assert "LibreOffice could not turn portfolio-index.docx into PDF (tried twice)." in run.err
    if kind == "hang":
        assert f"made no progress on portfolio-index.docx for {TIMEOUT} seconds" in run.err
    assert snapshot(built_copy.out) == before
    assert processes_using(tmp_path) == []


@pytest.mark.parametrize(
    ("broken", "waited"), [("version", 30), ("converting", 2 * 20 + TIMEOUT + 2 * 10)]
)
def test_a_libreoffice_that_is_broken_ends_the_build_saying_so_in_bounded_time(
    built_copy: SampleBuild, tmp_path: Path, broken: str, waited: int
) -> None:
    """A LibreOffice that hangs on --version, or on every conversion, is stopped (all of it)
    and named as broken: within its watchdogs, not a timeout for every file."""
    shutil.rmtree(built_copy.out / ".cache")  # asked its version afresh; nothing converted kept
    before = snapshot(built_copy.out)
    env = faulty_soffice(tmp_path / "fake") | {"TMPDIR": str(tmp_path)}
    env["FAKE_SOFFICE_BROKEN"] = broken
    started = time.monotonic()
    run = build_over(built_copy, env)
    took = time.monotonic() - started
    assert run.code == 2, run.text
    assert "Traceback" not in run.text
    assert "LibreOffice is not working" in run.err
    assert "end any soffice.bin" in run.err
    assert took < waited + 25, took  # the watchdogs' sum, and the build around them
    assert snapshot(built_copy.out) == before
    assert processes_using(tmp_path) == []
