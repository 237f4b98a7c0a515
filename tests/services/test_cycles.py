"""Coaching cycles: scheduling, status, the PEERS goal, the debrief, notes and the list."""

import json
import subprocess
import sys
import uuid
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlmodel import select

from app.models import CycleSession, CycleStatus, MeasureKind
from app.services.cycles import (
    CycleStart,
    DebriefInput,
    GoalInput,
    SessionDone,
    abandon_cycle,
    add_note,
    complete_session,
    cycle_detail,
    delete_note,
    list_cycles,
    move_session,
    override_status,
    record_debrief,
    reopen_session,
    restore_note,
    save_goal,
    session_dates,
    set_note_private,
    start_cycle,
)
from app.services.errors import NotFound, ValidationError
from app.services.teachers import TeacherForm, delete_teacher, save_teacher
from app.store import Store

TODAY = date(2026, 11, 25)  # a Wednesday
MONDAY = date(2026, 11, 30)
KINDS = ["goal_setting", "model_lesson", "co_teach", "debrief"]
HOSTILE = [
    "<b>Bold?</b> & not bold",
    "Cô Nguyễn Thị Hương hỏi về Nearpod",
    "陈老师：学生分组讨论",
    "Great lesson 🎉👩‍🏫",
    "x" * 20_000,
]


def _teacher(store: Store, name: str = "Ana Ruiz", school: str = "Oak Elementary") -> uuid.UUID:
    return save_teacher(store, TeacherForm(name=name, school=school, room="204")).id


def _start(store: Store, teacher_id: uuid.UUID, start: date = MONDAY, **plan) -> uuid.UUID:
    plan.setdefault("period", "Period 3")
    plan.setdefault("room", "204")
    return start_cycle(store, CycleStart(teacher_id=teacher_id, start_date=start, **plan))


def _detail(store: Store, cycle_id: uuid.UUID, today: date = TODAY):
    return cycle_detail(store, cycle_id, today)


def _status(store: Store, cycle_id: uuid.UUID) -> str:
    return _detail(store, cycle_id).row.status


def _done(store: Store, cycle_id: uuid.UUID, *indexes: int) -> None:
    sessions = _detail(store, cycle_id).sessions
    for index in indexes:
        complete_session(
            store, sessions[index].id, SessionDone(sessions[index].scheduled_date, 40, "")
        )


# Scheduling ------------------------------------------------------------------------------


def test_start_cycle_schedules_four_sessions_a_week_apart_in_kind_order(store):
    cycle_id = _start(store, _teacher(store), focus="Nearpod virtual labs")

    detail = _detail(store, cycle_id)
    assert [s.kind for s in detail.sessions] == KINDS
    assert [s.label for s in detail.sessions] == [
        "Goal-setting conference",
        "Model lesson",
        "Co-teaching session",
        "Reflective debrief",
    ]
    assert [s.scheduled_date for s in detail.sessions] == [
        MONDAY + timedelta(weeks=w) for w in range(4)
    ]
    assert {(s.period, s.room) for s in detail.sessions} == {("Period 3", "204")}
    assert detail.row.status == CycleStatus.PLANNED
    assert detail.row.focus == "Nearpod virtual labs"
    assert detail.row.teacher_name == "Ana Ruiz"
    assert detail.row.school == "Oak Elementary"
    assert detail.row.end_date == date(2026, 12, 27)
    assert detail.row.progress_text == "0 of 4"


def test_a_friday_start_keeps_fridays(store):
    friday = date(2026, 11, 27)
    cycle_id = _start(store, _teacher(store), start=friday)

    dates = [s.scheduled_date for s in _detail(store, cycle_id).sessions]
    assert dates == [friday + timedelta(weeks=w) for w in range(4)]
    assert {d.weekday() for d in dates} == {4}


@pytest.mark.parametrize("weekend_day", [date(2026, 11, 28), date(2026, 11, 29)])
def test_a_weekend_start_moves_every_session_to_the_monday(store, weekend_day):
    cycle_id = _start(store, _teacher(store), start=weekend_day)

    dates = [s.scheduled_date for s in _detail(store, cycle_id).sessions]
    assert dates == [MONDAY + timedelta(weeks=w) for w in range(4)]


