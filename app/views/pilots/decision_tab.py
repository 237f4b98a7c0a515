"""The Decision tab: the recommendation with its reasons, then the coach's decision."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import PilotDecision
from app.services.pilots import (
    DECISION_LABELS,
    DecisionForm,
    PilotDetail,
    clear_decision,
    extended_last_day,
    record_decision,
)
from app.text import full_date
from app.views.common import dialogs
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.operations import write_op
from app.views.common.saving import saved, show_field_messages
from app.views.common.style import set_role
from app.views.common.widgets import DayDateEdit, FieldMessage, heading, muted, select_data
from app.views.cycles.start_dialog import to_qdate
from app.views.pilots.number_fields import CountBox
from app.views.pilots.pilot_dialog import CHANGED_TITLE
from app.views.teachers.changed import KEEP_THEIRS, KEEP_YOURS


def form_row(form: QFormLayout, text: str, field: QWidget, *below: QWidget) -> QLabel:
    """A labelled row with the widgets that explain the field under it; returns the label."""
    label = QLabel(text)
    label.setBuddy(field)
    cell = QVBoxLayout()
    cell.setSpacing(2)
    cell.addWidget(field)
    for widget in below:
        cell.addWidget(widget)
    form.addRow(label, cell)
    return label


@dataclass(frozen=True)
class Draft:
    """A decision written but not yet recorded, and the pilot's updated_at it started from."""

    decision: str
    rationale: str
    decided_on: date
    extra_weeks: int
    opened_at: datetime | None


