"""The Pilots screen: every pilot with its status, utilisation and recommendation, and the
pilot view with its tabs."""

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QPushButton,
)

from app.services.errors import NotFound
from app.services.pilots import (
    RECOMMENDATION_LABELS,
    STATUS_LABELS,
    list_pilots,
    pilot_detail,
)
from app.services.teachers import list_teachers
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.list_screen import ListScreen
from app.views.common.style import set_role
from app.views.common.widgets import EmptyState, choice_combo, filter_box, list_table, title_bar
from app.views.pilots.pilot_view import PilotView
from app.views.pilots.table_model import (
    DECIDED,
    OPEN,
    RECOMMENDATION,
    STARTS,
    STATUS,
    TEACHERS,
    TOOL,
    USE,
    PilotFilterProxy,
    PilotsTableModel,
)

# Wide enough for the short columns and a tool name of about 24 characters.
LIST_WIDTH = 420


def column_widths(metrics: QFontMetrics) -> dict[int, int]:
    """The short columns as wide as their longest text, leaving the rest to the tool name."""
    pad = 18

    def fit(*texts: str) -> int:
        return max(metrics.horizontalAdvance(t) for t in texts) + pad

    statuses = [f"{label} · due" for label in STATUS_LABELS.values()]
    return {
        STATUS: fit("Status", *statuses),
        TEACHERS: fit("Teachers"),
        USE: fit("Used", "100%"),
        RECOMMENDATION: fit("Advice", *RECOMMENDATION_LABELS.values()),
        STARTS: fit("Sep 30, 2026"),
    }


class PilotsScreen(ListScreen):
    sig_report_requested = Signal(str, object)
    KIND = "pilots"
    RELOAD_ON = ("pilots", "teachers")

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self._use_models(PilotsTableModel(self), PilotFilterProxy(self))
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.filter_edit = filter_box(
            "Filter by tool, vendor or teacher   (Ctrl+F)", "Filter pilots"
        )
        self.state_combo = choice_combo(
            "Which pilots",
            (("Every pilot", PilotFilterProxy.ANY), ("Open", OPEN), ("Decided", DECIDED)),
        )
        self.add_button = QPushButton("New pilot…")
        self.add_button.setToolTip("Add a pilot (Ctrl+N)")
        set_role(self.add_button, "primary")
        bar = title_bar("Pilots", self.filter_edit, self.state_combo, self.add_button)
        self.table = list_table(
            self.proxy,
            "Pilots",
            STARTS,
            Qt.SortOrder.DescendingOrder,
            TOOL,
            column_widths(self.fontMetrics()),
        )
        self.table.setColumnHidden(TEACHERS, True)
        self.table.setColumnHidden(STARTS, True)
        self.view = PilotView(self._context)
        self.view.setMinimumWidth(420)
        # The list keeps room for tool names at 1024 pixels; a wider window widens the view.
        splitter = self._beside_list(self.view, (0, 1), [LIST_WIDTH, 600])
        self.empty = EmptyState(
            "No pilots yet",
            "A pilot tries a new tool for four weeks with a few volunteer teachers: vet it, "
            "log what goes wrong, tick who used it, survey the teachers, then adopt or sunset.",
            actions=(("Add a pilot…", lambda: self.add_pilot()),),
        )
        self._stack_pages((bar,), splitter, (12, 12, 12, 8))
        self.filter_combos = (self.state_combo,)

    def _connect_signals(self) -> None:
        self._connect_filters(state=self.state_combo)
        self.add_button.clicked.connect(lambda: self.add_pilot())
        self.view.sig_changed.connect(self._refresh_rows_keeping_view)
        self.view.sig_deleted.connect(self._reload_and_announce)
        self.view.sig_edit_requested.connect(self.edit_pilot)
        self.view.sig_report_requested.connect(
            lambda pilot_id: self.sig_report_requested.emit("pilot", pilot_id)
        )
        self._connect_list_signals()

    def _load_rows(self) -> list:
        return list_pilots(self._store, self._today())

    def _after_load(self, rows: list) -> None:
        self._show_list_or_empty(rows)

    def _show_record(self, pilot_id: uuid.UUID | None) -> None:
        self.view.show_pilot(pilot_id)

    def _counts_text(self, rows: list) -> str:
        running = sum(1 for r in rows if r.status == "piloting")
        waiting = sum(1 for r in rows if r.awaiting_decision)
        return f"{running} piloting · {waiting} awaiting a decision · {len(rows)} in all"

    def open_pilot(self, pilot_id: uuid.UUID) -> None:
        self.reveal(pilot_id)

    def add_pilot(self) -> None:
        from app.views.pilots.pilot_dialog import PilotDialog

        dialog = PilotDialog(
            self._store, list_teachers(self._store), self._today(), self._now, parent=self
        )
        if dialog.exec() and dialog.pilot_id is not None:
            self._saved(dialog.pilot_id, "Added the pilot; its six vetting checks are waiting.")

    def edit_pilot(self, pilot_id: uuid.UUID) -> None:
        from app.views.pilots.pilot_dialog import PilotDialog

        try:
            detail = pilot_detail(self._store, pilot_id, self._today())
        except NotFound as exc:
            dialogs.show_error(self, "Not found", str(exc))
            return
        dialog = PilotDialog(
            self._store,
            list_teachers(self._store),
            self._today(),
            self._now,
            pilot_id=pilot_id,
            form=detail.form,
            enrolled={t.id for t in detail.teachers},
            opened_at=detail.updated_at,
            parent=self,
        )
        if dialog.exec():
            self._saved(
                pilot_id,
                "Kept the pilot as it was changed; your edits were not saved."
                if dialog.kept_theirs
                else "Saved the pilot.",
            )
