"""Which name of a node is its rdfs:label, and in which language: a stable rule, not arrival order.

A name is tagged with the language it was read in: a name as the article writes it gets the
article's language ("Korea utara"@id), a canonical name of the gazetteer or of the Wikidata link
table (English, `resources/common/gazetteer`, `resources/common/wikidata/links.tsv`) gets `@en`
("North Korea"@en, even when an Indonesian article named it).

A node has one rdfs:label in each article graph and one in the merge: the best of its names by
`label_key`, a total order on (type, name, language) that looks at nothing but the names:
1. a canonical name before a form read from text;
2. a person's fuller name first ("Bill Clinton" before "Clinton"; titles and initials not counted);
3. a form without a leading honorific or office title ("Blair" before "Mr Blair");
4. English before other languages (a node both languages name shows one label);
5. well-formed: no trailing dot or comma ("PT Pelindo I" before "PT Pelindo I.");
6. more words capitalised ("KJP Plus" before "KJP plus", "Majelis Hakim" before "Majelis hakim");
7. the longer name ("Perserikatan Bangsa-Bangsa" before "PBB"), then the first in code-point order.
Taking the best is associative and commutative, so the merge's label is the same whichever article
comes first and however a corpus is split into runs; the other names stay as skos:altLabel.
"""
from __future__ import annotations

from functools import lru_cache

from .. import resources
from ..nlp.gazetteer import fold
from .links import LINKS_FILE
from .names import name_words, person_key, strip_titles

#: the language of canonical names (gazetteer and link table)
CANONICAL_LANG = "en"


@lru_cache(maxsize=1)
def _canonical() -> frozenset[tuple[str, str]]:
    """(type, name) of every canonical name of the gazetteer and the link table."""
    rows = [*resources.read_tsv_dir("common", "gazetteer"), *resources.read_tsv(*LINKS_FILE)]
    return frozenset((r["type"], r["name"]) for r in rows if r.get("type") and r.get("name"))


def is_canonical(type_: str, name: str) -> bool:
    """True when `name` is the canonical name of a gazetteer or link-table entry of `type_`.

    >>> is_canonical("Country", "North Korea"), is_canonical("Country", "Korea utara")
    (True, False)
    """
    return (type_, name) in _canonical()


def name_lang(type_: str, name: str, article_lang: str | None) -> str:
    """The language tag of a node's name: `en` for a canonical name, else the article's language
    (`en` when the article's is unknown).

    >>> name_lang("Country", "North Korea", "id"), name_lang("Country", "Korea utara", "id")
    ('en', 'id')
    """
    if is_canonical(type_, name):
        return CANONICAL_LANG
    return article_lang or CANONICAL_LANG


@lru_cache(maxsize=1 << 14)
def label_key(type_: str, name: str, lang: str) -> tuple:
    """The sort key of a name as a node's label: the smallest key is the best label.

    >>> best = lambda *names: min(names, key=lambda n: label_key("Organization", n, "id"))
    >>> best("PT Pelindo I.", "PT Pelindo I"), best("KJP plus", "KJP Plus"), best("PBB", "Perserikatan Bangsa-Bangsa")
    ('PT Pelindo I', 'KJP Plus', 'Perserikatan Bangsa-Bangsa')
    >>> min(["Clinton", "Bill Clinton"], key=lambda n: label_key("Person", n, "en"))
    'Bill Clinton'
    """
    words = name.split()
    fuller = -len(person_key(name)) if type_ == "Person" else 0
    titled = type_ == "Person" and len(name_words(name)) > 0 and \
        len(strip_titles(name).split()) < len(fold(name).split())
    return (not is_canonical(type_, name),
            fuller,
            titled,
            lang != CANONICAL_LANG,
            name != name.strip() or name.rstrip().endswith((".", ",", ";", ":")),
            -sum(1 for w in words if w[:1].isupper()),
            -len(name),
            name, lang)


def best_label(type_: str, names) -> tuple[str, str] | None:
    """The best (name, language) of `names` ((name, language) pairs), or None when there is none.

    >>> best_label("Organization", [("Majelis hakim", "id"), ("Majelis Hakim", "id")])
    ('Majelis Hakim', 'id')
    """
    found = [(n, lang or "") for n, lang in names if n]
    if not found:
        return None
    return min(found, key=lambda nl: label_key(type_, nl[0], nl[1]))
