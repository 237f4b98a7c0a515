"""The Buy-in tab of a tool: its quarterly Technology Acceptance Model survey, the share of
teachers agreeing by quarter against the 85% line, the surveys taken, and the statements."""

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.tools import BUY_IN_TARGET_PCT
from app.services.errors import NotFound
from app.services.tools import ToolRow
from app.services.tools.buy_in import (
    AGREE_SCORE,
    BuyInSurveyRow,
    QuarterBuyIn,
    ToolBuyIn,
    buy_in_item_rows,
    delete_buy_in,
    quarter_summary,
    restore_buy_in,
    save_buy_in_items,
    share_words,
    tool_buy_in,
)
from app.text import date_span, full_date, month_day, percent, survey_average
from app.views.common import dialogs
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.deleting import delete_op
from app.views.common.detail_pane import FlowLayout
from app.views.common.operations import UndoSteps, write_op, wrote
from app.views.common.style import set_role
from app.views.common.table_model import Column, RowsTableModel
from app.views.common.widgets import heading, muted, rows_table
from app.views.tools.buy_in_dialogs import BuyInSurveyDialog, StatementsDialog, belief_word

EXPLAINED = (
    "Each quarter, teachers score each statement from 1 (strongly disagree) to 5 (strongly "
    f"agree). A teacher agrees when their scores average {AGREE_SCORE} or more; the aim is "
    f"{BUY_IN_TARGET_PCT}% agreeing."
)


@dataclass(frozen=True)
class QuarterLine:
    """A quarter's figures as the table shows them, and whether it has begun."""

    figures: QuarterBuyIn
    begun: bool

    @property
    def id(self) -> int:
        return self.figures.quarter.number


def quarter_words(line: QuarterLine) -> str:
    """Two short lines, so the table fits beside the tools list at 1024 pixels."""
    row = line.figures
    if not row.teachers:
        return "No answers yet" if line.begun else "Not begun"
    return (
        f"{row.agreeing} of {row.teachers} agree · {share_words(row)}\n"
        f"Useful {percent(row.usefulness_pct)} · Easy {percent(row.ease_pct)}"
    )


class QuartersModel(RowsTableModel):
    """One column, the quarters named in the row headers, so it fits a narrow pane."""

    COLUMNS = (
        Column(
            f"Teachers agreeing ({BUY_IN_TARGET_PCT}% line)",
            quarter_words,
            tooltip=lambda r: (
                f"{quarter_summary(r.figures)} "
                f"({date_span(r.figures.quarter.first_day, r.figures.quarter.last_day)}) "
                "Useful and Easy: the teachers whose scores on those statements alone "
                "average 4 or more."
            ),
        ),
    )

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical and 0 <= section < self.rowCount():
            quarter = self.row_at(section).figures.quarter
            if role == Qt.ItemDataRole.DisplayRole:
                return f"Q{quarter.number}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return date_span(quarter.first_day, quarter.last_day)
        return super().headerData(section, orientation, role)


def answers_text(row: BuyInSurveyRow) -> str:
    return "\n".join(
        f"{score} · {text} ({belief_word(belief).lower()})" for belief, text, score in row.answers
    )


def agrees_word(row: BuyInSurveyRow) -> str:
    if row.agrees is None:
        return ""
    return "agrees" if row.agrees else f"under {AGREE_SCORE}"


class SurveysModel(RowsTableModel):
    """Two lines a survey, so a teacher's whole name fits a narrow pane."""

    COLUMNS = (
        Column(
            "Teacher and day",
            lambda r: f"{r.teacher_name}\n{month_day(r.taken_on)} (Q{r.quarter.number})",
            tooltip=answers_text,
        ),
        Column(
            "Mean",
            lambda r: f"{survey_average(r.mean)}\n{agrees_word(r)}",
            number=True,
            tooltip=answers_text,
        ),
    )


