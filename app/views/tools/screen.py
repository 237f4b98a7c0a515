"""The Tools screen: every tool of the inventory with this semester's utilisation, seats and
recommendation, and the chosen tool's view with its tabs beside it; add, edit and delete a
tool, each with undo."""

import uuid

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QPushButton

from app.models.tools import ToolRecommendation
from app.services.errors import NotFound
from app.services.teachers import list_teachers
from app.services.tools import delete_tool, list_tools, restore_tool, retire_finished_sunsets
from app.services.tools.record import ToolEdit, edit_tool, tool_edit
from app.text import TOOL_RECOMMENDATION_LABELS
from app.views.common import dialogs
from app.views.common.context import ScreenContext
from app.views.common.deleting import delete_op
from app.views.common.list_screen import ListScreen
from app.views.common.operations import UndoSteps, wrote
from app.views.common.style import set_role
from app.views.common.widgets import EmptyState, filter_box, list_table, title_bar
from app.views.tools.table_model import (
    NAME,
    RECOMMENDATION,
    RENEWS,
    SEATS,
    STAGE,
    STAGE_SHORT,
    STATUS,
    STATUS_SHORT,
    USE,
    ToolFilterProxy,
    ToolsTableModel,
)
from app.views.tools.tool_view import ToolView

# At 1024 pixels the list leaves the view room for its tabs; a wider window widens both.
LIST_WIDTH = 490
# The Stage column (the view's header names it too) shows once the list has room for it
# beside every other column and a tool name of about 12 characters.
NAME_ROOM = 100
VIEW_WIDTH = 350  # the view's five tabs side by side


def column_widths(metrics: QFontMetrics) -> dict[int, int]:
    """The short columns as wide as their longest text, leaving the rest to the name."""
    pad = 18

    def fit(*texts: str) -> int:
        return max(metrics.horizontalAdvance(t) for t in texts) + pad

    return {
        STAGE: fit("Stage", *STAGE_SHORT.values()),
        STATUS: fit("Status", *STATUS_SHORT.values()),
        USE: fit("Used", "100%"),
        SEATS: fit("Seats", "99 of 999"),
        RENEWS: fit("Sep 30, 2026"),
        RECOMMENDATION: fit("Advice", *TOOL_RECOMMENDATION_LABELS.values()),
    }


