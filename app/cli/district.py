"""`coachbook district …`: the coordinator's commands on the district's PostgreSQL."""

import getpass
import os
import sys
from datetime import date
from pathlib import Path

from app.cli.output import EXIT_OK, CliError, write_json


def run_district(args) -> int:
    from app.services.district.address import parse_address

    address = parse_address(args.url)
    ca_file = Path(args.ca_file) if args.ca_file else None
    return {
        "init": _init,
        "add-coach": _add_coach,
        "remove-coach": _remove_coach,
        "add-director": _add_director,
        "remove-director": _remove_director,
        "report": _report,
    }[args.action](args, address, ca_file)


def _init(args, address, ca_file) -> int:
    from app.services.district.schema import COACH_GROUP, DIRECTOR_GROUP, init_district

    schema = init_district(address, ca_file=ca_file)
    if schema.revision_before == schema.revision:
        print(f"The district schema at {schema.where} was already at {schema.revision}.")
    elif schema.revision_before is None:
        print(f"District schema {schema.revision} created at {schema.where}.")
    else:
        print(
            f"District schema upgraded from {schema.revision_before} to {schema.revision} "
            f"at {schema.where}."
        )
    print(
        f"{schema.tables} tables, each row carrying its coach; roles {COACH_GROUP} (writes and "
        f"reads only their own rows) and {DIRECTOR_GROUP} (reads everything, writes nothing)."
    )
    return EXIT_OK


def _add_coach(args, address, ca_file) -> int:
    from app.services.district.roles import add_coach

    login = add_coach(address, args.name, ca_file=ca_file)
    print(f"{login.name} can now sync to the district as {login.role}.")
    print("Give them this connection line for Settings ▸ District; it is shown only once:")
    print(login.connection_line)
    return EXIT_OK


def _add_director(args, address, ca_file) -> int:
    from app.services.district.roles import add_director

    login = add_director(address, args.name, ca_file=ca_file)
    print(f"{login.name} can now read the district's dashboard as {login.role}.")
    print("Give them this connection line; it is shown only once:")
    print(login.connection_line)
    return EXIT_OK


def _remove_coach(args, address, ca_file) -> int:
    from app.services.district.roles import remove_coach

    removed = remove_coach(address, args.name, ca_file=ca_file)
    print(
        f"{removed.name} ({removed.role}) can no longer log in or sync; "
        "everything they synced stays in the district."
    )
    return EXIT_OK


def _remove_director(args, address, ca_file) -> int:
    from app.services.district.roles import remove_director

    removed = remove_director(address, args.name, ca_file=ca_file)
    print(f"{removed.role} can no longer log in.")
    return EXIT_OK


def _report(args, address, ca_file) -> int:
    from app.services.district.dashboard import (
        DashboardFilter,
        district_dashboard,
        parse_month,
    )

    if not args.out and not args.json:
        raise CliError("Say where the dashboard goes: --out dashboard.pdf, or --json.")
    month = parse_month(args.month)
    today = date.today()
    dashboard = district_dashboard(address, month, today=today, ca_file=ca_file)
    if args.school or args.coach:
        dashboard = district_dashboard(
            address,
            month,
            today=today,
            ca_file=ca_file,
            filters=DashboardFilter(
                school=_one_of(args.school, dashboard.school_choices, "school"),
                coach_id=dashboard.coach_ids[
                    _one_of(args.coach, list(dashboard.coach_ids), "coach")
                ]
                if args.coach
                else None,
            ),
        )
    if args.out:
        from app.reports.dashboard_report import render_dashboard

        pages = render_dashboard(
            dashboard, Path(args.out), paper_size=args.paper, prepared_on=today
        )
        if not args.json:
            print(
                f"The {dashboard.month_name} dashboard ({pages} pages, "
                f"{dashboard.coaches_synced} coaches synced) is in {args.out}."
            )
    if args.json:
        write_json(dashboard.for_json())
    return EXIT_OK


def _one_of(wanted: str | None, names: list[str], kind: str) -> str | None:
    """The name as the district spells it, matched regardless of case."""
    if wanted is None:
        return None
    for name in names:
        if name.casefold() == wanted.strip().casefold():
            return name
    known = ", ".join(sorted(names, key=str.casefold)) or "none yet"
    raise CliError(f"The district has no {kind} named “{wanted}” (known: {known}).")


def sync_notebook(args) -> int:
    from app.cli.opening import open_store
    from app.services.district.address import parse_address
    from app.services.district.sync import sync_notebook, sync_state

    with open_store(args, write=True, instead="or use File ▸ Sync now") as store:
        store.require_healthy()
        line = args.url or sync_state(store).district_url
        if not line:
            raise CliError(
                "No district connection yet: paste the line your coordinator gave you into "
                "Settings ▸ District, or give it with --url."
            )
        address = parse_address(line)
        password = None
        if address.password is None and not os.environ.get("PGPASSWORD") and sys.stdin.isatty():
            password = getpass.getpass(f"Password for {address.user} at {address.where}: ")
        report = sync_notebook(
            store,
            address,
            password=password,
            ca_file=Path(args.ca_file) if args.ca_file else None,
        )
    if args.json:
        write_json(report.for_json())
    elif report.total_sent or report.withheld:
        kept = sum(report.withheld.values())
        print(
            f"Synced with {report.where}: {report.total_sent:,} changes sent in "
            f"{report.batches} batches"
            + (f"; {kept:,} private notes or unshared photos kept off the server." if kept else ".")
        )
    else:
        print(f"Synced with {report.where}: nothing had changed.")
    return EXIT_OK