class DecisionTab(TakesContext, QWidget):
    sig_changed = Signal(str)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._take_context(context)
        self._pilot_id = None
        self._view = None
        self._opened_at = None  # the pilot's updated_at when the form was filled
        self._loading = False
        self._edited = False  # the coach changed the form since it was filled
        # Decisions written but not recorded, by pilot, kept while the coach looks elsewhere.
        self._drafts: dict[uuid.UUID, Draft] = {}
        self.recommendation = heading("", 3)
        self.recommendation.setWordWrap(True)
        self.reasons = QLabel("")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.current = QLabel("")
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        set_role(self.notice, "error")
        self.choice = QComboBox()
        self.choice.setAccessibleName("Decision")
        for value, label in DECISION_LABELS.items():
            self.choice.addItem(label, value)
        self.rationale = QPlainTextEdit()
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setPlaceholderText(
            "Why: what the usage, errors and surveys showed, in a sentence or two."
        )
        self.rationale.setFixedHeight(90)
        self.decided_on = DayDateEdit()
        self.decided_on.setCalendarPopup(True)
        self.decided_on.setDisplayFormat("ddd MMM d, yyyy")
        self.decided_on.setAccessibleName("Decided on")
        self.extra_weeks = CountBox(1, 1)
        self.extra_weeks.setSuffix(" more weeks")
        self.extra_weeks.setAccessibleName("Extend by")
        self.extension = muted("")
        self.extension.setAccessibleName("Extended until")
        self.messages = {key: FieldMessage() for key in ("decision", "rationale", "extra_weeks")}
        form = QFormLayout()
        # Each message sits in its field's row, so a hidden one leaves no gap.
        form_row(form, "&Decision", self.choice, self.messages["decision"])
        form_row(form, "&Why", self.rationale, self.messages["rationale"])
        form_row(form, "D&ecided on", self.decided_on)
        self.length_row_label = form_row(
            form, "E&xtend by", self.extra_weeks, self.extension, self.messages["extra_weeks"]
        )
        self.save_button = QPushButton("Record the decision")
        set_role(self.save_button, "primary")
        self.clear_button = QPushButton("Clear the decision")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch()
        self.draft_note = muted("Not recorded yet: press Record the decision to keep it.")
        self.draft_note.setAccessibleName("Decision not recorded yet")
        self.draft_note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(muted("The recommendation follows the rules; the decision is yours."))
        layout.addWidget(self.recommendation)
        layout.addWidget(self.reasons)
        layout.addSpacing(8)
        layout.addWidget(self.current)
        layout.addWidget(self.notice)
        layout.addWidget(heading("Your decision", 1))
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.draft_note)
        layout.addStretch(1)  # the form keeps its height on a tall screen
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self._on_clear)
        self.choice.currentIndexChanged.connect(lambda _i: self._show_length())
        self.extra_weeks.valueChanged.connect(lambda _v: self._show_length())
        for signal in (
            self.choice.currentIndexChanged,
            self.rationale.textChanged,
            self.decided_on.dateChanged,
            self.extra_weeks.valueChanged,
        ):
            signal.connect(self._on_edited)

    def _on_edited(self, *_args) -> None:
        if not self._loading:
            self._set_edited(True)

    def _set_edited(self, edited: bool) -> None:
        self._edited = edited
        self.draft_note.setVisible(edited)

    @property
    def has_unsaved_changes(self) -> bool:
        return self._edited

    def show_pilot(self, detail: PilotDetail) -> None:
        view = detail.decision
        if self._edited and self._pilot_id not in (None, view.pilot_id):
            # A decision half written for another pilot waits for the coach to come back.
            self._drafts[self._pilot_id] = self._draft()
        keep_form = self._edited and view.pilot_id == self._pilot_id
        self._pilot_id = view.pilot_id
        self._view = view
        self.recommendation.setText(f"Recommendation: {view.recommendation_label}")
        self.reasons.setText("Because " + "; ".join(view.reasons) + ".")
        if view.decision:
            self.current.setText(
                f"Decided: {view.decision_label} on {full_date(view.decision_date)}."
                + (f"\n{view.rationale}" if view.rationale else "")
            )
        elif view.awaiting_decision:
            self.current.setText("The pilot has run its weeks: it is waiting for your decision.")
        else:
            self.current.setText("No decision yet.")
        self.notice.setText(view.notice_text or "")
        self.notice.setVisible(bool(view.notice_text))
        self.clear_button.setVisible(view.decision is not None)
        if keep_form:
            # What the coach is writing stays, with the updated_at it was started from, so
            # recording it after this other change asks first.
            self._show_length()
            return
        self._opened_at = detail.updated_at
        self._loading = True
        suggested = {"adopt": "adopted", "sunset": "sunset"}.get(view.recommendation, "extended")
        chosen = view.decision or suggested
        select_data(self.choice, chosen, fallback=0)
        self.rationale.setPlainText(view.rationale)
        day = view.decision_date or self._today()
        self.decided_on.setDate(to_qdate(day))
        self.extra_weeks.set_bounds(min(1, view.max_extra_weeks), view.max_extra_weeks)
        self.extra_weeks.setValue(min(4, view.max_extra_weeks))
        draft = self._drafts.pop(view.pilot_id, None)
        if draft is not None:
            self._restore(draft)
        self._loading = False
        self._set_edited(draft is not None)
        for message in self.messages.values():
            message.show_message(None)
        self._show_length()

    def _draft(self) -> Draft:
        return Draft(
            decision=self.choice.currentData(),
            rationale=self.rationale.toPlainText(),
            decided_on=self.decided_on.date().toPython(),
            extra_weeks=self.extra_weeks.value(),
            opened_at=self._opened_at,
        )

    def _restore(self, draft: Draft) -> None:
        select_data(self.choice, draft.decision, fallback=0)
        self.rationale.setPlainText(draft.rationale)
        self.decided_on.setDate(to_qdate(draft.decided_on))
        self.extra_weeks.setValue(draft.extra_weeks)
        self._opened_at = draft.opened_at

    def _show_length(self) -> None:
        extending = self.choice.currentData() == PilotDecision.EXTENDED
        for widget in (self.extra_weeks, self.extension, self.length_row_label):
            if widget is not None:
                widget.setVisible(extending)
        view = self._view
        if view is None:
            return
        extra = self.extra_weeks.value()
        self.extra_weeks.setSuffix(" more week" if extra == 1 else " more weeks")
        last = extended_last_day(view.start_date, view.length_weeks, extra)
        if view.max_extra_weeks == 0:
            text = f"The pilot already runs {view.length_weeks} weeks, the longest a pilot can."
        elif last is None:
            text = f"The pilot will run {view.length_weeks + extra} weeks."
        else:
            text = (
                f"The pilot will run {view.length_weeks + extra} weeks, to "
                f"{full_date(last)}; it waits for your decision again after that."
            )
        self.extension.setText(text)

    def save(self) -> None:
        if self._pilot_id is None:
            return
        extending = self.choice.currentData() == PilotDecision.EXTENDED
        form = DecisionForm(
            decision=self.choice.currentData(),
            rationale=self.rationale.toPlainText(),
            decided_on=self.decided_on.date().toPython(),
            extra_weeks=self.extra_weeks.value() if extending else None,
        )
        if not saved(
            self,
            lambda: record_decision(self._store, self._pilot_id, form, opened_at=self._opened_at),
            invalid=lambda exc: show_field_messages(self.messages, exc),
            changed=lambda exc: self._on_changed_since(str(exc)),
            failure="Decision not recorded",
        ):
            return
        label = DECISION_LABELS[form.decision].lower()
        self._set_edited(False)
        self.sig_changed.emit(f"Recorded the decision: {label}.")

    def _on_changed_since(self, text: str) -> None:
        choice = dialogs.choose(self, CHANGED_TITLE, text, [KEEP_THEIRS, KEEP_YOURS])
        if choice == KEEP_YOURS:
            self._opened_at = None
            self.save()
        elif choice == KEEP_THEIRS:
            self._set_edited(False)
            self.sig_changed.emit(
                "Kept the pilot as it was changed; your decision was not recorded."
            )

    def _on_clear(self) -> None:
        if self._pilot_id is None or not dialogs.confirm(
            self,
            "Clear the decision?",
            "The pilot goes back to deciding, and a sunset notice is withdrawn.",
            "Clear",
        ):
            return
        pilot_id = self._pilot_id
        write_op(
            self._context,
            self,
            write=lambda: clear_decision(self._store, pilot_id, self._today()),
            failure="Not cleared",
            status="Cleared the decision.",
            done=self.sig_changed.emit,
        )
