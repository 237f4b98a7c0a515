"""The reflective debrief: the final value, whether the goal was met, reflection, what next."""

import uuid
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from app.models import CycleOutcome, MeasureKind
from app.services.cycles import (
    MAX_EXTEND_WEEKS,
    OUTCOME_LABELS,
    CycleDetail,
    DebriefInput,
    debrief_contradiction,
    extension_dates,
    goal_met_by_numbers,
    goal_met_reason,
    record_debrief,
)
from app.services.errors import ValidationError
from app.store import Store
from app.text import goal_value, weekday_day
from app.views.activity.count_box import CountBox
from app.views.common import dialogs
from app.views.common.saving import saved
from app.views.common.widgets import DayDateEdit, FieldMessage, heading, muted
from app.views.cycles.goal_dialog import box_value, set_box_value, value_box
from app.views.teachers.changed import AsksBeforeOverwriting

GOAL_MET = (("Not decided yet", None), ("Yes, the goal was met", True), ("Not yet", False))


class DebriefDialog(AsksBeforeOverwriting, QDialog):
    def __init__(self, store: Store, detail: CycleDetail, today: date, parent=None):
        super().__init__(parent)
        self._store = store
        self._detail = detail
        self._cycle_id: uuid.UUID = detail.row.id
        self._today = today
        self._loaded_at = detail.updated_at
        # Once the coach picks "Goal met" by hand, the numbers no longer change it.
        self._met_chosen = detail.goal_met is not None
        self.setWindowTitle(f"Debrief with {detail.row.teacher_name}")
        self.setMinimumWidth(520)
        self._build_layout(detail, today)
        self._connect_signals()
        self._on_final_changed()
        self._on_outcome_changed()

    def _build_layout(self, detail: CycleDetail, today: date) -> None:
        goal = detail.goal
        percent = goal.measure_kind == MeasureKind.TIME_ON_TASK
        self.final = value_box("Final value")
        self.final.setSuffix(" %" if percent else "")
        set_box_value(self.final, detail.final_value)
        self.goal_met = QComboBox()
        for label, value in GOAL_MET:
            self.goal_met.addItem(label, value)
        self.goal_met.setCurrentIndex([v for _, v in GOAL_MET].index(detail.goal_met))
        self.goal_met.setAccessibleName("Goal met")
        self.suggestion = muted("")
        self.suggestion.setAccessibleName("What the numbers say")
        self.reflection = QPlainTextEdit(detail.teacher_reflection)
        self.reflection.setTabChangesFocus(True)
        self.reflection.setAccessibleName("Teacher's reflection")
        self.reflection_shareable = QCheckBox("Share the reflection in the teacher report")
        self.reflection_shareable.setChecked(detail.reflection_shareable)
        self.reflection_shareable.setToolTip(
            "Off: the reflection stays in your notebook. On: the teacher report and the "
            "portfolio print it for the principal."
        )
        self.next_steps = QPlainTextEdit(detail.next_steps)
        self.next_steps.setTabChangesFocus(True)
        self.next_steps.setFixedHeight(64)
        self.next_steps.setAccessibleName("Next steps")
        self.outcome = QComboBox()
        self.outcome.addItem("Decide later", None)
        for outcome in CycleOutcome:
            self.outcome.addItem(OUTCOME_LABELS[outcome], outcome.value)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(detail.outcome)))
        self.outcome.setAccessibleName("What comes next")
        self.extend_weeks = QSpinBox()
        already = detail.outcome == CycleOutcome.EXTEND
        self.extend_weeks.setRange(0 if already else 1, MAX_EXTEND_WEEKS)
        self.extend_weeks.setSpecialValueText("No more weeks")
        self.extend_weeks.setValue(0 if already else 2)
        self.extend_weeks.setSuffix(" weeks")
        self.extend_weeks.setAccessibleName("Extend by")
        self.extend_hint = muted("")
        self.extend_hint.setAccessibleName("What extending changes")
        debrief = next((s for s in detail.sessions if s.kind == "debrief"), None)
        self.mark_done = QCheckBox("The debrief took place on")
        self.mark_done.setChecked(True)
        start = debrief.done_on if debrief and debrief.done_on else today
        self.done_on = DayDateEdit(QDate(start.year, start.month, start.day))
        self.done_on.setCalendarPopup(True)
        self.done_on.setDisplayFormat("ddd MMM d, yyyy")
        self.done_on.setAccessibleName("Debrief date")
        self.minutes = CountBox(600, floor=1)
        self.minutes.setSuffix(" min")
        self.minutes.setValue((debrief.duration_minutes if debrief else None) or 30)
        self.minutes.setAccessibleName("Debrief duration")
        self.message = FieldMessage()
        self.done_message = FieldMessage()
        baseline = goal_value(goal.baseline_value, percent)
        target = goal_value(goal.target_value, percent)
        form = QFormLayout()
        form.addRow("&Final value", self.final)
        form.addRow("", self.message)
        form.addRow("Goal &met?", self.goal_met)
        form.addRow("", self.suggestion)
        form.addRow("Teacher's &reflection", self.reflection)
        form.addRow("", self.reflection_shareable)
        form.addRow("&Next steps", self.next_steps)
        form.addRow("&What comes next", self.outcome)
        form.addRow("Extend &by", self.extend_weeks)
        form.addRow("", self.extend_hint)
        form.addRow(self.mark_done, self.done_on)
        form.addRow("&Duration", self.minutes)
        form.addRow("", self.done_message)
        self.form = form
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Reflective debrief", 3))
        layout.addWidget(muted(f"Goal: {goal.goal or 'not written yet'}"))
        layout.addWidget(muted(f"Baseline {baseline} · target {target}"))
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.mark_done.toggled.connect(self.done_on.setEnabled)
        self.mark_done.toggled.connect(self.minutes.setEnabled)
        self.final.valueChanged.connect(self._on_final_changed)
        self.goal_met.activated.connect(self._on_met_chosen)
        self.outcome.currentIndexChanged.connect(self._on_outcome_changed)
        self.extend_weeks.valueChanged.connect(self._on_outcome_changed)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    def _on_met_chosen(self, _index: int) -> None:
        self._met_chosen = True

    def _on_final_changed(self, *_args) -> None:
        goal = self._detail.goal
        final = box_value(self.final)
        self.suggestion.setText(goal_met_reason(goal, final))
        self.suggestion.setVisible(bool(self.suggestion.text()))
        met = goal_met_by_numbers(goal.baseline_value, goal.target_value, final)
        if met is not None and not self._met_chosen:
            self.goal_met.setCurrentIndex([v for _, v in GOAL_MET].index(met))

    def _extending(self) -> bool:
        return self.outcome.currentData() == CycleOutcome.EXTEND

    def _on_outcome_changed(self, *_args) -> None:
        extending = self._extending()
        self.form.setRowVisible(self.extend_weeks, extending)
        self.form.setRowVisible(self.extend_hint, extending)
        moving = extending and self.extend_weeks.value() > 0
        # Extending means the debrief is still to come, on its new date.
        if not moving and not self.mark_done.isEnabled():
            self.mark_done.setChecked(True)
        self.mark_done.setEnabled(not moving)
        if moving:
            self.mark_done.setChecked(False)
            end, debrief = extension_dates(self._detail, self.extend_weeks.value())
            moved = f"; the debrief moves to {weekday_day(debrief)}" if debrief else ""
            self.extend_hint.setText(f"The cycle will end {weekday_day(end)}{moved}.")
        elif extending:
            self.extend_hint.setText("Already extended: the dates stay as they are.")

    def current_debrief(self) -> DebriefInput:
        done = self.mark_done.isChecked()
        return DebriefInput(
            final_value=box_value(self.final),
            goal_met=self.goal_met.currentData(),
            teacher_reflection=self.reflection.toPlainText(),
            reflection_shareable=self.reflection_shareable.isChecked(),
            next_steps=self.next_steps.toPlainText(),
            outcome=self.outcome.currentData(),
            done_on=self.done_on.date().toPython() if done else None,
            duration_minutes=self.minutes.value() if done else None,
            extend_weeks=self.extend_weeks.value() if self._extending() else 0,
        )

    def _on_save(self) -> None:
        debrief = self.current_debrief()
        contradiction = debrief_contradiction(self._detail.goal, debrief)
        if contradiction and not dialogs.confirm(
            self, "Goal met?", f"{contradiction} Save it anyway?", "Save anyway"
        ):
            self.goal_met.setFocus()
            return
        self._save(debrief)

    def _save(self, debrief: DebriefInput) -> None:
        if saved(
            self,
            lambda: record_debrief(
                self._store, self._cycle_id, debrief, self._today, self._loaded_at
            ),
            invalid=self._show_problems,
            changed=lambda exc: self._settle_change(exc, lambda: self._save(debrief)),
        ):
            self.accept()

    def _show_problems(self, exc: ValidationError) -> None:
        done_keys = ("done_on", "duration_minutes")
        self.done_message.show_message(" ".join(m for k, m in exc.errors.items() if k in done_keys))
        self.message.show_message(" ".join(m for k, m in exc.errors.items() if k not in done_keys))
