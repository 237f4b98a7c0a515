"""The debrief's outcome agrees with its numbers, and "Extend this cycle" really extends it."""

from datetime import date

import pytest

from app.models import CycleOutcome, CycleStatus, MeasureKind
from app.services.cycles import (
    CycleStart,
    DebriefInput,
    GoalInput,
    cycle_detail,
    goal_met_by_numbers,
    record_debrief,
    save_goal,
    start_cycle,
)
from app.services.teachers import TeacherForm, save_teacher
from app.views.cycles.debrief_dialog import DebriefDialog

TODAY = date(2026, 11, 25)
START = date(2026, 11, 2)  # a Monday: the debrief is due Mon Nov 23, the cycle ends Sun Nov 29


def make_cycle(store, baseline, target, kind=MeasureKind.TIME_ON_TASK):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez"))
    cycle_id = start_cycle(store, CycleStart(teacher.id, START))
    save_goal(
        store,
        cycle_id,
        GoalInput(
            goal="Groups stay on task",
            measure_kind=kind,
            baseline_value=baseline,
            target_value=target,
        ),
    )
    return cycle_id


def dialog_for(qtbot, store, cycle_id):
    dialog = DebriefDialog(store, cycle_detail(store, cycle_id, TODAY), TODAY)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize(
    ("baseline", "target", "final", "met"),
    [
        (60, 80, 81, True),
        (60, 80, 79, False),
        (60, 80, 80, True),
        (12, 5, 4, True),  # minutes lost: lower is better
        (12, 5, 7, False),
        (None, 80, 85, True),
        (60, None, 85, None),
        (60, 80, None, None),
    ],
)
def test_goal_met_follows_final_against_target_in_the_goals_direction(baseline, target, final, met):
    assert goal_met_by_numbers(baseline, target, final) is met


def test_typing_the_final_value_suggests_goal_met(qtbot, store):
    dialog = dialog_for(qtbot, store, make_cycle(store, 60, 80))
    dialog.final.setValue(84)
    assert dialog.goal_met.currentData() is True
    assert dialog.suggestion.text() == "The final 84% reaches the 80% target (higher is better)."
    dialog.final.setValue(71)
    assert dialog.goal_met.currentData() is False
    assert "falls short of the 80% target" in dialog.suggestion.text()


def test_lower_is_better_when_the_target_is_below_the_baseline(qtbot, store):
    dialog = dialog_for(qtbot, store, make_cycle(store, 12, 5, MeasureKind.EXIT_TICKET))
    dialog.final.setValue(4)
    assert dialog.goal_met.currentData() is True
    assert dialog.suggestion.text() == "The final 4 reaches the 5 target (lower is better)."


def test_saving_a_contradiction_asks_first_and_cancel_saves_nothing(qtbot, store, recorder):
    cycle_id = make_cycle(store, 60, 80)
    dialog = dialog_for(qtbot, store, cycle_id)
    dialog.final.setValue(70)
    dialog.goal_met.setCurrentIndex(1)  # "Yes, the goal was met"
    recorder.confirm_answer = False
    dialog._on_save()
    assert recorder.confirms == ["Goal met?"]
    assert dialog.result() == 0
    assert cycle_detail(store, cycle_id, TODAY).final_value is None
    recorder.confirm_answer = True
    dialog._on_save()
    detail = cycle_detail(store, cycle_id, TODAY)
    assert (detail.final_value, detail.goal_met) == (70, True)


def test_an_agreeing_outcome_saves_without_asking(qtbot, store, recorder):
    cycle_id = make_cycle(store, 60, 80)
    dialog = dialog_for(qtbot, store, cycle_id)
    dialog.final.setValue(82)
    dialog._on_save()
    assert recorder.confirms == []
    assert cycle_detail(store, cycle_id, TODAY).goal_met is True


def test_extend_moves_the_end_and_schedules_the_debrief_later(qtbot, store, recorder):
    cycle_id = make_cycle(store, 60, 80)
    dialog = dialog_for(qtbot, store, cycle_id)
    dialog.final.setValue(70)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(CycleOutcome.EXTEND.value))
    assert dialog.extend_weeks.isVisibleTo(dialog) and dialog.extend_weeks.value() == 2
    assert not dialog.mark_done.isChecked() and not dialog.mark_done.isEnabled()
    assert dialog.extend_hint.text() == (
        "The cycle will end Sun Dec 13; the debrief moves to Mon Dec 7."
    )
    dialog._on_save()
    detail = cycle_detail(store, cycle_id, TODAY)
    debrief = detail.sessions[-1]
    assert (detail.row.length_weeks, detail.row.end_date) == (6, date(2026, 12, 13))
    assert (debrief.scheduled_date, debrief.done_on) == (date(2026, 12, 7), None)
    assert detail.outcome == CycleOutcome.EXTEND
    assert detail.row.status != CycleStatus.COMPLETED


def test_saving_an_extended_debrief_again_does_not_extend_twice(qtbot, store):
    cycle_id = make_cycle(store, 60, 80)
    record_debrief(store, cycle_id, DebriefInput(outcome=CycleOutcome.EXTEND.value, extend_weeks=2))
    dialog = dialog_for(qtbot, store, cycle_id)
    assert dialog.extend_weeks.value() == 0
    assert dialog.extend_weeks.text() == "No more weeks"
    dialog.reflection.setPlainText("Roles helped")
    dialog._on_save()
    detail = cycle_detail(store, cycle_id, TODAY)
    assert detail.row.length_weeks == 6 and detail.teacher_reflection == "Roles helped"


def test_leaving_extend_brings_back_the_debrief_took_place(qtbot, store):
    dialog = dialog_for(qtbot, store, make_cycle(store, 60, 80))
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(CycleOutcome.EXTEND.value))
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(CycleOutcome.CLOSE.value))
    assert dialog.mark_done.isEnabled() and dialog.mark_done.isChecked()
    assert not dialog.extend_weeks.isVisibleTo(dialog)


def test_the_reflection_is_shared_only_when_ticked(qtbot, store):
    cycle_id = make_cycle(store, 60, 80)
    dialog = dialog_for(qtbot, store, cycle_id)
    assert not dialog.reflection_shareable.isChecked()
    dialog.reflection.setPlainText("The groups settled faster.")
    dialog.final.setValue(82)
    dialog.reflection_shareable.setChecked(True)
    dialog._on_save()
    detail = cycle_detail(store, cycle_id, TODAY)
    assert (detail.teacher_reflection, detail.reflection_shareable) == (
        "The groups settled faster.",
        True,
    )
    assert dialog_for(qtbot, store, cycle_id).reflection_shareable.isChecked()
