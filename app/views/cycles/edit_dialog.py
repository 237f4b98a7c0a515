"""Edit a cycle after it starts: its focus, and the period and room of the sessions ahead."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from app.services.cycles import CycleDetail, CycleEdit, edit_cycle
from app.services.errors import ValidationError
from app.store import Store
from app.views.common.saving import saved
from app.views.common.widgets import FieldMessage, heading, muted
from app.views.teachers.changed import AsksBeforeOverwriting


def where_hint(detail: CycleDetail) -> str:
    ahead = sum(1 for s in detail.sessions if s.done_on is None)
    if ahead == 0:
        return "Every session is done, so period and room stay as they were."
    sessions = "session" if ahead == 1 else f"{ahead} sessions"
    done = len(detail.sessions) - ahead
    kept = f" The {done} done keep where they happened." if done else ""
    return f"A new period or room applies to the {sessions} not done yet.{kept}"


class EditCycleDialog(AsksBeforeOverwriting, QDialog):
    def __init__(self, store: Store, detail: CycleDetail, parent=None):
        super().__init__(parent)
        self._store = store
        self._detail = detail
        self.moved = 0
        self._loaded_at = detail.updated_at
        self.setWindowTitle(f"Edit the cycle with {detail.row.teacher_name}")
        self.setMinimumWidth(460)
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        detail = self._detail
        ahead = any(s.done_on is None for s in detail.sessions)
        self.focus = QLineEdit(detail.row.focus)
        self.focus.setPlaceholderText("A tool or strategy, e.g. Nearpod virtual labs")
        self.focus.setAccessibleName("Focus")
        self.period = QLineEdit(detail.period)
        self.period.setPlaceholderText("e.g. Period 3")
        self.period.setAccessibleName("Period")
        self.room = QLineEdit(detail.room)
        self.room.setAccessibleName("Room")
        for editor in (self.period, self.room):
            editor.setEnabled(ahead)
        self.message = FieldMessage()
        form = QFormLayout()
        form.addRow("&Focus", self.focus)
        form.addRow("", self.message)
        form.addRow("&Period", self.period)
        form.addRow("&Room", self.room)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Edit the cycle", 3))
        layout.addLayout(form)
        layout.addWidget(muted(where_hint(detail)))
        layout.addStretch()
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.focus.textEdited.connect(lambda _text: self.message.show_message(None))

    def current_edit(self) -> CycleEdit:
        return CycleEdit(focus=self.focus.text(), period=self.period.text(), room=self.room.text())

    def _on_save(self) -> None:
        if saved(
            self,
            self._write,
            invalid=self._show_problem,
            changed=lambda exc: self._settle_change(exc, lambda: self._on_save()),
        ):
            self.accept()

    def _write(self) -> None:
        self.moved = edit_cycle(
            self._store, self._detail.row.id, self.current_edit(), self._loaded_at
        )

    def _show_problem(self, exc: ValidationError) -> None:
        self.message.show_message(str(exc))
        self.focus.setFocus()
