"""What a principal comes to the pilot report for, read back from the PDF: the log as a table,
the usage grid, the survey statement by statement, the licences' yearly cost, an extension's
weeks, and words meant for the principal rather than for the app."""

import re
from datetime import date

from app.reports import render_pilot_report
from app.services.pilots import (
    AnswerInput,
    DecisionForm,
    LogEntryForm,
    PilotForm,
    SurveyForm,
    add_log_entry,
    create_pilot,
    record_decision,
    save_survey,
    set_usage,
)
from app.services.reports import pilot_report_data
from app.services.teachers import TeacherForm, save_teacher

TODAY = date(2026, 11, 25)
# Started Sep 28, four weeks: over on Oct 25, a month before TODAY.
FINISHED = date(2026, 9, 28)


def _teachers(store, *names: str) -> list:
    return [save_teacher(store, TeacherForm(name=name)).id for name in names]


def _report(store, pilot, tmp_path, pdf_text, today: date = TODAY):
    out = tmp_path / "pilot.pdf"
    render_pilot_report(pilot_report_data(store, pilot, today), out)
    return pdf_text(out)


def test_the_log_is_a_table_of_date_teacher_kind_severity_minutes_and_resolved(
    store, tmp_path, pdf_text
):
    ana, ben = _teachers(store, "Ana", "Ben")
    pilot = create_pilot(store, PilotForm(tool="Quizlet", start_date=FINISHED), [ana, ben])
    add_log_entry(
        store,
        pilot,
        LogEntryForm(
            date(2026, 10, 6),
            description="LOG-DESCRIPTION-ONE the login loop again",
            teacher_id=ana,
            severity=3,
            minutes_lost=12,
        ),
    )
    add_log_entry(
        store,
        pilot,
        LogEntryForm(
            date(2026, 10, 1),
            kind="usage",
            description="LOG-DESCRIPTION-TWO station rotation",
            teacher_id=ben,
        ),
    )
    text = _report(store, pilot, tmp_path, pdf_text)
    assert "Date Teacher What happened Severity Minutes lost Resolved" in text
    # Oldest first; the kind of entry says what happened, never the coach's description.
    assert "Oct 1, 2026 Ben Usage — 0 — Oct 6, 2026 Ana Technical error High: the lesson" in text
    assert "stopped 12 No" in text
    assert "LOG-DESCRIPTION" not in text


def test_the_usage_grid_marks_each_teacher_week_and_each_weeks_share(store, tmp_path, pdf_text):
    ana, ben = _teachers(store, "Ana", "Ben")
    pilot = create_pilot(store, PilotForm(tool="Quizlet", start_date=FINISHED), [ana, ben])
    for teacher, weeks in ((ana, (1, 2, 3, 4)), (ben, (1, 3))):
        for week in weeks:
            set_usage(store, pilot, teacher, week, True, TODAY)
    text = _report(store, pilot, tmp_path, pdf_text)
    assert "Teacher Sep 28 Oct 5 Oct 12 Oct 19 Weeks used" in text
    assert "Ana ✓ ✓ ✓ ✓ 4 of 4" in text
    assert "Ben ✓ – ✓ – 2 of 4" in text
    # Each week's share under it, and the whole grid's share as the headline shows it.
    assert "Teachers using it 100% 50% 100% 50% 75%" in text
    assert "75% 0 0" in text
    assert "Utilisation 75% of 8 teacher-weeks clears the 30% line." in text


def test_survey_results_print_per_statement_with_a_mean_row_that_agrees(store, tmp_path, pdf_text):
    ana, ben = _teachers(store, "Ana", "Ben")
    pilot = create_pilot(store, PilotForm(tool="Quizlet", start_date=FINISHED), [ana, ben])
    items = ["I plan with it.", "Students create with it.", "I would keep it."]
    scores = {
        (ana, "pre"): (2, 3, 4),
        (ben, "pre"): (3, 3, 3),
        (ana, "post"): (4, 4, 4),
        (ben, "post"): (4, 3, 2),
    }
    for (teacher, phase), given in scores.items():
        answers = [AnswerInput(i, s) for i, s in zip(items, given, strict=True)]
        day = date(2026, 9, 25) if phase == "pre" else date(2026, 10, 27)
        save_survey(store, pilot, SurveyForm(teacher, phase, day, answers))
    text = _report(store, pilot, tmp_path, pdf_text)
    assert "Statement Before (1-5) After (1-5) Change" in text
    assert "I plan with it. 2.5 4.0 +1.5" in text
    assert "Students create with it. 3.0 3.5 +0.5" in text
    assert "I would keep it. 3.5 3.0 -0.5" in text
    # The mean of the shown rows: (2.5 + 3.0 + 3.5) / 3 and (4.0 + 3.5 + 3.0) / 3.
    assert "Mean of the 3 statements 3.0 3.5 +0.5" in text
    assert "from the 2 teachers with both a pre and a post survey" in text
    # The headline and the sentence under the table carry the mean row's change.
    assert "0% 0 0 +0.5" in text
    assert "Mean change +0.5 on the 1-5 scale across 3 statements, from 2 teachers" in text


