"""Every table's live rows as text cells, for the CSV export."""

import uuid
from dataclasses import dataclass

from sqlalchemy import select as core_select
from sqlmodel import SQLModel

from app.models import Note, as_json_value
from app.services.reports.shared import CancelCheck, no_cancel
from app.store import Store


@dataclass(frozen=True)
class TableDump:
    """One table's live rows as text cells, for a spreadsheet."""

    name: str
    columns: list[str]
    rows: list[list[str]]


# Photos stay in the notebook: the CSV names each file and its size instead.
LEFT_OUT_COLUMNS = {"evidence_file": {"data"}}
# The sync's bookkeeping is no spreadsheet matter.
LEFT_OUT_EVERYWHERE = {"change_sequence"}


def csv_table_names() -> list[str]:
    """The tables a CSV export writes, one `<name>.csv` each: the coach's records."""
    return [table.name for table in _record_tables()]


def _record_tables():
    return [table for table in SQLModel.metadata.sorted_tables if "change_sequence" in table.c]


def csv_tables(
    store: Store, *, include_private: bool = False, cancel: CancelCheck | None = None
) -> list[TableDump]:
    """Every table, soft-deleted rows left out, in foreign-key order.

    Private notes are left out unless `include_private`: CSV files are easily shared.
    """
    cancel = cancel or no_cancel
    dumps = []
    with store.session() as session:
        for table in _record_tables():
            cancel()
            left_out = LEFT_OUT_COLUMNS.get(table.name, set()) | LEFT_OUT_EVERYWHERE
            columns = [c for c in table.columns if c.name not in left_out]
            query = core_select(*columns)
            if "deleted_at" in table.c:
                query = query.where(table.c.deleted_at.is_(None))
            if table.name == Note.__tablename__ and not include_private:
                query = query.where(table.c.is_private.is_(False))
            if "created_at" in table.c:
                query = query.order_by(table.c.created_at, table.c.id)
            rows = [[_cell(v) for v in row] for row in session.connection().execute(query)]
            dumps.append(TableDump(table.name, [c.name for c in columns], rows))
    return dumps


def _cell(value) -> str:
    """One value as spreadsheet text: ids with dashes, dates ISO 8601, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, uuid.UUID):
        return str(value)
    converted = as_json_value(value)
    return converted if isinstance(converted, str) else str(converted)
