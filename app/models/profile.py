"""The coach's own profile (one row) and the schools they serve."""

from datetime import date
from enum import StrEnum

from sqlmodel import Field

from app.models.base import Record


class PaperSize(StrEnum):
    LETTER = "letter"
    A4 = "a4"


class CoachProfile(Record, table=True):
    __tablename__ = "coach_profile"

    name: str = ""
    title: str = ""
    district: str = ""
    school_year_start: date | None = None
    school_year_end: date | None = None
    # The first day of the second semester; None splits the school year at its middle day.
    second_semester_start: date | None = None
    default_interval_minutes: int = 5
    default_cycle_weeks: int = 4
    paper_size: str = Field(default=PaperSize.LETTER, max_length=8)
    # Set by the demo: the window title then says this is the sample district.
    is_sample: bool = False


class School(Record, table=True):
    __tablename__ = "school"

    name: str = Field(index=True)