class BuyInTab(TakesContext, QWidget):
    sig_changed = Signal(str)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._take_context(context)
        self._row: ToolRow | None = None
        self.shown: ToolBuyIn | None = None
        self._build_layout()
        self._connect_signals()
        self.show_tool(None)

    def _build_layout(self) -> None:
        self.year = QComboBox()
        self.year.setAccessibleName("School year")
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.quarters_model = QuartersModel(self)
        self.quarters = rows_table(self.quarters_model, "Buy-in by quarter")
        self.quarters.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.quarters.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.quarters.setWordWrap(True)
        self.quarters.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.quarters.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.quarters.verticalHeader().show()
        header = self.quarters.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Four quarters of two lines always: the table is as tall as its rows, never scrolling.
        rows = 2 * self.quarters.fontMetrics().lineSpacing() + 10
        self.quarters.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.quarters.verticalHeader().setDefaultSectionSize(rows)
        self.quarters.setFixedHeight(rows * 4 + header.sizeHint().height() + 4)
        self.record_button = QPushButton("Record a survey…")
        self.record_button.setToolTip("Enter one teacher's answers about this tool")
        set_role(self.record_button, "primary")
        self.items_button = QPushButton("Buy-in statements…")
        self.items_button.setToolTip("Edit the statements every tool's survey asks")
        self.surveys_model = SurveysModel(self)
        self.surveys = rows_table(self.surveys_model, "Buy-in surveys taken")
        self.surveys.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.surveys.setMinimumHeight(3 * rows + 30)
        self.surveys.setWordWrap(True)
        self.surveys.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.surveys.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.surveys.verticalHeader().setDefaultSectionSize(rows)
        surveys_header = self.surveys.horizontalHeader()
        surveys_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        surveys_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.delete_button = QPushButton("Delete survey")
        self.delete_button.setAccessibleName("Delete the buy-in survey")
        self.surveys_note = muted("")
        top = QHBoxLayout()
        top.addWidget(QLabel("School year"))
        top.addWidget(self.year)
        top.addStretch()
        # Buttons wrap onto a second line in a narrow pane rather than widen it.
        actions = FlowLayout()
        actions.addWidget(self.record_button)
        actions.addWidget(self.items_button)
        below = FlowLayout()
        below.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(muted(EXPLAINED))
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.quarters)
        layout.addLayout(actions)
        layout.addWidget(heading("Surveys taken", 1))
        layout.addWidget(self.surveys, 1)
        layout.addWidget(self.surveys_note)
        layout.addLayout(below)

    def _connect_signals(self) -> None:
        self.year.activated.connect(lambda _i: self._reload())
        self.record_button.clicked.connect(self.record_survey)
        self.items_button.clicked.connect(self.edit_statements)
        self.delete_button.clicked.connect(self._on_delete)
        self.surveys.doubleClicked.connect(lambda _index: self._show_answers())
        self.surveys.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())

    # What it shows -----------------------------------------------------------------------

    def show_tool(self, row: ToolRow | None) -> None:
        """Show `row`'s buy-in (None: no tool); the same tool again keeps the year chosen."""
        same = row is not None and self._row is not None and row.id == self._row.id
        self._row = row
        if not same:
            self.year.clear()
        self._reload()

    def _reload(self) -> None:
        self.shown = None
        if self._row is not None:
            try:
                self.shown = tool_buy_in(
                    self._store, self._row.id, self._today(), self.year.currentData()
                )
            except NotFound:
                self.shown = None
        self.setEnabled(self.shown is not None)
        self._fill(self.shown)

    def _fill(self, shown: ToolBuyIn | None) -> None:
        selected = self._current()
        if shown is None:
            self.quarters_model.set_rows([])
            self.surveys_model.set_rows([])
            self.summary.setText("")
            self.surveys_note.setText("")
            self._update_buttons()
            return
        self.year.blockSignals(True)
        self.year.clear()
        for year in shown.years:
            self.year.addItem(year, year)
        self.year.setCurrentIndex(max(0, self.year.findData(shown.school_year)))
        self.year.blockSignals(False)
        today = self._today()
        self.quarters_model.set_rows(
            QuarterLine(q, q.quarter.first_day <= today) for q in shown.quarters
        )
        self.summary.setText(self._summary_text(shown))
        self.surveys_model.set_rows(shown.surveys)
        count = len(shown.surveys)
        self.surveys_note.setText(
            "None yet in this school year."
            if not count
            else f"{count} in {shown.school_year}; hover over one for its answers."
        )
        row = -1 if selected is None else self.surveys_model.row_of(selected.id)
        if row >= 0:
            self.surveys.selectRow(row)
        self._update_buttons()

    def _summary_text(self, shown: ToolBuyIn) -> str:
        answered = [q for q in shown.quarters if q.teachers]
        now = next((q for q in shown.quarters if q.quarter == shown.current), None)
        if now is not None and now.teachers:
            return quarter_summary(now) + " This quarter is still under way."
        if answered:
            return quarter_summary(answered[-1])
        if now is not None:
            return (
                f"No buy-in survey yet in {shown.school_year}. This is {now.quarter.label} "
                f"({date_span(now.quarter.first_day, now.quarter.last_day)}): ask the "
                "tool's teachers to score the statements, then Record a survey…"
            )
        return f"No buy-in survey was recorded in {shown.school_year}."

    def _current(self) -> BuyInSurveyRow | None:
        index = self.surveys.currentIndex()
        return self.surveys_model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self._current() is not None)

    def _show_answers(self) -> None:
        survey = self._current()
        if survey is not None:
            dialogs.show_info(
                self,
                f"{survey.teacher_name}, {full_date(survey.taken_on)}",
                answers_text(survey),
            )

    # Writing -----------------------------------------------------------------------------

    def survey_dialog(self) -> BuyInSurveyDialog | None:
        if self._row is None:
            return None
        return BuyInSurveyDialog(self._store, self._row, self._today(), self)

    def record_survey(self) -> None:
        dialog = self.survey_dialog()
        if dialog is None or not dialog.exec() or dialog.survey_id is None:
            return
        survey_id, replaced = dialog.survey_id, dialog.replaced
        name, tool = dialog.teacher_name, self._row.tool.name

        def undo() -> None:
            delete_buy_in(self._store, survey_id, self._now())
            for old in replaced:
                restore_buy_in(self._store, old.id)

        status = f"Recorded {name}'s buy-in survey about {tool}."
        if replaced:
            status += f" It replaces the one of {month_day(replaced[-1].taken_on)}."
        wrote(
            self._context,
            self,
            status=status,
            undo=UndoSteps(
                f"Record {name}'s buy-in survey",
                undo=undo,
                redo=lambda: restore_buy_in(self._store, survey_id),
            ),
            refresh=self._reload,
            done=self.sig_changed.emit,
        )

    def _on_delete(self) -> None:
        survey = self._current()
        if survey is None:
            return
        delete_op(
            self._context,
            self,
            delete=lambda: delete_buy_in(self._store, survey.id, self._now()),
            restore=lambda: restore_buy_in(self._store, survey.id),
            text=f"Delete {survey.teacher_name}'s buy-in survey",
            status=(
                f"Deleted {survey.teacher_name}'s buy-in survey of "
                f"{month_day(survey.taken_on)} (Ctrl+Z brings it back)."
            ),
            refresh=self._reload,
            done=self.sig_changed.emit,
        )

    def statements_dialog(self) -> StatementsDialog:
        return StatementsDialog(buy_in_item_rows(self._store), self)

    def edit_statements(self) -> None:
        dialog = self.statements_dialog()
        if not dialog.exec():
            return
        before, after = dialog.before, dialog.pairs()
        if after == before:
            return
        write_op(
            self._context,
            self,
            write=lambda: save_buy_in_items(self._store, after),
            failure="Statements not saved",
            status=(
                "Saved the buy-in statements; surveys already taken keep the words they asked."
            ),
            undo=UndoSteps(
                "Change the buy-in statements",
                undo=lambda: save_buy_in_items(self._store, before),
                redo=lambda: save_buy_in_items(self._store, after),
            ),
            refresh=self._reload,
            done=self.sig_changed.emit,
        )
