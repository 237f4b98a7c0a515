"""A pilot form opened before another change to the pilot, saved after it, asks first:
"This pilot was changed since you opened the form": keep theirs, or keep yours."""

from datetime import date

import pytest

from app.services.pilots import PilotForm, create_pilot, pilot_detail, update_pilot
from app.services.teachers import TeacherForm, save_teacher
from app.views.common import dialogs
from app.views.pilots.pilot_dialog import PilotDialog
from app.views.shell.main_window import MainWindow

TODAY = date(2026, 11, 25)
TITLE = "This pilot was changed since you opened the form"


@pytest.fixture
def pilot(store):
    teacher = save_teacher(store, TeacherForm(name="Maria Alvarez")).id
    form = PilotForm(tool="Nearpod", start_date=date(2026, 10, 19))
    return create_pilot(store, form, [teacher])


@pytest.fixture
def main(qtbot, store, pilot, clock, recorder):
    win = MainWindow(store, today=lambda: TODAY, now=clock.now)
    qtbot.addWidget(win)
    win.resize(1024, 600)
    win.show()
    qtbot.waitExposed(win)
    win.open_pilot(pilot)
    return win


@pytest.fixture
def asked(monkeypatch):
    """Answers the keep-theirs-or-yours question as `answer[0]` says; records each ask."""
    questions = []
    answer = ["Keep yours"]

    def choose(_parent, title, text, options):
        questions.append((title, text, options))
        return answer[0]

    monkeypatch.setattr(dialogs, "choose", choose)
    return questions, answer


def change_elsewhere(store, pilot, **values) -> None:
    form = pilot_detail(store, pilot, TODAY).form
    for name, value in values.items():
        setattr(form, name, value)
    update_pilot(store, pilot, form)


@pytest.mark.parametrize(("answer", "vendor"), [("Keep yours", "Mine"), ("Keep theirs", "")])
def test_the_edit_dialog_asks_before_saving_over_a_change(
    qtbot, main, store, pilot, asked, monkeypatch, answer, vendor
):
    questions, chosen = asked
    chosen[0] = answer

    def edit(dialog: PilotDialog):
        dialog.vendor.setText("Mine")
        change_elsewhere(store, pilot, licences=90)  # saved while the dialog is open
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(PilotDialog, "exec", edit)
    main.pilots.edit_pilot(pilot)

    [(title, text, options)] = questions
    assert (title, options) == (TITLE, ["Keep theirs", "Keep yours"])
    assert "Nearpod was changed since you opened the form" in text
    form = pilot_detail(store, pilot, TODAY).form
    assert form.vendor == vendor
    assert form.licences == (None if answer == "Keep yours" else 90)


def test_an_edit_with_no_change_in_between_does_not_ask(
    qtbot, main, store, pilot, asked, monkeypatch
):
    questions, _ = asked

    def edit(dialog: PilotDialog):
        dialog.vendor.setText("Nearpod Inc.")
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(PilotDialog, "exec", edit)
    main.pilots.edit_pilot(pilot)

    assert questions == []
    assert pilot_detail(store, pilot, TODAY).form.vendor == "Nearpod Inc."


@pytest.mark.parametrize("answer", ["Keep yours", "Keep theirs"])
def test_a_decision_written_before_an_edit_asks_before_it_is_recorded(
    qtbot, main, store, pilot, asked, monkeypatch, answer
):
    questions, chosen = asked
    chosen[0] = answer
    view = main.pilots.view
    view.tabs.setCurrentIndex(4)
    tab = view.decision
    tab.choice.setCurrentIndex(tab.choice.findText("Sunset"))
    tab.rationale.setPlainText("Teachers stopped using it.")

    def edit(dialog: PilotDialog):
        dialog.tool.setText("Nearpod Premium")
        dialog._on_save()
        return dialog.result()

    monkeypatch.setattr(PilotDialog, "exec", edit)
    main.pilots.edit_pilot(pilot)  # the view refreshes; what was typed stays
    assert tab.rationale.toPlainText() == "Teachers stopped using it."

    tab.save_button.click()

    assert [q[0] for q in questions] == [TITLE]
    detail = pilot_detail(store, pilot, TODAY)
    assert detail.row.tool == "Nearpod Premium"
    assert detail.decision.decision == ("sunset" if answer == "Keep yours" else None)
    if answer == "Keep theirs":
        assert tab.rationale.toPlainText() == ""


def test_a_decision_written_for_one_pilot_waits_while_the_coach_looks_at_another(
    qtbot, main, store, pilot, asked
):
    other = create_pilot(store, PilotForm(tool="Padlet", start_date=date(2026, 10, 19)))
    main.pilots.reload()
    main.open_pilot(pilot)
    tab = main.pilots.view.decision
    main.pilots.view.tabs.setCurrentIndex(4)
    tab.choice.setCurrentIndex(tab.choice.findText("Adopt"))
    tab.rationale.setPlainText("Teachers asked to keep it.")
    assert tab.draft_note.isVisibleTo(tab)

    main.open_pilot(other)
    assert tab.rationale.toPlainText() == ""
    assert not tab.draft_note.isVisibleTo(tab)
    main.open_pilot(pilot)

    assert tab.rationale.toPlainText() == "Teachers asked to keep it."
    assert tab.choice.currentText() == "Adopt"
    assert tab.draft_note.isVisibleTo(tab)
    tab.save_button.click()
    assert pilot_detail(store, pilot, TODAY).decision.decision == "adopted"
    assert not tab.draft_note.isVisibleTo(tab)
    assert asked[0] == []
