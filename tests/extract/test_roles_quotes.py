"""Positions and quotations read from short texts written for these tests."""
import pytest


def positions(facts, name):
    return sorted((name[p.holder], p.title, name.get(p.of)) for p in facts.positions)


def test_titles_give_positions_with_their_country(reader):
    facts, name, _ = reader("Presiden Rusia Vladimir Putin menerima Menteri Luar Negeri Indonesia Sugiono di Moskow.", "id")
    found = positions(facts, name)
    assert ("Vladimir Putin", "President", "Russia") in found
    assert ("Sugiono", "Foreign Minister", "Indonesia") in found


def test_english_demonym_and_possessive_complements(reader):
    facts, name, _ = reader("Russia's President Vladimir Putin spoke with US Secretary of State Antony Blinken "
                            "about Ukraine.", "en")
    found = positions(facts, name)
    assert ("Vladimir Putin", "President", "Russia") in found
    assert ("Antony Blinken", "Secretary of State", "United States") in found


def test_role_of_another_person(reader):
    facts, name, _ = reader("Asisten kebijakan luar negeri Putin, Yuri Ushakov mengatakan bahwa Presiden Rusia "
                            "Vladimir Putin akan datang.", "id")
    held = [p for p in facts.positions if name[p.holder] == "Yuri Ushakov"]
    assert held and name[held[0].of] == "Vladimir Putin"


def test_quotes_take_the_speaker_after_them_and_keep_it_when_continued(reader):
    text = ('"Kami siap bekerja sama dengan semua negara di kawasan ini," ujar Menteri Luar Negeri Retno Marsudi.\n\n'
            '"Indonesia akan terus mendorong perdamaian di Asia Tenggara," sambungnya.')
    facts, name, _ = reader(text, "id")
    assert [name.get(q.speaker) for q in facts.quotes] == ["Retno Marsudi", "Retno Marsudi"]
    assert facts.quotes[0].text.startswith("Kami siap bekerja sama")
    assert all(facts.article.text[q.span.start:q.span.end] == q.text for q in facts.quotes)


def test_english_quote_with_speaker_before_and_after(reader):
    text = ('Biden told reporters: "We are not trying to decouple from China at all." '
            '"That would be a mistake for everyone involved," Prime Minister Anthony Albanese said.')
    facts, name, _ = reader(text, "en")
    assert [name.get(q.speaker) for q in facts.quotes] == ["Joe Biden", "Anthony Albanese"]


def test_cited_outlets_are_entities_the_article_cites(reader):
    facts, name, _ = reader("Dilansir dari Reuters, Presiden Joko Widodo akan bertemu Xi Jinping di Beijing.", "id")
    assert [name[k] for k in facts.cites] == ["Reuters"]


def test_short_reference_and_misspelt_name_join_their_entity(reader):
    facts, name, _ = reader("The European Trade Commission met on Monday. Later the Commission said "
                            "President Joko Widodo (Jokowi) spoke. President Jokori later left.", "en")
    orgs = [e for e in facts.entities if e.type == "Organization"]
    assert [e.name for e in orgs] == ["European Trade Commission"] and len(orgs[0].mentions) == 2
    people = [e for e in facts.entities if e.type == "Person"]
    assert len(people) == 1 and "Jokori" in people[0].aliases


@pytest.mark.parametrize("lang, text", [
    ("en", '"The border talks with our neighbours went well," a ministry spokesman told Reuters.'),
    ("id", '"Perundingan perbatasan berjalan dengan sangat baik," kata juru bicara itu kepada Antara.'),
])
def test_the_outlet_a_quote_was_given_to_is_not_its_speaker(reader, lang, text):
    facts, name, _ = reader(text, lang)
    assert facts.quotes and all(name.get(q.speaker) not in {"Reuters", "Antara"} for q in facts.quotes)
