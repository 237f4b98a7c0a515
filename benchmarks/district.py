"""The district sync on a real PostgreSQL (a throwaway cluster, as the tests start it):
the first sync of the small and the huge demo, then an incremental sync after one recorded
sweep on each, side by side. Targets: the huge demo's first sync under 60 s; an incremental
sync under 1 s, and about as fast on the huge notebook as on the small one (its cost follows
the changes, not the notebook's size). "its CPU" is the first sync's own CPU time (reading the
notebook, preparing the rows); for the rest of it the laptop waits for PostgreSQL.
"""

import contextlib
import io
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from app.cli import main as coachbook  # noqa: E402
from app.services.district.address import parse_address  # noqa: E402
from app.services.district.sync import sync_notebook  # noqa: E402
from app.services.observations import (  # noqa: E402
    ObservationStart,
    record_interval,
    start_observation,
)
from app.services.teachers import TeacherForm, save_teacher  # noqa: E402
from app.store import Store  # noqa: E402
from tests.postgres_server import start_server  # noqa: E402

FIRST_SYNC_TARGET_S = 60.0
INCREMENTAL_TARGET_S = 1.0


def coach_line(server, database: str, name: str) -> str:
    url = server.create_database(database)
    with contextlib.redirect_stdout(io.StringIO()):
        coachbook(["district", "init", "--url", url])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        coachbook(["district", "add-coach", "--url", url, name])
    return out.getvalue().strip().splitlines()[-1]


def one_more_sweep(store: Store) -> None:
    teacher = save_teacher(store, TeacherForm(name="Benchmark Teacher", school="Oak")).id
    started = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    observation = start_observation(
        store, ObservationStart(teacher, date(2026, 11, 25), students_present=24), started
    )
    record_interval(store, observation, 20, 24, now=started, note="")


@dataclass
class Measured:
    first_s: float
    # The first sync's own CPU time (reading the notebook, preparing the rows); the rest of
    # its time the laptop waits for the server.
    first_cpu_s: float
    batches: int
    rows: int
    incremental_s: float


def measure(size: str, server, folder: Path) -> Measured:
    notebook = folder / f"{size}.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "app", "demo", "--db", str(notebook), "--size", size],
        cwd=PROJECT,
        check=True,
        capture_output=True,
    )
    address = parse_address(coach_line(server, f"bench_{size}", f"Coach {size}"))
    with Store.open(notebook, backup_on_open=False) as store:
        began, cpu = time.perf_counter(), time.process_time()
        first = sync_notebook(store, address)
        first_s, first_cpu_s = time.perf_counter() - began, time.process_time() - cpu
        one_more_sweep(store)
        began = time.perf_counter()
        sync_notebook(store, address)
        incremental_s = time.perf_counter() - began
    return Measured(first_s, first_cpu_s, first.batches, first.total_sent, incremental_s)


def main() -> None:
    server = start_server()
    try:
        with tempfile.TemporaryDirectory() as folder:
            results = {size: measure(size, server, Path(folder)) for size in ("small", "huge")}
    finally:
        server.stop()
    print(
        f"{'demo':<6} {'rows sent':>10} {'batches':>8} {'first sync':>11} {'its CPU':>8} "
        f"{'after one sweep':>16}"
    )
    for size, m in results.items():
        print(
            f"{size:<6} {m.rows:>10,} {m.batches:>8} {m.first_s:>10.1f}s {m.first_cpu_s:>7.1f}s "
            f"{m.incremental_s * 1000:>14.0f}ms"
        )
    huge_first, huge_incremental = results["huge"].first_s, results["huge"].incremental_s
    small_incremental = results["small"].incremental_s
    print(
        f"huge first sync: {huge_first:.1f} s = {huge_first / FIRST_SYNC_TARGET_S:.2f}x "
        f"the {FIRST_SYNC_TARGET_S:.0f} s target"
    )
    print(
        f"incremental sync, huge: {huge_incremental * 1000:.0f} ms = "
        f"{huge_incremental / INCREMENTAL_TARGET_S:.2f}x the 1 s target; "
        f"{huge_incremental / small_incremental:.2f}x the small notebook's"
    )


if __name__ == "__main__":
    main()