@pytest.mark.parametrize("length", [1, 2, 3, 4, 5, 6, 8, 12])
@pytest.mark.parametrize("offset", range(7))
def test_sessions_fall_on_weekdays_in_order_inside_the_cycle(length, offset):
    start = MONDAY + timedelta(days=offset)
    end = start + timedelta(weeks=length, days=-1)

    dates = session_dates(start, length)

    assert len(dates) == 4
    assert all(d.weekday() < 5 for d in dates)
    assert dates == sorted(dates) and len(set(dates)) == 4
    assert start <= dates[0] and dates[-1] <= end
    assert dates[-1] > end - timedelta(days=7), "the debrief is in the cycle's last week"


def test_a_six_week_cycle_has_its_debrief_in_week_six(store):
    cycle_id = _start(store, _teacher(store), length_weeks=6)

    dates = [s.scheduled_date for s in _detail(store, cycle_id).sessions]
    assert dates == [MONDAY, date(2026, 12, 7), date(2026, 12, 14), date(2027, 1, 4)]
    assert _detail(store, cycle_id).row.end_date == date(2027, 1, 10)


def test_a_two_week_cycle_fits_its_four_sessions_into_two_weeks(store):
    cycle_id = _start(store, _teacher(store), length_weeks=2)

    sessions = _detail(store, cycle_id).sessions
    assert [s.kind for s in sessions] == KINDS
    assert [s.scheduled_date for s in sessions] == [
        date(2026, 11, 30),
        date(2026, 12, 3),
        date(2026, 12, 8),
        date(2026, 12, 11),
    ]


def test_move_session_keeps_its_kind_and_what_was_recorded(store):
    cycle_id = _start(store, _teacher(store))
    model = _detail(store, cycle_id).sessions[1]
    complete_session(store, model.id, SessionDone(model.scheduled_date, 50, "Try exit tickets"))
    note_id = add_note(store, "Went well", cycle_id=cycle_id, session_id=model.id)

    move_session(store, model.id, date(2026, 12, 9), period="Period 5", room="Lab B")

    moved = _detail(store, cycle_id).sessions[1]
    assert moved.id == model.id
    assert moved.kind == "model_lesson"
    assert moved.scheduled_date == date(2026, 12, 9)
    assert (moved.period, moved.room) == ("Period 5", "Lab B")
    assert (moved.done_on, moved.duration_minutes, moved.next_steps) == (
        model.scheduled_date,
        50,
        "Try exit tickets",
    )
    assert [n.id for n in _detail(store, cycle_id).notes] == [note_id]


def test_move_session_without_period_or_room_keeps_them(store):
    cycle_id = _start(store, _teacher(store))
    debrief = _detail(store, cycle_id).sessions[3]

    move_session(store, debrief.id, date(2026, 12, 22))

    moved = _detail(store, cycle_id).sessions[3]
    assert (moved.kind, moved.scheduled_date) == ("debrief", date(2026, 12, 22))
    assert (moved.period, moved.room) == ("Period 3", "204")


def test_moving_or_completing_a_session_needs_a_day(store):
    cycle_id = _start(store, _teacher(store))
    goal_setting = _detail(store, cycle_id).sessions[0]

    with pytest.raises(ValidationError) as moved:
        move_session(store, goal_setting.id, None)
    with pytest.raises(ValidationError) as completed:
        complete_session(store, goal_setting.id, SessionDone(None))

    assert "Pick the new day" in moved.value.errors["scheduled_date"]
    assert "Pick the day" in completed.value.errors["done_on"]
    assert _detail(store, cycle_id).sessions[0] == goal_setting


def test_a_session_moved_past_the_next_one_stays_in_kind_order(store):
    cycle_id = _start(store, _teacher(store))
    goal_setting = _detail(store, cycle_id).sessions[0]

    move_session(store, goal_setting.id, date(2026, 12, 10))

    assert [s.kind for s in _detail(store, cycle_id).sessions] == KINDS


