"""After the lesson: its details, its PICRAT and SAMR codes, its cycle link, deleting it."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from app.models import (
    CoachingCycle,
    CycleSession,
    CycleSessionKind,
    Observation,
    PicratEngagement,
    PicratUse,
    SamrLevel,
    Teacher,
)
from app.models.base import as_utc
from app.models.cycles import SESSION_LABELS
from app.services.errors import ValidationError
from app.services.observations.common import ObservationStart, checked_link, plan_problems
from app.services.records import live, restore
from app.store import Store
from app.text import full_date, month_day

ENGAGEMENTS = frozenset(e.value for e in PicratEngagement)
USES = frozenset(u.value for u in PicratUse)
SAMR_LEVELS = frozenset(s.value for s in SamrLevel)


@dataclass(frozen=True)
class LinkChoice:
    """A cycle session an observation can be linked to."""

    cycle_id: uuid.UUID
    session_id: uuid.UUID | None
    label: str


def update_observation(store: Store, observation_id: uuid.UUID, plan: ObservationStart) -> None:
    """Correct the lesson's details (teacher, day, period, lesson, students, technology)."""
    problems = plan_problems(plan)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        teacher = live(session, Teacher, plan.teacher_id, "teacher")
        if teacher.id != obs.teacher_id:
            # A new teacher: a link to the old teacher's cycle would be wrong now.
            obs.cycle_id = obs.session_id = None
        obs.teacher_id = teacher.id
        obs.observed_on = plan.observed_on
        obs.period = plan.period.strip()
        obs.lesson = plan.lesson.strip()
        obs.students_present = plan.students_present
        obs.technology = plan.technology.strip()
        if obs.started_at is None:
            obs.interval_minutes = plan.interval_minutes


def set_coding(
    store: Store,
    observation_id: uuid.UUID,
    picrat_engagement: str | None,
    picrat_use: str | None,
    samr_level: str | None,
    notes: str,
) -> None:
    """PICRAT cell, SAMR level and notes; None leaves a code unset."""
    problems = {}
    if picrat_engagement is not None and picrat_engagement not in ENGAGEMENTS:
        problems["picrat_engagement"] = "Choose Passive, Interactive or Creative."
    if picrat_use is not None and picrat_use not in USES:
        problems["picrat_use"] = "Choose Replacement, Amplification or Transformation."
    if samr_level is not None and samr_level not in SAMR_LEVELS:
        problems["samr_level"] = "Choose Substitution, Augmentation, Modification or Redefinition."
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        obs.picrat_engagement = picrat_engagement
        obs.picrat_use = picrat_use
        obs.samr_level = samr_level
        obs.notes = notes.strip()


def link_session(
    store: Store,
    observation_id: uuid.UUID,
    cycle_id: uuid.UUID | None,
    session_id: uuid.UUID | None,
) -> None:
    """Link to one of the teacher's cycles (and one of its sessions), or unlink with None."""
    with store.session() as session:
        obs = live(session, Observation, observation_id, "observation")
        obs.cycle_id = checked_link(session, obs.teacher_id, cycle_id, session_id)
        obs.session_id = session_id


def link_choices(store: Store, teacher_id: uuid.UUID) -> list[LinkChoice]:
    """The teacher's cycles and their observable sessions, newest cycle first."""
    observable = (CycleSessionKind.MODEL_LESSON, CycleSessionKind.CO_TEACH)
    with store.session() as session:
        cycles = session.exec(
            select(CoachingCycle)
            .where(
                CoachingCycle.teacher_id == teacher_id,
                col(CoachingCycle.deleted_at).is_(None),
            )
            .order_by(col(CoachingCycle.start_date).desc())
        ).all()
        visits = session.exec(
            select(CycleSession)
            .where(
                col(CycleSession.cycle_id).in_([c.id for c in cycles]),
                col(CycleSession.deleted_at).is_(None),
            )
            .order_by(col(CycleSession.scheduled_date))
        ).all()
    choices = []
    for cycle in cycles:
        name = cycle.focus or "cycle"
        started = full_date(cycle.start_date)
        choices.append(LinkChoice(cycle.id, None, f"{name} (cycle from {started})"))
        for visit in visits:
            if visit.cycle_id == cycle.id and visit.kind in observable:
                label = SESSION_LABELS.get(CycleSessionKind(visit.kind), visit.kind)
                when = month_day(visit.scheduled_date)
                choices.append(LinkChoice(cycle.id, visit.id, f"{name}: {label}, {when}"))
    return choices


def delete_observation(store: Store, observation_id: uuid.UUID, now: datetime) -> None:
    """Soft delete (undo with `restore_observation`); its sweeps stay with it."""
    with store.session() as session:
        live(session, Observation, observation_id, "observation").deleted_at = as_utc(now)


def restore_observation(store: Store, observation_id: uuid.UUID) -> None:
    restore(store, Observation, observation_id, "observation")
