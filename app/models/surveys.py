"""Pre and post teacher technology integration surveys (Likert 1-5)."""

import uuid
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.models.base import Record


class SurveyPhase(StrEnum):
    PRE = "pre"
    POST = "post"


class Survey(Record, table=True):
    __tablename__ = "survey"

    teacher_id: uuid.UUID = Field(foreign_key="teacher.id", index=True)
    pilot_id: uuid.UUID | None = Field(default=None, foreign_key="pilot.id", index=True)
    cycle_id: uuid.UUID | None = Field(default=None, foreign_key="coaching_cycle.id", index=True)
    phase: str = Field(max_length=8)
    taken_on: date | None = None


class SurveyAnswer(Record, table=True):
    __tablename__ = "survey_answer"

    survey_id: uuid.UUID = Field(foreign_key="survey.id", index=True)
    item_index: int
    item_text: str = ""
    score: int


def survey_mean(scores: Iterable[int]) -> float | None:
    values = list(scores)
    return None if not values else sum(values) / len(values)
