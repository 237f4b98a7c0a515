"""What every report's data shares: the byline, shareable notes, photos, observation lines.

A report meant for a principal or a teacher must never carry a private note, so every note
is filtered in this package, before the data leaves the service layer: the renderers never
see one.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from app.models import Observation
from app.models.base import as_utc
from app.services.errors import NotFound
from app.services.evidence import EvidenceRow, evidence_bytes
from app.services.observations import TrendPoint, list_observations
from app.services.profile import get_profile
from app.store import Store

# Raises to stop a long build (the GUI's Cancel); called between steps.
CancelCheck = Callable[[], None]
# A goal used as a cycle's title is cut to this many characters.
GOAL_TITLE_LENGTH = 80


@dataclass(frozen=True)
class Byline:
    """Who prepared the report, for whom, when, and on what paper."""

    coach: str
    title: str
    district: str
    paper_size: str  # "letter" or "a4"
    prepared_on: date


@dataclass(frozen=True)
class SharedNote:
    """A note marked shareable; `about` says what it was written on ("Model lesson")."""

    written_on: date
    about: str
    body: str


@dataclass(frozen=True)
class Photo:
    filename: str
    caption: str
    data: bytes
    width: int | None  # pixels, from the image header; None if unreadable
    height: int | None
    about: str = ""  # what it belongs to, for the portfolio's photo pages


@dataclass(frozen=True)
class ObservationLine:
    """One observation in a list: the day, the lesson and its time-on-task %."""

    id: uuid.UUID
    observed_on: date
    period: str
    lesson: str
    pct: float | None
    sweeps: int
    teacher_id: uuid.UUID | None = None
    cycle_id: uuid.UUID | None = None  # the cycle it is linked to, if any
    # Started live and not ended: its figure is not final, so no trend or average uses it.
    recording: bool = False


def byline(store: Store, today: date) -> Byline:
    profile = get_profile(store)
    return Byline(profile.name, profile.title, profile.district, profile.paper_size, today)


def cycle_title(focus: str, goal: str, teacher_name: str) -> str:
    """A cycle's focus, else its goal, else "Coaching cycle with <teacher>"."""
    return cycle_subject(focus, goal) or f"Coaching cycle with {teacher_name}"


def cycle_subject(focus: str, goal: str) -> str:
    """The focus, else the goal's first line (shortened); "" when the cycle names neither."""
    if focus.strip():
        return " ".join(focus.split())
    first_line = next((line.strip() for line in goal.splitlines() if line.strip()), "")
    words = " ".join(first_line.split())
    return words if len(words) <= GOAL_TITLE_LENGTH else words[: GOAL_TITLE_LENGTH - 1] + "…"


def no_cancel() -> None:
    return None


def observation_line(row, cycle_id: uuid.UUID | None = None) -> ObservationLine:
    return ObservationLine(
        row.id,
        row.observed_on,
        row.period,
        row.lesson,
        row.time_on_task_pct,
        row.sweeps,
        row.teacher_id,
        cycle_id,
        row.in_progress,
    )


def lines_with_cycles(store: Store, rows) -> list[ObservationLine]:
    """Observation rows as lines, each with the cycle it is linked to, oldest first."""
    with store.session() as session:
        links = dict(
            session.exec(
                select(Observation.id, Observation.cycle_id).where(
                    col(Observation.cycle_id).is_not(None), col(Observation.deleted_at).is_(None)
                )
            ).all()
        )
    return sorted((observation_line(r, links.get(r.id)) for r in rows), key=lambda o: o.observed_on)


def observation_lines(store: Store, teacher_id: uuid.UUID) -> list[ObservationLine]:
    return lines_with_cycles(store, list_observations(store, teacher_id))


def trend_of(lines: list[ObservationLine]) -> list[TrendPoint]:
    """The lines with a final time-on-task %, as the trend chart plots them."""
    return [
        TrendPoint(o.id, o.observed_on, o.pct, o.cycle_id)
        for o in lines
        if o.pct is not None and not o.recording
    ]


def local_day(moment) -> date:
    """The coach's calendar day of a stored UTC time."""
    return as_utc(moment).astimezone().date()


def photos_of(store: Store, rows: list[EvidenceRow], about: dict | None = None) -> list[Photo]:
    photos = []
    for row in rows:
        try:
            data = evidence_bytes(store, row.id)
        except NotFound:
            continue  # deleted since it was listed
        owner = row.observation_id or row.cycle_id or row.pilot_id
        photos.append(
            Photo(
                row.filename,
                row.caption,
                data,
                row.width,
                row.height,
                (about or {}).get(owner, ""),
            )
        )
    return photos
