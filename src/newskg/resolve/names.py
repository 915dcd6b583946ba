"""Comparing names across articles and languages: folding, title stripping and spelling keys.

Everything here is a pure function of strings and the data files `resources/<lang>/honorifics.tsv`,
`resources/<lang>/titles.tsv` (leading office titles) and `resources/common/resolve/name_variants.tsv`
(transliteration variants such as Zelensky / Zelenskyy, Soeharto / Suharto).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import resources
from ..nlp.gazetteer import fold

_INITIAL = re.compile(r"^[a-z]\.?$|^(?:[a-z]\.){1,3}[a-z]?\.?$")
_PUNCT = re.compile(r"[^\w\s'.-]+")


@lru_cache(maxsize=None)
def _leading_words() -> tuple[tuple[str, ...], ...]:
    """Folded honorifics and office titles of every language, as word tuples, longest first."""
    forms: set[tuple[str, ...]] = set()
    for lang in resources.languages():
        for row in resources.read_tsv(lang, "honorifics.tsv"):
            forms.add(tuple(fold(row["form"]).rstrip(".").split()))
        for row in resources.read_tsv(lang, "titles.tsv"):
            forms.add(tuple(fold(row["form"]).split()))
    return tuple(sorted((f for f in forms if f), key=len, reverse=True))


@lru_cache(maxsize=None)
def _leading_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """`_leading_words` by their first word (longest first within each)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for form in _leading_words():
        index.setdefault(form[0], []).append(form)
    return {first: tuple(forms) for first, forms in index.items()}


@lru_cache(maxsize=None)
def _variant_rules() -> tuple[tuple[str, str, str], ...]:
    rows = resources.read_tsv("common", "resolve", "name_variants.tsv")
    rules = [(r["pattern"], r["replacement"], r.get("position", "any")) for r in rows]
    return tuple(sorted(rules, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1 << 13)
def strip_titles(name: str) -> str:
    """The name without leading honorifics and office titles, folded (lower case, no accents).

    >>> strip_titles("Presiden Joko Widodo"), strip_titles("Mr. Putin"), strip_titles("Sir Keir Starmer")
    ('joko widodo', 'putin', 'keir starmer')
    >>> strip_titles("President")     # a title alone stays: there is no name left to compare
    'president'
    """
    words = [w for w in _PUNCT.sub(" ", fold(name)).split()]
    changed = True
    while changed and len(words) > 1:
        changed = False
        for form in _leading_by_first().get(words[0].rstrip("."), ()):
            n = len(form)
            if n < len(words) and tuple(w.rstrip(".") for w in words[:n]) == form:
                words = words[n:]
                changed = True
                break
    return " ".join(words)


def name_words(name: str) -> list[str]:
    """The words of a person's name that identify them: titles, initials and punctuation dropped.

    >>> name_words("Retno L.P. Marsudi"), name_words("Recep Tayyip Erdoğan")
    (['retno', 'marsudi'], ['recep', 'tayyip', 'erdogan'])
    >>> name_words("Kim Jong-un")
    ['kim', 'jong', 'un']
    """
    words = []
    for w in strip_titles(name).replace("-", " ").split():
        w = w.strip("'.")
        if w and not _INITIAL.match(w) and not _INITIAL.match(w + "."):
            words.append(w)
    return words


def spelling_key(word: str) -> str:
    """A word's spelling-variant key: transliteration differences mapped to one form.

    >>> spelling_key("zelenskyy") == spelling_key("zelensky") == spelling_key("zelenskiy")
    True
    >>> spelling_key("soeharto") == spelling_key("suharto"), spelling_key("dmitri") == spelling_key("dmitry")
    (True, True)
    >>> spelling_key("putin") == spelling_key("pution")
    False
    """
    out = word
    for pattern, repl, position in _variant_rules():
        if position == "end":
            if out.endswith(pattern) and len(out) > len(pattern) + 2:
                out = out[: -len(pattern)] + repl
        else:
            out = out.replace(pattern, repl)
    return out


@lru_cache(maxsize=1 << 13)
def person_key(name: str) -> tuple[str, ...]:
    """The comparable form of a person's full name: its identifying words, spelling-normalised.

    >>> person_key("Volodymyr Zelensky") == person_key("Volodymyr Zelenskyy")
    True
    >>> person_key("President Recep Tayyip Erdogan") == person_key("Recep Tayyip Erdoğan")
    True
    """
    return tuple(spelling_key(w) for w in name_words(name))


def is_more_complete(name: str, other: str) -> bool:
    """True when `name` names the same person as `other` with more words ("Yuri Ushakov" vs "Ushakov").

    >>> is_more_complete("Yuri Ushakov", "Ushakov"), is_more_complete("Ushakov", "Yuri Ushakov")
    (True, False)
    """
    a, b = set(person_key(name)), set(person_key(other))
    return bool(b) and b < a
