"""The pack typeset as one book: one family, embedded, on every page."""

from __future__ import annotations

import re
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from pypdf.generic import DictionaryObject

from pipeline.default_framework import DEFAULT_KPIS
from tests.e2e.conftest import SampleBuild, page_text

pytestmark = pytest.mark.libreoffice


@pytest.fixture(params=["sample", "second"])
def book(request: pytest.FixtureRequest) -> SampleBuild:
    """The sample school's pack, and a second school's with different lengths everywhere."""
    return request.getfixturevalue(f"{request.param}_build")  # type: ignore[no-any-return]


def fonts_of(page: Any) -> dict[str, bool]:
    """Each font a page's text is set in (forms included), and whether the PDF embeds it."""
    found: dict[str, bool] = {}

    def walk(resources: Any) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or DictionaryObject()).get_object().values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
        for xobject in (resources.get("/XObject") or DictionaryObject()).get_object().values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    walk(page.get("/Resources"))
    return found


def test_every_font_is_embedded_and_our_pages_use_one_family(book: SampleBuild) -> None:
    reader = book.reader()
    for number, page in enumerate(reader.pages, start=1):
        fonts = fonts_of(page)
        assert all(fonts.values()), (number, fonts)
    # The pages the pipeline draws itself: the contents, and every running foot.
    for number in (2, 3):
        names = {name.split("+")[-1] for name in fonts_of(reader.pages[number - 1])}
        assert names <= {"Carlito", "Carlito-Bold", "Carlito-Italic"}, names
    for number, page in enumerate(reader.pages, start=1):
        assert any("Carlito" in name for name in fonts_of(page)), number


def test_the_contents_follows_the_cover(book: SampleBuild) -> None:
    reader = book.reader()
    assert [o.title for o in reader.outline if not isinstance(o, list)][:3] == [
        "Cover",
        "Contents",
        "Verification pack",
    ]
    assert page_text(reader.pages[1]).startswith(f"Contents\n{book.school}")


