"""`make package`: build dist/Coachbook/ with PyInstaller, then smoke-test the built app."""

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import build_info

DIST = build_info.ROOT / "dist"
WORK = build_info.ROOT / "build"
SPEC = Path(__file__).with_name("coachbook.spec")
RUN_TIMEOUT = 300  # seconds for one run of the built app (the demo is the slowest)


class SmokeFailure(Exception):
    """The built app failed a check; the message says which and shows its output."""


def missing_tools() -> list[str]:
    """What the build needs and this machine lacks, as install hints."""
    missing = []
    if importlib.util.find_spec("PyInstaller") is None:
        missing.append("PyInstaller (.venv/bin/python -m pip install -e '.[package]')")
    if sys.platform.startswith("linux") and shutil.which("objcopy") is None:
        missing.append("objcopy, which PyInstaller uses on Linux (sudo apt install binutils)")
    return missing


def build() -> None:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    subprocess.run(command, check=True, cwd=build_info.ROOT)


def app_folder() -> Path:
    return DIST / build_info.APP_NAME


def executable() -> Path:
    suffix = ".exe" if sys.platform == "win32" else ""
    return app_folder() / f"{build_info.APP_NAME}{suffix}"


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under a folder, not following symlinks."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def check_data_files() -> None:
    """Every resource and migration file is where the frozen app will look for it."""
    internal = app_folder() / "_internal"
    missing = [
        f"{folder}/{Path(source).name}"
        for source, folder in build_info.data_files()
        if not (internal / folder / Path(source).name).is_file()
    ]
    if missing:
        raise SmokeFailure(f"the build lacks {len(missing)} data files: {', '.join(missing)}")
    print(f"  ok  {len(build_info.data_files())} resource and migration files in the build")


def linux_notes() -> None:
    """Say when the build could not take in a library that users would then need."""
    if sys.platform.startswith("linux") and not any(app_folder().rglob("libxcb-cursor.so*")):
        print(
            "Note: libxcb-cursor0 is not installed here, so the build lacks it and Coachbook "
            "will need it on X11 desktops (sudo apt install libxcb-cursor0, then rebuild)."
        )


# Port 9 (discard): nothing listens there on a build machine.
UNREACHABLE_DISTRICT = "postgresql://coach_smoke@127.0.0.1:9/district"


def run_app(*args: str, env: dict[str, str], shown: str) -> str:
    """Run the built app; its stdout, or SmokeFailure with its output."""
    start = time.monotonic()
    try:
        result = subprocess.run(
            [str(executable()), *args],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=RUN_TIMEOUT,
        )
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"`Coachbook {shown}` took over {RUN_TIMEOUT} s") from exc
    if result.returncode != 0:
        output = (result.stderr + result.stdout).strip() or "(no output)"
        raise SmokeFailure(f"`Coachbook {shown}` exited {result.returncode}:\n{output}")
    print(f"  ok  Coachbook {shown}  ({time.monotonic() - start:.1f} s)")
    return result.stdout


