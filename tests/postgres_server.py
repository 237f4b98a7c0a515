"""A throwaway PostgreSQL server for the district tests: Debian's own binaries, a temp cluster.

The server listens on 127.0.0.1 and a private socket folder and asks for passwords over TCP
(SCRAM), as a district's server does; it is stopped (and its folder removed) when the test
session ends. Run as root, the server runs as the `postgres` system user, since PostgreSQL
refuses to run as root.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

ADMIN = "coachbook_admin"
ADMIN_PASSWORD = "admin-test-password"


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def server_binaries() -> Path:
    """The folder holding initdb and postgres (Debian keeps them out of PATH)."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.insert(0, Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "postgres").exists():
            return folder
    raise PostgresMissing(
        "PostgreSQL is not installed: `apt-get install postgresql` (make test does this "
        "when it runs as root with apt-get)."
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PostgresServer:
    root: Path
    port: int
    process: subprocess.Popen
    # A cluster in a folder the caller chose outlives the server (a benchmark's cache).
    keep: bool = False

    @property
    def admin_url(self) -> str:
        return self.url_for("postgres")

    def url_for(
        self, database: str, user: str = ADMIN, password: str | None = ADMIN_PASSWORD
    ) -> str:
        who = f"{user}:{password}" if password else user
        return f"postgresql://{who}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its admin URL."""
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def start_server(root: Path | None = None) -> PostgresServer:
    """initdb a cluster in a new temp folder and start it; returns once it accepts connections.

    Given a root folder, the cluster lives there and is kept when the server stops; a root
    that already holds one is started as it is."""
    binaries = server_binaries()
    keep = root is not None
    # Not under pytest's temp folders: those are private to root, out of the server user's reach.
    root = root or Path(tempfile.mkdtemp(prefix="coachbook-postgres-"))
    data, sockets = root / "data", root / "sockets"
    if keep and (data / "PG_VERSION").exists():
        return _run_cluster(binaries, root, keep)
    data.mkdir(parents=True)
    sockets.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        for folder in (root, data, sockets):
            shutil.chown(folder, "postgres")
    password_file = root / "admin-password"
    password_file.write_text(ADMIN_PASSWORD + "\n")
    if os.geteuid() == 0:
        shutil.chown(password_file, "postgres")
    initdb = [
        str(binaries / "initdb"),
        "-D",
        str(data),
        "-U",
        ADMIN,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        f"--pwfile={password_file}",
        "-E",
        "UTF8",
        "--locale=C",
    ]
    done = subprocess.run(_as_server_user(initdb), capture_output=True, text=True)
    if done.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {done.stderr.strip() or done.stdout.strip()}")
    return _run_cluster(binaries, root, keep)


def _run_cluster(binaries: Path, root: Path, keep: bool) -> PostgresServer:
    data, sockets = root / "data", root / "sockets"
    port = _free_port()
    server = [
        str(binaries / "postgres"),
        "-D",
        str(data),
        "-p",
        str(port),
        "-k",
        str(sockets),
        "-c",
        "listen_addresses=127.0.0.1",
        # A test server: speed over durability.
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
    ]
    log = open(root / "server.log", "wb")  # noqa: SIM115 (the server writes to it until stopped)
    process = subprocess.Popen(_as_server_user(server), stdout=log, stderr=subprocess.STDOUT)
    started = PostgresServer(root, port, process, keep)
    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(started.admin_url, connect_timeout=2).close()
            return started
        except psycopg.OperationalError:
            if process.poll() is not None or time.monotonic() > deadline:
                started.stop()
                raise RuntimeError(
                    "The test PostgreSQL server did not start: "
                    + (root / "server.log").read_text(errors="replace")[-2000:]
                ) from None
            time.sleep(0.1)
