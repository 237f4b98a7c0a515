"""What an observation report says about how the lesson was counted: its times, missed marks,
pauses, and time-on-task by activity format."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from app.models import ActivityFormat, Observation, ObservationInterval, time_on_task_pct
from app.models.base import as_utc
from app.services.observations import SweepRow
from app.services.observations.live import clock_state
from app.services.records import live
from app.store import Store
from app.text import FORMAT_LABELS, clock_time, every_minutes, full_date

# A sweep with no activity format noted, when others have one.
NO_FORMAT = "Not noted"


@dataclass(frozen=True)
class LessonClock:
    """The stored clock of one lesson: None times for a lesson typed in from paper."""

    started_at: datetime | None
    ended_at: datetime | None
    paused_at: datetime | None
    paused_seconds: int
    missed_marks: list[int]  # minutes of the marks that came with no sweep

    @property
    def recording(self) -> bool:
        return self.started_at is not None and self.ended_at is None


@dataclass(frozen=True)
class FormatLine:
    """Time-on-task in the sweeps of one activity format."""

    label: str
    sweeps: int
    on_task: int
    present: int
    pct: float | None


def lesson_clock(store: Store, observation_id: uuid.UUID, sweeps: list[SweepRow]) -> LessonClock:
    """The lesson's times and missed marks. An ended live lesson's marks run to its end; a
    lesson from paper or still recording is only judged up to its last sweep."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        minutes = session.exec(
            select(ObservationInterval.minute).where(
                ObservationInterval.observation_id == obs.id,
                col(ObservationInterval.deleted_at).is_(None),
            )
        ).all()
    if obs.started_at is not None and obs.ended_at is not None:
        missed = clock_state(obs, minutes, as_utc(obs.ended_at)).missed_marks
    else:
        missed = _gaps([s.minute for s in sweeps], obs.interval_minutes)
    return LessonClock(
        started_at=as_utc(obs.started_at) if obs.started_at else None,
        ended_at=as_utc(obs.ended_at) if obs.ended_at else None,
        paused_at=as_utc(obs.paused_at) if obs.paused_at else None,
        paused_seconds=obs.paused_seconds,
        missed_marks=missed,
    )


def _gaps(minutes: list[int], interval: int) -> list[int]:
    """Marks before the last swept one that have no sweep."""
    if not minutes:
        return []
    covered = {minute // interval for minute in minutes}
    return [k * interval for k in range(max(covered)) if k not in covered]


def minutes_text(count: int) -> str:
    """ "6 min", kept on one line."""
    return f"{count}\u00a0min"


def sampling_words(clock: LessonClock, interval_minutes: int, sweeps: int) -> str:
    """How the marks were swept, as it happened: "9 sweeps every 5 minutes, 2 marks missed
    (minutes 15 and 30), paused 6 min", or "Still recording: 3 sweeps so far"."""
    count = "1 sweep" if sweeps == 1 else f"{sweeps} sweeps"
    if clock.recording:
        parts = [f"Still recording: {count} so far, {every_minutes(interval_minutes)}"]
    else:
        parts = [f"{count} {every_minutes(interval_minutes)}"]
    missed = clock.missed_marks
    if missed:
        marks = "1 mark missed" if len(missed) == 1 else f"{len(missed)} marks missed"
        at = "minute" if len(missed) == 1 else "minutes"
        parts.append(f"{marks} ({at} {_listed([str(m) for m in missed])})")
    paused = pause_words(clock)
    if paused:
        parts.append(paused)
    return ", ".join(parts)


def pause_words(clock: LessonClock) -> str:
    """ "paused 6 min", "paused now", or "" for a lesson never paused."""
    words = []
    if clock.paused_seconds > 0:
        words.append(f"paused {minutes_text(max(1, round(clock.paused_seconds / 60)))}")
    if clock.paused_at is not None:
        words.append("paused now")
    return " and ".join(words)


def timing_words(clock: LessonClock, sweeps: list[SweepRow], interval_minutes: int) -> str:
    """Start and end time and how long the lesson was counted, in one sentence."""
    if clock.started_at is None:
        if not sweeps:
            return "Typed in from a paper form."
        last = max(s.minute for s in sweeps)
        span = last - min(s.minute for s in sweeps)
        return (
            f"Typed in from a paper form: sweeps from minute {min(s.minute for s in sweeps)} "
            f"to minute {last} ({minutes_text(span + interval_minutes)} counted)."
        )
    start = clock.started_at.astimezone()
    if clock.ended_at is None:
        return f"Started {clock_time(start)} on {full_date(start.date())}; still recording."
    end = clock.ended_at.astimezone()
    seconds = (clock.ended_at - clock.started_at).total_seconds() - clock.paused_seconds
    duration = minutes_text(max(0, round(seconds / 60)))
    paused = f", not counting the {minutes_text(round(clock.paused_seconds / 60))} paused"
    return (
        f"Started {clock_time(start)}, ended {clock_time(end)} on {full_date(start.date())}: "
        f"{duration}{paused if clock.paused_seconds >= 60 else ''}."
    )


def format_lines(sweeps: list[SweepRow]) -> list[FormatLine]:
    """One line per activity format present, in the recorder's order; sweeps with no format
    make a "Not noted" line only when some other sweep has one."""
    groups: dict[str, list[SweepRow]] = {}
    for sweep in sweeps:
        groups.setdefault(sweep.activity_format or "", []).append(sweep)
    if set(groups) <= {""}:
        return []
    order = [f.value for f in ActivityFormat] + [""]
    return [
        FormatLine(
            label=FORMAT_LABELS.get(key, key) if key else NO_FORMAT,
            sweeps=len(groups[key]),
            on_task=sum(s.on_task for s in groups[key] if s.present > 0),
            present=sum(s.present for s in groups[key] if s.present > 0),
            pct=time_on_task_pct((s.on_task, s.present) for s in groups[key]),
        )
        for key in sorted(groups, key=lambda k: order.index(k) if k in order else len(order))
    ]


def _listed(items: list[str]) -> str:
    """ "15", "15 and 30", "15, 30 and 45"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
