"""Big graph files into an empty Oxigraph store, as fast as Oxigraph's bulk loader goes.

Oxigraph's bulk loader parses one file on one thread.  N-Triples and N-Quads are one statement a
line, so a big file is cut at line breaks into one part per core and the parts are bulk-loaded side
by side (pyoxigraph lets go of Python while it loads): on two cores 1.04 million triples load at
~330k triples/s instead of ~190k (benchmarks/RESULTS.md).  Other formats load in one piece.
Named quads are also copied into the default graph, newskg's merge of all graphs; those copies go
through one more pass over the file (a node's values of a merged predicate that the file's default
graph states stay the merge's: `newskg.graph.layout.with_merge`).
"""
from __future__ import annotations

import io
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

#: formats with one statement per line, which can be cut anywhere between lines
LINE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)
#: files smaller than this load in one part (threads are not worth it)
SPLIT_FROM = 32 << 20


def bulk_load_file(native: ox.Store, path: str | os.PathLike, fmt: ox.RdfFormat,
                   parts: int | None = None, keep_merged=frozenset()) -> None:
    """Stream a graph file into an empty Oxigraph store with its bulk loader, named quads also into
    the merge, except a (subject, predicate) pair of a predicate in `keep_merged` that the file's
    default graph states (its values there are the merge's); memory stays flat whatever the file's
    size.  Not atomic: use on a store that can be thrown away if the file turns out broken.  A
    syntax error is raised as SyntaxError with the line number in the whole file."""
    path = Path(path)
    if parts is None:
        parts = (os.cpu_count() or 1) if path.stat().st_size >= SPLIT_FROM else 1
    ranges = line_ranges(path, parts) if fmt in LINE_FORMATS else [(0, path.stat().st_size)]
    if len(ranges) == 1:
        _load_range(native, path, fmt, *ranges[0])
    else:
        with ThreadPoolExecutor(len(ranges)) as pool:
            for future in [pool.submit(_load_range, native, path, fmt, *r) for r in ranges]:
                future.result()
    if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        return                              # triples only: nothing named to merge

    default = ox.DefaultGraph()
    kept = {(q.subject, q.predicate) for p in keep_merged      # the default graph is the file's yet
            for q in native.quads_for_pattern(None, p, None, default)}

    def merge_copies(quads):
        for q in quads:
            if not isinstance(q.graph_name, ox.DefaultGraph) and (q.subject, q.predicate) not in kept:
                yield ox.Quad(q.subject, q.predicate, q.object, default)
    native.bulk_extend(merge_copies(ox.parse(path=str(path), format=fmt, lenient=True)))


def line_ranges(path: Path, parts: int) -> list[tuple[int, int]]:
    """(start, end) byte offsets cutting the file into up to `parts` pieces at line breaks."""
    size = path.stat().st_size
    cuts = [0]
    with open(path, "rb") as fh:
        for k in range(1, parts):
            fh.seek(max(size * k // parts, cuts[-1]))
            fh.readline()                     # to the end of the line the cut fell in
            if fh.tell() >= size:
                break
            if fh.tell() > cuts[-1]:
                cuts.append(fh.tell())
    cuts.append(size)
    return list(zip(cuts, cuts[1:]))


def _load_range(native: ox.Store, path: Path, fmt: ox.RdfFormat, start: int, end: int) -> None:
    if start == 0 and end == path.stat().st_size:
        source = {"path": str(path)}
    else:
        source = {"input": io.BufferedReader(_Range(path, start, end), 1 << 20)}
    try:
        native.bulk_load(format=fmt, **source)
    except SyntaxError as exc:
        if start and exc.lineno:                  # the part's line number → the file's
            exc.lineno += _lines_before(path, start)
        raise
    finally:
        if "input" in source:
            source["input"].close()


def _lines_before(path: Path, offset: int) -> int:
    """How many line breaks the file has before byte `offset`."""
    count, left = 0, offset
    with open(path, "rb") as fh:
        while left > 0:
            chunk = fh.read(min(left, 8 << 20))
            if not chunk:
                break
            count += chunk.count(b"\n")
            left -= len(chunk)
    return count


class _Range(io.RawIOBase):
    """Bytes `start` to `end` of a file, read as a file of their own."""

    def __init__(self, path: Path, start: int, end: int):
        self._fh = open(path, "rb")
        self._fh.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[:min(len(buffer), self._left)]
        n = self._fh.readinto(view)
        self._left -= n
        return n

    def close(self) -> None:
        self._fh.close()
        super().close()
