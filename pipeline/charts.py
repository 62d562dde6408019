"""Charts as images for the printed documents: drawn with matplotlib, readable in black and
white (values labelled on the chart, the target a dashed line), at print resolution."""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from pipeline.pack.cache import write_whole
from pipeline.summarise.surveys import percent  # the tables' rounding: a chart agrees

DPI = 300
Data = TypeVar("Data")


@cache
def _drawing_key() -> bytes:
    """What every chart's look depends on besides its data: this module and matplotlib's
    version (read from its metadata: importing matplotlib takes 0.2 s, wasted when every chart
    is found already drawn)."""
    version = metadata.version("matplotlib")
    return hashlib.sha256(Path(__file__).read_bytes() + version.encode()).digest()


def drawn(draw: Callable[[Data, Path], Path], data: Data, folder: Path) -> Path:
    """The chart of ``data`` in ``folder``, named by its content: drawn only if no earlier
    build drew the same chart (the folder may be kept between builds, as a cache)."""
    key = hashlib.sha256(_drawing_key() + draw.__name__.encode() + repr(data).encode())
    out = folder / f"{key.hexdigest()[:32]}.png"
    if not out.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        write_whole(out, lambda part: draw(data, part))
    else:
        os.utime(out)  # used: kept as long as the cache keeps what is used
    return out


WIDTH_CM, HEIGHT_CM = 16.0, 6.5


@dataclass(frozen=True)
class Series:
    """One measure over the terms: its values and, where given, its targets."""

    name: str
    terms: tuple[str, ...]
    values: tuple[float, ...]
    targets: tuple[float | None, ...]
    days: tuple[int, ...] = ()  # each term's middle, in days: terms drawn at their real dates


def _number(value: float) -> str:
    return f"{value:g}" if abs(value) >= 1 else f"{value:.2g}"


CHART_FALLBACKS = (
    "DejaVu Sans",
    "Noto Naskh Arabic",
    "Noto Sans Devanagari",
    "Noto Sans Bengali",
    "Noto Sans Gurmukhi",
    "Noto Sans Gujarati",
    "Noto Sans Hebrew",
    "Noto Sans",
    "Segoe UI",
    "Nirmala UI",
)


def _setup() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    from pipeline import typeset

    # The pack's family where it is found (the charts print at their drawn size: 8 pt is 8 pt),
    # then fonts for the scripts it lacks, as LibreOffice falls back (a question or a measure
    # may be in any language): each character is drawn in the first family that has it.
    family = "DejaVu Sans"
    for style in ("regular", "bold"):
        found = typeset.font_file(style)
        if found is not None:
            font_manager.fontManager.addfont(str(found))
            family = font_manager.FontProperties(fname=str(found)).get_name()
    known = {f.name for f in font_manager.fontManager.ttflist}
    fallbacks = [f for f in CHART_FALLBACKS if f in known and f != family]
    plt.rcParams.update(
        {
            "font.size": typeset.MINIMUM,
            "font.family": [family, *fallbacks],
            "hatch.linewidth": 0.6,
            # Outlines as drawn, not fitted to the pixel grid: at print resolution fitting
            # changes nothing the eye sees, and it was a sixth of the time a chart takes.
            "text.hinting": "no_hinting",
        }
    )
    return plt


def _fit_title(figure: Any, title: Any) -> None:
    """Wrap the title at a word until it fits the width the chart is printed at: a title wider
    than the chart would widen the image past the page's margin."""
    text = title.get_text()
    width = figure.get_figwidth() * figure.dpi
    columns = len(text)
    renderer = figure.canvas.get_renderer()
    while columns > 20 and title.get_window_extent(renderer).x1 > width:
        columns -= 4
        title.set_text(textwrap.fill(text, columns))
        figure.tight_layout()


def _key(figure: Any, axes: Any, entries: int) -> float:
    """The key above the axes, in as many columns as fit the width the chart is printed at
    (a wider key would widen the image past the page's margin); its height in points. The key
    starts at the axes' left edge, which the labels beside the axes place: laid out once, not
    once for each number of columns tried (each lay-out measures every label again)."""
    width = figure.get_figwidth() * figure.dpi
    renderer = figure.canvas.get_renderer()
    figure.tight_layout()
    for columns in range(min(entries, 5), 0, -1):
        legend = axes.legend(
            ncol=columns,
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            frameon=False,
            fontsize=8,
            handlelength=1.6,
            columnspacing=1.2,
            borderaxespad=0.2,
        )
        extent = legend.get_window_extent(renderer)
        if extent.x1 <= width:
            break
    return float(extent.height) * 72 / figure.dpi


