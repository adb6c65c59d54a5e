# The README's commands. `make run` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck bench messages clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalls only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_caselaw
	$(BIN)/python manage.py create_demo_accounts
	@echo "Serving on http://127.0.0.1:8000/ (case library at /cases/, API docs at /api/docs/)"
	@echo "Reports are built by a Celery worker started beside it (a filesystem broker under var/ without Redis)"
	@$(BIN)/celery -A aigc_copyright worker -B --pool=solo --loglevel=WARNING \
		--schedule var/celerybeat-schedule & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy assessments/creation_logs assessments/rules

bench: install
	$(BIN)/python -m bench

# Needs Debian's gettext; the compiled .mo files are committed so that users do not.
messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var
	$(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
