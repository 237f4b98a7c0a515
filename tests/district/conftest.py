"""District fixtures: one real PostgreSQL server per test run, a new database per test."""

import itertools

import psycopg
import pytest
from psycopg import sql

from tests.postgres_server import PostgresServer, start_server

_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> PostgresServer:
    server = start_server()
    yield server
    server.stop()


@pytest.fixture
def district_db(postgres) -> str:
    """The admin URL of a new, empty district database, dropped after the test with the
    login roles it made (roles belong to the whole server, so names would collide)."""
    name = f"district_{next(_database_numbers)}"
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
