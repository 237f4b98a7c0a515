"""The Activity log screen: PD sessions and informal contacts for a school year, with totals."""

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import ActivityKind
from app.services.activities import (
    ActivityRow,
    ActivityTotals,
    activity_totals,
    delete_activity,
    list_activities,
    restore_activity,
)
from app.services.calendar import AUGUST_TO_JULY
from app.services.profile import school_calendar
from app.services.teachers import list_teachers
from app.views.activity.commands import describe
from app.views.activity.form import ActivityFormDialog
from app.views.activity.table_model import (
    ATTENDEES,
    DATE,
    FEEDBACK,
    KIND,
    MINUTES,
    TOPIC,
    WHO,
    ActivitiesTableModel,
    ActivityFilterProxy,
)
from app.views.common.context import ScreenContext
from app.views.common.deleting import delete_op
from app.views.common.list_screen import ListScreen
from app.views.common.style import set_role
from app.views.common.widgets import (
    EmptyState,
    choice_combo,
    filter_box,
    heading,
    list_table,
    muted,
    widget_shortcut,
)
from app.views.teachers.changed import KEPT_THEIRS_MESSAGE

PD, CONTACT = ActivityKind.PD_SESSION.value, ActivityKind.INFORMAL_CONTACT.value
# Who gets a sixth of the width within these bounds; Topic, the longest text, gets the rest.
WHO_WIDTH = (140, 210)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def totals_text(totals: ActivityTotals) -> str:
    """The year's totals as one line, e.g. "PD: 12 sessions · 15.8 hours · … — Contacts: …"."""
    feedback = (
        "no feedback scores"
        if totals.mean_feedback is None
        else f"feedback {totals.mean_feedback:.1f} / 5"
    )
    pd = " · ".join(
        (
            _plural(totals.pd_sessions, "session", "sessions"),
            f"{totals.pd_hours:.1f} hours",
            _plural(totals.pd_attendees, "attendee", "attendees"),
            feedback,
        )
    )
    return f"PD: {pd} — Contacts: {totals.contacts} · {totals.contact_minutes / 60:.1f} hours"


def counts_text(totals: ActivityTotals) -> str:
    """The status bar's short form, e.g. "12 PD sessions · 15.8 h · 18 contacts"."""
    return " · ".join(
        (
            _plural(totals.pd_sessions, "PD session", "PD sessions"),
            f"{totals.pd_hours:.1f} h",
            _plural(totals.contacts, "contact", "contacts"),
        )
    )


