"""Two imports at once never add the roster twice: the plan is checked again inside the
write transaction (issue 11)."""

import threading

import pytest

from app.services.roster import RosterError, apply_import, plan_import, read_roster
from app.services.teachers import list_teachers
from app.store import Store


@pytest.fixture
def roster(tmp_path):
    path = tmp_path / "roster.csv"
    lines = ["Name,School"] + [f"Teacher {n:03d},Pinecrest" for n in range(200)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_planned_before_another_landed_is_refused_whole(db_path, roster):
    rows = read_roster(roster)
    with Store.open(db_path) as first, Store.open(db_path) as second:
        first_plan, second_plan = plan_import(first, rows), plan_import(second, rows)
        assert len(first_plan.to_add) == len(second_plan.to_add) == 200
        assert apply_import(first, first_plan).added == 200
        with pytest.raises(RosterError, match="changed while the roster was being checked"):
            apply_import(second, second_plan)
        assert len(list_teachers(second)) == 200


def test_two_imports_racing_in_threads_add_each_teacher_once(db_path, roster):
    rows = read_roster(roster)
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def import_it():
        with Store.open(db_path) as store:
            plan = plan_import(store, rows)
            start.wait()
            try:
                outcomes.append(f"added {apply_import(store, plan).added}")
            except RosterError:
                outcomes.append("refused")

    Store.open(db_path).close()
    threads = [threading.Thread(target=import_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["added 200", "refused"]
    with Store.open(db_path) as store:
        assert len(list_teachers(store)) == 200
