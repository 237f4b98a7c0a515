"""Coaching cycles after Knight's Impact Cycle: start, schedule, goal, sessions, debrief.

Every public function is importable from here; each module holds one step of the cycle.
"""

from app.services.cycles.common import OPEN_STATUSES, STATUS_LABELS
from app.services.cycles.debrief import (
    MAX_EXTEND_WEEKS,
    OUTCOME_LABELS,
    DebriefInput,
    debrief_contradiction,
    extension_dates,
    record_debrief,
)
from app.services.cycles.goal import (
    MEASURE_LABELS,
    PEERS,
    GoalInput,
    goal_met_by_numbers,
    goal_met_reason,
    save_goal,
    shown_goal_met,
    validate_goal,
)
from app.services.cycles.notes import add_note, delete_note, restore_note, set_note_private
from app.services.cycles.reading import (
    CycleDetail,
    CycleRow,
    NoteRow,
    SessionRow,
    cycle_detail,
    list_cycles,
)
from app.services.cycles.schedule import (
    MAX_FOCUS_LENGTH,
    CycleEdit,
    CycleStart,
    edit_cycle,
    move_session,
    session_dates,
    start_cycle,
)
from app.services.cycles.sessions import (
    SessionDone,
    complete_session,
    reopen_session,
    set_session_next_steps,
)
from app.services.cycles.status import abandon_cycle, override_status

__all__ = [
    "MAX_EXTEND_WEEKS",
    "MAX_FOCUS_LENGTH",
    "MEASURE_LABELS",
    "OPEN_STATUSES",
    "OUTCOME_LABELS",
    "PEERS",
    "STATUS_LABELS",
    "CycleDetail",
    "CycleEdit",
    "CycleRow",
    "CycleStart",
    "DebriefInput",
    "GoalInput",
    "NoteRow",
    "SessionDone",
    "SessionRow",
    "abandon_cycle",
    "add_note",
    "complete_session",
    "cycle_detail",
    "debrief_contradiction",
    "delete_note",
    "edit_cycle",
    "extension_dates",
    "goal_met_by_numbers",
    "goal_met_reason",
    "list_cycles",
    "move_session",
    "override_status",
    "record_debrief",
    "reopen_session",
    "restore_note",
    "save_goal",
    "session_dates",
    "set_note_private",
    "set_session_next_steps",
    "shown_goal_met",
    "start_cycle",
    "validate_goal",
]