class ToolsScreen(ListScreen):
    KIND = "tools"
    RELOAD_ON = ("tools", "pilots", "teachers")

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context, parent)
        self._use_models(ToolsTableModel(self), ToolFilterProxy(self))
        self._build_layout()
        self._connect_signals()

    def _build_layout(self) -> None:
        self.filter_edit = filter_box(
            "Filter by tool, vendor, teacher or school   (Ctrl+F)", "Filter tools"
        )
        self.add_button = QPushButton("Add a tool…")
        self.add_button.setToolTip("Add a tool to the inventory (Ctrl+N)")
        set_role(self.add_button, "primary")
        bar = title_bar("Tools", self.filter_edit, self.add_button)
        self._widths = column_widths(self.fontMetrics())
        self.table = list_table(
            self.proxy, "Tools", NAME, Qt.SortOrder.AscendingOrder, NAME, self._widths
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.edit_action = QAction("&Edit…", self.table)
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.delete_action = QAction("&Delete", self.table)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.report_action = QAction("Export &report…", self.table)
        for action in (self.edit_action, self.report_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.table.addAction(action)
        self.view = ToolView(self._context)
        self.view.setMinimumWidth(270)
        self.splitter = self._beside_list(self.view, (0, 1), [LIST_WIDTH, VIEW_WIDTH])
        self._sized_by_hand = False
        self.empty = EmptyState(
            "No tools yet",
            "The inventory holds the tools in use: an adopted pilot joins it, and you can add "
            "the others by hand. Each semester shows who used them and what to keep.",
            actions=(("Add a tool…", lambda: self.add_tool()),),
        )
        self._stack_pages((bar,), self.splitter, (12, 12, 12, 8))
        self.filter_combos = ()

    def _connect_signals(self) -> None:
        self._connect_filters()
        self.add_button.clicked.connect(lambda: self.add_tool())
        self.view.sig_changed.connect(self._refresh_rows_keeping_view)
        self.view.sig_edit_requested.connect(self.edit_tool)
        self.view.sig_delete_requested.connect(self.delete_tool)
        self.view.sig_report_requested.connect(self.export_report)
        self.table.doubleClicked.connect(lambda _index: self._on_current(self.edit_tool))
        self.edit_action.triggered.connect(lambda: self._on_current(self.edit_tool))
        self.delete_action.triggered.connect(lambda: self._on_current(self.delete_tool))
        self.report_action.triggered.connect(lambda: self._on_current(self.export_report))
        self._connect_list_signals()
        self.table.viewport().installEventFilter(self)
        self.splitter.installEventFilter(self)
        self.splitter.splitterMoved.connect(lambda *_a: setattr(self, "_sized_by_hand", True))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._share_width(event.size().width())
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            others = sum(w for column, w in self._widths.items() if column != STAGE)
            room = event.size().width() - others - NAME_ROOM
            self.table.setColumnHidden(STAGE, room < self._widths[STAGE])
            if not self.table.isColumnHidden(STAGE):
                self.table.setColumnWidth(STAGE, self._widths[STAGE])
        return super().eventFilter(watched, event)

    def _share_width(self, total: int) -> None:
        """Until the coach drags the divider: the list at LIST_WIDTH on a 1024-pixel screen,
        and a third of any width beyond that, the view the rest (its usage grid is wide)."""
        if self._sized_by_hand:
            return
        handle = self.splitter.handleWidth()
        listed = LIST_WIDTH + max(0, total - handle - LIST_WIDTH - VIEW_WIDTH) // 3
        self.splitter.setSizes([listed, total - handle - listed])

    def _on_current(self, act) -> None:
        tool_id = self.current_id()
        if tool_id is not None:
            act(tool_id)

    def _load_rows(self) -> list:
        # A tool whose notice ended with every step ticked is recorded as retired.
        retire_finished_sunsets(self._store, self._today())
        return list_tools(self._store, self._today())

    def _after_load(self, rows: list) -> None:
        self._show_list_or_empty(rows)

    def _show_record(self, tool_id: uuid.UUID | None) -> None:
        row = self.model.row_of(tool_id) if tool_id else -1
        self.view.show_tool(self.model.row_at(row) if row >= 0 else None)

    def _counts_text(self, rows: list) -> str:
        sunset = sum(1 for r in rows if r.review.recommendation == ToolRecommendation.SUNSET)
        review = sum(1 for r in rows if r.review.recommendation == ToolRecommendation.REVIEW)
        return f"{review} to review now · {sunset} to sunset · {len(rows)} in all"

    def open_tool(self, tool_id: uuid.UUID) -> None:
        self.reveal(tool_id)

    def add_tool(self) -> None:
        from app.views.tools.tool_dialog import ToolDialog

        dialog = ToolDialog(
            self._store, self._today(), self._now, list_teachers(self._store), parent=self
        )
        if not dialog.exec() or dialog.tool_id is None:
            return
        tool_id, name = dialog.tool_id, dialog.saved_edit.form.name.strip()
        wrote(
            self._context,
            self,
            kinds=(self.KIND,),
            status=f"Added {name} to the inventory; its vetting checks are unknown.",
            undo=UndoSteps(
                f"Add the tool {name}",
                undo=lambda: delete_tool(self._store, tool_id, self._now()),
                redo=lambda: restore_tool(self._store, tool_id),
                undone=f"Took {name} out of the inventory.",
                redone=f"Put {name} back in the inventory.",
            ),
            refresh=lambda: self.reload(select_id=tool_id),
        )

    def edit_tool(self, tool_id: uuid.UUID) -> None:
        """The edit form; a save can be undone (Ctrl+Z puts every field and seat back)."""
        from app.views.tools.tool_dialog import ToolDialog

        try:
            before = tool_edit(self._store, tool_id)
        except NotFound as exc:
            dialogs.show_error(self, "Not found", str(exc))
            self.reload()
            return
        dialog = ToolDialog(
            self._store,
            self._today(),
            self._now,
            list_teachers(self._store),
            tool_id=tool_id,
            edit=before,
            parent=self,
        )
        if not dialog.exec() or dialog.saved_edit is None:
            return
        after, name = dialog.saved_edit, dialog.saved_edit.form.name.strip()

        def put(edit: ToolEdit) -> None:
            edit_tool(self._store, tool_id, edit.form, sorted(edit.teacher_ids), self._now())

        wrote(
            self._context,
            self,
            kinds=(self.KIND,),
            status=f"Saved {name}.",
            undo=UndoSteps(
                f"Edit the tool {name}",
                undo=lambda: put(before),
                redo=lambda: put(after),
                undone=f"Put {before.form.name} back as it was.",
                redone=f"Saved {name} again.",
            ),
            refresh=lambda: self.reload(select_id=tool_id),
        )

    def delete_tool(self, tool_id: uuid.UUID) -> None:
        row = self.model.row_of(tool_id)
        if row < 0:
            return
        name = self.model.row_at(row).tool.name
        if not dialogs.confirm(
            self,
            "Delete this tool?",
            f"{name}, its seats, usage, errors and buy-in leave every list and report. "
            "Edit ▸ Undo brings it back.",
            "Delete",
        ):
            return
        delete_op(
            self._context,
            self,
            delete=lambda: delete_tool(self._store, tool_id, self._now()),
            restore=lambda: restore_tool(self._store, tool_id),
            text=f"Delete the tool {name}",
            status=f"Deleted {name} (Ctrl+Z brings it back).",
            undone=f"Put {name} back in the inventory.",
            kinds=(self.KIND,),
            refresh=lambda: self.reload(select_id=tool_id),
        )

    def export_report(self, tool_id: uuid.UUID):
        """Ask where to save the tool's report and build it; the job, or None if cancelled."""
        from app.views.tools.report_export import export_tool_report

        return export_tool_report(self._context, self, tool_id)
