"""The Objective 9 summary and the term-by-term page, read back from the files they make."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import html5lib
import pytest
from docx import Document
from PIL import Image

from pipeline.build import check
from pipeline.documents.objective_9 import render_objective_9
from pipeline.documents.progress_html import render_progress_html
from pipeline.stages import Checked, Options
from tests.conftest import SAMPLE, TEMPLATES, edit, set_cell

TODAY = date(2026, 11, 23)


def checked(inputs: Path) -> Checked:
    return check(Options(inputs=inputs), today=TODAY)


def render(result: Checked, tmp_path: Path) -> Path:
    out = tmp_path / "objective-9-summary.docx"
    (tmp_path / "charts").mkdir(exist_ok=True)
    return render_objective_9(
        TEMPLATES,
        result.school,
        result.words,
        result.term,
        result.as_of,
        result.impact,
        tmp_path / "charts",
        out,
    )


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs if p.text.strip()]


def section(paras: list[tuple[str, str]], heading: str) -> list[tuple[str, str]]:
    """The paragraphs from a Heading 1 up to the next one."""
    start = paras.index(("Heading 1", heading)) + 1
    end = next((i for i in range(start, len(paras)) if paras[i][0] == "Heading 1"), len(paras))
    return paras[start:end]


def test_an_objective_in_the_coordinator_s_words_beside_the_data(tmp_path: Path) -> None:
    paras = paragraphs(render(checked(SAMPLE), tmp_path))
    three = section(paras, "Objective 3: A welcoming, communicative and friendly school")
    assert three[:8] == [
        ("Section heading", "Achievements"),
        ("Normal", "Welcome signs in three languages; a text service used by 86% of families."),
        ("Section heading", "Impact"),
        ("Normal", "Parents feeling welcome rose from 77% to 91% (survey)."),
        ("Section heading", "Next priorities"),
        ("List Bullet", "Check replies meet the published response times"),
        ("List Bullet", "Translate the parent handbook"),
        ("Section heading", "What the data shows"),
    ]
    texts = [t for _, t in three]
    assert (
        "KPI 3.4: Much more development needed (2016-17 Term 3) → Much more development needed "
        "(2017-18 Term 1) → Partly achieved (2017-18 Term 4). Improved."
    ) in texts
    assert "A08: Install welcome signs in English, Polish and Urdu (2017-18 Term 1)" in texts
    assert "E08: Photo: new welcome signs at the main gate (Photo, 20/10/2017)" in texts


def test_an_objective_with_no_coordinator_text_says_so_plainly(tmp_path: Path) -> None:
    paras = paragraphs(render(checked(SAMPLE), tmp_path))
    five = section(paras, "Objective 5: Induction: responsibilities of parents, school and pupils")
    assert five[0] == ("Normal", "The coordinator has not written a summary for objective 5 yet.")
    # Objective 6 has achievements and next priorities but no impact: the part says so too.
    six = section(paras, "Objective 6: Guidance to help parents support learning")
    assert six[2:4] == [
        ("Section heading", "Impact"),
        ("Normal", "The coordinator has not written this yet."),
    ]


def test_every_objective_but_the_summary_one_is_summarised(tmp_path: Path) -> None:
    headings = [t for s, t in paragraphs(render(checked(SAMPLE), tmp_path)) if s == "Heading 1"]
    assert [h.split(":")[0] for h in headings] == [
        "Our vision",
        *[f"Objective {n}" for n in range(1, 9)],
        "Overall",
        "Next priorities",
        "Impact measures",
        "Achieved term by term",
    ]


def test_next_priorities_are_gathered_in_one_place(tmp_path: Path) -> None:
    paras = paragraphs(render(checked(SAMPLE), tmp_path))
    gathered = section(paras, "Next priorities")
    assert ("Section heading", "Objective 4: Participation of all groups of parents") in gathered
    assert ("Normal", "Restart evening events with a crèche.") in gathered
    assert gathered[-2:] == [
        ("Section heading", "The whole school"),
        ("Normal", "Sustain the work after verification."),
    ]


def test_charts_are_embedded_at_print_resolution(tmp_path: Path) -> None:
    path = render(checked(SAMPLE), tmp_path)
    with zipfile.ZipFile(path) as docx:
        images = [n for n in docx.namelist() if n.startswith("word/media/")]
        sizes = [Image.open(io.BytesIO(docx.read(n))).size for n in images]
        body = docx.read("word/document.xml").decode()
    assert len(images) == 3  # one chart per measure
    extents = [int(x) for x in __import__("re").findall(r'<wp:extent cx="(\d+)"', body)]
    for (width_px, _), emu in zip(sizes, extents, strict=True):
        inches = emu / 914400
        assert width_px / inches >= 299  # dots per inch as printed


def test_without_impact_xlsx_the_section_says_so(inputs: Path, tmp_path: Path) -> None:
    (inputs / "impact.xlsx").unlink()
    paras = paragraphs(render(checked(inputs), tmp_path))
    assert section(paras, "Impact measures") == [
        ("Normal", "Impact measures were not provided: impact.xlsx is not in the inputs folder.")
    ]


def test_achieved_term_by_term(tmp_path: Path) -> None:
    paras = paragraphs(render(checked(SAMPLE), tmp_path))
    by_term = section(paras, "Achieved term by term")
    terms = [t for s, t in by_term if s == "Section heading"]
    assert terms == [
        "2016-17 Term 3",
        "2016-17 Term 4",
        "2016-17 Term 5",
        "2017-18 Term 1",
        "2017-18 Term 2",
        "2017-18 Term 3",
        "2017-18 Term 4",
    ]
    assert by_term[1] == (
        "List Bullet",
        "A01: Headteacher and chair of governors sign the statement of commitment",
    )


def test_a_row_split_across_rows_is_a_warning(inputs: Path) -> None:
    set_cell(inputs, "school.xlsx", "Objective 9", "Impact", 3, None)
    set_cell(inputs, "school.xlsx", "Objective 9", "Next priorities", 3, None)
    assert (
        "school.xlsx, sheet Objective 9, row 3, column Objective: the row for objective 1 has "
        "only one of Achievements, Impact and Next priorities filled. If a paste split across "
        "rows, put all three in one row."
    ) in [str(w) for w in checked(inputs).findings.warnings]


def write_objective_9_docx(folder: Path) -> None:
    doc = Document()
    doc.add_heading("Objective 9 summary", 0)
    doc.add_heading("Vision", 1)
    doc.add_paragraph("Partners in every child's learning.")
    doc.add_heading("Objective 3: A welcoming school", 1)
    doc.add_heading("Achievements", 2)
    doc.add_paragraph("Written in Word: a new reception area.")
    doc.add_paragraph("Signs in three languages", style="List Bullet")
    doc.add_heading("Impact", 2)
    doc.add_paragraph("More parents say they feel welcome.")
    doc.save(str(folder / "objective-9.docx"))


def test_the_word_file_wins_over_the_sheet(inputs: Path, tmp_path: Path) -> None:
    write_objective_9_docx(inputs)
    result = checked(inputs)
    assert result.findings.notes[-1] == (
        "objective-9.docx and the Objective 9 sheet of school.xlsx both have words: "
        "objective-9.docx is used. Delete the other, or move its words into it."
    )
    paras = paragraphs(render(result, tmp_path))
    three = section(paras, "Objective 3: A welcoming, communicative and friendly school")
    assert three[:4] == [
        ("Section heading", "Achievements"),
        ("Normal", "Written in Word: a new reception area."),
        ("List Bullet", "Signs in three languages"),
        ("Section heading", "Impact"),
    ]
    assert section(paras, "Our vision") == [("Normal", "Partners in every child's learning.")]
    assert ("Normal", "The coordinator's words are from objective-9.docx.") in paras


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Any:
    result = checked(SAMPLE)
    out = tmp_path_factory.mktemp("html") / "progress-by-term.html"
    render_progress_html(TEMPLATES, result.school, result.words, result.as_of, out)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(out.read_text(encoding="utf-8"))  # strict: any parse error raises


def test_the_web_page_is_valid_html_with_no_scripts(page: Any) -> None:
    assert page.get("lang") == "en-GB"
    assert page.findall(".//script") == []
    assert page.find(".//title").text.startswith("Our progress towards the Leading Parent")
    assert len(page.findall(".//h1")) == 1


def test_the_web_page_lists_each_term_and_its_actions(page: Any) -> None:
    sections = page.findall(".//section")
    headings = [s.find("h2").text for s in sections]
    assert headings == [
        "Term 3 (2016-17)",
        "Term 4 (2016-17)",
        "Term 5 (2016-17)",
        "Term 1 (2017-18)",
        "Term 2 (2017-18)",
        "Term 3 (2017-18)",
        "Term 4 (2017-18)",
    ]
    for s in sections:
        assert s.get("aria-labelledby") == s.find("h2").get("id")
    term_4 = [li.text for li in sections[-1].findall(".//li")]
    assert term_4 == [
        "Publish response times for emails and calls",
        "Attendance cafés for families with low attendance",
    ]


def test_the_kit_s_blank_word_file_never_replaces_a_filled_sheet(
    inputs: Path, tmp_path: Path
) -> None:
    """objective-9.docx as the kit writes it, headings only, copied into inputs as the kit
    invites: the sheet's words are used, the console and the report say so."""
    from pipeline.build import check
    from pipeline.kit.blanks import blank_objective_9, known_from
    from pipeline.stages import Options

    blank_objective_9(known_from(None)).save(str(inputs / "objective-9.docx"))
    said: list[str] = []
    result = check(Options(inputs=inputs), say=said.append)
    assert (
        "  Objective 9: objective-9.docx has no words yet, so the Objective 9 sheet of "
        "school.xlsx is used."
    ) in said
    assert result.words == checked(SAMPLE).words  # the sheet's, whole
    assert result.findings.notes[-1] == (
        "objective-9.docx has no words under its headings: the Objective 9 sheet of school.xlsx "
        "is used."
    )
    paras = paragraphs(render(result, tmp_path))
    assert ("Normal", "The school's vision has not been written yet.") not in paras


def test_an_empty_sheet_beside_a_filled_word_file_is_not_noted(inputs: Path) -> None:
    def empty(wb: object) -> None:
        ws = wb["Objective 9"]  # type: ignore[index]
        for row in ws.iter_rows(min_row=2):
            for cell in row[1:]:
                cell.value = None

    edit(inputs, "school.xlsx", empty)
    write_objective_9_docx(inputs)
    result = checked(inputs)
    assert not any("both have words" in n for n in result.findings.notes)
    assert result.words.source == "The coordinator's words are from objective-9.docx."


def test_the_progress_page_styles_only_itself(page: Any) -> None:
    """Pasted into a school's website, its styles leave the host page alone: every rule is
    scoped to its own element."""
    style = page.find(".//style").text
    selectors = [
        part.strip()
        for rule in re.findall(r"([^{}]+)\{", re.sub(r"/\*.*?\*/", "", style, flags=re.S))
        for part in rule.split(",")
    ]
    assert selectors and all(s.startswith(".lppa-progress") for s in selectors), selectors
    assert page.find(".//main").get("class") == "lppa-progress"
