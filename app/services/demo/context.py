"""What every part of the sample district shares: its size, clock, calendar and staff."""

import random
import uuid
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from app.models import Note, Survey, SurveyAnswer
from app.services.demo import words
from app.services.demo.writer import BulkWriter

# Sweeps per observation, cycled through and shuffled, so the totals come out exact:
# 10 per observation on average (a 50-minute lesson), or 12 (an hour; a 90-minute block).
SWEEPS_AVERAGING_10 = (10, 9, 12, 5, 11, 13, 10, 8, 12, 10)
SWEEPS_AVERAGING_12 = (12, 12, 9, 15, 12, 6, 18, 12, 10, 14)


@dataclass(frozen=True)
class DemoSize:
    name: str
    seed: int
    years: int
    schools: int
    teachers: int
    archived: int
    cycles_by_status: dict[str, int]
    observations: int
    sweep_pattern: tuple[int, ...]
    pilots: int
    activities: int
    evidence: int


SIZES = {
    "small": DemoSize(
        name="small",
        seed=20250801,
        years=1,
        schools=3,
        teachers=25,
        archived=2,
        cycles_by_status={"completed": 5, "active": 3, "planned": 2, "abandoned": 2},
        observations=30,
        sweep_pattern=SWEEPS_AVERAGING_10,
        pilots=4,
        activities=30,
        evidence=4,
    ),
    "large": DemoSize(
        name="large",
        seed=20250802,
        years=1,
        schools=10,
        teachers=120,
        archived=6,
        cycles_by_status={"completed": 60, "active": 8, "planned": 6, "abandoned": 6},
        observations=400,
        sweep_pattern=SWEEPS_AVERAGING_12,
        pilots=20,
        activities=140,
        evidence=8,
    ),
    "huge": DemoSize(
        name="huge",
        seed=20250803,
        years=10,
        schools=40,
        teachers=1_200,
        archived=180,
        cycles_by_status={"completed": 2_820, "active": 40, "planned": 30, "abandoned": 110},
        observations=15_000,
        sweep_pattern=SWEEPS_AVERAGING_12,
        pilots=300,
        activities=1_600,
        evidence=12,
    ),
}


@dataclass
class TeacherInfo:
    id: uuid.UUID
    name: str
    school_kind: str
    room: str
    periods: list[tuple[str, int, int]]
    class_size: int
    on_task: float  # this teacher's usual share of students on task
    left_on: date | None = None  # archived teachers have no records after this day


@dataclass
class DemoContext:
    size: DemoSize
    rng: random.Random
    today: date
    writer: BulkWriter
    year_start: date
    year_end: date
    story_start: date
    teachers: list[TeacherInfo] = field(default_factory=list)
    _days: list[date] = field(default_factory=list)

    def __post_init__(self) -> None:
        last = self.today + timedelta(weeks=8)
        span = (last - self.story_start).days
        days = (self.story_start + timedelta(days=n) for n in range(span + 1))
        self._days = [d for d in days if is_school_day(d)]

    def pick_day(self, first: date, last: date) -> date:
        """A random school day from first to last (any weekday if the span has none)."""
        lo, hi = bisect_left(self._days, first), bisect_right(self._days, last)
        if lo < hi:
            return self._days[self.rng.randrange(lo, hi)]
        return on_weekday(first + timedelta(days=self.rng.randint(0, max(0, (last - first).days))))

    def teacher_on(self, day: date) -> TeacherInfo:
        """A random teacher still at the district on that day."""
        for _ in range(20):
            teacher = self.rng.choice(self.teachers)
            if teacher.left_on is None or teacher.left_on > day:
                return teacher
        return self.rng.choice([t for t in self.teachers if t.left_on is None])

    def current_teachers(self, count: int) -> list[TeacherInfo]:
        """Distinct teachers who are not archived."""
        current = [t for t in self.teachers if t.left_on is None]
        return self.rng.sample(current, min(count, len(current)))

    def at(self, day: date, hour: int, minute: int, seconds: int = 0) -> datetime:
        """A local school-day time as an aware UTC time, as the app would record it."""
        local = datetime.combine(day, time(hour, minute)) + timedelta(seconds=seconds)
        return local.astimezone().astimezone(UTC)

    def add_note(self, body: str, *, private: bool, **links: object) -> None:
        """A coaching note; links name what it is attached to (cycle_id, pilot_id, ...),
        and an observation note may say when it was written (created_at, lesson_minute)."""
        self.writer.add(Note, body=body, is_private=private, **links)

    def add_survey(
        self, teacher_id: uuid.UUID, phase: str, day: date, lift: float, **links: uuid.UUID
    ) -> None:
        """A Likert 1-5 survey; `lift` raises the scores (post surveys after good work)."""
        survey_id = self.writer.add(
            Survey, teacher_id=teacher_id, phase=phase, taken_on=day, **links
        )
        for index, item in enumerate(words.SURVEY_ITEMS, start=1):
            score = round(self.rng.gauss(3.1 + lift, 0.8))
            self.writer.add(
                SurveyAnswer,
                survey_id=survey_id,
                item_index=index,
                item_text=item,
                score=min(5, max(1, score)),
            )


def is_school_day(day: date) -> bool:
    """Weekdays outside July and the winter break."""
    if day.weekday() >= 5 or day.month == 7:
        return False
    return not ((day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1))


def on_weekday(day: date) -> date:
    """The day itself, or the Monday after when it falls on a weekend."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def story_start(year_start: date, today: date, years: int) -> date:
    """Where the sample's records begin: the school year's third week, `years` years back.

    A one-year sample looks back at least twelve weeks, so early in the year there are
    still finished cycles and pilots to show.
    """
    first_year = year_start.replace(year=year_start.year - (years - 1)) + timedelta(days=14)
    return min(first_year, today - timedelta(weeks=12)) if years == 1 else first_year
