"""The sample school's pack as the verifier holds it: real LibreOffice, PDF text read back."""

from __future__ import annotations

import re
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import NameObject, NumberObject, RectangleObject

from tests.conftest import SAMPLE
from tests.e2e.conftest import PACK, TERM, SampleBuild, page_text

pytestmark = pytest.mark.libreoffice


O9 = "Objective 9: summary of achievements and future plans"


_COPIES: WeakKeyDictionary[Any, PdfWriter] = WeakKeyDictionary()  # each pack's pages, turned


def layout_text(page: Any) -> str:
    """A page's text laid out as it reads: a landscape page turned on its portrait sheet
    (/Rotate 90) is first turned upright, as a viewer shows it."""
    if page.rotation != 90:
        return page_text(page, "layout")
    if page.pdf not in _COPIES:
        _COPIES[page.pdf] = PdfWriter(clone_from=page.pdf)
        for turned in _COPIES[page.pdf].pages:
            if turned.rotation == 90:
                width, height = float(turned.mediabox.width), float(turned.mediabox.height)
                turned.add_transformation(Transformation((0, -1, 1, 0, 0, height)))
                turned.mediabox = RectangleObject([0, 0, height, width])
                turned[NameObject("/Rotate")] = NumberObject(0)
    return page_text(_COPIES[page.pdf].pages[page.page_number], "layout")


def page_lines(reader: PdfReader, pages: range | None = None) -> list[str]:
    return [
        line
        for index in pages or range(len(reader.pages))
        for line in layout_text(reader.pages[index]).splitlines()
    ]


def test_the_build_succeeds_and_says_where_the_pack_is(sample_build: SampleBuild) -> None:
    run = sample_build.run
    assert run.code == 0, run.text
    assert "Traceback" not in run.text
    pages = len(PdfReader(sample_build.pack).pages)
    assert 38 <= pages <= 46  # the sample's 6 documents and 6 evidence items, as one book
    assert f"Pack:         {sample_build.out}/{TERM}/{PACK} ({pages} pages)" in run.out
    assert (
        "KPIs:         21 Fully achieved, 12 Partly achieved, 1 Much more development needed "
        "(34 KPIs)" in run.out
    )
    assert "Evidence:     22 of 34 KPIs have at least one item of evidence" in run.out
    assert "Overdue:      4 actions (A11, A13, A22, A29)" in run.out
    assert (
        "Warnings:     12 (overdue actions 4, self-evaluation 2, reality check 1, action plan 4, "
        "consent 1)" in run.out
    )
    assert sorted(p.name for p in sample_build.folder.iterdir()) == sorted(
        [
            ".build-key.json",  # what the pack was made from: a rebuild of the same says so
            "action-plan.xlsx",
            "build-report.txt",
            "build.json",  # this build's record, for the next one's "what changed"
            "readiness.html",  # the coordinator's page
            PACK,
            "self-evaluation.docx",
            "objective-9-summary.docx",
            "progress-by-term.html",
            "stakeholder-evaluation.docx",
            "verification-pack.docx",
            "portfolio-index.docx",
        ]
    )


def expected_ratings() -> dict[str, tuple[str, str, str]]:
    """Each KPI's baseline and current rating and movement, from the sample's own data."""
    import sys

    sys.path.insert(0, str(SAMPLE.parent / "scripts"))
    import sample_data

    order = ["Much more development needed", "Partly achieved", "Fully achieved"]
    expected = {}
    for kpi, (baseline, _, current) in sample_data.RATINGS.items():
        now = current or _  # not re-rated: keeps its earlier rating
        change = order.index(now) - order.index(baseline)
        movement = "Improved" if change > 0 else "Declined" if change < 0 else "No change"
        expected[kpi] = (baseline, now, movement)
    return expected


