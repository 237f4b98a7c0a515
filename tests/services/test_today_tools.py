"""Today's tools to review: lost instruction time and renewals under 30% at any date, the
semester's sunset candidates and other tools due for review from its last two weeks until
30 days after it ended, and tools being sunset or retired left out. The advice is the
inventory's own review (app.services.tools.figures.review)."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from app.models import Tool, ToolStatus
from app.services.profile import ProfileData, save_profile
from app.services.teachers import TeacherForm, save_teacher
from app.services.today import ToolDueReason, today_overview, tools_review_in
from app.services.tools import (
    ToolForm,
    add_tool,
    delete_tool,
    list_tools,
    log_error,
    set_error_resolved,
    set_usage,
)
from app.store import Store

# Settings: Mon 17 Aug 2026 to Fri 11 Jun 2027, the second semester from Tue 19 Jan 2027.
YEAR_START, YEAR_END = date(2026, 8, 17), date(2027, 6, 11)
SECOND_START = date(2027, 1, 19)
FALL_END = date(2027, 1, 18)
FALL = "the first semester of 2026-2027"
# The first semester's review opens on its last 14 days and closes 30 days after its end.
OPENS, CLOSES = date(2027, 1, 5), date(2027, 2, 17)
MID_FALL = date(2026, 10, 21)
WEEKS = [date(2026, 9, 7), date(2026, 10, 5), date(2026, 11, 2)]  # Mondays in the fall


@pytest.fixture
def school(store) -> Store:
    save_profile(
        store,
        ProfileData(
            school_year_start=YEAR_START,
            school_year_end=YEAR_END,
            second_semester_start=SECOND_START,
        ),
    )
    return store


@pytest.fixture
def teachers(school) -> list[uuid.UUID]:
    names = ("Ana Ruiz", "Ben Okafor", "Chloé Martin", "Dinh Thu")
    return [save_teacher(school, TeacherForm(name=name)).id for name in names]


def tool(store, teachers, name, users: int, added_on=date(2026, 8, 1), **form) -> uuid.UUID:
    """A tool licensed to all four teachers, `users` of whom used it every fall week."""
    tool_id = add_tool(store, ToolForm(name=name, **form), added_on, teachers)
    for teacher_id in teachers[:users]:
        for week in WEEKS:
            set_usage(store, tool_id, teacher_id, week, 2, today=date(2027, 7, 1))
    return tool_id


def set_status(store, tool_id, status: str, notice_date: date | None = None) -> None:
    with store.session() as session:
        row = session.get(Tool, tool_id)
        row.status, row.notice_date = status, notice_date


def due_on(store, day: date) -> dict[str, tuple]:
    return {
        d.tool: (d.reason, d.recommendation.value, d.utilisation_pct, d.so_far)
        for d in today_overview(store, day).tools.due
    }


def reasons(store, tool_id, day: date) -> list[str]:
    """What the Tools screen's review says that day."""
    (row,) = [r for r in list_tools(store, day) if r.id == tool_id]
    return row.review.reasons


# At any date ---------------------------------------------------------------------------


def test_errors_that_cost_time_ask_for_a_review_at_any_date(school, teachers):
    busy = tool(school, teachers, "Pear Deck", 3)
    entry = log_error(school, busy, date(2026, 10, 1), "Logins failed", 20, teachers[0])
    log_error(school, busy, date(2026, 10, 2), "A typo on a slide", 0)

    for day in (MID_FALL, date(2026, 12, 1), OPENS, date(2027, 3, 10)):
        (due,) = today_overview(school, day).tools.due
        assert (due.tool, due.reason, due.recommendation.value) == (
            "Pear Deck",
            ToolDueReason.REVIEW_NOW,
            "review",
        )
        assert due.advice == reasons(school, busy, day)
    assert due.advice == [
        "an unresolved technical error has cost 20 minutes of instruction: review it now"
    ]

    set_error_resolved(school, entry, True)
    assert today_overview(school, MID_FALL).tools.due == []


def test_a_renewal_within_60_days_under_30_percent_is_flagged_at_any_date(school, teachers):
    renewing = tool(school, teachers, "Quizizz", 1, renewal_date=date(2026, 12, 20))

    (due,) = today_overview(school, MID_FALL).tools.due  # 60 days before it renews
    assert (due.reason, due.recommendation.value) == (ToolDueReason.RENEWAL, "sunset")
    assert due.renewal_date == date(2026, 12, 20)
    assert (due.utilisation_pct, due.so_far, due.semester.label) == (25.0, True, FALL)
    assert due.advice == reasons(school, renewing, MID_FALL)
    assert "decide before the money is spent" in due.advice[0]
    # 61 days ahead, outside the semester's review: nothing is due yet.
    assert today_overview(school, MID_FALL - timedelta(days=1)).tools.due == []


