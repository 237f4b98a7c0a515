"""A passphrase-protected notebook (SQLCipher): protect, open, rekey, unprotect, backups,
damage and recovery, all on real files."""

import os
import stat
from pathlib import Path

import pytest

from app import backups
from app.models import Teacher
from app.services.listing import list_records
from app.store import (
    DamagedNotebook,
    PassphraseNeeded,
    SaveFailed,
    Store,
    StoreError,
    WrongPassphrase,
    change_passphrase,
    inspect_file,
    protect,
    recover_notebook,
    remove_protection,
    restore_backup,
)
from tests.notebook_damage import add_teachers

PASSPHRASE = "maple grove in the fall"
NEW_PASSPHRASE = "lincoln stars at night"
NAME = "Zelinda Quartermaine"


def _teacher_names(store: Store) -> list[str]:
    return [row["name"] for row in list_records(store, "teachers")]


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture
def plain_notebook(db_path) -> Path:
    """A plain notebook holding a named teacher and two plain backups."""
    with Store.open(db_path, exclusive=True) as store:
        add_teachers(store, 30)
        add_teachers(store, 1, NAME)
        store.backup()
        add_teachers(store, 1, "Later")
        store.backup()
    return db_path


@pytest.fixture
def protected_notebook(plain_notebook) -> Path:
    with Store.open(plain_notebook, exclusive=True) as store:
        protect(store, PASSPHRASE).close()
    return plain_notebook


def test_protecting_leaves_no_plain_copy_of_a_teacher_in_the_folder(plain_notebook):
    folder = plain_notebook.parent
    assert NAME.encode() in _all_bytes(folder)
    store = Store.open(plain_notebook, exclusive=True)
    protected = protect(store, PASSPHRASE)
    try:
        assert protected.protected
        assert f"{NAME} 0000" in _teacher_names(protected)
        assert NAME.encode() not in _all_bytes(folder)
        assert not plain_notebook.read_bytes().startswith(b"SQLite format 3")
        taken = backups.list_backups(plain_notebook)
        assert len(taken) >= 3  # the two before, and the one taken just before protecting
        assert all(backups.is_protected_file(b.path) for b in taken)
        assert all(backups.opens_with(b.path, PASSPHRASE) for b in taken)
        assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []
    finally:
        protected.close()


def test_protecting_can_delete_the_plain_backups_instead(plain_notebook):
    store = Store.open(plain_notebook, exclusive=True)
    protect(store, PASSPHRASE, plain_backups="delete").close()
    assert backups.list_backups(plain_notebook) == []
    assert NAME.encode() not in _all_bytes(plain_notebook.parent)


def test_a_protected_notebook_asks_for_its_passphrase_and_opens_with_it(protected_notebook):
    with pytest.raises(PassphraseNeeded, match="is protected with a passphrase"):
        Store.open(protected_notebook)
    with Store.open(protected_notebook, passphrase=PASSPHRASE) as store:
        assert len(_teacher_names(store)) == 32
        add_teachers(store, 1, "After")
    with Store.open_read_only(protected_notebook, PASSPHRASE) as reader:
        assert "After 0000" in _teacher_names(reader)


def test_a_wrong_passphrase_is_named_as_such_and_sqlcipher_prints_nothing(
    protected_notebook, capfd
):
    before = protected_notebook.read_bytes()
    with pytest.raises(WrongPassphrase) as refused:
        Store.open(protected_notebook, exclusive=True, passphrase="maple grove in the FALL")
    assert str(refused.value) == (
        "That passphrase doesn't open “notebook.sqlite3”. Check it (is Caps Lock on?) and "
        "try again."
    )
    assert protected_notebook.read_bytes() == before
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    # The lock was let go: the right passphrase opens it at once.
    Store.open(protected_notebook, exclusive=True, passphrase=PASSPHRASE).close()


