"""The Today screen's lists, with an injected today: Wednesday 25 November 2026."""

import uuid
from collections import Counter
from datetime import date, timedelta

import pytest

from app.models import CoachingCycle, CycleStatus, Observation, Pilot, PilotStatus, utc_now
from app.services.activities import list_activities
from app.services.cycles import (
    CycleStart,
    SessionDone,
    abandon_cycle,
    complete_session,
    cycle_detail,
    list_cycles,
    move_session,
    override_status,
    start_cycle,
)
from app.services.teachers import TeacherForm, delete_teacher, save_teacher, set_archived
from app.services.today import today_overview
from app.store import Store

TODAY = date(2026, 11, 25)  # Wednesday; the week runs Monday 23 to Sunday 29 November
MONDAY, SUNDAY = date(2026, 11, 23), date(2026, 11, 29)


def _teacher(store: Store, name: str, school: str = "Oak Elementary") -> uuid.UUID:
    return save_teacher(store, TeacherForm(name=name, school=school)).id


def _cycle(
    store: Store,
    teacher_id: uuid.UUID,
    start: date,
    done: dict[int, date] | None = None,
    period: str = "Period 1",
    room: str = "204",
    length_weeks: int = 4,
) -> uuid.UUID:
    """A cycle whose sessions at the given indexes were done on the given days."""
    cycle_id = start_cycle(
        store,
        CycleStart(teacher_id, start, length_weeks=length_weeks, period=period, room=room),
    )
    sessions = cycle_detail(store, cycle_id, TODAY).sessions
    for index, day in (done or {}).items():
        complete_session(store, sessions[index].id, SessionDone(day, 40))
    return cycle_id


def _observe(store: Store, teacher_id: uuid.UUID, day: date) -> None:
    with store.session() as s:
        s.add(Observation(teacher_id=teacher_id, observed_on=day, period="Period 2"))


def _pilot(store: Store, tool: str, **values) -> uuid.UUID:
    with store.session() as s:
        pilot = Pilot(tool=tool, **values)
        s.add(pilot)
        return pilot.id


def _names(items) -> list[str]:
    return [i.teacher_name for i in items]


# The day and the week --------------------------------------------------------------------


def test_today_lists_the_sessions_scheduled_today_with_period_room_and_kind(store):
    ben = _teacher(store, "Ben Okafor")
    cycle_id = _cycle(store, ben, TODAY, period="Period 2", room="B-101")

    overview = today_overview(store, TODAY)

    (item,) = overview.today_sessions
    assert (item.teacher_name, item.kind, item.label) == (
        "Ben Okafor",
        "goal_setting",
        "Goal-setting conference",
    )
    assert (item.period, item.room, item.scheduled_date) == ("Period 2", "B-101", TODAY)
    assert (item.cycle_id, item.teacher_id, item.done) == (cycle_id, ben, False)
    assert overview.today == TODAY
    assert overview.overdue == []


def test_today_sessions_are_ordered_by_period(store):
    _cycle(store, _teacher(store, "Late Teacher"), TODAY, period="Period 6")
    _cycle(store, _teacher(store, "Early Teacher"), TODAY, period="Period 1")

    assert _names(today_overview(store, TODAY).today_sessions) == [
        "Early Teacher",
        "Late Teacher",
    ]


def test_this_week_holds_the_other_days_monday_to_sunday(store):
    ana = _teacher(store, "Ana Ruiz")
    # Sessions on Monday 23 (done), Thursday 26 and Friday 27, and next Monday 30.
    _cycle(store, ana, date(2026, 11, 16), done={0: date(2026, 11, 16), 1: MONDAY})
    _cycle(store, _teacher(store, "Cara Diaz"), date(2026, 11, 26))
    _cycle(store, _teacher(store, "Dev Patel"), date(2026, 11, 6))
    _cycle(store, _teacher(store, "Next Week"), date(2026, 11, 30))

    overview = today_overview(store, TODAY)

    week = [(i.teacher_name, i.scheduled_date, i.done) for i in overview.week_sessions]
    assert week == [
        ("Ana Ruiz", MONDAY, True),
        ("Cara Diaz", date(2026, 11, 26), False),
        ("Dev Patel", date(2026, 11, 27), False),
    ]
    assert overview.today_sessions == []
    assert "Next Week" not in _names(overview.week_sessions)


def test_on_a_sunday_the_week_is_the_one_ending_that_day(store):
    _cycle(store, _teacher(store, "Ana Ruiz"), MONDAY)
    _cycle(store, _teacher(store, "Next Week"), date(2026, 11, 30))

    overview = today_overview(store, SUNDAY)

    assert _names(overview.week_sessions) == ["Ana Ruiz"]


