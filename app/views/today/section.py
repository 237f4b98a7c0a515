"""One section of the Today screen: a title, a compact list sized to its rows, an empty line."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.today import AgendaItem, ToolsReview
from app.text import weekday_full_date
from app.views.common.table_model import row_of_index
from app.views.common.widgets import heading, muted, widget_shortcut
from app.views.today.table_models import OverdueModel, SectionModel, ToolsDueModel

MAX_VISIBLE_ROWS = 7
MAX_COLUMN_WIDTH = 260
MIN_SHARED_COLUMN = 72
MIN_LAST_COLUMN = 110
MEASURED_ROWS = 60
KEPT_SELECTION = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)


class CompactTable(QTableView):
    """A read-only list as tall as its rows (up to a limit); Tab leaves it for the next list.

    Only the list with focus shows a selected row, so the screen never has several.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(40)
        self.set_row_height(self.fontMetrics().height() + 14)
        self._natural: list[int] = []

    def set_row_height(self, height: int) -> None:
        self.verticalHeader().setDefaultSectionSize(height)

    def fit_to_rows(self, max_rows: int = MAX_VISIBLE_ROWS) -> None:
        rows = min(self.model().rowCount(), max_rows)
        header = self.horizontalHeader().sizeHint().height()
        height = header + rows * self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(height + 2 * self.frameWidth())

    def fit_columns(self) -> None:
        """Columns as wide as their text (capped), side by side; the last takes the rest."""
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        self._natural = [
            min(max(self._text_width(c), header.sectionSizeHint(c)) + 16, MAX_COLUMN_WIDTH)
            for c in range(self.model().columnCount())
        ]
        self._share_width()

    def _text_width(self, column: int) -> int:
        # Measured over the first rows only: a district can have hundreds not seen.
        metrics = self.fontMetrics()
        model = self.model()
        rows = min(model.rowCount(), MEASURED_ROWS)
        texts = (model.index(row, column).data() or "" for row in range(rows))
        return max((metrics.horizontalAdvance(text) for text in texts), default=0) + 8

    def _share_width(self) -> None:
        """When the text is wider than the list, the widest columns give way first."""
        natural = self._natural[:-1]
        if not natural:
            return
        room = self.viewport().width() - min(self._natural[-1], MIN_LAST_COLUMN)
        cap = max(natural)
        while cap > MIN_SHARED_COLUMN and sum(min(w, cap) for w in natural) > room:
            cap -= 8
        for column, width in enumerate(natural):
            self.setColumnWidth(column, min(width, cap))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._natural:
            self._share_width()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, 0))
        elif self.currentIndex().isValid():
            self.selectRow(self.currentIndex().row())

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if event.reason() not in KEPT_SELECTION:
            self.clearSelection()


class TodaySection(QWidget):
    """Emits `sig_open_requested(row)` on Enter or double-click; the screen decides what opens.

    D, R and Delete do nothing on most lists: they emit `sig_key_refused(reason)` so the
    status bar can say why, instead of the key going nowhere.
    """

    sig_open_requested = Signal(object)
    sig_key_refused = Signal(str)

    def __init__(
        self,
        title: str,
        empty_text: str,
        model: SectionModel,
        shows: str = "",
        parent=None,
    ):
        super().__init__(parent)
        self.model = model
        self.model.setParent(self)
        # What the rows are ("teachers", "cycles"…), for the reason a key does nothing.
        self._shows = shows
        self._build_layout(title, empty_text)
        self._connect_signals()

    def _build_layout(self, title: str, empty_text: str) -> None:
        self.title = heading(title, 2)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.count = muted("")
        self.count.setWordWrap(False)
        self.table = CompactTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(title)
        self.empty = muted(empty_text)
        self.empty.setAccessibleName(f"{title}: {empty_text}")

        bar = QHBoxLayout()
        bar.setSpacing(10)
        bar.addWidget(self.title)
        bar.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)

    def _connect_signals(self) -> None:
        self.table.doubleClicked.connect(self._on_double_clicked)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            widget_shortcut(key, self.table, self._on_open_current)
        for key, slot in (
            (Qt.Key.Key_D, self._on_done_key),
            (Qt.Key.Key_R, self._on_reschedule_key),
            (QKeySequence.StandardKey.Delete, self._on_delete_key),
        ):
            widget_shortcut(key, self.table, slot)

    def set_rows(self, rows, today) -> None:
        """Refill the list, keeping the keyboard where it was when the list had focus."""
        had_focus = self.table.hasFocus()
        current = self.table.currentIndex().row()
        self.model.set_rows(rows, today)
        count = self.model.rowCount()
        self.count.setText(str(count) if count else "")
        self.table.setVisible(count > 0)
        self.empty.setVisible(count == 0)
        self._after_rows()
        self.table.fit_columns()
        self.table.fit_to_rows()
        if had_focus and count:
            self.table.setCurrentIndex(self.model.index(min(max(current, 0), count - 1), 0))

    def current_row(self):
        index = self.table.currentIndex()
        return row_of_index(index)

    def _after_rows(self) -> None:
        """Subclasses add per-row widgets here."""

    def _on_double_clicked(self, index) -> None:
        if index.isValid():
            self.sig_open_requested.emit(row_of_index(index))

    def _on_open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.sig_open_requested.emit(row)

    def _on_done_key(self) -> None:
        if self.current_row() is not None:
            self.sig_key_refused.emit(
                f"D marks a session done, and this list shows {self._shows}. "
                "Enter opens the selected one."
            )

    def _on_reschedule_key(self) -> None:
        if self.current_row() is not None:
            self.sig_key_refused.emit(
                f"R reschedules a session, and this list shows {self._shows}. "
                "Enter opens the selected one."
            )

    def _on_delete_key(self) -> None:
        if self.current_row() is not None:
            self.sig_key_refused.emit(
                "Nothing is deleted from Today. Enter opens the selected item, "
                "where you can change or delete it."
            )


