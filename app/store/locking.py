"""The notebook's OS lock: one writer at a time, and words for who holds it."""

import contextlib
import os
import sys
from pathlib import Path

APP_HOLDER, CLI_HOLDER = "app", "cli"


class FileLock:
    """An OS lock on `<notebook>.lock`, released by the OS if the process dies.

    The holder ("app" or "cli") is written into the file so a refused opener can say who
    has the notebook.
    """

    def __init__(self, path: Path, holder: str = APP_HOLDER):
        self.path = path
        self.holder = holder
        self._fh = None

    def acquire(self) -> bool:
        fh = open(self.path, "a+b")  # noqa: SIM115 (held open while the lock lives)
        try:
            if sys.platform == "win32":
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        # Unbuffered, so a full disk fails here (ignored) and never later, on close.
        with contextlib.suppress(OSError):
            os.ftruncate(fh.fileno(), 0)
            os.write(fh.fileno(), f"{self.holder} {os.getpid()}\n".encode())
        self._fh = fh
        return True

    def current_holder(self) -> str | None:
        """Who holds the lock now, as its holder wrote it (None when unknown)."""
        try:
            words = self.path.read_text(encoding="ascii").split()
        except (OSError, UnicodeDecodeError):
            return None
        return words[0] if words else None

    def release(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None


def in_use_message(path: Path, holder: str | None, by: str) -> str:
    if holder == APP_HOLDER and by == CLI_HOLDER:
        return f"The notebook “{path.name}” is open in Coachbook; close it there first."
    if holder == CLI_HOLDER:
        return (
            f"A coachbook command is changing the notebook “{path.name}” right now; wait for "
            "it to finish, then try again."
        )
    return f"The notebook “{path.name}” is already open in another Coachbook window."
