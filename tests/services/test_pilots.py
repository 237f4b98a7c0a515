"""Pilots: the record, the privacy gate, vetting, the log, usage, surveys and the decision."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import col, func, select

from app.models import PilotUsage, SurveyAnswer, VettingCriterion
from app.models.surveys import DEFAULT_SURVEY_ITEMS
from app.services.errors import NotFound, Refused, ValidationError
from app.services.pilots import (
    CheckInput,
    DecisionForm,
    LogEntryForm,
    PilotDetail,
    PilotForm,
    add_log_entry,
    add_survey_item,
    blank_survey_form,
    clear_decision,
    cost_line,
    create_pilot,
    delete_log_entry,
    delete_pilot,
    delete_survey_item,
    enrol_teacher,
    essa_label,
    list_pilots,
    pilot_detail,
    record_decision,
    restore_log_entry,
    restore_pilot,
    restore_survey_item,
    save_survey,
    save_vetting,
    set_log_resolved,
    set_status,
    set_usage,
    survey_form,
    survey_items,
    unenrol_teacher,
    update_pilot,
    update_survey_item,
)
from app.services.pilots.common import CRITERIA
from app.services.teachers import TeacherForm, delete_teacher, save_teacher, set_archived
from app.services.today import today_overview
from app.store import Store

TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime(2026, 11, 25, 15, 30, tzinfo=UTC)
FINISHED = date(2026, 10, 19)  # a Monday; its four weeks ended on Sunday Nov 15
RUNNING = date(2026, 11, 9)  # a Monday; in its third week, two weeks to run


@pytest.fixture
def teachers(store) -> list[uuid.UUID]:
    names = ["Ana Ruiz", "Ben Okafor", "Chen Wei", "Dara Quinn"]
    return [save_teacher(store, TeacherForm(name=n, school="Oak Elementary")).id for n in names]


def _pilot(store: Store, teacher_ids, start: date | None = FINISHED, **form) -> uuid.UUID:
    form.setdefault("tool", "Quizlet")
    return create_pilot(store, PilotForm(start_date=start, **form), teacher_ids)


def _vet(store: Store, pilot_id: uuid.UUID, **results: str) -> None:
    """Every check passes unless named: _vet(store, p, privacy="fail")."""
    save_vetting(
        store,
        pilot_id,
        [CheckInput(c, results.get(c, "pass"), evidence=f"{c} reviewed") for c in CRITERIA],
    )


def _use(store: Store, pilot_id, teacher_id, weeks, today: date = TODAY) -> None:
    for week in weeks:
        set_usage(store, pilot_id, teacher_id, week, True, today)


def _row(store: Store, pilot_id, today: date = TODAY):
    return next(r for r in list_pilots(store, today) if r.id == pilot_id)


def _detail(store: Store, pilot_id, today: date = TODAY) -> PilotDetail:
    """What the pilot's view shows, read as the app reads it."""
    return pilot_detail(store, pilot_id, today)


def _errors(excinfo) -> dict[str, str]:
    return excinfo.value.errors


# The pilot record ------------------------------------------------------------------------


def test_a_new_pilot_is_proposed_with_six_unknown_checks(store, teachers):
    pilot = _pilot(store, teachers[:3], vendor="Quizlet Inc.", cost_per_student=3.0)

    row = _row(store, pilot)
    view = _detail(store, pilot).vetting

    assert (row.tool, row.vendor, row.status_label, row.length_weeks) == (
        "Quizlet",
        "Quizlet Inc.",
        "Proposed",
        4,
    )
    assert row.teacher_names == ["Ana Ruiz", "Ben Okafor", "Chen Wei"]
    assert row.enrolled == 3
    assert [(c.criterion, c.result) for c in view.checks] == [(c, "unknown") for c in CRITERIA]
    assert [c.label for c in view.checks] == [
        "Privacy (FERPA/COPPA)",
        "Single sign-on",
        "Accessibility (WCAG 2.1 AA)",
        "Cost",
        "Evidence (ESSA tier)",
        "Mobile devices",
    ]


def test_a_pilot_needs_a_tool_and_sensible_numbers(store):
    with pytest.raises(ValidationError) as excinfo:
        create_pilot(
            store,
            PilotForm(tool="  ", length_weeks=13, cost_per_student=-1.0, licences=-5),
        )

    assert _errors(excinfo) == {
        "tool": "Name the tool being piloted.",
        "length_weeks": "Choose a length from 1 to 12 weeks (4 is usual).",
        "cost_per_student": "Enter the cost per student a year as 0 or more, or leave it empty.",
        "licences": "Enter the number of licences as 0 or more, or leave it empty.",
    }
    assert list_pilots(store, TODAY) == []


@pytest.mark.parametrize("weeks", [0, -1, 13])
def test_a_pilot_runs_one_to_twelve_weeks(store, weeks):
    with pytest.raises(ValidationError) as excinfo:
        create_pilot(store, PilotForm(tool="Kahoot!", length_weeks=weeks))
    assert list(_errors(excinfo)) == ["length_weeks"]


def test_a_cost_that_is_not_a_number_is_refused(store):
    with pytest.raises(ValidationError) as excinfo:
        create_pilot(store, PilotForm(tool="Kahoot!", cost_per_student=float("nan")))
    assert list(_errors(excinfo)) == ["cost_per_student"]


def test_the_pilot_record_is_saved_as_typed_and_can_be_edited(store, teachers):
    hostile = "<b>Nearpod</b> & Co 🎉 — Cô Hương's pick"
    pilot = _pilot(
        store,
        teachers[:3],
        tool=f"  {hostile} ",
        learning_objective="Students explain ratios with models",
        standards="CCSS 6.RP.A.1; NGSS MS-PS1-1",
        cost_per_student=0.0,
        licences=90,
    )

    update_pilot(
        store, pilot, PilotForm(tool=hostile, start_date=RUNNING, length_weeks=6, licences=None)
    )

    form = _detail(store, pilot).form
    assert form == PilotForm(tool=hostile, start_date=RUNNING, length_weeks=6, licences=None)
    assert _row(store, pilot).tool == hostile