def _percent_bars(figure: Any, axes: Any, title: str, axis: str, entries: int) -> Any:
    """A percentage axis saying what it divides by, and the key between the title and the bars
    (below, it covered the axis or the last bar's label); returns the title."""
    axes.set_xticks([0, 20, 40, 60, 80, 100], ["0%", "20%", "40%", "60%", "80%", "100%"])
    axes.set_xlabel(axis)
    key = _key(figure, axes, entries)
    return axes.set_title(title, loc="left", fontsize=9, fontweight="bold", pad=key + 4)


def _overlaps(figure: Any, axes: Any) -> int:
    """How many of the chart's labels touch another label, or a line they do not label the
    end of: a label must never sit on a line or on another label."""
    from matplotlib.cbook import STEP_LOOKUP_MAP
    from matplotlib.path import Path as Curve

    renderer = figure.canvas.get_renderer()
    labels = [t for t in axes.texts if t.get_visible() and t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in labels]
    count = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b))
    for line in axes.get_lines():
        steps = STEP_LOOKUP_MAP[line.get_drawstyle() or "default"]
        xs, ys = steps(line.get_xdata(), line.get_ydata())
        curve = Curve(axes.transData.transform(list(zip(xs, ys, strict=True))))
        count += sum(1 for box in boxes if curve.intersects_bbox(box, filled=False))
    return count


def _as_drawn(figure: Any) -> None:
    """Every text in the order and forms it is drawn in (matplotlib lays characters out one
    after another): composed, right-to-left runs turned round and Arabic letters joined."""
    import unicodedata

    from matplotlib.text import Text

    from pipeline import typeset

    for text in figure.findobj(Text):
        typed = text.get_text()
        if typed and not typed.isascii():
            text.set_text(typeset.visual(unicodedata.normalize("NFC", typed)))


def _save(
    plt: Any,
    figure: Any,
    axes: Any,
    out: Path,
    title: Any = None,
    drawn: dict[str, str] | None = None,
) -> Path:
    """Plain axes, saved at print resolution with nothing that changes from run to run."""
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    _as_drawn(figure)
    figure.tight_layout()
    if title is not None:
        _fit_title(figure, title)
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in figure.findobj(Text) if t.get_visible() and t.get_text()]
    # Written into the PNG, so that a reader of the document can check what it was drawn with
    # (and, for survey charts, what each bar divides by and the figures it shows).
    facts = {
        "Software": None,
        "Smallest text (pt)": f"{min(sizes, default=0):g}",
        "Axes from": f"{axes.get_xlim()[0]:g}, {axes.get_ylim()[0]:g}",
        "Labels overlapping": str(_overlaps(figure, axes)),
        # Where the value axis does not start at 0, what the chart says of it.
        "Axis marked": axes.get_ylabel() or None,
        **(drawn or {}),
    }
    _write_png(figure, out, facts)
    plt.close(figure)
    return out


def _write_png(figure: Any, out: Path, facts: dict[str, str | None]) -> None:
    """What ``savefig(dpi=DPI, bbox_inches="tight")`` writes, drawn once rather than twice:
    the figure at print resolution, cut to what is drawn on it and a margin of 0.1 inch."""
    import numpy
    from PIL import Image, PngImagePlugin

    figure.set_dpi(DPI)
    figure.canvas.draw()
    box = figure.get_tightbbox(figure.canvas.get_renderer()).padded(0.1)
    pixels = numpy.asarray(figure.canvas.buffer_rgba())
    height, width = pixels.shape[:2]
    left, right = round(box.x0 * DPI), round(box.x1 * DPI)
    top, bottom = height - round(box.y1 * DPI), height - round(box.y0 * DPI)
    page = numpy.full((bottom - top, right - left, 4), 255, dtype=numpy.uint8)  # white
    inside = pixels[max(top, 0) : min(bottom, height), max(left, 0) : min(right, width)]
    row, column = max(-top, 0), max(-left, 0)
    page[row : row + inside.shape[0], column : column + inside.shape[1]] = inside
    info = PngImagePlugin.PngInfo()
    for name, value in facts.items():
        if value is not None:
            info.add_text(name, value)
    # The charts are drawn in greys on white: one byte a pixel rather than four, which is
    # quicker to write and for LibreOffice to read and place. Colour, if ever drawn, is kept.
    image = Image.fromarray(page, "RGBA")
    if (page[..., 3] == 255).all():
        image = image.convert("RGB")
        if (page[..., 0] == page[..., 1]).all() and (page[..., 1] == page[..., 2]).all():
            image = image.convert("L")
    # Fast compression: the files are a build's working files, and four times quicker to write.
    image.save(out, pnginfo=info, dpi=(DPI, DPI), compress_level=1)


