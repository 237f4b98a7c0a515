"""Editing and deleting a tool, its Errors tab, and the view's tabs, through qtbot on the real
Tools screen against a copy of the small demo notebook."""

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from app.models.tools import ToolRecommendation
from app.services.teachers import list_teachers
from app.services.tools import get_tool_row, list_tools
from app.services.tools.record import tool_edit, tool_errors
from app.views.common.context import ScreenContext
from app.views.shell.main_window import MainWindow
from app.views.tools.buy_in_tab import BuyInTab
from app.views.tools.errors_tab import TEACHER, ErrorsTab
from app.views.tools.screen import ToolsScreen
from app.views.tools.sunset_tab import SunsetTab
from app.views.tools.table_model import NAME, RECOMMENDATION, SEATS, STAGE, STATUS
from app.views.tools.tool_dialog import ToolDialog
from app.views.tools.tool_view import OverviewTab
from app.views.tools.usage_tab import UsageTab

TODAY = date(2026, 11, 25)
TABS = ["Overview", "Usage", "Errors", "Buy-in", "Sunset"]
SMALL_SCREEN_LEFT = 540  # 600 pixels less a title bar and a panel
SIDEBAR = 156  # the main window's screen list


@pytest.fixture
def main(qtbot, demo_store, clock, recorder):
    win = MainWindow(demo_store, today=lambda: TODAY, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    win.show_screen("tools")
    return win


def tool_named(store, name: str):
    return next(r for r in list_tools(store, TODAY) if r.tool.name == name)


def shown(main, name: str, column: int) -> str:
    proxy = main.tools.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, NAME).data() == name)
    return proxy.index(row, column).data()


def fill_with(monkeypatch, fill) -> list[ToolDialog]:
    """Replace the dialog's exec by `fill(dialog)`, which types and saves; keeps the dialogs."""
    opened = []

    def run(dialog: ToolDialog):
        opened.append(dialog)
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(ToolDialog, "exec", run)
    return opened


def tick(dialog: ToolDialog, teacher_id, checked: bool) -> None:
    for row in range(dialog.teacher_list.count()):
        item = dialog.teacher_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == teacher_id:
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            return
    raise AssertionError("that teacher is not offered")


# ---- the tabs -------------------------------------------------------------------------------


def test_the_view_has_a_header_over_its_five_tabs_each_reachable(qtbot, main, demo_store):
    row = tool_named(demo_store, "Nearpod")
    main.tools.open_tool(row.id)
    view = main.tools.view
    assert view.title.text() == "Nearpod"
    assert view.advice.text().startswith("Advice: Keep — ")
    assert view.tab_labels() == TABS
    kinds = (OverviewTab, UsageTab, ErrorsTab, BuyInTab, SunsetTab)
    bar = view.tabs.tabBar()
    for index, (label, kind) in enumerate(zip(TABS, kinds, strict=True)):
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        page = view.pages[label]
        assert isinstance(page, kind)
        assert view.tabs.currentIndex() == index and page.isVisible()
    assert view.edit_button.isEnabled() and view.report_button.isEnabled()


def tools_screen(qtbot, store, width: int, height: int) -> ToolsScreen:
    """The screen alone, as wide as a window of `width` leaves it beside the sidebar (the
    offscreen test screen is narrower than the window would be)."""
    screen = ToolsScreen(ScreenContext(store, today=lambda: TODAY))
    qtbot.addWidget(screen)
    screen.resize(width - SIDEBAR, height - 40)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_at_1024_by_600_the_list_and_the_tabs_fit_without_eliding(qtbot, demo_store, recorder):
    screen = tools_screen(qtbot, demo_store, 1024, 600)
    screen.open_tool(tool_named(demo_store, "Flocabulary").id)
    qtbot.wait(20)
    table = screen.table
    metrics = table.fontMetrics()
    columns = range(screen.model.columnCount())
    used = sum(table.columnWidth(c) for c in columns if not table.isColumnHidden(c))
    assert used <= table.viewport().width() + 1  # no sideways scrolling
    for column in columns:
        if table.isColumnHidden(column):
            continue
        header = screen.model.headerData(column, Qt.Orientation.Horizontal)
        cells = [screen.proxy.index(r, column).data() for r in range(screen.proxy.rowCount())]
        widest = max(metrics.horizontalAdvance(t or "") for t in [header, *cells])
        assert widest + 8 <= table.columnWidth(column), (header, widest)
    # Every tab's label shows side by side, no scroll arrows.
    bar = screen.view.tabs.tabBar()
    assert bar.tabRect(bar.count() - 1).right() <= bar.width()
    assert screen.view.geometry().right() <= screen.width()
    assert table.isColumnHidden(STAGE)  # the view's header names the stage


