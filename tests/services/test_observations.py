"""Observations: the % math, the live recorder on a fake clock, corrections, lists and trends."""

import uuid
from datetime import UTC, date, timedelta

import pytest
from sqlmodel import col, select

from app.models import CoachingCycle, MeasureKind, Observation
from app.services.cycles import CycleStart, GoalInput, save_goal, start_cycle
from app.services.errors import NotFound, Refused, ValidationError
from app.services.listing import for_json, list_records
from app.services.observations import (
    ObservationStart,
    SweepEdit,
    SweepInput,
    add_paper_observation,
    correct_sweeps,
    delete_interval,
    delete_observation,
    end_observation,
    link_session,
    list_intervals,
    list_observations,
    live_state,
    observation_summary,
    pause_observation,
    record_interval,
    restore_interval,
    restore_observation,
    resume_observation,
    sampling_text,
    set_coding,
    start_observation,
    time_on_task_trend,
    trend_goal,
    unfinished_observation,
)
from app.services.teachers import TeacherForm, save_teacher
from app.store import Store

TODAY = date(2026, 11, 25)
HOSTILE = [
    "<b>Bold?</b> & not bold",
    "Cô Nguyễn Thị Hương hỏi về Nearpod",
    "陈老师：学生分组讨论",
    "Great lesson 🎉👩‍🏫",
    "'; DROP TABLE observation; --",
    "x" * 20_000,
]


@pytest.fixture
def utc_clock(clock):
    """The shared fake clock, on UTC like every time the services take."""
    clock.current = clock.current.replace(tzinfo=UTC)
    return clock


@pytest.fixture
def teacher_id(store) -> uuid.UUID:
    return save_teacher(store, TeacherForm(name="Ana Ruiz", school="Oak Elementary")).id


def _start(store: Store, teacher_id: uuid.UUID, now, **plan) -> uuid.UUID:
    plan.setdefault("period", "Period 3")
    plan.setdefault("lesson", "Fractions on a number line")
    plan.setdefault("students_present", 25)
    return start_observation(store, ObservationStart(teacher_id, TODAY, **plan), now)


def _sweep(store: Store, obs_id: uuid.UUID, clock, on_task: int, present: int = 25, **kw):
    return record_interval(store, obs_id, on_task, present, now=clock.now(), **kw).sweep


def _edits(store: Store, obs_id: uuid.UUID) -> list[SweepEdit]:
    """The sweep table as it opens: every sweep as it stands."""
    return [
        SweepEdit(s.id, s.minute, s.on_task, s.present, s.activity_format, s.note)
        for s in list_intervals(store, obs_id)
    ]


# The % math ------------------------------------------------------------------------------


def test_time_on_task_is_weighted_by_students_not_averaged_by_sweep(store, teacher_id, utc_clock):
    obs = _start(store, teacher_id, utc_clock.now())
    _sweep(store, obs, utc_clock, 10, 10)
    utc_clock.advance(minutes=5)
    _sweep(store, obs, utc_clock, 10, 30)

    summary = observation_summary(store, obs)

    assert summary.time_on_task_pct == pytest.approx(50.0)  # 20 of 40, not (100 + 33) / 2
    assert [s.pct for s in summary.sweeps] == [pytest.approx(100.0), pytest.approx(100 / 3)]


def test_sweep_with_nobody_present_is_left_out_of_the_pct_and_the_extremes(
    store, teacher_id, utc_clock
):
    obs = _start(store, teacher_id, utc_clock.now())
    for on_task, present in ((18, 24), (0, 0), (24, 24)):
        _sweep(store, obs, utc_clock, on_task, present)
        utc_clock.advance(minutes=5)

    summary = observation_summary(store, obs)

    assert summary.time_on_task_pct == pytest.approx(100 * 42 / 48)
    assert summary.sweeps[1].pct is None
    assert (summary.lowest.index, summary.lowest.minute) == (0, 0)
    assert summary.lowest.pct == pytest.approx(75.0)
    assert (summary.highest.index, summary.highest.minute, summary.highest.pct) == (2, 10, 100.0)
    assert summary.sampling == "A whole-class sweep every 5 minutes (3 sweeps)"


