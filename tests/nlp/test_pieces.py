"""Long texts are read in paragraph pieces and joined back: same text, same sentences, same
entities as reading them whole."""
from __future__ import annotations

from newskg.nlp.pieces import BATCH_CHARS, batches, make_docs, pieces
from newskg.nlp.pipeline import get_pipeline
from newskg.nlp.sentences import sentences

PARAGRAPHS = [
    "Indonesian President Joko Widodo met Chinese President Xi Jinping in Bali on Monday.",
    "The two leaders discussed trade, the Jakarta-Bandung railway and food security.",
    "\"We agreed to work together,\" Widodo told reporters after the talks at the Apurva hotel.",
    "Prime Minister Anthony Albanese of Australia also held talks with Xi on the sidelines.",
]


def long_text(n: int) -> str:
    return "".join(PARAGRAPHS[i % len(PARAGRAPHS)] + "\n\n" for i in range(n))


def test_pieces_cut_after_line_breaks_and_join_back():
    text = long_text(40)
    parts = pieces(text, limit=500)
    assert "".join(parts) == text and len(parts) > 5
    assert all(len(p) <= 500 and p.endswith("\n") for p in parts)
    no_sentences = "word " * 300
    parts = pieces(no_sentences, limit=100)                         # no sentence end: at spaces
    assert "".join(parts) == no_sentences and all(p == "word " * 20 for p in parts)


def test_one_long_paragraph_is_cut_at_sentence_ends():
    paragraph = " ".join(PARAGRAPHS * 30) + " Dr. Retno Marsudi met Penny Wong. " * 20
    parts = pieces(paragraph, limit=500)
    assert "".join(parts) == paragraph and all(len(p) <= 500 for p in parts) and len(parts) > 10
    for part, after in zip(parts, parts[1:]):
        assert part.rstrip()[-1] in ".\"" and (after[0].isupper() or after[0] == '"'), after[:30]
        assert not part.endswith(("Dr. ", "U.S. "))                  # not after an abbreviation


def test_a_paragraph_longer_than_spacy_reads_at_once_is_read_in_pieces(monkeypatch):
    """spaCy refuses a text over `nlp.max_length` (E088); newskg's pieces never reach it."""
    import newskg.nlp.pieces as module
    from newskg.nlp.pipeline import build_pipeline
    nlp = build_pipeline("en", "rules")
    nlp.max_length = 3000
    monkeypatch.setattr(module, "PIECE_CHARS", 2000)
    text = " ".join(PARAGRAPHS * 60) + "\n"                        # 20,000 characters, one line
    doc = make_docs(nlp, [text])[0]
    assert doc.text == text
    assert {"Joko Widodo", "Xi Jinping", "Anthony Albanese"} <= {e.text for e in doc.ents}
    assert len(sentences(doc)) == 4 * 60


def test_a_long_text_read_in_pieces_equals_the_text_read_whole(monkeypatch):
    import newskg.nlp.pieces as module
    nlp = get_pipeline("en")
    text = long_text(24)
    whole = make_docs(nlp, [text])[0]
    monkeypatch.setattr(module, "PIECE_CHARS", 600)
    split = make_docs(nlp, [text, "Xi met Widodo.\n"])[0]
    assert split.text == text and len(split) == len(whole)
    assert [s.text for s in sentences(split)] == [s.text for s in sentences(whole)]
    assert [(e.text, e.label_) for e in split.ents] == [(e.text, e.label_) for e in whole.ents]
    assert {"Joko Widodo", "Xi Jinping", "Anthony Albanese"} <= {e.text for e in split.ents}


def test_batches_keep_order_and_their_limits():
    texts = [long_text(2)] * 20 + [long_text(400)]
    found = batches(texts, batch_size=8)
    assert [p for b in found for p in b] == [p for t in texts for p in pieces(t)]
    assert all(len(b) <= 8 for b in found)
    assert all(sum(map(len, b)) <= BATCH_CHARS for b in found if len(b) > 1)
    assert len(found) > 3
