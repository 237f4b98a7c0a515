"""The portfolio's year at a glance as one chart: the cycles begun each month, by their goal."""

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from app import charts
from app.services.reports.portfolio import CyclesOfAMonth
from app.text import MONTHS

# Dark to light, so the parts of a bar still read apart on a greyscale printer.
PARTS: tuple[tuple[str, str, Color], ...] = (
    ("met", "Goal met", charts.TARGET),
    ("not_met", "Not met yet", charts.OVERALL),
    ("no_answer", "No answer yet", HexColor("#A9B4C2")),
    ("stopped", "Stopped early", charts.GRID),
)
LEFT, BOTTOM, TOP, RIGHT = 28, 20, 30, 8
LEGEND_GAP = 14


def cycles_by_month_chart(
    months: Sequence[CyclesOfAMonth], width: float, height: float = 170
) -> Drawing:
    """Stacked bars, one per month of the school year, with the cycles' count on top."""
    font, size = charts.chart_font(), charts.FONT_SIZE
    drawing = Drawing(width, height)
    plot_x, plot_y = LEFT, BOTTOM
    plot_w, plot_h = width - LEFT - RIGHT, height - BOTTOM - TOP
    most = max((m.total for m in months), default=0)
    step = _tick_step(most)
    top = max(step, math.ceil(most / step) * step)

    def y_of(count: float) -> float:
        return plot_y + plot_h * count / top

    for tick in range(0, top + 1, step):
        y = y_of(tick)
        if tick:
            drawing.add(
                Line(plot_x, y, plot_x + plot_w, y, strokeColor=charts.GRID, strokeWidth=0.6)
            )
        drawing.add(_text(plot_x - 4, y - 3, str(tick), "end", font, size))
    drawing.add(
        Line(plot_x, plot_y, plot_x + plot_w, plot_y, strokeColor=charts.INK, strokeWidth=0.8)
    )

    slot = plot_w / max(1, len(months))
    bar_width = min(slot * 0.62, 36.0)
    bars = Group()
    for n, month in enumerate(months):
        centre = plot_x + slot * (n + 0.5)
        base = 0
        for name, _, colour in PARTS:
            count = getattr(month, name)
            if count:
                bars.add(
                    Rect(
                        centre - bar_width / 2,
                        y_of(base),
                        bar_width,
                        y_of(base + count) - y_of(base),
                        fillColor=colour,
                        strokeColor=charts.BACKGROUND,
                        strokeWidth=0.6,
                    )
                )
                base += count
        if month.total:
            drawing.add(_text(centre, y_of(base) + 3, str(month.total), "middle", font, size))
        label = MONTHS[month.month.month - 1]
        drawing.add(_text(centre, plot_y - 11, label, "middle", font, size))
    drawing.add(bars)
    _legend(drawing, height - 10, font, size)
    return drawing


def _legend(drawing: Drawing, y: float, font: str, size: float) -> None:
    """One line of swatches across the top, each with what its colour means."""
    x = float(LEFT)
    for _, label, colour in PARTS:
        drawing.add(
            Rect(x, y - 1, 8, 8, fillColor=colour, strokeColor=charts.MUTED, strokeWidth=0.4)
        )
        drawing.add(_text(x + 11, y, label, "start", font, size))
        x += 11 + stringWidth(label, font, size) + LEGEND_GAP


def _tick_step(most: int) -> int:
    """A round step that gives the count axis at most about five ticks."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if most <= step * 5:
            return step
    return math.ceil(most / 500) * 100


def _text(x: float, y: float, text: str, anchor: str, font: str, size: float) -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=charts.INK, textAnchor=anchor)
