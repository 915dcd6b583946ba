"""Phrase lexicons read from per-language data files, matched over a spaCy Doc.

A lexicon is a TSV file in `resources/<lang>/` with a `form` column (the phrase as written) and any
other columns (its meaning: an event type, a canonical title, a cue kind …).  `Lexicon.matches(doc)`
returns every occurrence with its row, longest match first where matches overlap.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .. import resources
from .gazetteer import is_strict_form


@dataclass(frozen=True)
class LexMatch:
    """One occurrence of a lexicon phrase: token range [start, end) and the data row."""
    start: int
    end: int
    row: dict

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


class Lexicon:
    """The rows of one data file, matchable over Docs of one pipeline."""

    def __init__(self, nlp: Language, rows: tuple[dict, ...], key: str = "form"):
        self.rows = rows
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for i, row in enumerate(rows):
            form = row.get(key, "")
            if not form:
                continue
            matcher = self._exact if is_strict_form(form) else self._lower
            matcher.add(str(i), [nlp.make_doc(form)])
        self._strings = nlp.vocab.strings

    def matches(self, doc: Doc, overlapping: bool = False) -> list[LexMatch]:
        """Occurrences in `doc` ordered by position; unless `overlapping`, the longest wins."""
        found = []
        for matcher in (self._lower, self._exact):
            for match_id, s, e in matcher(doc):
                found.append(LexMatch(s, e, self.rows[int(self._strings[match_id])]))
        if overlapping:
            return sorted(found, key=lambda m: (m.start, -m.end))
        chosen: list[LexMatch] = []
        taken: set[int] = set()
        for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
            if not taken.intersection(range(m.start, m.end)):
                chosen.append(m)
                taken.update(range(m.start, m.end))
        return sorted(chosen, key=lambda m: m.start)


@lru_cache(maxsize=None)
def lexicon(nlp: Language, lang: str, name: str) -> Lexicon:
    """The lexicon `resources/<lang>/<name>.tsv` compiled for `nlp` (cached per pipeline)."""
    return Lexicon(nlp, resources.read_tsv(lang, f"{name}.tsv"))


@lru_cache(maxsize=None)
def word_set(lang: str, name: str) -> frozenset[str]:
    """A one-word-per-line data file (`resources/<lang>/<name>.txt`) as a set of lower-case words."""
    p = resources.path(lang, f"{name}.txt")
    if not p.exists():
        return frozenset()
    with p.open(encoding="utf-8") as fh:
        return frozenset(ln.strip().lower() for ln in fh if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=None)
def calendar_words(lang: str) -> frozenset[str]:
    """Lower-case month and weekday names and ordinals of `lang` (from its dates.tsv): words that
    are capitalised in news but never a name ("Selasa", "November", "Ketujuh")."""
    rows = resources.read_tsv(lang, "dates.tsv")
    words = {r["expression"].lower().rstrip(".") for r in rows
             if r.get("kind") in {"month", "month_abbr", "weekday"} and r.get("expression")}
    numbers = [r["expression"].lower() for r in rows if r.get("kind") == "number" and r.get("expression")]
    words |= {"ke" + n for n in numbers}
    return frozenset(words)
