"""The passphrase commands: protect, rekey and unprotect."""

import sys

from app.cli.opening import (
    PASSPHRASE_ENV,
    open_store,
    prompt_passphrase,
    read_passphrase,
    read_passphrase_file,
)
from app.cli.output import EXIT_OK, CliError, warn_backup_problem

FORGET_WARNING = (
    "Keep the passphrase safe: without it nobody, not even Coachbook, can open the notebook "
    "or its backups again."
)


def protect_notebook(args) -> int:
    from app.store import protect

    with open_store(args, write=True, instead="or protect it from Settings") as store:
        if store.protected:
            raise CliError(
                f"{store.path.name} is already protected; use coachbook rekey to change "
                "its passphrase."
            )
        passphrase = read_passphrase(args, "New passphrase: ", confirm=True)
        if passphrase is None:
            raise CliError(
                "protect needs the new passphrase: give it with --passphrase-file FILE (or "
                f"${PASSPHRASE_ENV}), or run the command in a terminal to type it."
            )
        _refuse_weak(passphrase)
        mode = "delete" if args.delete_plain_backups else "encrypt"
        store = protect(store, passphrase, plain_backups=mode)
        warn_backup_problem(store)
        store.close()
    done = "deleted" if args.delete_plain_backups else "encrypted too"
    print(f"Protected {store.path.name} with your passphrase; its plain backups were {done}.")
    print(FORGET_WARNING)
    return EXIT_OK


def _refuse_weak(passphrase: str) -> None:
    """A new passphrase the store would refuse, refused before anything changes."""
    from app.store import passphrase_problem

    problem = passphrase_problem(passphrase)
    if problem:
        raise CliError(f"{problem} Nothing was changed.")


def rekey_notebook(args) -> int:
    from app.store import change_passphrase

    with open_store(args, write=True, instead="or change it from Settings") as store:
        if not store.protected:
            raise CliError(f"{store.path.name} is not protected; use coachbook protect first.")
        if args.new_passphrase_file:
            new = read_passphrase_file(args.new_passphrase_file)
        elif sys.stdin is not None and sys.stdin.isatty():
            new = prompt_passphrase("New passphrase: ", confirm=True)
        else:
            raise CliError(
                "rekey needs the new passphrase: give it with --new-passphrase-file FILE."
            )
        _refuse_weak(new)
        store = change_passphrase(store, new)
        warn_backup_problem(store)
        store.close()
    print(f"Changed the passphrase of {store.path.name} and of its backups.")
    print(FORGET_WARNING)
    return EXIT_OK


def unprotect_notebook(args) -> int:
    from app.store import remove_protection

    with open_store(args, write=True, instead="or remove protection from Settings") as store:
        if not store.protected:
            raise CliError(f"{store.path.name} is not protected; nothing to remove.")
        if not args.yes:
            if sys.stdin is None or not sys.stdin.isatty():
                raise CliError(
                    "unprotect leaves the notebook readable by anyone with this laptop; "
                    "add --yes to do it without being asked."
                )
            answer = input(
                f"Remove the passphrase from {store.path.name}? Anyone with this laptop could "
                "then read it. Type yes to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CliError("Nothing was changed; the notebook is still protected.")
        store = remove_protection(store, decrypt_backups=args.decrypt_backups)
        warn_backup_problem(store)
        store.close()
    backups_now = "plain too" if args.decrypt_backups else "still encrypted"
    print(f"Removed the passphrase from {store.path.name}; its backups are {backups_now}.")
    return EXIT_OK
