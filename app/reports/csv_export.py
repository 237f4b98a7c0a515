"""Every table as a CSV file for spreadsheets: UTF-8 with a BOM, one file per table.

The folder is written whole beside its target and swapped in at once, so a folder never
mixes two exports, even when the process is killed halfway.
"""

import contextlib
import csv
import io
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from app.paths import sync_folder
from app.reports.leftovers import (
    aside_folder_beside,
    remove_leftover,
    temp_folder_beside,
    unfinished_write,
)
from app.reports.writing import ExportError, Progress, removed_if_failed
from app.services.reports.export import TableDump
from app.services.reports.shared import CancelCheck

# A spreadsheet runs a cell that starts like this as a formula; a leading apostrophe makes
# it plain text, so a note such as "=HYPERLINK(...)" is shown, never run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Files a system drops into any folder it shows; an earlier export may hold them.
_SYSTEM_FILES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def write_csv_tables(
    tables: list[TableDump],
    folder: Path,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> list[Path]:
    """One `<table>.csv` per table in `folder`, which is made, or replaced whole.

    A folder holding anything but an earlier export is refused, never emptied.
    """
    folder = Path(folder).expanduser().absolute()
    names = [f"{table.name}.csv" for table in tables]
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder. Give a folder for the CSV files.")
    if not is_replaceable(folder, (t.name for t in tables)):
        raise ExportError(
            f"{folder} already holds other files, and a CSV export replaces its folder "
            "whole. Choose an empty folder, or give a new folder name to make."
        )
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"Couldn't create the folder {folder} ({exc.strerror or exc}). "
            "Choose a folder you can save in."
        ) from exc
    temp, aside = temp_folder_beside(folder), aside_folder_beside(folder)
    with unfinished_write(temp, target=folder, aside=aside):
        with removed_if_failed(lambda: shutil.rmtree(temp), folder):
            os.mkdir(temp)
            for number, (table, name) in enumerate(zip(tables, names, strict=True), start=1):
                if cancel is not None:
                    cancel()
                _write_file(temp / name, table)
                if progress is not None:
                    progress(number, len(tables))
            sync_folder(temp)
            _swap_in(temp, folder, aside)
        with contextlib.suppress(OSError):
            remove_leftover(aside)
    return [folder / name for name in names]


def is_replaceable(folder: Path, table_names: Iterable[str]) -> bool:
    """True if `folder` is missing, empty, or holds only an earlier CSV export."""
    allowed = {f"{name}.csv" for name in table_names} | _SYSTEM_FILES
    try:
        entries = list(Path(folder).iterdir())
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return all(entry.name in allowed and entry.is_file() for entry in entries)


def spreadsheet_text(value: str) -> str:
    """A cell as a spreadsheet must see it: formula-looking text kept as text."""
    if value.startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def _swap_in(temp: Path, folder: Path, aside: Path) -> None:
    """Put the new folder in place; the earlier one steps aside first and comes back if the
    rename fails (a killed swap is finished the same way by the next start's clean-up)."""
    if folder.exists():
        os.rename(folder, aside)
    try:
        os.rename(temp, folder)
    except OSError:
        if aside.exists():
            os.rename(aside, folder)
        raise
    sync_folder(folder.parent)


def _write_file(path: Path, table: TableDump) -> None:
    with open(path, "xb") as stream:
        _write_table(stream, table)
        stream.flush()
        os.fsync(stream.fileno())


def _write_table(stream, table: TableDump) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([spreadsheet_text(cell) for cell in row])
    text.flush()
    text.detach()  # leave the binary stream open for the caller to sync


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
