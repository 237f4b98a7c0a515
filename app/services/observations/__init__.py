"""Classroom observations: the live time-on-task recorder, corrections, summaries and trends.

Every public function is importable from here; each module holds one seam: `live` (the
lesson's clock), `sweeps` (recording and correcting sweeps), `paper` (a lesson typed in from
a paper form), `notes` (evidence notes), `coding` (details, PICRAT, SAMR, cycle links) and
`reading` (summaries, lists, trends). Every function takes the time (`now`) from its caller,
so a test can play a whole lesson on a fake clock. Times are stored and returned as UTC; a
naive time is taken to be UTC already.
"""

from app.services.observations.coding import (
    LinkChoice,
    delete_observation,
    link_choices,
    link_session,
    restore_observation,
    set_coding,
    update_observation,
)
from app.services.observations.common import (
    FORMAT_LABELS,
    MAX_STUDENTS,
    SAMR_LABELS,
    ObservationStart,
    SweepRow,
)
from app.services.observations.live import (
    LiveState,
    end_observation,
    live_state,
    pause_observation,
    resume_observation,
    start_observation,
    unfinished_observation,
)
from app.services.observations.notes import (
    EvidenceNote,
    add_observation_note,
    delete_observation_note,
    list_observation_notes,
    restore_observation_note,
    set_observation_note_private,
)
from app.services.observations.paper import SweepInput, add_paper_observation, paper_plan_problems
from app.services.observations.reading import (
    ObservationRow,
    ObservationSummary,
    SweepPoint,
    TrendGoal,
    TrendPoint,
    list_observations,
    observation_summary,
    sampling_text,
    time_on_task_trend,
    trend_goal,
)
from app.services.observations.sweeps import (
    MarkAlreadySwept,
    RecordedSweep,
    SweepEdit,
    correct_sweeps,
    delete_interval,
    list_intervals,
    record_interval,
    restore_interval,
    swap_sweeps,
)

__all__ = [
    "FORMAT_LABELS",
    "MAX_STUDENTS",
    "SAMR_LABELS",
    "EvidenceNote",
    "LinkChoice",
    "LiveState",
    "MarkAlreadySwept",
    "ObservationRow",
    "ObservationStart",
    "ObservationSummary",
    "RecordedSweep",
    "SweepEdit",
    "SweepInput",
    "SweepPoint",
    "SweepRow",
    "TrendGoal",
    "TrendPoint",
    "add_observation_note",
    "add_paper_observation",
    "correct_sweeps",
    "delete_interval",
    "delete_observation",
    "delete_observation_note",
    "end_observation",
    "link_choices",
    "link_session",
    "list_intervals",
    "list_observation_notes",
    "list_observations",
    "live_state",
    "observation_summary",
    "paper_plan_problems",
    "pause_observation",
    "record_interval",
    "restore_interval",
    "restore_observation",
    "restore_observation_note",
    "resume_observation",
    "sampling_text",
    "set_coding",
    "set_observation_note_private",
    "start_observation",
    "swap_sweeps",
    "time_on_task_trend",
    "trend_goal",
    "unfinished_observation",
    "update_observation",
]
