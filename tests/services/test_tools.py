"""The tool inventory: records, adoption joining it, the semester figures and every branch
of the semester review rule, as the services and `list tools --json` give them."""

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.models import Tool, ToolCheck, ToolTeacher
from app.services.calendar import SchoolCalendar
from app.services.errors import NotFound, Refused, ValidationError
from app.services.listing import for_json, list_records
from app.services.pilots import (
    CheckInput,
    DecisionForm,
    LogEntryForm,
    PilotForm,
    add_log_entry,
    clear_decision,
    create_pilot,
    record_decision,
    save_vetting,
)
from app.services.pilots.common import CRITERIA
from app.services.profile import ProfileData, save_profile
from app.services.teachers import TeacherForm, save_teacher
from app.services.tools import (
    ToolForm,
    add_tool,
    current_semester,
    delete_tool,
    last_ended_semester,
    license_teacher,
    list_tools,
    log_error,
    restore_tool,
    semesters_of,
    set_error_resolved,
    set_usage,
    update_tool,
)
from app.services.tools.usage_import import UsageRejected, import_usage, read_usage_file
from app.store import Store

EXPORTS = Path(__file__).resolve().parents[1] / "usage_exports"

# Settings: the school year runs Mon 17 Aug 2026 to Fri 11 Jun 2027. With no semester
# boundary in Settings, its middle day (Wed 13 Jan 2027) starts the second semester.
YEAR_START, YEAR_END = date(2026, 8, 17), date(2027, 6, 11)
FALL_START, FALL_END = date(2026, 8, 17), date(2027, 1, 12)
SPRING_START, SPRING_END = date(2027, 1, 13), date(2027, 6, 11)
MID_FALL = date(2026, 10, 21)  # a Wednesday, nine weeks into the first semester
AFTER_FALL = date(2027, 1, 27)  # a Wednesday, the third week of the second semester


@pytest.fixture
def school_year(store) -> Store:
    save_profile(store, ProfileData(school_year_start=YEAR_START, school_year_end=YEAR_END))
    return store


@pytest.fixture
def teachers(school_year) -> list[uuid.UUID]:
    names = ("Ana Ruiz", "Ben Okafor", "Chloé Martin", "Dinh Thu")
    schools = ("Lincoln Elementary", "Lincoln Elementary", "Roosevelt Middle", "")
    emails = (
        "ana.ruiz@lincoln.k12.example.org",
        "ben.okafor@lincoln.k12.example.org",
        "",
        "dinh.thu@roosevelt.k12.example.org",
    )
    return [
        save_teacher(school_year, TeacherForm(name=n, school=s, email=e)).id
        for n, s, e in zip(names, schools, emails, strict=True)
    ]


def new_tool(store: Store, teachers, added_on: date = date(2026, 8, 1), **form) -> uuid.UUID:
    return add_tool(store, ToolForm(name=form.pop("name", "Padlet"), **form), added_on, teachers)


def used(store: Store, tool_id, teacher_id, *weeks: date, days: int = 2) -> None:
    for week in weeks:
        set_usage(store, tool_id, teacher_id, week, days, today=date(2027, 7, 1))


def verdict(store: Store, tool_id: uuid.UUID, today: date) -> tuple[str | None, list[str]]:
    """What the service's row and `list tools --json` both say."""
    (row,) = [r for r in list_tools(store, today, include_retired=True) if r.id == tool_id]
    (listed,) = [t for t in list_records(store, "tools", today) if t["id"] == str(tool_id)]
    service = (
        None if row.review.recommendation is None else row.review.recommendation.value,
        row.review.reasons,
    )
    assert (listed["recommendation"], listed["reasons"]) == service
    return service


def listed(store: Store, tool_id: uuid.UUID, today: date) -> dict:
    (found,) = [t for t in for_json(list_records(store, "tools", today)) if t["id"] == str(tool_id)]
    return found


# ---- semesters from Settings ---------------------------------------------------------------


def test_the_school_year_is_split_into_two_semesters_at_its_middle_day(school_year):
    first, second = semesters_of(SchoolCalendar.from_dates(YEAR_START, YEAR_END), "2026-2027")
    assert (first.first_day, first.last_day) == (FALL_START, FALL_END)
    assert (second.first_day, second.last_day) == (SPRING_START, SPRING_END)
    assert first.label == "the first semester of 2026-2027"


