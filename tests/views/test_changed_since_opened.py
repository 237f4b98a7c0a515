"""No silent lost update: a teacher, cycle or activity form opened before another change to
the same record asks on Save whether to keep that change or what the coach typed."""

from datetime import date

import pytest

from app.models import ActivityKind
from app.services.activities import ActivityInput, list_activities, save_activity
from app.services.cycles import (
    CycleEdit,
    CycleStart,
    GoalInput,
    cycle_detail,
    edit_cycle,
    save_goal,
    start_cycle,
)
from app.services.errors import ChangedSinceOpened
from app.services.teachers import (
    TeacherForm,
    form_for,
    get_teacher,
    list_teachers,
    save_teacher,
)
from app.views.activity.form import ActivityFormDialog
from app.views.common import dialogs
from app.views.cycles.debrief_dialog import DebriefDialog
from app.views.cycles.edit_dialog import EditCycleDialog
from app.views.cycles.goal_dialog import GoalDialog
from app.views.teachers.changed import KEEP_THEIRS, KEEP_YOURS
from app.views.teachers.form import TeacherFormDialog

TODAY = date(2026, 11, 25)


class Asked:
    """Stands in for dialogs.choose: records each question and answers as told."""

    def __init__(self, monkeypatch, answer):
        self.questions: list[tuple[str, str]] = []
        self.answer = answer
        monkeypatch.setattr(dialogs, "choose", self._choose)

    def _choose(self, _parent, title, text, options):
        assert options == [KEEP_THEIRS, KEEP_YOURS]
        self.questions.append((title, text))
        return self.answer


def test_service_refuses_an_edit_of_a_teacher_changed_since_it_was_loaded(store):
    loaded = save_teacher(store, TeacherForm(name="Maria Alvarez", room="204"))
    save_teacher(store, TeacherForm(name="Maria Alvarez", room="206"), loaded.id)
    with pytest.raises(ChangedSinceOpened) as refused:
        save_teacher(
            store,
            TeacherForm(name="Maria Alvarez", room="101"),
            loaded.id,
            loaded_at=loaded.updated_at,
        )
    assert str(refused.value) == (
        "This teacher was changed since you opened the form: keep theirs, or keep yours?"
    )
    assert get_teacher(store, loaded.id).room == "206"
    current = get_teacher(store, loaded.id)
    save_teacher(store, form_for(current), loaded.id, loaded_at=current.updated_at)


def open_stale_teacher_form(qtbot, store):
    """The form opens on Maria; then the roster import (or another copy) changes her room."""
    loaded = save_teacher(store, TeacherForm(name="Maria Alvarez", room="204"))
    dialog = TeacherFormDialog(store, [], teacher=get_teacher(store, loaded.id))
    qtbot.addWidget(dialog)
    save_teacher(store, TeacherForm(name="Maria Alvarez", room="206"), loaded.id)
    dialog.inputs["grades"].setText("3")
    return dialog, loaded.id


def test_keep_theirs_closes_the_form_and_saves_nothing_typed(qtbot, monkeypatch, store):
    asked = Asked(monkeypatch, KEEP_THEIRS)
    dialog, teacher_id = open_stale_teacher_form(qtbot, store)
    dialog._on_save()
    assert asked.questions == [
        (
            "This teacher changed",
            "This teacher was changed since you opened the form: keep theirs, or keep yours?",
        )
    ]
    maria = get_teacher(store, teacher_id)
    assert (maria.room, maria.grades) == ("206", "")
    assert dialog.kept_theirs and dialog.result() == 0


def test_keep_yours_saves_what_was_typed(qtbot, monkeypatch, store):
    Asked(monkeypatch, KEEP_YOURS)
    dialog, teacher_id = open_stale_teacher_form(qtbot, store)
    dialog._on_save()
    maria = get_teacher(store, teacher_id)
    assert (maria.room, maria.grades) == ("204", "3")
    assert dialog.saved is not None and dialog.result() == 1


