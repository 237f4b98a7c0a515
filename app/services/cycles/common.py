"""What every part of the cycles service shares: the labels, and a cycle's live sessions."""

import uuid
from datetime import date, timedelta

from sqlmodel import Session, col, select

from app.models import CoachingCycle, CycleSession, CycleStatus
from app.models.cycles import SESSION_ORDER, derive_cycle_status
from app.text import CYCLE_STATUS_LABELS

STATUS_LABELS = CYCLE_STATUS_LABELS
OPEN_STATUSES = (CycleStatus.PLANNED, CycleStatus.ACTIVE)


def cycle_end_date(start: date, length_weeks: int) -> date:
    """The last day of a cycle that starts on `start` and runs `length_weeks` weeks."""
    return start + timedelta(weeks=length_weeks, days=-1)


def sessions_of(session: Session, cycle_id: uuid.UUID) -> list[CycleSession]:
    """A cycle's sessions not deleted, in the order the Impact Cycle runs them."""
    rows = session.exec(
        select(CycleSession).where(
            CycleSession.cycle_id == cycle_id, col(CycleSession.deleted_at).is_(None)
        )
    ).all()
    return sorted(rows, key=lambda s: SESSION_ORDER.index(s.kind))


def refresh_status(session: Session, cycle_id: uuid.UUID) -> None:
    """Derive the cycle's status from its sessions again, unless it was set by hand."""
    session.flush()
    cycle = session.get(CoachingCycle, cycle_id)
    if cycle is not None and not cycle.status_overridden:
        cycle.status = derive_cycle_status(
            [s.done_on is not None for s in sessions_of(session, cycle_id)]
        )
