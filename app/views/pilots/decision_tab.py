"""The Decision tab: the recommendation with its reasons, then the coach's decision."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models import PilotDecision
from app.models.pilots import MAX_LENGTH_WEEKS
from app.services.errors import NotFound, Refused, ValidationError
from app.services.pilots import (
    DECISION_LABELS,
    DecisionForm,
    PilotDetail,
    clear_decision,
    record_decision,
)
from app.store import Store, StoreError
from app.views import dialogs
from app.views.cycles.start_dialog import to_qdate
from app.views.dates import full_date
from app.views.style import set_role
from app.views.widgets import FieldMessage, heading, muted, select_data


class DecisionTab(QWidget):
    sig_changed = Signal(str)

    def __init__(self, store: Store, today, parent=None):
        super().__init__(parent)
        self._store = store
        self._today = today
        self._pilot_id = None
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
        self.decided_on = QDateEdit()
        self.decided_on.setCalendarPopup(True)
        self.decided_on.setDisplayFormat("ddd MMM d, yyyy")
        self.decided_on.setAccessibleName("Decided on")
        self.new_length = QSpinBox()
        self.new_length.setSuffix(" weeks")
        self.new_length.setAccessibleName("New length")
        self.messages = {key: FieldMessage() for key in ("decision", "rationale", "length_weeks")}
        form = QFormLayout()
        form.addRow("&Decision", self.choice)
        form.addRow("", self.messages["decision"])
        form.addRow("&Why", self.rationale)
        form.addRow("", self.messages["rationale"])
        form.addRow("D&ecided on", self.decided_on)
        form.addRow("New &length", self.new_length)
        form.addRow("", self.messages["length_weeks"])
        self.length_row_label = form.labelForField(self.new_length)
        self.save_button = QPushButton("Record the decision")
        set_role(self.save_button, "primary")
        self.clear_button = QPushButton("Clear the decision")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch()
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
        layout.addStretch()
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self._on_clear)
        self.choice.currentIndexChanged.connect(lambda _i: self._show_length())

    def show_pilot(self, detail: PilotDetail) -> None:
        view = detail.decision
        self._pilot_id = view.pilot_id
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
        suggested = {"adopt": "adopted", "sunset": "sunset"}.get(view.recommendation, "extended")
        chosen = view.decision or suggested
        select_data(self.choice, chosen, fallback=0)
        self.rationale.setPlainText(view.rationale)
        day = view.decision_date or self._today()
        self.decided_on.setDate(to_qdate(day))
        self.new_length.setRange(view.length_weeks, MAX_LENGTH_WEEKS)
        self.new_length.setValue(view.length_weeks)
        self.clear_button.setVisible(view.decision is not None)
        for message in self.messages.values():
            message.show_message(None)
        self._show_length()

    def _show_length(self) -> None:
        extending = self.choice.currentData() == PilotDecision.EXTENDED
        self.new_length.setVisible(extending)
        if self.length_row_label is not None:
            self.length_row_label.setVisible(extending)

    def save(self) -> None:
        if self._pilot_id is None:
            return
        extending = self.choice.currentData() == PilotDecision.EXTENDED
        form = DecisionForm(
            decision=self.choice.currentData(),
            rationale=self.rationale.toPlainText(),
            decided_on=self.decided_on.date().toPython(),
            length_weeks=self.new_length.value() if extending else None,
        )
        try:
            record_decision(self._store, self._pilot_id, form)
        except ValidationError as exc:
            for key, message in self.messages.items():
                message.show_message(exc.errors.get(key))
            return
        except Refused as exc:
            dialogs.show_error(self, "Decision not recorded", str(exc))
            return
        except (StoreError, NotFound) as exc:
            dialogs.show_error(self, "Decision not recorded", str(exc))
            return
        label = DECISION_LABELS[form.decision].lower()
        self.sig_changed.emit(f"Recorded the decision: {label}.")

    def _on_clear(self) -> None:
        if self._pilot_id is None or not dialogs.confirm(
            self,
            "Clear the decision?",
            "The pilot goes back to deciding, and a sunset notice is withdrawn.",
            "Clear",
        ):
            return
        try:
            clear_decision(self._store, self._pilot_id, self._today())
        except (StoreError, NotFound, Refused) as exc:
            dialogs.show_error(self, "Not cleared", str(exc))
            return
        self.sig_changed.emit("Cleared the decision.")