def smoke_test() -> None:
    """Start the built app on a fresh notebook and on the demo; list and export from it."""
    if not executable().is_file():
        raise SmokeFailure(f"no build at {executable()}; run `make package` first")
    check_data_files()
    with tempfile.TemporaryDirectory(prefix="coachbook-package-") as tmp:
        folder = Path(tmp)
        env = {key: value for key, value in os.environ.items() if key != "COACHBOOK_DB"}
        # Headless, and never the user's own data folder or settings.
        env.update(
            QT_QPA_PLATFORM="offscreen",
            COACHBOOK_DATA_DIR=str(folder / "data"),
            XDG_CONFIG_HOME=str(folder / "config"),
        )
        fresh, demo, pdf = folder / "fresh.sqlite3", folder / "demo.sqlite3", folder / "year.pdf"

        version = run_app("--version", env=env, shown="--version").strip()
        if build_info.app_version() not in version:
            raise SmokeFailure(f"--version printed {version!r}, not {build_info.app_version()}")
        run_app("--startup-check", "--db", str(fresh), env=env, shown="--startup-check (fresh)")
        run_app("check", "--db", str(fresh), env=env, shown="check (fresh)")
        run_app("demo", "--db", str(demo), env=env, shown="demo")
        run_app("--startup-check", "--db", str(demo), env=env, shown="--startup-check (demo)")
        teachers = json.loads(
            run_app("list", "teachers", "--json", "--db", str(demo), env=env, shown="list")
        )
        if not teachers:
            raise SmokeFailure("the demo notebook lists no teachers")
        run_app(
            "export", "portfolio", "--db", str(demo), "--out", str(pdf), env=env, shown="export"
        )
        if not pdf.read_bytes().startswith(b"%PDF-"):
            raise SmokeFailure("the exported portfolio is not a PDF")
        smoke_test_protection(folder, demo, env)
        smoke_test_district(fresh, env)


def smoke_test_district(notebook: Path, env: dict[str, str]) -> None:
    """The build carries psycopg and its libpq: a sync to a port nothing listens on says in
    one line that the district server can't be reached."""
    shown = "sync (no server)"
    result = subprocess.run(
        [str(executable()), "sync", "--db", str(notebook), "--url", UNREACHABLE_DISTRICT],
        env=env | {"PGPASSWORD": "smoke-test", "PGCONNECT_TIMEOUT": "3"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=RUN_TIMEOUT,
    )
    if result.returncode != 1 or "Could not reach the district server" not in result.stderr:
        output = (result.stderr + result.stdout).strip() or "(no output)"
        raise SmokeFailure(f"`Coachbook {shown}` exited {result.returncode}:\n{output}")
    print(f"  ok  Coachbook {shown}")


def smoke_test_protection(folder: Path, demo: Path, env: dict[str, str]) -> None:
    """The build carries SQLCipher: protect the demo, then open, list and check it."""
    passphrase = folder / "passphrase.txt"
    passphrase.write_text("a smoke test passphrase\n", encoding="utf-8")
    key = ("--passphrase-file", str(passphrase))
    run_app("protect", "--db", str(demo), *key, env=env, shown="protect")
    if demo.read_bytes().startswith(b"SQLite format 3"):
        raise SmokeFailure("protect left the notebook plain")
    run_app(
        "--startup-check", "--db", str(demo), *key, env=env, shown="--startup-check (protected)"
    )
    teachers = json.loads(
        run_app(
            "list", "teachers", "--json", "--db", str(demo), *key, env=env, shown="list (protected)"
        )
    )
    if not teachers:
        raise SmokeFailure("the protected notebook lists no teachers")
    run_app("check", "--db", str(demo), *key, env=env, shown="check (protected)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--check-only", action="store_true", help="smoke-test the build already in dist/"
    )
    args = parser.parse_args()
    if not args.check_only:
        missing = missing_tools()
        if missing:
            print(f"build: this machine lacks {'; '.join(missing)}.", file=sys.stderr)
            return 1
        print(f"Building {app_folder().relative_to(build_info.ROOT)}/ with PyInstaller…")
        start = time.monotonic()
        try:
            build()
        except subprocess.CalledProcessError as exc:
            print(f"build: PyInstaller failed (exit {exc.returncode}).", file=sys.stderr)
            return 1
        size, count = folder_size(app_folder())
        print(
            f"Built {app_folder().relative_to(build_info.ROOT)}/ in "
            f"{time.monotonic() - start:.0f} s: {size / 1e6:.0f} MB in {count:,} files."
        )
        linux_notes()
    print("Smoke test of the built app:")
    start = time.monotonic()
    try:
        smoke_test()
    except SmokeFailure as failure:
        print(f"build: the smoke test failed: {failure}", file=sys.stderr)
        return 1
    print(f"Smoke test passed in {time.monotonic() - start:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