def test_a_wide_window_shows_the_stage_column_and_widens_the_view(qtbot, demo_store, recorder):
    screen = tools_screen(qtbot, demo_store, 1920, 1080)
    screen.open_tool(tool_named(demo_store, "Pear Deck").id)
    errors = screen.view.show_tab("Errors")
    qtbot.waitUntil(lambda: not screen.table.isColumnHidden(STAGE))
    assert screen.view.width() > screen.table.width() > 490
    assert not errors.table.isColumnHidden(TEACHER)  # the error's teacher, in the table
    screen.resize(1024 - SIDEBAR, 560)
    qtbot.waitUntil(lambda: screen.table.isColumnHidden(STAGE))
    assert errors.table.isColumnHidden(TEACHER)  # left to the chosen error's line
    errors.table.selectRow(0)
    (error,) = tool_errors(demo_store, tool_named(demo_store, "Pear Deck").id)
    assert error.teacher_name in errors.chosen.text()


def test_export_report_saves_the_chosen_tools_report(qtbot, main, demo_store, monkeypatch):
    asked = []
    monkeypatch.setattr(
        "app.views.tools.report_export.export_tool_report",
        lambda _context, _parent, tool_id: asked.append(tool_id),
    )
    row = tool_named(demo_store, "Nearpod")
    main.tools.open_tool(row.id)
    main.tools.view.report_button.click()
    main.tools.report_action.trigger()
    assert asked == [row.id, row.id]


# ---- editing --------------------------------------------------------------------------------


def test_edit_every_field_then_undo_and_redo(qtbot, main, demo_store, monkeypatch):
    row = tool_named(demo_store, "Nearpod")
    before = tool_edit(demo_store, row.id)

    def fill(dialog: ToolDialog):
        assert dialog.windowTitle() == "Edit the tool"
        assert dialog.name.text() == "Nearpod"
        for field, text in (
            (dialog.name, "Nearpod Plus"),
            (dialog.vendor, "Renaissance"),
            (dialog.licences, "40"),
            (dialog.cost_per_student, "2.50"),
            (dialog.cost_per_year, "2,000"),
        ):
            field.clear()
            qtbot.keyClicks(field, text)
        dialog.has_renewal.setChecked(True)
        dialog.renewal.setDate(date(2027, 3, 1))
        dialog.stage.setCurrentIndex(dialog.stage.findData("full"))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    fill_with(monkeypatch, fill)
    main.tools.open_tool(row.id)
    main.tools.table.setFocus()
    qtbot.keyClick(main.tools.table, Qt.Key.Key_Return)  # Enter on the list edits
    tool = get_tool_row(demo_store, row.id, TODAY).tool
    assert (tool.name, tool.vendor, tool.licences) == ("Nearpod Plus", "Renaissance", 40)
    assert (tool.cost_per_student, tool.cost_per_year) == (2.5, 2000.0)
    assert (tool.renewal_date, tool.stage) == (date(2027, 3, 1), "full")
    assert shown(main, "Nearpod Plus", SEATS).endswith(" of 40")
    assert main.tools.view.title.text() == "Nearpod Plus"
    assert "Renaissance · Full (everyone)" in main.tools.view.subtitle.text()
    assert main.statusBar().currentMessage() == "Saved Nearpod Plus."

    main.undo_stack.undo()
    assert tool_edit(demo_store, row.id) == before
    assert shown(main, "Nearpod", SEATS) == f"{row.seats_used} of {row.seats_bought}"
    assert main.tools.view.title.text() == "Nearpod"
    main.undo_stack.redo()
    assert get_tool_row(demo_store, row.id, TODAY).tool.name == "Nearpod Plus"
    assert main.tools.current_id() == row.id


