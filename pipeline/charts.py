"""Charts as images for the printed documents: drawn with matplotlib, readable in black and
white (values labelled on the chart, the target a dashed line), at print resolution."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DPI = 300
WIDTH_CM, HEIGHT_CM = 16.0, 6.5


@dataclass(frozen=True)
class Series:
    """One measure over the terms: its values and, where given, its targets."""

    name: str
    terms: tuple[str, ...]
    values: tuple[float, ...]
    targets: tuple[float | None, ...]


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) >= 1 else f"{value:.2g}"


def line_chart(series: Series, out: Path) -> Path:
    """The measure term by term, each point labelled with its value, the target dashed."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams.update({"font.size": 9, "font.family": "DejaVu Sans", "svg.hashsalt": "lppa"})
    figure, axes = plt.subplots(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54))
    x = list(range(len(series.terms)))
    axes.plot(x, series.values, color="black", marker="o", linewidth=1.6, label=series.name)
    for position, value in zip(x, series.values, strict=True):
        axes.annotate(
            _number(value),
            (position, value),
            textcoords="offset points",
            xytext=(0, 7),
            ha="center",
            fontsize=8,
        )
    targets = [(p, t) for p, t in zip(x, series.targets, strict=True) if t is not None]
    if targets:
        axes.plot(
            [p for p, _ in targets],
            [t for _, t in targets],
            color="#555555",
            linestyle="--",
            linewidth=1.2,
            drawstyle="steps-mid",
            label="Target",
        )
        axes.annotate(
            "Target",
            (targets[-1][0], targets[-1][1]),
            textcoords="offset points",
            xytext=(4, -12),
            fontsize=8,
            color="#333333",
        )
    values = list(series.values) + [t for _, t in targets]
    low, high = min(values), max(values)
    margin = (high - low) * 0.25 or abs(high) * 0.05 or 1
    axes.set_ylim(low - margin, high + margin)
    axes.set_xticks(x, series.terms, rotation=0, fontsize=8)
    axes.set_xlim(-0.5, len(x) - 0.5)
    axes.set_title(series.name, loc="left", fontsize=10, fontweight="bold")
    axes.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    figure.savefig(out, dpi=DPI, metadata={"Software": None})
    plt.close(figure)
    return out
