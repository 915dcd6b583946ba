"""Where quads live: in-memory stores behind rdflib's Dataset, and graph files in and out.

A newskg Dataset keeps one named graph per article (where each statement came from) and keeps its
default graph equal to the merge of all graphs: every statement once, whichever articles made it.
Queries without `GRAPH` run on that default graph, so the same query answers the same from a TriG
file (named graphs) and a Turtle file (plain triples).  The merge is stored rather than computed
per query because Oxigraph 0.5 returns a triple once per graph holding it when asked for the union
(oxigraph#1919) — a person named in 500 articles turned every join on their label 500-fold.

Two stores, both rdflib `Dataset`s:

- "oxigraph": the Oxigraph engine through oxrdflib — the default (see benchmarks/RESULTS.md);
- "memory":   rdflib's pure-Python Memory store.

Graph files are read and written by suffix.  Writing is atomic: the file appears complete or the
previous file stays as it was.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..errors import InputError
from .iris import prefixes as instance_prefixes
from .namespaces import DCTERMS, DEFAULT_BASE, NKG, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, WD, XSD

STORES = ("oxigraph", "memory")
DEFAULT_STORE = "oxigraph"   # measured: benchmarks/RESULTS.md

# suffix → rdflib parser (oxrdflib's: fast, strict, report line numbers)
READ_FORMATS = {
    ".ttl": "ox-turtle", ".turtle": "ox-turtle", ".trig": "ox-trig", ".nq": "ox-nquads",
    ".nt": "ox-ntriples", ".jsonld": "ox-json-ld",
    ".rdf": "ox-xml", ".xml": "ox-xml", ".owl": "ox-xml",
}
# suffix → pyoxigraph format, or "json-ld"; formats without graphs merge every graph's triples
WRITE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": "json-ld",
    ".rdf": ox.RdfFormat.RDF_XML,
}
NAMED_GRAPH_SUFFIXES = (".trig", ".nq", ".jsonld")

VOCAB_PREFIXES = {
    "nkg": str(NKG), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL),
    "skos": str(SKOS), "dcterms": str(DCTERMS), "schema": str(SCHEMA), "prov": str(PROV),
    "sem": str(SEM), "wd": str(WD),
}


def all_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefix → namespace for the vocabularies newskg uses and instance IRIs under `base`."""
    return {**VOCAB_PREFIXES, **instance_prefixes(base)}


def new_dataset(store: str = DEFAULT_STORE, base: str = DEFAULT_BASE) -> Dataset:
    """An empty in-memory Dataset on the named store, with newskg's prefixes bound.

    >>> ds = new_dataset("memory")
    >>> len(ds), ds.default_union
    (0, False)
    """
    if store == "oxigraph":
        from oxrdflib import OxigraphStore
        ds = Dataset(store=OxigraphStore(), default_union=False)
    elif store == "memory":
        ds = Dataset(default_union=False)
    else:
        raise ValueError(f"unknown store {store!r}; choose one of: {', '.join(STORES)}")
    for prefix, ns in all_prefixes(base).items():
        ds.bind(prefix, ns, override=True, replace=True)
    return ds


def add_quads(dataset: Dataset, quads: Iterable[tuple]) -> None:
    """Add (s, p, o, graph IRI) quads: each into its named graph, and into the merge.

    >>> from rdflib import URIRef as U
    >>> ds = new_dataset("memory")
    >>> g1, g2, s, p = U("http://ex.org/g1"), U("http://ex.org/g2"), U("http://ex.org/s"), U("http://ex.org/p")
    >>> add_quads(ds, [(s, p, Literal("x"), g1), (s, p, Literal("x"), g2)])
    >>> len(ds.default_graph), len(list(ds.quads((None, None, None, None))))
    (1, 3)
    """
    quads = list(quads)
    dataset.addN(quads)
    dataset.addN([(s, p, o, DATASET_DEFAULT_GRAPH_ID) for s, p, o, _ in quads])


def merge_named_graphs(dataset: Dataset) -> None:
    """Make the default graph hold every statement of every named graph (after loading a file)."""
    if _is_oxigraph(dataset):
        dataset.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        return
    default = dataset.default_graph
    extra = [(s, p, o, DATASET_DEFAULT_GRAPH_ID)
             for s, p, o, g in dataset.quads((None, None, None, None))
             if _graph_id(g) != DATASET_DEFAULT_GRAPH_ID]
    if extra:
        default.addN((s, p, o, default) for s, p, o, _ in extra)


def triple_count(dataset: Dataset) -> int:
    """The number of distinct statements (the size of the merged default graph)."""
    return len(dataset.default_graph)


