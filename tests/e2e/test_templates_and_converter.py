"""The Word template a school may restyle, and the converter that turns documents into PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from pipeline.build import check
from pipeline.documents import self_evaluation
from pipeline.documents.render import render_docx, undeclared
from pipeline.errors import ConversionError
from pipeline.pack.assemble import destinations
from pipeline.pack.convert import (
    Office,
    convert,
    convert_to_pdf,
    find_soffice,
    is_pdf,
    profile_kept,
)
from pipeline.stages import Checked, Options
from tests.conftest import SAMPLE, TEMPLATES
from tests.faults.fakes import faulty_soffice, with_fault

pytestmark = pytest.mark.libreoffice


def all_paragraphs(path: Path) -> list[object]:
    doc = Document(str(path))
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for section in doc.sections:
        paragraphs.extend(section.header.paragraphs)
        paragraphs.extend(section.footer.paragraphs)
    return paragraphs


def sample() -> Checked:
    return check(Options(inputs=SAMPLE), today=date(2026, 11, 23))


def sample_context() -> dict[str, object]:
    checked = sample()
    return self_evaluation.self_evaluation_context(checked.school, checked.summary, checked.as_of)


def test_no_tag_is_split_across_runs_or_typed_with_curly_quotes() -> None:
    for paragraph in all_paragraphs(TEMPLATES / self_evaluation.TEMPLATE):
        for run in paragraph.runs:  # type: ignore[attr-defined]
            text = run.text
            assert text.count("{{") == text.count("}}"), text
            assert text.count("{%") == text.count("%}"), text
            for tag in re.findall(r"\{[{%].*?[}%]\}", text):
                assert not re.search("[‘’“”]", tag), tag


def test_the_template_uses_exactly_what_the_context_gives() -> None:
    assert undeclared(TEMPLATES / self_evaluation.TEMPLATE) == set(sample_context())


def rendered_text(path: Path) -> str:
    return "\n".join(p.text for p in all_paragraphs(path))  # type: ignore[attr-defined]


def test_the_template_re_saved_by_libreoffice_still_renders(tmp_path: Path) -> None:
    resaved = convert([TEMPLATES / self_evaluation.TEMPLATE], tmp_path / "resaved", "docx")
    template = resaved[TEMPLATES / self_evaluation.TEMPLATE]
    out = tmp_path / "self-evaluation.docx"
    render_docx(template, sample_context(), out)
    text = rendered_text(out)
    assert "Objective 9: Summary of achievements and future plans" in text
    assert "All 34 KPIs" in text
    assert "{{" not in text and "{%" not in text
    pdf = convert([out], tmp_path / "pdf", "pdf-marked")[out]
    assert is_pdf(pdf)
    # The KPI rows' bookmarks survive the round trip: the pack's KPI bookmarks still come.
    places = destinations(pdf)
    assert sorted(places) == sorted(
        f"kpi-{k.kpi.id.replace('.', '-')}" for k in sample().summary.kpis
    )
    assert len(places) == 34 and places["kpi-1-1"] <= places["kpi-9-2"]


def test_data_that_looks_like_markup_is_printed_as_typed(tmp_path: Path) -> None:
    context = sample_context()
    kpi = context["objectives"][0]["kpis"][0]  # type: ignore[index]
    kpi["achievements"] = "Parents & carers <all> {{ welcome }}\nSecond line"
    out = tmp_path / "self-evaluation.docx"
    render_docx(TEMPLATES / self_evaluation.TEMPLATE, context, out)
    text = rendered_text(out)
    assert "Parents & carers <all> {{ welcome }}" in text
    assert "Second line" in text


def test_several_documents_convert_in_one_run(tmp_path: Path) -> None:
    evidence = SAMPLE / "evidence"
    sources = [
        evidence / "E02-working-group-minutes.docx",
        evidence / "E05-parent-survey-analysis.xlsx",
        evidence / "E07-family-learning-workshop.pptx",
    ]
    pdfs = convert_to_pdf(sources, tmp_path)
    assert all(is_pdf(pdfs[s]) for s in sources)


def test_a_document_libreoffice_cannot_load_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes((TEMPLATES / self_evaluation.TEMPLATE).read_bytes()[:3000])
    with pytest.raises(ConversionError) as failure:
        convert_to_pdf([broken], tmp_path / "out")
    assert failure.value.message.startswith(
        "LibreOffice could not turn broken.docx into PDF (tried twice)."
    )


def test_a_hung_conversion_is_killed_with_its_whole_process_group(tmp_path: Path) -> None:
    # A copy of its own, whose path is on LibreOffice's command line: its processes are told
    # apart from another test's running beside it (the tests run on every core). A fresh
    # LibreOffice makes nothing in its first 0.3 s: to the watchdog, it has hung.
    minutes = tmp_path / "E02-working-group-minutes.docx"
    shutil.copyfile(SAMPLE / "evidence" / minutes.name, minutes)
    with pytest.raises(ConversionError) as failure:
        convert_to_pdf([minutes], tmp_path / "out", timeout=0.3)
    assert "no progress on E02-working-group-minutes.docx for 0 seconds" in failure.value.message
    left = subprocess.run(["pgrep", "-f", str(minutes)], capture_output=True, check=False)
    assert left.stdout == b""


def running(marker: Path) -> list[str]:
    """The LibreOffice programs (soffice.bin) whose command line names ``marker``."""
    found = subprocess.run(["pgrep", "-f", str(marker)], capture_output=True, text=True)
    named = {pid: Path(f"/proc/{pid}/comm") for pid in found.stdout.split()}
    return [pid for pid, comm in named.items() if comm.exists() and "soffice" in comm.read_text()]


def test_one_libreoffice_serves_every_conversion_of_a_build_and_stops_with_it(
    tmp_path: Path,
) -> None:
    minutes = SAMPLE / "evidence" / "E02-working-group-minutes.docx"
    with Office() as office:
        first = office.convert([TEMPLATES / self_evaluation.TEMPLATE], tmp_path / "one")
        serving = running(office.profile)
        second = office.convert([minutes], tmp_path / "two")
        assert running(office.profile) == serving != []
    assert is_pdf(next(iter(first.values()))) and is_pdf(second[minutes])
    assert len(PdfReader(second[minutes]).pages) >= 1
    assert running(office.profile) == []
    assert not office.profile.exists()


def test_a_hung_conversion_in_the_running_libreoffice_is_stopped_and_tried_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hang is brought by the stand-in soffice (tests/faults/fake_soffice.py), on this
    file only: a warm LibreOffice can beat any timeout short enough for a test. The running
    LibreOffice, the conversion afterwards and every process looked for are the real ones."""
    hangs = tmp_path / "E07-family-learning-workshop.pptx"
    shutil.copyfile(SAMPLE / "evidence" / hangs.name, hangs)
    with_fault(hangs, "hang")  # the stand-in LibreOffice never finishes it
    for name, value in faulty_soffice(tmp_path / "fake").items():
        monkeypatch.setenv(name, value)
    minutes = SAMPLE / "evidence" / "E02-working-group-minutes.docx"
    with Office() as office:
        with pytest.raises(ConversionError) as failure:
            office.convert([hangs], tmp_path / "out", timeout=2)
        assert running(office.profile) == []  # stopped, not left working on it
        again = office.convert([minutes], tmp_path / "again")  # in a LibreOffice started afresh
        assert running(office.profile) != []
    assert "no progress on E07-family-learning-workshop.pptx for 2 seconds" in failure.value.message
    assert is_pdf(again[minutes])
    assert running(office.profile) == []