def test_single_sweep_is_the_whole_pct_and_both_extremes(store, teacher_id, utc_clock):
    obs = _start(store, teacher_id, utc_clock.now())
    _sweep(store, obs, utc_clock, 21, 28)

    summary = observation_summary(store, obs)

    assert summary.time_on_task_pct == pytest.approx(75.0)
    assert summary.lowest == summary.highest
    assert summary.sampling == "A whole-class sweep every 5 minutes (1 sweep)"


def test_no_sweeps_or_only_empty_rooms_give_no_pct(store, teacher_id, utc_clock):
    obs = _start(store, teacher_id, utc_clock.now())
    assert observation_summary(store, obs).time_on_task_pct is None
    assert observation_summary(store, obs).lowest is None

    _sweep(store, obs, utc_clock, 0, 0)

    summary = observation_summary(store, obs)
    assert summary.time_on_task_pct is None
    assert summary.highest is None
    assert list_observations(store)[0].time_on_task_pct is None


def test_sampling_text_says_minute_and_sweep_in_the_singular():
    assert sampling_text(1, 1) == "A whole-class sweep every minute (1 sweep)"
    assert sampling_text(5, 9) == "A whole-class sweep every 5 minutes (9 sweeps)"


# The live recorder -----------------------------------------------------------------------


def test_a_whole_45_minute_lesson_with_a_fire_drill_pause(store, teacher_id, utc_clock):
    started = utc_clock.now()
    obs = _start(store, teacher_id, started, interval_minutes=5, technology="Desmos")
    counts = [20, 22, 23, 24, 19]
    for mark, on_task in enumerate(counts):  # marks 0 to 20, each swept 10 s after it
        utc_clock.current = started + timedelta(minutes=5 * mark, seconds=10)
        _sweep(store, obs, utc_clock, on_task)
    utc_clock.current = started + timedelta(minutes=22)  # the fire alarm
    pause_observation(store, obs, utc_clock.now())
    utc_clock.advance(minutes=3)
    paused = live_state(store, obs, utc_clock.now())
    assert paused.paused
    assert paused.elapsed_seconds == 22 * 60
    with pytest.raises(ValidationError, match="paused; resume it"):
        _sweep(store, obs, utc_clock, 20)
    resume_observation(store, obs, utc_clock.now())
    utc_clock.advance(minutes=3)  # 25 lesson minutes, 28 on the wall clock
    after = [21, 25, 24, 23]
    for on_task in after:  # marks 25 to 40
        row = _sweep(store, obs, utc_clock, on_task, activity_format="small_group")
        assert row.minute == row.index * 5
        utc_clock.advance(minutes=5)
    end_observation(store, obs, utc_clock.now())

    state = live_state(store, obs, utc_clock.now() + timedelta(hours=2))
    summary = observation_summary(store, obs)

    assert state.ended and not state.paused and not state.sweep_due
    assert state.elapsed_seconds == 45 * 60
    assert state.sweeps_recorded == 9
    assert state.missed_marks == []
    assert state.started_at == started
    assert [s.minute for s in summary.sweeps] == [0, 5, 10, 15, 20, 25, 30, 35, 40]
    assert [s.index for s in summary.sweeps] == list(range(9))
    assert summary.time_on_task_pct == pytest.approx(100 * (sum(counts) + sum(after)) / 225)
    assert (summary.lowest.minute, summary.highest.minute) == (20, 30)
    assert summary.sampling == "A whole-class sweep every 5 minutes (9 sweeps)"
    assert summary.ended_at == utc_clock.now()
    assert summary.ended_at.tzinfo == UTC
    assert summary.technology == "Desmos"
    assert summary.students_present == 25
    assert unfinished_observation(store) is None


def test_countdown_to_the_next_mark_and_the_due_prompt(store, teacher_id, utc_clock):
    obs = _start(store, teacher_id, utc_clock.now())

    first = live_state(store, obs, utc_clock.now())
    assert (first.elapsed_seconds, first.next_mark_minute, first.seconds_to_next_mark) == (
        0,
        5,
        300,
    )
    assert first.sweep_due  # the first sweep is at the start of the lesson

    _sweep(store, obs, utc_clock, 20)
    utc_clock.advance(minutes=3, seconds=15)
    between = live_state(store, obs, utc_clock.now())
    assert not between.sweep_due
    assert between.seconds_to_next_mark == 105

    utc_clock.advance(minutes=1, seconds=45)
    assert live_state(store, obs, utc_clock.now()).sweep_due


