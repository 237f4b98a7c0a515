"""Every page adds up: numbers rounded once, changes from the shown values, and a figure
beside its threshold precise enough that the comparison reads true."""

from datetime import date

from app.models import CoachingCycle
from app.reports import render_pilot_report, render_teacher_report
from app.services.cycles import list_cycles
from app.services.pilots import (
    AnswerInput,
    PilotForm,
    SurveyForm,
    create_pilot,
    save_survey,
    set_usage,
)
from app.services.reports import pilot_report_data, teacher_report_data
from app.services.teachers import TeacherForm, save_teacher

TODAY = date(2026, 11, 25)


def test_a_cycle_change_is_the_shown_final_minus_the_shown_baseline(demo_store, tmp_path, pdf_text):
    cycle = next(c for c in list_cycles(demo_store, TODAY) if c.status == "completed")
    with demo_store.session() as session:
        row = session.get(CoachingCycle, cycle.id)
        row.measure_kind = "time_on_task"
        row.baseline_value, row.target_value, row.final_value = 70.4, 84.0, 87.6
    out = tmp_path / "teacher.pdf"
    render_teacher_report(teacher_report_data(demo_store, cycle.teacher_id, TODAY, cycle.id), out)
    text = pdf_text(out)
    assert "70% 84% 88% +18 pts" in text  # the raw change, 17.2, printed "+17 pts"
    assert "Final value: 88%" in text


def test_utilisation_just_under_the_line_reads_the_same_everywhere_on_the_page(
    store, tmp_path, pdf_text
):
    teachers = [save_teacher(store, TeacherForm(name=name)).id for name in ("Ana", "Ben", "Cy")]
    pilot = create_pilot(
        store, PilotForm(tool="Quizlet", start_date=date(2026, 9, 14), length_weeks=9), teachers
    )
    for teacher, weeks in zip(teachers, ((1, 2, 3), (1, 2, 3), (1, 2)), strict=True):
        for week in weeks:
            set_usage(store, pilot, teacher, week, True, TODAY)
    out = tmp_path / "pilot.pdf"
    render_pilot_report(pilot_report_data(store, pilot, TODAY), out)
    text = pdf_text(out)
    # 8 of 27 teacher-weeks is 29.6%: never "30%" over "is under 30%".
    assert "29.6% 0 0" in text  # the headline
    assert "Recommendation: Sunset. Utilisation 29.6% is under 30%." in text
    assert "Utilisation 29.6% of 27 teacher-weeks is under the 30% line." in text
    assert "30% 0 0" not in text


def test_a_survey_row_adds_up_before_after_and_change(store, tmp_path, pdf_text):
    teacher = save_teacher(store, TeacherForm(name="Ana")).id
    pilot = create_pilot(store, PilotForm(tool="Quizlet", start_date=date(2026, 9, 14)), [teacher])
    items = ["I plan with it.", "I teach with it.", "Students use it.", "I would keep it."]
    for phase, scores, day in (("pre", (3, 3, 3, 4), 14), ("post", (4, 4, 4, 3), 30)):
        answers = [AnswerInput(i, s) for i, s in zip(items, scores, strict=True)]
        save_survey(store, pilot, SurveyForm(teacher, phase, date(2026, 9, day), answers))
    out = tmp_path / "pilot.pdf"
    render_pilot_report(pilot_report_data(store, pilot, TODAY), out)
    text = pdf_text(out)
    # Means 3.25 and 3.75 show as 3.2 and 3.8: the change is +0.6 (the raw +0.5 did not add up).
    assert "Ana 3.2 3.8 +0.6" in text
    assert "Mean change +0.6 on the 1-5 scale" in text