def load_graph(path: str | os.PathLike, dataset: Dataset | None = None,
               store: str = DEFAULT_STORE) -> Dataset:
    """The dataset with the graph file at `path` added (a new one on `store` if none given).

    The format comes from the suffix (see READ_FORMATS); triples of Turtle, N-Triples, RDF/XML go
    to the default graph, named graphs of TriG, N-Quads and JSON-LD stay named.  Raises InputError
    naming the file (and line, when the parser says) when it is missing or not well-formed.
    """
    p = Path(path)
    fmt = READ_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(str(p), f"unknown graph file suffix {p.suffix!r}; use one of "
                                 f"{', '.join(READ_FORMATS)}")
    if not p.is_file():
        raise InputError(str(p), "no such file")
    ds = dataset if dataset is not None else new_dataset(store)
    try:
        ds.parse(str(p), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(str(p), f"not a valid {fmt.removeprefix('ox-')} file: {exc}",
                         line=line) from exc
    merge_named_graphs(ds)
    return ds


def supported_write_suffixes() -> list[str]:
    """The output suffixes write_graph understands."""
    return list(WRITE_FORMATS)


def check_output_path(path: str | os.PathLike) -> Path:
    """The path itself when its suffix names a format write_graph can write; ValueError otherwise.

    >>> check_output_path("out.trig").suffix
    '.trig'
    >>> check_output_path("out.txt")
    Traceback (most recent call last):
    ...
    ValueError: cannot write 'out.txt': unknown suffix '.txt'; use one of .ttl, .turtle, .trig, .nq, .nt, .jsonld, .rdf
    """
    p = Path(path)
    if p.suffix.lower() not in WRITE_FORMATS:
        raise ValueError(f"cannot write {str(p)!r}: unknown suffix {p.suffix!r}; use one of "
                         f"{', '.join(WRITE_FORMATS)}")
    return p


def write_graph(dataset: Dataset, path: str | os.PathLike, base: str = DEFAULT_BASE) -> Path:
    """Write the dataset to `path` in the format its suffix names; returns the path.

    `.trig`, `.nq` and `.jsonld` keep one named graph per article (and in the default graph only
    statements no named graph holds); `.ttl`, `.nt` and `.rdf` write the merge.  Output is sorted (the same graph gives the same file) and written
    to a temporary file in the same folder that replaces `path` only once complete.
    """
    p = check_output_path(path)
    fmt = WRITE_FORMATS[p.suffix.lower()]
    pre = all_prefixes(base)
    named, default = set(), set()
    for q in dataset.quads((None, None, None, None)):
        quad = _to_ox_quad(q)
        (default if isinstance(quad.graph_name, ox.DefaultGraph) else named).add(quad)
    if p.suffix.lower() in NAMED_GRAPH_SUFFIXES:
        # the default graph is the merge of the named ones: write only what it holds beyond them
        in_named = {q.triple for q in named}
        quads = sorted(named | {q for q in default if q.triple not in in_named}, key=_quad_order)
    else:
        quads = sorted({q.triple for q in default | named}, key=_quad_order)
    if fmt == "json-ld":
        data = _jsonld(quads, pre)
    else:
        data = ox.serialize(quads, format=fmt, prefixes=pre)
    atomic_write_bytes(p, data)
    return p


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see either the old file or the complete new one."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _file_mode(path: Path) -> int:
    """The mode for the new file: that of the file it replaces, else the default for new files."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# -- conversion to pyoxigraph terms (for its fast, sorted, prefix-aware serialisers) ---------------

def _to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot write RDF term {term!r}")


def _graph_id(g):
    gid = getattr(g, "identifier", g)
    return DATASET_DEFAULT_GRAPH_ID if gid is None else gid


def _is_oxigraph(dataset: Dataset) -> bool:
    return type(dataset.store).__name__ == "OxigraphStore"


def _to_ox_quad(q) -> ox.Quad:
    s, p, o, g = q
    gid = _graph_id(g)
    graph = ox.DefaultGraph() if gid == DATASET_DEFAULT_GRAPH_ID else _to_ox(gid)
    return ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), graph)


def _quad_order(q) -> tuple[str, ...]:
    """Graph first, then subject, predicate, object: each graph and subject written as one block."""
    graph = str(q.graph_name) if isinstance(q, ox.Quad) else ""
    return (graph, str(q.subject), str(q.predicate), str(q.object))


def _jsonld(quads: list[ox.Quad], pre: dict[str, str]) -> bytes:
    """JSON-LD with a prefix @context: one object per named graph (rdflib's serialiser)."""
    ds = Dataset()
    nq = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    ds.parse(data=nq.decode("utf-8"), format="nquads")
    data = json.loads(ds.serialize(format="json-ld", context=pre))
    return (json.dumps(_sorted_jsonld(data), indent=2, sort_keys=True, ensure_ascii=False)
            + "\n").encode("utf-8")


def _sorted_jsonld(node):
    """The JSON-LD document with every array in a fixed order (rdflib's follows hash order)."""
    if isinstance(node, dict):
        return {k: _sorted_jsonld(v) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_jsonld(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node
