"""The Today screen, where the app opens: the day and week at a glance, and what needs doing."""

from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from app.services.cycles import SessionDone, complete_session, move_session
from app.services.today import NOT_SEEN_DAYS, AgendaItem, TodayOverview, TodayPage, today_page
from app.text import long_weekday_date, weekday_day
from app.views.common.context import ScreenContext, TakesContext
from app.views.common.jobs import start_job
from app.views.common.list_screen import RefreshingScreen
from app.views.common.operations import write_op
from app.views.common.reschedule_dialog import RescheduleDialog
from app.views.common.widgets import EmptyState, heading, muted
from app.views.today.commands import Slot, complete_steps, move_steps
from app.views.today.section import (
    OverdueSection,
    SessionSection,
    TodaySection,
    ToolsSection,
    session_phrase,
)
from app.views.today.table_models import (
    EndingCyclesModel,
    NotSeenModel,
    PilotsModel,
    TodaySessionsModel,
    WeekSessionsModel,
    pilot_notices,
)

KIND = "cycles"
CLOCK_CHECK_MS = 60_000


def greeting(name: str, hour: int) -> str:
    part = "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"
    return f"Good {part}, {name}." if name.strip() else f"Good {part}."


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def summary_line(overview: TodayOverview) -> str:
    """ "2 sessions today · 1 overdue · 3 teachers not seen in 30 days"; zeros left out."""
    today = len(overview.today_sessions)
    parts = [_count(today, "session today", "sessions today") if today else "No sessions today"]
    if overview.overdue:
        parts.append(f"{len(overview.overdue)} overdue")
    if overview.cycles_ending:
        parts.append(_count(len(overview.cycles_ending), "cycle ends", "cycles end") + " this week")
    if overview.not_seen:
        parts.append(
            _count(len(overview.not_seen), "teacher", "teachers")
            + f" not seen in {NOT_SEEN_DAYS} days"
        )
    if overview.pilots_awaiting:
        parts.append(
            _count(len(overview.pilots_awaiting), "pilot awaits", "pilots await") + " a decision"
        )
    if overview.tools.due:
        parts.append(_count(len(overview.tools.due), "tool", "tools") + " to review")
    return " · ".join(parts)


def _has_rows(overview: TodayOverview) -> bool:
    return any(
        (
            overview.today_sessions,
            overview.week_sessions,
            overview.overdue,
            overview.cycles_ending,
            overview.not_seen,
            overview.pilots_awaiting,
            overview.sunset_notices,
            overview.tools.due,
        )
    )


