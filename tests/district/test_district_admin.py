"""`coachbook district init / add-coach / remove-coach / add-director` against a real server:
the schema, the roles, and row-level security deciding who reads and writes what."""

import uuid

import psycopg
import pytest

from app.cli import main
from app.services.district.address import DistrictError, parse_address, tls_options
from app.services.district.records import synced_tables
from app.store import HEAD_REVISION


def district(*args: str) -> int:
    return main(["district", *args])


def connection_line(capsys, *args: str) -> str:
    assert district(*args) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


@pytest.fixture
def initialised(district_db, capsys):
    assert district("init", "--url", district_db) == 0
    capsys.readouterr()
    return district_db


def add_teacher(url: str, name: str, coach_id: uuid.UUID | None = None) -> uuid.UUID:
    teacher = uuid.uuid4()
    columns = "id, created_at, updated_at, name, grades, subjects, room, email, notes, archived"
    values = "%s, now(), now(), %s, '', '', '', '', '', false"
    parameters = [teacher, name]
    if coach_id is not None:
        columns += ", coach_id"
        values += ", %s"
        parameters.append(coach_id)
    with psycopg.connect(url) as connection:
        connection.execute(f"INSERT INTO teacher ({columns}) VALUES ({values})", parameters)
    return teacher


def teacher_names(url: str) -> set[str]:
    with psycopg.connect(url) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM teacher")}


def coach_id_of(admin_url: str, role: str) -> uuid.UUID:
    with psycopg.connect(admin_url) as connection:
        return connection.execute("SELECT id FROM coach WHERE role_name = %s", [role]).fetchone()[0]


def test_init_creates_every_table_with_a_coach_and_row_level_security(district_db, capsys):
    assert district("init", "--url", district_db) == 0
    out = capsys.readouterr().out
    assert f"District schema {HEAD_REVISION} created" in out
    with psycopg.connect(district_db) as connection:
        protected = dict(
            connection.execute(
                "SELECT relname, relrowsecurity FROM pg_class WHERE relkind = 'r' "
                "AND relnamespace = 'public'::regnamespace"
            ).fetchall()
        )
        with_coach = {
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.columns WHERE column_name = 'coach_id'"
            )
        }
        groups = {
            row[0]
            for row in connection.execute(
                "SELECT rolname FROM pg_roles WHERE rolname LIKE 'coachbook_%'"
            )
        }
    for table in synced_tables():
        assert protected[table] is True, table
        assert table in with_coach, table
    assert protected["coach"] is True
    assert {"coachbook_coach", "coachbook_director"} <= groups


def test_init_twice_upgrades_nothing_and_keeps_the_data(initialised, capsys):
    line = connection_line(capsys, "add-coach", "--url", initialised, "Ana Ruiz")
    add_teacher(line, "Kept Teacher")
    assert district("init", "--url", initialised) == 0
    assert f"already at {HEAD_REVISION}" in capsys.readouterr().out
    assert teacher_names(line) == {"Kept Teacher"}


def test_a_coach_reads_and_writes_only_their_own_rows(initialised, capsys):
    ana = connection_line(capsys, "add-coach", "--url", initialised, "Ana Ruiz")
    ben = connection_line(capsys, "add-coach", "--url", initialised, "Ben Okafor")
    assert parse_address(ana).user == "coach_ana_ruiz"
    assert parse_address(ben).user == "coach_ben_okafor"

    add_teacher(ana, "Ana's teacher")
    add_teacher(ben, "Ben's teacher")
    assert teacher_names(ana) == {"Ana's teacher"}
    assert teacher_names(ben) == {"Ben's teacher"}

    # Ana cannot write a row in Ben's name, nor change or delete Ben's rows.
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        add_teacher(ana, "Forged", coach_id=coach_id_of(initialised, "coach_ben_okafor"))
    with psycopg.connect(ana) as connection:
        changed = connection.execute("UPDATE teacher SET name = 'Hijacked'").rowcount
        deleted = connection.execute("DELETE FROM teacher WHERE name = %s", ["Ben's teacher"])
        assert (changed, deleted.rowcount) == (1, 0)
    assert teacher_names(ben) == {"Ben's teacher"}
    assert teacher_names(ana) == {"Hijacked"}


