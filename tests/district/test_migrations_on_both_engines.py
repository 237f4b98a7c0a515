"""Every migration runs on SQLite and on PostgreSQL and leaves the schema the models describe."""

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL
from sqlmodel import SQLModel

from app.store import HEAD_REVISION, _alembic_config


def _sqlalchemy_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    if request.param == "sqlite":
        made = create_engine(URL.create("sqlite", database=str(tmp_path / "notebook.sqlite3")))
    else:
        made = create_engine(_sqlalchemy_url(request.getfixturevalue("district_db")))
    yield made
    made.dispose()


def test_every_migration_runs_and_leaves_the_models_schema(engine):
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
        tables = set(inspect(connection).get_table_names())
        revision = context.get_current_revision()
    assert differences == []
    assert set(SQLModel.metadata.tables) <= tables
    assert revision == HEAD_REVISION


def test_every_migration_steps_down_and_up_again(engine):
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "head")
        command.downgrade(_alembic_config(connection), "base")
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        command.upgrade(_alembic_config(connection), "head")
        assert MigrationContext.configure(connection).get_current_revision() == HEAD_REVISION
