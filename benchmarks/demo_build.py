"""Times building the huge sample district (`coachbook demo --size huge`) against 60 s."""

import os
import sys
import tempfile
import time
from pathlib import Path

from app.services.demo import build_demo
from app.store import Store

TARGET_SECONDS = 60.0


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="coachbook-bench-") as folder:
        os.environ["COACHBOOK_DATA_DIR"] = folder  # any backup stays in the temp folder
        path = Path(folder) / "huge.sqlite3"
        with Store.open(path, backup_on_open=False) as store:
            started = time.perf_counter()
            counts = build_demo(store, "huge")
            seconds = time.perf_counter() - started
        megabytes = path.stat().st_size / 1_000_000
    verdict = "ok" if seconds <= TARGET_SECONDS else "MISSED"
    print(
        f"demo build (huge): {seconds:.1f} s (target <= {TARGET_SECONDS:.0f} s, {verdict}); "
        f"{megabytes:.0f} MB, {counts['teachers']:,} teachers, "
        f"{counts['observations']:,} observations, {counts['intervals']:,} intervals"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
