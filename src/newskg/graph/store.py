"""Where quads live: in-memory stores behind rdflib's Dataset, and graph files in and out.

A newskg Dataset keeps one named graph per article (where each statement came from) and keeps its
default graph equal to the merge of all graphs: every statement once, whichever articles made it.
Queries without `GRAPH` run on that default graph, so the same query answers the same from a TriG
file (named graphs) and a Turtle file (plain triples).  The merge is stored rather than computed
per query because Oxigraph 0.5 returns a triple once per graph holding it when asked for the union
(oxigraph#1919) — a person named in 500 articles turned every join on their label 500-fold.

Three stores, all rdflib `Dataset`s, all running the same queries with the same results:

- "oxigraph-disk": the Oxigraph engine (through oxrdflib) on a temporary folder, removed when the
  Dataset goes — the default: its per-graph indexes keep lookups fast however many articles
  repeat a statement (see benchmarks/RESULTS.md);
- "oxigraph":      the Oxigraph engine in memory — fastest to fill and load, but its lookups walk
  every graph's copy of a statement, so queries slow down as articles repeat entities;
- "memory":        rdflib's pure-Python Memory store — keeps every literal exactly as written
  (Oxigraph stores derived datatypes such as xsd:nonNegativeInteger as xsd:integer).

Graph files are read and written by suffix.  Writing is atomic: the file appears complete or the
previous file stays as it was.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..errors import InputError
from .iris import prefixes as instance_prefixes
from .namespaces import DCTERMS, DEFAULT_BASE, NKG, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, WD, XSD

STORES = ("oxigraph-disk", "oxigraph", "memory")
DEFAULT_STORE = "oxigraph-disk"   # measured: benchmarks/RESULTS.md

# suffix → format (parsed by Oxigraph's parsers: fast, strict, with line numbers in errors)
READ_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
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


def new_dataset(store: str = DEFAULT_STORE, base: str = DEFAULT_BASE,
                location: str | os.PathLike | None = None) -> Dataset:
    """A Dataset on the named store, with newskg's prefixes bound.

    "oxigraph-disk" keeps its data in a temporary folder, removed when the Dataset is garbage
    collected or the program ends — or, with `location`, in that folder (an Oxigraph store, created
    if missing, kept afterwards, and reopened with what it holds).

    >>> ds = new_dataset("memory")
    >>> len(ds), ds.default_union
    (0, False)
    """
    if store in ("oxigraph", "oxigraph-disk"):
        from oxrdflib import OxigraphStore
        if location is not None:
            native = ox.Store(str(location))
        elif store == "oxigraph":
            native = ox.Store()
        else:
            folder = tempfile.mkdtemp(prefix="newskg-store-")
            native = ox.Store(folder)
        ds = Dataset(store=OxigraphStore(store=native), default_union=False)
        if store == "oxigraph-disk" and location is None:
            weakref.finalize(ds, shutil.rmtree, folder, True)
    elif store == "memory":
        if location is not None:
            raise ValueError("a store folder needs the oxigraph-disk store")
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
    native = _ox_store(dataset)
    if native is not None:      # straight into Oxigraph: rdflib's addN converts quad by quad
        _add_native(native, [_to_ox_quad(q) for q in quads])
        return
    dataset.addN(quads)
    dataset.addN([(s, p, o, DATASET_DEFAULT_GRAPH_ID) for s, p, o, _ in quads])


# Below this many quads a transaction (`extend`) is far cheaper than Oxigraph's bulk loader, which
# sets up sorted files for each call (0.16 s for one article's few hundred quads on disk).
BULK_FROM = 50_000


def _add_native(native: ox.Store, quads: list[ox.Quad]) -> None:
    """Add pyoxigraph quads and their copies in the default graph (the merge)."""
    default = ox.DefaultGraph()
    batch = quads + [ox.Quad(q.subject, q.predicate, q.object, default)
                     for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
    if len(batch) >= BULK_FROM:
        native.bulk_extend(batch)
    else:
        native.extend(batch)


def triple_count(dataset: Dataset) -> int:
    """The number of distinct statements (the size of the merged default graph)."""
    return len(dataset.default_graph)


def load_graph(path: str | os.PathLike, dataset: Dataset | None = None,
               store: str = DEFAULT_STORE) -> Dataset:
    """The dataset with the graph file at `path` added (a new one on `store` if none given).

    The format comes from the suffix (see READ_FORMATS); triples of Turtle, N-Triples, RDF/XML go
    to the default graph, named graphs of TriG, N-Quads and JSON-LD stay named (and are merged into
    the default graph).  The whole file is parsed before anything is added.  Raises InputError
    naming the file (and line, when the parser says) when it is missing or not well-formed.
    """
    p = Path(path)
    fmt = READ_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(str(p), f"unknown graph file suffix {p.suffix!r}; use one of "
                                 f"{', '.join(READ_FORMATS)}")
    if not p.is_file():
        raise InputError(str(p), "no such file")
    try:
        quads = list(ox.parse(path=str(p), format=fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        line = getattr(exc, "lineno", None)
        detail = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        raise InputError(str(p), f"not a valid {fmt.name} file: {detail}", line=line) from exc
    ds = dataset if dataset is not None else new_dataset(store)
    native = _ox_store(ds)
    if native is not None:
        _add_native(native, quads)
    else:
        add_quads(ds, [(_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object),
                        DATASET_DEFAULT_GRAPH_ID if isinstance(q.graph_name, ox.DefaultGraph)
                        else _from_ox(q.graph_name)) for q in quads])
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
    statements no named graph holds); `.ttl`, `.nt` and `.rdf` write the merge.  Output is
    sorted (the same graph gives the same file) and written to a temporary file in the same
    folder that replaces `path` only once complete.
    """
    p = check_output_path(path)
    fmt = WRITE_FORMATS[p.suffix.lower()]
    pre = all_prefixes(base)
    native = _ox_store(dataset)
    if native is not None:
        everything = native.quads_for_pattern(None, None, None, None)
    else:
        everything = (_to_ox_quad(q) for q in dataset.quads((None, None, None, None)))
    named, default = set(), set()
    for quad in everything:
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