@pytest.mark.parametrize("length", [0, 13, -1])
def test_start_cycle_refuses_a_length_outside_one_to_twelve_weeks(store, length):
    teacher_id = _teacher(store)

    with pytest.raises(ValidationError) as caught:
        _start(store, teacher_id, length_weeks=length)

    assert "1 to 12 weeks" in caught.value.errors["length_weeks"]
    assert list_cycles(store, TODAY) == []


def test_start_cycle_asks_for_a_teacher_when_none_is_picked(store):
    with pytest.raises(ValidationError) as caught:
        start_cycle(store, CycleStart(teacher_id=None, start_date=MONDAY))

    assert "Pick the teacher" in caught.value.errors["teacher_id"]


def test_start_cycle_for_an_unknown_or_deleted_teacher_is_refused(store):
    gone = _teacher(store, "Gone Teacher")
    delete_teacher(store, gone)

    for teacher_id in (uuid.uuid4(), gone):
        with pytest.raises(NotFound, match="no longer in the notebook"):
            _start(store, teacher_id)
    assert list_cycles(store, TODAY) == []


def test_start_cycle_refuses_a_focus_over_200_characters(store):
    with pytest.raises(ValidationError) as caught:
        _start(store, _teacher(store), focus="f" * 201)

    assert "focus" in caught.value.errors


# Status ----------------------------------------------------------------------------------


def test_status_is_planned_until_a_session_is_done_then_active_then_completed(store):
    cycle_id = _start(store, _teacher(store))
    assert _status(store, cycle_id) == CycleStatus.PLANNED

    _done(store, cycle_id, 0)
    assert _status(store, cycle_id) == CycleStatus.ACTIVE
    assert _detail(store, cycle_id).row.sessions_done == (True, False, False, False)

    _done(store, cycle_id, 1, 2)
    assert _status(store, cycle_id) == CycleStatus.ACTIVE

    _done(store, cycle_id, 3)
    assert _status(store, cycle_id) == CycleStatus.COMPLETED
    assert _detail(store, cycle_id).row.progress_text == "4 of 4"


def test_reopening_a_session_takes_the_status_back(store):
    cycle_id = _start(store, _teacher(store))
    _done(store, cycle_id, 0, 1, 2, 3)
    sessions = _detail(store, cycle_id).sessions

    reopen_session(store, sessions[3].id)
    assert _status(store, cycle_id) == CycleStatus.ACTIVE
    assert _detail(store, cycle_id).sessions[3].done_on is None

    for session in sessions[:3]:
        reopen_session(store, session.id)
    assert _status(store, cycle_id) == CycleStatus.PLANNED


def test_complete_session_records_date_duration_and_next_steps(store):
    cycle_id = _start(store, _teacher(store))
    goal_setting = _detail(store, cycle_id).sessions[0]

    complete_session(
        store, goal_setting.id, SessionDone(date(2026, 12, 1), 35, "  Bring the timer  ")
    )

    done = _detail(store, cycle_id).sessions[0]
    assert (done.done_on, done.duration_minutes, done.next_steps) == (
        date(2026, 12, 1),
        35,
        "Bring the timer",
    )


@pytest.mark.parametrize("minutes", [0, 601])
def test_complete_session_refuses_a_duration_outside_one_to_600_minutes(store, minutes):
    cycle_id = _start(store, _teacher(store))
    goal_setting = _detail(store, cycle_id).sessions[0]

    with pytest.raises(ValidationError) as caught:
        complete_session(store, goal_setting.id, SessionDone(MONDAY, minutes))

    assert "600 minutes" in caught.value.errors["duration_minutes"]
    assert _status(store, cycle_id) == CycleStatus.PLANNED


def test_an_overridden_status_sticks_through_session_changes(store):
    cycle_id = _start(store, _teacher(store))

    override_status(store, cycle_id, CycleStatus.COMPLETED)
    _done(store, cycle_id, 0)
    reopen_session(store, _detail(store, cycle_id).sessions[0].id)

    detail = _detail(store, cycle_id)
    assert detail.row.status == CycleStatus.COMPLETED
    assert detail.status_overridden


