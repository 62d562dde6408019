"""The survey pages of a real pack: n as people where answers are pooled, and each round's own
scale (an answer never offered is not printed as 0)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import SAMPLE, made_once, run_cli, set_cell
from tests.e2e.conftest import PACK, TERM, SampleBuild
from tests.e2e.test_sample_pack import part_pages
from tests.integration.test_surveys import staff_without_strongly

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:

    def make(folder: Path) -> None:
        inputs = folder / "inputs"
        shutil.copytree(SAMPLE, inputs)
        staff_without_strongly(inputs)
        set_cell(inputs, "surveys.xlsx", "Questions", "KPIs", 4, "3.3, 3.1")  # Q3 pools too
        run = run_cli("build", "--inputs", str(inputs), "--out", str(folder / "out"))
        assert run.code == 0, run.text

    folder = made_once(tmp_path_factory, "survey-pages", make)
    reader = PdfReader(folder / "out" / TERM / PACK)
    return {
        title: " ".join(
            " ".join(reader.pages[i].extract_text().split()) for i in part_pages(reader, title)
        )
        for title in ("School Self-Evaluation Form", "Stakeholder evaluation")
    }


def test_pooled_answers_are_counted_as_people(pages: dict[str, str]) -> None:
    # KPI 3.1: Parent Q1 and Q3 pooled: 229 answers from the 121 parents who returned forms.
    assert (
        "Surveys: Parents 82% (121 people, 2 questions pooled)"
        in pages["School Self-Evaluation Form"]
    )
    assert (
        "Parents: 82% (121 people, 2 questions pooled) on Parent Q1, Parent Q3"
        in pages["Stakeholder evaluation"]
    )
    every_n = [int(n) for n in re.findall(r"\((\d+) people", " ".join(pages.values()))]
    assert every_n and max(every_n) <= 121  # never more than the forms returned


def test_a_round_s_own_scale(pages: dict[str, str]) -> None:
    text = pages["Stakeholder evaluation"]
    staff_follow_up = text.split("Staff form")[1].split("Follow-up round")[1]
    assert "Agree 29 · Disagree 2 · Don't know 0" in staff_follow_up
    assert "Strongly" not in staff_follow_up.split("Baseline against")[0]
    staff_baseline = text.split("Staff form")[1].split("Follow-up round")[0]
    assert "Strongly agree 6 · Agree 12 · Disagree 8 · Strongly disagree 2" in staff_baseline


def test_the_charts_say_their_bars_include_dont_know(pages: dict[str, str]) -> None:
    text = pages["Stakeholder evaluation"]
    note = (
        "The bars show each answer's share of all answers, Don't know included; the Positive "
        "column above leaves Don't know out, so its figures differ."
    )
    assert text.count(note) == 6  # under each round's chart: three forms, two rounds


def test_charts_are_set_at_8_pt_or_more_start_at_0_or_say_so_and_no_label_sits_on_another(
    sample_build: SampleBuild,
) -> None:
    """Read from the charts inside the built documents: what matplotlib drew them with."""
    import io
    import zipfile

    from PIL import Image

    seen = 0
    for name in ("stakeholder-evaluation.docx", "objective-9-summary.docx"):
        with zipfile.ZipFile(sample_build.folder / name) as document:
            for member in document.namelist():
                if member.startswith("word/media/") and member.endswith(".png"):
                    facts = Image.open(io.BytesIO(document.read(member))).text
                    if "Smallest text (pt)" not in facts:
                        continue  # the school's logo
                    seen += 1
                    assert float(facts["Smallest text (pt)"]) >= 8, member
                    x_from, y_from = (float(v) for v in facts["Axes from"].split(", "))
                    # From 0, or fitted to values far from 0 and marked so (#27, item 9).
                    marked = facts.get("Axis marked", "")
                    assert 0 in (x_from, y_from) or marked == f"axis from {y_from:g}, not 0", (
                        member,
                        facts["Axes from"],
                    )
                    assert facts["Labels overlapping"] == "0", member
    assert seen >= 8