def test_a_passphrase_given_for_a_plain_notebook_is_not_needed(plain_notebook):
    with Store.open(plain_notebook, passphrase=PASSPHRASE) as store:
        assert not store.protected
    assert plain_notebook.read_bytes().startswith(b"SQLite format 3")


def test_a_new_notebook_given_a_passphrase_is_created_protected(db_path):
    with Store.open(db_path, exclusive=True, passphrase=PASSPHRASE) as store:
        add_teachers(store, 2, NAME)
        store.backup()
    assert NAME.encode() not in _all_bytes(db_path.parent)
    assert inspect_file(db_path, PASSPHRASE) is not None


def test_a_short_passphrase_is_refused_before_anything_changes(plain_notebook):
    store = Store.open(plain_notebook, exclusive=True)
    try:
        with pytest.raises(StoreError, match="at least 8 characters"):
            protect(store, "short")
        assert not store.protected and len(_teacher_names(store)) == 32
    finally:
        store.close()


def test_changing_the_passphrase_rekeys_the_notebook_and_its_backups(protected_notebook):
    store = Store.open(protected_notebook, exclusive=True, passphrase=PASSPHRASE)
    change_passphrase(store, NEW_PASSPHRASE).close()
    with pytest.raises(WrongPassphrase):
        Store.open(protected_notebook, passphrase=PASSPHRASE)
    with Store.open(protected_notebook, passphrase=NEW_PASSPHRASE) as store:
        assert len(_teacher_names(store)) == 32
    taken = backups.list_backups(protected_notebook)
    assert taken and all(backups.opens_with(b.path, NEW_PASSPHRASE) for b in taken)
    assert not any(backups.opens_with(b.path, PASSPHRASE) for b in taken)


def test_removing_protection_keeps_the_backups_encrypted_unless_asked(protected_notebook):
    store = Store.open(protected_notebook, exclusive=True, passphrase=PASSPHRASE)
    plain = remove_protection(store)
    try:
        assert not plain.protected and len(_teacher_names(plain)) == 32
    finally:
        plain.close()
    assert protected_notebook.read_bytes().startswith(b"SQLite format 3")
    assert all(backups.is_protected_file(b.path) for b in backups.list_backups(protected_notebook))

    Store.open(protected_notebook, exclusive=True).close()
    protected_again = protect(Store.open(protected_notebook, exclusive=True), PASSPHRASE)
    remove_protection(protected_again, decrypt_backups=True).close()
    assert not any(
        backups.is_protected_file(b.path) for b in backups.list_backups(protected_notebook)
    )


def test_a_protected_notebooks_backups_are_encrypted_with_its_passphrase(protected_notebook):
    with Store.open(protected_notebook, exclusive=True, passphrase=PASSPHRASE) as store:
        add_teachers(store, 1, "Zebedee Backupson")
        taken = store.backup()
        chosen = store.backup(protected_notebook.parent / "elsewhere.sqlite3")
    for copy in (taken, chosen):
        assert b"Zebedee" not in copy.read_bytes()
        assert inspect_file(copy, PASSPHRASE) is not None
        with pytest.raises(PassphraseNeeded):
            inspect_file(copy)


def test_restoring_an_encrypted_backup_brings_back_its_contents(protected_notebook):
    store = Store.open(protected_notebook, exclusive=True, passphrase=PASSPHRASE)
    oldest = backups.list_backups(protected_notebook)[-1]
    restored = restore_backup(store, oldest.path)
    try:
        assert restored.protected
        assert "Later 0000" not in _teacher_names(restored)
        assert f"{NAME} 0000" in _teacher_names(restored)
    finally:
        restored.close()


