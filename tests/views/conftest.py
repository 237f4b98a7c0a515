"""View fixtures: a main window on a real notebook file, dialogs replaced by recorders."""

import pytest

from app.services.teachers import TeacherForm, save_teacher
from app.views.common import dialogs


class DialogRecorder:
    """Stands in for app.views.common.dialogs: records each question, answers as told."""

    def __init__(self):
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.confirms: list[str] = []
        self.confirm_answer = True
        self.open_path = None
        self.save_path = None
        self.folder = None
        self.choice = None
        self.text_answer: str | None = None
        self.crashes: list[str] = []

    def install(self, monkeypatch) -> None:
        monkeypatch.setattr(
            dialogs, "show_error", lambda _p, title, text: self.errors.append((title, text))
        )
        monkeypatch.setattr(
            dialogs, "show_info", lambda _p, title, text: self.infos.append((title, text))
        )
        monkeypatch.setattr(dialogs, "confirm", self._confirm)
        monkeypatch.setattr(dialogs, "ask_open_path", lambda *_a: self.open_path)
        monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: self.save_path)
        monkeypatch.setattr(dialogs, "ask_folder", lambda *_a: self.folder)
        monkeypatch.setattr(dialogs, "choose", lambda *_a: self.choice)
        monkeypatch.setattr(dialogs, "ask_text", lambda *_a, **_k: self.text_answer)
        monkeypatch.setattr(
            dialogs, "show_crash", lambda _p, report, _log: self.crashes.append(report)
        )

    def _confirm(self, _parent, title, _text, _action="OK") -> bool:
        self.confirms.append(title)
        return self.confirm_answer


@pytest.fixture
def recorder(monkeypatch) -> DialogRecorder:
    rec = DialogRecorder()
    rec.install(monkeypatch)
    return rec


ROSTER = [
    TeacherForm(
        name="Maria Alvarez",
        school="Lincoln Elementary",
        grades="3",
        subjects="Math",
        room="204",
        email="malvarez@lincoln.k12.us",
    ),
    TeacherForm(
        name="Nguyễn Thị Hương",
        school="Lincoln Elementary",
        grades="K-1",
        subjects="Literacy",
        room="110",
    ),
    TeacherForm(
        name="David Chen",
        school="Roosevelt Middle",
        grades="7, 8",
        subjects="Science",
        room="Lab 2",
    ),
    TeacherForm(
        name="<b>Ms. O'Neil & co</b>", school="Roosevelt Middle", grades="6", subjects="ELA"
    ),
]


@pytest.fixture
def roster_store(store):
    for form in ROSTER:
        save_teacher(store, form)
    return store


@pytest.fixture
def window(qtbot, roster_store, recorder):
    from app.views.shell.main_window import MainWindow

    win = MainWindow(roster_store)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
