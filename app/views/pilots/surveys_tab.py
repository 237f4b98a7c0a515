"""The Surveys tab: each enrolled teacher's pre and post survey (Likert 1-5), their means and
the change, and the coach's own set of survey statements."""

import uuid
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import CoachbookError
from app.models.surveys import LIKERT_LABELS, SurveyPhase
from app.services.errors import ValidationError
from app.services.pilots import (
    PHASE_LABELS,
    PilotDetail,
    SurveyForm,
    TeacherSurveys,
    add_survey_item,
    blank_survey_form,
    delete_survey_item,
    restore_survey_item,
    save_survey,
    survey_form,
    survey_items,
    update_survey_item,
)
from app.store import Store
from app.text import full_date, month_day, survey_average, survey_average_change
from app.views.common import dialogs
from app.views.common.style import set_role
from app.views.common.table_model import Column, RowsTableModel
from app.views.common.widgets import DayDateEdit, heading, muted
from app.views.cycles.start_dialog import to_qdate

TEACHER, PRE, POST, CHANGE = range(4)


def mean_text(mean: float | None, day) -> str:
    shown = survey_average(mean)
    return shown if mean is None or not day else f"{shown} ({month_day(day)})"


class SurveysModel(RowsTableModel):
    COLUMNS = (
        Column("Teacher", lambda r: r.teacher_name + ("" if r.enrolled else " (left the pilot)")),
        Column("Pre mean", lambda r: mean_text(r.pre_mean, r.pre_taken_on)),
        Column("Post mean", lambda r: mean_text(r.post_mean, r.post_taken_on)),
        Column("Change", lambda r: survey_average_change(r.change)),
    )


class SurveyDialog(QDialog):
    """One teacher's survey: every statement scored 1 (strongly disagree) to 5."""

    def __init__(
        self,
        store: Store,
        pilot_id,
        teacher: TeacherSurveys,
        phase: str,
        today,
        parent=None,
        *,
        last_week: date | None = None,
    ):
        super().__init__(parent)
        self._store = store
        self._pilot_id = pilot_id
        self._phase = phase
        self._last_week = last_week  # the day the pilot's last week begins
        survey_id = teacher.pre_survey_id if phase == SurveyPhase.PRE else teacher.post_survey_id
        self.form: SurveyForm = (
            survey_form(store, survey_id)
            if survey_id
            else blank_survey_form(store, teacher.teacher_id, phase, today)
        )
        self.setWindowTitle(f"{PHASE_LABELS[SurveyPhase(phase)]} survey: {teacher.teacher_name}")
        self.resize(720, 560)
        self.day = DayDateEdit(to_qdate(self.form.taken_on or today))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd MMM d, yyyy")
        self.day.setAccessibleName("Taken on")
        grid = QGridLayout()
        for column, label in LIKERT_LABELS.items():
            header = QLabel(f"{column}\n{label}")
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            header.setWordWrap(True)
            grid.addWidget(header, 0, column)
        self.groups: list[QButtonGroup] = []
        for number, answer in enumerate(self.form.answers, start=1):
            statement = QLabel(f"{number}. {answer.item_text}")
            statement.setWordWrap(True)
            statement.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(statement, number, 0)
            group = QButtonGroup(self)
            for score in LIKERT_LABELS:
                button = QRadioButton()
                button.setAccessibleName(f"Item {number}: {score}, {LIKERT_LABELS[score]}")
                button.setChecked(answer.score == score)
                group.addButton(button, score)
                grid.addWidget(button, number, score, Qt.AlignmentFlag.AlignCenter)
            self.groups.append(group)
        grid.setColumnStretch(0, 1)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.addButton("Save survey", QDialogButtonBox.ButtonRole.AcceptRole)
        set_role(save, "primary")
        top = QHBoxLayout()
        top.addWidget(QLabel("Taken on"))
        top.addWidget(self.day)
        top.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), 2))
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    def set_scores(self, scores: list[int]) -> None:
        for group, score in zip(self.groups, scores, strict=True):
            group.button(score).setChecked(True)

    def _post_survey_timely(self) -> bool:
        """A post survey before the pilot's last week asks first: its answers would miss the
        weeks still to come."""
        early = (
            self._phase == SurveyPhase.POST
            and self._last_week is not None
            and self.form.taken_on < self._last_week
        )
        return not early or dialogs.confirm(
            self,
            "Save a post survey before the last week?",
            f"The pilot's last week begins on {full_date(self._last_week)}. A post survey "
            "taken earlier misses the weeks still to come; usually it is taken after the "
            "pilot ends. Save it anyway?",
            "Save it",
        )

    def _on_save(self) -> None:
        for answer, group in zip(self.form.answers, self.groups, strict=True):
            answer.score = group.checkedId() if group.checkedId() > 0 else None
        self.form.taken_on = self.day.date().toPython()
        if not self._post_survey_timely():
            return
        try:
            save_survey(self._store, self._pilot_id, self.form)
        except ValidationError as exc:
            shown = list(exc.errors.values())
            self.message.setText(" ".join(shown[:3]) + (" …" if len(shown) > 3 else ""))
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "Survey not saved", str(exc))
            return
        self.accept()


