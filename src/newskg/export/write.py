"""Writes a `Network` as GraphML or GEXF (through networkx's writers) or as the CSV files of
`neo4j-admin database import`.  Every file is written to a temporary file next to it and moved
into place, so an interrupted export never leaves half a file, and a killed export's temporary
is removed by the next one (`newskg.tempfiles`).
"""
from __future__ import annotations

import csv
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..tempfiles import owned_prefix, remove_stale
from .read import Network

FORMATS = ("graphml", "gexf", "neo4j")
NEO4J_FILES = ("nodes.csv", "relationships.csv")


class ExportError(Exception):
    """An export that cannot be written (the message names the output)."""


@contextmanager
def _atomic(path: Path, mode: str = "wb", **kwargs):
    """A file object writing to a temporary file beside `path` (`.<name>.<pid>-….tmp`, removed by
    the next export when a killed one left it), moved onto `path` on success."""
    remove_stale(path.parent, f".{path.name}.", ".tmp")
    fd, tmp = tempfile.mkstemp(prefix=owned_prefix(f".{path.name}."), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def to_networkx(net: Network):
    """A networkx MultiDiGraph of the network: node and edge attributes as strings (an edge's key
    and its `relation` and `label` are its type: PARTICIPANT, LOCATION, …); attributes a node
    does not have are left out."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for iri, attrs in net.nodes.items():
        graph.add_node(iri, **{k: (";".join(v) if isinstance(v, list) else v)
                               for k, v in attrs.items()})
    for source, target, kind, attrs in net.edges:
        graph.add_edge(source, target, key=kind, relation=kind, label=kind, **attrs)
    return graph


def write_network(net: Network, fmt: str, out: str | os.PathLike) -> list[Path]:
    """Write `net` in `fmt` (graphml, gexf: one file OUT; neo4j: a folder OUT holding nodes.csv and
    relationships.csv, created if missing).  Returns the files written; raises ExportError when
    OUT cannot be written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    out = Path(out)
    try:
        if fmt == "neo4j":
            if out.exists() and not out.is_dir():
                raise ExportError(f"{out}: exists and is not a folder (neo4j writes a folder of CSV files)")
            out.mkdir(exist_ok=True)
            return _write_neo4j(net, out)
        if out.is_dir():
            raise ExportError(f"{out}: is a folder; give a file name for {fmt}")
        import networkx as nx
        writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
        with _atomic(out) as fh:
            writer(to_networkx(net), fh)
        return [out]
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None


def _write_neo4j(net: Network, folder: Path) -> list[Path]:
    langs = net.languages
    node_cols = ["iri:ID", ":LABEL", "label", *(f"label_{lang}" for lang in langs), "type", "qid",
                 "date", "status"]
    with _atomic(folder / "nodes.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(node_cols)
        for iri, a in net.nodes.items():
            labels = ";".join(dict.fromkeys([a["group"].capitalize(), *a["types"]]))
            w.writerow([iri, labels, a["label"], *(a.get(f"label_{lang}", "") for lang in langs),
                        a["type"], a.get("qid", ""), a.get("date", ""), a.get("status", "")])
    with _atomic(folder / "relationships.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([":START_ID", ":END_ID", ":TYPE", "date", "status", "title"])
        for source, target, kind, a in net.edges:
            w.writerow([source, target, kind, a.get("date", ""), a.get("status", ""),
                        a.get("title", "")])
    return [folder / name for name in NEO4J_FILES]