def test_override_none_goes_back_to_deriving_from_the_sessions(store):
    cycle_id = _start(store, _teacher(store))
    _done(store, cycle_id, 0)
    override_status(store, cycle_id, CycleStatus.PLANNED)
    assert _status(store, cycle_id) == CycleStatus.PLANNED

    override_status(store, cycle_id, None)

    detail = _detail(store, cycle_id)
    assert detail.row.status == CycleStatus.ACTIVE
    assert not detail.status_overridden


def test_override_refuses_an_unknown_status_and_sends_abandon_to_abandon(store):
    cycle_id = _start(store, _teacher(store))

    with pytest.raises(ValidationError):
        override_status(store, cycle_id, "paused")
    with pytest.raises(ValidationError) as caught:
        override_status(store, cycle_id, CycleStatus.ABANDONED)

    assert "say why" in caught.value.errors["status"]
    assert _status(store, cycle_id) == CycleStatus.PLANNED


@pytest.mark.parametrize("reason", ["", "   "])
def test_abandon_needs_a_reason(store, reason):
    cycle_id = _start(store, _teacher(store))

    with pytest.raises(ValidationError) as caught:
        abandon_cycle(store, cycle_id, reason)

    assert "why" in caught.value.errors["reason"]
    assert _status(store, cycle_id) == CycleStatus.PLANNED


def test_abandon_sets_abandoned_with_its_reason_and_no_next_date(store):
    cycle_id = _start(store, _teacher(store))
    _done(store, cycle_id, 0)

    abandon_cycle(store, cycle_id, "  Teacher on leave  ")
    _done(store, cycle_id, 1)  # a late entry does not bring it back

    detail = _detail(store, cycle_id)
    assert detail.row.status == CycleStatus.ABANDONED
    assert detail.abandoned_reason == "Teacher on leave"
    assert detail.row.next_date is None


def test_taking_up_an_abandoned_cycle_again_drops_the_old_reason(store):
    cycle_id = _start(store, _teacher(store))
    abandon_cycle(store, cycle_id, "Schedule changed")

    override_status(store, cycle_id, CycleStatus.ACTIVE)

    detail = _detail(store, cycle_id)
    assert (detail.row.status, detail.abandoned_reason) == (CycleStatus.ACTIVE, "")


def test_a_session_is_overdue_once_its_date_passes_undone(store):
    cycle_id = _start(store, _teacher(store))
    goal_setting, model = _detail(store, cycle_id).sessions[:2]

    assert not _detail(store, cycle_id, today=MONDAY).sessions[0].overdue
    assert _detail(store, cycle_id, today=MONDAY + timedelta(days=1)).sessions[0].overdue
    complete_session(store, goal_setting.id, SessionDone(MONDAY + timedelta(days=1)))
    later = _detail(store, cycle_id, today=date(2026, 12, 8)).sessions
    assert [s.overdue for s in later] == [False, True, False, False]
    assert later[1].id == model.id


# Goal ------------------------------------------------------------------------------------


def test_save_goal_round_trips_peers_target_measure_and_values(store):
    cycle_id = _start(store, _teacher(store))
    goal = GoalInput(
        goal="  80% of students explain their lab results in writing  ",
        peers_powerful=True,
        peers_easy=False,
        peers_emotional=True,
        peers_reachable=False,
        peers_student_focused=True,
        learning_target="I can explain why a reaction happened.",
        measure_kind=MeasureKind.EXIT_TICKET,
        measure_description="Exit ticket scored with the 4-point rubric",
        baseline_value=42.0,
        target_value=80.0,
    )

    save_goal(store, cycle_id, goal)

    saved = _detail(store, cycle_id)
    assert saved.goal == GoalInput(
        **{**goal.__dict__, "goal": "80% of students explain their lab results in writing"}
    )
    assert saved.row.goal == "80% of students explain their lab results in writing"


