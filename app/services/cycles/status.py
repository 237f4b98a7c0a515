"""A cycle's status set by hand: abandoned (with a reason), or overridden and given back."""

import uuid
from datetime import date

from app.models import CoachingCycle, CycleStatus
from app.services.cycles.common import refresh_status
from app.services.errors import ValidationError
from app.services.records import live
from app.store import Store


def abandon_cycle(store: Store, cycle_id: uuid.UUID, reason: str, on: date | None = None) -> None:
    """Stop the cycle, with why, on `on` (default: today by the store's clock)."""
    if not reason.strip():
        raise ValidationError(
            {"reason": "Say briefly why the cycle stopped; it helps at year end."}
        )
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        cycle.status = CycleStatus.ABANDONED
        cycle.status_overridden = True
        cycle.abandoned_reason = reason.strip()
        cycle.stopped_on = on or store.local_now().date()


def override_status(store: Store, cycle_id: uuid.UUID, status: str | None) -> None:
    """Set the status by hand, or (None) go back to deriving it from the sessions."""
    if status == CycleStatus.ABANDONED:
        raise ValidationError({"status": "To abandon a cycle, use Abandon and say why."})
    if status is not None and status not in {s.value for s in CycleStatus}:
        raise ValidationError({"status": "Choose planned, active or completed."})
    with store.session() as session:
        cycle = live(session, CoachingCycle, cycle_id, "cycle")
        cycle.status_overridden = status is not None
        # A cycle taken up again is no longer abandoned, so its old reason goes.
        cycle.abandoned_reason = ""
        cycle.stopped_on = None
        if status is None:
            refresh_status(session, cycle.id)
        else:
            cycle.status = status
