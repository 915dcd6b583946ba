import pytest

from newskg.nlp.pipeline import get_pipeline


def sentences(lang, text):
    return [s.text.strip() for s in get_pipeline(lang)(text).sents if s.text.strip()]


def test_line_breaks_end_sentences_even_without_punctuation():
    text = "Putin Segera Bertemu Xi Jinping\n\nPresiden Rusia Vladimir Putin dijadwalkan bertemu Xi pekan ini."
    assert sentences("id", text) == ["Putin Segera Bertemu Xi Jinping",
                                     "Presiden Rusia Vladimir Putin dijadwalkan bertemu Xi pekan ini."]


def test_abbreviations_do_not_split_and_closing_quotes_stay():
    text = 'The U.S. envoy met Dr. Smith on Nov. 15 in Jakarta. "We agreed," he said. Talks resume today.'
    assert sentences("en", text) == ["The U.S. envoy met Dr. Smith on Nov. 15 in Jakarta.",
                                     '"We agreed," he said.', "Talks resume today."]


@pytest.mark.parametrize("text, tokens", [
    ("bertemu dalam agendaKTT Organisasi", ["bertemu", "dalam", "agenda", "KTT", "Organisasi"]),
    ("Nextren.com -Di tengah", ["Nextren.com", "-", "Di", "tengah"]),
])
def test_tokenizer_repairs_glued_words(text, tokens):
    assert [t.text for t in get_pipeline("id")(text)] == tokens
