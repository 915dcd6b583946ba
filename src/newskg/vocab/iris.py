"""Deterministic IRIs for everything newskg writes: the same input always gets the same IRI.

The scheme (agreed in the vocabulary notes) under a configurable base, by default
`https://w3id.org/newskg/id/`:

- entity    `{base}{type}/{slug(canonical name)}`       e.g. `…/person/vladimir-putin`
- article   `{base}article/{record id, percent-encoded}`, or `{base}article/{sha256(url or text)[:16]}`
- event, position, quote   `{base}event/{h}`, `{base}position/{h}`, `{base}quote/{h}`, with `h` a
  16-hex hash of what identifies the fact inside its article
- text span `{article IRI}/span/{begin}-{end}`

Entities with the same type and canonical name share one IRI across articles; events, positions
and quotes are per article (merging them across articles is the resolution stage's job).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote, urlsplit

from rdflib import URIRef

from .namespaces import DCTERMS, DEFAULT_BASE, NKG, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, WD, XSD

# kinds of instance IRI, each a path segment under the base; also used as Turtle prefixes
KINDS = ("article", "person", "organization", "country", "place", "event", "position", "quote")

_NOT_WORD = re.compile(r"[\W_]+")


def slug(text: str) -> str:
    """The IRI path segment for a name: case-folded, accents removed, words joined by "-".

    Letters without an ASCII form (Cyrillic, CJK, "ø") are kept: IRIs allow them.

    >>> slug("Shanghai Cooperation Organisation")
    'shanghai-cooperation-organisation'
    >>> slug("São Tomé and Príncipe"), slug("Nextren.com"), slug("  Straße  ")
    ('sao-tome-and-principe', 'nextren-com', 'strasse')
    >>> slug("Владимир Путин"), slug("习近平"), slug("...")
    ('владимир-путин', '习近平', '')
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", _NOT_WORD.sub("-", folded).strip("-"))


def short_hash(*parts: str) -> str:
    """A 16-hex-digit SHA-256 digest of the parts (joined unambiguously).

    >>> short_hash("a", "b") == short_hash("a", "b") != short_hash("ab")
    True
    >>> len(short_hash("x"))
    16
    """
    joined = "\x1f".join(parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def check_base(base: str) -> str:
    """The base IRI itself when it is usable for minting (absolute, ending in "/" or "#").

    Raises ValueError saying what is wrong otherwise.

    >>> check_base("https://example.org/kg/")
    'https://example.org/kg/'
    >>> check_base("example.org/kg/")
    Traceback (most recent call last):
    ...
    ValueError: base IRI 'example.org/kg/' must be absolute, e.g. https://example.org/kg/
    """
    parts = urlsplit(base)
    if not parts.scheme or not (parts.netloc or parts.path) or any(c in base for c in ' <>"{}|\\^`'):
        raise ValueError(f"base IRI {base!r} must be absolute, e.g. https://example.org/kg/")
    if not base.endswith(("/", "#")):
        raise ValueError(f"base IRI {base!r} must end with '/' or '#', e.g. {base}/")
    return base


def entity_iri(type_: str, name: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an entity of type Person, Organization, Country or Place with this canonical name.

    >>> str(entity_iri("Person", "Vladimir Putin"))
    'https://w3id.org/newskg/id/person/vladimir-putin'
    >>> str(entity_iri("Place", "Samarkand", base="https://example.org/kg/"))
    'https://example.org/kg/place/samarkand'
    """
    kind = type_.lower()
    key = slug(name) or short_hash(name)
    return URIRef(f"{base}{kind}/{key}")


def article_iri(id: str | None, url: str | None, text: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an article: from its record id if it has one, else a hash of its URL or text.

    Distinct ids give distinct IRIs (`id_segment`): ids that differ only in case, spacing,
    punctuation or accents are different articles.

    >>> str(article_iri("nextren-2022-09-12", None, "..."))
    'https://w3id.org/newskg/id/article/nextren-2022-09-12'
    >>> [str(article_iri(i, None, "."))[35:] for i in ("Story 1", "story-1", "STORY_1", "étoile")]
    ['Story%201', 'story-1', 'STORY_1', 'étoile']
    >>> article_iri(None, "https://example.com/a", "x") == article_iri(None, "https://example.com/a", "y")
    True
    """
    if id:
        return URIRef(f"{base}article/{id_segment(id)}")
    return URIRef(f"{base}article/{short_hash(url or text)}")


def id_segment(id: str) -> str:
    """A record id as one IRI path segment, reversibly: letters, digits and "-._~" stay as they
    are (non-ASCII letters too: IRIs allow them), every other character is percent-encoded as
    UTF-8, so two different ids never share a segment and an id that is already a slug keeps it.

    >>> id_segment("bali-1"), id_segment("Reuters 2022/001"), id_segment("50%"), id_segment("..")
    ('bali-1', 'Reuters%202022%2F001', '50%25', '%2E%2E')
    """
    if id in (".", ".."):                  # dot segments: an IRI resolver would remove them
        return "%2E" * len(id)
    return "".join(c if c.isascii() and (c.isalnum() or c in "-._~")
                   or not c.isascii() and c.isalnum() else quote(c, safe="")
                   for c in id)


def fact_iri(kind: str, article_key: str, *identity: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an event, position or quote (`kind`) read from one article.

    `identity` is what tells the fact apart from others in the same article (type, participant
    IRIs, ...); the article key (record id, URL or text hash) keeps facts of different articles apart.

    >>> a = fact_iri("event", "art1", "Meeting", "p1 p2")
    >>> a == fact_iri("event", "art1", "Meeting", "p1 p2") != fact_iri("event", "art2", "Meeting", "p1 p2")
    True
    >>> str(a).startswith("https://w3id.org/newskg/id/event/")
    True
    """
    return URIRef(f"{base}{kind}/{short_hash(article_key, kind, *identity)}")


def span_iri(article: URIRef | str, begin: int, end: int) -> URIRef:
    """The IRI of the character range [begin, end) of an article's text.

    >>> str(span_iri("https://w3id.org/newskg/id/article/a1", 10, 42))
    'https://w3id.org/newskg/id/article/a1/span/10-42'
    """
    return URIRef(f"{article}/span/{begin}-{end}")


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Turtle prefixes for instance IRIs under `base`: `id:` and one per kind (`person:`, ...).

    >>> prefixes()["person"]
    'https://w3id.org/newskg/id/person/'
    """
    out = {"id": base}
    out.update({kind: f"{base}{kind}/" for kind in KINDS})
    return out


#: prefixes of the vocabularies newskg uses
VOCAB_PREFIXES = {
    "nkg": str(NKG), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL),
    "skos": str(SKOS), "dcterms": str(DCTERMS), "schema": str(SCHEMA), "prov": str(PROV),
    "sem": str(SEM), "wd": str(WD),
}


def all_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefix → namespace for the vocabularies newskg uses and instance IRIs under `base`.

    >>> all_prefixes()["nkg"], all_prefixes("https://example.org/kg/")["event"]
    ('https://w3id.org/newskg/ontology#', 'https://example.org/kg/event/')
    """
    return {**VOCAB_PREFIXES, **prefixes(base)}
