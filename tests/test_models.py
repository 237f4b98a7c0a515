"""The pure rules in app/models: time on task, grades, emails, pilots, cycles, surveys."""

from datetime import date, timedelta

import pytest

from app.models import CycleStatus
from app.models.cycles import derive_cycle_status, is_session_overdue
from app.models.observations import interval_pct, time_on_task_pct
from app.models.pilots import utilisation_pct, weeks_elapsed
from app.models.surveys import survey_mean
from app.models.teachers import format_grades, is_valid_email, parse_grades

# ---- time on task ---------------------------------------------------------------------


def test_time_on_task_is_weighted_by_students_present():
    # 10 of 10 and 5 of 20: the plain mean of percentages would say 62.5%.
    assert time_on_task_pct([(10, 10), (5, 20)]) == pytest.approx(50.0)


def test_time_on_task_leaves_out_sweeps_with_nobody_present():
    assert time_on_task_pct([(18, 24), (0, 0), (24, 24)]) == pytest.approx(87.5)


def test_time_on_task_of_a_single_sweep_is_that_sweep():
    assert time_on_task_pct([(21, 28)]) == pytest.approx(75.0)


def test_time_on_task_is_unknown_when_nobody_was_ever_present():
    assert time_on_task_pct([(0, 0), (0, 0)]) is None
    assert time_on_task_pct([]) is None


def test_time_on_task_accepts_a_generator_of_sweeps():
    sweeps = ((on, 20) for on in (20, 15, 10))
    assert time_on_task_pct(sweeps) == pytest.approx(75.0)


def test_interval_percentage_is_unknown_with_nobody_present():
    assert interval_pct(3, 4) == pytest.approx(75.0)
    assert interval_pct(0, 0) is None


# ---- grades ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "grades"),
    [
        ("K", ["K"]),
        ("Kindergarten", ["K"]),
        ("K-12", ["K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]),
        ("K, 1-3", ["K", "1", "2", "3"]),
        ("3-5", ["3", "4", "5"]),
        ("3 – 5", ["3", "4", "5"]),
        ("Grade 3", ["3"]),
        ("grades 9 and 10", ["9", "10"]),
        ("9 10", ["9", "10"]),
        ("1st-3rd", ["1", "2", "3"]),
        ("12, 9; 10/11", ["9", "10", "11", "12"]),
        ("5, 3-6", ["3", "4", "5", "6"]),
        ("", []),
        ("   ", []),
    ],
)
def test_parse_grades_reads_what_coaches_type(typed, grades):
    assert parse_grades(typed) == grades


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("13", "“13” is not a grade from K to 12."),
        ("Pre-K", "“Pre” is not a grade from K to 12."),
        ("5-3", "“5-3” runs backwards; write the lower grade first."),
        ("1-2-3", "“1-2-3” is not a grade or a range like 3-5."),
        ("seventh", "“seventh” is not a grade from K to 12."),
    ],
)
def test_parse_grades_names_the_bad_part(typed, words):
    with pytest.raises(ValueError) as raised:
        parse_grades(typed)
    assert str(raised.value) == words


@pytest.mark.parametrize(
    ("grades", "text"),
    [
        (["K", "1", "2", "5"], "K-2, 5"),
        (["5"], "5"),
        (["9", "10", "11", "12"], "9-12"),
        (["12", "K", "6"], "K, 6, 12"),
        (["2", "1", "1", "3"], "1-3"),
        ([], ""),
    ],
)
def test_format_grades_collapses_runs(grades, text):
    assert format_grades(grades) == text


def test_grades_survive_a_round_trip_through_text():
    for typed in ("K-2, 5", "9-12", "K, 3, 7-8"):
        assert format_grades(parse_grades(typed)) == typed


# ---- email ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["ngoc.tran@school.org", "a.b+pd@district.k12.us", "li_wei@xn--fsq.com"]
)
def test_valid_emails_are_accepted(email):
    assert is_valid_email(email)


@pytest.mark.parametrize(
    "email",
    [
        "",
        "no-at-sign.org",
        "two@@school.org",
        "no-dot@school",
        "space in@school.org",
        "<b>@school.org",
        "trailing@school.org\n",
        "dot-at-end@school.",
    ],
)
def test_invalid_emails_are_refused(email):
    assert not is_valid_email(email)


# ---- pilots ---------------------------------------------------------------------------


def test_utilisation_is_the_share_of_teacher_weeks_used():
    assert utilisation_pct(used_weeks=6, enrolled=3, elapsed_weeks=4) == pytest.approx(50.0)
    assert utilisation_pct(used_weeks=12, enrolled=3, elapsed_weeks=4) == pytest.approx(100.0)


def test_utilisation_never_goes_over_100_percent():
    assert utilisation_pct(used_weeks=20, enrolled=3, elapsed_weeks=4) == pytest.approx(100.0)


def test_utilisation_is_unknown_before_the_pilot_starts_or_without_teachers():
    assert utilisation_pct(used_weeks=0, enrolled=3, elapsed_weeks=0) is None
    assert utilisation_pct(used_weeks=0, enrolled=0, elapsed_weeks=4) is None


START = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("today", "weeks"),
    [
        (START - timedelta(days=1), 0),
        (START, 1),
        (START + timedelta(days=6), 1),
        (START + timedelta(days=7), 2),
        (START + timedelta(days=27), 4),
        (START + timedelta(days=200), 4),
    ],
)
def test_weeks_elapsed_counts_started_weeks_up_to_the_pilot_length(today, weeks):
    assert weeks_elapsed(START, 4, today) == weeks


def test_weeks_elapsed_is_zero_without_a_start_date():
    assert weeks_elapsed(None, 4, START) == 0


# ---- cycles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "status"),
    [
        ([False, False, False, False], CycleStatus.PLANNED),
        ([True, False, False, False], CycleStatus.ACTIVE),
        ([True, True, False, True], CycleStatus.ACTIVE),
        ([True, True, True, True], CycleStatus.COMPLETED),
        ([], CycleStatus.PLANNED),
    ],
)
def test_cycle_status_follows_its_sessions(done, status):
    assert derive_cycle_status(done) == status


def test_a_session_past_its_date_and_not_done_is_overdue():
    assert is_session_overdue(date(2026, 11, 20), None, today=date(2026, 11, 25))


def test_a_done_session_is_never_overdue():
    assert not is_session_overdue(date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 25))


def test_a_session_scheduled_today_or_later_is_not_overdue():
    assert not is_session_overdue(date(2026, 11, 25), None, today=date(2026, 11, 25))
    assert not is_session_overdue(date(2026, 12, 1), None, today=date(2026, 11, 25))


# ---- surveys --------------------------------------------------------------------------


def test_survey_mean_is_the_average_score():
    assert survey_mean([4, 5, 3, 4]) == pytest.approx(4.0)
    assert survey_mean(iter([1, 2])) == pytest.approx(1.5)


def test_survey_mean_of_no_answers_is_unknown():
    assert survey_mean([]) is None


def test_weeks_to_run_counts_a_started_last_week_as_still_to_run():
    from app.models.pilots import weeks_to_run

    start = date(2026, 11, 2)
    assert weeks_to_run(start, 4, date(2026, 10, 1)) == 4
    assert weeks_to_run(start, 4, start) == 4
    assert weeks_to_run(start, 4, date(2026, 11, 23)) == 1  # day 21: the last week runs on
    assert weeks_to_run(start, 4, date(2026, 11, 29)) == 1
    assert weeks_to_run(start, 4, date(2026, 11, 30)) == 0  # the pilot's length has passed
    assert weeks_to_run(None, 4, start) == 4
