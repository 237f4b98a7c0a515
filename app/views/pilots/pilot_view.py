"""One pilot: its header (tool, dates, teachers, status, recommendation) and five tabs."""

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.errors import Refused
from app.services.pilots import (
    DECISION_LABELS,
    STATUS_LABELS,
    PilotDetail,
    delete_pilot,
    pilot_detail,
    restore_pilot,
    set_status,
)
from app.services.pilots.record import HAND_STATUSES
from app.text import date_span
from app.views.common import dialogs
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.deleting import delete_op
from app.views.common.detail_pane import read_or_none
from app.views.common.operations import write_op
from app.views.common.style import set_role
from app.views.common.widgets import heading, muted
from app.views.pilots.decision_tab import DecisionTab
from app.views.pilots.log_tab import LogTab
from app.views.pilots.surveys_tab import SurveysTab
from app.views.pilots.usage_tab import UsageTab
from app.views.pilots.vetting_tab import VettingTab

TABS = ("Vetting", "Log", "Usage", "Surveys", "Decision")


class PilotView(TakesContext, QWidget):
    sig_changed = Signal(str)
    sig_edit_requested = Signal(object)
    sig_deleted = Signal(str)
    sig_report_requested = Signal(object)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._take_context(context)
        self.detail: PilotDetail | None = None
        self._build_layout()
        self._connect_signals()
        self.show_pilot(None)

    def _build_layout(self) -> None:
        self.placeholder = muted("Select a pilot to see its vetting, log, usage and decision.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = heading("", 5)
        self.title.setWordWrap(True)
        self.subtitle = muted("")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit the pilot")
        self.status_button = QToolButton()
        self.status_button.setText("Status")
        self.status_button.setAccessibleName("Pilot status")
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self)
        self.status_menu.setToolTipsVisible(True)
        # Says why every entry is greyed out once the pilot has a decision.
        self.status_note = self.status_menu.addAction("")
        self.status_note.setEnabled(False)
        self.status_note_line = self.status_menu.addSeparator()
        self.status_actions = {
            status.value: self.status_menu.addAction(f"Mark {STATUS_LABELS[status].lower()}")
            for status in HAND_STATUSES
        }
        self.status_button.setMenu(self.status_menu)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete the pilot")
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.status_button)
        self.report_button = QPushButton("Report…")
        self.report_button.setToolTip("The pilot report for the principal, as a PDF")
        actions.addWidget(self.report_button)
        actions.addWidget(self.delete_button)
        actions.addStretch()
        self.vetting = VettingTab(self._store)
        self.log = LogTab(self._context)
        self.usage = UsageTab(self._context)
        self.surveys = SurveysTab(self._store, self._today)
        self.decision = DecisionTab(self._context)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Pilot tabs")
        pages = (self.vetting, self.log, self.usage, self.surveys, self.decision)
        for label, tab in zip(TABS, pages, strict=True):
            # Each tab scrolls on its own, so the whole view fits a 1024x600 screen.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(tab)
            self.tabs.addTab(scroll, label)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(12, 4, 4, 4)
        body.addWidget(self.title)
        body.addWidget(self.subtitle)
        body.addWidget(self.status)
        body.addLayout(actions)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body, 1)

    def _connect_signals(self) -> None:
        for tab in (self.vetting, self.log, self.usage, self.surveys, self.decision):
            tab.sig_changed.connect(self._on_tab_changed)
        self.edit_button.clicked.connect(
            lambda: self.detail and self.sig_edit_requested.emit(self.detail.row.id)
        )
        for status, action in self.status_actions.items():
            action.triggered.connect(lambda _=False, s=status: self._on_status(s))
        self.delete_button.clicked.connect(self._on_delete)
        self.report_button.clicked.connect(
            lambda: self.detail and self.sig_report_requested.emit(self.detail.row.id)
        )

    def show_pilot(self, pilot_id: uuid.UUID | None) -> None:
        # Vetting typed a moment ago is saved for the pilot it was typed on, before any other.
        saved = self.vetting.flush()
        self.detail = read_or_none(lambda i: pilot_detail(self._store, i, self._today()), pilot_id)
        self.body.setVisible(self.detail is not None)
        self.placeholder.setVisible(self.detail is None)
        if self.detail is not None:
            self._fill(self.detail)
        if saved:
            self.sig_changed.emit(saved)

    def _fill(self, detail: PilotDetail) -> None:
        row = detail.row
        self.title.setText(row.tool)
        when = (
            date_span(row.start_date, row.last_day)
            if row.start_date and row.last_day
            else "no start date yet"
        )
        teachers = ", ".join(t.name for t in detail.teachers) or "no teachers enrolled yet"
        vendor = f"{row.vendor} · " if row.vendor else ""
        self.subtitle.setText(f"{vendor}{when} · {row.length_weeks} weeks · {teachers}")
        text = f"{row.status_label} · recommendation: {row.recommendation_label}"
        if row.at_risk:
            text += " (at risk: used under 30% so far)"
        if row.awaiting_decision:
            text += " · past its length: waiting for your decision"
        self.status.setText(text)
        set_role(self.status, "error" if row.awaiting_decision else "muted")
        decided = row.decision is not None
        why = (
            f"Decided: {DECISION_LABELS.get(row.decision, row.decision)}. To change the status, "
            "clear the decision on the Decision tab first."
        )
        self.status_note.setText(why if decided else "")
        self.status_note.setVisible(decided)
        self.status_note_line.setVisible(decided)
        for status, action in self.status_actions.items():
            current = status == row.status
            action.setEnabled(not decided and not current)
            if decided:
                tip = why
            elif current:
                tip = f"{row.tool} is {STATUS_LABELS[status].lower()} now."
            else:
                tip = ""
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self.status_button.setToolTip(why if decided else "Move the pilot on")
        for tab in (self.vetting, self.log, self.usage, self.surveys, self.decision):
            tab.show_pilot(detail)

    def _on_tab_changed(self, message: str) -> None:
        if self.detail is not None:
            self.show_pilot(self.detail.row.id)
        self.sig_changed.emit(message)

    def _on_status(self, status: str) -> None:
        if self.detail is None:
            return
        pilot_id, tool = self.detail.row.id, self.detail.row.tool
        write_op(
            self._context,
            self,
            write=lambda: set_status(self._store, pilot_id, status),
            failure=lambda exc: (
                "The status can't change yet" if isinstance(exc, Refused) else "Not changed"
            ),
            status=f"{tool} is now {STATUS_LABELS[status].lower()}.",
            done=self._on_tab_changed,
        )

    def _on_delete(self) -> None:
        detail = self.detail
        if detail is None or not dialogs.confirm(
            self,
            "Delete this pilot?",
            f"{detail.row.tool}, its checks, log, usage and surveys leave every list and "
            "report. Edit ▸ Undo brings it back.",
            "Delete",
        ):
            return
        pilot_id, tool = detail.row.id, detail.row.tool
        self.vetting.flush()  # kept with the pilot, for an undo
        delete_op(
            self._context,
            self,
            delete=lambda: delete_pilot(self._store, pilot_id, self._now()),
            restore=lambda: restore_pilot(self._store, pilot_id),
            text=f"Delete the pilot {tool}",
            status=f"Deleted the pilot {tool}.",
            done=self.sig_deleted.emit,
        )