_ON_WHITE = {"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.9}


def _term_labels(figure: Any, axes: Any, x: list[Any], terms: list[str]) -> None:
    """The terms under the axis, never printed over each other: on one line if they fit, else
    on two ("2017-18" over "Term 2"), else turned, else every second (or third …) term, the
    first and last always."""

    def crowded(turned: bool = False) -> bool:
        renderer = figure.canvas.get_renderer()
        shown = [t for t in axes.get_xticklabels() if t.get_visible() and t.get_text()]
        boxes = [t.get_window_extent(renderer) for t in shown]
        if not turned:
            return any(a.x1 + 2 > b.x0 for a, b in itertools.pairwise(boxes))
        # Turned labels are parallel: apart by their anchors' spacing times the sine of the
        # turn, which must be more than a line of 8-point text.
        line = 8 / 72 * figure.dpi * 1.25
        return any((b.x1 - a.x1) * 0.64 < line for a, b in itertools.pairwise(boxes))

    def split(label: str) -> str:
        head, _, tail = label.rpartition(" ")
        if not head:
            return label
        if re.search(r"\bTerm$", head):  # "2017-18 Term 2": the year over the term
            head, _, word = head.rpartition(" ")
            tail = f"{word} {tail}"
        return f"{head}\n{tail}"

    axes.set_xticks(x, terms, rotation=0, fontsize=8)
    if not crowded():
        return
    axes.set_xticks(x, [split(t) for t in terms], rotation=0, fontsize=8)
    if not crowded():
        return
    axes.set_xticks(x, terms, rotation=40, ha="right", rotation_mode="anchor", fontsize=8)
    step = 1
    while crowded(turned=True) and step < len(terms):
        step += 1
        shown = [t if i % step == 0 or i == len(terms) - 1 else "" for i, t in enumerate(terms)]
        if len(terms) > 1 and (len(terms) - 1) % step and (len(terms) - 1) % step < step / 2:
            shown[len(terms) - 1 - (len(terms) - 1) % step] = ""  # the last, not its neighbour
        axes.set_xticks(x, shown, rotation=40, ha="right", rotation_mode="anchor", fontsize=8)


def line_chart(series: Series, out: Path) -> Path:
    """The measure term by term, each point labelled with its value, the target dashed."""
    plt = _setup()
    figure, axes = plt.subplots(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), dpi=DPI)
    x = list(series.days) if series.days else list(range(len(series.terms)))
    axes.plot(x, series.values, color="black", marker="o", linewidth=1.6, label=series.name)
    targets = [(p, t) for p, t in zip(x, series.targets, strict=True) if t is not None]
    for position, value, target in zip(x, series.values, series.targets, strict=True):
        # Each value on the side of its point away from the target line, on white, so that
        # neither line runs through it.
        below = target is not None and value < target
        axes.annotate(
            _number(value),
            (position, value),
            textcoords="offset points",
            xytext=(0, -8 if below else 7),
            ha="center",
            va="top" if below else "baseline",
            fontsize=8,
            bbox=_ON_WHITE,
            zorder=5,
        )
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
        # "Target" beyond the line's right end, clear of the last point and its value.
        axes.annotate(
            "Target",
            (targets[-1][0], targets[-1][1]),
            textcoords="offset points",
            xytext=(10, 0),
            va="center",
            fontsize=8,
            color="#333333",
            bbox=_ON_WHITE,
            zorder=5,
        )
    values = list(series.values) + [t for _, t in targets]
    low, high = min(values), max(values)
    if low >= 0 and not (high > 0 and (high - low) < 0.25 * high):
        # From 0, so that a rise of two points looks like two points.
        axes.set_ylim(0, high * 1.18 or 1)
    else:
        # Values close together far from 0 (attendance between 94.8% and 96.4%) drawn from 0
        # are a flat line: the axis is fitted to them, and says so.
        margin = (high - low) * 0.3 or abs(high) * 0.02 or 1
        bottom = low - margin
        if low >= 0:
            bottom = max(0.0, math.floor(bottom * 10) / 10)  # a round figure, as the label says
            axes.set_ylabel(f"axis from {bottom:g}, not 0", fontsize=8)
        axes.set_ylim(bottom, high + margin)
    spread = (x[-1] - x[0]) if len(x) > 1 else 1
    axes.set_xlim(x[0] - spread * 0.12 - 0.5, x[-1] + spread * (0.2 if targets else 0.12) + 0.5)
    _term_labels(figure, axes, x, list(series.terms))
    title = axes.set_title(series.name, loc="left", fontsize=10, fontweight="bold")
    axes.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    return _save(plt, figure, axes, out, title)


# Answers from the most positive to the most negative: dark to light, each with its own hatching,
# so that the bars read in black and white. Don't know is pale grey with dots.
_SHADES = ["#1a1a1a", "#595959", "#a6a6a6", "#d9d9d9", "#f2f2f2", "#ffffff"]
_HATCHES = ["", "///", "", "\\\\\\", "xx", "--"]
_DONT_KNOW = ("#ebebeb", "..")


