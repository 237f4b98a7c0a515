"""The Tools screen: every tool of the inventory with this semester's utilisation, seats and
recommendation, and the chosen tool's figures, review, teachers and checks beside it."""

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QPushButton

from app.models.tools import ToolRecommendation
from app.services.tools import delete_tool, list_tools, restore_tool
from app.views.common.context import ScreenContext
from app.views.common.list_screen import ListScreen
from app.views.common.operations import UndoSteps, wrote
from app.views.common.style import set_role
from app.views.common.widgets import EmptyState, filter_box, list_table, title_bar
from app.views.tools.table_model import (
    NAME,
    RECOMMENDATION,
    RECOMMENDATION_WORDS,
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

# Every column at 1024 pixels, with room for a tool name of about 12 characters.
LIST_WIDTH = 570


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
        RECOMMENDATION: fit("Advice", *RECOMMENDATION_WORDS.values()),
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
        self.table = list_table(
            self.proxy,
            "Tools",
            NAME,
            Qt.SortOrder.AscendingOrder,
            NAME,
            column_widths(self.fontMetrics()),
        )
        self.view = ToolView()
        self.view.setMinimumWidth(270)
        splitter = self._beside_list(self.view, (0, 1), [LIST_WIDTH, 400])
        self.empty = EmptyState(
            "No tools yet",
            "The inventory holds the tools in use: an adopted pilot joins it, and you can add "
            "the others by hand. Each semester shows who used them and what to keep.",
            actions=(("Add a tool…", lambda: self.add_tool()),),
        )
        self._stack_pages((bar,), splitter, (12, 12, 12, 8))
        self.filter_combos = ()

    def _connect_signals(self) -> None:
        self._connect_filters()
        self.add_button.clicked.connect(lambda: self.add_tool())
        self._connect_list_signals()

    def _load_rows(self) -> list:
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

        dialog = ToolDialog(self._store, self._today(), parent=self)
        if not dialog.exec() or dialog.tool_id is None:
            return
        tool_id, name = dialog.tool_id, dialog.name.text().strip()
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
