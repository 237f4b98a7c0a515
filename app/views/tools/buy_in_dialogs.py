"""The Buy-in tab's dialogs: one teacher's survey about a tool, and the statements every
tool's survey asks."""

import uuid
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import CoachbookError
from app.models.surveys import LIKERT_LABELS
from app.models.tools import BuyInBelief
from app.services.errors import Refused
from app.services.teachers import list_teachers
from app.services.tools import ToolRow
from app.services.tools.buy_in import (
    BELIEF_LABELS,
    MAX_STATEMENT_LENGTH,
    BuyInItemRow,
    BuyInSurveyRow,
    buy_in_item_rows,
    check_buy_in_items,
    record_buy_in,
    surveys_replaced_by,
)
from app.store import Store
from app.text import full_date
from app.views.common import dialogs
from app.views.common.style import set_role
from app.views.common.table_model import Column, RowsTableModel
from app.views.common.widgets import TITLE_BAR_ROOM, DayDateEdit, heading, muted, rows_table
from app.views.cycles.start_dialog import to_qdate


def open_at(dialog: QDialog, width: int, height: int) -> None:
    """Open `dialog` at this size, or smaller on a screen with less room (title bar included)."""
    screen = dialog.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width()), min(height, room.height() - TITLE_BAR_ROOM)
    dialog.resize(width, height)


def belief_word(belief: str) -> str:
    return BELIEF_LABELS.get(belief, belief)


# Recording one survey ----------------------------------------------------------------------


class BuyInSurveyDialog(QDialog):
    """One teacher's answers about the tool: every statement scored 1 to 5."""

    def __init__(self, store: Store, row: ToolRow, today: date, parent=None):
        super().__init__(parent)
        self._store = store
        self._tool = row
        self._today = today
        self.items = buy_in_item_rows(store)
        self.survey_id: uuid.UUID | None = None
        self.replaced: list[BuyInSurveyRow] = []
        self.teacher_name = ""
        self.setWindowTitle(f"Buy-in survey: {row.tool.name}")
        self._build_layout(row)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        open_at(self, 780, 540)

    def _build_layout(self, row: ToolRow) -> None:
        self.teacher = QComboBox()
        self.teacher.setAccessibleName("Teacher")
        self.teacher.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.teacher.setMinimumContentsLength(24)
        self.teacher.addItem("Choose the teacher", None)
        seated = {t.id for t in row.teachers}
        for teacher in row.teachers:
            self.teacher.addItem(teacher.name, teacher.id)
        others = [t for t in list_teachers(self._store) if t.id not in seated and not t.archived]
        if others:
            self.teacher.insertSeparator(self.teacher.count())
            for teacher in others:
                self.teacher.addItem(f"{teacher.name} (no seat)", teacher.id)
        self.day = DayDateEdit(to_qdate(self._today))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd MMM d, yyyy")
        self.day.setMaximumDate(to_qdate(self._today))
        self.day.setAccessibleName("Taken on")
        grid = QGridLayout()
        for column, label in LIKERT_LABELS.items():
            header = QLabel(f"{column}\n{label}")
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            header.setWordWrap(True)
            header.setFixedWidth(88)  # the statements take the width left
            grid.addWidget(header, 0, column)
        self.groups: list[QButtonGroup] = []
        for number, item in enumerate(self.items, start=1):
            statement = QLabel(f"{number}. {item.text}  ({belief_word(item.belief).lower()})")
            statement.setWordWrap(True)
            statement.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(statement, number, 0)
            group = QButtonGroup(self)
            for score in LIKERT_LABELS:
                button = QRadioButton()
                button.setAccessibleName(f"Statement {number}: {score}, {LIKERT_LABELS[score]}")
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
        top.addWidget(QLabel("Teacher"))
        top.addWidget(self.teacher, 1)
        top.addWidget(QLabel("Taken on"))
        top.addWidget(self.day)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), 2))
        layout.addLayout(top)
        layout.addWidget(
            muted("A teacher answers once a quarter; a second survey in a quarter replaces it.")
        )
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def set_scores(self, scores: list[int]) -> None:
        for group, score in zip(self.groups, scores, strict=True):
            group.button(score).setChecked(True)

    def scores(self) -> list[int | None]:
        return [g.checkedId() if g.checkedId() > 0 else None for g in self.groups]

    def _on_save(self) -> None:
        teacher_id = self.teacher.currentData()
        if teacher_id is None:
            self.message.setText("Choose the teacher who answered.")
            return
        scores = self.scores()
        missing = [n for n, score in enumerate(scores, start=1) if score is None]
        if missing:
            which = ", ".join(str(n) for n in missing)
            self.message.setText(
                f"Score every statement from 1 to 5: statement {which} has no score yet."
                if len(missing) == 1
                else f"Score every statement from 1 to 5: statements {which} have no score yet."
            )
            return
        day = self.day.date().toPython()
        name = self.teacher.currentText().removesuffix(" (no seat)")
        replaced = surveys_replaced_by(self._store, self._tool.id, teacher_id, day)
        if replaced and not dialogs.confirm(
            self,
            "Replace the earlier survey?",
            f"{name} already answered about {self._tool.tool.name} in "
            f"{replaced[-1].quarter.label}, on {full_date(replaced[-1].taken_on)}. A teacher "
            "has one survey a quarter, so this one replaces it. Edit ▸ Undo brings it back.",
            "Replace it",
        ):
            return
        try:
            self.survey_id = record_buy_in(
                self._store, self._tool.id, teacher_id, day, scores, today=self._today
            )
        except Refused as exc:
            self.message.setText(str(exc))
            return
        except CoachbookError as exc:
            dialogs.show_error(self, "Survey not saved", str(exc))
            return
        self.replaced, self.teacher_name = replaced, name
        self.accept()


