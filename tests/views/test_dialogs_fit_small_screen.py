"""Settings and Reschedule fit a 1024x600 screen, buttons in view, after field messages appear.

Each check runs in its own process on an offscreen screen of exactly 1024x600.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEIGHT = 600
TITLE_BAR = 48

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from datetime import date
    from PySide6.QtCore import QDate, QPoint, QRect
    from PySide6.QtWidgets import QApplication, QDialogButtonBox
    app = QApplication([])
    from app.store import Store
    from app.views.common import dialogs
    from app.views.common.reschedule_dialog import RescheduleDialog
    from app.views.settings.dialog import SettingsDialog

    def shown(widget, dialog):
        # Whether the whole widget is inside the dialog and, in a scroll area, in its viewport.
        top_left = widget.mapTo(dialog, QPoint(0, 0))
        rect = QRect(top_left, widget.size())
        inside = dialog.rect().contains(rect)
        body = getattr(dialog, "body", None)
        if body is not None and body.isAncestorOf(widget):
            corner = widget.mapTo(body.viewport(), QPoint(0, 0))
            inside = inside and body.viewport().rect().contains(QRect(corner, widget.size()))
        return widget.isVisible() and inside

    def report(dialog, buttons, messages):
        for _ in range(3):
            app.processEvents()
        return {
            "height": dialog.height(),
            "buttons": all(shown(b, dialog) for b in buttons),
            "messages": [shown(m, dialog) for m in messages],
        }

    which = sys.argv[1]
    store = Store.open(sys.argv[2])
    if which == "settings":
        dialog = SettingsDialog(store, today=date(2026, 11, 25))
        dialog.show()
        dialog.year_end.setDate(QDate(2020, 6, 30))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        first = report(dialog, dialog.buttons.buttons(), [dialog.messages["school_year_end"]])
        dialog.show_messages({key: "Choose a value the notebook can use: a long message that "
                              "wraps onto a second line." for key in dialog.messages})
        every = report(dialog, dialog.buttons.buttons(), list(dialog.messages.values())[:1])
        print(json.dumps({"first": first, "every": every}))
    else:
        dialog = RescheduleDialog(
            "Reschedule the reflective debrief with Nguyễn Thị Hương-Vasquez de la Cruz",
            date(2026, 11, 23), "Period 2", "B-12", date(2026, 11, 25))
        dialog.show()
        dialog.date_edit.setDate(QDate(2026, 11, 28))
        print(json.dumps({"first": report(dialog, dialog.buttons.buttons(), [dialog.hint])}))
    sys.stdout.flush()
    import os; os._exit(0)
    """
)


def run_on_small_screen(tmp_path: Path, which: str) -> dict:
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps(
            {"screens": [{"name": "small", "x": 0, "y": 0, "width": 1024, "height": HEIGHT}]}
        )
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, which, str(tmp_path / "notebook.sqlite3")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_settings_fit_with_a_message_and_keep_save_in_view(tmp_path):
    result = run_on_small_screen(tmp_path, "settings")
    for state in ("first", "every"):
        assert result[state]["height"] <= HEIGHT - TITLE_BAR, state
        assert result[state]["buttons"], state
        assert all(result[state]["messages"]), state


def test_reschedule_fits_with_its_date_note(tmp_path):
    result = run_on_small_screen(tmp_path, "reschedule")["first"]
    assert result["height"] <= HEIGHT - TITLE_BAR
    assert result["buttons"] and all(result["messages"])
