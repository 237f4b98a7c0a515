"""The Tools screen through qtbot, against a copy of the small demo notebook."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.services.tools import list_tools
from app.views.shell.main_window import MainWindow
from app.views.tools.table_model import NAME, RECOMMENDATION, SEATS, USE, ToolsTableModel
from app.views.tools.tool_dialog import ToolDialog

TODAY = date(2026, 11, 25)


@pytest.fixture
def main(qtbot, demo_store, clock, recorder):
    win = MainWindow(demo_store, today=lambda: TODAY, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    return win


def shown_rows(main) -> dict[str, tuple[str, str, str]]:
    proxy = main.tools.proxy
    return {
        proxy.index(r, NAME).data(): tuple(
            proxy.index(r, c).data() for c in (USE, SEATS, RECOMMENDATION)
        )
        for r in range(proxy.rowCount())
    }


def test_ctrl_8_opens_the_tools_screen_with_the_services_figures(qtbot, main, demo_store):
    qtbot.keyClick(main, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert main.current_screen() == "tools"
    rows = list_tools(demo_store, TODAY)
    shown = shown_rows(main)
    assert set(shown) == {r.tool.name for r in rows}
    for row in rows:
        used, seats, advice = shown[row.tool.name]
        pct = row.semester.utilisation_pct
        if pct is None:
            assert used == "—"
        else:
            assert abs(float(used.rstrip("%")) - pct) < 0.5
        assert seats.startswith(f"{row.seats_used} of ")
        verdict = row.review.recommendation
        assert advice.casefold().startswith(verdict.value if verdict else "—")
    advice = {a for _, _, a in shown.values()}
    assert {"Keep", "Pending", "Review", "Sunset"} <= advice


def test_the_detail_gives_the_reasons_and_the_checks(qtbot, main, demo_store):
    main.show_screen("tools")
    rows = list_tools(demo_store, TODAY)
    never_piloted = next(r for r in rows if r.tool.pilot_id is None)
    main.tools.open_tool(never_piloted.id)
    view = main.tools.view
    assert view.title.text() == never_piloted.tool.name
    review = view.overview.sections["review"].text()
    assert never_piloted.review.reasons[0][1:] in review
    checks = view.overview.sections["checks"].text().splitlines()
    assert len(checks) == 6 and all(line.endswith("Unknown") for line in checks)
    assert "never piloted" in view.overview.sections["origin"].text()
    adopted = next(r for r in rows if r.tool.pilot_id is not None)
    main.tools.open_tool(adopted.id)
    assert "adopted after its pilot" in view.overview.sections["origin"].text()
    for teacher in adopted.teachers:
        assert teacher.name in view.overview.sections["teachers"].text()


def test_filter_as_you_type(qtbot, main, demo_store):
    main.show_screen("tools")
    name = list_tools(demo_store, TODAY)[0].tool.name
    main.tools.filter_edit.setText(name)
    assert name in shown_rows(main)
    main.tools.filter_edit.setText("no tool is called this")
    assert main.tools.proxy.rowCount() == 0


def test_adding_a_tool_shows_it_and_ctrl_z_takes_it_out(qtbot, main, demo_store, monkeypatch):
    def fill(dialog: ToolDialog):
        qtbot.keyClicks(dialog.name, "Kami")
        qtbot.keyClicks(dialog.vendor, "Kami Ltd")
        qtbot.keyClicks(dialog.licences, "40")
        qtbot.keyClicks(dialog.cost_per_year, "1200")
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(ToolDialog, "exec", fill)
    main.show_screen("tools")
    main.actions_by_name["new"].trigger()  # Ctrl+N on the Tools screen
    assert shown_rows(main)["Kami"] == ("—", "0 of 40", "Pending")  # no teacher has a seat yet
    assert main.tools.view.title.text() == "Kami"
    assert "Kami" in {r.tool.name for r in list_tools(demo_store, TODAY)}
    main.undo_stack.undo()
    assert "Kami" not in shown_rows(main)
    assert "Kami" not in {r.tool.name for r in list_tools(demo_store, TODAY)}


def test_the_form_shows_the_services_messages(qtbot, main, demo_store, monkeypatch):
    messages = []

    def fill(dialog: ToolDialog):
        qtbot.keyClicks(dialog.cost_per_student, "-2")
        dialog._on_save()
        messages.append(dialog.messages["name"].text())
        messages.append(dialog.messages["cost_per_student"].text())
        return dialog.result()

    monkeypatch.setattr(ToolDialog, "exec", fill)
    before = len(list_tools(demo_store, TODAY))
    main.show_screen("tools")
    main.tools.add_tool()
    assert messages == [
        "Name the tool.",
        "Enter the cost per student a year as 0 or more, or leave it empty.",
    ]
    assert len(list_tools(demo_store, TODAY)) == before


def test_model_passes_the_model_tester(qtmodeltester, demo_store):
    model = ToolsTableModel()
    model.set_rows(list_tools(demo_store, TODAY))
    qtmodeltester.check(model)