def test_a_renewal_of_a_tool_in_use_is_not_flagged(school, teachers):
    tool(school, teachers, "Nearpod", 3, renewal_date=date(2026, 12, 1))

    assert today_overview(school, MID_FALL).tools.due == []


def test_a_renewal_in_the_review_window_is_listed_once_as_the_renewal(school, teachers):
    tool(school, teachers, "Quizizz", 1, renewal_date=date(2027, 2, 1))

    assert due_on(school, OPENS) == {
        "Quizizz": (ToolDueReason.RENEWAL, "sunset", 25.0, True),
    }


# The semester review: only in its window -----------------------------------------------


@pytest.fixture
def reviewed(school, teachers) -> dict[str, uuid.UUID]:
    return {
        "Flocabulary": tool(school, teachers, "Flocabulary", 1),  # 25%: a sunset candidate
        "Nearpod": tool(school, teachers, "Nearpod", 3),  # 75%: keep
        # Joined in the middle of the fall: its first full semester is still to come.
        "Kami": tool(school, teachers, "Kami", 0, added_on=date(2026, 11, 1)),
    }


def test_the_semester_review_is_closed_outside_its_window(reviewed, school):
    review = today_overview(school, MID_FALL).tools
    assert (review.due, review.semester, review.opens_on) == ([], None, OPENS)
    assert review.tools_in_use == 3


def test_the_window_opens_exactly_two_weeks_before_the_semester_ends(reviewed, school):
    assert due_on(school, OPENS - timedelta(days=1)) == {}
    assert today_overview(school, OPENS - timedelta(days=1)).tools.opens_on == OPENS

    review = today_overview(school, OPENS).tools
    assert (review.semester.label, review.semester.last_day) == (FALL, FALL_END)
    assert review.closes_on == CLOSES
    assert due_on(school, OPENS) == {
        "Flocabulary": (ToolDueReason.SUNSET_CANDIDATE, "sunset", 25.0, True),
        "Nearpod": (ToolDueReason.SEMESTER_REVIEW, "keep", 75.0, True),
    }
    (candidate, kept) = review.due
    assert candidate.advice == [f"sunset candidate: utilisation over {FALL} was 25%, under 30%"]
    assert kept.advice == [f"utilisation over {FALL} was 75%, clearing 30%"]


def test_the_semesters_last_day_and_the_day_after_list_the_same_tools(reviewed, school):
    before = due_on(school, FALL_END)
    after = due_on(school, SECOND_START)

    assert {name: entry[:3] for name, entry in before.items()} == {
        name: entry[:3] for name, entry in after.items()
    }
    assert [entry[3] for entry in before.values()] == [True, True]  # so far
    assert [entry[3] for entry in after.values()] == [False, False]  # over the semester


def test_once_ended_the_advice_is_the_inventorys_own_review(reviewed, school):
    for due in today_overview(school, SECOND_START).tools.due:
        assert due.advice == reasons(school, reviewed[due.tool], SECOND_START)
        assert due.semester.label == FALL


def test_the_window_closes_30_days_after_the_semester_ended(reviewed, school):
    assert set(due_on(school, CLOSES)) == {"Flocabulary", "Nearpod"}

    after = today_overview(school, CLOSES + timedelta(days=1)).tools
    assert (after.due, after.semester) == ([], None)
    # The next one: two weeks before the second semester ends on Fri Jun 11.
    assert after.opens_on == date(2027, 5, 29)


def test_the_summer_after_the_year_reviews_the_second_semester(school, teachers):
    tool(school, teachers, "Flocabulary", 1)  # nobody used it in the spring: 0%

    review = today_overview(school, date(2027, 7, 11)).tools  # 30 days after Jun 11
    assert review.semester.label == "the second semester of 2026-2027"
    assert [(d.tool, d.reason, d.utilisation_pct) for d in review.due] == [
        ("Flocabulary", ToolDueReason.SUNSET_CANDIDATE, 0.0)
    ]
    later = today_overview(school, date(2027, 8, 1)).tools
    assert later.due == []
    # The next year's first semester ends the day before Jan 19, 2028.
    assert later.opens_on == date(2028, 1, 5)


# Out of the review ---------------------------------------------------------------------


