"""District fixtures: one real PostgreSQL server per test run, a new database per test."""

import itertools

import pytest

from tests.postgres_server import PostgresServer, start_server

_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> PostgresServer:
    server = start_server()
    yield server
    server.stop()


@pytest.fixture
def district_db(postgres) -> str:
    """The admin URL of a new, empty district database."""
    return postgres.create_database(f"district_{next(_database_numbers)}")
