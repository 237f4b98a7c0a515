"""The district's people: a login role per coach (in the coach group) or director, with a
generated password, shown once as the connection line they paste into Settings."""

import re
import secrets
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from app.services.district.address import DistrictAddress, DistrictError, connect
from app.services.district.schema import COACH_GROUP, DIRECTOR_GROUP, district_revision

ROLE_NAME_LIMIT = 63  # PostgreSQL's identifier length


@dataclass(frozen=True)
class NewLogin:
    name: str
    role: str
    connection_line: str


@dataclass(frozen=True)
class RemovedLogin:
    name: str
    role: str


def role_name_for(name: str, prefix: str) -> str:
    """coach_ana_ruiz for "Ana Ruiz": ASCII letters, digits and underscores only."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_") or "person"
    return f"{prefix}_{slug}"[: ROLE_NAME_LIMIT - 4]


def add_coach(address: DistrictAddress, name: str, *, ca_file: Path | None = None) -> NewLogin:
    """A coach who may sync: a login role in the coach group and a row in the coach table."""
    return _add_login(address, name, "coach", COACH_GROUP, ca_file)


def add_director(address: DistrictAddress, name: str, *, ca_file: Path | None = None) -> NewLogin:
    """A director who reads the whole district and writes nothing."""
    return _add_login(address, name, "director", DIRECTOR_GROUP, ca_file)


def remove_coach(
    address: DistrictAddress, name_or_role: str, *, ca_file: Path | None = None
) -> RemovedLogin:
    """The coach can no longer log in or write; everything they synced stays."""
    with _admin(address, ca_file) as connection, _in_words(), connection.transaction():
        row = connection.execute(
            "SELECT name, role_name FROM coach WHERE (role_name = %s OR name = %s) "
            "AND removed_at IS NULL ORDER BY created_at",
            [name_or_role, name_or_role],
        ).fetchall()
        if not row:
            raise DistrictError(f"No coach called “{name_or_role}” can sync to this district.")
        if len(row) > 1:
            roles = ", ".join(r[1] for r in row)
            raise DistrictError(
                f"Several coaches are called “{name_or_role}” ({roles}); name the role instead."
            )
        name, role = row[0]
        connection.execute("UPDATE coach SET removed_at = now() WHERE role_name = %s", [role])
        connection.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(role)))
    return RemovedLogin(name, role)


def remove_director(
    address: DistrictAddress, role: str, *, ca_file: Path | None = None
) -> RemovedLogin:
    with _admin(address, ca_file) as connection, _in_words(), connection.transaction():
        member = connection.execute(
            "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
            "JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = %s AND g.rolname = %s",
            [role, DIRECTOR_GROUP],
        ).fetchone()
        if member is None:
            raise DistrictError(f"“{role}” is not a director's role in this district.")
        connection.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(role)))
    return RemovedLogin(role, role)


def _add_login(
    address: DistrictAddress, name: str, prefix: str, group: str, ca_file: Path | None
) -> NewLogin:
    shown = " ".join(name.split())
    if not shown:
        raise DistrictError(f'Give the {prefix}\'s name, as in: add-{prefix} "Ana Ruiz".')
    password = secrets.token_urlsafe(24)
    with _admin(address, ca_file) as connection, _in_words(), connection.transaction():
        role = _free_role_name(connection, role_name_for(shown, prefix))
        connection.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                sql.Identifier(role), sql.Literal(password), sql.Identifier(group)
            )
        )
        if group == COACH_GROUP:
            connection.execute("INSERT INTO coach (name, role_name) VALUES (%s, %s)", [shown, role])
    return NewLogin(shown, role, address.url(user=role, password=password))


def _free_role_name(connection, wanted: str) -> str:
    taken = {
        row[0]
        for row in connection.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", [wanted + "%"]
        )
    }
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}_{number}" in taken:
        number += 1
    return f"{wanted}_{number}"


def _admin(address: DistrictAddress, ca_file: Path | None) -> psycopg.Connection:
    connection = connect(address, ca_file=ca_file, autocommit=True)
    if district_revision(connection) is None or not _has_coach_table(connection):
        connection.close()
        raise DistrictError(
            f"The district database at {address.where} is not set up yet; "
            "run `coachbook district init --url …` first."
        )
    return connection


def _has_coach_table(connection) -> bool:
    return connection.execute("SELECT to_regclass('coach') IS NOT NULL").fetchone()[0]


@contextmanager
def _in_words() -> Iterator[None]:
    """The server's refusal as one sentence that says what to do; nothing was changed."""
    try:
        yield
    except psycopg.errors.InsufficientPrivilege as exc:
        raise DistrictError(
            f"The server refused: {exc.diag.message_primary}. Use the district database's "
            "owner, a role that may create roles."
        ) from None
    except psycopg.Error as exc:
        raise DistrictError(f"The server refused: {exc.diag.message_primary or exc}.") from None
