"""Lists sort names by the locale's collation through QCollator, in the same order as the
reports' Qt-free sort key."""

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from app.services.collation import sort_key
from app.services.demo import words
from app.views.common.table_model import Column, RowsFilterProxy, RowsTableModel, collation_key

NAMES = ["Łukasz", "Lara", "Öztürk", "Oscar", "Zoë", "Émile", "Eve"]
EXPECTED = ["Émile", "Eve", "Lara", "Łukasz", "Oscar", "Öztürk", "Zoë"]


@dataclass(frozen=True)
class Row:
    name: str
    room: str


class NamesModel(RowsTableModel):
    """A list as the screens build theirs: text columns sort by their collated text."""

    COLUMNS = (Column("Name", lambda row: row.name), Column("Room", lambda row: row.room))


@pytest.fixture
def names_list(qapp):
    model = NamesModel()
    proxy = RowsFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def shown(proxy, column: int = 0) -> list[str]:
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_a_list_sorts_names_with_their_base_letters(names_list):
    model, proxy = names_list
    model.set_rows(Row(name, "") for name in NAMES)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == EXPECTED
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert shown(proxy) == EXPECTED[::-1]


def test_the_list_and_the_reports_agree(names_list):
    model, proxy = names_list
    model.set_rows(Row(name, "") for name in NAMES)
    proxy.sort(0)
    assert shown(proxy) == sorted(NAMES, key=sort_key) == EXPECTED


def test_rooms_sort_by_number(names_list):
    model, proxy = names_list
    model.set_rows(Row("", room) for room in ("Room 10", "Room 2", "B-12", "Room 1"))
    proxy.sort(1)
    assert shown(proxy, 1) == ["B-12", "Room 1", "Room 2", "Room 10"]


def test_new_rows_are_collated_afresh(names_list):
    model, proxy = names_list
    model.set_rows([Row("Zoë", ""), Row("Eve", "")])
    proxy.sort(0)
    model.set_rows(Row(name, "") for name in NAMES)
    assert shown(proxy) == EXPECTED


def test_qcollator_and_the_sort_key_agree_on_a_district_of_names():
    names = [f"{first} {last}" for first in words.FIRST_NAMES for last in words.LAST_NAMES]
    names += [*NAMES, "Nguyễn Thị Hương", "Đặng Văn", "Øystein", "Ærø", "ßa", "Yıldız", "张伟"]
    names += ["<b>Ms. O'Neil & co</b>", "O'Neil", "Oneal", "émile", "Emile", "Room 2", "Room 02"]
    assert sorted(names, key=collation_key) == sorted(names, key=sort_key)


def test_the_model_passes_qtmodeltester(qtmodeltester, names_list):
    model, _proxy = names_list
    model.set_rows(Row(name, "204") for name in NAMES)
    qtmodeltester.check(model)