# Editing the statements --------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    belief: str
    text: str


class StatementsModel(RowsTableModel):
    """Rows of (position, Statement)."""

    COLUMNS = (
        Column("#", lambda r: str(r[0] + 1), number=True),
        Column("About", lambda r: belief_word(r[1].belief)),
        Column("Statement", lambda r: r[1].text, tooltip=lambda r: r[1].text),
    )


class StatementsDialog(QDialog):
    """The statements every tool's survey asks, reworded, reordered, added or removed here
    and saved together; surveys already taken keep the words they asked."""

    def __init__(self, items: list[BuyInItemRow], parent=None):
        super().__init__(parent)
        self.before = [(i.belief, i.text) for i in items]
        self._statements = [Statement(i.belief, i.text) for i in items]
        self.setWindowTitle("Buy-in statements")
        self._build_layout()
        self._connect_signals()
        self._show(0)
        open_at(self, 700, 480)

    def _build_layout(self) -> None:
        self.model = StatementsModel(self)
        self.list = rows_table(self.model, "Buy-in statements")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.belief = QComboBox()
        self.belief.setAccessibleName("What the statement is about")
        for belief in BuyInBelief:
            self.belief.addItem(BELIEF_LABELS[belief], belief.value)
        self.text = QLineEdit()
        self.text.setAccessibleName("Statement")
        self.text.setMaxLength(MAX_STATEMENT_LENGTH)
        self.text.setPlaceholderText("What teachers rate from 1 to 5")
        self.add_button = QPushButton("Add")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.remove_button = QPushButton("Remove")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        set_role(self.message, "error")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            "Save statements", QDialogButtonBox.ButtonRole.AcceptRole
        )
        set_role(self.save_button, "primary")
        editor = QHBoxLayout()
        editor.addWidget(self.belief)
        editor.addWidget(self.text, 1)
        moves = QHBoxLayout()
        for button in (self.add_button, self.up_button, self.down_button, self.remove_button):
            moves.addWidget(button)
        moves.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                "Every tool's buy-in survey asks these, in this order: some about how useful "
                "the tool is, some about how easy it is to use. A survey already taken keeps "
                "the words it asked."
            )
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel("The chosen statement:"))
        layout.addLayout(editor)
        layout.addLayout(moves)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.list.selectionModel().currentRowChanged.connect(lambda *_a: self._load_editor())
        self.text.textEdited.connect(lambda text: self._change(text=text))
        self.belief.activated.connect(lambda _i: self._change(belief=self.belief.currentData()))
        self.add_button.clicked.connect(self._on_add)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._on_remove)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    def pairs(self) -> list[tuple[str, str]]:
        return [(s.belief, s.text.strip()) for s in self._statements]

    def current_row(self) -> int:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else -1

    def choose(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row, 2))

    def _show(self, row: int) -> None:
        """Redraw the list with `row` chosen."""
        self.model.set_rows(enumerate(self._statements))
        if self._statements:
            self.choose(max(0, min(row, len(self._statements) - 1)))
        self._load_editor()

    def _load_editor(self) -> None:
        row = self.current_row()
        chosen = row >= 0
        for widget in (self.belief, self.text, self.remove_button):
            widget.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < len(self._statements) - 1)
        if chosen:
            statement = self._statements[row]
            self.belief.setCurrentIndex(self.belief.findData(statement.belief))
            self.text.setText(statement.text)
        else:
            self.text.clear()

    def _change(self, **values) -> None:
        row = self.current_row()
        if row < 0:
            return
        self._statements[row] = replace(self._statements[row], **values)
        self.model.set_rows(enumerate(self._statements))
        self.list.selectionModel().blockSignals(True)
        self.choose(row)
        self.list.selectionModel().blockSignals(False)
        self.message.setText("")

    def _on_add(self) -> None:
        row = self.current_row()
        belief = self._statements[row].belief if row >= 0 else BuyInBelief.USEFULNESS.value
        self._statements.append(Statement(belief, ""))
        self._show(len(self._statements) - 1)
        self.text.setFocus()

    def _move(self, step: int) -> None:
        row = self.current_row()
        to = row + step
        if row < 0 or not 0 <= to < len(self._statements):
            return
        statements = self._statements
        statements[row], statements[to] = statements[to], statements[row]
        self._show(to)

    def _on_remove(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        if len(self._statements) == 1:
            self.message.setText("The survey needs at least one statement; add another first.")
            return
        del self._statements[row]
        self._show(row)

    def _on_save(self) -> None:
        try:
            check_buy_in_items(self.pairs())
        except Refused as exc:
            self.message.setText(str(exc))
            return
        missing = [
            BELIEF_LABELS[b].lower()
            for b in BuyInBelief
            if not any(s.belief == b.value for s in self._statements)
        ]
        if missing and not dialogs.confirm(
            self,
            "Save without a belief?",
            f"No statement is about {missing[0]} now, so its share will show a dash. "
            "Save the statements anyway?",
            "Save them",
        ):
            return
        self.accept()
