"""The director's dashboard on a district of 25 coaches, each with a huge notebook (the huge
demo, each coach with its own seed), against a 5 s target; then each of its queries' plans,
checked for sequential scans of the big tables.

Building the district is slow (25 huge notebooks generated and synced), so the notebooks and
the PostgreSQL cluster are kept in benchmarks/.cache/ and a second run reuses them. Run with
`--coaches 3` for a quick look.
"""

import argparse
import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from app.cli import main as coachbook  # noqa: E402
from app.services.demo import SIZES  # noqa: E402
from app.services.district import dashboard  # noqa: E402
from app.services.district.address import DistrictAddress, connect, parse_address  # noqa: E402
from app.services.district.dashboard import DashboardFilter, district_dashboard  # noqa: E402
from tests.postgres_server import start_server  # noqa: E402

TARGET_S = 5.0
RUNS = 5
CACHE = PROJECT / "benchmarks" / ".cache"
NOTEBOOKS = CACHE / "notebooks"
DATABASE = "district"
BIG_TABLES = (
    "observation",
    "observation_interval",
    "coaching_cycle",
    "cycle_session",
    "activity",
    "pilot_usage",
    "tool_usage",
)
# Plan nodes that read a table through an index (a bitmap heap scan reads the rows that
# its bitmap index scan found).
INDEX_SCANS = ("Index Scan", "Index Only Scan", "Bitmap Heap Scan")


def seed_for(size: str, coach: int) -> int:
    """Coach 1 has the demo itself; every other coach a district of their own."""
    return SIZES[size].seed + coach - 1


def read_json(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


def write_json(path: Path, data: dict) -> None:
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data, indent=1, sort_keys=True))
    partial.replace(path)


def quietly(arguments: list[str]) -> str:
    """Runs a coachbook command in this process; returns what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        if coachbook(arguments) != 0:
            raise RuntimeError(f"coachbook {arguments[:2]} failed")
    return out.getvalue()


def notebook_path(size: str, coach: int) -> Path:
    return NOTEBOOKS / f"{size}-{seed_for(size, coach)}.sqlite3"


def build_notebook(size: str, coach: int) -> float:
    """Generates the coach's notebook unless it is cached; returns the seconds it took."""
    notebook = notebook_path(size, coach)
    if notebook.exists():
        return 0.0
    partial = notebook.with_name(f"building-{notebook.name}")
    partial.unlink(missing_ok=True)
    began = time.perf_counter()
    seed = str(seed_for(size, coach))
    run_app(["demo", "--db", str(partial), "--size", size, "--seed", seed])
    partial.replace(notebook)
    partial.with_name(partial.name + ".lock").unlink(missing_ok=True)
    return time.perf_counter() - began


def run_app(arguments: list[str]) -> None:
    """`python -m app …` in its own process, so two can run side by side."""
    environment = {**os.environ, "COACHBOOK_DATA_DIR": str(CACHE / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "app", *arguments],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"coachbook {arguments[0]} failed: {done.stderr.strip()[-2000:]}")


