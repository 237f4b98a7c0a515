"""Every table as a CSV file for spreadsheets: UTF-8 with a BOM, one file per table."""

import csv
import io
from pathlib import Path

from app.reports.common import CancelCheck, ExportError, Progress, write_atomically
from app.services.report_data import TableDump

# A spreadsheet runs a cell that starts like this as a formula; a leading apostrophe makes
# it plain text, so a note such as "=HYPERLINK(...)" is shown, never run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv_tables(
    tables: list[TableDump],
    folder: Path,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> list[Path]:
    """One `<table>.csv` per table in `folder` (made if missing), each written atomically."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder. Give a folder for the CSV files.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"Couldn't create the folder {folder} ({exc.strerror or exc}). "
            "Choose a folder you can save in."
        ) from exc
    written = []
    for number, table in enumerate(tables, start=1):
        if cancel is not None:
            cancel()
        target = folder / f"{table.name}.csv"
        write_atomically(target, lambda stream, table=table: _write_table(stream, table))
        written.append(target)
        if progress is not None:
            progress(number, len(tables))
    return written


def spreadsheet_text(value: str) -> str:
    """A cell as a spreadsheet must see it: formula-looking text kept as text."""
    if value.startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def _write_table(stream, table: TableDump) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([spreadsheet_text(cell) for cell in row])
    text.flush()
    text.detach()  # leave the binary stream open for the atomic writer to sync


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
