"""Quotations and who said them.

A quotation is text between matching quote marks, at least four words long.  Its speaker is the
person (or organisation) next to a speech cue right after it ('…," ujar penulis Bendera Merah,
George Magnus'; '…," Biden told reporters') or right before it ('Biden said: "…"').  A quotation
whose cue has no name ('…," sambungnya', '…," he said') continues the previous speaker.  A news
outlet next to the cue reports the quotation and is never its speaker ('…," the minister told
Reuters'; '…," kata Menlu seperti dikutip Antara').
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..facts import Quote, Span
from ..nlp.sentences import doc_text, sentence_at
from .entities import EntityIndex

QUOTE_RE = re.compile(r"[\"“]([^\"“”\n]{12,}?)[\"”]")
SPEAKER_TYPES = {"Person", "Organization"}


def extract_quotes(doc: Doc, index: EntityIndex, speech_cues: set[int], title_tokens: set[int]) -> list[Quote]:
    """The article's quotations with speakers where the text names them."""
    quotes: list[Quote] = []
    last_speaker: str | None = None
    text = doc_text(doc)
    for m in QUOTE_RE.finditer(text):
        inner = m.group(1).strip()
        if len(inner.split()) < 4:
            continue
        speaker = _speaker_after(doc, index, m.end(), speech_cues, title_tokens)
        continues = speaker is None and _cue_after(doc, m.end(), speech_cues)
        if speaker is None:
            speaker = _speaker_before(doc, index, m.start(), speech_cues, title_tokens)
        if speaker is None and continues:
            speaker = last_speaker
        if speaker is not None:
            last_speaker = speaker
        s, e = m.start(1), m.end(1)
        sent = _sentence_of(doc, m.start(), m.end())
        quotes.append(Quote(key=f"q{len(quotes) + 1}", text=inner, speaker=speaker,
                            span=Span(s, e, text[s:e]), evidence=[sent]))
    return quotes


def _tokens_from(doc: Doc, char: int, n: int):
    tok = doc.char_span(char, char, alignment_mode="expand")
    start = tok.start if tok is not None else None
    if start is None:
        for t in doc:
            if t.idx >= char:
                start = t.i
                break
    if start is None:
        return []
    return [t for t in doc[start:start + n] if not t.is_space]


def _cue_after(doc: Doc, char: int, speech_cues: set[int]) -> bool:
    toks = _tokens_from(doc, char, 4)
    return any(t.i in speech_cues for t in toks[:3])


def _can_speak(index: EntityIndex, key: str) -> bool:
    """A person or organisation, but not a news outlet (it reports what others say)."""
    if index.get(key).type not in SPEAKER_TYPES:
        return False
    entry = index.entries.get(key)
    return entry is None or entry.kind != "outlet"


def _speaker_after(doc, index, char, speech_cues, title_tokens) -> str | None:
    """'…," ujar penulis X, George Magnus' / '…," Biden told reporters' / '…," said John Smith'."""
    toks = _tokens_from(doc, char, 14)
    seen_cue = False
    for k, t in enumerate(toks):
        if t.text in {".", "\n"} or (t.text == '"' and k > 0):
            break
        key = index.key_at(t.i)
        if key and _can_speak(index, key) and t.i not in title_tokens:
            if seen_cue or (k + 1 < len(toks) and _next_is_cue(doc, index, t.i, speech_cues)):
                return key
        if t.i in speech_cues:
            seen_cue = True
        elif not seen_cue and k > 2:
            break
    return None


def _next_is_cue(doc, index, i, speech_cues) -> bool:
    key = index.key_at(i)
    j = i
    while j < len(doc) and index.key_at(j) == key:
        j += 1
    return j < len(doc) and j in speech_cues


def _speaker_before(doc, index, char, speech_cues, title_tokens) -> str | None:
    """'Biden said: "…"' / 'Kata Jokowi, "…"'."""
    span = doc.char_span(max(0, char - 120), char, alignment_mode="contract")
    if span is None:
        return None
    toks = [t for t in span if not t.is_space]
    if not toks or not any(t.i in speech_cues for t in toks[-4:]):
        return None
    for t in reversed(toks[-10:]):
        if t.text in {".", "\n"}:
            break
        key = index.key_at(t.i)
        if key and _can_speak(index, key):
            return key
    return None


def _sentence_of(doc: Doc, start: int, end: int) -> Span:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return Span(start, end, doc_text(doc)[start:end])
    s, e = sentence_at(doc, span.start).start_char, sentence_at(doc, span.end - 1).end_char
    return Span.of(doc_text(doc), s, e)
