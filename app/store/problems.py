"""What went wrong with the notebook file, in words for the coach."""

import errno
from pathlib import Path

from app.notebook_file import disk_is_full, is_damage, problem_lines


def describe_write_error(exc: Exception, folder: Path | None = None) -> str:
    text = str(exc).lower()
    # SQLite reports a write the disk refused as a plain "disk I/O error".
    if "disk is full" in text or "no space" in text or (folder and disk_is_full(folder)):
        return (
            "The disk is full, so this change was not saved. Free some space and try again; "
            "everything saved before is safe."
        )
    if "readonly" in text or "read-only" in text:
        return "The notebook file is read-only, so this change was not saved."
    if "locked" in text:
        return "The notebook is busy in another program; wait a moment and try again."
    return f"This change was not saved ({exc.__class__.__name__}). Everything saved before is safe."


def damaged_empty_message(path: Path) -> str:
    return (
        f"“{path.name}” is empty, but its backups show it held a notebook: it was probably "
        "damaged (a full disk or a crash). It was left untouched; open the latest backup "
        "(File ▸ Restore from backup…, or copy one from the backups folder beside it)."
    )


def damage_found_message(path: Path, problems: list[str]) -> str:
    shown = "; ".join(problem_lines(problems)[:3])
    return (
        f"“{path.name}” is damaged ({shown}), so nothing more is written to it. Open the "
        "latest good backup (File ▸ Restore from backup…); your earlier backups were kept."
    )


def reads_as_damage(exc: BaseException) -> bool:
    """SQLite's (or SQLCipher's) own word that a page is wrong: corrupt, or not a database."""
    return is_damage(exc) or "malformed" in str(exc) or "not a database" in str(exc)


def failure_reason(exc: BaseException, folder: Path) -> str:
    full = "the disk is full. Free some space; your notebook is safe."
    if isinstance(exc, OSError) and exc.errno is not None:
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return full
        if exc.errno in (errno.EEXIST, errno.ENOTDIR):
            return (
                "a file stands where the backups folder should be. Move that file away; "
                "your notebook is safe."
            )
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "Coachbook may not write there. Check the folder; your notebook is safe."
        return f"{exc.strerror}. Your notebook is safe."
    if "full" in str(exc).lower() or disk_is_full(folder):
        return full
    return f"{exc}. Your notebook is safe."
