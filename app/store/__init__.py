"""The notebook store: open a notebook file safely, work in it, back it up and restore it.

`from app.store import Store, StoreError, ...` is the way in; the modules hold the parts:
`notebook` (the open Store), `engine` (SQLite pragmas, change stamps, migrations), `locking`
(one writer at a time), `problems` (failures in words), `recovery` (restoring a backup) and
`protection` (passphrases).
"""

from app.notebook_file import (
    HEAD_REVISION,
    BackgroundInspection,
    DamagedNotebook,
    NewerNotebook,
    NotACoachbookFile,
    NotebookInUse,
    NotebookUnreadable,
    PassphraseNeeded,
    SaveFailed,
    StoreError,
    WrongPassphrase,
    inspect_file,
    migrations_dir,
)
from app.store.engine import alembic_config
from app.store.locking import APP_HOLDER, CLI_HOLDER
from app.store.notebook import OpenCheck, Store
from app.store.problems import describe_write_error
from app.store.protection import (
    MIN_PASSPHRASE_LENGTH,
    ProtectionFailed,
    change_passphrase,
    passphrase_problem,
    protect,
    remove_protection,
)
from app.store.recovery import (
    BackupDamaged,
    NoGoodBackup,
    RestoreFailed,
    backup_passphrase,
    damaged_aside_path,
    recover_notebook,
    restore_backup,
    restore_latest_good,
)

# The migration tests' older name for it.
_alembic_config = alembic_config

__all__ = [
    "APP_HOLDER",
    "CLI_HOLDER",
    "HEAD_REVISION",
    "MIN_PASSPHRASE_LENGTH",
    "BackgroundInspection",
    "BackupDamaged",
    "DamagedNotebook",
    "NewerNotebook",
    "NoGoodBackup",
    "NotACoachbookFile",
    "NotebookInUse",
    "NotebookUnreadable",
    "OpenCheck",
    "PassphraseNeeded",
    "ProtectionFailed",
    "RestoreFailed",
    "SaveFailed",
    "Store",
    "StoreError",
    "WrongPassphrase",
    "alembic_config",
    "backup_passphrase",
    "change_passphrase",
    "damaged_aside_path",
    "describe_write_error",
    "inspect_file",
    "migrations_dir",
    "passphrase_problem",
    "protect",
    "recover_notebook",
    "remove_protection",
    "restore_backup",
    "restore_latest_good",
]