def session_phrase(item: AgendaItem) -> str:
    """ "the model lesson with Maria Alvarez", for buttons and messages."""
    return f"the {item.label.lower()} with {item.teacher_name}"


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


class RowActions(QWidget):
    """Done and Reschedule for one overdue row. Keyboard users press D or R on the row."""

    def __init__(self, phrase: str, parent=None):
        super().__init__(parent)
        self.done_button = QPushButton("Done")
        self.done_button.setToolTip(f"Mark {phrase} done today (D)")
        self.done_button.setAccessibleName(f"Mark {phrase} done")
        self.reschedule_button = QPushButton("Reschedule…")
        self.reschedule_button.setToolTip(f"Move {phrase} to another day (R)")
        self.reschedule_button.setAccessibleName(f"Reschedule {phrase}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 1, 4, 1)
        layout.setSpacing(6)
        for button in (self.done_button, self.reschedule_button):
            # The row has the focus and D or R act on it, so Tab goes from list to list.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoDefault(False)
            layout.addWidget(button)
        layout.addStretch(1)


class SessionSection(TodaySection):
    """A list of cycle sessions: D marks the selected one done, R reschedules it."""

    sig_done_requested = Signal(object)
    sig_reschedule_requested = Signal(object)

    def __init__(self, title: str, empty_text: str, model: SectionModel, parent=None):
        super().__init__(title, empty_text, model, "sessions", parent)
        self.table.setAccessibleDescription(
            "Enter opens the session's cycle, D marks it done, R reschedules it."
        )

    def _on_done_key(self) -> None:
        self._on_done(self.current_row())

    def _on_reschedule_key(self) -> None:
        self._on_reschedule(self.current_row())

    def _on_done(self, item: AgendaItem | None) -> None:
        if item is None:
            return
        if item.done:
            self.sig_key_refused.emit(
                f"{_sentence_start(session_phrase(item))} is already marked done. "
                "Enter opens its cycle if that needs changing."
            )
            return
        self.sig_done_requested.emit(item)

    def _on_reschedule(self, item: AgendaItem | None) -> None:
        if item is None:
            return
        if item.done:
            self.sig_key_refused.emit(
                f"{_sentence_start(session_phrase(item))} is done, so it keeps its day. "
                "Enter opens its cycle if that needs changing."
            )
            return
        self.sig_reschedule_requested.emit(item)


class OverdueSection(SessionSection):
    """Overdue sessions, each with one-step Done and Reschedule buttons."""

    def __init__(self, title: str, empty_text: str, parent=None):
        super().__init__(title, empty_text, OverdueModel(), parent)
        probe = RowActions("")
        self.table.set_row_height(max(self.fontMetrics().height() + 14, probe.sizeHint().height()))
        probe.deleteLater()

    def _after_rows(self) -> None:
        for row in range(self.model.rowCount()):
            item = self.model.row_at(row)
            actions = RowActions(session_phrase(item))
            actions.done_button.clicked.connect(lambda _=False, i=item: self._on_done(i))
            actions.reschedule_button.clicked.connect(
                lambda _=False, i=item: self._on_reschedule(i)
            )
            self.table.setIndexWidget(self.model.index(row, OverdueModel.ACTIONS), actions)

    def row_actions(self, row: int) -> RowActions:
        return self.table.indexWidget(self.model.index(row, OverdueModel.ACTIONS))


def review_note(review: ToolsReview, today) -> str:
    """Which semester's review is open, or when the next one opens."""
    semester = review.semester
    if semester is None:
        return (
            "Tools losing instruction time and renewals under 30% are listed at any date; "
            f"the next semester review opens on {weekday_full_date(review.opens_on)}."
        )
    label = semester.label[:1].upper() + semester.label[1:]
    if not semester.ended_by(today):
        return (
            f"{label} ends on {weekday_full_date(semester.last_day)}: its review is shown as "
            "the use stands so far."
        )
    return (
        f"{label} ended on {weekday_full_date(semester.last_day)}: its review stays here "
        f"until {weekday_full_date(review.closes_on)}."
    )


class ToolsSection(TodaySection):
    """The tools due for review, under a line saying which semester's review is open."""

    def __init__(self, parent=None):
        super().__init__(
            "Tools to review",
            "No tool needs a review today.",
            ToolsDueModel(),
            "tools",
            parent,
        )
        self.note = muted("")
        self.note.setAccessibleName("Semester review")
        self.layout().insertWidget(1, self.note)
        self.table.setAccessibleDescription("Enter opens the tool on the Tools screen.")

    def set_review(self, review: ToolsReview, today) -> None:
        self.note.setText(review_note(review, today))
        self.set_rows(review.due, today)
