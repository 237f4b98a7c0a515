"""Four-week edtech pilots: vetting, the log, weekly usage, and the recommendation rules."""

import uuid
from datetime import date, timedelta
from enum import StrEnum

from sqlmodel import Field

from app.models.base import Record

UTILISATION_FLOOR_PCT = 30.0
SUNSET_NOTICE_DAYS = 30
# Supplemental tools should cost under this much per student a year (DESIGN §2).
COST_LINE_PER_STUDENT = 5.0
MAX_LENGTH_WEEKS = 12
ESSA_TIERS = {
    1: "Strong evidence",
    2: "Moderate evidence",
    3: "Promising evidence",
    4: "Demonstrates a rationale",
}
# How badly a technical error hurt the lesson.
SEVERITY_LABELS = {
    1: "Low: the lesson carried on",
    2: "Medium: part of the lesson was lost",
    3: "High: the lesson stopped",
}


class PilotStatus(StrEnum):
    PROPOSED = "proposed"
    VETTING = "vetting"
    PILOTING = "piloting"
    DECIDING = "deciding"
    ADOPTED = "adopted"
    EXTENDED = "extended"
    SUNSET = "sunset"


class PilotDecision(StrEnum):
    """The coach's decision; the pilot's status becomes the same word."""

    ADOPTED = "adopted"
    EXTENDED = "extended"
    SUNSET = "sunset"


class VettingCriterion(StrEnum):
    PRIVACY = "privacy"
    SSO = "sso"
    ACCESSIBILITY = "accessibility"
    COST = "cost"
    EVIDENCE = "evidence"
    MOBILE = "mobile"


class CheckResult(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


class LogKind(StrEnum):
    TECHNICAL_ERROR = "technical_error"
    USAGE = "usage"
    NOTE = "note"


class Recommendation(StrEnum):
    ADOPT = "adopt"
    REVIEW = "review"
    PENDING = "pending"
    SUNSET = "sunset"


class Pilot(Record, table=True):
    __tablename__ = "pilot"

    tool: str = Field(index=True)
    vendor: str = ""
    learning_objective: str = ""
    standards: str = ""
    start_date: date | None = Field(default=None, index=True)
    length_weeks: int = 4
    status: str = Field(default=PilotStatus.PROPOSED, max_length=16, index=True)
    cost_per_student: float | None = None
    licences: int | None = None
    decision: str | None = Field(default=None, max_length=16)
    rationale: str = ""
    decision_date: date | None = None
    notice_date: date | None = None


class PilotTeacher(Record, table=True):
    __tablename__ = "pilot_teacher"

    pilot_id: uuid.UUID = Field(foreign_key="pilot.id", index=True)
    teacher_id: uuid.UUID = Field(foreign_key="teacher.id", index=True)


class VettingCheck(Record, table=True):
    __tablename__ = "vetting_check"

    pilot_id: uuid.UUID = Field(foreign_key="pilot.id", index=True)
    criterion: str = Field(max_length=16)
    result: str = Field(default=CheckResult.UNKNOWN, max_length=8)
    evidence: str = ""
    essa_tier: int | None = None


class PilotLogEntry(Record, table=True):
    __tablename__ = "pilot_log_entry"

    pilot_id: uuid.UUID = Field(foreign_key="pilot.id", index=True)
    logged_on: date
    period: str = ""
    teacher_id: uuid.UUID | None = Field(default=None, foreign_key="teacher.id")
    kind: str = Field(default=LogKind.TECHNICAL_ERROR, max_length=16)
    severity: int | None = None
    description: str = ""
    minutes_lost: int = 0
    resolved: bool = False


class PilotUsage(Record, table=True):
    __tablename__ = "pilot_usage"

    pilot_id: uuid.UUID = Field(foreign_key="pilot.id", index=True)
    teacher_id: uuid.UUID = Field(foreign_key="teacher.id")
    week: int
    used: bool = False


def weeks_elapsed(start: date | None, length_weeks: int, today: date) -> int:
    """Whole or started weeks of the pilot up to today, capped at its length."""
    if start is None or today < start:
        return 0
    return min(length_weeks, (today - start).days // 7 + 1)


def weeks_to_run(start: date | None, length_weeks: int, today: date) -> int:
    """Weeks left before the pilot's last day, a started week counting as a whole one."""
    if start is None:
        return length_weeks
    days_left = (start + timedelta(weeks=length_weeks) - max(today, start)).days
    return max(0, -(-days_left // 7))


def end_date(start: date | None, length_weeks: int) -> date | None:
    """The day after the pilot's last week: from then on it awaits a decision."""
    return None if start is None else start + timedelta(weeks=length_weeks)


def awaiting_decision(
    start: date | None, length_weeks: int, status: str, decision: str | None, today: date
) -> bool:
    """Past its length and not yet decided (DESIGN §2), as Today lists it.

    An extension is a decision to run longer, not a final one: once the extra weeks have
    passed, the pilot waits for a decision again.
    """
    ended = end_date(start, length_weeks)
    final = (PilotDecision.ADOPTED, PilotDecision.SUNSET)
    decided = decision in final or status in final
    return ended is not None and ended <= today and not decided


def utilisation_pct(used_weeks: int, enrolled: int, elapsed_weeks: int) -> float | None:
    """Share of enrolled teacher-weeks so far that were marked as used."""
    possible = enrolled * elapsed_weeks
    return None if possible == 0 else 100.0 * min(used_weeks, possible) / possible
