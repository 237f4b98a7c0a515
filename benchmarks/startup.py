"""Start-up time of `coachbook --startup-check` on the huge sample, against our stack's floor.

The floor is the least any app on this stack can do: import SQLModel, show an empty PySide6
QMainWindow, process events once and exit. The target is coachbook within 1.5x of it.
The huge notebook is built once and cached in the temp folder, keyed by the demo's code.
With --protected the same notebook, protected with a passphrase (SQLCipher), is timed too.
"""

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.5
FLOOR_PROGRAM = """
import sys
import sqlmodel
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
app.processEvents()
sys.exit(0)
"""


class BenchError(Exception):
    pass


def cache_dir() -> Path:
    folder = Path(tempfile.gettempdir()) / "coachbook-bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def huge_notebook() -> Path:
    """The cached huge sample, rebuilt when the demo code or the schema changes."""
    import app.services.demo as demo_package
    from app.services.demo import build_demo
    from app.store import HEAD_REVISION, Store

    digest = hashlib.sha256(HEAD_REVISION.encode())
    for source in sorted(Path(demo_package.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    path = cache_dir() / f"huge-{digest.hexdigest()[:12]}.sqlite3"
    if path.exists():
        return path
    partial = path.with_name(path.stem + "-partial.sqlite3")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    print(f"Building the huge sample district in {path.parent} (once)...", flush=True)
    with Store.open(partial, backup_on_open=False) as store:
        build_demo(store, "huge")
    os.replace(partial, path)  # only a finished build is ever reused
    return path


PASSPHRASE = "a benchmark passphrase"


def protected_copy(notebook: Path) -> tuple[Path, Path]:
    """The huge notebook protected with a passphrase (cached beside it), and the passphrase
    file that opens it."""
    from app import backups

    path = notebook.with_name(notebook.stem + "-protected.sqlite3")
    passphrase_file = cache_dir() / "passphrase.txt"
    passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    if not path.exists():
        partial = path.with_name(path.stem + "-partial.sqlite3")
        partial.unlink(missing_ok=True)
        backups.copy_database(notebook, partial, None, PASSPHRASE)
        os.replace(partial, path)
    return path, passphrase_file


def bench_env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["COACHBOOK_DATA_DIR"] = str(cache_dir() / "data")  # backups stay out of the user's
    return env


def seconds_to_run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise BenchError(f"exit {done.returncode}: {lines[-1] if lines else 'no output'}")
    return seconds


def interleaved_medians(commands: list[list[str]], env: dict[str, str], runs: int) -> list[float]:
    """One warm-up run each (disk cache, first backup), then `runs` rounds taking turns, so
    a noisy moment on the machine falls on both sides alike; the median of each."""
    for command in commands:
        seconds_to_run(command, env)
    timings: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, times in zip(commands, timings, strict=True):
            times.append(seconds_to_run(command, env))
    return [statistics.median(times) for times in timings]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed rounds after a warm-up")
    parser.add_argument("--floor-only", action="store_true", help="time only the floor")
    parser.add_argument("--protected", action="store_true", help="also time the notebook protected")
    args = parser.parse_args(argv)
    env = bench_env()
    floor_command = [sys.executable, "-c", FLOOR_PROGRAM]
    if args.floor_only:
        (floor,) = interleaved_medians([floor_command], env, args.runs)
        print(f"startup: floor {floor:.2f} s (median of {args.runs})")
        return 0
    notebook = huge_notebook()
    command = [sys.executable, "-m", "app", "--startup-check", "--db", str(notebook)]
    try:
        floor, coachbook = interleaved_medians([floor_command, command], env, args.runs)
    except BenchError as exc:
        print(f"startup: coachbook --startup-check failed ({exc})")
        return 1
    ratio = coachbook / floor
    verdict = "" if ratio <= TARGET_RATIO else ", MISSED"
    print(
        f"startup: coachbook {coachbook:.2f} s, floor {floor:.2f} s, ratio {ratio:.2f}x "
        f"(target <= {TARGET_RATIO}x{verdict})"
    )
    if args.protected:
        protected, passphrase_file = protected_copy(notebook)
        protected_command = [
            *command[:-1],
            str(protected),
            "--passphrase-file",
            str(passphrase_file),
        ]
        floor, plain, locked = interleaved_medians(
            [floor_command, command, protected_command], env, args.runs
        )
        ratio = locked / floor
        verdict = "" if ratio <= TARGET_RATIO else ", MISSED"
        print(
            f"startup: protected {locked:.2f} s, plain {plain:.2f} s, floor {floor:.2f} s, "
            f"ratio {ratio:.2f}x (target <= {TARGET_RATIO}x{verdict})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