def test_save_goal_can_clear_baseline_and_target(store):
    cycle_id = _start(store, _teacher(store))
    save_goal(store, cycle_id, GoalInput(goal="g", baseline_value=50, target_value=70))

    save_goal(store, cycle_id, GoalInput(goal="g"))

    saved = _detail(store, cycle_id).goal
    assert (saved.baseline_value, saved.target_value) == (None, None)


@pytest.mark.parametrize(
    ("goal", "field", "words"),
    [
        (GoalInput(baseline_value=101), "baseline_value", "0 to 100"),
        (GoalInput(target_value=-1), "target_value", "0 to 100"),
        (
            GoalInput(measure_kind=MeasureKind.CUSTOM, measure_description="  "),
            "measure_description",
            "custom measure",
        ),
        (GoalInput(measure_kind=MeasureKind.QUIZ_SCORE, baseline_value=-5), "baseline_value", "0"),
        (GoalInput(measure_kind="vibes"), "measure_kind", "Choose"),
    ],
)
def test_save_goal_refuses_bad_values_and_keeps_the_old_goal(store, goal, field, words):
    cycle_id = _start(store, _teacher(store))
    save_goal(store, cycle_id, GoalInput(goal="Kept", baseline_value=40))

    with pytest.raises(ValidationError) as caught:
        save_goal(store, cycle_id, goal)

    assert words in caught.value.errors[field]
    assert _detail(store, cycle_id).goal.goal == "Kept"


def test_a_quiz_score_goal_may_go_past_100(store):
    cycle_id = _start(store, _teacher(store))

    save_goal(
        store,
        cycle_id,
        GoalInput(measure_kind=MeasureKind.QUIZ_SCORE, baseline_value=110, target_value=140),
    )

    assert _detail(store, cycle_id).goal.target_value == 140


# Debrief ---------------------------------------------------------------------------------


def test_record_debrief_stores_final_value_reflection_and_outcome(store):
    cycle_id = _start(store, _teacher(store))
    save_goal(store, cycle_id, GoalInput(goal="g", baseline_value=55, target_value=70))

    record_debrief(
        store,
        cycle_id,
        DebriefInput(
            final_value=72.5,
            goal_met=True,
            teacher_reflection="Groups stayed on task with roles.",
            next_steps="Try it with 5th period.",
            outcome="new_cycle",
        ),
    )

    detail = _detail(store, cycle_id)
    assert (detail.final_value, detail.goal_met, detail.outcome) == (72.5, True, "new_cycle")
    assert detail.teacher_reflection == "Groups stayed on task with roles."
    assert detail.next_steps == "Try it with 5th period."
    assert detail.sessions[3].done_on is None, "no date given, the debrief is not marked done"
    assert detail.row.status == CycleStatus.PLANNED


def test_record_debrief_with_a_date_marks_the_debrief_done_and_the_status_follows(store):
    cycle_id = _start(store, _teacher(store))
    _done(store, cycle_id, 0, 1, 2)

    record_debrief(
        store,
        cycle_id,
        DebriefInput(
            final_value=80, goal_met=True, done_on=date(2026, 12, 22), duration_minutes=30
        ),
    )

    detail = _detail(store, cycle_id)
    assert (detail.sessions[3].done_on, detail.sessions[3].duration_minutes) == (
        date(2026, 12, 22),
        30,
    )
    assert detail.row.status == CycleStatus.COMPLETED
    assert detail.row.next_date is None


@pytest.mark.parametrize(
    ("debrief", "field"),
    [
        (DebriefInput(outcome="celebrate"), "outcome"),
        (DebriefInput(final_value=130), "final_value"),
        (DebriefInput(final_value=-1), "final_value"),
        (DebriefInput(done_on=MONDAY, duration_minutes=0), "duration_minutes"),
    ],
)
def test_record_debrief_refuses_bad_values_and_saves_nothing(store, debrief, field):
    cycle_id = _start(store, _teacher(store))

    with pytest.raises(ValidationError) as caught:
        record_debrief(store, cycle_id, debrief)

    assert field in caught.value.errors
    detail = _detail(store, cycle_id)
    assert (detail.final_value, detail.outcome, detail.sessions[3].done_on) == (None, None, None)


