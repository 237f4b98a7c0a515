"""The `coachbook` command: the desktop app by default, and scriptable subcommands.

Errors print one line on stderr and exit 1; usage errors exit 2. Heavy modules (Qt,
the demo builder) are imported only by the command that needs them.
"""

import argparse
import io
import json
import os
import re
import sys
from pathlib import Path

from app import __version__
from app.paths import resolve_db_path

EXIT_OK, EXIT_ERROR = 0, 1  # argparse exits 2 on a usage error


class CliError(Exception):
    """A failure to report as one line on stderr (exit 1)."""


class _Parser(argparse.ArgumentParser):
    """No abbreviated options: `--passphrase secret` must never be read as --passphrase-file
    (subcommand parsers take this class too)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coachbook",
        description="Coachbook: an offline notebook for instructional technology coaches.",
    )
    parser.add_argument("--version", action="version", version=f"coachbook {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the notebook file (default: $COACHBOOK_DB, else your data folder)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="a protected notebook's passphrase, the first line of FILE "
        "(default: $COACHBOOK_PASSPHRASE_FILE, else asked on a terminal)",
    )
    parser.add_argument(
        "--startup-check", action="store_true", help="open the main window, paint it, exit 0"
    )
    # --db is accepted before or after the command: `coachbook list teachers --db x.sqlite3`.
    db_after = _Parser(add_help=False)
    db_after.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="the notebook file"
    )
    db_after.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="a protected notebook's passphrase, the first line of FILE",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo", parents=[db_after], help="fill an empty notebook with a sample district"
    )
    demo.add_argument("--size", choices=("small", "large", "huge"), default="small")

    importer = commands.add_parser(
        "import",
        parents=[db_after],
        help="import teachers from a roster CSV, a .zip bundle or a folder (OneRoster, "
        "Clever, PowerSchool, Google Workspace)",
    )
    importer.add_argument("what", choices=("teachers",))
    importer.add_argument("file", metavar="FILE", help="a .csv, a .zip bundle or a folder")
    importer.add_argument(
        "--json",
        action="store_true",
        help="print the summary as JSON (format, counts, refused rows)",
    )
    importer.add_argument(
        "--archive-missing",
        action="store_true",
        help="archive (never delete) active teachers the district's full export no longer lists",
    )

    lister = commands.add_parser(
        "list", parents=[db_after], help="list teachers, cycles, observations or pilots"
    )
    lister.add_argument("kind", choices=("teachers", "cycles", "observations", "pilots"))
    lister.add_argument("--json", action="store_true", help="print a JSON array")

    backup = commands.add_parser(
        "backup", parents=[db_after], help="make a consistent copy of the notebook"
    )
    backup.add_argument(
        "--out", metavar="FILE", help="where to write it (default: the backup folder)"
    )

    commands.add_parser("check", parents=[db_after], help="check the notebook for damage")
    _add_export(commands, db_after)
    _add_protection(commands, db_after)
    return parser


def _add_protection(commands, db_after: argparse.ArgumentParser) -> None:
    protect = commands.add_parser(
        "protect",
        parents=[db_after],
        help="encrypt the notebook and its backups with a passphrase (SQLCipher)",
        description="Encrypt the notebook and its backups. The new passphrase comes from "
        "--passphrase-file (or $COACHBOOK_PASSPHRASE_FILE), else it is asked twice. "
        "A forgotten passphrase can't be recovered: the notebook is then lost.",
    )
    protect.add_argument(
        "--delete-plain-backups",
        action="store_true",
        help="delete the plain backups instead of encrypting them",
    )
    rekey = commands.add_parser(
        "rekey", parents=[db_after], help="change a protected notebook's passphrase"
    )
    rekey.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help="the new passphrase, the first line of FILE (default: asked twice on a terminal)",
    )
    unprotect = commands.add_parser(
        "unprotect", parents=[db_after], help="remove the passphrase: the notebook is plain again"
    )
    unprotect.add_argument("--yes", action="store_true", help="don't ask before removing it")
    unprotect.add_argument(
        "--decrypt-backups",
        action="store_true",
        help="also make the backups plain (by default they stay encrypted)",
    )


def _add_export(commands, db_after: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export", parents=[db_after], help="write a PDF report, the portfolio, or CSV files"
    )
    documents = export.add_subparsers(dest="document", metavar="DOCUMENT", required=True)
    teacher = documents.add_parser(
        "teacher-report", parents=[db_after], help="a teacher's coaching cycle, for the principal"
    )
    teacher.add_argument("--teacher", required=True, metavar="NAME_OR_ID")
    teacher.add_argument(
        "--cycle", metavar="ID", help="which of the teacher's cycles (default: the current one)"
    )
    observation = documents.add_parser(
        "observation", parents=[db_after], help="one observed lesson, for the teacher"
    )
    observation.add_argument("--id", required=True, metavar="ID")
    pilot = documents.add_parser(
        "pilot", parents=[db_after], help="one edtech pilot and its recommendation"
    )
    pilot.add_argument("--id", required=True, metavar="ID")
    portfolio = documents.add_parser(
        "portfolio", parents=[db_after], help="the end-of-year portfolio"
    )
    portfolio.add_argument(
        "--year",
        type=_school_year,
        metavar="YYYY-YYYY",
        help="the school year, such as 2025-2026 (default: the current one)",
    )
    for document in (teacher, observation, pilot, portfolio):
        document.add_argument("--out", required=True, metavar="FILE.pdf")
    spreadsheet = documents.add_parser(
        "csv", parents=[db_after], help="every table as a CSV file, for spreadsheets"
    )
    spreadsheet.add_argument("--out", required=True, metavar="DIR")
    spreadsheet.add_argument(
        "--include-private",
        action="store_true",
        help="also export private notes (left out by default: CSV files are easily shared)",
    )


def _school_year(text: str) -> str:
    """ "2025-2026": two years in a row; anything else is a usage error."""
    first, _, second = text.strip().partition("-")
    if not (first.isdigit() and second.isdigit() and len(first) == 4):
        raise argparse.ArgumentTypeError(f"“{text}” is not a school year; write it like 2025-2026.")
    if int(second) != int(first) + 1:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a school year: the second year follows the first, as in 2025-2026."
        )
    return f"{first}-{second}"


# Control characters from a notebook (a roster name with ESC[2J) must not steer the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# JSON escapes C0 itself; DEL and C1 it leaves raw.
_JSON_UNESCAPED_CONTROL = re.compile(r"[\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Text with every control character but newline and tab shown as an escape (\\x1b)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class _TerminalSafeStream:
    """A text stream that escapes control characters on the way out."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_safe(text))

    def __getattr__(self, name):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        # A console that cannot show a name's script or emoji prints "?", not a crash.
        # (JSON escapes such characters instead, so it stays exact.)
        sys.stdout.reconfigure(errors="replace")
    if args.command is None:
        return _run_app(args)
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (_TerminalSafeStream(s) for s in streams)
    try:
        return _run_command(args)
    finally:
        sys.stdout, sys.stderr = streams