class District:
    """The cached district for a number of coaches: its cluster, logins and who has synced."""

    def __init__(self, size: str, coaches: int) -> None:
        self.size = size
        self.coaches = coaches
        self.state_file = CACHE / f"district-{size}-{coaches}.json"
        self.state = read_json(self.state_file)
        # The day each notebook was generated: the demo's story is told up to that day.
        self.made_file = NOTEBOOKS / "made-on.json"
        self.made_on = read_json(self.made_file)
        self.server = start_server(CACHE / f"district-{size}-{coaches}")
        self.built_s = 0.0
        self.synced_s = 0.0

    def save(self) -> None:
        write_json(self.state_file, self.state)

    @property
    def admin_url(self) -> str:
        return self.server.url_for(DATABASE)

    def line(self, who: str) -> str:
        """A saved connection line, on the port this run's server listens on."""
        saved = urlsplit(
            self.state["director"] if who == "director" else self.state["coaches"][who]
        )
        return urlunsplit(
            saved._replace(netloc=f"{saved.netloc.rsplit(':', 1)[0]}:{self.server.port}")
        )

    def set_up(self, jobs: int) -> None:
        if "director" not in self.state:
            self.server.create_database(DATABASE)
            quietly(["district", "init", "--url", self.admin_url])
            line = quietly(["district", "add-director", "--url", self.admin_url, "Director"])
            self.state = {"director": line.strip().splitlines()[-1], "coaches": {}, "synced": []}
            self.save()
        # Every run, so a cached district gets the indexes that init adds since.
        quietly(["district", "init", "--url", self.admin_url])
        for coach in range(1, self.coaches + 1):
            if str(coach) not in self.state["coaches"]:
                name = f"Coach {coach:02}"
                line = quietly(["district", "add-coach", "--url", self.admin_url, name])
                self.state["coaches"][str(coach)] = line.strip().splitlines()[-1]
                self.save()
        waiting = [c for c in range(1, self.coaches + 1) if c not in self.state["synced"]]
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for coach, built_s, synced_s in pool.map(self._build_and_sync, waiting):
                self.built_s += built_s
                self.synced_s += synced_s
                self.state["synced"].append(coach)
                self.save()
                if built_s:
                    self.made_on[notebook_path(self.size, coach).name] = date.today().isoformat()
                    write_json(self.made_file, self.made_on)
                print(
                    f"  coach {coach:>2}: notebook {built_s:5.0f} s, first sync {synced_s:5.0f} s",
                    flush=True,
                )
        if waiting or not self.state.get("vacuumed"):
            # What autovacuum does soon after a first sync this size: the planner's figures,
            # and the visibility map that lets an index-only scan skip the table.
            with connect(parse_address(self.admin_url), autocommit=True) as server:
                server.execute("VACUUM (ANALYZE)")
            self.state["vacuumed"] = True
            self.save()

    def _build_and_sync(self, coach: int) -> tuple[int, float, float]:
        built_s = build_notebook(self.size, coach)
        notebook = notebook_path(self.size, coach)
        began = time.perf_counter()
        run_app(["sync", "--db", str(notebook), "--url", self.line(str(coach))])
        return coach, built_s, time.perf_counter() - began

    def month_and_today(self) -> tuple[date, date]:
        """The last full month before the notebooks were made (the demo's story ends then)."""
        made = max(
            date.fromisoformat(
                self.made_on.get(notebook_path(self.size, c).name, f"{date.today()}")
            )
            for c in range(1, self.coaches + 1)
        )
        last_month = made.replace(day=1) - timedelta(days=1)
        return last_month.replace(day=1), made


def timed(run: Callable[[], object]) -> tuple[float, object]:
    began = time.perf_counter()
    result = run()
    return time.perf_counter() - began, result


def median_of(runs: int, run: Callable[[], object]) -> tuple[float, list[float], object]:
    times, result = [], None
    for _ in range(runs):
        seconds, result = timed(run)
        times.append(seconds)
    return statistics.median(times), times, result


def ratio_line(label: str, seconds: float, times: list[float]) -> str:
    spread = ", ".join(f"{t:.2f}" for t in times)
    verdict = "ok" if seconds <= TARGET_S else "MISSED"
    return (
        f"{label}: {seconds:.2f} s = {seconds / TARGET_S:.2f}x the {TARGET_S:.0f} s target "
        f"({verdict}; runs {spread} s)"
    )


# The plans ------------------------------------------------------------------------------


class RecordingConnection:
    """The dashboard's own connection, noting each statement and its parameters as it runs."""

    def __init__(self, connection, statements: list) -> None:
        self._connection = connection
        self._statements = statements

    def execute(self, query, params=None, **options):
        self._statements.append((query, params))
        return self._connection.execute(query, params, **options)

    def __getattr__(self, name):
        return getattr(self._connection, name)


@contextlib.contextmanager
def recorded_statements(statements: list):
    """While inside, the dashboard's queries are noted in `statements` (they still run)."""
    original = dashboard.connect

    @contextlib.contextmanager
    def connect_and_record(*args, **kwargs):
        with original(*args, **kwargs) as connection:
            yield RecordingConnection(connection, statements)

    dashboard.connect = connect_and_record
    try:
        yield
    finally:
        dashboard.connect = original


def query_name(statement: str, position: int) -> str:
    named = {
        dashboard._CYCLES: "cycles",
        dashboard._SESSIONS: "sessions",
        dashboard._OBSERVATIONS: "observations",
        dashboard._ACTIVITIES: "activities",
        dashboard._TOOL_SEATS: "tool seats",
        dashboard._TOOL_COPY_FIGURES: "tool copies",
        dashboard._TOOL_BUY_IN: "tool buy-in",
        dashboard._TOOL_TERMS: "semesters",
    }
    if statement in named:
        return named[statement]
    if "pg_has_role" in statement:
        return "login check"
    if "FROM coach ORDER BY name" in statement:
        return "coaches"
    if "FROM school WHERE" in statement:
        return "school names"
    if "date_trunc('month'" in statement:
        return "trend"
    if "picrat_engagement, picrat_use, count(*)" in statement:
        return "picrat"
    if "lower(p.tool)" in statement:
        return "tools"
    if "p.elapsed,\n" in statement or "count(used.teacher_id)" in statement:
        return "pilots"
    return f"query {position}"


def plan_nodes(node: dict):
    yield node
    for child in node.get("Plans", ()):
        yield from plan_nodes(child)


