"""In the main window, Enter on a tool in Today's "Tools to review" switches to the Tools
screen with that tool chosen."""

from datetime import date

from PySide6.QtCore import Qt

from app.services.today import today_overview
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)  # the demo's day


def test_enter_on_a_tool_to_review_opens_it_on_the_tools_screen(qtbot, demo_store, clock):
    win = MainWindow(demo_store, today=lambda: TODAY, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    win.show_screen("today")
    today = win.today_screen
    qtbot.waitUntil(lambda: not today.is_loading, timeout=5000)
    due = today_overview(demo_store, TODAY).tools.due
    table = today.tools_section.table
    table.setFocus()
    table.setCurrentIndex(today.tools_section.model.index(0, 0))

    qtbot.keyClick(table, Qt.Key.Key_Return)

    tools = win.tools
    qtbot.waitUntil(lambda: tools.current_id() == due[0].tool_id, timeout=5000)
    assert win.current_screen() == "tools"
    assert tools.view.title.text() == due[0].tool
