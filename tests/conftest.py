"""Shared fixtures: a temp notebook, the small demo, a fake clock, an isolated data folder."""

import itertools
import os
import shutil
from datetime import date, datetime
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test reads or writes the real keyring of the machine it runs on.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from app.store import Store
from tests.postgres_server import PostgresServer, start_server

TODAY = date(2026, 11, 25)
_exit_status = 0


def pytest_sessionfinish(session, exitstatus):
    global _exit_status
    _exit_status = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """End the process once pytest has reported, skipping interpreter teardown.

    PySide6 can crash while the interpreter collects its objects at exit (a refcount fault
    in its teardown, seen now and then here), which would turn a green run red. The app
    skips that teardown with os._exit for the same reason.
    """
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """No test touches the real data folder or Qt settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("COACHBOOK_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("COACHBOOK_DB", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "notebook.sqlite3"


@pytest.fixture
def store(db_path):
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def small_demo_template(tmp_path_factory) -> Path:
    """The small demo, built once per run and copied for each test that wants it."""
    from app.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with Store.open(path, backup_on_open=False) as demo_store:
        build_demo(demo_store, "small", today=TODAY)
    return path


@pytest.fixture
def demo_store(small_demo_template, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(small_demo_template, path)
    with Store.open(path, backup_on_open=False) as opened:
        yield opened


class FakeClock:
    """A clock tests move by hand; `now()` and `today()` like datetime's."""

    def __init__(self, start: datetime = datetime(2026, 11, 25, 9, 0)):
        self.current = start

    def now(self) -> datetime:
        return self.current

    def today(self) -> date:
        return self.current.date()

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.current += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


# ---- a small disk, for the notebook-safety tests -----------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A real 8 MB filesystem (tmpfs), so a full disk is a real ENOSPC."""
    import subprocess

    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"this machine forbids mounting a small filesystem: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


# ---- the district's PostgreSQL, started once per run when a test asks for it ---------------

_district_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> PostgresServer:
    server = start_server()
    yield server
    server.stop()


@pytest.fixture
def district_db(postgres) -> str:
    """The admin URL of a new, empty district database, dropped after the test with the
    login roles it made (roles belong to the whole server, so names would collide)."""
    name = f"district_{next(_district_numbers)}"
    yield postgres.create_database(name)
    with psycopg.connect(postgres.admin_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        logins = connection.execute(
            "SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid "
            "JOIN pg_roles g ON g.oid = m.roleid "
            "WHERE g.rolname IN ('coachbook_coach', 'coachbook_director')"
        ).fetchall()
        for (role,) in logins:
            connection.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
