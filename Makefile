# Two commands: `make run` (demo on SQLite, no servers) and `make test` (real PostgreSQL/Redis).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test bench venv venv-dev messages lint clean otp

$(VENV)/.prod-installed: requirements/production.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements/production.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements/dev.txt
	touch $@ $(VENV)/.prod-installed

venv: $(VENV)/.prod-installed
venv-dev: $(VENV)/.dev-installed

messages:
	$(PY) manage.py compilemessages --ignore=.venv -v 0

run:
	bash scripts/system-deps.sh run
	$(MAKE) venv messages
	bash scripts/run.sh

test:
	bash scripts/system-deps.sh test
	$(MAKE) venv-dev messages
	bash scripts/test.sh

bench:
	bash scripts/system-deps.sh test
	$(MAKE) venv-dev messages
	bash scripts/bench.sh

# The demo's one-time password of a signer, without activating the virtualenv:
# `make otp user=approver` runs `.venv/bin/python manage.py otp_code approver`.
otp:
	@test -n "$(user)" || { echo "usage: make otp user=approver"; exit 2; }
	$(PY) manage.py otp_code $(user)

lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf var staticfiles
