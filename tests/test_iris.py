import pytest

from newskg.vocab.iris import (article_iri, check_base, entity_iri, fact_iri, prefixes, slug,
                               span_iri)


@pytest.mark.parametrize("name, expected", [
    ("Vladimir Putin", "vladimir-putin"),
    ("Shanghai Cooperation Organisation", "shanghai-cooperation-organisation"),
    ("Côte d'Ivoire", "cote-d-ivoire"),
    ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
    ("  Joko  Widodo ", "joko-widodo"),
    ("AS", "as"),
    ("Kim Jong-un", "kim-jong-un"),
    ("김정은", "김정은"),          # Hangul stays composed
    ("G20_Bali", "g20-bali"),
])
def test_slug_folds_case_and_accents(name, expected):
    assert slug(name) == expected


def test_entity_iri_is_type_and_name_and_respects_base():
    assert str(entity_iri("Country", "Russia")) == "https://w3id.org/newskg/id/country/russia"
    assert (str(entity_iri("Organization", "Shanghai Cooperation Organisation", "http://ex.org/kg#"))
            == "http://ex.org/kg#organization/shanghai-cooperation-organisation")
    # spelling variants that fold to one slug are one entity
    assert entity_iri("Person", "Recep Tayyip Erdoğan") == entity_iri("Person", "Recep Tayyip Erdogan")


def test_name_without_letters_still_gets_a_stable_iri():
    a = entity_iri("Organization", "???")
    assert a == entity_iri("Organization", "???") != entity_iri("Organization", "!!!")
    assert str(a).startswith("https://w3id.org/newskg/id/organization/")


def test_article_iri_prefers_record_id_then_hash_of_url_or_text():
    assert str(article_iri("Reuters 2022/001", None, "t")).endswith("/article/Reuters%202022%2F001")
    by_url = article_iri(None, "https://example.com/a", "text one")
    assert by_url == article_iri(None, "https://example.com/a", "text two")
    by_text = article_iri(None, None, "text one")
    assert by_text != article_iri(None, None, "text two")
    assert len(str(by_text).rsplit("/", 1)[1]) == 16


def test_fact_iris_differ_by_article_and_identity():
    a = fact_iri("event", "art-1", "Meeting", "x y")
    assert a == fact_iri("event", "art-1", "Meeting", "x y")
    assert a != fact_iri("event", "art-2", "Meeting", "x y")
    assert a != fact_iri("event", "art-1", "Summit", "x y")
    assert a != fact_iri("quote", "art-1", "Meeting", "x y")


def test_span_iri_hangs_off_the_article():
    assert str(span_iri("http://ex.org/article/a", 3, 9)) == "http://ex.org/article/a/span/3-9"


@pytest.mark.parametrize("bad", ["example.org/kg/", "https://example.org/kg", "https://ex ample.org/",
                                 "kg/"])
def test_check_base_rejects_unusable_bases(bad):
    with pytest.raises(ValueError, match="base IRI"):
        check_base(bad)


def test_prefixes_cover_every_kind():
    pre = prefixes("http://ex.org/")
    assert pre["id"] == "http://ex.org/"
    assert pre["event"] == "http://ex.org/event/" and pre["country"] == "http://ex.org/country/"