def test_missed_marks_are_shown_as_missed_never_invented(store, teacher_id, utc_clock):
    obs = _start(store, teacher_id, utc_clock.now())
    _sweep(store, obs, utc_clock, 20)
    utc_clock.advance(minutes=5)
    _sweep(store, obs, utc_clock, 21)
    utc_clock.advance(minutes=16)  # 21 minutes in: the marks at 10 and 15 went by

    gap = live_state(store, obs, utc_clock.now())
    assert gap.missed_marks == [10, 15]
    assert gap.sweep_due  # the mark at 20 can still be swept
    assert gap.sweeps_recorded == 2

    late = _sweep(store, obs, utc_clock, 22)
    assert late.minute == 21
    assert late.index == 2
    assert live_state(store, obs, utc_clock.now()).missed_marks == [10, 15]

    utc_clock.advance(minutes=11)  # ends at 32 minutes; the marks at 25 and 30 went by
    end_observation(store, obs, utc_clock.now())
    ended = live_state(store, obs, utc_clock.now())
    assert ended.missed_marks == [10, 15, 25, 30]
    assert [s.minute for s in observation_summary(store, obs).sweeps] == [0, 5, 21]


def test_timer_is_rederived_from_the_file_after_reopening(db_path, utc_clock):
    with Store.open(db_path) as first:
        teacher = save_teacher(first, TeacherForm(name="Ana Ruiz", school="Oak")).id
        obs = _start(first, teacher, utc_clock.now())
        _sweep(first, obs, utc_clock, 20)
        utc_clock.advance(minutes=2)
        pause_observation(first, obs, utc_clock.now())
        utc_clock.advance(minutes=1)
        resume_observation(first, obs, utc_clock.now())

    utc_clock.advance(minutes=12)  # the laptop was shut; the lesson went on
    with Store.open(db_path, backup_on_open=False) as second:
        assert unfinished_observation(second) == obs
        state = live_state(second, obs, utc_clock.now())

    assert state.elapsed_seconds == 14 * 60
    assert state.missed_marks == [5]
    assert state.sweep_due
    assert state.next_mark_minute == 15


def test_pause_and_end_twice_change_nothing_and_an_ended_lesson_stays_ended(
    store, teacher_id, utc_clock
):
    obs = _start(store, teacher_id, utc_clock.now())
    utc_clock.advance(minutes=1)
    pause_observation(store, obs, utc_clock.now())
    utc_clock.advance(minutes=1)
    pause_observation(store, obs, utc_clock.now())
    utc_clock.advance(minutes=1)
    resume_observation(store, obs, utc_clock.now())
    resume_observation(store, obs, utc_clock.now())
    assert live_state(store, obs, utc_clock.now()).elapsed_seconds == 60

    utc_clock.advance(minutes=1)
    end_observation(store, obs, utc_clock.now())
    utc_clock.advance(minutes=10)
    end_observation(store, obs, utc_clock.now())

    assert live_state(store, obs, utc_clock.now()).elapsed_seconds == 120
    with pytest.raises(Refused, match="ended"):
        pause_observation(store, obs, utc_clock.now())
    with pytest.raises(ValidationError, match="has ended; correct its sweeps"):
        _sweep(store, obs, utc_clock, 10)


def test_ending_while_paused_leaves_the_pause_out(store, teacher_id, utc_clock):
    obs = _start(store, teacher_id, utc_clock.now())
    utc_clock.advance(minutes=10)
    pause_observation(store, obs, utc_clock.now())
    utc_clock.advance(minutes=30)
    end_observation(store, obs, utc_clock.now())

    state = live_state(store, obs, utc_clock.now())
    assert (state.elapsed_seconds, state.paused, state.ended) == (600, False, True)


def test_unfinished_observation_is_the_newest_one_not_ended(store, teacher_id, utc_clock):
    assert unfinished_observation(store) is None
    older = _start(store, teacher_id, utc_clock.now())
    utc_clock.advance(hours=1)
    newer = _start(store, teacher_id, utc_clock.now())

    assert unfinished_observation(store) == newer
    end_observation(store, newer, utc_clock.now())
    assert unfinished_observation(store) == older
    delete_observation(store, older, utc_clock.now())
    assert unfinished_observation(store) is None


# Validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on_task", "present", "field", "message"),
    [
        (26, 25, "on_task", "On task (26) can't be more than present (25)"),
        (-1, 25, "on_task", "0 or more"),
        (0, -2, "present", "0 or more"),
        (10, 201, "present", "at most 200"),
    ],
)
def test_record_interval_refuses_impossible_counts(
    store, teacher_id, utc_clock, on_task, present, field, message
):
    obs = _start(store, teacher_id, utc_clock.now())

    with pytest.raises(ValidationError) as caught:
        _sweep(store, obs, utc_clock, on_task, present)

    assert message in caught.value.errors[field]
    assert list_intervals(store, obs) == []


def test_record_interval_refuses_an_unknown_activity_format(store, teacher_id, utc_clock):
    obs = _start(store, teacher_id, utc_clock.now())
    with pytest.raises(ValidationError) as caught:
        _sweep(store, obs, utc_clock, 10, activity_format="recess")
    assert "whole group" in caught.value.errors["activity_format"]


def test_record_interval_on_a_missing_or_deleted_observation_says_so(store, teacher_id, utc_clock):
    with pytest.raises(NotFound):
        _sweep(store, uuid.uuid4(), utc_clock, 10)
    obs = _start(store, teacher_id, utc_clock.now())
    delete_observation(store, obs, utc_clock.now())
    with pytest.raises(NotFound, match="no longer in the notebook"):
        _sweep(store, obs, utc_clock, 10)
    restore_observation(store, obs)
    assert _sweep(store, obs, utc_clock, 10).index == 0


def test_start_observation_names_every_bad_field(store, teacher_id, utc_clock):
    plan = ObservationStart(teacher_id, TODAY, students_present=250, interval_minutes=0)
    with pytest.raises(ValidationError) as caught:
        start_observation(store, plan, utc_clock.now())
    assert set(caught.value.errors) == {"students_present", "interval_minutes"}
    assert "from 0 to 200" in caught.value.errors["students_present"]
    assert "1 to 30 minutes" in caught.value.errors["interval_minutes"]

    with pytest.raises(NotFound, match="teacher"):
        start_observation(store, ObservationStart(uuid.uuid4(), TODAY), utc_clock.now())
    assert list_observations(store) == []


def test_start_from_a_cycle_session_links_both_and_refuses_a_mismatch(store, teacher_id, utc_clock):
    other = save_teacher(store, TeacherForm(name="Ben Cho", school="Oak Elementary")).id
    cycle = start_cycle(store, CycleStart(teacher_id=teacher_id, start_date=TODAY))
    other_cycle = start_cycle(store, CycleStart(teacher_id=other, start_date=TODAY))
    with store.session() as s:
        from app.models import CycleSession

        visits = {
            c: s.exec(select(CycleSession.id).where(CycleSession.cycle_id == c)).all()
            for c in (cycle, other_cycle)
        }

    obs = _start(store, teacher_id, utc_clock.now(), session_id=visits[cycle][1])
    summary = observation_summary(store, obs)
    assert (summary.cycle_id, summary.session_id) == (cycle, visits[cycle][1])

    with pytest.raises(ValidationError) as caught:
        _start(
            store, teacher_id, utc_clock.now(), cycle_id=cycle, session_id=visits[other_cycle][0]
        )
    assert "another cycle" in caught.value.errors["session_id"]
    with pytest.raises(ValidationError) as caught:
        link_session(store, obs, other_cycle, None)
    assert "another teacher" in caught.value.errors["cycle_id"]

    link_session(store, obs, None, None)
    assert observation_summary(store, obs).cycle_id is None
    link_session(store, obs, cycle, visits[cycle][2])
    assert observation_summary(store, obs).session_id == visits[cycle][2]


