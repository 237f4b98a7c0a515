"""The district schema: the notebook's own tables (the same Alembic migrations), a coach table,
two group roles, and row-level security so each coach writes and reads only their own rows.

Every statement here is safe to run again: `district init` both creates and upgrades.
"""

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.migration import MigrationContext
from psycopg import sql
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

import app.models  # noqa: F401  (registers every table on the metadata)
from app.services.district.address import DistrictAddress, DistrictError, connect
from app.services.district.records import synced_tables
from app.store import HEAD_REVISION, alembic_config

COACH_GROUP = "coachbook_coach"
DIRECTOR_GROUP = "coachbook_director"
COACH_TABLE = "coach"
# Who is asking, as a coach id: NULL for a removed coach or anyone else, so writes are refused.
CURRENT_COACH = "coachbook_coach_id"


@dataclass(frozen=True)
class DistrictSchema:
    where: str
    revision_before: str | None
    revision: str
    tables: int


def district_revision(connection) -> str | None:
    """The migration the district database is at (None when `district init` never ran)."""
    row = connection.execute(
        "SELECT to_regclass('alembic_version') IS NOT NULL AS present"
    ).fetchone()
    if not row[0]:
        return None
    found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return found[0] if found else None


def init_district(address: DistrictAddress, *, ca_file: Path | None = None) -> DistrictSchema:
    """Create or upgrade the district schema, all in one transaction."""
    with connect(address, ca_file=ca_file) as probe:
        before = district_revision(probe)
    if before is not None and before > HEAD_REVISION:
        raise DistrictError(
            f"The district database is at schema {before}, newer than this Coachbook "
            f"({HEAD_REVISION}); update Coachbook before running district init."
        )
    engine = create_engine(
        "postgresql+psycopg://",
        creator=lambda: connect(address, ca_file=ca_file),
        poolclass=NullPool,
    )
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
            raw = connection.connection.driver_connection
            _create_groups(raw)
            _create_coach_table(raw, address.database)
            for table in synced_tables():
                _protect_table(raw, table)
            _create_dashboard_indexes(raw)
            raw.execute(
                sql.SQL("GRANT SELECT ON alembic_version TO {}, {}").format(
                    sql.Identifier(COACH_GROUP), sql.Identifier(DIRECTOR_GROUP)
                )
            )
            revision = MigrationContext.configure(connection).get_current_revision()
    except DistrictError:
        raise
    except Exception as exc:  # psycopg's and SQLAlchemy's errors, in one sentence
        message = getattr(exc, "orig", exc)
        raise DistrictError(
            f"The district schema was not changed: {str(message).strip().splitlines()[0]}. "
            "Run district init as the database's owner (a role that may create roles)."
        ) from None
    finally:
        engine.dispose()
    return DistrictSchema(address.where, before, revision, len(synced_tables()))


def _create_groups(connection) -> None:
    for group in (COACH_GROUP, DIRECTOR_GROUP):
        exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [group])
        if exists.fetchone() is None:
            connection.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)))


def _create_coach_table(connection, database: str) -> None:
    groups = sql.SQL(", ").join([sql.Identifier(COACH_GROUP), sql.Identifier(DIRECTOR_GROUP)])
    connection.execute(
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), groups)
    )
    # The sync copies each batch into a temporary table first, even where a district has
    # revoked that default right from PUBLIC.
    connection.execute(
        sql.SQL("GRANT TEMPORARY ON DATABASE {} TO {}").format(
            sql.Identifier(database), sql.Identifier(COACH_GROUP)
        )
    )
    connection.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(groups))
    connection.execute(
        """
        CREATE TABLE IF NOT EXISTS coach (
            id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
            name text NOT NULL,
            role_name text NOT NULL UNIQUE,
            created_at timestamptz NOT NULL DEFAULT now(),
            removed_at timestamptz,
            acknowledged_sequence bigint NOT NULL DEFAULT 0
        )
        """
    )
    # When each coach's last batch landed, for the dashboard's "who has synced, and when".
    connection.execute("ALTER TABLE coach ADD COLUMN IF NOT EXISTS synced_at timestamptz")
    connection.execute(
        f"""
        CREATE OR REPLACE FUNCTION {CURRENT_COACH}() RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS
        $$ SELECT id FROM coach WHERE role_name = session_user AND removed_at IS NULL $$
        """
    )
    connection.execute(f"REVOKE ALL ON FUNCTION {CURRENT_COACH}() FROM PUBLIC")
    connection.execute(
        sql.SQL("GRANT EXECUTE ON FUNCTION {}() TO {}").format(
            sql.Identifier(CURRENT_COACH), groups
        )
    )
    connection.execute("ALTER TABLE coach ENABLE ROW LEVEL SECURITY")
    _policy(
        connection,
        COACH_TABLE,
        "coach_sees_self",
        COACH_GROUP,
        "SELECT",
        using="role_name = session_user",
    )
    _policy(
        connection,
        COACH_TABLE,
        "coach_acknowledges_self",
        COACH_GROUP,
        "UPDATE",
        using="role_name = session_user AND removed_at IS NULL",
        check="role_name = session_user AND removed_at IS NULL",
    )
    _policy(
        connection, COACH_TABLE, "director_reads_coaches", DIRECTOR_GROUP, "SELECT", using="true"
    )
    connection.execute(
        sql.SQL("GRANT SELECT, UPDATE (acknowledged_sequence, synced_at) ON coach TO {}").format(
            sql.Identifier(COACH_GROUP)
        )
    )
    connection.execute(
        sql.SQL("GRANT SELECT ON coach TO {}").format(sql.Identifier(DIRECTOR_GROUP))
    )