def test_a_started_pilot_keeps_its_start_date(store, teachers):
    pilot = _pilot(store, teachers[:3], start=RUNNING)
    _vet(store, pilot)
    set_status(store, pilot, "piloting")

    with pytest.raises(ValidationError) as excinfo:
        update_pilot(store, pilot, PilotForm(tool="Quizlet", start_date=None))

    assert _errors(excinfo) == {"start_date": "This pilot has started; keep its start date."}


def test_enrolling_twice_counts_once_and_a_re_enrolled_teacher_keeps_their_usage(store, teachers):
    pilot = _pilot(store, teachers[:1], start=RUNNING)
    enrol_teacher(store, pilot, teachers[0])
    enrol_teacher(store, pilot, teachers[1])
    _use(store, pilot, teachers[1], [1, 2])

    unenrol_teacher(store, pilot, teachers[1], NOW)
    assert _row(store, pilot).teacher_names == ["Ana Ruiz"]
    assert [r.teacher_name for r in _detail(store, pilot).usage.rows] == ["Ana Ruiz"]

    enrol_teacher(store, pilot, teachers[1])
    grid = _detail(store, pilot).usage
    assert [(r.teacher_name, r.used[:3]) for r in grid.rows] == [
        ("Ana Ruiz", [False, False, False]),
        ("Ben Okafor", [True, True, False]),
    ]


def test_an_archived_teacher_cannot_be_enrolled_and_a_deleted_one_leaves_the_pilot(store, teachers):
    pilot = _pilot(store, teachers[:2])
    set_archived(store, teachers[3], True)

    with pytest.raises(Refused, match="Dara Quinn is archived; bring them back to the roster"):
        enrol_teacher(store, pilot, teachers[3])
    delete_teacher(store, teachers[1])

    assert _row(store, pilot).teacher_names == ["Ana Ruiz"]
    with pytest.raises(NotFound, match=r"That teacher is no longer in the notebook\."):
        enrol_teacher(store, pilot, teachers[1])


def test_pilots_are_listed_unscheduled_first_then_newest_start_first(store, teachers):
    _pilot(store, [], start=FINISHED, tool="Older")
    _pilot(store, [], start=None, tool="Not booked")
    _pilot(store, [], start=RUNNING, tool="Newer")

    assert [r.tool for r in list_pilots(store, TODAY)] == ["Not booked", "Newer", "Older"]


def test_a_deleted_pilot_leaves_the_list_and_comes_back_on_undo(store, teachers):
    pilot = _pilot(store, teachers[:3])

    delete_pilot(store, pilot, NOW)

    assert list_pilots(store, TODAY) == []
    with pytest.raises(NotFound, match=r"That pilot is no longer in the notebook\."):
        pilot_detail(store, pilot, TODAY)
    restore_pilot(store, pilot)
    assert [r.id for r in list_pilots(store, TODAY)] == [pilot]


def test_status_moves_by_hand_until_a_decision_is_recorded(store, teachers):
    pilot = _pilot(store, teachers[:3])

    set_status(store, pilot, "vetting")
    assert _row(store, pilot).status_label == "Vetting"
    with pytest.raises(ValidationError) as excinfo:
        set_status(store, pilot, "adopted")
    assert _errors(excinfo) == {
        "status": "To adopt, extend or sunset the pilot, record the decision and its reason."
    }
    with pytest.raises(ValidationError):
        set_status(store, pilot, "finished")

    record_decision(store, pilot, DecisionForm("adopted", "Teachers asked to keep it.", TODAY))
    with pytest.raises(Refused, match=r"already has a decision \(Adopted\)\. Clear the decision"):
        set_status(store, pilot, "deciding")


# The privacy gate ------------------------------------------------------------------------


def test_a_failed_privacy_check_keeps_the_pilot_from_piloting_and_says_why(store, teachers):
    pilot = _pilot(store, teachers[:3], start=RUNNING, tool="ChatterPal")
    _vet(store, pilot, privacy="fail")
    set_status(store, pilot, "vetting")

    with pytest.raises(Refused) as excinfo:
        set_status(store, pilot, "piloting")

    message = str(excinfo.value)
    assert message.startswith(
        "ChatterPal can't move to piloting while its privacy check (FERPA/COPPA) is failed"
    )
    assert "sign the district's data privacy agreement" in message
    assert _row(store, pilot).status == "vetting"
    assert _detail(store, pilot).vetting.privacy_gate == message

    _vet(store, pilot)
    set_status(store, pilot, "piloting")
    assert _row(store, pilot).status == "piloting"
    assert _detail(store, pilot).vetting.privacy_gate is None


def test_a_privacy_check_still_unknown_does_not_block_piloting(store, teachers):
    pilot = _pilot(store, teachers[:3], start=RUNNING)

    set_status(store, pilot, "piloting")

    assert _row(store, pilot).status == "piloting"


def test_piloting_needs_a_start_date(store, teachers):
    pilot = _pilot(store, teachers[:3], start=None, tool="Padlet")

    with pytest.raises(Refused, match="Set Padlet's start date first"):
        set_status(store, pilot, "piloting")


def test_a_failed_privacy_check_blocks_adopting_and_extending_but_not_sunsetting(store, teachers):
    pilot = _pilot(store, teachers[:3], tool="ChatterPal")
    _vet(store, pilot, privacy="fail")

    for choice, words, weeks in (("adopted", "be adopted", None), ("extended", "be extended", 2)):
        with pytest.raises(Refused, match=f"ChatterPal can't {words} while its privacy check"):
            record_decision(store, pilot, DecisionForm(choice, "Teachers loved it.", TODAY, weeks))
    record_decision(store, pilot, DecisionForm("sunset", "No privacy agreement.", TODAY))

    assert _row(store, pilot).status == "sunset"


def test_a_privacy_check_failed_during_the_pilot_raises_the_alarm(store, teachers):
    pilot = _pilot(store, teachers[:3], start=RUNNING)
    set_status(store, pilot, "piloting")

    _vet(store, pilot, privacy="fail")

    assert _detail(store, pilot).vetting.privacy_alarm is True
    assert _row(store, pilot).recommendation == "sunset"