def test_the_summer_belongs_to_the_second_semester_just_ended():
    calendar = SchoolCalendar.from_dates(YEAR_START, YEAR_END)
    july = date(2027, 7, 10)
    assert current_semester(calendar, july).last_day == SPRING_END
    assert last_ended_semester(calendar, july).last_day == SPRING_END
    # Early in the first semester, the last one that ended is the year before's second.
    assert last_ended_semester(calendar, date(2026, 9, 1)).last_day == date(2026, 6, 11)


def test_without_settings_the_year_runs_august_to_july(store, teachers):
    first, second = semesters_of(SchoolCalendar(), "2026-2027")
    assert first.first_day == date(2026, 8, 1) and second.last_day == date(2027, 7, 31)


# ---- the figures ---------------------------------------------------------------------------


def test_figures_count_teachers_with_any_use_over_teachers_licensed(school_year, teachers):
    ana, ben, *_ = teachers
    tool = new_tool(school_year, teachers, licences=10, cost_per_year=1200.0)
    used(school_year, tool, ana, date(2026, 9, 14), date(2026, 10, 5))
    used(school_year, tool, ben, date(2026, 10, 12))
    used(school_year, tool, teachers[2], date(2026, 10, 19), days=0)  # ticked as not used
    found = listed(school_year, tool, MID_FALL)
    assert found["semester"] == "the first semester of 2026-2027"
    assert found["utilisation_pct"] == 50.0
    assert (found["seats_used"], found["seats_bought"]) == (2, 10)
    assert found["cost_per_active_teacher"] == 600.0
    assert found["schools"] == ["Lincoln Elementary", "Roosevelt Middle"]
    assert [t["name"] for t in found["teachers"]] == [
        "Ana Ruiz",
        "Ben Okafor",
        "Chloé Martin",
        "Dinh Thu",
    ]
    assert found["trend"] == [
        {"month": "2026-08", "active_teachers": 0, "utilisation_pct": 0.0},
        {"month": "2026-09", "active_teachers": 1, "utilisation_pct": 25.0},
        {"month": "2026-10", "active_teachers": 2, "utilisation_pct": 50.0},
    ]


def test_use_after_today_or_in_another_semester_is_not_counted(school_year, teachers):
    tool = new_tool(school_year, teachers)
    used(school_year, tool, teachers[0], date(2026, 5, 4))  # the year before
    used(school_year, tool, teachers[1], date(2026, 11, 2))  # after MID_FALL
    assert listed(school_year, tool, MID_FALL)["utilisation_pct"] == 0.0


def test_without_a_cost_or_an_active_teacher_there_is_no_cost_per_active_teacher(
    school_year, teachers
):
    free = new_tool(school_year, teachers, name="Free tool")
    used(school_year, free, teachers[0], date(2026, 9, 14))
    unused = new_tool(school_year, teachers, name="Paid tool", cost_per_year=900.0)
    by_students = new_tool(
        school_year, teachers, name="Per student", cost_per_student=3.0, licences=200
    )
    used(school_year, by_students, teachers[0], date(2026, 9, 14))
    assert listed(school_year, free, MID_FALL)["cost_per_active_teacher"] is None
    assert listed(school_year, unused, MID_FALL)["cost_per_active_teacher"] is None
    # With only a cost per student, the year costs that times the licences bought.
    per_student = listed(school_year, by_students, MID_FALL)
    assert (per_student["yearly_cost"], per_student["cost_per_active_teacher"]) == (600.0, 600.0)


# ---- the semester review, branch by branch ----------------------------------------------------


