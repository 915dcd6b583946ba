"""Entities of one article (newskg.extract.entities), on short sentences written for these tests."""
import pytest


def people(reader, text, lang):
    facts, _, _ = reader(text, lang)
    return {e.name: sorted({m.text for m in e.mentions}) for e in facts.entities if e.type == "Person"}


@pytest.mark.parametrize("lang, text, full, short", [
    ("en", "Margaret Ellworth said the plan was sound. Later Ms Ellworth told MPs it would pass.",
     "Margaret Ellworth", "Ellworth"),
    ("en", "Dr. Olu Adebayo opened the clinic. Mr Adebayo said more would follow.", "Olu Adebayo", "Adebayo"),
    ("id", "Bambang Wiratmo meresmikan jembatan itu. Menurut Pak Bambang, jembatan itu kokoh.",
     "Bambang Wiratmo", "Bambang"),
])
def test_an_honorific_and_surname_join_the_full_name(reader, lang, text, full, short):
    found = people(reader, text, lang)
    assert full in found and short in found[full]
    assert not any(name.split()[0].rstrip(".") in {"Ms", "Mr", "Dr", "Pak"} for name in found)


def test_an_honorific_surname_alone_is_the_surname():
    from newskg.ingest import article_from_text
    from newskg.extract import extract_facts
    facts = extract_facts(article_from_text("The vote was close, said Mr Threlkeld, who chairs the panel.",
                                            lang="en"))
    assert [e.name for e in facts.entities if e.type == "Person"] == ["Threlkeld"]


@pytest.mark.parametrize("lang, text, name, alias", [
    ("en", "Haroldo Mbeki-Santos, also known as Big Harry, met the envoy.", "Haroldo Mbeki-Santos", "Big Harry"),
    ("id", "Kamaruddin Salampessy alias Udin Kribo ditangkap polisi.", "Kamaruddin Salampessy", "Udin Kribo"),
    ("id", "Rahmat Sutisna yang dikenal sebagai Kang Emot hadir di acara itu.", "Rahmat Sutisna", "Kang Emot"),
])
def test_a_name_after_an_alias_cue_is_the_same_entity(reader, lang, text, name, alias):
    facts, _, _ = reader(text, lang)
    named = [e for e in facts.entities if e.name == name]
    assert len(named) == 1 and alias in {m.text for m in named[0].mentions}
    assert not any(e.name == alias for e in facts.entities)


def test_a_full_name_with_middle_names_is_the_known_person_named_shorter(reader):
    facts, _, _ = reader("Juru bicara itu, Retno L.P Marsudi, mengatakan dirinya akan ke Tokyo. "
                         "Di sana Menlu Retno Marsudi akan bertemu mitranya.", "id")
    people = [e for e in facts.entities if e.type == "Person"]
    assert len(people) == 1
    assert {"Retno Marsudi", "Retno L.P Marsudi"} <= {m.text for m in people[0].mentions}
