"""The coordinator's readiness page, opened as a person opens it: in a real browser (Debian's
Chromium, driven by Playwright), from the file, with the network blocked, and printed on A4.
What it shows is checked against the sample school's own data, read afresh."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from pipeline.build import build, check
from pipeline.stages import Checked, Options
from pipeline.summarise.checks import supported_kpis
from tests.conftest import SAMPLE, run_cli
from tests.e2e.conftest import SampleBuild

pytestmark = pytest.mark.libreoffice

A4 = (595.3, 841.9)  # points
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        pytest.fail(
            "The readiness page is tested in Chromium: install it (apt-get install chromium)."
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


class Opened:
    """A page opened from its file, every request that would leave the machine refused and
    kept."""

    def __init__(self, browser: Any, path: Path, media: str = "screen") -> None:
        self.refused: list[str] = []
        self.context = browser.new_context(viewport={"width": 1100, "height": 900})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.emulate_media(media=media)
        self.page.goto(path.as_uri(), wait_until="load")

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def rows(self, table: str) -> list[list[str]]:
        return self.page.eval_on_selector_all(
            f"#{table} tbody tr",
            "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))",
        )

    def section(self, heading_id: str) -> str:
        """The text from a heading to the next heading of its level or above."""
        return self.page.evaluate(
            """id => {
                const start = document.getElementById(id);
                const level = Number(start.tagName[1]);
                let text = [], node = start.nextElementSibling;
                const ends = n => /^H[1-6]$/.test(n.tagName) && Number(n.tagName[1]) <= level;
                while (node && !ends(node)) {
                    text.push(node.innerText); node = node.nextElementSibling;
                }
                return text.join("\\n");
            }""",
            heading_id,
        )


@pytest.fixture(scope="module")
def sample() -> Checked:
    return check(Options(inputs=SAMPLE), today=date(2026, 11, 24))


def test_the_build_writes_the_page_and_the_command_points_to_it(sample_build: SampleBuild) -> None:
    page = sample_build.folder / "readiness.html"
    assert page.is_file() and (sample_build.folder / "build.json").is_file()
    assert f"Readiness:    {page} (open it in a web browser)" in sample_build.run.out


def test_it_opens_with_the_network_blocked_and_asks_for_nothing(
    browser: Any, sample_build: SampleBuild
) -> None:
    opened = Opened(browser, sample_build.folder / "readiness.html")
    assert opened.refused == []
    assert opened.page.title().startswith("Readiness for the LPPA verification visit")
    html = (sample_build.folder / "readiness.html").read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html


def test_overdue_actions_come_first_the_latest_first_with_their_cells(
    browser: Any, sample_build: SampleBuild, sample: Checked
) -> None:
    rows = Opened(browser, sample_build.folder / "readiness.html").rows("actions-table")
    overdue = sorted(sample.overdue, key=lambda a: a.due or date.max)
    assert [r[0] for r in rows[: len(overdue)]] == [a.ref for a in overdue]
    assert len(overdue) == 4
    for row, action in zip(rows, overdue, strict=False):
        _, text, state, due, late, lead, monitor, where = row
        assert (text, state, lead, monitor) == (action.text, "Overdue", action.lead, action.monitor)
        assert due == f"{action.due:%d/%m/%Y}" and late
        assert where == f"actions.xlsx · sheet Actions · row {action.source.row}"
    assert all(r[2] != "Overdue" for r in rows[len(overdue) :])
    assert len(rows) == len(sample.actions)


def test_the_grid_marks_the_kpis_without_evidence(
    browser: Any, sample_build: SampleBuild, sample: Checked
) -> None:
    opened = Opened(browser, sample_build.folder / "readiness.html")
    marked = opened.page.eval_on_selector_all(
        "#evidence-grid tbody tr[data-standing='No evidence'] th",
        "cells => cells.map(c => c.firstChild.textContent)",
    )
    supported = supported_kpis(sample.evidence)
    without = [k.id for k in sample.framework.kpis if k.id not in supported]
    assert marked == without and len(without) == 12
    rows = {r[0].splitlines()[0]: r for r in opened.rows("evidence-grid")}  # KPI, statement
    assert rows[without[0]][2] == "✗ No evidence"
    assert rows["4.2"][2] == "● In the pack"


def test_a_rating_changed_between_two_builds_is_listed(
    browser: Any, built_copy: SampleBuild, inputs: Path
) -> None:
    """Build, change one rating (4.3, Much more development needed → Partly achieved), build
    again: the page says what moved since the last pack of the term, from the first build's
    record, not from its workbooks."""
    path = inputs / "ratings.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["Ratings"]
    headers = [c.value for c in sheet[1]]
    term, kpi, rating = (headers.index(h) for h in ("Term", "KPI", "Rating"))
    (row,) = [
        r
        for r in sheet.iter_rows(min_row=2)
        if (r[term].value, r[kpi].value) == ("2017-18 Term 4", "4.3")
    ]
    assert row[rating].value == "Much more development needed"
    row[rating].value = "Partly achieved"
    book.save(path)
    built = build(Options(inputs=inputs, out=built_copy.out))
    opened = Opened(browser, built.readiness)
    since = opened.section("changed-1")
    assert "Compared with the last pack of 2017-18 Term 4 (as of 29/03/2018)." in since
    assert (
        "Ratings that moved (1)\nKPI 4.3: Much more development needed → Partly achieved" in since
    )
    assert "Actions" not in since  # nothing else moved
    assert "There is no record of a pack of an earlier term in this folder." in opened.section(
        "changed-2"
    )
    # The replaced pack's record went with it into superseded/.
    (kept,) = (built.folder / "superseded").iterdir()
    assert (kept / "build.json").is_file()


def test_it_prints_on_a4_with_nothing_cut_off(
    browser: Any, sample_build: SampleBuild, sample: Checked, tmp_path: Path
) -> None:
    opened = Opened(browser, sample_build.folder / "readiness.html", media="print")
    page = opened.page
    # A4 less the page's margins, in CSS pixels: nothing may be wider.
    page.set_viewport_size({"width": round((210 - 22) / 25.4 * 96), "height": 1000})
    overflowing = page.evaluate(
        """() => {
            const edge = document.documentElement.clientWidth + 1;
            const clipped = e => e.scrollWidth > e.clientWidth + 1
                && getComputedStyle(e).overflow !== 'visible';
            // (Not the text kept for screen readers only, clipped on purpose.)
            return [...document.querySelectorAll('main *:not(.visually-hidden)')]
                .filter(e => clipped(e) || e.getBoundingClientRect().right > edge)
                .map(e => e.tagName + (e.id ? '#' + e.id : ''));
        }"""
    )
    assert overflowing == []
    pdf = tmp_path / "readiness.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 3
    for sheet in reader.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1
    text = "\n".join(p.extract_text() for p in reader.pages)
    for action in sample.actions:  # every action reached paper
        assert action.ref in text
    assert "What changed" in text
    # Five sheets, and the last section whole on the last: never its heading alone there.
    assert len(reader.pages) <= 5
    last = reader.pages[-1].extract_text()
    assert "What changed" in last and "Since the last term's pack" in last


def test_it_is_built_to_be_read_by_everyone(browser: Any, sample_build: SampleBuild) -> None:
    """What WCAG 2.2 AA asks that applies: the language, headings in order, tables with
    headers, a text alternative for every chart, and no information by colour alone (each bar's
    figures printed beside it)."""
    page = Opened(browser, sample_build.folder / "readiness.html").page
    assert page.get_attribute("html", "lang") == "en-GB"
    levels = page.eval_on_selector_all("h1, h2, h3, h4", "hs => hs.map(h => Number(h.tagName[1]))")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    tables = page.eval_on_selector_all(
        "table", "ts => ts.map(t => t.querySelectorAll('thead th[scope=col]').length)"
    )
    assert tables and all(n > 0 for n in tables)
    # Each chart is hidden from screen readers only where its figures are printed beside it.
    charts = page.eval_on_selector_all(
        "main svg",
        """s => s.map(x => [x.getAttribute('role'), x.getAttribute('aria-label'),
                           x.getAttribute('aria-hidden'), x.parentElement.innerText.trim()])""",
    )
    assert len(charts) > 20
    assert all(
        (role == "img" and label) or (hidden == "true" and beside)
        for role, label, hidden, beside in charts
    )
    ratings = Opened(browser, sample_build.folder / "readiness.html").rows("ratings-table")
    assert ratings[0][1] == "4 Fully achieved"  # objective 1 now: its bar's figures as text


def test_its_text_has_the_contrast_aa_asks(browser: Any, sample_build: SampleBuild) -> None:
    """Every piece of text against the background it stands on: at least 4.5:1 (WCAG 2.2 AA
    for body text), on screen and in print."""
    for media in ("screen", "print"):
        page = Opened(browser, sample_build.folder / "readiness.html", media=media).page
        low = page.evaluate(
            """() => {
                const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
                const lum = ([r, g, b]) => {
                    const c = [r, g, b].map(v => v / 255)
                        .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
                    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
                };
                const ground = e => {
                    for (; e; e = e.parentElement) {
                        const c = rgb(getComputedStyle(e).backgroundColor);
                        if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
                    }
                    return [255, 255, 255];
                };
                const found = [];
                for (const e of document.querySelectorAll('main *')) {
                    const text = n => n.nodeType === 3 && n.textContent.trim();
                    const own = [...e.childNodes].some(text);
                    if (!own) continue;
                    const a = lum(rgb(getComputedStyle(e).color)), b = lum(ground(e));
                    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                    if (ratio < 4.5) found.push(e.tagName + ' ' + ratio.toFixed(2));
                }
                return found;
            }"""
        )
        assert low == [], media


def test_after_the_visit_it_says_the_visit_has_passed(tmp_path: Path) -> None:
    run = run_cli(
        "build", "--inputs", str(SAMPLE), "--out", str(tmp_path / "out"), "--as-of", "2018-04-30"
    )
    assert run.code == 0, run.text
    (page,) = (tmp_path / "out").glob("*/readiness.html")
    assert (
        "verification visit 25 April 2018 (<strong>passed</strong>: 5 days before the as-of date)"
    ) in page.read_text(encoding="utf-8")