class ActivityScreen(ListScreen):
    KIND = "activities"
    # Teacher names show in the Who column, so a renamed teacher reloads the log too.
    RELOAD_ON = ("activities", "teachers")

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self._by_year: dict[str, list[ActivityRow]] = {}
        self._calendar = AUGUST_TO_JULY  # the coach's own, read with the rows
        self._totals = activity_totals([])
        self._use_models(ActivitiesTableModel(self), ActivityFilterProxy(self))
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.contact_button = QPushButton("Log a &contact…")
        self.contact_button.setAccessibleName("Log an informal contact")
        self.contact_button.setToolTip("A quick question, a hallway chat, a drop-in")
        self.pd_button = QPushButton("Log a &PD session…")
        self.pd_button.setAccessibleName("Log a PD session")
        self.pd_button.setToolTip("Log a PD session you gave (Ctrl+N)")
        set_role(self.pd_button, "primary")
        top = QHBoxLayout()
        top.addWidget(heading("Activity log"))
        top.addStretch(1)
        top.addWidget(self.contact_button)
        top.addWidget(self.pd_button)

        self.filter_edit = filter_box(
            "Filter by topic, audience, teacher or note   (Ctrl+F)", "Filter activities"
        )
        self.kind_combo = choice_combo(
            "Kind of activity",
            (
                ("All kinds", ActivityFilterProxy.ALL),
                ("PD sessions", PD),
                ("Informal contacts", CONTACT),
            ),
        )
        self.year_combo = choice_combo("School year")
        self.year_combo.setToolTip("School years run August to July")
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.kind_combo)
        filters.addWidget(self.year_combo)

        self.totals_label = QLabel()
        self.totals_label.setTextFormat(Qt.TextFormat.PlainText)
        self.totals_label.setWordWrap(True)
        self.totals_label.setAccessibleName("Totals for the school year")
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.totals_label.font()
        font.setPointSize(font.pointSize() + 1)
        self.totals_label.setFont(font)

        # Topic takes what is left, so every column fits at 1024 pixels without scrolling.
        self.table = list_table(
            self.proxy,
            "Activities",
            DATE,
            Qt.SortOrder.DescendingOrder,
            TOPIC,
            {DATE: 96, KIND: 114, WHO: WHO_WIDTH[1], MINUTES: 70, ATTENDEES: 84, FEEDBACK: 78},
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.edit_action = QAction("&Edit…", self.table)
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.delete_action = QAction("&Delete", self.table)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        for action in (self.edit_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.table.addAction(action)

        self.no_match = muted("Nothing matches the filter. Clear it to see the whole year.")
        self.no_match.hide()
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 4, 0, 0)
        list_layout.addWidget(self.totals_label)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.no_match)

        self.empty = EmptyState(
            "Nothing logged for this school year",
            "Log the PD sessions you give and your informal contacts with teachers: a "
            "question in the hallway, a Coffee and Curriculum drop-in. The year's totals "
            "appear here, ready for your portfolio.",
            actions=(
                ("Log a PD session…", lambda: self.add_activity(PD)),
                ("Log a contact…", lambda: self.add_activity(CONTACT)),
            ),
        )
        self._stack_pages((top, filters), list_page)
        self.filter_combos = (self.kind_combo,)

    def _connect_signals(self) -> None:
        self.pd_button.clicked.connect(lambda: self.add_activity(PD))
        self.contact_button.clicked.connect(lambda: self.add_activity(CONTACT))
        self._connect_filters(kind=self.kind_combo)
        self.year_combo.currentIndexChanged.connect(
            lambda _i: self._show_rows(self._by_year.get(self.school_year(), []), None)
        )
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.edit_action.triggered.connect(self.edit_current)
        self.delete_action.triggered.connect(self.delete_current)
        self._connect_list_signals()
        widget_shortcut(Qt.Key.Key_Down, self.filter_edit, self.table.setFocus)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        low, high = WHO_WIDTH
        self.table.setColumnWidth(WHO, max(low, min(high, event.size().width() // 6)))

    # The list: one school year at a time ------------------------------------------------

    def _load_rows(self) -> list:
        self._by_year = {}
        self._calendar = school_calendar(self._store)
        for row in list_activities(self._store):
            self._by_year.setdefault(self._calendar.year_of(row.occurred_on), []).append(row)
        self._refill_years()
        return self._by_year.get(self.school_year(), [])

    def _refill_years(self) -> None:
        chosen = self.year_combo.currentData() or self._calendar.year_of(self._today())
        years = sorted(
            {*self._by_year, self._calendar.year_of(self._today()), chosen}, reverse=True
        )
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(year, year)
        self.year_combo.setCurrentIndex(self.year_combo.findData(chosen))
        self.year_combo.blockSignals(False)

    def _after_load(self, rows: list) -> None:
        self._totals = activity_totals(rows)
        self.totals_label.setText(totals_text(self._totals))
        self._show_list_or_empty(rows)

    def _counts_text(self, rows: list) -> str:
        return counts_text(self._totals)

    def _shown_text(self, shown: int, total: int) -> str:
        return f" · {shown} shown" if self.proxy.is_filtering else ""

    def _publish_counts(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.no_match.setVisible(total > 0 and shown == 0)
        super()._publish_counts()

    def school_year(self) -> str:
        return self.year_combo.currentData() or self._calendar.year_of(self._today())

    def current_activity(self) -> ActivityRow | None:
        return self.current_row()

    def reveal(self, activity_id: uuid.UUID) -> None:
        """Show an entry's school year and select it, clearing filters that hide it."""
        activity = self._find(activity_id)
        year = self._calendar.year_of(activity.occurred_on) if activity else self.school_year()
        if year != self.school_year():
            self.year_combo.setCurrentIndex(self.year_combo.findData(year))
        super().reveal(activity_id)

    def _find(self, activity_id: uuid.UUID) -> ActivityRow | None:
        rows = (row for year in self._by_year.values() for row in year)
        return next((row for row in rows if row.id == activity_id), None)

    # Writing -----------------------------------------------------------------------------

    def add_activity(self, kind: str | None = None) -> None:
        """Open the form for a new entry; without a kind, the one the filter shows (else PD)."""
        if kind is None:
            kind = CONTACT if self.kind_combo.currentData() == CONTACT else PD
        dialog = ActivityFormDialog(
            self._store, list_teachers(self._store), self._today(), kind=kind, parent=self
        )
        if dialog.exec() and dialog.saved:
            self._after_save("Logged the {}.", dialog.saved)

    def edit_current(self) -> None:
        activity = self.current_activity()
        if activity is None:
            return
        dialog = ActivityFormDialog(
            self._store,
            list_teachers(self._store),
            self._today(),
            activity=activity,
            parent=self,
        )
        if dialog.exec() and dialog.saved:
            self._after_save("Saved the {}.", dialog.saved)
        elif dialog.kept_theirs:
            self.reload(select_id=activity.id)
            self._events.sig_status_message.emit(KEPT_THEIRS_MESSAGE)

    def delete_current(self) -> None:
        activity = self.current_activity()
        if activity is None:
            return
        delete_op(
            self._context,
            self,
            delete=lambda: delete_activity(self._store, activity.id),
            restore=lambda: restore_activity(self._store, activity.id),
            text=f"Delete {describe(activity)}",
            status=f"Deleted the {describe(activity)}. Ctrl+Z undoes it.",
            undone=f"Restored the {describe(activity)}.",
            redone=f"Deleted the {describe(activity)}.",
            kinds=(self.KIND,),
            refresh=self.reload,
        )

    def _after_save(self, template: str, activity_id: uuid.UUID) -> None:
        """The form saved: reload, bring the saved entry into view and say what was saved."""
        self.reload(select_id=activity_id)
        saved = self._find(activity_id)
        if saved is not None:
            self.reveal(saved.id)
        self._announce(template.format(describe(saved)) if saved else "Saved.")
