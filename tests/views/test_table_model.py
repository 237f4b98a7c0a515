"""The shared list model: columns declared once, rows sorted by their Python values."""

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from app.text import month_day
from app.views.common.table_model import (
    Column,
    RowsFilterProxy,
    RowsTableModel,
    blank_first,
    row_of_index,
)


@dataclass(frozen=True)
class Visit:
    id: int
    teacher: str
    day: date
    minutes: int | None


class VisitsModel(RowsTableModel):
    COLUMNS = (
        Column("Teacher", lambda v: v.teacher, tooltip=lambda v: f"Visited {v.teacher}"),
        Column("Day", lambda v: month_day(v.day), sort_key=lambda v: v.day),
        Column(
            "Minutes",
            lambda v: "" if v.minutes is None else str(v.minutes),
            sort_key=lambda v: blank_first(v.minutes),
            number=True,
        ),
    )


VISITS = [
    Visit(1, "Zoë Hart", date(2026, 9, 30), 45),
    Visit(2, "Émile Roux", date(2026, 10, 2), None),
    Visit(3, "Lara Díaz", date(2026, 9, 4), 20),
    Visit(4, "Łukasz Nowak", date(2026, 10, 2), 45),
]


@pytest.fixture
def visits(qapp):
    model = VisitsModel()
    proxy = RowsFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(VISITS)
    return model, proxy


def ids(proxy) -> list[int]:
    return [row_of_index(proxy.index(row, 0)).id for row in range(proxy.rowCount())]


def test_rows_keep_the_order_they_came_in_until_sorted(visits):
    _model, proxy = visits
    assert ids(proxy) == [1, 2, 3, 4]


def test_a_date_column_sorts_by_date_not_by_its_text(visits):
    _model, proxy = visits
    proxy.sort(1)
    # "Oct 2" would come before "Sep 30" as text; ties keep the order the rows came in.
    assert ids(proxy) == [3, 1, 2, 4]
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert ids(proxy) == [2, 4, 1, 3]


def test_a_blank_number_sorts_first_ascending_and_last_descending(visits):
    _model, proxy = visits
    proxy.sort(2)
    assert ids(proxy) == [2, 3, 1, 4]
    proxy.sort(2, Qt.SortOrder.DescendingOrder)
    assert ids(proxy)[-1] == 2


def test_text_columns_collate_as_people_read_names(visits):
    _model, proxy = visits
    proxy.sort(0)
    assert [proxy.index(r, 0).data() for r in range(4)] == [
        "Émile Roux",
        "Lara Díaz",
        "Łukasz Nowak",
        "Zoë Hart",
    ]


def test_a_sort_keeps_the_chosen_row(visits):
    model, proxy = visits
    chosen = QPersistentModelIndex(model.index(model.row_of(4), 2))
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert row_of_index(chosen).id == 4 and chosen.column() == 2


def test_new_rows_come_in_sorted_by_the_column_chosen(visits):
    model, proxy = visits
    proxy.sort(1)
    model.set_rows(reversed(VISITS))
    assert ids(proxy) == [3, 1, 4, 2]


def test_the_columns_give_headers_tooltips_and_number_alignment(visits):
    model, _proxy = visits
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Teacher",
        "Day",
        "Minutes",
    ]
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Visited Zoë Hart"
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert model.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) == int(right)
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None


def test_the_model_and_proxy_pass_qtmodeltester(qtmodeltester, visits):
    model, proxy = visits
    proxy.sort(1)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