def test_tools_being_sunset_or_retired_are_left_out(school, teachers):
    sunsetting = tool(school, teachers, "Edpuzzle", 0, renewal_date=date(2027, 1, 20))
    log_error(school, sunsetting, date(2026, 10, 1), "Logins failed", 20)
    set_status(school, sunsetting, ToolStatus.SUNSET_NOTICE, date(2027, 1, 4))
    retired = tool(school, teachers, "Padlet", 0)
    log_error(school, retired, date(2026, 10, 1), "Logins failed", 20)
    set_status(school, retired, ToolStatus.RETIRED, date(2026, 9, 1))

    for day in (MID_FALL, OPENS, SECOND_START):
        review = today_overview(school, day).tools
        assert (review.due, review.tools_in_use) == ([], 0)


def test_deleted_tools_are_left_out(school, teachers):
    gone = tool(school, teachers, "Flocabulary", 1)
    delete_tool(school, gone, datetime(2027, 1, 6, tzinfo=UTC))

    assert today_overview(school, OPENS).tools.due == []


# Order and reading ---------------------------------------------------------------------


def test_most_urgent_first_then_by_renewal_then_name(school, teachers):
    busy = tool(school, teachers, "Pear Deck", 3)
    log_error(school, busy, date(2026, 10, 1), "Logins failed", 20)
    tool(school, teachers, "Quizizz", 1, renewal_date=date(2027, 2, 10))
    tool(school, teachers, "Book Creator", 1, renewal_date=date(2027, 1, 20))
    tool(school, teachers, "Nearpod", 3)
    tool(school, teachers, "flip", 0)
    tool(school, teachers, "Flocabulary", 1)

    assert [(d.tool, d.reason) for d in today_overview(school, SECOND_START).tools.due] == [
        ("Pear Deck", ToolDueReason.REVIEW_NOW),
        ("Book Creator", ToolDueReason.RENEWAL),
        ("Quizizz", ToolDueReason.RENEWAL),
        ("flip", ToolDueReason.SUNSET_CANDIDATE),
        ("Flocabulary", ToolDueReason.SUNSET_CANDIDATE),
        ("Nearpod", ToolDueReason.SEMESTER_REVIEW),
    ]


def test_the_tools_are_read_in_a_few_queries_however_many(school, teachers):
    def statements_for(day: date) -> int:
        seen = []
        count = lambda *_args: seen.append(1)  # noqa: E731
        event.listen(school.engine, "before_cursor_execute", count)
        try:
            with school.session() as session:
                tools_review_in(session, day)
        finally:
            event.remove(school.engine, "before_cursor_execute", count)
        return len(seen)

    tool(school, teachers, "Flocabulary", 1)
    few = statements_for(SECOND_START)
    for n in range(6):
        tool(school, teachers, f"Tool {n}", n % 4, renewal_date=date(2027, 2, 1))
    assert statements_for(SECOND_START) == few <= 7


def test_the_demo_lists_its_tool_to_review_now_and_its_renewal(demo_store):
    today = date(2026, 11, 25)
    review = today_overview(demo_store, today).tools
    by_tool = {d.tool: d.reason for d in review.due}

    assert by_tool == {"Pear Deck": ToolDueReason.REVIEW_NOW, "Quizizz": ToolDueReason.RENEWAL}
    rows = {r.tool.name: r for r in list_tools(demo_store, today)}
    for due in review.due:
        assert due.advice == rows[due.tool].review.reasons


def test_the_second_semesters_review_opens_two_weeks_before_the_year_ends(school, teachers):
    tool(school, teachers, "Flocabulary", 1)  # used in the fall only: nobody this spring

    assert due_on(school, date(2027, 5, 28)) == {}
    assert due_on(school, date(2027, 5, 29)) == {
        "Flocabulary": (ToolDueReason.SUNSET_CANDIDATE, "sunset", 0.0, True),
    }
    (due,) = today_overview(school, date(2027, 5, 29)).tools.due
    assert due.semester.label == "the second semester of 2026-2027"


def test_the_window_follows_the_semesters_settings_give(school, teachers):
    tool(school, teachers, "Flocabulary", 1)
    assert due_on(school, date(2027, 1, 4)) == {}

    # Unset, the year splits at its middle day (Wed Jan 13): the fall ends Tue Jan 12.
    save_profile(school, ProfileData(school_year_start=YEAR_START, school_year_end=YEAR_END))
    review = today_overview(school, date(2026, 12, 30)).tools
    assert review.semester.last_day == date(2027, 1, 12)
    assert [d.tool for d in review.due] == ["Flocabulary"]
    assert today_overview(school, date(2026, 12, 29)).tools.opens_on == date(2026, 12, 30)
