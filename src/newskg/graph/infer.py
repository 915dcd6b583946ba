"""What the ontology's alignments entail, written into a graph: the closure of its
rdfs:subClassOf / owl:equivalentClass and rdfs:subPropertyOf / owl:equivalentProperty axioms.

A meeting (`nkg:Meeting`) is then also an `nkg:Event`, a `schema:Event` and a `sem:Event`, and its
`nkg:participant` statements are also `sem:hasActor` ones, so queries in schema.org, SEM, PROV-O or
ORG terms find newskg's data.  Only these two rules run (RDFS rules 9 and 7 with the equivalences,
applied to the ontology's named classes and properties), not a general reasoner: one SPARQL
INSERT for the types and one for the properties, evaluated by the graph's own engine over the
default graph (the merge), where the entailed statements are also written.  An article's named
graph keeps what its article said.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import networkx as nx
from rdflib import OWL, RDFS, Graph, URIRef

from ..paths import ONTOLOGY_FILE

Pair = tuple[URIRef, URIRef]


@lru_cache(maxsize=4)
def alignments(ontology: str | os.PathLike = ONTOLOGY_FILE) -> tuple[list[Pair], list[Pair]]:
    """(class pairs, property pairs): every (sub, super) the ontology entails between named terms,
    the transitive closure of its subclass / subproperty and equivalence axioms.

    >>> classes, properties = alignments()
    >>> from rdflib import URIRef as U
    >>> (U("https://w3id.org/newskg/ontology#Meeting"), U("https://schema.org/Event")) in classes
    True
    >>> (U("https://w3id.org/newskg/ontology#participant"),
    ...  U("http://semanticweb.cs.vu.nl/2009/11/sem/hasActor")) in properties
    True
    """
    graph = Graph().parse(Path(ontology), format="turtle")

    def closure(sub: URIRef, equivalent: URIRef) -> list[Pair]:
        hierarchy = nx.DiGraph()
        for a, b in graph.subject_objects(sub):
            hierarchy.add_edge(a, b)
        for a, b in graph.subject_objects(equivalent):
            hierarchy.add_edge(a, b)
            hierarchy.add_edge(b, a)
        named = [n for n in hierarchy if isinstance(n, URIRef)]
        return sorted((a, b) for a in named for b in nx.descendants(hierarchy, a)
                      if isinstance(b, URIRef) and b != a)

    return (closure(RDFS.subClassOf, OWL.equivalentClass),
            closure(RDFS.subPropertyOf, OWL.equivalentProperty))


def _values(pairs: list[Pair]) -> str:
    return "\n".join(f"    ({a.n3()} {b.n3()})" for a, b in pairs)


def entailment_updates(ontology: str | os.PathLike = ONTOLOGY_FILE) -> list[str]:
    """The SPARQL 1.1 Updates that write the entailed types and statements into the default graph."""
    classes, properties = alignments(ontology)
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    return [
        f"INSERT {{ ?x {rdf_type} ?super }}\nWHERE {{\n  VALUES (?sub ?super) {{\n{_values(classes)}\n  }}\n"
        f"  ?x {rdf_type} ?sub .\n}}",
        f"INSERT {{ ?s ?super ?o }}\nWHERE {{\n  VALUES (?sub ?super) {{\n{_values(properties)}\n  }}\n"
        f"  ?s ?sub ?o .\n}}",
    ]


def materialise(dataset, ontology: str | os.PathLike = ONTOLOGY_FILE) -> None:
    """Write what the ontology's alignments entail into `dataset`'s default graph (an rdflib
    Dataset whose default graph is the merge of its articles, as `KnowledgeGraph.graph` is).
    Running it again adds nothing."""
    for update in entailment_updates(ontology):
        dataset.update(update)