def _run_command(args) -> int:
    from app.reports.leftovers import clean_leftover_exports

    clean_leftover_exports()  # what a killed export left behind, before anything else
    try:
        handler = {
            "demo": _demo,
            "import": _import,
            "list": _list,
            "backup": _backup,
            "check": _check,
            "export": _export,
            "protect": _protect,
            "rekey": _rekey,
            "unprotect": _unprotect,
        }[args.command]
        return handler(args)
    except KeyboardInterrupt:
        print("coachbook: stopped.", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # one clear line, never a traceback
        print(f"coachbook: {_describe(exc)}", file=sys.stderr)
        return EXIT_ERROR


def _describe(exc: Exception) -> str:
    from app.store import StoreError

    if isinstance(exc, CliError | StoreError):
        return str(exc)
    from app.services.errors import NotFound, Refused, ValidationError

    if isinstance(exc, NotFound | Refused | ValidationError):
        return str(exc)
    from app.reports.common import ExportCancelled, ExportError

    if isinstance(exc, ExportError | ExportCancelled):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc} ({exc.filename or 'file'})."
    return f"something went wrong ({exc.__class__.__name__}: {exc})."


def _open_store(args, *, write: bool, instead: str = "first"):
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
                passphrase = _read_passphrase(args, f"Passphrase for {path.name}: ")
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
    if store.backup_problem:
        print(f"coachbook: warning: {store.backup_problem}", file=sys.stderr)
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