def test_the_edit_form_says_what_is_wrong_and_saves_nothing(qtbot, main, demo_store, monkeypatch):
    row = tool_named(demo_store, "Nearpod")
    messages = {}

    def fill(dialog: ToolDialog):
        dialog.name.clear()
        dialog.licences.setText("-")
        dialog.cost_per_year.setText("-5")
        dialog._on_save()
        messages.update({k: m.text() for k, m in dialog.messages.items() if m.isVisibleTo(dialog)})

    fill_with(monkeypatch, fill)
    main.tools.edit_tool(row.id)
    assert messages == {
        "name": "Name the tool.",
        "licences": (
            "Type the licences bought, like 90, or leave it empty if you don't know it yet."
        ),
        "cost_per_year": "Enter the cost a year as 0 or more, or leave it empty.",
    }
    assert tool_edit(demo_store, row.id).form.name == "Nearpod"
    assert main.undo_stack.count() == 0


def test_seats_change_from_the_roster_and_come_back_on_undo(qtbot, main, demo_store, monkeypatch):
    row = tool_named(demo_store, "Pear Deck")
    seated = {t.id for t in row.teachers}
    leaving = row.teachers[0]
    joining = next(t for t in list_teachers(demo_store) if t.id not in seated and not t.archived)

    def fill(dialog: ToolDialog):
        assert dialog.chosen_teachers() == seated
        tick(dialog, leaving.id, False)
        tick(dialog, joining.id, True)
        assert dialog.seat_count.text() == f"{len(seated)} with a seat."
        dialog._on_save()

    fill_with(monkeypatch, fill)
    main.tools.open_tool(row.id)
    main.tools.view.edit_button.click()
    now = {t.id for t in get_tool_row(demo_store, row.id, TODAY).teachers}
    assert now == seated - {leaving.id} | {joining.id}
    teachers = main.tools.view.overview.sections["teachers"].text()
    assert joining.name in teachers and leaving.name not in teachers
    main.undo_stack.undo()
    assert {t.id for t in get_tool_row(demo_store, row.id, TODAY).teachers} == seated
    assert leaving.name in main.tools.view.overview.sections["teachers"].text()


def test_the_edit_form_fits_a_1024_by_600_screen_with_its_messages(qtbot, demo_store):
    row = tool_named(demo_store, "Pear Deck")
    dialog = ToolDialog(
        demo_store,
        TODAY,
        None,
        list_teachers(demo_store),
        tool_id=row.id,
        edit=tool_edit(demo_store, row.id),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.width(), min(dialog.height(), SMALL_SCREEN_LEFT))
    dialog.name.clear()
    for field in (dialog.licences, dialog.cost_per_student, dialog.cost_per_year):
        field.setText("-")
    dialog._on_save()
    assert dialog.isVisible()
    dialog.resize(dialog.width(), min(dialog.height(), SMALL_SCREEN_LEFT))
    qtbot.wait(10)
    assert dialog.minimumSizeHint().height() <= SMALL_SCREEN_LEFT
    assert dialog.width() <= 1024
    top_left = dialog.buttons.mapTo(dialog, QPoint(0, 0))
    assert dialog.rect().contains(QRect(top_left, dialog.buttons.size()))


# ---- deleting -------------------------------------------------------------------------------


