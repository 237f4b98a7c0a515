"""How an activity is named in messages, and the undo steps for deleting one."""

from app.models import ActivityKind
from app.services.activities import ActivityRow, delete_activity, restore_activity
from app.store import Store
from app.views.common.operations import UndoSteps

_IN_A_SENTENCE = {ActivityKind.PD_SESSION: "PD session", ActivityKind.INFORMAL_CONTACT: "contact"}


def describe(activity: ActivityRow) -> str:
    """How a message names an activity mid-sentence: PD session “Seesaw portfolios”."""
    topic = activity.topic if len(activity.topic) <= 60 else activity.topic[:59] + "…"
    return f"{_IN_A_SENTENCE.get(activity.kind, 'activity')} “{topic}”"


def delete_steps(store: Store, activity: ActivityRow) -> UndoSteps:
    return UndoSteps(
        f"Delete {describe(activity)}",
        undo=lambda: restore_activity(store, activity.id),
        redo=lambda: delete_activity(store, activity.id),
        undone=f"Restored the {describe(activity)}.",
        redone=f"Deleted the {describe(activity)}.",
    )
