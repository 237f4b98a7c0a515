"""The chosen tool beside the list: a header (name, vendor, stage, status, advice, and its
actions) over tabs. Overview holds its figures, months, review, teachers, checks and origin;
the other tabs record its errors and the rest."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.pilots import UTILISATION_FLOOR_PCT
from app.models.tools import ToolRecommendation
from app.services.tools import STAGE_LABELS, STATUS_LABELS, ToolRow, get_tool_row
from app.text import (
    CRITERION_LABELS,
    MONTH_NAMES,
    RESULT_LABELS,
    full_date,
    money,
    percent,
    percent_against,
)
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.detail_pane import FlowLayout, read_or_none
from app.views.common.style import set_role
from app.views.common.widgets import heading, muted
from app.views.tools.buy_in_tab import BuyInTab
from app.views.tools.errors_tab import ErrorsTab
from app.views.tools.sunset_tab import SunsetTab
from app.views.tools.table_model import recommendation_label, seats_text
from app.views.tools.usage_tab import UsageTab


def plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def figures_text(row: ToolRow) -> str:
    semester = row.semester
    used = percent_against(semester.utilisation_pct, UTILISATION_FLOOR_PCT)
    return "\n".join(
        (
            f"Teacher utilisation in {semester.semester.label}: {used} "
            f"({semester.active_teachers} of {semester.licensed} licensed teachers)",
            f"Seats used of bought: {seats_text(row)}",
            f"Cost a year: {money(row.yearly_cost)}",
            f"Cost per active teacher: {money(row.cost_per_active_teacher)}",
        )
    )


def trend_text(row: ToolRow) -> str:
    if not row.trend:
        return "No month of this semester has begun."
    return "\n".join(
        f"{MONTH_NAMES[m.month.month - 1]} {m.month.year}: {m.active_teachers} active · "
        f"{percent(m.utilisation_pct)}"
        for m in row.trend
    )


def sentence(reason: str) -> str:
    return f"{reason[:1].upper()}{reason[1:]}."


def review_text(row: ToolRow) -> str:
    reasons = "\n".join(f"• {sentence(reason)}" for reason in row.review.reasons)
    return f"{recommendation_label(row)}\n{reasons}"


def teachers_text(row: ToolRow) -> str:
    if not row.teachers:
        return "No teacher has a seat yet. Edit… gives seats to teachers of the roster."
    return "\n".join(f"{t.name} — {t.school}" if t.school else t.name for t in row.teachers)


def checks_text(row: ToolRow) -> str:
    return "\n".join(
        f"{label}: {RESULT_LABELS.get(row.checks.get(criterion), 'Unknown')}"
        for criterion, label in CRITERION_LABELS.items()
    )


def origin_text(row: ToolRow) -> str:
    joined = f"It joined the inventory on {full_date(row.tool.added_on)}"
    if row.tool.pilot_id is None:
        return f"{joined}, added by hand: it was never piloted, so its checks are unknown."
    return f"{joined}, adopted after its pilot (on the Pilots screen), which its checks come from."


def advice_text(row: ToolRow) -> str:
    """The header's line: the advice and its first reason."""
    first = f" — {sentence(row.review.reasons[0])}" if row.review.reasons else ""
    return f"Advice: {recommendation_label(row)}{first}"


class OverviewTab(TakesContext, QWidget):
    """This semester, by month, the recommendation, the teachers, the checks and the origin."""

    sig_changed = Signal(str)  # it writes nothing; here so every tab is alike
    SECTIONS = (
        ("figures", "This semester", figures_text),
        ("trend", "By month", trend_text),
        ("review", "Recommendation", review_text),
        ("teachers", "Teachers with a seat", teachers_text),
        ("checks", "Vetting checks", checks_text),
        ("origin", "Where it came from", origin_text),
    )

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._take_context(context)
        layout = QVBoxLayout(self)
        self.sections: dict[str, QLabel] = {}
        for key, title, _text in self.SECTIONS:
            layout.addWidget(heading(title, 1))
            self.sections[key] = plain()
            layout.addWidget(self.sections[key])
            layout.addSpacing(6)
        layout.addStretch()

    def show_tool(self, row: ToolRow | None) -> None:
        for key, _title, text in self.SECTIONS:
            self.sections[key].setText("" if row is None else text(row))


