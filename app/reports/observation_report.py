"""The observation report for the teacher: the lesson, its sweeps and chart, codes and notes."""

from reportlab.platypus import Flowable, Spacer

from app import charts
from app.reports.document import frame_width, prepared_by, setup_for
from app.reports.flowables import (
    CELL_LIMIT,
    data_table,
    empty,
    figures_row,
    heading,
    title_block,
)
from app.reports.sections import note_blocks, photo_blocks
from app.reports.styles import styles
from app.reports.text import labelled, para, text_block
from app.reports.writing import PathOrFile, Progress, write_pdf
from app.services.reports.observation import ObservationReportData
from app.services.reports.shared import CancelCheck
from app.text import NO_VALUE, full_date, percent

CHART_HEIGHT = 170


def render_observation_report(
    data: ObservationReportData,
    out: PathOrFile,
    *,
    invariant: bool = False,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> int:
    """Write the report to a path (atomically) or an open binary file; returns the page count."""
    s = styles()
    width = frame_width(data.byline.paper_size)
    when = full_date(data.observed_on)
    if data.period:
        when += f" · {data.period}"
    lines = [
        when,
        data.lesson,
        _still_recording(data),
        f"Technology in use: {data.technology}" if data.technology else "",
        data.cycle_label,
        prepared_by(data.byline),
    ]
    story: list[Flowable] = title_block("Observation report", data.teacher_name, lines)
    story.append(figures_row(_figures(data), width))
    story.append(Spacer(1, 8))
    story.append(para(data.method))
    story.append(labelled("When", data.timing))
    story.append(labelled("How it was sampled", f"{data.sampling}."))
    for line in data.calibrations:
        story.append(labelled("Observer calibration", line))
    story.append(
        para(
            "Each sweep counts the students on task out of the students present. The lesson's "
            "figure adds up every sweep's on-task students and divides by every sweep's "
            "students present; sweeps with nobody present are left out.",
            s.small,
        )
    )

    story.append(heading("Time-on-task by sweep", s.h2))
    story += sweep_blocks(data, width)

    if data.formats:
        story.append(heading("Time-on-task by activity format", s.h2))
        story.append(format_table(data, width))

    story.append(heading("How the technology was used", s.h2))
    story.append(labelled("PICRAT", data.picrat))
    if data.picrat_meaning:
        story.append(para(data.picrat_meaning, s.small))
    story.append(labelled("SAMR", data.samr))
    if data.samr_meaning:
        story.append(para(data.samr_meaning, s.small))

    story.append(heading("Summary", s.h2))
    story += text_block(data.summary) if data.summary.strip() else [empty("No summary written.")]
    story.append(heading("Next steps", s.h2))
    story += (
        text_block(data.next_steps)
        if data.next_steps.strip()
        else [empty("No next steps written for this lesson yet.")]
    )
    story.append(heading("Notes from the lesson", s.h2))
    story += note_blocks(data.notes, "No shareable notes from this lesson.")
    story.append(heading("Photos", s.h2))
    story += photo_blocks(data.photos, width, data.byline.paper_size)
    title = f"Observation report: {data.teacher_name}, {full_date(data.observed_on)}"
    return write_pdf(
        story,
        out,
        setup_for(title, data.byline),
        invariant=invariant,
        progress=progress,
        cancel=cancel,
    )


def sweep_blocks(data: ObservationReportData, width: float) -> list[Flowable]:
    if not data.sweeps:
        return [empty("No sweeps were recorded in this lesson.")]
    points = [charts.SweepPoint(sweep.minute, sweep.pct) for sweep in data.sweeps]
    blocks: list[Flowable] = [
        charts.sweep_chart(
            points,
            width=width,
            height=CHART_HEIGHT,
            overall_pct=data.time_on_task_pct,
            lines=data.reference_lines,
        ),
    ]
    if data.reference_note:
        blocks.append(para(data.reference_note, styles().small))
    blocks.append(Spacer(1, 6))
    swept = [
        (
            sweep.minute,
            [
                str(sweep.minute),
                str(sweep.on_task),
                str(sweep.present),
                percent(sweep.pct) if sweep.pct is not None else "nobody present",
                sweep.format_label,
                sweep.note,
            ],
        )
        for sweep in data.sweeps
    ]
    missed = [(m, [str(m), NO_VALUE, NO_VALUE, "missed", "", ""]) for m in data.missed_marks]
    rows = [row for _, row in sorted(swept + missed, key=lambda pair: pair[0])]
    widths = [width * w for w in (0.09, 0.1, 0.1, 0.16, 0.17, 0.38)]
    header = ["Minute", "On task", "Present", "On task %", "Activity", "Note"]
    blocks.append(data_table(header, rows, widths, right=(0, 1, 2, 3)))
    # A note too long for its cell is shortened there and printed in full underneath.
    long_notes = [sweep for sweep in data.sweeps if len(sweep.note) > CELL_LIMIT]
    for sweep in long_notes:
        blocks.append(para(f"Note at minute {sweep.minute}, in full", styles().note_meta))
        blocks += text_block(sweep.note)
    return blocks


def format_table(data: ObservationReportData, width: float) -> Flowable:
    """Time-on-task in each activity format present, weighted by students like the lesson."""
    rows = [
        [
            line.label,
            str(line.sweeps),
            str(line.on_task),
            str(line.present),
            NO_VALUE if line.pct is None else percent(line.pct),
        ]
        for line in data.formats
    ]
    widths = [width * w for w in (0.34, 0.15, 0.17, 0.17, 0.17)]
    header = ["Activity format", "Sweeps", "On task", "Present", "On task %"]
    return data_table(header, rows, widths, right=(1, 2, 3, 4))


def _figures(data: ObservationReportData) -> list[tuple[str, str]]:
    """The four big numbers; labels short enough to fit their box on Letter and A4."""

    def sweep(point: tuple[int, float] | None) -> str:
        return NO_VALUE if point is None else percent(point[1])

    def at(point: tuple[int, float] | None, label: str) -> str:
        return f"{label} sweep" if point is None else f"{label} at minute {point[0]}"

    # A lesson still recording has no whole-lesson figure yet; the sampling line says why.
    overall = "On task so far" if data.recording else "On task, whole lesson"
    present = NO_VALUE if data.students_present is None else str(data.students_present)
    return [
        (percent(data.time_on_task_pct), overall),
        (sweep(data.lowest), at(data.lowest, "Lowest")),
        (sweep(data.highest), at(data.highest, "Highest")),
        (present, "Students present"),
    ]


def _still_recording(data: ObservationReportData) -> str:
    """ "Still recording: 3 sweeps so far." for a lesson not ended yet, else nothing."""
    if not data.recording:
        return ""
    count = "1 sweep" if len(data.sweeps) == 1 else f"{len(data.sweeps)} sweeps"
    return f"Still recording: {count} so far."
