"""The commands on a notebook: demo, import, list, backup, check and export."""

import sys
from pathlib import Path

from app.cli.opening import open_store
from app.cli.output import EXIT_ERROR, EXIT_OK, CliError, write_json


def run_demo(args) -> int:
    from app.services.demo import build_demo

    with open_store(args, write=True) as store:
        counts = build_demo(store, args.size, seed=args.seed)
    summary = ", ".join(f"{n:,} {what}" for what, n in counts.items())
    print(f"Sample district ({args.size}) written to {store.path}: {summary}.")
    return EXIT_OK


def import_teachers(args) -> int:
    from app.services.roster import (
        RosterRejected,
        apply_import,
        import_summary,
        plan_import,
        read_roster,
        result_message,
    )

    if args.what == "usage":
        return import_usage(args)
    if getattr(args, "usage_file", None) is not None:
        raise CliError(f"import {args.what} takes one FILE; only import usage takes a tool first.")
    if args.what == "observation-data":
        from app.cli.calibration import import_observation_data

        return import_observation_data(args)
    roster = read_roster(Path(args.file))  # a bad file never creates or touches a notebook
    with open_store(args, write=True, instead="or import from the app") as store:
        store.require_healthy()
        plan = plan_import(store, roster)
        try:
            result = apply_import(store, plan, archive_missing=args.archive_missing)
        except RosterRejected as rejected:
            if args.json:
                write_json(import_summary(plan, None))
            print(f"coachbook: {rejected}", file=sys.stderr)
            for problem in rejected.problems:
                print(f"  line {problem.line}: {problem.reason}", file=sys.stderr)
            return EXIT_ERROR
    if args.json:
        write_json(import_summary(plan, result))
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


def import_usage(args) -> int:
    """`coachbook import usage TOOL FILE.csv`: every row or none, refused rows by line."""
    from app.services.tools.usage_import import UsageRejected, import_usage, read_usage_file

    if args.usage_file is None:
        raise CliError("Name the tool and then the usage file: import usage TOOL FILE.csv")
    usage = read_usage_file(Path(args.usage_file))  # a bad file never touches the notebook
    with open_store(args, write=True, instead="or import from the app") as store:
        store.require_healthy()
        try:
            result = import_usage(store, args.file, usage)
        except UsageRejected as rejected:
            if args.json:
                refused = [{"line": p.line, "reason": p.reason} for p in rejected.problems]
                write_json({"imported": 0, "refused": refused})
            print(f"coachbook: {rejected}", file=sys.stderr)
            for problem in rejected.problems:
                print(f"  line {problem.line}: {problem.reason}", file=sys.stderr)
            return EXIT_ERROR
    if args.json:
        write_json(
            {
                "tool": result.tool,
                "imported": result.rows,
                "teachers": result.teachers,
                "seats_added": result.seats_added,
                "first": result.first and result.first.isoformat(),
                "last": result.last and result.last.isoformat(),
                "measure": result.measure,
                "refused": [],
            }
        )
        return EXIT_OK
    per = "week" if usage.span == "week" else "day"
    span = f", {result.first.isoformat()} to {result.last.isoformat()}" if result.first else ""
    seats = ""
    if result.seats_added:
        plural = "teacher" if result.seats_added == 1 else "teachers"
        seats = f" {result.seats_added} {plural} in the file got a seat."
    print(
        f"Imported {result.rows:,} {per}s of {result.tool} use ({usage.measure.replace('_', ' ')}"
        f") for {result.teachers:,} teachers from {usage.name}{span}.{seats}"
    )
    return EXIT_OK


def list_kind(args) -> int:
    from app.services.listing import for_json, format_table, list_records

    with open_store(args, write=False) as store:
        records = list_records(store, args.kind)
    if args.json:
        write_json(for_json(records))
    else:
        print(format_table(args.kind, records))
    return EXIT_OK


def backup_notebook(args) -> int:
    # Into the backup folder is a write (it rotates); to a file of your own is a read.
    with open_store(args, write=not args.out, instead="or use File ▸ Back up now") as store:
        target = store.backup(Path(args.out).expanduser() if args.out else None)
    print(f"Backed up to {target}")
    return EXIT_OK


def export_document(args) -> int:
    from datetime import date

    from app.reports.catalogue import BY_COMMAND

    if args.document == "observation-data":
        from app.cli.calibration import export_observation_data

        return export_observation_data(args)
    today = date.today()
    out = Path(args.out).expanduser()
    document = BY_COMMAND[args.document]
    with open_store(args, write=False) as store:
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
    from app.services.profile import school_calendar
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
    if args.document == "tool":
        from app.services.reports.tool import resolve_tool

        return resolve_tool(store, args.tool)
    calendar = school_calendar(store)
    if args.year is None:
        return calendar.year_of(today)
    return calendar.year_of(calendar.bounds(args.year)[0])


def check_notebook(args) -> int:
    with open_store(args, write=False) as store:
        problems = store.integrity_problems()
    if problems:
        shown = "; ".join(problems[:3])
        raise CliError(
            f"{store.path.name} is damaged: {shown}. Restore the latest backup "
            f"(File ▸ Restore from backup…)."
        )
    print(f"{store.path.name} is healthy.")
    return EXIT_OK
