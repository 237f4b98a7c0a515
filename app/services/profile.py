"""The coach profile: one row of settings kept in the notebook."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from app.models import CoachProfile, PaperSize
from app.services.calendar import SchoolCalendar
from app.services.errors import ValidationError
from app.store import Store
from app.text import full_date


@dataclass
class ProfileData:
    name: str = ""
    title: str = ""
    district: str = ""
    school_year_start: date | None = None
    school_year_end: date | None = None
    # The first day of the second semester; None splits the year at its middle day.
    second_semester_start: date | None = None
    default_interval_minutes: int = 5
    default_cycle_weeks: int = 4
    paper_size: str = PaperSize.LETTER
    is_sample: bool = False


_FIELDS = tuple(ProfileData.__dataclass_fields__)


def _saved_row(session: Session) -> CoachProfile | None:
    return session.exec(select(CoachProfile).where(col(CoachProfile.deleted_at).is_(None))).first()


def profile_row(session: Session) -> CoachProfile:
    """The profile row, created with defaults on first use."""
    row = _saved_row(session)
    if row is None:
        row = CoachProfile()
        session.add(row)
        session.flush()
    return row


def get_profile(store: Store) -> ProfileData:
    with store.session() as session:
        row = profile_row(session)
        return ProfileData(**{name: getattr(row, name) for name in _FIELDS})


def school_calendar(store: Store) -> SchoolCalendar:
    """The school years as Settings sets them (August to July until they are set)."""
    with store.session() as session:
        return calendar_in(session)


def calendar_in(session: Session) -> SchoolCalendar:
    """The school calendar read inside a unit of work that is already open."""
    row = _saved_row(session)
    if row is None:
        return SchoolCalendar()
    return SchoolCalendar.from_dates(
        row.school_year_start, row.school_year_end, row.second_semester_start
    )


def validate_profile(data: ProfileData) -> dict[str, str]:
    problems = {}
    if not 1 <= data.default_interval_minutes <= 30:
        problems["default_interval_minutes"] = "The sweep interval is 1 to 30 minutes."
    if not 1 <= data.default_cycle_weeks <= 12:
        problems["default_cycle_weeks"] = "A cycle lasts 1 to 12 weeks."
    start, end = data.school_year_start, data.school_year_end
    if start and end and end <= start:
        problems["school_year_end"] = "The school year ends after it starts."
    elif start and end and end > SchoolCalendar.from_dates(start, end).bounds(str(start.year))[1]:
        problems["school_year_end"] = "A school year lasts a year at most: pick an earlier end."
    if "school_year_end" not in problems:
        problem = _second_semester_problem(start, end, data.second_semester_start)
        if problem:
            problems["second_semester_start"] = problem
    if data.paper_size not in {p.value for p in PaperSize}:
        problems["paper_size"] = "Paper size is Letter or A4."
    return problems


def _second_semester_problem(start: date | None, end: date | None, second: date | None) -> str:
    """The second semester begins after the year's first day (the first semester keeps at
    least one) and by its last."""
    if second is None:
        return ""
    if start is None or end is None:
        return (
            "Set the school year's first and last days too: the second semester starts within them."
        )
    if start < second <= end:
        return ""
    return (
        f"The second semester starts within the school year: pick a day from "
        f"{full_date(start + timedelta(days=1))} to {full_date(end)}, or leave it unset to "
        "split the year at its middle day."
    )


def save_profile(store: Store, data: ProfileData) -> ProfileData:
    problems = validate_profile(data)
    if problems:
        raise ValidationError(problems)
    with store.session() as session:
        row = profile_row(session)
        for name in _FIELDS:
            if name != "is_sample":
                setattr(row, name, getattr(data, name))
    return data


def default_school_year(today: date) -> tuple[date, date]:
    """August to June: the US school year that holds `today` (July closes the last one)."""
    first_year = today.year if today.month >= 8 else today.year - 1
    return date(first_year, 8, 1), date(first_year + 1, 6, 30)
