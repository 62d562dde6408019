"""The printed pack says exactly what surveys.xlsx says, read back from a real pack: pooled n is
the people who returned forms (with the questions pooled said), an answer a form never offered
is printed nowhere, and each chart says what it divides by and draws the tables' own counts."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from pipeline.summarise.surveys import percent
from tests.conftest import SAMPLE, made_once, run_cli, set_cell
from tests.e2e.conftest import PACK, TERM
from tests.e2e.test_sample_pack import part_pages
from tests.integration.test_surveys import ks1_pupil_form, never_strongly

pytestmark = pytest.mark.libreoffice

FORMS = ("Parent form", "Staff form", "Pupil form", "KS1 pupil form (Pupils)")
RUNNING = re.compile(r"Meadowbank Primary School · [A-Za-z -]+ · 2017-18 Term 4|Page \d+ of \d+")


@dataclass
class Pack:
    pages: dict[str, str]  # part → its pages' text, white space made single spaces
    charts: list[dict[str, str]]  # what each survey chart records it drew

    @property
    def stakeholders(self) -> str:
        return self.pages["Stakeholder evaluation"]

    def form(self, heading: str) -> str:
        """The text of one form's pages, up to the next form or the reality check."""
        text = self.stakeholders
        start = text.index(heading)
        ends = [text.find(h, start + len(heading)) for h in (*FORMS, "The reality check")]
        return text[start : min(e for e in ends if e > start)]


def read_pack(out: Path) -> Pack:
    reader = PdfReader(out / TERM / PACK)
    pages = {
        title: " ".join(
            " ".join(RUNNING.sub(" ", reader.pages[i].extract_text()).split())
            for i in part_pages(reader, title)
        )
        for title in ("School Self-Evaluation Form", "Stakeholder evaluation")
    }
    charts = []
    with zipfile.ZipFile(out / TERM / "stakeholder-evaluation.docx") as document:
        for member in sorted(document.namelist()):
            if member.startswith("word/media/") and member.endswith(".png"):
                charts.append(dict(Image.open(io.BytesIO(document.read(member))).text))
    return Pack(pages, charts)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """One build: Parent Q3 pooled with Q1 for KPI 3.1; a KS1 pupil form on Agree / Disagree /
    Don't know (declared so on sheet Forms), also on KPI 3.1; a Staff form whose Strongly
    columns are blank in every round although sheet Forms still lists them."""

    def make(folder: Path) -> None:
        inputs = folder / "inputs"
        shutil.copytree(SAMPLE, inputs)
        set_cell(inputs, "surveys.xlsx", "Questions", "KPIs", 4, "3.3, 3.1")
        ks1_pupil_form(inputs)
        never_strongly(inputs)
        run = run_cli("build", "--inputs", str(inputs), "--out", str(folder / "out"))
        assert run.code == 0, run.text

    return read_pack(made_once(tmp_path_factory, "survey-pack", make) / "out")


def test_pooled_n_is_the_people_who_returned_forms(pack: Pack) -> None:
    # KPI 3.1: Parent Q1 and Q3 answered 229 times by the 121 parents who returned forms;
    # Pupil Q1 and KS1 pupil Q1 by 57 + 30 pupils (each form's latest round, added).
    assert (
        "Surveys: Parents 82% (121 people, 2 questions pooled); Pupils 83% (87 people, "
        "2 questions pooled)"
    ) in pack.pages["School Self-Evaluation Form"]
    assert (
        "3.1 Fully achieved Parents: 82% (121 people, 2 questions pooled) on Parent Q1, Parent "
        "Q3; Pupils: 83% (87 people, 2 questions pooled) on Pupil Q1, KS1 pupil Q1 Consistent"
    ) in pack.stakeholders
    printed = " ".join(pack.pages.values())
    people = {int(n) for n in re.findall(r"\((\d+) people", printed)}
    # Only ever the forms a group returned in its latest rounds: parents 121, staff 31, pupils
    # 57 (the Pupil form alone), 30 (KS1 pupil alone, KPI 3.2) or 87 (both), never the 229
    # answers.
    assert people == {121, 31, 57, 30, 87}


