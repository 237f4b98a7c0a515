"""The Buy-in tab of a tool through qtbot: record a survey through its dialog, see the quarter
change, undo it, replace a survey of the same quarter, delete one, edit the statements."""

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.models.tools import DEFAULT_BUY_IN_ITEMS
from app.services.profile import ProfileData, save_profile
from app.services.teachers import TeacherForm, save_teacher, set_archived
from app.services.tools import ToolForm, add_tool, list_tools
from app.services.tools.buy_in import buy_in_item_rows, record_buy_in, tool_buy_in
from app.views.common.context import ScreenContext
from app.views.tools.buy_in_dialogs import BuyInSurveyDialog, StatementsDialog
from app.views.tools.buy_in_tab import BuyInTab

TODAY = date(2026, 11, 25)  # in Q2 of the year 17 Aug 2026 - 11 Jun 2027 (30 Oct - 12 Jan)
IN_Q1 = date(2026, 10, 6)


@pytest.fixture
def kami(store):
    save_profile(
        store, ProfileData(school_year_start=date(2026, 8, 17), school_year_end=date(2027, 6, 11))
    )
    seated = [save_teacher(store, TeacherForm(name=n)).id for n in ("Ann Lee", "Bo Park")]
    save_teacher(store, TeacherForm(name="Cy Diaz"))
    gone = save_teacher(store, TeacherForm(name="Dee Moss")).id
    set_archived(store, gone, True)
    return add_tool(store, ToolForm(name="Kami"), date(2026, 8, 17), seated)


@pytest.fixture
def tab(qtbot, store, kami, clock):
    context = ScreenContext(store, today=lambda: TODAY, now=lambda: datetime.now(UTC))
    widget = BuyInTab(context)
    qtbot.addWidget(widget)
    widget.resize(440, 560)
    widget.show()
    qtbot.waitExposed(widget)
    widget.messages = []
    widget.sig_changed.connect(widget.messages.append)
    widget.show_tool(tool_row(store, kami))
    return widget


def tool_row(store, tool_id):
    return next(r for r in list_tools(store, TODAY) if r.id == tool_id)


def cell(tab, quarter: int) -> str:
    """The quarter's line in the table, its row header checked on the way."""
    model = tab.quarters_model
    assert model.headerData(quarter - 1, Qt.Orientation.Vertical) == f"Q{quarter}"
    return model.index(quarter - 1, 0).data()


def answer_with(qtbot, teacher: str, scores: list[int], day: date | None = None):
    """An `exec` that picks the teacher, clicks a score per statement and saves."""

    def run(dialog: BuyInSurveyDialog) -> int:
        dialog.teacher.setCurrentIndex(dialog.teacher.findText(teacher))
        if day is not None:
            dialog.day.setDate(day)
        for group, score in zip(dialog.groups, scores, strict=True):
            qtbot.mouseClick(group.button(score), Qt.MouseButton.LeftButton)
        _save(dialog).click()
        return dialog.result()

    return run


def _save(dialog):
    return next(
        b
        for b in dialog.buttons.buttons()
        if dialog.buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )


def test_recording_a_survey_through_the_dialog_changes_the_quarter_and_undo_takes_it_back(
    qtbot, tab, store, kami, monkeypatch
):
    assert cell(tab, 2) == "No answers yet"
    assert cell(tab, 3) == "Not begun"
    assert "No buy-in survey yet in 2026-2027" in tab.summary.text()
    monkeypatch.setattr(BuyInSurveyDialog, "exec", answer_with(qtbot, "Ann Lee", [4] * 6))

    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)

    assert cell(tab, 2) == "1 of 1 agree · 100%, met\nUseful 100% · Easy 100%"
    assert tab.summary.text().startswith("Q2 2026-2027: 1 of 1 teacher agrees (100%)")
    assert tab.messages == ["Recorded Ann Lee's buy-in survey about Kami."]
    assert tab.surveys_model.rowCount() == 1
    assert tab.surveys_model.index(0, 0).data() == "Ann Lee\nNov 25 (Q2)"
    assert tab.surveys_model.index(0, 1).data() == "4.0\nagrees"

    monkeypatch.setattr(
        BuyInSurveyDialog, "exec", answer_with(qtbot, "Cy Diaz (no seat)", [3, 3, 4, 4, 4, 4])
    )
    tab.record_button.click()
    assert cell(tab, 2) == "1 of 2 agree · 50%, under\nUseful 50% · Easy 100%"

    tab._context.undo_stack.undo()
    assert cell(tab, 2).startswith("1 of 1 agree · 100%, met")
    assert tab.messages[-1] == "Undid: record Cy Diaz's buy-in survey."
    tab._context.undo_stack.undo()
    assert cell(tab, 2) == "No answers yet"
    assert tool_buy_in(store, kami, TODAY).surveys == []
    tab._context.undo_stack.redo()
    assert cell(tab, 2).startswith("1 of 1 agree")


