"""Screenshots of every window at 1280x800 and 1024x600, for review and the README.

    .venv/bin/python packaging/screenshots.py OUT_DIR [--dark]

Builds the small sample district in a temp folder (never your own notebook).
"""

import os
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["COACHBOOK_DATA_DIR"] = tempfile.mkdtemp(prefix="coachbook-shots-")

from PySide6.QtWidgets import QApplication, QWidget

from app.services.cycles import cycle_detail, list_cycles
from app.services.demo import build_demo
from app.services.observations import (
    ObservationStart,
    add_observation_note,
    list_observations,
    record_interval,
    start_observation,
)
from app.services.roster import plan_import, read_roster
from app.services.teachers import list_teachers
from app.store import Store
from app.views.common.qsettings import save_theme
from app.views.common.style import apply_saved_theme
from app.views.cycles.debrief_dialog import DebriefDialog
from app.views.cycles.goal_dialog import GoalDialog
from app.views.cycles.session_dialog import SessionDialog
from app.views.cycles.start_dialog import StartCycleDialog
from app.views.observations.start_dialog import ObservationDialog
from app.views.observations.sweep_editor import SweepEditorDialog
from app.views.settings.dialog import SettingsDialog
from app.views.shell.application import create_application
from app.views.shell.crash import CrashDialog, crash_report
from app.views.shell.main_window import MainWindow
from app.views.shell.shortcuts import ShortcutsDialog
from app.views.shell.welcome import WelcomeDialog
from app.views.teachers.form import TeacherFormDialog
from app.views.teachers.import_dialog import ImportPreviewDialog

SIZES = ((1280, 800), (1024, 600))
TODAY = date(2026, 11, 25)
LESSON_START = datetime(2026, 11, 25, 14, 5, tzinfo=UTC)
ROSTER = (
    "Teacher Name;Building;Grade Level;Content Area;Room #;E-mail\n"
    "Maria Alvarez;Lincoln Elementary;3;Math;206;malvarez@lincoln.k12.us\n"
    "Wei Zhang;Roosevelt Middle;7-8;Science;Lab 2;wzhang@roosevelt.k12.us\n"
    ";Lincoln Elementary;4;ELA;110;\n"
    "Ana Souza;Jefferson High;13;Art;B12;ana@\n"
)


def save(widget: QWidget, out: Path, name: str, size) -> None:
    widget.resize(*size)
    widget.show()
    for _ in range(3):  # let posted layout requests settle before grabbing
        QApplication.processEvents()
    widget.grab().save(str(out / f"{name}-{size[0]}x{size[1]}.png"))


def running_lesson(store: Store, clock: list) -> object:
    """A lesson 25 minutes in: four sweeps, one missed mark, two evidence notes."""
    teacher = next(t for t in list_teachers(store) if not t.archived)
    plan = ObservationStart(
        teacher.id,
        TODAY,
        period="Period 3",
        lesson="Fractions on a number line",
        students_present=24,
        technology="Chromebooks with Desmos",
    )
    obs = start_observation(store, plan, LESSON_START)
    for minute, on_task, present, fmt in (
        (0, 19, 23, "whole_group"),
        (5, 21, 24, "whole_group"),
        (15, 17, 24, "small_group"),
        (20, 22, 24, "independent"),
    ):
        when = LESSON_START + timedelta(minutes=minute, seconds=20)
        record_interval(store, obs, on_task, present, now=when, activity_format=fmt)
    for minute, text in (
        (3, "Warm-up on whiteboards; all but two writing"),
        (17, "Group 4 off task at the back table until prompted"),
    ):
        add_observation_note(store, obs, text, LESSON_START + timedelta(minutes=minute))
    clock[0] = LESSON_START + timedelta(minutes=25, seconds=12)
    return obs


def most_observed_teacher(store: Store):
    counts = {}
    for row in list_observations(store):
        counts[row.teacher_id] = counts.get(row.teacher_id, 0) + 1
    return max(counts, key=counts.get)