@dataclass(frozen=True)
class Bars:
    """Answer counts per question, in the form's scale order: only the answers the round
    offered, so that an answer never offered is not in the key."""

    title: str
    answers: tuple[str, ...]
    dont_know: tuple[bool, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # (label, counts)
    # What each bar divides by, said under the bars: all answers, Don't know included.
    axis: str = "% of all answers to the question, Don't know included"


def stacked_bars(bars: Bars, out: Path) -> Path:
    """One horizontal bar per question, split by answer in scale order; each segment labelled
    with its share of all answers (Don't know included) where it is wide enough."""
    plt = _setup()
    height = 1.3 + 0.42 * len(bars.rows)
    figure, axes = plt.subplots(figsize=(WIDTH_CM / 2.54, height), dpi=DPI)
    labels = [label for label, _ in bars.rows]
    y = list(range(len(bars.rows)))[::-1]
    left = [0.0] * len(bars.rows)
    shade = 0
    drawn: list[str] = []
    for index, answer in enumerate(bars.answers):
        if bars.dont_know[index]:
            colour, hatch = _DONT_KNOW
        else:
            colour, hatch = _SHADES[min(shade, 5)], _HATCHES[min(shade, 5)]
            shade += 1
        shares = [counts[index] / (sum(counts) or 1) for _, counts in bars.rows]
        widths = [100 * share for share in shares]
        axes.barh(
            y,
            widths,
            left=left,
            color=colour,
            hatch=hatch,
            edgecolor="black",
            linewidth=0.5,
            label=answer,
            height=0.62,
        )
        for row, (width, share) in enumerate(zip(widths, shares, strict=True)):
            if width >= 7:
                dark = colour in ("#1a1a1a", "#595959")
                axes.text(
                    left[row] + width / 2,
                    y[row],
                    percent(share),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if dark else "black",
                    bbox=None
                    if dark
                    else {"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.8},
                )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for label, counts in bars.rows:
        total = sum(counts) or 1
        drawn.append(
            label.split(" ", 1)[0]
            + ": "
            + ", ".join(
                f"{a} {percent(c / total)}" for a, c in zip(bars.answers, counts, strict=True)
            )
        )
    axes.set_yticks(y, labels)
    axes.set_xlim(0, 100)
    title = _percent_bars(figure, axes, bars.title, bars.axis, len(bars.answers))
    return _save(
        plt,
        figure,
        axes,
        out,
        title,
        {
            "Title": bars.title,
            "Key": ", ".join(bars.answers),
            "Divides by": bars.axis,
            "Drawn": "; ".join(drawn),
        },
    )


@dataclass(frozen=True)
class Comparison:
    """Positive shares per question at the baseline and in the latest round (None: withheld),
    the table's own figures: positive answers over answers other than Don't know."""

    title: str
    first: str
    last: str
    rows: tuple[tuple[str, float | None, float | None], ...]
    axis: str = "% positive (of answers other than Don't know, as in the table)"


def baseline_against_latest(comparison: Comparison, out: Path) -> Path:
    """Two bars per question, baseline (hatched grey) above latest (black), each labelled with
    the share as the table prints it."""
    plt = _setup()
    height = 1.4 + 0.62 * len(comparison.rows)
    figure, axes = plt.subplots(figsize=(WIDTH_CM / 2.54, height), dpi=DPI)
    positions = list(range(len(comparison.rows)))[::-1]
    series = (
        (comparison.first, "#bfbfbf", "///", [row[1] for row in comparison.rows], 0.2),
        (comparison.last, "#1a1a1a", "", [row[2] for row in comparison.rows], -0.2),
    )
    for name, colour, hatch, values, shift in series:
        y = [p + shift for p in positions]
        axes.barh(
            y,
            [100 * v if v is not None else 0 for v in values],
            height=0.38,
            color=colour,
            hatch=hatch,
            edgecolor="black",
            linewidth=0.5,
            label=name,
        )
        for yy, value in zip(y, values, strict=True):
            text = "withheld" if value is None else percent(value)
            axes.text(
                (100 * value if value is not None else 0) + 1, yy, text, va="center", fontsize=8
            )
    axes.set_yticks(positions, [row[0] for row in comparison.rows])
    axes.set_xlim(0, 110)
    title = _percent_bars(figure, axes, comparison.title, comparison.axis, 2)
    drawn = "; ".join(
        f"{label.split(' ', 1)[0]}: "
        + ", ".join(
            f"{name} {'withheld' if v is None else percent(v)}"
            for name, v in ((comparison.first, first), (comparison.last, last))
        )
        for label, first, last in comparison.rows
    )
    return _save(
        plt,
        figure,
        axes,
        out,
        title,
        {"Title": comparison.title, "Divides by": comparison.axis, "Drawn": drawn},
    )
