# Two commands on a fresh machine with Python 3: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint compat bench soak screenshots clean

# setuptools' "Editable installation" note says that folders named like the packages in the
# working directory take precedence over them: here they are the packages, so it is muted.
$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS='ignore:Editable installation' $(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/charter-builder

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/python tests/compat/run_compat.py

# The binding checks and a GUI smoke test under each Python 3.10-3.13 found, in .venv-compat/.
compat: $(STAMP)
	$(BIN)/python tests/compat/run_compat.py

# The fault trials at their larger counts (30 kills mid-typing, the hostile-input families, the
# library faults, two starts on one library); SOAK_KILLS=N changes the number of kills.
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "" --durations=15 tests/reliability

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks.run_all

# The Linux packages in dist/: a .deb and a .tar.gz of the PyInstaller one-folder build.
package: $(STAMP)
	$(BIN)/python packaging/build_linux.py --out dist

# The README's pictures, in docs/screenshots/ (small PNGs, committed); the full set of every
# screen goes to screenshots/ with `python -m desktop.screenshots --out screenshots --all`.
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m desktop.screenshots --out docs/screenshots --readme

clean:
	rm -rf $(VENV) .venv-compat build dist *.egg-info screenshots