def test_a_question_s_n_is_never_more_than_the_forms_returned(pack: Pack) -> None:
    for heading in FORMS:
        text = pack.form(heading)
        rounds = re.split(r"(?=\b(?:Baseline|Follow-up) round, )", text.split(" against ")[0])[1:]
        assert len(rounds) == 2, heading
        for survey_round in rounds:
            returned = int(re.search(r"returned (\d+)", survey_round)[1])  # type: ignore[index]
            ns = [int(n) for n in re.findall(r"\(n=(\d+)\)", survey_round)]
            assert ns and max(ns) <= returned, (heading, survey_round[:40])


def test_an_answer_a_form_never_offered_is_printed_nowhere(pack: Pack) -> None:
    staff = pack.form("Staff form")
    assert "Answers: Agree, Disagree, Don't know. Counted as positive: Agree." in staff
    assert "Agree 18 · Disagree 10 · Don't know 1 64% (n=28)" in staff
    assert "Strongly" not in staff
    ks1 = pack.form("KS1 pupil form (Pupils)")
    assert "Answers: Agree, Disagree, Don't know. Counted as positive: Agree." in ks1
    assert "Agree 25 · Disagree 3 · Don't know 2 89% (n=28)" in ks1
    assert "Strongly" not in ks1
    # Nor in the key of any of their charts.
    theirs = [c for c in pack.charts if c["Title"].startswith(("Staff form", "KS1 pupil form"))]
    assert len(theirs) == 6  # two rounds and a comparison each
    for chart in theirs:
        assert "Strongly" not in chart.get("Key", "") + chart["Drawn"], chart["Title"]
    # The Parent form offered all five answers, and prints them all.
    parent = pack.form("Parent form")
    assert "Strongly agree 30 · Agree 41 · Disagree 15 · Strongly disagree 6 · Don't know 4" in (
        parent
    )


def test_each_chart_says_what_it_divides_by_and_draws_the_tables_counts(pack: Pack) -> None:
    bars = [c for c in pack.charts if "Key" in c]
    assert len(bars) == 8  # four forms, two rounds each
    note = (
        "The bars show each answer's share of all answers, Don't know included; the Positive "
        "column above leaves Don't know out, so its figures differ."
    )
    assert pack.stakeholders.count(note) == 8
    for chart in bars:
        assert chart["Divides by"] == "% of all answers to the question, Don't know included"
        name, round_name = re.fullmatch(  # type: ignore[union-attr]
            r"(.+) form, (.+): how each question was answered", chart["Title"]
        ).groups()
        heading = next(h for h in FORMS if h.startswith(f"{name} form"))
        printed = pack.form(heading).split(f"{round_name} round, ")[1].split(" round, ")[0]
        key = chart["Key"].split(", ")
        # The table's counts, in the key's answers: the same answers, in the same order (a row
        # that breaks across pages has the rest of its question, or the repeated header row,
        # between two of them: text with no figure in it).
        row = r" ·[^%·\d]*? ".join(rf"{re.escape(answer)} (\d+)" for answer in key)
        tables = [tuple(int(c) for c in counts) for counts in re.findall(row, printed)]
        assert tables, chart["Title"]
        expected = "; ".join(
            f"Q{number}: "
            + ", ".join(f"{a} {percent(c / sum(counts))}" for a, c in zip(key, counts, strict=True))
            for number, counts in enumerate(tables, start=1)
        )
        assert chart["Drawn"] == expected, chart["Title"]


def test_the_comparison_charts_draw_the_tables_shares(pack: Pack) -> None:
    comparisons = [c for c in pack.charts if "Key" not in c and "Drawn" in c]
    assert len(comparisons) == 4
    for chart in comparisons:
        assert chart["Divides by"] == (
            "% positive (of answers other than Don't know, as in the table)"
        )
        name = chart["Title"].split(" form:")[0]
        heading = next(h for h in FORMS if h.startswith(f"{name} form"))
        table = pack.form(heading).split("Baseline against Follow-up")[1]
        shares = re.findall(r"(\d+%) \(n=\d+\) (\d+%) \(n=\d+\) (?:up|down|no change)", table)
        assert chart["Drawn"] == "; ".join(
            f"Q{number}: Baseline {first}, Follow-up {last}"
            for number, (first, last) in enumerate(shares, start=1)
        ), chart["Title"]
