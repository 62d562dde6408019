"""The "At a glance" page: first after the contents, and every figure on it the same as the
page that prints it in full (read back from the built pack, not from the code)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import SampleBuild, page_text
from tests.e2e.test_sample_pack import outline_parts, part_pages

pytestmark = pytest.mark.libreoffice


def flat(text: str) -> str:
    return " ".join(text.split())


def glance_of(build: SampleBuild) -> str:
    reader = build.reader()
    start, children = outline_parts(reader)["Verification pack"]
    assert children[0] == ("At a glance", start)  # the first page after the contents
    return flat(page_text(reader.pages[start]))


@pytest.fixture(scope="module")
def glance(sample_build: SampleBuild) -> str:
    return glance_of(sample_build)


@pytest.fixture(params=["sample", "second"])
def book(request: pytest.FixtureRequest) -> SampleBuild:
    return request.getfixturevalue(f"{request.param}_build")  # type: ignore[no-any-return]


def test_each_objective_s_figures_are_the_self_evaluation_form_s(book: SampleBuild) -> None:
    glance = glance_of(book)
    reader = book.reader()
    sef = flat(
        " ".join(
            page_text(reader.pages[i]) for i in part_pages(reader, "School Self-Evaluation Form")
        )
    )
    # On the form: "Planning. 4 KPIs: 3 Fully achieved, 1 Partly achieved, 0 Much more …".
    counts = re.findall(
        r"(\d+) KPIs: (\d+) Fully achieved, (\d+) Partly achieved, (\d+) Much more", sef
    )
    assert len(counts) == 9
    rows = re.findall(r"(\d)\. [^\d]+? (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) of (\d+)", glance)
    assert [r[0] for r in rows] == [str(n) for n in range(1, 10)]
    for (kpis, fully, partly, mmdn), row in zip(counts, rows, strict=True):
        assert (row[1], row[2], row[3], row[4], row[7]) == (kpis, fully, partly, mmdn, kpis)


def test_the_headlines_are_the_build_s_own_figures(sample_build: SampleBuild, glance: str) -> None:
    out = sample_build.run.out
    assert "All objectives 34 21 12 1 30 22 of 34" in glance
    assert "21 Fully achieved, 12 Partly achieved, 1 Much more development needed (34 KPIs)" in out
    assert (
        "Ratings 21 Fully achieved, 12 Partly achieved, 1 Much more development needed (34 KPIs)."
        in glance
    )
    assert "Evidence: 22 of 34 KPIs have at least one item of evidence" in flat(out)
    assert "22 of 34 KPIs have at least one item of evidence" in glance
    assert "Overdue: 4 actions (A11, A13, A22, A29)" in flat(out)
    assert "29 actions: 15 completed, 6 in progress, 4 overdue (A11, A13, A22, A29)" in glance
    # Each group's latest round with n as people, never answers.
    assert (
        "Parents, Follow-up round (22/01/2018): 121 of 214 forms returned (57%); 77% of "
        "answers positive (121 people, 6 questions pooled)." in glance
    )
    assert "1 challenged (KPI 4.2)" in glance


def test_the_appendix_holds_as_many_items_as_the_page_says(
    sample_build: SampleBuild, glance: str
) -> None:
    reader = sample_build.reader()
    said = re.search(r"(\d+) items indexed, (\d+) of them printed in the evidence appendix", glance)
    assert said
    items = set()
    for index in part_pages(reader, "Evidence appendix"):
        items |= set(re.findall(r"· Evidence appendix · (E\d\d): ", page_text(reader.pages[index])))
    assert len(items) == int(said[2])


def test_each_kpi_on_the_form_names_its_evidence_and_the_page_that_prints_it(
    sample_build: SampleBuild,
) -> None:
    reader = sample_build.reader()
    form = " ".join(
        page_text(reader.pages[i]) for i in part_pages(reader, "School Self-Evaluation Form")
    )
    cited = re.findall(r"\b(E\d\d) p\. A(\d+)\b", form)
    # The sample's In-pack items with consent: each cited under every KPI it supports.
    assert {ref for ref, _ in cited} == {"E01", "E02", "E05", "E07", "E08", "E09"}
    first = part_pages(reader, "Evidence appendix")[0]  # appendix page A1
    for ref, label in cited:
        text = page_text(reader.pages[first + int(label) - 1])
        assert f"· Evidence appendix · {ref}: " in text, (ref, label)
        assert f"Appendix page A{label}" in text, (ref, label)
    assert "E16" in form  # in the portfolio binder: named, with no page
