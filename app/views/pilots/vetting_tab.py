"""The Vetting tab: the six checks as one form, each pass, fail or unknown with its evidence."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.models import CheckResult, VettingCriterion
from app.models.pilots import ESSA_TIERS
from app.services.errors import NotFound, ValidationError
from app.services.pilots import RESULT_LABELS, CheckInput, PilotDetail, save_vetting
from app.store import Store, StoreError
from app.views import dialogs
from app.views.style import set_role
from app.views.widgets import FieldMessage, muted, select_data

RESULTS = (CheckResult.PASS, CheckResult.FAIL, CheckResult.UNKNOWN)


class CheckEditor:
    """One criterion's row: its question, pass / fail / unknown, and the evidence."""

    def __init__(self, criterion: str, grid: QGridLayout, row: int, parent: QWidget):
        self.criterion = criterion
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600")
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

    def load(self, check) -> None:
        self.title.setText(check.label)
        self.question.setText(check.question)
        self.buttons[check.result].setChecked(True)
        self.evidence.setText(check.evidence)
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
        self.save_button = QPushButton("Save vetting")
        set_role(self.save_button, "primary")
        self.saved = muted("")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                "Six checks before students use the tool. A pilot can't move to piloting while "
                "its privacy check is failed."
            )
        )
        layout.addWidget(self.gate)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addStretch()
        self.save_button.clicked.connect(self.save)

    def show_pilot(self, detail: PilotDetail) -> None:
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
        self.saved.setText("")

    def save(self) -> None:
        if self._pilot_id is None:
            return
        checks = [editor.value() for editor in self.editors.values()]
        try:
            save_vetting(self._store, self._pilot_id, checks)
        except ValidationError as exc:
            for name, editor in self.editors.items():
                found = [t for k, t in exc.errors.items() if k.split(".")[0] == name]
                editor.message.show_message(" ".join(found) or None)
            return
        except (StoreError, NotFound) as exc:
            dialogs.show_error(self, "Vetting not saved", str(exc))
            return
        self.sig_changed.emit("Saved the vetting checks.")