# Vetting ---------------------------------------------------------------------------------


def test_the_vetting_form_saves_the_six_checks_at_once(store, teachers):
    pilot = _pilot(store, teachers[:3])

    save_vetting(
        store,
        pilot,
        [
            CheckInput("privacy", "pass", "  Signed the state data privacy agreement.  "),
            CheckInput("sso", "fail", "Usernames only."),
            CheckInput("accessibility", "unknown"),
            CheckInput("cost", "pass", "$3.00 per student"),
            CheckInput("evidence", "pass", "Quasi-experimental study", essa_tier=2),
            CheckInput("mobile", "pass"),
        ],
    )

    checks = {c.criterion: c for c in _detail(store, pilot).vetting.checks}
    assert checks["privacy"].evidence == "Signed the state data privacy agreement."
    assert (checks["sso"].result, checks["sso"].result_label) == ("fail", "Fail")
    assert checks["accessibility"].result == "unknown"
    assert (checks["evidence"].essa_tier, checks["evidence"].essa_label) == (
        2,
        "Tier 2: Moderate evidence",
    )
    assert checks["mobile"].essa_label is None


def test_one_wrong_check_saves_none_of_the_form(store, teachers):
    pilot = _pilot(store, teachers[:3])

    with pytest.raises(ValidationError) as excinfo:
        save_vetting(
            store,
            pilot,
            [
                CheckInput("privacy", "pass"),
                CheckInput("evidence", "pass", essa_tier=5),
                CheckInput("sso", "pass", essa_tier=1),
                CheckInput("mobile", "maybe"),
                CheckInput("colour", "pass"),
            ],
        )

    assert _errors(excinfo) == {
        "evidence.essa_tier": "Choose an ESSA tier from 1 (strong evidence) to 4 (demonstrates "
        "a rationale), or leave it empty.",
        "sso.essa_tier": "Only the evidence check has an ESSA tier.",
        "mobile.result": "Choose pass, fail or unknown.",
        "colour": "“colour” is not one of the six checks.",
    }
    assert {c.result for c in _detail(store, pilot).vetting.checks} == {"unknown"}


def test_essa_tiers_read_as_the_law_names_them():
    assert [essa_label(t) for t in (1, 2, 3, 4)] == [
        "Tier 1: Strong evidence",
        "Tier 2: Moderate evidence",
        "Tier 3: Promising evidence",
        "Tier 4: Demonstrates a rationale",
    ]
    assert essa_label(None) is None


@pytest.mark.parametrize(
    ("cost", "under", "text"),
    [
        (
            None,
            None,
            "No cost per student yet; add the vendor's quote to compare it with the $5 line "
            "for supplemental tools.",
        ),
        (0.0, True, "Free: $0.00 per student a year is under the $5 line for supplemental tools."),
        (3.5, True, "$3.50 per student a year is under the $5 line for supplemental tools."),
        (4.99, True, "$4.99 per student a year is under the $5 line for supplemental tools."),
        (
            5.0,
            False,
            "$5.00 per student a year is at the $5 line for supplemental tools, not under it.",
        ),
        (7.25, False, "$7.25 per student a year is over the $5 line for supplemental tools."),
    ],
)
def test_the_cost_is_measured_against_the_five_dollar_line(cost, under, text):
    line = cost_line(cost)

    assert (line.under_line, line.text) == (under, text)


def test_the_cost_line_adds_the_yearly_total_for_the_licences():
    line = cost_line(2.5, 90)

    assert line.yearly_total == pytest.approx(225.0)
    assert line.text.endswith("For 90 licences that is $225.00 a year.")
    assert cost_line(2.5, 1).text.endswith("For 1 licence that is $2.50 a year.")


def test_the_vetting_view_carries_the_pilots_cost_line(store, teachers):
    pilot = _pilot(store, teachers[:3], cost_per_student=6.0, licences=30)

    assert _detail(store, pilot).vetting.cost.text == (
        "$6.00 per student a year is over the $5 line for supplemental tools. "
        "For 30 licences that is $180.00 a year."
    )


# Every branch of the recommendation ------------------------------------------------------


