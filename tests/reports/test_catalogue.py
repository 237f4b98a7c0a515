"""The catalogue of documents: each one gathered from its subject and written, as the Reports
screen and `coachbook export` make it."""

import argparse
from datetime import date

import pytest

from app.cli import build_parser
from app.reports import ExportCancelled
from app.reports.catalogue import BY_COMMAND, BY_KEY, CSV, DOCUMENTS
from app.services.cycles import list_cycles
from app.services.observations import list_observations
from app.services.pilots import list_pilots
from app.services.tools import list_tools

TODAY = date(2026, 11, 25)


def subjects(store) -> dict:
    cycle = list_cycles(store, TODAY)[0]
    return {
        "teacher": (cycle.teacher_id, cycle.id),
        "observation": list_observations(store)[0].id,
        "pilot": list_pilots(store, TODAY)[0].id,
        "tool": list_tools(store, TODAY)[0].id,
        "portfolio": "2026-2027",
    }


@pytest.mark.parametrize("key", [d.key for d in DOCUMENTS if d.is_pdf])
def test_each_pdf_is_written_from_its_subject_with_its_title_on_the_first_page(
    key, demo_store, tmp_path, pdf_text
):
    document = BY_KEY[key]
    data = document.gather(demo_store, subjects(demo_store)[key], TODAY)
    out = tmp_path / f"{key}.pdf"
    pages = document.write(data, out)
    text = pdf_text(out)
    assert pages == len(text.pages) >= 1
    assert document.title.upper() in " ".join(text.pages[0].split())
    # What the CLI says it wrote names whom or what the document is about.
    field = {
        "teacher": "teacher_name",
        "observation": "teacher_name",
        "pilot": "tool",
        "tool": "tool",
        "portfolio": "school_year",
    }[key]
    assert getattr(data, field) in document.what(data)


def test_the_csv_files_leave_private_notes_out_unless_asked(demo_store, tmp_path):
    document = BY_KEY[CSV]

    def note_rows(include_private: bool) -> list[dict]:
        tables = document.gather(demo_store, include_private, TODAY)
        notes = next(t for t in tables if t.name == "note")
        return [dict(zip(notes.columns, row, strict=True)) for row in notes.rows]

    shared = note_rows(False)
    everything = note_rows(True)
    assert shared and all(row["is_private"] == "false" for row in shared)
    assert any(row["is_private"] == "true" for row in everything)
    written = document.write(document.gather(demo_store, False, TODAY), tmp_path / "csv")
    assert sorted(p.name for p in written) == sorted(p.name for p in (tmp_path / "csv").iterdir())
    assert document.what(document.gather(demo_store, False, TODAY)).startswith(
        f"{len(written)} CSV files"
    )


def test_a_cancel_stops_gathering_the_portfolio(demo_store):
    def cancel():
        raise ExportCancelled

    with pytest.raises(ExportCancelled):
        BY_KEY["portfolio"].gather(demo_store, "2026-2027", TODAY, cancel)


def test_every_export_command_names_a_document_and_every_document_has_one():
    parser = build_parser()
    export = next(
        action.choices["export"]
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    commands = next(
        action.choices
        for action in export._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    # The observation file is for a colleague's calibration, not a document of the catalogue.
    assert set(commands) - {"observation-data"} == set(BY_COMMAND)
    assert len({d.key for d in DOCUMENTS}) == len(DOCUMENTS)