def coded_observation(store: Store):
    """The newest ended observation with a PICRAT code, for the summary view."""
    return next(o.id for o in list_observations(store) if o.ended and o.sweeps > 6)


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    create_application()
    # As the app starts: the theme saved in Settings (Dark for --dark), before any window.
    save_theme("dark" if "--dark" in sys.argv else "system")
    apply_saved_theme()
    folder = Path(os.environ["COACHBOOK_DATA_DIR"])
    store = Store.open(folder / "sample.sqlite3")
    build_demo(store, "small", today=TODAY)
    clock = [LESSON_START]
    window = MainWindow(store, today=lambda: TODAY, now=lambda: clock[0])
    live_id = running_lesson(store, clock)
    active = next(c for c in list_cycles(store, TODAY) if c.status == "active")
    detail = cycle_detail(store, active.id, TODAY)
    for size in SIZES:
        for screen in ("today", "teachers", "cycles", "observations", "activity"):
            window.statusBar().clearMessage()  # a message left by the last size's screens
            window.show_screen(screen)
            if screen == "teachers":
                window.teachers.table.selectRow(2)
                window.teachers.load_detail_lists()  # not 120 ms later, after the grab
            if screen == "cycles":
                window.cycles.open_cycle(active.id)
            if screen == "observations":
                window.observations.open_observation(coded_observation(store))
            save(window, out, f"main-{screen}", size)
        window.show_screen("observations")
        window.observations.open_observation(coded_observation(store))
        view = window.observations.view
        view.verticalScrollBar().setValue(view.picrat.parentWidget().y() + view.picrat.y() - 40)
        save(window, out, "observation-picrat", size)
        view.verticalScrollBar().setValue(10_000)
        save(window, out, "observation-evidence", size)
        window.show_screen("pilots")
        window.pilots.table.selectRow(0)
        for number, tab in enumerate(("vetting", "log", "usage", "surveys", "decision")):
            window.pilots.view.tabs.setCurrentIndex(number)
            save(window, out, f"pilot-{tab}", size)
        window.open_report("teacher", active.teacher_id)
        window.reports.preview_button.click()
        while window.reports._job is not None:
            QApplication.processEvents()
        save(window, out, "reports-preview", size)
        window.statusBar().clearMessage()  # the preview's message belongs to Reports only
        window.show_screen("teachers")
        window.teachers.open_teacher(most_observed_teacher(store))
        window.teachers.detail.verticalScrollBar().setValue(10_000)
        save(window, out, "teacher-trend", size)
        window.show_screen("observations")
        clock[0] = LESSON_START + timedelta(minutes=25, seconds=12)
        window.observations.resume(live_id)
        window.observations.recorder.count.setText("2")
        save(window, out, "live-due", size)
        clock[0] = LESSON_START + timedelta(minutes=26, seconds=40)
        window.observations.recorder.tick()
        save(window, out, "live-watching", size)
        window.observations.recorder._on_leave()
        clock[0] = LESSON_START
        teachers = list_teachers(store)
        save(
            ObservationDialog(
                store, teachers, TODAY, lambda: clock[0], teacher_id=active.teacher_id
            ),
            out,
            "start-observation",
            (500, min(520, size[1] - 40)),
        )
        shown = window.observations.view.summary
        save(
            SweepEditorDialog(
                store, shown.observation_id, "Sweeps", shown.sweeps, 5, lambda: clock[0]
            ),
            out,
            "sweep-editor",
            (720, min(520, size[1] - 40)),
        )
        height = min(720, size[1] - 40)
        save(GoalDialog(store, active.id, detail.goal), out, "goal-peers", (600, height))
        save(StartCycleDialog(store, list_teachers(store), TODAY), out, "start-cycle", (480, 460))
        save(
            SessionDialog(store, detail.sessions[1], detail.row.teacher_name, TODAY),
            out,
            "session",
            (500, min(520, size[1] - 40)),
        )
        save(DebriefDialog(store, detail, TODAY), out, "debrief", (540, min(560, size[1] - 40)))
        save(WelcomeDialog(), out, "welcome", (size[0] * 5 // 10, size[1] * 6 // 10))
        save(
            ShortcutsDialog(list(window.actions_by_name.values())),
            out,
            "shortcuts",
            (680, min(560, size[1] - 40)),
        )
        try:
            raise ZeroDivisionError("an example error for the screenshot")
        except ZeroDivisionError as exc:
            report = crash_report(type(exc), exc, exc.__traceback__, store.path)
        save(CrashDialog(report, folder / "coachbook-errors.log"), out, "crash", (640, 420))
        save(SettingsDialog(store), out, "settings", (560, min(size[1] - 40, 620)))
        roster = folder / "roster.csv"
        roster.write_text(ROSTER, encoding="utf-8")
        plan = plan_import(store, read_roster(roster))
        save(
            ImportPreviewDialog(store, roster, plan),
            out,
            "import-preview",
            (min(900, size[0] - 60), min(520, size[1] - 60)),
        )
        form = TeacherFormDialog(store, [], window.teachers.current_teacher())
        form.inputs["email"].setText("not-an-email")
        form._on_save()
        save(form, out, "teacher-form", (480, min(620, size[1] - 40)))
        empty = Store.open(folder / f"empty-{size[0]}.sqlite3")
        empty_window = MainWindow(empty)
        empty_window.show_screen("teachers")
        save(empty_window, out, "main-empty-teachers", size)
    print(f"Screenshots written to {out}")


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip teardown, as the app does: PySide6 can crash collecting its objects
