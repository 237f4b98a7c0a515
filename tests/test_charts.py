"""Charts render the same data as SVG for the app and as vectors in a PDF."""

import xml.etree.ElementTree as ET
from dataclasses import fields
from datetime import date
from itertools import pairwise

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.platypus import SimpleDocTemplate

from app.charts import (
    BAR,
    DARK,
    PAPER,
    ChartColours,
    SweepPoint,
    TrendPoint,
    WeekUse,
    drawn_in,
    sweep_chart,
    to_svg,
    trend_chart,
    utilisation_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<b>Tiếng Việt</b> & é"

SWEEPS = [
    SweepPoint(0, 80.0),
    SweepPoint(5, 92.3),
    SweepPoint(10, None),
    SweepPoint(15, 0.0),
    SweepPoint(20, 100.0),
    SweepPoint(25, 64.0),
]
TREND = [
    TrendPoint(date(2025, 9, 3), 48.0),
    TrendPoint(date(2025, 9, 10), 55.0),
    TrendPoint(date(2025, 9, 24), 63.5),
]


def svg_tree(drawing: Drawing) -> ET.Element:
    return ET.fromstring(to_svg(drawing))


def texts(drawing: Drawing) -> list[str]:
    return [node.text or "" for node in svg_tree(drawing).iter(f"{SVG}text")]


def bar_fill() -> str:
    """How renderSVG writes the bar colour, so bars can be told from other rectangles."""
    probe = Drawing(10, 10)
    probe.add(Rect(0, 0, 5, 5, fillColor=BAR, strokeColor=None))
    rect = list(svg_tree(probe).iter(f"{SVG}rect"))[-1]  # the first is the clip path
    return next(p.strip() for p in rect.get("style").split(";") if p.strip().startswith("fill:"))


def bars(drawing: Drawing) -> list[ET.Element]:
    fill = bar_fill()
    return [r for r in svg_tree(drawing).iter(f"{SVG}rect") if fill in r.get("style", "")]


def markers(drawing: Drawing) -> list[ET.Element]:
    fill = bar_fill()
    return [c for c in svg_tree(drawing).iter(f"{SVG}circle") if fill in c.get("style", "")]


def pdf_text(drawing: Drawing, folder, name: str = "chart.pdf") -> str:
    path = folder / name
    SimpleDocTemplate(str(path), invariant=1).build([drawing])
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_sweep_chart_draws_a_bar_per_sweep_with_someone_present():
    drawing = sweep_chart(SWEEPS, overall_pct=78.4)
    assert len(bars(drawing)) == 5
    labels = texts(drawing)
    assert {"0", "25", "50", "75", "100", "%", "min", "Overall 78%"} <= set(labels)
    assert {"5", "10", "15", "20", "25"} <= set(labels)


def test_sweep_with_nobody_present_is_a_gap_with_a_mark():
    drawing = sweep_chart(SWEEPS)
    assert texts(drawing).count("no one present") == 1
    # No bar stands where minute 10 is: the bars' left edges skip one slot.
    lefts = sorted(float(r.get("x")) for r in bars(drawing))
    steps = [round(b - a, 3) for a, b in pairwise(lefts)]
    assert max(steps) == pytest.approx(2 * min(steps))


def test_sweep_chart_without_an_overall_line_has_no_overall_label():
    assert not any(t.startswith("Overall") for t in texts(sweep_chart(SWEEPS)))


def test_trend_chart_marks_each_observation_and_labels_baseline_and_target():
    drawing = trend_chart(TREND, baseline=52.0, target=75.0)
    assert len(markers(drawing)) == 3
    labels = texts(drawing)
    assert {"Baseline 52%", "Target 75%", "Sep 3", "Sep 10", "Sep 24"} <= set(labels)


def test_trend_chart_leaves_out_missing_baseline_and_target():
    labels = texts(trend_chart(TREND[:1], baseline=None, target=None))
    assert not any(t.startswith(("Baseline", "Target")) for t in labels)


def test_trend_across_new_year_shows_the_year():
    points = [TrendPoint(date(2025, 12, 10), 50.0), TrendPoint(date(2026, 1, 14), 60.0)]
    assert "Jan 14 ’26" in texts(trend_chart(points, None, None))


def test_utilisation_chart_draws_weekly_bars_and_the_floor():
    weeks = [WeekUse(f"Wk {n}", pct) for n, pct in enumerate([80, 55, 20, 0], start=1)]
    drawing = utilisation_chart(weeks)
    assert len(bars(drawing)) == 4
    assert {"Wk 1", "Wk 4", "Floor 30%"} <= set(texts(drawing))


@pytest.mark.parametrize(
    ("drawing", "sentence"),
    [
        (sweep_chart([]), "No sweeps recorded yet"),
        (trend_chart([], 52.0, 75.0), "No observations with a time-on-task % yet"),
        (utilisation_chart([]), "No weeks of use recorded yet"),
    ],
)
def test_empty_data_says_so_in_words(drawing, sentence, tmp_path):
    assert texts(drawing) == [sentence]
    assert bars(drawing) == []
    assert sentence in pdf_text(drawing, tmp_path)


def test_hostile_labels_render_as_written(tmp_path):
    drawing = utilisation_chart([WeekUse(HOSTILE, 40.0), WeekUse("Wk 2 & 3", 70.0)])
    assert HOSTILE in texts(drawing)
    text = pdf_text(drawing, tmp_path)
    assert "Tiếng Việt" in text
    assert "Wk 2 & 3" in text


def test_a_label_too_long_for_its_bar_is_shortened():
    weeks = [WeekUse("A very long week label that cannot fit", 50.0)] * 8
    labels = [t for t in texts(utilisation_chart(weeks)) if t.startswith("A very")]
    assert labels and all(t.endswith("…") for t in labels)


def test_out_of_range_values_stay_inside_the_axis():
    drawing = sweep_chart([SweepPoint(0, 140.0), SweepPoint(5, -20.0)], overall_pct=120.0)
    heights = sorted(float(r.get("height")) for r in bars(drawing))
    assert heights[0] > 0
    assert "Overall 100%" in texts(drawing)


def test_charts_print_into_a_pdf_with_their_axis_labels(tmp_path):
    sweep = pdf_text(sweep_chart(SWEEPS, overall_pct=78.4), tmp_path, "sweep.pdf")
    for label in ("min", "%", "100", "Overall 78%", "no one present"):
        assert label in sweep
    trend = pdf_text(trend_chart(TREND, 52.0, 75.0), tmp_path, "trend.pdf")
    for label in ("Baseline 52%", "Target 75%", "Sep 10"):
        assert label in trend
    pilot = pdf_text(utilisation_chart([WeekUse("Wk 1", 45.0)]), tmp_path, "pilot.pdf")
    assert "Floor 30%" in pilot


def test_the_same_chart_gives_the_same_pdf(tmp_path):
    first = tmp_path / "a.pdf"
    second = tmp_path / "b.pdf"
    SimpleDocTemplate(str(first), invariant=1).build([sweep_chart(SWEEPS)])
    SimpleDocTemplate(str(second), invariant=1).build([sweep_chart(SWEEPS)])
    assert first.read_bytes() == second.read_bytes()


# Colours for the dark screen, and enough contrast in both


def _luminance(colour) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in (colour.red, colour.green, colour.blue))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """The WCAG contrast ratio of two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def fills(drawing: Drawing) -> set[str]:
    """Every fill and stroke colour the SVG uses, as renderSVG writes it."""
    found = set()
    for node in svg_tree(drawing).iter():
        for part in node.get("style", "").split(";"):
            key, _, value = part.partition(":")
            if key.strip() in ("fill", "stroke") and value.strip() not in ("none", ""):
                found.add(value.strip())
    return found


def svg_colour(colour) -> str:
    probe = Drawing(10, 10)
    probe.add(Rect(0, 0, 5, 5, fillColor=colour, strokeColor=None))
    return (fills(probe) - {"rgb(0%,0%,0%)"}).pop()


@pytest.mark.parametrize("colours", [PAPER, DARK], ids=["paper", "dark"])
def test_chart_text_and_marks_keep_wcag_contrast_with_their_background(colours: ChartColours):
    text = ("ink", "muted", "overall", "baseline", "target", "floor")
    for name in text:
        assert contrast(getattr(colours, name), colours.background) >= 4.5, name
    assert contrast(colours.bar, colours.background) >= 3
    assert contrast(colours.grid, colours.background) >= 1.3  # quiet, but visible


def test_dark_charts_have_a_dark_background_and_light_text():
    assert _luminance(DARK.background) < 0.05 and _luminance(DARK.ink) > 0.7
    with drawn_in(DARK):
        drawings = [
            sweep_chart(SWEEPS, overall_pct=71.0),
            trend_chart(TREND, 40.0, 70.0),
            utilisation_chart([WeekUse("Wk 1", 25.0), WeekUse("Wk 2", 60.0)]),
            sweep_chart([]),
        ]
    paper_only = {svg_colour(getattr(PAPER, f.name)) for f in fields(PAPER)}
    dark = {svg_colour(getattr(DARK, f.name)) for f in fields(DARK)}
    for drawing in drawings:
        used = fills(drawing)
        assert svg_colour(DARK.background) in used
        assert not used & (paper_only - dark)  # no paper colour left on the dark card
    assert len(bars(drawings[0])) == 0  # the paper bar colour is not used
    assert svg_colour(DARK.bar) in fills(drawings[0])


def test_charts_outside_the_dark_block_are_drawn_for_paper(tmp_path):
    with drawn_in(DARK):
        pass
    drawing = sweep_chart(SWEEPS, overall_pct=71.0)
    assert len(bars(drawing)) == 5
    assert svg_colour(DARK.background) not in fills(drawing)
