"""Pre and post teacher technology integration surveys (Likert 1-5) and the coach's items."""

import uuid
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.models.base import Record

LIKERT_LABELS = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
}
# A new notebook's survey, in the spirit of the Teacher Technology Integration Survey.
# The coach can reword, reorder, add and remove items; answers keep the wording they had.
DEFAULT_SURVEY_ITEMS = (
    "I pick technology that matches my lesson goal.",
    "I can set up a new tool for my class on my own.",
    "I can keep a lesson going when the technology fails.",
    "My students use technology to work with each other.",
    "My students use technology to create something of their own.",
    "I use technology to see what my students understand during a lesson.",
    "Technology lets my students do things they could not do without it.",
    "I feel confident trying new technology in front of my students.",
)


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


class SurveyItem(Record, table=True):
    """One statement of the coach's survey, in `position` order."""

    __tablename__ = "survey_item"

    position: int
    text: str


def survey_mean(scores: Iterable[int]) -> float | None:
    values = list(scores)
    return None if not values else sum(values) / len(values)
