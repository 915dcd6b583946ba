"""The bundled spaCy pipelines load offline and carry the components and labels MODELS.md promises.

Each test skips when the model folder is absent (a checkout without the trained models).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import newskg  # noqa: E402

MODELS = Path(newskg.__file__).parent / "models"

NER_LABELS = {"id": {"PERSON", "ORG", "LOC", "EVENT"}, "en": {"PER", "ORG", "LOC", "MISC"}}
COMPONENTS = ["tok2vec", "tagger", "morphologizer", "parser", "ner", "lemmatizer"]
# relations the argument reader needs: subject, passive subject, object, oblique, coordination,
# apposition (UD labels in both treebanks)
DEP_LABELS = {"ROOT", "nsubj", "nsubj:pass", "obj", "obl", "conj", "cc", "appos", "case"}
TAGS = {"id": {"NNP", "VB", "NN"}, "en": {"NNP", "VBD", "NN", "IN"}}
LEMMA_TABLES = {"id": {"lemma_lookup"}, "en": {"lemma_rules", "lemma_index", "lemma_exc"}}

# short texts written for these tests
TEXTS = {
    "id": ("Menteri Luar Negeri Retno Marsudi menerima kunjungan Menteri Luar Negeri Jepang di "
           "Jakarta pada hari Selasa. Kedua menteri membahas kerja sama perdagangan dan "
           "pendidikan."),
    "en": ("Foreign Minister Retno Marsudi received her Japanese counterpart in Jakarta on "
           "Tuesday. The two ministers discussed trade and education."),
}


def model_dir(lang: str) -> Path:
    """Folder of a shipped model; skips the test when it is absent."""
    path = MODELS / lang
    if not (path / "meta.json").exists():
        pytest.skip(f"no shipped model in {path}")
    return path


@pytest.fixture(scope="module", params=["id", "en"])
def loaded(request):
    lang = request.param
    return lang, spacy.load(model_dir(lang))


def test_components_in_order(loaded):
    lang, nlp = loaded
    assert nlp.pipe_names == COMPONENTS
    assert nlp.lang == lang


def test_ner_labels_are_the_scheme(loaded):
    lang, nlp = loaded
    assert set(nlp.get_pipe("ner").labels) == NER_LABELS[lang]


def test_parser_and_tagger_labels(loaded):
    lang, nlp = loaded
    assert DEP_LABELS <= set(nlp.get_pipe("parser").labels)
    assert TAGS[lang] <= set(nlp.get_pipe("tagger").labels)
    pos = {label.split("POS=")[1].split("|")[0] for label in nlp.get_pipe("morphologizer").labels
           if "POS=" in label}
    assert {"NOUN", "VERB", "PROPN", "ADP"} <= pos


def test_tokenizer_is_spacys_default(loaded):
    lang, nlp = loaded
    blank = spacy.blank(lang)
    text = TEXTS[lang] + " (e-mail: info@contoh.id) 12/9/2022 AS$5,5 miliar"
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in blank.make_doc(text)]


def test_doc_is_fully_annotated(loaded):
    lang, nlp = loaded
    doc = nlp(TEXTS[lang])
    for attr in ("TAG", "POS", "MORPH", "DEP", "SENT_START", "LEMMA"):
        assert doc.has_annotation(attr), attr
    assert all(t.tag_ and t.pos_ and t.dep_ and t.lemma_ for t in doc)
    sents = list(doc.sents)
    assert sents and sum(len(s) for s in sents) == len(doc)
    for sent in sents:  # a parse gives each sentence exactly one root
        assert sum(1 for t in sent if t.dep_ == "ROOT") == 1
    assert all(e.label_ in NER_LABELS[lang] for e in doc.ents)


def test_loads_without_spacy_lookups_data(monkeypatch):
    """The lemma and norm tables travel inside the models: no runtime package is needed."""
    for lang in ("id", "en"):
        path = model_dir(lang)
        monkeypatch.setitem(sys.modules, "spacy_lookups_data", None)  # any import now fails
        nlp = spacy.load(path)
        assert LEMMA_TABLES[lang] <= set(nlp.get_pipe("lemmatizer").lookups.tables)
        assert "lexeme_norm" in nlp.vocab.lookups.tables
        assert all(t.lemma_ for t in nlp(TEXTS[lang]))


def test_indonesian_lemmas_come_from_the_lookup_table():
    nlp = spacy.load(model_dir("id"))
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    doc = nlp(TEXTS["id"])
    for token in doc:
        if token.text in table:
            assert token.lemma_ == table[token.text]


def test_all_models_fit_the_size_budget():
    sizes = {lang: sum(p.stat().st_size for p in model_dir(lang).rglob("*") if p.is_file())
             for lang in ("id", "en")}
    assert sum(sizes.values()) <= 40 * 1024 * 1024, sizes


def test_meta_names_licence_and_sources(loaded):
    lang, nlp = loaded
    assert nlp.meta["license"]
    assert nlp.meta["sources"]
    if lang == "en":
        assert "RESEARCH" in nlp.meta["license"].upper()
