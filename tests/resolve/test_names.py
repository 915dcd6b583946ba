"""Name comparison: titles, initials, diacritics and transliteration variants."""
import pytest

from newskg.resolve.names import is_more_complete, name_words, person_key, strip_titles


@pytest.mark.parametrize("a, b", [
    ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
    ("Volodymyr Zelenskiy", "President Volodymyr Zelenskyy"),
    ("Presiden Joko Widodo", "Joko Widodo"),
    ("Dmitri Medvedev", "Dmitry Medvedev"),
    ("Soeharto", "Suharto"),
    ("Retno L.P. Marsudi", "Retno Marsudi"),
])
def test_spelling_variants_and_titles_compare_equal(a, b):
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize("a, b", [
    ("Joe Biden", "Hunter Biden"),
    ("Kim Jong Un", "Kim Jong Il"),
    ("Vladimir Putin", "Vladimir Potanin"),
])
def test_different_people_stay_different(a, b):
    assert person_key(a) != person_key(b)


def test_titles_and_honorifics_are_dropped_in_both_languages():
    assert strip_titles("Menteri Luar Negeri Retno Marsudi") == "retno marsudi"
    assert strip_titles("Pak Jokowi") == "jokowi"
    assert name_words("Dr. Mahathir Mohamad") == ["mahathir", "mohamad"]


def test_fuller_name():
    assert is_more_complete("Yuri Ushakov", "Ushakov")
    assert not is_more_complete("Yuri Ushakov", "Yuri Ushakov")
    assert not is_more_complete("Joe Biden", "Hunter")