# Overdue ---------------------------------------------------------------------------------


def test_a_session_whose_date_passed_and_is_not_done_is_overdue(store):
    ana = _teacher(store, "Ana Ruiz")
    cycle_id = _cycle(store, ana, date(2026, 11, 16), done={0: date(2026, 11, 16)})

    overview = today_overview(store, TODAY)

    (item,) = overview.overdue
    assert (item.teacher_name, item.kind, item.scheduled_date) == (
        "Ana Ruiz",
        "model_lesson",
        MONDAY,
    )
    assert item.cycle_id == cycle_id and not item.done


def test_yesterday_is_overdue_today_is_not(store):
    _cycle(store, _teacher(store, "Ana Ruiz"), date(2026, 11, 24))
    _cycle(store, _teacher(store, "Ben Okafor"), TODAY)

    assert _names(today_overview(store, TODAY).overdue) == ["Ana Ruiz"]
    assert today_overview(store, date(2026, 11, 24)).overdue == []


def test_overdue_lists_every_missed_session_oldest_first(store):
    _cycle(store, _teacher(store, "Ana Ruiz"), date(2026, 11, 2), done={0: date(2026, 11, 2)})
    _cycle(store, _teacher(store, "Ben Okafor"), date(2026, 11, 18))

    overdue = today_overview(store, TODAY).overdue

    assert [(i.teacher_name, i.scheduled_date) for i in overdue] == [
        ("Ana Ruiz", date(2026, 11, 9)),
        ("Ana Ruiz", date(2026, 11, 16)),
        ("Ben Okafor", date(2026, 11, 18)),
        ("Ana Ruiz", date(2026, 11, 23)),
    ]


def test_done_or_rescheduled_sessions_leave_the_overdue_list(store):
    cycle_id = _cycle(store, _teacher(store, "Ana Ruiz"), date(2026, 11, 16))
    first, second = cycle_detail(store, cycle_id, TODAY).sessions[:2]

    complete_session(store, first.id, SessionDone(TODAY, 30))
    move_session(store, second.id, date(2026, 11, 27))

    overview = today_overview(store, TODAY)
    assert overview.overdue == []
    assert [i.scheduled_date for i in overview.week_sessions] == [date(2026, 11, 27)]


def test_abandoned_and_completed_cycles_have_nothing_overdue(store):
    dropped = _cycle(store, _teacher(store, "Eve Stone"), date(2026, 11, 2))
    abandon_cycle(store, dropped, "Teacher on leave")
    closed = _cycle(store, _teacher(store, "Dev Patel"), date(2026, 11, 9))
    override_status(store, closed, CycleStatus.COMPLETED)
    _cycle(store, _teacher(store, "Ana Ruiz"), date(2026, 11, 16))

    overview = today_overview(store, TODAY)

    assert set(_names(overview.overdue)) == {"Ana Ruiz"}
    assert "Eve Stone" not in _names(overview.week_sessions)
    assert "Dev Patel" not in _names(overview.week_sessions)


def test_a_deleted_teachers_sessions_leave_today(store):
    gone = _teacher(store, "Gone Teacher")
    _cycle(store, gone, date(2026, 11, 16))
    _cycle(store, _teacher(store, "Ben Okafor"), TODAY)

    delete_teacher(store, gone)

    overview = today_overview(store, TODAY)
    assert overview.overdue == []
    assert "Gone Teacher" not in _names(overview.week_sessions)


# Cycles ending this week -----------------------------------------------------------------


def test_cycles_ending_this_week_monday_to_sunday(store):
    # A four-week cycle ends 27 days after it starts.
    ends_monday = _cycle(store, _teacher(store, "Ana Ruiz"), date(2026, 10, 27))
    ends_sunday = _cycle(
        store,
        _teacher(store, "Cara Diaz"),
        date(2026, 11, 2),
        done={0: date(2026, 11, 2), 1: date(2026, 11, 9), 2: date(2026, 11, 16)},
    )
    _cycle(store, _teacher(store, "Ended Sunday Before"), date(2026, 10, 25))
    _cycle(store, _teacher(store, "Ends Next Monday"), date(2026, 11, 3))
    dropped = _cycle(store, _teacher(store, "Eve Stone"), date(2026, 11, 2))
    abandon_cycle(store, dropped, "Schedule changed")

    ending = today_overview(store, TODAY).cycles_ending

    assert [(e.cycle_id, e.teacher_name, e.end_date) for e in ending] == [
        (ends_monday, "Ana Ruiz", MONDAY),
        (ends_sunday, "Cara Diaz", SUNDAY),
    ]
    assert [e.sessions_done for e in ending] == [0, 3]


