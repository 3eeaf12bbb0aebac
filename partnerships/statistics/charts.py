"""Server-rendered SVG charts: no client-side JavaScript, no inline styles (the CSP forbids
both), only presentation attributes; every text is escaped. Each chart is an image with a
title and a description; the data table beside it carries the exact numbers.

Colours: the Okabe–Ito palette (distinguishable with colour-vision deficiencies); the maps
use one blue ramp, light to dark, with a hatched "no data" class.
"""

from __future__ import annotations

import math
from itertools import count

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString

from partnerships.statistics.boundaries import OutlineMap

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
RAMP = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
EMPTY = "#f2f2f2"
INK = "#1a1a1a"
GRID = "#c8c8c8"
WIDTH = 640
LABEL_CHARS = 32  # the characters of a bar's label that fit beside a horizontal bar chart
_ids = count(1)


def format_number(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return number_format(value, 1)  # 9,1 in German and Ukrainian, 9.1 in English
    return f"{int(value):,}".replace(",", "\u202f")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


class Chart(SafeString):
    """An SVG chart (safe markup) that knows its title, for the figure's caption."""

    title: str = ""


def _axis(value: float) -> tuple[float, int]:
    """The top of a count axis and its number of steps: whole-number ticks."""
    top = max(4, _nice_max(value))
    return top, 4 if (top / 4).is_integer() else 5


def _frame(
    body: list[str], *, title: str, desc: str, height: int, width: int = WIDTH
) -> SafeString:
    uid = f"chart-{next(_ids)}"
    chart = Chart(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="stat-chart" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'font-family="sans-serif" font-size="12">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )  # every text above is escaped
    chart.title = title
    return chart


def _legend(
    labels: list[str], colours: list[str], *, y: int, width: int = WIDTH
) -> tuple[list[str], int]:
    parts, x = [], 50
    for label, colour in zip(labels, colours, strict=True):
        text_width = 7 * len(label) + 24
        if x + text_width > width - 10:
            x, y = 50, y + 18
        parts.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{y}" fill="{INK}">{escape(label)}</text>'
        )
        x += text_width
    return parts, y


def _series_colour(j: int) -> str:
    return PALETTE[j % len(PALETTE)]


def _with_legend(body: list[str], series, *, y: int, title: str, desc: str) -> SafeString:
    """The chart framed, with a legend of its series from ``y`` down."""
    legend, last_y = _legend(
        [s[0] for s in series], [_series_colour(j) for j in range(len(series))], y=y
    )
    return _frame(body + legend, title=title, desc=desc, height=last_y + 12)


def _count_grid(*, left: int, top: int, plot_w: float, plot_h: int, top_value: float, steps: int):
    """Horizontal grid lines of a count axis, each with its value on the left."""
    return [
        f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">'
        f"{format_number(top_value * tick / steps)}</text>"
        for tick in range(steps + 1)
        for y in [top + plot_h - plot_h * tick / steps]
    ]


def _category_label(x: float, y: float, category: str) -> str:
    return f'<text x="{x:.1f}" y="{y}" text-anchor="middle" fill="{INK}">{escape(category)}</text>'


def bar_chart(
    categories: list[str],
    series: list[tuple[str, list[float]]],
    *,
    title: str,
    desc: str,
    stacked: bool = True,
) -> SafeString:
    """Vertical bars per category; several series stacked (or side by side)."""
    left, top, plot_h = 50, 12, 190
    plot_w = WIDTH - left - 10
    totals = [
        sum(s[1][i] for s in series) if stacked else max((s[1][i] for s in series), default=0)
        for i in range(len(categories))
    ]
    top_value, steps = _axis(max(totals, default=0))
    body = _count_grid(
        left=left, top=top, plot_w=plot_w, plot_h=plot_h, top_value=top_value, steps=steps
    )
    n = max(len(categories), 1)
    slot = plot_w / n
    bar = slot * 0.75
    every = max(1, math.ceil(n / 16))
    for i, category in enumerate(categories):
        x = left + i * slot + (slot - bar) / 2
        base = top + plot_h
        for j, (_label, values) in enumerate(series):
            h = plot_h * values[i] / top_value
            colour = _series_colour(j)
            if stacked:
                base -= h
                body.append(
                    f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="{colour}"/>'
                )
            else:
                w = bar / len(series)
                body.append(
                    f'<rect x="{x + j * w:.1f}" y="{top + plot_h - h:.1f}" width="{w:.1f}" '
                    f'height="{h:.1f}" fill="{colour}"/>'
                )
        if i % every == 0:
            body.append(_category_label(x + bar / 2, top + plot_h + 16, category))
    return _with_legend(body, series, y=top + plot_h + 40, title=title, desc=desc)


def line_chart(
    categories: list[str], series: list[tuple[str, list[float]]], *, title: str, desc: str
) -> SafeString:
    left, top, plot_h = 50, 12, 190
    plot_w = WIDTH - left - 20
    top_value, steps = _axis(max((v for s in series for v in s[1]), default=0))
    body = _count_grid(
        left=left, top=top, plot_w=plot_w, plot_h=plot_h, top_value=top_value, steps=steps
    )
    n = len(categories)
    step = plot_w / max(n - 1, 1)
    every = max(1, math.ceil(n / 8))
    for i, category in enumerate(categories):
        if i % every == 0 or i == n - 1:
            body.append(_category_label(left + i * step, top + plot_h + 16, category))
    for j, (_label, values) in enumerate(series):
        colour = _series_colour(j)
        points = " ".join(
            f"{left + i * step:.1f},{top + plot_h - plot_h * v / top_value:.1f}"
            for i, v in enumerate(values)
        )
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
        )
        for i, v in enumerate(values):
            body.append(
                f'<circle cx="{left + i * step:.1f}" '
                f'cy="{top + plot_h - plot_h * v / top_value:.1f}" '
                f'r="3" fill="{colour}"/>'
            )
    return _with_legend(body, series, y=top + plot_h + 40, title=title, desc=desc)


