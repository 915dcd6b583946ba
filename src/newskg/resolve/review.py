"""A review aid: pairs of nodes that may be one real thing, for a person to check.

Two kinds of evidence: the same Wikidata QID on two nodes of one type, and near-identical labels of
one type (case, accents and titles ignored; people compared by name words and spelling variants, and
listed when one name holds all words of the other; all labels by rapidfuzz's token_sort_ratio, so
"Revolution Palace" / "Palace of the Revolution" come up).  Nothing is merged here: the list says what to look at and why.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from ..nlp.gazetteer import fold
from .index import GraphIndex
from .names import is_more_complete, person_key


_FILLER = {"of", "the", "and", "for", "de", "dan", "di"}


def _content(label: str) -> str:
    """The label's words without filler words ("Palace of the Revolution" → "palace revolution")."""
    return " ".join(w for w in fold(label).replace("-", " ").split() if w not in _FILLER)


def _holds(a: str, b: str) -> bool:
    """True when all content words of one label are among the other's ("Commission")."""
    wa, wb = set(_content(a).split()), set(_content(b).split())
    return bool(wa and wb) and wa != wb and (wa < wb or wb < wa)


@dataclass(frozen=True)
class Suspect:
    """Two nodes that may be one thing."""
    type: str
    a: str            # IRI
    b: str            # IRI
    label_a: str
    label_b: str
    reason: str       # "same QID Q…" | "same name" | "similar labels (93)"


def find_duplicates(index: GraphIndex, threshold: float = 90.0) -> list[Suspect]:
    """Likely duplicate entity nodes of the graph, most certain first.

    >>> from rdflib import URIRef as U
    >>> from newskg.resolve.index import EntityNode
    >>> idx = GraphIndex()
    >>> idx.entities = {U("x:1"): EntityNode(U("x:1"), "Person", "Volodymyr Zelensky"),
    ...                 U("x:2"): EntityNode(U("x:2"), "Person", "Volodymyr Zelenskyy"),
    ...                 U("x:3"): EntityNode(U("x:3"), "Country", "Georgia"),
    ...                 U("x:4"): EntityNode(U("x:4"), "Person", "Georgia")}
    >>> [(s.label_a, s.label_b, s.reason) for s in find_duplicates(idx)]
    [('Volodymyr Zelensky', 'Volodymyr Zelenskyy', 'same name')]
    """
    out: list[Suspect] = []
    by_type: dict[str, list] = {}
    for node in index.entities.values():
        by_type.setdefault(node.type, []).append(node)
    for type_, nodes in sorted(by_type.items()):
        nodes.sort(key=lambda n: str(n.iri))
        for a, b in combinations(nodes, 2):
            shared = sorted(a.qids & b.qids)
            if shared:
                reason = f"same QID {shared[0]}"
            elif type_ == "Person" and person_key(a.label) and person_key(a.label) == person_key(b.label):
                reason = "same name"
            elif fold(a.label) == fold(b.label):
                reason = "same name"
            elif type_ == "Person" and (is_more_complete(a.label, b.label)
                                        or is_more_complete(b.label, a.label)):
                reason = "one name holds the other"
            elif type_ == "Organization" and _holds(a.label, b.label):
                reason = "one name holds the other"
            else:
                score = fuzz.token_sort_ratio(_content(a.label), _content(b.label))
                if score < threshold or min(len(a.label), len(b.label)) < 5:
                    continue
                reason = f"similar labels ({score:.0f})"
            out.append(Suspect(type_, str(a.iri), str(b.iri), a.label, b.label, reason))
    rank = {"same QID": 0, "same name": 1, "one name holds the other": 2, "similar labels": 3}
    out.sort(key=lambda s: (rank[s.reason.split(" (")[0].rsplit(" Q", 1)[0]], s.type, s.label_a))
    return out
