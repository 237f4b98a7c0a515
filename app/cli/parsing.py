"""The command line's grammar: every command, its options and their help."""

import argparse

from app import __version__


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
    demo.add_argument(
        "--seed",
        type=int,
        metavar="N",
        help="another sample district of the same size (default: the size's own)",
    )

    importer = commands.add_parser(
        "import",
        parents=[db_after],
        help="import teachers from a roster CSV, a .zip bundle or a folder (OneRoster, "
        "Clever, PowerSchool, Google Workspace)",
    )
    importer.add_argument("what", choices=("teachers", "observation-data", "usage"))
    importer.add_argument(
        "file",
        metavar="FILE",
        help="teachers: a .csv, a .zip bundle or a folder; observation-data: a colleague's "
        "observation file (.json); usage: the tool's name or id, then the usage CSV",
    )
    importer.add_argument(
        "usage_file",
        nargs="?",
        metavar="FILE.csv",
        help="usage only: the vendor's or the LMS's usage export (teacher, day or week, use)",
    )
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
        "list", parents=[db_after], help="list teachers, cycles, observations, pilots or tools"
    )
    lister.add_argument("kind", choices=("teachers", "cycles", "observations", "pilots", "tools"))
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
    _add_district(commands)
    agreement = commands.add_parser(
        "agreement",
        parents=[db_after],
        help="how well two recordings of one lesson agree (observer calibration)",
        description="Compare two recordings of the same lesson: each an observation file "
        "(.json) or the id of an observation or a colleague's recording in the notebook.",
    )
    agreement.add_argument("first", metavar="A", help="a .json file or an id")
    agreement.add_argument("second", metavar="B", help="a .json file or an id")
    agreement.add_argument("--json", action="store_true", help="print every figure as JSON")
    agreement.add_argument(
        "--out", metavar="FILE.pdf", help="also write the one-page calibration report"
    )
    sync = commands.add_parser(
        "sync",
        parents=[db_after],
        help="send the notebook's changes to the district (private notes never leave)",
        description="Send what changed since the last sync to the district's PostgreSQL. "
        "Private notes stay on this laptop. A password left out of the connection line "
        "comes from $PGPASSWORD or ~/.pgpass, else it is asked on a terminal.",
    )
    sync.add_argument(
        "--url",
        metavar="postgresql://USER@HOST/DB",
        help="the connection line your coordinator gave you (default: the one saved in "
        "Settings ▸ District)",
    )
    sync.add_argument(
        "--ca-file", metavar="FILE", help="the district's CA certificate (sslmode verify-full)"
    )
    sync.add_argument("--json", action="store_true", help="print what was sent as JSON")
    return parser


def _add_district(commands) -> None:
    district = commands.add_parser(
        "district",
        help="set up the district's PostgreSQL and its coaches (for the coordinator)",
        description="The district tier: every coach's notebook syncs its shareable records to "
        "the district's PostgreSQL. Run these as the database's owner. A password left out "
        "of --url comes from $PGPASSWORD or ~/.pgpass.",
    )
    actions = district.add_subparsers(dest="action", metavar="ACTION", required=True)
    described = {
        "init": "create or upgrade the district schema, its roles and row-level security",
        "add-coach": "let a coach sync: prints their connection line once, on the last line",
        "remove-coach": "stop a coach from logging in; what they synced stays",
        "add-director": "let a director read the district: prints their connection line once",
        "remove-director": "stop a director from logging in",
        "report": "the monthly dashboard (PDF with --out, figures with --json), read with a "
        "director's login",
    }
    for action, help_text in described.items():
        parser = actions.add_parser(action, help=help_text, description=help_text)
        parser.add_argument(
            "--url",
            required=True,
            metavar="postgresql://DIRECTOR@HOST/DB"
            if action == "report"
            else "postgresql://ADMIN@HOST/DB",
            help="the district database, as a director"
            if action == "report"
            else "the district database, as its owner",
        )
        parser.add_argument(
            "--ca-file",
            metavar="FILE",
            help="the district's CA certificate: the server's name and certificate are "
            "then checked (sslmode verify-full); without it, remote servers use sslmode require",
        )
        if action == "report":
            parser.add_argument(
                "--month", required=True, metavar="YYYY-MM", help="the month, as in 2026-11"
            )
            parser.add_argument("--out", metavar="FILE.pdf", help="write the dashboard PDF here")
            parser.add_argument(
                "--json", action="store_true", help="print the dashboard's figures as JSON"
            )
            parser.add_argument("--school", metavar="NAME", help="only this school's figures")
            parser.add_argument("--coach", metavar="NAME", help="only this coach's figures")
            parser.add_argument(
                "--paper", choices=("letter", "a4"), default="letter", help="paper size"
            )
        elif action != "init":
            parser.add_argument(
                "name",
                metavar="NAME" if action.startswith("add") else "NAME_OR_ROLE",
                help='the person\'s name, as in "Ana Ruiz"'
                if action.startswith("add")
                else "the name or role that add- printed",
            )


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
    tool = documents.add_parser(
        "tool",
        parents=[db_after],
        help="one tool of the inventory, for the budget meeting",
        description="One tool's report: its recommendation and reasons, utilisation this "
        "semester and last, seats, cost per active teacher, errors and minutes lost, buy-in "
        "by quarter and its checks, with the same figures as `coachbook list tools`.",
    )
    tool.add_argument(
        "--tool",
        required=True,
        metavar="NAME_OR_ID",
        help="the tool's name (any case) or its id from `coachbook list tools --json`",
    )
    portfolio = documents.add_parser(
        "portfolio", parents=[db_after], help="the end-of-year portfolio"
    )
    portfolio.add_argument(
        "--year",
        type=_school_year,
        metavar="YYYY-YYYY",
        help="the school year, such as 2025-2026 or 2026 (default: the current one)",
    )
    for document in (teacher, observation, pilot, tool, portfolio):
        document.add_argument("--out", required=True, metavar="FILE.pdf")
    observation_data = documents.add_parser(
        "observation-data",
        parents=[db_after],
        help="one lesson's counts as a JSON file for a colleague to compare (no notes)",
    )
    observation_data.add_argument("--id", required=True, metavar="ID")
    observation_data.add_argument("--out", required=True, metavar="FILE.json")
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
    """ "2025-2026" (two years in a row) or "2026" (a year inside one calendar year); the
    command names it as the coach's calendar does."""
    first, dash, second = text.strip().partition("-")
    if not (first.isdigit() and len(first) == 4 and (second.isdigit() or not dash)):
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a school year; write it like 2025-2026 (or 2026)."
        )
    if dash and int(second) != int(first) + 1:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a school year: the second year follows the first, as in 2025-2026."
        )
    return first if not dash else f"{first}-{second}"
