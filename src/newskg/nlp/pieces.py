"""Docs for article texts with bounded memory: a long text is read in paragraph pieces, and texts
are batched by their length.

spaCy's trained components hold activations for a whole Doc at once: a 25,000-character article
(5,000 tokens) takes ~80 MB in tok2vec, parser and NER, a longer page more.  Texts over
`PIECE_CHARS` are cut after line breaks into pieces of at most that size, the pieces go through
every component but the last (newskg's entity rules, which read the whole document) and are joined
back into one Doc with exactly the original text (`Doc.from_docs`); the entity rules then run on
it.  Paragraph breaks already end sentences (`newskg.nlp.sentences`), so no sentence is cut.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

#: longest text read as one piece, in characters (most news articles are shorter)
PIECE_CHARS = 8000
#: most characters read by the trained components at once (one batch of texts or pieces)
BATCH_CHARS = 16000
#: the component that reads the whole document: it runs on the joined Doc
DOCUMENT_COMPONENT = "newskg_entities"


def pieces(text: str, limit: int | None = None) -> list[str]:
    """`text` cut after line breaks into pieces of at most `limit` (default `PIECE_CHARS`)
    characters (a paragraph longer than that stays whole); the pieces joined give `text` back.

    >>> pieces("one\\ntwo\\nthree\\n", limit=8)
    ['one\\ntwo\\n', 'three\\n']
    >>> pieces("short")
    ['short']
    """
    limit = limit or PIECE_CHARS
    out, start = [], 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit)
        if cut < start:                       # one long paragraph: cut after its end
            cut = text.find("\n", start + limit)
            if cut == -1:
                break
        out.append(text[start:cut + 1])
        start = cut + 1
    if start < len(text) or not out:
        out.append(text[start:])
    return out


def batches(texts: list[str], batch_size: int = 8) -> list[list[str]]:
    """The pieces of `texts`, in order, in batches of at most `batch_size` pieces and `BATCH_CHARS`
    characters (a piece longer than that alone): how they go through the trained components."""
    out: list[list[str]] = []
    batch: list[str] = []
    size = 0
    for piece in (p for t in texts for p in pieces(t)):
        if batch and (len(batch) == batch_size or size + len(piece) > BATCH_CHARS):
            out.append(batch)
            batch, size = [], 0
        batch.append(piece)
        size += len(piece)
    return out + [batch] if batch else out


def make_docs(nlp: Language, texts: list[str], batch_size: int = 8) -> list[Doc]:
    """One processed Doc per text.  Long texts are read in pieces, and the pieces go through the
    trained components in `batches` (spaCy is faster on batches; memory follows the characters
    of a batch); the pieces of a text are then joined and the document component run on it."""
    done: list[Doc] = []
    for batch in batches(texts, batch_size):
        done += nlp.pipe(batch, batch_size=len(batch), disable=[DOCUMENT_COMPONENT])
    last = nlp.get_pipe(DOCUMENT_COMPONENT)
    docs, at = [], 0
    for text in texts:
        n = len(pieces(text))
        parts = done[at:at + n]
        at += n
        docs.append(last(parts[0] if n == 1 else Doc.from_docs(parts, ensure_whitespace=False)))
    return docs
