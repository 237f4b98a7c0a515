"""The Activity log screen through qtbot, against real notebook files."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack

from app.models import ActivityKind
from app.services.activities import ActivityInput, list_activities, save_activity
from app.services.teachers import list_teachers, set_archived
from app.store import StoreError
from app.views.activity import form as form_module
from app.views.activity.form import ActivityFormDialog
from app.views.activity.screen import ActivityScreen
from app.views.activity.table_model import (
    ATTENDEES,
    FEEDBACK,
    KIND,
    MINUTES,
    TOPIC,
    WHO,
)
from app.views.common.context import ScreenContext
from app.views.common.events import AppEvents, Changes

TODAY = date(2026, 11, 25)
PD, CONTACT = ActivityKind.PD_SESSION.value, ActivityKind.INFORMAL_CONTACT.value
DEMO_TOTALS = (
    "PD: 11 sessions · 13.0 hours · 152 attendees · feedback 4.5 / 5 — Contacts: 19 · 6.1 hours"
)


class Harness:
    """The screen with what the main window would give it: events, an undo stack, Ctrl+Z."""

    def __init__(self, qtbot, store):
        self.store = store
        self.events = AppEvents()
        self.undo_stack = QUndoStack()
        self.counts: list[str] = []
        self.messages: list[str] = []
        self.changes: list[Changes] = []
        self.events.sig_status_message.connect(self.messages.append)
        self.events.sig_data_changed.connect(self.changes.append)
        self.screen = ActivityScreen(
            ScreenContext(store, self.events, self.undo_stack, lambda: TODAY)
        )
        self.screen.sig_counts_changed.connect(self.counts.append)
        for action, keys in (
            (self.undo_stack.createUndoAction(self.screen), QKeySequence.StandardKey.Undo),
            (self.undo_stack.createRedoAction(self.screen), QKeySequence.StandardKey.Redo),
        ):
            action.setShortcut(keys)
            self.screen.addAction(action)
        qtbot.addWidget(self.screen)
        self.screen.resize(1024, 600)
        self.screen.show()
        qtbot.waitExposed(self.screen)


@pytest.fixture
def log(qtbot, demo_store, recorder) -> Harness:
    return Harness(qtbot, demo_store)


@pytest.fixture
def empty_log(qtbot, store, recorder) -> Harness:
    return Harness(qtbot, store)


def column(screen, col: int) -> list[str]:
    proxy = screen.proxy
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def select_first(screen) -> None:
    screen.table.setCurrentIndex(screen.proxy.index(0, 0))
    screen.table.setFocus()


def fill_with(monkeypatch, fill):
    """Replace the form's exec with `fill(dialog)`, then the Save button's slot."""
    seen = []

    def run(dialog):
        seen.append(dialog)
        fill(dialog)
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(ActivityFormDialog, "exec", run)
    return seen


# The list ------------------------------------------------------------------------------------


def test_log_shows_the_demo_school_year_with_its_totals(log):
    screen = log.screen
    assert screen.year_combo.currentText() == "2026-2027"
    assert screen.pages.currentWidget() is not screen.empty
    assert screen.proxy.rowCount() == 30
    assert screen.totals_label.text() == DEMO_TOTALS
    assert screen.totals_label.isVisible()
    assert log.counts[-1] == "11 PD sessions · 13.0 h · 19 contacts"
    assert "Tyrone Washington" in column(screen, WHO)
    assert "Whole staff" in column(screen, WHO)


def test_newest_activity_comes_first_and_is_selected(log):
    screen = log.screen
    assert column(screen, 0)[0] == "Thu Nov 19"
    assert screen.current_activity().topic == "Getting started with Seesaw portfolios"


def test_kind_filter_shows_only_that_kind_and_keeps_the_year_totals(log):
    screen = log.screen
    screen.kind_combo.setCurrentIndex(screen.kind_combo.findData(PD))
    assert set(column(screen, KIND)) == {"PD session"}
    assert screen.proxy.rowCount() == 11
    screen.kind_combo.setCurrentIndex(screen.kind_combo.findData(CONTACT))
    assert set(column(screen, KIND)) == {"Informal contact"}
    assert screen.proxy.rowCount() == 19
    assert screen.totals_label.text() == DEMO_TOTALS
    assert log.counts[-1] == "11 PD sessions · 13.0 h · 19 contacts · 19 shown"


def test_typing_filters_by_topic_teacher_audience_and_note(log, qtbot):
    screen = log.screen
    qtbot.keyClicks(screen.filter_edit, "coffee")
    assert screen.proxy.rowCount() == 5
    assert all("Coffee" in topic for topic in column(screen, TOPIC))
    screen.filter_edit.clear()
    qtbot.keyClicks(screen.filter_edit, "javier")
    assert column(screen, WHO) == ["Javier Ortega"]
    screen.filter_edit.clear()
    qtbot.keyClicks(screen.filter_edit, "special education")
    assert set(column(screen, WHO)) == {"Special education team"}
    screen.filter_edit.clear()
    qtbot.keyClicks(screen.filter_edit, "handout")
    assert screen.proxy.rowCount() == 5
    assert log.counts[-1].endswith("· 5 shown")


def test_a_filter_matching_nothing_says_so(log, qtbot):
    screen = log.screen
    qtbot.keyClicks(screen.filter_edit, "zzzz")
    assert screen.proxy.rowCount() == 0
    assert screen.no_match.isVisible()
    screen.filter_edit.clear()
    assert not screen.no_match.isVisible()


def test_ctrl_f_on_the_activity_log_focuses_its_filter(qtbot, demo_store, recorder):
    from app.views.shell.main_window import MainWindow

    window = MainWindow(demo_store, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # offscreen Qt activates it only when asked
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "activity"
    screen = window.activity
    screen.table.setFocus()
    assert not screen.filter_edit.hasFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.filter_edit.hasFocus()


def test_sorting_by_numbers_is_numeric_and_empty_scores_sort_last(log):
    screen = log.screen
    screen.table.sortByColumn(MINUTES, Qt.SortOrder.DescendingOrder)
    minutes = [int(m) for m in column(screen, MINUTES)]
    assert minutes == sorted(minutes, reverse=True)
    assert minutes[0] == 180
    screen.table.sortByColumn(FEEDBACK, Qt.SortOrder.DescendingOrder)
    scores = column(screen, FEEDBACK)
    assert scores[:12] == sorted(scores[:12], reverse=True)
    assert scores[0] == "4.9"
    assert scores[12:] == [""] * 18
    screen.table.sortByColumn(WHO, Qt.SortOrder.AscendingOrder)
    who = column(screen, WHO)
    assert who == sorted(who, key=str.casefold)


# Adding --------------------------------------------------------------------------------------


def test_logging_a_pd_session_saves_at_once_and_shows_it(log, qtbot, monkeypatch):
    def fill(dialog):
        assert dialog.kind() == PD
        assert dialog.windowTitle() == "Log a PD session"
        assert dialog.teacher.isHidden()
        dialog.occurred_on.setDate(dialog.occurred_on.date().addDays(-1))
        dialog.topic.setText("Kami for annotating PDFs")
        dialog.audience.setText("Grade 5 team")
        dialog.minutes.setValue(45)
        dialog.attendees.setValue(8)
        dialog.feedback.setValue(4.5)
        dialog.notes.setPlainText("Two asked for a follow-up.")

    fill_with(monkeypatch, fill)
    qtbot.mouseClick(log.screen.pd_button, Qt.MouseButton.LeftButton)
    saved = [a for a in list_activities(log.store) if a.topic == "Kami for annotating PDFs"]
    assert len(saved) == 1
    entry = saved[0]
    assert (entry.kind, entry.occurred_on, entry.audience) == (
        PD,
        date(2026, 11, 24),
        "Grade 5 team",
    )
    assert (entry.minutes, entry.attendees, entry.feedback_score) == (45, 8, 4.5)
    assert entry.notes == "Two asked for a follow-up."
    screen = log.screen
    assert screen.current_activity().id == entry.id
    assert screen.totals_label.text().startswith("PD: 12 sessions · 13.8 hours · 160 attendees")
    assert log.changes[-1] == Changes(frozenset({"activities"}), log.screen)
    assert log.messages[-1] == "Logged the PD session “Kami for annotating PDFs”."


def test_a_pd_session_without_counts_or_score_saves_them_as_empty(log, monkeypatch):
    def fill(dialog):
        dialog.topic.setText("Chromebook basics")
        assert dialog.attendees.text() == "Not counted"
        assert dialog.feedback.text() == "No score"

    fill_with(monkeypatch, fill)
    log.screen.add_activity(PD)
    entry = next(a for a in list_activities(log.store) if a.topic == "Chromebook basics")
    assert entry.attendees is None and entry.feedback_score is None
    assert entry.minutes == 60


def test_logging_a_contact_with_a_teacher_typed_from_the_roster(log, qtbot, monkeypatch):
    javier = next(t for t in list_teachers(log.store) if t.name == "Javier Ortega")

    def fill(dialog):
        assert dialog.kind() == CONTACT
        assert dialog.windowTitle() == "Log an informal contact"
        assert dialog.labels["topic"].text() == "What was &asked"
        assert dialog.feedback.isHidden()
        dialog.topic.setText("Sharing a Google Form with a co-teacher")
        dialog.teacher.setEditText("javier ortega")
        dialog.minutes.setValue(15)

    fill_with(monkeypatch, fill)
    qtbot.mouseClick(log.screen.contact_button, Qt.MouseButton.LeftButton)
    entry = next(a for a in list_activities(log.store) if a.topic.startswith("Sharing a Google"))
    assert (entry.kind, entry.teacher_id, entry.minutes) == (CONTACT, javier.id, 15)
    assert entry.feedback_score is None
    assert log.screen.current_activity().who == "Javier Ortega"
    assert log.screen.totals_label.text().endswith("Contacts: 20 · 6.3 hours")
    assert log.messages[-1] == "Logged the contact “Sharing a Google Form with a co-teacher”."


def test_logging_a_contact_with_a_group(log, monkeypatch):
    def fill(dialog):
        dialog.topic.setText("Coffee and Curriculum: Canva for Education")
        dialog.audience.setText("Open drop-in before school")
        dialog.attendees.setValue(6)

    fill_with(monkeypatch, fill)
    log.screen.add_activity(CONTACT)
    entry = next(a for a in list_activities(log.store) if a.topic.endswith("Canva for Education"))
    assert entry.teacher_id is None and entry.attendees == 6


def test_the_teacher_list_holds_active_teachers_and_keeps_an_archived_one_being_edited(
    log, qtbot, monkeypatch
):
    screen = log.screen
    qtbot.keyClicks(screen.filter_edit, "Tyrone")
    select_first(screen)
    contact = screen.current_activity()
    set_archived(log.store, contact.teacher_id, True)
    teachers = list_teachers(log.store)
    fresh = ActivityFormDialog(log.store, teachers, TODAY, kind=CONTACT)
    qtbot.addWidget(fresh)
    names = [fresh.teacher.itemText(i) for i in range(fresh.teacher.count())]
    assert "Tyrone Washington" not in names
    assert names == sorted(names, key=str.casefold)
    assert fresh.focusWidget() is fresh.topic

    def fill(dialog):
        assert dialog.teacher.currentText() == "Tyrone Washington"
        dialog.notes.setPlainText("Followed up by email.")

    fill_with(monkeypatch, fill)
    screen.edit_current()
    edited = next(a for a in list_activities(log.store) if a.id == contact.id)
    assert edited.teacher_id == contact.teacher_id
    assert edited.notes == "Followed up by email."


def test_ctrl_n_logs_the_kind_the_filter_shows(log, monkeypatch):
    seen = []
    monkeypatch.setattr(ActivityFormDialog, "exec", lambda dialog: seen.append(dialog.kind()))
    log.screen.add_activity()
    log.screen.kind_combo.setCurrentIndex(log.screen.kind_combo.findData(CONTACT))
    log.screen.add_activity()
    assert seen == [PD, CONTACT]


def test_switching_the_kind_in_the_form_shows_the_fields_that_fit(log, qtbot):
    dialog = ActivityFormDialog(log.store, list_teachers(log.store), TODAY, kind=PD)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.feedback.isVisible() and not dialog.teacher.isVisible()
    assert dialog.minutes.value() == 60
    dialog.contact_radio.setChecked(True)
    assert dialog.teacher.isVisible() and not dialog.feedback.isVisible()
    assert dialog.labels["audience"].text() == "Or a &group"
    assert dialog.minutes.value() == 10
    assert dialog.windowTitle() == "Log an informal contact"
    assert not any(message.isVisible() for message in dialog.messages.values())


# Bad values ----------------------------------------------------------------------------------


def test_bad_values_show_inline_messages_and_save_nothing(log, qtbot):
    dialog = ActivityFormDialog(log.store, list_teachers(log.store), TODAY, kind=CONTACT)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._on_save()
    assert dialog.messages["topic"].text() == "Say what was asked or talked about."
    assert dialog.messages["audience"].text() == "Pick the teacher, or name the group."
    assert dialog.saved is None
    dialog.teacher.setEditText("Nobody We Know")
    dialog._on_save()
    assert "isn't on your roster" in dialog.messages["teacher"].text()
    assert dialog.messages["teacher"].isVisible()
    assert dialog.saved is None
    assert len(list_activities(log.store)) == 30


def test_a_fixed_field_clears_its_message_as_the_coach_types(log, qtbot):
    dialog = ActivityFormDialog(log.store, [], TODAY, kind=PD)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._on_save()
    assert dialog.messages["topic"].isVisible()
    assert dialog.focusWidget() is dialog.topic
    qtbot.keyClicks(dialog.topic, "Padlet")
    assert not dialog.messages["topic"].isVisible()


def test_the_feedback_box_cannot_hold_a_score_below_one(log, qtbot):
    dialog = ActivityFormDialog(log.store, [], TODAY, kind=PD)
    qtbot.addWidget(dialog)
    dialog.topic.setText("Padlet")
    dialog.feedback.setValue(0.5)  # the spin box holds it at its "No score" minimum
    dialog._on_save()
    assert dialog.saved is not None
    saved = next(a for a in list_activities(log.store) if a.id == dialog.saved)
    assert saved.feedback_score is None


def test_a_store_error_is_shown_and_nothing_claims_saved(log, qtbot, recorder, monkeypatch):
    def broken(*_args, **_kwargs):
        raise StoreError("The disk is full. Free some space, then save again.")

    monkeypatch.setattr(form_module, "save_activity", broken)
    dialog = ActivityFormDialog(log.store, [], TODAY, kind=PD)
    qtbot.addWidget(dialog)
    dialog.topic.setText("Padlet")
    dialog._on_save()
    assert recorder.errors == [("Not saved", "The disk is full. Free some space, then save again.")]
    assert dialog.saved is None


# Editing and deleting ------------------------------------------------------------------------


def test_enter_edits_the_selected_activity(log, qtbot, monkeypatch):
    screen = log.screen
    qtbot.keyClicks(screen.filter_edit, "Tyrone")
    select_first(screen)
    original = screen.current_activity()

    def fill(dialog):
        assert dialog.windowTitle() == "Edit informal contact"
        assert dialog.teacher.currentText() == "Tyrone Washington"
        assert dialog.topic.text() == original.topic
        dialog.minutes.setValue(25)

    fill_with(monkeypatch, fill)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    edited = next(a for a in list_activities(log.store) if a.id == original.id)
    assert edited.minutes == 25 and edited.teacher_id == original.teacher_id
    assert column(screen, MINUTES) == ["25"]
    assert log.messages[-1] == f"Saved the contact “{original.topic}”."
    assert len(list_activities(log.store)) == 30


def test_moving_an_activity_to_another_year_follows_it_there(log, monkeypatch):
    screen = log.screen
    select_first(screen)
    moved = screen.current_activity()

    def fill(dialog):
        dialog.occurred_on.setDate(dialog.occurred_on.date().addYears(-1))

    fill_with(monkeypatch, fill)
    screen.edit_current()
    assert screen.year_combo.currentText() == "2025-2026"
    assert screen.current_activity().id == moved.id
    assert screen.totals_label.text().startswith("PD: 1 session · 0.8 hours")
    assert [screen.year_combo.itemText(i) for i in range(screen.year_combo.count())] == [
        "2026-2027",
        "2025-2026",
    ]


def test_delete_then_ctrl_z_restores_the_activity(log, qtbot):
    screen = log.screen
    qtbot.keyClicks(screen.filter_edit, "Tyrone")
    select_first(screen)
    doomed = screen.current_activity()
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    assert doomed.id not in {a.id for a in list_activities(log.store)}
    assert screen.proxy.rowCount() == 0
    assert log.messages[-1] == (
        "Deleted the contact “Shared a digital citizenship lesson”. Ctrl+Z undoes it."
    )
    assert log.counts[-1].startswith("11 PD sessions · 13.0 h · 18 contacts")
    qtbot.keyClick(screen.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doomed.id in {a.id for a in list_activities(log.store)}
    assert column(screen, WHO) == ["Tyrone Washington"]
    assert log.messages[-1].startswith("Restored the contact")
    log.undo_stack.redo()
    assert doomed.id not in {a.id for a in list_activities(log.store)}


def test_reloads_when_another_screen_changes_activities(log, qtbot):
    save_activity(
        log.store,
        ActivityInput(kind=PD, occurred_on=TODAY, topic="Logged elsewhere", minutes=30),
    )
    log.events.announce("activities")
    qtbot.waitUntil(lambda: log.screen.proxy.rowCount() == 31)


def test_a_hidden_screen_reloads_when_shown_again(log, qtbot):
    log.screen.hide()
    save_activity(
        log.store,
        ActivityInput(kind=PD, occurred_on=TODAY, topic="Logged while away", minutes=30),
    )
    log.events.announce("all")
    assert log.screen.proxy.rowCount() == 30
    log.screen.show()
    assert log.screen.proxy.rowCount() == 31


# Empty years, hostile text, the model ---------------------------------------------------------


def test_an_empty_year_shows_the_empty_state_with_both_log_buttons(empty_log, monkeypatch):
    screen = empty_log.screen
    assert screen.pages.currentWidget() is screen.empty
    assert set(screen.empty.buttons) == {"Log a PD session…", "Log a contact…"}
    assert screen.year_combo.currentText() == "2026-2027"
    assert empty_log.counts[-1] == "0 PD sessions · 0.0 h · 0 contacts"

    def fill(dialog):
        assert dialog.kind() == CONTACT
        dialog.topic.setText("Quick question about Seesaw")
        dialog.audience.setText("Grade 1 team")

    fill_with(monkeypatch, fill)
    screen.empty.buttons["Log a contact…"].click()
    assert screen.pages.currentWidget() is not screen.empty
    assert column(screen, TOPIC) == ["Quick question about Seesaw"]


def test_markup_in_a_topic_shows_exactly_as_typed(empty_log):
    save_activity(
        empty_log.store,
        ActivityInput(
            kind=PD,
            occurred_on=TODAY,
            topic="<b>Tables & chairs</b>",
            audience="Nguyễn's team",
            minutes=30,
            notes="<script>x</script>",
        ),
    )
    screen = empty_log.screen
    screen.reload()
    assert column(screen, TOPIC) == ["<b>Tables & chairs</b>"]
    tooltip = screen.proxy.index(0, TOPIC).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;Tables &amp; chairs&lt;/b&gt;" in tooltip
    assert "<script>" not in tooltip
    assert column(screen, ATTENDEES) == [""]


def test_activity_models_pass_qtmodeltester(qtmodeltester, log):
    qtmodeltester.check(log.screen.model)
    qtmodeltester.check(log.screen.proxy)


def test_main_window_ctrl_n_on_the_activity_screen_logs_an_activity(window, monkeypatch):
    seen = fill_with(monkeypatch, lambda dialog: dialog.topic.setText("Flip for reflections"))
    window.show_screen("activity")
    window.actions_by_name["new"].trigger()
    assert [dialog.kind() for dialog in seen] == [PD]
    assert window.current_screen() == "activity"
    assert column(window.activity, TOPIC) == ["Flip for reflections"]
    assert window.counts_label.text() == "1 PD session · 1.0 h · 0 contacts"
    window.actions_by_name["find"].trigger()
    assert window.activity.filter_edit.hasFocus()
