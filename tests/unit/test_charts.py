"""Charts drawn by matplotlib for real: no label sits on a line or on another label."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from pipeline.charts import Series, _overlaps, _setup, line_chart


def facts(png: Path) -> dict[str, str]:
    with Image.open(png) as image:
        return dict(image.text)


def test_values_crossing_their_target_are_labelled_clear_of_both_lines(tmp_path: Path) -> None:
    # Under the target, then over it, then under a higher one: labels change side each time.
    series = Series(
        "Parents at learning events",
        ("T1", "T2", "T3", "T4", "T5"),
        (42.0, 55.0, 71.0, 88.0, 79.0),
        (60.0, 50.0, 80.0, 80.0, 85.0),
        (0, 90, 200, 300, 400),
    )
    drawn = facts(line_chart(series, tmp_path / "events.png"))
    assert drawn["Labels overlapping"] == "0"
    assert float(drawn["Smallest text (pt)"]) >= 8


def test_a_label_on_a_line_is_counted() -> None:
    plt = _setup()
    figure, axes = plt.subplots()
    axes.plot([0, 10], [0, 10])
    axes.set_xlim(0, 10)
    axes.set_ylim(0, 10)
    axes.annotate("on the line", (5, 5), ha="center", va="center")
    axes.annotate("clear", (1, 9))
    figure.canvas.draw()
    assert _overlaps(figure, axes) == 1
    axes.annotate("on the other label", (1, 9))
    assert _overlaps(figure, axes) == 2  # and it touches "clear"
    plt.close(figure)


@pytest.mark.parametrize("count", [4, 10, 18, 30])
def test_term_labels_never_print_over_each_other(tmp_path: Path, count: int) -> None:
    """Six terms a year, ten or thirty terms shown: on two lines, turned, or every few, never
    one over another; the first and last term always named (#27, item 9)."""
    import itertools

    from pipeline.charts import _term_labels

    plt = _setup()
    figure, axes = plt.subplots(figsize=(16 / 2.54, 6 / 2.54), dpi=300)
    terms = [f"20{17 + i // 6}-{18 + i // 6} Term {i % 6 + 1}" for i in range(count)]
    x = list(range(count))
    axes.plot(x, [95 + i / 10 for i in x])
    _term_labels(figure, axes, x, terms)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    labels = [t for t in axes.get_xticklabels() if t.get_text()]
    assert labels[0].get_text().replace("\n", " ") == terms[0]
    assert labels[-1].get_text().replace("\n", " ") == terms[-1]
    if labels[0].get_rotation() == 0:
        boxes = [t.get_window_extent(renderer) for t in labels]
        assert all(a.x1 < b.x0 for a, b in itertools.pairwise(boxes))
    else:  # turned: parallel, a line of text apart at least
        anchors = [t.get_window_extent(renderer).x1 for t in labels]
        line = 8 / 72 * figure.dpi * 1.25
        assert all((b - a) * 0.64 >= line for a, b in itertools.pairwise(anchors))
    plt.close(figure)


def test_values_far_from_0_are_drawn_on_a_fitted_axis_that_says_so(tmp_path: Path) -> None:
    flat = line_chart(
        Series("Attendance %", ("T1", "T2", "T3"), (94.8, 95.6, 96.4), (96.0, 96.0, 96.0)),
        tmp_path / "attendance.png",
    )
    facts = Image.open(flat).text
    bottom = float(facts["Axes from"].split(", ")[1])
    assert 90 < bottom < 94.8 and facts["Axis marked"] == f"axis from {bottom:g}, not 0"
    rising = line_chart(
        Series("Parents at events", ("T1", "T2", "T3"), (12.0, 40.0, 75.0), (None,) * 3),
        tmp_path / "events.png",
    )
    assert Image.open(rising).text["Axes from"].split(", ")[1] == "0"
    assert "Axis marked" not in Image.open(rising).text
