"""The observation report's data: one lesson's sweeps, codes, shareable notes and photos."""

import uuid
from dataclasses import dataclass, field
from datetime import date

from app.models import MeasureKind
from app.services.cycles import CycleDetail, cycle_detail
from app.services.errors import NotFound
from app.services.evidence import list_evidence
from app.services.observations import (
    FORMAT_LABELS,
    ObservationSummary,
    list_observation_notes,
    observation_summary,
    time_on_task_trend,
)
from app.services.observations.calibration import calibration_sentence, calibrations_of
from app.services.reports.observation_lesson import (
    FormatLine,
    format_lines,
    lesson_clock,
    sampling_words,
    timing_words,
)
from app.services.reports.shared import (
    Byline,
    Photo,
    SharedNote,
    byline,
    cycle_title,
    photos_of,
)
from app.store import Store
from app.text import (
    activity_check_method,
    full_date,
    goal_value,
    percent,
    picrat_meaning,
    picrat_words,
    samr_meaning,
    samr_words,
)


@dataclass(frozen=True)
class SweepLine:
    minute: int
    on_task: int
    present: int
    pct: float | None
    format_label: str
    note: str


@dataclass(frozen=True)
class ObservationReportData:
    byline: Byline
    observation_id: uuid.UUID
    teacher_name: str
    observed_on: date
    period: str
    lesson: str
    technology: str
    students_present: int | None
    interval_minutes: int
    time_on_task_pct: float | None
    lowest: tuple[int, float] | None  # (minute, %)
    highest: tuple[int, float] | None
    sweeps: list[SweepLine]
    method: str  # "A planned activity check: students on task counted every 5 minutes."
    sampling: str  # what happened: "9 sweeps every 5 minutes, 1 mark missed (minute 15)"
    recording: bool
    missed_marks: list[int]  # minutes of the marks that came with no sweep
    timing: str  # start, end and how long it was counted
    formats: list[FormatLine]  # time-on-task by activity format, formats present only
    reference_lines: list[tuple[float, str]]  # (value %, label) drawn on the sweep chart
    reference_note: str  # what those lines are, in a sentence
    next_steps: str  # the linked visit's next steps, shared in the teacher report too
    picrat: str  # "Interactive amplification (IA)", or "Not coded"
    picrat_meaning: str
    samr: str
    samr_meaning: str
    summary: str  # the coach's summary notes on the lesson
    notes: list[SharedNote]  # shareable notes; `about`: "Minute 15", "After the lesson" or ""
    photos: list[Photo]
    cycle_label: str  # "Part of the cycle on Padlet exit tickets", or ""
    # One line per colleague's recording of this lesson: who, and how well the two agree.
    calibrations: list[str] = field(default_factory=list)


def observation_report_data(
    store: Store, observation_id: uuid.UUID, today: date
) -> ObservationReportData:
    """One lesson for the teacher after the debrief: sweeps, codes, shareable notes, photos."""
    summary = observation_summary(store, observation_id)
    notes = [
        SharedNote(
            written_on=n.created_at.date(),
            about=(
                f"Minute {n.minute}"
                if n.minute is not None
                else ("After the lesson" if n.after_lesson else "")
            ),
            body=n.body,
        )
        for n in list_observation_notes(store, observation_id)
        if not n.is_private
    ]
    cycle_label = ""
    detail = None
    if summary.cycle_id is not None:
        try:
            detail = cycle_detail(store, summary.cycle_id, today)
        except NotFound:
            detail = None
        if detail is not None:
            title = cycle_title(detail.row.focus, detail.row.goal, detail.row.teacher_name)
            began = full_date(detail.row.start_date)
            cycle_label = f"Part of the cycle “{title}” that began {began}"
            session = next((s for s in detail.sessions if s.id == summary.session_id), None)
            if session is not None:
                cycle_label += f" ({session.label})"
            cycle_label += "."
    engagement, use = summary.picrat_engagement, summary.picrat_use
    clock = lesson_clock(store, observation_id, summary.sweeps)
    lines, line_note = _reference_lines(store, summary, detail)
    visit = None
    if detail is not None:
        visit = next((v for v in detail.sessions if v.id == summary.session_id), None)
    return ObservationReportData(
        byline=byline(store, today),
        observation_id=summary.observation_id,
        teacher_name=summary.teacher_name,
        observed_on=summary.observed_on,
        period=summary.period,
        lesson=summary.lesson,
        technology=summary.technology,
        students_present=summary.students_present,
        interval_minutes=summary.interval_minutes,
        time_on_task_pct=summary.time_on_task_pct,
        lowest=(summary.lowest.minute, summary.lowest.pct) if summary.lowest else None,
        highest=(summary.highest.minute, summary.highest.pct) if summary.highest else None,
        sweeps=[
            SweepLine(
                minute=s.minute,
                on_task=s.on_task,
                present=s.present,
                pct=s.pct,
                format_label=FORMAT_LABELS.get(s.activity_format, "") if s.activity_format else "",
                note=s.note,
            )
            for s in summary.sweeps
        ],
        method=activity_check_method(summary.interval_minutes),
        sampling=sampling_words(clock, summary.interval_minutes, len(summary.sweeps)),
        recording=clock.recording,
        missed_marks=clock.missed_marks,
        timing=timing_words(clock, summary.sweeps, summary.interval_minutes),
        formats=format_lines(summary.sweeps),
        reference_lines=lines,
        reference_note=line_note,
        next_steps=visit.next_steps if visit is not None else "",
        picrat=picrat_words(engagement, use),
        picrat_meaning=picrat_meaning(engagement, use),
        samr=samr_words(summary.samr_level),
        samr_meaning=samr_meaning(summary.samr_level),
        summary=summary.notes,
        notes=notes,
        photos=photos_of(store, list_evidence(store, observation_id=observation_id)),
        cycle_label=cycle_label,
        calibrations=[calibration_sentence(c) for c in calibrations_of(store, observation_id)],
    )


def _reference_lines(
    store: Store, summary: ObservationSummary, detail: CycleDetail | None
) -> tuple[list[tuple[float, str]], str]:
    """The cycle's time-on-task baseline and target, or else the teacher's previous lesson."""
    if detail is not None and detail.goal.measure_kind == MeasureKind.TIME_ON_TASK:
        goal = detail.goal
        lines = [
            (value, f"{name} {goal_value(value, percent=True)}")
            for name, value in (("Baseline", goal.baseline_value), ("Target", goal.target_value))
            if value is not None
        ]
        if lines:
            names = " and ".join(label.split()[0].lower() for _, label in lines)
            return lines, f"Dashed lines: the lesson's overall figure and the cycle's {names}."
    trend = time_on_task_trend(store, summary.teacher_id)
    ids = [point.observation_id for point in trend]
    if summary.observation_id in ids:
        earlier = trend[: ids.index(summary.observation_id)]
    else:
        earlier = [p for p in trend if p.observed_on <= summary.observed_on]
    if not earlier:
        return [], ""
    previous = earlier[-1]
    shown = percent(previous.pct)
    return [(previous.pct, f"Last lesson {shown}")], (
        "Dashed lines: the lesson's overall figure and the teacher's previous observed lesson "
        f"({full_date(previous.observed_on)}, {shown})."
    )
