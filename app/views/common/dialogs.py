"""Every question to the user goes through here, so tests can replace these functions.

File dialogs open in the folder the coach last chose a file or folder in (kept in the
window-state settings), else in the home folder.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.views.common.qsettings import last_folder, remember_folder


def _box(icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # names and paths show exactly as typed
    return box


def confirm(parent: QWidget | None, title: str, text: str, action: str = "OK") -> bool:
    box = _box(QMessageBox.Icon.Question, parent, title, text)
    accept = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(accept)
    box.exec()
    return box.clickedButton() is accept


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    _box(QMessageBox.Icon.Warning, parent, title, text).exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    _box(QMessageBox.Icon.Information, parent, title, text).exec()


def start_folder() -> Path:
    """Where the next file dialog opens: the last folder used, if it is still there."""
    folder = last_folder()
    if folder and Path(folder).is_dir():
        return Path(folder)
    return Path.home()


def ask_open_path(parent: QWidget | None, caption: str, name_filter: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, caption, str(start_folder()), name_filter)
    return _remembered(Path(chosen).parent, Path(chosen)) if chosen else None


def ask_save_path(
    parent: QWidget | None, caption: str, suggested: str, name_filter: str
) -> Path | None:
    start = str(start_folder() / suggested)
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, start, name_filter)
    return _remembered(Path(chosen).parent, Path(chosen)) if chosen else None


def ask_folder(parent: QWidget | None, caption: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, caption, str(start_folder()))
    return _remembered(Path(chosen), Path(chosen)) if chosen else None


def _remembered(folder: Path, answer: Path) -> Path:
    remember_folder(str(folder))
    return answer


def choose(parent: QWidget | None, title: str, text: str, options: list[str]) -> str | None:
    """Ask for one of several actions; returns the label chosen, or None for Cancel."""
    box = _box(QMessageBox.Icon.Warning, parent, title, text)
    buttons = {box.addButton(label, QMessageBox.ButtonRole.ActionRole): label for label in options}
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return buttons.get(box.clickedButton())


def ask_text(
    parent: QWidget | None,
    title: str,
    label: str,
    multiline: bool = False,
    *,
    secret: bool = False,
) -> str | None:
    """Ask for a short text (`secret`: typed as dots, for a password); None when cancelled."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    if multiline:
        text, ok = QInputDialog.getMultiLineText(parent, title, label)
    else:
        echo = QLineEdit.EchoMode.Password if secret else QLineEdit.EchoMode.Normal
        text, ok = QInputDialog.getText(parent, title, label, echo)
    return text if ok else None


def show_crash(parent: QWidget | None, report: str, log_path: Path | None) -> None:
    """The unexpected-error dialog with its copyable report."""
    from app.views.shell.crash_dialog import CrashDialog

    CrashDialog(report, log_path, parent).exec()
