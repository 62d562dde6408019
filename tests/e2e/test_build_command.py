"""The build command's promises: exit codes, nothing written on failure, nothing ever lost."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT, SAMPLE, run_cli, set_cell, without_kept
from tests.e2e.conftest import PACK, TERM, SampleBuild, digests, snapshot

pytestmark = pytest.mark.libreoffice


TERM_LABEL = "2017-18 Term 4"


def test_inputs_are_read_only_to_the_build(sample_build: SampleBuild) -> None:
    assert sample_build.run.code == 0
    assert digests(SAMPLE) == sample_build.inputs_before


def test_a_rebuild_keeps_the_pack_it_replaces(built_copy: SampleBuild) -> None:
    first = built_copy.pack.read_bytes()
    # Printed double-sided: another pack (blank pages before sections), so it is built again.
    run = run_cli("build", "--inputs", str(SAMPLE), "--out", str(built_copy.out), "--duplex")
    assert run.code == 0, run.text
    assert built_copy.pack.read_bytes() != first
    kept = list((built_copy.folder / "superseded").glob(f"*/{PACK}"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == first
    again = run_cli("build", "--inputs", str(SAMPLE), "--out", str(built_copy.out), "--no-duplex")
    assert again.code == 0, again.text
    assert len(list((built_copy.folder / "superseded").glob(f"*/{PACK}"))) == 2


def test_a_rebuild_with_nothing_changed_says_so_and_leaves_the_pack(
    built_copy: SampleBuild,
) -> None:
    before = snapshot(built_copy.out)
    run = run_cli("build", "--inputs", str(SAMPLE), "--out", str(built_copy.out))
    assert run.code == 0, run.text
    assert (
        "Nothing has changed since the last build of Meadowbank Primary School, 2017-18 Term 4"
        in run.out
    )
    assert "Writing the documents" not in run.out
    assert f"Pack:         {built_copy.pack} (" in run.out
    assert "Warnings:     12 " in run.out  # the checks still run, and say what to act on
    assert snapshot(built_copy.out) == before


def test_a_changed_evidence_file_is_a_change(built_copy: SampleBuild, inputs: Path) -> None:
    """Not only the workbooks: a file in the evidence folder, edited, makes a new pack."""
    photo = next((inputs / "evidence").glob("*.jpg"))
    photo.write_bytes(photo.read_bytes() + b"\0")
    run = run_cli("build", "--inputs", str(inputs), "--out", str(built_copy.out))
    assert run.code == 0, run.text
    assert "Writing the documents" in run.out
    assert len(list((built_copy.folder / "superseded").glob(f"*/{PACK}"))) == 1


def test_a_rebuild_converts_only_what_changed_and_makes_the_same_pack(
    built_copy: SampleBuild, inputs: Path, tmp_path: Path
) -> None:
    """One rating changed: the documents that did not change are not converted again, and
    the pack is byte for byte the pack a first build of the same workbooks makes."""
    set_cell(inputs, "ratings.xlsx", "Ratings", "Rating", 99, "Partly achieved")  # KPI 8.1
    # Through the cache the copy of the sample's outputs folder carries, as a coordinator's.
    run = run_cli(
        "build", "--inputs", str(inputs), "--out", str(built_copy.out), env=without_kept()
    )
    assert run.code == 0, run.text
    assert "unchanged since an earlier build: their PDFs were kept" in run.out
    fresh = run_cli(
        "build", "--inputs", str(inputs), "--out", str(tmp_path / "fresh"), env=without_kept()
    )
    assert fresh.code == 0, fresh.text
    assert "unchanged since an earlier build" not in fresh.out
    assert list((tmp_path / "fresh" / ".cache" / "pdf").glob("*.pdf"))  # kept for the next
    assert (tmp_path / "fresh" / TERM / PACK).read_bytes() == built_copy.pack.read_bytes()


def test_bad_inputs_stop_the_build_and_change_nothing(
    built_copy: SampleBuild, inputs: Path
) -> None:
    before = snapshot(built_copy.out)
    set_cell(inputs, "ratings.xlsx", "Ratings", "Rating", 2, "Nearly")
    set_cell(inputs, "school.xlsx", "Terms", "Ends", 2, "10/21/2016")
    run = run_cli("build", "--inputs", str(inputs), "--out", str(built_copy.out))
    assert run.code == 1
    assert "Traceback" not in run.text
    assert run.err.splitlines()[-1] == "Stopped: 2 problems in 2 workbooks; nothing was written."
    assert (
        '  ratings.xlsx, sheet Ratings, row 2, column Rating: "Nearly" is not a rating.' in run.err
    )
    assert snapshot(built_copy.out) == before


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    run = run_cli("build", "--strict", "--inputs", str(SAMPLE), "--out", str(tmp_path / "out"))
    assert run.code == 1
    assert "KPI 8.3 was not re-rated" in run.err
    assert run.err.splitlines()[-1] == "Stopped: 12 problems in 3 workbooks; nothing was written."
    assert not (tmp_path / "out").exists()


def test_check_reads_and_checks_only(tmp_path: Path) -> None:
    run = run_cli("check", "--inputs", str(SAMPLE))
    assert run.code == 0, run.text
    assert "The workbooks are ready to build Meadowbank Primary School, 2017-18 Term 4" in run.out


def test_no_libreoffice_is_exit_2_with_the_install_line(tmp_path: Path) -> None:
    env = dict(os.environ, LPPA_SOFFICE=str(tmp_path / "no-soffice-here"))
    run = run_cli("build", "--inputs", str(SAMPLE), "--out", str(tmp_path / "out"), env=env)
    assert run.code == 2
    assert "Traceback" not in run.text
    assert "sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui" in run.err
    assert not (tmp_path / "out" / TERM).exists()


def test_an_output_folder_that_cannot_be_made_is_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    run = run_cli("build", "--inputs", str(SAMPLE), "--out", str(blocker / "outputs"))
    assert run.code == 2
    assert f"The output folder {blocker / 'outputs'} cannot be written" in run.err
    assert "Traceback" not in run.text


def two_schools(tmp_path: Path) -> Path:
    folder = tmp_path / "schools"
    for name in ("meadowbank", "oak-lane"):
        shutil.copytree(SAMPLE, folder / name)
    set_cell(folder / "oak-lane", "school.xlsx", "School", "Value", 2, "Oak Lane Primary School")
    return folder


def test_several_schools_in_one_command(tmp_path: Path, kept_between_builds: Path) -> None:
    kept_before = set(kept_between_builds.glob("pdf/*.pdf"))
    run = run_cli("build", "--inputs", str(two_schools(tmp_path)), "--out", str(tmp_path / "out"))
    assert run.code == 0, run.text
    # What they converted kept where LPPA_CACHE says, for every school, none in the outputs.
    assert set(kept_between_builds.glob("pdf/*.pdf")) > kept_before
    assert not list((tmp_path / "out").glob("*/.cache/pdf"))
    assert run.out.startswith("2 schools in ")
    # One worker per core: both at once on two cores or more.
    assert f"Building 2 schools, {min(2, os.cpu_count() or 1)} at a time …" in run.out
    for slug in ("meadowbank-primary-school", "oak-lane-primary-school"):
        assert (tmp_path / "out" / slug / TERM / f"{slug}-lppa-pack-{TERM}.pdf").is_file()
    # Each school's output in one piece, then a table of all of them.
    for name in ("meadowbank", "oak-lane"):
        block = run.out.split(f"— {name} —\n")[1]
        assert block.startswith("Reading the workbooks in ")
        assert "Pack:         " in block.split("— ")[0]
    table = run.out.split("All schools:\n")[1].splitlines()
    assert table[0].split() == [
        "School",
        "folder",
        "Pack",
        "Warnings",
        "Overdue",
        "KPIs",
        "with",
        "evidence",
    ]
    assert table[1].split() == ["meadowbank", "43", "pages", "12", "4", "22", "of", "34"]
    assert table[2].split()[0] == "oak-lane"
    # And a page of them all, each school's row linking to its readiness page.
    overview = tmp_path / "out" / "overview.html"
    assert f"Overview:  {overview} (each school's readiness page, linked)" in run.out
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', overview.read_text(encoding="utf-8"))
    assert [name for _, name in links] == ["Meadowbank Primary School", "Oak Lane Primary School"]
    page = overview.read_text(encoding="utf-8")
    assert '<th scope="col">Term</th>' in page and page.count(f"<td>{TERM_LABEL}</td>") == 2
    for href, _ in links:
        assert (overview.parent / href).resolve() == (
            tmp_path / "out" / href.split("/")[0] / TERM / "readiness.html"
        ).resolve()
        assert (overview.parent / href).is_file()


def test_schools_with_the_same_name_get_their_own_folders(tmp_path: Path) -> None:
    """There are hundreds of St Mary's: a clash is said before anything is done, and each
    school's folder takes its URN, or its inputs folder's name where the URN is shared too."""
    folder = tmp_path / "schools"
    for name, urn in (("st-marys-hull", "111111"), ("st-marys-leeds", "111111"), ("york", "222")):
        shutil.copytree(SAMPLE, folder / name)
        set_cell(folder / name, "school.xlsx", "School", "Value", 2, "St Mary's Primary School")
        set_cell(folder / name, "school.xlsx", "School", "Value", 3, urn)
    run = run_cli("check", "--inputs", str(folder))
    assert run.code == 0, run.text
    assert (
        "3 schools are named St Mary's Primary School (st-marys-hull, st-marys-leeds, york): "
        "each gets its own folder: st-mary-s-primary-school-st-marys-hull/, "
        "st-mary-s-primary-school-st-marys-leeds/, st-mary-s-primary-school-222/." in run.out
    )


def test_one_school_s_problem_stops_every_school(tmp_path: Path) -> None:
    schools = two_schools(tmp_path)
    set_cell(schools / "oak-lane", "ratings.xlsx", "Ratings", "Rating", 2, "Nearly")
    run = run_cli("build", "--inputs", str(schools), "--out", str(tmp_path / "out"))
    assert run.code == 1
    assert f"In {schools / 'oak-lane'}:" in run.err
    assert run.err.splitlines()[-1] == (
        "Stopped: 1 problem for 1 of 2 schools; nothing was written for any school."
    )
    assert not (tmp_path / "out").exists()


def test_output_the_console_cannot_show_never_ends_the_command(built_copy: SampleBuild) -> None:
    """A console (or a file it redirects to) in a code page without "…" or "Ł": the command
    prints a stand-in character and goes on, rather than ending in a traceback."""
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    run = run_cli("build", "--inputs", str(SAMPLE), "--out", str(built_copy.out), env=env)
    assert run.code == 0, run.text
    assert "Traceback" not in run.text
    assert f"Reading the workbooks in {SAMPLE}/ ?" in run.out


def test_output_piped_to_a_program_that_stops_reading(built_copy: SampleBuild) -> None:
    """``… | head``: the reader is gone before the command writes; it ends as a program ended
    by SIGPIPE does (141), with nothing said on a closed pipe and no traceback."""
    command = [sys.executable, "-m", "pipeline", "build", "--inputs", str(SAMPLE)]
    process = subprocess.Popen(
        [*command, "--out", str(built_copy.out)],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader stops before the first line
    _, err = process.communicate(timeout=300)
    assert process.returncode == 141, err
    assert b"Traceback" not in err and b"Exception ignored" not in err, err


@pytest.mark.parametrize("inside", [".", "outputs", "evidence"])
def test_an_output_folder_inside_the_inputs_is_refused(inputs: Path, inside: str) -> None:
    """--out the inputs folder, or inside it: every rebuild found changed inputs and filed
    another copy of the pack inside them (#28, item 8). Refused at once, nothing written."""
    before = digests(inputs)
    run = run_cli("build", "--inputs", str(inputs), "--out", str(inputs / inside))
    assert run.code == 2
    assert "a pack written there would change the inputs it is made from" in run.err + run.out
    assert "Traceback" not in run.err
    assert digests(inputs) == before


def test_inputs_inside_the_output_folder_is_refused(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "inputs")
    run = run_cli("build", "--inputs", str(tmp_path / "inputs"), "--out", str(tmp_path))
    assert run.code == 2
    assert f"The output folder {tmp_path} holds the inputs folder" in run.err + run.out


def test_a_school_name_of_thousands_of_characters_builds(inputs: Path, tmp_path: Path) -> None:
    """A 5,000-character school name ended in "File name too long" (#28, item 6), and fitting
    it to each running head took minutes: the pack is built and proven, under a short name."""
    import openpyxl

    book = openpyxl.load_workbook(inputs / "school.xlsx")
    sheet = book["School"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "School name")
    sheet.cell(row=row, column=2).value = "Meadowbank " * 450 + "Primary School"
    book.save(inputs / "school.xlsx")
    run = run_cli("build", "--inputs", str(inputs), "--out", str(tmp_path / "out"))
    assert run.code == 0, run.err
    assert "Proof: 446 of 446 items found on their pages." in run.out
    (pack,) = (tmp_path / "out").rglob("*-lppa-pack-*.pdf")
    assert len(pack.name) < 120
