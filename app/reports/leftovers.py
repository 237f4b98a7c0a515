"""Temp files and folders of exports: one naming, and a ledger so a killed write is cleaned up.

A file is written as a hidden `.NAME.<random>.<random>.part` beside its target (the first
random part is recorded, the second is `mkstemp`'s), a folder as
`.NAME.tmp-<random>/`, and a folder being replaced steps aside as `.NAME.old-<random>/`.
Each write records these in a small ledger in the data folder before making them and clears
the entry once it is over; `clean_leftover_exports()`, run at the next start, removes what a
killed write left behind. Qt-free, and needs only the standard library.
"""

import contextlib
import glob
import json
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from app.paths import data_dir

LEDGER_FOLDER = "unfinished-writes"
_TOKEN_BYTES = 6
TEMP_FILE_SUFFIX = ".part"
# What only this module names: nothing else is ever removed or renamed by the clean-up.
_OURS = re.compile(r"^\..+\.(?:[0-9a-f]{12}\.|(?:tmp|old)-[0-9a-f]{12})$")


def temp_file_prefix(target: Path) -> str:
    """The start of the temp file's name for `target`; `mkstemp` adds a random end."""
    return f".{target.name}.{secrets.token_hex(_TOKEN_BYTES)}."


def temp_folder_beside(target: Path) -> Path:
    return target.parent / f".{target.name}.tmp-{secrets.token_hex(_TOKEN_BYTES)}"


def aside_folder_beside(target: Path) -> Path:
    """Where a folder being replaced waits until its replacement is in place."""
    return target.parent / f".{target.name}.old-{secrets.token_hex(_TOKEN_BYTES)}"


@contextlib.contextmanager
def unfinished_write(
    temp: Path, *, target: Path | None = None, aside: Path | None = None
) -> Iterator[None]:
    """Keep a ledger entry for a write while it runs: its temp folder, or the folder and
    prefix of its temp file (`temp_file_prefix`); for a folder swap also the target and where
    the earlier folder steps aside, so a killed swap can be undone.

    The entry is locked while the writer lives, so a clean-up running meanwhile (a second
    window, the CLI) leaves it alone. A ledger that can't be written never stops the export.
    """
    entry = _open_entry(
        {
            "temp": str(Path(temp).absolute()),
            "target": str(Path(target).absolute()) if target else None,
            "aside": str(Path(aside).absolute()) if aside else None,
        }
    )
    try:
        yield
    finally:
        if entry is not None:
            path, fd = entry
            os.close(fd)  # first: Windows can't delete an open file
            with contextlib.suppress(OSError):
                path.unlink()


def clean_leftover_exports() -> list[Path]:
    """Remove what killed exports left (temp files and folders); returns what was removed.

    A killed folder swap is finished backwards: the earlier folder is put back when the new
    one never arrived, so a folder is always one whole export or the other.
    """
    folder = data_dir() / LEDGER_FOLDER
    try:
        entries = sorted(folder.glob("*.json"))
    except OSError:
        return []
    removed: list[Path] = []
    for entry in entries:
        with contextlib.suppress(OSError):
            removed += _clean_entry(entry)
    return removed


def _clean_entry(entry: Path) -> list[Path]:
    fd = os.open(entry, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        if not _try_lock(fd):
            return []  # its writer is still at work
        removed = _undo(_read_record(fd))
    finally:
        os.close(fd)
    entry.unlink()
    return removed


def _read_record(fd: int) -> dict:
    """The entry's record (read through the locked handle); {} if it was never written."""
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    try:
        record = json.loads(b"".join(chunks).decode("utf-8"))
    except ValueError:
        return {}  # killed before the entry was written: nothing was made yet
    return record if isinstance(record, dict) else {}


def _undo(record: dict) -> list[Path]:
    removed = []
    temp, aside = _ours(record.get("temp")), _ours(record.get("aside"))
    target = Path(record["target"]) if isinstance(record.get("target"), str) else None
    if aside is not None and aside.exists():
        if target is not None and not target.exists():
            os.rename(aside, target)  # the new folder never arrived: the earlier one returns
        else:
            remove_leftover(aside)
            removed.append(aside)
    if temp is not None and temp.name.endswith("."):
        for left in temp.parent.glob(glob.escape(temp.name) + "*" + TEMP_FILE_SUFFIX):
            left.unlink()
            removed.append(left)
    elif temp is not None and (temp.exists() or temp.is_symlink()):
        remove_leftover(temp)
        removed.append(temp)
    return removed


def _ours(value: object) -> Path | None:
    if not isinstance(value, str):
        return None
    path = Path(value)
    return path if _OURS.match(path.name) else None


def remove_leftover(path: Path) -> None:
    """Remove a temp or set-aside file or folder (a symlink itself, never what it points to)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _open_entry(record: dict) -> tuple[Path, int] | None:
    """A new, locked, written and synced ledger entry, or None if the ledger can't be used."""
    folder = data_dir() / LEDGER_FOLDER
    path = folder / f"{secrets.token_hex(8)}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except OSError:
        return None
    try:
        _try_lock(fd)
        os.write(fd, json.dumps(record).encode("utf-8"))
        os.fsync(fd)
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)
        return None
    return path, fd


def _try_lock(fd: int) -> bool:
    """An exclusive lock without waiting; the system drops it when its holder dies."""
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