def test_the_director_reads_everything_and_writes_nothing(initialised, capsys):
    ana = connection_line(capsys, "add-coach", "--url", initialised, "Ana Ruiz")
    ben = connection_line(capsys, "add-coach", "--url", initialised, "Ben Okafor")
    director = connection_line(capsys, "add-director", "--url", initialised, "Dana Cole")
    assert parse_address(director).user == "director_dana_cole"
    add_teacher(ana, "Ana's teacher")
    add_teacher(ben, "Ben's teacher")

    assert teacher_names(director) == {"Ana's teacher", "Ben's teacher"}
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        add_teacher(director, "Director's own")
    with (
        psycopg.connect(director) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("UPDATE teacher SET name = 'x'")
    with psycopg.connect(director) as connection:
        coaches = {row[0] for row in connection.execute("SELECT name FROM coach")}
    assert coaches == {"Ana Ruiz", "Ben Okafor"}


def test_the_connection_line_is_the_last_line_and_its_password_works(initialised, capsys):
    assert district("add-coach", "--url", initialised, "Zoë Ngata") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    address = parse_address(lines[-1])
    assert lines[-1].startswith("postgresql://coach_zoe_ngata:")
    assert address.password and len(address.password) >= 24
    wrong = address.url(user=address.user, password="not-the-password")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(wrong).close()
    psycopg.connect(lines[-1]).close()


def test_two_coaches_with_one_name_get_two_roles(initialised, capsys):
    first = connection_line(capsys, "add-coach", "--url", initialised, "Sam Lee")
    second = connection_line(capsys, "add-coach", "--url", initialised, "Sam Lee")
    assert (parse_address(first).user, parse_address(second).user) == (
        "coach_sam_lee",
        "coach_sam_lee_2",
    )


def test_a_removed_coach_cannot_log_in_and_their_rows_stay(initialised, capsys):
    ana = connection_line(capsys, "add-coach", "--url", initialised, "Ana Ruiz")
    director = connection_line(capsys, "add-director", "--url", initialised, "Dana Cole")
    add_teacher(ana, "Ana's teacher")

    assert district("remove-coach", "--url", initialised, "Ana Ruiz") == 0
    assert "can no longer log in" in capsys.readouterr().out
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(ana).close()
    assert teacher_names(director) == {"Ana's teacher"}

    assert district("remove-coach", "--url", initialised, "Ana Ruiz") == 1
    assert "No coach called “Ana Ruiz”" in capsys.readouterr().err


def test_commands_before_init_say_to_run_init(district_db, capsys):
    assert district("add-coach", "--url", district_db, "Ana Ruiz") == 1
    assert "run `coachbook district init" in capsys.readouterr().err


def test_a_district_newer_than_this_coachbook_is_not_touched(initialised, capsys):
    with psycopg.connect(initialised) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    assert district("init", "--url", initialised) == 1
    assert "newer than this Coachbook" in capsys.readouterr().err


def test_a_wrong_password_or_a_bad_line_is_one_clear_line(postgres, initialised, capsys):
    wrong = parse_address(initialised).url(user="coachbook_admin", password="wrong")
    assert district("init", "--url", wrong) == 1
    err = capsys.readouterr().err
    assert "did not accept the password" in err and "wrong" not in err
    assert district("init", "--url", "mysql://host/db") == 1
    assert "should look like postgresql://" in capsys.readouterr().err


@pytest.mark.parametrize(
    "host, expected",
    [("db.district.k12.us", "require"), ("localhost", "prefer"), ("127.0.0.1", "prefer")],
)
def test_remote_servers_are_encrypted(host, expected):
    address = parse_address(f"postgresql://coach@{host}/district")
    assert tls_options(address)["sslmode"] == expected


def test_a_ca_file_checks_the_server_name(tmp_path):
    ca = tmp_path / "district-ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    address = parse_address("postgresql://coach@db.district.k12.us/district")
    assert tls_options(address, ca) == {"sslmode": "verify-full", "sslrootcert": str(ca)}
    with pytest.raises(DistrictError, match="is not there"):
        tls_options(address, tmp_path / "missing.pem")
