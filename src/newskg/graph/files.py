"""Graph files in and out of a store, by suffix; writing is atomic.

Reading: `load_graph` adds a file to a store (a new one if none is given).  Triples of Turtle,
N-Triples, RDF/XML go to the default graph; named graphs of TriG, N-Quads and JSON-LD stay named
and are merged into the default graph (`newskg.graph.layout.with_merge`).  Files are parsed by
Oxigraph's parsers: fast, strict, with line numbers in errors.

Writing: `write_graph` writes a store to a file: the file appears complete or the previous file
stays as it was.  Output is sorted (the same graph gives the same file); a big store is written as
a stream instead, in its own order (`STREAM_FROM`).
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..tempfiles import owned_prefix, remove_stale
from ..vocab.iris import all_prefixes
from ..vocab.namespaces import DEFAULT_BASE, RDF
from .backends import DEFAULT_STORE, open_store
from .layout import file_quads
from .store import Store

# suffix → format
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

#: graphs with more quads than this are written as a stream, in the store's order (not sorted)
STREAM_FROM = 100_000


def load_graph(path: str | os.PathLike, store: Store | None = None, kind: str = DEFAULT_STORE,
               base: str = DEFAULT_BASE) -> Store:
    """The store with the graph file at `path` added (a new temporary one of `kind` if none given).

    Raises InputError naming the file (and line, when the parser says) when it is missing or not
    well-formed.
    """
    p = Path(path)
    fmt = READ_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(str(p), f"unknown graph file suffix {p.suffix!r}; use one of "
                                 f"{', '.join(READ_FORMATS)}")
    if not p.is_file():
        raise InputError(str(p), "no such file")
    store = store if store is not None else open_store(kind, base)
    try:
        store.load_file(p, fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        line = getattr(exc, "lineno", None)
        detail = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        raise InputError(str(p), f"not a valid {fmt.name} file: {detail}", line=line) from exc
    return store


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


def write_graph(store: Store, path: str | os.PathLike, base: str = DEFAULT_BASE) -> Path:
    """Write the store to `path` in the format its suffix names; returns the path.

    `.trig`, `.nq` and `.jsonld` keep one named graph per article and the merge of them all in
    their default graph (`layout.file_quads`); `.ttl`, `.nt` and `.rdf` write the merge (`.rdf`
    with the characters XML 1.0 cannot hold as U+FFFD: `xml_safe`).  Output is sorted and
    written to a temporary file in the same folder that replaces `path` only once complete.  A
    store of more than STREAM_FROM quads (except to JSON-LD) is streamed instead, in the store's own
    order: memory stays flat, and a store folder still gives the same file for the same graph.
    """
    p = check_output_path(path)
    fmt = WRITE_FORMATS[p.suffix.lower()]
    pre = all_prefixes(base)
    named_format = p.suffix.lower() in NAMED_GRAPH_SUFFIXES
    if fmt != "json-ld" and store.more_quads_than(STREAM_FROM):
        quads = store.export_stream(named_format)
        with atomic_file(p) as fh:
            ox.serialize(xml_safe(quads) if fmt == ox.RdfFormat.RDF_XML else quads, fh,
                         format=fmt, prefixes=pre)
        return p
    quads = file_quads(store.all_quads(), named_format)
    if fmt == ox.RdfFormat.RDF_XML:
        quads = list(xml_safe(quads))
    if fmt == "json-ld":
        data = _jsonld(quads, pre)
    else:
        data = ox.serialize(quads, format=fmt, prefixes=pre)
    atomic_write_bytes(p, data)
    return p


#: characters XML 1.0 cannot hold, escaped or not: C0 controls but tab, line feed and carriage
#: return, lone surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(items):
    """Triples or quads whose literals RDF/XML can hold: a character XML 1.0 cannot hold (escaped
    or not) becomes U+FFFD.  Every other format keeps the text exactly.

    >>> t = ox.Triple(ox.NamedNode("http://ex.org/s"), ox.NamedNode("http://ex.org/p"), ox.Literal("a\x01b"))
    >>> [x.object.value for x in xml_safe([t])]
    ['a\ufffdb']
    """
    for item in items:
        obj = item.object
        if isinstance(obj, ox.Literal) and _NOT_XML.search(obj.value):
            value = _NOT_XML.sub("\ufffd", obj.value)
            obj = (ox.Literal(value, language=obj.language) if obj.language
                   else ox.Literal(value, datatype=obj.datatype))
            item = (ox.Quad(item.subject, item.predicate, obj, item.graph_name)
                    if isinstance(item, ox.Quad) else ox.Triple(item.subject, item.predicate, obj))
        yield item


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
