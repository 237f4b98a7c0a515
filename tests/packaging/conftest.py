"""The packaging/ scripts, importable by the packaging tests (packaging/ is not a package)."""

import importlib
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


@pytest.fixture
def build_info(monkeypatch):
    monkeypatch.syspath_prepend(str(PACKAGING))
    return importlib.import_module("build_info")


@pytest.fixture
def make_icons(monkeypatch):
    monkeypatch.syspath_prepend(str(PACKAGING))
    return importlib.import_module("make_icons")
