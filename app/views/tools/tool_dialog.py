"""Add a tool by hand, or edit one: its name, vendor, licences, costs, renewal date, stage and
the teachers with a seat, picked from the roster."""

import uuid
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from app.services.errors import ValidationError
from app.services.teachers import TeacherRow
from app.services.tools import STAGE_LABELS, ToolForm, add_tool
from app.services.tools.record import ToolEdit, edit_tool, validate_tool
from app.store import Store
from app.views.common.saving import saved, show_field_messages
from app.views.common.style import set_role
from app.views.common.widgets import (
    DayDateEdit,
    FieldMessage,
    fields_above_buttons,
    fit_to_screen,
    heading,
    muted,
)
from app.views.cycles.start_dialog import to_qdate
from app.views.pilots.number_fields import OptionalNumberEdit

FIELDS = ("name", "vendor", "licences", "cost_per_student", "cost_per_year", "stage", "teachers")


class ToolDialog(QDialog):
    """With `edit` (the tool's ToolEdit) it edits `tool_id`; else it adds a tool. After a
    save, `tool_id` is the tool's and `saved_edit` what was saved (for the undo)."""

    def __init__(
        self,
        store: Store,
        today: date,
        now,
        teachers: list[TeacherRow],
        *,
        tool_id: uuid.UUID | None = None,
        edit: ToolEdit | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._store = store
        self._today = today
        self._now = now
        self.tool_id = tool_id
        self._edit = edit
        self.saved_edit: ToolEdit | None = None
        self.setWindowTitle("Edit the tool" if edit else "Add a tool")
        self.setMinimumWidth(460)
        self._build_layout(teachers, edit.teacher_ids if edit else frozenset())
        self._connect_signals()
        if edit is not None:
            self._load(edit.form)
        self._count_seats()
        self.name.setFocus()
        fit_to_screen(self)

    def _build_layout(self, teachers: list[TeacherRow], seated: frozenset[uuid.UUID]) -> None:
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
        self.teacher_filter = QLineEdit()
        self.teacher_filter.setPlaceholderText("Filter teachers")
        self.teacher_filter.setClearButtonEnabled(True)
        self.teacher_list = QListWidget()
        self.teacher_list.setFixedHeight(132)
        # The teachers with a seat first, so the coach sees who has one before ticking more.
        for row in sorted(teachers, key=lambda t: (t.id not in seated, t.name.casefold())):
            # An archived teacher is offered only to keep (or take back) the seat they have.
            if row.archived and row.id not in seated:
                continue
            text = f"{row.name} — {row.school}" if row.school else row.name
            item = QListWidgetItem(f"{text} (archived)" if row.archived else text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = row.id in seated
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.teacher_list.addItem(item)
        self.seat_count = muted("")
        for widget, name in (
            (self.name, "Name"),
            (self.vendor, "Vendor"),
            (self.licences, "Licences"),
            (self.cost_per_student, "Cost per student"),
            (self.cost_per_year, "Cost per year"),
            (self.has_renewal, "It renews"),
            (self.renewal, "Renewal date"),
            (self.stage, "Stage"),
            (self.teacher_filter, "Filter teachers"),
            (self.teacher_list, "Teachers with a seat"),
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
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            "Save" if self._edit else "Add the tool", QDialogButtonBox.ButtonRole.AcceptRole
        )
        set_role(self.save_button, "primary")
        self.save_button.setDefault(True)
        # The fields scroll and the buttons stay in view on a 600-pixel screen.
        self.body = fields_above_buttons(
            self,
            (
                heading(self.windowTitle(), 3),
                form,
                heading("Teachers with a seat", 1),
                muted("Tick each teacher licensed for it; their usage counts for the tool."),
                self.teacher_filter,
                self.teacher_list,
                self.seat_count,
                self.messages["teachers"],
            ),
            self.buttons,
        )

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.has_renewal.toggled.connect(self.renewal.setEnabled)
        self.teacher_filter.textChanged.connect(self._on_filter)
        self.teacher_list.itemChanged.connect(lambda _item: self._count_seats())

    def _load(self, form: ToolForm) -> None:
        self.name.setText(form.name)
        self.vendor.setText(form.vendor)
        self.licences.set_number(form.licences)
        self.cost_per_student.set_number(form.cost_per_student)
        self.cost_per_year.set_number(form.cost_per_year)
        self.has_renewal.setChecked(form.renewal_date is not None)
        if form.renewal_date is not None:
            self.renewal.setDate(to_qdate(form.renewal_date))
        self.stage.setCurrentIndex(max(0, self.stage.findData(form.stage)))

    def _on_filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.teacher_list.count()):
            item = self.teacher_list.item(row)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def chosen_teachers(self) -> frozenset[uuid.UUID]:
        items = (self.teacher_list.item(row) for row in range(self.teacher_list.count()))
        return frozenset(
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )

    def _count_seats(self) -> None:
        count = len(self.chosen_teachers())
        self.seat_count.setText("No teacher has a seat." if not count else f"{count} with a seat.")

    def current_form(self) -> ToolForm:
        """The form as typed; ValidationError (every field's message) when a number field
        holds no number. An edit keeps the tool's sunset status: the Sunset tab moves it."""
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
        kept = self._edit.form if self._edit else ToolForm()
        form = ToolForm(
            name=self.name.text(),
            vendor=self.vendor.text().strip(),
            renewal_date=self.renewal.date().toPython() if self.has_renewal.isChecked() else None,
            stage=self.stage.currentData(),
            status=kept.status,
            notice_date=kept.notice_date,
            **numbers,
        )
        if problems:
            raise ValidationError(validate_tool(form) | problems)
        return form

    def _write(self) -> None:
        form, teachers = self.current_form(), self.chosen_teachers()
        if self.tool_id is None:
            self.tool_id = add_tool(self._store, form, self._today, sorted(teachers))
        else:
            edit_tool(self._store, self.tool_id, form, sorted(teachers), self._now())
        self.saved_edit = ToolEdit(form, teachers)

    def _on_save(self) -> None:
        if saved(
            self,
            self._write,
            invalid=self._show_problems,
            failure="Couldn't save the tool" if self._edit else "Couldn't add the tool",
        ):
            self.accept()

    def _show_problems(self, exc: ValidationError) -> None:
        show_field_messages(self.messages, exc)
        fit_to_screen(self)
