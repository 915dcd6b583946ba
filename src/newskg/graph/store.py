"""Where quads live: in-memory stores behind rdflib's Dataset, and graph files in and out.

A newskg Dataset keeps one named graph per article (what that article says) and keeps its
default graph equal to the merge of all graphs: every statement once, whichever articles made it —
except the merged view of nodes several articles report (`MERGED_PREDICATES`): where resolution
gives a node's label, date, status or places, the merge holds those values only, whatever each
article's graph states (an article that dates a meeting to the month keeps that date in its graph;
the merge has the day another article gives).  Queries without `GRAPH` run on that default graph,
so the same query answers the same from a TriG file (named graphs) and a Turtle file (plain
triples).  The merge is stored rather than computed per query because Oxigraph 0.5 returns a triple
once per graph holding it when asked for the union (oxigraph#1919) — a person named in 500 articles
turned every join on their label 500-fold.

Three stores, all rdflib `Dataset`s, all running the same queries with the same results:

- "oxigraph-disk": the Oxigraph engine (through oxrdflib) on a temporary folder, removed when the
  Dataset goes — the default: its per-graph indexes keep lookups fast however many articles
  repeat a statement (see benchmarks/RESULTS.md);
- "oxigraph":      the Oxigraph engine in memory — fastest to fill and load, but its lookups walk
  every graph's copy of a statement, so queries slow down as articles repeat entities;
- "memory":        rdflib's pure-Python Memory store — keeps every literal exactly as written
  (Oxigraph stores derived datatypes such as xsd:nonNegativeInteger as xsd:integer).

A KnowledgeGraph can also live in an Oxigraph store folder (kept: `new_dataset(location=DIR)`) or in
a remote SPARQL 1.1 store (`newskg.graph.remote`); the functions here work on all of them.

Graph files are read and written by suffix.  Writing is atomic: the file appears complete or the
previous file stays as it was.  Big files are loaded with Oxigraph's bulk loader and big graphs
written as a stream (see `load_graph`, `write_graph`).  A file with named graphs keeps the merged
view in its default graph: where that states a node's values of a merged predicate, they are the
merge's values of it (`merge_of`).
"""
from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import tempfile
import weakref
from pathlib import Path
from typing import Iterable, Mapping

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..tempfiles import owned_prefix, remove_stale
from ..errors import InputError
from .bulk import bulk_load_file
from .iris import prefixes as instance_prefixes
from .namespaces import DCTERMS, DEFAULT_BASE, NKG, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, WD, XSD
from .remote import endpoint_of
from .results import Rows

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

#: predicates whose values in the merge are the merged view resolution gives a node several articles
#: report (one label, date and status, its most precise places), not every value any graph states
MERGED_PREDICATES = (RDFS.label, NKG.date, NKG.status, NKG.location)
_MERGED_OX = frozenset(ox.NamedNode(str(p)) for p in MERGED_PREDICATES)

VOCAB_PREFIXES = {
    "nkg": str(NKG), "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL),
    "skos": str(SKOS), "dcterms": str(DCTERMS), "schema": str(SCHEMA), "prov": str(PROV),
    "sem": str(SEM), "wd": str(WD),
}


