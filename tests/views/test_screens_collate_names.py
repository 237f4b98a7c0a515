"""The real screens, the CLI and the portfolio put names in one reader's order (Ł with L,
Ö with O), not by code point where Łukasz and Öztürk came after Zoë (issue 12)."""

import json
from datetime import date

from PySide6.QtCore import Qt

from app.cli import main
from app.services.activities import ActivityInput, save_activity
from app.services.teachers import TeacherForm, save_teacher
from app.views.shell.main_window import MainWindow

NAMES = ["Łukasz Nowak", "Lara Díaz", "Öztürk Aydın", "Oscar Lee", "Zoë Hart", "Émile Roux"]
EXPECTED = ["Émile Roux", "Lara Díaz", "Łukasz Nowak", "Oscar Lee", "Öztürk Aydın", "Zoë Hart"]


def shown_names(table, column: int = 0) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_teachers_list_and_the_cli_agree_on_the_reading_order(qtbot, store, recorder, capsys):
    for name in NAMES:
        save_teacher(store, TeacherForm(name=name, school="Pinecrest"))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    window.show_screen("teachers")
    screen = window.teachers
    qtbot.waitUntil(lambda: screen.table.model().rowCount() == len(NAMES))
    screen.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert shown_names(screen.table) == EXPECTED
    screen.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert shown_names(screen.table) == EXPECTED[::-1]

    assert main(["--db", str(store.path), "list", "teachers", "--json"]) == 0
    assert [t["name"] for t in json.loads(capsys.readouterr().out)] == EXPECTED


def test_the_activity_log_sorts_topics_in_the_reading_order(qtbot, store, recorder):
    for topic in ("Öffentliche Bibliothek", "Zoom basics", "Éducation numérique", "Padlet"):
        save_activity(
            store,
            ActivityInput(
                kind="pd_session", occurred_on=date(2026, 11, 2), topic=topic, minutes=30
            ),
        )
    window = MainWindow(store, today=lambda: date(2026, 11, 25))
    qtbot.addWidget(window)
    window.show()
    window.show_screen("activity")
    screen = window.activity
    qtbot.waitUntil(lambda: screen.table.model().rowCount() == 4)
    column = next(
        c
        for c in range(screen.table.model().columnCount())
        if screen.table.model().headerData(c, Qt.Orientation.Horizontal) == "Topic"
    )
    screen.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert shown_names(screen.table, column) == [
        "Éducation numérique",
        "Öffentliche Bibliothek",
        "Padlet",
        "Zoom basics",
    ]
