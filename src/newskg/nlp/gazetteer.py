"""The entity gazetteer of one language: canonical entities and every surface form that names them.

Built from the data files `resources/common/gazetteer/*.tsv` (the registry, all languages) and
`resources/<lang>/gazetteer/*.tsv` (forms used in that language); see resources/README.md.
Exact lookups are case-aware (short acronyms must match in capitals, other forms must be capitalised
in the text); `fuzzy` catches misspelt multi-word names ("Organisasi Kerjasama Shahai").
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from rapidfuzz import fuzz, process

from .. import resources


@dataclass(frozen=True)
class GazEntry:
    """One real-world thing the gazetteer knows."""
    id: str              # "Country:Russia" — type and canonical name
    name: str
    type: str
    kind: str = ""
    qid: str = ""
    country: str = ""
    ambiguous: frozenset[str] = frozenset()   # folded forms that are also common words; {"*"} = all

    def is_ambiguous(self, form: str) -> bool:
        """True when this surface form of the entry needs supporting context to count."""
        return "*" in self.ambiguous or fold(form) in self.ambiguous


def fold(text: str) -> str:
    """Lower-cased, accent-free, punctuation-light form used as a lookup key.

    >>> fold("Erdoğan"), fold("Organisation  for Economic Co-operation")
    ('erdogan', 'organisation for economic co-operation')
    """
    if text.isascii():   # most names: nothing to decompose, no typographic quotes
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def is_strict_form(form: str) -> bool:
    """True for short all-capital acronyms ("AS", "US", "UN", "SCO") that must match case-sensitively.

    >>> is_strict_form("AS"), is_strict_form("ASEAN"), is_strict_form("Rusia"), is_strict_form("U.S.")
    (True, True, False, True)
    """
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters)


class Gazetteer:
    """Canonical entities and their surface forms for one language."""

    def __init__(self, entries: Iterable[GazEntry], forms: Iterable[tuple[str, str]]):
        self.entries: dict[str, GazEntry] = {}
        for e in entries:
            self.entries.setdefault(e.id, e)
        self.by_name: dict[str, list[GazEntry]] = {}
        for e in self.entries.values():
            self.by_name.setdefault(e.name, []).append(e)
        # surface form -> entry ids (a form may name several entries: Georgia the country and the state)
        self.forms: dict[str, list[str]] = {}
        for form, eid in forms:
            if eid in self.entries and form:
                ids = self.forms.setdefault(form, [])
                if eid not in ids:
                    ids.append(eid)
        self._folded: dict[str, list[str]] = {}
        for form, ids in self.forms.items():
            self._folded.setdefault(fold(form), []).extend(i for i in ids if i not in self._folded.get(fold(form), []))
        self._person_index: dict[str, set[str]] | None = None
        self._fuzzy_cache: dict[tuple[str, float], GazEntry | None] = {}
        self._length_windows: dict[tuple[str, int, float], list[str]] = {}
        self._multiword = sorted({fold(f) for f in self.forms if len(f.split()) >= 2 and len(f) >= 10})
        # long one-word names of countries and places, for misspellings ("Azarbaijan", "Samakarkand")
        self._long_places = sorted({fold(f) for f, ids in self.forms.items()
                                    if len(f.split()) == 1 and len(f) >= 8
                                    and any(self.entries[i].type in {"Country", "Place"} for i in ids)})

    # ---- loading -------------------------------------------------------------------------
    @classmethod
    def from_rows(cls, common_rows: Iterable[dict], lang_rows: Iterable[dict] = ()) -> "Gazetteer":
        """Build from registry rows (name, type, kind, qid, country, aliases[, ambiguous]) and
        per-language rows (name, aliases)."""
        entries, forms = [], []
        names: dict[str, list[str]] = {}
        for r in common_rows:
            amb = r.get("ambiguous", "")
            ambiguous = frozenset({"*"} if amb.lower() in {"y", "yes", "true", "1"}
                                  else {fold(f) for f in resources.split_multi(amb)})
            e = GazEntry(id=f"{r['type']}:{r['name']}", name=r["name"], type=r["type"],
                         kind=r.get("kind", ""), qid=r.get("qid", ""), country=r.get("country", ""),
                         ambiguous=ambiguous)
            entries.append(e)
            names.setdefault(e.name, []).append(e.id)
            forms.append((e.name, e.id))
            forms.extend((a, e.id) for a in resources.split_multi(r.get("aliases", "")))
        for r in lang_rows:
            for eid in names.get(r["name"], []):
                forms.extend((a, eid) for a in resources.split_multi(r.get("aliases", "")))
        return cls(entries, _with_variants(forms))

    @classmethod
    def load(cls, lang: str) -> "Gazetteer":
        """The gazetteer of `lang` from the bundled data files (cached per process)."""
        return _load(lang)

    # ---- lookups -------------------------------------------------------------------------
    def lookup(self, surface: str) -> list[GazEntry]:
        """Entries a surface form names (exact after folding), most specific type first."""
        ids = self._folded.get(fold(surface), [])
        return [self.entries[i] for i in ids]

    def people_containing(self, name: str) -> list[GazEntry]:
        """The one known person whose full name holds every word of `name` (two words or more):
        "Tayyip Erdogan" → Recep Tayyip Erdoğan. Empty when none or several fit."""
        words = set(fold(name).split())
        if len(words) < 2:
            return []
        index = self._person_words()
        forms = set.intersection(*(index.get(w, set()) for w in words))
        hits = {self.entries[i].id: self.entries[i] for form in forms for i in self._folded[form]
                if self.entries[i].type == "Person"}
        return list(hits.values()) if len(hits) == 1 else []

    def _person_words(self) -> dict[str, set[str]]:
        """word → the folded forms of people's names holding it (built on first use)."""
        if self._person_index is None:
            self._person_index = {}
            for form, ids in self._folded.items():
                if any(self.entries[i].type == "Person" for i in ids):
                    for w in form.split():
                        self._person_index.setdefault(w, set()).add(form)
        return self._person_index

    def entry(self, eid: str) -> GazEntry | None:
        return self.entries.get(eid)

    def fuzzy(self, surface: str, min_score: float = 88.0) -> GazEntry | None:
        """The entry whose multi-word form is closest to a misspelt multi-word `surface`, if close enough.

        Only names of two or more words and ten or more characters take part: short names are
        too easily confused (Niger / Nigeria).  A name with letters added at its end ("South
        American": an adjective) or cut at a word boundary ("Ministry of Foreign Affairs of") is no
        misspelling of it.
        """
        key = fold(surface)
        if len(key.split()) < 2 or len(key) < 10 or not self._multiword:
            return None
        cached = self._fuzzy_cache.get((key, min_score), False)
        if cached is not False:
            return cached
        if len(self._fuzzy_cache) > 10_000:   # names recur across articles; keep the memory bounded
            self._fuzzy_cache.clear()
        found = self._fuzzy_cache[(key, min_score)] = self._fuzzy(key, min_score)
        return found

    def _fuzzy(self, key: str, min_score: float) -> GazEntry | None:
        hit = process.extractOne(key, self._near_in_length(key[0], len(key), min_score),
                                 scorer=fuzz.ratio, score_cutoff=min_score)
        if hit is None:
            return None
        form = hit[0]
        if abs(len(form.split()) - len(key.split())) > 1:
            return None
        if key.startswith(form) or form.startswith(key + " "):
            return None   # "South American", "Ministry of Foreign Affairs of": a longer word or a cut name, no typo
        ids = self._folded.get(form, [])
        return self.entries[ids[0]] if ids else None

    def _near_in_length(self, first: str, n: int, min_score: float) -> list[str]:
        """The multi-word forms that begin with `first` (a misspelling keeps a name's first letter)
        and whose length lets fuzz.ratio reach `min_score` against a string of length `n` (the
        ratio is at most 1 - |a - b| / (a + b)), in the order of `_multiword`."""
        key = (first, n, min_score)
        if key not in self._length_windows:
            slack = 1 - min_score / 100
            self._length_windows[key] = [f for f in self._multiword if f[0] == first
                                         and abs(len(f) - n) <= slack * (len(f) + n)]
        return self._length_windows[key]

    def fuzzy_place(self, word: str, min_score: float = 88.0) -> GazEntry | None:
        """The country or place whose long one-word name a misspelt word is closest to
        ("Azarbaijan" → Azerbaijan): eight letters or more, same first and last letter."""
        key = fold(word)
        if len(key) < 8 or " " in key or not self._long_places:
            return None
        hit = process.extractOne(key, self._long_places, scorer=fuzz.ratio, score_cutoff=min_score)
        if hit is None or hit[0][0] != key[0] or hit[0][-1] != key[-1]:
            return None
        places = [self.entries[i] for i in self._folded.get(hit[0], [])
                  if self.entries[i].type in {"Country", "Place"}]
        return places[0] if len(places) == 1 else None

    def surface_forms(self) -> dict[str, list[str]]:
        """Every surface form and the entry ids it names."""
        return self.forms


def _with_variants(forms: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Forms plus their spaced variant where they hold a hyphen ("Timor-Leste" → "Timor Leste"):
    news writes both."""
    seen = {f for f, _ in forms}
    extra = [(f.replace("-", " "), eid) for f, eid in forms if "-" in f and f.replace("-", " ") not in seen]
    return forms + extra


def _rows_of(folder: tuple[str, ...]) -> tuple[dict, ...]:
    return resources.read_tsv_dir(*folder)


@lru_cache(maxsize=None)
def _load(lang: str) -> Gazetteer:
    return Gazetteer.from_rows(_rows_of(("common", "gazetteer")), _rows_of((lang, "gazetteer")))


