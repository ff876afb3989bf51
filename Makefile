# The two commands a newcomer needs: `make demo` and `make test`.
# Both bootstrap .venv from nothing; a second run only checks that it is up to date.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint types pytest clean venv browser system

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP) system
	$(BIN)/crm-assess demo

test: $(STAMP) system browser lint types pytest

# The libraries WeasyPrint loads: Pango to lay out text, HarfBuzz's subsetter to embed only the
# glyphs a PDF uses (without it WeasyPrint falls back to fontTools, about half a second slower
# per report). Installed with apt-get when missing; elsewhere, a hint.
SYSTEM_LIBS := libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
  libharfbuzz-subset.so.0:libharfbuzz-subset0
system:
	@missing=""; for pair in $(SYSTEM_LIBS); do \
	  /sbin/ldconfig -p 2>/dev/null | grep -q "$${pair%%:*} " || missing="$$missing $${pair##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's$$missing for the PDF reports"; \
	    SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	    { $$SUDO apt-get update -qq && \
	      $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; } || \
	      echo "warning: could not install$$missing; PDF reports need Pango and are slower without the subsetter"; \
	  else echo "PDF reports need these libraries (Debian names):$$missing"; fi; \
	fi

# The browser tests drive Debian's chromium through Playwright (never `playwright install`).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check assessor tests bench
	$(BIN)/ruff format --check assessor tests bench

types: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) browser
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