def test_record_debrief_on_an_unknown_cycle_is_not_found(store):
    with pytest.raises(NotFound):
        record_debrief(store, uuid.uuid4(), DebriefInput(outcome="close"))


# Notes -----------------------------------------------------------------------------------


def test_a_note_is_private_unless_marked_shareable(store):
    cycle_id = _start(store, _teacher(store))

    private_id = add_note(store, "Teacher is anxious about evaluation", cycle_id=cycle_id)
    shared_id = add_note(store, "Agreed on the goal", cycle_id=cycle_id, is_private=False)

    notes = {n.id: n for n in _detail(store, cycle_id).notes}
    assert notes[private_id].is_private
    assert not notes[shared_id].is_private


def test_set_note_private_flips_it_both_ways(store):
    cycle_id = _start(store, _teacher(store))
    note_id = add_note(store, "Shared later", cycle_id=cycle_id)

    set_note_private(store, note_id, False)
    assert not _detail(store, cycle_id).notes[0].is_private
    set_note_private(store, note_id, True)
    assert _detail(store, cycle_id).notes[0].is_private


def test_delete_note_hides_it_and_restore_brings_it_back(store):
    cycle_id = _start(store, _teacher(store))
    note_id = add_note(store, "Oops", cycle_id=cycle_id)

    delete_note(store, note_id)
    assert _detail(store, cycle_id).notes == []
    with pytest.raises(NotFound):
        delete_note(store, note_id)

    restore_note(store, note_id)
    assert [n.body for n in _detail(store, cycle_id).notes] == ["Oops"]


@pytest.mark.parametrize("body", ["", "   \n\t "])
def test_an_empty_note_is_refused(store, body):
    cycle_id = _start(store, _teacher(store))

    with pytest.raises(ValidationError) as caught:
        add_note(store, body, cycle_id=cycle_id)

    assert "empty" in caught.value.errors["body"]
    assert _detail(store, cycle_id).notes == []


def test_a_session_note_must_belong_to_that_cycle(store):
    teacher_id = _teacher(store)
    first, second = _start(store, teacher_id), _start(store, teacher_id)
    other_session = _detail(store, second).sessions[0]

    with pytest.raises(NotFound):
        add_note(store, "Misfiled", cycle_id=first, session_id=other_session.id)

    add_note(store, "Filed", cycle_id=second, session_id=other_session.id)
    assert _detail(store, second).notes[0].session_id == other_session.id
    assert _detail(store, first).notes == []


def test_notes_are_listed_in_order_and_hostile_text_is_stored_exactly(store):
    cycle_id = _start(store, _teacher(store, "Nguyễn Thị Hương <Ms. H> & 陈老师 🎉"))

    for body in HOSTILE:
        add_note(store, body, cycle_id=cycle_id)

    detail = _detail(store, cycle_id)
    assert [n.body for n in detail.notes] == HOSTILE
    assert detail.row.teacher_name == "Nguyễn Thị Hương <Ms. H> & 陈老师 🎉"


# The list --------------------------------------------------------------------------------


def test_list_cycles_is_newest_first_with_progress_and_next_date(store):
    teacher_id = _teacher(store)
    older = _start(store, teacher_id, start=date(2026, 9, 7))
    newer = _start(store, teacher_id, start=date(2026, 11, 2))
    _done(store, newer, 0, 1)

    rows = list_cycles(store, TODAY)

    assert [r.id for r in rows] == [newer, older]
    assert rows[0].sessions_done == (True, True, False, False)
    assert rows[0].progress_text == "2 of 4"
    assert rows[0].next_date == date(2026, 11, 16)
    assert rows[0].school_year == "2026-2027"
    assert rows[1].next_date == date(2026, 9, 7)


def test_next_date_is_the_earliest_session_not_done(store):
    cycle_id = _start(store, _teacher(store))
    _done(store, cycle_id, 0, 2)

    assert list_cycles(store, TODAY)[0].next_date == date(2026, 12, 7)


