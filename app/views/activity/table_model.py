"""One school year's activities as a table, and the proxy that filters them by kind and words."""

from html import escape

from PySide6.QtCore import QSortFilterProxyModel

from app.models import ActivityKind
from app.services.activities import KIND_LABELS, ActivityRow
from app.text import full_date, weekday_day
from app.views.common.table_model import (
    AnyIndex,
    Column,
    RowsFilterProxy,
    RowsTableModel,
    blank_first,
)

TOOLTIP_NOTE_CHARS = 400


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def _number_text(value: float | None, form: str = "{}") -> str:
    return "" if value is None else form.format(value)


def topic_tooltip(activity: ActivityRow) -> str:
    # Tooltips guess at rich text, so user text is escaped inside an explicit paragraph.
    text = escape(activity.topic)
    note = activity.notes.strip()
    if note:
        if len(note) > TOOLTIP_NOTE_CHARS:
            note = note[:TOOLTIP_NOTE_CHARS].rstrip() + "…"
        text += f"<br><br><i>Private note:</i> {escape(note)}"
    return f"<p style='white-space:pre-wrap'>{text}</p>"


def who_tooltip(activity: ActivityRow) -> str | None:
    both = activity.teacher_name and activity.audience
    return f"<p>{escape(activity.audience)}</p>" if both else None


def feedback_spoken(activity: ActivityRow) -> str:
    score = activity.feedback_score
    return "No score" if score is None else f"{score:.1f} out of 5"


class ActivitiesTableModel(RowsTableModel):
    # Empty numbers sort below every real value, so a descending sort puts them last.
    COLUMNS = (
        Column(
            "Date",
            lambda a: weekday_day(a.occurred_on),
            sort_key=lambda a: a.occurred_on,
            tooltip=lambda a: full_date(a.occurred_on),
        ),
        Column("Kind", lambda a: kind_label(a.kind)),
        Column("Topic", lambda a: a.topic, tooltip=topic_tooltip),
        Column("Who", lambda a: a.who, tooltip=who_tooltip),
        Column("Minutes", lambda a: str(a.minutes), sort_key=lambda a: a.minutes, number=True),
        Column(
            "Attendees",
            lambda a: _number_text(a.attendees),
            sort_key=lambda a: blank_first(a.attendees),
            number=True,
        ),
        Column(
            "Feedback",
            lambda a: _number_text(a.feedback_score, "{:.1f}"),
            sort_key=lambda a: blank_first(a.feedback_score),
            number=True,
            spoken=feedback_spoken,
        ),
    )

    def _search_words(self, activity: ActivityRow) -> str:
        return f"{activity.topic} {activity.audience} {activity.teacher_name} {activity.notes}"


DATE, KIND, TOPIC, WHO, MINUTES, ATTENDEES, FEEDBACK = range(len(ActivitiesTableModel.COLUMNS))


class ActivityFilterProxy(RowsFilterProxy):
    """Filters by kind and by words over topic, audience, teacher and notes."""

    ALL = ""
    KINDS = (ActivityKind.PD_SESSION.value, ActivityKind.INFORMAL_CONTACT.value)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._kind = self.ALL

    @property
    def is_filtering(self) -> bool:
        return bool(self._kind or self._words)

    def set_filters(self, *, kind: str | None = None, text: str | None = None) -> None:
        self.beginFilterChange()
        if kind is not None:
            self._kind = kind
        self._set_words(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._kind and self._row(source_row).kind != self._kind:
            return False
        return self._has_words(source_row)