def test_unresolved_errors_that_cost_instruction_time_ask_for_a_review_at_any_date(
    school_year, teachers
):
    tool = new_tool(school_year, teachers)
    for teacher in teachers:
        used(school_year, tool, teacher, date(2026, 9, 14))  # 100% use: only the errors count
    first = log_error(school_year, tool, date(2026, 10, 1), "Logins failed", 20, teachers[0])
    log_error(school_year, tool, date(2026, 10, 2), "Audio dropped", 15)
    log_error(school_year, tool, date(2026, 10, 3), "A typo on a slide", 0)  # no time lost
    assert verdict(school_year, tool, MID_FALL) == (
        "review",
        ["2 unresolved technical errors have cost 35 minutes of instruction: review it now"],
    )
    set_error_resolved(school_year, first, True)
    assert verdict(school_year, tool, MID_FALL) == (
        "review",
        ["an unresolved technical error has cost 15 minutes of instruction: review it now"],
    )


def test_resolved_errors_leave_the_review_to_utilisation(school_year, teachers):
    tool = new_tool(school_year, teachers)
    for teacher in teachers:
        used(school_year, tool, teacher, date(2026, 9, 14), date(2027, 1, 18))
    entry = log_error(school_year, tool, date(2026, 10, 1), "Logins failed", 20)
    set_error_resolved(school_year, entry, True)
    assert verdict(school_year, tool, AFTER_FALL) == (
        "keep",
        ["utilisation over the first semester of 2026-2027 was 100%, clearing 30%"],
    )


def test_a_renewal_within_60_days_under_30_percent_is_flagged_before_the_money_is_spent(
    school_year, teachers
):
    tool = new_tool(school_year, teachers, renewal_date=date(2026, 12, 20))  # in 60 days
    used(school_year, tool, teachers[0], date(2026, 9, 14))  # 1 of 4: 25%
    assert verdict(school_year, tool, MID_FALL) == (
        "sunset",
        [
            "it renews on Sun Dec 20, 2026 (in 60 days) and utilisation this "
            "semester is 25%, under 30%: decide before the money is spent"
        ],
    )


def test_a_renewal_61_days_away_is_not_flagged_yet(school_year, teachers):
    tool = new_tool(school_year, teachers, renewal_date=date(2026, 12, 21))
    used(school_year, tool, teachers[0], date(2026, 9, 14))
    recommendation, reasons = verdict(school_year, tool, MID_FALL)
    assert recommendation == "pending"
    assert not any("renews" in r for r in reasons)


def test_a_renewal_with_utilisation_over_30_percent_is_not_flagged(school_year, teachers):
    tool = new_tool(school_year, teachers, renewal_date=date(2026, 11, 1))
    used(school_year, tool, teachers[0], date(2026, 9, 14))
    used(school_year, tool, teachers[1], date(2026, 9, 14))
    assert verdict(school_year, tool, MID_FALL) == (
        "pending",
        [
            "the first semester of 2026-2027 has 12 weeks to run; it is reviewed after "
            "Tue Jan 12, 2027"
        ],
    )


def test_a_renewal_early_in_a_semester_is_judged_on_the_semester_that_ended(school_year, teachers):
    # In the second semester's first week there is no use to judge yet: the first's counts.
    tool = new_tool(school_year, teachers, renewal_date=date(2027, 2, 1))
    used(school_year, tool, teachers[0], date(2026, 9, 14))
    assert verdict(school_year, tool, date(2027, 1, 14)) == (
        "sunset",
        [
            "it renews on Mon Feb 1, 2027 (in 18 days) and utilisation over the "
            "first semester of 2026-2027 is 25%, under 30%: decide before the money is spent"
        ],
    )


def test_under_30_percent_over_the_semester_that_ended_is_a_sunset_candidate(school_year, teachers):
    tool = new_tool(school_year, teachers)
    used(school_year, tool, teachers[0], date(2026, 9, 14), date(2027, 1, 11))
    used(school_year, tool, teachers[1], date(2027, 1, 18))  # the second semester's use
    assert verdict(school_year, tool, AFTER_FALL) == (
        "sunset",
        ["sunset candidate: utilisation over the first semester of 2026-2027 was 25%, under 30%"],
    )


