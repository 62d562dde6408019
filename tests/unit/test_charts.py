"""Charts drawn by matplotlib for real: no label sits on a line or on another label."""

from __future__ import annotations

from pathlib import Path

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
