# Tongxin: the two quick-start commands are `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

.PHONY: demo test lint serve worker install clean-demo bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# axe-core for the accessibility crawl (tests/e2e/test_axe_crawl.py), pinned in package-lock.json.
# Test-only and optional outside CI: without npm the crawl skips loudly; under CI=true it fails.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix . --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI=true and no npm: the accessibility crawl needs axe-core (apt-get install npm)" >&2; exit 1; \
	else \
		echo "!!! npm not found: axe-core is not installed, the accessibility crawl will be SKIPPED" >&2; \
	fi

install: $(VENV)/.installed node_modules/.installed

demo: install
	$(BIN)/tongxin migrate --no-input -v0
	$(BIN)/tongxin demo
	$(BIN)/tongxin collectstatic --no-input -v0
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/tongxin worker & worker=$$!; \
	$(BIN)/tongxin serve

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests conftest.py bench
	$(BIN)/mypy src

serve: install
	$(BIN)/tongxin migrate --no-input -v0
	$(BIN)/tongxin collectstatic --no-input -v0
	$(BIN)/tongxin serve

worker: install
	$(BIN)/tongxin worker

clean-demo:
	rm -f var/tongxin.sqlite3 var/tongxin.sqlite3-wal var/tongxin.sqlite3-shm

# The benchmark suite (docs/performance.md); `bench/run --help` lists its options.
bench: install
	bench/run