def test_30_percent_or_more_over_the_semester_that_ended_keeps_the_tool(school_year, teachers):
    tool = new_tool(school_year, teachers, licences=30)
    used(school_year, tool, teachers[0], date(2026, 9, 14))
    used(school_year, tool, teachers[1], date(2026, 12, 7))
    used(school_year, tool, teachers[2], date(2027, 1, 18))
    used(school_year, tool, teachers[3], date(2027, 1, 25))
    assert verdict(school_year, tool, AFTER_FALL) == (
        "keep",
        ["utilisation over the first semester of 2026-2027 was 50%, clearing 30%"],
    )
    # The listed figures are this semester's: two teachers so far.
    found = listed(school_year, tool, AFTER_FALL)
    assert found["semester"] == "the second semester of 2026-2027"
    assert (found["utilisation_pct"], found["seats_used"], found["seats_bought"]) == (50.0, 2, 30)


def test_a_kept_tool_under_30_percent_so_far_this_semester_is_at_risk(school_year, teachers):
    tool = new_tool(school_year, teachers)
    used(school_year, tool, teachers[0], date(2026, 9, 14))
    used(school_year, tool, teachers[1], date(2026, 9, 14))
    assert verdict(school_year, tool, AFTER_FALL) == (
        "keep",
        [
            "utilisation over the first semester of 2026-2027 was 50%, clearing 30%",
            "at risk: utilisation so far this semester is 0%, under 30%",
        ],
    )


def test_a_tool_that_joined_mid_semester_waits_for_its_first_full_semester(school_year, teachers):
    tool = new_tool(school_year, teachers, added_on=date(2026, 9, 1))
    used(school_year, tool, teachers[0], date(2026, 9, 14))
    # In the second semester, the first doesn't count: the tool joined after it began.
    assert verdict(school_year, tool, SPRING_START) == (
        "pending",
        [
            "the second semester of 2026-2027 has 22 weeks to run; it is reviewed after "
            "Fri Jun 11, 2027"
        ],
    )
    # In the first semester itself, from its second week, low use is at risk.
    assert verdict(school_year, tool, MID_FALL) == (
        "pending",
        [
            "it joined the inventory on Tue Sep 1, 2026: its first full semester "
            "is judged when that semester ends",
            "at risk: utilisation so far this semester is 25%, under 30%",
        ],
    )


def test_a_semester_in_its_first_week_is_not_yet_at_risk(school_year, teachers):
    tool = new_tool(school_year, teachers, added_on=date(2026, 8, 10))
    recommendation, reasons = verdict(school_year, tool, date(2026, 8, 19))
    assert recommendation == "pending"
    assert reasons == [
        "the first semester of 2026-2027 has 21 weeks to run; it is reviewed after Tue Jan 12, 2027"
    ]


def test_a_tool_with_no_teachers_has_no_use_to_judge(school_year, teachers):
    tool = new_tool(school_year, [])
    assert verdict(school_year, tool, AFTER_FALL) == (
        "pending",
        ["no teacher is licensed or enrolled, so there is no use to judge"],
    )
    found = listed(school_year, tool, AFTER_FALL)
    assert (found["utilisation_pct"], found["seats_used"]) == (None, 0)


def test_a_tool_under_its_sunset_notice_is_being_sunset_and_a_retired_one_is_out(
    school_year, teachers
):
    tool = new_tool(school_year, teachers, status="sunset_notice", notice_date=date(2026, 10, 1))
    assert verdict(school_year, tool, MID_FALL) == (
        "sunset",
        ["its 30-day sunset notice started on Thu Oct 1, 2026"],
    )
    update_tool(school_year, tool, ToolForm(name="Padlet", status="retired"))
    assert verdict(school_year, tool, MID_FALL) == (None, ["retired: it has left the inventory"])


# ---- the records ------------------------------------------------------------------------------


def test_a_tool_never_piloted_shows_its_checks_as_unknown(school_year, teachers):
    tool = new_tool(school_year, teachers, vendor="Wallwisher Inc.", stage="grade_level_teams")
    found = listed(school_year, tool, MID_FALL)
    assert found["checks"] == dict.fromkeys(CRITERIA, "unknown")
    assert (found["name"], found["vendor"], found["stage"], found["status"]) == (
        "Padlet",
        "Wallwisher Inc.",
        "grade_level_teams",
        "in_use",
    )
    assert found["pilot_id"] is None