def positions(page: Any) -> list[tuple[str, float, float]]:
    """Each piece of text on the page with where it starts (x, y in points)."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found


def test_one_page_frame_on_every_page(book: SampleBuild) -> None:
    """The same running head (school · section · term; in the appendix the item) at the same
    place, and "Page N of M" at the foot (in the appendix, with the appendix's own page), on
    every page but the cover, portrait or landscape."""
    reader = book.reader()
    sections = [
        (o.title, reader.get_destination_page_number(o))
        for o in reader.outline
        if not isinstance(o, list)
    ]
    total = len(reader.pages)
    for index, page in enumerate(reader.pages):
        section = [title for title, start in sections if start <= index][-1]
        found = positions(page)
        height = float(page.mediabox.height)
        # Every page is a portrait page; landscape documents are turned on it, as books do,
        # and /Rotate shows them upright on screen.
        assert float(page.mediabox.width) < height, index + 1
        landscape = section in ("School Self-Evaluation Form", "Action Plan")
        if section != "Evidence appendix":  # there, the slides are landscape
            assert page.rotation == (90 if landscape else 0), (index + 1, section)
        expected = f"Page {index + 1} of {total}"
        if section == "Evidence appendix":  # which also numbers its own pages: A1, A2 …
            expected += f" · Appendix page A{index - dict(sections)[section] + 1}"
        foot = [(x, y) for text, x, y in found if text == expected]
        assert len(foot) == 1, index + 1
        assert abs(foot[0][1] - 25.5) < 1, index + 1  # 9 mm from the bottom edge
        heads = [(t, x, y) for t, x, y in found if abs(y - (height - 25.5)) < 1]
        if section == "Cover":
            assert heads == []
            continue
        assert len(heads) == 1, (index + 1, heads)
        text, x, _ = heads[0]
        assert abs(x - 42.52) < 0.5, index + 1  # 15 mm from the left edge
        assert text.startswith(f"{book.school} · "), text
        if section == "Evidence appendix":
            assert re.search(r"· Evidence appendix · E\d\d: ", text), text
        else:
            assert text == f"{book.school} · {section} · 2017-18 Term 4", text


def test_the_appendix_has_no_cover_sheets(sample_build: SampleBuild) -> None:
    """Each item's heading band is on the item's own first page, above its content."""
    reader = sample_build.reader()
    firsts = {}
    for objective in reader.outline[
        [getattr(o, "title", "") for o in reader.outline].index("Evidence appendix") + 1
    ]:
        if isinstance(objective, list):
            for kpi in objective:
                for item in kpi if isinstance(kpi, list) else []:
                    firsts[item.title.split(":")[0]] = reader.get_destination_page_number(item)
    assert set(firsts) == {"E01", "E02", "E05", "E07", "E08", "E09"}
    e01 = " ".join(page_text(reader.pages[firsts["E01"]]).split())
    assert "E01: Signed statement of commitment Date: 24/01/2017" in e01
    assert "Statement of commitment to the Leading Parent Partnership Award" in e01
    e02 = " ".join(page_text(reader.pages[firsts["E02"]]).split())
    assert "LPPA working group: minutes" in e02
    assert "The document follows" not in e02


def test_each_survey_table_shares_its_page_with_its_chart(book: SampleBuild) -> None:
    """A round's heading, its table and its chart's caption on one page; the reality check's
    heading with its table; no form's heading left at a page foot."""
    from tests.e2e.test_sample_pack import part_pages

    reader = book.reader()
    rounds = 0
    for index in part_pages(reader, "Stakeholder evaluation"):
        text = " ".join(page_text(reader.pages[index]).split())
        for heading in re.finditer(r"(Baseline|Follow-up) round, \d\d/\d\d/\d{4}", text):
            rounds += 1
            after = text[heading.end() :]
            assert "Positive (n)" in after, (index + 1, heading[0])
            assert "The bars show each answer's share" in after, (index + 1, heading[0])
        for form in re.finditer(r"\b(Parent|Staff|Pupil) form Answers:", text):
            assert "round, " in text[form.end() :], (index + 1, form[0])
        if "The reality check The coordinator's" in text:
            assert "Coordinator's rating" in text.split("The reality check")[-1], index + 1
    assert rounds == 6


def test_each_objective_s_ratings_table_is_on_one_page(book: SampleBuild) -> None:
    """A short table is kept whole: every KPI row of an objective on its heading's page, and
    each KPI's statement whole on one page (the table's last row once broke at the page foot,
    its last words printed alone under the next page's repeated header)."""
    from tests.e2e.test_sample_pack import page_lines, part_pages

    reader = book.reader()
    kpis = {kpi for kpi, _ in DEFAULT_KPIS}  # the sample's framework
    pages = part_pages(reader, "School Self-Evaluation Form")
    whole = ["".join(page_text(reader.pages[index]).split()) for index in pages]
    broken = [k for k, text in DEFAULT_KPIS if not any("".join(text.split()) in p for p in whole)]
    assert not broken, broken
    seen = set()
    for index in pages:
        text = "\n".join(page_lines(reader, range(index, index + 1)))
        rows = set(re.findall(r"^\s*(\d\.\d+)\s", text, flags=re.M))
        # An objective's heading, with its line of counts ("Planning. 4 KPIs: …") under it.
        heading = r"^\s*Objective (\d+): .*\n\s*\n?\s*[^\n]+\. \d+ KPIs?:"
        for objective in re.findall(heading, text, flags=re.M):
            own = {kpi for kpi in kpis if kpi.split(".")[0] == objective}
            assert own <= rows, (index + 1, objective, own - rows)
            seen.add(objective)
    assert len(seen) == 9


def test_no_action_plan_page_ends_with_an_objective_or_a_kpi_row(
    book: SampleBuild,
) -> None:
    from tests.e2e.test_sample_pack import outline_parts, page_lines

    reader = book.reader()
    start, children = outline_parts(reader)["Action Plan"]
    monitoring = dict(children)["Monitoring the action plan"]
    plan = range(start, monitoring)
    assert len(plan) >= 3
    row = re.compile(r"^\s*(A\d{2,}\s|KPI \d+\.\d+:|Objective \d+:)")
    full = 0
    for index in plan:
        starts = [m[1] for m in map(row.match, page_lines(reader, range(index, index + 1))) if m]
        assert starts, index + 1
        # Each page's last row is an action: an objective's or a KPI's row heads its actions.
        assert starts[-1].startswith("A"), (index + 1, starts[-3:])
        full += len(starts) >= 12
    assert full >= len(plan) - 1  # pages filled but the last


def last_line(page: Any) -> tuple[float, str, str] | None:
    """The lowest line of a portrait page's body (running head and foot left out): its size in
    points as printed, its font and its text."""
    from pypdf import mult

    lines: list[tuple[float, float, str, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip() and font is not None:
            m = mult(tm, cm)
            lines.append((m[5], size * (m[2] ** 2 + m[3] ** 2) ** 0.5, font["/BaseFont"], text))

    page.extract_text(visitor_text=visit)
    body = [line for line in lines if 40 < line[0] < float(page.mediabox.height) - 40]
    if not body:
        return None
    _, size, font, text = min(body, key=lambda line: line[0])
    return size, font, text


def test_no_page_ends_with_a_heading(book: SampleBuild) -> None:
    """Headings (12 pt and larger, bold) always have what they head under them on their page:
    the last line of every portrait page of the documents is never one."""
    reader = book.reader()
    sections = [
        (o.title, reader.get_destination_page_number(o))
        for o in reader.outline
        if not isinstance(o, list)
    ]
    checked = 0
    for index, page in enumerate(reader.pages):
        section = [title for title, start in sections if start <= index][-1]
        if page.rotation or section in ("Cover", "Contents", "Evidence appendix"):
            continue
        last = last_line(page)
        if last is None:
            continue
        size, font, text = last
        assert not (size >= 11.5 and "Bold" in font), (index + 1, text)
        checked += 1
    assert checked >= 20


def test_no_picture_hides_a_rule_drawn_before_it(book: SampleBuild) -> None:
    """A chart is opaque white around what it shows: set straight under a table, LibreOffice
    drew it over the table's bottom border, and every survey table printed without one. No
    picture may lie over a horizontal rule (a table's border, a header's line) drawn before it."""
    hidden = []
    document = pdfium.PdfDocument(book.pack)  # closed below: Windows keeps an open file
    for number, page in enumerate(document, start=1):
        rules: list[tuple[float, float, float, float]] = []  # in the order they are drawn
        for item in page.get_objects(max_depth=3):
            left, bottom, right, top = item.get_bounds()
            if item.type == pdfium_raw.FPDF_PAGEOBJ_PATH and top - bottom < 2 < right - left:
                rules.append((left, bottom, right, top))
            elif item.type == pdfium_raw.FPDF_PAGEOBJ_IMAGE:
                hidden += [
                    (number, round(top), round(b))
                    for lt, b, rt, tp in rules
                    if b < top and tp > bottom and lt < right and rt > left
                ]
    document.close()
    assert not hidden, f"(page, picture's top, rule) in points: {hidden}"