def _ox_store(dataset: Dataset) -> ox.Store | None:
    """The pyoxigraph Store under an Oxigraph-backed dataset, None for other stores."""
    store = dataset.store
    if type(store).__name__ == "OxigraphStore":
        return store._inner     # oxrdflib 0.5: the pyoxigraph Store it wraps
    return None


def _from_ox(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot read RDF term {term!r}")


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
    """JSON-LD: Oxigraph's (fast) serialisation, IRIs shortened with a prefix @context.

    One object per named graph; rdf:type written as "@type".  The input is sorted, so the
    output is too.
    """
    expanded = json.loads(ox.serialize(quads, format=ox.RdfFormat.JSON_LD))
    namespaces = sorted(pre.items(), key=lambda kv: -len(kv[1]))

    def short(iri: str) -> str:
        for prefix, ns in namespaces:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def compact(node):
        if isinstance(node, list):
            return [compact(v) for v in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key == "@id":
                out[key] = short(value) if not value.startswith("_:") else value
            elif key == "@type":
                out[key] = short(value)
            elif key.startswith("@"):
                out[key] = compact(value)
            elif key == str(RDF.type) and all("@id" in v and not v["@id"].startswith("_:")
                                              for v in value):
                out["@type"] = [short(v["@id"]) for v in value]
            else:
                out[short(key)] = compact(value)
        return out

    doc = {"@context": pre, "@graph": compact(expanded)}
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# -- changing what is stored (resolution, replacing an article) ------------------------------------
# Every change keeps the invariant above: each named graph holds one article's statements and the
# default graph holds their merge.

def _all_quads(dataset: Dataset, s=None, p=None, o=None, g=None) -> list[tuple]:
    """(s, p, o, graph id) quads matching a pattern; graph id DATASET_DEFAULT_GRAPH_ID for the merge."""
    native = _ox_store(dataset)
    if native is not None:
        graph = None if g is None else (ox.DefaultGraph() if g == DATASET_DEFAULT_GRAPH_ID else _to_ox(g))
        out = []
        for q in native.quads_for_pattern(None if s is None else _to_ox(s),
                                          None if p is None else _to_ox(p),
                                          None if o is None else _to_ox(o), graph):
            gid = DATASET_DEFAULT_GRAPH_ID if isinstance(q.graph_name, ox.DefaultGraph) \
                else _from_ox(q.graph_name)
            out.append((_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object), gid))
        return out
    # rdflib's Dataset.quads ignores the graph of the pattern: filter here
    return [(qs, qp, qo, _graph_id(qg)) for qs, qp, qo, qg in dataset.quads((s, p, o, None))
            if g is None or _graph_id(qg) == g]


def _remove_raw(dataset: Dataset, quads: Iterable[tuple]) -> None:
    native = _ox_store(dataset)
    for q in quads:
        if native is not None:
            native.remove(_to_ox_quad(q))
        else:
            dataset.graph(q[3]).remove(q[:3]) if q[3] != DATASET_DEFAULT_GRAPH_ID \
                else dataset.default_graph.remove(q[:3])


def _add_raw(dataset: Dataset, quads: Iterable[tuple]) -> None:
    native = _ox_store(dataset)
    quads = list(quads)
    if native is not None:
        native.bulk_extend([_to_ox_quad(q) for q in quads])
        return
    for q in quads:
        (dataset.default_graph if q[3] == DATASET_DEFAULT_GRAPH_ID else dataset.graph(q[3])).add(q[:3])


def triples_of(dataset: Dataset, predicates: Iterable) -> list[tuple]:
    """The merged (default-graph) triples with one of the given predicates."""
    out = []
    for p in predicates:
        out.extend(q[:3] for q in _all_quads(dataset, None, p, None, DATASET_DEFAULT_GRAPH_ID))
    return out


def graph_quads(dataset: Dataset, graph: URIRef) -> list[tuple]:
    """The quads of one named graph."""
    return _all_quads(dataset, g=graph)


def remove_graph(dataset: Dataset, graph: URIRef) -> int:
    """Remove one named graph (an article), and from the merge every statement no other graph makes.

    Returns the number of quads removed from the named graph.

    >>> from rdflib import URIRef as U, Literal as L
    >>> ds = new_dataset("memory")
    >>> s, p = U("http://ex.org/s"), U("http://ex.org/p")
    >>> add_quads(ds, [(s, p, L("a"), U("http://ex.org/g1")), (s, p, L("b"), U("http://ex.org/g1")),
    ...                (s, p, L("a"), U("http://ex.org/g2"))])
    >>> remove_graph(ds, U("http://ex.org/g1")), sorted(str(o) for o in ds.default_graph.objects(s, p))
    (2, ['a'])
    """
    quads = graph_quads(dataset, graph)
    _remove_raw(dataset, quads)
    orphans = []
    for s, p, o, _ in quads:
        if not any(g != DATASET_DEFAULT_GRAPH_ID for *_, g in _all_quads(dataset, s, p, o)):
            orphans.append((s, p, o, DATASET_DEFAULT_GRAPH_ID))
    _remove_raw(dataset, orphans)
    return len(quads)


def rename_node(dataset: Dataset, old: URIRef, new: URIRef) -> int:
    """Replace IRI `old` by `new` in every statement of every graph; returns the statements changed.

    >>> from rdflib import URIRef as U, Literal as L
    >>> ds = new_dataset("memory")
    >>> a, b, p, g = U("http://ex.org/a"), U("http://ex.org/b"), U("http://ex.org/p"), U("http://ex.org/g")
    >>> add_quads(ds, [(a, p, L("x"), g), (b, p, a, g)])
    >>> rename_node(ds, a, U("http://ex.org/z")), sorted(str(s) for s in ds.default_graph.subjects())
    (4, ['http://ex.org/b', 'http://ex.org/z'])
    """
    quads = {q for q in _all_quads(dataset, s=old)} | {q for q in _all_quads(dataset, o=old)}
    if not quads or old == new:
        return 0
    _remove_raw(dataset, quads)
    swap = lambda t: new if t == old else t
    _add_raw(dataset, {(swap(s), p, swap(o), g) for s, p, o, g in quads})
    return len(quads)


def set_value(dataset: Dataset, node: URIRef, predicate: URIRef, value) -> int:
    """Make `value` the only object of (node, predicate) in every graph that states one; returns
    the number of graphs changed (the merge included)."""
    quads = _all_quads(dataset, s=node, p=predicate)
    stale = [q for q in quads if q[2] != value]
    graphs = {q[3] for q in stale}
    _remove_raw(dataset, stale)
    _add_raw(dataset, [(node, predicate, value, g) for g in graphs])
    return len(graphs)
