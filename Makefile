# Every target creates the virtual environment itself when it is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
BENCH_STAMP := $(VENV)/.installed-bench
PYTEST_ARGS ?=

.PHONY: demo test test-all-pythons bench lint format clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[bench]'
	touch $@

demo: $(STAMP)
	cd examples/newsroom && ../../$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# Runs the suite on Python 3.13 as well, in its own venv, when the machine has it.
test-py313:
	@P=""; for c in "$$(pyenv root 2>/dev/null)/versions/3.13.0/bin/python3.13" "$$(command -v python3.13)"; do \
		if [ -n "$$c" ] && "$$c" -c 'import sys' >/dev/null 2>&1; then P="$$c"; break; fi; done; \
	if [ -n "$$P" ]; then $(MAKE) test PYTHON="$$P" VENV=.venv313; else echo "python3.13 not found: skipped"; fi

bench: $(BENCH_STAMP)
	@command -v wrk >/dev/null || apt-get install -y wrk >/dev/null 2>&1 || echo "wrk is not installed: the server benchmark will be skipped"
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks examples
	$(BIN)/ruff format src tests benchmarks examples

clean:
	rm -rf $(VENV) .venv313 build dist src/*.egg-info