def test_the_headline_carries_the_yearly_cost_of_the_licences(store, tmp_path, pdf_text):
    (ana,) = _teachers(store, "Ana")
    pilot = create_pilot(
        store,
        PilotForm(tool="Quizlet", start_date=FINISHED, cost_per_student=4.5, licences=120),
        [ana],
    )
    text = _report(store, pilot, tmp_path, pdf_text)
    assert "$540.00 Utilisation Technical errors Minutes lost Survey change (1-5)" in text
    assert "Yearly cost, 120 licences" in text
    assert "For 120 licences that is $540.00 a year." in text


def test_an_extended_pilot_shows_its_extra_weeks_still_to_run(store, tmp_path, pdf_text):
    (ana,) = _teachers(store, "Ana")
    pilot = create_pilot(store, PilotForm(tool="Quizlet", start_date=FINISHED), [ana])
    for week in (1, 2, 3, 4):
        set_usage(store, pilot, ana, week, True, date(2026, 10, 27))
    record_decision(
        store,
        pilot,
        DecisionForm("extended", "More time for sign-in.", date(2026, 10, 27), extra_weeks=6),
    )
    text = _report(store, pilot, tmp_path, pdf_text)
    assert (
        "Extended on Oct 27, 2026: the pilot now runs 10 weeks in all, to Dec 6, 2026, with "
        "2 weeks still to run." in text
    )
    # Every week of the grid, the extension's weeks not begun yet too.
    assert "Oct 19 Oct 26 Nov 2 Nov 9 Nov 16 Nov 23 Nov 30 Weeks used" in text
    assert "Ana ✓ ✓ ✓ ✓ – – – – – 4 of 9" in text
    assert "Utilisation so far" in text


def test_a_finished_pilot_reads_utilisation_without_so_far(store, tmp_path, pdf_text):
    (ana,) = _teachers(store, "Ana")
    pilot = create_pilot(store, PilotForm(tool="Quizlet", start_date=FINISHED), [ana])
    set_usage(store, pilot, ana, 1, True, TODAY)
    text = _report(store, pilot, tmp_path, pdf_text)
    assert "so far" not in text
    assert "Utilisation 25% of 4 teacher-weeks is under the 30% line." in text


def test_a_pilot_not_started_yet_does_not_say_it_is_running(store, tmp_path, pdf_text):
    (ana,) = _teachers(store, "Ana")
    pilot = create_pilot(store, PilotForm(tool="Quizlet", start_date=date(2027, 1, 11)), [ana])
    text = _report(store, pilot, tmp_path, pdf_text)
    assert "still running" not in text
    assert "Decision: Not yet: the pilot has not started." in text
    # No empty grid of weeks that have not begun.
    assert "Weeks used" not in text


def test_no_instruction_meant_for_the_app_reaches_the_paper(store, tmp_path, pdf_text):
    (ana,) = _teachers(store, "Ana")
    pilot = create_pilot(store, PilotForm(tool="Quizlet", start_date=FINISHED), [ana])
    text = _report(store, pilot, tmp_path, pdf_text)
    assert "add the vendor" not in text
    assert (
        "Cost: No cost per student has been recorded yet, so it is not yet compared with the "
        "$5 line for supplemental tools." in text
    )


def test_the_recommendation_names_single_sign_on_never_sso(store, tmp_path, pdf_text):
    (ana,) = _teachers(store, "Ana")
    pilot = create_pilot(store, PilotForm(tool="Quizlet", start_date=FINISHED), [ana])
    set_usage(store, pilot, ana, 1, True, TODAY)
    set_usage(store, pilot, ana, 2, True, TODAY)
    text = _report(store, pilot, tmp_path, pdf_text)
    assert "the single sign-on check is still unknown" in text
    assert not re.search(r"\bsso\b", text.text, re.IGNORECASE)