def test_the_delete_key_deletes_the_tool_and_undo_brings_it_back(qtbot, main, demo_store, recorder):
    row = tool_named(demo_store, "Quizizz")
    main.tools.open_tool(row.id)
    main.tools.table.setFocus()
    qtbot.keyClick(main.tools.table, Qt.Key.Key_Delete)
    assert recorder.confirms == ["Delete this tool?"]
    assert "Quizizz" not in {r.tool.name for r in list_tools(demo_store, TODAY)}
    assert "Quizizz" not in {r.tool.name for r in main.tools.model.rows()}
    main.undo_stack.undo()
    assert "Quizizz" in {r.tool.name for r in list_tools(demo_store, TODAY)}
    assert main.tools.current_id() == row.id
    assert main.statusBar().currentMessage() == "Put Quizizz back in the inventory."


def test_a_delete_not_confirmed_keeps_the_tool(qtbot, main, demo_store, recorder):
    recorder.confirm_answer = False
    row = tool_named(demo_store, "Quizizz")
    main.tools.open_tool(row.id)
    main.tools.view.delete_button.click()
    assert "Quizizz" in {r.tool.name for r in list_tools(demo_store, TODAY)}
    assert main.undo_stack.count() == 0


# ---- the Errors tab -------------------------------------------------------------------------


def errors_tab(main, demo_store, name: str) -> ErrorsTab:
    main.tools.open_tool(tool_named(demo_store, name).id)
    return main.tools.view.show_tab("Errors")


def test_an_unresolved_error_that_cost_time_puts_the_tool_up_for_review(qtbot, main, demo_store):
    row = tool_named(demo_store, "Nearpod")
    assert row.review.recommendation == ToolRecommendation.KEEP
    tab = errors_tab(main, demo_store, "Nearpod")
    teacher = row.teachers[1]
    tab.teacher.setCurrentIndex(tab.teacher.findText(teacher.name))
    tab.lost.setValue(15)
    qtbot.keyClicks(tab.what, "The quiz froze for the class")
    qtbot.keyClick(tab.what, Qt.Key.Key_Return)  # Enter adds it
    (error,) = tool_errors(demo_store, row.id)
    assert (error.teacher_id, error.minutes_lost, error.resolved) == (teacher.id, 15, False)
    assert error.description == "The quiz froze for the class"
    assert tab.what.text() == "" and tab.model.rowCount() == 1
    assert shown(main, "Nearpod", RECOMMENDATION) == "Review"
    assert main.tools.view.advice.text().startswith("Advice: Review — An unresolved technical")
    assert tab.review_note.isVisibleTo(tab)
    assert main.tools.current_id() == row.id  # the list kept the chosen tool
    assert main.statusBar().currentMessage() == "Logged an error with Nearpod (15 minutes lost)."

    main.undo_stack.undo()
    assert tool_errors(demo_store, row.id) == []
    assert shown(main, "Nearpod", RECOMMENDATION) == "Keep"
    assert tab.model.rowCount() == 0
    main.undo_stack.redo()
    assert shown(main, "Nearpod", RECOMMENDATION) == "Review"


def test_resolving_and_deleting_an_error_recompute_the_review_with_undo(qtbot, main, demo_store):
    row = tool_named(demo_store, "Nearpod")
    tab = errors_tab(main, demo_store, "Nearpod")
    tab.lost.setValue(20)
    tab.what.setText("Logins failed")
    tab.add_button.click()
    tab.table.selectRow(0)
    assert tab.toggle_button.text() == "Mark resolved"
    assert "20 minutes lost · unresolved" in tab.chosen.text()
    tab.toggle_button.click()
    assert tool_errors(demo_store, row.id)[0].resolved
    assert shown(main, "Nearpod", RECOMMENDATION) == "Keep"
    assert tab.toggle_button.text() == "Mark unresolved"  # the same error stays chosen
    main.undo_stack.undo()
    assert not tool_errors(demo_store, row.id)[0].resolved
    assert shown(main, "Nearpod", RECOMMENDATION) == "Review"

    tab.table.selectRow(0)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tool_errors(demo_store, row.id) == []
    assert shown(main, "Nearpod", RECOMMENDATION) == "Keep"
    assert tab.totals.text() == "No technical error logged."
    main.undo_stack.undo()
    assert len(tool_errors(demo_store, row.id)) == 1
    assert shown(main, "Nearpod", RECOMMENDATION) == "Review"
    assert tab.totals.text() == "1 error logged, 1 unresolved; 20 minutes lost to unresolved ones."