def test_set_coding_checks_picrat_and_samr_against_their_lists(store, teacher_id, utc_clock):
    obs = _start(store, teacher_id, utc_clock.now())
    with pytest.raises(ValidationError) as caught:
        set_coding(store, obs, "active", "remix", "awesome", "")
    assert set(caught.value.errors) == {"picrat_engagement", "picrat_use", "samr_level"}

    set_coding(store, obs, "creative", "transformation", "redefinition", "Podcasts")

    summary = observation_summary(store, obs)
    assert (summary.picrat_engagement, summary.picrat_use, summary.samr_level) == (
        "creative",
        "transformation",
        "redefinition",
    )
    assert summary.notes == "Podcasts"
    set_coding(store, obs, None, None, None, "")
    assert observation_summary(store, obs).picrat_use is None


# Corrections and the paper form ----------------------------------------------------------


def test_editing_a_sweep_changes_its_pct_and_keeps_its_minute(store, teacher_id, utc_clock):
    obs = _start(store, teacher_id, utc_clock.now())
    _sweep(store, obs, utc_clock, 20)
    utc_clock.advance(minutes=5)
    _sweep(store, obs, utc_clock, 20)
    rows = _edits(store, obs)
    rows[1].on_task, rows[1].present = 12, 24
    rows[1].activity_format, rows[1].note = "independent", "Chromebooks died"

    edited = correct_sweeps(store, obs, rows, utc_clock.now())[1]

    assert (edited.minute, edited.index, edited.pct) == (5, 1, 50.0)
    summary = observation_summary(store, obs)
    assert summary.sweeps[1].note == "Chromebooks died"
    assert summary.sweeps[1].activity_format == "independent"
    assert summary.time_on_task_pct == pytest.approx(100 * 32 / 49)
    rows[1].on_task = 30
    with pytest.raises(ValidationError, match="can't be more than present"):
        correct_sweeps(store, obs, rows, utc_clock.now())


def test_deleting_a_sweep_leaves_it_out_and_undo_brings_it_back(store, teacher_id, utc_clock):
    obs = _start(store, teacher_id, utc_clock.now())
    first = _sweep(store, obs, utc_clock, 25)
    utc_clock.advance(minutes=5)
    wrong = _sweep(store, obs, utc_clock, 5)

    table = _edits(store, obs)

    delete_interval(store, wrong.id, utc_clock.now())
    assert [s.id for s in observation_summary(store, obs).sweeps] == [first.id]
    assert observation_summary(store, obs).time_on_task_pct == 100.0
    with pytest.raises(NotFound):
        correct_sweeps(store, obs, table, utc_clock.now())  # the table still shows it

    restore_interval(store, wrong.id)
    assert [s.id for s in list_intervals(store, obs)] == [first.id, wrong.id]


def test_paper_form_rows_take_minutes_from_their_place(store, teacher_id, utc_clock):
    plan = ObservationStart(teacher_id, TODAY, interval_minutes=4)
    rows = [
        SweepInput(20, 24, "whole_group"),
        SweepInput(0, 0),
        SweepInput(22, 23, note="Quiz"),
        SweepInput(19, 23),
    ]

    obs = add_paper_observation(store, plan, rows, utc_clock.now())

    saved = list_intervals(store, obs)
    assert [(s.index, s.minute) for s in saved] == [(0, 0), (1, 4), (2, 8), (3, 12)]
    summary = observation_summary(store, obs)
    assert [(s.on_task, s.present, s.note) for s in summary.sweeps[:3]] == [
        (20, 24, ""),
        (0, 0, ""),
        (22, 23, "Quiz"),
    ]


def test_paper_form_with_one_bad_row_saves_none_and_names_the_row(store, teacher_id, utc_clock):
    plan = ObservationStart(teacher_id, TODAY)
    rows = [SweepInput(20, 24), SweepInput(30, 24), SweepInput(20, 24, "lunch")]

    with pytest.raises(ValidationError) as caught:
        add_paper_observation(store, plan, rows, utc_clock.now())

    assert caught.value.errors["sweeps.1.on_task"].startswith("Row 2: On task (30)")
    assert caught.value.errors["sweeps.2.activity_format"].startswith("Row 3:")
    assert list_observations(store) == []


# Lists and trends ------------------------------------------------------------------------


