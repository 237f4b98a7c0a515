"""SQLModel tables and pure computed values. No Qt here."""

from app.models.activities import Activity, ActivityKind
from app.models.base import Record, as_json_value, utc_now
from app.models.calibration import ColleagueRecording, ColleagueSweep
from app.models.cycles import (
    CoachingCycle,
    CycleOutcome,
    CycleSession,
    CycleSessionKind,
    CycleStatus,
    MeasureKind,
)
from app.models.evidence import EvidenceFile
from app.models.notes import Note
from app.models.observations import (
    ActivityFormat,
    Observation,
    ObservationInterval,
    PicratEngagement,
    PicratUse,
    SamrLevel,
    time_on_task_pct,
)
from app.models.pilots import (
    CheckResult,
    LogKind,
    Pilot,
    PilotDecision,
    PilotLogEntry,
    PilotStatus,
    PilotTeacher,
    PilotUsage,
    Recommendation,
    VettingCheck,
    VettingCriterion,
)
from app.models.profile import CoachProfile, PaperSize, School
from app.models.surveys import Survey, SurveyAnswer, SurveyItem, SurveyPhase
from app.models.sync import SyncState
from app.models.teachers import Teacher
from app.models.tools import (
    Tool,
    ToolCheck,
    ToolLogEntry,
    ToolRecommendation,
    ToolStage,
    ToolStatus,
    ToolTeacher,
    ToolUsage,
    UsageMeasure,
    UsageSource,
    UsageSpan,
)

__all__ = [
    "Activity",
    "ActivityFormat",
    "ActivityKind",
    "CheckResult",
    "CoachProfile",
    "CoachingCycle",
    "ColleagueRecording",
    "ColleagueSweep",
    "CycleOutcome",
    "CycleSession",
    "CycleSessionKind",
    "CycleStatus",
    "EvidenceFile",
    "LogKind",
    "MeasureKind",
    "Note",
    "Observation",
    "ObservationInterval",
    "PaperSize",
    "PicratEngagement",
    "PicratUse",
    "Pilot",
    "PilotDecision",
    "PilotLogEntry",
    "PilotStatus",
    "PilotTeacher",
    "PilotUsage",
    "Recommendation",
    "Record",
    "SamrLevel",
    "School",
    "Survey",
    "SurveyAnswer",
    "SurveyItem",
    "SurveyPhase",
    "SyncState",
    "Teacher",
    "Tool",
    "ToolCheck",
    "ToolLogEntry",
    "ToolRecommendation",
    "ToolStage",
    "ToolStatus",
    "ToolTeacher",
    "ToolUsage",
    "UsageMeasure",
    "UsageSource",
    "UsageSpan",
    "VettingCheck",
    "VettingCriterion",
    "as_json_value",
    "time_on_task_pct",
    "utc_now",
]
