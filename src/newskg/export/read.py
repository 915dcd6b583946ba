"""Reads the network `newskg export` writes out of a graph, through SPARQL only.

The SELECTs live in `resources/common/export/*.rq`, the node and edge types in
`resources/common/export/types.tsv`; they run with the graph's public `query` method, so any graph newskg
opens (a file, a store folder, an endpoint) can be exported.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from .. import resources

WIKIDATA = "http://www.wikidata.org/entity/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass
class Network:
    """Nodes (IRI → attributes) and typed edges (source IRI, target IRI, type, attributes).

    A node's attributes: `iri`, `type` (its most specific class: Meeting, Person, …), `types`
    (every exported class it has), `group` (entity, event or position), `label`, `label_<lang>`
    for each language it has a name in, and where the graph has them `qid`, `date`, `status`.
    An edge's: `date` and `status` of its event for PARTICIPANT and LOCATION, `title` for HOLDS.
    """
    nodes: dict[str, dict] = field(default_factory=dict)
    edges: list[tuple[str, str, str, dict]] = field(default_factory=list)

    @property
    def languages(self) -> list[str]:
        """The language tags the nodes have names in, sorted."""
        return sorted({k[len("label_"):] for a in self.nodes.values() for k in a
                       if k.startswith("label_")})


def _types() -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    rows = resources.read_tsv("common", "export", "types.tsv")
    nodes = [(r["term"], r["name"], r["group"]) for r in rows if r["kind"] == "node"]
    edges = {r["term"]: r["name"] for r in rows if r["kind"] == "edge"}
    return nodes, edges


def _local(term) -> str:
    text = str(term)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def read_network(kg, progress=None) -> Network:
    """The entities, events and positions of `kg` as nodes, and participation, location, part-of,
    organiser, held position and office as typed edges.  `progress(message)` is told each step."""
    say = progress or (lambda message: None)
    node_types, edge_types = _types()
    rank = {term: i for i, (term, _, _) in enumerate(node_types)}
    query = lambda name: kg.query(str(resources.path("common", "export", f"{name}.rq")))

    say("reading nodes")
    net = Network()
    for row in query("nodes"):
        iri, term = str(row["node"]), str(row["type"])
        attrs = net.nodes.setdefault(iri, {"iri": iri, "_types": set()})
        attrs["_types"].add(term)
        if row["qid"] is not None and str(row["qid"]).startswith(WIKIDATA):
            attrs["qid"] = min(attrs.get("qid", "~"), str(row["qid"])[len(WIKIDATA):])
        if row["date"] is not None:
            attrs["date"] = max(attrs.get("date", ""), str(row["date"]))
        if row["status"] is not None:
            attrs["status"] = _local(row["status"])
    for attrs in net.nodes.values():
        terms = sorted(attrs.pop("_types"), key=rank.__getitem__)
        _, attrs["type"], attrs["group"] = node_types[rank[terms[0]]]
        attrs["types"] = [node_types[rank[t]][1] for t in terms]

    net.nodes = dict(sorted(net.nodes.items()))

    say("reading names")
    canonical: dict[str, dict[str, str]] = {}
    other: dict[str, dict[str, str]] = {}
    for row in query("labels"):
        label = row["label"]
        if not isinstance(label, Literal):
            continue
        table = canonical if str(row["kind"]) == RDFS_LABEL else other
        names = table.setdefault(str(row["node"]), {})
        lang = label.language or ""
        names[lang] = min(names.get(lang, str(label)), str(label))
    for iri, attrs in net.nodes.items():
        mine, alt = canonical.get(iri, {}), other.get(iri, {})
        for lang in sorted(set(mine) | set(alt)):
            if lang:
                attrs[f"label_{lang}"] = mine.get(lang) or alt[lang]
        chosen = mine.get("en") or (mine[min(mine)] if mine else None) or \
            (alt.get("en") or alt[min(alt)] if alt else None)
        attrs["label"] = chosen or _local(iri)

    say("reading edges")
    for row in query("edges"):
        source, target, relation = str(row["source"]), str(row["target"]), str(row["relation"])
        if source not in net.nodes or target not in net.nodes or relation not in edge_types:
            continue
        kind = edge_types[relation]
        attrs = {}
        if net.nodes[source]["group"] == "event":
            for key in ("date", "status"):
                if key in net.nodes[source]:
                    attrs[key] = net.nodes[source][key]
        if kind == "HOLDS":
            attrs["title"] = net.nodes[target]["label"]
        net.edges.append((source, target, kind, attrs))
    net.edges.sort(key=lambda e: (e[2], e[0], e[1]))
    return net