def _read_passphrase_file(name: str) -> str:
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


def _passphrase_file_name(args) -> str | None:
    return getattr(args, "passphrase_file", None) or os.environ.get(PASSPHRASE_ENV)


def _read_passphrase(args, prompt: str, *, confirm: bool = False) -> str | None:
    """From --passphrase-file or $COACHBOOK_PASSPHRASE_FILE, else a no-echo prompt on a
    terminal (asked twice for a new one); None when there is neither."""
    name = _passphrase_file_name(args)
    if name:
        return _read_passphrase_file(name)
    if _passphrase_source(args) != "prompt":
        return None
    return _prompt_passphrase(prompt, confirm=confirm)


def _prompt_passphrase(prompt: str, *, confirm: bool) -> str:
    import getpass

    first = getpass.getpass(prompt)
    if not first:
        raise CliError("No passphrase was typed; nothing was changed.")
    if confirm and getpass.getpass("Type it again: ") != first:
        raise CliError("The two passphrases differ; nothing was changed. Try again.")
    return first


def _run_app(args) -> int:
    from app.notebook_file import BackgroundInspection
    from app.paths import startup_notebook

    path = startup_notebook(args.db)
    # Only when given: the app asks in a dialog otherwise.
    name = _passphrase_file_name(args)
    try:
        passphrase = _read_passphrase_file(name) if name else None
    except CliError as exc:
        print(f"coachbook: {exc}", file=sys.stderr)
        return EXIT_ERROR
    # Check the file on a thread while Qt and SQLAlchemy import (SQLite releases the GIL).
    inspection = BackgroundInspection(path, passphrase) if path and path.is_file() else None
    from app.views.shell.application import run_app

    code = run_app(
        path, startup_check=args.startup_check, inspection=inspection, passphrase=passphrase
    )
    # Everything is saved and closed by now; skip tearing down thousands of Qt and
    # SQLAlchemy objects one by one, which takes longer than the start-up itself.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # a windowed Windows build has no console streams
            stream.flush()
    os._exit(code)


def _demo(args) -> int:
    from app.services.demo import build_demo

    with _open_store(args, write=True) as store:
        counts = build_demo(store, args.size)
    summary = ", ".join(f"{n:,} {what}" for what, n in counts.items())
    print(f"Sample district ({args.size}) written to {store.path}: {summary}.")
    return EXIT_OK


def _import(args) -> int:
    from app.services.roster import (
        RosterRejected,
        apply_import,
        import_summary,
        plan_import,
        read_roster,
        result_message,
    )

    roster = read_roster(Path(args.file))  # a bad file never creates or touches a notebook
    with _open_store(args, write=True, instead="or import from the app") as store:
        store.require_healthy()
        plan = plan_import(store, roster)
        try:
            result = apply_import(store, plan, archive_missing=args.archive_missing)
        except RosterRejected as rejected:
            if args.json:
                _write_json(import_summary(plan, None))
            print(f"coachbook: {rejected}", file=sys.stderr)
            for problem in rejected.problems:
                print(f"  line {problem.line}: {problem.reason}", file=sys.stderr)
            return EXIT_ERROR
    if args.json:
        _write_json(import_summary(plan, result))
        return EXIT_OK
    print(f"Read {roster.source}: {roster.format} ({', '.join(roster.files)}).")
    for note in roster.notes():
        print(note)
    if plan.missing and not args.archive_missing:
        count = len(plan.missing)
        print(
            f"{count:,} active teacher{'s' if count != 1 else ''} of the notebook "
            f"{'are' if count != 1 else 'is'} not in this file; import again with "
            "--archive-missing to archive them (never deleted)."
        )
    print(result_message(result))
    return EXIT_OK


def _list(args) -> int:
    from app.services.listing import format_table, list_records

    with _open_store(args, write=False) as store:
        records = list_records(store, args.kind)
    if args.json:
        _write_json(records)
    else:
        print(format_table(args.kind, records))
    return EXIT_OK


def _write_json(value) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    text = _JSON_UNESCAPED_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, indent=2)
    sys.stdout.write(text + "\n")


