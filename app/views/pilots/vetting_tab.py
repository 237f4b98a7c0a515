"""The Vetting tab: the six checks, each pass, fail or unknown with its evidence, saved as the
coach changes them (like the Usage tab): a choice at once, typed evidence after a pause, and
whatever is still unsaved when the coach leaves the tab or the pilot."""

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import CoachbookError
from app.models import CheckResult, VettingCriterion
from app.models.pilots import ESSA_TIERS
from app.services.errors import ValidationError
from app.services.pilots import RESULT_LABELS, CheckInput, PilotDetail, save_vetting
from app.store import Store
from app.views.common import dialogs
from app.views.common.style import set_role
from app.views.common.widgets import FieldMessage, muted, select_data

RESULTS = (CheckResult.PASS, CheckResult.FAIL, CheckResult.UNKNOWN)
# Typed evidence is saved once the coach pauses this long (or leaves the field).
TYPING_PAUSE_MS = 800


class CheckEditor(QObject):
    """One criterion's row: its question, pass / fail / unknown, and the evidence."""

    sig_chosen = Signal()  # a result or tier picked: save now
    sig_typed = Signal()  # evidence typed: save after a pause
    sig_left = Signal()  # the evidence field was left: save what is pending

    def __init__(self, criterion: str, grid: QGridLayout, row: int, parent: QWidget):
        super().__init__(parent)
        self.criterion = criterion
        self.label = criterion
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600")
        self.title.setWordWrap(True)  # the view fits beside the list at 1024 pixels
        self.question = muted("")
        self.group = QButtonGroup(parent)
        self.buttons: dict[str, QRadioButton] = {}
        choice = QHBoxLayout()
        for result in RESULTS:
            button = QRadioButton(RESULT_LABELS.get(result, result.value.title()))
            self.group.addButton(button)
            self.buttons[result.value] = button
            choice.addWidget(button)
        choice.addStretch()
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText("Evidence: where you checked, what it says")
        self.tier = QComboBox()
        self.tier.addItem("ESSA tier: not rated", None)
        for tier, label in ESSA_TIERS.items():
            self.tier.addItem(f"Tier {tier}: {label}", tier)
        self.tier.setVisible(criterion == VettingCriterion.EVIDENCE)
        self.extra = muted("")
        self.message = FieldMessage()
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.title)
        text.addWidget(self.question)
        grid.addLayout(text, row, 0)
        right = QVBoxLayout()
        right.setSpacing(2)
        right.addLayout(choice)
        right.addWidget(self.evidence)
        right.addWidget(self.tier)
        right.addWidget(self.extra)
        right.addWidget(self.message)
        grid.addLayout(right, row, 1)
        # Only the coach's own changes signal: loading a pilot sets values programmatically.
        for button in self.buttons.values():
            button.clicked.connect(self.sig_chosen)
        self.tier.activated.connect(lambda _i: self.sig_chosen.emit())
        self.evidence.textEdited.connect(lambda _t: self.sig_typed.emit())
        self.evidence.editingFinished.connect(self.sig_left)

    def load(self, check) -> None:
        self.label = check.label
        self.title.setText(check.label)
        self.question.setText(check.question)
        self.buttons[check.result].setChecked(True)
        if self.evidence.text() != check.evidence:
            # Left alone when equal, so a save while typing never moves the cursor.
            self.evidence.setText(check.evidence)
            self.evidence.setCursorPosition(0)  # a long text shows its beginning
        select_data(self.tier, check.essa_tier, fallback=0)
        for result, button in self.buttons.items():
            button.setAccessibleName(f"{check.label}: {RESULT_LABELS.get(result, result)}")
        self.evidence.setAccessibleName(f"{check.label}: evidence")
        self.tier.setAccessibleName(f"{check.label}: ESSA tier")
        self.message.show_message(None)

    def value(self) -> CheckInput:
        result = next(r for r, b in self.buttons.items() if b.isChecked())
        tier = self.tier.currentData() if self.criterion == VettingCriterion.EVIDENCE else None
        return CheckInput(self.criterion, result, self.evidence.text(), tier)


class VettingTab(QWidget):
    sig_changed = Signal(str)

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self._store = store
        self._pilot_id = None
        self._unsaved: str | None = None  # the label of the check changed since the last save
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.gate = QLabel("")
        self.gate.setWordWrap(True)
        self.gate.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.gate, "error")
        grid = QGridLayout()
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        self.editors = {
            criterion.value: CheckEditor(criterion.value, grid, row, self)
            for row, criterion in enumerate(VettingCriterion)
        }
        self.saved = muted("")
        self.saved.setAccessibleName("Vetting saved")
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                "Six checks before students use the tool, saved as you change them. A pilot "
                "can't move to piloting while its privacy check is failed."
            )
        )
        layout.addWidget(self.gate)
        layout.addLayout(grid)
        layout.addWidget(self.saved)
        layout.addStretch()

    def _connect_signals(self) -> None:
        for editor in self.editors.values():
            editor.sig_chosen.connect(lambda e=editor: self._on_chosen(e))
            editor.sig_typed.connect(lambda e=editor: self._on_typed(e))
            editor.sig_left.connect(self.save)
        self._typing.timeout.connect(self.save)

    @property
    def has_unsaved_changes(self) -> bool:
        return self._unsaved is not None

    def show_pilot(self, detail: PilotDetail) -> None:
        if detail.row.id != self._pilot_id:
            self.saved.setText("")
        self._pilot_id = detail.row.id
        view = detail.vetting
        for check in view.checks:
            self.editors[check.criterion].load(check)
        self.editors[VettingCriterion.COST].extra.setText(view.cost.text)
        self.gate.setText(
            (view.privacy_gate or "")
            + (
                " Students are already using it: stop its use until privacy passes."
                if view.privacy_alarm
                else ""
            )
        )
        self.gate.setVisible(bool(view.privacy_gate))

    def _on_chosen(self, editor: CheckEditor) -> None:
        self._unsaved = editor.label
        self.save()

    def _on_typed(self, editor: CheckEditor) -> None:
        self._unsaved = editor.label
        self.saved.setText("Saving when you pause…")
        self._typing.start()

    def flush(self) -> str | None:
        """Save what is still unsaved, without announcing it; returns the message, if any.

        The pilot view calls this before it shows another pilot.
        """
        return self._write()

    def save(self) -> None:
        """Save the six checks now, if anything changed; announces the save."""
        message = self._write()
        if message:
            self.sig_changed.emit(message)

    def _write(self) -> str | None:
        self._typing.stop()
        if self._pilot_id is None or self._unsaved is None:
            return None
        checks = [editor.value() for editor in self.editors.values()]
        try:
            save_vetting(self._store, self._pilot_id, checks)
        except ValidationError as exc:
            for name, editor in self.editors.items():
                found = [t for k, t in exc.errors.items() if k.split(".")[0] == name]
                editor.message.show_message(" ".join(found) or None)
            self.saved.setText("Not saved yet: fix the check marked in red.")
            return None
        except CoachbookError as exc:
            self.saved.setText("Not saved: your changes are still in the form.")
            dialogs.show_error(self, "Vetting not saved", str(exc))
            return None
        label, self._unsaved = self._unsaved, None
        self.saved.setText(f"Saved: {label}.")
        return f"Saved the vetting: {label}."

    def hideEvent(self, event) -> None:
        # Leaving the tab, the pilot or the screen never drops what was typed.
        self.save()
        super().hideEvent(event)
