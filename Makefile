# Coachbook: `make run` starts the app, `make test` runs every check. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGE_STAMP := $(VENV)/.installed-package

.PHONY: run test lint bench package package-check clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coachbook

lint: $(STAMP)
	$(BIN)/ruff check app tests benchmarks packaging
	$(BIN)/ruff format --check app tests benchmarks packaging
	$(BIN)/lint-imports

test: lint
	bash .ci/system-packages
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n 2

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run_all.py

# PyInstaller only for the desktop build, so `make test` never needs it.
$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $(PACKAGE_STAMP)

# The one-folder desktop build in dist/Coachbook/, then its headless smoke test.
package: $(PACKAGE_STAMP)
	$(BIN)/python packaging/build.py

# The smoke test alone, on the build already in dist/Coachbook/.
package-check: $(STAMP)
	$(BIN)/python packaging/build.py --check-only

clean:
	rm -rf $(VENV) build dist *.egg-info