def _backup(args) -> int:
    # Into the backup folder is a write (it rotates); to a file of your own is a read.
    with _open_store(args, write=not args.out, instead="or use File ▸ Back up now") as store:
        target = store.backup(Path(args.out).expanduser() if args.out else None)
    print(f"Backed up to {target}")
    return EXIT_OK


def _export(args) -> int:
    from datetime import date

    from app.reports.catalogue import BY_COMMAND

    today = date.today()
    out = Path(args.out).expanduser()
    document = BY_COMMAND[args.document]
    with _open_store(args, write=False) as store:
        data = document.gather(store, _export_subject(store, args, today), today)
        written = document.write(data, out)
    if not document.is_pdf:
        left_out = "" if args.include_private else "; private notes left out"
        print(f"Wrote {document.what(data)} to {out}{left_out}")
        return EXIT_OK
    print(f"Wrote {document.what(data)} ({written} page{'s' if written != 1 else ''}) to {out}")
    return EXIT_OK


def _export_subject(store, args, today):
    """What the document is about, found from what the command line names."""
    from app.services.calendar import school_year_of
    from app.services.reports import lookup

    if args.document == "csv":
        return args.include_private
    if args.document == "teacher-report":
        teacher_id = lookup.resolve_teacher(store, args.teacher)
        return teacher_id, lookup.resolve_cycle(store, args.cycle) if args.cycle else None
    if args.document == "observation":
        return lookup.resolve_observation(store, args.id)
    if args.document == "pilot":
        return lookup.resolve_pilot(store, args.id)
    return args.year or school_year_of(today)


FORGET_WARNING = (
    "Keep the passphrase safe: without it nobody, not even Coachbook, can open the notebook "
    "or its backups again."
)


def _protect(args) -> int:
    from app.store import protect

    with _open_store(args, write=True, instead="or protect it from Settings") as store:
        if store.protected:
            raise CliError(
                f"{store.path.name} is already protected; use coachbook rekey to change "
                "its passphrase."
            )
        passphrase = _read_passphrase(args, "New passphrase: ", confirm=True)
        if passphrase is None:
            raise CliError(
                "protect needs the new passphrase: give it with --passphrase-file FILE (or "
                f"${PASSPHRASE_ENV}), or run the command in a terminal to type it."
            )
        _refuse_weak(passphrase)
        mode = "delete" if args.delete_plain_backups else "encrypt"
        store = protect(store, passphrase, plain_backups=mode)
        _warn_backup_problem(store)
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


def _rekey(args) -> int:
    from app.store import change_passphrase

    with _open_store(args, write=True, instead="or change it from Settings") as store:
        if not store.protected:
            raise CliError(f"{store.path.name} is not protected; use coachbook protect first.")
        if args.new_passphrase_file:
            new = _read_passphrase_file(args.new_passphrase_file)
        elif sys.stdin is not None and sys.stdin.isatty():
            new = _prompt_passphrase("New passphrase: ", confirm=True)
        else:
            raise CliError(
                "rekey needs the new passphrase: give it with --new-passphrase-file FILE."
            )
        _refuse_weak(new)
        store = change_passphrase(store, new)
        _warn_backup_problem(store)
        store.close()
    print(f"Changed the passphrase of {store.path.name} and of its backups.")
    print(FORGET_WARNING)
    return EXIT_OK


def _unprotect(args) -> int:
    from app.store import remove_protection

    with _open_store(args, write=True, instead="or remove protection from Settings") as store:
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
        _warn_backup_problem(store)
        store.close()
    backups_now = "plain too" if args.decrypt_backups else "still encrypted"
    print(f"Removed the passphrase from {store.path.name}; its backups are {backups_now}.")
    return EXIT_OK


def _warn_backup_problem(store) -> None:
    if store.backup_problem:
        print(f"coachbook: warning: {store.backup_problem}", file=sys.stderr)


def _check(args) -> int:
    with _open_store(args, write=False) as store:
        problems = store.integrity_problems()
    if problems:
        shown = "; ".join(problems[:3])
        raise CliError(
            f"{store.path.name} is damaged: {shown}. Restore the latest backup "
            f"(File ▸ Restore from backup…)."
        )
    print(f"{store.path.name} is healthy.")
    return EXIT_OK
