"""How an activity is named in messages."""

from app.models import ActivityKind
from app.services.activities import ActivityRow

_IN_A_SENTENCE = {ActivityKind.PD_SESSION: "PD session", ActivityKind.INFORMAL_CONTACT: "contact"}


def describe(activity: ActivityRow) -> str:
    """How a message names an activity mid-sentence: PD session “Seesaw portfolios”."""
    topic = activity.topic if len(activity.topic) <= 60 else activity.topic[:59] + "…"
    return f"{_IN_A_SENTENCE.get(activity.kind, 'activity')} “{topic}”"