def test_the_dialog_offers_the_tools_teachers_first_then_any_current_teacher(tab):
    dialog = tab.survey_dialog()
    names = [dialog.teacher.itemText(i) for i in range(dialog.teacher.count())]
    assert [n for n in names if n] == [
        "Choose the teacher",
        "Ann Lee",
        "Bo Park",
        "Cy Diaz (no seat)",
    ]
    assert [dialog.groups[0].button(s).accessibleName() for s in (1, 5)] == [
        "Statement 1: 1, Strongly disagree",
        "Statement 1: 5, Strongly agree",
    ]
    # It fits the screen it opens on, title bar included.
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height() - 48 and dialog.width() <= room.width()


def test_the_dialog_says_what_is_missing_and_saves_nothing(qtbot, tab, store, kami):
    dialog = tab.survey_dialog()
    qtbot.addWidget(dialog)
    _save(dialog).click()
    assert dialog.message.text() == "Choose the teacher who answered."
    dialog.teacher.setCurrentIndex(dialog.teacher.findText("Bo Park"))
    for group in dialog.groups[:4]:
        group.button(5).setChecked(True)
    _save(dialog).click()
    assert dialog.message.text() == (
        "Score every statement from 1 to 5: statements 5, 6 have no score yet."
    )
    assert not dialog.result()
    assert tool_buy_in(store, kami, TODAY).surveys == []


@pytest.mark.parametrize("replace_it", [False, True])
def test_a_second_survey_in_the_quarter_asks_then_replaces_the_first(
    qtbot, tab, store, kami, recorder, monkeypatch, replace_it
):
    ann = tool_row(store, kami).teachers[0].id
    first = record_buy_in(store, kami, ann, IN_Q1, [2] * 6)
    tab.show_tool(tool_row(store, kami))
    assert cell(tab, 1) == "0 of 1 agree · 0%, under\nUseful 0% · Easy 0%"
    recorder.confirm_answer = replace_it
    monkeypatch.setattr(
        BuyInSurveyDialog, "exec", answer_with(qtbot, "Ann Lee", [5] * 6, date(2026, 10, 20))
    )

    tab.record_button.click()

    assert recorder.confirms == ["Replace the earlier survey?"]
    if not replace_it:
        assert cell(tab, 1).startswith("0 of 1 agree")
        assert [s.id for s in tool_buy_in(store, kami, TODAY).surveys] == [first]
        return
    assert cell(tab, 1).startswith("1 of 1 agree · 100%, met")
    assert tab.messages == [
        "Recorded Ann Lee's buy-in survey about Kami. It replaces the one of Oct 6."
    ]
    tab._context.undo_stack.undo()
    assert cell(tab, 1).startswith("0 of 1 agree")
    assert [s.id for s in tool_buy_in(store, kami, TODAY).surveys] == [first]


def test_deleting_a_survey_and_undo(qtbot, tab, store, kami):
    ann = tool_row(store, kami).teachers[0].id
    record_buy_in(store, kami, ann, IN_Q1, [5] * 6)
    tab.show_tool(tool_row(store, kami))
    assert not tab.delete_button.isEnabled()
    tab.surveys.selectRow(0)
    assert "5 · Using this tool helps my students learn. (usefulness)" in (
        tab.surveys_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    )

    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)

    assert tab.surveys_model.rowCount() == 0
    assert cell(tab, 1) == "No answers yet"
    assert tab.messages == ["Deleted Ann Lee's buy-in survey of Oct 6 (Ctrl+Z brings it back)."]
    tab._context.undo_stack.undo()
    assert tab.surveys_model.rowCount() == 1
    assert cell(tab, 1).startswith("1 of 1 agree")


