"""Alembic environment: batch mode for SQLite, metadata from the SQLModel tables."""

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers every table on the metadata)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    # From the `alembic` command line: `alembic -x db=path/to/notebook.sqlite3 ...`
    db = context.get_x_argument(as_dictionary=True).get("db", "coachbook-dev.sqlite3")
    with create_engine(f"sqlite:///{db}").connect() as dev_connection:
        run_migrations(dev_connection)
        dev_connection.commit()