class SurveysTab(QWidget):
    sig_changed = Signal(str)

    def __init__(self, store: Store, today, parent=None):
        super().__init__(parent)
        self._store = store
        self._today = today
        self._pilot_id: uuid.UUID | None = None
        self._last_week: date | None = None
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.model = SurveysModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Surveys by teacher")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.pre_button = QPushButton("Pre survey…")
        self.post_button = QPushButton("Post survey…")
        self.items_button = QPushButton("Survey statements…")
        self.items_button.setToolTip("Edit the statements every new survey asks")
        buttons = QHBoxLayout()
        buttons.addWidget(self.pre_button)
        buttons.addWidget(self.post_button)
        buttons.addStretch()
        buttons.addWidget(self.items_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                "A Teacher Technology Integration Survey before and after the pilot: each "
                "statement scored 1 (strongly disagree) to 5 (strongly agree)."
            )
        )
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.pre_button.clicked.connect(lambda: self.open_survey(SurveyPhase.PRE))
        self.post_button.clicked.connect(lambda: self.open_survey(SurveyPhase.POST))
        self.items_button.clicked.connect(self._on_items)
        self.table.doubleClicked.connect(
            lambda index: self.open_survey(
                SurveyPhase.POST if index.column() >= POST else SurveyPhase.PRE
            )
        )
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())

    def show_pilot(self, detail: PilotDetail) -> None:
        self._pilot_id = detail.row.id
        last_day = detail.row.last_day
        self._last_week = None if last_day is None else last_day - timedelta(days=6)
        selected = self.table.currentIndex().row()
        self.model.set_rows(detail.surveys.teachers)
        self.summary.setText(detail.surveys.summary)
        if self.model.rowCount():
            self.table.selectRow(max(0, min(selected, self.model.rowCount() - 1)))
        self._update_buttons()

    def _current(self) -> TeacherSurveys | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        chosen = self._current() is not None
        self.pre_button.setEnabled(chosen)
        self.post_button.setEnabled(chosen)

    def survey_dialog(self, phase: str) -> SurveyDialog | None:
        teacher = self._current()
        if teacher is None or self._pilot_id is None:
            return None
        return SurveyDialog(
            self._store,
            self._pilot_id,
            teacher,
            phase,
            self._today(),
            self,
            last_week=self._last_week,
        )

    def open_survey(self, phase: str) -> None:
        dialog = self.survey_dialog(phase)
        if dialog is not None and dialog.exec():
            self.sig_changed.emit("Saved the survey.")

    def _on_items(self) -> None:
        ItemsDialog(self._store, self).exec()


class ItemsDialog(QDialog):
    """The statements new surveys ask; surveys already taken keep the words they asked."""

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self._store = store
        self.setWindowTitle("Survey statements")
        self.resize(620, 420)
        self.list = QTableView()
        self.model = ItemsModel(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName("Survey statements")
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Remove")
        self.undo_button = QPushButton("Undo remove")
        self.undo_button.setToolTip("Bring back the statement just removed (Ctrl+Z)")
        self.undo_button.setEnabled(False)
        self.removed_message = muted("")
        self._removed = None
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted("New surveys ask these; a survey already taken keeps the words it asked.")
        )
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.removed_message)
        layout.addWidget(close)
        close.rejected.connect(self.reject)
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        self.undo_button.clicked.connect(self._on_undo_remove)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, activated=self._on_undo_remove)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(survey_items(self._store))

    def _current(self):
        index = self.list.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _run(self, action) -> bool:
        try:
            action()
        except CoachbookError as exc:
            dialogs.show_error(self, "Not saved", str(exc))
            saved = False
        else:
            saved = True
        self.reload()
        return saved

    def _on_add(self) -> None:
        text = dialogs.ask_text(self, "Add a statement", "Statement (scored 1 to 5):")
        if text is not None:
            self._run(lambda: add_survey_item(self._store, text))

    def _on_edit(self) -> None:
        item = self._current()
        if item is None:
            return
        text = dialogs.ask_text(self, "Edit the statement", item.text)
        if text is not None:
            self._run(lambda: update_survey_item(self._store, item.id, text))

    def _on_delete(self) -> None:
        item = self._current()
        if item is None:
            return
        if self._run(lambda: delete_survey_item(self._store, item.id, datetime.now(UTC))):
            self._removed = item
            self.removed_message.setText(f"Removed “{item.text}”. Undo remove brings it back.")
            self.undo_button.setEnabled(True)

    def _on_undo_remove(self) -> None:
        item, self._removed = self._removed, None
        self.undo_button.setEnabled(False)
        if item is not None and self._run(lambda: restore_survey_item(self._store, item.id)):
            self.removed_message.setText(f"Brought back “{item.text}”.")


class ItemsModel(RowsTableModel):
    COLUMNS = (
        Column("#", lambda item: str(item.position + 1)),
        Column("Statement", lambda item: item.text),
    )
