"""Add a tool by hand: its name, vendor, licences, costs, renewal date and stage."""

import uuid
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import ValidationError
from app.services.tools import STAGE_LABELS, ToolForm, add_tool
from app.store import Store
from app.views.common.saving import saved, show_field_messages
from app.views.common.widgets import DayDateEdit, FieldMessage
from app.views.pilots.number_fields import OptionalNumberEdit

FIELDS = ("name", "vendor", "licences", "cost_per_student", "cost_per_year", "stage")


class ToolDialog(QDialog):
    def __init__(self, store: Store, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._today = today
        self.tool_id: uuid.UUID | None = None
        self.setWindowTitle("Add a tool")
        self.setMinimumWidth(440)
        self._build_layout()
        self._connect_signals()
        self.name.setFocus()

    def _build_layout(self) -> None:
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Nearpod")
        self.vendor = QLineEdit()
        self.licences = OptionalNumberEdit()
        self.licences.setPlaceholderText("Seats bought, e.g. 90")
        self.cost_per_student = OptionalNumberEdit(decimals=2)
        self.cost_per_student.setPlaceholderText("Dollars per student a year")
        self.cost_per_year = OptionalNumberEdit(decimals=2)
        self.cost_per_year.setPlaceholderText("Dollars a year, if billed as a whole")
        self.has_renewal = QCheckBox("It renews on")
        self.renewal = DayDateEdit()
        self.renewal.setCalendarPopup(True)
        self.renewal.setDisplayFormat("ddd MMM d, yyyy")
        self.renewal.setDate(QDate(self._today.year + 1, self._today.month, 1))
        self.renewal.setEnabled(False)
        self.stage = QComboBox()
        for value, label in STAGE_LABELS.items():
            self.stage.addItem(label, value.value)
        for widget, name in (
            (self.name, "Name"),
            (self.vendor, "Vendor"),
            (self.licences, "Licences"),
            (self.cost_per_student, "Cost per student"),
            (self.cost_per_year, "Cost per year"),
            (self.renewal, "Renewal date"),
            (self.stage, "Stage"),
        ):
            widget.setAccessibleName(name)
        self.messages = {key: FieldMessage() for key in FIELDS}
        form = QFormLayout()
        for key, label, widget in (
            ("name", "&Name", self.name),
            ("vendor", "&Vendor", self.vendor),
            ("licences", "&Licences", self.licences),
            ("cost_per_student", "Cost per &student", self.cost_per_student),
            ("cost_per_year", "Cost per &year", self.cost_per_year),
        ):
            form.addRow(label, widget)
            form.addRow("", self.messages[key])
        form.addRow(self.has_renewal, self.renewal)
        form.addRow("S&tage", self.stage)
        form.addRow("", self.messages["stage"])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.has_renewal.toggled.connect(self.renewal.setEnabled)

    def current_form(self) -> ToolForm:
        """The form as typed; ValidationError when a number field holds no number."""
        numbers, problems = {}, {}
        for key, what in (
            ("licences", "the licences bought, like 90"),
            ("cost_per_student", "the cost per student a year, like 3.50"),
            ("cost_per_year", "the cost a year, like 1200"),
        ):
            try:
                numbers[key] = getattr(self, key).number()
            except ValueError:
                numbers[key] = None
                problems[key] = f"Type {what}, or leave it empty if you don't know it yet."
        if problems:
            raise ValidationError(problems)
        return ToolForm(
            name=self.name.text(),
            vendor=self.vendor.text().strip(),
            renewal_date=self.renewal.date().toPython() if self.has_renewal.isChecked() else None,
            stage=self.stage.currentData(),
            **numbers,
        )

    def _write(self) -> None:
        self.tool_id = add_tool(self._store, self.current_form(), self._today)

    def _on_save(self) -> None:
        if saved(
            self,
            self._write,
            invalid=lambda exc: show_field_messages(self.messages, exc),
            failure="Couldn't add the tool",
        ):
            self.accept()