def test_every_kpi_line_shows_its_baseline_and_current_rating(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    lines = page_lines(reader, part_pages(reader, "School Self-Evaluation Form"))
    expected = expected_ratings()
    assert len(expected) == 34
    for kpi, (baseline, current, movement) in expected.items():
        found = [line for line in lines if re.match(rf"\s*{re.escape(kpi)}\s{{2,}}", line)]
        assert len(found) == 1, (kpi, found)
        line = found[0]
        pattern = rf"{re.escape(baseline)}\s{{2,}}{re.escape(current)}.*\s{{2,}}{movement}\b"
        assert re.search(pattern, line), (kpi, line)


def test_a_kpi_not_re_rated_says_when_it_was_rated(sample_build: SampleBuild) -> None:
    text = " ".join(" ".join(page_lines(sample_build.reader())).split())
    assert "Partly achieved (as rated in" in text


def test_every_page_shows_its_own_number_and_the_labels_match(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    total = len(reader.pages)
    assert total >= 4
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in page_text(page)
    assert reader.page_labels == [str(n) for n in range(1, total + 1)]


def test_bookmarks_lead_to_the_form_and_each_objective(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    outline = reader.outline
    at = [o.title if not isinstance(o, list) else None for o in outline].index(
        "School Self-Evaluation Form"
    )
    children = [c for c in outline[at + 1] if not isinstance(c, list)]
    assert [c.title.split(":")[0] for c in children] == [f"Objective {n}" for n in range(1, 10)]
    for child in children:
        page = reader.pages[reader.get_destination_page_number(child)]
        flat = " ".join(page_text(page).split())
        assert child.title in flat
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_the_pack_says_what_it_is(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    meta = reader.metadata
    assert meta is not None
    assert (
        meta.title == "Meadowbank Primary School: Leading Parent Partnership Award, 2017-18 Term 4"
    )
    assert meta.author == "Mr Daniel Reyes"
    assert meta.subject == "Leading Parent Partnership Award verification pack"
    assert meta["/CreationDate"] == "D:20180329000000Z"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    for page in reader.pages:
        width, height = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert (round(width), round(height)) == (595, 842)  # A4


def test_the_counts_per_rating_per_objective(sample_build: SampleBuild) -> None:
    text = " ".join(" ".join(page_lines(sample_build.reader())).split())
    assert "4 KPIs: 4 Fully achieved, 0 Partly achieved, 0 Much more development needed." in text
    assert re.search(r"All 34 KPIs\s+21\s+12\s+1\s+0\s+30", text)


def test_the_build_report_lists_the_warning_and_the_converter(sample_build: SampleBuild) -> None:
    report = (sample_build.folder / "build-report.txt").read_text(encoding="utf-8")
    assert "Build report: Meadowbank Primary School, 2017-18 Term 4" in report
    assert "Converted by: LibreOffice" in report
    assert "Self-evaluation: rate, confirm or evidence these KPIs (2)" in report
    assert "Overdue actions: complete them or agree new dates (4)" in report
    assert "KPI 8.3 was not re-rated for 2017-18 Term 4" in report


def outline_parts(reader: PdfReader) -> dict[str, tuple[int, list[tuple[str, int]]]]:
    """Each top-level bookmark: its page and its children's titles and pages."""
    parts: dict[str, tuple[int, list[tuple[str, int]]]] = {}
    last = ""
    for item in reader.outline:
        if isinstance(item, list):
            parts[last] = (
                parts[last][0],
                [
                    (child.title, reader.get_destination_page_number(child))
                    for child in item
                    if not isinstance(child, list)
                ],
            )
        else:
            last = item.title
            parts[last] = (reader.get_destination_page_number(item), [])
    return parts


def part_pages(reader: PdfReader, title: str) -> range:
    parts = outline_parts(reader)
    starts = sorted(page for page, _ in parts.values())
    start = parts[title][0]
    end = next((s for s in starts if s > start), len(reader.pages))
    return range(start, end)


def action_plan_pages(reader: PdfReader) -> range:
    return part_pages(reader, "Action Plan")


def test_the_action_plan_has_its_own_bookmark_with_its_objectives_and_monitoring(
    sample_build: SampleBuild,
) -> None:
    reader = sample_build.reader()
    parts = outline_parts(reader)
    assert list(parts) == [
        "Cover",
        "Contents",
        "Verification pack",
        "School Self-Evaluation Form",
        "Action Plan",
        "Stakeholder evaluation",
        O9,
        "Portfolio index",
        "Evidence appendix",
    ]
    start, children = parts["Action Plan"]
    assert [title.split(":")[0] for title, _ in children] == [
        *(f"Objective {n}" for n in range(1, 10)),
        "Monitoring the action plan",  # the school's KPI 2.4 evidence, found in one step
    ]
    for title, page in children:
        assert page >= start
        assert title in " ".join(page_text(reader.pages[page]).split())
    assert [page for _, page in children] == sorted(page for _, page in children)


def test_the_action_plan_pages_hold_every_action_in_full(sample_build: SampleBuild) -> None:
    import sys

    sys.path.insert(0, str(SAMPLE.parent / "scripts"))
    import sample_data

    reader = sample_build.reader()

    def flat(text: str) -> str:  # a line may wrap after a dash
        return re.sub(r"([–-]) ", r"\1", " ".join(text.split()))

    text = flat(" ".join(page_text(reader.pages[i]) for i in action_plan_pages(reader)))
    for row in sample_data.ACTIONS:
        ref, action, notes = row[0], row[2], row[12]
        assert ref in text
        assert flat(action) in text, ref
        if notes:
            assert flat(notes) in text, ref


def test_no_text_on_the_action_plan_prints_smaller_than_8_points(
    sample_build: SampleBuild,
) -> None:
    from pypdf import mult

    reader = sample_build.reader()
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            m = mult(tm, cm)
            sizes.append(size * (m[2] ** 2 + m[3] ** 2) ** 0.5)

    for index in action_plan_pages(reader):
        reader.pages[index].extract_text(visitor_text=visit)
    assert sizes
    assert min(sizes) >= 8 - 0.05, min(sizes)


def test_the_objective_9_summary_reads_back_from_the_pdf(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    pages = part_pages(reader, O9)
    text = " ".join(" ".join(page_text(reader.pages[i]).split()) for i in pages)
    assert "The coordinator's words are from the Objective 9 sheet of school.xlsx." in text
    assert (
        "Objective 3: A welcoming, communicative and friendly school Achievements Welcome signs "
        "in three languages; a text service used by 86% of families. Impact Parents feeling "
        "welcome rose from 77% to 91% (survey)." in text
    )
    assert "The coordinator has not written a summary for objective 5 yet." in text
    _, children = outline_parts(reader)[O9]
    assert [t for t, _ in children][-3:] == [
        "Next priorities",
        "Impact measures",
        "Achieved term by term",
    ]


def test_the_charts_are_in_the_pdf_at_print_resolution(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    widths = {
        image.image.size[0] for i in part_pages(reader, O9) for image in reader.pages[i].images
    }
    # About 160 mm wide at 300 dots per inch: some 1,880 pixels.
    assert max(widths) >= 1800


def test_the_reality_check_stands_beside_the_rating(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    sef = " ".join(
        " ".join(page_text(reader.pages[i]).split())
        for i in part_pages(reader, "School Self-Evaluation Form")
    )
    # n is people (the forms returned), not answers.
    assert "Fully achieved Surveys: Pupils 49% (57 people) — CHALLENGED" in sef
    assert "Surveys: Parents 91% (121 people); Pupils 80% (57 people)" in sef


def test_the_stakeholder_evaluation_has_its_results_and_charts(sample_build: SampleBuild) -> None:
    reader = sample_build.reader()
    pages = part_pages(reader, "Stakeholder evaluation")
    text = " ".join(" ".join(page_text(reader.pages[i]).split()) for i in pages)
    assert "Issued 210, returned 96: a response rate of 46%." in text
    assert "I feel welcome when I come into school." in text and "77% (n=92)" in text
    assert "Challenged: Pupils 49% (57 people) on Pupil Q2, under 60%" in text
    assert "“The new signs and the text messages make a real difference.” (Follow-up)" in text
    assert "Mr X in Year 2 never answers my emails." not in text  # May quote: No
    drawn = {
        name
        for i in pages
        for name in reader.pages[i].get_contents().get_data().decode("latin-1").split()
        if name.startswith("/Im")
    }
    assert len(drawn) >= 2  # chart images are painted on these pages