def explain(server, statement: str, params) -> dict:
    row = server.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement, params).fetchone()
    return row[0][0]


def plan_summary(name: str, plan: dict) -> tuple[str, list[str]]:
    """One line for the query, and the big tables it reads with a sequential scan."""
    reads: dict[str, set[str]] = {}
    seq_scanned = []
    for node in plan_nodes(plan["Plan"]):
        table = node.get("Relation Name")
        if table not in BIG_TABLES:
            continue
        kind = node["Node Type"]
        if kind == "Seq Scan":
            seq_scanned.append(table)
            reads.setdefault(table, set()).add("SEQ SCAN")
        elif kind == "Bitmap Heap Scan":
            indexes = [
                child.get("Index Name", "?")
                for child in plan_nodes(node)
                if child["Node Type"] == "Bitmap Index Scan"
            ]
            reads.setdefault(table, set()).add("bitmap " + "+".join(indexes))
        elif kind in INDEX_SCANS:
            reads.setdefault(table, set()).add(node.get("Index Name", kind))
    top = plan["Plan"]
    hit = top.get("Shared Hit Blocks", 0)
    read = top.get("Shared Read Blocks", 0)
    tables = "; ".join(f"{t} via {', '.join(sorted(how))}" for t, how in sorted(reads.items()))
    verdict = (
        f"SEQ SCAN of {', '.join(sorted(set(seq_scanned)))}"
        if seq_scanned
        else ("indexes" if reads else "no big table")
    )
    line = (
        f"{name:<13} {plan['Execution Time']:>8.0f} ms  buffers hit {hit:>7,} read {read:>7,}  "
        f"{verdict}" + (f"  [{tables}]" if tables else "")
    )
    return line, seq_scanned


def print_plans(director: DistrictAddress, month: date, today: date) -> bool:
    """Explains each of the dashboard's queries as the director; True when none seq-scans."""
    statements: list = []
    with recorded_statements(statements):
        district_dashboard(director, month, today=today)
    print("EXPLAIN (ANALYZE, BUFFERS) of each dashboard query, as the director:")
    clean = True
    with connect(director) as server:
        server.execute("SET TRANSACTION READ ONLY")
        server.execute("SET TIME ZONE 'UTC'")
        for position, (statement, params) in enumerate(statements, start=1):
            if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            line, seq_scanned = plan_summary(
                query_name(statement, position), explain(server, statement, params)
            )
            clean = clean and not seq_scanned
            print("  " + line)
    return clean


# The run --------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coaches", type=int, default=25, help="coaches in the district")
    parser.add_argument(
        "--size", choices=tuple(SIZES), default="huge", help="each coach's demo notebook"
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="notebooks generated and synced side by side"
    )
    args = parser.parse_args()
    NOTEBOOKS.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    district = District(args.size, args.coaches)
    try:
        district.set_up(args.jobs)
        setup_s = time.perf_counter() - began
        work = (
            f"generating {district.built_s:.0f} s and first syncs {district.synced_s:.0f} s "
            f"of work, {args.jobs} at a time"
        )
        if district.built_s or district.synced_s:
            district.state["first_set_up"] = f"{setup_s:.0f} s ({work})"
            district.save()
        print(
            f"set-up, {args.coaches} coaches with {args.size} notebooks: {setup_s:.0f} s "
            f"({work}; cached in {CACHE.relative_to(PROJECT)}/)"
        )
        if not (district.built_s or district.synced_s) and "first_set_up" in district.state:
            print(f"  the cache was made by a set-up of {district.state['first_set_up']}")
        month, today = district.month_and_today()
        director = parse_address(district.line("director"))

        def whole() -> object:
            return district_dashboard(director, month, today=today)

        first_s, shown = timed(whole)
        median_s, times, shown = median_of(RUNS, whole)
        school = shown.school_choices[0]
        coach_name, coach_id = sorted(shown.coach_ids.items())[0]
        print(
            f"dashboard for {month:%Y-%m}: {len(shown.coaches)} coaches, "
            f"{len(shown.schools)} schools, {shown.district.observations.value:,} observations "
            f"(first run {first_s:.2f} s, then the median of {RUNS})"
        )
        print(ratio_line("dashboard, whole district", median_s, times))
        for label, chosen in (
            (f"filtered to one school ({school})", DashboardFilter(school=school)),
            (f"filtered to one coach ({coach_name})", DashboardFilter(coach_id=coach_id)),
        ):
            seconds, times, _ = median_of(
                RUNS, lambda f=chosen: district_dashboard(director, month, today=today, filters=f)
            )
            print(ratio_line(label, seconds, times))
        clean = print_plans(director, month, today)
        print(
            "big tables read through indexes in every query"
            if clean
            else "some queries read a big table with a sequential scan (see above)"
        )
    finally:
        district.server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