def test_a_failed_privacy_check_recommends_sunset_however_much_it_was_used(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _vet(store, pilot, privacy="fail")
    for teacher in teachers[:3]:
        _use(store, pilot, teacher, [1, 2, 3, 4])

    row = _row(store, pilot)

    assert (row.recommendation, row.reasons) == (
        "sunset",
        ["the privacy check (FERPA/COPPA) failed"],
    )


def test_utilisation_under_30_percent_recommends_sunset(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _vet(store, pilot)
    _use(store, pilot, teachers[0], [1, 2, 3])  # 3 of 12 teacher-weeks

    view = _detail(store, pilot).decision

    assert view.recommendation == "sunset"
    assert view.recommendation_text == "Sunset: utilisation 25% is under 30%."


def test_both_sunset_reasons_are_given_together(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _vet(store, pilot, privacy="fail")

    assert _row(store, pilot).reasons == [
        "the privacy check (FERPA/COPPA) failed",
        "utilisation 0% is under 30%",
    ]


def test_exactly_30_percent_is_not_under_the_line(store):
    five = [save_teacher(store, TeacherForm(name=f"Teacher {n}")).id for n in range(5)]
    pilot = _pilot(store, five, start=date(2026, 11, 16))  # two weeks begun: 10 teacher-weeks
    _vet(store, pilot)
    _use(store, pilot, five[0], [1, 2])
    assert _row(store, pilot).reasons == [
        "the pilot has 3 weeks to run",
        "at risk: utilisation so far 20% is under 30%",
    ]

    set_usage(store, pilot, five[1], 1, True, TODAY)

    row = _row(store, pilot)
    assert row.utilisation_pct == pytest.approx(30.0)
    assert (row.recommendation, row.reasons) == ("pending", ["the pilot has 3 weeks to run"])


def test_a_check_still_unknown_keeps_a_finished_pilot_pending(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _vet(store, pilot, mobile="unknown", accessibility="unknown")
    for teacher in teachers[:3]:
        _use(store, pilot, teacher, [1, 2, 3])

    row = _row(store, pilot)

    assert (row.recommendation, row.reasons) == (
        "pending",
        ["the accessibility check is still unknown", "the mobile check is still unknown"],
    )


def test_weeks_to_run_keep_a_well_used_pilot_pending(store, teachers):
    pilot = _pilot(store, teachers[:3], start=RUNNING)
    _vet(store, pilot)
    for teacher in teachers[:3]:
        _use(store, pilot, teacher, [1, 2, 3])

    row = _row(store, pilot)

    assert (row.weeks_elapsed, row.weeks_to_run) == (3, 2)
    assert (row.recommendation, row.reasons) == ("pending", ["the pilot has 2 weeks to run"])
    assert row.awaiting_decision is False


def test_a_failed_check_other_than_privacy_asks_for_review(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _vet(store, pilot, sso="fail", cost="fail")
    for teacher in teachers[:3]:
        _use(store, pilot, teacher, [1, 3])

    row = _row(store, pilot)

    assert (row.recommendation, row.recommendation_label) == ("review", "Review")
    assert row.reasons == ["the single sign-on check failed", "the cost check failed"]


def test_every_check_passed_and_used_recommends_adopt(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _vet(store, pilot)
    for teacher, weeks in zip(teachers[:3], ([1, 2, 3, 4], [1, 2, 3], [2, 4]), strict=True):
        _use(store, pilot, teacher, weeks)

    view = _detail(store, pilot).decision

    assert view.recommendation_text == "Adopt: every check passed and utilisation is 75%."
    assert view.awaiting_decision is True


# Usage and utilisation -------------------------------------------------------------------


def test_utilisation_counts_enrolled_teacher_weeks_run_so_far(store, teachers):
    pilot = _pilot(store, teachers[:3], start=RUNNING)  # three weeks begun
    _use(store, pilot, teachers[0], [1, 2, 3])
    _use(store, pilot, teachers[1], [2])

    grid = _detail(store, pilot).usage

    assert grid.weeks == [1, 2, 3, 4]
    assert grid.week_starts == [RUNNING + timedelta(weeks=w) for w in range(4)]
    assert grid.weeks_elapsed == 3
    assert [(r.teacher_name, r.used, r.used_weeks) for r in grid.rows] == [
        ("Ana Ruiz", [True, True, True, False], 3),
        ("Ben Okafor", [False, True, False, False], 1),
        ("Chen Wei", [False, False, False, False], 0),
    ]
    assert [r.pct for r in grid.rows] == [pytest.approx(100.0), pytest.approx(100 / 3), 0.0]
    assert grid.week_pct == [
        pytest.approx(100 / 3),
        pytest.approx(200 / 3),
        pytest.approx(100 / 3),
        None,
    ]
    assert grid.utilisation_pct == pytest.approx(100 * 4 / 9)
    assert (grid.floor_pct, grid.under_floor) == (30.0, False)
    assert grid.summary == "Utilisation 44% of 9 teacher-weeks so far clears the 30% line."


def test_a_teacher_taken_out_of_the_pilot_no_longer_counts(store, teachers):
    pilot = _pilot(store, teachers[:4], start=RUNNING)
    _use(store, pilot, teachers[3], [1, 2, 3])
    assert _detail(store, pilot).usage.utilisation_pct == pytest.approx(25.0)

    unenrol_teacher(store, pilot, teachers[3], NOW)

    grid = _detail(store, pilot).usage
    assert grid.utilisation_pct == 0.0
    assert grid.under_floor is True
    assert grid.summary == "Utilisation 0% of 9 teacher-weeks so far is under the 30% line."


def test_ticking_a_cell_again_changes_it_in_place(store, teachers):
    pilot = _pilot(store, teachers[:3], start=RUNNING)

    set_usage(store, pilot, teachers[0], 2, True, TODAY)
    set_usage(store, pilot, teachers[0], 2, True, TODAY)
    set_usage(store, pilot, teachers[0], 2, False, TODAY)

    with store.session() as s:
        rows = s.exec(select(PilotUsage).where(PilotUsage.pilot_id == pilot)).all()
    assert [(r.week, r.used) for r in rows] == [(2, False)]
    assert _detail(store, pilot).usage.rows[0].used == [False] * 4


def test_a_week_not_yet_begun_cannot_be_ticked(store, teachers):
    pilot = _pilot(store, teachers[:3], start=RUNNING)

    with pytest.raises(Refused) as excinfo:
        set_usage(store, pilot, teachers[0], 4, True, TODAY)

    assert str(excinfo.value) == "Week 4 begins on Mon Nov 30; tick it once it has begun."
    set_usage(store, pilot, teachers[0], 4, True, date(2026, 11, 30))
    assert _detail(store, pilot, date(2026, 11, 30)).usage.rows[0].used[3] is True


def test_usage_outside_the_pilot_or_for_another_teacher_is_refused(store, teachers):
    pilot = _pilot(store, teachers[:3])

    with pytest.raises(ValidationError) as excinfo:
        set_usage(store, pilot, teachers[0], 5, True, TODAY)
    assert _errors(excinfo) == {"week": "Week 5 is outside this 4-week pilot; pick week 1 to 4."}
    with pytest.raises(ValidationError) as excinfo:
        set_usage(store, pilot, teachers[3], 1, True, TODAY)
    assert _errors(excinfo) == {
        "teacher_id": "Pick one of the teachers enrolled in this pilot, or enrol them first."
    }


def test_usage_waits_for_a_start_date(store, teachers):
    pilot = _pilot(store, teachers[:3], start=None, tool="Flip")

    with pytest.raises(Refused, match="Set Flip's start date first; usage is ticked week by week"):
        set_usage(store, pilot, teachers[0], 1, True, TODAY)
    grid = _detail(store, pilot).usage
    assert (grid.week_starts, grid.utilisation_pct, grid.under_floor) == ([], None, None)
    assert grid.summary == "The pilot has not started yet; usage is counted from its first week."


def test_a_pilot_with_nobody_enrolled_says_so(store):
    pilot = _pilot(store, [])

    assert _detail(store, pilot).usage.summary == (
        "No teachers are enrolled yet; enrol the volunteers to count their usage."
    )


# The pilot log ---------------------------------------------------------------------------


def _log(store: Store, pilot_id, day: date, **form) -> uuid.UUID:
    form.setdefault("description", "Students couldn't sign in")
    return add_log_entry(store, pilot_id, LogEntryForm(logged_on=day, **form))


def test_log_totals_count_errors_and_minutes_lost_per_pilot_week(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _log(store, pilot, FINISHED, severity=3, minutes_lost=15, teacher_id=teachers[0])
    _log(store, pilot, FINISHED + timedelta(days=4), severity=1, minutes_lost=5, resolved=True)
    _log(store, pilot, FINISHED + timedelta(days=15), kind="note", description="Great buzz")
    _log(store, pilot, FINISHED + timedelta(days=16), minutes_lost=20, kind="usage")
    _log(store, pilot, FINISHED - timedelta(days=3), description="Accounts set up", kind="note")

    totals = _detail(store, pilot).log_totals

    assert (totals.entries, totals.errors, totals.unresolved, totals.minutes_lost) == (5, 2, 1, 40)
    assert [(w.week, w.starts_on, w.entries, w.errors, w.minutes_lost) for w in totals.weeks] == [
        (1, FINISHED, 2, 2, 20),
        (2, FINISHED + timedelta(weeks=1), 0, 0, 0),
        (3, FINISHED + timedelta(weeks=2), 2, 0, 20),
        (4, FINISHED + timedelta(weeks=3), 0, 0, 0),
    ]
    assert [w.unresolved for w in totals.weeks] == [1, 0, 0, 0]
    assert totals.outside_weeks == 1


def test_an_entry_after_the_pilots_length_adds_its_week_to_the_totals(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _log(store, pilot, FINISHED + timedelta(weeks=4, days=1), minutes_lost=10)

    totals = _detail(store, pilot).log_totals

    assert [(w.week, w.errors, w.minutes_lost) for w in totals.weeks][-1] == (5, 1, 10)


def test_a_pilot_with_no_start_date_counts_its_log_outside_the_weeks(store, teachers):
    pilot = _pilot(store, teachers[:3], start=None)
    _log(store, pilot, TODAY)

    totals = _detail(store, pilot).log_totals

    assert (totals.weeks, totals.outside_weeks, totals.errors) == ([], 1, 1)
    assert _detail(store, pilot).log[0].week is None


def test_the_log_lists_the_newest_entry_first(store, teachers):
    pilot = _pilot(store, teachers[:3])
    fixed = _log(store, pilot, FINISHED, teacher_id=teachers[0], resolved=True)
    open_error = _log(store, pilot, FINISHED + timedelta(days=1), teacher_id=teachers[1])
    note = _log(store, pilot, FINISHED + timedelta(days=2), kind="note", teacher_id=teachers[0])

    assert [r.id for r in _detail(store, pilot).log] == [note, open_error, fixed]


def test_a_log_row_reads_as_the_coach_wrote_it(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _log(
        store,
        pilot,
        FINISHED + timedelta(days=8),
        period=" Period 3 ",
        teacher_id=teachers[2],
        severity=2,
        description="  Wi-Fi dropped <again> 😩 ",
        minutes_lost=12,
    )

    [row] = _detail(store, pilot).log

    assert (row.week, row.period, row.teacher_name, row.kind_label) == (
        2,
        "Period 3",
        "Chen Wei",
        "Technical error",
    )
    assert (row.severity, row.severity_label) == (2, "Medium: part of the lesson was lost")
    assert (row.description, row.minutes_lost, row.resolved) == (
        "Wi-Fi dropped <again> 😩",
        12,
        False,
    )
    assert row.unresolved_error is True


def test_notes_and_usage_carry_no_severity_or_resolution(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _log(store, pilot, FINISHED, kind="note", severity=3, resolved=True)

    [row] = _detail(store, pilot).log

    assert (row.severity, row.severity_label, row.resolved) == (None, "", False)
    assert row.unresolved_error is False


def test_a_log_entry_is_checked_before_it_is_saved(store, teachers):
    pilot = _pilot(store, teachers[:3])

    with pytest.raises(ValidationError) as excinfo:
        add_log_entry(
            store,
            pilot,
            LogEntryForm(logged_on=None, kind="outage", description=" ", minutes_lost=-1),
        )
    assert _errors(excinfo) == {
        "logged_on": "Pick the day it happened.",
        "kind": "Choose technical error, usage or note.",
        "description": "Write a few words about what happened.",
        "minutes_lost": "Enter the minutes of instruction lost, from 0 to 600.",
    }
    with pytest.raises(ValidationError) as excinfo:
        _log(store, pilot, TODAY, severity=4, minutes_lost=601)
    assert _errors(excinfo) == {
        "severity": "Choose how bad it was: 1 low, 2 medium or 3 high.",
        "minutes_lost": "Enter the minutes of instruction lost, from 0 to 600.",
    }
    with pytest.raises(ValidationError) as excinfo:
        _log(store, pilot, TODAY, teacher_id=teachers[3])
    assert list(_errors(excinfo)) == ["teacher_id"]
    assert _detail(store, pilot).log == []


def test_a_log_entry_can_be_resolved_deleted_and_brought_back(store, teachers):
    pilot = _pilot(store, teachers[:3])
    entry = _log(store, pilot, FINISHED, teacher_id=teachers[0], severity=3, minutes_lost=25)

    set_log_resolved(store, entry, True)

    [row] = _detail(store, pilot).log
    assert (row.logged_on, row.severity, row.minutes_lost, row.resolved) == (
        FINISHED,
        3,
        25,
        True,
    )
    delete_log_entry(store, entry, NOW)
    assert _detail(store, pilot).log == []
    assert _detail(store, pilot).log_totals.minutes_lost == 0
    restore_log_entry(store, entry)
    assert [r.description for r in _detail(store, pilot).log] == ["Students couldn't sign in"]


def test_an_entry_keeps_a_teacher_who_has_since_left_the_pilot(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _log(store, pilot, FINISHED, teacher_id=teachers[2])

    unenrol_teacher(store, pilot, teachers[2], NOW)

    assert _detail(store, pilot).log[0].teacher_name == "Chen Wei"


# Surveys ---------------------------------------------------------------------------------


def _survey(store: Store, pilot_id, teacher_id, phase: str, scores, day: date = TODAY):
    form = blank_survey_form(store, teacher_id, phase, day)
    for answer, score in zip(form.answers, scores, strict=False):
        answer.score = score
    form.answers = form.answers[: len(scores)]
    return save_survey(store, pilot_id, form)


def test_a_new_notebook_offers_the_default_items_once(store):
    first = survey_items(store)
    again = survey_items(store)

    assert [i.text for i in first] == list(DEFAULT_SURVEY_ITEMS)
    assert 6 <= len(first) <= 10
    assert [i.position for i in first] == list(range(len(first)))
    assert [i.id for i in again] == [i.id for i in first]


def test_the_coach_can_reword_add_remove_and_restore_items(store):
    items = survey_items(store)

    update_survey_item(store, items[0].id, "  I choose tools that fit the lesson.  ")
    add_survey_item(store, "My students help each other with the tool.")
    delete_survey_item(store, items[1].id, NOW)

    texts = [i.text for i in survey_items(store)]
    assert texts[0] == "I choose tools that fit the lesson."
    assert texts[-1] == "My students help each other with the tool."
    assert items[1].text not in texts
    assert len(texts) == len(items)
    restore_survey_item(store, items[1].id)
    after = survey_items(store)
    assert [i.text for i in after][1] == items[1].text
    assert [i.position for i in after] == list(range(len(items) + 1))


def test_the_last_survey_item_cannot_be_removed(store):
    items = survey_items(store)
    for item in items[1:]:
        delete_survey_item(store, item.id, NOW)

    with pytest.raises(Refused, match="The survey needs at least one item"):
        delete_survey_item(store, items[0].id, NOW)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Write the statement teachers will rate from 1 to 5."),
        ("x" * 301, "Keep the statement under 300 characters; short is clearer."),
    ],
)
def test_a_survey_item_needs_a_short_statement(store, text, message):
    with pytest.raises(ValidationError) as excinfo:
        add_survey_item(store, text)

    assert _errors(excinfo) == {"text": message}


def test_each_teachers_mean_and_the_pre_to_post_change(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _survey(store, pilot, teachers[0], "pre", [3, 3, 3, 3])
    _survey(store, pilot, teachers[0], "post", [4, 4, 5, 5])
    _survey(store, pilot, teachers[1], "pre", [2, 2, 2, 2])
    _survey(store, pilot, teachers[1], "post", [2, 3, 2, 3])
    _survey(store, pilot, teachers[2], "pre", [5, 5, 5, 4])

    results = _detail(store, pilot).surveys

    by_name = {t.teacher_name: t for t in results.teachers}
    assert [t.teacher_name for t in results.teachers] == ["Ana Ruiz", "Ben Okafor", "Chen Wei"]
    assert (by_name["Ana Ruiz"].pre_mean, by_name["Ana Ruiz"].post_mean) == (3.0, 4.5)
    assert by_name["Ana Ruiz"].change == pytest.approx(1.5)
    assert by_name["Ben Okafor"].change == pytest.approx(0.5)
    assert (by_name["Chen Wei"].pre_mean, by_name["Chen Wei"].change) == (4.75, None)
    assert results.pre_mean == pytest.approx((3.0 + 2.0 + 4.75) / 3)
    assert results.post_mean == pytest.approx((4.5 + 2.5) / 2)
    # The pilot's change pairs each teacher with themself: Chen has no post survey yet.
    assert (results.change, results.paired) == (pytest.approx(1.0), 2)
    assert results.summary == (
        "Mean change +1.0 on the 1-5 scale across 2 teachers with both a pre and a post survey."
    )


def test_a_drop_in_confidence_shows_as_a_negative_change(store, teachers):
    pilot = _pilot(store, teachers[:1])
    _survey(store, pilot, teachers[0], "pre", [4, 4, 4, 4, 4, 4, 4, 4])
    _survey(store, pilot, teachers[0], "post", [3, 4, 3, 4, 3, 4, 3, 4])

    results = _detail(store, pilot).surveys

    assert results.teachers[0].change == pytest.approx(-0.5)
    assert results.summary.startswith("Mean change -0.5 on the 1-5 scale across 1 teacher ")


def test_the_survey_summary_before_the_post_surveys(store, teachers):
    pilot = _pilot(store, teachers[:2], start=RUNNING)
    assert _detail(store, pilot).surveys.summary == (
        "No surveys yet: each teacher takes one before the pilot and one after it."
    )
    _survey(store, pilot, teachers[0], "pre", [3, 4])
    _survey(store, pilot, teachers[1], "pre", [2, 2])

    results = _detail(store, pilot).surveys

    assert (results.pre_mean, results.post_mean, results.change) == (2.75, None, None)
    assert results.summary == (
        "Pre surveys average 2.8 of 5; the post surveys come after the pilot."
    )


def test_every_score_must_be_from_1_to_5(store, teachers):
    pilot = _pilot(store, teachers[:3])
    form = blank_survey_form(store, teachers[0], "pre", TODAY)
    for answer, score in zip(form.answers, [3, 0, 6, None, 5, 5, 5, 5], strict=True):
        answer.score = score

    with pytest.raises(ValidationError) as excinfo:
        save_survey(store, pilot, form)

    assert _errors(excinfo) == {
        f"answers.{n - 1}.score": f"Item {n}: choose a score from 1 (strongly disagree) to 5 "
        "(strongly agree)."
        for n in (2, 3, 4)
    }
    assert _detail(store, pilot).surveys.pre_mean is None


def test_a_survey_needs_its_teacher_phase_day_and_items(store, teachers):
    pilot = _pilot(store, teachers[:3])
    form = blank_survey_form(store, teachers[0], "during", None)
    form.answers = []

    with pytest.raises(ValidationError) as excinfo:
        save_survey(store, pilot, form)

    assert _errors(excinfo) == {
        "phase": "Choose pre (before the pilot) or post (after it).",
        "taken_on": "Pick the day the survey was taken.",
        "answers": "The survey has no items; add items to the survey first.",
    }


def test_only_a_teacher_in_the_pilot_takes_its_survey(store, teachers):
    pilot = _pilot(store, teachers[:3])

    with pytest.raises(ValidationError) as excinfo:
        _survey(store, pilot, teachers[3], "pre", [3, 3])

    assert list(_errors(excinfo)) == ["teacher_id"]


def test_saving_a_survey_again_corrects_it(store, teachers):
    pilot = _pilot(store, teachers[:3])
    first = _survey(store, pilot, teachers[0], "pre", [1, 1, 1, 1])

    again = _survey(store, pilot, teachers[0], "pre", [5, 4], day=TODAY - timedelta(days=1))

    assert again == first
    form = survey_form(store, first)
    assert [a.score for a in form.answers] == [5, 4]
    assert form.taken_on == TODAY - timedelta(days=1)
    assert _detail(store, pilot).surveys.teachers[0].pre_mean == 4.5
    with store.session() as s:
        live = s.exec(
            select(func.count())
            .select_from(SurveyAnswer)
            .where(SurveyAnswer.survey_id == first, col(SurveyAnswer.deleted_at).is_(None))
        ).one()
    assert live == 2


def test_a_survey_keeps_the_wording_it_was_asked_in(store, teachers):
    pilot = _pilot(store, teachers[:3])
    survey = _survey(store, pilot, teachers[0], "pre", [4, 4, 4, 4, 4, 4, 4, 4])
    first_item = survey_items(store)[0]

    update_survey_item(store, first_item.id, "I plan lessons around a learning goal first.")

    assert survey_form(store, survey).answers[0].item_text == first_item.text
    assert blank_survey_form(store, teachers[0], "post", TODAY).answers[0].item_text == (
        "I plan lessons around a learning goal first."
    )


def test_a_survey_of_a_teacher_who_left_the_pilot_can_still_be_corrected(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _survey(store, pilot, teachers[2], "pre", [2, 2])
    unenrol_teacher(store, pilot, teachers[2], NOW)

    _survey(store, pilot, teachers[2], "pre", [3, 3])

    [left] = [t for t in _detail(store, pilot).surveys.teachers if not t.enrolled]
    assert (left.teacher_name, left.pre_mean) == ("Chen Wei", 3.0)
    assert _detail(store, pilot).surveys.teachers[-1] == left


# The decision ----------------------------------------------------------------------------


def test_a_sunset_sets_a_30_day_notice_shown_on_today(store, teachers):
    pilot = _pilot(store, teachers[:3], tool="ChatterPal")
    assert [p.tool for p in today_overview(store, TODAY).pilots_awaiting] == ["ChatterPal"]

    record_decision(
        store, pilot, DecisionForm("sunset", "  Used in 8% of teacher-weeks.  ", date(2026, 11, 20))
    )

    view = _detail(store, pilot).decision
    assert (view.status, view.decision, view.decision_label) == ("sunset", "sunset", "Sunset")
    assert (view.rationale, view.decision_date) == (
        "Used in 8% of teacher-weeks.",
        date(2026, 11, 20),
    )
    assert view.notice_date == date(2026, 12, 20)
    assert view.notice_text == (
        "Sunset notice: teachers stop using ChatterPal on Sun Dec 20, 2026 (25 days from today)."
    )
    assert view.awaiting_decision is False
    overview = today_overview(store, TODAY)
    assert [(p.tool, p.notice_date) for p in overview.sunset_notices] == [
        ("ChatterPal", date(2026, 12, 20))
    ]
    assert overview.pilots_awaiting == []


def test_the_notice_text_follows_the_days_left(store, teachers):
    pilot = _pilot(store, teachers[:3], tool="Flip")
    record_decision(store, pilot, DecisionForm("sunset", "Low use.", date(2026, 11, 1)))

    assert _detail(store, pilot, date(2026, 11, 30)).decision.notice_text.endswith(
        "(1 day from today)."
    )
    assert _detail(store, pilot, date(2026, 12, 1)).decision.notice_text == (
        "Sunset notice: today is the last day teachers use Flip."
    )
    assert _detail(store, pilot, date(2026, 12, 2)).decision.notice_text == (
        "The sunset notice ended on Tue Dec 1, 2026."
    )


def test_adopting_after_a_sunset_clears_the_notice(store, teachers):
    pilot = _pilot(store, teachers[:3])
    record_decision(store, pilot, DecisionForm("sunset", "Low use.", TODAY))

    record_decision(store, pilot, DecisionForm("adopted", "The vendor fixed sign-in.", TODAY))

    view = _detail(store, pilot).decision
    assert (view.status_label, view.decision_label, view.notice_date) == ("Adopted", "Adopt", None)
    assert today_overview(store, TODAY).sunset_notices == []


def test_extending_can_lengthen_the_pilot(store, teachers):
    pilot = _pilot(store, teachers[:3])
    _vet(store, pilot)
    for teacher in teachers[:3]:
        _use(store, pilot, teacher, [1, 2, 3, 4])

    record_decision(
        store, pilot, DecisionForm("extended", "Waiting on Clever sign-in.", TODAY, extra_weeks=4)
    )

    row = _row(store, pilot)
    assert (row.status, row.length_weeks, row.weeks_to_run) == ("extended", 8, 3)
    assert (row.recommendation, row.reasons) == ("pending", ["the pilot has 3 weeks to run"])
    assert _detail(store, pilot).usage.weeks == list(range(1, 9))


def test_an_extension_adds_at_least_a_week_and_stops_at_twelve(store, teachers):
    pilot = _pilot(store, teachers[:3], length_weeks=6)

    for weeks in (None, 0, -2):
        with pytest.raises(ValidationError) as excinfo:
            record_decision(store, pilot, DecisionForm("extended", "More time.", TODAY, weeks))
        assert _errors(excinfo) == {
            "extra_weeks": "Choose how many weeks to add to the pilot: 1 or more."
        }
    with pytest.raises(ValidationError) as excinfo:
        record_decision(store, pilot, DecisionForm("extended", "More time.", TODAY, 7))
    assert _errors(excinfo) == {"extra_weeks": "A pilot runs at most 12 weeks: add up to 6 weeks."}
    with pytest.raises(ValidationError) as excinfo:
        record_decision(store, pilot, DecisionForm("adopted", "Good.", TODAY, extra_weeks=2))
    assert _errors(excinfo) == {"extra_weeks": "Only an extension changes the pilot's length."}
    assert _row(store, pilot).decision is None


def test_a_decision_needs_a_choice_a_reason_and_a_day(store, teachers):
    pilot = _pilot(store, teachers[:3])

    with pytest.raises(ValidationError) as excinfo:
        record_decision(store, pilot, DecisionForm("adopt?", "   ", None))

    assert _errors(excinfo) == {
        "decision": "Choose adopt, extend or sunset.",
        "rationale": "Write the reason for the decision; the principal reads it.",
        "decided_on": "Pick the day of the decision.",
    }


@pytest.mark.parametrize(
    ("start", "privacy", "status"),
    [
        (FINISHED, "pass", "deciding"),
        (RUNNING, "pass", "piloting"),
        (RUNNING, "fail", "vetting"),
        (TODAY + timedelta(days=5), "pass", "vetting"),
        (None, "pass", "vetting"),
    ],
)
def test_clearing_a_decision_returns_it_and_puts_the_status_back(
    store, teachers, start, privacy, status
):
    pilot = _pilot(store, teachers[:3], start=start)
    _vet(store, pilot, privacy=privacy)
    form = DecisionForm("sunset", "Low use.", TODAY)
    record_decision(store, pilot, form)

    previous = clear_decision(store, pilot, TODAY)

    assert previous == form
    view = _detail(store, pilot).decision
    assert (view.status, view.decision, view.rationale, view.notice_date) == (
        status,
        None,
        "",
        None,
    )
    assert clear_decision(store, pilot, TODAY) is None


# One pilot's view, and the demo -----------------------------------------------------------


def test_the_pilot_view_reads_every_tab_at_once(store, teachers):
    pilot = _pilot(store, teachers[:3], cost_per_student=4.0, licences=60)
    _vet(store, pilot, evidence="pass")
    _use(store, pilot, teachers[0], [1, 2])
    _log(store, pilot, FINISHED, minutes_lost=7, resolved=True)
    _survey(store, pilot, teachers[0], "pre", [3, 3])

    detail = pilot_detail(store, pilot, TODAY)

    assert detail.row.tool == "Quizlet"
    assert detail.form.licences == 60
    assert [t.name for t in detail.teachers] == ["Ana Ruiz", "Ben Okafor", "Chen Wei"]
    assert {t.school for t in detail.teachers} == {"Oak Elementary"}
    assert len(detail.vetting.checks) == 6
    assert detail.vetting.cost.under_line is True
    assert [r.minutes_lost for r in detail.log] == [7]
    assert detail.log_totals.weeks[0].minutes_lost == 7
    assert detail.usage.utilisation_pct == pytest.approx(100 * 2 / 12)
    assert detail.surveys.teachers[0].pre_mean == 3.0
    # 2 of 12 teacher-weeks is 16.7%: shown "17%" as the headline shows it, not rounded down.
    assert detail.decision.recommendation_text == "Sunset: utilisation 17% is under 30%."
    assert detail.row.awaiting_decision is True


def test_the_demo_shows_every_branch_with_log_usage_surveys_and_decisions(demo_store):
    rows = list_pilots(demo_store, TODAY)
    reasons = " ".join(r for row in rows for r in row.reasons)

    assert {r.recommendation for r in rows} == {"adopt", "review", "pending", "sunset"}
    assert "the privacy check (FERPA/COPPA) failed" in reasons
    assert "is under 30%" in reasons
    assert "check is still unknown" in reasons
    assert "to run" in reasons
    for row in rows:
        detail = pilot_detail(demo_store, row.id, TODAY)
        assert len(detail.vetting.checks) == 6
        assert detail.log, row.tool
        assert detail.usage.rows and detail.usage.utilisation_pct is not None
        assert all(t.pre_mean is not None for t in detail.surveys.teachers)
        if row.weeks_to_run == 0:
            assert detail.surveys.paired == row.enrolled, row.tool
    sunset = next(r for r in rows if r.decision == "sunset")
    assert sunset.notice_date == sunset.decision_date + timedelta(days=30)
    assert any(r.decision == "adopted" for r in rows)
    assert any(r.awaiting_decision for r in rows)
    assert any(
        c.essa_tier
        for r in rows
        for c in _detail(demo_store, r.id).vetting.checks
        if c.criterion == VettingCriterion.EVIDENCE
    )


def test_an_extended_pilot_waits_for_a_decision_again_after_its_extra_weeks(store, teachers):
    pilot = _pilot(store, teachers[:2], start=date(2026, 9, 28), tool="Flip")
    _vet(store, pilot)
    record_decision(
        store,
        pilot,
        DecisionForm("extended", "Give it two more weeks", date(2026, 10, 26), extra_weeks=2),
    )
    # Six weeks from Sep 28 ended on Nov 8: the extension has run its course too.
    assert [p.tool for p in today_overview(store, TODAY).pilots_awaiting] == ["Flip"]
    (row,) = list_pilots(store, TODAY)
    assert row.awaiting_decision is True
    record_decision(store, pilot, DecisionForm("adopted", "It stuck", TODAY))
    assert today_overview(store, TODAY).pilots_awaiting == []
