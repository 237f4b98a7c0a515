"""Many pilots' views read at once (the portfolio's way) are each pilot's own view."""

from datetime import UTC, date, datetime

from app.services.pilots import delete_pilot, list_pilots, pilot_detail, pilot_details

TODAY = date(2026, 11, 25)


def test_pilots_read_together_match_each_pilot_read_alone(demo_store):
    ids = [row.id for row in list_pilots(demo_store, TODAY)]

    together = pilot_details(demo_store, ids, TODAY)

    assert set(together) == set(ids)
    for pilot_id in ids:
        assert together[pilot_id] == pilot_detail(demo_store, pilot_id, TODAY)
    # The demo's pilots have log entries and surveys, so each pilot's own rows were sorted out.
    assert any(detail.log for detail in together.values())
    assert any(detail.surveys.teachers for detail in together.values())
    assert any(detail.statements.statements for detail in together.values())
    assert len({len(detail.log) for detail in together.values()}) > 1


def test_pilots_read_together_leave_out_a_deleted_pilot(demo_store):
    ids = [row.id for row in list_pilots(demo_store, TODAY)]
    delete_pilot(demo_store, ids[0], datetime(2026, 11, 25, 9, 0, tzinfo=UTC))

    together = pilot_details(demo_store, ids, TODAY)

    assert set(together) == set(ids[1:])


def test_no_pilots_read_together_is_nothing(demo_store):
    assert pilot_details(demo_store, [], TODAY) == {}
