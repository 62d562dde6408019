"""The sample pack, built once per test run by the real command with real LibreOffice."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.pack.convert import find_soffice
from tests.conftest import SAMPLE, Run, edit, find_row, run_cli

TERM = "2017-18-term-4"
PACK = f"meadowbank-primary-school-lppa-pack-{TERM}.pdf"


@pytest.fixture(scope="session", autouse=True)
def libreoffice() -> Path:
    """These tests need the real LibreOffice: without it they fail, never skip."""
    return find_soffice()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` and its bytes, to show that nothing changed; the cache of
    converted PDFs and charts (``.cache/``, named by content, never a pack) left out: a build
    that stops may have added to it; and the term locks (``.locks/``), where a killed build's
    note of itself stays until the next build of its term."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not {".cache", ".locks"} & set(p.relative_to(folder).parts)
    }


@dataclass
class SampleBuild:
    run: Run
    out: Path
    inputs_before: dict[str, bytes] | None = None
    school: str = "Meadowbank Primary School"
    pack_name: str = PACK

    @property
    def folder(self) -> Path:
        return self.out / TERM

    @property
    def pack(self) -> Path:
        return self.folder / self.pack_name

    def reader(self) -> PdfReader:
        return PdfReader(self.pack)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> SampleBuild:
    out = tmp_path_factory.mktemp("outputs")
    before = snapshot(SAMPLE)
    return SampleBuild(run_cli("build", "--inputs", str(SAMPLE), "--out", str(out)), out, before)


SECOND = "St Aidan's Church of England Academy"


def second_school(inputs: Path) -> None:
    """Another school from the sample's workbooks, with different lengths everywhere: its own
    name, twice the actions (a longer plan, breaking elsewhere; the new ones with refs of five
    characters, as a large school's), a dozen more items kept in the binder with long titles (a
    longer index), and longer Objective 9 words."""

    def school(wb: object) -> None:
        ws = wb["School"]  # type: ignore[index]
        ws.cell(find_row(ws, "Field", "School name"), 2, SECOND)

    def actions(wb: object) -> None:
        ws = wb["Actions"]  # type: ignore[index]
        rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
        for number, row in enumerate(rows, start=len(rows) + 1):
            row[0] = f"A{1000 + number}"  # a large school's refs: five characters
            row[2] = f"Follow-up in the summer: {row[2]}, reviewed with the working group"
            row[11] = None  # no evidence named
            ws.append(row)

    def evidence(wb: object) -> None:
        ws = wb["Evidence"]  # type: ignore[index]
        rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
        kept = [r for r in rows if r[6] == "No"][:12]
        for number, row in enumerate(kept, start=40):
            row[0] = f"E{number}"
            row[1] = f"{row[1]}: the second copy, annotated by the working group for the visit"
            row[5] = f"Portfolio binder, tab {number - 36}"
            ws.append(row)

    def words(wb: object) -> None:
        ws = wb["Objective 9"]  # type: ignore[index]
        for row in range(2, ws.max_row + 1):
            for column in (2, 3, 4):
                text = ws.cell(row, column).value
                if text:
                    ws.cell(row, column, f"{text} {text}")

    edit(inputs, "school.xlsx", school)
    edit(inputs, "actions.xlsx", actions)
    edit(inputs, "evidence.xlsx", evidence)
    edit(inputs, "school.xlsx", words)


@pytest.fixture(scope="session")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> SampleBuild:
    folder = tmp_path_factory.mktemp("second")
    inputs = folder / "inputs"
    shutil.copytree(SAMPLE, inputs)
    second_school(inputs)
    out = folder / "outputs"
    run = run_cli("build", "--inputs", str(inputs), "--out", str(out))
    assert run.code == 0, run.text
    name = f"st-aidan-s-church-of-england-academy-lppa-pack-{TERM}.pdf"
    return SampleBuild(run, out, school=SECOND, pack_name=name)


@pytest.fixture
def built_copy(sample_build: SampleBuild, tmp_path: Path) -> SampleBuild:
    """A private copy of the sample build's outputs folder, to rebuild over."""
    out = tmp_path / "outputs"
    shutil.copytree(sample_build.out, out)
    return SampleBuild(sample_build.run, out)
