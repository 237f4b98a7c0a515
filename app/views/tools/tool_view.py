"""The chosen tool beside the list: its figures, the review's words, its teachers, its
vetting checks and where it came from."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.models.pilots import UTILISATION_FLOOR_PCT
from app.services.tools import STAGE_LABELS, STATUS_LABELS, ToolRow
from app.text import (
    CRITERION_LABELS,
    MONTH_NAMES,
    RESULT_LABELS,
    full_date,
    percent,
    percent_against,
)
from app.views.common.detail_pane import DetailPane
from app.views.common.widgets import heading
from app.views.tools.table_model import recommendation_label, seats_text


def money(value: float | None) -> str:
    return "—" if value is None else f"${value:,.2f}"


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


def review_text(row: ToolRow) -> str:
    reasons = "\n".join(f"• {reason[:1].upper()}{reason[1:]}." for reason in row.review.reasons)
    return f"{recommendation_label(row)}\n{reasons}"


def teachers_text(row: ToolRow) -> str:
    if not row.teachers:
        return "No teacher has a seat yet."
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


class ToolView(DetailPane):
    def __init__(self, parent=None):
        super().__init__("Choose a tool to see its figures and review.", parent)
        self._build_layout()

    def _build_layout(self) -> None:
        body, layout = self._titled_body()
        self.sections: dict[str, QLabel] = {}
        for key, title in (
            ("figures", "This semester"),
            ("trend", "By month"),
            ("review", "Recommendation"),
            ("teachers", "Teachers with a seat"),
            ("checks", "Vetting checks"),
            ("origin", "Where it came from"),
        ):
            layout.addSpacing(6)
            layout.addWidget(heading(title, 1))
            self.sections[key] = plain()
            layout.addWidget(self.sections[key])
        layout.addStretch()
        self.set_body(body)
        self.show_body(False)

    def show_tool(self, row: ToolRow | None) -> None:
        if row is None:
            self.show_body(False)
            return
        tool = row.tool
        self.title.setText(tool.name)
        vendor = f"{tool.vendor} · " if tool.vendor else ""
        stage = STAGE_LABELS.get(tool.stage, tool.stage)
        status = STATUS_LABELS.get(tool.status, tool.status)
        renews = f" · renews {full_date(tool.renewal_date)}" if tool.renewal_date else ""
        self.subtitle.setText(f"{vendor}{stage} · {status}{renews}")
        for key, text in (
            ("figures", figures_text(row)),
            ("trend", trend_text(row)),
            ("review", review_text(row)),
            ("teachers", teachers_text(row)),
            ("checks", checks_text(row)),
            ("origin", origin_text(row)),
        ):
            self.sections[key].setText(text)
        self.show_body(True)