def test_the_tool_form_names_every_problem(school_year):
    form = ToolForm(
        name=" ", cost_per_year=-1.0, licences=-3, stage="everyone", status="sunset_notice"
    )
    with pytest.raises(ValidationError) as refused:
        add_tool(school_year, form, MID_FALL)
    assert set(refused.value.errors) == {
        "name",
        "cost_per_year",
        "licences",
        "stage",
        "notice_date",
    }


def test_a_deleted_tool_leaves_the_list_and_comes_back_on_undo(school_year, teachers):
    tool = new_tool(school_year, teachers)
    delete_tool(school_year, tool, datetime(2026, 10, 21, 9, tzinfo=UTC))
    assert list_records(school_year, "tools", MID_FALL) == []
    with pytest.raises(NotFound):
        update_tool(school_year, tool, ToolForm(name="Padlet 2"))
    restore_tool(school_year, tool)
    assert [t["name"] for t in list_records(school_year, "tools", MID_FALL)] == ["Padlet"]


def test_usage_by_hand_is_for_a_licensed_teacher_in_a_week_begun(school_year, teachers):
    tool = new_tool(school_year, teachers[:1])
    with pytest.raises(ValidationError) as refused:
        set_usage(school_year, tool, teachers[1], date(2026, 9, 14), 2, today=MID_FALL)
    assert "teacher_id" in refused.value.errors
    with pytest.raises(ValidationError):
        set_usage(school_year, tool, teachers[0], date(2026, 11, 2), 2, today=MID_FALL)
    license_teacher(school_year, tool, teachers[1])
    set_usage(school_year, tool, teachers[1], date(2026, 9, 16), 3, today=MID_FALL)
    set_usage(school_year, tool, teachers[1], date(2026, 9, 14), 0, today=MID_FALL)  # unticked
    assert listed(school_year, tool, MID_FALL)["utilisation_pct"] == 0.0


# ---- adoption joins the inventory -------------------------------------------------------------


def adopt(store: Store, pilot_id: uuid.UUID) -> None:
    record_decision(
        store,
        pilot_id,
        DecisionForm("adopted", "Teachers asked to keep it.", date(2026, 10, 16)),
    )


def test_an_adopted_pilot_joins_the_inventory_with_its_teachers_checks_and_cost(
    school_year, teachers
):
    pilot = create_pilot(
        school_year,
        PilotForm(
            tool="Seesaw",
            vendor="Seesaw Learning",
            start_date=date(2026, 9, 14),
            cost_per_student=4.0,
            licences=150,
        ),
        teachers[:3],
    )
    results = dict.fromkeys(CRITERIA, "pass") | {"mobile": "unknown"}
    save_vetting(school_year, pilot, [CheckInput(c, results[c], f"{c} notes") for c in CRITERIA])
    add_log_entry(
        school_year,
        pilot,
        LogEntryForm(date(2026, 9, 21), "technical_error", minutes_lost=10, description="Crash"),
    )
    adopt(school_year, pilot)
    (tool,) = list_records(school_year, "tools", MID_FALL)
    assert (tool["name"], tool["vendor"], tool["pilot_id"]) == (
        "Seesaw",
        "Seesaw Learning",
        str(pilot),
    )
    assert (tool["licences"], tool["cost_per_student"], tool["cost_per_year"]) == (150, 4.0, 600.0)
    assert (tool["stage"], tool["status"], tool["added_on"]) == ("pilot", "in_use", "2026-10-16")
    assert sorted(t["id"] for t in tool["teachers"]) == sorted(str(t) for t in teachers[:3])
    assert tool["checks"] == results
    # The pilot's unresolved error that cost time carries over, so the tool is reviewed.
    assert (tool["unresolved_errors"], tool["minutes_lost"], tool["recommendation"]) == (
        1,
        10,
        "review",
    )
    with school_year.session() as session:
        copied = session.exec(
            ToolCheck.__table__.select().where(ToolCheck.criterion == "privacy")
        ).one()
        assert copied.evidence == "privacy notes"


