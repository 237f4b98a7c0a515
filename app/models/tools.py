"""The tool inventory: tools in use after a pilot (or added by hand), who uses them, how much,
their vetting carried over, their errors, and the semester review's words (DESIGN §2)."""

import uuid
from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.models.base import Record

# A sunset's notice to teachers runs this long before the tool leaves.
SUNSET_NOTICE_DAYS = 30
# A renewal this close, with utilisation under the 30% line, is flagged before it is paid.
RENEWAL_WARNING_DAYS = 60


class ToolStage(StrEnum):
    """How far the rollout has grown: early adopters, then grade-level teams, then everyone."""

    PILOT = "pilot"
    GRADE_LEVEL_TEAMS = "grade_level_teams"
    FULL = "full"


class ToolStatus(StrEnum):
    IN_USE = "in_use"
    SUNSET_NOTICE = "sunset_notice"
    RETIRED = "retired"


class UsageSpan(StrEnum):
    """What one usage cell covers: one day, or the week starting on its date."""

    DAY = "day"
    WEEK = "week"


class UsageMeasure(StrEnum):
    LOGINS = "logins"
    ACTIVE_DAYS = "active_days"


class UsageSource(StrEnum):
    HAND = "hand"
    IMPORT = "import"


class ToolRecommendation(StrEnum):
    KEEP = "keep"
    PENDING = "pending"
    REVIEW = "review"
    SUNSET = "sunset"


class Tool(Record, table=True):
    __tablename__ = "tool"

    name: str = Field(index=True)
    vendor: str = ""
    licences: int | None = None  # seats bought
    cost_per_student: float | None = None  # a year, in dollars
    cost_per_year: float | None = None  # what the district pays a year, in dollars
    renewal_date: date | None = None
    stage: str = Field(default=ToolStage.PILOT, max_length=24)
    status: str = Field(default=ToolStatus.IN_USE, max_length=16, index=True)
    # The pilot it was adopted from; None for a tool added by hand.
    pilot_id: uuid.UUID | None = Field(default=None, foreign_key="pilot.id", index=True)
    # The day it joined the inventory: a semester counts in the review once it was here all of it.
    added_on: date
    notice_date: date | None = None  # the day a sunset's 30-day notice started
    # The sunset checklist: the day each step was ticked off, None while it waits.
    teachers_told_on: date | None = None
    work_archived_on: date | None = None
    sso_removed_on: date | None = None
    renewal_cancelled_on: date | None = None
    archive_place: str = ""  # where students' work went on the district's drive
    retired_on: date | None = None  # the day it left the inventory


class ToolTeacher(Record, table=True):
    """A teacher licensed for (or enrolled in) the tool."""

    __tablename__ = "tool_teacher"

    tool_id: uuid.UUID = Field(foreign_key="tool.id", index=True)
    teacher_id: uuid.UUID = Field(foreign_key="teacher.id", index=True)


class ToolUsage(Record, table=True):
    """One teacher's use of the tool on a day or in a week, from an export or ticked by hand."""

    __tablename__ = "tool_usage"

    tool_id: uuid.UUID = Field(foreign_key="tool.id", index=True)
    teacher_id: uuid.UUID = Field(foreign_key="teacher.id", index=True)
    starts_on: date = Field(index=True)  # the day, or the first day of the week
    span: str = Field(default=UsageSpan.WEEK, max_length=8)
    active: int = 0  # logins, or active days, as the export counts them
    measure: str = Field(default=UsageMeasure.ACTIVE_DAYS, max_length=16)
    source: str = Field(default=UsageSource.HAND, max_length=8)


class ToolCheck(Record, table=True):
    """A vetting check of the tool, copied from its pilot's when it was adopted."""

    __tablename__ = "tool_check"

    tool_id: uuid.UUID = Field(foreign_key="tool.id", index=True)
    criterion: str = Field(max_length=16)
    result: str = Field(default="unknown", max_length=8)
    evidence: str = ""
    essa_tier: int | None = None


class ToolLogEntry(Record, table=True):
    """A technical error with the tool; unresolved ones that cost time call for a review."""

    __tablename__ = "tool_log_entry"

    tool_id: uuid.UUID = Field(foreign_key="tool.id", index=True)
    logged_on: date
    teacher_id: uuid.UUID | None = Field(default=None, foreign_key="teacher.id")
    description: str = ""
    minutes_lost: int = 0
    resolved: bool = False


class BuyInBelief(StrEnum):
    """The two beliefs of the Technology Acceptance Model that predict whether a tool is used."""

    USEFULNESS = "usefulness"
    EASE = "ease"


# Buy-in is met when this share of teachers agree (4 or 5) with the statements.
BUY_IN_TARGET_PCT = 85
# A new notebook's buy-in statements; the coach can reword, reorder, add and remove them.
DEFAULT_BUY_IN_ITEMS = (
    (BuyInBelief.USEFULNESS, "Using this tool helps my students learn."),
    (BuyInBelief.USEFULNESS, "This tool saves me time in planning or feedback."),
    (BuyInBelief.USEFULNESS, "This tool makes my lessons better."),
    (BuyInBelief.EASE, "This tool is easy to use."),
    (BuyInBelief.EASE, "I can get my class started with this tool quickly."),
    (BuyInBelief.EASE, "When something goes wrong with this tool, I know what to do."),
)


class BuyInItem(Record, table=True):
    """One statement of the quarterly buy-in survey, in `position` order, for every tool."""

    __tablename__ = "buy_in_item"

    position: int
    belief: str = Field(default=BuyInBelief.USEFULNESS, max_length=16)
    text: str


class BuyInSurvey(Record, table=True):
    """One teacher's answers about one tool on one day; its quarter follows from the day."""

    __tablename__ = "buy_in_survey"

    tool_id: uuid.UUID = Field(foreign_key="tool.id", index=True)
    teacher_id: uuid.UUID = Field(foreign_key="teacher.id", index=True)
    taken_on: date = Field(index=True)


class BuyInAnswer(Record, table=True):
    """A Likert score (1-5) for one statement, keeping the wording the teacher answered."""

    __tablename__ = "buy_in_answer"

    survey_id: uuid.UUID = Field(foreign_key="buy_in_survey.id", index=True)
    item_index: int
    belief: str = Field(max_length=16)
    item_text: str = ""
    score: int