def test_editing_the_statements_keeps_old_answers_words_and_undo_brings_them_back(
    qtbot, tab, store, kami, monkeypatch
):
    ann = tool_row(store, kami).teachers[0].id
    record_buy_in(store, kami, ann, IN_Q1, [5, 5, 5, 1, 1, 1])
    tab.show_tool(tool_row(store, kami))

    def edit(dialog: StatementsDialog) -> int:
        dialog.choose(3)
        dialog.text.selectAll()
        qtbot.keyClicks(dialog.text, "Logging in takes no time.")
        dialog.choose(0)
        dialog.belief.setCurrentIndex(dialog.belief.findData("ease"))
        dialog.belief.activated.emit(dialog.belief.currentIndex())
        qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
        dialog.choose(5)
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.text, "It shows me what my students understood.")
        _save(dialog).click()
        return dialog.result()

    monkeypatch.setattr(StatementsDialog, "exec", edit)
    qtbot.mouseClick(tab.items_button, Qt.MouseButton.LeftButton)

    defaults = [text for _belief, text in DEFAULT_BUY_IN_ITEMS]
    assert [(r.belief, r.text) for r in buy_in_item_rows(store)] == [
        ("usefulness", defaults[1]),
        ("ease", defaults[0]),
        ("usefulness", defaults[2]),
        ("ease", "Logging in takes no time."),
        ("ease", defaults[4]),
        ("ease", "It shows me what my students understood."),
    ]
    assert tab.messages == [
        "Saved the buy-in statements; surveys already taken keep the words they asked."
    ]
    # The survey taken keeps what it asked, and its quarter its figures.
    tip = tab.surveys_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert f"1 · {defaults[3]} (ease of use)" in tip
    assert cell(tab, 1) == "0 of 1 agree · 0%, under\nUseful 100% · Easy 0%"
    tab._context.undo_stack.undo()
    assert [(r.belief, r.text) for r in buy_in_item_rows(store)] == [
        (b.value, t) for b, t in DEFAULT_BUY_IN_ITEMS
    ]


def test_the_statements_dialog_refuses_an_empty_statement(qtbot, store, kami):
    dialog = StatementsDialog(buy_in_item_rows(store))
    qtbot.addWidget(dialog)
    dialog.add_button.click()
    _save(dialog).click()
    assert dialog.message.text().startswith("Statement 7 is empty")
    assert not dialog.result()
    room = dialog.screen().availableGeometry()
    assert dialog.height() <= room.height() - 48 and dialog.width() <= room.width()


def test_a_statement_set_without_a_belief_asks_first(qtbot, store, kami, recorder):
    dialog = StatementsDialog(buy_in_item_rows(store))
    qtbot.addWidget(dialog)
    for _ in range(3):
        dialog.choose(3)
        dialog.remove_button.click()
    recorder.confirm_answer = False
    _save(dialog).click()
    assert recorder.confirms == ["Save without a belief?"]
    assert not dialog.result()


def test_an_earlier_school_year_shows_its_own_quarters(qtbot, tab, store, kami):
    ann = tool_row(store, kami).teachers[0].id
    record_buy_in(store, kami, ann, date(2026, 3, 2), [5] * 6)  # Q3 of 2025-2026
    tab.show_tool(tool_row(store, kami))
    assert [tab.year.itemText(i) for i in range(tab.year.count())] == ["2026-2027", "2025-2026"]
    tab.year.setCurrentIndex(1)
    tab.year.activated.emit(1)
    assert cell(tab, 3).startswith("1 of 1 agree · 100%, met")
    assert tab.summary.text().startswith("Q3 2025-2026: 1 of 1 teacher agrees")
    tab.show_tool(tool_row(store, kami))  # the same tool again keeps the year
    assert tab.year.currentText() == "2025-2026"


def test_no_tool_leaves_the_tab_empty(tab):
    tab.show_tool(None)
    assert tab.quarters_model.rowCount() == 0
    assert not tab.isEnabled()


def test_the_tab_models_pass_the_model_tester(qtmodeltester, tab, store, kami):
    ann = tool_row(store, kami).teachers[0].id
    record_buy_in(store, kami, ann, IN_Q1, [5] * 6)
    tab.show_tool(tool_row(store, kami))
    qtmodeltester.check(tab.quarters_model)
    qtmodeltester.check(tab.surveys_model)
