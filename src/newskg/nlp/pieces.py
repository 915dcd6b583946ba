"""Docs for article texts with bounded memory: a long text is read in paragraph pieces, and texts
are batched by their length.

spaCy's trained components hold activations for a whole Doc at once: a 25,000-character article
(5,000 tokens) takes ~80 MB in tok2vec, parser and NER, a longer page more.  Texts over
`PIECE_CHARS` are cut after line breaks into pieces of at most that size, the pieces go through
every component but the last (newskg's entity rules, which read the whole document) and are joined
back into one Doc with exactly the original text (`Doc.from_docs`); the entity rules then run on
it.  Paragraph breaks already end sentences (`newskg.nlp.sentences`), so no sentence is cut.  A
single paragraph longer than a piece is cut at a sentence end inside it (`sentence_cut`), so memory
stays bounded whatever the text, and no piece reaches spaCy's `max_length` (a pipeline whose
`max_length` is below `PIECE_CHARS` gets pieces of that length).
"""
from __future__ import annotations

import re

import numpy

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
    characters; a paragraph longer than that is cut at sentence ends (`sentence_cut`).  The
    pieces joined give `text` back.

    >>> pieces("one\\ntwo\\nthree\\n", limit=8)
    ['one\\ntwo\\n', 'three\\n']
    >>> pieces("He came. She went. They met.", limit=12)
    ['He came. ', 'She went. ', 'They met.']
    >>> pieces("short")
    ['short']
    """
    limit = limit or PIECE_CHARS
    out, start = [], 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit) + 1
        if cut <= start:                      # one long paragraph: cut inside it
            cut = sentence_cut(text, start, start + limit)
        out.append(text[start:cut])
        start = cut
    if start < len(text) or not out:
        out.append(text[start:])
    return out


# sentence-final punctuation, closing quotes or brackets, and the spaces after them
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]»]*\s+""")
# what may start the next sentence besides a capital or a digit (as in `newskg.nlp.sentences`)
_OPENERS = frozenset("\"“‘'([«")
_SPACE = re.compile(r"\s+")


def sentence_cut(text: str, start: int, end: int) -> int:
    """Where to cut `text[start:end]`, a stretch of one paragraph with no line break: after the
    last sentence end in it (final punctuation before a capital, a digit or an opening quote; one
    after a lower-case word of three letters or more first, so that abbreviations such as "Dr."
    or "U.S." are passed over when there is another), else after its last space, else at `end`.

    >>> t = "Talks went well. Dr. Retno Marsudi met Penny Wong in Canberra"
    >>> t[:sentence_cut(t, 0, 40)]
    'Talks went well. '
    >>> t[:sentence_cut(t, 0, 10)], "abcdefgh"[:sentence_cut("abcdefgh", 0, 5)]
    ('Talks ', 'abcde')
    """
    window = text[start:end]
    best = fallback = 0
    for m in _SENTENCE_END.finditer(window):
        after = text[start + m.end():start + m.end() + 1]
        if not after or not (after.isupper() or after.isdigit() or after in _OPENERS):
            continue
        word = window[max(0, m.start() - 3):m.start()]
        if len(word) == 3 and word.isalpha() and word[-1].islower():
            best = m.end()
        else:
            fallback = m.end()
    cut = best or fallback or max((m.end() for m in _SPACE.finditer(window)), default=0)
    return start + cut if cut else end


def batches(texts: list[str], batch_size: int = 8, limit: int | None = None) -> list[list[str]]:
    """The pieces of `texts` (`pieces(text, limit)`), in order, in batches of at most `batch_size`
    pieces and `BATCH_CHARS` characters (a piece longer than that alone): how they go through the
    trained components."""
    out: list[list[str]] = []
    batch: list[str] = []
    size = 0
    for piece in (p for t in texts for p in pieces(t, limit)):
        if batch and (len(batch) == batch_size or size + len(piece) > BATCH_CHARS):
            out.append(batch)
            batch, size = [], 0
        batch.append(piece)
        size += len(piece)
    return out + [batch] if batch else out


def make_docs(nlp: Language, texts: list[str], batch_size: int = 8) -> list[Doc]:
    """One processed Doc per text.  Long texts are read in pieces, and the pieces go through the
    trained components in `batches` (spaCy is faster on batches; memory follows the characters
    of a batch); the pieces of a text are then joined and the document component run on it.
    The pieces' tensors (the trained components' activations, 96 floats a token) are let go once
    those components are done: nothing after them reads a tensor, and joining would copy them.
    A piece is never longer than the pipeline reads (`nlp.max_length`: a pipeline the user chose
    may set it below `PIECE_CHARS`), so spaCy's E088 cannot happen."""
    limit = min(PIECE_CHARS, nlp.max_length)
    done: list[Doc | None] = []
    for batch in batches(texts, batch_size, limit):
        for doc in nlp.pipe(batch, batch_size=len(batch), disable=[DOCUMENT_COMPONENT]):
            doc.tensor = numpy.zeros((0,), dtype="float32")
            done.append(doc)
    last = nlp.get_pipe(DOCUMENT_COMPONENT)
    docs, at = [], 0
    for text in texts:
        n = len(pieces(text, limit))
        parts = done[at:at + n]
        done[at:at + n] = [None] * n          # the joined Doc is all that stays of them
        at += n
        docs.append(last(parts[0] if n == 1 else Doc.from_docs(parts, ensure_whitespace=False)))
        del parts
    return docs
