"""Running a command line: the app by default, else one command, its errors as one line."""

import io
import os
import sys

from app.cli import calibration, commands, district, protection
from app.cli.opening import passphrase_file_name, read_passphrase_file
from app.cli.output import EXIT_ERROR, CliError, TerminalSafeStream
from app.cli.parsing import build_parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        # A console that cannot show a name's script or emoji prints "?", not a crash.
        # (JSON escapes such characters instead, so it stays exact.)
        sys.stdout.reconfigure(errors="replace")
    if args.command is None:
        return _run_app(args)
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (TerminalSafeStream(s) for s in streams)
    try:
        return _run_command(args)
    finally:
        sys.stdout, sys.stderr = streams


def _run_command(args) -> int:
    from app.reports.leftovers import clean_leftover_exports

    clean_leftover_exports()  # what a killed export left behind, before anything else
    try:
        handler = {
            "demo": commands.run_demo,
            "import": commands.import_teachers,
            "list": commands.list_kind,
            "backup": commands.backup_notebook,
            "check": commands.check_notebook,
            "export": commands.export_document,
            "protect": protection.protect_notebook,
            "rekey": protection.rekey_notebook,
            "unprotect": protection.unprotect_notebook,
            "district": district.run_district,
            "sync": district.sync_notebook,
            "agreement": calibration.agreement,
        }[args.command]
        return handler(args)
    except KeyboardInterrupt:
        print("coachbook: stopped.", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # one clear line, never a traceback
        print(f"coachbook: {_describe(exc)}", file=sys.stderr)
        return EXIT_ERROR


def _describe(exc: Exception) -> str:
    from app.errors import CoachbookError

    if isinstance(exc, CliError | CoachbookError):
        return str(exc)
    from app.reports.writing import ExportCancelled

    if isinstance(exc, ExportCancelled):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc} ({exc.filename or 'file'})."
    return f"something went wrong ({exc.__class__.__name__}: {exc})."


def _run_app(args) -> int:
    from app.notebook_file import BackgroundInspection
    from app.paths import startup_notebook

    path = startup_notebook(args.db)
    # Only when given: the app asks in a dialog otherwise.
    name = passphrase_file_name(args)
    try:
        passphrase = read_passphrase_file(name) if name else None
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
