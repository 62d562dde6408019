"""The whole pack as the verifier holds it: front matter, a true contents page, the portfolio
index with appendix pages, the evidence appendix, and bookmarks to every item."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLE, edit, run_cli, set_cell
from tests.e2e.conftest import PACK, TERM, SampleBuild, page_text
from tests.e2e.test_sample_pack import layout_text, outline_parts, part_pages

pytestmark = pytest.mark.libreoffice


def flat(text: str) -> str:
    return " ".join(text.replace("\uf0b7", " ").split())


def text_of(reader: PdfReader, pages: range) -> str:
    return flat(" ".join(page_text(reader.pages[i]) for i in pages))


def test_the_front_matter(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    cover = text_of(reader, part_pages(reader, "Cover"))
    assert "Meadowbank Primary School Leading Parent Partnership Award Verification pack" in cover
    text = text_of(reader, part_pages(reader, "Verification pack"))
    assert "Registration 10 January 2017 done" in text
    assert "Interim visit 12 October 2017 done" in text
    assert "Verification visit 25 April 2018 planned" in text
    assert "Re-verification due 25 April 2021 (three years after verification) planned" in text
    assert "Ms Aisha Rahman Parent, Friends of Meadowbank Parents" in text
    # The interim follow-up for KPI 2.4: Partly achieved then, its action since, its rating now.
    assert re.search(
        r"2\.4 Partly achieved: The action plan is monitored regularly.*?A07: Review the action "
        r"plan at every working group meeting and log the findings — In progress Partly achieved "
        r"\(2017-18 Term 4\)",
        text,
    )
    assert "09:45 Portfolio review Verifier Mr Daniel Reyes Library" in text


def contents(reader: PdfReader) -> list[tuple[str, int]]:
    pages = part_pages(reader, "Contents")
    entries = []
    for i in pages:
        for line in layout_text(reader.pages[i]).splitlines():
            m = re.match(r"^(.*?)\s*\.{3,}\s*(\d+)$", line.strip())
            if m:
                entries.append((m[1].strip(), int(m[2])))
    return entries


def test_contents_entries_point_at_pages_that_carry_those_titles(
    sample_build: SampleBuild,
) -> None:
    reader = sample_build.reader()
    entries = contents(reader)
    assert len(entries) > 50
    titles = [t for t, _ in entries]
    for section in (
        "Verification pack",
        "School Self-Evaluation Form",
        "Action Plan",
        "Stakeholder evaluation",
        "Portfolio index",
        "Evidence appendix",
        "Monitoring the action plan",
    ):
        assert section in titles
    for title, page in entries:
        wanted = title.rstrip("…").strip()
        printed = flat(page_text(reader.pages[page - 1]))
        assert wanted.casefold() in printed.casefold(), (title, page)


def test_the_portfolio_index(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    text = text_of(reader, part_pages(reader, "Portfolio index"))
    # KPI 1.4 has two items; KPI 8.1 has none.
    assert re.search(
        r"KPI 1\.4: Staff, parents, pupils and partners know the school is working towards the "
        r"award\. Ref Title Type Date Where it is E03 Newsletter announcing the award Letter "
        r"12/05/2017 Portfolio binder, tab 1 E16 Staff briefing notes on the award Document "
        r"2016-17 Term 4 Portfolio binder, tab 1",
        text,
    )
    assert (
        "KPI 8.1: Parents are supported when their child starts school or moves class. No "
        "evidence indexed for this KPI."
    ) in text


def test_the_index_gives_each_printed_item_s_real_page(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    text = text_of(reader, part_pages(reader, "Portfolio index"))
    pages = {}
    for ref in ("E01", "E02", "E05", "E07", "E08", "E09"):
        found = re.search(rf"{ref} (?:(?!E\d\d ).)*?Appendix, page A(\d+)", text)
        assert found, ref
        pages[ref] = int(found[1])
    # E02, E05 and E07 each support two KPIs, and are listed under each.
    assert text.count("Appendix, page A") == 9
    # The appendix numbers its own pages: A1 is its first, and each page says which it is.
    first = part_pages(reader, "Evidence appendix")[0]
    for ref, label in pages.items():
        page = flat(page_text(reader.pages[first + label - 1]))
        assert f"{ref}:" in page
        assert f"Appendix page A{label}" in page


def appendix(reader: PdfReader) -> Any:
    return outline_parts(reader)["Evidence appendix"]


def test_the_bookmark_tree_for_a_kpi_with_two_evidence_items(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    outline = reader.outline
    at = [o.title if not isinstance(o, list) else None for o in outline].index("Evidence appendix")
    objectives = outline[at + 1]
    four = objectives[
        [o.title if not isinstance(o, list) else "" for o in objectives].index(
            "Objective 4: Participation of all groups of parents"
        )
        + 1
    ]
    kpi = four[[o.title if not isinstance(o, list) else "" for o in four].index("KPI 4.2") + 1]
    assert [item.title for item in kpi] == [
        "E07: Family learning workshop slides",
        "E09: Photo: family maths morning",
    ]
    for item in kpi:
        page = flat(page_text(reader.pages[reader.get_destination_page_number(item)]))
        assert "Filed under Objective 4: " in page and item.title in page
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_one_appendix_item_of_each_file_type(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    text = text_of(reader, part_pages(reader, "Evidence appendix"))
    for heading, inside in (
        ("E01: Signed statement of commitment", "Statement of commitment to the Leading Parent"),
        ("E02: Working group minutes, 2017-18", "LPPA working group: minutes"),
        ("E05: Parent survey analysis", "Baseline % positive"),
        ("E07: Family learning workshop slides", "Helping your child with maths"),
        ("E08: Photo: new welcome signs at the main gate", ""),
        ("E09: Photo: family maths morning", ""),
    ):
        assert heading in text
        assert inside in text
    for page in reader.pages:
        width, height = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert (round(width), round(height)) == (595, 842)


def _mean_colour(image: Any) -> tuple[int, ...]:
    small = image.convert("RGB").resize((1, 1))
    return small.getpixel((0, 0))


def test_the_photo_without_consent_is_not_in_the_pack(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    text = text_of(reader, range(len(reader.pages)))
    assert (
        "E10: Photo: parents' reading café"
        not in text.replace("Portfolio index", "")[text.find("Evidence appendix E01") :]
    )
    drawn = [
        image.image
        for i in part_pages(reader, "Evidence appendix")
        for image in reader.pages[i].images
    ]
    assert len(drawn) == 2  # E08 and E09 only
    # The index says why, in words a reader knows (not the workbook's "Consent No").
    index = " ".join(
        text_of(reader, range(i, i + 1)) for i in part_pages(reader, "Portfolio index")
    )
    assert "E10-reading-cafe.jpg (not printed: consent was not given)" in " ".join(index.split())
    from PIL import Image

    withheld = Image.open(SAMPLE / "evidence" / "E10-reading-cafe.jpg")
    target = _mean_colour(withheld)
    for image in drawn:
        colour = _mean_colour(image)
        assert sum(abs(a - b) for a, b in zip(colour, target, strict=True)) > 20


def placed_images(page: Any) -> list[tuple[int, int, float]]:
    """Each image painted on the page: its pixel width and height, and its width on paper in
    points, from the content stream's transformations."""
    from pypdf.generic import ContentStream

    xobjects = page["/Resources"].get("/XObject", {})
    stream = ContentStream(page.get_contents(), page.pdf)
    matrix, saved, found = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], [], []
    for operands, operator in stream.operations:
        if operator == b"q":
            saved.append(matrix)
        elif operator == b"Q":
            matrix = saved.pop()
        elif operator == b"cm":
            a, b, c, d, e, f = (float(x) for x in operands)
            m = matrix
            matrix = [
                a * m[0] + b * m[2],
                a * m[1] + b * m[3],
                c * m[0] + d * m[2],
                c * m[1] + d * m[3],
                e * m[0] + f * m[2] + m[4],
                e * m[1] + f * m[3] + m[5],
            ]
        elif operator == b"Do":
            xobject = xobjects[operands[0]].get_object()
            if xobject.get("/Subtype") == "/Image":
                width = (matrix[0] ** 2 + matrix[1] ** 2) ** 0.5
                found.append((int(xobject["/Width"]), int(xobject["/Height"]), width))
    return found