def hbar_chart(rows: list[tuple[str, float]], *, title: str, desc: str) -> SafeString:
    """One horizontal bar per row with its value written beside it (funnels, shares)."""
    label_w, row_h = 230, 28
    plot_w = WIDTH - label_w - 70
    top_value = max((v for _l, v in rows), default=0) or 1
    body = []
    for i, (label, value) in enumerate(rows):
        y = 8 + i * row_h
        w = plot_w * value / top_value
        # A label longer than its column (e.g. a survey's answer) is shortened; the whole
        # text is the tooltip and stands in the table beside the chart.
        shown = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        tooltip = f"<title>{escape(label)}</title>" if shown != label else ""
        body.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" fill="{INK}">'
            f"{tooltip}{escape(shown)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="20" fill="{PALETTE[0]}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 15}" fill="{INK}">'
            f"{format_number(value)}</text>"
        )
    return _frame(body, title=title, desc=desc, height=16 + len(rows) * row_h)


def classes(values: list[float], *, integer: bool = True) -> list[float]:
    """Upper bounds of up to five classes for the maps: for counts whole numbers (with few
    distinct values one class each), for shares equal steps of a nice number."""
    top = max(values, default=0)
    if integer:
        top = math.ceil(top)
        if top <= len(RAMP):
            return list(range(1, top + 1))
        step = math.ceil(top / len(RAMP))
        return [step * (i + 1) for i in range(len(RAMP))]
    top = _nice_max(top)
    return [top * (i + 1) / len(RAMP) for i in range(len(RAMP))]


def _ramp(n: int) -> list[str]:
    """``n`` colours of the ramp, spread from light to dark (the darkest always used)."""
    if n <= 1:
        return [RAMP[-1]] * n
    return [RAMP[round(i * (len(RAMP) - 1) / (n - 1))] for i in range(n)]


def choropleth(
    outlines: OutlineMap,
    values: dict[str, float],
    names: dict[str, str],
    *,
    title: str,
    desc: str,
    unit: str = "",
    zero_label: str = "0",
    shapes: str = "",
    define: bool = True,
) -> SafeString:
    """Areas shaded by value (0: light grey); each area has a tooltip with name and value.

    ``shapes``: an id prefix; the outlines are then defined once (``define``) and drawn with
    ``<use>``, so a second map of the same areas on the page (``define=False``) reuses them
    instead of repeating a hundred kilobytes of path data."""
    integer = all(float(v).is_integer() for v in values.values())
    bounds = classes([v for v in values.values() if v], integer=integer)
    colours = _ramp(len(bounds))
    body = []
    if shapes and define:
        body.append(
            "<defs>"
            + "".join(f'<path id="{shapes}{o.key}" d="{o.path}"/>' for o in outlines.outlines)
            + "</defs>"
        )
    for outline in outlines.outlines:
        value = values.get(outline.key, 0)
        colour = EMPTY
        if value and bounds:
            colour = colours[next((i for i, b in enumerate(bounds) if value <= b), len(bounds) - 1)]
        tooltip = (
            f"<title>{escape(names.get(outline.key, outline.key))}: "
            f"{format_number(value)}{escape(unit)}</title>"
        )
        if shapes:
            body.append(
                f'<use href="#{shapes}{outline.key}" fill="{colour}" stroke="#555" '
                f'stroke-width="0.6">{tooltip}</use>'
            )
        else:
            body.append(
                f'<path d="{outline.path}" fill="{colour}" stroke="#555" stroke-width="0.6">'
                f"{tooltip}</path>"
            )
    y = outlines.height + 20
    legend_labels = [zero_label]
    legend_colours = [EMPTY]
    lower = 0.0
    for colour, bound in zip(colours, bounds, strict=True):
        if integer:
            low = int(lower) + 1
            legend_labels.append(f"{low}{unit}" if low == bound else f"{low}–{bound}{unit}")
        else:
            legend_labels.append(f"{format_number(lower)}–{format_number(bound)}{unit}")
        legend_colours.append(colour)
        lower = bound
    legend, last_y = _legend(legend_labels, legend_colours, y=y, width=outlines.width)
    body += legend
    return _frame(body, title=title, desc=desc, height=last_y + 12, width=outlines.width)