def test_adopting_a_pilot_again_adds_no_second_tool(school_year, teachers):
    pilot = create_pilot(
        school_year, PilotForm(tool="Kami", start_date=date(2026, 9, 14)), teachers
    )
    adopt(school_year, pilot)
    clear_decision(school_year, pilot, MID_FALL)
    adopt(school_year, pilot)
    with school_year.session() as session:
        tools = session.exec(Tool.__table__.select()).all()
        seats = session.exec(ToolTeacher.__table__.select()).all()
    assert [t.name for t in tools] == ["Kami"]
    assert len(seats) == 4


def test_extending_or_sunsetting_a_pilot_adds_nothing_to_the_inventory(school_year, teachers):
    for decision, extra in (("extended", 2), ("sunset", None)):
        pilot = create_pilot(
            school_year, PilotForm(tool=f"Tool {decision}", start_date=date(2026, 9, 14)), teachers
        )
        record_decision(
            school_year, pilot, DecisionForm(decision, "Not yet.", date(2026, 10, 16), extra)
        )
    assert list_records(school_year, "tools", MID_FALL) == []


# ---- the usage import -------------------------------------------------------------------------


def usage_cells(store: Store, tool_id: uuid.UUID) -> list[tuple[str, str, str, int, str, str]]:
    from app.models import Teacher, ToolUsage

    with store.session() as session:
        names = {t.id: t.name for t in session.exec(Teacher.__table__.select())}
        rows = session.exec(ToolUsage.__table__.select().where(ToolUsage.tool_id == tool_id))
        return sorted(
            (names[r.teacher_id], r.starts_on.isoformat(), r.span, r.active, r.measure, r.source)
            for r in rows
        )


def test_a_google_workspace_app_usage_report_imports_each_day(school_year, teachers):
    tool = new_tool(school_year, teachers[:1], name="Jamboard")
    usage = read_usage_file(EXPORTS / "google_workspace_app_usage.csv")
    result = import_usage(school_year, "jamboard", usage)
    assert (result.rows, result.teachers, result.seats_added) == (5, 3, 2)
    assert (result.first, result.last, result.measure) == (
        date(2026, 9, 14),
        date(2026, 10, 6),
        "active_days",
    )
    assert usage_cells(school_year, tool) == [
        ("Ana Ruiz", "2026-09-14", "day", 1, "active_days", "import"),
        ("Ana Ruiz", "2026-09-15", "day", 1, "active_days", "import"),
        ("Ben Okafor", "2026-09-14", "day", 0, "active_days", "import"),
        ("Dinh Thu", "2026-10-05", "day", 1, "active_days", "import"),
        ("Dinh Thu", "2026-10-06", "day", 0, "active_days", "import"),
    ]
    # Ana and Dinh used it, Ben was licensed and didn't: 2 of 3.
    found = listed(school_year, tool, MID_FALL)
    assert (found["seats_used"], round(found["utilisation_pct"], 1)) == (2, 66.7)


def test_a_canvas_course_access_report_adds_up_views_by_day_and_matches_by_name(
    school_year, teachers
):
    tool = new_tool(school_year, [], name="Canvas")
    usage = read_usage_file(EXPORTS / "canvas_course_access_report.csv")
    result = import_usage(school_year, str(tool), usage)
    assert (result.rows, result.teachers, result.measure) == (3, 3, "logins")
    # Chloé has no email in the notebook: her name matches her.
    assert usage_cells(school_year, tool) == [
        ("Ana Ruiz", "2026-09-16", "day", 16, "logins", "import"),
        ("Chloé Martin", "2026-10-01", "day", 2, "logins", "import"),
        ("Dinh Thu", "2026-10-02", "day", 0, "logins", "import"),
    ]


def test_a_vendors_weekly_logins_count_from_each_weeks_monday(school_year, teachers):
    tool = new_tool(school_year, teachers[:2], name="Nearpod")
    usage = read_usage_file(EXPORTS / "vendor_weekly_logins.csv")
    import_usage(school_year, "Nearpod", usage)
    assert usage_cells(school_year, tool) == [
        ("Ana Ruiz", "2026-09-14", "week", 5, "logins", "import"),
        ("Ana Ruiz", "2026-09-21", "week", 3, "logins", "import"),
        ("Ben Okafor", "2026-09-21", "week", 0, "logins", "import"),
        ("Dinh Thu", "2026-09-21", "week", 1, "logins", "import"),
    ]
    # Importing the same export again replaces its weeks: nothing counts twice.
    import_usage(school_year, "Nearpod", usage)
    assert len(usage_cells(school_year, tool)) == 4
    assert listed(school_year, tool, MID_FALL)["utilisation_pct"] == pytest.approx(66.7, abs=0.1)