def test_photos_are_upright_and_printed_at_150_to_200_ppi(sample_build: SampleBuild) -> None:
    """Never upscaled past 150 pixels per inch (a small photo is printed at that size), never
    more than 200 kept (a large one is downsampled)."""
    reader = sample_build.reader()
    placed = [
        image
        for i in part_pages(reader, "Evidence appendix")
        for image in placed_images(reader.pages[i])
    ]
    assert len(placed) == 2  # E08 and E09; E10 has no consent
    for pixels_wide, pixels_high, points_wide in placed:
        assert pixels_wide > pixels_high  # E09 is stored sideways: printed as taken
        ppi = pixels_wide / (points_wide / 72)
        assert 149.5 <= ppi <= 200.5, ppi


def test_the_index_never_sends_the_reader_to_a_page_that_cannot_show_the_item(
    inputs: Path, tmp_path: Path
) -> None:
    """A missing file and a file LibreOffice cannot open each get a "not available" page in the
    appendix and a warning; the index says so instead of giving that page, and its totals
    count only what it indexes (not an item whose KPI the framework lacks)."""
    (inputs / "evidence" / "E01-statement-of-commitment.pdf").unlink()
    (inputs / "evidence" / "E02-working-group-minutes.docx").write_bytes(b"PK\x03\x04 not a zip")
    edit(
        inputs,
        "evidence.xlsx",
        lambda wb: wb["Evidence"].append(
            ["E22", "Visit notes from another award", "12.1", "Document", None, "Binder", "No"]
        ),
    )
    run = run_cli("build", "--inputs", str(inputs), "--out", str(tmp_path / "out"))
    assert run.code == 0, run.text
    reader = PdfReader(tmp_path / "out" / TERM / PACK)
    text = text_of(reader, part_pages(reader, "Evidence appendix"))
    assert (
        "E01: Signed statement of commitment Date: 24/01/2017 · Supports KPI 1.1 · Type: "
        "Document Not available — see the portfolio. It could not be printed here: the file "
        "is not in the evidence folder."
    ) in text
    assert "E02: Working group minutes, 2017-18" in text
    assert "LibreOffice could not convert it" in text
    index = text_of(reader, part_pages(reader, "Portfolio index"))
    assert "E01 Signed statement of commitment Document 24/01/2017 Not available: file missing" in (
        index
    )
    assert "Not available: could not be printed" in index
    assert index.count("E02 Working group minutes, 2017-18") == 2  # under KPIs 1.3 and 2.4
    assert not re.search(r"E0[12] [^E]*Appendix, page", index)
    assert (
        "21 items of evidence indexed here, supporting 22 of 34 KPIs; 4 printed in the evidence "
        "appendix, 2 marked for it but not available, 1 marked for it but not printed for want of "
        "consent. Items printed in the evidence appendix are at the appendix page given (A1, A2 "
        "…, at the foot of its pages); where each other item is kept (the school's website, the "
        "portfolio binder, a folder) is given beside it."
    ) in index  # not "the rest are on the website or in the binder" (#27, item 8)
    assert "E22" not in index
    report = (tmp_path / "out" / TERM / "build-report.txt").read_text(encoding="utf-8")
    assert '"E01-statement-of-commitment.pdf" is not in the evidence folder' in report
    assert (
        "E02 could not be printed in the evidence appendix (LibreOffice could not convert it)"
        in (report)
    )
    assert re.search(r"Proof: (\d+) of \1 items found on their pages\.", report)


