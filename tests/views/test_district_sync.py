"""Settings ▸ District and File ▸ Sync now in the window, against a real PostgreSQL."""

import re

import keyring
import psycopg
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt

from app.cli import main
from app.services.district.address import parse_address
from app.services.district.passwords import SERVICE
from app.services.district.records import changes_waiting
from app.services.district.settings import district_settings
from app.services.teachers import TeacherForm, save_teacher
from app.views.settings.dialog import SettingsDialog
from app.views.shell.main_window import MainWindow
from tests.district.test_sync import local_rows, server_rows


class MemoryKeyring(KeyringBackend):
    """Stands in for the operating system's keyring, which this machine has none of."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def coach_line(district_db, capsys) -> str:
    assert main(["district", "init", "--url", district_db]) == 0
    assert main(["district", "add-coach", "--url", district_db, "Ana Ruiz"]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


def save_in_settings(qtbot, store, line: str, share_photos: bool = False) -> SettingsDialog:
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    panel = dialog.district_panel
    panel.connection.setText(line)
    panel.share_photos.setChecked(share_photos)
    dialog._on_save()
    return dialog


def test_the_password_goes_to_the_keyring_and_never_into_the_notebook(
    qtbot, demo_store, coach_line, memory_keyring
):
    dialog = save_in_settings(qtbot, demo_store, coach_line)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    address = parse_address(coach_line)
    saved = district_settings(demo_store)
    assert saved.district_url == address.url(user=address.user)
    assert address.password not in saved.district_url
    assert memory_keyring.passwords[(SERVICE, f"{address.user}@{address.where}")] == (
        address.password
    )
    assert address.password.encode() not in demo_store.path.read_bytes()


def test_a_line_that_is_not_a_connection_says_so_under_the_field(qtbot, demo_store):
    dialog = save_in_settings(qtbot, demo_store, "https://district.example/coachbook")
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "postgresql://" in dialog.district_panel.message.text()
    assert not dialog.district_panel.message.isHidden()
    assert district_settings(demo_store).district_url == ""


def test_sync_now_sends_the_notebook_and_the_status_bar_says_so(
    qtbot, demo_store, coach_line, memory_keyring, recorder
):
    save_in_settings(qtbot, demo_store, coach_line)
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.district_sync.refresh()
    waiting = changes_waiting(demo_store)
    assert window.district_sync.label.text() == f"Not synced yet · {waiting:,} changes waiting"

    with qtbot.waitSignal(window.district_sync.sig_finished, timeout=30000):
        qtbot.keyClick(
            window,
            Qt.Key.Key_S,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert recorder.errors == []
    assert window.district_sync.label.text() == "Synced just now · up to date"
    # The message accounts for every change the status bar said was waiting.
    sent, kept = (
        int(n.replace(",", ""))
        for n in re.findall(
            r"([\d,]+) (?:changes sent|private notes)", window.statusBar().currentMessage()
        )
    )
    assert sent + kept == waiting
    assert server_rows(coach_line) == local_rows(demo_store)


def test_offline_the_status_bar_says_not_connected_and_nothing_is_lost(
    qtbot, demo_store, memory_keyring, recorder
):
    # A port nothing listens on: the district server is out of reach.
    save_in_settings(qtbot, demo_store, "postgresql://coach_ana:secret@127.0.0.1:9/district")
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.district_sync.sig_finished, timeout=30000):
        window.actions_by_name["sync"].trigger()
    assert window.district_sync.label.text().startswith("Not connected: ")
    assert "changes waiting" in window.district_sync.label.text()
    ((_title, text),) = recorder.errors
    assert "Could not reach the district server" in text
    assert "everything stays saved on this laptop" in text


def test_sync_now_without_a_district_says_where_to_set_it_up(qtbot, demo_store, recorder):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.actions_by_name["sync"].trigger()
    assert recorder.infos and "Settings ▸ District" in recorder.infos[0][1]
    assert window.district_sync.label.isHidden()


def test_the_password_is_asked_when_no_keyring_keeps_it(
    qtbot, demo_store, coach_line, recorder, monkeypatch
):
    address = parse_address(coach_line)
    save_in_settings(qtbot, demo_store, address.url(user=address.user))
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    recorder.text_answer = address.password
    with qtbot.waitSignal(window.district_sync.sig_finished, timeout=30000):
        window.actions_by_name["sync"].trigger()
    assert recorder.errors == []
    with psycopg.connect(coach_line) as connection:
        assert connection.execute("SELECT count(*) FROM teacher").fetchone()[0] > 0


def test_the_waiting_count_follows_changes_once_they_settle(qtbot, demo_store, memory_keyring):
    save_in_settings(qtbot, demo_store, "postgresql://coach_ana@127.0.0.1:9/district")
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window.district_sync.refresh()
    before = changes_waiting(demo_store)
    save_teacher(demo_store, TeacherForm(name="Zoe Park"))
    window.events.announce("teachers")
    assert window.district_sync.label.text().endswith(f"{before:,} changes waiting")
    qtbot.waitUntil(
        lambda: window.district_sync.label.text().endswith(f"{before + 1:,} changes waiting"),
        timeout=5000,
    )