def test_unmatched_teachers_and_bad_rows_are_listed_by_line_and_nothing_is_imported(
    school_year, teachers
):
    tool = new_tool(school_year, teachers[:1], name="Nearpod")
    usage = read_usage_file(EXPORTS / "vendor_weekly_logins_unmatched.csv")
    with pytest.raises(UsageRejected) as rejected:
        import_usage(school_year, "Nearpod", usage)
    assert (
        str(rejected.value)
        == "Nothing was imported: 4 rows have problems. Fix them and import again."
    )
    assert [(p.line, p.reason) for p in rejected.value.problems] == [
        (
            3,
            "no teacher in the notebook matches “j.doe@lincoln.k12.example.org”; add them to "
            "the roster (or fix their email) and import again.",
        ),
        (4, "“14/9/2026” is not a date; write it as 2026-09-14 or 9/14/2026."),
        (
            5,
            "no teacher in the notebook matches “r.patel@roosevelt.k12.example.org”; add them "
            "to the roster (or fix their email) and import again.",
        ),
        (6, "“lots” is not a count of use; write a whole number (0 for none)."),
    ]
    assert usage_cells(school_year, tool) == []
    assert [t["name"] for t in listed(school_year, tool, MID_FALL)["teachers"]] == ["Ana Ruiz"]


def test_a_file_without_a_use_column_is_refused_in_one_sentence(school_year, tmp_path):
    path = tmp_path / "report.csv"
    path.write_text("Email,Date\nana.ruiz@lincoln.k12.example.org,2026-09-14\n", encoding="utf-8")
    with pytest.raises(Refused) as refused:
        read_usage_file(path)
    assert str(refused.value) == (
        "“report.csv” has no column for the use (a Logins, Views, Active days or Active "
        "column): export the usage report with them, or rename its headers, and import again."
    )


def test_two_teachers_of_one_name_ask_for_emails(school_year, teachers, tmp_path):
    save_teacher(school_year, TeacherForm(name="Ana Ruiz", school="Roosevelt Middle"))
    new_tool(school_year, [], name="Kahoot!")
    path = tmp_path / "kahoot.csv"
    path.write_text("Teacher,Week Of,Active Days\nAna Ruiz,2026-09-14,3\n", encoding="utf-8")
    with pytest.raises(UsageRejected) as rejected:
        import_usage(school_year, "kahoot!", read_usage_file(path))
    assert [p.reason for p in rejected.value.problems] == [
        "the notebook has 2 teachers named “Ana Ruiz”; give them their emails in Coachbook so "
        "the row matches only one."
    ]


def test_an_unknown_tool_is_named(school_year, teachers):
    usage = read_usage_file(EXPORTS / "vendor_weekly_logins.csv")
    with pytest.raises(NotFound) as missing:
        import_usage(school_year, "Flipgrid", usage)
    assert "No tool named “Flipgrid” is in the inventory" in str(missing.value)


# ---- the sample district ----------------------------------------------------------------------


def test_the_demo_district_carries_tools_in_every_state(demo_store):
    from tests.conftest import TODAY

    tools = list_records(demo_store, "tools", TODAY)
    assert {t["recommendation"] for t in tools} == {"keep", "pending", "review", "sunset", None}
    assert {t["status"] for t in tools} == {"in_use", "sunset_notice", "retired"}
    assert {t["stage"] for t in tools} == {"pilot", "grade_level_teams", "full"}
    reasons = [r for t in tools for r in t["reasons"]]
    assert any(r.startswith("sunset candidate:") for r in reasons)
    assert any(r.endswith("decide before the money is spent") for r in reasons)
    # The adopted pilots joined the inventory with their checks.
    adopted = [t for t in tools if t["pilot_id"] is not None]
    assert adopted and all(set(t["checks"].values()) != {"unknown"} for t in adopted)
