"""Goal-setting: the student-focused goal with Knight's PEERS checklist, target and measure."""

import uuid
from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from app.models import MeasureKind
from app.services.cycles import MEASURE_LABELS, PEERS, GoalInput, save_goal
from app.services.errors import ValidationError
from app.store import Store
from app.views.common.saving import saved, show_field_messages
from app.views.common.widgets import FieldMessage, fields_above_buttons, fit_to_screen, muted
from app.views.teachers.changed import AsksBeforeOverwriting

NO_VALUE = -1.0  # a spin box's "not set" value, shown as its special text


def value_box(name: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(NO_VALUE, 100_000)
    box.setDecimals(1)
    box.setSpecialValueText("not set")
    box.setValue(NO_VALUE)
    box.setAccessibleName(name)
    return box


def box_value(box: QDoubleSpinBox) -> float | None:
    return None if box.value() == NO_VALUE else box.value()


def set_box_value(box: QDoubleSpinBox, value: float | None) -> None:
    box.setValue(NO_VALUE if value is None else value)


class GoalDialog(AsksBeforeOverwriting, QDialog):
    def __init__(
        self,
        store: Store,
        cycle_id: uuid.UUID,
        goal: GoalInput,
        parent=None,
        loaded_at: datetime | None = None,
    ):
        super().__init__(parent)
        self._store = store
        self._cycle_id = cycle_id
        self._loaded_at = loaded_at
        self.setWindowTitle("Goal-setting")
        self.setMinimumWidth(560)
        self._build_layout()
        self._connect_signals()
        self._load(goal)
        fit_to_screen(self)

    def _build_layout(self) -> None:
        self.goal = QPlainTextEdit()
        self.goal.setPlaceholderText(
            "What students will do, e.g. “Students will sustain on-task talk in small groups "
            "during Nearpod labs.”"
        )
        self.goal.setTabChangesFocus(True)
        self.goal.setFixedHeight(70)
        self.goal.setAccessibleName("Student-focused goal")
        self.peers: dict[str, QCheckBox] = {}
        peers_box = QGroupBox("PEERS: is the goal…")
        peers_layout = QVBoxLayout(peers_box)
        for field, label, hint in PEERS:
            check = QCheckBox(label)
            check.setToolTip(hint)
            check.setAccessibleName(f"PEERS: {label}")
            check.setAccessibleDescription(hint)
            self.peers[field] = check
            peers_layout.addWidget(check)
            note = muted(hint)
            note.setContentsMargins(24, 0, 0, 4)
            peers_layout.addWidget(note)
        self.target = QLineEdit()
        self.target.setPlaceholderText("I can… (the student learning target)")
        self.target.setAccessibleName("Student learning target")
        self.measure = QComboBox()
        for kind in MeasureKind:
            self.measure.addItem(MEASURE_LABELS[kind], kind.value)
        self.measure.setAccessibleName("How progress is measured")
        self.measure_description = QLineEdit()
        self.measure_description.setPlaceholderText("e.g. 5-minute sweeps, whole class")
        self.measure_description.setAccessibleName("Measure details")
        self.baseline = value_box("Baseline")
        self.target_value = value_box("Target")
        self.messages = {
            key: FieldMessage()
            for key in ("measure_kind", "measure_description", "baseline_value", "target_value")
        }
        form = QFormLayout()
        form.addRow("&Goal", self.goal)
        form.addRow("Learning &target", self.target)
        form.addRow("&Measured by", self.measure)
        form.addRow("", self.messages["measure_kind"])
        form.addRow("&Details", self.measure_description)
        form.addRow("", self.messages["measure_description"])
        form.addRow("&Baseline", self.baseline)
        form.addRow("", self.messages["baseline_value"])
        form.addRow("T&arget", self.target_value)
        form.addRow("", self.messages["target_value"])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        # The PEERS hints make a tall form: it scrolls on a small screen, the buttons stay.
        self.body = fields_above_buttons(self, (form, peers_box), self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.measure.currentIndexChanged.connect(self._on_measure_changed)

    def _load(self, goal: GoalInput) -> None:
        self.goal.setPlainText(goal.goal)
        for field, check in self.peers.items():
            check.setChecked(bool(getattr(goal, field)))
        self.target.setText(goal.learning_target)
        self.measure.setCurrentIndex(max(0, self.measure.findData(goal.measure_kind)))
        self.measure_description.setText(goal.measure_description)
        set_box_value(self.baseline, goal.baseline_value)
        set_box_value(self.target_value, goal.target_value)
        self._on_measure_changed()

    def _on_measure_changed(self, *_args) -> None:
        percent = self.measure.currentData() == MeasureKind.TIME_ON_TASK
        for box in (self.baseline, self.target_value):
            box.setSuffix(" %" if percent else "")

    def current_goal(self) -> GoalInput:
        return GoalInput(
            goal=self.goal.toPlainText(),
            learning_target=self.target.text(),
            measure_kind=self.measure.currentData(),
            measure_description=self.measure_description.text(),
            baseline_value=box_value(self.baseline),
            target_value=box_value(self.target_value),
            **{field: check.isChecked() for field, check in self.peers.items()},
        )

    def _on_save(self) -> None:
        if saved(
            self,
            lambda: save_goal(self._store, self._cycle_id, self.current_goal(), self._loaded_at),
            invalid=self._show_problems,
            changed=lambda exc: self._settle_change(exc, lambda: self._on_save()),
        ):
            self.accept()

    def _show_problems(self, exc: ValidationError) -> None:
        show_field_messages(self.messages, exc)
        fit_to_screen(self)