def all_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefix → namespace for the vocabularies newskg uses and instance IRIs under `base`."""
    return {**VOCAB_PREFIXES, **instance_prefixes(base)}


def new_dataset(store: str = DEFAULT_STORE, base: str = DEFAULT_BASE,
                location: str | os.PathLike | None = None, read_only: bool = False) -> Dataset:
    """A Dataset on the named store, with newskg's prefixes bound.

    "oxigraph-disk" keeps its data in a temporary folder, removed when the Dataset is garbage
    collected or the program ends — or, with `location`, in that folder (an Oxigraph store, created
    if missing, kept afterwards, and reopened with what it holds; `read_only` opens an existing
    folder for reading only, which works while another process writes to it).

    >>> ds = new_dataset("memory")
    >>> len(ds), ds.default_union
    (0, False)
    """
    if store in ("oxigraph", "oxigraph-disk"):
        from oxrdflib import OxigraphStore
        if location is not None:
            native = open_folder(location, read_only)
        elif store == "oxigraph":
            native = ox.Store()
        else:
            remove_stale(tempfile.gettempdir(), "newskg-store-")    # left by killed runs
            folder = tempfile.mkdtemp(prefix=owned_prefix("newskg-store-"))
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


def open_folder(location: str | os.PathLike, read_only: bool = False) -> ox.Store:
    """The Oxigraph store in folder `location` (created when missing, unless `read_only`).

    Raises InputError naming the folder when it is not a store, is missing (read-only), or is
    held by another process (RocksDB allows one writer: stop it, or open the folder read-only).
    """
    path = Path(location)
    if path.exists() and not path.is_dir():
        raise InputError(str(path), "not a folder (an Oxigraph store is a folder)")
    if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").exists():
        raise InputError(str(path), "this folder is not an Oxigraph store (it holds other files)")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except FileNotFoundError:
        raise InputError(str(path), "no Oxigraph store in this folder") from None
    except (OSError, RuntimeError) as exc:
        if "lock" in str(exc).lower():
            raise InputError(str(path), "the store is in use by another process (one process "
                                        "at a time may write to it; `newskg query` can read it "
                                        "meanwhile)") from None
        raise InputError(str(path), f"cannot open the store: {exc}") from None


def add_quads(dataset: Dataset, quads: Iterable[tuple], merged: Mapping | None = None) -> None:
    """Add (s, p, o, graph IRI) quads: each into its named graph, and into the merge.

    `merged` maps (node, predicate) to the values the merge gives it instead (resolution's merged
    view, `newskg.resolve.Resolution.merged`): the merge's values of that pair become exactly
    those, whatever it held and whatever the quads state of it.

    >>> from rdflib import URIRef as U
    >>> ds = new_dataset("memory")
    >>> g1, g2, s, p = U("http://ex.org/g1"), U("http://ex.org/g2"), U("http://ex.org/s"), U("http://ex.org/p")
    >>> add_quads(ds, [(s, p, Literal("x"), g1), (s, p, Literal("x"), g2)])
    >>> len(ds.default_graph), len(list(ds.quads((None, None, None, None))))
    (1, 3)
    >>> add_quads(ds, [(s, RDFS.label, Literal("y"), g2)], {(s, RDFS.label): (Literal("z"),)})
    >>> sorted(str(o) for o in ds.default_graph.objects(s, RDFS.label)), str(ds.graph(g2).value(s, RDFS.label))
    (['z'], 'y')
    """
    quads = list(quads)
    merged = dict(merged or {})
    default = DATASET_DEFAULT_GRAPH_ID
    copies = [(s, p, o, default) for s, p, o, g in quads
              if _graph_id(g) != default and (s, p) not in merged]
    values = [(s, p, v, default) for (s, p), vs in merged.items() for v in vs]
    native = _ox_store(dataset)
    endpoint = endpoint_of(dataset)
    if endpoint is not None:       # one request: the article and the merge change together
        endpoint.write((_to_ox_quad(q) for q in [*quads, *copies, *values]),
                       clear=[(_to_ox(s), _to_ox(p)) for s, p in merged])
        return
    # stale merged values go first: a crash before the article is written leaves a merge without
    # them (the article is read again), never one with two dates for an event
    stale = [q for (s, p), vs in merged.items()
             for q in _all_quads(dataset, s, p, None, default) if q[2] not in vs]
    _remove_raw(dataset, stale)
    if native is not None:      # straight into Oxigraph: rdflib's addN converts quad by quad
        batch = [_to_ox_quad(q) for q in [*quads, *copies, *values]]
        native.bulk_extend(batch) if len(batch) >= BULK_FROM else native.extend(batch)
        return
    dataset.addN(quads)
    dataset.addN([*copies, *values])


# Below this many quads a transaction (`extend`) is far cheaper than Oxigraph's bulk loader, which
# sets up sorted files for each call (0.16 s for one article's few hundred quads on disk).
BULK_FROM = 50_000


def with_merge(quads: list[ox.Quad]) -> list[ox.Quad]:
    """The quads of a graph file and the merge they give: copies of the named quads in the default
    graph, except where the file's default graph states a node's values of a merged predicate
    (those values are the merge's: see `merge_of`).

    >>> n, g = ox.NamedNode("http://ex.org/n"), ox.NamedNode("http://ex.org/g")
    >>> d = ox.NamedNode(str(NKG.date))
    >>> q = [ox.Quad(n, d, ox.Literal("2022-09"), g), ox.Quad(n, d, ox.Literal("2022-09-14"), ox.DefaultGraph())]
    >>> sorted(x.object.value for x in with_merge(q) if x.graph_name == ox.DefaultGraph())
    ['2022-09-14']
    """
    pinned = _pinned_pairs(q for q in quads if isinstance(q.graph_name, ox.DefaultGraph))
    default = ox.DefaultGraph()
    return quads + [ox.Quad(q.subject, q.predicate, q.object, default) for q in quads
                    if not isinstance(q.graph_name, ox.DefaultGraph)
                    and (q.subject, q.predicate) not in pinned]


def _pinned_pairs(default_quads) -> set:
    """(subject, predicate) pairs of merged predicates that default-graph quads state."""
    return {(q.subject, q.predicate) for q in default_quads if q.predicate in _MERGED_OX}


def merge_of(named: Iterable[tuple], default: Iterable[tuple], merged_predicates) -> set:
    """The merge of a dataset's statements: the (s, p, o) triples of its default graph and of its
    named graphs, except that where the default graph states a (subject, merged predicate) pair,
    the named graphs' values of that pair are not the merge's (the default graph's are).  Terms of
    any one library; `merged_predicates` in the same one (`MERGED_PREDICATES` for rdflib terms).

    >>> sorted(merge_of([("n", "date", "2022-09"), ("n", "x", "1")], [("n", "date", "2022-09-14")], {"date"}))
    [('n', 'date', '2022-09-14'), ('n', 'x', '1')]
    """
    default = set(default)
    pinned = {(s, p) for s, p, _ in default if p in merged_predicates}
    return default | {t for t in named if (t[0], t[1]) not in pinned}


def triple_count(dataset: Dataset) -> int:
    """The number of distinct statements (the size of the merged default graph)."""
    native = _ox_store(dataset)
    if native is not None:
        result = native.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(result))["n"].value)
    endpoint = endpoint_of(dataset)
    if endpoint is not None:
        solution = next(iter(endpoint.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))
        return int(solution["n"].value)
    return len(dataset.default_graph)


def load_graph(path: str | os.PathLike, dataset: Dataset | None = None,
               store: str = DEFAULT_STORE) -> Dataset:
    """The dataset with the graph file at `path` added (a new one on `store` if none given).

    The format comes from the suffix (see READ_FORMATS); triples of Turtle, N-Triples, RDF/XML go
    to the default graph, named graphs of TriG, N-Quads and JSON-LD stay named (and are merged into
    the default graph, the file's merged view kept: see `with_merge`).  Into an empty Oxigraph
    store the file streams through Oxigraph's bulk loader, however big (a syntax error then leaves
    that store with what came before it); into any other store the whole file is parsed before
    anything is added.  Raises InputError naming the file (and line, when the parser says) when it
    is missing or not well-formed.
    """
    p = Path(path)
    fmt = READ_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(str(p), f"unknown graph file suffix {p.suffix!r}; use one of "
                                 f"{', '.join(READ_FORMATS)}")
    if not p.is_file():
        raise InputError(str(p), "no such file")
    ds = dataset if dataset is not None else new_dataset(store)
    native = _ox_store(ds)
    try:
        if native is not None and _is_empty(native):
            bulk_load_file(native, p, fmt, keep_merged=_MERGED_OX)
            return ds
        quads = with_merge(list(ox.parse(path=str(p), format=fmt)))
    except (SyntaxError, ValueError, OSError) as exc:
        line = getattr(exc, "lineno", None)
        detail = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        raise InputError(str(p), f"not a valid {fmt.name} file: {detail}", line=line) from exc
    if native is not None:
        native.bulk_extend(quads) if len(quads) >= BULK_FROM else native.extend(quads)
    elif endpoint_of(ds) is not None:
        endpoint_of(ds).write(quads)
    else:
        _add_raw(ds, [(_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object),
                       DATASET_DEFAULT_GRAPH_ID if isinstance(q.graph_name, ox.DefaultGraph)
                       else _from_ox(q.graph_name)) for q in quads])
    return ds


def _is_empty(native: ox.Store) -> bool:
    return next(iter(native.quads_for_pattern(None, None, None, None)), None) is None


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


#: graphs with more quads than this are written as a stream, in the store's order (not sorted)
STREAM_FROM = 100_000


def write_graph(dataset: Dataset, path: str | os.PathLike, base: str = DEFAULT_BASE) -> Path:
    """Write the dataset to `path` in the format its suffix names; returns the path.

    `.trig`, `.nq` and `.jsonld` keep one named graph per article (and in the default graph only
    statements no named graph holds, and a node's values of a merged predicate where the merge's
    are not all its graphs' values: see `merge_of`); `.ttl`, `.nt` and `.rdf` write the merge.
    Output is sorted (the same graph gives the same file) and written to a temporary file in the same
    folder that replaces `path` only once complete.  A graph of more than STREAM_FROM quads in an
    Oxigraph or remote store (except to JSON-LD) is streamed instead, in the store's own order:
    memory stays flat, and a store folder still gives the same file for the same graph.
    """
    p = check_output_path(path)
    fmt = WRITE_FORMATS[p.suffix.lower()]
    pre = all_prefixes(base)
    named_format = p.suffix.lower() in NAMED_GRAPH_SUFFIXES
    native, endpoint = _ox_store(dataset), endpoint_of(dataset)
    if fmt != "json-ld" and ((endpoint is not None and _remote_quad_count(endpoint) > STREAM_FROM)
                             or (native is not None and _more_quads_than(native, STREAM_FROM))):
        quads = (_stream_remote(endpoint, named_format) if endpoint is not None
                 else _stream_native(native, named_format))
        with atomic_file(p) as fh:
            ox.serialize(quads, fh, format=fmt, prefixes=pre)
        return p
    if native is not None:
        everything = native.quads_for_pattern(None, None, None, None)
    elif endpoint is not None:
        everything = itertools.chain(
            (ox.Quad(r["s"], r["p"], r["o"], r["g"])
             for r in endpoint.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")),
            (ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
             for t in endpoint.construct("CONSTRUCT WHERE { ?s ?p ?o }")))
    else:
        everything = (_to_ox_quad(q) for q in dataset.quads((None, None, None, None)))
    named, default = set(), set()
    for quad in everything:
        (default if isinstance(quad.graph_name, ox.DefaultGraph) else named).add(quad)
    if named_format:
        # the default graph is the merge of the named ones: write only what it holds beyond them,
        # and the merged view where it is not simply every graph's values
        in_named, in_default = {q.triple for q in named}, {q.triple for q in default}
        differ = {(q.subject, q.predicate) for q in named
                  if q.predicate in _MERGED_OX and q.triple not in in_default}
        quads = sorted(named | {q for q in default if q.triple not in in_named
                                or (q.subject, q.predicate) in differ}, key=_quad_order)
    else:
        quads = sorted((ox.Triple(*t) for t in merge_of(
            ((q.subject, q.predicate, q.object) for q in named),
            ((q.subject, q.predicate, q.object) for q in default), _MERGED_OX)), key=_quad_order)
    if fmt == "json-ld":
        data = _jsonld(quads, pre)
    else:
        data = ox.serialize(quads, format=fmt, prefixes=pre)
    atomic_write_bytes(p, data)
    return p


def _more_quads_than(native: ox.Store, n: int) -> bool:
    for i, _ in enumerate(native.quads_for_pattern(None, None, None, None)):
        if i >= n:
            return True
    return False


def _remote_quad_count(endpoint) -> int:
    row = next(iter(endpoint.select("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION "
                                    "{ GRAPH ?g { ?s ?p ?o } } }")))
    return int(row["n"].value)


def _stream_native(native: ox.Store, named_format: bool):
    """The quads to write, read from the store as they are written (see write_graph)."""
    default = ox.DefaultGraph()
    if not named_format:        # the merge: the default graph holds every statement once
        yield from (q.triple for q in native.quads_for_pattern(None, None, None, default))
        return
    for g in native.named_graphs():
        yield from native.quads_for_pattern(None, None, None, g)
    for q in native.quads_for_pattern(None, None, None, default):
        if not any(not isinstance(other.graph_name, ox.DefaultGraph)
                   for other in native.quads_for_pattern(q.subject, q.predicate, q.object, None)):
            yield q
        elif q.predicate in _MERGED_OX and any(   # a merged value where a graph states another
                not isinstance(other.graph_name, ox.DefaultGraph) and
                next(iter(native.quads_for_pattern(q.subject, q.predicate, other.object, default)),
                     None) is None
                for other in native.quads_for_pattern(q.subject, q.predicate, None, None)):
            yield q


def _stream_remote(endpoint, named_format: bool):
    if not named_format:
        yield from endpoint.construct("CONSTRUCT WHERE { ?s ?p ?o }")
        return
    for row in endpoint.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"):
        yield ox.Quad(row["s"], row["p"], row["o"], row["g"])
    for row in endpoint.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o "
                               "FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"):
        yield ox.Quad(row["s"], row["p"], row["o"], ox.DefaultGraph())
    merged = " ".join(str(p) for p in sorted(_MERGED_OX, key=str))
    for row in endpoint.select(     # the merged view where a graph states another value
            f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {merged} }} ?s ?p ?o "
            "FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } "
            "FILTER EXISTS { GRAPH ?h { ?s ?p ?x } FILTER NOT EXISTS { ?s ?p ?x } } }"):
        yield ox.Quad(row["s"], row["p"], row["o"], ox.DefaultGraph())


@contextlib.contextmanager
def atomic_file(path: Path):
    """A binary file to write `path` through: it replaces `path` only once closed without error,
    so readers see either the old file or the complete new one."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    remove_stale(folder, f".{path.name}.", ".tmp")      # partial files of killed runs
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=owned_prefix(f".{path.name}."), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
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


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see either the old file or the complete new one."""
    with atomic_file(path) as fh:
        fh.write(data)


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


def reopen_folder(dataset: Dataset, location: str | os.PathLike) -> None:
    """Flush the Oxigraph store folder under `dataset` and open it afresh, in place.

    RocksDB's read caches, which pyoxigraph does not let us size, grow as a long run reads while it
    writes (resolution does): ~200 MB after a million quads written and looked up (measured).
    Opening the folder again empties them, so a long `--into` run keeps a flat footprint
    (benchmarks/memory.py); everything is on disk after the flush, nothing is lost.
    """
    store = dataset.store         # oxrdflib's OxigraphStore: the pyoxigraph Store is its `_store`
    store._store.flush()
    store._store = None           # the last reference: RocksDB closes and releases its lock
    store._store = open_folder(location)


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
    return list(_iter_quads(dataset, s, p, o, g))


def _iter_quads(dataset: Dataset, s=None, p=None, o=None, g=None):
    native = _ox_store(dataset)
    if native is not None:
        graph = None if g is None else (ox.DefaultGraph() if g == DATASET_DEFAULT_GRAPH_ID else _to_ox(g))
        for q in native.quads_for_pattern(None if s is None else _to_ox(s),
                                          None if p is None else _to_ox(p),
                                          None if o is None else _to_ox(o), graph):
            gid = DATASET_DEFAULT_GRAPH_ID if isinstance(q.graph_name, ox.DefaultGraph) \
                else _from_ox(q.graph_name)
            yield _from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object), gid
        return
    endpoint = endpoint_of(dataset)
    if endpoint is not None:
        given = (s, p, o)
        pattern = " ".join(_term_text(t) if t is not None else f"?{v}" for v, t in zip("spo", given))
        spo = lambda row: tuple(t if t is not None else _from_ox(row[v]) for v, t in zip("spo", given))
        if g is None or g != DATASET_DEFAULT_GRAPH_ID:
            graph = _term_text(g) if g is not None else "?g"
            for row in endpoint.select(f"SELECT * WHERE {{ GRAPH {graph} {{ {pattern} }} }}"):
                yield (*spo(row), g if g is not None else _from_ox(row["g"]))
        if g is None or g == DATASET_DEFAULT_GRAPH_ID:
            for row in endpoint.select(f"SELECT * WHERE {{ {pattern} }}"):
                yield (*spo(row), DATASET_DEFAULT_GRAPH_ID)
        return
    # rdflib's Dataset.quads ignores the graph of the pattern: filter here
    for qs, qp, qo, qg in dataset.quads((s, p, o, None)):
        if g is None or _graph_id(qg) == g:
            yield qs, qp, qo, _graph_id(qg)


def _term_text(term) -> str:
    """A term in N-Triples syntax, for a query or update sent to an endpoint."""
    return str(_to_ox(term))


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
        batch = [_to_ox_quad(q) for q in quads]
        native.bulk_extend(batch) if len(batch) >= BULK_FROM else native.extend(batch)
        return
    for q in quads:
        (dataset.default_graph if q[3] == DATASET_DEFAULT_GRAPH_ID else dataset.graph(q[3])).add(q[:3])


def triples_of(dataset: Dataset, predicates: Iterable) -> list[tuple]:
    """The merged (default-graph) triples with one of the given predicates."""
    return list(iter_triples(dataset, [(p, None) for p in predicates]))


def iter_triples(dataset: Dataset, patterns: Iterable[tuple]):
    """The merged (default-graph) triples matching each (predicate, object or None) pattern in
    turn, read as they are used (a store folder or endpoint of any size streams through)."""
    endpoint = endpoint_of(dataset)
    for p, o in patterns:
        if endpoint is not None:
            obj = _term_text(o) if o is not None else "?o"
            text = f"CONSTRUCT {{ ?s {_term_text(p)} {obj} }} WHERE {{ ?s {_term_text(p)} {obj} }}"
            for t in endpoint.construct(text):
                yield _from_ox(t.subject), p, _from_ox(t.object)
            continue
        for s, _, obj, _ in _iter_quads(dataset, None, p, o, DATASET_DEFAULT_GRAPH_ID):
            yield s, p, obj


def select(dataset: Dataset, text: str):
    """Rows (dicts of rdflib terms) of a SELECT query run by the store's engine, as they come."""
    native, endpoint = _ox_store(dataset), endpoint_of(dataset)
    if native is not None or endpoint is not None:
        solutions = native.query(text) if native is not None else endpoint.select(text)
        names = [v.value for v in solutions.variables]
        for sol in solutions:
            yield {n: (_from_ox(sol[n]) if sol[n] is not None else None) for n in names}
        return
    result = dataset.query(text)
    for row in result:
        yield {str(v): row[str(v)] for v in result.vars}


def native_query(dataset: Dataset, text: str, values: dict, prefixes: dict[str, str]):
    """Run a query on the Oxigraph store under `dataset` itself: Rows for SELECT, a bool for ASK,
    an rdflib Graph for CONSTRUCT / DESCRIBE; None when the dataset is not Oxigraph-backed.

    Same answers as `dataset.query` through oxrdflib, but each distinct term of the answer is
    turned into an rdflib term once (rows repeat names and titles: on the saved queries over a
    million triples this took a fifth of the time).  `values` are rdflib terms bound by the engine.
    """
    native = _ox_store(dataset)
    if native is None:
        return None
    result = native.query(text, prefixes=prefixes,
                          substitutions={ox.Variable(k): _to_ox(v) for k, v in values.items()})
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    memo: dict = {}

    def term(t):
        if t is None:
            return None
        found = memo.get(t)
        if found is None:
            found = memo[t] = _from_ox(t)
        return found

    if isinstance(result, ox.QueryTriples):
        graph = Graph()
        for t in result:
            graph.add((term(t.subject), term(t.predicate), term(t.object)))
        return graph
    names = [v.value for v in result.variables]
    return Rows(names, ({n: term(sol[n]) for n in names} for sol in result))


def find_subjects(dataset: Dataset, predicate: URIRef, obj) -> list:
    """Subjects of (?, predicate, obj) in the merge (default graph)."""
    return [t[0] for t in iter_triples(dataset, [(predicate, obj)])]


def has_triple(dataset: Dataset, s, p, o) -> bool:
    """True when the merge (default graph) holds the statement."""
    native, endpoint = _ox_store(dataset), endpoint_of(dataset)
    if native is not None:
        return next(iter(native.quads_for_pattern(_to_ox(s), _to_ox(p), _to_ox(o),
                                                  ox.DefaultGraph())), None) is not None
    if endpoint is not None:
        return endpoint.ask(f"ASK {{ {_term_text(s)} {_term_text(p)} {_term_text(o)} }}")
    return (s, p, o) in dataset.default_graph


def graph_quads(dataset: Dataset, graph: URIRef) -> list[tuple]:
    """The quads of one named graph."""
    endpoint = endpoint_of(dataset)
    if endpoint is not None:       # Graph Store Protocol
        return [(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object), graph)
                for t in endpoint.graph(str(graph))]
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
    endpoint = endpoint_of(dataset)
    if endpoint is not None:
        g = _term_text(graph)
        endpoint.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} FILTER NOT EXISTS "
                        f"{{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }} ;\n"
                        f"DROP SILENT GRAPH {g}")
        return len(quads)
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
    if old == new:
        return 0
    endpoint = endpoint_of(dataset)
    if endpoint is not None:       # one update request: the server renames in one transaction
        o, n = _term_text(old), _term_text(new)
        count = sum(1 for _ in endpoint.select(
            f"SELECT * WHERE {{ {{ GRAPH ?g {{ {o} ?p ?x }} }} UNION {{ GRAPH ?g {{ ?x ?p {o} }} }} "
            f"UNION {{ {o} ?p ?x }} UNION {{ ?x ?p {o} }} }}"))
        if count:
            endpoint.update(" ;\n".join([
                f"DELETE {{ GRAPH ?g {{ {o} ?p ?x }} }} INSERT {{ GRAPH ?g {{ {n} ?p ?x }} }} "
                f"WHERE {{ GRAPH ?g {{ {o} ?p ?x }} }}",
                f"DELETE {{ GRAPH ?g {{ ?x ?p {o} }} }} INSERT {{ GRAPH ?g {{ ?x ?p {n} }} }} "
                f"WHERE {{ GRAPH ?g {{ ?x ?p {o} }} }}",
                f"DELETE {{ {o} ?p ?x }} INSERT {{ {n} ?p ?x }} WHERE {{ {o} ?p ?x }}",
                f"DELETE {{ ?x ?p {o} }} INSERT {{ ?x ?p {n} }} WHERE {{ ?x ?p {o} }}"]))
        return count
    quads = {q for q in _all_quads(dataset, s=old)} | {q for q in _all_quads(dataset, o=old)}
    if not quads:
        return 0
    _remove_raw(dataset, quads)
    swap = lambda t: new if t == old else t
    _add_raw(dataset, {(swap(s), p, swap(o), g) for s, p, o, g in quads})
    return len(quads)


def statements_by_graph(dataset: Dataset, node: URIRef, predicates: Iterable) -> dict:
    """What each named graph states of `node` with the given predicates: graph IRI → predicate →
    objects (in the store's order)."""
    out: dict = {}
    for p in predicates:
        for _, _, o, g in _iter_quads(dataset, node, p):
            if g != DATASET_DEFAULT_GRAPH_ID:
                out.setdefault(g, {}).setdefault(p, []).append(o)
    return out
