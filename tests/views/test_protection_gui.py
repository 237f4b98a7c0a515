"""The app with a protected notebook: the passphrase dialog on open, protect / change /
remove from the window, the lock after idle, the Settings panel and the welcome's choice."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from notebook_damage import add_teachers
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel

from app import backups
from app.services.observations import ObservationStart, start_observation
from app.services.teachers import list_teachers
from app.store import Store, protect
from app.views.settings.protection import ProtectionPanel, lock_after_minutes
from app.views.shell import passphrase_dialog
from app.views.shell.application import NotebookController, create_application
from app.views.shell.lock_screen import IdleLock
from app.views.shell.main_window import MainWindow
from app.views.shell.passphrase_dialog import PassphraseDialog
from app.views.shell.protection_flow import DECRYPT_BACKUPS, ENCRYPT_BACKUPS

PASSPHRASE = "seven bridges of town"
NEW = "autumn leaves on oak street"
NAME = "Philippa Ravensworth"


class Answers:
    """Stands in for the passphrase dialogs: answers in turn, records what was asked."""

    def __init__(self, monkeypatch):
        self.typed: list[str | None] = []
        self.new: list[str | None] = []
        self.problems: list[str | None] = []
        monkeypatch.setattr(passphrase_dialog, "ask_passphrase", self._ask)
        monkeypatch.setattr(passphrase_dialog, "ask_new_passphrase", self._ask_new)

    def _ask(self, _parent, _title, _text, problem=None):
        self.problems.append(problem)
        return self.typed.pop(0) if self.typed else None

    def _ask_new(self, *_args):
        return self.new.pop(0) if self.new else None


@pytest.fixture
def answers(monkeypatch) -> Answers:
    return Answers(monkeypatch)


@pytest.fixture
def controller(qtbot, recorder):
    made = NotebookController(create_application())
    made.offer_resume = False
    yield made
    if made.window is not None:
        made.window.close()
    made.shutdown()


@pytest.fixture
def protected_path(db_path):
    with Store.open(db_path, exclusive=True) as store:
        add_teachers(store, 2, NAME)
        protect(store, PASSPHRASE).close()
    return db_path


def test_a_protected_notebook_asks_again_after_a_wrong_passphrase_then_opens(
    controller, answers, protected_path
):
    answers.typed = ["seven bridges of TOWN", PASSPHRASE]
    assert controller.open(protected_path)
    assert answers.problems == [
        None,
        "That passphrase doesn't open “notebook.sqlite3”. Check it (is Caps Lock on?) and "
        "try again.",
    ]
    assert controller.store.protected
    assert len(list_teachers(controller.store)) == 2


def test_cancelling_the_passphrase_opens_nothing(controller, answers, protected_path, recorder):
    assert not controller.open(protected_path)
    assert controller.window is None
    assert recorder.errors == []


def test_protecting_from_the_window_encrypts_the_notebook_and_reopens_it(
    qtbot, controller, answers, recorder, db_path
):
    with Store.open(db_path, exclusive=True) as store:
        add_teachers(store, 2, NAME)
        store.backup()
    assert controller.open(db_path)
    old_window = controller.window
    answers.new = [PASSPHRASE]
    recorder.choice = ENCRYPT_BACKUPS
    controller._on_protection_requested("protect")
    assert recorder.errors == []
    assert controller.window is not old_window
    assert controller.store.protected
    assert "Protected" in controller.window.statusBar().currentMessage()
    assert NAME.encode() not in db_path.read_bytes()
    assert all(backups.is_protected_file(b.path) for b in backups.list_backups(db_path))
    file_menu = controller.window.menuBar().actions()[0].menu()
    assert "Change &passphrase…" in [a.text() for a in file_menu.actions()]


def test_changing_and_removing_protection_from_the_window(
    controller, answers, recorder, protected_path
):
    answers.typed = [PASSPHRASE]
    assert controller.open(protected_path)
    # Changing asks for the passphrase in use first, and again after a wrong one.
    answers.typed = ["not it", PASSPHRASE]
    answers.new = [NEW]
    controller._on_protection_requested("change")
    assert recorder.errors == []
    assert answers.problems[-1].startswith("That isn't this notebook's passphrase")
    assert controller.store.passphrase_matches(NEW)
    assert all(backups.opens_with(b.path, NEW) for b in backups.list_backups(protected_path))

    answers.typed = [NEW]
    recorder.confirm_answer = True
    recorder.choice = DECRYPT_BACKUPS
    controller._on_protection_requested("remove")
    assert recorder.errors == []
    assert recorder.confirms[-1] == "Remove protection?"
    assert not controller.store.protected
    assert protected_path.read_bytes().startswith(b"SQLite format 3")
    assert not any(backups.is_protected_file(b.path) for b in backups.list_backups(protected_path))


def test_declining_to_remove_protection_changes_nothing(
    controller, answers, recorder, protected_path
):
    answers.typed = [PASSPHRASE]
    assert controller.open(protected_path)
    window = controller.window
    recorder.confirm_answer = False
    controller._on_protection_requested("remove")
    assert controller.window is window and controller.store.protected


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def protected_window(qtbot, protected_path, recorder):
    store = Store.open(protected_path, exclusive=True, passphrase=PASSPHRASE)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    clock = Clock()
    window.idle_lock.stop()
    window.idle_lock = IdleLock(window, lambda: 15, clock)
    yield window, clock
    window.close()
    store.close()


def test_the_window_locks_after_idle_and_unlocks_with_the_passphrase(qtbot, protected_window):
    window, clock = protected_window
    lock = window.idle_lock
    clock.now += 14 * 60
    lock.check()
    assert not lock.locked
    clock.now += 61
    lock.check()
    assert lock.locked
    assert not window.centralWidget().isVisible() and not window.menuBar().isVisible()
    dialog = lock.dialog
    assert dialog.isVisible()
    dialog.reject()  # Escape leaves it locked
    assert lock.locked

    qtbot.keyClicks(dialog.field.edit, "wrong guess")
    qtbot.keyClick(dialog.field.edit, Qt.Key.Key_Return)
    assert lock.locked
    assert dialog.message.text().startswith("That passphrase doesn't open this notebook")
    dialog.field.edit.clear()
    qtbot.keyClicks(dialog.field.edit, PASSPHRASE)
    with qtbot.waitSignal(lock.sig_unlocked):
        qtbot.keyClick(dialog.field.edit, Qt.Key.Key_Return)
    assert not lock.locked
    assert window.centralWidget().isVisible() and window.menuBar().isVisible()


def test_input_keeps_the_window_unlocked(qtbot, protected_window):
    window, clock = protected_window
    clock.now += 14 * 60
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)
    clock.now += 5 * 60
    window.idle_lock.check()
    assert not window.idle_lock.locked


def test_the_window_never_locks_while_a_lesson_is_recorded(qtbot, protected_window):
    window, clock = protected_window
    teacher = list_teachers(window.store)[0].id
    started = datetime.now(UTC)
    observation = start_observation(
        window.store, ObservationStart(teacher, started.date(), students_present=20), started
    )
    window.show_screen("observations")
    window.observations.resume(observation)
    assert window.is_recording()
    clock.now += 60 * 60
    window.idle_lock.check()
    assert not window.idle_lock.locked


def test_a_plain_notebook_never_locks(window):
    assert window.idle_lock is None
    assert "&Protect with a passphrase…" in [
        a.text() for a in window.menuBar().actions()[0].menu().actions()
    ]


def test_the_settings_panel_saves_the_lock_time_and_asks_for_actions(qtbot):
    panel = ProtectionPanel(protected=True)
    qtbot.addWidget(panel)
    assert panel.protect_button.isHidden() and not panel.change_button.isHidden()
    panel.lock_minutes.setValue(5)
    assert lock_after_minutes() == 5
    with qtbot.waitSignal(panel.sig_action_requested) as asked:
        panel.remove_button.click()
    assert asked.args == ["remove"]
    plain = ProtectionPanel(protected=False)
    qtbot.addWidget(plain)
    assert not plain.protect_button.isHidden() and not plain.lock_minutes.isEnabled()


def test_the_new_passphrase_dialog_warns_and_checks_before_accepting(qtbot):
    dialog = PassphraseDialog("Protect", "Intro", action="Protect", new=True)
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "If it is forgotten, nobody" in shown and "everything in it is lost" in shown
    dialog.field.edit.setText(PASSPHRASE)
    dialog.repeat.edit.setText(PASSPHRASE + "x")
    dialog.ok_button.click()
    assert dialog.message.text() == "The two passphrases differ; type the same one twice."
    dialog.repeat.edit.setText(PASSPHRASE)
    dialog.ok_button.click()
    assert dialog.message.text().startswith("Tick the box")
    dialog.understood.setChecked(True)
    dialog.ok_button.click()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert dialog.passphrase == PASSPHRASE


def test_the_passphrase_field_shows_and_hides_and_hints_at_caps_lock(qtbot):
    dialog = PassphraseDialog("Open", "Intro")
    qtbot.addWidget(dialog)
    edit = dialog.field.edit
    assert edit.echoMode() == edit.EchoMode.Password
    dialog.field.show_button.click()
    assert edit.echoMode() == edit.EchoMode.Normal
    assert dialog.field.show_button.text() == "Hide"
    dialog.show()

    def press(text: str, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, modifiers, text)
        QApplication.sendEvent(edit, event)

    press("A")  # an upper-case letter without Shift
    assert dialog.caps_hint.isVisible()
    press("a")
    assert not dialog.caps_hint.isVisible()
    press("a", Qt.KeyboardModifier.ShiftModifier)  # Shift gave a lower-case letter
    assert dialog.caps_hint.isVisible()


def test_the_welcome_can_start_a_protected_notebook(controller, answers, monkeypatch):
    from app.paths import default_db_path
    from app.views.shell import welcome

    def accept_protected(self):
        self.choice, self.protect = welcome.START_NOTEBOOK, True
        return True

    monkeypatch.setattr(welcome.WelcomeDialog, "exec", accept_protected)
    answers.new = [PASSPHRASE]
    path = controller.choose_path(startup_check=False)
    assert path == default_db_path()
    assert controller.open(path)
    assert controller.store.protected
    assert backups.is_protected_file(path)


def test_nothing_from_a_protected_notebook_is_written_in_plain_text_elsewhere(
    qtbot, controller, answers, protected_path, tmp_path
):
    import os
    import stat
    import tempfile

    from app.paths import data_dir
    from app.views.shell.crash import CrashHandler

    temp_before = set(os.listdir(tempfile.gettempdir()))
    answers.typed = [PASSPHRASE]
    assert controller.open(protected_path)
    window = controller.window
    window.show_screen("teachers")
    qtbot.waitUntil(lambda: window.teachers.isVisible())
    handler = CrashHandler(lambda: controller.store.path, lambda: controller.store.protected)
    try:
        raise KeyError(f"{NAME} 0000 and her note")
    except KeyError as exc:
        handler.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: (data_dir() / "coachbook-errors.log").exists())
    window.close()
    controller.shutdown()

    report = handler.reports[0]
    assert "KeyError" in report and "message left out" in report and NAME not in report
    log = data_dir() / "coachbook-errors.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    written = [p for p in data_dir().rglob("*") if p.is_file()]
    written += [p for p in protected_path.parent.rglob("*") if p.is_file()]
    new_temps = set(os.listdir(tempfile.gettempdir())) - temp_before
    written += [Path(tempfile.gettempdir()) / n for n in new_temps]
    for path in written:
        if path.is_file():
            assert NAME.encode() not in path.read_bytes(), path
            assert NAME.encode("utf-16-le") not in path.read_bytes(), path


def test_a_plain_notebooks_crash_report_keeps_the_message(qtbot):
    from app.views.shell.crash import crash_report

    try:
        raise ValueError("Room 204 is full")
    except ValueError as exc:
        assert "ValueError: Room 204 is full" in crash_report(
            type(exc), exc, exc.__traceback__, None, protected=False
        )


def test_enter_in_the_passphrase_field_opens_rather_than_showing_it(qtbot):
    dialog = PassphraseDialog("Open", "Intro")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.field.edit, PASSPHRASE)
    qtbot.keyClick(dialog.field.edit, Qt.Key.Key_Return)
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert dialog.passphrase == PASSPHRASE
    assert dialog.field.edit.echoMode() == dialog.field.edit.EchoMode.Password


def test_restoring_an_encrypted_backup_into_a_plain_notebook_asks_for_its_passphrase(
    controller, answers, recorder, protected_path
):
    from app.store import remove_protection

    remove_protection(Store.open(protected_path, exclusive=True, passphrase=PASSPHRASE)).close()
    assert controller.open(protected_path)
    oldest = backups.list_backups(protected_path)[-1].path
    answers.typed = ["not the one", PASSPHRASE]
    controller._on_restore_requested(oldest)
    assert recorder.errors == []
    assert answers.problems[-1].startswith("That passphrase doesn't open")
    assert "Restored the backup." in controller.window.statusBar().currentMessage()
    assert not controller.store.protected  # the notebook keeps the protection it has now
    assert len(list_teachers(controller.store)) == 2
