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


def test_facts_of_a_long_paragraph_read_in_pieces_point_at_the_original_text(monkeypatch):
    """One paragraph several pieces long gives the facts it gives read whole, and every span of
    them (mentions, evidence, quotes) points at the article's own text (issue 11, finding 11)."""
    import newskg.nlp.pieces as module
    from newskg.extract import extract_facts
    from newskg.ingest import article_from_text
    paragraph = " ".join(PARAGRAPHS[i % 4].replace("Monday", f"day {i}") for i in range(48))
    text = "Leaders meet in Bali\n\n" + paragraph + "\n"

    def facts():
        return extract_facts(article_from_text(text, id="long", lang="en"))

    whole = facts()
    monkeypatch.setattr(module, "PIECE_CHARS", 700)
    article = article_from_text(text, id="long", lang="en")
    assert len(pieces(article.body)) > 5 and all(len(p) <= 700 for p in pieces(article.body))
    split = facts()
    spans = [s for e in split.entities for s in e.mentions]
    spans += [s for ev in split.events for s in [*ev.triggers, *ev.evidence]]
    spans += [s for q in split.quotes for s in [q.span, *q.evidence] if s is not None]
    spans += [s for p in split.positions for s in p.evidence]
    assert len(spans) > 30 and split.events and split.quotes
    assert all(text[s.start:s.end] == s.text for s in spans)
    assert split.entities == whole.entities and split.events == whole.events
    assert split.quotes == whole.quotes and split.positions == whole.positions


def test_a_pipeline_that_reads_less_than_a_piece_gets_shorter_pieces():
    """A pipeline the user chose may read fewer characters at once (`nlp.max_length`) than newskg's
    pieces hold: its texts are cut to that length, and spaCy's E088 never reaches the user."""
    from newskg.nlp.pieces import PIECE_CHARS
    from newskg.nlp.pipeline import build_pipeline
    nlp = build_pipeline("en", "rules")
    nlp.max_length = PIECE_CHARS // 3
    text = " ".join(PARAGRAPHS * 40) + "\n"                        # one line, > PIECE_CHARS
    assert len(text) > PIECE_CHARS
    doc = make_docs(nlp, [text, "Xi met Widodo.\n"])[0]
    assert doc.text == text
    assert {"Joko Widodo", "Xi Jinping", "Anthony Albanese"} <= {e.text for e in doc.ents}
    assert len(sentences(doc)) == 4 * 40