def test_libreoffice_starts_from_the_profile_an_earlier_build_kept(tmp_path: Path) -> None:
    """The first LibreOffice that converts keeps its profile when told the build ended well;
    the next starts from a copy of it (LibreOffice's own files there, before it writes any);
    one that was not told to keep it, or converted nothing, keeps nothing."""
    minutes = SAMPLE / "evidence" / "E02-working-group-minutes.docx"
    kept = tmp_path / "kept"
    with Office(kept=kept) as office:
        office.convert([minutes], tmp_path / "one")
    assert not kept.exists()  # closed without keep: a stopped or failed build
    office = Office(kept=kept)
    office.close(keep=True)
    assert not kept.exists()  # nothing converted: its profile may be half made
    office = Office(kept=kept)
    office.convert([minutes], tmp_path / "two")
    office.close(keep=True)
    (profile,) = kept.iterdir()
    assert profile.name.startswith("libreoffice-profile-")
    made = sorted(p.relative_to(profile) for p in profile.rglob("*"))
    assert Path("registrymodifications.xcu") in made
    with Office(kept=kept) as office:
        started = [
            p.relative_to(office.profile / "user") for p in (office.profile / "user").rglob("*")
        ]
        assert set(made) <= set(started)
        done = office.convert([minutes], tmp_path / "three")
    assert is_pdf(done[minutes])


def test_a_kept_profile_that_is_spoilt_does_not_stop_the_conversions(tmp_path: Path) -> None:
    """A kept profile spoilt (a disk error, a half-synchronised copy): LibreOffice still
    converts, from it or, if it cannot start from it, afresh (and the spoilt one is removed)."""
    minutes = SAMPLE / "evidence" / "E02-working-group-minutes.docx"
    spoilt = profile_kept(find_soffice(), tmp_path / "kept")
    (spoilt / "extensions").mkdir(parents=True)
    (spoilt / "registrymodifications.xcu").write_bytes(b"\x00not xml" * 100)
    (spoilt / "extensions" / "buildid").write_text("<oor:items", encoding="utf-8")
    with Office(kept=tmp_path / "kept") as office:
        done = office.convert([minutes], tmp_path / "out")
    assert is_pdf(done[minutes])
