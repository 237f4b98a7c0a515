"""The District screen: the director's monthly dashboard, read only, with the PDF's figures.

Every figure is read from the district's PostgreSQL in a background job each time the month,
school or coach changes; none is kept in the notebook. While it reads, the window stays
free; offline or refused, the screen says why and offers to try again.
"""

import uuid
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import CoachbookError
from app.services.district.address import DistrictError
from app.services.district.dashboard import (
    Dashboard,
    DashboardFilter,
    district_dashboard,
    months_back,
    next_month,
)
from app.services.profile import get_profile
from app.text import MONTH_NAMES, clock_time
from app.views.common import dialogs
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.jobs import Job, start_job
from app.views.common.style import set_role
from app.views.common.widgets import choice_combo, heading, muted
from app.views.district.access import DistrictAccess
from app.views.district.dashboard_view import DashboardView

PDF_FILTER = "PDF documents (*.pdf)"
READING = "Reading the district…"
ALL_SCHOOLS = "All schools"
ALL_COACHES = "All coaches"
STATE_WIDTH = 560


def month_label(first: date) -> str:
    return f"{MONTH_NAMES[first.month - 1]} {first.year}"


class DistrictScreen(TakesContext, QWidget):
    # The Dashboard shown, or the error shown instead (tests wait on it).
    sig_loaded = Signal(object)
    # The path a PDF was written to, or the error that stopped it.
    sig_exported = Signal(object)

    def __init__(self, context: ScreenContext, access: DistrictAccess, parent=None):
        super().__init__(parent)
        self._take_context(context)
        self._events = context.events
        self._access = access
        today = self._today()
        self.month = date(today.year, today.month, 1)
        self.dashboard: Dashboard | None = None
        self.view: DashboardView | None = None
        self._job: Job | None = None
        self._read_again = False  # the filters changed while a read was running
        self._loaded_once = False
        self._build_layout()
        self._connect_signals()
        self._show_month()

    # Layout --------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.export_button = QPushButton("Export PDF…")
        self.export_button.setAccessibleName("Export the dashboard as a PDF")
        self.export_button.setEnabled(False)
        set_role(self.export_button, "primary")
        self.read_button = QPushButton("Read again")
        self.read_button.setToolTip("Read the figures from the district again")
        self.reading = muted("")
        self.reading.setAccessibleName("Reading state")
        self.reading.setWordWrap(False)
        top = QHBoxLayout()
        top.addWidget(heading("District"))
        top.addSpacing(12)
        top.addWidget(self.reading)
        top.addStretch(1)
        top.addWidget(self.read_button)
        top.addWidget(self.export_button)

        self.previous_button = QPushButton("‹")
        self.previous_button.setAccessibleName("Previous month")
        self.previous_button.setToolTip("Previous month")
        self.next_button = QPushButton("›")
        self.next_button.setAccessibleName("Next month")
        self.next_button.setToolTip("Next month")
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(36)
        self.month_text = QLabel()
        self.month_text.setAccessibleName("Month shown")
        self.month_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.month_text.setMinimumWidth(
            self.month_text.fontMetrics().horizontalAdvance("September 2026") + 16
        )
        self.school_combo = choice_combo("School", ((ALL_SCHOOLS, None),))
        self.coach_combo = choice_combo("Coach", ((ALL_COACHES, None),))
        for combo in (self.school_combo, self.coach_combo):
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        filters = QHBoxLayout()
        filters.addWidget(self.previous_button)
        filters.addWidget(self.month_text)
        filters.addWidget(self.next_button)
        filters.addSpacing(12)
        filters.addWidget(self.school_combo, 1)
        filters.addWidget(self.coach_combo, 1)

        # The calm page shown until figures arrive: reading, offline or refused.
        self.state_title = heading(READING, 4)
        self.state_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_text = muted("")
        self.state_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_text.setFixedWidth(STATE_WIDTH)
        self.try_again_button = QPushButton("Try again")
        self.try_again_button.hide()
        state_page = QWidget()
        state = QVBoxLayout(state_page)
        state.addStretch(2)
        state.addWidget(self.state_title)
        state.addWidget(self.state_text, 0, Qt.AlignmentFlag.AlignHCenter)
        state.addSpacing(8)
        state.addWidget(self.try_again_button, 0, Qt.AlignmentFlag.AlignHCenter)
        state.addStretch(3)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        self.pages.addWidget(state_page)
        self.pages.addWidget(self.scroll)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.pages, 1)

    def _connect_signals(self) -> None:
        self.previous_button.clicked.connect(lambda: self.set_month(months_back(self.month, 1)))
        self.next_button.clicked.connect(lambda: self.set_month(next_month(self.month)))
        self.school_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.coach_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.read_button.clicked.connect(self.reload)
        self.try_again_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.export_pdf)
        self._access.sig_role_known.connect(self._on_role_known)

    # Filters -------------------------------------------------------------------------------

    def filters(self) -> DashboardFilter:
        coach = self.coach_combo.currentData()
        return DashboardFilter(
            school=self.school_combo.currentData(),
            coach_id=uuid.UUID(coach) if coach else None,
        )

    def set_month(self, first: date) -> None:
        self.month = date(first.year, first.month, 1)
        self._show_month()
        self.reload()

    def _this_month(self) -> date:
        today = self._today()
        return date(today.year, today.month, 1)

    def _show_month(self) -> None:
        self.month_text.setText(month_label(self.month))
        # Figures come from what coaches recorded: none lie ahead of this month.
        self.next_button.setEnabled(self.month < self._this_month())

    def select_school(self, school: str | None) -> None:
        self.school_combo.setCurrentIndex(max(0, self.school_combo.findData(school)))

    def select_coach(self, name: str | None) -> None:
        """Choose a coach by name (None: every coach)."""
        index = self.coach_combo.findText(name) if name else 0
        self.coach_combo.setCurrentIndex(max(0, index))

    def _offer_choices(self, dashboard: Dashboard) -> None:
        """The schools and coaches the district knows, keeping the ones chosen."""
        for combo, everyone, choices in (
            (self.school_combo, ALL_SCHOOLS, [(s, s) for s in dashboard.school_choices]),
            # Ids as text: a combo finds text data again, not a Python object's.
            (
                self.coach_combo,
                ALL_COACHES,
                [(n, str(i)) for n, i in sorted(dashboard.coach_ids.items(), key=_by_name)],
            ),
        ):
            chosen = combo.currentData()
            # Refilling the list is no new choice: it reads nothing again.
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for label, value in choices:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    # Reading -------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            # After the screen has painted: a password may have to be asked first.
            QTimer.singleShot(0, self, self.reload)

    def _on_role_known(self, director: bool) -> None:
        # Settings saved a line again (perhaps another district's): read it afresh.
        if not director:
            return
        if self.isVisible():
            self.reload()
        else:
            self._loaded_once = False

    def reload(self) -> None:
        """Read the month's figures for the filters chosen, in the background."""
        if self._job is not None:
            self._read_again = True
            return
        address = self._access.address()
        if address is None:
            self._show_state(
                "No district connection",
                "Paste the director's connection line your coordinator gave you into "
                "Settings ▸ District.",
            )
            return
        password = self._access.password(address, ask_in=self)
        if password is None:
            self._show_state(
                "The district's password is needed",
                f"Coachbook asks for the password of {address.user} to read the district. "
                "Nothing is read without it.",
            )
            return
        month, filters, today = self.month, self.filters(), self._today()
        ca_file = self._access.ca_file()
        self._show_reading()

        def work(_state):
            return district_dashboard(
                address, month, today=today, filters=filters, password=password, ca_file=ca_file
            )

        self._job = job = start_job(work, self)
        job.sig_succeeded.connect(lambda dashboard: self._on_read(dashboard, password))
        job.sig_failed.connect(self._on_failed)

    def _read_again_if_asked(self) -> bool:
        self._job = None
        if not self._read_again:
            return False
        self._read_again = False
        self.reload()
        return True

    def _on_read(self, dashboard: Dashboard, password: str) -> None:
        self._access.password_worked(password)
        if self._read_again_if_asked():
            return  # the filters changed while it read: these figures are not the ones asked
        self.reading.setText("")
        self._offer_choices(dashboard)
        self.dashboard = dashboard
        read_at = f"at {clock_time(self._now().astimezone())}"
        self.view = DashboardView(dashboard, read_at)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(self.view)
        self.pages.setCurrentIndex(1)
        self.export_button.setEnabled(True)
        self.sig_loaded.emit(dashboard)

    def _on_failed(self, exc: Exception) -> None:
        if self._read_again_if_asked():
            return
        if not isinstance(exc, CoachbookError):
            raise exc  # unexpected: the crash handler shows and logs it
        if isinstance(exc, DistrictError) and not exc.unreachable:
            self._access.password_refused()
        self.reading.setText("")
        title = (
            "The district can't be reached"
            if isinstance(exc, DistrictError) and exc.unreachable
            else "The district did not answer with figures"
        )
        self._show_state(title, str(exc), try_again=True)
        self.sig_loaded.emit(exc)

    def _show_reading(self) -> None:
        if self.dashboard is None or self.pages.currentIndex() == 0:
            self._show_state(READING, "")
        else:
            # The figures shown stay until the new ones arrive.
            self.reading.setText(READING)

    def _show_state(self, title: str, text: str, *, try_again: bool = False) -> None:
        self.dashboard = None
        self.export_button.setEnabled(False)
        self.state_title.setText(title)
        self.state_text.setText(text)
        # A centred, wrapped label gets no height-for-width from the layout: give it one.
        self.state_text.setMinimumHeight(self.state_text.heightForWidth(STATE_WIDTH))
        self.state_text.setVisible(bool(text))
        self.try_again_button.setVisible(try_again)
        self.pages.setCurrentIndex(0)

    # Export --------------------------------------------------------------------------------

    def export_pdf(self) -> None:
        """Write the figures shown as the dashboard PDF, where the director chooses."""
        dashboard = self.dashboard
        if dashboard is None:
            return
        path = dialogs.ask_save_path(
            self,
            "Export the district dashboard",
            f"District dashboard {dashboard.month:%Y-%m}.pdf",
            PDF_FILTER,
        )
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        paper, today = get_profile(self._store).paper_size, self._today()

        def work(_state):
            from app.reports.dashboard_report import render_dashboard

            render_dashboard(dashboard, path, paper_size=paper, prepared_on=today)
            return path

        self.export_button.setEnabled(False)
        job = start_job(work, self)
        job.sig_succeeded.connect(self._on_exported)
        job.sig_failed.connect(self._on_export_failed)
        job.sig_finished.connect(lambda: self.export_button.setEnabled(self.dashboard is not None))

    def _on_exported(self, path: Path) -> None:
        self._events.sig_status_message.emit(f"Saved {path.name} in {path.parent}.")
        self.sig_exported.emit(path)

    def _on_export_failed(self, exc: Exception) -> None:
        if not isinstance(exc, CoachbookError | OSError):
            raise exc
        dialogs.show_error(self, "The PDF was not made", str(exc))
        self.sig_exported.emit(exc)


def _by_name(item: tuple[str, uuid.UUID]) -> str:
    return item[0].casefold()
