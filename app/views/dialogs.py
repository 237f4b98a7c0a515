"""Every question to the user goes through here, so tests can replace these functions."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, action: str = "OK") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    accept = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(accept)
    box.exec()
    return box.clickedButton() is accept


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask_open_path(parent: QWidget | None, caption: str, name_filter: str) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, caption, str(Path.home()), name_filter)
    return Path(chosen) if chosen else None


def ask_save_path(
    parent: QWidget | None, caption: str, suggested: str, name_filter: str
) -> Path | None:
    start = str(Path.home() / suggested)
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, start, name_filter)
    return Path(chosen) if chosen else None


def choose(parent: QWidget | None, title: str, text: str, options: list[str]) -> str | None:
    """Ask for one of several actions; returns the label chosen, or None for Cancel."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    buttons = {box.addButton(label, QMessageBox.ButtonRole.ActionRole): label for label in options}
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return buttons.get(box.clickedButton())
