"""Helpers for the notebook-safety tests: records, quiet damage, a full disk."""

import hashlib
import os
import sqlite3
from pathlib import Path

from app.store import Store


def add_teachers(store: Store, count: int, prefix: str = "Teacher") -> None:
    from app.models import Teacher

    with store.session() as session:
        for number in range(count):
            session.add(Teacher(name=f"{prefix} {number:04d}"))


def damage_quietly(path: Path) -> None:
    """Damage one index entry: `quick_check` still passes, `integrity_check` does not."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")  # fold the -wal in, so the bytes are the file's
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='ix_teacher_name'")
    root = root.fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    # The last byte of the index's leaf page is a letter of the first teacher's name.
    data[root * page_size - 1] ^= 0x01
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")  # back as the app keeps it
    conn.close()


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill_disk(folder: Path, leave_bytes: int = 0) -> Path:
    """Fill the filesystem with a filler file, then give back `leave_bytes`; delete it to free
    the space."""
    filler = folder / "filler.bin"
    block = b"\0" * 65536
    with open(filler, "wb", buffering=0) as fh:
        for chunk in (block, b"\0"):  # big blocks, then the last bytes one at a time
            try:
                while fh.write(chunk):
                    pass
            except OSError:
                pass
    if leave_bytes:
        os.truncate(filler, max(filler.stat().st_size - leave_bytes, 0))
    return filler
