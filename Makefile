# Two commands set everything up on a fresh machine with only Python 3.11+:
#   make demo   creates .venv, installs newskg, extracts the bundled example article, prints a SPARQL result
#   make test   creates .venv, installs newskg with test extras, runs the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
NEWSKG := $(VENV)/bin/newskg
STAMP  := $(VENV)/.installed

.PHONY: demo test venv clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	mkdir -p demo-out
	$(NEWSKG) extract src/newskg/examples/nextren-2022-09-12-putin-xi.txt -o demo-out/example.trig
	$(NEWSKG) query demo-out/example.trig queries/meetings.rq

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) demo-out build src/*.egg-info
