"""The recommendation rule of DESIGN §2, as the list, the Decision tab, the JSON listing and
the pilot report all give it: a new pilot is never advised "Sunset" on day one."""

import uuid
from datetime import date, timedelta

import pytest

from app.services.listing import list_records
from app.services.pilots import (
    CheckInput,
    LogEntryForm,
    PilotForm,
    add_log_entry,
    create_pilot,
    list_pilots,
    pilot_detail,
    save_vetting,
    set_log_resolved,
    set_usage,
)
from app.services.pilots.common import CRITERIA
from app.services.reports import pilot_report_data
from app.services.teachers import TeacherForm, save_teacher
from app.store import Store
from app.text import CHECK_NAMES

TODAY = date(2026, 11, 25)  # a Wednesday
RUNNING = date(2026, 11, 16)  # a Monday: week 2 of 4, three weeks to run
FINISHED = date(2026, 10, 19)  # four weeks that ended on Sunday Nov 15


@pytest.fixture
def teachers(store) -> list[uuid.UUID]:
    return [save_teacher(store, TeacherForm(name=n)).id for n in ("Ana Ruiz", "Ben Okafor")]


def new_pilot(store: Store, teachers, start: date | None, **results: str) -> uuid.UUID:
    pilot = create_pilot(store, PilotForm(tool="Quizlet", start_date=start), teachers)
    if results:
        save_vetting(store, pilot, [CheckInput(c, results.get(c, "pass")) for c in CRITERIA])
    return pilot


def advice(store: Store, pilot_id: uuid.UUID) -> tuple[str, list[str]]:
    """What every place says: the list, the Decision tab, `list pilots --json`, the report."""
    (row,) = [r for r in list_pilots(store, TODAY) if r.id == pilot_id]
    view = pilot_detail(store, pilot_id, TODAY).decision
    (listed,) = [p for p in list_records(store, "pilots", today=TODAY) if p["id"] == str(pilot_id)]
    report = pilot_report_data(store, pilot_id, TODAY, with_photos=False)
    given = {
        (row.recommendation, tuple(row.reasons)),
        (view.recommendation, tuple(view.reasons)),
        (listed["recommendation"], tuple(listed["recommendation_reasons"])),
        (report.recommendation, tuple(report.reasons)),
    }
    assert len(given) == 1, given
    recommendation, reasons = given.pop()
    return recommendation, list(reasons)


def lose_time(store, pilot_id, day, minutes, resolved=False) -> uuid.UUID:
    return add_log_entry(
        store,
        pilot_id,
        LogEntryForm(
            logged_on=day, description="Sign-in failed", minutes_lost=minutes, resolved=resolved
        ),
    )


def test_a_pilot_starting_today_is_pending_not_sunset(store, teachers):
    pilot = new_pilot(store, teachers, start=TODAY)

    assert advice(store, pilot) == (
        "pending",
        ["the pilot has 4 weeks to run"]
        + [f"the {CHECK_NAMES[c]} check is still unknown" for c in CRITERIA],
    )


def test_a_running_pilot_used_little_so_far_is_pending_and_at_risk(store, teachers):
    pilot = new_pilot(store, teachers, start=RUNNING, privacy="pass")
    set_usage(store, pilot, teachers[0], 1, False, TODAY)

    assert advice(store, pilot) == (
        "pending",
        ["the pilot has 3 weeks to run", "at risk: utilisation so far 0% is under 30%"],
    )
    (row,) = list_pilots(store, TODAY)
    assert row.at_risk is True


def test_a_failed_privacy_check_sunsets_at_once_even_on_day_one(store, teachers):
    pilot = new_pilot(store, teachers, start=TODAY, privacy="fail")

    assert advice(store, pilot) == ("sunset", ["the privacy check (FERPA/COPPA) failed"])


def test_unresolved_errors_that_cost_instruction_time_ask_for_a_review_at_once(store, teachers):
    pilot = new_pilot(store, teachers, start=RUNNING, privacy="pass")
    for teacher in teachers:
        set_usage(store, pilot, teacher, 1, True, TODAY)
    first = lose_time(store, pilot, RUNNING, 12)
    lose_time(store, pilot, RUNNING + timedelta(days=1), 8)
    lose_time(store, pilot, RUNNING + timedelta(days=2), 30, resolved=True)

    assert advice(store, pilot) == (
        "review",
        ["2 unresolved technical errors have cost 20 minutes of instruction"],
    )

    set_log_resolved(store, first, True)
    assert advice(store, pilot)[1][0] == (
        "an unresolved technical error has cost 8 minutes of instruction"
    )


def test_an_unresolved_error_that_cost_no_time_does_not_ask_for_a_review(store, teachers):
    pilot = new_pilot(store, teachers, start=RUNNING, privacy="pass")
    lose_time(store, pilot, RUNNING, 0)

    assert advice(store, pilot)[0] == "pending"


def test_with_the_weeks_over_low_use_sunsets_before_an_unknown_check_waits(store, teachers):
    pilot = new_pilot(store, teachers, start=FINISHED, mobile="unknown")
    set_usage(store, pilot, teachers[0], 1, True, TODAY)  # 1 of 8 teacher-weeks

    assert advice(store, pilot) == ("sunset", ["utilisation 12% is under 30%"])


def test_a_finished_pilot_nobody_piloted_waits_for_teachers(store):
    pilot = new_pilot(store, [], start=FINISHED, privacy="pass")

    assert advice(store, pilot) == (
        "pending",
        ["no teacher is enrolled, so there is no use to judge"],
    )