def test_a_long_cycle_ending_this_week_is_listed(store):
    _cycle(store, _teacher(store, "Ana Ruiz"), date(2026, 9, 7), length_weeks=12)

    (ending,) = today_overview(store, TODAY).cycles_ending

    assert ending.end_date == date(2026, 11, 29)


# Teachers not seen in 30 days ------------------------------------------------------------


def test_not_seen_lists_teachers_whose_last_visit_is_over_30_days_ago(store):
    fay, gus = _teacher(store, "Fay Lin"), _teacher(store, "Gus Berg")
    _observe(store, fay, date(2026, 10, 25))  # 31 days ago
    _observe(store, gus, date(2026, 10, 26))  # 30 days ago: still seen within 30 days
    hal = _teacher(store, "Hal Moore", school="Pine Middle")
    dropped = _cycle(
        store,
        hal,
        date(2026, 9, 7),
        done={0: date(2026, 9, 7), 1: date(2026, 9, 14), 2: date(2026, 9, 21)},
    )
    abandon_cycle(store, dropped, "Moved to a new role")

    not_seen = today_overview(store, TODAY).not_seen

    assert [(n.teacher_name, n.school, n.last_seen) for n in not_seen] == [
        ("Hal Moore", "Pine Middle", date(2026, 9, 21)),
        ("Fay Lin", "Oak Elementary", date(2026, 10, 25)),
    ]
    assert {n.teacher_id for n in not_seen} == {hal, fay}


def test_the_latest_of_session_and_observation_counts_as_seen(store):
    ana = _teacher(store, "Ana Ruiz")
    _observe(store, ana, date(2026, 9, 1))
    _cycle(store, ana, date(2026, 11, 16), done={0: date(2026, 11, 16)})
    ben = _teacher(store, "Ben Okafor")
    _cycle(store, ben, date(2026, 9, 7), done={0: date(2026, 9, 7)})
    _observe(store, ben, date(2026, 11, 20))

    assert today_overview(store, TODAY).not_seen == []


def test_a_teacher_in_an_open_cycle_never_seen_is_listed_first_without_a_date(store):
    fay = _teacher(store, "Fay Lin")
    _observe(store, fay, date(2026, 9, 1))
    _cycle(store, _teacher(store, "Ivy Chen"), date(2026, 11, 30))

    not_seen = today_overview(store, TODAY).not_seen

    assert [(n.teacher_name, n.last_seen) for n in not_seen] == [
        ("Ivy Chen", None),
        ("Fay Lin", date(2026, 9, 1)),
    ]


def test_a_teacher_the_coach_never_worked_with_is_not_listed(store):
    _teacher(store, "Jay Brooks")
    dropped = _cycle(store, _teacher(store, "Eve Stone"), date(2026, 11, 2))
    abandon_cycle(store, dropped, "Never started")

    assert today_overview(store, TODAY).not_seen == []


def test_archived_and_deleted_teachers_are_never_listed_as_not_seen(store):
    kim, lee = _teacher(store, "Kim Vo"), _teacher(store, "Lee Park")
    for teacher_id in (kim, lee):
        _observe(store, teacher_id, date(2026, 9, 1))
        _cycle(store, teacher_id, date(2026, 11, 30))

    set_archived(store, kim, True)
    delete_teacher(store, lee)

    assert today_overview(store, TODAY).not_seen == []


def test_an_observation_dated_after_today_does_not_count_as_seen(store):
    ana = _teacher(store, "Ana Ruiz")
    _observe(store, ana, date(2026, 9, 1))
    _observe(store, ana, date(2026, 12, 2))

    (entry,) = today_overview(store, TODAY).not_seen

    assert entry.last_seen == date(2026, 9, 1)


def test_a_deleted_cycles_sessions_do_not_count_as_seen(store):
    ana = _teacher(store, "Ana Ruiz")
    _observe(store, ana, date(2026, 9, 1))
    cycle_id = _cycle(store, ana, date(2026, 11, 16), done={0: date(2026, 11, 16)})
    override_status(store, cycle_id, CycleStatus.COMPLETED)
    with store.session() as s:
        s.get(CoachingCycle, cycle_id).deleted_at = utc_now()

    (entry,) = today_overview(store, TODAY).not_seen

    assert entry.last_seen == date(2026, 9, 1)


# Pilots ----------------------------------------------------------------------------------


