"""Every chart drawn once with reportlab.graphics: vector in the PDFs, SVG in the app.

Each function takes plain data and returns a Drawing, which is a Flowable for a PDF story;
`to_svg` turns it into the bytes the app shows on a card. Drawn inside `drawn_in(DARK)` a chart
takes colours for a dark screen; everything else (every PDF) is drawn for paper. No Qt here.
"""

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import pairwise
from pathlib import Path

from reportlab import rl_config
from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from app.fonts import EmbeddedFont
from app.text import chart_day, goal_value, percent

# ReportLab checks every attribute a shape is given against its attribute map: a help while
# writing a chart, and about a tenth of a long portfolio's layout time. (Process-wide.)
rl_config.shapeChecking = 0

# Paper (and the light screen): every colour reads on white and survives a greyscale printer.
INK = HexColor("#1F2933")  # axis text and the frame
MUTED = HexColor("#616E7C")  # secondary marks: "no one present", empty-chart sentence
GRID = HexColor("#D5DAE1")
BAR = HexColor("#2B6CB0")  # time-on-task bars and the trend line
OVERALL = HexColor("#C05621")  # the observation's overall %
BASELINE = HexColor("#616E7C")
TARGET = HexColor("#2F855A")
FLOOR = HexColor("#C53030")  # the pilot's 30% utilisation floor
BACKGROUND = white


@dataclass(frozen=True)
class ChartColours:
    """One set of chart colours; text colours keep 4.5:1 against the background."""

    background: Color
    ink: Color
    muted: Color
    grid: Color
    bar: Color
    overall: Color
    baseline: Color
    target: Color
    floor: Color


PAPER = ChartColours(BACKGROUND, INK, MUTED, GRID, BAR, OVERALL, BASELINE, TARGET, FLOOR)
# The dark screen: a card a shade lighter than the dark window, lighter tints of the same hues.
DARK = ChartColours(
    background=HexColor("#26282B"),
    ink=HexColor("#E8EAED"),
    muted=HexColor("#A8AFB8"),
    grid=HexColor("#3F444B"),
    bar=HexColor("#6CA8E8"),
    overall=HexColor("#F6A05A"),
    baseline=HexColor("#A8AFB8"),
    target=HexColor("#68C98F"),
    floor=HexColor("#FF8A80"),
)
_colours: ContextVar[ChartColours] = ContextVar("chart_colours", default=PAPER)


@contextmanager
def drawn_in(colours: ChartColours) -> Iterator[None]:
    """Charts made inside this block use `colours` (the app's dark screen); PDFs never do."""
    token = _colours.set(colours)
    try:
        yield
    finally:
        _colours.reset(token)


# A Unicode TTF so accents and Vietnamese print (Helvetica has no such glyphs): the copy the
# app ships in resources/fonts, else the system's DejaVu. Always embedded: never Helvetica.
FONT_FILES = (
    Path(__file__).resolve().parent.parent / "resources" / "fonts" / "DejaVuSans.ttf",
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
)
TTF_FONT = "DejaVuSans"
# Chart labels print at table size (8.5 pt), the smallest type on paper but the footer.
FONT_SIZE = 8.5

# Room around the plot: tick labels on the left, minutes or dates below, reference-line
# labels ("Baseline 52%") on the right.
LEFT, BOTTOM, TOP, RIGHT = 34, 20, 14, 74


@dataclass(frozen=True)
class SweepPoint:
    """One sweep: minutes from the start, and its time-on-task % (None: nobody present)."""

    minute: int
    pct: float | None


@dataclass(frozen=True)
class TrendPoint:
    """One observation's time-on-task % on the day it was made."""

    day: date
    pct: float


@dataclass(frozen=True)
class WeekUse:
    """One pilot week: its label as the reader should see it ("Wk 1", "Sep 8") and use %."""

    week: str
    pct: float


@dataclass(frozen=True)
class GoalBar:
    """One of a goal's figures: its name ("Baseline"), its value, and the value as shown."""

    label: str
    value: float | None
    shown: str


