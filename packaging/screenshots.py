"""Screenshots of every window at 1280x800 and 1024x600, for review and the README.

    .venv/bin/python packaging/screenshots.py OUT_DIR [--dark]

Builds the small sample district in a temp folder (never your own notebook).
"""

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["COACHBOOK_DATA_DIR"] = tempfile.mkdtemp(prefix="coachbook-shots-")

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from app.services.cycles import cycle_detail, list_cycles
from app.services.demo import build_demo
from app.services.roster import plan_import, read_roster
from app.services.teachers import list_teachers
from app.store import Store
from app.views.application import create_application
from app.views.cycles.debrief_dialog import DebriefDialog
from app.views.cycles.goal_dialog import GoalDialog
from app.views.cycles.session_dialog import SessionDialog
from app.views.cycles.start_dialog import StartCycleDialog
from app.views.settings.dialog import SettingsDialog
from app.views.shell.main_window import MainWindow
from app.views.shell.welcome import WelcomeDialog
from app.views.teachers.form import TeacherFormDialog
from app.views.teachers.import_dialog import ImportPreviewDialog

SIZES = ((1280, 800), (1024, 600))
TODAY = date(2026, 11, 25)
ROSTER = (
    "Teacher Name;Building;Grade Level;Content Area;Room #;E-mail\n"
    "Maria Alvarez;Lincoln Elementary;3;Math;206;malvarez@lincoln.k12.us\n"
    "Wei Zhang;Roosevelt Middle;7-8;Science;Lab 2;wzhang@roosevelt.k12.us\n"
    ";Lincoln Elementary;4;ELA;110;\n"
    "Ana Souza;Jefferson High;13;Art;B12;ana@\n"
)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#17181a"),
        (QPalette.ColorRole.AlternateBase, "#292a2d"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#303134"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#4f8fd6"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.Mid, "#5f6368"),
        (QPalette.ColorRole.PlaceholderText, "#9aa0a6"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def save(widget: QWidget, out: Path, name: str, size) -> None:
    widget.resize(*size)
    widget.show()
    for _ in range(3):  # let posted layout requests settle before grabbing
        QApplication.processEvents()
    widget.grab().save(str(out / f"{name}-{size[0]}x{size[1]}.png"))


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    if "--dark" in sys.argv:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    create_application()
    folder = Path(os.environ["COACHBOOK_DATA_DIR"])
    store = Store.open(folder / "sample.sqlite3")
    build_demo(store, "small", today=TODAY)
    window = MainWindow(store, today=lambda: TODAY)
    active = next(c for c in list_cycles(store, TODAY) if c.status == "active")
    detail = cycle_detail(store, active.id, TODAY)
    for size in SIZES:
        for screen in ("today", "teachers", "cycles", "activity"):
            window.show_screen(screen)
            if screen == "teachers":
                window.teachers.table.selectRow(2)
            if screen == "cycles":
                window.cycles.open_cycle(active.id)
            save(window, out, f"main-{screen}", size)
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
