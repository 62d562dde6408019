"""The sample pack, built once per test run by the real command with real LibreOffice."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from pypdf import PdfReader

from pipeline.pack.cache import write_whole
from pipeline.pack.convert import find_soffice
from tests.conftest import SAMPLE, Run, edit, find_row, made_once, run_cli, without_kept

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


def digests(folder: Path) -> dict[str, str]:
    """What :func:`snapshot` sees, as each file's SHA-256: small enough to keep beside a build."""
    return {name: hashlib.sha256(data).hexdigest() for name, data in snapshot(folder).items()}


@dataclass
class SampleBuild:
    run: Run
    out: Path
    inputs_before: dict[str, str] | None = None
    school: str = "Meadowbank Primary School"
    pack_name: str = PACK

    @property
    def folder(self) -> Path:
        return self.out / TERM

    @property
    def pack(self) -> Path:
        return self.folder / self.pack_name

    def reader(self) -> PdfReader:
        return opened(self.pack)


def opened(pack: Path) -> PdfReader:
    """The pack, opened once for every test that reads it as it now is (a rebuild over a copy
    makes a new file: opened afresh)."""
    stat = pack.stat()
    return _opened(str(pack), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _opened(pack: str, changed: int, size: int) -> PdfReader:
    return PdfReader(pack)


_TEXTS: WeakKeyDictionary[Any, dict[tuple[str, int], str]] = WeakKeyDictionary()


def page_text(page: Any, mode: str = "plain") -> str:
    """A page's text as pypdf reads it (``mode`` "layout": laid out in columns), read once for
    each reader: many tests read the same pages of the sample's pack."""
    texts = _TEXTS.setdefault(page.pdf, {})
    key = (mode, page.page_number)
    if key not in texts:
        texts[key] = str(page.extract_text(extraction_mode=mode))
    return texts[key]


@pytest.fixture(scope="session")
def sample_build(
    tmp_path_factory: pytest.TempPathFactory, kept_between_builds: Path
) -> SampleBuild:
    kept = kept_between_builds

    def make(folder: Path) -> None:
        (folder / "inputs-before.json").write_text(json.dumps(digests(SAMPLE)), encoding="utf-8")
        out = folder / "outputs"
        # As the coordinator builds: the cache in the outputs folder, which copies of this
        # build take with them; and what it converted handed to every other build.
        run = run_cli("build", "--inputs", str(SAMPLE), "--out", str(out), env=without_kept())
        run.save(folder / "run.json")
        for entry in [*(out / ".cache").glob("pdf/*.pdf"), *(out / ".cache").glob("charts/*")]:
            into = kept / entry.parent.name / entry.name
            if not into.exists():  # whole or not at all: other workers' builds read the store
                into.parent.mkdir(parents=True, exist_ok=True)
                write_whole(into, partial(shutil.copyfile, entry))

    folder = made_once(tmp_path_factory, "sample", make)
    before = json.loads((folder / "inputs-before.json").read_text(encoding="utf-8"))
    return SampleBuild(Run.load(folder / "run.json"), folder / "outputs", before)


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
    def make(folder: Path) -> None:
        inputs = folder / "inputs"
        shutil.copytree(SAMPLE, inputs)
        second_school(inputs)
        run = run_cli("build", "--inputs", str(inputs), "--out", str(folder / "outputs"))
        assert run.code == 0, run.text
        run.save(folder / "run.json")

    folder = made_once(tmp_path_factory, "second", make)
    name = f"st-aidan-s-church-of-england-academy-lppa-pack-{TERM}.pdf"
    run = Run.load(folder / "run.json")
    return SampleBuild(run, folder / "outputs", school=SECOND, pack_name=name)


@pytest.fixture
def built_copy(sample_build: SampleBuild, tmp_path: Path) -> SampleBuild:
    """A private copy of the sample build's outputs folder, to rebuild over."""
    out = tmp_path / "outputs"
    shutil.copytree(sample_build.out, out)
    return SampleBuild(sample_build.run, out)