def test_a_form_saved_with_no_change_elsewhere_asks_nothing(qtbot, monkeypatch, store):
    asked = Asked(monkeypatch, KEEP_THEIRS)
    loaded = save_teacher(store, TeacherForm(name="Maria Alvarez", room="204"))
    dialog = TeacherFormDialog(store, [], teacher=get_teacher(store, loaded.id))
    qtbot.addWidget(dialog)
    dialog.inputs["room"].setText("205")
    dialog._on_save()
    assert asked.questions == [] and get_teacher(store, loaded.id).room == "205"


def test_the_teachers_screen_shows_theirs_after_keep_theirs(
    window, qtbot, monkeypatch, roster_store
):
    Asked(monkeypatch, KEEP_THEIRS)
    screen = window.teachers
    window.show_screen("teachers")
    qtbot.keyClicks(screen.filter_edit, "Maria")

    def edit_after_a_change_elsewhere(dialog):
        maria = next(t for t in list_teachers(roster_store) if t.name == "Maria Alvarez")
        save_teacher(roster_store, TeacherForm(name=maria.name, room="Lab 9"), maria.id)
        dialog.inputs["room"].setText("206")
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(TeacherFormDialog, "exec", edit_after_a_change_elsewhere)
    screen.edit_current()
    assert screen.detail.fact_labels["room"].text() == "Lab 9"
    assert window.statusBar().currentMessage().startswith("Kept the change made elsewhere")


@pytest.fixture
def cycle(store):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez"))
    return start_cycle(store, CycleStart(teacher.id, date(2026, 11, 16), focus="Labs"))


def test_goal_form_asks_when_the_cycle_changed_and_keep_yours_saves(
    qtbot, monkeypatch, store, cycle
):
    asked = Asked(monkeypatch, KEEP_YOURS)
    detail = cycle_detail(store, cycle, TODAY)
    dialog = GoalDialog(store, cycle, detail.goal, loaded_at=detail.updated_at)
    qtbot.addWidget(dialog)
    save_goal(store, cycle, GoalInput(goal="Written on the other laptop"))
    dialog.goal.setPlainText("Students sustain on-task talk")
    dialog._on_save()
    assert [title for title, _ in asked.questions] == ["This cycle changed"]
    assert cycle_detail(store, cycle, TODAY).goal.goal == "Students sustain on-task talk"


def test_edit_and_debrief_forms_keep_theirs(qtbot, monkeypatch, store, cycle):
    asked = Asked(monkeypatch, KEEP_THEIRS)
    detail = cycle_detail(store, cycle, TODAY)
    edit = EditCycleDialog(store, detail)
    debrief = DebriefDialog(store, detail, TODAY)
    for dialog in (edit, debrief):
        qtbot.addWidget(dialog)
    edit_cycle(store, cycle, CycleEdit(focus="Changed elsewhere"))
    edit.focus.setText("Mine")
    edit._on_save()
    debrief.reflection.setPlainText("Mine too")
    debrief._on_save()
    assert [title for title, _ in asked.questions] == ["This cycle changed"] * 2
    after = cycle_detail(store, cycle, TODAY)
    assert (after.row.focus, after.teacher_reflection) == ("Changed elsewhere", "")
    assert edit.kept_theirs and debrief.kept_theirs


def test_activity_form_asks_when_the_activity_changed(qtbot, monkeypatch, store):
    asked = Asked(monkeypatch, KEEP_THEIRS)
    entry = ActivityInput(
        kind=ActivityKind.PD_SESSION.value, occurred_on=TODAY, topic="Pear Deck", minutes=60
    )
    activity_id = save_activity(store, entry)
    (loaded,) = list_activities(store)
    dialog = ActivityFormDialog(store, [], TODAY, activity=loaded)
    qtbot.addWidget(dialog)
    entry.minutes = 45
    save_activity(store, entry, activity_id)
    dialog.minutes.setValue(90)
    dialog._on_save()
    assert [title for title, _ in asked.questions] == ["This activity changed"]
    assert [a.minutes for a in list_activities(store)] == [45]
    assert dialog.kept_theirs
