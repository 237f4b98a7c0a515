"""The Buy-in tab of a tool: its quarterly Technology Acceptance Model survey, the share of
teachers agreeing by quarter against the 85% line, the surveys taken, and the statements."""

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
from app.views.common.operations import UndoSteps, write_op, wrote
from app.views.common.style import set_role
from app.views.common.table_model import Column, RowsTableModel
from app.views.common.widgets import heading, muted, rows_table
from app.views.tools.buy_in_dialogs import BuyInSurveyDialog, StatementsDialog, belief_word

EXPLAINED = (
    "Each quarter, the tool's teachers score every statement from 1 (strongly disagree) to "
    f"5 (strongly agree). A teacher agrees when their scores average {AGREE_SCORE} or more; "
    f"the aim is {BUY_IN_TARGET_PCT}% of them agreeing."
)


class QuartersModel(RowsTableModel):
    COLUMNS = (
        Column(
            "Quarter",
            lambda r: f"Q{r.quarter.number}",
            tooltip=lambda r: date_span(r.quarter.first_day, r.quarter.last_day),
        ),
        Column("Answered", lambda r: str(r.teachers), number=True),
        Column("Agree", lambda r: str(r.agreeing) if r.teachers else "", number=True),
        Column(
            f"Share ({BUY_IN_TARGET_PCT}%)",
            share_words,
            tooltip=lambda r: quarter_summary(r),
        ),
        Column(
            "Useful",
            lambda r: percent(r.usefulness_pct),
            number=True,
            tooltip=lambda r: "Teachers whose usefulness scores average 4 or more",
        ),
        Column(
            "Easy",
            lambda r: percent(r.ease_pct),
            number=True,
            tooltip=lambda r: "Teachers whose ease-of-use scores average 4 or more",
        ),
    )


SHARE = 3


def answers_text(row: BuyInSurveyRow) -> str:
    return "\n".join(
        f"{score} · {text} ({belief_word(belief).lower()})" for belief, text, score in row.answers
    )


class SurveysModel(RowsTableModel):
    COLUMNS = (
        Column("Taken", lambda r: month_day(r.taken_on), sort_key=lambda r: r.taken_on),
        Column("Teacher", lambda r: r.teacher_name, tooltip=answers_text),
        Column("Quarter", lambda r: f"Q{r.quarter.number}"),
        Column("Mean", lambda r: survey_average(r.mean), number=True, tooltip=answers_text),
        Column("Agrees", lambda r: "" if r.agrees is None else ("Yes" if r.agrees else "No")),
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
        header = self.quarters.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SHARE, QHeaderView.ResizeMode.Stretch)
        # Four quarters always: the table is as tall as its rows, never scrolling.
        rows = self.quarters.fontMetrics().height() + 10
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
        self.surveys.setMinimumHeight(110)
        surveys_header = self.surveys.horizontalHeader()
        surveys_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        surveys_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.delete_button = QPushButton("Delete survey")
        self.delete_button.setAccessibleName("Delete the buy-in survey")
        self.surveys_note = muted("")
        top = QHBoxLayout()
        top.addWidget(QLabel("School year"))
        top.addWidget(self.year)
        top.addStretch()
        actions = QHBoxLayout()
        actions.addWidget(self.record_button)
        actions.addStretch()
        actions.addWidget(self.items_button)
        below = QHBoxLayout()
        below.addWidget(self.surveys_note, 1)
        below.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(muted(EXPLAINED))
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.quarters)
        layout.addLayout(actions)
        layout.addWidget(heading("Surveys taken", 1))
        layout.addWidget(self.surveys, 1)
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
        self.quarters_model.set_rows(shown.quarters)
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
