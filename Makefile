# Two commands set everything up on a fresh machine with only Python 3.11+:
#   make demo   creates .venv, installs newskg, extracts the bundled example article, prints a SPARQL result
#   make test   creates .venv, installs newskg with test extras, runs the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
NEWSKG := $(VENV)/bin/newskg
STAMP  := $(VENV)/.installed

.PHONY: demo test venv clean models models-id models-en models-corpus

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

# ---------------------------------------------------------------------------------------------
# Rebuild the bundled spaCy pipelines (src/newskg/models/{id,en}) from the annotated data:
#   make models DATA=../shared/data
# convert -> train -> evaluate -> package. Not part of `make test`. Needs
# spacy-lookups-data in the training environment (TRAIN_PY); takes about 2 hours on 2 CPU cores.
# Training data and runs stay in training/build (git-ignored). See training/README.md.
DATA     ?= ../shared/data
TRAIN_PY ?= $(PY)
BUILD    := training/build
CORPUS   := $(BUILD)/corpus
SPACY    := PYTHONUNBUFFERED=1 $(TRAIN_PY) -m spacy

models: models-id models-en

models-corpus:
	$(TRAIN_PY) -c "import spacy_lookups_data" || { echo "models: needs $(TRAIN_PY) with spaCy and spacy-lookups-data (make venv, then pip install spacy-lookups-data; or set TRAIN_PY=)"; exit 1; }
	$(TRAIN_PY) training/convert.py --data $(DATA) --out $(CORPUS)

# one language: make models-id / make models-en
models-id models-en: models-%: models-corpus
	$(SPACY) train training/configs/ner_$*.cfg --output $(BUILD)/ner-$* --paths.train $(CORPUS)/ner-$*/train --paths.dev $(CORPUS)/ner-$*/dev
	$(SPACY) train training/configs/ud_$*.cfg --output $(BUILD)/ud-$* --paths.train $(CORPUS)/ud-$*/train --paths.dev $(CORPUS)/ud-$*/dev
	$(TRAIN_PY) training/package.py --lang $* --ud $(BUILD)/ud-$*/model-best --ner $(BUILD)/ner-$*/model-best --out $(BUILD)/pipeline-$*
	$(TRAIN_PY) training/evaluate.py --model $(BUILD)/pipeline-$* --lang $* --corpus $(CORPUS) --out $(BUILD)/scores-$*.json
	$(TRAIN_PY) training/package.py --lang $* --ud $(BUILD)/ud-$*/model-best --ner $(BUILD)/ner-$*/model-best --scores $(BUILD)/scores-$*.json