class TodayScreen(TakesContext, RefreshingScreen):
    RELOAD_ON = (KIND, "teachers", "pilots", "observations", "profile", "tools")
    sig_open_cycle_requested = Signal(object)
    sig_open_teacher_requested = Signal(object)
    sig_open_pilot_requested = Signal(object)
    sig_open_tool_requested = Signal(object)

    def __init__(self, context: ScreenContext, parent=None):
        super().__init__(context.events, parent)
        self._take_context(context)
        self._shown_day: date | None = None
        self._generation = 0
        self._loading_generation = -1
        self._build_layout()
        self._connect_signals()
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_CHECK_MS)
        self._clock.timeout.connect(self._on_clock_tick)
        self._clock.start()

    def _build_layout(self) -> None:
        self.greeting = muted("")
        self.date_heading = heading("", 8)
        self.summary = muted("")
        self.summary.setAccessibleName("Summary")
        self.today_section = SessionSection(
            "Today's sessions",
            "Nothing scheduled today.",
            TodaySessionsModel(),
        )
        self.overdue_section = OverdueSection(
            "Overdue", "Nothing overdue: every past session is marked done."
        )
        self.week_section = SessionSection(
            "This week",
            "Nothing else scheduled this week.",
            WeekSessionsModel(),
        )
        self.ending_section = TodaySection(
            "Cycles ending this week",
            "No cycles end this week.",
            EndingCyclesModel(),
            "cycles",
        )
        self.not_seen_section = TodaySection(
            f"Teachers not seen in {NOT_SEEN_DAYS} days",
            f"Everyone you coach has had a visit in the last {NOT_SEEN_DAYS} days.",
            NotSeenModel(),
            "teachers",
        )
        self.pilots_section = TodaySection(
            "Pilot decisions and sunset notices", "", PilotsModel(), "pilots"
        )
        self.pilots_section.hide()
        self.tools_section = ToolsSection()
        self.tools_section.hide()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(20, 14, 20, 20)
        layout.setSpacing(0)
        layout.addWidget(self.greeting)
        layout.addWidget(self.date_heading)
        layout.addSpacing(2)
        layout.addWidget(self.summary)
        for section in self.sections():
            layout.addSpacing(18)
            layout.addWidget(section)
        layout.addStretch(1)

        self.scroll = QScrollArea()
        self.scroll.setWidget(content)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.empty = EmptyState(
            "Start with your teachers",
            "Today shows your coaching sessions, what is overdue and who you haven't seen in "
            "a while. Add the teachers you coach (or import your roster), then start a "
            "coaching cycle with one of them.",
            actions=(("Go to Teachers", self._on_go_to_teachers),),
        )
        self.empty.buttons["Go to Teachers"].setAccessibleName("Go to Teachers")
        self.loading = muted("Loading today's plan…")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.scroll)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.loading)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

    def _connect_signals(self) -> None:
        for section in (self.today_section, self.overdue_section, self.week_section):
            section.sig_open_requested.connect(self._on_open_session)
        self.ending_section.sig_open_requested.connect(
            lambda cycle: self.sig_open_cycle_requested.emit(cycle.cycle_id)
        )
        self.not_seen_section.sig_open_requested.connect(
            lambda teacher: self.sig_open_teacher_requested.emit(teacher.teacher_id)
        )
        self.pilots_section.sig_open_requested.connect(
            lambda pilot: self.sig_open_pilot_requested.emit(pilot.pilot_id)
        )
        self.tools_section.sig_open_requested.connect(
            lambda due: self.sig_open_tool_requested.emit(due.tool_id)
        )
        for section in self.session_sections():
            section.sig_done_requested.connect(self._on_done_requested)
            section.sig_reschedule_requested.connect(self._on_reschedule_requested)
        for section in self.sections():
            section.sig_key_refused.connect(self._events.sig_status_message.emit)

    def sections(self) -> list[TodaySection]:
        return [
            self.today_section,
            self.overdue_section,
            self.week_section,
            self.ending_section,
            self.not_seen_section,
            self.pilots_section,
            self.tools_section,
        ]

    def session_sections(self) -> list[SessionSection]:
        return [self.today_section, self.overdue_section, self.week_section]

    def _needs_reload(self) -> bool:
        return self._stale or self._shown_day != self._today()

    def _reload_on_show(self) -> None:
        self.reload_in_background()

    @property
    def is_loading(self) -> bool:
        return self._loading_generation == self._generation

    def reload_in_background(self) -> None:
        """Read on the thread pool, so the window paints at once on a big notebook."""
        day = self._today()
        self._generation += 1
        generation = self._loading_generation = self._generation
        if self._shown_day is None:
            self.pages.setCurrentWidget(self.loading)
        store = self._store
        job = start_job(lambda _state: today_page(store, day), self)
        job.sig_succeeded.connect(lambda page: self._on_loaded(generation, day, page))
        job.sig_failed.connect(lambda exc: self._on_load_failed(generation, exc))

    def reload(self) -> None:
        day = self._today()
        self._generation += 1
        self._show_page(day, today_page(self._store, day))

    def _on_loaded(self, generation: int, day: date, page: TodayPage) -> None:
        if generation == self._generation:  # a newer reload wins
            self._show_page(day, page)

    def _on_load_failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self._loading_generation = -1
            self.loading.setText(f"Couldn't read today's plan: {exc}")

    def _show_page(self, day: date, page: TodayPage) -> None:
        overview = page.overview
        self._loading_generation = -1
        self._shown_day = day
        self._stale = False
        if not _has_rows(overview) and not page.has_teachers:
            self.pages.setCurrentWidget(self.empty)
            return
        self.pages.setCurrentWidget(self.scroll)
        self.greeting.setText(greeting(page.coach_name, datetime.now().hour))
        self.date_heading.setText(long_weekday_date(day))
        self.summary.setText(summary_line(overview))
        self.today_section.set_rows(overview.today_sessions, day)
        self.overdue_section.set_rows(overview.overdue, day)
        self.week_section.set_rows(overview.week_sessions, day)
        self.ending_section.set_rows(overview.cycles_ending, day)
        self.not_seen_section.set_rows(overview.not_seen, day)
        pilots = pilot_notices(overview)
        self.pilots_section.set_rows(pilots, day)
        self.pilots_section.setVisible(bool(pilots))
        self.tools_section.set_review(overview.tools, day)
        # A notebook without tools in use has no review to speak of.
        self.tools_section.setVisible(bool(overview.tools.tools_in_use))

    def _on_open_session(self, item: AgendaItem) -> None:
        self.sig_open_cycle_requested.emit(item.cycle_id)

    def _on_go_to_teachers(self) -> None:
        self.sig_open_teacher_requested.emit(None)

    def _on_done_requested(self, item: AgendaItem) -> None:
        day = self._today()
        phrase = session_phrase(item)
        # Next steps written before stay: "Done" from here only records the day.
        done = SessionDone(done_on=day)
        early = (
            f" today (it was planned for {weekday_day(item.scheduled_date)})"
            if item.scheduled_date > day
            else ""
        )
        write_op(
            self._context,
            self,
            write=lambda: complete_session(self._store, item.session_id, done),
            failure="Not saved",
            kinds=(KIND,),
            status=f"Marked {phrase} done{early}. Ctrl+Z undoes it.",
            undo=complete_steps(self._store, item.session_id, phrase, done),
            refresh=self._reload_or_mark_stale,
        )

    def _on_reschedule_requested(self, item: AgendaItem) -> None:
        day = self._today()
        phrase = session_phrase(item)
        dialog = RescheduleDialog(
            f"Reschedule {phrase}", item.scheduled_date, item.period, item.room, day, self
        )
        if not dialog.exec() or dialog.chosen_date is None:
            return
        before = Slot(item.scheduled_date, item.period, item.room)
        after = Slot(dialog.chosen_date, dialog.chosen_period, dialog.chosen_room)
        write_op(
            self._context,
            self,
            write=lambda: move_session(
                self._store, item.session_id, after.day, after.period, after.room
            ),
            failure="Not moved",
            kinds=(KIND,),
            status=f"Moved {phrase} to {weekday_day(after.day)}. Ctrl+Z undoes it.",
            undo=move_steps(self._store, item.session_id, phrase, before, after),
            refresh=self._reload_or_mark_stale,
        )

    def _on_clock_tick(self) -> None:
        if self._shown_day != self._today():
            self._reload_or_mark_stale()