def test_next_date_is_none_once_all_are_done_or_the_cycle_is_abandoned(store):
    teacher_id = _teacher(store)
    finished = _start(store, teacher_id, start=date(2026, 10, 5))
    _done(store, finished, 0, 1, 2, 3)
    dropped = _start(store, teacher_id, start=date(2026, 11, 2))
    abandon_cycle(store, dropped, "Moved schools")
    closed_early = _start(store, teacher_id, start=date(2026, 9, 7))
    override_status(store, closed_early, CycleStatus.COMPLETED)

    rows = {r.id: r for r in list_cycles(store, TODAY)}

    assert rows[finished].next_date is None
    assert rows[dropped].next_date is None
    assert rows[closed_early].next_date is None


def test_list_cycles_for_one_teacher(store):
    ana, ben = _teacher(store, "Ana Ruiz"), _teacher(store, "Ben Okafor", school="Pine Middle")
    ana_cycle = _start(store, ana)
    ben_cycle = _start(store, ben)
    _done(store, ben_cycle, 0)

    rows = list_cycles(store, TODAY, teacher_id=ben)

    assert [(r.id, r.teacher_name, r.school) for r in rows] == [
        (ben_cycle, "Ben Okafor", "Pine Middle")
    ]
    assert rows[0].sessions_done == (True, False, False, False)
    assert [r.id for r in list_cycles(store, TODAY, teacher_id=ana)] == [ana_cycle]


def test_a_deleted_teachers_cycles_are_left_out(store):
    kept = _start(store, _teacher(store, "Ana Ruiz"))
    gone = _teacher(store, "Gone Teacher")
    _start(store, gone)

    delete_teacher(store, gone)

    assert [r.id for r in list_cycles(store, TODAY)] == [kept]
    assert list_cycles(store, TODAY, teacher_id=gone) == []


def test_a_teacher_without_a_school_lists_with_an_empty_school(store):
    _start(store, _teacher(store, school=""))

    assert list_cycles(store, TODAY)[0].school == ""


def test_the_demo_shows_every_status(demo_store):
    rows = list_cycles(demo_store, TODAY)

    assert Counter(r.status for r in rows) == {
        "completed": 5,
        "active": 3,
        "planned": 2,
        "abandoned": 2,
    }
    assert all(len(r.sessions_done) == 4 for r in rows)
    assert [r.start_date for r in rows] == sorted((r.start_date for r in rows), reverse=True)
    for row in rows:
        assert (row.next_date is None) == (row.status in ("completed", "abandoned"))


def test_demo_cycles_status_agrees_with_their_sessions(demo_store):
    for row in list_cycles(demo_store, TODAY):
        if row.status == "completed":
            assert all(row.sessions_done)
        elif row.status == "active":
            assert any(row.sessions_done) and not all(row.sessions_done)
        elif row.status == "planned":
            assert not any(row.sessions_done)


# The CLI ---------------------------------------------------------------------------------


def test_list_cycles_json_carries_the_four_sessions_in_kind_order(db_path):
    with Store.open(db_path, backup_on_open=False) as store:
        cycle_id = _start(store, _teacher(store), focus="Desmos 🎯 <graphs>")
        with store.session() as s:
            assert len(s.exec(select(CycleSession)).all()) == 4

    result = subprocess.run(
        [sys.executable, "-m", "app", "list", "cycles", "--json", "--db", str(db_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    (cycle,) = json.loads(result.stdout)
    assert cycle["id"] == str(cycle_id)
    assert cycle["status"] == "planned"
    assert cycle["focus"] == "Desmos 🎯 <graphs>"
    assert [s["kind"] for s in cycle["sessions"]] == KINDS
    assert [s["scheduled_date"] for s in cycle["sessions"]] == [
        "2026-11-30",
        "2026-12-07",
        "2026-12-14",
        "2026-12-21",
    ]
    assert {s["cycle_id"] for s in cycle["sessions"]} == {str(cycle_id)}
    assert all(s["done_on"] is None for s in cycle["sessions"])
