"""One school year's activities as a table, and the proxy that filters them by kind and words."""

from html import escape

from PySide6.QtCore import QSortFilterProxyModel, Qt

from app.models import ActivityKind
from app.services.activities import KIND_LABELS, ActivityRow
from app.views.common.dates import full_date, weekday_day
from app.views.common.table_model import AnyIndex, RowsTableModel

DATE, KIND, TOPIC, WHO, MINUTES, ATTENDEES, FEEDBACK = range(7)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
NUMBER_COLUMNS = (MINUTES, ATTENDEES, FEEDBACK)
TOOLTIP_NOTE_CHARS = 400


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


class ActivitiesTableModel(RowsTableModel):
    HEADERS = ("Date", "Kind", "Topic", "Who", "Minutes", "Attendees", "Feedback")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._search: list[str] = []

    def set_rows(self, rows: list[ActivityRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [
            f"{r.topic} {r.audience} {r.teacher_name} {r.notes}".casefold() for r in self._rows
        ]
        self.endResetModel()

    def search_text(self, row: int) -> str:
        return self._search[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        activity: ActivityRow = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(activity, column)
        if role == SORT_ROLE:
            key = self._sort_key(activity, column)
            return self.text_rank(index) if key is None else key
        if role == ROW_ROLE:
            return activity
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == DATE:
            return full_date(activity.occurred_on)
        if role == Qt.ItemDataRole.ToolTipRole and column in (TOPIC, WHO):
            return self._tooltip(activity, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == FEEDBACK:
            score = activity.feedback_score
            return "No score" if score is None else f"{score:.1f} out of 5"
        return None

    @staticmethod
    def _display(activity: ActivityRow, column: int) -> str:
        if column == DATE:
            return weekday_day(activity.occurred_on)
        if column == KIND:
            return kind_label(activity.kind)
        if column == TOPIC:
            return activity.topic
        if column == WHO:
            return activity.who
        if column == MINUTES:
            return str(activity.minutes)
        if column == ATTENDEES:
            return "" if activity.attendees is None else str(activity.attendees)
        return "" if activity.feedback_score is None else f"{activity.feedback_score:.1f}"

    @staticmethod
    def _sort_key(activity: ActivityRow, column: int):
        # Empty numbers sort below every real value, so a descending sort puts them last.
        if column == DATE:
            return activity.occurred_on.toordinal()
        if column == MINUTES:
            return activity.minutes
        if column == ATTENDEES:
            return -1 if activity.attendees is None else activity.attendees
        if column == FEEDBACK:
            return -1.0 if activity.feedback_score is None else activity.feedback_score
        return None  # a text column: collated by the shared table model

    @staticmethod
    def _tooltip(activity: ActivityRow, column: int) -> str | None:
        # Tooltips guess at rich text, so user text is escaped inside an explicit paragraph.
        if column == WHO:
            both = activity.teacher_name and activity.audience
            return f"<p>{escape(activity.audience)}</p>" if both else None
        text = escape(activity.topic)
        if activity.notes.strip():
            note = activity.notes.strip()
            if len(note) > TOOLTIP_NOTE_CHARS:
                note = note[:TOOLTIP_NOTE_CHARS].rstrip() + "…"
            text += f"<br><br><i>Private note:</i> {escape(note)}"
        return f"<p style='white-space:pre-wrap'>{text}</p>"


class ActivityFilterProxy(QSortFilterProxyModel):
    """Filters by kind and by words over topic, audience, teacher and notes; sorts by SORT_ROLE.

    A year holds a few hundred activities at most, so the proxy sorts them itself.
    """

    ALL = ""
    KINDS = (ActivityKind.PD_SESSION.value, ActivityKind.INFORMAL_CONTACT.value)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._kind = self.ALL
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    @property
    def is_filtering(self) -> bool:
        return bool(self._kind or self._words)

    def set_kind(self, kind: str) -> None:
        if kind != self._kind:
            self._change_filter(kind, self._words)

    def set_filter_text(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self._change_filter(self._kind, words)

    def _change_filter(self, kind: str, words: list[str]) -> None:
        self.beginFilterChange()
        self._kind, self._words = kind, words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model: ActivitiesTableModel = self.sourceModel()
        if self._kind and model.row_at(source_row).kind != self._kind:
            return False
        text = model.search_text(source_row)
        return all(word in text for word in self._words)
