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

models-id: models-corpus
	$(SPACY) train training/configs/ner_id.cfg --output $(BUILD)/ner-id --paths.train $(CORPUS)/ner-id/train --paths.dev $(CORPUS)/ner-id/dev
	$(SPACY) train training/configs/ud_id.cfg --output $(BUILD)/ud-id --paths.train $(CORPUS)/ud-id/train --paths.dev $(CORPUS)/ud-id/dev
	$(TRAIN_PY) training/package.py --lang id --ud $(BUILD)/ud-id/model-best --ner $(BUILD)/ner-id/model-best --out $(BUILD)/pipeline-id
	$(TRAIN_PY) training/evaluate.py --model $(BUILD)/pipeline-id --lang id --corpus $(CORPUS) --out $(BUILD)/scores-id.json
	$(TRAIN_PY) training/package.py --lang id --ud $(BUILD)/ud-id/model-best --ner $(BUILD)/ner-id/model-best --scores $(BUILD)/scores-id.json

models-en: models-corpus
	$(SPACY) train training/configs/ner_en.cfg --output $(BUILD)/ner-en --paths.train $(CORPUS)/ner-en/train --paths.dev $(CORPUS)/ner-en/dev
	$(SPACY) train training/configs/ud_en.cfg --output $(BUILD)/ud-en --paths.train $(CORPUS)/ud-en/train --paths.dev $(CORPUS)/ud-en/dev
	$(TRAIN_PY) training/package.py --lang en --ud $(BUILD)/ud-en/model-best --ner $(BUILD)/ner-en/model-best --out $(BUILD)/pipeline-en
	$(TRAIN_PY) training/evaluate.py --model $(BUILD)/pipeline-en --lang en --corpus $(CORPUS) --out $(BUILD)/scores-en.json
	$(TRAIN_PY) training/package.py --lang en --ud $(BUILD)/ud-en/model-best --ner $(BUILD)/ner-en/model-best --scores $(BUILD)/scores-en.json
