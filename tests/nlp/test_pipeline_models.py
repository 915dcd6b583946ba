"""A trained spaCy pipeline slots in under newskg's rules (here a tiny one saved by the test)."""
import pytest
import spacy

from newskg.errors import NewskgError
from newskg.nlp.pipeline import build_pipeline


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Ahmad Zulkifli"},
                        {"label": "ORG", "pattern": "Blue Harbour Logistics"}])
    path = tmp_path_factory.mktemp("model") / "tiny_en"
    nlp.to_disk(path)
    return path


def test_model_entities_fill_what_the_rules_do_not_know(tiny_model):
    nlp = build_pipeline("en", model=str(tiny_model))
    assert nlp.pipe_names[0] == "newskg_sentences" and nlp.pipe_names[-1] == "newskg_entities"
    doc = nlp("Officials met Ahmad Zulkifli of Blue Harbour Logistics in Jakarta.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("Ahmad Zulkifli", "Person") in found
    assert ("Blue Harbour Logistics", "Organization") in found
    assert ("Jakarta", "Place") in found            # the gazetteer still types known places


def test_tokenizer_keeps_the_news_fixes_on_a_loaded_model(tiny_model):
    nlp = build_pipeline("en", model=str(tiny_model))
    assert [t.text for t in nlp("the agendaKTT talks")] == ["the", "agenda", "KTT", "talks"]


def test_rules_only_and_missing_models(tiny_model):
    assert "entity_ruler" not in build_pipeline("en", model="rules").pipe_names
    with pytest.raises(NewskgError, match="cannot load"):
        build_pipeline("en", model="no_such_pipeline_xyz")
    with pytest.raises(NewskgError, match="is for 'en'"):
        build_pipeline("id", model=str(tiny_model))


def test_model_entities_that_are_words_not_names_are_dropped(tmp_path):
    nlp = spacy.blank("id")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Kesepahaman"},
                        {"label": "PER", "pattern": [{"LOWER": "budi"}]},
                        {"label": "ORG", "pattern": "Dewan Kelautan Nusantara"}])
    nlp.to_disk(tmp_path / "tiny_id")
    found = {(e.text, e.label_) for e in
             build_pipeline("id", model=str(tmp_path / "tiny_id"))(
                 "Kedua negara menandatangani Nota Kesepahaman bersama budi dan Dewan Kelautan Nusantara.").ents}
    assert ("Dewan Kelautan Nusantara", "Organization") in found
    assert not any(t in {"Kesepahaman", "budi"} for t, _ in found)
