"""The unexpected-error dialog: what happened, that nothing saved is lost, and a copyable report."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)


class CrashDialog(QDialog):
    def __init__(self, report: str, log_path: Path | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.resize(640, 420)
        where = (
            f"A copy is in {log_path}."
            if log_path
            else "The report could not be written to the data folder (is the disk full?)."
        )
        message = QLabel(
            "Coachbook hit an unexpected error. Everything you saved is safe: each change is "
            "written the moment you make it. You can go on working, or restart Coachbook if "
            f"something looks wrong.\n\nIf you report it, copy the text below. {where}"
        )
        message.setWordWrap(True)
        message.setTextFormat(Qt.TextFormat.PlainText)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Error report")
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy report")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())
        self.copy_button.setText("Copied")