def test_list_matches_the_cli_json_and_is_newest_first(demo_store):
    rows = list_observations(demo_store)
    as_json = for_json(list_records(demo_store, "observations", today=TODAY))
    by_id = {r["id"]: r for r in as_json}

    assert len(rows) == len(by_id) == 30
    assert [r.observed_on for r in rows] == sorted((r.observed_on for r in rows), reverse=True)
    for row in rows:
        record = by_id[str(row.id)]
        assert row.sweeps == len(record["intervals"])
        expected = record["time_on_task_pct"]
        assert (row.time_on_task_pct is None) == (expected is None)
        if expected is not None:
            assert round(row.time_on_task_pct, 1) == expected
        assert row.ended
        assert row.teacher_name


def test_list_filters_by_teacher_and_leaves_deleted_out(demo_store, utc_clock):
    everyone = list_observations(demo_store)
    teacher = everyone[0].teacher_id
    mine = list_observations(demo_store, teacher_id=teacher)
    assert mine and {r.teacher_id for r in mine} == {teacher}

    delete_observation(demo_store, mine[0].id, utc_clock.now())

    assert mine[0].id not in {r.id for r in list_observations(demo_store)}
    assert len(list_observations(demo_store, teacher_id=teacher)) == len(mine) - 1


def test_trend_runs_oldest_first_with_the_cycle_baseline_and_target(demo_store):
    with demo_store.session() as s:
        cycle = s.exec(
            select(CoachingCycle)
            .join(Observation, col(Observation.cycle_id) == CoachingCycle.id)
            .where(
                CoachingCycle.measure_kind == MeasureKind.TIME_ON_TASK,
                col(CoachingCycle.baseline_value).is_not(None),
            )
        ).first()
    assert cycle is not None, "the demo has a time-on-task cycle with observations"

    points = time_on_task_trend(demo_store, cycle.teacher_id)
    goal = trend_goal(demo_store, cycle.teacher_id)

    assert points
    assert [p.observed_on for p in points] == sorted(p.observed_on for p in points)
    assert cycle.id in {p.cycle_id for p in points}
    by_id = {r.id: r.time_on_task_pct for r in list_observations(demo_store, cycle.teacher_id)}
    assert all(p.pct == pytest.approx(by_id[p.observation_id]) for p in points)
    assert goal is not None
    with demo_store.session() as s:
        latest = s.exec(
            select(CoachingCycle)
            .where(
                CoachingCycle.teacher_id == cycle.teacher_id,
                CoachingCycle.measure_kind == MeasureKind.TIME_ON_TASK,
            )
            .order_by(col(CoachingCycle.start_date).desc())
        ).first()
    assert (goal.cycle_id, goal.baseline, goal.target) == (
        latest.id,
        latest.baseline_value,
        latest.target_value,
    )


def test_trend_goal_is_none_without_a_time_on_task_cycle(store, teacher_id, utc_clock):
    assert trend_goal(store, teacher_id) is None
    cycle = start_cycle(store, CycleStart(teacher_id=teacher_id, start_date=TODAY))
    save_goal(store, cycle, GoalInput(measure_kind="quiz_score", baseline_value=50))
    assert trend_goal(store, teacher_id) is None
    save_goal(store, cycle, GoalInput(baseline_value=55, target_value=80))
    assert trend_goal(store, teacher_id).target == 80


def test_trend_leaves_out_observations_with_no_usable_sweep(store, teacher_id, utc_clock):
    empty = _start(store, teacher_id, utc_clock.now())
    _sweep(store, empty, utc_clock, 0, 0)
    utc_clock.advance(days=1)
    counted = _start(store, teacher_id, utc_clock.now())
    _sweep(store, counted, utc_clock, 15, 20)
    for obs in (empty, counted):
        end_observation(store, obs, utc_clock.now())

    assert [(p.observation_id, p.pct) for p in time_on_task_trend(store, teacher_id)] == [
        (counted, 75.0)
    ]


# Hostile text ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_exactly(store, teacher_id, utc_clock, text):
    obs = _start(store, teacher_id, utc_clock.now(), lesson=text, technology=text)
    _sweep(store, obs, utc_clock, 20, note=text)
    set_coding(store, obs, None, None, None, text)

    summary = observation_summary(store, obs)

    assert summary.lesson == summary.technology == summary.notes == text
    assert summary.sweeps[0].note == text
    assert list_observations(store)[0].lesson == text


# Paper forms, the sweep table, evidence notes, links ----------------------------------------