class ToolView(TakesContext, QWidget):
    sig_changed = Signal(str)
    sig_edit_requested = Signal(object)
    sig_delete_requested = Signal(object)
    sig_report_requested = Signal(object)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(parent)
        self._take_context(context)
        self.row: ToolRow | None = None
        self._build_layout()
        self._connect_signals()
        self.show_tool(None)

    def _build_layout(self) -> None:
        self.placeholder = muted("Choose a tool to see its figures and review.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = heading("", 5)
        self.title.setWordWrap(True)
        self.subtitle = muted("")
        self.advice = plain()
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit the tool")
        self.edit_button.setToolTip("Its name, costs, renewal, stage and seats (Enter on the list)")
        self.report_button = QPushButton("Export report…")
        self.report_button.setToolTip("This tool's report for the budget meeting, as a PDF")
        self.report_button.setAccessibleName("Export the tool report")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete the tool")
        self.delete_button.setToolTip("Delete the tool (Delete on the list); Ctrl+Z undoes it")
        actions = FlowLayout()
        for button in (self.edit_button, self.report_button, self.delete_button):
            actions.addWidget(button)
        self.overview = OverviewTab(self._context)
        self.usage = UsageTab(self._context)
        self.errors = ErrorsTab(self._context)
        self.buy_in = BuyInTab(self._context)
        self.sunset = SunsetTab(self._context)
        # The tabs in order; each scrolls on its own, so the view fits a 1024x600 screen.
        self.pages = {
            "Overview": self.overview,
            "Usage": self.usage,
            "Errors": self.errors,
            "Buy-in": self.buy_in,
            "Sunset": self.sunset,
        }
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Tool tabs")
        self.tabs.setUsesScrollButtons(True)
        for label, tab in self.pages.items():
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
        body.addWidget(self.advice)
        body.addLayout(actions)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body, 1)

    def _connect_signals(self) -> None:
        for tab in self.pages.values():
            tab.sig_changed.connect(self._on_tab_changed)
        for button, signal in (
            (self.edit_button, self.sig_edit_requested),
            (self.report_button, self.sig_report_requested),
            (self.delete_button, self.sig_delete_requested),
        ):
            button.clicked.connect(lambda _=False, s=signal: self.row and s.emit(self.row.id))

    def tab_labels(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_tab(self, label: str) -> QWidget:
        """Bring the tab called `label` to the front; returns the tab."""
        self.tabs.setCurrentIndex(self.tab_labels().index(label))
        return self.pages[label]

    def show_tool(self, row: ToolRow | None) -> None:
        self.row = row
        self.body.setVisible(row is not None)
        self.placeholder.setVisible(row is None)
        for button in (self.edit_button, self.report_button, self.delete_button):
            button.setEnabled(row is not None)
        if row is not None:
            self._fill_header(row)
        for tab in self.pages.values():
            tab.show_tool(row)

    def _fill_header(self, row: ToolRow) -> None:
        tool = row.tool
        self.title.setText(tool.name)
        vendor = f"{tool.vendor} · " if tool.vendor else ""
        stage = STAGE_LABELS.get(tool.stage, tool.stage)
        status = STATUS_LABELS.get(row.status, row.status)
        renews = f" · renews {full_date(tool.renewal_date)}" if tool.renewal_date else ""
        self.subtitle.setText(f"{vendor}{stage} · {status}{renews}")
        self.advice.setText(advice_text(row))
        urgent = row.review.recommendation in (ToolRecommendation.REVIEW, ToolRecommendation.SUNSET)
        set_role(self.advice, "error" if urgent else "muted")

    def _on_tab_changed(self, message: str) -> None:
        """A tab wrote: show the tool as it is now (its figures and review), then tell the
        screen, which refreshes the list and says `message`."""
        if self.row is not None:
            fresh = read_or_none(lambda i: get_tool_row(self._store, i, self._today()), self.row.id)
            self.show_tool(fresh)
        self.sig_changed.emit(message)