def test_pilots_past_their_length_and_undecided_await_a_decision(store):
    _pilot(store, "Ended Monday", start_date=date(2026, 10, 26), status=PilotStatus.PILOTING)
    _pilot(store, "Ends Thursday", start_date=date(2026, 10, 29), status=PilotStatus.PILOTING)
    _pilot(store, "Long ago", start_date=date(2026, 9, 1), status=PilotStatus.DECIDING)
    _pilot(
        store,
        "Adopted",
        start_date=date(2026, 9, 1),
        status=PilotStatus.ADOPTED,
        decision="adopted",
    )
    _pilot(store, "Not scheduled", status=PilotStatus.PROPOSED)
    gone = _pilot(store, "Deleted", start_date=date(2026, 9, 1), status=PilotStatus.PILOTING)
    with store.session() as s:
        s.get(Pilot, gone).deleted_at = utc_now()

    awaiting = today_overview(store, TODAY).pilots_awaiting

    assert [(p.tool, p.ended_on) for p in awaiting] == [
        ("Long ago", date(2026, 9, 29)),
        ("Ended Monday", date(2026, 11, 23)),
    ]


def test_sunset_notices_run_until_their_notice_date(store):
    _pilot(
        store,
        "Running out",
        start_date=date(2026, 9, 1),
        status=PilotStatus.SUNSET,
        decision="sunset",
        notice_date=date(2026, 12, 20),
    )
    _pilot(
        store,
        "Last day",
        start_date=date(2026, 9, 1),
        status=PilotStatus.SUNSET,
        decision="sunset",
        notice_date=TODAY,
    )
    _pilot(
        store,
        "Already gone",
        start_date=date(2026, 8, 1),
        status=PilotStatus.SUNSET,
        decision="sunset",
        notice_date=date(2026, 11, 24),
    )

    overview = today_overview(store, TODAY)

    assert [(p.tool, p.notice_date) for p in overview.sunset_notices] == [
        ("Last day", TODAY),
        ("Running out", date(2026, 12, 20)),
    ]
    assert overview.pilots_awaiting == []


def test_an_empty_notebook_has_an_empty_today(store):
    overview = today_overview(store, TODAY)

    assert overview.today_sessions == overview.week_sessions == overview.overdue == []
    assert overview.cycles_ending == overview.not_seen == []
    assert overview.pilots_awaiting == overview.sunset_notices == []


# The demo --------------------------------------------------------------------------------


def test_the_demo_has_overdue_sessions_and_sessions_this_week(demo_store):
    overview = today_overview(demo_store, TODAY)

    assert overview.overdue
    assert all(i.scheduled_date < TODAY and not i.done for i in overview.overdue)
    assert overview.today_sessions
    assert overview.week_sessions
    this_week = overview.today_sessions + overview.week_sessions
    assert all(MONDAY <= i.scheduled_date <= SUNDAY for i in this_week)
    assert overview.not_seen
    assert all(
        n.last_seen is None or n.last_seen < TODAY - timedelta(days=30) for n in overview.not_seen
    )


def test_the_demo_has_activities_in_every_month_of_the_school_year_so_far(demo_store):
    rows = list_activities(demo_store, "2026-2027")

    by_month = Counter(r.occurred_on.month for r in rows)
    assert {8, 9, 10, 11} <= set(by_month)
    assert all(r.occurred_on < TODAY for r in rows)
    assert {r.kind for r in rows} == {"pd_session", "informal_contact"}


@pytest.mark.parametrize("day", [date(2026, 11, 23), date(2026, 11, 27), date(2026, 11, 29)])
def test_the_demo_today_lists_every_open_session_on_any_day_of_the_week(demo_store, day):
    overview = today_overview(demo_store, day)

    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    sessions = [
        s
        for row in list_cycles(demo_store, day)
        if row.status in (CycleStatus.PLANNED, CycleStatus.ACTIVE)
        for s in cycle_detail(demo_store, row.id, day).sessions
    ]
    on_the_day = {s.id for s in sessions if s.scheduled_date == day}
    rest_of_week = {
        s.id for s in sessions if monday <= s.scheduled_date <= sunday and s.scheduled_date != day
    }
    overdue = {s.id for s in sessions if s.done_on is None and s.scheduled_date < day}
    assert rest_of_week
    assert on_the_day or day.weekday() >= 5  # a weekend day has no sessions of its own
    assert overdue or day == monday  # the demo's first overdue sessions are from this week
    assert {i.session_id for i in overview.today_sessions} == on_the_day
    assert {i.session_id for i in overview.week_sessions} == rest_of_week
    assert {i.session_id for i in overview.overdue} == overdue


def test_periods_sort_in_school_order_not_as_text():
    from app.services.today import period_order

    periods = ["Period 10", "Advisory", "Period 2", "P1"]
    assert sorted(periods, key=period_order) == ["P1", "Period 2", "Period 10", "Advisory"]