def test_double_sided_starts_each_section_on_a_right_hand_page(
    inputs: Path,
    tmp_path: Path,
) -> None:
    set_cell(inputs, "school.xlsx", "Settings", "Value", 3, "Yes")
    run = run_cli("build", "--inputs", str(inputs), "--out", str(tmp_path / "out"))
    assert run.code == 0, run.text
    reader = PdfReader(tmp_path / "out" / TERM / PACK)
    starts = [page for page, _ in outline_parts(reader).values()]
    assert all(page % 2 == 0 for page in starts)  # 0-based: page 1, 3, 5 … as printed
    total = len(reader.pages)
    blank = 0
    for number, page in enumerate(reader.pages, start=1):
        text = page_text(page)
        assert f"Page {number} of {total}" in text  # blank pages numbered too
        if "intentionally" in text:
            assert flat(text) == f"This page is intentionally left blank. Page {number} of {total}"
            assert number % 2 == 0  # a left-hand page
            blank += 1
    assert blank > 0


def test_two_builds_of_the_same_inputs_are_the_same(
    sample_build: SampleBuild, tmp_path: Path
) -> None:
    run = run_cli("build", "--inputs", str(SAMPLE), "--out", str(tmp_path / "again"))
    assert run.code == 0, run.text
    again = tmp_path / "again" / TERM / PACK
    assert again.read_bytes() == sample_build.pack.read_bytes()


def test_the_sample_pack_is_small(sample_build: SampleBuild) -> None:
    assert sample_build.pack.stat().st_size < 10 * 1024 * 1024


def test_the_self_evaluation_form_has_a_bookmark_for_every_kpi(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    outline = reader.outline
    at = [o.title if not isinstance(o, list) else None for o in outline].index(
        "School Self-Evaluation Form"
    )
    objectives = outline[at + 1]
    kpis = [k for group in objectives if isinstance(group, list) for k in group]
    assert len(kpis) == 34
    for kpi in kpis:
        number = kpi.title.removeprefix("KPI ")
        page = reader.pages[reader.get_destination_page_number(kpi)]
        lines = layout_text(page).splitlines()
        assert any(re.match(rf"\s*{re.escape(number)}\s{{2,}}", line) for line in lines), number
    # Placed from the bookmarks the form's renderer put on each KPI row, which stay in the pack
    # as named destinations (pack.pdf#kpi-8-3 opens at KPI 8.3).
    named = {
        str(name).lstrip("/"): reader.get_destination_page_number(place)
        for name, place in reader.named_destinations.items()
    }
    assert named == {
        "kpi-"
        + kpi.title.removeprefix("KPI ").replace(".", "-"): reader.get_destination_page_number(kpi)
        for kpi in kpis
    }
