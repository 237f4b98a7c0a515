"""The roster as a table model, and the proxy that filters it as the coach types."""

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtGui import QPalette

from app.services.teachers import TeacherRow
from app.views.common.table_model import AnyIndex, Column, RowsFilterProxy, RowsTableModel

_GRADE_RANK = {g: i for i, g in enumerate(["K", *map(str, range(1, 13))])}


def first_grade_rank(teacher: TeacherRow) -> int:
    """Where the teacher's first grade falls from K to 12 ("4-5" and "4, 6" sort as 4)."""
    first = teacher.grades.split(",")[0].split("-")[0].strip()
    return _GRADE_RANK.get(first, 99)


class TeachersTableModel(RowsTableModel):
    # Names collate as people read them (Ł with L, Ö with O), like every list and report.
    COLUMNS = (
        Column("Name", lambda t: t.name, tooltip=lambda t: t.email or None),
        Column("School", lambda t: t.school),
        Column("Grades", lambda t: t.grades, sort_key=first_grade_rank),
        Column("Subjects", lambda t: t.subjects),
        Column("Room", lambda t: t.room),
        Column("Status", lambda t: "Archived" if t.archived else "Active"),
    )

    def _search_words(self, teacher: TeacherRow) -> str:
        return f"{teacher.name} {teacher.school} {teacher.subjects}"

    def _foreground(self, teacher: TeacherRow):
        if teacher.archived:
            return QPalette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None


NAME, SCHOOL, GRADES, SUBJECTS, ROOM, STATUS = range(len(TeachersTableModel.COLUMNS))


class TeacherFilterProxy(RowsFilterProxy):
    """Filters by words over name, school and subject, and by active/archived.

    Matches are worked out in one pass per keystroke, so `filterAcceptsRow` is a lookup.
    """

    SHOW_ACTIVE, SHOW_ARCHIVED, SHOW_ALL = "active", "archived", "all"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._show = self.SHOW_ACTIVE
        self._accepted: list[bool] | None = None

    def setSourceModel(self, model: TeachersTableModel) -> None:
        # Marked stale before the proxy itself reacts, recomputed on first use after.
        for signal in (model.modelAboutToBeReset, model.layoutAboutToBeChanged):
            signal.connect(self._forget_matches)
        super().setSourceModel(model)

    def set_filters(self, *, text: str | None = None, show: str | None = None) -> None:
        words = self._words if text is None else text.casefold().split()
        show = self._show if show is None else show
        if (words, show) != (self._words, self._show):
            self.beginFilterChange()
            self._words, self._show = words, show
            self._accepted = None
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _forget_matches(self, *_args) -> None:
        self._accepted = None

    def _matches(self) -> list[bool]:
        # One list comprehension per word, with no generator per row: a keystroke's work.
        show, texts = self._show, self._model.search_texts()
        archived = show == self.SHOW_ARCHIVED
        accepted = [show == self.SHOW_ALL or t.archived == archived for t in self._model.rows()]
        for word in self._words:
            accepted = [keep and word in text for keep, text in zip(accepted, texts, strict=True)]
        return accepted

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._accepted is None:
            self._accepted = self._matches()
        return self._accepted[source_row]
