"""`coachbook list` prints percentages as the screens show them, rounded once."""

import json
import shutil
from datetime import date

import pytest

from app.cli import main
from app.models.pilots import UTILISATION_FLOOR_PCT
from app.services.observations import list_observations
from app.services.pilots import list_pilots
from app.store import Store
from app.text import percent, percent_against


@pytest.fixture
def notebook(small_demo_template, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(small_demo_template, path)
    return path


def printed_percentages(capsys, *args: str) -> list[str]:
    assert main(list(args)) == 0
    out = capsys.readouterr().out
    return sorted(cell for line in out.splitlines() for cell in line.split() if cell.endswith("%"))


def test_on_task_in_the_list_is_the_observation_screens_figure(notebook, capsys):
    with Store.open(notebook) as store:
        on_screen = sorted(
            percent(row.time_on_task_pct)
            for row in list_observations(store)
            if row.time_on_task_pct is not None
        )
    printed = printed_percentages(capsys, "list", "observations", "--db", str(notebook))
    assert on_screen and printed == on_screen


def test_utilisation_in_the_list_is_the_pilots_screens_figure(notebook, capsys):
    with Store.open(notebook) as store:
        on_screen = sorted(
            percent_against(row.utilisation_pct, UTILISATION_FLOOR_PCT)
            for row in list_pilots(store, date.today())
            if row.utilisation_pct is not None
        )
    printed = printed_percentages(capsys, "list", "pilots", "--db", str(notebook))
    assert on_screen and printed == on_screen


def test_json_keeps_percentages_to_one_decimal(notebook, capsys):
    assert main(["list", "observations", "--json", "--db", str(notebook)]) == 0
    values = [r["time_on_task_pct"] for r in json.loads(capsys.readouterr().out)]
    assert values and all(v is None or round(v, 1) == v for v in values)