@dataclass(frozen=True)
class _Plot:
    """The plot rectangle inside a drawing, and how a value from 0 to `top` maps onto it."""

    x: float
    y: float
    width: float
    height: float
    top: float = 100.0

    def y_of(self, value: float) -> float:
        return self.y + self.height * min(self.top, max(0.0, value)) / self.top


def sweep_chart(
    points: Sequence[SweepPoint],
    width: float = 480,
    height: float = 200,
    *,
    overall_pct: float | None = None,
    lines: Sequence[tuple[float, str]] = (),
) -> Drawing:
    """Time-on-task % per sweep as bars by minute, with the overall % as a dashed line, and
    any other `lines` (value, label); a label starting "Baseline" or "Target" takes its colour."""
    colours = _colours.get()
    if not points:
        return _empty(width, height, "No sweeps recorded yet")
    drawing, plot = _frame(width, height)
    ordered = sorted(points, key=lambda p: p.minute)
    minutes = [p.minute for p in ordered]
    step = _smallest_gap(minutes) or 5
    low, high = minutes[0] - step / 2, minutes[-1] + step / 2
    slot = plot.width / ((high - low) / step)
    bar_width = max(2.0, min(slot * 0.7, 36.0))

    def x_of(minute: float) -> float:
        return plot.x + plot.width * (minute - low) / (high - low)

    bars = Group()
    for point in ordered:
        centre = x_of(point.minute)
        if point.pct is None:
            bars.add(_nobody_mark(centre, plot))
            continue
        bars.add(_bar(plot, centre, bar_width, point.pct, colours.bar))
    drawing.add(bars)
    for minute in _thin(minutes, max_labels=max(2, int(plot.width // 28))):
        drawing.add(_text(x_of(minute), plot.y - 11, str(minute), anchor="middle"))
    drawing.add(_text(plot.x + plot.width + 4, plot.y - 11, "min", anchor="start"))
    named = {"Baseline": colours.baseline, "Target": colours.target}
    marks = [(value, label, named.get(label.split()[0], colours.muted)) for value, label in lines]
    if overall_pct is not None:
        marks.append((overall_pct, f"Overall {percent(_clamp_pct(overall_pct))}", colours.overall))
    if marks:
        _reference_lines(drawing, plot, marks)
    return drawing


def trend_chart(
    points: Sequence[TrendPoint],
    baseline: float | None,
    target: float | None,
    width: float = 480,
    height: float = 200,
) -> Drawing:
    """Time-on-task % per observation over dates, with the cycle's baseline and target."""
    colours = _colours.get()
    if not points:
        return _empty(width, height, "No observations with a time-on-task % yet")
    drawing, plot = _frame(width, height)
    ordered = sorted(points, key=lambda p: p.day)
    first, last = ordered[0].day.toordinal(), ordered[-1].day.toordinal()
    # A little room at both ends so the first and last markers are not cut by the frame.
    pad = max(1.0, (last - first) * 0.06)
    low, high = first - pad, last + pad

    def x_of(day: date) -> float:
        return plot.x + plot.width * (day.toordinal() - low) / (high - low)

    lines = []
    if baseline is not None:
        lines.append((baseline, f"Baseline {goal_value(baseline, percent=True)}", colours.baseline))
    if target is not None:
        lines.append((target, f"Target {goal_value(target, percent=True)}", colours.target))
    _reference_lines(drawing, plot, lines)

    coords = [(x_of(p.day), plot.y_of(p.pct)) for p in ordered]
    # Separate segments, not a PolyLine: renderSVG fills a polyline's closing chord in black.
    for (x1, y1), (x2, y2) in pairwise(coords):
        drawing.add(Line(x1, y1, x2, y2, strokeColor=colours.bar, strokeWidth=1.5, strokeLineCap=1))
    markers = Group()
    for x, y in coords:
        markers.add(
            Circle(
                x,
                y,
                3,
                fillColor=colours.bar,
                strokeColor=colours.background,
                strokeWidth=0.8,
            )
        )
    drawing.add(markers)

    days = sorted({p.day for p in ordered})
    with_year = days[0].year != days[-1].year
    for day in _thin(days, max_labels=max(2, int(plot.width // 52))):
        drawing.add(_text(x_of(day), plot.y - 11, chart_day(day, with_year), anchor="middle"))
    return drawing


def utilisation_chart(
    weeks: Sequence[WeekUse],
    floor_pct: float = 30.0,
    width: float = 480,
    height: float = 200,
) -> Drawing:
    """A pilot's weekly utilisation % as bars, with the floor under which it is sunset."""
    colours = _colours.get()
    if not weeks:
        return _empty(width, height, "No weeks of use recorded yet")
    drawing, plot = _frame(width, height)
    slot = plot.width / len(weeks)
    bar_width = max(2.0, min(slot * 0.65, 40.0))
    bars = Group()
    for n, week in enumerate(weeks):
        centre = plot.x + slot * (n + 0.5)
        bars.add(_bar(plot, centre, bar_width, week.pct, colours.bar))
    drawing.add(bars)
    shown = set(_thin(range(len(weeks)), max_labels=max(2, int(plot.width // 40))))
    for n, week in enumerate(weeks):
        if n in shown:
            label = _fit(week.week, max(slot, 40) - 4, FONT_SIZE)
            drawing.add(_text(plot.x + slot * (n + 0.5), plot.y - 11, label, anchor="middle"))
    floor = f"Floor {percent(_clamp_pct(floor_pct))}"
    _reference_lines(drawing, plot, [(floor_pct, floor, colours.floor)])
    return drawing


def goal_chart(
    bars: Sequence[GoalBar],
    percent_scale: bool,
    unit: str,
    width: float = 480,
    height: float = 160,
) -> Drawing:
    """A goal's baseline, target and final as bars in the goal's own unit (a quiz score, an
    exit ticket, time-on-task %), each labelled with its value as the page shows it. Bars
    named "Baseline" and "Target" take the colours of those lines on the trend chart."""
    colours = _colours.get()
    known = [bar.value for bar in bars if bar.value is not None]
    if not known:
        return _empty(width, height, "No baseline, target or final recorded yet")
    top = 100.0 if percent_scale else _round_top(max(known))
    drawing, plot = _frame(width, height, top=top, unit="%" if percent_scale else unit)
    slot = plot.width / len(bars)
    bar_width = max(8.0, min(slot * 0.5, 64.0))
    fills = {"Baseline": colours.baseline, "Target": colours.target}
    shapes = Group()
    for n, bar in enumerate(bars):
        centre = plot.x + slot * (n + 0.5)
        label = _fit(bar.label, slot - 4, FONT_SIZE)
        drawing.add(_text(centre, plot.y - 11, label, anchor="middle"))
        if bar.value is None:
            drawing.add(_text(centre, plot.y + 6, "not yet", anchor="middle", colour=colours.muted))
            continue
        fill = fills.get(bar.label, colours.bar)
        shapes.add(_bar(plot, centre, bar_width, bar.value, fill))
        drawing.add(_text(centre, plot.y_of(bar.value) + 4, bar.shown, anchor="middle"))
    drawing.add(shapes)
    return drawing


def to_svg(drawing: Drawing) -> bytes:
    """The drawing as UTF-8 SVG for QSvgRenderer."""
    # The SVG names the family as the system knows it, not as ReportLab registered it.
    hacks = {TTF_FONT: {"family": "DejaVu Sans"}}
    return renderSVG.drawToString(drawing, fontHacks=hacks).encode("utf-8")


@cache
def chart_font() -> str:
    """The registered font name charts use, registering the TTF on first use."""
    if TTF_FONT in pdfmetrics.getRegisteredFontNames():
        return TTF_FONT
    for path in FONT_FILES:
        if path.is_file():
            try:
                pdfmetrics.registerFont(EmbeddedFont(TTF_FONT, str(path)))
            except (OSError, TTFError):
                continue
            return TTF_FONT
    raise FileNotFoundError(f"No DejaVuSans.ttf in {FONT_FILES[0].parent}: the app is incomplete")


def _frame(
    width: float, height: float, *, top: float = 100.0, unit: str = "%"
) -> tuple[Drawing, _Plot]:
    """The axis from 0 to `top` (0-100 % unless told) on the chart background, gridlines at
    each quarter, and the unit over the axis."""
    colours = _colours.get()
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colours.background, strokeColor=None))
    plot = _Plot(
        LEFT, BOTTOM, max(40.0, width - LEFT - RIGHT), max(40.0, height - BOTTOM - TOP), top
    )
    ticks = [top * quarter / 4 for quarter in range(5)]
    for value in ticks[1:]:
        y = plot.y_of(value)
        drawing.add(
            Line(plot.x, y, plot.x + plot.width, y, strokeColor=colours.grid, strokeWidth=0.6)
        )
    for value in ticks:
        drawing.add(_text(plot.x - 4, plot.y_of(value) - 3, _tick(value), anchor="end"))
    unit_anchor = "end" if unit == "%" else "start"
    unit_x = plot.x - 4 if unit == "%" else plot.x - LEFT + 4
    drawing.add(_text(unit_x, plot.y + plot.height + 5, unit, anchor=unit_anchor))
    drawing.add(
        Line(
            plot.x,
            plot.y,
            plot.x + plot.width,
            plot.y,
            strokeColor=colours.ink,
            strokeWidth=0.8,
        )
    )
    drawing.add(
        Line(
            plot.x,
            plot.y,
            plot.x,
            plot.y + plot.height,
            strokeColor=colours.ink,
            strokeWidth=0.8,
        )
    )
    return drawing, plot


def _reference_lines(drawing: Drawing, plot: _Plot, lines: list[tuple[float, str, Color]]) -> None:
    """Dashed horizontal lines labelled in the right margin, labels nudged apart if close."""
    label_ys: list[float] = []
    for value, label, colour in sorted(lines, key=lambda line: line[0]):
        y = plot.y_of(value)
        drawing.add(
            Line(
                plot.x,
                y,
                plot.x + plot.width,
                y,
                strokeColor=colour,
                strokeWidth=1.2,
                strokeDashArray=[4, 3],
            )
        )
        label_y = y - 3
        if label_ys and label_y - label_ys[-1] < FONT_SIZE + 1:
            label_y = label_ys[-1] + FONT_SIZE + 1
        label_ys.append(label_y)
        drawing.add(_text(plot.x + plot.width + 4, label_y, label, anchor="start", colour=colour))


def _bar(plot: _Plot, centre: float, width: float, pct: float, colour: Color) -> Rect:
    """One bar up from the axis; 0% still shows as a sliver, so it never looks like a gap."""
    height = max(1.5, plot.y_of(pct) - plot.y)
    return Rect(centre - width / 2, plot.y, width, height, fillColor=colour, strokeColor=None)


def _nobody_mark(centre: float, plot: _Plot) -> Group:
    """A gap where nobody was present: a small ring on the axis and a vertical note."""
    colours = _colours.get()
    mark = Group()
    mark.add(
        Circle(
            centre,
            plot.y + 3,
            2.2,
            fillColor=None,
            strokeColor=colours.muted,
            strokeWidth=0.8,
        )
    )
    note = Group(
        String(
            0,
            0,
            "no one present",
            fontName=chart_font(),
            fontSize=FONT_SIZE,
            fillColor=colours.muted,
        )
    )
    note.transform = (0, 1, -1, 0, centre + FONT_SIZE / 3, plot.y + 8)
    mark.add(note)
    return mark


def _empty(width: float, height: float, sentence: str) -> Drawing:
    """A drawing that says in words that there is nothing to chart yet."""
    colours = _colours.get()
    drawing = Drawing(width, height)
    drawing.add(
        Rect(
            0.5,
            0.5,
            width - 1,
            height - 1,
            fillColor=colours.background,
            strokeColor=colours.grid,
            strokeWidth=0.8,
        )
    )
    drawing.add(
        String(
            width / 2,
            height / 2 - 4,
            sentence,
            fontName=chart_font(),
            fontSize=FONT_SIZE + 2,
            fillColor=colours.muted,
            textAnchor="middle",
        )
    )
    return drawing


def _text(x: float, y: float, text: str, *, anchor: str, colour: Color | None = None) -> String:
    return String(
        x,
        y,
        text,
        fontName=chart_font(),
        fontSize=FONT_SIZE,
        fillColor=colour or _colours.get().ink,
        textAnchor=anchor,
    )


def _fit(text: str, room: float, size: float) -> str:
    """Shorten a label with an ellipsis until it fits in `room` points."""
    if pdfmetrics.stringWidth(text, chart_font(), size) <= room:
        return text
    while text and pdfmetrics.stringWidth(text + "…", chart_font(), size) > room:
        text = text[:-1]
    return text + "…"


def _thin(values, max_labels: int) -> list:
    """Every k-th value (always the first) so at most `max_labels` tick labels are drawn."""
    values = list(values)
    every = max(1, math.ceil(len(values) / max_labels))
    return values[::every]


def _round_top(highest: float) -> float:
    """The axis top for a measure that is not a percentage: a round number a little above
    the highest value, in quarters that read easily (0, 5, 10, 15, 20 or 0, 25, 50...)."""
    if highest <= 0:
        return 4.0
    wanted = highest * 1.1 / 4
    magnitude = 10 ** math.floor(math.log10(wanted))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= wanted)
    return step * 4


def _tick(value: float) -> str:
    """An axis label: whole numbers as such, others to what they need (2.5, 0.25)."""
    return str(int(value)) if value == int(value) else f"{value:g}"


def _smallest_gap(minutes: list[int]) -> int | None:
    gaps = [b - a for a, b in pairwise(minutes) if b > a]
    return min(gaps) if gaps else None


def _clamp_pct(pct: float) -> float:
    return min(100.0, max(0.0, pct))


# ---- The district dashboard ------------------------------------------------------------------


@dataclass(frozen=True)
class MonthBar:
    """One month's mean time-on-task %: None with no lessons, or `withheld` when it comes
    from fewer than three teachers (drawn as a mark, never as its value)."""

    label: str
    pct: float | None
    withheld: bool = False


@dataclass(frozen=True)
class HeatCell:
    """One cell of a heat map: its value (None: nothing to show), and the value as shown."""

    value: float | None
    shown: str
    withheld: bool = False


def monthly_chart(months: Sequence[MonthBar], width: float = 480, height: float = 170) -> Drawing:
    """Mean time-on-task % by month as bars labelled with their value; a month drawn from too
    few teachers says so instead of showing a bar."""
    colours = _colours.get()
    if not any(m.pct is not None or m.withheld for m in months):
        return _empty(width, height, "No observed lessons in these months")
    drawing, plot = _frame(width, height)
    slot = plot.width / len(months)
    bar_width = max(4.0, min(slot * 0.6, 36.0))
    bars = Group()
    for n, month in enumerate(months):
        centre = plot.x + slot * (n + 0.5)
        drawing.add(_text(centre, plot.y - 11, _fit(month.label, slot, FONT_SIZE), anchor="middle"))
        if month.withheld:
            drawing.add(_text(centre, plot.y + 4, "<3", anchor="middle", colour=colours.muted))
        elif month.pct is not None:
            bars.add(_bar(plot, centre, bar_width, month.pct, colours.bar))
            if slot >= 24:
                shown = percent(month.pct)
                drawing.add(_text(centre, plot.y_of(month.pct) + 3, shown, anchor="middle"))
    drawing.add(bars)
    return drawing


HEAT_LABEL_ROOM = 150
HEAT_ROW = 18
HEAT_HEAD = 16


def heat_map_chart(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    cells: Sequence[Sequence[HeatCell]],
    width: float = 480,
    *,
    top: float | None = None,
) -> Drawing:
    """Rows by columns of shaded cells, each printed with its value: the darker, the more
    (against `top`, else the largest value); withheld cells are grey."""
    colours = _colours.get()
    if not row_labels or not column_labels:
        return _empty(width, 60, "Nothing to show for this month")
    label_room = min(HEAT_LABEL_ROOM, width * 0.35)
    cell_w = (width - label_room) / len(column_labels)
    height = HEAT_HEAD + HEAT_ROW * len(row_labels) + 2
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colours.background, strokeColor=None))
    known = [c.value for row in cells for c in row if c.value is not None and not c.withheld]
    scale = top if top is not None else max(known, default=0.0)
    for n, label in enumerate(column_labels):
        x = label_room + cell_w * (n + 0.5)
        drawing.add(
            _text(x, height - HEAT_HEAD + 4, _fit(label, cell_w - 2, FONT_SIZE), anchor="middle")
        )
    for r, label in enumerate(row_labels):
        y = height - HEAT_HEAD - HEAT_ROW * (r + 1)
        drawing.add(_text(2, y + 5, _fit(label, label_room - 6, FONT_SIZE), anchor="start"))
        for n, cell in enumerate(cells[r]):
            x = label_room + cell_w * n
            share = 0.0 if cell.value is None or not scale or cell.withheld else cell.value / scale
            fill = _tint(colours, min(1.0, max(0.0, share)))
            if cell.withheld:
                fill = colours.grid
            drawing.add(
                Rect(
                    x + 1,
                    y + 1,
                    cell_w - 2,
                    HEAT_ROW - 2,
                    fillColor=fill,
                    strokeColor=None,
                )
            )
            ink = colours.background if share > 0.55 else colours.ink
            if cell.withheld:
                ink = colours.ink
            drawing.add(_text(x + cell_w / 2, y + 5, cell.shown, anchor="middle", colour=ink))
    return drawing


def _tint(colours: ChartColours, share: float) -> Color:
    """The bar colour at `share` strength over the background (0: background)."""
    back, bar = colours.background, colours.bar
    return Color(
        back.red + (bar.red - back.red) * share,
        back.green + (bar.green - back.green) * share,
        back.blue + (bar.blue - back.blue) * share,
    )


# ---- Observer calibration ----------------------------------------------------------------


def calibration_chart(
    first: Sequence[SweepPoint],
    second: Sequence[SweepPoint],
    labels: tuple[str, str],
    width: float = 480,
    height: float = 190,
) -> Drawing:
    """Two observers' time-on-task % per sweep over the same lesson: the first as a solid line
    with dots, the second dashed with squares, so the two read apart in greyscale too."""
    colours = _colours.get()
    everything = [p for p in (*first, *second) if p.pct is not None]
    if not everything:
        return _empty(width, height, "No sweeps with students present to compare")
    drawing, plot = _frame(width, height)
    minutes = sorted({p.minute for p in (*first, *second)})
    pad = max(1.0, (minutes[-1] - minutes[0]) * 0.04)
    low, high = minutes[0] - pad, minutes[-1] + pad

    def x_of(minute: float) -> float:
        return plot.x + plot.width * (minute - low) / (high - low)

    styles = (
        (first, colours.bar, None, "circle"),
        (second, colours.overall, (3, 2), "square"),
    )
    for points, colour, dashes, marker in styles:
        coords = [(x_of(p.minute), plot.y_of(p.pct)) for p in points if p.pct is not None]
        for (x1, y1), (x2, y2) in pairwise(coords):
            drawing.add(
                Line(x1, y1, x2, y2, strokeColor=colour, strokeWidth=1.4, strokeDashArray=dashes)
            )
        for x, y in coords:
            drawing.add(_marker(x, y, colour, marker, colours.background))
    # Minute labels from the first recording: a second one a minute off would overprint.
    marks = sorted({p.minute for p in first}) or minutes
    for minute in _thin(marks, max_labels=max(2, int(plot.width // 28))):
        drawing.add(_text(x_of(minute), plot.y - 11, str(minute), anchor="middle"))
    drawing.add(_text(plot.x + plot.width + 4, plot.y - 11, "min", anchor="start"))
    # The legend across the top, right-aligned, each name after its marker.
    x = plot.x + plot.width
    y = plot.y + plot.height + 4
    for label, (_, colour, _, marker) in reversed(list(zip(labels, styles, strict=True))):
        name = _fit(label, plot.width / 3, FONT_SIZE)
        drawing.add(_text(x, y, name, anchor="end"))
        x -= pdfmetrics.stringWidth(name, chart_font(), FONT_SIZE) + 8
        drawing.add(_marker(x, y + 3, colour, marker, colours.background))
        x -= 16
    return drawing


def _marker(x: float, y: float, colour: Color, shape: str, edge: Color):
    if shape == "square":
        return Rect(x - 2.6, y - 2.6, 5.2, 5.2, fillColor=colour, strokeColor=edge, strokeWidth=0.6)
    return Circle(x, y, 2.8, fillColor=colour, strokeColor=edge, strokeWidth=0.6)
