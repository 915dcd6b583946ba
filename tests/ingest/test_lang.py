"""Language detection: Indonesian and English accepted, Malay read as Indonesian, others refused."""
import pytest

from newskg.errors import InputError, UnsupportedLanguage
from newskg.ingest.lang import detect_language, normalise_language

ID_TEXT = ("Presiden Joko Widodo menerima kunjungan kenegaraan Presiden Turki di Istana Bogor. "
           "Kedua pemimpin membahas kerja sama perdagangan dan pertahanan.")
EN_TEXT = ("President Joe Biden hosted Indonesian President Prabowo Subianto at the White House on "
           "Tuesday, and the two leaders agreed to deepen their strategic partnership.")
MS_TEXT = ("Perdana Menteri Anwar Ibrahim berkata kerajaan akan meneruskan rundingan dengan Singapura "
           "mengenai bekalan air dan sempadan maritim kedua-dua negara.")


@pytest.mark.parametrize("text, lang", [(ID_TEXT, "id"), (EN_TEXT, "en"), (MS_TEXT, "id")])
def test_supported_languages(text, lang):
    assert detect_language(text) == lang


def test_detection_is_deterministic():
    text = "Jokowi bertemu Xi Jinping."
    assert len({detect_language(text) for _ in range(5)}) == 1


def test_short_latin_text_is_read_as_a_supported_language():
    assert detect_language("Biden meets Xi.") in ("en", "id")


@pytest.mark.parametrize("text, found", [
    ("Президент России Владимир Путин встретился с председателем КНР Си Цзиньпином в Самарканде.", "ru"),
    ("Le président français Emmanuel Macron a rencontré le dirigeant chinois Xi Jinping à Pékin "
     "pour discuter du commerce et de la guerre en Ukraine.", "fr"),
    ("Der deutsche Bundeskanzler traf den chinesischen Präsidenten in Peking, um über Handel "
     "und Klimaschutz zu sprechen.", "de"),
])
def test_unsupported_language_names_file_and_language(text, found):
    with pytest.raises(UnsupportedLanguage) as err:
        detect_language(text, "berita.txt")
    assert str(err.value).startswith("berita.txt: ")
    assert repr(found) in str(err.value)


def test_no_words():
    with pytest.raises(UnsupportedLanguage, match="no words"):
        detect_language("12345 !!! 678", "x.txt")


def test_normalise_language():
    assert normalise_language(None) is None and normalise_language("auto") is None
    assert normalise_language("EN") == "en" and normalise_language("ms") == "id"
    with pytest.raises(InputError, match="unsupported language 'fr'"):
        normalise_language("fr", "--lang")
