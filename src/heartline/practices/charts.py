"""A small SVG line chart, written by hand so heartline needs no plotting library.

The output is a plain, valid XML document: one ``<polyline>`` per series, a
dot on every point (so a single answer still shows), labelled axes, dates
along the bottom and a legend. ``<title>`` and ``<desc>`` describe the chart
for screen readers. Every piece of text is escaped, so a label can never
break the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from xml.sax.saxutils import escape, quoteattr

WIDTH = 760
HEIGHT = 380
LEFT, RIGHT, TOP, BOTTOM = 64, 170, 48, 64       # margins around the plot area
MAX_X_LABELS = 8                                 # more dates than this would overlap
LEGEND_ROW = 20
# Okabe–Ito colours: told apart by most people with colour-vision differences.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2")
EMPHASIS_COLOUR = "#222222"
SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    emphasis: bool = False


@dataclass(frozen=True)
class Frame:
    """Where values land on the page."""

    count: int
    low: float
    high: float

    @property
    def plot_width(self) -> float:
        return WIDTH - LEFT - RIGHT

    @property
    def plot_height(self) -> float:
        return HEIGHT - TOP - BOTTOM

    def x(self, index: int) -> float:
        if self.count <= 1:
            return LEFT + self.plot_width / 2
        return LEFT + index * self.plot_width / (self.count - 1)

    def y(self, value: float) -> float:
        share = (min(max(value, self.low), self.high) - self.low) / (self.high - self.low)
        return TOP + (1 - share) * self.plot_height


def line_chart(series: Sequence[Series], x_labels: Sequence[str], *, title: str, desc: str,
               low: float, high: float, y_title: str, x_title: str = "Date") -> str:
    """An SVG document; every series has one value per x label, on a y scale low..high."""
    if high <= low or any(len(s.values) != len(x_labels) for s in series):
        raise ValueError("every series needs one value per label, and high above low")
    frame = Frame(len(x_labels), low, high)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" '
        'font-family="sans-serif" font-size="12">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(desc)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="{TOP / 2:.0f}" font-size="16">{escape(title)}</text>',
        *_y_axis(frame, y_title), *_x_axis(frame, x_labels, x_title),
    ]
    for index, line in enumerate(series):
        parts.extend(_line(frame, line, _colour(index, line)))
    parts.extend(_legend(series))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _colour(index: int, line: Series) -> str:
    return EMPHASIS_COLOUR if line.emphasis else PALETTE[index % len(PALETTE)]


def _y_axis(frame: Frame, y_title: str) -> list[str]:
    bottom = TOP + frame.plot_height
    parts = [f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="#555555"/>']
    for tick in range(ceil(frame.low), int(frame.high) + 1):
        y = frame.y(tick)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + frame.plot_width}" '
                     f'y2="{y:.1f}" stroke="#e5e5e5"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    middle = TOP + frame.plot_height / 2
    parts.append(f'<text x="16" y="{middle:.1f}" text-anchor="middle" '
                 f'transform="rotate(-90 16 {middle:.1f})">{escape(y_title)}</text>')
    return parts


def _x_axis(frame: Frame, labels: Sequence[str], x_title: str) -> list[str]:
    bottom = TOP + frame.plot_height
    right = LEFT + frame.plot_width
    parts = [f'<line x1="{LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#555555"/>']
    step = max(1, ceil(len(labels) / MAX_X_LABELS))
    for index in range(0, len(labels), step):
        x = frame.x(index)
        parts.append(f'<text x="{x:.1f}" y="{bottom + 18}" text-anchor="middle">'
                     f'{escape(labels[index])}</text>')
    parts.append(f'<text x="{LEFT + frame.plot_width / 2:.1f}" y="{HEIGHT - 12}" '
                 f'text-anchor="middle">{escape(x_title)}</text>')
    return parts


def _line(frame: Frame, line: Series, colour: str) -> list[str]:
    coords = [(frame.x(i), frame.y(v)) for i, v in enumerate(line.values)]
    width = 3.5 if line.emphasis else 2
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    parts = [f'<g><title>{escape(line.name)}</title>',
             f'<polyline data-series={quoteattr(line.name)} fill="none" stroke="{colour}" '
             f'stroke-width="{width}" stroke-linejoin="round" points="{points}"/>']
    parts.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{width + 1}" fill="{colour}"/>'
                 for x, y in coords)
    parts.append("</g>")
    return parts


def _legend(series: Sequence[Series]) -> list[str]:
    left = WIDTH - RIGHT + 24
    parts = ['<g aria-label="Legend">']
    for index, line in enumerate(series):
        y = TOP + index * LEGEND_ROW
        parts.append(f'<rect x="{left}" y="{y - 9}" width="14" height="4" '
                     f'fill="{_colour(index, line)}"/>')
        parts.append(f'<text x="{left + 22}" y="{y}">{escape(line.name)}</text>')
    parts.append("</g>")
    return parts


def sparkline(values: Sequence[float], *, low: float | None = None,
              high: float | None = None) -> str:
    """One block character per value, from ▁ (``low``, default the minimum) to █ (``high``)."""
    if not values:
        return ""
    low = min(values) if low is None else low
    high = max(values) if high is None else high
    if high <= low:
        return SPARKS[len(SPARKS) // 2 - 1] * len(values)
    top = len(SPARKS) - 1
    steps = (round((min(max(v, low), high) - low) / (high - low) * top) for v in values)
    return "".join(SPARKS[step] for step in steps)
