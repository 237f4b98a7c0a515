"""Opening the notebook for a command: one writer at a time, a protected one's passphrase."""

import os
import sys
from pathlib import Path

from app.cli.output import CliError, warn_backup_problem
from app.paths import resolve_db_path


def open_store(args, *, write: bool, instead: str = "first"):
    """Writers hold the notebook's lock (one writer at a time, the app included); readers
    open it read-only, so they work while the app has it open. A protected notebook's
    passphrase is read only when it is needed."""
    from app.store import (
        APP_HOLDER,
        CLI_HOLDER,
        NotebookInUse,
        PassphraseNeeded,
        Store,
        WrongPassphrase,
    )

    path = resolve_db_path(args.db)

    def opened(passphrase: str | None):
        if not write:
            return Store.open_read_only(path, passphrase)
        return Store.open(path, exclusive=True, holder=CLI_HOLDER, passphrase=passphrase)

    try:
        try:
            store = opened(None)
        except PassphraseNeeded:
            tries = 3 if _passphrase_source(args) == "prompt" else 1
            for attempt in range(tries):
                passphrase = read_passphrase(args, f"Passphrase for {path.name}: ")
                if passphrase is None:
                    raise CliError(_passphrase_needed_line(path)) from None
                try:
                    store = opened(passphrase)
                    break
                except WrongPassphrase as exc:
                    if attempt == tries - 1:
                        raise CliError(str(exc)) from None
                    print(f"coachbook: {exc}", file=sys.stderr)
    except NotebookInUse as exc:
        if exc.holder == APP_HOLDER:
            raise CliError(f"The notebook is open in Coachbook; close it {instead}.") from exc
        raise
    warn_backup_problem(store)
    return store


PASSPHRASE_ENV = "COACHBOOK_PASSPHRASE_FILE"


def _passphrase_needed_line(path: Path) -> str:
    return (
        f"“{path.name}” is protected with a passphrase: give it with --passphrase-file FILE "
        f"(or ${PASSPHRASE_ENV}), or run the command in a terminal to be asked for it."
    )


def _passphrase_source(args) -> str | None:
    """ "file" (--passphrase-file or the environment), "prompt" (a terminal), or None."""
    if getattr(args, "passphrase_file", None) or os.environ.get(PASSPHRASE_ENV):
        return "file"
    return "prompt" if sys.stdin is not None and sys.stdin.isatty() else None


def read_passphrase_file(name: str) -> str:
    """The first line of a passphrase file, without its line break."""
    path = Path(name).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"Couldn't read the passphrase file {path}: {exc.strerror or exc}.") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"The passphrase file {path} is not UTF-8 text.") from exc
    line = text.splitlines()[0] if text.splitlines() else ""
    if not line:
        raise CliError(
            f"The passphrase file {path} is empty; write the passphrase on its first line."
        )
    return line


def passphrase_file_name(args) -> str | None:
    return getattr(args, "passphrase_file", None) or os.environ.get(PASSPHRASE_ENV)


def read_passphrase(args, prompt: str, *, confirm: bool = False) -> str | None:
    """From --passphrase-file or $COACHBOOK_PASSPHRASE_FILE, else a no-echo prompt on a
    terminal (asked twice for a new one); None when there is neither."""
    name = passphrase_file_name(args)
    if name:
        return read_passphrase_file(name)
    if _passphrase_source(args) != "prompt":
        return None
    return prompt_passphrase(prompt, confirm=confirm)


def prompt_passphrase(prompt: str, *, confirm: bool) -> str:
    import getpass

    first = getpass.getpass(prompt)
    if not first:
        raise CliError("No passphrase was typed; nothing was changed.")
    if confirm and getpass.getpass("Type it again: ") != first:
        raise CliError("The two passphrases differ; nothing was changed. Try again.")
    return first