def test_an_error_without_words_is_refused_in_words(qtbot, main, demo_store):
    row = tool_named(demo_store, "Nearpod")
    tab = errors_tab(main, demo_store, "Nearpod")
    tab.lost.setValue(5)
    tab.add_button.click()
    assert tab.message.text() == "Write a few words about what happened."
    assert tab.message.isVisibleTo(tab)
    assert tool_errors(demo_store, row.id) == []
    assert main.undo_stack.count() == 0


def test_an_error_that_cost_no_time_calls_for_no_review(qtbot, main, demo_store):
    tab = errors_tab(main, demo_store, "Nearpod")
    tab.what.setText("A typo on the start page")
    tab.add_button.click()
    assert tab.model.rowCount() == 1
    assert shown(main, "Nearpod", RECOMMENDATION) == "Keep"
    assert not tab.review_note.isVisibleTo(tab)


def test_the_errors_model_passes_the_model_tester(qtmodeltester, demo_store):
    from app.views.tools.errors_tab import ErrorsTableModel

    row = tool_named(demo_store, "Pear Deck")
    model = ErrorsTableModel()
    model.set_rows(tool_errors(demo_store, row.id))
    assert model.rowCount() >= 1
    qtmodeltester.check(model)


def test_a_write_in_an_embedded_tab_reloads_the_list_and_keeps_the_tool(
    qtbot, main, demo_store, recorder
):
    row = tool_named(demo_store, "Nearpod")
    main.tools.open_tool(row.id)
    sunset = main.tools.view.show_tab("Sunset")
    sunset.start_button.click()  # the confirm is answered yes
    assert get_tool_row(demo_store, row.id, TODAY).status == "sunset_notice"
    assert shown(main, "Nearpod", STATUS) == "Sunsetting"
    assert shown(main, "Nearpod", RECOMMENDATION) == "Sunset"
    assert main.tools.current_id() == row.id
    assert main.tools.view.tabs.currentWidget().widget() is sunset  # the tab stays in front
    assert "Sunset notice" in main.tools.view.subtitle.text()
    main.undo_stack.undo()
    assert shown(main, "Nearpod", STATUS) == "In use"
    assert main.tools.view.advice.text().startswith("Advice: Keep")


def test_a_tool_added_with_seats_lists_its_teachers(qtbot, main, demo_store, monkeypatch):
    roster = [t for t in list_teachers(demo_store) if not t.archived][:2]

    def fill(dialog: ToolDialog):
        assert dialog.windowTitle() == "Add a tool"
        qtbot.keyClicks(dialog.name, "Kami")
        qtbot.keyClicks(dialog.teacher_filter, roster[0].name)
        shown_items = [
            dialog.teacher_list.item(i).text()
            for i in range(dialog.teacher_list.count())
            if not dialog.teacher_list.item(i).isHidden()
        ]
        assert all(roster[0].name in text for text in shown_items) and shown_items
        for teacher in roster:
            tick(dialog, teacher.id, True)
        assert dialog.seat_count.text() == "2 with a seat."
        dialog._on_save()

    fill_with(monkeypatch, fill)
    main.tools.add_tool()
    row = tool_named(demo_store, "Kami")
    assert {t.id for t in row.teachers} == {t.id for t in roster}
    assert main.tools.current_id() == row.id
    teachers = main.tools.view.overview.sections["teachers"].text()
    assert all(t.name in teachers for t in roster)
    main.undo_stack.undo()
    assert "Kami" not in {r.tool.name for r in list_tools(demo_store, TODAY)}
