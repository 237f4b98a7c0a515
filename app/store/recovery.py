"""Putting a backup in place of the notebook: restoring one, or recovering a damaged file."""

from datetime import datetime
from pathlib import Path

from app import backups
from app.notebook_file import (
    DamagedNotebook,
    NotebookUnreadable,
    PassphraseNeeded,
    StoreError,
    inspect_file,
    io_problem,
    is_damage,
)
from app.store.locking import FileLock
from app.store.notebook import Store
from app.store.problems import failure_reason


def restore_backup(store: Store, backup: Path, passphrase: str | None = None) -> Store:
    """Replace the open notebook with a verified copy of a backup.

    What is there now is backed up first; if it is too damaged to copy, it is kept aside
    as `NAME.damaged-…` instead. A failed restore leaves the notebook as it was, open.
    An encrypted backup opens with `passphrase` (default: the notebook's own); the restored
    notebook keeps the protection the notebook has now.
    """
    backup = Path(backup)
    backup_key = backup_passphrase(store, backup, passphrase)
    inspect_file(backup, backup_key)
    path = store.path
    aside = None
    try:
        # Rotating now could delete the very backup being restored: rotate once it is in.
        store.backup(rotate=False)
    except DamagedNotebook:
        aside = damaged_aside_path(path)
    lock, store._lock = store._lock, None
    store.close()
    try:
        backups.replace_with_copy(backup, path, aside, backup_key, store._passphrase)
    except backups.CopyRefused as exc:
        raise BackupDamaged(
            reopen_as_it_was(store, lock),
            f"That backup is damaged too ({'; '.join(exc.problems[:2])}); nothing was "
            "restored. Choose an earlier backup.",
        ) from exc
    except (OSError, *backups.database_errors()) as exc:
        raise RestoreFailed(
            reopen_as_it_was(store, lock),
            f"Couldn't restore the backup: {failure_reason(exc, path.parent)} Your notebook was "
            "left as it was.",
        ) from exc
    restored = reopen(store, lock, store._passphrase)
    backups.rotate_backups(path, restored.local_now(), store._passphrase)
    return restored


def backup_passphrase(store: Store, backup: Path, passphrase: str | None = None) -> str | None:
    """The passphrase that opens a backup: None for a plain one, else the one given or the
    notebook's own. Raises PassphraseNeeded when it is encrypted and neither is known."""
    if not backups.is_protected_file(Path(backup)):
        return None
    key = passphrase if passphrase is not None else store._passphrase
    if key is None:
        raise PassphraseNeeded(f"The backup “{Path(backup).name}” is protected with a passphrase.")
    return key


def reopen_as_it_was(store: Store, lock: "FileLock | None") -> Store:
    """After a restore that changed nothing: the same notebook, still refusing writes if
    damage had been found in it."""
    reopened = reopen(store, lock, store._passphrase)
    reopened.write_refusal = store.write_refusal
    return reopened


def reopen(store: Store, lock: FileLock | None, passphrase: str | None = None) -> Store:
    """The closed `store`'s notebook open again, with its lock and its clock."""
    reopened = Store.open(
        store.path, backup_on_open=False, passphrase=passphrase, clock=store.clock
    )
    reopened._lock = lock
    return reopened


def damaged_aside_path(path: Path) -> Path:
    """Where a damaged notebook is kept, untouched: beside it, named for the moment."""
    return path.with_name(f"{path.name}.damaged-{datetime.now():%Y%m%d-%H%M%S}")


def recover_notebook(path: Path, passphrase: str | None = None) -> backups.BackupInfo:
    """Put the newest backup that copies whole in place of a damaged notebook.

    The damaged file is kept aside (`NAME.damaged-…`), renamed only once the copy is whole
    and verified; backups that come out damaged are skipped. Raises NoGoodBackup, or
    NotebookUnreadable when the disk fails the copy (the notebook is then left as it was).
    A protected notebook's backups open with its `passphrase` (others are skipped); a
    plain backup is encrypted with it on the way in.
    """
    for candidate in backups.list_backups(path):
        key = passphrase if backups.is_protected_file(candidate.path) else None
        try:
            backups.replace_with_copy(
                candidate.path, path, damaged_aside_path(path), key, passphrase
            )
        except (backups.CopyRefused, *backups.database_errors()) as exc:
            if backups.error_kind(exc) == "OperationalError" and not is_damage(exc):
                raise NotebookUnreadable(io_problem(path, exc)) from exc
            continue
        except OSError as exc:
            raise NotebookUnreadable(io_problem(path, exc)) from exc
        return candidate
    raise NoGoodBackup(
        f"None of the backups of “{path.name}” could be copied whole, so nothing was changed."
    )


class NoGoodBackup(StoreError):
    pass


class RestoreFailed(StoreError):
    """A restore that changed nothing; `store` is the notebook, open again as it was."""

    def __init__(self, store: Store, message: str):
        super().__init__(message)
        self.store = store


class BackupDamaged(RestoreFailed):
    pass


def restore_latest_good(store: Store) -> tuple[Store, backups.BackupInfo]:
    """Restore the newest backup that copies whole, skipping damaged ones."""
    for candidate in backups.list_backups(store.path):
        try:
            return restore_backup(store, candidate.path), candidate
        except BackupDamaged as exc:
            store = exc.store
    raise RestoreFailed(
        store,
        f"None of the backups of “{store.path.name}” could be copied whole; nothing was "
        "changed. Copy the notebook and its backups folder somewhere safe and ask for help.",
    )