def test_paper_observation_saves_all_sweeps_or_none(store, teacher_id, utc_clock):
    plan = ObservationStart(teacher_id, TODAY, lesson="Read-aloud", interval_minutes=10)
    with pytest.raises(ValidationError) as error:
        add_paper_observation(store, plan, [SweepInput(5, 20), SweepInput(22, 20)], utc_clock.now())
    assert error.value.errors == {
        "sweeps.1.on_task": "Row 2: On task (22) can't be more than present (20); "
        "check both counts."
    }
    assert list_observations(store) == []
    obs = add_paper_observation(
        store, plan, [SweepInput(15, 20), SweepInput(0, 0)], utc_clock.now()
    )
    (row,) = list_observations(store)
    assert (row.id, row.sweeps, row.time_on_task_pct, row.in_progress) == (obs, 2, 75.0, False)
    assert [s.minute for s in list_intervals(store, obs)] == [0, 10]
    with pytest.raises(Refused):
        live_state(store, obs, utc_clock.now())
    assert unfinished_observation(store) is None


def test_correcting_the_sweep_table_updates_adds_removes_and_renumbers(
    store, teacher_id, utc_clock
):
    obs = _start(store, teacher_id, utc_clock.now())
    first = _sweep(store, obs, utc_clock, 20)
    utc_clock.advance(minutes=5)
    second = _sweep(store, obs, utc_clock, 21)
    rows = correct_sweeps(
        store,
        obs,
        [
            SweepEdit(None, 10, 18, 24, "small_group", "typed from my notes"),
            SweepEdit(first.id, 0, 19, 24),
        ],
        utc_clock.now(),
    )
    assert [(r.index, r.minute, r.on_task, r.id == first.id) for r in rows] == [
        (0, 0, 19, True),
        (1, 10, 18, False),
    ]
    assert second.id not in {r.id for r in list_intervals(store, obs)}
    restore_interval(store, second.id)  # a removed row can still come back
    assert len(list_intervals(store, obs)) == 3


def test_lesson_details_can_be_corrected(store, teacher_id, utc_clock):
    from app.services.observations import update_observation

    obs = _start(store, teacher_id, utc_clock.now())
    other = save_teacher(store, TeacherForm(name="Bo Chen")).id
    update_observation(
        store, obs, ObservationStart(other, date(2026, 11, 24), period="P5", lesson="Maps")
    )
    summary = observation_summary(store, obs)
    assert (summary.teacher_name, summary.observed_on, summary.period, summary.lesson) == (
        "Bo Chen",
        date(2026, 11, 24),
        "P5",
        "Maps",
    )
    assert summary.interval_minutes == 5  # recorded live: the interval stays


def test_evidence_notes_are_time_stamped_private_and_undoable(store, teacher_id, utc_clock):
    from app.services.observations import (
        add_observation_note,
        delete_observation_note,
        list_observation_notes,
        restore_observation_note,
        set_observation_note_private,
    )

    obs = _start(store, teacher_id, utc_clock.now())
    utc_clock.advance(minutes=7, seconds=40)
    with pytest.raises(ValidationError):
        add_observation_note(store, obs, "   ", utc_clock.now())
    note = add_observation_note(store, obs, HOSTILE[0], utc_clock.now())
    assert (note.body, note.minute, note.is_private) == (HOSTILE[0], 7, True)
    set_observation_note_private(store, note.id, False)
    assert not list_observation_notes(store, obs)[0].is_private
    delete_observation_note(store, note.id, utc_clock.now())
    assert list_observation_notes(store, obs) == []
    restore_observation_note(store, note.id)
    assert [n.body for n in list_observation_notes(store, obs)] == [HOSTILE[0]]


def test_link_choices_offer_the_observable_sessions(store, teacher_id, utc_clock):
    from app.services.observations import link_choices

    cycle = start_cycle(store, CycleStart(teacher_id, date(2026, 11, 16), focus="Nearpod"))
    labels = [c.label for c in link_choices(store, teacher_id)]
    assert labels == [
        "Nearpod (cycle from Nov 16, 2026)",
        "Nearpod: Model lesson, Nov 23",
        "Nearpod: Co-teaching session, Nov 30",
    ]
    assert all(c.cycle_id == cycle for c in link_choices(store, teacher_id))
