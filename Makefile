# The two commands a new user runs: `make up` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: up test lint typecheck check bench contracts conformance images release clean-data

$(STAMP): requirements.txt libs/servicekit/pyproject.toml libs/domain/pyproject.toml \
          tools/devstack/pyproject.toml \
          gateway/pyproject.toml $(wildcard services/*/pyproject.toml)
	@$(PYTHON) tools/check_prerequisites.py python
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e libs/servicekit -e libs/domain -e tools/devstack \
	  -e gateway \
	  $(foreach s,$(wildcard services/*),-e $(s))
	@touch $(STAMP)

venv: $(STAMP)

up: $(STAMP)
	$(PY) -m devstack up

test: $(STAMP)
	$(PY) -m devstack test $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy libs/servicekit/servicekit libs/domain/backoffice_domain \
	  gateway/backoffice_gateway tools/devstack/devstack \
	  $(foreach s,$(wildcard services/*),$(s)/$(notdir $(s))_service)

check: lint typecheck

contracts: $(STAMP)
	$(PY) -m devstack contracts

# Reading bank statements written by others (SAMPLES=<folder>, by default
# ../shared/samples/bank-statements); not part of `make test`.
conformance: $(STAMP)
	$(PY) -m pytest conformance

bench: $(STAMP)
	$(PY) -m devstack bench $(ARGS)

# The gateway's, the services' and the portal's images, built with podman (deploy/images/).
images: $(STAMP)
	$(PY) -m devstack images

# The images, tagged VERSION, pushed to REGISTRY (<host>/<path>) and the production overlay pinned
# to them by digest (deploy/k8s/overlays/production/release/).
VERSION ?= 1.0.0
release: $(STAMP)
	$(PY) -m devstack release --registry "$(REGISTRY)" --version "$(VERSION)" $(ARGS)

clean-data:
	rm -rf .data
