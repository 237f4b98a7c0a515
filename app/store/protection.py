"""Passphrase protection (SQLCipher): protecting, re-keying and unprotecting a notebook."""

from pathlib import Path

from app import backups
from app.notebook_file import StoreError
from app.store.notebook import Store
from app.store.problems import failure_reason
from app.store.recovery import reopen

MIN_PASSPHRASE_LENGTH = 8


class ProtectionFailed(StoreError):
    """Protecting, re-keying or unprotecting changed nothing; `store` is the notebook, open
    again as it was."""

    def __init__(self, store: Store, message: str):
        super().__init__(message)
        self.store = store


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase can't be used, in words for the coach; None when it can."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return (
            f"Use at least {MIN_PASSPHRASE_LENGTH} characters; a few words you will remember "
            "make a good passphrase."
        )
    if "\0" in passphrase or passphrase != passphrase.strip("\r\n"):
        return "A passphrase can't hold a NUL character or start or end with a line break."
    return None


def protect(store: Store, passphrase: str, *, plain_backups: str = "encrypt") -> Store:
    """Encrypt the open notebook with a passphrase; returns it open again, protected.

    A verified backup comes first; the encrypted copy is made whole and checked, then
    swapped in at once, and the plain file overwritten and removed. The plain backups are
    encrypted too (`plain_backups="encrypt"`) or deleted (`"delete"`).
    """
    if store.protected:
        raise StoreError(f"“{store.path.name}” is already protected; change its passphrase.")
    problem = passphrase_problem(passphrase)
    if problem:
        raise StoreError(problem)
    store.require_healthy()
    store.backup(rotate=False)
    protected = _convert(store, passphrase, "protect")
    for backup in backups.list_backups(protected.path):
        if backups.is_protected_file(backup.path):
            continue
        if plain_backups == "delete":
            backups.shred(backup.path)
        else:
            _convert_backup(protected, backup.path, None, passphrase)
    return protected


def change_passphrase(store: Store, new_passphrase: str) -> Store:
    """A new passphrase for a protected notebook and the backups the old one opens."""
    if not store.protected:
        raise StoreError(f"“{store.path.name}” is not protected; protect it first.")
    problem = passphrase_problem(new_passphrase)
    if problem:
        raise StoreError(problem)
    old = store._passphrase
    store.require_healthy()
    changed = _convert(store, new_passphrase, "change the passphrase of")
    for backup in backups.list_backups(changed.path):
        if backups.is_protected_file(backup.path) and backups.opens_with(backup.path, old):
            _convert_backup(changed, backup.path, old, new_passphrase)
    return changed


def remove_protection(store: Store, *, decrypt_backups: bool = False) -> Store:
    """Make a protected notebook plain again; its backups stay encrypted unless asked."""
    if not store.protected:
        raise StoreError(f"“{store.path.name}” is not protected.")
    old = store._passphrase
    store.require_healthy()
    plain = _convert(store, None, "remove protection from")
    if decrypt_backups:
        for backup in backups.list_backups(plain.path):
            if backups.is_protected_file(backup.path) and backups.opens_with(backup.path, old):
                _convert_backup(plain, backup.path, old, None)
    return plain


def _convert(store: Store, new_key: str | None, doing: str) -> Store:
    """Close the notebook (keeping its lock), re-key the file in place, open it again."""
    path, old_key = store.path, store._passphrase
    lock, store._lock = store._lock, None
    store.close()
    try:
        backups.swap_in_converted(path, old_key, new_key)
    except backups.CopyRefused as exc:
        reopened = reopen(store, lock, old_key)
        reopened.stop_writing(exc.problems)
        raise ProtectionFailed(reopened, reopened.write_refusal) from exc
    except (OSError, *backups.database_errors()) as exc:
        reopened = reopen(store, lock, old_key)
        raise ProtectionFailed(
            reopened,
            f"Couldn't {doing} the notebook: {failure_reason(exc, path.parent)} It was left as "
            "it was.",
        ) from exc
    return reopen(store, lock, new_key)


def _convert_backup(store: Store, path: Path, old_key: str | None, new_key: str | None) -> None:
    """Re-key one backup; a failure is a warning on the (already converted) notebook."""
    try:
        backups.swap_in_converted(path, old_key, new_key)
    except backups.CopyRefused:
        # A damaged backup can't be re-keyed whole: it can't be restored either, so it goes.
        backups.shred(path)
    except (OSError, *backups.database_errors()) as exc:
        reason = failure_reason(exc, path.parent)
        store.backup_problem = f"The backup “{path.name}” couldn't be converted yet: {reason}"
