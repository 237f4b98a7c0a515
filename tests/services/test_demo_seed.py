"""The sample district's seed: another seed gives another district of the same size (the
district benchmark gives each coach their own), the same seed the same one."""

from datetime import date

from app.cli import main
from app.services.demo import SIZES, build_demo
from app.services.teachers import list_teachers
from app.store import Store

TODAY = date(2026, 11, 25)


def _teachers(store: Store) -> list[tuple]:
    return sorted((t.name, t.grades, t.subjects, t.room) for t in list_teachers(store))


def _build(path, *, seed: int | None, today: date = TODAY) -> tuple[dict, list[tuple]]:
    with Store.open(path, backup_on_open=False) as store:
        counts = build_demo(store, "small", today=today, seed=seed)
        return counts, _teachers(store)


def test_another_seed_gives_other_teachers_in_a_district_of_the_same_size(tmp_path):
    usual_counts, usual_teachers = _build(tmp_path / "usual.sqlite3", seed=None)
    other_counts, other_teachers = _build(tmp_path / "other.sqlite3", seed=7)

    for table in ("schools", "teachers", "cycles", "observations", "intervals", "pilots"):
        assert other_counts[table] == usual_counts[table]
    assert len(other_teachers) == len(usual_teachers) == 25
    assert other_teachers != usual_teachers


def test_the_size_own_seed_is_the_default(tmp_path):
    default = _build(tmp_path / "default.sqlite3", seed=None)
    named = _build(tmp_path / "named.sqlite3", seed=SIZES["small"].seed)

    assert named == default


def test_the_same_seed_gives_the_same_district(tmp_path):
    assert _build(tmp_path / "one.sqlite3", seed=7) == _build(tmp_path / "two.sqlite3", seed=7)


def test_coachbook_demo_takes_a_seed(tmp_path, capsys):
    from_cli = tmp_path / "cli.sqlite3"

    assert main(["--db", str(from_cli), "demo", "--seed", "7"]) == 0

    assert "Sample district (small) written to" in capsys.readouterr().out
    with Store.open(from_cli, backup_on_open=False) as store:
        cli_teachers = _teachers(store)
    _, same_seed_teachers = _build(tmp_path / "direct.sqlite3", seed=7, today=date.today())
    _, usual_teachers = _build(tmp_path / "usual.sqlite3", seed=None, today=date.today())
    assert cli_teachers == same_seed_teachers
    assert cli_teachers != usual_teachers
