"""The one-page calibration report: two observers' sweeps of one lesson overlaid, the sweep
by sweep table, and how well they agree, in figures and in words."""

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app import charts
from app.models.observations import interval_pct
from app.reports.document import frame_width, prepared_by, setup_for
from app.reports.flowables import data_table, figures_row, heading, title_block
from app.reports.styles import styles
from app.reports.text import esc, markup, para
from app.reports.writing import PathOrFile, write_pdf
from app.services.observations.agreement import (
    MIN_PAIRS_FOR_ICC,
    THRESHOLD_PCT,
    Agreement,
    Sweep,
    icc_band,
)
from app.services.observations.calibration import Recording
from app.services.reports.shared import Byline
from app.text import (
    NO_VALUE,
    activity_check_method,
    full_date,
    percent,
    percent_against,
    sweep_difference,
)

CHART_HEIGHT = 130
# The widths of the sweep table's columns, as shares of the frame.
TABLE_SHARES = (0.16, 0.32, 0.32, 0.2)
ONE_COLUMN_ROWS = 8
COLUMN_GAP = 14


def render_calibration_report(
    first: Recording,
    second: Recording,
    agreement: Agreement,
    out: PathOrFile,
    *,
    byline: Byline,
    share_words: str,
    invariant: bool = False,
) -> int:
    """Write the report to a path (atomically) or an open binary file; returns the pages."""
    s = styles()
    width = frame_width(byline.paper_size)
    when = full_date(first.observed_on) + (f" · {first.period}" if first.period else "")
    lines = [when, f"Recorded by {first.observer} and {second.observer}", prepared_by(byline)]
    story: list[Flowable] = title_block("Observer calibration", first.teacher, lines)
    story.append(markup(f"<b>{esc(agreement.verdict)}</b>", s.body))
    story.append(Spacer(1, 4))
    story.append(figures_row(figure_items(agreement), width))
    story.append(Spacer(1, 4))
    story.append(para(icc_sentence(agreement), s.small))
    story.append(heading("Both recordings, sweep by sweep", s.h2))
    story.append(
        charts.calibration_chart(
            _points(first.sweeps),
            _points(second.sweeps),
            (first.observer, second.observer),
            width,
            CHART_HEIGHT,
        )
    )
    story.append(Spacer(1, 6))
    story += sweep_table(first, second, agreement, width)
    story.append(para(_method(first, agreement), s.small))
    if share_words:
        story.append(para(share_words, s.small))
    title = f"Observer calibration: {first.teacher}, {full_date(first.observed_on)}"
    return write_pdf(story, out, setup_for(title, byline), invariant=invariant)


def figure_items(agreement: Agreement) -> list[tuple[str, str]]:
    n = len(agreement.pairs)
    return [
        (
            _against_bar(agreement.within_one_pct),
            f"Within one student: {agreement.within_one_count}/{n}",
        ),
        (_pct(agreement.exact_pct), f"Exact agreement: {agreement.exact_count}/{n}"),
        (mean_difference_text(agreement.mean_abs_difference_pts), "Mean difference"),
        (_pct(agreement.total_count_pct), "Total-count agreement"),
    ]


def icc_sentence(agreement: Agreement) -> str:
    if agreement.icc is None:
        return (
            f"Intraclass correlation ICC(2,1): {agreement.icc_words} (it needs at least "
            f"{MIN_PAIRS_FOR_ICC} paired sweeps with students present, and some change "
            "between sweeps)."
        )
    shown = f"{agreement.icc:.2f}"
    return (
        f"Intraclass correlation ICC(2,1): {shown}, {icc_band(round(agreement.icc, 2))} "
        f"(from {agreement.icc_pairs} sweeps; below 0.5 poor, 0.5 to 0.75 moderate, 0.75 to "
        "0.9 good, above 0.9 excellent)."
    )


def sweep_table(
    first: Recording, second: Recording, agreement: Agreement, width: float
) -> list[Flowable]:
    header = ["Minute", f"{first.observer}: on task", f"{second.observer}: on task", "Difference"]
    rows = []
    for pair in agreement.pairs:
        same_mark = pair.a.minute == pair.b.minute
        minute = str(pair.a.minute) if same_mark else f"{pair.a.minute} / {pair.b.minute}"
        rows.append([minute, _count(pair.a), _count(pair.b), sweep_difference(pair.difference_pts)])
    for sweeps, is_first in ((agreement.unpaired_a, True), (agreement.unpaired_b, False)):
        for sweep in sweeps:
            cells = [_count(sweep), "—"] if is_first else ["—", _count(sweep)]
            rows.append([str(sweep.minute), *cells, "not paired"])
    if len(rows) <= ONE_COLUMN_ROWS:
        widths = [share * width for share in TABLE_SHARES]
        return [data_table(header, rows, widths, right=[3])]
    # A long lesson's sweeps print in two columns side by side, so the page stays one page.
    half = (width - COLUMN_GAP) / 2
    widths = [share * half for share in TABLE_SHARES]
    header = ["Min", first.observer, second.observer, "Diff."]
    middle = (len(rows) + 1) // 2
    sides = [data_table(header, part, widths, right=[3]) for part in (rows[:middle], rows[middle:])]
    both = Table([sides], colWidths=[half + COLUMN_GAP, half], hAlign="LEFT")
    both.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), COLUMN_GAP),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ]
        )
    )
    return [both]


def _method(first: Recording, agreement: Agreement) -> str:
    half = agreement.interval_minutes / 2
    return (
        f"{activity_check_method(first.interval_minutes)} Each sweep of one recording is "
        f"paired with the other's closest sweep at most {half:g} minutes away; sweeps with no "
        "partner are listed as not paired and left out of every figure. The verdict rests on "
        f"agreement within one student (both counts at most one student apart), against the "
        f"usual {percent(THRESHOLD_PCT)}. Total-count agreement is the smaller lesson total "
        "of students on task over the larger."
    )


def mean_difference_text(value: float | None) -> str:
    """The mean gap, unsigned: "4.1 pts", "0 pts"."""
    if value is None:
        return NO_VALUE
    return "0 pts" if round(value, 1) == 0 else f"{value:.1f} pts"


def _against_bar(value: float | None) -> str:
    """The verdict's figure, precise enough to read on the right side of the 80% bar."""
    return NO_VALUE if value is None else percent_against(value, THRESHOLD_PCT)


def _pct(value: float | None) -> str:
    return NO_VALUE if value is None else percent(value)


def _count(sweep: Sweep) -> str:
    """ "9 of 15 (60%)"; nobody present has no percentage."""
    share = interval_pct(sweep.on_task, sweep.present)
    return f"{sweep.on_task} of {sweep.present}" + ("" if share is None else f" ({percent(share)})")


def _points(sweeps: list[Sweep]) -> list[charts.SweepPoint]:
    return [charts.SweepPoint(s.minute, interval_pct(s.on_task, s.present)) for s in sweeps]


def _short(name: str) -> str:
    return name if len(name) <= 18 else name[:17] + "…"