def _protect_table(connection, table: str) -> None:
    """The coach id and change sequence on each row, and the policies that use them."""
    name = sql.Identifier(table)
    connection.execute(
        sql.SQL(
            "ALTER TABLE {} ADD COLUMN IF NOT EXISTS coach_id uuid NOT NULL "
            "DEFAULT {}() REFERENCES coach (id)"
        ).format(name, sql.Identifier(CURRENT_COACH))
    )
    connection.execute(
        sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} (coach_id)").format(
            sql.Identifier(f"ix_{table}_coach_id"), name
        )
    )
    connection.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(name))
    own = f"coach_id = {CURRENT_COACH}()"
    _policy(connection, table, "coach_owns_rows", COACH_GROUP, "ALL", using=own, check=own)
    _policy(connection, table, "director_reads_rows", DIRECTOR_GROUP, "SELECT", using="true")
    connection.execute(
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {} TO {}").format(
            name, sql.Identifier(COACH_GROUP)
        )
    )
    connection.execute(
        sql.SQL("GRANT SELECT ON {} TO {}").format(name, sql.Identifier(DIRECTOR_GROUP))
    )


# What the director's dashboard reads across every coach's records, beyond the notebook's
# own indexes (one coach's notebook is small enough to do without them): the month's
# sessions by the day they were done; each lesson's sweep totals without reading the sweeps
# themselves; the day each pilot ends, whose figures tell the planner how few pilots fall in
# a month; each enrolled teacher's used weeks of a pilot; each seated teacher's active cells
# of a tool (the semester's use); and each tool's buy-in surveys by the day taken.
DASHBOARD_INDEXES: tuple[tuple[str, str, str], ...] = (
    ("ix_cycle_session_done_on", "cycle_session", "(done_on)"),
    (
        "ix_observation_interval_totals",
        "observation_interval",
        "(observation_id) INCLUDE (present, on_task) WHERE deleted_at IS NULL",
    ),
    ("ix_pilot_ends_on", "pilot", "((start_date + 7 * length_weeks))"),
    # The month's cycles: those still open, those planned to end (or stopped) since then.
    ("ix_coaching_cycle_ends_on", "coaching_cycle", "((start_date + 7 * length_weeks))"),
    ("ix_coaching_cycle_stopped_on", "coaching_cycle", "(stopped_on)"),
    (
        "ix_pilot_usage_used_weeks",
        "pilot_usage",
        "(pilot_id, teacher_id) WHERE used AND deleted_at IS NULL",
    ),
    (
        "ix_tool_usage_active_cells",
        "tool_usage",
        "(tool_id, teacher_id, starts_on) WHERE active > 0 AND deleted_at IS NULL",
    ),
    (
        "ix_buy_in_survey_taken",
        "buy_in_survey",
        "(tool_id, taken_on) WHERE deleted_at IS NULL",
    ),
)


def _create_dashboard_indexes(connection) -> None:
    for name, table, columns in DASHBOARD_INDEXES:
        connection.execute(
            sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} {}").format(
                sql.Identifier(name), sql.Identifier(table), sql.SQL(columns)
            )
        )


def _policy(
    connection,
    table: str,
    policy: str,
    group: str,
    command_name: str,
    *,
    using: str,
    check: str | None = None,
) -> None:
    """(Re)create one policy; the expressions are this module's own constants, never input."""
    connection.execute(
        sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(
            sql.Identifier(policy), sql.Identifier(table)
        )
    )
    statement = sql.SQL("CREATE POLICY {} ON {} FOR {} TO {} USING ({})").format(
        sql.Identifier(policy),
        sql.Identifier(table),
        sql.SQL(command_name),
        sql.Identifier(group),
        sql.SQL(using),
    )
    if check is not None:
        statement = sql.SQL("{} WITH CHECK ({})").format(statement, sql.SQL(check))
    connection.execute(statement)