def test_restoring_an_encrypted_backup_into_a_plain_notebook_needs_its_passphrase(
    protected_notebook,
):
    plain = remove_protection(Store.open(protected_notebook, exclusive=True, passphrase=PASSPHRASE))
    oldest = backups.list_backups(protected_notebook)[-1].path
    with pytest.raises(PassphraseNeeded, match="is protected with a passphrase"):
        restore_backup(plain, oldest)
    with pytest.raises(WrongPassphrase):
        restore_backup(plain, oldest, "not the passphrase")
    restored = restore_backup(plain, oldest, PASSPHRASE)
    try:
        # The notebook keeps the protection it has now: plain.
        assert not restored.protected and "Later 0000" not in _teacher_names(restored)
    finally:
        restored.close()
    assert protected_notebook.read_bytes().startswith(b"SQLite format 3")


def _flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def _fold_log(path: Path) -> None:
    conn = backups.connect(path, PASSPHRASE)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


def test_a_damaged_page_is_found_by_the_full_check_and_stops_writing(protected_notebook):
    _fold_log(protected_notebook)
    _flip_byte(protected_notebook, 4096 * 3 + 100)
    # Opening reads only what it needs (SQLCipher checks each page it reads); the full
    # check that follows the window finds the page, names it damage, and stops writing.
    with Store.open(protected_notebook, passphrase=PASSPHRASE, backup_on_open=False) as store:
        check = store.check_after_open()
        assert check.problems
        assert "is damaged" in store.write_refusal
        with pytest.raises(SaveFailed, match="nothing more is written"), store.session() as s:
            s.add(Teacher(name="Never written"))


def test_a_damaged_first_page_is_damage_when_the_passphrase_opens_the_backups(
    protected_notebook,
):
    _fold_log(protected_notebook)
    _flip_byte(protected_notebook, 200)
    with pytest.raises(DamagedNotebook, match="your passphrase opens its backups"):
        Store.open(protected_notebook, passphrase=PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Store.open(protected_notebook, passphrase="not the passphrase")


def test_a_damaged_protected_notebook_recovers_from_its_encrypted_backup(protected_notebook):
    _fold_log(protected_notebook)
    _flip_byte(protected_notebook, 4096 * 3 + 100)
    used = recover_notebook(protected_notebook, PASSPHRASE)
    assert backups.is_protected_file(used.path)
    aside = [p for p in protected_notebook.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and backups.is_protected_file(aside[0])
    with Store.open(protected_notebook, passphrase=PASSPHRASE) as store:
        assert store.integrity_problems() == []
        assert f"{NAME} 0000" in _teacher_names(store)


def test_a_damaged_protected_notebook_is_never_copied_into_the_backups(protected_notebook):
    store = Store.open(protected_notebook, exclusive=True, passphrase=PASSPHRASE)
    store.close()
    _fold_log(protected_notebook)
    before = [b.path.name for b in backups.list_backups(protected_notebook)]
    _flip_byte(protected_notebook, 4096 * 3 + 100)
    with Store.open(
        protected_notebook, exclusive=True, passphrase=PASSPHRASE, backup_on_open=False
    ) as store:
        with pytest.raises(DamagedNotebook):
            store.backup()
        assert store.check_after_open().problems
    assert [b.path.name for b in backups.list_backups(protected_notebook)] == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_protected_notebook_and_its_backups_are_owner_only(protected_notebook):
    with Store.open(protected_notebook, exclusive=True, passphrase=PASSPHRASE) as store:
        add_teachers(store, 1, "Mode")
        taken = store.backup()
        for path in (protected_notebook, Path(f"{protected_notebook}-wal"), taken):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        for folder in (taken.parent, taken.parent.parent):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_the_start_up_check_on_a_thread_derives_the_key_for_the_open(protected_notebook):
    from app.notebook_file import BackgroundInspection

    inspection = BackgroundInspection(protected_notebook, PASSPHRASE)
    with Store.open(protected_notebook, inspection=inspection, passphrase=PASSPHRASE) as store:
        assert len(_teacher_names(store)) == 32
    wrong = BackgroundInspection(protected_notebook, "not the passphrase")
    with pytest.raises(WrongPassphrase):
        Store.open(protected_notebook, inspection=wrong, passphrase="not the passphrase")
