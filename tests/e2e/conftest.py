"""The sample pack, built once per test run by the real command with real LibreOffice."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.convert import find_soffice
from tests.conftest import SAMPLE, Run, run_cli

TERM = "2017-18-term-4"
PACK = f"meadowbank-primary-school-lppa-pack-{TERM}.pdf"


@pytest.fixture(scope="session", autouse=True)
def libreoffice() -> Path:
    """These tests need the real LibreOffice: without it they fail, never skip."""
    return find_soffice()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` and its bytes, to show that nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@dataclass
class SampleBuild:
    run: Run
    out: Path
    inputs_before: dict[str, bytes] | None = None

    @property
    def folder(self) -> Path:
        return self.out / TERM

    @property
    def pack(self) -> Path:
        return self.folder / PACK

    def reader(self) -> PdfReader:
        return PdfReader(self.pack)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> SampleBuild:
    out = tmp_path_factory.mktemp("outputs")
    before = snapshot(SAMPLE)
    return SampleBuild(run_cli("build", "--inputs", str(SAMPLE), "--out", str(out)), out, before)


@pytest.fixture
def built_copy(sample_build: SampleBuild, tmp_path: Path) -> SampleBuild:
    """A private copy of the sample build's outputs folder, to rebuild over."""
    out = tmp_path / "outputs"
    shutil.copytree(sample_build.out, out)
    return SampleBuild(sample_build.run, out)
