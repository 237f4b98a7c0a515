"""`coachbook district init` adds the indexes the director's dashboard reads by, on a real
server, and adds them once however often init runs."""

import psycopg

from app.cli import main
from app.services.district.schema import DASHBOARD_INDEXES


def _indexes(url: str) -> dict[str, tuple[str, bool]]:
    """Each index's table, and whether PostgreSQL may use it."""
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT i.relname, t.relname, x.indisvalid FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'"
        ).fetchall()
    return {name: (table, valid) for name, table, valid in rows}


def test_init_creates_the_dashboard_indexes(district_db, capsys):
    assert main(["district", "init", "--url", district_db]) == 0

    found = _indexes(district_db)
    for name, table, _ in DASHBOARD_INDEXES:
        assert found[name] == (table, True)
    assert found["ix_cycle_session_done_on"] == ("cycle_session", True)
    assert found["ix_observation_interval_totals"] == ("observation_interval", True)


def test_init_twice_keeps_one_of_each_index(district_db, capsys):
    assert main(["district", "init", "--url", district_db]) == 0
    first = _indexes(district_db)

    assert main(["district", "init", "--url", district_db]) == 0

    assert "was already at" in capsys.readouterr().out
    assert _indexes(district_db) == first


def test_init_adds_the_indexes_to_a_district_set_up_without_them(district_db, capsys):
    assert main(["district", "init", "--url", district_db]) == 0
    with psycopg.connect(district_db) as connection:
        for name, _, _ in DASHBOARD_INDEXES:
            connection.execute(f'DROP INDEX "{name}"')
    assert not {name for name, _, _ in DASHBOARD_INDEXES} & set(_indexes(district_db))

    assert main(["district", "init", "--url", district_db]) == 0

    assert {name for name, _, _ in DASHBOARD_INDEXES} <= set(_indexes(district_db))
