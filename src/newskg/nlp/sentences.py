"""Sentence boundaries that survive news copy: every line break ends a sentence, and so does
sentence-final punctuation (after any closing quotes or brackets) before a capital, a digit or an
opening quote.  Abbreviations ("Nov.", "U.S.", "Dr.") are single tokens, so they never split.

Also cheap access to a Doc's sentences and text, listed and joined once per Doc."""
from __future__ import annotations

import bisect

import numpy
from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

FINAL = {".", "!", "?", "…", "...", "?!", "!?"}
CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}
OPENERS = {'"', "“", "‘", "'", "(", "[", "«", "-", "—", "–"}


def _starts_sentence(t: str) -> bool:
    return t[:1].isupper() or t[:1].isdigit() or t in OPENERS


@Language.component("newskg_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    """Mark `is_sent_start` on every token (True/False), so no later component guesses."""
    n = len(doc)
    if n == 0:
        return doc
    # the tokens' texts and trailing spaces in one array read (doc[i] builds a Token each time)
    rows = doc.to_array([ORTH, SPACY]).tolist()
    strings = doc.vocab.strings
    texts = [strings[o] for o, _ in rows]
    starts = [False] * n
    starts[0] = True
    i = 0
    while i < n:
        t = texts[i]
        if "\n" in t and t.isspace():
            if i + 1 < n:
                starts[i + 1] = True
        elif t in FINAL or (t.endswith(".") and len(t) > 1 and t[:-1] in FINAL):
            j = i + 1
            # closing quotes/brackets hug the punctuation; after a space a quote opens the next one
            while j < n and texts[j] in CLOSERS and not rows[j - 1][1]:
                j += 1
            if j < n and not texts[j].isspace() and _starts_sentence(texts[j]):
                starts[j] = True
            i = j - 1 if j > i + 1 else i
        i += 1
    # one array write instead of a per-token setter (which re-checks the Doc's annotation each time)
    values = numpy.array([1 if v else -1 for v in starts], dtype="int64").astype("uint64").reshape(-1, 1)
    doc.from_array([SENT_START], values)
    return doc


def _cache(doc: Doc) -> tuple[int, list[int], list[Span]]:
    cache = doc.user_data.get("newskg_sents")
    if cache is None or cache[0] != len(doc):
        sents = list(doc.sents)
        cache = (len(doc), [s.start for s in sents], sents)
        doc.user_data["newskg_sents"] = cache
    return cache


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, listed once per Doc (kept in `doc.user_data`): spaCy rebuilds
    `doc.sents` on every access, and its `Token.sent` checks the whole Doc's annotation."""
    return _cache(doc)[2]


def sentence_at(doc: Doc, i: int) -> Span:
    """The sentence holding token `i` (from the list of `sentences`)."""
    _, starts, sents = _cache(doc)
    return sents[bisect.bisect_right(starts, i) - 1]


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc (spaCy joins every token's text again on each access;
    a Doc's text never changes)."""
    text = doc.user_data.get("newskg_text")
    if text is None:    # from the token arrays: spaCy's own join builds a Python Token per token
        texts, _, spaces = _tokens(doc)
        text = doc.user_data["newskg_text"] = "".join(
            [t + " " if sp else t for t, sp in zip(texts, spaces)])
    return text


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, listed once per Doc (a Doc's tokens never change once the pipeline
    has run; iterating a Doc builds a Python Token for each)."""
    return _tokens(doc)[0]


def span_text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text` (end > start) without building the Span."""
    texts, starts, _ = _tokens(doc)
    return doc_text(doc)[starts[start]:starts[end - 1] + len(texts[end - 1])]


def _tokens(doc: Doc) -> tuple[list[str], list[int], list[int]]:
    """Each token's text, character offset and trailing-space flag, read once per Doc."""
    cache = doc.user_data.get("newskg_tokens")
    if cache is None or len(cache[0]) != len(doc):
        # one array read: iterating a Doc builds a Python Token object per token, which costs more
        rows = doc.to_array([ORTH, IDX, SPACY]).tolist()
        strings = doc.vocab.strings
        cache = doc.user_data["newskg_tokens"] = ([strings[o] for o, _, _ in rows],
                                                  [i for _, i, _ in rows], [sp for _, _, sp in rows])
    return cache
